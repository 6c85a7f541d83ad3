"""Graph exports: GEXF (Gephi), GraphML, node-link JSON (D3), CSV and pandas tables.

networkx's GEXF and GraphML writers accept only text, numbers and true/false as
attribute values: they raise on ``None``, enums, dates, tuples, lists and mappings, all
of which graphs built from a hub carry (``sector`` may be ``None``, ``roles`` and the
evidence ``sessions`` are tuples). So every writer here goes through a pure conversion
first:

- :func:`flatten_attributes` — a copy of the graph whose attributes every writer
  accepts (``None`` dropped, enums to their value, dates to ISO text, sequences joined
  into one string, mappings to JSON text, numpy scalars to Python numbers);
- :func:`node_link_data` — the node-link dictionary D3 reads (``nodes`` and ``links``),
  with every value JSON-safe (sequences stay lists, ``None`` stays ``null``);
- :func:`edge_frame` and :func:`node_frame` — pandas tables of the edges and nodes.

The writers (:func:`write_gexf`, :func:`write_graphml`, :func:`write_node_link`,
:func:`write_edge_csv`, and :func:`write_graph`, which picks one by the file's suffix)
render the whole file in memory and replace the target atomically, so an interrupted
export never leaves half a file.

References:
    The GEXF 1.2 format (Gephi Consortium), https://gexf.net.

    U. Brandes, M. Eiglsperger, I. Herman, M. Himsolt and M. S. Marshall, "GraphML
    progress report: structural layer proposal", Graph Drawing 2001, LNCS 2265, 501-512
    (2002).

    M. Bostock, V. Ogievetsky and J. Heer, "D3: data-driven documents", IEEE
    Transactions on Visualization and Computer Graphics 17(12), 2301-2309 (2011).

Examples:
    >>> import networkx as nx
    >>> G = nx.Graph(level="person")
    >>> G.add_node("p-ana", name="Ana", sector=None, roles=("peer_researcher", "academic"))
    >>> G.add_edge("p-ana", "p-ben", weight=2, sessions=("s-1", "s-2"))
    >>> flat = flatten_attributes(G)
    >>> flat.nodes["p-ana"]
    {'name': 'Ana', 'roles': 'peer_researcher;academic'}
    >>> flat["p-ana"]["p-ben"]
    {'weight': 2, 'sessions': 's-1;s-2'}
    >>> node_link_data(G)["links"]
    [{'weight': 2, 'sessions': ['s-1', 's-2'], 'source': 'p-ana', 'target': 'p-ben'}]
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal, cast

import networkx as nx
import numpy as np

from coinnovation._optional import require
from coinnovation.errors import FileFormatError, Problem
from coinnovation.export.tables import neutralise
from coinnovation.io.files import atomic_write
from coinnovation.privacy import Privacy

__all__ = [
    "GraphFormat",
    "edge_frame",
    "flatten_attributes",
    "graph_format_of",
    "json_ready",
    "node_frame",
    "node_link_data",
    "write_edge_csv",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_node_link",
]

#: A graph file format, as :func:`write_graph` names them.
GraphFormat = Literal["gexf", "graphml", "json", "csv", "parquet", "kumu"]

_SUFFIXES: dict[str, GraphFormat] = {
    ".gexf": "gexf",
    ".graphml": "graphml",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
}
#: The end of a file name that asks for a Kumu blueprint rather than D3 JSON.
_KUMU = ".kumu.json"
_FORMATS: tuple[GraphFormat, ...] = (*_SUFFIXES.values(), "kumu")

# Attribute names networkx's GEXF writer gives a meaning of its own (node ids, parents,
# dynamic spells, edge types ...). Graphs from a hub use some of them as plain data
# (``start`` on session nodes), which would turn the file into a broken dynamic graph, so
# write_gexf renames them with a trailing underscore.
_GEXF_RESERVED_NODE = frozenset({"id", "pid", "start", "end", "parents", "spells", "slices"})
_GEXF_RESERVED_EDGE = frozenset({"id", "type", "start", "end", "spells", "slices"})

# Graph attributes networkx's GEXF and GraphML readers set, and its writers read, as
# mappings of attribute defaults.
_DEFAULTS = ("node_default", "edge_default")


# -- values ---------------------------------------------------------------------------------


# Types passed through unchanged (exact types: enums that subclass str or int are not).
_PLAIN: frozenset[type] = frozenset({str, int, bool, type(None)})


def _scalar(value: Any) -> Any:
    """Enums, numpy scalars, decimals and dates as plain Python values; others unchanged."""
    while isinstance(value, Enum):
        value = value.value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def json_ready(value: Any) -> Any:
    """A value JSON can hold exactly: lists, dicts with text keys, text, finite numbers, null.

    Tuples and lists become lists; sets and frozensets become lists sorted by their text;
    enums their value; dates ISO text; decimals and numpy numbers Python numbers; ``nan``
    and infinities ``None``; anything else its ``str()``. The D3 JSON of
    :func:`node_link_data` and the HIF files of :mod:`coinnovation.export.hypergraph`
    hold their attributes this way, so ``json.dumps`` never fails on them.

    Args:
        value: Any value: an attribute, a mapping of attributes, a whole graph's data.

    Returns:
        The value as plain JSON data.

    Examples:
        >>> from datetime import date
        >>> from decimal import Decimal
        >>> json_ready({"day": date(2024, 5, 16), "hours": Decimal("1.5"), "tags": {"b", "a"}})
        {'day': '2024-05-16', 'hours': 1.5, 'tags': ['a', 'b']}
        >>> json_ready((1, float("nan"), 2.5))
        [1, None, 2.5]
    """
    kind = type(value)
    if kind in _PLAIN:  # the common cases first, without the conversions below
        return value
    if kind is tuple or kind is list:
        return [item if type(item) in _PLAIN else json_ready(item) for item in value]
    value = _scalar(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(_scalar(key)): json_ready(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return [json_ready(item) for item in sorted(value, key=_text)]
    if isinstance(value, list | tuple | np.ndarray):
        return [json_ready(item) for item in value]
    return str(value)


def _text(value: Any) -> str:
    """A value as one piece of text (``true``/``false`` for booleans, ``""`` for ``None``)."""
    value = _scalar(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping | list | tuple | set | frozenset | np.ndarray):
        return json.dumps(json_ready(value), ensure_ascii=False)
    return str(value)


def _flat(value: Any, separator: str) -> Any:
    """One attribute value as text, a number or a boolean; ``None`` stays ``None``."""
    kind = type(value)
    if kind in _PLAIN or kind is float:
        return value
    if kind is tuple and all(type(item) is str for item in value):
        return separator.join(value)
    value = _scalar(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return json.dumps(json_ready(value), ensure_ascii=False)
    if isinstance(value, set | frozenset):
        return separator.join(_text(item) for item in sorted(value, key=_text))
    if isinstance(value, list | tuple | np.ndarray):
        return separator.join(_text(item) for item in value)
    return str(value)


def _flat_dict(data: Mapping[Any, Any], separator: str) -> dict[str, Any]:
    flat = {}
    for key, value in data.items():
        converted = _flat(value, separator)
        if converted is not None:
            flat[str(key)] = converted
    return flat


def _unify(records: list[dict[str, Any]]) -> None:
    """Give each attribute one type across the records, in place.

    Integers become floats where the attribute also holds floats; every other mixture
    (text with numbers, booleans with numbers) becomes text.
    """
    kinds: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, types in kinds.items():
        if len(types) < 2:
            continue
        if types == {int, float}:
            for record in records:
                if type(record.get(key)) is int:
                    record[key] = float(record[key])
        else:
            for record in records:
                if key in record and not isinstance(record[key], str):
                    record[key] = _text(record[key])


# -- pure conversions -------------------------------------------------------------------------


def flatten_attributes(
    G: nx.Graph[Any], *, separator: str = ";", unify_types: bool = True
) -> nx.Graph[Any]:
    """A copy of ``G`` whose node, edge and graph attributes every graph writer accepts.

    Each attribute value becomes text, an integer, a float or a boolean:

    | value | becomes |
    |---|---|
    | ``None`` | dropped: the attribute is left out (files have no null) |
    | ``bool``, ``int``, ``float``, ``str`` | itself (``nan`` stays ``nan``) |
    | enum | its value (``Sector.COMMUNITY`` → ``"community"``) |
    | ``date``, ``datetime``, ``time`` | ISO 8601 text (``"2023-06-22T09:00:00+00:00"``) |
    | ``Decimal`` | ``float`` (exactness is lost: format it as text first to keep every digit) |
    | numpy scalar | the Python number |
    | tuple, list, numpy array | the items' text joined by ``separator`` (``("s-1", "s-2")`` → ``"s-1;s-2"``) |
    | set, frozenset | the same, items sorted by their text |
    | mapping | JSON text (``{"a": 1}`` → ``'{"a": 1}'``) |
    | anything else | its ``str()`` |

    Inside a joined sequence, ``None`` is the empty string and booleans are
    ``true``/``false``. Items that contain the separator make the join ambiguous: choose
    another ``separator`` then. With ``unify_types`` (the default) each attribute gets one
    type across all nodes (and across all edges), as GEXF and GraphML declare one type per
    attribute: integers become floats where the attribute also holds floats, and any other
    mixture becomes text. Node ids and the graph's class are kept, and so are the
    ``node_default`` and ``edge_default`` graph attributes networkx's GraphML and GEXF
    readers set (mappings of attribute defaults, with their values flattened).

    Args:
        G: Any networkx graph (directed, multi- or not).
        separator: What joins the items of a sequence.
        unify_types: Give every attribute a single type.

    Returns:
        A new graph of the same class; ``G`` is unchanged.

    Examples:
        >>> import networkx as nx
        >>> from datetime import date
        >>> from coinnovation.models import Sector
        >>> G = nx.Graph(since=date(2023, 1, 1), until=None)
        >>> G.add_node("o-1", sector=Sector.COMMUNITY, tags={"b", "a"}, extra={"ward": 3})
        >>> G.add_node("o-2", sector="industry", tags=frozenset())
        >>> flat = flatten_attributes(G, separator="|")
        >>> flat.graph
        {'since': '2023-01-01'}
        >>> flat.nodes["o-1"]
        {'sector': 'community', 'tags': 'a|b', 'extra': '{"ward": 3}'}
    """
    flat = G.__class__()
    flat.graph.update(_flat_dict(G.graph, separator))
    for key in _DEFAULTS:  # the writers' per-attribute defaults stay mappings
        if isinstance(G.graph.get(key), Mapping):
            flat.graph[key] = _flat_dict(G.graph[key], separator)
    nodes = [_flat_dict(data, separator) for _, data in G.nodes(data=True)]
    items = _edge_items(G)
    edges = [_flat_dict(data, separator) for _, data in items]
    if unify_types:
        _unify(nodes)
        _unify(edges)
    flat.add_nodes_from(zip(G.nodes, nodes, strict=True))
    flat.add_edges_from((*end, data) for (end, _), data in zip(items, edges, strict=True))
    return flat


def node_link_data(G: nx.Graph[Any]) -> dict[str, Any]:
    """The node-link form of ``G`` that D3 reads, with every value JSON-safe.

    networkx's ``node_link_data(G, edges="links")``: ``{"directed": ..., "multigraph":
    ..., "graph": {...}, "nodes": [{"id": ..., ...}], "links": [{"source": ...,
    "target": ..., ...}]}``, then every value made JSON-safe: tuples and lists become
    lists (sets sorted by their text), enums their value, dates ISO text, decimals and
    numpy numbers Python numbers, ``nan`` and infinities ``null``, mapping keys text,
    anything else its ``str()``. ``None`` stays ``null``. The result passes
    ``json.dumps(..., allow_nan=False)``.

    Args:
        G: Any networkx graph.

    Returns:
        A dictionary of JSON values.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("a", "b", weight=float("nan"), sessions=("s-1",))
        >>> data = node_link_data(G)
        >>> data["nodes"], data["links"]
        ([{'id': 'a'}, {'id': 'b'}], [{'weight': None, 'sessions': ['s-1'], 'source': 'a', 'target': 'b'}])
    """
    data: dict[str, Any] = json_ready(nx.node_link_data(G, edges="links"))
    return data


def _edge_items(G: nx.Graph[Any]) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Each edge's ends (``(u, v)``, or ``(u, v, key)`` on a multigraph) and its data."""
    if G.is_multigraph():
        multi = cast("nx.MultiGraph[Any]", G)
        return [((u, v, key), data) for u, v, key, data in multi.edges(keys=True, data=True)]
    return [((u, v), data) for u, v, data in G.edges(data=True)]


