r"""Presets: attendance as Zoom, Microsoft Teams, Eventbrite and online forms export it.

A :class:`Preset` knows one vendor's documented column layout — the headers (and their
variants across versions), how its dates, times and durations are written, and what
stands above the table — and turns the file's rows into the register's rows before
:func:`~coinnovation.io.registers.read_register` reads them as it reads any register:
the same matching, the same checks, the same report. :data:`PRESETS` holds the four:

- ``zoom``: a Zoom meeting participant report, one row per join: re-joins of one person
  become one participation whose hours are the summed durations; rows of time in the
  waiting room (``In Waiting Room`` is ``Yes``) are no attendance;
- ``teams``: a Microsoft Teams attendance report, its summary block above the participant
  table (first join, last leave, in-meeting duration such as ``1h 5m 3s``); the marks
  Teams puts after outsiders' names (``(Guest)``, ``(External)``, ``(Unverified)``) are
  dropped;
- ``eventbrite``: an Eventbrite attendee report, one row per ticket: only attendees
  checked in took part;
- ``forms``: a Google Forms or Microsoft Forms sign-in export: a timestamp, a name, an
  email and an organisation per response.

**Rows left out.** Rows that are no attendance — an Eventbrite attendee not checked in,
a Zoom row in the waiting room — are not imported and are listed in
:attr:`~coinnovation.io.registers.RegisterImport.skipped` with the reason, so the rows
read are the rows imported plus the rows left out. Headers are the vendors' English ones.

**People.** A person with an email is matched by the email: within the file (rows with
one email are one person, under the name on their first row) and against the hub (a
person whose ``attributes["email"]`` is that email). A row without an email in a session
where one person with an email has that name is theirs (a rejoin from a phone, say). Two emails under one name are two
people, kept apart with an id each and reported as a name several records share. A
guest without an email is matched by name, as in any register, and names alike are
reported in :attr:`~coinnovation.io.registers.RegisterImport.name_groups`, never merged.

**Sessions.** A Zoom or Teams report is one meeting: its name is ``session=`` when given,
else the meeting's topic or title in the file (Zoom's meeting block, exported with
"Export with meeting data"; Teams' summary), else an error asks for ``session=``. Its day
is ``day=`` when given, else the meeting's start in the file, else the day of the first
join. Its start and end are the meeting's (else the first join and the last leave).
Eventbrite rows name their event (``Event Name``) and day; forms give a ``Session``
column or ``session=``, and the day of each response's timestamp.

**Hours** are the summed durations of a person's rows in one session (Zoom's whole
minutes, Teams' seconds), rounded to the hundredth of an hour; where two of their rows
overlap in time (one person on two devices), the time they cover is counted once, and a
warning says so. Eventbrite and forms carry no hours.

**Dates.** Numbers are read month first or day first as the file says: Zoom writes
``06/22/2023 10:01:23 AM`` (month first); Teams and forms follow the organiser's locale,
so the order is read from the file (a day above 12 settles it) and a file that cannot
settle it is refused until ``day_first=`` says which. ISO dates and dates in words are
read too.

Examples:
    >>> PRESETS["zoom"].title
    'Zoom meeting participant report'
    >>> PRESETS["teams"].headers("duration")
    ('In-Meeting Duration', 'Duration')
    >>> PRESETS["zoom"].using(session="Launch").session
    'Launch'
    >>> _seconds("1h 5m 3s"), _seconds("35")
    (3903, 2100)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs

from coinnovation.errors import RegisterError, RowProblem
from coinnovation.io.registers.cells import _parse_date, _parse_time, _shown, _text
from coinnovation.io.registers.mapping import RegisterMapping, _header_key
from coinnovation.io.registers.names import normalise_name
from coinnovation.io.registers.reading import _Rows
from coinnovation.io.registers.resolve import _slug
from coinnovation.io.registers.results import SkippedRow
from coinnovation.io.registers.rows import _role_parts
from coinnovation.models.hub import Hub

__all__ = ["PRESETS", "Preset"]

# How far from the top a preset's table header may be (Teams' summary runs ~10 rows).
_TABLE_SEARCH: Final = 40
_HUNDREDTH: Final = Decimal("0.01")
# The longest date, time or duration read: longer cells are refused unread.
_LONGEST: Final = 64


def _a(title: str) -> str:
    """A title with its article: "a Zoom ...", "an Eventbrite ..."."""
    return ("an " if title[:1].casefold() in "aeiou" else "a ") + title


def _frozen_map(value: Mapping[str, Sequence[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(headers) for key, headers in value.items()})


@attrs.frozen(hash=False)
class Preset:
    """One vendor's attendance export: its columns, what stands above them, its options.

    A preset is used by name (``read_register(path, preset="zoom")``) or as an object
    (``preset=PRESETS["zoom"].using(session="Launch")``).

    Attributes:
        name: The preset's name: ``zoom``, ``teams``, ``eventbrite`` or ``forms``.
        title: What the file is, in words.
        documentation: Where the layout is documented (URLs).
        columns: For each field, the headers it has (compared without case, spaces or
            punctuation), the first found winning: ``name``, ``first_name``,
            ``last_name``, ``email``, ``upn``, ``organisation``, ``role``, ``join``,
            ``leave``, ``duration``, ``session``, ``day``, ``timestamp``, ``status``,
            ``checked_in``, ``ticket``, ``order``.
        required: The fields the table must have; each entry is a tuple of
            alternatives (one of them suffices).
        meeting: For files of one meeting, the fields of the block above the table:
            ``session`` (its topic or title), ``start`` and ``end``.
        day_first: Whether numeric dates are day first (``True``), month first
            (``False``), or read from the file (``None``).
        session: The session's name, instead of the file's (option).
        day: The session's day, instead of the file's (option).

    Examples:
        >>> PRESETS["eventbrite"].required
        (('first_name', 'name'), ('status', 'checked_in'), ('order', 'ticket'))
        >>> PRESETS["zoom"].mapping.person
        ('Name (Original Name)', 'Name', 'Participant', 'User Name')
    """

    name: str
    title: str
    documentation: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]] = attrs.field(converter=_frozen_map)
    required: tuple[tuple[str, ...], ...]
    meeting: Mapping[str, tuple[str, ...]] = attrs.field(
        converter=_frozen_map, factory=lambda: MappingProxyType({})
    )
    day_first: bool | None = None
    session: str | None = None
    day: date | None = None

    def headers(self, field: str) -> tuple[str, ...]:
        """The headers a field may have in this vendor's files.

        Args:
            field: A field name (see :attr:`columns`).

        Returns:
            The headers, the preferred first; ``()`` for a field the preset has not.

        Examples:
            >>> PRESETS["zoom"].headers("join")
            ('Join Time',)
        """
        return self.columns.get(field, ())

    @property
    def mapping(self) -> RegisterMapping:
        """The register fields this preset fills, as a :class:`RegisterMapping` of headers.

        Examples:
            >>> PRESETS["teams"].mapping.start_time
            ('First Join', 'Join Time')
        """
        fields = {
            "person": "name",
            "email": "email",
            "organisation": "organisation",
            "role": "role",
            "session": "session",
            "date": "day",
            "start_time": "join",
            "end_time": "leave",
            "hours": "duration",
        }
        given = {key: self.headers(field) for key, field in fields.items() if self.headers(field)}
        return RegisterMapping(**given)

    def using(
        self,
        *,
        session: str | None = None,
        day: date | None = None,
        day_first: bool | None = None,
    ) -> Preset:
        """This preset with options: the session's name and day, the order of dates.

        Args:
            session: The session's name (else the file's).
            day: The session's day (else the file's).
            day_first: Numeric dates day first (``True``) or month first (``False``).

        Returns:
            A new preset; options not given keep their values.

        Raises:
            ValueError: An empty session name.

        Examples:
            >>> from datetime import date
            >>> preset = PRESETS["forms"].using(session="Drop-in", day_first=True)
            >>> preset.session, preset.day_first, preset.day
            ('Drop-in', True, None)
        """
        changes: dict[str, Any] = {}
        if session is not None:
            if not session.strip():
                raise ValueError("session must be a name, not empty")
            changes["session"] = " ".join(session.split())
        if day is not None:
            changes["day"] = day
        if day_first is not None:
            changes["day_first"] = day_first
        return attrs.evolve(self, **changes)


_ZOOM_DOCS: Final = (
    "https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0061404",
    "https://developers.zoom.us/docs/api/meetings/#tag/reports/GET/report/meetings/{meetingId}/participants",
)
_TEAMS_DOCS: Final = (
    "https://learn.microsoft.com/en-us/microsoftteams/teams-analytics-and-reports/meeting-attendance-report",
    "https://support.microsoft.com/en-us/office/view-and-download-meeting-attendance-reports-in-teams-ae7cf170-530c-47d3-84c1-3aedac74d310",
)
_EVENTBRITE_DOCS: Final = (
    "https://www.eventbrite.com/help/en-us/articles/291888/glossary-of-order-and-attendee-statuses-in-event-reports/",
    "https://www.eventbrite.com/help/en-us/articles/431834/how-to-view-your-attendee-summary-report/",
)
_FORMS_DOCS: Final = (
    "https://support.google.com/docs/answer/139706",
    "https://support.microsoft.com/en-us/office/check-your-form-results-6b391205-523c-45d2-b53a-fc10b22017c8",
)

PRESETS: Final[Mapping[str, Preset]] = MappingProxyType(
    {
        "zoom": Preset(
            name="zoom",
            title="Zoom meeting participant report",
            documentation=_ZOOM_DOCS,
            columns={
                "name": ("Name (Original Name)", "Name", "Participant", "User Name"),
                "email": ("User Email", "Email"),
                "join": ("Join Time",),
                "leave": ("Leave Time",),
                "duration": ("Duration (Minutes)", "Duration (mins)"),
                "session": ("Topic",),
                "guest": ("Guest",),
                "waiting": ("In Waiting Room",),
            },
            required=(("name",), ("join",), ("leave",), ("duration",)),
            meeting={"session": ("Topic",), "start": ("Start Time",), "end": ("End Time",)},
            day_first=False,
        ),
        "teams": Preset(
            name="teams",
            title="Microsoft Teams attendance report",
            documentation=_TEAMS_DOCS,
            columns={
                "name": ("Name", "Full Name"),
                "join": ("First Join", "Join Time"),
                "leave": ("Last Leave", "Leave Time"),
                "duration": ("In-Meeting Duration", "Duration"),
                "email": ("Email",),
                "upn": ("Participant ID (UPN)", "UPN"),
                "role": ("Role",),
            },
            required=(("name",), ("join",), ("duration",)),
            meeting={
                "session": ("Meeting title", "Title"),
                "start": ("Start time", "Meeting Start Time"),
                "end": ("End time", "Meeting End Time"),
            },
        ),
        "eventbrite": Preset(
            name="eventbrite",
            title="Eventbrite attendee report",
            documentation=_EVENTBRITE_DOCS,
            columns={
                "order": ("Order #", "Order ID", "Order no"),
                "first_name": ("First Name",),
                "last_name": ("Last Name", "Surname"),
                "name": ("Attendee Name", "Name"),
                "email": ("Email", "Email Address"),
                "ticket": ("Ticket Type",),
                "status": ("Attendee Status",),
                "checked_in": ("Checked In", "Check-In Status", "Check-in Date", "Checked In?"),
                "session": ("Event Name",),
                "day": ("Date Attending", "Event Date", "Event Start Date"),
                "organisation": ("Company", "Organisation", "Organization"),
            },
            required=(("first_name", "name"), ("status", "checked_in"), ("order", "ticket")),
        ),
        "forms": Preset(
            name="forms",
            title="Google Forms or Microsoft Forms sign-in export",
            documentation=_FORMS_DOCS,
            columns={
                "timestamp": ("Timestamp", "Completion time", "Start time"),
                "name": (
                    "Full name",
                    "Your name",
                    "Your full name",
                    "What is your name?",
                    "Name",
                ),
                "email": ("Email address", "Email", "Your email", "Your email address"),
                "organisation": (
                    "Organisation",
                    "Organization",
                    "Your organisation",
                    "Your organization",
                    "Which organisation are you from?",
                    "Which organization are you from?",
                    "Company",
                ),
                "session": ("Session", "Event", "Workshop", "Which session are you attending?"),
                "role": ("Role",),
            },
            required=(("timestamp",), ("name",)),
        ),
    }
)
"""The presets, by name: ``zoom``, ``teams``, ``eventbrite`` and ``forms`` (read-only).

