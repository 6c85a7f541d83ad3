"""Parquet files of the exported tables and of edge lists, typed for R, DuckDB, polars and Spark.

Every table :func:`~coinnovation.export.exports.export_rows` makes (``people``,
``organisations``, ``participations``, ``measures``) and every edge list (of a graph, or
the numpy :class:`~coinnovation.network.projection.EdgeList` of
:func:`~coinnovation.network.collaboration_edges`) can be written as an Apache Parquet
file, with pyarrow (the ``parquet`` extra: ``pip install 'coinnovation[parquet]'``). A
Parquet file holds the same rows and columns as the CSV export, typed, so nothing has to
be parsed back:

- counts (``participations``, ``members``, a degree) are ``int64``; measures and Newman
  weights ``float64`` (a missing value or NaN is null); ``person_excluded`` is ``bool``;
- hours are **exact decimals**, ``decimal128(38, s)`` with ``s`` the most decimal places
  any value of the column has (``1.5`` and ``2.25`` give ``decimal128(38, 2)``; ``0``
  when no hours are recorded), never floats — R reads them as numbers, DuckDB as
  ``DECIMAL(38, s)``, pandas as :class:`~decimal.Decimal`;
- times (``session_start``) are ``timestamp[us]`` **with a zone**: the sessions' own
  zone when they all share one (an IANA zone such as ``Europe/London``, or one UTC
  offset such as ``+01:00``), else UTC. The instant is always exact; the CSV export keeps
  each time's own offset;
- everything else is text (``string``), lists joined with ``;`` as in the CSV export;
  empty text stays empty text (a CSV cell cannot tell it from a missing value).
  Text is written as it is: a Parquet file is not opened by a spreadsheet, so nothing is
  neutralised (:func:`~coinnovation.export.tables.neutralise` is for CSV and Excel).

Privacy is that of the table (:func:`~coinnovation.export.exports.export_rows` applies
the hub's policy) or of the graph (:func:`~coinnovation.export.graphs.write_graph` takes
``privacy=``); :func:`edge_arrow` and :func:`write_edge_parquet` take ``privacy=`` for a
numpy edge list. Files are written whole or not at all (built in memory, then replaced
atomically).

Examples:
    >>> import tempfile, pathlib
    >>> import pyarrow.parquet as pq
    >>> from decimal import Decimal
    >>> from coinnovation.export.exports import ExportTable
    >>> table = ExportTable("people", ("id", "participations", "hours"),
    ...                     (("p-1", 2, Decimal("1.5")), ("p-2", 0, None)))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_parquet(table, pathlib.Path(folder) / "people.parquet")
    ...     read = pq.read_table(path)
    >>> [str(field.type) for field in read.schema]
    ['string', 'int64', 'decimal128(38, 1)']
    >>> read.to_pylist()[0]
    {'id': 'p-1', 'participations': 2, 'hours': Decimal('1.5')}
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coinnovation._optional import require
from coinnovation.export.exports import ExportTable
from coinnovation.io.files import atomic_write
from coinnovation.privacy import Privacy

if TYPE_CHECKING:
    import networkx as nx

    from coinnovation.network.projection import EdgeList

__all__ = [
    "DECIMAL_PRECISION",
    "arrow_table",
    "edge_arrow",
    "write_edge_parquet",
    "write_parquet",
]

#: The precision of the decimal columns (hours): 38 digits, the most ``decimal128`` holds.
DECIMAL_PRECISION = 38

_FEATURE = "writing Parquet files"

# Columns of the exports whose type is known whatever the values (an empty table, a column
# with no value recorded): the rest of those tables is text.
_DECLARED: dict[str, str] = {
    "participations": "int64",
    "members": "int64",
    "hours": "decimal",
    "person_excluded": "bool",
    "session_start": "timestamp",
}
_FIXED = frozenset({"people", "organisations", "participations"})


def _pyarrow() -> Any:
    return require("pyarrow", "parquet", _FEATURE)


# -- the type of a column ----------------------------------------------------------------------


def _kind_of(values: Iterable[Any]) -> str:
    """The Arrow kind of a column of plain values (``None`` anywhere allowed)."""
    kinds: set[str] = set()
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool | np.bool_):
            kinds.add("bool")
        elif isinstance(value, int | np.integer):
            kinds.add("int64")
        elif isinstance(value, float | np.floating):
            kinds.add("float64")
        elif isinstance(value, Decimal):
            kinds.add("decimal")
        elif isinstance(value, datetime):
            kinds.add("timestamp")
        elif isinstance(value, date):
            kinds.add("date")
        else:
            kinds.add("string")
        if len(kinds) > 1 and kinds != {"int64", "float64"}:
            return "string"
    if kinds == {"int64", "float64"}:
        return "float64"
    return kinds.pop() if kinds else "string"


def _scale(values: Sequence[Any]) -> int:
    """The most decimal places of any value (0 when there is none)."""
    distinct = set(values)  # hours repeat: a handful of distinct values in a million rows
    distinct.discard(None)
    exponents = {value.as_tuple().exponent for value in distinct}
    places = [-exponent for exponent in exponents if isinstance(exponent, int)]
    return max([0, *places])


def _offset(offset: timedelta | None) -> str | None:
    if offset is None or offset % timedelta(minutes=1) != timedelta(0):
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone(values: Sequence[Any]) -> str:
    """The zone of a timestamp column: the values' shared zone or offset, else UTC."""
    zones = set(map(attrgetter("tzinfo"), filter(None, values)))
    if not zones:
        return "UTC"
    names = {getattr(zone, "key", None) for zone in zones}
    if len(names) == 1 and None not in names:
        return str(names.pop())
    if len(zones) == 1:  # one fixed offset (a ZoneInfo has a key)
        shown = _offset(next(iter(zones)).utcoffset(None))
        if shown is not None:
            return shown
    distinct = set(filter(None, values))
    offsets = {value.utcoffset() for value in distinct}
    if len(offsets) == 1:
        return _offset(offsets.pop()) or "UTC"
    return "UTC"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _array(pa: Any, kind: str, values: Sequence[Any], column: str) -> Any:
    pc = require("pyarrow.compute", "parquet", _FEATURE)
    if kind == "string":
        try:  # text already, as nearly always: converted in C
            return pa.array(values, type=pa.string())
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            return pa.array([_text(value) for value in values], type=pa.string())
    if kind == "int64":
        return pa.array(values, type=pa.int64())
    if kind == "float64":
        floats = pa.array(values, type=pa.float64(), from_pandas=True)  # NaN is null
        if pc.any(pc.is_inf(floats)).as_py():
            floats = pc.if_else(pc.is_inf(floats), pa.scalar(None, pa.float64()), floats)
        return floats
    if kind == "bool":
        return pa.array(values, type=pa.bool_())
    if kind == "date":
        return pa.array(values, type=pa.date32())
    if kind == "timestamp":
        return pa.array(values, type=pa.timestamp("us", tz=_zone(values)))
    scale = _scale(values)
    if scale > DECIMAL_PRECISION:
        raise ValueError(
            f"column {column!r} has a value with {scale} decimal places: Parquet decimals "
            f"hold at most {DECIMAL_PRECISION} digits"
        )
    try:
        return pa.array(values, type=pa.decimal128(DECIMAL_PRECISION, scale))
    except pa.ArrowInvalid as error:
        raise ValueError(
            f"column {column!r} has a value too large for decimal128({DECIMAL_PRECISION}, "
            f"{scale}): {error}"
        ) from None


