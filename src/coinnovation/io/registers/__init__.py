r"""Read sign-in sheets and attendance registers (CSV or Excel) into a hub.

A register has one row per attendance: who came (a name, perhaps an id, an email), from
which organisation, to which session on which day, and in what role. :func:`read_register`
turns each row into records of a :class:`~coinnovation.models.Hub`: the people,
organisations and sessions it names (created when new, reused when the hub already holds
them), a membership of the person in the organisation, and one participation.

Reading is all or nothing. Every bad row is reported with its file, row number (as a
spreadsheet counts them: the header is usually row 1), column and reason, and nothing is
imported until the whole file is clean; with ``skip_bad_rows=True`` the good rows are
imported and the bad ones are listed in :attr:`RegisterImport.skipped`. Whatever the file
holds, reading either succeeds or raises a :class:`~coinnovation.errors.CoinnovationError`
that says where the problem is. The function is pure: it returns a new hub and writes
nothing.

**Matching.** A record is matched by its id when the register has an id column and the
cell is filled; otherwise people and organisations are matched by their *normalised*
name (:func:`normalise_name`: Unicode NFKC, case-folded, punctuation dropped, white space
collapsed and, for people, titles such as "Dr" or "Cllr" removed), and sessions by their
normalised name *and* date.

**Near-duplicates** are reported, never merged — people's and organisations' names across
the hub, sessions' names among the sessions of the same day (a typo such as "Worksop 2"
beside "Workshop 2" would otherwise split one session in two, and its ties with it): two
names are near-duplicates when their normalised forms differ but have the same words in
another order, or a
:class:`difflib.SequenceMatcher` ratio of at least 0.9, or — when the shorter has at most
10 characters — an edit distance of 1 (one letter added, dropped, changed, or two
neighbours swapped: the optimal-string-alignment form of the Damerau–Levenshtein
distance); but never when their numbers differ ("Ward 12" and "Ward 13"). Different ids
with the same normalised name are reported too. Each new name is compared with every
other; only beyond a million pairs, for speed, are comparisons limited to names that share
a word, the first or last three letters of a word or of the whole name, or (short names)
all but one letter — which still finds every name with one letter wrong.

**Dates** are read as ISO (``2023-06-22``, ``2023-06-22 10:00``, ``2023/06/22``), day
first as in the UK (``22/06/2023``, ``22-6-2023``, ``22.06.23``; two-digit years are
20xx), or in words (``22 June 2023``, ``Thu 22nd Jun 2023``, ``June 22, 2023``). Month-first
numeric dates (``06/22/2023``) are refused, not guessed. Times: ``09:30``, ``9.30``,
``14:00:00``, ``9am``, ``2:30 pm``. Excel date and time cells are read as they are.

**New ids** are slugs of the names — ``p-ana-silva``, ``o-walsall-housing-group``,
``s-2023-06-22-workshop-1``, ``m-ana-silva-walsall-housing-group``,
``pa-2023-06-22-workshop-1-ana-silva`` — with ``-2``, ``-3`` … appended when taken.

Examples:
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "sign-in.csv"
    ...     _ = path.write_text(
    ...         "Name,Organisation,Session,Date,Role\n"
    ...         "Dr Ana Silva,Walsall Housing Group,Workshop 1,22/06/2023,facilitator\n"
    ...         "Ben Okafor,,Workshop 1,22/06/2023,\n", encoding="utf-8")
    ...     result = read_register(path)
    >>> result.hub
    Hub(name=None, organisations=1, people=2, memberships=1, sessions=1, participations=2)
    >>> result.added["session"]
    ('s-2023-06-22-workshop-1',)
    >>> result.hub.session("s-2023-06-22-workshop-1").start.isoformat()
    '2023-06-22T00:00:00+01:00'
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
from pydantic import ValidationError

from coinnovation._formulas import looks_like_formula
from coinnovation._optional import require
from coinnovation.errors import FileFormatError, Problem, RegisterError, RowProblem
from coinnovation.io.files import MAX_BYTES, _document, _read
from coinnovation.models.base import Entity
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import record_kinds
from coinnovation.models.records import FIELD_OF_KIND
from coinnovation.models.sessions import Participation, Session
from coinnovation.models.stakeholders import Membership, Organisation, Person
from coinnovation.models.vocabularies import (
    Consent,
    ParticipationLevel,
    ParticipationRole,
    PersonRole,
    Sector,
    SessionKind,
)

__all__ = [
    "MAX_CELL_LENGTH",
    "NearDuplicate",
    "RegisterError",
    "RegisterImport",
    "RegisterMapping",
    "RowProblem",
    "SkippedRow",
    "normalise_name",
    "read_register",
]

#: The most characters a cell of an imported column may hold; longer cells are bad rows.
MAX_CELL_LENGTH: Final = 1_000

# Near-duplicate names: a SequenceMatcher ratio at least this, or (for names of at most
# _SHORT characters) one edit apart.
_SIMILARITY: Final = 0.9
_SHORT: Final = 10
# Up to this many pairs, every new name is compared with every other; beyond, only names
# that share a block (see _blocks) are.
_EXHAUSTIVE: Final = 1_000_000
# How many rows from the top the header may be found in (title rows above it are skipped).
_HEADER_SEARCH: Final = 20
_KINDS: Final = ("person", "organisation", "membership", "session", "participation")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TITLES: Final = frozenset(
    {"dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"}
    | {"sir", "dame", "rev", "revd", "reverend", "cllr", "councillor"}
)
_APOSTROPHES: Final = "'’‘`´ʼ"  # noqa: RUF001 - the apostrophes people type

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


# -- problems ------------------------------------------------------------------------------


@attrs.frozen
class SkippedRow:
    """A row left out by ``skip_bad_rows=True``, with what it held and why.

    Attributes:
        row: The row number.
        values: Its cells, by column header (as text).
        problems: Why it was left out.

    Examples:
        >>> skipped = SkippedRow(4, {"Name": ""}, (RowProblem("r.csv", 4, "Name", "empty name"),))
        >>> print(skipped)
        row 4: column "Name": empty name
    """

    row: int
    values: Mapping[str, str]
    problems: tuple[RowProblem, ...]

    def __str__(self) -> str:
        reasons = "; ".join(_without_path(problem) for problem in self.problems)
        return f"row {self.row}: {reasons}"

    def to_dict(self) -> dict[str, Any]:
        """The skipped row as JSON-ready data.

        Examples:
            >>> SkippedRow(4, {"Name": ""}, ()).to_dict()
            {'row': 4, 'values': {'Name': ''}, 'problems': []}
        """
        return {
            "row": self.row,
            "values": dict(self.values),
            "problems": [problem.to_dict() for problem in self.problems],
        }


def _without_path(problem: RowProblem) -> str:
    where = f'column "{problem.column}": ' if problem.column is not None else ""
    return where + problem.message


@attrs.frozen
class NearDuplicate:
    """Two people, organisations or sessions whose names are alike but were kept apart.

    Sessions are compared only with sessions on the same day (in the register's time
    zone): "Workshop 2" and "Worksop 2" on one day are likely one session split by a typo,
    while the same name on two days is a series.

    Attributes:
        kind: ``"person"``, ``"organisation"`` or ``"session"``.
        ids: The two records' ids.
        names: Their names, as written.
        rows: The register rows naming each (empty for a record already in the hub).
        similarity: :class:`difflib.SequenceMatcher` ratio of the normalised names.
        reason: Why they look alike.
        day: For sessions, the day both are on (``None`` for people and organisations).

    Examples:
        >>> pair = NearDuplicate("person", ("p-anna-smith", "p-ana-smith"),
        ...                      ("Anna Smith", "Ana Smith"), ((2,), (5, 9)), 0.947,
        ...                      "similar spelling")
        >>> print(pair)
        person "Anna Smith" (p-anna-smith, row 2) and "Ana Smith" (p-ana-smith, rows 5, 9): similar spelling (similarity 0.947)
        >>> from datetime import date
        >>> print(NearDuplicate("session", ("s-w2", "s-2024-05-16-worksop-2"),
        ...                     ("Workshop 2", "Worksop 2"), ((), (3,)), 0.947,
        ...                     "similar spelling", date(2024, 5, 16)))
        session "Workshop 2" (s-w2, in the hub) and "Worksop 2" (s-2024-05-16-worksop-2, row 3) on 2024-05-16: similar spelling (similarity 0.947)
    """

    kind: str
    ids: tuple[str, str]
    names: tuple[str, str]
    rows: tuple[tuple[int, ...], tuple[int, ...]]
    similarity: float
    reason: str
    day: date | None = None

    def __str__(self) -> str:
        def one(index: int) -> str:
            rows = self.rows[index]
            if not rows:
                where = "in the hub"
            else:
                where = ("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows))
            return f'"{self.names[index]}" ({self.ids[index]}, {where})'

        on = f" on {self.day.isoformat()}" if self.day is not None else ""
        return (
            f"{self.kind} {one(0)} and {one(1)}{on}: {self.reason} "
            f"(similarity {self.similarity:.3f})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The pair as JSON-ready data.

        Examples:
            >>> NearDuplicate("organisation", ("o-a", "o-b"), ("A", "B"), ((), (3,)), 0.5,
            ...               "x").to_dict()["rows"]
            [[], [3]]
        """
        return {
            "kind": self.kind,
            "ids": list(self.ids),
            "names": list(self.names),
            "rows": [list(rows) for rows in self.rows],
            "similarity": self.similarity,
            "reason": self.reason,
            "day": self.day.isoformat() if self.day is not None else None,
        }


