r"""Export tables for a spreadsheet: people, organisations, participations and measures.

:func:`export_rows` builds one table from a hub as an :class:`ExportTable` (columns and
rows of plain values); :func:`write_export` writes it as ``.csv``, ``.xlsx`` or ``.parquet``
(typed, for R, DuckDB, polars and Spark: see :mod:`coinnovation.export.parquet`);
:func:`export_table` does both. Four tables (:data:`EXPORTS`):

- ``people`` — one row per person who may appear: ``id``, ``name``, ``consent``,
  ``roles``, ``sector``, ``organisation`` (their primary one), ``organisations``,
  ``communities``, ``participations`` (how many) and ``hours`` (summed where recorded).
- ``organisations`` — one row per organisation: ``id``, ``name``, ``kind``, ``sector``,
  ``parent``, ``place``, ``communities``, ``members``, ``participations`` (those naming
  the organisation) and ``hours``.
- ``participations`` — one row per participation of the hub, always all of them:
  ``id``, ``session``, ``session_name``, ``session_kind``, ``session_start`` (local time,
  with its UTC offset in CSV),
  ``person``, ``person_name``, ``person_excluded``, ``organisation``,
  ``organisation_name``, ``role``, ``level`` and ``hours``.
- ``measures`` — :func:`~coinnovation.network.node_measures` of the collaboration
  network at the organisation (default), person or sector level: ``node``, then the
  measure columns.

Privacy (see :mod:`coinnovation.privacy`) applies to every table that shows people:

- *named* people appear as they are: their id and their name;
- *pseudonymous* people appear under their pseudonym, in the id column (``id``,
  ``person``, ``node``) **and** the name column — ids can be names in disguise;
- *excluded* people are dropped from ``people`` and from person-level ``measures``. Their
  participations are kept, with ``person`` and ``person_name`` blank and
  ``person_excluded`` true, so the participations table always has one row per
  participation of the hub. Counts computed from the whole hub stay right: members and
  participations of organisations count everyone, and network measures are computed on
  the whole network before excluded people's rows are dropped (a degree counts ties to
  excluded people; their own rows are not shown).

Nothing in a table's order or its other ids ties a pseudonym back to a name: registers
list people alphabetically and number their records in that order, so ``people`` and
person-level ``measures`` are sorted by their id column, ``participations`` by session
(in hub order), then person, then organisation, and the ``id`` of a participation of a
person who is not named is left blank. Free text about people (descriptions, tags,
attributes) is never exported: it may name them. Organisation-level data is never
pseudonymised.

Files are spreadsheet-safe and atomic. Text cells that a spreadsheet would run as a
formula get a leading apostrophe (:func:`~coinnovation.export.tables.neutralise`), in CSV
and in Excel files alike; numbers stay numbers. CSV files are UTF-8 **with a byte-order
mark** (so Excel reads accented names right; Python reads them with
``encoding="utf-8-sig"``, pandas and R skip the mark by themselves) and ``\r\n`` line
ends (RFC 4180); pass ``bom=False`` for plain UTF-8. Lists are joined with ``;``,
true/false are written ``true``/``false``, missing values as empty cells. Times are
written as they were recorded — the local time with its UTC offset
(``2024-05-16T00:00:00+01:00``), never moved to UTC, so a session that a sign-in sheet
dated 16 May in London stays on 16 May. Excel files (``.xlsx``, the ``excel`` extra)
hold real numbers, booleans and dates (times as the same local time, without the offset,
since Excel has no time zones); control characters Excel cannot store become ``�``.

Examples:
    >>> import csv, tempfile, pathlib
    >>> from coinnovation.models import Hub, Person, Session, Participation
    >>> hub = Hub(people=(Person(id="p-ana", name="Ana", consent="named"),
    ...                   Person(id="p-ben", name="=Ben"),
    ...                   Person(id="p-cy", name="Cy", consent="excluded")),
    ...           sessions=(Session(id="s-1", name="Table 1"),),
    ...           participations=tuple(Participation(id=f"pa-{i}", session="s-1", person=p)
    ...                                for i, p in enumerate(("p-ana", "p-ben", "p-cy"))))
    >>> from coinnovation.privacy import Privacy
    >>> policy = Privacy.for_hub(hub, secret="a secret of sixteen+ characters")
    >>> [row[:2] for row in export_rows(hub, "people", privacy=policy).rows]
    [('Person VRMZ-8V5S', 'Person VRMZ-8V5S'), ('p-ana', 'Ana')]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = export_table(hub, "participations", pathlib.Path(folder) / "p.csv",
    ...                         privacy=policy)
    ...     with path.open(encoding="utf-8-sig", newline="") as handle:
    ...         rows = list(csv.DictReader(handle))
    >>> [(row["id"], row["person"], row["person_excluded"]) for row in rows]
    [('', '', 'true'), ('', 'Person VRMZ-8V5S', 'false'), ('pa-0', 'p-ana', 'false')]
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args

import attrs

from coinnovation._html import html_table
from coinnovation._optional import require
from coinnovation.errors import FileFormatError, PrivacyError, Problem
from coinnovation.export.tables import neutralise
from coinnovation.io.files import atomic_write
from coinnovation.models import Consent, Hub, SessionKind
from coinnovation.models.scope import Moment, Nested, Scope
from coinnovation.network.build import Level, collaboration_graph
from coinnovation.network.measures import node_measures
from coinnovation.network.projection import DEFAULT_MAX_PAIRS, Oversize, WeightScheme
from coinnovation.privacy import SECRET_ENV, Privacy

__all__ = [
    "EXPORTS",
    "ExportKind",
    "ExportTable",
    "export_rows",
    "export_table",
    "write_export",
]

#: What :func:`export_rows` can export.
ExportKind = Literal["people", "organisations", "participations", "measures"]

#: Every export, in the order the docs present them.
EXPORTS: tuple[ExportKind, ...] = get_args(ExportKind)

_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
_SEPARATOR = ";"
# What Excel cannot store in a cell (the same set openpyxl refuses).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_PEOPLE = (
    "id",
    "name",
    "consent",
    "roles",
    "sector",
    "organisation",
    "organisations",
    "communities",
    "participations",
    "hours",
)
_ORGANISATIONS = (
    "id",
    "name",
    "kind",
    "sector",
    "parent",
    "place",
    "communities",
    "members",
    "participations",
    "hours",
)
_PARTICIPATIONS = (
    "id",
    "session",
    "session_name",
    "session_kind",
    "session_start",
    "person",
    "person_name",
    "person_excluded",
    "organisation",
    "organisation_name",
    "role",
    "level",
    "hours",
)


def _columns(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(names)


def _rows(rows: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(row) for row in rows)


@attrs.frozen
class ExportTable:
    """One exported table: its column names and rows of plain values.

    Values are text, integers, floats, booleans, :class:`~decimal.Decimal` (hours,
    exactly), timezone-aware :class:`~datetime.datetime` as recorded (in their own UTC
    offset, so the local day is kept), or ``None`` (missing).
    Lists are already joined with ``;``. Text is *not* neutralised here: the writers do
    that, so the rows hold what the hub holds.

    Attributes:
        what: Which export it is (one of :data:`EXPORTS`).
        columns: The column names, in order.
        rows: The rows, each a tuple as long as ``columns``.

    Examples:
        >>> table = ExportTable("people", ("id", "name"), (("p-1", "Ana"),))
        >>> len(table), table.records()
        (1, [{'id': 'p-1', 'name': 'Ana'}])
    """

    what: str
    columns: tuple[str, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[Any, ...], ...] = attrs.field(converter=_rows)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries, column name to value.

        Examples:
            >>> ExportTable("x", ("a",), ((1,), (2,))).records()
            [{'a': 1}, {'a': 2}]
        """
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """One column's values, in row order.

        Raises:
            KeyError: There is no such column.

        Examples:
            >>> ExportTable("x", ("a", "b"), ((1, 2), (3, 4))).column("b")
            [2, 4]
        """
        try:
            index = self.columns.index(name)
        except ValueError:
            raise KeyError(name) from None
        return [row[index] for row in self.rows]

    def _repr_html_(self) -> str:
        return html_table(self.columns, self.rows, caption=f"{self.what}: {len(self)} rows")


