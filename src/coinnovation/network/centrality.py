"""How central is each stakeholder: one table of centrality measures.

:func:`centrality_table` returns a :class:`~coinnovation.results.NodeTable` of degree,
strength, betweenness, closeness, eigenvector centrality and PageRank, in one call.
Which groups work mostly among themselves is :mod:`~coinnovation.network.community`;
whether a dense core holds the network together is
:mod:`~coinnovation.network.core` (their names are importable from here too, as
before issue 10).

Speed. Degree, strength, eigenvector centrality and PageRank are linear algebra on the
sparse adjacency matrix (scipy), with no per-edge Python loop. The path-based measures
(betweenness and closeness) run on one of three engines: ``"rustworkx"`` (compiled,
parallel; the optional ``fast`` extra), ``"scipy"`` (breadth-first searches for a batch of
sources at once: as sparse-matrix products for betweenness, 64 to a machine word for
closeness (Then et al. 2014); and scipy's compiled shortest paths) and
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
    Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique
    identification. J. Math. Sociol. 2(1), 113–120.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociol.
    25(2), 163–177.
    Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web search engine.
    Computer Networks and ISDN Systems 30, 107–117.
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry
    40(1), 35–41.
    Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality. Phys. Rev. E 64, 016132.
    Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A.,
    Neumann, T. & Vo, H. T. (2014). The more the merrier: efficient multi-source graph
    traversal. Proc. VLDB Endowment 8(4), 449–460.

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

from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray
from scipy.sparse import csgraph  # type: ignore[import-untyped, unused-ignore]

# The types of centrality_table's arguments live with the engines; import them from here.
from coinnovation.network._engines import Distance as Distance
from coinnovation.network._engines import Engine as Engine
from coinnovation.network._engines import Seed as Seed
from coinnovation.network._engines import (
    _Arrays,
    _arrays,
    _betweenness,
    _closeness,
    _distances,
    _FloatArray,
    _int_seed,
)
from coinnovation.network.community import CommunityResult, communities
from coinnovation.network.core import CorePeripheryResult, core_periphery
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
    betweenness by batched breadth-first search on step counts, exact or sampled;
    closeness on step counts by bit-parallel breadth-first search, 64 sources a word),
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
