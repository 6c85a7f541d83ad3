"""The engines behind the centrality table: a graph read into arrays, and path-based measures.

Private to :mod:`coinnovation.network`. :func:`_arrays` reads a networkx graph (or an
:class:`~coinnovation.network.projection.EdgeList`) once into index arrays, which the
measures of :mod:`~coinnovation.network.centrality` and
:mod:`~coinnovation.network.core` start from. Betweenness and closeness run on
one of three engines: ``"scipy"`` (breadth-first searches of many sources at once: as
sparse-matrix products for betweenness, 64 to a machine word for closeness; and scipy's
compiled shortest paths with distances), ``"rustworkx"`` (compiled
and parallel; the ``fast`` extra) and ``"networkx"`` (any networkx backend can take over
through ``backend=``); :func:`_engine_for` picks one and refuses what an engine cannot
compute.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray
from scipy.sparse import csgraph  # type: ignore[import-untyped, unused-ignore]

from coinnovation._optional import require
from coinnovation.network.projection import EdgeList

__all__ = ["Distance", "Engine", "Seed"]

#: The engines for betweenness and closeness (see ``centrality_table``).
Engine = Literal["auto", "scipy", "networkx", "rustworkx"]
#: How far apart tied nodes are: ``None`` (steps), ``"inverse"``, an attribute, a function.
Distance = str | Callable[[NDArray[np.float64]], Any] | None
#: A seed: an int, a numpy Generator, or ``None``.
Seed = int | np.random.Generator | None

_FloatArray = NDArray[np.float64]
_IntArray = NDArray[np.int64]

# How many (node, source) cells one batch of breadth-first searches may hold.
_BATCH_CELLS = 2_000_000
# How many 64-bit words one level of a batch of bit-parallel searches may gather (arcs ×
# words): 64 MB; at most 16 words (1,024 sources) a batch.
_BATCH_WORDS = 8_000_000


# -- reading a graph into arrays -------------------------------------------------------------


@attrs.frozen
class _Arrays:
    """A simple graph as index arrays: each edge once, self-loops included."""

    nodes: tuple[Hashable, ...]
    directed: bool
    source: _IntArray
    target: _IntArray
    weight: _FloatArray

    @property
    def n(self) -> int:
        return len(self.nodes)

    def adjacency(self, values: _FloatArray | None = None) -> sp.csr_array:
        """The n×n adjacency (symmetric when undirected); ``values`` default to weights."""
        data = self.weight if values is None else values
        rows, cols = self.source, self.target
        if not self.directed:
            off = rows != cols
            rows, cols = np.concatenate([rows, cols[off]]), np.concatenate([cols, rows[off]])
            data = np.concatenate([data, data[off]])
        A = sp.csr_array((data, (rows, cols)), shape=(self.n, self.n))
        # SciPy before 1.15 keeps 64-bit indices from 64-bit input, and its csgraph
        # routines (Dijkstra) refuse them: use 32-bit indices whenever they fit.
        if A.nnz < np.iinfo(np.int32).max and self.n < np.iinfo(np.int32).max:
            A.indices = A.indices.astype(np.int32, copy=False)
            A.indptr = A.indptr.astype(np.int32, copy=False)
        return A


def _check_simple(G: nx.Graph[Any]) -> None:
    if G.is_multigraph():
        raise TypeError(
            "multigraphs are not supported: collapse parallel edges first "
            "(nx.Graph(G) keeps one; sum the weights yourself to keep them all)"
        )


def _arrays(G: nx.Graph[Any] | EdgeList, weight: str | None) -> _Arrays:
    """Read ``G`` once into index arrays (edges without ``weight`` count 1)."""
    if isinstance(G, EdgeList):
        values = np.ones(len(G)) if weight is None else np.asarray(G.weight, dtype=np.float64)
        return _Arrays(tuple(G.nodes.tolist()), False, G.source, G.target, values)
    _check_simple(G)
    nodes = tuple(G)
    index = {node: i for i, node in enumerate(nodes)}
    m = G.number_of_edges()
    source = np.empty(m, dtype=np.int64)
    target = np.empty(m, dtype=np.int64)
    values = np.ones(m, dtype=np.float64)
    if weight is None:
        for i, (u, v) in enumerate(G.edges()):
            source[i] = index[u]
            target[i] = index[v]
    else:
        for i, (u, v, w) in enumerate(G.edges(data=weight, default=1.0)):
            source[i] = index[u]
            target[i] = index[v]
            values[i] = w
    return _Arrays(nodes, G.is_directed(), source, target, values)


def _distances(
    G: nx.Graph[Any] | EdgeList, graph: _Arrays, distance: Distance
) -> _FloatArray | None:
    """The distance of each edge of ``graph`` (``None``: count steps)."""
    if distance is None:
        return None
    if callable(distance):
        values = np.asarray(distance(graph.weight.copy()), dtype=np.float64)
        if values.shape != graph.weight.shape:
            raise ValueError("distance= must return one distance per edge")
    elif distance == "inverse":
        with np.errstate(divide="ignore"):
            values = 1.0 / graph.weight
    elif isinstance(G, EdgeList):
        raise ValueError(
            "an EdgeList has no edge attributes: pass distance='inverse' or a function"
        )
    else:
        values = np.fromiter(
            (d for _, _, d in G.edges(data=distance, default=1.0)),
            dtype=np.float64,
            count=len(graph.weight),
        )
    loops = graph.source == graph.target
    if not np.all(np.isfinite(values[~loops]) & (values[~loops] > 0)):
        raise ValueError("distances must be positive and finite (is a weight zero?)")
    return values


# -- the path-based measures -----------------------------------------------------------------


def _int_seed(seed: Seed) -> int | None:
    if seed is None or isinstance(seed, int):
        return seed
    return int(seed.integers(2**63 - 1))


def _sources(n: int, k: int, seed: int | None) -> list[int]:
    """The k sampled sources, as networkx samples them for the same integer seed."""
    if not 0 < k <= n:
        raise ValueError(f"k must be between 1 and the number of nodes ({n}), not {k}")
    return random.Random(seed).sample(range(n), k)


def _rescale(
    values: _FloatArray, n: int, *, normalized: bool, directed: bool, sampled: list[int] | None
) -> _FloatArray:
    """Scale summed pair dependencies as networkx does (endpoints excluded)."""
    pairs = n - 1
    if pairs < 2:
        return values
    correction = 1 if directed else 2
    if sampled is None:
        return values * (1 / (pairs * (pairs - 1)) if normalized else 1 / correction)
    k = len(sampled)
    if normalized:
        on_source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else np.nan
        off_source = 1 / (k * (pairs - 1))
    else:
        on_source = pairs / ((k - 1) * correction) if k > 1 else np.nan
        off_source = pairs / (k * correction)
    scale = np.full(n, off_source)
    scale[sampled] = on_source
    return np.asarray(values * scale, dtype=np.float64)


def _betweenness_scipy(graph: _Arrays, sources: Sequence[int]) -> _FloatArray:
    """Brandes' accumulation, with the breadth-first searches of many sources at once.

    Each search level is one sparse-matrix product: ``forward @ frontier`` counts the
    shortest paths reaching the next level, ``backward @ coefficients`` carries the
    dependencies one level back. Returns the summed dependencies (unscaled).
    """
    n = graph.n
    loops = graph.source == graph.target
    pattern = _Arrays(
        graph.nodes,
        graph.directed,
        graph.source[~loops],
        graph.target[~loops],
        np.ones(int((~loops).sum())),
    ).adjacency()
    backward = pattern.tocsr()
    forward = pattern.T.tocsr() if graph.directed else backward
    total = np.zeros(n)
    batch = max(1, _BATCH_CELLS // max(n, 1))
    for start in range(0, len(sources), batch):
        chunk = np.asarray(sources[start : start + batch], dtype=np.int64)
        columns = np.arange(len(chunk))
        depth = np.full((n, len(chunk)), -1, dtype=np.int32)
        depth[chunk, columns] = 0
        sigma = np.zeros((n, len(chunk)))
        sigma[chunk, columns] = 1.0
        frontier = sigma.copy()
        level = 0
        while True:
            reached = forward @ frontier
            new = (reached > 0) & (depth < 0)
            if not new.any():
                break
            level += 1
            depth[new] = level
            frontier = np.where(new, reached, 0.0)
            sigma += frontier
        delta = np.zeros((n, len(chunk)))
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for current in range(level, 0, -1):
            coefficient = np.where(depth == current, (1.0 + delta) / safe_sigma, 0.0)
            pulled = backward @ coefficient
            delta += np.where(depth == current - 1, sigma * pulled, 0.0)
        delta[chunk, columns] = 0.0
        total += delta.sum(axis=1)
    return total


def _closeness_from(sums: _FloatArray, reached: _FloatArray, n: int) -> _FloatArray:
    """Wasserman–Faust closeness from distance sums and reached counts (self included)."""
    result = np.zeros(n)
    ok = (sums > 0) & (n > 1)
    result[ok] = (reached[ok] - 1) / sums[ok] * (reached[ok] - 1) / (n - 1)
    return result


def _reach_sums(graph: _Arrays) -> tuple[_FloatArray, _FloatArray]:
    """For each node u, Σ_j d(j, u) over the nodes j that reach it, and their count r_u.

    Breadth-first searches along reversed arcs (networkx's closeness of u uses the
    distances *to* u), 64 sources to a machine word (the multi-source search of Then et al.
    2014): bit b of ``seen[v, w]`` says that search 64·w + b has reached v. One level of
    every search in a batch is one pass over arcs: *pull* (every node ORs the frontier
    words of the nodes it has an arc to, with ``np.bitwise_or.reduceat`` over the CSR rows)
    while the frontier is large, *push* (the arcs into frontier nodes only, grouped by
    their tail) while it is small, so a long chain costs its arcs, not a full pass per
    level. The nodes found at level L add L to their source's sum; the counts are whole
    numbers, so the sums are exact.
    """
    n = graph.n
    loops = graph.source == graph.target
    pull = _Arrays(
        graph.nodes,
        graph.directed,
        graph.source[~loops],
        graph.target[~loops],
        np.ones(int((~loops).sum())),
    ).adjacency()  # row v: the nodes v has an arc to
    push = pull.T.tocsr() if graph.directed else pull  # row u: the nodes with an arc to u
    arcs = int(pull.nnz)
    pull_rows = np.flatnonzero(np.diff(pull.indptr))
    pull_starts = pull.indptr[:-1][pull_rows]
    push_degree = np.diff(push.indptr)
    words = int(min(16, max(1, _BATCH_WORDS // max(arcs, 1))))
    sums = np.zeros(n)
    reached = np.ones(n)
    for start in range(0, n, 64 * words):
        sources = np.arange(start, min(n, start + 64 * words))
        k = len(sources)
        bit = np.arange(k)
        seen = np.zeros((n, -(-k // 64)), dtype=np.uint64)
        seen[sources, bit // 64] = np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
        rows, frontier = sources, seen[sources]
        total = np.zeros(k, dtype=np.int64)
        count = np.ones(k, dtype=np.int64)
        level = 0
        while True:
            degree = push_degree[rows]
            work = int(degree.sum())
            if work == 0:
                break
            if 4 * work < arcs:
                # push: the arcs into the frontier nodes, grouped by the node they leave
                first = np.repeat(push.indptr[rows] - (np.cumsum(degree) - degree), degree)
                tails = push.indices[first + np.arange(work)]
                order = np.argsort(tails, kind="stable")
                tails = tails[order]
                bounds = np.flatnonzero(np.r_[True, tails[1:] != tails[:-1]])
                owner = np.repeat(np.arange(len(rows)), degree)[order]
                rows = tails[bounds]
                reach = np.bitwise_or.reduceat(frontier[owner], bounds, axis=0)
            else:
                # pull: every node ORs the frontier words of the nodes it has an arc to
                whole = np.zeros_like(seen)
                whole[rows] = frontier
                rows = pull_rows
                reach = np.bitwise_or.reduceat(whole[pull.indices], pull_starts, axis=0)
            new = reach & ~seen[rows]
            found = new.any(axis=1)
            rows, frontier = rows[found], new[found]
            if not len(rows):
                break
            level += 1
            seen[rows] |= frontier
            little = frontier.astype("<u8", copy=False).view(np.uint8)
            per_source = np.unpackbits(little, axis=1, bitorder="little").sum(
                axis=0, dtype=np.int64
            )[:k]
            total += level * per_source
            count += per_source
        sums[sources] = total
        reached[sources] = count
    return sums, reached


def _closeness_scipy(graph: _Arrays, distances: _FloatArray | None) -> _FloatArray:
    """Closeness by bit-parallel breadth-first search, or scipy's Dijkstra with distances."""
    n = graph.n
    if distances is None:
        sums, reached = _reach_sums(graph)
        return _closeness_from(sums, reached, n)
    loops = graph.source == graph.target
    A = _Arrays(
        graph.nodes, graph.directed, graph.source[~loops], graph.target[~loops], distances[~loops]
    ).adjacency()
    search = A.T.tocsr() if graph.directed else A
    sums = np.zeros(n)
    reached = np.zeros(n)
    batch = max(1, _BATCH_CELLS // max(n, 1))
    for start in range(0, n, batch):
        indices = np.arange(start, min(n, start + batch))
        found = csgraph.shortest_path(search, method="D", directed=graph.directed, indices=indices)
        finite = np.isfinite(found)
        sums[indices] = np.where(finite, found, 0.0).sum(axis=1)
        reached[indices] = finite.sum(axis=1)
    return _closeness_from(sums, reached, n)


def _rustworkx_graph(graph: _Arrays, distances: _FloatArray | None) -> Any:
    rx = require("rustworkx", "fast", "the compiled centrality engine")
    g = rx.PyDiGraph(multigraph=False) if graph.directed else rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(graph.n))
    loops = graph.source == graph.target
    source = graph.source[~loops].tolist()
    target = graph.target[~loops].tolist()
    if distances is None:
        g.extend_from_edge_list(list(zip(source, target, strict=True)))
    else:
        closeness = (1.0 / distances[~loops]).tolist()
        g.extend_from_weighted_edge_list(list(zip(source, target, closeness, strict=True)))
    return g


