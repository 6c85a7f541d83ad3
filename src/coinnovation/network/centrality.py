"""Who is central: a table of centrality measures, communities, and a core–periphery split.

Three functions answer three questions about a collaboration network:

- :func:`centrality_table` — how central is each stakeholder? One call returns a
  :class:`~coinnovation.network.NodeTable` of degree, strength, betweenness, closeness,
  eigenvector centrality and PageRank.
- :func:`communities` — which groups work mostly among themselves? Louvain communities
  (Blondel et al. 2008) with their modularity (Newman 2006).
- :func:`core_periphery` — is there a dense core that everybody else hangs on to, and who
  is in it? Borgatti & Everett's (2000) core–periphery model, or a k-core split.

Speed. Degree, strength, eigenvector centrality and PageRank are linear algebra on the
sparse adjacency matrix (scipy), with no per-edge Python loop. The path-based measures
(betweenness and closeness) run on one of three engines: ``"rustworkx"`` (compiled,
parallel; the optional ``fast`` extra), ``"scipy"`` (breadth-first searches for a batch of
sources at once as sparse-matrix products, and scipy's compiled shortest paths) and
``"networkx"`` (pure Python, but any networkx backend can take over through
``backend=``). ``engine="auto"`` picks the fastest engine that can compute what was asked.

Weights. Collaboration weights are *strengths*: a higher weight means a closer tie.
Degree-like measures, eigenvector centrality and PageRank use them as such (``weight=``).
Path-based measures need *distances* (a higher value means further apart), so they count
steps by default and take ``distance=`` to use a distance: ``"inverse"`` for
``1 / weight`` (Newman 2001), the name of an edge attribute holding distances, or a
function from the array of weights to the array of distances. (networkx's own
``weight=`` on path-based measures is a distance: passing collaboration weights there
would make the strongest ties the longest.)

References:
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. J. Stat. Mech. P10008.
    Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique
    identification. J. Math. Sociol. 2(1), 113–120.
    Borgatti, S. P. & Everett, M. G. (2000). Models of core/periphery structures. Social
    Networks 21(4), 375–395.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociol.
    25(2), 163–177.
    Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web search engine.
    Computer Networks and ISDN Systems 30, 107–117.
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry
    40(1), 35–41.
    Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality. Phys. Rev. E 64, 016132.
    Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS 103(23),
    8577–8582.

Examples:
    >>> import networkx as nx
    >>> G = nx.florentine_families_graph()
    >>> table = centrality_table(G, measures=("degree", "betweenness"), engine="scipy")
    >>> table.top("betweenness", 1)
    [('Medici', 0.5219...)]
    >>> communities(nx.karate_club_graph(), seed=1).modularity > 0.4
    True
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import Any, Literal

import attrs
import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray
from scipy.sparse import csgraph  # type: ignore[import-untyped, unused-ignore]

from coinnovation._optional import require
from coinnovation.network.projection import EdgeList
from coinnovation.results import NodeTable

__all__ = [
    "MEASURES",
    "CommunityResult",
    "CorePeripheryResult",
    "centrality_table",
    "communities",
    "core_periphery",
]

#: The measures :func:`centrality_table` computes, in the order of its columns by default.
MEASURES: tuple[str, ...] = (
    "degree",
    "strength",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)

Engine = Literal["auto", "scipy", "networkx", "rustworkx"]
Distance = str | Callable[[NDArray[np.float64]], Any] | None
Seed = int | np.random.Generator | None

_FloatArray = NDArray[np.float64]
_IntArray = NDArray[np.int64]

# How many (node, source) cells one batch of breadth-first searches may hold.
_BATCH_CELLS = 2_000_000


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
        return sp.csr_array((data, (rows, cols)), shape=(self.n, self.n))


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


# -- the linear-algebra measures -------------------------------------------------------------


def _degree(graph: _Arrays, values: _FloatArray | None) -> _FloatArray:
    """Edge ends at each node (a self-loop counts twice), or their weights."""
    n = graph.n
    out = np.bincount(graph.source, weights=values, minlength=n).astype(np.float64)
    return out + np.bincount(graph.target, weights=values, minlength=n)


def _pagerank(graph: _Arrays, *, alpha: float, tol: float, max_iter: int) -> _FloatArray:
    """PageRank by power iteration, with networkx's start, stopping rule and dangling nodes."""
    n = graph.n
    if n == 0:
        return np.zeros(0)
    A = graph.adjacency()
    out = np.asarray(A.sum(axis=1)).ravel()
    inverse = np.zeros(n)
    np.divide(1.0, out, out=inverse, where=out != 0)
    P = (sp.diags_array(inverse) @ A).T.tocsr()  # P @ x spreads x along out-ties
    dangling = out == 0
    uniform = np.full(n, 1.0 / n)
    x = uniform.copy()
    for _ in range(max_iter):
        last = x
        x = alpha * (P @ last + last[dangling].sum() * uniform) + (1 - alpha) * uniform
        if np.abs(x - last).sum() < n * tol:
            return np.asarray(x, dtype=np.float64)
    raise nx.PowerIterationFailedConvergence(max_iter)


