"""Parsing a register's rows: each row's cells cleaned, checked and read as values.

Private to :mod:`coinnovation.io.registers`. :class:`_RowParser` turns the cells of one row
into a :class:`_Row` of names, ids, a date and times, roles, a sector, an email, hours, a
level and consent, collecting a problem for every cell that cannot be imported (with its
column) and a warning for every cell imported with a doubt (a formula, say).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

import attrs

from coinnovation._formulas import looks_like_formula
from coinnovation.errors import RowProblem
from coinnovation.io.registers.cells import (
    _CONSENT_SYNONYMS,
    _DATE_HINT,
    _ROLE_SYNONYMS,
    _SECTOR_SYNONYMS,
    _TIME_HINT,
    MAX_CELL_LENGTH,
    _ExcelError,
    _first_control,
    _Formula,
    _listed,
    _parse_date,
    _parse_time,
    _shown,
    _text,
    _token,
)
from coinnovation.models.vocabularies import (
    Consent,
    ParticipationLevel,
    ParticipationRole,
    PersonRole,
    Sector,
)

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

_E = TypeVar("_E", bound=StrEnum)
# A role cell read: the parts played at the session, the person's roles, the unknown parts.
_RoleParts = tuple[tuple[ParticipationRole, ...], tuple[PersonRole, ...], tuple[str, ...]]


@attrs.define
class _Row:
    """One row's cleaned values."""

    number: int
    values: dict[str, str]
    person_name: str = ""
    person_id: str = ""
    organisation_name: str = ""
    organisation_id: str = ""
    session_name: str = ""
    session_id: str = ""
    day: date | None = None
    start: time | None = None
    end: time | None = None
    role: ParticipationRole | None = None
    person_roles: tuple[PersonRole, ...] = ()
    sector: Sector | None = None
    email: str = ""
    hours: Decimal | None = None
    level: ParticipationLevel | None = None
    consent: Consent | None = None

    @property
    def has_organisation(self) -> bool:
        return bool(self.organisation_name or self.organisation_id)