def arrow_table(table: ExportTable) -> Any:
    """An exported table as a typed pyarrow Table: the columns of its Parquet file.

    The columns of ``people``, ``organisations`` and ``participations`` have fixed types
    (counts ``int64``, ``hours`` a decimal, ``person_excluded`` ``bool``,
    ``session_start`` a timestamp with its zone, the rest text), so an empty table or a
    column with nothing recorded is typed all the same. Other tables (``measures``, edge
    lists, tables you make) are typed by their values: integers, floats (integers and
    floats together give floats), booleans, decimals, dates, datetimes, or text when a
    column mixes kinds. See the module's description for the types.

    Args:
        table: A table, from :func:`~coinnovation.export.exports.export_rows`.

    Returns:
        A ``pyarrow.Table`` with the table's columns, in order.

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``parquet`` extra).
        ValueError: A decimal does not fit in ``decimal128(38, s)``.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> from coinnovation.export.exports import ExportTable
        >>> summer = timezone(timedelta(hours=1))
        >>> table = ExportTable("participations", ("session", "session_start", "hours"),
        ...                     (("s-1", datetime(2023, 6, 22, 9, tzinfo=summer), None),))
        >>> [str(field.type) for field in arrow_table(table).schema]
        ['string', 'timestamp[us, tz=+01:00]', 'decimal128(38, 0)']
    """
    pa = _pyarrow()
    columns = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(table.columns)
    arrays = []
    for name, values in zip(table.columns, columns, strict=True):
        if table.what in _FIXED:
            kind = _DECLARED.get(name, "string")
        elif name in ("hours", "session_start"):
            kind = _DECLARED[name]
        else:
            kind = _kind_of(values)
        arrays.append(_array(pa, kind, values, name))
    return pa.Table.from_arrays(arrays, names=list(table.columns))