# -- the result ----------------------------------------------------------------------------


def _count(counts: Mapping[str, Sequence[str]]) -> str:
    parts = []
    for kind in _KINDS:
        number = len(counts.get(kind, ()))
        if number:
            parts.append(f"{number} {kind if number == 1 else FIELD_OF_KIND[kind]}")
    return ", ".join(parts) or "nothing"


@attrs.frozen
class RegisterImport:
    r"""What :func:`read_register` did: the new hub, and a report of every decision.

    Attributes:
        hub: The new hub (the one given as ``into`` is unchanged).
        path: The register.
        rows: How many rows below the header held something.
        added: For each kind (``person``, ``organisation``, ``membership``, ``session``,
            ``participation``), the ids of the records created.
        reused: For each kind, the ids of records the hub already held that rows named.
        skipped: The rows left out (only with ``skip_bad_rows=True``).
        near_duplicates: Alike names kept apart (people, organisations, and sessions on
            the same day): check them, merge by hand if the same.
        warnings: What was imported but deserves a look: formula-like cells, repeated
            rows, values that differ from the hub's, ignored columns.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "r.csv"
        ...     _ = path.write_text("Name,Event,Date\nAna,Launch,2023-06-22\n")
        ...     result = read_register(path)
        >>> {kind: len(ids) for kind, ids in result.added.items()}
        {'person': 1, 'organisation': 0, 'membership': 0, 'session': 1, 'participation': 1}
        >>> result.imported
        1
    """

    hub: Hub
    path: str
    rows: int
    added: Mapping[str, tuple[str, ...]]
    reused: Mapping[str, tuple[str, ...]]
    skipped: tuple[SkippedRow, ...] = ()
    near_duplicates: tuple[NearDuplicate, ...] = ()
    warnings: tuple[RowProblem, ...] = ()

    @property
    def imported(self) -> int:
        """How many rows were imported (read, less those skipped).

        Examples:
            >>> from coinnovation.models import Hub
            >>> RegisterImport(Hub(), "r.csv", 3, {}, {}).imported
            3
        """
        return self.rows - len(self.skipped)

    def summary(self) -> str:
        """A plain-text report: counts, skipped rows, near-duplicates and warnings.

        Examples:
            >>> from coinnovation.models import Hub
            >>> print(RegisterImport(Hub(), "r.csv", 2, {"person": ("p-a", "p-b")},
            ...                      {"session": ("s-1",)}).summary())
            r.csv: 2 rows read, 2 imported, 0 skipped
            added: 2 people
            reused: 1 session
        """
        lines = [
            f"{self.path}: {self.rows} rows read, {self.imported} imported, "
            f"{len(self.skipped)} skipped",
            f"added: {_count(self.added)}",
            f"reused: {_count(self.reused)}",
        ]
        if self.skipped:
            lines.append("skipped rows:")
            lines.extend(f"  {skipped}" for skipped in self.skipped)
        if self.near_duplicates:
            lines.append("near-duplicates, kept apart (merge them by hand if they are the same):")
            lines.extend(f"  {pair}" for pair in self.near_duplicates)
        if self.warnings:
            lines.append("warnings:")
            lines.extend(
                f"  {'row ' + str(w.row) + ': ' if w.row is not None else ''}{_without_path(w)}"
                for w in self.warnings
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (without the hub).

        Examples:
            >>> from coinnovation.models import Hub
            >>> RegisterImport(Hub(), "r.csv", 0, {}, {}).to_dict()["added"]
            {'person': [], 'organisation': [], 'membership': [], 'session': [], 'participation': []}
        """
        return {
            "register": self.path,
            "rows": self.rows,
            "imported": self.imported,
            "added": {kind: list(self.added.get(kind, ())) for kind in _KINDS},
            "reused": {kind: list(self.reused.get(kind, ())) for kind in _KINDS},
            "skipped": [skipped.to_dict() for skipped in self.skipped],
            "near_duplicates": [pair.to_dict() for pair in self.near_duplicates],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


# -- the mapping of columns ----------------------------------------------------------------


def _aliases(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_aliases(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value or not all(isinstance(alias, str) and _header_key(alias) for alias in value):
        raise ValueError(
            f"{attribute.name}: give one or more column names with letters or digits, not {value!r}"
        )


def _column(*defaults: str) -> Any:
    return attrs.field(default=defaults, converter=_aliases, validator=_check_aliases)


def _header_key(text: str) -> str:
    """A header compared without case, spaces or punctuation: ``"E-mail"`` is ``"email"``."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


@attrs.frozen
class RegisterMapping:
    """Which columns of a register hold what: for each field, the headers it may have.

    Headers are compared without case, spaces or punctuation (``"Person ID"``,
    ``"person_id"`` and ``"personid"`` are the same). Give a field one header or a list;
    what you give replaces that field's defaults. The register must have columns for
    ``person``, ``session`` and ``date``; every other column is optional.

    Attributes:
        person: The person's name.
        person_id: The person's id in the hub.
        organisation: The organisation they came from (a membership is recorded).
        organisation_id: The organisation's id in the hub.
        session: The session's name.
        session_id: The session's id in the hub.
        date: The session's date.
        role: The part played (``presenter`` …, a
            :class:`~coinnovation.models.ParticipationRole`) and/or the person's roles
            (``peer_researcher`` …, :class:`~coinnovation.models.PersonRole`); separate
            several with ``;``.
        sector: The organisation's sector (the person's, on rows without an organisation).
        email: The person's email (kept in the person's ``attributes``).
        hours: Hours the person gave to the session.
        level: The IAP2 participation level.
        consent: ``named``, ``pseudonymous``, ``excluded``; ``yes`` means named and ``no``
            pseudonymous.
        start_time: When the session started.
        end_time: When it ended.

    Examples:
        >>> RegisterMapping().date
        ('date', 'session date', 'event date', 'day')
        >>> RegisterMapping(person="Attendee name", date=["Date", "When"]).date
        ('Date', 'When')
    """

    person: tuple[str, ...] = _column(
        "name", "person", "attendee", "participant", "full name", "person name", "attendee name"
    )
    person_id: tuple[str, ...] = _column("person id", "attendee id", "participant id")
    organisation: tuple[str, ...] = _column(
        "organisation",
        "organization",
        "org",
        "organisation name",
        "organization name",
        "affiliation",
        "company",
    )
    organisation_id: tuple[str, ...] = _column("organisation id", "organization id", "org id")
    session: tuple[str, ...] = _column(
        "session", "event", "meeting", "workshop", "session name", "event name"
    )
    session_id: tuple[str, ...] = _column("session id", "event id", "meeting id")
    date: tuple[str, ...] = _column("date", "session date", "event date", "day")
    role: tuple[str, ...] = _column("role", "roles")
    sector: tuple[str, ...] = _column(
        "sector",
    )
    email: tuple[str, ...] = _column("email", "email address")
    hours: tuple[str, ...] = _column(
        "hours",
    )
    level: tuple[str, ...] = _column("level", "participation level", "iap2 level")
    consent: tuple[str, ...] = _column("consent", "consent to be named")
    start_time: tuple[str, ...] = _column("start", "start time", "starts")
    end_time: tuple[str, ...] = _column("end", "end time", "ends", "finish")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<mapping>") -> RegisterMapping:
        """A mapping from data such as ``{"person": "Attendee", "date": ["Date", "Day"]}``.

        Args:
            data: Field names to a header or a list of headers.
            source: A name for the data in error messages (the file, for files).

        Returns:
            The mapping; fields not given keep their defaults.

        Raises:
            FileFormatError: An unknown field, or a value that is not a header or a list
                of headers; every problem is listed.

        Examples:
            >>> RegisterMapping.from_dict({"person": "Who"}).person
            ('Who',)
            >>> RegisterMapping.from_dict({"colour": "x"})
            Traceback (most recent call last):
            ...
            coinnovation.errors.FileFormatError: <mapping>: 1 problem:
              - mapping, field 'colour': unknown field; use one of person, person_id, organisation, organisation_id, session, session_id, date, role, sector, email, hours, level, consent, start_time, end_time
        """
        if not isinstance(data, Mapping):
            problem = Problem("mapping", None, None, "expected field names and column headers")
            raise FileFormatError(source, [problem])
        names = [field.name for field in attrs.fields(cls)]
        problems = []
        values: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            if key not in names:
                message = f"unknown field; use one of {', '.join(names)}"
                problems.append(Problem("mapping", None, str(key), message))
                continue
            aliases = (value,) if isinstance(value, str) else value
            if not (
                isinstance(aliases, list | tuple)
                and aliases
                and all(isinstance(a, str) and _header_key(a) for a in aliases)
            ):
                message = "give a column header, or a list of them"
                problems.append(Problem("mapping", None, key, message))
                continue
            values[key] = tuple(aliases)
        if problems:
            raise FileFormatError(source, problems)
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> RegisterMapping:
        """A mapping from a JSON or YAML file of field names to headers.

        Args:
            path: A ``.json``, ``.yaml`` or ``.yml`` file.

        Returns:
            The mapping.

        Raises:
            FileNotFoundError: There is no such file.
            FileFormatError: The file is not valid JSON/YAML, or not a mapping.
            MissingDependencyError: A YAML file without the ``yaml`` extra.

        Examples:
            >>> import json, pathlib, tempfile
            >>> with tempfile.TemporaryDirectory() as folder:
            ...     path = pathlib.Path(folder) / "mapping.json"
            ...     _ = path.write_text(json.dumps({"session": "Workshop"}))
            ...     RegisterMapping.from_file(path).session
            ('Workshop',)
        """
        source = os.fspath(path)
        raw = _read(Path(path), MAX_BYTES)  # devices and huge files refused (issue 9)
        suffix = Path(path).suffix.lower()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileFormatError(
                source, [Problem("file", None, None, f"not UTF-8 text: {error}")]
            ) from None
        if suffix in (".yaml", ".yml", ".json"):
            # Read as hub files are: keys given twice, deep nesting, long integers and
            # YAML alias bombs are FileFormatErrors (issue 9).
            data = _document(text, "json" if suffix == ".json" else "yaml", source=source)
        else:
            problem = Problem(
                "file", None, None, f"unsupported mapping type {suffix!r}: use .json or .yaml"
            )
            raise FileFormatError(source, [problem])
        return cls.from_dict(data, source=source)

    def to_dict(self) -> dict[str, list[str]]:
        """The mapping as data that :meth:`from_dict` reads back.

        Examples:
            >>> RegisterMapping().to_dict()["hours"]
            ['hours']
        """
        return {field.name: list(getattr(self, field.name)) for field in attrs.fields(type(self))}


_FIELDS: Final = tuple(field.name for field in attrs.fields(RegisterMapping))
_REQUIRED: Final = ("person", "session", "date")
_DEFAULTS: Final = RegisterMapping()


def _match_columns(
    mapping: RegisterMapping, header: Sequence[str]
) -> tuple[dict[str, int], list[str], list[int]]:
    """Which column holds each field; problems (clashes); unmapped column positions."""
    keys = {name: {_header_key(alias) for alias in getattr(mapping, name)} for name in _FIELDS}
    explicit = {name for name in _FIELDS if getattr(mapping, name) != getattr(_DEFAULTS, name)}
    columns: dict[str, int] = {}
    problems: list[str] = []
    unmapped: list[int] = []
    for index, title in enumerate(header):
        key = _header_key(title)
        if not key:
            continue
        fields = [name for name in _FIELDS if key in keys[name]]
        if len(fields) > 1:
            fields = [name for name in fields if name in explicit] or fields
        if len(fields) > 1:
            problems.append(
                f'column "{title}" matches {" and ".join(fields)} in the mapping: '
                "give each field its own headers"
            )
            continue
        if not fields:
            unmapped.append(index)
            continue
        name = fields[0]
        if name in columns:
            problems.append(
                f'columns "{header[columns[name]]}" and "{title}" both match {name}: '
                f"name the one to use in the mapping ({name}=...)"
            )
            continue
        columns[name] = index
    return columns, problems, unmapped


# -- reading the file ----------------------------------------------------------------------


@attrs.frozen
class _Formula:
    """An Excel formula cell: read as its text."""

    text: str


@attrs.frozen
class _ExcelError:
    """An Excel error value (``#N/A``, ``#REF!`` …)."""

    code: str


_Rows = list[tuple[int, list[object]]]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _file_error(source: str, message: str, row: int | None = None) -> RegisterError:
    return RegisterError(source, [RowProblem(source, row, None, message)])


def _decode(raw: bytes, source: str, encoding: str | None) -> str:
    bom = next((name for mark, name in _BOMS if raw.startswith(mark)), None)
    if encoding is None and bom is None and raw.count(b"\x00") * 4 > len(raw):
        raise _file_error(
            source,
            "the file is mostly NUL bytes: is it UTF-16 text without a byte-order mark? "
            "give its encoding (encoding='utf-16-le'), or save the sheet as 'CSV UTF-8'",
        )
    chosen = encoding or bom or "utf-8"
    try:
        return raw.decode(chosen)
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1].hex()
        where = f"byte 0x{byte} at position {error.start}"
        row = raw.count(b"\n", 0, error.start) + 1 if chosen.startswith("utf-8") else None
        if encoding is not None:
            message = f"not {encoding} text ({where}): check the encoding"
        else:
            message = (
                f"not UTF-8 text ({where}): save the sheet as 'CSV UTF-8', or give its "
                "encoding (encoding='cp1252' for Excel on Windows, or 'latin-1')"
            )
        raise _file_error(source, message, row) from None