class _RowParser:
    """Cleans and checks the cells of one row, collecting problems and warnings."""

    def __init__(self, source: str, header: list[str], columns: dict[str, int], width: int) -> None:
        self.source = source
        self.header = header
        self.columns = columns
        self.width = width
        self.order = {title: index for index, title in reversed(list(enumerate(header)))}
        self.warnings: list[RowProblem] = []
        self.number = 0
        self.cells: list[object] = []
        self.problems: list[RowProblem] = []
        # What a text reads as, kept by text: a register repeats its dates and roles.
        self.dates: dict[str, tuple[date, time | None] | str] = {}
        self.roles: dict[str, _RoleParts] = {}

    def parse(
        self, number: int, cells: list[object], default_level: ParticipationLevel | None
    ) -> tuple[_Row, list[RowProblem]]:
        self.number = number
        self.cells = cells
        self.problems = []
        values = {
            title: _text(cells[index]) if index < len(cells) else ""
            for index, title in enumerate(self.header)
            if title.strip()
        }
        row = _Row(number, values)
        extra = [cell for cell in cells[self.width :] if _text(cell).strip()]
        if extra:
            self.problems.append(
                RowProblem(
                    self.source,
                    number,
                    None,
                    f"the row has {len(extra)} more filled cell{'s' if len(extra) > 1 else ''} "
                    f"than the header has columns: is there an unquoted comma in a cell?",
                )
            )
        row.person_name = self._text("person")
        row.person_id = self._id("person_id")
        row.organisation_name = self._text("organisation")
        row.organisation_id = self._id("organisation_id")
        row.session_name = self._text("session")
        row.session_id = self._id("session_id")
        row.day, at = self._date()
        row.start = self._time("start_time")
        if row.start is None and at is not None:
            row.start = at
        row.end = self._time("end_time")
        if row.start is not None and row.end is not None and row.end < row.start:
            self._problem(
                "end_time", f"ends ({row.end:%H:%M}) before it starts ({row.start:%H:%M})"
            )
        row.role, row.person_roles = self._roles()
        row.sector = self._vocabulary("sector", Sector, _SECTOR_SYNONYMS, "sector")
        row.email = self._email()
        row.hours = self._hours()
        row.level = (
            self._vocabulary("level", ParticipationLevel, {}, "participation level")
            or default_level
        )
        row.consent = self._vocabulary("consent", Consent, _CONSENT_SYNONYMS, "consent")
        self.problems.sort(key=lambda p: -1 if p.column is None else self.order.get(p.column, -1))
        return row, self.problems

    # -- helpers ----------------------------------------------------------------------------

    def _problem(self, field: str, message: str) -> None:
        column = self.header[self.columns[field]] if field in self.columns else None
        self.problems.append(RowProblem(self.source, self.number, column, message))

    def _warn(self, field: str, message: str) -> None:
        column = self.header[self.columns[field]] if field in self.columns else None
        self.warnings.append(RowProblem(self.source, self.number, column, message))

    def _cell(self, field: str) -> object:
        index = self.columns.get(field)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def _clean(self, field: str, value: object, *, as_text: bool = True) -> str | None:
        """A cell as checked text: None (with a problem) when it cannot be imported.

        Cells imported as text (``as_text``) that start like a formula are flagged.
        """
        if value is None or value == "":
            return ""  # an empty cell, or a column the register does not have
        if isinstance(value, _ExcelError):
            self._problem(field, f"an Excel error value ({value.code}): fix the cell")
            return None
        if isinstance(value, _Formula):
            self._warn(
                field,
                f"a formula ({_shown(value.text)}): imported as its text, not its value",
            )
            text = value.text
        else:
            text = _text(value)
            # A cell starting with an ASCII letter or digit never looks like a formula.
            plain = text[:1].isascii() and text[:1].isalnum()
            if as_text and not plain and looks_like_formula(text):
                self._warn(
                    field,
                    f"{_shown(text)} starts like a spreadsheet formula: imported as text",
                )
        if len(text) > MAX_CELL_LENGTH:
            self._problem(
                field,
                f"the cell holds {len(text):,} characters, more than the limit of "
                f"{MAX_CELL_LENGTH:,}",
            )
            return None
        bad = _first_control(text)
        if bad is not None:
            self._problem(field, f"the cell holds the control character U+{ord(bad):04X}")
            return None
        return " ".join(text.split())

    def _text(self, field: str) -> str:
        if field not in self.columns:
            return ""
        return self._clean(field, self._cell(field)) or ""

    def _id(self, field: str) -> str:
        text = self._text(field)
        if text and (len(text) > 128 or not _ID.fullmatch(text)):
            self._problem(
                field,
                f"{_shown(text)} is not a valid id: use letters, digits and _ . : - "
                "(starting with a letter or digit), at most 128 characters",
            )
            return ""
        return text

    def _date(self) -> tuple[date | None, time | None]:
        value = self._cell("date")
        if isinstance(value, datetime):
            return value.date(), (value.time() if value.time() != time() else None)
        if isinstance(value, date):
            return value, None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            self._problem(
                "date",
                f"{_text(value)} is a number, not a date: format the column as dates, or "
                f"{_DATE_HINT}",
            )
            return None, None
        if isinstance(value, time | timedelta | bool):
            self._problem("date", f"{_shown(_text(value))} is not a date: {_DATE_HINT}")
            return None, None
        text = self._clean("date", value, as_text=False)
        if not text:
            return None, None
        found = self.dates.get(text)
        if found is None:
            try:
                found = _parse_date(text)
            except ValueError as error:
                found = str(error)
            self.dates[text] = found
        if isinstance(found, str):
            self._problem("date", found)
            return None, None
        return found

    def _time(self, field: str) -> time | None:
        value = self._cell(field)
        if isinstance(value, datetime):
            return value.time()
        if isinstance(value, time):
            return value.replace(tzinfo=None)
        if value is not None and not isinstance(value, str | _Formula | _ExcelError):
            self._problem(field, f"{_shown(_text(value))} is not a time: {_TIME_HINT}")
            return None
        text = self._clean(field, value, as_text=False)
        if not text:
            return None
        found = _parse_time(text)
        if found is None:
            self._problem(field, f"unparseable time {_shown(text)}: {_TIME_HINT}")
        return found

    def _vocabulary(
        self, field: str, enum: type[_E], synonyms: Mapping[str, str], what: str
    ) -> _E | None:
        text = self._text(field)
        if not text:
            return None
        token = _token(text)
        try:
            return enum(synonyms.get(token, token))
        except ValueError:
            extra = ""
            if enum is Consent:
                extra = " (or yes, meaning named, and no, meaning pseudonymous)"
            self._problem(
                field, f"unknown {what} {_shown(text)}: use one of {_listed(enum)}{extra}"
            )
            return None

    def _roles(self) -> tuple[ParticipationRole | None, tuple[PersonRole, ...]]:
        text = self._text("role")
        found = self.roles.get(text)
        if found is None:
            found = self.roles[text] = _role_parts(text)
        session_roles, person_roles, unknown = found
        if unknown:
            self._problem(
                "role",
                f"unknown role {_shown(unknown[0])}: use one of {_listed(ParticipationRole)} "
                f"(the part played at the session) or {_listed(PersonRole)} (the person's "
                "roles); separate several with ';'",
            )
        if len(set(session_roles)) > 1:
            self._problem(
                "role",
                "more than one part played at the session: "
                + ", ".join(role.value for role in dict.fromkeys(session_roles)),
            )
        return (session_roles[0] if session_roles else None), tuple(dict.fromkeys(person_roles))

    def _email(self) -> str:
        text = self._text("email")
        if text and not _EMAIL.fullmatch(text):
            self._problem("email", f"{_shown(text)} is not an email address")
            return ""
        return text

    def _hours(self) -> Decimal | None:
        value = self._cell("hours")
        if isinstance(value, bool) or not isinstance(
            value, str | int | float | Decimal | _Formula | _ExcelError | None
        ):
            self._problem("hours", f"{_shown(_text(value))} is not a number of hours")
            return None
        if isinstance(value, int | float | Decimal):
            text = str(value)
        else:
            cleaned = self._clean("hours", value, as_text=False)
            if not cleaned:
                return None
            text = cleaned
        try:
            hours = Decimal(text)
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or hours < 0:
            self._problem("hours", f"{_shown(_text(value))} is not a number of hours (0 or more)")
            return None
        return hours


def _role_parts(text: str) -> _RoleParts:
    """A role cell's parts: the parts played at the session, the person's roles, the unknown."""
    session_roles: list[ParticipationRole] = []
    person_roles: list[PersonRole] = []
    unknown: list[str] = []
    for part in re.split(r"[;,/]", text):
        if not part.strip():
            continue
        token = _token(part)
        token = _ROLE_SYNONYMS.get(token, token)
        if token in ParticipationRole.__members__.values():
            session_roles.append(ParticipationRole(token))
        elif token in PersonRole.__members__.values():
            person_roles.append(PersonRole(token))
        else:
            unknown.append(part.strip())
    return tuple(session_roles), tuple(person_roles), tuple(unknown)
