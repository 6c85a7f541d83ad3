"""Which groups work mostly among themselves: Louvain communities and their modularity.

:func:`communities` finds the communities of a collaboration network (Blondel et al.
2008) and says how modular the split is (Newman 2006), in a :class:`CommunityResult`;
:func:`modularity` scores any split. (The module is named as networkx's ``community``; a
module named ``communities`` would be hidden by the function that
:mod:`coinnovation.network` exports.)

Engines. ``engine="networkit"`` runs networkit's compiled Louvain (PLM; Staudt &
Meyerhenke 2016; MIT licence, in the ``fast`` extra): at 100k participations a few times
faster than igraph's. ``engine="networkx"`` runs networkx's Louvain (pure Python; any
networkx backend can take over through ``backend=``). ``engine="auto"``, the default,
takes networkit when it is installed and can do what was asked (an undirected graph, no
``backend=``), networkx otherwise.

References:
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. J. Stat. Mech. P10008.
    Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS 103(23),
    8577–8582.
    Staudt, C. L. & Meyerhenke, H. (2016). Engineering parallel algorithms for community
    detection in massive networks. IEEE Trans. Parallel Distrib. Syst. 27(1), 171–184.

Examples:
    >>> import networkx as nx
    >>> communities(nx.karate_club_graph(), seed=1).modularity > 0.4
    True
    >>> round(modularity(nx.barbell_graph(3, 0), [{0, 1, 2}, {3, 4, 5}]), 4)
    0.3571
"""

from __future__ import annotations

import importlib.util
from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import Any, ClassVar, Literal

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray

from coinnovation._optional import require
from coinnovation.network._engines import Seed, _Arrays, _arrays, _check_simple, _int_seed
from coinnovation.network.projection import EdgeList
from coinnovation.results import NodeTable, Table

__all__ = ["CommunityEngine", "CommunityResult", "communities", "modularity"]

#: The engines of :func:`communities`.
CommunityEngine = Literal["auto", "networkit", "networkx"]


# -- communities -----------------------------------------------------------------------------


