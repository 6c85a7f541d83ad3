"""Fast one-mode projection of an affiliation (two-mode) network, on sparse matrices.

An affiliation network links *actors* (people, organisations ...) to the *sessions* they
took part in. Its one-mode projection ties two actors when they took part in the same
session. With ``B`` the actors × sessions incidence matrix (1 where the actor took part,
0 elsewhere; repeated records count once) the tie weights are the off-diagonal entries of

- ``W = B Bᵀ`` (``weight="count"``): the number of sessions two actors shared;
- ``W = B D Bᵀ`` with ``D = diag(1 / (n_s − 1))`` (``weight="newman"``): Newman's
  collaboration weight ``w_ij = Σ_s 1 / (n_s − 1)`` over the sessions ``s`` that ``i`` and
  ``j`` shared, ``n_s`` being the number of actors in ``s`` (Newman 2001). Each actor
  shares one unit of weight per session out among the others present.

Both give exactly networkx's ``bipartite.weighted_projected_graph`` and
``bipartite.collaboration_weighted_projected_graph`` (the same edges; equal counts, and
Newman weights equal to floating-point rounding), in a small fraction of the time. The ids of the sessions behind each tie (the *evidence*) are found by
generating every pair of every session with numpy and grouping the pairs by tie.

A projection can explode: one session of 2,000 actors alone makes 1,999,000 ties. The sum
``Σ_s C(n_s, 2)`` is computed first, and the projection refuses to start past ``max_pairs``
(:class:`~coinnovation.errors.ProjectionTooLargeError` names the largest sessions).
``max_session_size`` skips bigger sessions or down-weights them (each of their ties then
counts ``1 / (n_s − 1)``, whatever the weight scheme).

Results come as an :class:`EdgeList` of numpy arrays (for large data, where building a
networkx graph is itself the bottleneck), convertible to networkx, pandas and scipy.

References:
    M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality", Physical Review E 64, 016132 (2001).

    R. L. Breiger, "The duality of persons and groups", Social Forces 53(2), 181-190 (1974).

Examples:
    >>> edges = project([0, 1, 2, 0, 1], [0, 0, 0, 1, 1], nodes=["ana", "ben", "cy"],
    ...                 sessions=["s-1", "s-2"], evidence=True)
    >>> edges.to_frame()
      source target  weight    sessions
    0    ana    ben       2  (s-1, s-2)
    1    ana     cy       1      (s-1,)
    2    ben     cy       1      (s-1,)
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal, cast

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import ArrayLike, NDArray

from coinnovation._collector import collector_paused
from coinnovation._optional import require
from coinnovation.errors import ProjectionTooLargeError
from coinnovation.results import NodeTable

__all__ = [
    "DEFAULT_MAX_PAIRS",
    "EdgeList",
    "Oversize",
    "WeightScheme",
    "project",
    "projected_edges",
    "projected_graph",
]

#: The default limit on ``Σ_s C(n_s, 2)``, the ties a projection may generate.
DEFAULT_MAX_PAIRS = 50_000_000

#: How ties are weighted: shared sessions (``"count"``) or Newman's ``Σ 1/(n_s − 1)``.
WeightScheme = Literal["count", "newman"]

#: What to do with sessions larger than ``max_session_size``.
Oversize = Literal["skip", "downweight"]

#: How many of the largest sessions a :class:`ProjectionTooLargeError` names.
_NAMED = 5

_IntArray = NDArray[np.int64]


def _frozen(array: object, dtype: Any = None) -> bool:
    """Whether ``array`` is already a read-only array of the right type (no copy needed)."""
    return (
        isinstance(array, np.ndarray)
        and not array.flags.writeable
        and array.ndim == 1
        and (dtype is None or array.dtype == dtype)
    )


def _readonly(array: ArrayLike, dtype: Any = None) -> NDArray[Any]:
    if _frozen(array, dtype):
        return cast(NDArray[Any], array)
    result = np.array(array, dtype=dtype, copy=True)
    result.setflags(write=False)
    return result


def _object_array(values: Iterable[Hashable]) -> NDArray[np.object_]:
    if _frozen(values, object):
        return cast(NDArray[np.object_], values)
    items = list(values)
    array = np.empty(len(items), dtype=object)
    array[:] = items if items else []
    array.setflags(write=False)
    return array


def _int_array(array: ArrayLike) -> NDArray[np.int64]:
    return _readonly(array, np.int64)


def _optional_int_array(array: ArrayLike | None) -> NDArray[np.int64] | None:
    return None if array is None else _readonly(array, np.int64)


def _hashables(values: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(values)


def _optional_mappings(
    values: Iterable[Mapping[str, Any]] | None,
) -> tuple[Mapping[str, Any], ...] | None:
    return None if values is None else tuple(values)


@attrs.frozen(eq=False)
class EdgeList:
    """A weighted, undirected one-mode network as numpy arrays.

    Edge ``k`` ties ``nodes[source[k]]`` and ``nodes[target[k]]`` (``source[k] <
    target[k]``) with weight ``weight[k]``. Edges come by ascending ``source``; with
    evidence, by ``(source, target)``; without, a source's targets come in scipy's
    (deterministic) order.
    When the evidence was computed, the sessions behind edge ``k`` are
    ``sessions[evidence_index[evidence_indptr[k]:evidence_indptr[k + 1]]]``, in session
    order (a compressed sparse row layout).

    Attributes:
        nodes: Node ids (an object array); every actor, tied or not.
        source: Index into ``nodes`` of each edge's first end.
        target: Index into ``nodes`` of each edge's second end.
        weight: Tie weights: integers for shared-session counts, floats otherwise.
        sessions: The session ids (an object array) that ``evidence_index`` indexes.
        evidence_indptr: Where each edge's evidence starts (``len(self) + 1`` entries), or
            ``None`` when the evidence was not computed.
        evidence_index: Indices into ``sessions``, edge by edge, or ``None``.
        skipped_sessions: Sessions left out for being larger than ``max_session_size``.
        downweighted_sessions: Sessions larger than ``max_session_size`` whose ties were
            down-weighted.
        node_data: Node attributes, one mapping per node, or ``None``.
        graph: How the network was built (``weight_scheme``, ``pairs`` ...); becomes
            ``G.graph`` in :meth:`to_networkx`.

    Examples:
        >>> edges = project([0, 1, 1, 2], [0, 0, 1, 1], nodes=["a", "b", "c"],
        ...                 sessions=["s", "t"])
        >>> len(edges), edges.source.tolist(), edges.target.tolist(), edges.weight.tolist()
        (2, [0, 1], [1, 2], [1, 1])
        >>> edges.degree()["degree"]
        {'a': 1, 'b': 2, 'c': 1}
    """

    nodes: NDArray[np.object_] = attrs.field(converter=_object_array)
    source: NDArray[np.int64] = attrs.field(converter=_int_array)
    target: NDArray[np.int64] = attrs.field(converter=_int_array)
    weight: NDArray[Any] = attrs.field(converter=_readonly)
    sessions: NDArray[np.object_] = attrs.field(converter=_object_array, factory=tuple)
    evidence_indptr: NDArray[np.int64] | None = attrs.field(
        default=None, converter=_optional_int_array
    )
    evidence_index: NDArray[np.int64] | None = attrs.field(
        default=None, converter=_optional_int_array
    )
    skipped_sessions: tuple[Hashable, ...] = attrs.field(default=(), converter=_hashables)
    downweighted_sessions: tuple[Hashable, ...] = attrs.field(default=(), converter=_hashables)
    node_data: tuple[Mapping[str, Any], ...] | None = attrs.field(
        default=None, converter=_optional_mappings
    )
    graph: dict[str, Any] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        edges = len(self.source)
        if self.target.shape != (edges,) or self.weight.shape != (edges,):
            raise ValueError("source, target and weight must be 1-d arrays of one length")
        if edges and (
            self.source.min() < 0
            or self.target.max() >= len(self.nodes)
            or bool(np.any(self.source >= self.target))
        ):
            raise ValueError("edges need 0 <= source < target < len(nodes)")
        if (self.evidence_indptr is None) != (self.evidence_index is None):
            raise ValueError("give both evidence_indptr and evidence_index, or neither")
        if self.evidence_indptr is not None and self.evidence_indptr.shape != (edges + 1,):
            raise ValueError("evidence_indptr must have one entry more than there are edges")
        if self.node_data is not None and len(self.node_data) != len(self.nodes):
            raise ValueError("node_data must give one mapping per node")

    def __len__(self) -> int:
        """The number of edges."""
        return len(self.source)

    @property
    def has_evidence(self) -> bool:
        """Whether the sessions behind each tie were computed.

        Examples:
            >>> project([0, 1], [0, 0], nodes=["a", "b"], sessions=["s"]).has_evidence
            False
        """
        return self.evidence_indptr is not None

    def evidence(self) -> list[tuple[Hashable, ...]]:
        """The ids of the sessions behind each edge, in edge order.

        Returns:
            One tuple of session ids per edge, in session order.

        Raises:
            ValueError: The evidence was not computed (``evidence=False``).

        Examples:
            >>> edges = project([0, 1, 0, 1], [0, 0, 1, 1], nodes=["a", "b"],
            ...                 sessions=["s", "t"], evidence=True)
            >>> edges.evidence()
            [('s', 't')]
        """
        if self.evidence_indptr is None or self.evidence_index is None:
            raise ValueError("this edge list was built without evidence (evidence=False)")
        ids = self.sessions[self.evidence_index].tolist()
        bounds = self.evidence_indptr.tolist()
        with collector_paused():
            return [tuple(ids[lo:hi]) for lo, hi in itertools.pairwise(bounds)]

    def degree(self) -> NodeTable:
        """Each node's number of ties, computed with numpy.

        Returns:
            A :class:`~coinnovation.network.NodeTable` with column ``degree``.

        Examples:
            >>> project([0, 1, 2], [0, 0, 0], nodes="abc", sessions=["s"]).degree().row("a")
            {'degree': 2}
        """
        n = len(self.nodes)
        degree = np.bincount(self.source, minlength=n) + np.bincount(self.target, minlength=n)
        return NodeTable(self.nodes.tolist(), {"degree": degree})

    def strength(self) -> NodeTable:
        """Each node's strength (the sum of its tie weights), computed with numpy.

        With Newman weights an actor's strength is the number of sessions it shared with
        at least one other actor (Newman 2001).

        Returns:
            A :class:`~coinnovation.network.NodeTable` with column ``strength``.

        Examples:
            >>> edges = project([0, 1, 2, 0, 1], [0, 0, 0, 1, 1], nodes="abc",
            ...                 sessions=["s", "t"], weight="newman")
            >>> edges.strength()["strength"]
            {'a': 2.0, 'b': 2.0, 'c': 1.0}
        """
        n = len(self.nodes)
        weights = self.weight.astype(np.float64)
        strength = np.bincount(self.source, weights, minlength=n) + np.bincount(
            self.target, weights, minlength=n
        )
        return NodeTable(self.nodes.tolist(), {"strength": strength})

    def to_scipy(self) -> sp.csr_array:
        """The symmetric weighted adjacency matrix, rows and columns in ``nodes`` order.

        Examples:
            >>> project([0, 1], [0, 0], nodes="ab", sessions=["s"]).to_scipy().toarray()
            array([[0, 1],
                   [1, 0]])
        """
        n = len(self.nodes)
        rows = np.concatenate((self.source, self.target))
        cols = np.concatenate((self.target, self.source))
        values = np.concatenate((self.weight, self.weight))
        return sp.csr_array((values, (rows, cols)), shape=(n, n))

    def to_frame(self) -> Any:
        """The edges as a pandas DataFrame (needs the ``pandas`` extra).

        Columns ``source``, ``target`` (node ids), ``weight`` and, with evidence,
        ``sessions`` (tuples of session ids).

        Examples:
            >>> project([0, 1], [0, 0], nodes="ab", sessions=["s"]).to_frame()
              source target  weight
            0      a      b       1
        """
        pandas = require("pandas", "pandas", "DataFrame output")
        columns: dict[str, Any] = {
            "source": self.nodes[self.source],
            "target": self.nodes[self.target],
            "weight": self.weight,
        }
        if self.has_evidence:
            columns["sessions"] = self.evidence()
        return pandas.DataFrame(columns)

    def to_arrow(self) -> Any:
        """The edges as a pyarrow Table (needs the ``parquet`` extra), built without Python loops.

        Columns ``source`` and ``target`` (the node ids, as text), ``weight`` (``int64``
        for shared-session counts, ``float64`` otherwise) and, with evidence,
        ``sessions`` (a ``list<string>`` of session ids, in session order). The ends are
        gathered in Arrow from the node ids and the edge indices, so a list of millions
        of ties converts in a fraction of a second; write it with
        ``pyarrow.parquet.write_table`` or hand it to DuckDB or polars as it is.

        Returns:
            A ``pyarrow.Table`` with one row per edge, in edge order.

        Raises:
            MissingDependencyError: pyarrow is not installed (``pip install
                'coinnovation[parquet]'``).

        Examples:
            >>> table = project([0, 1, 2, 0, 1], [0, 0, 0, 1, 1], nodes=["ana", "ben", "cy"],
            ...                 sessions=["s-1", "s-2"], evidence=True).to_arrow()
            >>> table.column_names, table.schema.field("weight").type
            (['source', 'target', 'weight', 'sessions'], DataType(int64))
            >>> table.to_pylist()[0]
            {'source': 'ana', 'target': 'ben', 'weight': 2, 'sessions': ['s-1', 's-2']}
        """
        pa = require("pyarrow", "parquet", "Arrow tables")
        names = pa.array([str(node) for node in self.nodes.tolist()], type=pa.string())
        weight = pa.array(
            self.weight, type=pa.int64() if self.weight.dtype.kind in "iub" else pa.float64()
        )
        columns: dict[str, Any] = {
            "source": names.take(pa.array(self.source, type=pa.int64())),
            "target": names.take(pa.array(self.target, type=pa.int64())),
            "weight": weight,
        }
        if self.evidence_indptr is not None and self.evidence_index is not None:
            ids = pa.array([str(s) for s in self.sessions.tolist()], type=pa.string())
            values = ids.take(pa.array(self.evidence_index, type=pa.int64()))
            offsets = pa.array(self.evidence_indptr, type=pa.int32())
            columns["sessions"] = pa.ListArray.from_arrays(offsets, values)
        return pa.table(columns)

    def to_pandas(self) -> Any:
        """Deprecated name of :meth:`to_frame`, the name every other result uses; warns.

        Examples:
            >>> import warnings
            >>> with warnings.catch_warnings():
            ...     warnings.simplefilter("ignore", DeprecationWarning)
            ...     frame = project([0, 1], [0, 0], nodes="ab", sessions=["s"]).to_pandas()
            >>> frame.columns.tolist()
            ['source', 'target', 'weight']
        """
        warnings.warn(
            "EdgeList.to_pandas() is deprecated: use EdgeList.to_frame()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.to_frame()

    def to_networkx(self, *, evidence: bool = True) -> nx.Graph[Any]:
        """The network as a networkx graph.

        Every node is in the graph (isolated ones too), with its ``node_data``; edges carry
        ``weight`` and, when the evidence was computed and ``evidence`` is true,
        ``sessions``; ``G.graph`` holds :attr:`graph`, ``skipped_sessions`` and
        ``downweighted_sessions``. The graph is filled directly (bypassing
        ``add_edges_from``'s per-edge checks), which is several times faster on large
        networks and gives the same graph.

        Args:
            evidence: Put the sessions behind each tie on the edges (when available).

        Returns:
            An undirected :class:`networkx.Graph`.

        Examples:
            >>> G = project([0, 1], [0, 0], nodes="ab", sessions=["s"],
            ...             evidence=True).to_networkx()
            >>> G.edges(data=True)
            EdgeDataView([('a', 'b', {'weight': 1, 'sessions': ('s',)})])
        """
        with collector_paused():
            if evidence and self.has_evidence:
                data = [
                    {"weight": w, "sessions": s}
                    for w, s in zip(self.weight.tolist(), self.evidence(), strict=True)
                ]
            else:
                data = [{"weight": w} for w in self.weight.tolist()]
            graph = _fill_graph(self.nodes, self.node_data, self.source, self.target, data)
        graph.graph.update(self.graph)
        graph.graph["skipped_sessions"] = self.skipped_sessions
        graph.graph["downweighted_sessions"] = self.downweighted_sessions
        return graph


def _fill_graph(
    nodes: NDArray[np.object_],
    node_data: Sequence[Mapping[str, Any]] | None,
    source: _IntArray,
    target: _IntArray,
    edge_data: list[dict[str, Any]],
) -> nx.Graph[Any]:
    """A graph with these nodes and edges, written straight into networkx's dicts.

    networkx stores an undirected graph as ``G._node[u] = attributes`` and
    ``G._adj[u][v] = G._adj[v][u] = edge attributes`` (one dict shared by both
    directions). Edges come by ascending source, so each node's later neighbours are a
    slice of the edge list; its earlier ones a slice of the edges sorted by target. Each
    adjacency dict is then built by two C-level ``dict``/``update`` calls over ``zip`` objects.
    """
    graph: nx.Graph[Any] = nx.Graph()
    store: Any = graph  # the storage dicts are not in the type stubs
    n, m = len(nodes), len(source)
    data = np.empty(m, dtype=object)
    data[:] = edge_data
    starts = np.arange(n + 1)
    later_bounds = np.searchsorted(source, starts).tolist()
    order = np.argsort(target, kind="stable")
    earlier_bounds = np.searchsorted(target[order], starts).tolist()
    later = nodes[target].tolist()
    earlier = nodes[source[order]].tolist()
    earlier_data = data[order].tolist()
    del data, order
    node_store, adjacency = store._node, store._adj
    for index, node in enumerate(nodes.tolist()):
        node_store[node] = {} if node_data is None else dict(node_data[index])
        lo, hi = earlier_bounds[index], earlier_bounds[index + 1]
        neighbours = dict(zip(earlier[lo:hi], earlier_data[lo:hi], strict=True))
        lo, hi = later_bounds[index], later_bounds[index + 1]
        neighbours.update(zip(later[lo:hi], edge_data[lo:hi], strict=True))
        adjacency[node] = neighbours
    return graph


def _check_scheme(weight: str, oversize: str) -> None:
    if weight not in ("count", "newman"):
        raise ValueError(f"weight must be 'count' or 'newman', not {weight!r}")
    if oversize not in ("skip", "downweight"):
        raise ValueError(f"oversize must be 'skip' or 'downweight', not {oversize!r}")


def project(
    actors: ArrayLike,
    sessions_of: ArrayLike,
    *,
    nodes: Iterable[Hashable],
    sessions: Iterable[Hashable],
    weight: WeightScheme = "count",
    min_weight: float | None = None,
    evidence: bool = False,
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
) -> EdgeList:
    """Project an actor-session incidence list onto the actors.

    Record ``k`` says that actor ``nodes[actors[k]]`` took part in session
    ``sessions[sessions_of[k]]``; repeated records count once. With ``B`` the
    resulting 0/1 actors × sessions matrix, ``n_s`` the number of actors in session ``s``
    and ``f_s`` a per-session factor, the weight of the tie between actors ``i < j`` is

        w_ij = Σ_s B_is B_js f_s   (the off-diagonal of B diag(f) Bᵀ)

    with ``f_s = 1`` for ``weight="count"`` (shared sessions) and ``f_s = 1 / (n_s − 1)``
    for ``weight="newman"`` (Newman 2001). Sessions larger than ``max_session_size`` are
    left out (``oversize="skip"``) or get ``f_s = 1 / (n_s − 1)`` under either scheme
    (``oversize="downweight"``).

    Before any tie is made, ``Σ_s C(n_s, 2)`` over the sessions kept is compared with
    ``max_pairs``.

    Args:
        actors: Index into ``nodes`` of each record's actor.
        sessions_of: Index into ``sessions`` of each record's session.
        nodes: The actor ids; all become nodes, with or without ties.
        sessions: The session ids.
        weight: ``"count"`` or ``"newman"``.
        min_weight: Drop ties lighter than this (with a relative tolerance of 1e-12, so
            sums of fractions meant to equal it are kept); ``None`` keeps every tie.
        evidence: Also record which sessions lie behind each tie.
        max_pairs: Refuse projections making more than this many (repeated) ties;
            ``None`` for no limit.
        max_session_size: Sessions with more actors than this are skipped or
            down-weighted; ``None`` for no cap.
        oversize: ``"skip"`` or ``"downweight"``.

    Returns:
        The ties as an :class:`EdgeList`; ``graph`` records ``weight_scheme``, ``pairs``
        (``Σ C(n_s, 2)`` over the sessions used) and ``sessions_used``.

    Raises:
        ProjectionTooLargeError: ``Σ C(n_s, 2)`` exceeds ``max_pairs``.
        ValueError: Indices out of range, arrays of different lengths, repeated node
            ids, or an unknown ``weight`` or ``oversize``.

    Examples:
        >>> edges = project([0, 1, 2, 3, 0, 1], [0, 0, 0, 0, 1, 1], nodes="abcd",
        ...                 sessions=["big", "small"], weight="newman")
        >>> sorted(zip(edges.nodes[edges.source], edges.nodes[edges.target],
        ...            edges.weight.round(4).tolist()))
        [('a', 'b', 1.3333), ('a', 'c', 0.3333), ('a', 'd', 0.3333), ('b', 'c', 0.3333),
         ('b', 'd', 0.3333), ('c', 'd', 0.3333)]
        >>> project([0, 1, 2], [0, 0, 0], nodes="abc", sessions=["s"], max_pairs=2)
        Traceback (most recent call last):
        ...
        coinnovation.errors.ProjectionTooLargeError: the projection would create 3 ties, more than the limit of 2; largest sessions: s (3); ...
        >>> project([0, 1, 2], [0, 0, 0], nodes="abc", sessions=["s"],
        ...         max_session_size=2).skipped_sessions
        ('s',)
    """
    _check_scheme(weight, oversize)
    node_ids = _object_array(nodes)
    session_ids = _object_array(sessions)
    n, s = len(node_ids), len(session_ids)
    rows = np.asarray(actors, dtype=np.int64).reshape(-1)
    cols = np.asarray(sessions_of, dtype=np.int64).reshape(-1)
    if rows.shape != cols.shape:
        raise ValueError(f"actors and sessions_of differ in length: {len(rows)} != {len(cols)}")
    if len(rows) and (rows.min() < 0 or rows.max() >= n or cols.min() < 0 or cols.max() >= s):
        raise ValueError("actor or session index out of range")
    if len(set(node_ids.tolist())) != n:
        raise ValueError("nodes must be unique")
    if max_session_size is not None and max_session_size < 1:
        raise ValueError(f"max_session_size must be >= 1, not {max_session_size}")

    # Sessions × actors, 0/1 (int32: counts up to 2**31 sessions, and faster products):
    # duplicates summed, then set to one; each row's actors sorted.
    incidence = sp.csr_array(
        (np.ones(len(rows), dtype=np.int32), (cols, rows)), shape=(s, n), dtype=np.int32
    )
    incidence.sum_duplicates()
    incidence.data[:] = 1
    size = np.diff(incidence.indptr)

    oversized = np.zeros(s, dtype=bool) if max_session_size is None else size > max_session_size
    skipped: tuple[Hashable, ...] = ()
    downweighted: tuple[Hashable, ...] = ()
    if oversized.any():
        listed = tuple(session_ids[oversized].tolist())
        if oversize == "skip":
            skipped = listed
            incidence.data[oversized[np.repeat(np.arange(s), size)]] = 0
            incidence.eliminate_zeros()
            size = np.where(oversized, 0, size)
        else:
            downweighted = listed
    pairs_per_session = size * (size - 1) // 2
    pairs = int(pairs_per_session.sum())
    if max_pairs is not None and pairs > max_pairs:
        largest = [i for i in np.argsort(-size, kind="stable")[:_NAMED] if size[i] >= 2]
        raise ProjectionTooLargeError(
            pairs, max_pairs, [(str(session_ids[i]), int(size[i])) for i in largest]
        )

    fractional = weight == "newman" or bool(oversized.any() and oversize == "downweight")
    factor: NDArray[np.float64] | None = None
    if fractional:
        inverse = np.divide(1.0, size - 1, out=np.zeros(s), where=size > 1)
        factor = inverse if weight == "newman" else np.where(oversized, inverse, 1.0)

    indptr: _IntArray | None = None
    index: _IntArray | None = None
    if evidence:
        source, target, weights, indptr, index = _pairs_with_evidence(incidence, n, factor)
    else:
        source, target, weights = _pairs_by_product(incidence, factor)

    if min_weight is not None:
        keep = weights >= min_weight - 1e-12 * abs(min_weight)
        if not keep.all():
            source, target, weights = source[keep], target[keep], weights[keep]
            if indptr is not None and index is not None:
                counts = np.diff(indptr)
                index = index[np.repeat(keep, counts)]
                indptr = np.concatenate(([0], np.cumsum(counts[keep])))

    for array in (source, target, weights, indptr, index):
        if array is not None:
            array.setflags(write=False)  # fresh arrays: the edge list need not copy them
    return EdgeList(
        nodes=node_ids,
        source=source,
        target=target,
        weight=weights,
        sessions=session_ids,
        evidence_indptr=indptr,
        evidence_index=index,
        skipped_sessions=skipped,
        downweighted_sessions=downweighted,
        graph={
            "weight_scheme": weight,
            "min_weight": min_weight,
            "pairs": pairs,
            "sessions_used": int(np.count_nonzero(size >= 2)),
        },
    )


def _pairs_by_product(
    incidence: sp.csr_array, factor: NDArray[np.float64] | None
) -> tuple[_IntArray, _IntArray, NDArray[Any]]:
    """The upper triangle of ``B diag(f) Bᵀ``, from the sessions × actors matrix ``Bᵀ``.

    Row by row (sources ascending); scipy leaves each row's columns unsorted, and
    sorting them would cost as much as the product, so they stay in scipy's order.
    """
    by_session = incidence  # Bᵀ: sessions × actors
    by_actor = by_session.T.tocsr()  # B: actors × sessions
    if factor is not None:
        scaled = by_session.astype(np.float64)
        scaled.data = factor[np.repeat(np.arange(scaled.shape[0]), np.diff(scaled.indptr))]
        product = by_actor.astype(np.float64) @ scaled
    else:
        # Counts fit in 32 bits (at most the number of sessions) and multiply faster.
        product = by_actor @ by_session
    cols = product.indices  # int32 while the matrix is small enough: faster to compare
    rows = np.repeat(np.arange(product.shape[0], dtype=cols.dtype), np.diff(product.indptr))
    upper = cols > rows
    values = product.data[upper]
    return (
        rows[upper].astype(np.int64, copy=False),
        cols[upper].astype(np.int64, copy=False),
        values if factor is not None else values.astype(np.int64),
    )


def _pairs_with_evidence(
    incidence: sp.csr_array, n: int, factor: NDArray[np.float64] | None
) -> tuple[_IntArray, _IntArray, NDArray[Any], _IntArray, _IntArray]:
    """Every pair of every session, grouped by tie: weights and the sessions behind them.

    In the sessions × actors matrix each session's actors are sorted, so pairing the
    entry at position ``a`` of a session of ``n_s`` with the ``n_s − 1 − a`` entries after
    it lists each pair once with ``source < target``. A stable sort by tie keeps each
    tie's sessions in session order.
    """
    members = incidence.indices.astype(np.int64, copy=False)
    size = np.diff(incidence.indptr)
    session_of_entry = np.repeat(np.arange(len(size), dtype=np.int64), size)
    position = np.arange(len(members), dtype=np.int64) - incidence.indptr[:-1][session_of_entry]
    later = size[session_of_entry] - 1 - position  # partners after each entry
    total = int(later.sum())
    first = np.repeat(np.arange(len(members), dtype=np.int64), later)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(later) - later, later)
    partner = first + 1 + offset
    del offset
    key = members[first] * n + members[partner]
    pair_session = session_of_entry[first]
    del first, partner
    order = np.argsort(key, kind="stable")
    key = key[order]
    pair_session = pair_session[order]
    del order
    if total:
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    else:
        starts = np.zeros(0, dtype=np.int64)
    indptr = np.concatenate((starts, [total])).astype(np.int64)
    edge_key = key[starts]
    if factor is None:
        weights: NDArray[Any] = np.diff(indptr)
    else:
        weights = (
            np.add.reduceat(factor[pair_session], starts) if total else np.zeros(0, np.float64)
        )
    return edge_key // n, edge_key % n, weights, indptr, pair_session


def _bipartite_incidence(
    B: nx.Graph[Any], nodes: Iterable[Hashable]
) -> tuple[list[Hashable], list[Hashable], list[int], list[int]]:
    if B.is_directed() or B.is_multigraph():
        raise nx.NetworkXNotImplemented("not implemented for directed graphs or multigraphs")
    actors = list(dict.fromkeys(nodes))
    actor_index = {node: i for i, node in enumerate(actors)}
    missing = [node for node in actors if node not in B]
    if missing:
        raise nx.NetworkXError(f"nodes not in the graph: {missing[:5]!r}")
    others = [node for node in B if node not in actor_index]
    other_index = {node: i for i, node in enumerate(others)}
    rows: list[int] = []
    cols: list[int] = []
    for u, v in B.edges():
        if u in actor_index and v in other_index:
            rows.append(actor_index[u])
            cols.append(other_index[v])
        elif v in actor_index and u in other_index:
            rows.append(actor_index[v])
            cols.append(other_index[u])
        else:
            raise nx.NetworkXError(
                f"the graph is not bipartite with respect to nodes: edge {(u, v)!r}"
            )
    return actors, others, rows, cols


def projected_edges(
    B: nx.Graph[Any],
    nodes: Iterable[Hashable],
    *,
    weight: WeightScheme = "count",
    min_weight: float | None = None,
    evidence: bool = False,
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
) -> EdgeList:
    """The one-mode projection of a networkx bipartite graph onto ``nodes``, as arrays.

    The other side's nodes play the sessions. See :func:`project` for the weights, the
    size guard and the options; :func:`projected_graph` for a networkx graph.

    Args:
        B: An undirected bipartite graph; every edge must have exactly one end in
            ``nodes``.
        nodes: The nodes to project onto.
        weight: ``"count"`` or ``"newman"``.
        min_weight: Drop lighter ties; ``None`` keeps all.
        evidence: Record which other-side nodes lie behind each tie.
        max_pairs: Limit on ``Σ C(n_s, 2)``; ``None`` for none.
        max_session_size: Cap on the other-side degree; ``None`` for none.
        oversize: ``"skip"`` or ``"downweight"``.

    Returns:
        An :class:`EdgeList` whose ``node_data`` are ``B``'s attributes of ``nodes``.

    Raises:
        networkx.NetworkXError: A node is not in ``B``, or an edge has both or neither
            end in ``nodes``.
        networkx.NetworkXNotImplemented: ``B`` is directed or a multigraph.
        ProjectionTooLargeError: ``Σ C(n_s, 2)`` exceeds ``max_pairs``.

    Examples:
        >>> import networkx as nx
        >>> B = nx.Graph([("ana", "s1"), ("ben", "s1"), ("ben", "s2"), ("cy", "s2")])
        >>> projected_edges(B, ["ana", "ben", "cy"]).strength()["strength"]
        {'ana': 1.0, 'ben': 2.0, 'cy': 1.0}
    """
    actors, others, rows, cols = _bipartite_incidence(B, nodes)
    edges = project(
        rows,
        cols,
        nodes=actors,
        sessions=others,
        weight=weight,
        min_weight=min_weight,
        evidence=evidence,
        max_pairs=max_pairs,
        max_session_size=max_session_size,
        oversize=oversize,
    )
    return attrs.evolve(edges, node_data=[B.nodes[node] for node in actors])


def projected_graph(
    B: nx.Graph[Any],
    nodes: Iterable[Hashable],
    *,
    weight: WeightScheme = "count",
    min_weight: float | None = None,
    evidence: bool = True,
    max_pairs: int | None = DEFAULT_MAX_PAIRS,
    max_session_size: int | None = None,
    oversize: Oversize = "skip",
) -> nx.Graph[Any]:
    """The weighted one-mode projection of a networkx bipartite graph onto ``nodes``.

    The same graph as ``networkx.bipartite.weighted_projected_graph(B, nodes)``
    (``weight="count"``: ``w_ij`` = number of shared neighbours) or
    ``collaboration_weighted_projected_graph(B, nodes)`` (``weight="newman"``:
    ``w_ij = Σ_s 1 / (n_s − 1)`` over shared neighbours ``s`` of degree ``n_s``, Newman
    2001), computed on sparse matrices, with the shared neighbours themselves on each
    edge as ``sessions`` when ``evidence`` is true.

    Args:
        B: An undirected bipartite graph; every edge must have exactly one end in
            ``nodes``.
        nodes: The nodes to project onto; they keep their attributes.
        weight: ``"count"`` or ``"newman"``.
        min_weight: Drop lighter ties; ``None`` keeps all.
        evidence: Put the shared neighbours on each edge as ``sessions``.
        max_pairs: Limit on ``Σ C(n_s, 2)``; ``None`` for none.
        max_session_size: Cap on the other side's degree; ``None`` for none.
        oversize: ``"skip"`` or ``"downweight"``.

    Returns:
        The projection; ``G.graph`` records ``weight_scheme``, ``pairs`` and the
        skipped or down-weighted neighbours.

    Raises:
        networkx.NetworkXError: A node is not in ``B``, or an edge has both or neither
            end in ``nodes``.
        networkx.NetworkXNotImplemented: ``B`` is directed or a multigraph.
        ProjectionTooLargeError: ``Σ C(n_s, 2)`` exceeds ``max_pairs``.

    Examples:
        >>> import networkx as nx
        >>> B = nx.davis_southern_women_graph()
        >>> women = [n for n, side in B.nodes(data="bipartite") if side == 0]
        >>> G = projected_graph(B, women)
        >>> G["Evelyn Jefferson"]["Theresa Anderson"]["weight"]
        7
        >>> G["Evelyn Jefferson"]["Theresa Anderson"]["sessions"]
        ('E2', 'E3', 'E4', 'E5', 'E6', 'E8', 'E9')
    """
    edges = projected_edges(
        B,
        nodes,
        weight=weight,
        min_weight=min_weight,
        evidence=evidence,
        max_pairs=max_pairs,
        max_session_size=max_session_size,
        oversize=oversize,
    )
    return edges.to_networkx()