def _networkx_graph(
    G: nx.Graph[Any] | EdgeList,
    graph: _Arrays,
    distance: Distance,
    distances: _FloatArray | None,
) -> tuple[nx.Graph[Any], str | None]:
    """``G`` itself, or a copy carrying computed distances, and the distance attribute."""
    if isinstance(G, EdgeList):
        G = G.to_networkx(evidence=False)
    if distances is None:
        return G, None
    if isinstance(distance, str) and distance != "inverse":
        return G, distance
    H: nx.Graph[Any] = nx.DiGraph() if graph.directed else nx.Graph()
    H.add_nodes_from(graph.nodes)
    nodes = graph.nodes
    H.add_weighted_edges_from(
        (
            (nodes[u], nodes[v], d)
            for u, v, d in zip(
                graph.source.tolist(), graph.target.tolist(), distances.tolist(), strict=True
            )
        ),
        weight="distance",
    )
    return H, "distance"


def _engine_for(
    measure: str, engine: Engine, *, weighted: bool, sampled: bool, backend: str | None
) -> str:
    """The engine that computes ``measure``; refuse combinations an engine cannot do."""
    if engine not in ("auto", "scipy", "networkx", "rustworkx"):
        raise ValueError(f"unknown engine {engine!r}")
    if engine == "auto":
        if backend is not None:
            return "networkx"
        # Measured on the benchmark networks (benchmarks/bench_measures.py), the scipy
        # engine is several times faster than rustworkx for both measures: betweenness
        # near igraph's speed, closeness (bit-parallel searches) well under it.
        return "networkx" if measure == "betweenness" and weighted else "scipy"
    if measure == "betweenness" and engine in ("scipy", "rustworkx") and weighted:
        raise ValueError(
            f"engine={engine!r} computes betweenness on step counts only: "
            "use engine='networkx' (or 'auto') with distance="
        )
    if measure == "betweenness" and engine == "rustworkx" and sampled:
        raise ValueError("rustworkx has no sampled betweenness: use engine='scipy' with k=")
    return engine


