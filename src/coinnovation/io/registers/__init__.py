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
with the same normalised name are reported too. They are reported by name
(:attr:`RegisterImport.name_groups`: each name several records share, with the names alike
to it), and found through an index of the distinct names, never by comparing every pair
of records; :attr:`RegisterImport.near_duplicates` lists the same, pair by pair.

**Dates** are read as ISO (``2023-06-22``, ``2023-06-22 10:00``, ``2023/06/22``), day
first as in the UK (``22/06/2023``, ``22-6-2023``, ``22.06.23``; two-digit years are
20xx), or in words (``22 June 2023``, ``Thu 22nd Jun 2023``, ``June 22, 2023``). Month-first
numeric dates (``06/22/2023``) are refused, not guessed. Times: ``09:30``, ``9.30``,
``14:00:00``, ``9am``, ``2:30 pm``. Excel date and time cells are read as they are.

**New ids** are slugs of the names — ``p-ana-silva``, ``o-walsall-housing-group``,
``s-2023-06-22-workshop-1``, ``m-ana-silva-walsall-housing-group``,
``pa-2023-06-22-workshop-1-ana-silva`` — with ``-2``, ``-3`` … appended when taken.

**The package**, one module per step of :func:`read_register`: ``reading`` reads the
file's rows (CSV or Excel), ``mapping`` finds the header and which column holds what
(:class:`RegisterMapping`), ``rows`` and ``cells`` clean and check each row's cells,
``resolve`` turns rows into records, ``names`` matches names and finds near-duplicates,
and ``results`` holds what is returned (:class:`RegisterImport`). Every public name is
importable from here.

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
import os
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from coinnovation._collector import collector_paused
from coinnovation.errors import RegisterError, RowProblem
from coinnovation.io.registers.cells import MAX_CELL_LENGTH, _choice
from coinnovation.io.registers.mapping import RegisterMapping, _locate_header
from coinnovation.io.registers.names import normalise_name
from coinnovation.io.registers.presets import PRESETS, Preset, _a, _convert, _preset_of, _suggest
from coinnovation.io.registers.reading import _read_rows
from coinnovation.io.registers.resolve import _Resolver
from coinnovation.io.registers.results import (
    AlikeName,
    NameGroup,
    NearDuplicate,
    RegisterImport,
    SkippedRow,
    _file_error,
)
from coinnovation.io.registers.rows import _Row, _RowParser
from coinnovation.models.hub import Hub
from coinnovation.models.vocabularies import ParticipationLevel, Sector, SessionKind

__all__ = [
    "MAX_CELL_LENGTH",
    "AlikeName",
    "NameGroup",
    "NearDuplicate",
    "PRESETS",
    "Preset",
    "RegisterError",
    "RegisterImport",
    "RegisterMapping",
    "RowProblem",
    "SkippedRow",
    "normalise_name",
    "read_register",
]


def _zone(timezone: str | tzinfo) -> tzinfo:
    if isinstance(timezone, tzinfo):
        return timezone
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(
            f"unknown time zone {timezone!r}: use an IANA name such as 'Europe/London'"
        ) from None


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
    preset: str | Preset | None = None,
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
        preset: The file is a vendor's attendance export: ``"zoom"``, ``"teams"``,
            ``"eventbrite"`` or ``"forms"``, or a :class:`Preset` (``PRESETS["zoom"]
            .using(session=...)``); see :mod:`~coinnovation.io.registers.presets`.
            Not with ``mapping``: a preset knows its columns.

    Returns:
        The new hub, and a report of what was added, reused, skipped, and looks alike.

    Raises:
        RegisterError: The file cannot be read as a register, misses columns, or has bad
            rows (without ``skip_bad_rows``); every problem names its row and column.
        FileNotFoundError: There is no such file (other ``OSError``: it cannot be read).
        MissingDependencyError: An Excel file without the ``excel`` extra.
        ValueError: An argument is not valid (an unknown time zone, session kind or
            preset, or both ``mapping`` and ``preset`` ...).

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
    chosen = _preset_of(preset) if preset is not None else None
    if chosen is not None and mapping is not None:
        raise ValueError("give mapping= or preset=, not both: a preset knows its columns")
    mapping = mapping if mapping is not None else RegisterMapping()
    hub = into if into is not None else Hub()
    # An import makes a few objects per cell and per row, with no reference cycles: the
    # garbage collector's passes over them would take a third of its time, and grow faster
    # than the rows (docs/performance.md).
    with collector_paused():
        return _import(
            Path(path),
            source,
            sheet,
            encoding,
            mapping,
            hub,
            zone,
            kind,
            level,
            sector,
            skip_bad_rows,
            chosen,
        )


