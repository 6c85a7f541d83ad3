"""Louvain communities and their modularity, against networkx and planted partitions."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from coinnovation.network.community import communities


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