Examples:
    >>> sorted(PRESETS)
    ['eventbrite', 'forms', 'teams', 'zoom']
    >>> PRESETS["eventbrite"].title
    'Eventbrite attendee report'
"""


def _preset_of(preset: str | Preset) -> Preset:
    """The preset named, or the one given.

    Raises:
        ValueError: An unknown name.

    Examples:
        >>> _preset_of("Zoom").name
        'zoom'
    """
    if isinstance(preset, Preset):
        return preset
    found = PRESETS.get(str(preset).strip().casefold())
    if found is None:
        raise ValueError(f"unknown preset {preset!r}: use one of {', '.join(PRESETS)}")
    return found


# -- reading the vendor's cells -------------------------------------------------------------

_DURATION_WORDS: Final = re.compile(
    r"(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*m(?:in(?:ute)?s?)?)?\s*"
    r"(?:(?P<s>\d+)\s*s(?:ec(?:ond)?s?)?)?",
    re.I,
)
_DURATION_CLOCK: Final = re.compile(r"(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{2})")
_NUMBER: Final = re.compile(r"\d+(?:\.\d+)?")


def _seconds(text: str) -> int | None:
    """A duration as seconds: ``1h 5m 3s``, ``45m``, ``01:05:03``, or a number of minutes."""
    text = text.strip()
    if not text or len(text) > _LONGEST:
        return None
    if _NUMBER.fullmatch(text):
        return int((Decimal(text) * 60).to_integral_value(ROUND_HALF_UP))
    for pattern in (_DURATION_CLOCK, _DURATION_WORDS):
        match = pattern.fullmatch(text)
        if match is not None and any(match.groupdict().values()):
            hours, minutes, seconds = (int(match[key] or 0) for key in ("h", "m", "s"))
            return hours * 3600 + minutes * 60 + seconds
    return None


_ISO_MOMENT: Final = re.compile(
    r"(?P<y>\d{4})[-/](?P<a>\d{1,2})[-/](?P<b>\d{1,2})(?:[T\s,]+(?P<time>.+))?", re.I
)
_NUMERIC_MOMENT: Final = re.compile(
    r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2}),?(?:\s+(?P<time>.+))?"
)
_WORDS_MOMENT: Final = re.compile(r"(?P<date>.*?\d{4})(?:[\s,]+(?:at\s+)?(?P<time>\d.+))?", re.I)
_OFFSET: Final = re.compile(
    r"\s*(?:(?P<z>Z)|(?:GMT|UTC)?\s*(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?|(?:GMT|UTC))$",
    re.I,
)
_DATE_ORDER_HINT: Final = "give day_first=True (22/06/2023) or day_first=False (06/22/2023)"


def _numeric_parts(text: str) -> tuple[int, int] | None:
    match = _NUMERIC_MOMENT.fullmatch(text.strip())
    return (int(match["a"]), int(match["b"])) if match is not None else None


def _moment(text: str, day_first: bool | None, zone: tzinfo) -> datetime:
    """A vendor's date and time as a naive local time; ValueError with the reason."""
    text = " ".join(text.split())
    if len(text) > _LONGEST:
        raise ValueError(f"{_shown(text)} is not a date and time")
    match = _ISO_MOMENT.fullmatch(text)
    if match is not None:
        year, month, day = int(match["y"]), int(match["a"]), int(match["b"])
    else:
        match = _NUMERIC_MOMENT.fullmatch(text)
        if match is not None:
            if day_first is None:
                raise ValueError(
                    f"{_shown(text)} may be day first or month first: {_DATE_ORDER_HINT}"
                )
            first, second = int(match["a"]), int(match["b"])
            day, month = (first, second) if day_first else (second, first)
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        else:
            words = _WORDS_MOMENT.fullmatch(text)
            if words is None:
                raise ValueError(f"unparseable date and time {_shown(text)}")
            found, at = _parse_date(words["date"])
            moment = datetime.combine(found, at or time())
            if words["time"]:
                return _with_time(moment.date(), words["time"], text, zone)
            return moment
    try:
        day_value = date(year, month, day)
    except ValueError as error:
        order = (
            ""
            if match.re is _ISO_MOMENT
            else " (read " + ("day first)" if day_first else "month first)")
        )
        raise ValueError(f"no such date {_shown(text)}{order}: {error}") from None
    if not match["time"]:
        return datetime.combine(day_value, time())
    return _with_time(day_value, match["time"], text, zone)