def _sniff(text: str) -> str:
    """The delimiter: whichever of comma, semicolon and tab the first line has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_csv(path: Path, source: str, encoding: str | None, delimiter: str | None) -> _Rows:
    raw = _read(path, MAX_BYTES)  # a device or a file over 1 GiB is refused unread
    if raw.startswith(b"PK\x03\x04"):
        raise _file_error(
            source, "this is a zip file (an Excel workbook?), not CSV text: name it .xlsx"
        )
    text = _decode(raw, source, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _sniff(text))
    rows: _Rows = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                rows.append((number, list(cells)))
    except csv.Error as error:
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a cell holds more than {csv.field_size_limit():,} characters"
        raise _file_error(source, f"not readable as CSV: {reason}", number + 1) from None
    return rows


def _excel_cell(cell: Any) -> object:
    value = cell.value
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        text = value if isinstance(value, str) else getattr(value, "text", None)
        return _Formula(str(text if text is not None else value))
    if kind == "e":
        return _ExcelError(str(value))
    return value


def _read_excel(path: Path, source: str, sheet: str | None) -> _Rows:
    openpyxl = require("openpyxl", "excel", "reading Excel registers")
    if not path.is_file():
        path.read_bytes()  # raises the OSError that says why (missing, a folder ...)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(os.fspath(path), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise _file_error(
            source, f"not a readable Excel workbook (.xlsx): {error or type(error).__name__}"
        ) from None
    rows: _Rows = []
    number = 0
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            worksheet = workbook.active
        else:
            chosen = next((name for name in names if name == sheet), None) or next(
                (name for name in names if name.casefold() == sheet.casefold()), None
            )
            if chosen is None:
                listed = ", ".join(repr(name) for name in names)
                raise _file_error(source, f"no sheet {sheet!r}; the workbook has {listed}")
            worksheet = workbook[chosen]
        if worksheet is None or not hasattr(worksheet, "iter_rows"):
            raise _file_error(source, "the sheet is not a worksheet (a chart?): choose a sheet")
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # read every cell, whatever the file claims
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for cells in worksheet.iter_rows():
                values: dict[int, object] = {}
                for cell in cells:
                    column = getattr(cell, "column", None)
                    row = getattr(cell, "row", None)
                    if isinstance(column, int) and isinstance(row, int):
                        number = row
                        values[column - 1] = _excel_cell(cell)
                if any(_text(value).strip() for value in values.values()):
                    width = max(values) + 1
                    rows.append((number, [values.get(i) for i in range(width)]))
    except RegisterError:
        raise
    except Exception as error:
        after = f" after row {number}" if number else ""
        raise _file_error(
            source,
            f"not a readable Excel workbook (.xlsx){after}: {error or type(error).__name__}",
        ) from None
    finally:
        workbook.close()
    return rows


# -- cells ----------------------------------------------------------------------------------


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


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in "\t\n\r"


def _token(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


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


# -- parsing rows ---------------------------------------------------------------------------


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
            if as_text and looks_like_formula(text):
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
        bad = next((character for character in text if _is_control(character)), None)
        if bad is not None:
            self._problem(field, f"the cell holds the control character U+{ord(bad):04X}")
            return None
        return " ".join(text.split())

    def _text(self, field: str) -> str:
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
        try:
            return _parse_date(text)
        except ValueError as error:
            self._problem("date", str(error))
            return None, None

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


# -- names ----------------------------------------------------------------------------------


def normalise_name(text: str, *, titles: bool = True) -> str:
    """A name as compared when matching: the same for spellings that mean the same.

    Unicode NFKC, case-folded, ``&`` read as "and", apostrophes dropped, other punctuation
    and symbols read as spaces, white space collapsed, and (with ``titles``) leading titles
    removed: Dr, Mr, Mrs, Ms, Miss, Mx, Prof, Sir, Dame, Rev, Cllr and their long forms.

    Args:
        text: The name as written.
        titles: Remove leading titles (for people's names).

    Returns:
        The normalised name (empty when the text has no letters or digits).

    Examples:
        >>> normalise_name("  Dr. Ana   SILVA ")
        'ana silva'
        >>> normalise_name("O’Brien & Sons Ltd.", titles=False)
        'obrien and sons ltd'
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    characters = []
    for character in folded:
        if character in _APOSTROPHES:
            continue
        category = unicodedata.category(character)
        characters.append(" " if category[0] in "PSZC" else character)
    words = "".join(characters).split()
    if titles:
        while len(words) > 1 and words[0] in _TITLES:
            words.pop(0)
    return " ".join(words)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    return (
        start + 1 < len(a)
        and a[start] == b[start + 1]
        and a[start + 1] == b[start]
        and a[start + 2 :] == b[start + 2 :]
    )


def _blocks(key: str) -> set[str]:
    """The keys under which a normalised name is indexed for near-duplicate search.

    Two names are compared only when they share one: a word; the first or last three
    letters of a word, or of the whole name without its spaces; or, for short names, the
    name with at most one letter dropped (names one edit apart always share one).
    """
    blocks: set[str] = set()
    for word in key.split():
        blocks.update(("w:" + word, "p:" + word[:3], "s:" + word[-3:]))
    joined = key.replace(" ", "")
    blocks.update(("p:" + joined[:3], "s:" + joined[-3:]))
    if len(key) <= _SHORT + 1:
        blocks.add("d:" + key)
        blocks.update("d:" + key[:i] + key[i + 1 :] for i in range(len(key)))
    return blocks


@attrs.frozen
class _Name:
    """A normalised name with what the near-duplicate tests need, computed once."""

    key: str
    letters: frozenset[str]
    numbers: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def of(cls, key: str) -> _Name:
        return cls(key, frozenset(key), tuple(re.findall(r"\d+", key)), tuple(sorted(key.split())))


def _alike(a: _Name, b: _Name, matcher: difflib.SequenceMatcher[str]) -> tuple[float, str] | None:
    """Whether two different normalised names look alike: (ratio, reason) or None.

    ``matcher`` has ``b.key`` as its second sequence (set once for many ``a``).
    """
    if a.numbers != b.numbers:
        return None  # "Ward 12" and "Ward 13", "Workshop 1" and "Workshop 2"
    shorter, longer = sorted((len(a.key), len(b.key)))
    close = longer - shorter <= 1 and shorter <= _SHORT
    if a.words == b.words:
        matcher.set_seq1(a.key)
        return round(matcher.ratio(), 3), "the same words in another order"
    # Upper bounds of the ratio, 2 * matches / total: the shorter name matched whole, and
    # every letter found in one name only left unmatched (divisions as difflib's own).
    total = shorter + longer
    similar = (
        2 * shorter / total >= _SIMILARITY
        and (total - len(a.letters ^ b.letters)) / total >= _SIMILARITY
    )
    if similar:
        matcher.set_seq1(a.key)
        if matcher.quick_ratio() >= _SIMILARITY:
            ratio = matcher.ratio()
            if ratio >= _SIMILARITY:
                return round(ratio, 3), "similar spelling"
    if close and _one_edit_apart(a.key, b.key):
        matcher.set_seq1(a.key)
        return round(matcher.ratio(), 3), "one letter apart"
    return None


# -- resolving rows into records ------------------------------------------------------------


@attrs.define
class _NewPerson:
    id: str
    name: str
    key: str
    roles: list[PersonRole]
    sector: Sector | None
    email: str
    consent: Consent | None


@attrs.define
class _NewOrganisation:
    id: str
    name: str
    key: str
    sector: Sector | None


@attrs.define
class _NewSession:
    id: str
    name: str
    day: date
    start: time | None
    end: time | None
    row: int


@attrs.define
class _Plan:
    """How a row's person, organisation or session is found: in the hub, new, or to create."""

    state: str  # "hub", "new" or "create"
    id: str
    name: str = ""
    key: str = ""


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


def _slug(text: str, limit: int = 60) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].rstrip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return slug


