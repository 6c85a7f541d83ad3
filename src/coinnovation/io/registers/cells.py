"""Cells: what a register's cells hold, as text, dates, times and vocabulary values.

Private to :mod:`coinnovation.io.registers`. Excel formula and error cells are kept as
:class:`_Formula` and :class:`_ExcelError`; :func:`_text` shows any cell as text;
:func:`_parse_date` and :func:`_parse_time` read the dates and times people type (ISO, day
first as in the UK, or in words; month-first numeric dates are refused, not guessed); the
synonym tables read everyday words for roles, sectors and consent.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Final, TypeVar

import attrs

__all__ = ["MAX_CELL_LENGTH"]

#: The most characters a cell of an imported column may hold; longer cells are bad rows.
MAX_CELL_LENGTH: Final = 1_000

_E = TypeVar("_E", bound=StrEnum)


# -- cell values ----------------------------------------------------------------------------


@attrs.frozen
class _Formula:
    """An Excel formula cell: read as its text."""

    text: str


@attrs.frozen
class _ExcelError:
    """An Excel error value (``#N/A``, ``#REF!`` …)."""

    code: str


def _text(value: object) -> str:
    """A cell's value as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _Formula):
        return value.text
    if isinstance(value, _ExcelError):
        return value.code
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# The control characters (Unicode's category Cc: U+0000-U+001F and U+007F-U+009F) but tab,
# line feed and carriage return.
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _first_control(text: str) -> str | None:
    """The first control character in the text (but tab, line feed and carriage return)."""
    found = _CONTROL.search(text)
    return found.group() if found is not None else None


def _token(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


# -- dates and times -----------------------------------------------------------------------


_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_TIME_PART = r"(?:[T ]+(?P<time>\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?))?"
_ISO = re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})" + _TIME_PART, re.I)
_DAY_FIRST = re.compile(
    _WEEKDAY + r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})" + _TIME_PART, re.I
)
_WORDS = re.compile(
    _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?,?\s+(?P<y>\d{4})", re.I
)
_US_WORDS = re.compile(
    _WEEKDAY + r"(?P<month>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I
)
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?\s*(?P<ampm>[ap])?\.?(?:m\.?)?",
    re.I,
)
_DATE_HINT: Final = "write it as 2023-06-22, 22/06/2023 (day first) or 22 June 2023"
_TIME_HINT: Final = "write it as 09:30, 14:00 or 2:30pm"


def _parse_time(text: str) -> time | None:
    match = _TIME.fullmatch(text.strip())
    if match is None or (match["m"] is None and match["ampm"] is None):
        return None
    hour, minute, second = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _parse_date(text: str) -> tuple[date, time | None]:
    """A date (and a time, if the text has one); raises ValueError with the reason."""
    text = text.strip()
    for pattern in (_ISO, _DAY_FIRST, _WORDS, _US_WORDS):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        if "month" in groups:
            month = _MONTHS.get(groups["month"].casefold())
            if month is None:
                raise ValueError(f"unparseable date {_shown(text)}: unknown month; {_DATE_HINT}")
        else:
            month = int(groups["m"])
        year = int(groups["y"])
        if year < 100:
            year += 2000
        day = int(groups["d"])
        if pattern is _DAY_FIRST and month > 12 and day <= 12:
            raise ValueError(
                f"unparseable date {_shown(text)}: there is no month {month} — dates are read "
                "day first (22/06/2023), not month first"
            )
        try:
            found = date(year, month, day)
        except ValueError as error:
            raise ValueError(f"no such date {_shown(text)}: {error}") from None
        at = None
        if groups.get("time"):
            at = _parse_time(groups["time"])
            if at is None:
                raise ValueError(f"unparseable time in {_shown(text)}: {_TIME_HINT}")
        return found, at
    raise ValueError(f"unparseable date {_shown(text)}: {_DATE_HINT}")


# -- vocabularies --------------------------------------------------------------------------


_ROLE_SYNONYMS: Final = {
    "organizer": "organiser",
    "attendee": "participant",
    "delegate": "participant",
    "speaker": "presenter",
    "notetaker": "note_taker",
}
_SECTOR_SYNONYMS: Final = {
    "civil_society": "community",
    "voluntary": "community",
    "voluntary_sector": "community",
    "third_sector": "community",
    "vcse": "community",
    "charity": "community",
    "business": "industry",
    "private": "industry",
    "private_sector": "industry",
    "academic": "academia",
    "university": "academia",
    "research": "academia",
    "public": "government",
    "public_sector": "government",
    "local_government": "government",
    "local_authority": "government",
    "council": "government",
    "nhs": "health_service",
    "health": "health_service",
    "healthcare": "health_service",
}
_CONSENT_SYNONYMS: Final = {
    "yes": "named",
    "y": "named",
    "true": "named",
    "no": "pseudonymous",
    "n": "pseudonymous",
    "false": "pseudonymous",
}


def _listed(enum: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum)


def _choice(enum: type[_E], value: object, what: str) -> _E:
    """An argument's value from a vocabulary, or ValueError naming the allowed values."""
    try:
        return enum(str(value))
    except ValueError:
        raise ValueError(f"{what} must be one of {_listed(enum)}, not {value!r}") from None