def _with_time(day: date, text: str, whole: str, zone: tzinfo) -> datetime:
    offset = _OFFSET.search(text)
    shift: timedelta | None = None
    if offset is not None and offset.group().strip():
        if offset["sign"]:
            sign = 1 if offset["sign"] == "+" else -1
            shift = sign * timedelta(hours=int(offset["h"]), minutes=int(offset["m"] or 0))
        else:
            shift = timedelta(0)
        text = text[: offset.start()]
    at = _parse_time(text.strip().rstrip(","))
    if at is None:
        raise ValueError(f"unparseable time in {_shown(whole)}")
    moment = datetime.combine(day, at)
    if shift is not None:
        moment = moment.replace(tzinfo=timezone(shift)).astimezone(zone).replace(tzinfo=None)
    return moment


# -- the table and the block above it ------------------------------------------------------


def _match(preset: Preset, header: Sequence[str]) -> dict[str, int]:
    """Which column holds each of the preset's fields (the first header variant found)."""
    keys = [_header_key(title) for title in header]
    found: dict[str, int] = {}
    used: set[int] = set()
    for field, variants in preset.columns.items():
        for variant in variants:
            wanted = _header_key(variant)
            index = next((i for i, key in enumerate(keys) if key == wanted and i not in used), None)
            if index is not None:
                found[field] = index
                used.add(index)
                break
    return found