def _perron(A: sp.csr_array) -> tuple[float, _FloatArray]:
    """Largest eigenvalue and its unit eigenvector (sum positive) of a symmetric matrix."""
    n = A.shape[0]
    if n <= 64:
        values, vectors = np.linalg.eigh(A.toarray())
        value, vector = float(values[-1]), vectors[:, -1]
    else:
        from scipy.sparse.linalg import eigsh  # type: ignore[import-untyped, unused-ignore]

        found, vectors = eigsh(A, k=1, which="LA", tol=0.0)
        value, vector = float(found[0]), vectors[:, 0]
    vector = vector / (np.sign(vector.sum()) or 1.0) / np.linalg.norm(vector)
    return value, np.asarray(vector, dtype=np.float64)


def _eigenvector_undirected(graph: _Arrays) -> _FloatArray:
    """Bonacich's eigenvector centrality, also on disconnected graphs.

    On a connected graph this is the Perron vector of the adjacency (unit length), as
    ``nx.eigenvector_centrality_numpy`` gives. On a disconnected graph the leading
    eigenvalue belongs to one component (or a few, with equal values): the result is the
    limit of networkx's power iteration ``nx.eigenvector_centrality`` from its uniform
    start, that is the projection of the all-ones vector on the leading eigenspace.
    Components whose leading eigenvalue is smaller get zero.
    """
    n = graph.n
    A = graph.adjacency()
    count, labels = csgraph.connected_components(A, directed=False)
    if count == 1:
        return _perron(A)[1]
    # A component's leading eigenvalue is at most its largest row sum: visit components
    # by that bound, and stop when no unvisited one can reach the best eigenvalue found.
    rows = np.asarray(A.sum(axis=1)).ravel()
    bound = np.full(count, -np.inf)
    np.maximum.at(bound, labels, rows)
    order = np.argsort(-bound, kind="stable")
    members_of = np.split(np.argsort(labels, kind="stable"), np.cumsum(np.bincount(labels))[:-1])
    found: list[tuple[float, NDArray[np.int64], _FloatArray]] = []
    leading = -np.inf
    for component in order:
        slack = 1e-9 * max(abs(leading), 1.0)
        if bound[component] < leading - slack:
            break
        members = members_of[component]
        value, vector = _perron(A[members][:, members].tocsr())
        found.append((value, members, vector))
        leading = max(leading, value)
    slack = 1e-9 * max(abs(leading), 1.0)
    result = np.zeros(n)
    for value, members, vector in found:
        if value >= leading - slack:
            result[members] = vector * vector.sum()
    return result / np.linalg.norm(result)


def _eigenvector_directed(graph: _Arrays, *, tol: float, max_iter: int) -> _FloatArray:
    """Power iteration on (A + I)ᵀ as networkx runs it, for directed graphs."""
    n = graph.n
    At = graph.adjacency().T.tocsr()
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + At @ last
        x = x / (np.linalg.norm(x) or 1.0)
        if np.abs(x - last).sum() < n * tol:
            return np.asarray(x, dtype=np.float64)
    raise nx.PowerIterationFailedConvergence(max_iter)


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


