"""Louvain communities and their modularity, against networkx and planted partitions."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import MissingDependencyError
from coinnovation.network import community
from coinnovation.network.community import CommunityResult, communities, modularity


def test_karate_club_communities() -> None:
    G = nx.karate_club_graph()
    result = communities(G, seed=1)
    partition = [set(group) for group in result.communities]
    assert result.modularity == pytest.approx(nx.community.modularity(G, partition))
    assert result.modularity >= 0.40
    assert result.sizes() == sorted(result.sizes(), reverse=True)
    assert set().union(*partition) == set(G)
    # Zachary's two factions: each community lies mostly within one of them.
    faction = nx.get_node_attributes(G, "club")
    agreeing = sum(
        max(sum(faction[v] == side for v in group) for side in ("Mr. Hi", "Officer"))
        for group in partition
    )
    assert agreeing / len(G) >= 0.9
    assert result.to_dict()[0] == result.community_of(0)
    assert result.to_frame()["community"].tolist() == [result.to_dict()[v] for v in G]


def test_communities_are_reproducible_and_respect_resolution() -> None:
    G = nx.karate_club_graph()
    assert communities(G, seed=3).communities == communities(G, seed=3).communities
    generator = communities(G, seed=np.random.default_rng(5))
    assert generator.communities == communities(G, seed=np.random.default_rng(5)).communities
    fine = communities(G, seed=3, resolution=2.0)
    assert len(fine) > len(communities(G, seed=3, resolution=0.5))
    assert fine.resolution == 2.0
    partition = [set(group) for group in fine.communities]
    assert fine.modularity == pytest.approx(nx.community.modularity(G, partition, resolution=2.0))


def test_communities_of_an_edgeless_graph() -> None:
    result = communities(nx.empty_graph(3), seed=0)
    assert result.sizes() == [1, 1, 1]
    assert result.modularity == 0.0


def test_planted_communities_are_found() -> None:
    G = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=2)
    result = communities(G, seed=2)
    planted = [set(range(i * 25, (i + 1) * 25)) for i in range(4)]
    assert sorted(map(set, result.communities), key=min) == planted


# -- the engines (issue 11) -------------------------------------------------------------------


def _random_graph(seed: int, n: int, p: float, *, directed: bool, loops: bool) -> nx.Graph:
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = float(rng.randint(1, 5))
    if loops:
        G.add_edges_from((v, v, {"weight": 2.0}) for v in range(0, n, 5))
    return G


graphs = st.builds(
    _random_graph,
    seed=st.integers(0, 10_000),
    n=st.integers(1, 40),
    p=st.floats(0.0, 0.5),
    directed=st.booleans(),
    loops=st.booleans(),
)


def _is_partition(result: CommunityResult, G: nx.Graph) -> None:
    nodes = [v for group in result.communities for v in group]
    assert sorted(nodes) == sorted(G)
    assert result.sizes() == sorted(result.sizes(), reverse=True)
    for index, group in enumerate(result.communities):
        assert {result.community_of(v) for v in group} == {index}
    # equal sizes come in the order of their first node in the graph
    position = {v: i for i, v in enumerate(G)}
    keys = [(-len(group), min(position[v] for v in group)) for group in result.communities]
    assert keys == sorted(keys)


@given(graphs, st.sampled_from([None, "weight"]), st.sampled_from([0.5, 1.0, 2.0]))
def test_modularity_agrees_with_networkx_on_any_partition(
    G: nx.Graph, weight: str | None, resolution: float
) -> None:
    rng = random.Random(len(G))
    parts: dict[int, set[int]] = {}
    for v in G:
        parts.setdefault(rng.randrange(4), set()).add(v)
    groups = list(parts.values())
    expected = (
        nx.community.modularity(G, groups, weight=weight, resolution=resolution)
        if G.number_of_edges()
        else 0.0
    )
    assert modularity(G, groups, weight=weight, resolution=resolution) == pytest.approx(
        expected, abs=1e-12
    )


@given(graphs, st.integers(0, 2**32), st.sampled_from([0.5, 1.0, 2.0]))
def test_the_networkit_engine_gives_a_partition_and_its_modularity(
    G: nx.Graph, seed: int, resolution: float
) -> None:
    H = G.to_undirected() if G.is_directed() else G
    result = communities(H, seed=seed, resolution=resolution, engine="networkit")
    _is_partition(result, H)
    expected = (
        nx.community.modularity(
            H, [set(g) for g in result.communities], weight="weight", resolution=resolution
        )
        if H.number_of_edges()
        else 0.0
    )
    assert result.modularity == pytest.approx(expected, abs=1e-12)
    assert result.resolution == resolution
    again = communities(H, seed=seed, resolution=resolution, engine="networkit")
    assert again.communities == result.communities


@given(graphs, st.integers(0, 2**32))
def test_the_networkx_engine_is_networkx_louvain_unchanged(G: nx.Graph, seed: int) -> None:
    result = communities(G, seed=seed, engine="networkx")
    expected = nx.community.louvain_communities(G, weight="weight", seed=seed)
    assert set(result.communities) == {frozenset(group) for group in expected}
    _is_partition(result, G)
    quality = (
        nx.community.modularity(G, [set(g) for g in result.communities])
        if G.number_of_edges()
        else 0.0
    )
    assert result.modularity == quality  # networkx's own value, exactly as before


def test_auto_picks_networkit_for_undirected_graphs_only() -> None:
    G = nx.karate_club_graph()
    assert (
        communities(G, seed=4).communities == communities(G, seed=4, engine="networkit").communities
    )
    D = G.to_directed()
    assert (
        communities(D, seed=4).communities == communities(D, seed=4, engine="networkx").communities
    )
    assert (
        communities(G, seed=4, backend="networkx").communities
        == communities(G, seed=4, engine="networkx").communities
    )


def test_networkit_seeds_are_honoured_whatever_the_threads() -> None:
    import networkit as nk

    G = nx.planted_partition_graph(6, 30, 0.3, 0.05, seed=3)
    first = communities(G, seed=11, engine="networkit")
    threads = nk.getMaxNumberOfThreads()
    try:
        nk.setNumberOfThreads(1)
        one = communities(G, seed=11, engine="networkit")
        nk.setNumberOfThreads(2)
        two = communities(G, seed=11, engine="networkit")
    finally:
        nk.setNumberOfThreads(threads)
    assert first.communities == one.communities == two.communities
    assert communities(G, seed=np.random.default_rng(2), engine="networkit").communities == (
        communities(G, seed=np.random.default_rng(2), engine="networkit").communities
    )
    _is_partition(communities(G, engine="networkit"), G)  # a fresh seed each call


def test_networkit_finds_planted_communities() -> None:
    G = nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=2)
    result = communities(G, seed=2, engine="networkit")
    planted = [set(range(i * 25, (i + 1) * 25)) for i in range(4)]
    assert sorted(map(set, result.communities), key=min) == planted


def test_an_edge_list_gives_the_communities_of_its_graph() -> None:
    from coinnovation.network.build import collaboration_edges
    from coinnovation.testing.synthetic import synthetic_hub

    edges = collaboration_edges(synthetic_hub(2_000, seed=4))
    G = edges.to_networkx(evidence=False)
    for engine in ("networkit", "networkx"):
        from_edges = communities(edges, seed=5, engine=engine)  # type: ignore[arg-type]
        from_graph = communities(G, seed=5, engine=engine)  # type: ignore[arg-type]
        assert from_edges.communities == from_graph.communities
        assert from_edges.modularity == pytest.approx(from_graph.modularity, abs=1e-12)
    assert modularity(edges, from_graph.communities) == pytest.approx(
        nx.community.modularity(G, from_graph.communities), abs=1e-12
    )


def test_networkit_modularity_is_close_to_networkx_louvain() -> None:
    G = nx.planted_partition_graph(8, 40, 0.2, 0.02, seed=7)
    fast = communities(G, seed=1, engine="networkit").modularity
    slow = communities(G, seed=1, engine="networkx").modularity
    assert fast == pytest.approx(slow, rel=0.02)


def test_engine_errors() -> None:
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="unknown engine"):
        communities(G, engine="igraph")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="undirected graphs only"):
        communities(nx.DiGraph([(0, 1)]), engine="networkit")
    with pytest.raises(ValueError, match="backend= is for"):
        communities(G, engine="networkit", backend="networkx")
    with pytest.raises(TypeError, match="multigraphs"):
        communities(nx.MultiGraph([(0, 1), (0, 1)]), engine="networkit")
    with pytest.raises(ValueError, match="in two groups"):
        modularity(G, [{0, 1}, {1, 2, 3}])
    with pytest.raises(ValueError, match="not in the graph"):
        modularity(G, [{0, 1, 2, 3, 9}])
    with pytest.raises(ValueError, match="in no group"):
        modularity(G, [{0, 1}])


def test_missing_networkit_is_reported_and_auto_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(module_name: str, extra: str, feature: str) -> Any:
        raise MissingDependencyError(module_name, extra, feature)

    monkeypatch.setattr(community, "require", missing)
    G = nx.karate_club_graph()
    with pytest.raises(MissingDependencyError, match=r"pip install 'coinnovation\[fast\]'"):
        communities(G, engine="networkit")
    monkeypatch.setattr(community.importlib.util, "find_spec", lambda name: None)
    assert (
        communities(G, seed=2).communities == communities(G, seed=2, engine="networkx").communities
    )


def test_networkit_on_small_and_edgeless_graphs() -> None:
    assert len(communities(nx.Graph(), engine="networkit")) == 0
    assert communities(nx.Graph(), engine="networkit").modularity == 0.0
    result = communities(nx.empty_graph(3), seed=0, engine="networkit")
    assert result.sizes() == [1, 1, 1]
    assert result.modularity == 0.0
    assert communities(nx.path_graph(2), seed=0, engine="networkit").to_dict() == {0: 0, 1: 0}