def _complete(preset: Preset, found: Mapping[str, int]) -> bool:
    return all(any(field in found for field in group) for group in preset.required)


def _titles(cells: Sequence[object]) -> list[str]:
    return [" ".join(_text(cell).split()) for cell in cells]


def _fit(preset: Preset, rows: _Rows) -> tuple[int, int, int]:
    """The row of ``rows`` (position) that fits ``preset`` best: (position, groups, columns)."""
    best = (0, -1, -1)
    for position, (_, cells) in enumerate(rows[:_TABLE_SEARCH]):
        found = _match(preset, _titles(cells))
        groups = sum(any(field in found for field in group) for group in preset.required)
        if (groups, len(found)) > best[1:]:
            best = (position, groups, len(found))
    return best


def _missing(preset: Preset, found: Mapping[str, int]) -> list[str]:
    return [
        " or ".join(repr(preset.headers(field)[0]) for field in group)
        for group in preset.required
        if not any(field in found for field in group)
    ]


def _suggest(rows: _Rows, *, besides: str | None = None) -> list[tuple[Preset, list[str]]]:
    """The presets whose headers the rows nearly match, the closest first, with what is missing.

    A preset matches nearly when a row has at least two of its columns, at least one of
    them required. A preset the rows match fully comes first, with nothing missing.

    Examples:
        >>> rows = [(1, ["Name", "First Join", "Last Leave", "In-Meeting Duration"])]
        >>> [(preset.name, missing) for preset, missing in _suggest(rows)]
        [('teams', [])]
    """
    found = []
    for preset in PRESETS.values():
        if preset.name == besides:
            continue
        position, groups, columns = _fit(preset, rows)
        if groups >= 1 and columns >= 2:
            header = _titles(rows[position][1])
            missing = _missing(preset, _match(preset, header))
            found.append((len(missing), -columns, preset.name, preset, missing))
    found.sort(key=lambda item: item[:3])
    return [(item[3], item[4]) for item in found]


def _hint(rows: _Rows, besides: str | None) -> str:
    near = _suggest(rows, besides=besides)
    full = [preset for preset, missing in near if not missing]
    if full:
        return (
            f"it is {_a(full[0].title)}: read it with preset={full[0].name!r} "
            f"(--preset {full[0].name})"
        )
    if near:
        listed = "; ".join(
            f"{preset.name} (missing {', '.join(missing)})" for preset, missing in near
        )
        return f"it nearly matches the presets {listed}"
    return f"it matches none of the presets ({', '.join(PRESETS)})"