def _columns(records: Iterable[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for record in records for key in record))


def edge_frame(
    G: nx.Graph[Any], *, weight: str = "weight", flat: bool = False, separator: str = ";"
) -> Any:
    """The edges of ``G`` as a pandas DataFrame: one row per edge.

    Columns: ``source``, ``target`` (in the edge's direction on a directed graph), ``key``
    on a multigraph, ``weight`` (the ``weight`` attribute, 1 where an edge has none —
    networkx's convention for unweighted edges), then every other edge attribute in order
    of first appearance (pandas' missing value where an edge lacks one). Values are kept as they are
    (tuples stay tuples) unless ``flat`` is true, which converts them as
    :func:`flatten_attributes` does — for CSV files.

    Args:
        G: Any networkx graph.
        weight: The edge attribute that holds the weight; it is always the ``weight``
            column.
        flat: Flatten the values (sequences joined, enums to values, dates to text ...).
        separator: What joins sequences when ``flat``.

    Returns:
        A ``pandas.DataFrame``.

    Raises:
        MissingDependencyError: pandas is not installed (``pip install
            'coinnovation[pandas]'``).
        ValueError: An edge attribute is called ``source``, ``target`` or (on a
            multigraph) ``key``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("a", "b", weight=2, sessions=("s-1", "s-2"))
        >>> G.add_edge("b", "c")
        >>> frame = edge_frame(G)
        >>> frame[["source", "target", "weight"]]
          source target  weight
        0      a      b       2
        1      b      c       1
        >>> frame["sessions"][0], edge_frame(G, flat=True)["sessions"][0]
        (('s-1', 's-2'), 's-1;s-2')
    """
    pd = require("pandas", "pandas", "edge tables")
    rows = _edge_rows(G, weight=weight, flat=flat, separator=separator)
    columns = _edge_columns(G, rows)
    return pd.DataFrame({column: [row.get(column) for row in rows] for column in columns})