def _parquet_bytes(arrow: Any) -> bytes:
    pa = _pyarrow()
    parquet = require("pyarrow.parquet", "parquet", _FEATURE)
    sink = pa.BufferOutputStream()
    parquet.write_table(arrow, sink)
    return bytes(sink.getvalue().to_pybytes())


def write_parquet(table: ExportTable, path: str | os.PathLike[str]) -> Path:
    """Write an exported table as a typed Parquet file, atomically.

    The columns of :func:`arrow_table`, compressed with Snappy (pyarrow's default, which
    every Parquet reader reads).

    Args:
        table: The table, from :func:`~coinnovation.export.exports.export_rows`.
        path: The file to write (its folder must exist).

    Returns:
        The path written.

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``parquet`` extra).

    Examples:
        >>> import tempfile, pathlib
        >>> import pyarrow.parquet as pq
        >>> from coinnovation.export.exports import ExportTable
        >>> table = ExportTable("measures", ("node", "degree", "betweenness"),
        ...                     (("o-1", 2, 0.5), ("o-2", 1, float("nan"))))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_parquet(table, pathlib.Path(folder) / "m.parquet")
        ...     pq.read_table(path).to_pydict()
        {'node': ['o-1', 'o-2'], 'degree': [2, 1], 'betweenness': [0.5, None]}
    """
    target = Path(path)
    atomic_write(target, _parquet_bytes(arrow_table(table)))
    return target


# -- edge lists --------------------------------------------------------------------------------