# -- choosing and checking ---------------------------------------------------------------------


def _check_what(what: str) -> ExportKind:
    if what not in EXPORTS:
        raise ValueError(f"unknown export {what!r}: choose one of {', '.join(EXPORTS)}")
    return what


def _format_of(path: Path) -> str:
    chosen = _SUFFIXES.get(path.suffix.lower())
    if chosen is None:
        problem = Problem(
            "file",
            None,
            None,
            f"unsupported table type {path.suffix!r}: use .csv, .xlsx or .parquet",
        )
        raise FileFormatError(str(path), [problem])
    return chosen


def _shows_people(what: str, level: str) -> bool:
    return what in ("people", "participations") or (what == "measures" and level == "person")


def _unset(hub: Hub, what: str, level: str) -> Privacy:
    """The policy of a table given none: one without a secret, refused where one is needed.

    A table that would show pseudonymous people is refused before anything is computed;
    any other table gets a policy without a secret (:meth:`Privacy.from_options
    <coinnovation.privacy.Privacy.from_options>`). Until the next release,
    ``$COINNOVATION_SECRET`` still gives the secret, with a warning.
    """
    if os.environ.get(SECRET_ENV):
        warnings.warn(
            f"export_rows and export_table read ${SECRET_ENV} by themselves only until "
            "the next release: pass privacy=Privacy.for_hub(hub), which reads it",
            DeprecationWarning,
            stacklevel=3,
        )
        return Privacy.for_hub(hub)
    if _shows_people(what, level) and any(
        person.consent is Consent.PSEUDONYMOUS for person in hub.people
    ):
        raise PrivacyError(
            f"exporting {what} shows pseudonymous people, whose pseudonyms need the hub's "
            "secret: pass privacy= or secret= (deprecated); Privacy.for_hub(hub, ...) makes "
            "the policy from a secret, a secret file, the environment or a store"
        )
    return Privacy.from_options(hub, output=f"exporting {what}")