def _locate_table(
    preset: Preset, rows: _Rows, source: str
) -> tuple[int, list[str], dict[str, int]]:
    """The position of the preset's table header in ``rows``, its titles, its columns."""
    if not rows:
        raise RegisterError(
            source, [RowProblem(source, None, None, f"the file is empty: not {_a(preset.title)}")]
        )
    for position, (_, cells) in enumerate(rows[:_TABLE_SEARCH]):
        header = _titles(cells)
        found = _match(preset, header)
        if _complete(preset, found):
            return position, header, found
    position, _, _ = _fit(preset, rows)
    number, cells = rows[position]
    header = _titles(cells)
    found = _match(preset, header)
    missing = _missing(preset, found)
    # The first column that is another preset's and not this one's names where it differs.
    other = next(
        (
            title
            for title in header
            if title
            and not any(
                _header_key(title) == _header_key(v) for vs in preset.columns.values() for v in vs
            )
            and any(
                _header_key(title) == _header_key(v)
                for p in PRESETS.values()
                if p.name != preset.name
                for vs in p.columns.values()
                for v in vs
            )
        ),
        None,
    )
    shown = ", ".join(repr(title) for title in header if title) or "none"
    message = (
        f"not {_a(preset.title)}: missing columns {', '.join(missing)} "
        f"(columns found: {shown}); {_hint(rows, preset.name)}"
    )
    raise RegisterError(source, [RowProblem(source, number, other, message)])


def _meeting(preset: Preset, rows: _Rows) -> dict[str, tuple[str, int, str]]:
    """The meeting fields above the table: field to (value, row, label)."""
    found: dict[str, tuple[str, int, str]] = {}
    keys = {
        _header_key(variant): field
        for field, variants in preset.meeting.items()
        for variant in variants
    }
    for position, (number, cells) in enumerate(rows):
        titles = _titles(cells)
        filled = [title for title in titles if title]
        # A label and its value side by side (Teams: "Meeting title<TAB>Launch").
        if len(filled) == 2 and titles[0] and _header_key(titles[0]) in keys:
            field = keys[_header_key(titles[0])]
            found.setdefault(field, (filled[1], number, titles[0]))
            continue
        # A row of labels above a row of values (Zoom: "Meeting ID,Topic,Start Time,...").
        if position + 1 < len(rows):
            below_number, below = rows[position + 1]
            values = _titles(below)
            for index, title in enumerate(titles):
                label = keys.get(_header_key(title)) if title else None
                if label is not None and index < len(values) and values[index]:
                    found.setdefault(label, (values[index], below_number, title))
    return found


_SECTION: Final = re.compile(r"\d+\.\s+\S.*")


def _body(rows: _Rows, position: int) -> _Rows:
    """The table's rows: from below its header to the next numbered section (Teams)."""
    body: _Rows = []
    for number, cells in rows[position + 1 :]:
        titles = _titles(cells)
        filled = [title for title in titles if title]
        if len(filled) == 1 and titles[0] and _SECTION.fullmatch(titles[0]):
            break
        body.append((number, cells))
    return body


# -- rows to attendances --------------------------------------------------------------------


@attrs.define
class _Entry:
    """One row of the vendor's table, read."""

    row: int
    values: dict[str, str]
    name: str
    email: str
    organisation: str
    role: str
    session: str
    day: date | None
    join: datetime | None
    leave: datetime | None
    seconds: int | None
    begins: datetime | None = None  # the session's start a row gives (Date Attending)


@attrs.define
class _Converted:
    """The vendor's rows as register rows: what :func:`read_register` reads next."""

    header: list[str]
    columns: dict[str, int]
    body: _Rows
    rows: int
    skipped: list[SkippedRow]
    warnings: list[RowProblem]
    header_row: int


# What Teams appends to the names of people from outside the organisation.
_TEAMS_MARK: Final = re.compile(r"\s+\((?:guest|external|unverified)\)$", re.I)
_TRUE: Final = frozenset({"yes", "y", "true", "1", "checked in", "checkedin", "checked-in"})
_ANONYMOUS: Final = frozenset({"anonymous", "anon", "n/a", "none", "-"})