def edge_arrow(edges: EdgeList, *, privacy: Privacy | None = None) -> Any:
    """A numpy edge list as a pyarrow Table, with a hub's privacy policy applied to its ends.

    :meth:`EdgeList.to_arrow <coinnovation.network.projection.EdgeList.to_arrow>`, then,
    with ``privacy``: people who are not named are shown under their pseudonym, and the
    ties of excluded people are left out (the other weights, computed from the whole hub,
    stay as they are). Nodes that are not people (organisations, sectors) are kept.

    Args:
        edges: The edge list, from :func:`~coinnovation.network.collaboration_edges`.
        privacy: The hub's privacy policy; ``None``: people as recorded — for your own
            analysis only (see :mod:`coinnovation.privacy`).

    Returns:
        A ``pyarrow.Table``: ``source``, ``target``, ``weight`` (and ``sessions``).

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``parquet`` extra).

    Examples:
        >>> from coinnovation.models import Hub, Person
        >>> from coinnovation.network.projection import project
        >>> hub = Hub(people=(Person(id="p-a", name="Ana", consent="named"),
        ...                   Person(id="p-b", name="Ben", consent="excluded")))
        >>> edges = project([0, 1, 2, 0, 2], [0, 0, 0, 1, 1], nodes=["p-a", "p-b", "o-x"],
        ...                 sessions=["s-1", "s-2"])
        >>> edge_arrow(edges, privacy=Privacy(hub, "sixteen characters!")).to_pylist()
        [{'source': 'p-a', 'target': 'o-x', 'weight': 2}]
    """
    if privacy is None:
        return edges.to_arrow()
    pa = _pyarrow()
    labels: list[str | None] = [
        privacy.label(node) if isinstance(node, str) and privacy.is_person(node) else str(node)
        for node in edges.nodes.tolist()
    ]
    kept = np.array([label is not None for label in labels], dtype=bool)
    names = pa.array(labels, type=pa.string())
    mask = None if kept.all() else kept[edges.source] & kept[edges.target]
    source, target, weight = edges.source, edges.target, edges.weight
    if mask is not None:  # the ties of excluded people go
        source, target, weight = source[mask], target[mask], weight[mask]
    columns = {
        "source": names.take(pa.array(source)),
        "target": names.take(pa.array(target)),
        "weight": pa.array(weight, type=pa.int64() if weight.dtype.kind in "iub" else pa.float64()),
    }
    if edges.has_evidence:
        sessions = edges.to_arrow().column("sessions")
        columns["sessions"] = sessions if mask is None else sessions.filter(pa.array(mask))
    return pa.table(columns)


def _graph_table(graph: nx.Graph[Any], separator: str) -> ExportTable:
    from coinnovation.export.graphs import _edge_columns, _edge_rows

    rows = _edge_rows(graph, weight="weight", flat=True, separator=separator)
    columns = _edge_columns(graph, rows)
    return ExportTable("edges", columns, [[row.get(column) for column in columns] for row in rows])


def write_edge_parquet(
    edges: EdgeList | nx.Graph[Any],
    path: str | os.PathLike[str],
    *,
    privacy: Privacy | None = None,
    separator: str = ";",
) -> Path:
    """Write an edge list as a Parquet file, atomically: the edges of a graph or an EdgeList.

    For a networkx graph, the columns of the CSV edge list
    (:func:`~coinnovation.export.graphs.write_edge_csv`: ``source``, ``target``,
    ``weight``, then every edge attribute, sequences joined with ``separator``), typed by
    their values. For an :class:`~coinnovation.network.projection.EdgeList`, the columns
    of :func:`edge_arrow` — built in Arrow without a Python loop over the edges, for
    networks of millions of ties.

    Args:
        edges: A networkx graph or an edge list.
        path: The file to write (its folder must exist).
        privacy: The hub's privacy policy (for a graph, applied with
            :meth:`Privacy.graph <coinnovation.privacy.Privacy.graph>`); ``None``: people
            as recorded — for your own analysis only.
        separator: Graphs: what joins the items of sequences (the evidence ``sessions``).

    Returns:
        The path written.

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``parquet`` extra).

    Examples:
        >>> import tempfile, pathlib
        >>> import networkx as nx
        >>> import pyarrow.parquet as pq
        >>> G = nx.Graph()
        >>> G.add_edge("o-a", "o-b", weight=2, sessions=("s-1", "s-2"))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_edge_parquet(G, pathlib.Path(folder) / "edges.parquet")
        ...     pq.read_table(path).to_pylist()
        [{'source': 'o-a', 'target': 'o-b', 'weight': 2, 'sessions': 's-1;s-2'}]
    """
    import networkx as nx

    if isinstance(edges, nx.Graph):
        graph = edges if privacy is None else privacy.graph(edges)
        arrow = arrow_table(_graph_table(graph, separator))
    else:
        arrow = edge_arrow(edges, privacy=privacy)
    target = Path(path)
    atomic_write(target, _parquet_bytes(arrow))
    return target
