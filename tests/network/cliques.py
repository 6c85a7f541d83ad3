"""Random graphs with planted cliques: the plenaries of a collaboration network, small.

The group and structural-hole measures count what a large clique contributes by formula
(``coinnovation.network._triangles``); these graphs exercise those formulas against the
pairwise definitions written in the tests. A planted clique has one base weight, some of
its ties heavier (a pair that also met elsewhere), and cliques may overlap.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from coinnovation.network.projection import EdgeList

__all__ = ["as_edge_list", "clique_graphs"]


@st.composite
def clique_graphs(
    draw: st.DrawFn,
    *,
    max_nodes: int = 16,
    min_clique: int = 3,
    max_clique: int = 9,
    directed: bool | None = None,
    groups: int = 5,
) -> nx.Graph[Any]:
    """A G(n, p) graph with one to three planted cliques, weighted, with a ``sector``."""
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(min_clique, max(min_clique, max_nodes)))
    p = draw(st.sampled_from([0.0, 0.05, 0.15, 0.3, 0.6]))
    is_directed = draw(st.booleans()) if directed is None else directed
    k = draw(st.integers(1, groups))
    G: nx.Graph[Any] = nx.gnp_random_graph(n, p, seed=seed, directed=is_directed)
    rng = random.Random(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = rng.choice([0.5, 1, 2, 3])
    for _ in range(draw(st.integers(1, 3))):
        size = rng.randint(min_clique, min(max_clique, n))
        members = rng.sample(range(n), size)
        base = rng.choice([1, 1, 2, 0.5])
        heavier = rng.choice([0.0, 0.1, 0.4])
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                w = base + (rng.choice([1, 2, 0.5]) if rng.random() < heavier else 0)
                pairs = [(u, v), (v, u)] if is_directed and rng.random() < 0.8 else [(u, v)]
                for a, b in pairs:
                    G.add_edge(a, b, weight=w)
    for v in G:
        G.nodes[v]["sector"] = rng.choice("abcde"[:k])
    return G


def as_edge_list(G: nx.Graph[Any]) -> EdgeList:
    """An undirected graph as an :class:`EdgeList`, edges in a shuffled order."""
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [
        (min(index[u], index[v]), max(index[u], index[v]), w)
        for u, v, w in G.edges(data="weight")
        if u != v
    ]
    random.Random(len(edges)).shuffle(edges)
    return EdgeList(
        nodes=nodes,
        source=[edge[0] for edge in edges],
        target=[edge[1] for edge in edges],
        weight=[float(edge[2]) for edge in edges],
        node_data=[dict(G.nodes[node]) for node in nodes],
    )