class _Reader:
    """Reads one vendor file's rows into register rows, checking each cell."""

    def __init__(
        self, preset: Preset, source: str, header: list[str], found: dict[str, int], zone: tzinfo
    ) -> None:
        self.preset = preset
        self.source = source
        self.header = header
        self.found = found
        self.zone = zone
        self.day_first = preset.day_first

    def title(self, field: str) -> str | None:
        index = self.found.get(field)
        return self.header[index] if index is not None else None

    def cell(self, cells: Sequence[object], field: str) -> str:
        index = self.found.get(field)
        if index is None or index >= len(cells):
            return ""
        value = cells[index]
        if isinstance(value, datetime):
            return value.isoformat(" ")
        return " ".join(_text(value).split())

    def settle_order(self, body: _Rows, meeting: Mapping[str, tuple[str, int, str]]) -> None:
        """Day first or month first, from the dates in the file, when the preset leaves it open.

        A first number above 12 says day first, a second above 12 month first; a file
        whose numeric dates say neither (or both) is refused, naming its first such date.
        """
        if self.day_first is not None:
            return
        texts = [
            (self.cell(cells, field), number, self.title(field))
            for number, cells in body
            for field in ("join", "leave", "timestamp", "day")
        ]
        texts += [
            (value, number, label)
            for field, (value, number, label) in meeting.items()
            if field in ("start", "end")
        ]
        parts = [
            (found, number, label, text)
            for text, number, label in texts
            if text and (found := _numeric_parts(text))
        ]
        if not parts:
            return
        day_first = any(found[0] > 12 for found, *_ in parts)
        month_first = any(found[1] > 12 for found, *_ in parts)
        if day_first != month_first:
            self.day_first = day_first
            return
        _, number, label, text = parts[0]
        reason = (
            "some dates are day first and others month first"
            if day_first
            else f"no date in the file says whether {_shown(text)} is day first or month first"
        )
        raise RegisterError(
            self.source, [RowProblem(self.source, number, label, f"{reason}: {_DATE_ORDER_HINT}")]
        )

    def moment(
        self,
        text: str,
        field: str,
        number: int,
        problems: list[RowProblem],
        label: str | None = None,
    ) -> datetime | None:
        if not text:
            return None
        try:
            return _moment(text, self.day_first, self.zone)
        except ValueError as error:
            problems.append(RowProblem(self.source, number, label or self.title(field), str(error)))
            return None

    def entry(self, number: int, cells: Sequence[object], problems: list[RowProblem]) -> _Entry:
        values = {title: self.cell(cells, field) for field, title in self._titled()}
        name = self.cell(cells, "name")
        if self.preset.name == "zoom" and name.endswith(")") and " (" in name:
            name = name[: name.rindex(" (")].strip()  # "Display Name (Original Name)"
        if self.preset.name == "teams":
            name = _TEAMS_MARK.sub("", name)  # "Ivy Chen (Guest)", "(External)" ...
        if not name and ("first_name" in self.found or "last_name" in self.found):
            name = " ".join(
                part
                for part in (self.cell(cells, "first_name"), self.cell(cells, "last_name"))
                if part
            )
        email = self.cell(cells, "email") or self.cell(cells, "upn")
        if email.casefold() in _ANONYMOUS:
            email = ""
        join = self.moment(self.cell(cells, "join"), "join", number, problems)
        leave = self.moment(self.cell(cells, "leave"), "leave", number, problems)
        if join is not None and leave is not None and leave < join:
            problems.append(
                RowProblem(
                    self.source,
                    number,
                    self.title("leave"),
                    f"leaves ({leave:%Y-%m-%d %H:%M:%S}) before joining ({join:%Y-%m-%d %H:%M:%S})",
                )
            )
        seconds = None
        duration = self.cell(cells, "duration")
        if duration:
            seconds = _seconds(duration)
            if seconds is None:
                problems.append(
                    RowProblem(
                        self.source,
                        number,
                        self.title("duration"),
                        f"{_shown(duration)} is not a duration: write 35 (minutes), 1h 5m 3s "
                        "or 01:05:03",
                    )
                )
        day = None
        stamp = self.moment(self.cell(cells, "timestamp"), "timestamp", number, problems)
        when = self.moment(self.cell(cells, "day"), "day", number, problems)
        for moment in (when, stamp, join):
            if moment is not None:
                day = moment.date()
                break
        return _Entry(
            number,
            values,
            name,
            email,
            self.cell(cells, "organisation"),
            self.cell(cells, "role") or self.cell(cells, "ticket"),
            self.cell(cells, "session"),
            day,
            join,
            leave,
            seconds,
            when if when is not None and when.time() != time() else None,
        )

    def _titled(self) -> list[tuple[str, str]]:
        return sorted(
            ((field, self.header[index]) for field, index in self.found.items()),
            key=lambda item: self.found[item[0]],
        )

    def attended(self, cells: Sequence[object]) -> tuple[str | None, str] | None:
        """Why a row is no attendance, and the column that says so; None for attendances.

        Eventbrite: an attendee not checked in. Zoom: time in the waiting room.
        """
        if self.preset.name == "zoom":
            waiting = self.cell(cells, "waiting")
            if waiting.casefold() in _TRUE:
                return self.title("waiting"), (
                    "time in the waiting room, not in the meeting: not imported"
                )
            return None
        if self.preset.name != "eventbrite":
            return None
        status = self.cell(cells, "status")
        checked = self.cell(cells, "checked_in")
        if status.casefold().replace("-", " ") == "checked in":
            return None
        if checked and (checked.casefold() in _TRUE or any(ch.isdigit() for ch in checked)):
            return None
        column = self.title("status") if status else self.title("checked_in")
        said = f"{column} {status or checked!r}"
        return column, f"not checked in ({said}): registered, but did not take part; not imported"


def _hours(entries: Sequence[_Entry]) -> tuple[Decimal | None, bool]:
    """A person's hours in one session, and whether their rows overlapped in time."""
    timed = sorted((e.join, e.leave) for e in entries if e.join is not None and e.leave is not None)
    overlap = any(later[0] < earlier[1] for earlier, later in itertools.pairwise(timed))
    if overlap and len(timed) == len(entries):
        covered = 0.0
        start, end = timed[0]
        for join, leave in timed[1:]:
            if join < end:
                end = max(end, leave)
            else:
                covered += (end - start).total_seconds()
                start, end = join, leave
        covered += (end - start).total_seconds()
        seconds = round(covered)
    else:
        parts: list[int] = []
        for entry in entries:
            if entry.seconds is not None:
                parts.append(entry.seconds)
            elif entry.join is not None and entry.leave is not None:
                parts.append(round((entry.leave - entry.join).total_seconds()))
        if not parts:
            return None, False
        seconds = sum(parts)
    hours = (Decimal(seconds) / 3600).quantize(_HUNDREDTH, ROUND_HALF_UP)
    return hours, overlap