def _bare(record_id: str, prefix: str) -> str:
    return record_id[len(prefix) :] if record_id.startswith(prefix) else record_id


class _Resolver:
    """Turns checked rows into records, one row at a time, all or nothing per row."""

    def __init__(
        self,
        hub: Hub,
        source: str,
        header: list[str],
        columns: dict[str, int],
        zone: tzinfo,
        session_kind: SessionKind,
        default_sector: Sector,
        reserved: set[str],
    ) -> None:
        self.hub = hub
        self.source = source
        self.header = header
        self.columns = columns
        self.zone = zone
        self.session_kind = session_kind
        self.default_sector = default_sector
        self.kinds: dict[str, str] = {}
        for kind, _, records in record_kinds(hub):
            for record in records:
                assert isinstance(record, Entity)
                self.kinds[record.id] = kind
        self.hub_ids = frozenset(self.kinds)
        self.used = set(self.kinds) | reserved
        self.hub_people: dict[str, list[Person]] = {}
        for person in hub.people:
            self.hub_people.setdefault(normalise_name(person.name), []).append(person)
        self.hub_organisations: dict[str, list[Organisation]] = {}
        for organisation in hub.organisations:
            name_key = normalise_name(organisation.name, titles=False)
            self.hub_organisations.setdefault(name_key, []).append(organisation)
        self.hub_sessions: dict[tuple[str, date], list[Session]] = {}
        self.hub_sessions_by_day: dict[date, list[tuple[str, str, str]]] = {}
        for session in hub.sessions:
            if session.start is not None:
                day = session.start.astimezone(zone).date()
                key = (normalise_name(session.name, titles=False), day)
                self.hub_sessions.setdefault(key, []).append(session)
                self.hub_sessions_by_day.setdefault(day, []).append(
                    (session.id, session.name, key[0])
                )
        self.hub_participations = {
            (p.person, p.session): p for p in hub.participations if p.person is not None
        }
        self.hub_memberships: dict[tuple[str, str], str] = {}
        for membership in hub.memberships:
            self.hub_memberships.setdefault(
                (membership.person, membership.organisation), membership.id
            )
        self.people: dict[str, _NewPerson] = {}
        self.people_by_key: dict[str, str] = {}
        self.organisations: dict[str, _NewOrganisation] = {}
        self.organisations_by_key: dict[str, str] = {}
        self.sessions: dict[str, _NewSession] = {}
        self.sessions_by_key: dict[tuple[str, date], str] = {}
        self.memberships: dict[tuple[str, str], str] = {}
        self.participations: dict[tuple[str, str], Participation] = {}
        self.first_row: dict[tuple[str, str], int] = {}
        self.reused: dict[str, dict[str, None]] = {kind: {} for kind in _KINDS}
        self.rows_of: dict[str, list[int]] = {}
        self.warnings: list[RowProblem] = []

    # -- helpers ----------------------------------------------------------------------------

    def _column(self, field: str) -> str | None:
        return self.header[self.columns[field]] if field in self.columns else None

    def _problem(self, row: _Row, field: str, message: str) -> RowProblem:
        return RowProblem(self.source, row.number, self._column(field), message)

    def _warn(self, row: _Row, field: str | None, message: str) -> None:
        column = self._column(field) if field is not None else None
        self.warnings.append(RowProblem(self.source, row.number, column, message))

    def _fresh(self, prefix: str, slug: str) -> str:
        base = (prefix + slug)[:120].rstrip("-")
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def _other_kind(self, record_id: str, kind: str) -> str | None:
        found = self.kinds.get(record_id)
        if found is None or found == kind:
            return None
        where = "the hub" if record_id in self.hub_ids else "this register"
        return (
            f"{record_id!r} is already the id of {_article(found)} {found} in {where}, "
            f"not {_article(kind)} {kind}"
        )

    # -- planning (no changes) --------------------------------------------------------------

    def _plan_named(
        self,
        row: _Row,
        kind: str,
        record_id: str,
        name: str,
        id_field: str,
        name_field: str,
        hub_records: Mapping[str, Sequence[Person | Organisation]],
        new_ids: Mapping[str, object],
        new_by_key: Mapping[str, str],
        prefix: str,
        titles: bool,
        problems: list[RowProblem],
    ) -> _Plan | None:
        key = normalise_name(name, titles=titles) if name else ""
        if record_id:
            clash = self._other_kind(record_id, kind)
            if clash is not None:
                problems.append(self._problem(row, id_field, clash))
                return None
            if record_id in self.kinds and record_id not in new_ids:
                return _Plan("hub", record_id, name, key)
            if record_id in new_ids:
                return _Plan("new", record_id, name, key)
            if not key:
                problems.append(
                    self._problem(row, name_field, f"empty name: a new {kind} needs a name")
                )
                return None
            return _Plan("create", record_id, name, key)
        if not name:
            problems.append(self._problem(row, name_field, f"empty {kind} name"))
            return None
        if not key:
            problems.append(
                self._problem(row, name_field, f"{_shown(name)} has no letters or digits")
            )
            return None
        matches = hub_records.get(key, ())
        if len(matches) > 1:
            ids = ", ".join(record.id for record in matches)
            problems.append(
                self._problem(
                    row,
                    name_field,
                    f"{len(matches)} {FIELD_OF_KIND[kind]} in the hub are called {_shown(name)} "
                    f"({ids}): add a {kind} id column to say which",
                )
            )
            return None
        if matches:
            return _Plan("hub", matches[0].id, name, key)
        if key in new_by_key:
            return _Plan("new", new_by_key[key], name, key)
        return _Plan("create", self._fresh(prefix, _slug(key)), name, key)

    def _plan_session(self, row: _Row, problems: list[RowProblem]) -> _Plan | None:
        name_key = normalise_name(row.session_name, titles=False) if row.session_name else ""
        if row.session_id:
            clash = self._other_kind(row.session_id, "session")
            if clash is not None:
                problems.append(self._problem(row, "session_id", clash))
                return None
            if row.session_id in self.kinds and row.session_id not in self.sessions:
                return _Plan("hub", row.session_id, row.session_name, name_key)
            if row.session_id in self.sessions:
                return _Plan("new", row.session_id, row.session_name, name_key)
        if not row.session_name:
            problems.append(self._problem(row, "session", "empty session name"))
            return None
        if not name_key:
            problems.append(
                self._problem(
                    row, "session", f"{_shown(row.session_name)} has no letters or digits"
                )
            )
            return None
        if row.day is None:
            if not any(p.column == self._column("date") for p in problems):
                problems.append(self._problem(row, "date", "empty date"))
            return None
        if row.session_id:
            return _Plan("create", row.session_id, row.session_name, name_key)
        key = (name_key, row.day)
        matches = self.hub_sessions.get(key, [])
        if len(matches) > 1:
            ids = ", ".join(session.id for session in matches)
            problems.append(
                self._problem(
                    row,
                    "session",
                    f"{len(matches)} sessions in the hub are called {_shown(row.session_name)} "
                    f"on {row.day.isoformat()} ({ids}): add a session id column to say which",
                )
            )
            return None
        if matches:
            return _Plan("hub", matches[0].id, row.session_name, name_key)
        if key in self.sessions_by_key:
            return _Plan("new", self.sessions_by_key[key], row.session_name, name_key)
        slug = f"{row.day.isoformat()}-{_slug(name_key)}"
        return _Plan("create", self._fresh("s-", slug), row.session_name, name_key)

    # -- applying a row ---------------------------------------------------------------------

    def apply(self, row: _Row) -> list[RowProblem]:
        """Add the row's records, or return its problems and change nothing."""
        problems: list[RowProblem] = []
        person = self._plan_named(
            row,
            "person",
            row.person_id,
            row.person_name,
            "person_id",
            "person",
            self.hub_people,
            self.people,
            self.people_by_key,
            "p-",
            True,
            problems,
        )
        organisation = None
        if row.has_organisation:
            organisation = self._plan_named(
                row,
                "organisation",
                row.organisation_id,
                row.organisation_name,
                "organisation_id",
                "organisation",
                self.hub_organisations,
                self.organisations,
                self.organisations_by_key,
                "o-",
                False,
                problems,
            )
        session = self._plan_session(row, problems)
        created = [
            plan.id for plan in (person, organisation, session) if plan and plan.state == "create"
        ]
        if len(set(created)) < len(created):
            problems.append(
                RowProblem(
                    self.source, row.number, None, "the row gives the same id to two records"
                )
            )
        if problems:
            return problems
        assert person is not None
        assert session is not None
        self._commit_person(row, person, organisation is None)
        if organisation is not None:
            self._commit_organisation(row, organisation)
            self._commit_membership(row, person.id, organisation.id)
        self._commit_session(row, session)
        self._commit_participation(row, person, session, organisation)
        return []

    def _note(self, record_id: str, row: _Row) -> None:
        self.rows_of.setdefault(record_id, []).append(row.number)

    def _commit_person(self, row: _Row, plan: _Plan, own_sector: bool) -> None:
        sector = row.sector if own_sector else None
        if plan.state == "create":
            self.people[plan.id] = _NewPerson(
                plan.id, plan.name, plan.key, list(row.person_roles), sector, row.email, row.consent
            )
            self.people_by_key.setdefault(plan.key, plan.id)
            self.kinds[plan.id] = "person"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.people[plan.id]
            self._same_name(row, "person", plan, new.name)
            new.roles.extend(role for role in row.person_roles if role not in new.roles)
            new.sector = self._merged(row, "sector", "person", plan.id, new.sector, sector)
            new.email = (
                self._merged(row, "email", "person", plan.id, new.email or None, row.email or None)
                or ""
            )
            new.consent = self._merged(row, "consent", "person", plan.id, new.consent, row.consent)
        else:
            self.reused["person"][plan.id] = None
            existing = self.hub.person(plan.id)
            self._same_name(row, "person", plan, existing.name)
            email = existing.attributes.get("email")
            self._kept(
                row,
                "email",
                "person",
                plan.id,
                email if isinstance(email, str) else None,
                row.email or None,
            )
            self._kept(row, "consent", "person", plan.id, existing.consent, row.consent)
            self._kept(row, "sector", "person", plan.id, existing.sector, sector)
            missing = [role.value for role in row.person_roles if role not in existing.roles]
            if missing:
                self._warn(
                    row,
                    "role",
                    f"person {plan.id!r} in the hub does not have the role "
                    f"{', '.join(missing)}: the hub's record is kept",
                )
        self._note(plan.id, row)

    def _commit_organisation(self, row: _Row, plan: _Plan) -> None:
        if plan.state == "create":
            self.organisations[plan.id] = _NewOrganisation(plan.id, plan.name, plan.key, row.sector)
            self.organisations_by_key.setdefault(plan.key, plan.id)
            self.kinds[plan.id] = "organisation"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.organisations[plan.id]
            self._same_name(row, "organisation", plan, new.name)
            new.sector = self._merged(
                row, "sector", "organisation", plan.id, new.sector, row.sector
            )
        else:
            self.reused["organisation"][plan.id] = None
            existing = self.hub.organisation(plan.id)
            self._same_name(row, "organisation", plan, existing.name)
            self._kept(row, "sector", "organisation", plan.id, existing.sector, row.sector)
        self._note(plan.id, row)

    def _commit_membership(self, row: _Row, person: str, organisation: str) -> None:
        key = (person, organisation)
        if key in self.hub_memberships:
            self.reused["membership"][self.hub_memberships[key]] = None
        elif key not in self.memberships:
            slug = f"{_bare(person, 'p-')}-{_bare(organisation, 'o-')}"
            record_id = self._fresh("m-", _slug(slug, limit=110))
            self.memberships[key] = record_id
            self.kinds[record_id] = "membership"
            self.used.add(record_id)

    def _commit_session(self, row: _Row, plan: _Plan) -> None:
        self._note(plan.id, row)
        if plan.state == "create":
            assert row.day is not None
            self.sessions[plan.id] = _NewSession(
                plan.id, plan.name, row.day, row.start, row.end, row.number
            )
            self.sessions_by_key.setdefault((plan.key, row.day), plan.id)
            self.kinds[plan.id] = "session"
            self.used.add(plan.id)
        elif plan.state == "new":
            new = self.sessions[plan.id]
            if plan.name and plan.key != normalise_name(new.name, titles=False):
                self._warn(
                    row,
                    "session",
                    f"session {plan.id!r} is called {_shown(new.name)} on row {new.row}: "
                    "that name is kept",
                )
            if row.day is not None and row.day != new.day:
                self._warn(
                    row,
                    "date",
                    f"session {plan.id!r} is on {new.day.isoformat()} (row {new.row}): "
                    "that date is kept",
                )
            new.start = self._merged(row, "start_time", "session", plan.id, new.start, row.start)
            new.end = self._merged(row, "end_time", "session", plan.id, new.end, row.end)
        else:
            self.reused["session"][plan.id] = None
            existing = self.hub.session(plan.id)
            if row.day is not None and existing.start is not None:
                day = existing.start.astimezone(self.zone).date()
                if day != row.day:
                    self._warn(
                        row,
                        "date",
                        f"session {plan.id!r} in the hub is on {day.isoformat()}, not "
                        f"{row.day.isoformat()}: the hub's record is kept",
                    )
            if plan.name and plan.key != normalise_name(existing.name, titles=False):
                self._warn(
                    row,
                    "session",
                    f"session {plan.id!r} is called {_shown(existing.name)} in the hub: "
                    "the hub's record is kept",
                )

    def _commit_participation(
        self, row: _Row, person: _Plan, session: _Plan, organisation: _Plan | None
    ) -> None:
        key = (person.id, session.id)
        first = self.first_row.get(key)
        if first is not None:
            self._warn(
                row,
                None,
                f"repeats row {first} ({person.id} at {session.id}): not imported again",
            )
            return
        self.first_row[key] = row.number
        existing = self.hub_participations.get(key)
        if existing is not None:
            self.reused["participation"][existing.id] = None
            differences = [
                f"{name} {getattr(existing, name)}"
                for name, value in (("role", row.role), ("level", row.level), ("hours", row.hours))
                if value is not None and value != getattr(existing, name)
            ]
            if differences:
                self._warn(
                    row,
                    None,
                    f"participation {existing.id!r} in the hub has {', '.join(differences)}: "
                    "the hub's record is kept",
                )
            return
        slug = f"{_bare(session.id, 's-')}-{_bare(person.id, 'p-')}"
        record_id = self._fresh("pa-", _slug(slug, limit=115))
        self.kinds[record_id] = "participation"
        self.used.add(record_id)
        self.participations[key] = Participation(
            id=record_id,
            session=session.id,
            person=person.id,
            organisation=organisation.id if organisation is not None else None,
            role=row.role or ParticipationRole.PARTICIPANT,
            level=row.level,
            hours=row.hours,
        )

    def _same_name(self, row: _Row, kind: str, plan: _Plan, known: str) -> None:
        titles = kind == "person"
        if plan.name and plan.key != normalise_name(known, titles=titles):
            where = "in the hub" if plan.state == "hub" else "earlier in this register"
            self._warn(
                row,
                kind,
                f"{kind} {plan.id!r} is called {_shown(known)} {where}, not "
                f"{_shown(plan.name)}: {_shown(known)} is kept",
            )

    def _merged(
        self, row: _Row, field: str, kind: str, record_id: str, current: _T | None, value: _T | None
    ) -> _T | None:
        if value is None or value == current:
            return current
        if current is None:
            return value
        self._warn(
            row,
            field,
            f"{kind} {record_id!r} was given {_text(current) or current} on an earlier row, "
            f"not {_text(value) or value}: the first is kept",
        )
        return current

    def _kept(
        self, row: _Row, field: str, kind: str, record_id: str, current: object, value: object
    ) -> None:
        if value is not None and value != current:
            has = f"no {field}" if current is None else f"{field} {current!s}"
            self._warn(
                row,
                field,
                f"{kind} {record_id!r} in the hub has {has}, not {value!s}: "
                "the hub's record is kept",
            )

    # -- the records ------------------------------------------------------------------------

    def records(self) -> list[Entity]:
        records: list[Entity] = []
        unsectored = [o.name for o in self.organisations.values() if o.sector is None]
        if unsectored:
            shown = ", ".join(_shown(name) for name in unsectored[:5])
            more = f" and {len(unsectored) - 5} more" if len(unsectored) > 5 else ""
            self.warnings.append(
                RowProblem(
                    self.source,
                    None,
                    self._column("sector"),
                    f"{len(unsectored)} new organisation{'s have' if len(unsectored) > 1 else ' has'} "
                    f"no sector ({shown}{more}): recorded as {self.default_sector.value!r}",
                )
            )
        for organisation in self.organisations.values():
            records.append(
                Organisation(
                    id=organisation.id,
                    name=organisation.name,
                    sector=organisation.sector or self.default_sector,
                )
            )
        for person in self.people.values():
            records.append(
                Person(
                    id=person.id,
                    name=person.name,
                    roles=tuple(person.roles),
                    sector=person.sector,
                    consent=person.consent or Consent.PSEUDONYMOUS,
                    attributes={"email": person.email} if person.email else {},
                )
            )
        for (person_id, organisation_id), record_id in self.memberships.items():
            records.append(Membership(id=record_id, person=person_id, organisation=organisation_id))
        for session in self.sessions.values():
            start = datetime.combine(session.day, session.start or time(), tzinfo=self.zone)
            end = (
                datetime.combine(session.day, session.end, tzinfo=self.zone)
                if session.end is not None
                else None
            )
            if end is not None and end < start:
                end = None
                self.warnings.append(
                    RowProblem(
                        self.source,
                        session.row,
                        self._column("end_time"),
                        f"session {session.id!r} ends before it starts: no end recorded",
                    )
                )
            records.append(
                Session(
                    id=session.id,
                    name=session.name,
                    kind=self.session_kind,
                    start=start,
                    end=end,
                )
            )
        records.extend(self.participations.values())
        return records

    def added(self) -> dict[str, tuple[str, ...]]:
        return {
            "person": tuple(self.people),
            "organisation": tuple(self.organisations),
            "membership": tuple(self.memberships.values()),
            "session": tuple(self.sessions),
            "participation": tuple(p.id for p in self.participations.values()),
        }

    def near_duplicates(self) -> list[NearDuplicate]:
        """Alike names among the new records and between them and the hub's.

        People and organisations are compared across the whole hub; sessions only with
        sessions on the same day, which keeps the search small however long the register.
        """
        found = self._alike_pairs(
            "person",
            [(p.id, p.name, p.key) for p in self.people.values()],
            [(p.id, p.name, normalise_name(p.name)) for p in self.hub.people],
        )
        found += self._alike_pairs(
            "organisation",
            [(o.id, o.name, o.key) for o in self.organisations.values()],
            [(o.id, o.name, normalise_name(o.name, titles=False)) for o in self.hub.organisations],
        )
        by_day: dict[date, list[tuple[str, str, str]]] = {}
        for session in self.sessions.values():
            key = normalise_name(session.name, titles=False)
            by_day.setdefault(session.day, []).append((session.id, session.name, key))
        for day in sorted(by_day):
            existing = self.hub_sessions_by_day.get(day, [])
            found += self._alike_pairs("session", by_day[day], existing, day)
        return found

    def _alike_pairs(
        self,
        kind: str,
        new: Sequence[tuple[str, str, str]],
        existing: Sequence[tuple[str, str, str]],
        day: date | None = None,
    ) -> list[NearDuplicate]:
        """Each new (id, name, normalised name) against those before it and the existing."""
        found: list[NearDuplicate] = []
        entries = [*existing, *new]
        names = [_Name.of(key) for _, _, key in entries]
        exhaustive = len(new) * len(entries) <= _EXHAUSTIVE
        index: dict[str, list[int]] = {}
        for position, (_, _, key) in enumerate(existing):
            for block in _blocks(key):
                index.setdefault(block, []).append(position)
        for position in range(len(existing), len(entries)):
            record_id, name, key = entries[position]
            blocks = _blocks(key)
            if exhaustive:
                candidates: Iterable[int] = range(position)
            else:
                candidates = sorted({o for block in blocks for o in index.get(block, ())})
            matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
            for other in candidates:
                other_id, other_name, other_key = entries[other]
                if key == other_key:
                    result: tuple[float, str] | None = (1.0, "the same name, different ids")
                else:
                    result = _alike(names[other], names[position], matcher)
                if result is None:
                    continue
                similarity, reason = result
                found.append(
                    NearDuplicate(
                        kind,
                        (other_id, record_id),
                        (other_name, name),
                        (
                            tuple(self.rows_of.get(other_id, ())),
                            tuple(self.rows_of.get(record_id, ())),
                        ),
                        similarity,
                        reason,
                        day,
                    )
                )
            for block in blocks:
                index.setdefault(block, []).append(position)
        return found