def _edge_columns(G: nx.Graph[Any], rows: list[dict[str, Any]]) -> list[str]:
    head = (
        ["source", "target", "key", "weight"]
        if G.is_multigraph()
        else ["source", "target", "weight"]
    )
    return [*head, *(c for c in _columns(rows) if c not in head)]


def _edge_rows(
    G: nx.Graph[Any], *, weight: str, flat: bool, separator: str
) -> list[dict[str, Any]]:
    reserved = ("source", "target", "key") if G.is_multigraph() else ("source", "target")
    rows = []
    for end, data in _edge_items(G):
        u, v, key = (*end, None)[:3]
        clash = [name for name in reserved if name in data]
        if clash:
            raise ValueError(
                f"edge ({u!r}, {v!r}) has an attribute named {clash[0]!r}, which is a column "
                "of the edge table: rename it first"
            )
        row: dict[str, Any] = {"source": u, "target": v}
        if G.is_multigraph():
            row["key"] = key
        row["weight"] = data.get(weight, 1)
        for name, value in data.items():
            if name != weight:
                row[str(name)] = value
        if flat:
            row = {name: _flat(value, separator) for name, value in row.items()}
        rows.append(row)
    return rows


def node_frame(G: nx.Graph[Any], *, flat: bool = False, separator: str = ";") -> Any:
    """The nodes of ``G`` as a pandas DataFrame, indexed by node id (index name ``node``).

    One column per node attribute, in order of first appearance; nodes without an
    attribute have pandas' missing value. Values are kept as they are unless ``flat`` is true (see
    :func:`flatten_attributes`).

    Args:
        G: Any networkx graph.
        flat: Flatten the values.
        separator: What joins sequences when ``flat``.

    Returns:
        A ``pandas.DataFrame``.

    Raises:
        MissingDependencyError: pandas is not installed.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_node("p-ana", kind="person", roles=("academic", "innovator"))
        >>> G.add_node("o-whg", kind="organisation", roles=())
        >>> node_frame(G, flat=True)
                       kind               roles
        node
        p-ana        person  academic;innovator
        o-whg  organisation
    """
    pd = require("pandas", "pandas", "node tables")
    rows = []
    for _, data in G.nodes(data=True):
        row = {str(name): value for name, value in data.items()}
        if flat:
            row = {name: _flat(value, separator) for name, value in row.items()}
        rows.append(row)
    index = pd.Index(list(G.nodes), name="node", dtype=object)
    return pd.DataFrame(
        {column: [row.get(column) for row in rows] for column in _columns(rows)}, index=index
    )