_OUT: Final = (
    "person_id",
    "person",
    "email",
    "organisation",
    "role",
    "session",
    "date",
    "start_time",
    "end_time",
    "hours",
)


def _convert(
    preset: Preset, rows: _Rows, source: str, zone: tzinfo, hub: Hub, skip_bad_rows: bool
) -> _Converted:
    """The vendor's rows as register rows, one per person and session, checked.

    Raises:
        RegisterError: The file is not of this preset's layout, or (without
            ``skip_bad_rows``) has rows whose cells cannot be read.
    """
    position, header, found = _locate_table(preset, rows, source)
    header_row = rows[position][0]
    meeting = _meeting(preset, rows[:position]) if preset.meeting else {}
    body = _body(rows, position)
    reader = _Reader(preset, source, header, found, zone)
    reader.settle_order(body, meeting)
    problems: list[RowProblem] = []
    warnings: list[RowProblem] = []
    skipped: list[SkippedRow] = []

    # The meeting's own fields (one-meeting files).
    start = end = None
    session_name = preset.session
    session_label = "session="
    if preset.meeting:
        if "start" in meeting:
            value, number, label = meeting["start"]
            start = reader.moment(value, "start", number, problems, label)
        if "end" in meeting:
            value, number, label = meeting["end"]
            end = reader.moment(value, "end", number, problems, label)
        if session_name is None and "session" in meeting:
            session_name, _, session_label = meeting["session"]
    if session_name is None and "session" not in found:
        where = (
            "the file has no meeting topic or title (Zoom: export with meeting data)"
            if preset.meeting
            else f"the file has no {' or '.join(repr(h) for h in preset.headers('session')[:2])} "
            "column"
        )
        problems.append(
            RowProblem(source, header_row, None, f"which session? {where}: give session=")
        )
    if problems:
        raise RegisterError(source, problems)

    entries: list[_Entry] = []
    for number, cells in body:
        row_problems: list[RowProblem] = []
        entry = reader.entry(number, cells, row_problems)
        left_out = reader.attended(cells)
        if left_out is not None and not row_problems:
            column, reason = left_out
            problem = RowProblem(source, number, column, reason)
            skipped.append(SkippedRow(number, entry.values, (problem,)))
            continue
        if preset.session is not None:
            entry.session = preset.session
        elif not entry.session and session_name:
            entry.session = session_name
        if not entry.session:
            column = reader.title("session")
            row_problems.append(RowProblem(source, number, column, "empty session name"))
        if preset.day is not None:
            entry.day = preset.day
        elif preset.meeting and start is not None:
            entry.day = start.date()
        if entry.day is None and not row_problems:
            row_problems.append(RowProblem(source, number, None, "no date for this row: give day="))
        if row_problems:
            problems.extend(row_problems)
            skipped.append(SkippedRow(number, entry.values, tuple(row_problems)))
            continue
        entries.append(entry)
    if problems and not skip_bad_rows:
        raise RegisterError(source, problems)

    # One register row per person and session: re-joins summed.
    emails = _hub_emails(hub)
    groups: dict[tuple[str, date, str], list[_Entry]] = {}
    for entry in entries:
        assert entry.day is not None
        who = "e:" + entry.email.casefold() if entry.email else "n:" + normalise_name(entry.name)
        groups.setdefault((normalise_name(entry.session, titles=False), entry.day, who), []).append(
            entry
        )
    _join_guests(groups)
    ids = _ids_by_email(entries, emails, hub)
    spans: dict[tuple[str, date], tuple[datetime | None, datetime | None]] = {}
    for (session_key, day, _), group in groups.items():
        joins = [moment for e in group if (moment := e.join or e.begins) is not None]
        leaves = [e.leave for e in group if e.leave is not None]
        first, last = spans.get((session_key, day), (None, None))
        if joins:
            first = min(joins) if first is None else min(first, *joins)
        if leaves:
            last = max(leaves) if last is None else max(last, *leaves)
        spans[(session_key, day)] = (first, last)

    out: _Rows = []
    for (session_key, day, who), group in groups.items():
        lead = group[0]
        if who.startswith("e:"):
            for other in group[1:]:
                if other.name and normalise_name(other.name) != normalise_name(lead.name):
                    warnings.append(
                        RowProblem(
                            source,
                            other.row,
                            reader.title("name"),
                            f"{_shown(other.name)} has the email of {_shown(lead.name)} "
                            f"(row {lead.row}): taken as the same person, named {_shown(lead.name)}",
                        )
                    )
        hours, overlap = _hours(group)
        if overlap:
            warnings.append(
                RowProblem(
                    source,
                    lead.row,
                    reader.title("join"),
                    f"{_shown(lead.name)} was in twice at once (rows "
                    f"{', '.join(str(e.row) for e in group)}): the time covered is counted once",
                )
            )
        if preset.name == "eventbrite" and len(group) > 1:
            warnings.append(
                RowProblem(
                    source,
                    group[1].row,
                    reader.title("name"),
                    f"{_shown(lead.name)} holds {len(group)} tickets for {_shown(lead.session)} "
                    f"(rows {', '.join(str(e.row) for e in group)}): one participation",
                )
            )
        first, last = spans[(session_key, day)]
        if preset.meeting and start is not None:
            first = start
        if preset.meeting and end is not None:
            last = end
        begin = first.time() if first is not None and first.date() == day else None
        finish = last.time() if last is not None and last.date() == day else None
        if begin is not None and finish is not None and finish < begin:
            finish = None
        role = next((e.role for e in group if e.role), "")
        if role:
            parts = _role_parts(role)
            if parts[2] or not parts[0]:
                role = ""  # a vendor's role that is no part played (Teams' "Attendee" is)
        register_row: list[object] = [
            ids.get(lead.email.casefold(), "") if lead.email else "",
            lead.name,
            lead.email,
            next((e.organisation for e in group if e.organisation), ""),
            role,
            lead.session,
            day.isoformat(),
            begin.isoformat() if begin is not None else "",
            finish.isoformat() if finish is not None else "",
            str(hours) if hours is not None else "",
        ]
        out.append((lead.row, register_row))
    out.sort(key=lambda item: item[0])

    titles = {
        "person_id": "(person id, from the email)",
        "person": reader.title("name")
        or " ".join(t for t in (reader.title("first_name"), reader.title("last_name")) if t),
        "email": reader.title("email") or reader.title("upn") or "(email)",
        "organisation": reader.title("organisation") or "(organisation)",
        "role": reader.title("role") or reader.title("ticket") or "(role)",
        "session": reader.title("session") or session_label or "(session)",
        "date": reader.title("day")
        or reader.title("timestamp")
        or reader.title("join")
        or "(date)",
        "start_time": "(session start)",
        "end_time": "(session end)",
        "hours": reader.title("duration") or "(hours)",
    }
    header_out = _unique([titles[field] for field in _OUT])
    return _Converted(
        header=header_out,
        columns={field: index for index, field in enumerate(_OUT)},
        body=out,
        rows=len(body),
        skipped=skipped,
        warnings=warnings,
        header_row=header_row,
    )