# -- the entry point ------------------------------------------------------------------------


def _zone(timezone: str | tzinfo) -> tzinfo:
    if isinstance(timezone, tzinfo):
        return timezone
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(
            f"unknown time zone {timezone!r}: use an IANA name such as 'Europe/London'"
        ) from None


def _locate_header(
    rows: _Rows, mapping: RegisterMapping, source: str
) -> tuple[int, list[str], dict[str, int], list[int]]:
    """The header's position in ``rows``, its titles, the columns found and unmapped ones.

    The header is the first of the top rows with a column for every required field; title
    rows above it are skipped. Without one, the row matching most fields is taken to be
    the header, and the missing columns are reported against it.
    """
    if not rows:
        expected = ", ".join(_REQUIRED)
        raise _file_error(
            source, f"the file is empty: expected a header row with columns for {expected}"
        )
    likeliest: tuple[int, int] = (0, -1)  # (position, fields matched)
    for position, (number, cells) in enumerate(rows[:_HEADER_SEARCH]):
        header = [" ".join(_text(cell).split()) for cell in cells]
        columns, clashes, unmapped = _match_columns(mapping, header)
        matched = len(columns) + len(clashes)
        if matched > likeliest[1]:
            likeliest = (position, matched)
        if all(name in columns for name in _REQUIRED) or (
            clashes and all(name in columns or name in " ".join(clashes) for name in _REQUIRED)
        ):
            if clashes:
                raise RegisterError(source, [RowProblem(source, number, None, c) for c in clashes])
            return position, header, columns, unmapped
    position = likeliest[0]
    number, cells = rows[position]
    header = [" ".join(_text(cell).split()) for cell in cells]
    columns, clashes, _ = _match_columns(mapping, header)
    missing = [name for name in _REQUIRED if name not in columns]
    looked = "; ".join(
        f"{name} (one of {', '.join(repr(alias) for alias in getattr(mapping, name))})"
        for name in missing
    )
    found = ", ".join(repr(title) for title in header if title) or "none"
    message = f"missing columns: {looked}; columns found: {found}"
    if any("\x00" in title for title in header):
        message += (
            " (the file holds NUL bytes: is it UTF-16 without a byte-order mark? "
            "give encoding='utf-16-le')"
        )
    problems = [RowProblem(source, number, None, message)]
    problems.extend(RowProblem(source, number, None, clash) for clash in clashes)
    raise RegisterError(source, problems)