# -- writers ---------------------------------------------------------------------------------


def _renamed(data: Mapping[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    return {(f"{key}_" if key in reserved else key): value for key, value in data.items()}


def _gexf_ready(G: nx.Graph[Any], separator: str) -> nx.Graph[Any]:
    """Flattened, reserved GEXF names renamed, ``name`` as the label, ``viz`` kept."""
    flat = flatten_attributes(G, separator=separator)
    ready = flat.__class__()
    ready.graph.update(flat.graph)
    for node, data in flat.nodes(data=True):
        attributes = _renamed(data, _GEXF_RESERVED_NODE)
        viz = G.nodes[node].get("viz")
        if isinstance(viz, Mapping):
            attributes["viz"] = dict(viz)
        if "label" not in attributes and "name" in attributes:
            attributes["label"] = str(attributes["name"])
        ready.add_node(node, **attributes)
    edges = []
    for (end, original), (_, data) in zip(_edge_items(G), _edge_items(flat), strict=True):
        attributes = _renamed(data, _GEXF_RESERVED_EDGE)
        viz = original.get("viz")
        if isinstance(viz, Mapping):
            attributes["viz"] = dict(viz)
        edges.append((*end, attributes))
    ready.add_edges_from(edges)
    return ready


def write_gexf(G: nx.Graph[Any], path: str | os.PathLike[str], *, separator: str = ";") -> Path:
    """Write ``G`` as a GEXF 1.2 file for Gephi, atomically.

    Attributes are flattened first (:func:`flatten_attributes`). Then, for GEXF:

    - a node's ``name`` becomes its Gephi label, unless it has a ``label``;
    - attribute names GEXF gives a meaning of its own — on nodes ``id``, ``pid``,
      ``start``, ``end``, ``parents``, ``spells``, ``slices``; on edges ``id``, ``type``,
      ``start``, ``end``, ``spells``, ``slices`` — are written as ordinary attributes with
      a trailing underscore (``start_``), so a session's start time does not turn the file
      into a dynamic graph;
    - a ``viz`` mapping (colour, size, position) is kept for Gephi;
    - an edge's ``weight`` is GEXF's edge weight; graph attributes other than ``name``
      are not written (GEXF has no place for them).

    Node ids are written as text.

    Args:
        G: Any networkx graph.
        path: The file to write (its folder must exist).
        separator: What joins the items of sequences.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, pathlib
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("p-ana", "p-ben", weight=2, sessions=("s-1", "s-2"))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = write_gexf(G, pathlib.Path(folder) / "network.gexf")
        ...     back = nx.read_gexf(target)
        >>> back["p-ana"]["p-ben"]["weight"], back["p-ana"]["p-ben"]["sessions"]
        (2.0, 's-1;s-2')
    """
    buffer = io.BytesIO()
    nx.write_gexf(_gexf_ready(G, separator), buffer)
    target = Path(path)
    atomic_write(target, buffer.getvalue())
    return target


def write_graphml(G: nx.Graph[Any], path: str | os.PathLike[str], *, separator: str = ";") -> Path:
    """Write ``G`` as a GraphML file, atomically.

    Attributes are flattened first (:func:`flatten_attributes`); graph attributes are
    written too. Node ids are written as text.

    Args:
        G: Any networkx graph.
        path: The file to write (its folder must exist).
        separator: What joins the items of sequences.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, pathlib
        >>> import networkx as nx
        >>> G = nx.Graph(level="person", skipped_sessions=())
        >>> G.add_edge("p-ana", "p-ben", weight=0.5)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     back = nx.read_graphml(write_graphml(G, pathlib.Path(folder) / "g.graphml"))
        >>> back.graph["level"], back.graph["skipped_sessions"], back["p-ana"]["p-ben"]
        ('person', '', {'weight': 0.5})
    """
    buffer = io.BytesIO()
    nx.write_graphml(flatten_attributes(G, separator=separator), buffer)
    target = Path(path)
    atomic_write(target, buffer.getvalue())
    return target


def write_node_link(
    G: nx.Graph[Any], path: str | os.PathLike[str], *, indent: int | None = 2
) -> Path:
    """Write ``G`` as node-link JSON for D3 (``nodes`` and ``links``), atomically.

    The content is :func:`node_link_data`; the file is strict JSON (no ``NaN``), UTF-8.

    Args:
        G: Any networkx graph.
        path: The file to write (its folder must exist).
        indent: JSON indentation; ``None`` for the most compact file.

    Returns:
        The path written.

    Examples:
        >>> import json, tempfile, pathlib
        >>> import networkx as nx
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = write_node_link(nx.path_graph(3), pathlib.Path(folder) / "g.json")
        ...     [(link["source"], link["target"]) for link in json.loads(target.read_text())["links"]]
        [(0, 1), (1, 2)]
    """
    text = json.dumps(node_link_data(G), indent=indent, ensure_ascii=False, allow_nan=False)
    target = Path(path)
    atomic_write(target, (text + "\n").encode("utf-8"))
    return target


def write_edge_csv(
    G: nx.Graph[Any],
    path: str | os.PathLike[str],
    *,
    weight: str = "weight",
    separator: str = ";",
) -> Path:
    """Write the edges of ``G`` as a CSV file (UTF-8, with a header), atomically.

    The columns of :func:`edge_frame` with flattened values (``None`` is an empty cell);
    pandas is not needed. Text that a spreadsheet would run as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as
    in every table coinnovation writes (:func:`coinnovation.export.tables.neutralise`);
    numbers are left alone.

    Args:
        G: Any networkx graph.
        path: The file to write (its folder must exist).
        weight: The edge attribute that holds the weight.
        separator: What joins the items of sequences inside a cell.

    Returns:
        The path written.

    Raises:
        ValueError: An edge attribute is called ``source``, ``target`` or (on a
            multigraph) ``key``.

    Examples:
        >>> import tempfile, pathlib
        >>> import networkx as nx
        >>> G = nx.Graph()
        >>> G.add_edge("a", "b", weight=-2, sessions=("s-1", "s-2"), note="=SUM(A1)")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     print(write_edge_csv(G, pathlib.Path(folder) / "edges.csv").read_text(), end="")
        source,target,weight,sessions,note
        a,b,-2,s-1;s-2,'=SUM(A1)
    """
    rows = _edge_rows(G, weight=weight, flat=True, separator=separator)
    columns = _edge_columns(G, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_text(neutralise(row.get(column))) for column in columns)
    target = Path(path)
    atomic_write(target, buffer.getvalue().encode("utf-8"))
    return target


def graph_format_of(path: str | os.PathLike[str], format: GraphFormat | None = None) -> GraphFormat:
    """The graph file format for a path: ``format`` if given, else from its suffix.

    Args:
        path: The file's path.
        format: ``"gexf"``, ``"graphml"``, ``"json"`` (node-link), ``"csv"`` (edge list),
            ``"parquet"`` (edge list) or ``"kumu"`` (a Kumu blueprint).

    Returns:
        The format: a name ending in ``.kumu.json`` is a Kumu blueprint, any other
        ``.json`` node-link JSON.

    Raises:
        FileFormatError: The suffix is not ``.gexf``, ``.graphml``, ``.json``, ``.csv`` or
            ``.parquet`` (or ``format`` is not one of the names above).

    Examples:
        >>> graph_format_of("network.GEXF"), graph_format_of("map.kumu.json")
        ('gexf', 'kumu')
        >>> graph_format_of("network.net")
        Traceback (most recent call last):
        ...
        coinnovation.errors.FileFormatError: network.net: 1 problem:
          - file: unsupported graph file type '.net': use .gexf, .graphml, .json, .csv or .parquet
    """
    if format is not None:
        if format not in _FORMATS:
            message = (
                f"unsupported graph format {format!r}: use gexf, graphml, json, csv, parquet "
                "or kumu"
            )
            raise FileFormatError(str(path), [Problem("file", None, None, message)])
        return format
    if Path(path).name.lower().endswith(_KUMU):
        return "kumu"
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        message = (
            f"unsupported graph file type {suffix!r}: use .gexf, .graphml, .json, .csv or .parquet"
        )
        raise FileFormatError(str(path), [Problem("file", None, None, message)])
    return _SUFFIXES[suffix]


def write_graph(
    G: nx.Graph[Any],
    path: str | os.PathLike[str],
    *,
    format: GraphFormat | None = None,
    separator: str = ";",
    privacy: Privacy | None = None,
) -> Path:
    """Write ``G`` in the format its file suffix names, atomically.

    ``.gexf`` → :func:`write_gexf` (Gephi), ``.graphml`` → :func:`write_graphml`,
    ``.json`` → :func:`write_node_link` (D3), ``.csv`` → :func:`write_edge_csv`,
    ``.parquet`` → :func:`~coinnovation.export.parquet.write_edge_parquet` (the edge
    list, typed; the ``parquet`` extra), ``.kumu.json`` →
    :func:`~coinnovation.export.kumu.write_kumu` (a Kumu blueprint).

    Args:
        G: Any networkx graph.
        path: The file to write (its folder must exist).
        format: Override the suffix: ``"gexf"``, ``"graphml"``, ``"json"`` or ``"csv"``.
        separator: What joins the items of sequences (GEXF, GraphML and CSV).
        privacy: A hub's privacy policy: when given, person nodes are written under
            their name only with consent, else under their pseudonym, and excluded people
            are left out; every node, edge and graph attribute goes through the policy
            too, at every level (:meth:`~coinnovation.privacy.Privacy.graph`). ``None``:
            no policy, people as recorded — for internal use only (see
            :mod:`coinnovation.privacy`).

    Returns:
        The path written.

    Raises:
        FileFormatError: An unsupported suffix or format.

    Examples:
        >>> import tempfile, pathlib
        >>> import networkx as nx
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = write_graph(nx.path_graph(3), pathlib.Path(folder) / "g.graphml")
        ...     sorted(nx.read_graphml(target).edges)
        [('0', '1'), ('1', '2')]
    """
    chosen = graph_format_of(path, format)
    if privacy is not None:
        G = privacy.graph(G)
    if chosen == "gexf":
        return write_gexf(G, path, separator=separator)
    if chosen == "graphml":
        return write_graphml(G, path, separator=separator)
    if chosen == "csv":
        return write_edge_csv(G, path, separator=separator)
    if chosen == "parquet":
        from coinnovation.export.parquet import write_edge_parquet

        return write_edge_parquet(G, path, separator=separator)
    if chosen == "kumu":
        from coinnovation.export.kumu import write_kumu

        return write_kumu(G, path)
    return write_node_link(G, path)