def _closeness_scipy(graph: _Arrays, distances: _FloatArray | None) -> _FloatArray:
    """Closeness by batched breadth-first search, or scipy's Dijkstra with distances."""
    n = graph.n
    loops = graph.source == graph.target
    values = np.ones(int((~loops).sum())) if distances is None else distances[~loops]
    A = _Arrays(
        graph.nodes, graph.directed, graph.source[~loops], graph.target[~loops], values
    ).adjacency()
    sums = np.zeros(n)
    reached = np.zeros(n)
    batch = max(1, _BATCH_CELLS // max(n, 1))
    for start in range(0, n, batch):
        indices = np.arange(start, min(n, start + batch))
        if distances is None:
            # networkx's closeness of u uses the distances *to* u: along reversed arcs,
            # the next level of a search is A @ frontier.
            columns = np.arange(len(indices))
            seen = np.zeros((n, len(indices)), dtype=bool)
            seen[indices, columns] = True
            frontier = seen.astype(np.float64)
            level = 0
            while True:
                new = ((A @ frontier) > 0) & ~seen
                count = new.sum(axis=0)
                if not count.any():
                    break
                level += 1
                seen |= new
                sums[indices] += level * count
                frontier = new.astype(np.float64)
            reached[indices] = seen.sum(axis=0)
        else:
            search = A.T.tocsr() if graph.directed else A
            found = csgraph.shortest_path(
                search, method="D", directed=graph.directed, indices=indices
            )
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
        # Measured on the 10k-record benchmark network, the scipy engine is about three
        # times faster than rustworkx for both measures (and near igraph's speed).
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


# -- the table -------------------------------------------------------------------------------


def centrality_table(
    G: nx.Graph[Any] | EdgeList,
    *,
    weight: str | None = "weight",
    measures: Iterable[str] = MEASURES,
    distance: Distance = None,
    k: int | None = None,
    seed: Seed = None,
    normalized: bool = True,
    alpha: float = 0.85,
    tol: float = 1.0e-6,
    max_iter: int = 100,
    engine: Engine = "auto",
    backend: str | None = None,
) -> NodeTable:
    r"""Centrality measures for every node, as one table.

    Columns, for a node i with neighbours j, tie weights w_ij and n nodes:

    - ``degree``: the number of ties k_i (a self-loop counts twice, as in networkx),
      divided by n − 1 when ``normalized``; on directed graphs in- plus out-ties.
    - ``strength``: the sum of tie weights s_i = Σ_j w_ij (Barrat et al. 2004); for a
      collaboration network with Newman weights, the number of sessions shared with
      anybody. Never normalised.
    - ``betweenness`` (Freeman 1977; Brandes 2001): c_B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st,
      the share of shortest paths between other pairs that pass through v; divided by
      (n − 1)(n − 2) when ``normalized`` (else halved on undirected graphs, counting each
      pair once). With ``k``, the paths from k sampled sources only, scaled up as
      networkx does (Brandes & Pich 2007).
    - ``closeness`` (Wasserman & Faust 1994, eq. 5.3 improved for disconnected graphs):
      C(i) = (r_i − 1)/(n − 1) · (r_i − 1) / Σ_j d(j, i) where r_i counts the nodes that
      reach i (i included); 0 for isolated nodes. On directed graphs, distances *to* i.
    - ``eigenvector`` (Bonacich 1972): x with λ x = A x, unit length, the largest λ; a
      node is central when its collaborators are. See below for disconnected graphs.
    - ``pagerank`` (Brin & Page 1998): x = alpha Pᵀ x + (alpha Σ_{dangling} x_d + 1 − alpha)/n with
      P the row-normalised weighted adjacency, by power iteration from x = 1/n until the
      L1 change is below n·``tol`` (networkx's rule; the same values to 1e-8).

    Weights (``weight=``) are strengths: strength, eigenvector centrality and PageRank use
    them; ``weight=None`` counts every tie as 1. Betweenness and closeness need distances:
    by default they count steps; pass ``distance="inverse"`` for 1/weight (Newman 2001),
    an edge-attribute name holding distances, or a function mapping the array of weights
    to distances (``lambda w: 1 / np.log1p(w)``).

    Eigenvector centrality on a disconnected undirected graph: networkx's
    ``eigenvector_centrality_numpy`` refuses (the answer is not unique);
    ``eigenvector_centrality`` returns the limit of its power iteration, which is what
    this function computes exactly: the component with the largest leading eigenvalue
    gets its Perron vector, every other component 0 (components tying for the largest
    share it in proportion to their vectors' sums). On directed graphs it runs
    networkx's power iteration (A + I)ᵀ, raising ``nx.PowerIterationFailedConvergence``
    like networkx when it does not settle within ``max_iter``.

    Engines for betweenness and closeness: ``"scipy"`` (compiled shortest paths;
    betweenness by batched breadth-first search on step counts, exact or sampled),
    ``"rustworkx"`` (compiled and parallel, the optional ``fast`` extra; step counts only
    for betweenness, exact only), ``"networkx"`` (everything, and ``backend=`` hands it
    to a networkx backend such as nx-parallel or nx-cugraph). ``"auto"`` takes networkx
    when ``backend`` is given or betweenness needs distances, scipy otherwise (faster
    than rustworkx on collaboration networks); every engine gives the same values
    (within floating-point rounding).

    Args:
        G: An undirected or directed graph (not a multigraph), or the
            :class:`~coinnovation.network.projection.EdgeList` of
            ``collaboration_edges`` (no networkx graph is built, except for the
            networkx engine; any ``weight`` other than ``None`` takes its weights).
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        measures: The columns to compute, from :data:`MEASURES`.
        distance: How far apart tied nodes are, for betweenness and closeness:
            ``None`` (steps), ``"inverse"``, an attribute name, or a function.
        k: Estimate betweenness from ``k`` sampled sources instead of all nodes.
        seed: The seed that samples the sources (an int samples the very nodes that
            ``nx.betweenness_centrality(G, k, seed=seed)`` does, whatever the engine).
        normalized: Normalise degree and betweenness as above.
        alpha: PageRank's damping factor.
        tol: Convergence tolerance of PageRank and (directed) eigenvector iterations.
        max_iter: Most iterations of those.
        engine: Engine for betweenness and closeness.
        backend: A networkx backend name, passed to networkx calls.

    Returns:
        One row per node, in ``G``'s node order, one column per measure, in the order
        asked for.

    Raises:
        ValueError: An unknown measure or engine, an engine that cannot compute what was
            asked, ``k`` out of range, or distances that are not positive.
        TypeError: ``G`` is a multigraph.
        MissingDependencyError: ``engine="rustworkx"`` without the ``fast`` extra.

    Examples:
        >>> import networkx as nx
        >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0})])
        >>> table = centrality_table(G, measures=("degree", "strength", "betweenness"))
        >>> table.to_dict()["b"]
        {'degree': 1.0, 'strength': 3.0, 'betweenness': 1.0}
        >>> round(centrality_table(G, measures=("pagerank",))["pagerank"]["b"], 4)
        0.4865
    """
    asked = tuple(measures)
    unknown = [name for name in asked if name not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measures {unknown}; choose from {list(MEASURES)}")
    graph = _arrays(G, weight)
    n = graph.n
    need_distances = "betweenness" in asked or "closeness" in asked
    distances = _distances(G, graph, distance) if need_distances else None
    int_seed = _int_seed(seed)
    columns: dict[str, _FloatArray] = {}
    for name in asked:
        if name == "degree":
            degree = _degree(graph, None)
            columns[name] = degree / (n - 1) if normalized and n > 1 else degree
            if normalized and n == 1:
                columns[name] = np.ones(1)
        elif name == "strength":
            columns[name] = _degree(graph, graph.weight)
        elif name == "pagerank":
            columns[name] = _pagerank(graph, alpha=alpha, tol=tol, max_iter=max_iter)
        elif name == "eigenvector":
            if n == 0:
                columns[name] = np.zeros(0)
            elif graph.directed:
                columns[name] = _eigenvector_directed(graph, tol=tol, max_iter=max_iter)
            else:
                columns[name] = _eigenvector_undirected(graph)
        elif name == "betweenness":
            columns[name] = _betweenness(
                G,
                graph,
                distance=distance,
                distances=distances,
                k=k,
                seed=int_seed,
                normalized=normalized,
                engine=engine,
                backend=backend,
            )
        else:
            columns[name] = _closeness(
                G, graph, distance=distance, distances=distances, engine=engine, backend=backend
            )
    return NodeTable(graph.nodes, columns)


# -- communities -----------------------------------------------------------------------------


@attrs.frozen(eq=False)
class CommunityResult:
    """Communities found in a network, largest first, and how modular the split is.

    Attributes:
        communities: The communities, as sets of nodes, largest first (ties: the one
            whose first node comes first in the graph).
        membership: A table with one column, ``community``: each node's position in
            ``communities``.
        modularity: Newman's modularity Q of the split (at ``resolution``).
        resolution: The resolution gamma used (1 is classic modularity; higher finds smaller
            communities).

    Examples:
        >>> import networkx as nx
        >>> result = communities(nx.barbell_graph(4, 0), seed=1)
        >>> [sorted(group) for group in result.communities]
        [[0, 1, 2, 3], [4, 5, 6, 7]]
        >>> result.community_of(5)
        1
    """

    communities: tuple[frozenset[Hashable], ...]
    membership: NodeTable
    modularity: float
    resolution: float

    def __len__(self) -> int:
        return len(self.communities)

    def community_of(self, node: Hashable) -> int:
        """The position of ``node``'s community in :attr:`communities`.

        Raises:
            KeyError: The node is not in the network.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(2), seed=0).community_of(0)
            0
        """
        return int(self.membership.row(node)["community"])

    def sizes(self) -> list[int]:
        """The number of nodes in each community, largest first.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.barbell_graph(4, 0), seed=1).sizes()
            [4, 4]
        """
        return [len(group) for group in self.communities]

    def to_dict(self) -> dict[Hashable, int]:
        """``{node: community}``, the community as its position in :attr:`communities`.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(2), seed=0).to_dict()
            {0: 0, 1: 0}
        """
        return {node: int(value) for node, value in self.membership["community"].items()}

    def to_frame(self) -> Any:
        """The membership as a pandas DataFrame indexed by node (needs ``pandas``).

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(3), seed=0).to_frame()["community"].tolist()
            [0, 0, 0]
        """
        return self.membership.to_frame()


def _ordered(
    groups: Iterable[Collection[Hashable]], position: dict[Hashable, int]
) -> tuple[frozenset[Hashable], ...]:
    """Groups largest first; equal sizes in the order of their first node."""
    keyed = [(-len(group), min(position[v] for v in group), frozenset(group)) for group in groups]
    keyed.sort(key=lambda item: (item[0], item[1]))
    return tuple(group for _, _, group in keyed)


def communities(
    G: nx.Graph[Any],
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threshold: float = 1.0e-7,
    seed: Seed = None,
    backend: str | None = None,
) -> CommunityResult:
    r"""Louvain communities (Blondel et al. 2008) and their modularity (Newman 2006).

    Louvain moves nodes one at a time to the neighbouring community that raises the
    modularity most, then merges each community into one node and repeats, until the
    gain falls below ``threshold``. Modularity, for total tie weight m, strengths s_i
    and resolution gamma:

        Q = 1/(2m) Σ_ij [A_ij − gamma s_i s_j / (2m)] δ(c_i, c_j)

    Q > 0.3 or so is usually read as marked community structure. The search is
    randomised: pass ``seed`` for the same communities on every run. Computed with
    networkx's ``louvain_communities`` (``backend=`` hands it to a networkx backend);
    rustworkx has no community detection.

    Args:
        G: An undirected or directed graph.
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        resolution: gamma; above 1 favours smaller communities, below 1 larger ones.
        threshold: The least modularity gain for another round.
        seed: Seed of the random node order (int or numpy Generator).
        backend: A networkx backend name.

    Returns:
        The communities, largest first, each node's community and the modularity.

    Examples:
        >>> import networkx as nx
        >>> result = communities(nx.karate_club_graph(), seed=42)
        >>> len(result), round(result.modularity, 2)
        (4, 0.43)
    """
    _check_simple(G)
    extra: dict[str, Any] = {} if backend is None else {"backend": backend}
    found = nx.community.louvain_communities(
        G,
        weight=weight,
        resolution=resolution,
        threshold=threshold,
        seed=_int_seed(seed),
        **extra,
    )
    nodes = tuple(G)
    position = {node: i for i, node in enumerate(nodes)}
    ordered = _ordered(found, position)
    label = np.empty(len(nodes), dtype=np.int64)
    for index, group in enumerate(ordered):
        label[[position[v] for v in group]] = index
    quality = (
        float(
            nx.community.modularity(
                G, [set(g) for g in ordered], weight=weight, resolution=resolution
            )
        )
        if G.number_of_edges()
        else 0.0
    )
    return CommunityResult(ordered, NodeTable(nodes, {"community": label}), quality, resolution)


# -- core and periphery ----------------------------------------------------------------------


@attrs.frozen(eq=False)
class CorePeripheryResult:
    """A split of a network into a core and a periphery, with a coreness score per node.

    Attributes:
        method: ``"borgatti_everett"`` or ``"kcore"``.
        core: The nodes in the core.
        table: Per node: ``core`` (True for core members) and ``coreness`` (Borgatti &
            Everett's continuous coreness scaled to a maximum of 1, or the k-core number).
        fit: The correlation between the ties and the ideal core–periphery pattern of the
            split (1 for a perfect core–periphery structure).
        between: How core–periphery pairs entered the fit (``"ones"`` or ``"ignore"``).
        threshold: For ``"kcore"``, the k of the k-core taken as the core; else ``None``.

    Examples:
        >>> import networkx as nx
        >>> result = core_periphery(nx.star_graph(4), seed=0)
        >>> sorted(result.core), round(result.fit, 3)
        ([0], 1.0)
    """

    method: str
    core: frozenset[Hashable]
    table: NodeTable
    fit: float
    between: str
    threshold: float | None = None

    def to_dict(self) -> dict[Hashable, dict[str, Any]]:
        """``{node: {"core": bool, "coreness": float}}``.

        Examples:
            >>> import networkx as nx
            >>> core_periphery(nx.star_graph(2), seed=0).to_dict()[0]["core"]
            True
        """
        return self.table.to_dict()

    def to_frame(self) -> Any:
        """The per-node table as a pandas DataFrame (needs ``pandas``).

        Examples:
            >>> import networkx as nx
            >>> core_periphery(nx.star_graph(2), seed=0).to_frame()["core"].sum()
            np.int64(1)
        """
        return self.table.to_frame()


@attrs.frozen
class _Pattern:
    """What the fit of a split needs: tie and squared-tie matrices and pair totals."""

    M: sp.csr_array  # a_ij + a_ji on directed graphs, a_ij on undirected; zero diagonal
    M2: sp.csr_array  # the same for squared weights
    n: int
    directed: bool
    ignore_between: bool  # leave core–periphery pairs out of the correlation
    total: float  # Σ over pairs of a_ij
    squares: float  # Σ over pairs of a_ij²

    def pairs(self, size: Any) -> Any:
        size = np.asarray(size, dtype=np.float64)
        return size * (size - 1) if self.directed else size * (size - 1) / 2

    def fit(self, size: Any, w_cc: Any, w_pp: Any, q_cc: Any, q_pp: Any) -> Any:
        """Pearson correlation of the ties with the ideal pattern of splits.

        ``size`` is the core size; ``w_cc``/``w_pp`` the tie weight inside the core and
        inside the periphery, ``q_cc``/``q_pp`` the same for squared weights.
        """
        size = np.asarray(size, dtype=np.float64)
        if self.ignore_between:
            ones = self.pairs(size)
            count = ones + self.pairs(self.n - size)
            mass = np.asarray(w_cc) + np.asarray(w_pp)
            squares = np.asarray(q_cc) + np.asarray(q_pp)
            matched = np.asarray(w_cc)
        else:
            count = self.pairs(self.n)
            ones = count - self.pairs(self.n - size)
            mass = self.total
            squares = self.squares
            matched = self.total - np.asarray(w_pp)
        covariance = count * matched - mass * ones
        ties = count * squares - mass**2  # count² × variance of the ties
        pattern = count * ones - ones**2  # count² × variance of the pattern (an integer)
        valid = (ties > 1e-12 * count * squares) & (pattern > 0.5)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = covariance / np.sqrt(ties * pattern)
        return np.where(valid, value, -np.inf)

    def fit_of(self, core: NDArray[np.bool_]) -> float:
        """The fit of one split."""
        inside = core.astype(np.float64)
        outside = 1 - inside
        return float(
            self.fit(
                int(core.sum()),
                inside @ (self.M @ inside) / 2,
                outside @ (self.M @ outside) / 2,
                inside @ (self.M2 @ inside) / 2,
                outside @ (self.M2 @ outside) / 2,
            )
        )


def _pattern(graph: _Arrays, *, ignore_between: bool) -> _Pattern:
    off = graph.source != graph.target
    kept = _Arrays(
        graph.nodes, graph.directed, graph.source[off], graph.target[off], graph.weight[off]
    )
    A = kept.adjacency()
    A2 = kept.adjacency(kept.weight**2)
    if graph.directed:
        A, A2 = A + A.T, A2 + A2.T
    return _Pattern(
        A.tocsr(),
        A2.tocsr(),
        graph.n,
        graph.directed,
        ignore_between,
        float(kept.weight.sum()),
        float((kept.weight**2).sum()),
    )


def _climb(pattern: _Pattern, core: NDArray[np.bool_]) -> tuple[NDArray[np.bool_], float]:
    """Steepest ascent by moving single nodes between core and periphery."""
    core = core.copy()
    inside = core.astype(np.float64)
    s_c = np.asarray(pattern.M @ inside).ravel()  # tie weight to the core
    s_p = np.asarray(pattern.M @ (1 - inside)).ravel()  # ... and to the periphery
    q_c = np.asarray(pattern.M2 @ inside).ravel()
    q_p = np.asarray(pattern.M2 @ (1 - inside)).ravel()
    size = int(core.sum())
    w_cc, w_pp = float(s_c[core].sum() / 2), float(s_p[~core].sum() / 2)
    q_cc, q_pp = float(q_c[core].sum() / 2), float(q_p[~core].sum() / 2)
    current = float(pattern.fit(size, w_cc, w_pp, q_cc, q_pp))
    while True:
        # Moving a core node out: it leaves w_cc, joins w_pp; a peripheral node the reverse.
        sign = np.where(core, -1.0, 1.0)
        sizes = size + sign
        new_w_cc = w_cc + sign * s_c
        new_w_pp = w_pp - sign * s_p
        new_q_cc = q_cc + sign * q_c
        new_q_pp = q_pp - sign * q_p
        candidates = pattern.fit(sizes, new_w_cc, new_w_pp, new_q_cc, new_q_pp)
        best = int(np.argmax(candidates))
        if not candidates[best] > current + 1e-12:
            return core, current
        column = pattern.M[:, [best]].toarray().ravel()
        column2 = pattern.M2[:, [best]].toarray().ravel()
        direction = sign[best]  # +1: joins the core
        s_c += direction * column
        s_p -= direction * column
        q_c += direction * column2
        q_p -= direction * column2
        size = int(sizes[best])
        w_cc, w_pp = float(new_w_cc[best]), float(new_w_pp[best])
        q_cc, q_pp = float(new_q_cc[best]), float(new_q_pp[best])
        core[best] = not core[best]
        current = float(candidates[best])


def _by_rank(pattern: _Pattern, order: _IntArray) -> NDArray[np.bool_]:
    """The best core among the first c nodes of ``order``, for every c."""
    n = pattern.n
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    upper = sp.triu(pattern.M, k=1).tocoo()
    upper2 = sp.triu(pattern.M2, k=1).tocoo()
    first = np.minimum(rank[upper.row], rank[upper.col])  # leaves the periphery here
    last = np.maximum(rank[upper.row], rank[upper.col])  # joins the core one step later
    first2 = np.minimum(rank[upper2.row], rank[upper2.col])
    last2 = np.maximum(rank[upper2.row], rank[upper2.col])
    sizes = np.arange(1, n + 1)
    w_pp = pattern.total - np.cumsum(np.bincount(first, weights=upper.data, minlength=n))
    w_cc = np.cumsum(np.bincount(last, weights=upper.data, minlength=n))
    q_pp = pattern.squares - np.cumsum(np.bincount(first2, weights=upper2.data, minlength=n))
    q_cc = np.cumsum(np.bincount(last2, weights=upper2.data, minlength=n))
    fits = pattern.fit(sizes, w_cc, w_pp, q_cc, q_pp)
    core = np.zeros(n, dtype=bool)
    core[order[: int(np.argmax(fits)) + 1]] = True
    return core


def _continuous_fit(pattern: _Pattern, c: _FloatArray) -> tuple[float, _FloatArray]:
    """Correlation of the ties with δ_ij = c_i c_j over all pairs, and its gradient in c."""
    f = 2.0 if pattern.directed else 1.0
    N = float(pattern.pairs(pattern.n))
    total, squares = pattern.total, pattern.squares
    s1, s2, s4 = float(c.sum()), float(c @ c), float((c**4).sum())
    Mc = np.asarray(pattern.M @ c).ravel()
    sy = f * (s1**2 - s2) / 2
    syy = f * (s2**2 - s4) / 2
    sxy = float(c @ Mc) / 2
    vx = N * squares - total**2
    vy = N * syy - sy**2
    if vx <= 0 or vy <= 0:
        return 0.0, np.zeros_like(c)
    top = N * sxy - total * sy
    r = top / np.sqrt(vx * vy)
    d_sy = f * (s1 - c)
    d_syy = f * 2 * c * (s2 - c**2)
    d_top = N * Mc - total * d_sy
    d_vy = N * d_syy - 2 * sy * d_sy
    gradient = d_top / np.sqrt(vx * vy) - r * d_vy / (2 * vy)
    return float(r), np.asarray(gradient, dtype=np.float64)


def _continuous_coreness(pattern: _Pattern, start: _FloatArray) -> _FloatArray:
    """Borgatti & Everett's continuous model: c ≥ 0 maximising corr(a_ij, c_i c_j)."""
    from scipy.optimize import minimize  # type: ignore[import-untyped, unused-ignore]

    n = pattern.n
    if n < 2 or pattern.total <= 0:
        return np.zeros(n)
    c0 = start / (start.max() or 1.0) + 1e-3

    def objective(c: _FloatArray) -> tuple[float, _FloatArray]:
        value, gradient = _continuous_fit(pattern, c)
        return -value, -gradient

    found = minimize(
        objective,
        c0,
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * n,
        options={"maxiter": 500, "gtol": 1e-10},
    )
    c = np.asarray(found.x, dtype=np.float64)
    top = float(c.max())
    return c / top if top > 0 else c


def core_periphery(
    G: nx.Graph[Any],
    *,
    weight: str | None = "weight",
    method: Literal["borgatti_everett", "kcore"] = "borgatti_everett",
    between: Literal["ones", "ignore"] = "ones",
    restarts: int = 8,
    seed: Seed = None,
) -> CorePeripheryResult:
    r"""Split the network into a core and a periphery (Borgatti & Everett 2000).

    The ideal core–periphery network has a core whose members are all tied to each other
    and to the periphery, and a periphery whose members are tied only to the core. For a
    split (c_i = 1 in the core), the pattern is δ_ij = 1 when c_i = 1 or c_j = 1, else
    0; the fit is Pearson's correlation between the ties a_ij and δ_ij over all pairs
    i ≠ j (unordered on undirected graphs; weighted by ``weight``). Real peripheries are
    rarely tied to *every* core member: ``between="ignore"`` leaves the core–periphery
    pairs out of the correlation (Borgatti & Everett's variant with the off-diagonal
    blocks treated as missing), so only a dense core and a sparse periphery count; it
    needs at least two nodes in the core.

    ``method="borgatti_everett"`` searches for the split with the highest fit: from the
    best split of the nodes ranked by strength (every core size tried), and from
    ``restarts`` random splits, it moves single nodes between core and periphery while
    that raises the fit, and keeps the best result. The search is a heuristic (the exact
    problem is hard): seeded, it is reproducible. ``coreness`` is the continuous model:
    the c ≥ 0 that maximises the correlation between a_ij and c_i c_j over all pairs
    i ≠ j (found by L-BFGS-B from the strengths), scaled to a largest value of 1.

    ``method="kcore"``: a k-core is the largest subgraph where every node has at least
    k ties (Seidman 1983). The core is the k-core, for the k whose split fits the
    pattern best; ``coreness`` is each node's core number (ties counted, weights not).

    Args:
        G: An undirected or directed graph (directed ties count in either direction).
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        method: ``"borgatti_everett"`` or ``"kcore"``.
        between: Whether core–periphery pairs are expected tied (``"ones"``) or left
            out of the fit (``"ignore"``).
        restarts: Random starting splits tried besides the strength ranking.
        seed: Seed of the random starts (int or numpy Generator).

    Returns:
        The core, each node's coreness and membership, and the fit.

    Raises:
        ValueError: An unknown method or ``between``.

    Examples:
        >>> import networkx as nx
        >>> G = nx.complete_graph(4)  # a core of 4, each tied to 4 peripheral nodes
        >>> G.add_edges_from((c, p) for c in range(4) for p in range(4, 8))
        >>> result = core_periphery(G, seed=1)
        >>> sorted(result.core), round(result.fit, 3)
        ([0, 1, 2, 3], 1.0)
    """
    if method not in ("borgatti_everett", "kcore"):
        raise ValueError(f"unknown method {method!r}; use 'borgatti_everett' or 'kcore'")
    if between not in ("ones", "ignore"):
        raise ValueError(f"unknown between {between!r}; use 'ones' or 'ignore'")
    graph = _arrays(G, weight)
    n = graph.n
    pattern = _pattern(graph, ignore_between=between == "ignore")
    strength = np.asarray(pattern.M.sum(axis=1), dtype=np.float64).ravel()
    if method == "kcore":
        H: nx.Graph[Any] = nx.Graph(G)
        H.remove_edges_from(list(nx.selfloop_edges(H)))
        number = nx.core_number(H)
        values = np.array([number[node] for node in graph.nodes], dtype=np.float64)
        best_core = np.zeros(n, dtype=bool)
        best_fit, best_k = -np.inf, None
        for level in np.unique(values)[::-1]:
            core = values >= level
            fit = pattern.fit_of(core)
            if fit > best_fit:
                best_core, best_fit, best_k = core, fit, float(level)
        return _cp_result("kcore", between, graph.nodes, best_core, values, best_fit, best_k)
    rng = np.random.default_rng(_int_seed(seed))
    order = np.lexsort((np.arange(n), -strength))
    best_core, best_fit = np.zeros(n, dtype=bool), -np.inf
    if n:
        best_core, best_fit = _climb(pattern, _by_rank(pattern, order))
    for _ in range(restarts if n > 2 else 0):
        size = int(rng.integers(1, n - 1))
        start = np.zeros(n, dtype=bool)
        start[rng.choice(n, size=size, replace=False)] = True
        core, fit = _climb(pattern, start)
        if fit > best_fit + 1e-12:
            best_core, best_fit = core, fit
    coreness = _continuous_coreness(pattern, strength)
    return _cp_result("borgatti_everett", between, graph.nodes, best_core, coreness, best_fit, None)


def _cp_result(
    method: str,
    between: str,
    nodes: tuple[Hashable, ...],
    core: NDArray[np.bool_],
    coreness: _FloatArray,
    fit: float,
    threshold: float | None,
) -> CorePeripheryResult:
    members = frozenset(node for node, inside in zip(nodes, core.tolist(), strict=True) if inside)
    table = NodeTable(nodes, {"core": core, "coreness": coreness})
    return CorePeripheryResult(
        method,
        members,
        table,
        float(fit) if np.isfinite(fit) else float("nan"),
        between,
        threshold,
    )