def _betweenness(
    G: nx.Graph[Any] | EdgeList,
    graph: _Arrays,
    *,
    distance: Distance,
    distances: _FloatArray | None,
    k: int | None,
    seed: int | None,
    normalized: bool,
    engine: Engine,
    backend: str | None,
) -> _FloatArray:
    chosen = _engine_for(
        "betweenness",
        engine,
        weighted=distances is not None,
        sampled=k is not None,
        backend=backend,
    )
    n = graph.n
    if chosen == "networkx":
        H, attribute = _networkx_graph(G, graph, distance, distances)
        extra: dict[str, Any] = {} if backend is None else {"backend": backend}
        found = nx.betweenness_centrality(
            H, k=k, normalized=normalized, weight=attribute, seed=seed, **extra
        )
        return np.array([found[node] for node in graph.nodes], dtype=np.float64)
    if chosen == "rustworkx":
        rx = require("rustworkx", "fast", "the compiled centrality engine")
        found = rx.betweenness_centrality(_rustworkx_graph(graph, None), normalized=normalized)
        return np.array([found[i] for i in range(n)], dtype=np.float64)
    sampled = None if k is None else _sources(n, k, seed)
    sums = _betweenness_scipy(graph, range(n) if sampled is None else sampled)
    return _rescale(sums, n, normalized=normalized, directed=graph.directed, sampled=sampled)


def _closeness(
    G: nx.Graph[Any] | EdgeList,
    graph: _Arrays,
    *,
    distance: Distance,
    distances: _FloatArray | None,
    engine: Engine,
    backend: str | None,
) -> _FloatArray:
    chosen = _engine_for("closeness", engine, weighted=False, sampled=False, backend=backend)
    n = graph.n
    if chosen == "networkx":
        H, attribute = _networkx_graph(G, graph, distance, distances)
        extra: dict[str, Any] = {} if backend is None else {"backend": backend}
        found = nx.closeness_centrality(H, distance=attribute, **extra)
        return np.array([found[node] for node in graph.nodes], dtype=np.float64)
    if chosen == "rustworkx":
        rx = require("rustworkx", "fast", "the compiled centrality engine")
        g = _rustworkx_graph(graph, distances)
        if distances is None:
            found = rx.closeness_centrality(g)
        else:
            found = rx.newman_weighted_closeness_centrality(g, weight_fn=float)
        return np.array([found[i] for i in range(n)], dtype=np.float64)
    return _closeness_scipy(graph, distances)