def _join_guests(groups: dict[tuple[str, date, str], list[_Entry]]) -> None:
    """Rows without an email join the one person of their name with an email, per session.

    Someone who signs in on a laptop and rejoins from a phone without signing in has rows
    with and without their email: matched by name, as a register matches, their time is
    summed. Where two people with an email share the name, the rows stay apart.
    """
    by_name: dict[tuple[str, date, str], list[tuple[str, date, str]]] = {}
    for key, group in groups.items():
        if key[2].startswith("e:"):
            by_name.setdefault((key[0], key[1], normalise_name(group[0].name)), []).append(key)
    for key in [key for key in groups if key[2].startswith("n:")]:
        holders = by_name.get((key[0], key[1], key[2][2:]), [])
        if len(holders) == 1:
            groups[holders[0]].extend(groups.pop(key))
            groups[holders[0]].sort(key=lambda entry: entry.row)


def _unique(titles: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for title in titles:
        candidate = title
        while candidate in seen:
            candidate += " "
        seen.add(candidate)
        out.append(candidate)
    return out


def _hub_emails(hub: Hub) -> dict[str, str]:
    """The hub's people by email (case-folded); the first person holding each."""
    found: dict[str, str] = {}
    for person in hub.people:
        email = person.attributes.get("email")
        if isinstance(email, str) and email:
            found.setdefault(email.casefold(), person.id)
    return found


def _ids_by_email(entries: Sequence[_Entry], emails: Mapping[str, str], hub: Hub) -> dict[str, str]:
    """The person id for each email that needs one: the hub's holder, or a fresh id.

    An email the hub holds gets its person. An email whose name another email in the file
    (or a person in the hub with another email) already has gets an id of its own, so two
    people who share a name are kept apart. Other emails get none: the register's
    matching by name applies.
    """
    taken = {
        record_id
        for kind in ("people", "organisations", "sessions")
        for record_id in (r.id for r in getattr(hub, kind))
    }
    taken |= {r.id for r in hub.memberships} | {r.id for r in hub.participations}
    hub_names: dict[str, set[str]] = {}
    for person in hub.people:
        email = person.attributes.get("email")
        hub_names.setdefault(normalise_name(person.name), set()).add(
            email.casefold() if isinstance(email, str) else ""
        )
    ids: dict[str, str] = {}
    named: dict[str, str] = {}  # normalised name to the first email under it in the file
    seen: set[str] = set()
    for entry in entries:
        if not entry.email:
            continue
        email = entry.email.casefold()
        if email in ids or email in seen:
            continue
        if email in emails:
            ids[email] = emails[email]
            continue
        key = normalise_name(entry.name)
        others = hub_names.get(key, set()) - {email, ""}
        if key in named or others:
            base = "p-" + _slug(key or entry.name)
            number = 2
            while f"{base}-{number}" in taken:
                number += 1
            ids[email] = f"{base}-{number}"
            taken.add(ids[email])
        else:
            named[key] = email
        seen.add(email)
    return ids