def read_register(
    path: str | os.PathLike[str],
    *,
    mapping: RegisterMapping | None = None,
    into: Hub | None = None,
    skip_bad_rows: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
    session_kind: SessionKind | str = SessionKind.MEETING,
    default_level: ParticipationLevel | str | None = None,
    default_sector: Sector | str = Sector.OTHER,
    timezone: str | tzinfo = "Europe/London",
) -> RegisterImport:
    r"""Read a sign-in sheet or attendance register (CSV or Excel) into a hub.

    Each row names a person, the session they attended and its date, and optionally
    their organisation, role, ids, sector, email, hours, IAP2 level, consent and the
    session's times (see :class:`RegisterMapping` for the columns). People,
    organisations and sessions the hub does not hold yet are created, the others reused;
    a person with an organisation gets a membership; each row gives one participation
    (a row repeating an earlier one is reported, not imported twice). The title rows
    above the header, if any, are skipped; the header must be within the first 20 rows.

    Nothing is imported unless every row is sound: all problems are raised together in
    one :class:`RegisterError`. Records the hub already holds are never changed; where a
    row disagrees with them, the hub's value is kept and a warning says so.

    Args:
        path: A ``.csv`` (comma, semicolon or tab separated, found from the header line),
            ``.tsv`` or ``.txt`` file, or an Excel ``.xlsx`` / ``.xlsm`` workbook (needs
            the ``excel`` extra; formulas are read as their text and flagged).
        mapping: Which headers hold what; by default the usual English headers.
        into: The hub to add to (it is not changed); by default an empty hub.
        skip_bad_rows: Import the good rows and list the bad ones in
            :attr:`RegisterImport.skipped`, instead of refusing the whole file.
        sheet: The worksheet to read (by name) in a workbook; by default the one it
            opens on.
        encoding: The CSV file's encoding; by default UTF-8 (a byte-order mark selects
            UTF-8, UTF-16 or UTF-32).
        session_kind: The kind of the sessions created.
        default_level: The IAP2 level of participations whose row gives none.
        default_sector: The sector of organisations created without one.
        timezone: The time zone of the dates and times (an IANA name or a ``tzinfo``).

    Returns:
        The new hub, and a report of what was added, reused, skipped, and looks alike.

    Raises:
        RegisterError: The file cannot be read as a register, misses columns, or has bad
            rows (without ``skip_bad_rows``); every problem names its row and column.
        FileNotFoundError: There is no such file (other ``OSError``: it cannot be read).
        MissingDependencyError: An Excel file without the ``excel`` extra.
        ValueError: An argument is not valid (an unknown time zone or session kind ...).

    Examples:
        >>> import pathlib, tempfile
        >>> text = ("Name,Session,Date,Role\n"
        ...         "Ana Silva,Launch,22/06/2023,presenter\n"
        ...         ",Launch,22/06/2023,\n"
        ...         "Ben Okafor,Launch,31/06/2023,chair\n")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "register.csv"
        ...     _ = path.write_text(text, encoding="utf-8")
        ...     try:
        ...         read_register(path)
        ...     except RegisterError as error:
        ...         for problem in error.problems:
        ...             print(problem.row, problem.column, problem.message[:40])
        ...     result = read_register(path, skip_bad_rows=True)
        3 Name empty person name
        4 Date no such date '31/06/2023': day is out of
        4 Role unknown role 'chair': use one of organis
        >>> [skipped.row for skipped in result.skipped], len(result.hub.participations)
        ([3, 4], 1)
    """
    source = os.fspath(path)
    zone = _zone(timezone)
    kind = _choice(SessionKind, session_kind, "session_kind")
    level = (
        None
        if default_level is None
        else _choice(ParticipationLevel, default_level, "default_level")
    )
    sector = _choice(Sector, default_sector, "default_sector")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    mapping = mapping if mapping is not None else RegisterMapping()
    hub = into if into is not None else Hub()
    file = Path(path)
    suffix = file.suffix.lower()
    notes: list[RowProblem] = []
    if suffix in (".xlsx", ".xlsm"):
        rows = _read_excel(file, source, sheet)
    elif suffix in (".csv", ".txt", ".tsv", ".tab"):
        rows = _read_csv(file, source, encoding, "\t" if suffix in (".tsv", ".tab") else None)
        if sheet is not None:
            notes.append(
                RowProblem(source, None, None, "sheet= is ignored: this is not a workbook")
            )
    elif suffix in (".xls", ".ods", ".numbers"):
        raise _file_error(source, f"cannot read {suffix} files: save the sheet as .xlsx or .csv")
    else:
        raise _file_error(
            source, f"unsupported register type {suffix!r}: use .csv, .tsv, .txt or .xlsx"
        )

    position, header, columns, unmapped = _locate_header(rows, mapping, source)
    header_row = rows[position][0]
    if header_row > 1:
        notes.append(
            RowProblem(
                source,
                None,
                None,
                f"the header is row {header_row}: the rows above it were not imported",
            )
        )
    ignored = [header[index] for index in unmapped]
    if ignored:
        notes.append(
            RowProblem(
                source,
                header_row,
                None,
                f"columns not imported: {', '.join(repr(title) for title in ignored)}",
            )
        )
    body = rows[position + 1 :]
    if not body:
        notes.append(RowProblem(source, None, None, "no rows below the header: nothing to import"))

    parser = _RowParser(source, header, columns, len(header))
    parsed: list[tuple[_Row, list[RowProblem]]] = [
        parser.parse(number, cells, level) for number, cells in body
    ]
    reserved = {
        value
        for row, problems in parsed
        if not problems
        for value in (row.person_id, row.organisation_id, row.session_id)
        if value
    }
    resolver = _Resolver(hub, source, header, columns, zone, kind, sector, reserved)
    every: list[RowProblem] = []
    skipped: list[SkippedRow] = []
    for row, problems in parsed:
        if not problems:
            problems = resolver.apply(row)
        if problems:
            every.extend(problems)
            skipped.append(SkippedRow(row.number, row.values, tuple(problems)))
    if every and not skip_bad_rows:
        raise RegisterError(source, every)
    try:
        records = resolver.records()
    except ValidationError as error:  # pragma: no cover - every value is checked above
        raise _file_error(source, f"a record could not be built: {error}") from None
    left_out = {skipped_row.row for skipped_row in skipped}
    kept = [w for w in (*parser.warnings, *resolver.warnings) if w.row not in left_out]
    new_hub = hub.add(*records) if records else hub
    return RegisterImport(
        hub=new_hub,
        path=source,
        rows=len(body),
        added=resolver.added(),
        reused={kind: tuple(ids) for kind, ids in resolver.reused.items()},
        skipped=tuple(skipped),
        near_duplicates=tuple(resolver.near_duplicates()),
        warnings=tuple(sorted([*notes, *kept], key=_position)),
    )


def _position(problem: RowProblem) -> tuple[int, int]:
    return (0, 0) if problem.row is None else (1, problem.row)