# -- values ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A value as what a table cell holds: enums by value, lists joined, NaN as None."""
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, tuple | list):
        return _SEPARATOR.join(str(_plain(item)) for item in value)
    return value  # datetimes stay in their own offset: the local day is the one written


def _joined(values: Iterable[Any]) -> str | None:
    text = _SEPARATOR.join(str(_plain(value)) for value in values)
    return text or None


def _hours(values: Iterable[Decimal | None]) -> Decimal | None:
    recorded = [value for value in values if value is not None]
    return sum(recorded, Decimal(0)) if recorded else None


# -- the tables ------------------------------------------------------------------------------


def _people(hub: Hub, policy: Privacy) -> list[tuple[Any, ...]]:
    rows = []
    for person in hub.people:
        if not policy.visible(person.id):
            continue
        organisation = hub.primary_organisation(person.id)
        participations = hub.participations_of(person.id)
        rows.append(
            (
                policy.label(person.id),
                policy.name(person.id),
                person.consent.value,
                _joined(person.roles),
                _plain(hub.sector_of(person.id)),
                organisation.id if organisation is not None else None,
                _joined(o.id for o in hub.organisations_of(person.id)),
                _joined(person.communities),
                len(participations),
                _hours(p.hours for p in participations),
            )
        )
    return sorted(rows, key=lambda row: str(row[0]))


def _organisations(hub: Hub) -> list[tuple[Any, ...]]:
    rows = []
    for organisation in hub.organisations:
        participations = hub.participations_of(organisation.id)
        rows.append(
            (
                organisation.id,
                organisation.name,
                organisation.kind.value,
                organisation.sector.value,
                organisation.parent,
                organisation.place,
                _joined(organisation.communities),
                len(hub.members(organisation.id)),
                len(participations),
                _hours(p.hours for p in participations),
            )
        )
    return rows


def _participations(hub: Hub, policy: Privacy) -> list[tuple[Any, ...]]:
    order = {session.id: index for index, session in enumerate(hub.sessions)}
    sessions = {session.id: session for session in hub.sessions}
    names = {organisation.id: organisation.name for organisation in hub.organisations}
    keyed = []
    for position, participation in enumerate(hub.participations):
        session = sessions[participation.session]
        person = participation.person
        excluded = person is not None and not policy.visible(person)
        label = None if person is None or excluded else policy.label(person)
        named = person is None or policy.consent(person) is Consent.NAMED
        row = (
            participation.id if named else None,
            session.id,
            policy.text(session.name),  # "Table hosted by Ana Silva" names her too
            session.kind.value,
            _plain(session.start),
            label,
            None if label is None or person is None else policy.name(person),
            excluded,
            participation.organisation,
            names.get(participation.organisation or ""),
            participation.role.value,
            _plain(participation.level),
            participation.hours,
        )
        key = (order[session.id], label or "", participation.organisation or "", position)
        keyed.append((key, row))
    return [row for _, row in sorted(keyed, key=lambda item: item[0])]