@attrs.frozen(eq=False)
class CommunityResult(Table):
    """Communities found in a network, largest first, and how modular the split is.

    As a result table (:class:`~coinnovation.results.Table`), one row per node with its
    ``community``: ``to_frame()`` and a notebook table come from it; ``to_dict()`` is
    ``{node: community}``.

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

    label: ClassVar[str] = "node"
    columns: ClassVar[tuple[str, ...]] = ("community",)

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

    def rows(self) -> list[dict[str, Any]]:
        """One row per node: ``{"node": node, "community": position}``.

        Examples:
            >>> import networkx as nx
            >>> communities(nx.path_graph(3), seed=0).to_frame()["community"].tolist()
            [0, 0, 0]
        """
        return self.membership.rows()

    def _table(self) -> tuple[Sequence[Hashable], dict[Any, Any]]:
        return self.membership.nodes, dict(self.membership.columns)

    def _caption(self) -> str:
        count = len(self.communities)
        return (
            f"{count} {'community' if count == 1 else 'communities'} "
            f"(modularity {self.modularity:.3f}, resolution {self.resolution:g})"
        )


def _ordered(
    groups: Iterable[Collection[Hashable]], position: dict[Hashable, int]
) -> tuple[frozenset[Hashable], ...]:
    """Groups largest first; equal sizes in the order of their first node."""
    keyed = [(-len(group), min(position[v] for v in group), frozenset(group)) for group in groups]
    keyed.sort(key=lambda item: (item[0], item[1]))
    return tuple(group for _, _, group in keyed)


def _engine_for(engine: CommunityEngine, *, directed: bool, backend: str | None) -> str:
    """The engine that finds the communities; refuse what an engine cannot do."""
    if engine not in ("auto", "networkit", "networkx"):
        raise ValueError(f"unknown engine {engine!r}; use 'auto', 'networkit' or 'networkx'")
    if engine == "auto":
        if backend is not None or directed or importlib.util.find_spec("networkit") is None:
            return "networkx"
        return "networkit"
    if engine == "networkit" and directed:
        raise ValueError(
            "engine='networkit' finds communities of undirected graphs only: "
            "use engine='networkx' (or 'auto') for directed modularity"
        )
    if engine == "networkit" and backend is not None:
        raise ValueError("backend= is for engine='networkx' (or 'auto')")
    return engine


def _louvain_networkit(graph: _Arrays, *, resolution: float, seed: int | None) -> NDArray[Any]:
    """Each node's community label, by networkit's Louvain (PLM), moving nodes one at a time."""
    nk = require("networkit", "fast", "the compiled community engine")
    G = nk.Graph(graph.n, weighted=True)
    if len(graph.source):
        G.addEdges(
            (
                np.ascontiguousarray(graph.weight, dtype=np.float64),
                (graph.source.astype(np.uint64), graph.target.astype(np.uint64)),
            )
        )
    # networkit keeps one seed for the whole process: set it on every call. Without a
    # seed, a fresh one from the operating system's entropy.
    drawn = int(np.random.default_rng().integers(2**63)) if seed is None else seed
    nk.setSeed(drawn % 2**64, False)
    # "none randomized": one node at a time in a seeded random order (as Blondel et al.
    # and networkx do), so the same seed gives the same split with any number of threads.
    plm = nk.community.PLM(G, refine=False, gamma=resolution, par="none randomized", turbo=True)
    plm.run()
    return np.asarray(plm.getPartition().getVector(), dtype=np.int64)


def _relabel(label: NDArray[Any]) -> NDArray[np.int64]:
    """Labels 0, 1, … with the largest community first; equal sizes by their first node."""
    _, dense = np.unique(label, return_inverse=True)
    dense = dense.ravel()
    if not len(dense):
        return dense.astype(np.int64)
    sizes = np.bincount(dense)
    first = np.full(len(sizes), len(dense), dtype=np.int64)
    np.minimum.at(first, dense, np.arange(len(dense)))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[np.lexsort((first, -sizes))] = np.arange(len(sizes))
    return rank[dense]


def _modularity(graph: _Arrays, label: NDArray[np.int64], resolution: float) -> float:
    """Newman's Q of the split ``label`` (as networkx's ``modularity`` computes it)."""
    weight = graph.weight
    total = float(weight.sum())
    if not len(weight) or total == 0:
        return 0.0
    k = int(label.max()) + 1 if len(label) else 0
    inside = label[graph.source] == label[graph.target]
    within = np.bincount(label[graph.source[inside]], weights=weight[inside], minlength=k)
    out = np.bincount(label, np.bincount(graph.source, weight, graph.n), minlength=k)
    into = np.bincount(label, np.bincount(graph.target, weight, graph.n), minlength=k)
    expected = out * into / total**2 if graph.directed else ((out + into) / (2 * total)) ** 2
    return float(np.sum(within / total - resolution * expected))


def modularity(
    G: nx.Graph[Any] | EdgeList,
    communities: Iterable[Collection[Hashable]],
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
) -> float:
    r"""Newman's modularity of a split of the nodes into groups (Newman 2006).

    For total tie weight m, strengths s_i and resolution gamma:

        Q = 1/(2m) Σ_ij [A_ij − gamma s_i s_j / (2m)] δ(c_i, c_j)
          = Σ_c [L_c / m − gamma (S_c / 2m)²]

    with L_c the weight of the ties inside group c and S_c the strengths of its members
    (a self-loop counts once in L_c, twice in a strength). On a directed graph
    Q = Σ_c [L_c / m − gamma S_c^out S_c^in / m²] (Leicht & Newman 2008). The value is
    networkx's ``modularity`` on the same split (to floating-point rounding), from
    arrays: no Python loop over ties. 0 for a graph without ties.

    Args:
        G: An undirected or directed graph (not a multigraph), or the
            :class:`~coinnovation.network.projection.EdgeList` of
            ``collaboration_edges``.
        communities: The groups; each node in exactly one.
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        resolution: gamma; 1 is classic modularity.

    Returns:
        Q, from about −0.5 to 1.

    Raises:
        ValueError: The groups are not a partition of the nodes.

    Examples:
        >>> import networkx as nx
        >>> G = nx.barbell_graph(3, 0)  # two triangles and the tie that joins them
        >>> round(modularity(G, [{0, 1, 2}, {3, 4, 5}]), 4)
        0.3571
        >>> modularity(G, [set(G)])
        0.0
    """
    graph = _arrays(G, weight)
    position = {node: i for i, node in enumerate(graph.nodes)}
    label = np.full(graph.n, -1, dtype=np.int64)
    for index, group in enumerate(communities):
        for node in group:
            i = position.get(node)
            if i is None or label[i] >= 0:
                raise ValueError(
                    f"not a partition: node {node!r} is "
                    + ("not in the graph" if i is None else "in two groups")
                )
            label[i] = index
    if np.any(label < 0):
        missing = graph.nodes[int(np.flatnonzero(label < 0)[0])]
        raise ValueError(f"not a partition: node {missing!r} is in no group")
    return _modularity(graph, label, resolution)


def communities(
    G: nx.Graph[Any] | EdgeList,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    threshold: float = 1.0e-7,
    seed: Seed = None,
    engine: CommunityEngine = "auto",
    backend: str | None = None,
) -> CommunityResult:
    r"""Louvain communities (Blondel et al. 2008) and their modularity (Newman 2006).

    Louvain moves nodes one at a time to the neighbouring community that raises the
    modularity most, then merges each community into one node and repeats, until the
    gain falls below ``threshold``. Modularity, for total tie weight m, strengths s_i
    and resolution gamma:

        Q = 1/(2m) Σ_ij [A_ij − gamma s_i s_j / (2m)] δ(c_i, c_j)

    Q > 0.3 or so is usually read as marked community structure. The search is
    randomised: pass ``seed`` for the same communities on every run.

    Engines: ``"networkit"`` (networkit's compiled Louvain, PLM, in the ``fast`` extra;
    undirected graphs; it visits the nodes one at a time in a seeded random order and
    stops a level when a round moves no node, so ``threshold`` does not apply; the same
    seed gives the same communities on every run and any number of threads, with the
    same networkit version), ``"networkx"`` (networkx's ``louvain_communities``, the
    engine before issue 11, whose communities for a seed are unchanged; directed graphs;
    ``backend=`` hands it to a networkx backend) and ``"auto"`` (networkit when it is
    installed, the graph is undirected and no ``backend`` is given; networkx
    otherwise). The engines search in different orders, so their communities for one
    seed differ, with modularity close (on the benchmark network within 1 % of igraph's
    Louvain). The modularity reported is :func:`modularity` of the split found
    (networkx's ``modularity`` with the networkx engine, as before).

    Args:
        G: An undirected or directed graph, or the
            :class:`~coinnovation.network.projection.EdgeList` of
            ``collaboration_edges`` (no networkx graph is built for networkit).
        weight: The edge attribute holding tie strengths, or ``None`` for 1 per tie.
        resolution: gamma; above 1 favours smaller communities, below 1 larger ones.
        threshold: The least modularity gain for another round (networkx engine).
        seed: Seed of the random node order (int or numpy Generator).
        engine: ``"auto"``, ``"networkit"`` or ``"networkx"``.
        backend: A networkx backend name (networkx engine).

    Returns:
        The communities, largest first, each node's community and the modularity.

    Raises:
        ValueError: An unknown engine, or one that cannot do what was asked.
        TypeError: ``G`` is a multigraph.
        MissingDependencyError: ``engine="networkit"`` without the ``fast`` extra.

    Examples:
        >>> import networkx as nx
        >>> result = communities(nx.karate_club_graph(), seed=42, engine="networkx")
        >>> len(result), round(result.modularity, 2)
        (4, 0.43)
        >>> communities(nx.karate_club_graph(), seed=42).modularity > 0.4
        True
    """
    directed = G.is_directed() if isinstance(G, nx.Graph) else False
    chosen = _engine_for(engine, directed=directed, backend=backend)
    if chosen == "networkit":
        graph = _arrays(G, weight)
        found = _relabel(_louvain_networkit(graph, resolution=resolution, seed=_int_seed(seed)))
        members = np.argsort(found, kind="stable")
        bounds = np.flatnonzero(np.diff(found[members])) + 1
        groups = tuple(
            frozenset(graph.nodes[i] for i in part.tolist())
            for part in (np.split(members, bounds) if graph.n else [])
        )
        return CommunityResult(
            groups,
            NodeTable(graph.nodes, {"community": found}),
            _modularity(graph, found, resolution),
            resolution,
        )
    if isinstance(G, EdgeList):
        G = G.to_networkx(evidence=False)
    _check_simple(G)
    extra: dict[str, Any] = {} if backend is None else {"backend": backend}
    louvain = nx.community.louvain_communities(
        G,
        weight=weight,
        resolution=resolution,
        threshold=threshold,
        seed=_int_seed(seed),
        **extra,
    )
    nodes = tuple(G)
    position = {node: i for i, node in enumerate(nodes)}
    ordered = _ordered(louvain, position)
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