def _import(
    path: Path,
    source: str,
    sheet: str | None,
    encoding: str | None,
    mapping: RegisterMapping,
    hub: Hub,
    zone: tzinfo,
    kind: SessionKind,
    level: ParticipationLevel | None,
    sector: Sector,
    skip_bad_rows: bool,
    preset: Preset | None = None,
) -> RegisterImport:
    """read_register once its arguments are checked: the steps, one module each."""
    # The file's rows (reading.py), and the header among them (mapping.py).
    rows, notes = _read_rows(path, source, sheet, encoding)
    if preset is not None:
        # A vendor's export, read into register rows first (presets.py).
        converted = _convert(preset, rows, source, zone, hub, skip_bad_rows)
        notes.extend(converted.warnings)
        return _resolve(
            source,
            converted.header,
            converted.columns,
            converted.body,
            converted.rows,
            notes,
            converted.skipped,
            hub,
            zone,
            kind,
            level,
            sector,
            skip_bad_rows,
        )
    try:
        position, header, columns, unmapped = _locate_header(rows, mapping, source)
    except RegisterError as error:
        near = [found for found in _suggest(rows) if not found[1]]
        if not near or mapping != RegisterMapping():
            raise
        found = near[0][0]
        hint = RowProblem(
            source,
            None,
            None,
            f"this looks like {_a(found.title)}: read it with preset={found.name!r} "
            f"(coinnovation import --preset {found.name})",
        )
        raise RegisterError(source, [*error.problems, hint]) from None
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
    return _resolve(
        source,
        header,
        columns,
        body,
        len(body),
        notes,
        [],
        hub,
        zone,
        kind,
        level,
        sector,
        skip_bad_rows,
    )


def _resolve(
    source: str,
    header: list[str],
    columns: dict[str, int],
    body: list[tuple[int, list[object]]],
    read: int,
    notes: list[RowProblem],
    left_out: list[SkippedRow],
    hub: Hub,
    zone: tzinfo,
    kind: SessionKind,
    level: ParticipationLevel | None,
    sector: Sector,
    skip_bad_rows: bool,
) -> RegisterImport:
    """The rows below the header, checked and resolved into records: the rest of the steps."""
    if not body:
        notes.append(RowProblem(source, None, None, "no rows below the header: nothing to import"))

    # Each row's cells cleaned and checked (rows.py, cells.py).
    parser = _RowParser(source, header, columns, len(header))
    parsed: list[tuple[_Row, list[RowProblem]]] = [
        parser.parse(number, cells, level) for number, cells in body
    ]
    # Each sound row resolved into records (resolve.py), the ids rows give reserved first.
    reserved = {
        value
        for row, problems in parsed
        if not problems
        for value in (row.person_id, row.organisation_id, row.session_id)
        if value
    }
    resolver = _Resolver(hub, source, header, columns, zone, kind, sector, reserved)
    every: list[RowProblem] = []
    skipped: list[SkippedRow] = list(left_out)
    for row, problems in parsed:
        if not problems:
            problems = resolver.apply(row)
        if problems:
            every.extend(problems)
            skipped.append(SkippedRow(row.number, row.values, tuple(problems)))
    if every and not skip_bad_rows:
        raise RegisterError(source, every)
    # The new records, and the report (results.py); alike names compared (names.py).
    try:
        records = resolver.records()
    except ValidationError as error:  # pragma: no cover - every value is checked above
        raise _file_error(source, f"a record could not be built: {error}") from None
    dropped = {skipped_row.row for skipped_row in skipped}
    kept = [w for w in (*parser.warnings, *resolver.warnings) if w.row not in dropped]
    new_hub = hub.add(*records) if records else hub
    searched = resolver.alike_names()
    return RegisterImport(
        hub=new_hub,
        path=source,
        rows=read,
        added=resolver.added(),
        reused={kind: tuple(ids) for kind, ids in resolver.reused.items()},
        skipped=tuple(sorted(skipped, key=lambda skipped_row: skipped_row.row)),
        name_groups=searched.groups(),
        warnings=tuple(sorted([*notes, *kept], key=_position)),
        _pairs=searched,
    )


def _position(problem: RowProblem) -> tuple[int, int]:
    return (0, 0) if problem.row is None else (1, problem.row)