def _measures(
    hub: Hub,
    policy: Privacy,
    *,
    level: Level,
    weight: WeightScheme,
    scope: Scope,
    min_weight: float | None,
    max_session_size: int | None,
    oversize: Oversize,
    max_pairs: int | None,
    attribute: str | None,
    k: int | None,
    seed: int | None,
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    graph = collaboration_graph(
        hub,
        level=level,
        weight=weight,
        scope=scope,
        min_weight=min_weight,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
    )
    grouped = attribute if graph.number_of_nodes() else None
    table = node_measures(graph, attribute=grouped, k=k, seed=seed, default="unknown")
    # Measured on the whole network; then excluded people's rows go, pseudonyms come in.
    table = policy.node_table(table, people=level == "person")
    names = table.names
    lists = {name: values.tolist() for name, values in table.columns.items()}
    rows = [
        (_plain(node), *(_plain(lists[name][index]) for name in names))
        for index, node in enumerate(table.nodes)
    ]
    if level == "person":
        rows.sort(key=lambda row: str(row[0]))
    return ("node", *names), rows


def export_rows(
    hub: Hub,
    what: ExportKind | str,
    *,
    privacy: Privacy | None = None,
    secret: bytes | str | None = None,
    level: Level = "organisation",
    weight: WeightScheme = "count",
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    nested: Nested | None = None,
    min_weight: float | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    attribute: str | None = "sector",
    k: int | None = None,
    seed: int | None = 0,
) -> ExportTable:
    """One table of a hub, with the privacy policy applied, ready to write.

    The policy is ``privacy`` (make it with :meth:`Privacy.for_hub
    <coinnovation.privacy.Privacy.for_hub>`). Without one, tables that would show
    pseudonymous people are refused; others (organisations, organisation-level measures,
    hubs with no pseudonymous people) need no secret (see :mod:`coinnovation.privacy`).

    The network options (``level`` to ``seed``) apply to ``measures`` only; they are
    those of :func:`~coinnovation.network.build.collaboration_graph` and
    :func:`~coinnovation.network.measures.node_measures` (groups by ``attribute``, nodes
    without it in group ``"unknown"``).

    Args:
        hub: The hub.
        what: ``"people"``, ``"organisations"``, ``"participations"`` or ``"measures"``.
        privacy: The hub's privacy policy.
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        level: Measures: ``"organisation"``, ``"person"`` or ``"sector"``.
        weight: Measures: ``"count"`` or ``"newman"`` tie weights.
        scope: Measures: the sessions the network is built from
            (:class:`~coinnovation.models.Scope`); or give the shorthands below, not both.
        sessions: Measures: only these session ids.
        kind: Measures: only sessions of this kind (or kinds), such as ``"table"``.
        since: Measures: only sessions starting on or after this day.
        until: Measures: only sessions starting on or before this day.
        nested: Measures: ``"own"`` or ``"subtree"`` participants of each session.
        min_weight: Measures: drop ties lighter than this.
        max_session_size: Measures: skip (or down-weight) sessions with more actors.
        oversize: Measures: ``"skip"`` or ``"downweight"`` the larger sessions.
        max_pairs: Measures: refuse networks of more ties than this (``None``: no limit).
        attribute: Measures: the node attribute for E-I and brokerage; ``None`` to
            leave them out.
        k: Measures: estimate betweenness from ``k`` sampled sources.
        seed: Measures: seed for the sampling.

    Returns:
        The table.

    Raises:
        ValueError: ``what`` or a network option is unknown.
        PrivacyError: The table shows pseudonymous people and no secret is given, or
            the secret is shorter than 16 bytes.
        ProjectionTooLargeError: The network would have more than ``max_pairs`` ties.
        UnknownReferenceError: A session id in ``sessions`` is not in the hub.
        TypeError: ``privacy`` and ``secret``, or ``scope`` and a shorthand, both given.

    Examples:
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> table = export_rows(hub, "measures", kind="table")
        >>> table.columns[:4], len(table)
        (('node', 'name', 'kind', 'sector'), 21)
        >>> export_rows(hub, "votes")
        Traceback (most recent call last):
        ...
        ValueError: unknown export 'votes': choose one of people, organisations, participations, measures
    """
    chosen = _check_what(what)
    if privacy is None and secret is None:
        policy = _unset(hub, chosen, level)
    else:
        policy = Privacy.from_options(hub, privacy, secret=secret, output=f"exporting {chosen}")
    if chosen == "people":
        return ExportTable(chosen, _PEOPLE, _people(hub, policy))
    if chosen == "organisations":
        return ExportTable(chosen, _ORGANISATIONS, _organisations(hub))
    if chosen == "participations":
        return ExportTable(chosen, _PARTICIPATIONS, _participations(hub, policy))
    columns, rows = _measures(
        hub,
        policy,
        level=level,
        weight=weight,
        scope=Scope.from_options(
            scope, sessions=sessions, kind=kind, since=since, until=until, nested=nested
        ),
        min_weight=min_weight,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
        attribute=attribute,
        k=k,
        seed=seed,
    )
    return ExportTable(chosen, columns, rows)


# -- writing ---------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return str(neutralise(value))
    return str(value)


def _csv(table: ExportTable, bom: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(_ILLEGAL.sub("\ufffd", value))
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # the local time as recorded: Excel has no zones
    return value


def _xlsx(table: ExportTable) -> bytes:
    openpyxl = require("openpyxl", "excel", "writing .xlsx files")
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = table.what[:31]
    sheet.append(list(table.columns))
    for row in table.rows:
        sheet.append([_xlsx_cell(value) for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula or an error code such as #N/A
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_export(
    table: ExportTable,
    path: str | os.PathLike[str],
    *,
    bom: bool = True,
    privacy: Privacy | None = None,
) -> Path:
    r"""Write an exported table as ``.csv``, ``.xlsx`` or ``.parquet``, atomically.

    CSV and Excel files are spreadsheet-safe; Parquet files are typed
    (:func:`~coinnovation.export.parquet.write_parquet`).

    A table from :func:`export_rows` has been through its policy already; a table you
    made yourself goes through ``privacy`` cell by cell (:meth:`Privacy.data
    <coinnovation.privacy.Privacy.data>`: a person's id becomes their label, an excluded
    person's id a blank cell, free text is cleaned).

    Args:
        table: The table, from :func:`export_rows`.
        path: The file; its suffix chooses the format.
        bom: CSV only: start the file with a UTF-8 byte-order mark (for Excel).
        privacy: A hub's privacy policy for the cells; ``None`` writes the table as it is
            (see :mod:`coinnovation.privacy`).

    Returns:
        The path written.

    Raises:
        FileFormatError: The suffix is not ``.csv``, ``.xlsx`` or ``.parquet``.
        MissingDependencyError: ``.xlsx`` without the ``excel`` extra (openpyxl), or
            ``.parquet`` without the ``parquet`` extra (pyarrow).

    Examples:
        >>> import tempfile, pathlib
        >>> table = ExportTable("people", ("id", "name", "hours"), (("p-1", "@Ana", -2),))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_export(table, pathlib.Path(folder) / "people.csv", bom=False)
        ...     path.read_bytes()
        b"id,name,hours\r\np-1,'@Ana,-2\r\n"
        >>> from coinnovation.models import Hub, Person
        >>> from coinnovation.privacy import Privacy
        >>> hub = Hub(people=(Person(id="p-1", name="@Ana", consent="excluded"),))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_export(table, pathlib.Path(folder) / "people.csv", bom=False,
        ...                         privacy=Privacy.for_hub(hub, env=False))
        ...     path.read_bytes()
        b'id,name,hours\r\n,(not shown),-2\r\n'
    """
    target = Path(path)
    chosen = _format_of(target)
    if privacy is not None:
        rows = (tuple(privacy.data(value) for value in row) for row in table.rows)
        table = attrs.evolve(table, rows=rows)
    if chosen == "parquet":
        from coinnovation.export.parquet import write_parquet

        return write_parquet(table, target)
    content = _xlsx(table) if chosen == "xlsx" else _csv(table, bom)
    atomic_write(target, content)
    return target


def export_table(
    hub: Hub,
    what: ExportKind | str,
    path: str | os.PathLike[str],
    *,
    privacy: Privacy | None = None,
    secret: bytes | str | None = None,
    bom: bool = True,
    level: Level = "organisation",
    weight: WeightScheme = "count",
    scope: Scope | None = None,
    sessions: Iterable[str] | None = None,
    kind: SessionKind | str | Iterable[SessionKind | str] | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    nested: Nested | None = None,
    min_weight: float | None = None,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    attribute: str | None = "sector",
    k: int | None = None,
    seed: int | None = 0,
) -> Path:
    """Export one table of a hub to ``.csv``, ``.xlsx`` or ``.parquet``: export_rows, then write_export.

    The file's suffix and ``what`` are checked before anything is computed; the file is
    replaced whole or not at all.

    Args:
        hub: The hub.
        what: ``"people"``, ``"organisations"``, ``"participations"`` or ``"measures"``.
        path: The file; ``.csv``, ``.xlsx`` (the ``excel`` extra) or ``.parquet`` (the
            ``parquet`` extra).
        privacy: The hub's privacy policy (see :func:`export_rows`).
        secret: Deprecated: the hub's secret; pass ``privacy=`` instead.
        bom: CSV only: start the file with a UTF-8 byte-order mark (for Excel).
        level: Measures: ``"organisation"``, ``"person"`` or ``"sector"``.
        weight: Measures: ``"count"`` or ``"newman"`` tie weights.
        scope: Measures: the sessions the network is built from
            (:class:`~coinnovation.models.Scope`); or give the shorthands below, not both.
        sessions: Measures: only these session ids.
        kind: Measures: only sessions of this kind (or kinds).
        since: Measures: only sessions starting on or after this day.
        until: Measures: only sessions starting on or before this day.
        nested: Measures: ``"own"`` or ``"subtree"``.
        min_weight: Measures: drop ties lighter than this.
        max_session_size: Measures: skip (or down-weight) sessions with more actors.
        oversize: Measures: ``"skip"`` or ``"downweight"`` the larger sessions.
        max_pairs: Measures: refuse networks of more ties than this (``None``: no limit).
        attribute: Measures: the node attribute for E-I and brokerage.
        k: Measures: estimate betweenness from ``k`` sampled sources.
        seed: Measures: seed for the sampling.

    Returns:
        The path written.

    Raises:
        ValueError: ``what`` or a network option is unknown.
        FileFormatError: The suffix is not ``.csv``, ``.xlsx`` or ``.parquet``.
        MissingDependencyError: ``.xlsx`` without the ``excel`` extra, or ``.parquet``
            without the ``parquet`` extra.
        PrivacyError: Pseudonymous people would be shown and no secret is given.

    Examples:
        >>> import tempfile, pathlib
        >>> import coinnovation as co
        >>> hub = co.load("examples/walsall-2023/hub.json")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = export_table(hub, "organisations", pathlib.Path(folder) / "orgs.csv")
        ...     path.read_text(encoding="utf-8-sig").splitlines()[0]
        'id,name,kind,sector,parent,place,communities,members,participations,hours'
        >>> export_table(hub, "people", "people.txt")
        Traceback (most recent call last):
        ...
        coinnovation.errors.FileFormatError: people.txt: 1 problem:
          - file: unsupported table type '.txt': use .csv, .xlsx or .parquet
    """
    chosen = _check_what(what)
    target = Path(path)
    chosen_format = _format_of(target)
    if chosen_format == "xlsx":
        require("openpyxl", "excel", "writing .xlsx files")
    elif chosen_format == "parquet":
        require("pyarrow", "parquet", "writing Parquet files")
    if privacy is None and secret is None:
        policy = _unset(hub, chosen, level)
    else:
        policy = Privacy.from_options(hub, privacy, secret=secret, output=f"exporting {chosen}")
    table = export_rows(
        hub,
        chosen,
        privacy=policy,
        level=level,
        weight=weight,
        scope=scope,
        sessions=sessions,
        kind=kind,
        since=since,
        until=until,
        nested=nested,
        min_weight=min_weight,
        max_session_size=max_session_size,
        oversize=oversize,
        max_pairs=max_pairs,
        attribute=attribute,
        k=k,
        seed=seed,
    )
    return write_export(table, target, bom=bom)
