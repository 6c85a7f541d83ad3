"""The sparse projection against networkx, brute force and the Davis Southern Women counts."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import ProjectionTooLargeError
from coinnovation.network.projection import EdgeList, project, projected_edges, projected_graph

NX_PROJECTION = {
    "count": nx.bipartite.weighted_projected_graph,
    "newman": nx.bipartite.collaboration_weighted_projected_graph,
}


# ------------------------------------------------------------------ helpers


def edge_weights(G: nx.Graph[Any]) -> dict[frozenset[Hashable], float]:
    return {frozenset((u, v)): w for u, v, w in G.edges(data="weight")}


def list_weights(edges: EdgeList) -> dict[frozenset[Hashable], float]:
    ids = edges.nodes
    return {
        frozenset((ids[s], ids[t])): w
        for s, t, w in zip(
            edges.source.tolist(), edges.target.tolist(), edges.weight.tolist(), strict=True
        )
    }


def assert_same_weights(
    ours: dict[frozenset[Hashable], float], theirs: dict[frozenset[Hashable], float]
) -> None:
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        assert ours[key] == pytest.approx(value, rel=0, abs=1e-12), key


def brute_force(
    records: Sequence[tuple[int, int]], scheme: str
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], list[int]]]:
    """Pure Python: every pair of every session, weighted one by one."""
    members: dict[int, set[int]] = defaultdict(set)
    for actor, session in records:
        members[session].add(actor)
    weights: dict[tuple[int, int], float] = defaultdict(float)
    behind: dict[tuple[int, int], list[int]] = defaultdict(list)
    for session in sorted(members):
        group = sorted(members[session])
        for pair in itertools.combinations(group, 2):
            weights[pair] += 1 if scheme == "count" else 1 / (len(group) - 1)
            behind[pair].append(session)
    return dict(weights), dict(behind)


def random_bipartite(actors: int, sessions: int, p: float, seed: int) -> nx.Graph[Any]:
    B = nx.bipartite.random_graph(actors, sessions, p, seed=seed)
    return nx.relabel_nodes(B, {n: (f"a{n}" if n < actors else f"s{n - actors}") for n in B})


records_strategy = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 7)), min_size=0, max_size=60
)


# ------------------------------------------------------- Davis Southern Women


@pytest.fixture(scope="module")
def davis() -> tuple[nx.Graph[Any], list[str], list[str]]:
    B = nx.davis_southern_women_graph()
    women = [n for n, side in B.nodes(data="bipartite") if side == 0]
    events = [n for n, side in B.nodes(data="bipartite") if side == 1]
    return B, women, events


@pytest.mark.parametrize("scheme", ["count", "newman"])
@pytest.mark.parametrize("evidence", [True, False])
@pytest.mark.parametrize("side", ["women", "events"])
def test_davis_matches_networkx(
    davis: tuple[nx.Graph[Any], list[str], list[str]], scheme: str, evidence: bool, side: str
) -> None:
    B, women, events = davis
    nodes = women if side == "women" else events
    ours = projected_graph(B, nodes, weight=scheme, evidence=evidence)  # type: ignore[arg-type]
    theirs = NX_PROJECTION[scheme](B, nodes)
    assert list(ours.nodes) == list(theirs.nodes)
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert_same_weights(edge_weights(ours), edge_weights(theirs))


def test_davis_published_co_attendance(davis: tuple[nx.Graph[Any], list[str], list[str]]) -> None:
    """Evelyn Jefferson's row of the women-by-women matrix.

    Davis, Gardner & Gardner (1941), *Deep South* (18 women, 14 events), multiplied out
    into the women-by-women co-attendance matrix by Breiger (1974), "The duality of
    persons and groups".
    """
    B, women, _ = davis
    G = projected_graph(B, women)
    published = {
        "Laura Mandeville": 6, "Theresa Anderson": 7, "Brenda Rogers": 6,
        "Charlotte McDowd": 3, "Frances Anderson": 4, "Eleanor Nye": 3, "Pearl Oglethorpe": 3,
        "Ruth DeSand": 3, "Verne Sanderson": 2, "Myra Liddel": 2, "Katherina Rogers": 2,
        "Sylvia Avondale": 2, "Nora Fayette": 2, "Helen Lloyd": 1, "Dorothy Murchison": 2,
        "Olivia Carleton": 1, "Flora Price": 1,
    }  # fmt: skip
    evelyn = {other: data["weight"] for other, data in G["Evelyn Jefferson"].items()}
    assert evelyn == published
    # Events attended (the matrix's diagonal), 89 attendances in all.
    attended = {woman: B.degree(woman) for woman in women}
    assert attended["Evelyn Jefferson"] == 8
    assert attended["Nora Fayette"] == 8
    assert attended["Dorothy Murchison"] == 2
    assert sum(attended.values()) == 89
    # Evelyn and Theresa met at E2-E6, E8 and E9.
    assert G["Evelyn Jefferson"]["Theresa Anderson"]["sessions"] == (
        "E2", "E3", "E4", "E5", "E6", "E8", "E9",
    )  # fmt: skip
    # 139 of the C(18, 2) = 153 pairs of women met at least once.
    assert G.number_of_edges() == 139


def test_davis_newman_strength_counts_shared_events(
    davis: tuple[nx.Graph[Any], list[str], list[str]],
) -> None:
    B, women, _ = davis
    strength = projected_edges(B, women, weight="newman").strength()["strength"]
    for woman in women:
        shared = sum(1 for event in B[woman] if B.degree(event) >= 2)
        assert strength[woman] == pytest.approx(shared, abs=1e-12)


# ------------------------------------------------------- random graphs (hypothesis)


@given(
    actors=st.integers(1, 14),
    sessions=st.integers(1, 9),
    p=st.sampled_from([0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0]),
    seed=st.integers(0, 2**32 - 1),
    scheme=st.sampled_from(["count", "newman"]),
    evidence=st.booleans(),
)
def test_random_bipartite_matches_networkx(
    actors: int, sessions: int, p: float, seed: int, scheme: str, evidence: bool
) -> None:
    B = random_bipartite(actors, sessions, p, seed)
    nodes = [f"a{i}" for i in range(actors)]
    ours = projected_graph(B, nodes, weight=scheme, evidence=evidence)  # type: ignore[arg-type]
    theirs = NX_PROJECTION[scheme](B, nodes)
    assert set(ours) == set(theirs)
    assert_same_weights(edge_weights(ours), edge_weights(theirs))
    if evidence:
        for u, v, shared in ours.edges(data="sessions"):
            assert set(shared) == set(B[u]) & set(B[v])


@given(records=records_strategy, scheme=st.sampled_from(["count", "newman"]))
def test_project_matches_brute_force(records: list[tuple[int, int]], scheme: str) -> None:
    actors = [a for a, _ in records]
    sessions = [s for _, s in records]
    expected, behind = brute_force(records, scheme)
    for evidence in (False, True):
        edges = project(
            actors, sessions, nodes=range(12), sessions=range(8),
            weight=scheme, evidence=evidence,  # type: ignore[arg-type]
        )  # fmt: skip
        got = {
            (s, t): w
            for s, t, w in zip(
                edges.source.tolist(), edges.target.tolist(), edges.weight.tolist(), strict=True
            )
        }
        assert got.keys() == expected.keys()
        for pair, weight in expected.items():
            assert got[pair] == pytest.approx(weight, abs=1e-12)
        assert np.all(edges.source < edges.target)
        assert np.all(np.diff(edges.source) >= 0)  # by source
        if evidence:
            pairs = list(zip(edges.source.tolist(), edges.target.tolist(), strict=True))
            assert pairs == sorted(pairs)
            assert dict(zip(pairs, edges.evidence(), strict=True)) == {
                p: tuple(b) for p, b in behind.items()
            }


@given(records=records_strategy)
def test_count_weights_sum_to_pairs_per_session(records: list[tuple[int, int]]) -> None:
    members: dict[int, set[int]] = defaultdict(set)
    for actor, session in records:
        members[session].add(actor)
    pairs = sum(math.comb(len(group), 2) for group in members.values())
    edges = project(
        [a for a, _ in records], [s for _, s in records], nodes=range(12), sessions=range(8)
    )
    assert int(edges.weight.sum()) == pairs == edges.graph["pairs"]
    assert edges.weight.dtype.kind == "i"


@given(records=records_strategy, evidence=st.booleans())
def test_newman_strength_is_number_of_shared_sessions(
    records: list[tuple[int, int]], evidence: bool
) -> None:
    members: dict[int, set[int]] = defaultdict(set)
    for actor, session in records:
        members[session].add(actor)
    edges = project(
        [a for a, _ in records], [s for _, s in records],
        nodes=range(12), sessions=range(8), weight="newman", evidence=evidence,
    )  # fmt: skip
    strength = edges.strength()["strength"]
    for actor in range(12):
        shared = sum(1 for group in members.values() if actor in group and len(group) >= 2)
        assert strength[actor] == pytest.approx(shared, abs=1e-12)


@given(
    records=records_strategy,
    permutation=st.permutations(range(12)),
    scheme=st.sampled_from(["count", "newman"]),
)
def test_relabelling_nodes_changes_nothing(
    records: list[tuple[int, int]], permutation: list[int], scheme: str
) -> None:
    names = [f"n{i}" for i in range(12)]
    first = project(
        [a for a, _ in records], [s for _, s in records], nodes=names, sessions=range(8),
        weight=scheme, evidence=True,  # type: ignore[arg-type]
    )  # fmt: skip
    # The same records, the actors numbered and ordered differently.
    renamed = [names[i] for i in permutation]
    position = {name: i for i, name in enumerate(renamed)}
    second = project(
        [position[names[a]] for a, _ in records], [s for _, s in records],
        nodes=renamed, sessions=range(8), weight=scheme, evidence=True,  # type: ignore[arg-type]
    )  # fmt: skip
    assert_same_weights(list_weights(second), list_weights(first))
    first_evidence = dict(zip(list_weights(first), first.evidence(), strict=True))
    assert dict(zip(list_weights(second), second.evidence(), strict=True)) == first_evidence


@given(
    records=records_strategy,
    min_weight=st.sampled_from([0.5, 1, 1.5, 2, 3]),
    scheme=st.sampled_from(["count", "newman"]),
    evidence=st.booleans(),
)
def test_min_weight_drops_exactly_the_lighter_ties(
    records: list[tuple[int, int]], min_weight: float, scheme: str, evidence: bool
) -> None:
    kwargs: dict[str, Any] = {
        "nodes": range(12), "sessions": range(8), "weight": scheme, "evidence": evidence,
    }  # fmt: skip
    actors, sessions = [a for a, _ in records], [s for _, s in records]
    everything = list_weights(project(actors, sessions, **kwargs))
    kept = project(actors, sessions, min_weight=min_weight, **kwargs)
    expected = {k: w for k, w in everything.items() if w >= min_weight - 1e-9}
    assert_same_weights(list_weights(kept), expected)
    if evidence:
        full = project(actors, sessions, **kwargs)
        behind = dict(zip(list_weights(full), full.evidence(), strict=True))
        assert dict(zip(list_weights(kept), kept.evidence(), strict=True)) == {
            k: behind[k] for k in expected
        }


def test_newman_fractions_that_sum_to_the_threshold_are_kept() -> None:
    # a and b share three sessions of four actors: 1/3 + 1/3 + 1/3, which may round below 1.
    records = [(a, s) for s in range(3) for a in (0, 1, 2 + s, 5 + s)]
    edges = project(
        [a for a, _ in records], [s for _, s in records], nodes=range(8), sessions=range(3),
        weight="newman", min_weight=1,
    )  # fmt: skip
    assert list_weights(edges) == pytest.approx({frozenset((0, 1)): 1.0})


# ------------------------------------------------------------- explosion guard


def test_guard_counts_pairs_and_names_the_largest_sessions() -> None:
    sizes = {"conference": 40, "w1": 8, "w2": 8, "t1": 3, "t2": 2, "t3": 2, "alone": 1}
    actors: list[int] = []
    sessions: list[int] = []
    for index, size in enumerate(sizes.values()):
        actors += list(range(size))
        sessions += [index] * size
    pairs = sum(math.comb(size, 2) for size in sizes.values())
    assert pairs == 780 + 28 + 28 + 3 + 1 + 1
    kwargs: dict[str, Any] = {"nodes": range(40), "sessions": list(sizes)}
    assert project(actors, sessions, max_pairs=pairs, **kwargs).graph["pairs"] == pairs
    with pytest.raises(ProjectionTooLargeError) as raised:
        project(actors, sessions, max_pairs=pairs - 1, evidence=True, **kwargs)
    error = raised.value
    assert (error.pairs, error.limit) == (pairs, pairs - 1)
    assert error.largest == (("conference", 40), ("w1", 8), ("w2", 8), ("t1", 3), ("t2", 2))
    assert "conference (40)" in str(error)
    assert "max_session_size" in str(error)
    # Skipping the conference brings the projection under the limit.
    skipped = project(actors, sessions, max_pairs=100, max_session_size=10, **kwargs)
    assert skipped.skipped_sessions == ("conference",)
    assert skipped.graph["pairs"] == pairs - 780
    # Down-weighted ties are still made, so they still count.
    with pytest.raises(ProjectionTooLargeError):
        project(
            actors, sessions, max_pairs=100, max_session_size=10, oversize="downweight", **kwargs
        )
    assert project(actors, sessions, max_pairs=None, **kwargs).graph["pairs"] == pairs


def test_guard_ignores_repeated_records() -> None:
    # One actor recorded 50 times is one actor: no pair at all.
    edges = project([0] * 50 + [1], [0] * 51, nodes=range(2), sessions=["s"], max_pairs=1)
    assert edges.graph["pairs"] == 1
    assert edges.weight.tolist() == [1]


@pytest.mark.parametrize("evidence", [True, False])
def test_oversize_skip_and_downweight(evidence: bool) -> None:
    # Session 0: actors 0-4 (5 actors); session 1: actors 0 and 1.
    actors = [0, 1, 2, 3, 4, 0, 1]
    sessions = [0, 0, 0, 0, 0, 1, 1]
    kwargs: dict[str, Any] = {"nodes": "abcde", "sessions": ["big", "small"], "evidence": evidence}
    skip = project(actors, sessions, max_session_size=4, **kwargs)
    assert list_weights(skip) == {frozenset("ab"): 1}
    assert list(skip.nodes) == list("abcde")  # the big session's actors stay, untied
    assert skip.skipped_sessions == ("big",)
    assert skip.downweighted_sessions == ()
    down = project(actors, sessions, max_session_size=4, oversize="downweight", **kwargs)
    assert down.downweighted_sessions == ("big",)
    assert down.skipped_sessions == ()
    expected = {frozenset(p): 0.25 for p in itertools.combinations("abcde", 2)}
    expected[frozenset("ab")] = 1.25
    assert_same_weights(list_weights(down), expected)
    # Newman weights already count 1/(n-1): down-weighting changes nothing.
    newman = project(actors, sessions, weight="newman", **kwargs)
    newman_down = project(
        actors, sessions, weight="newman", max_session_size=4, oversize="downweight", **kwargs
    )
    assert_same_weights(list_weights(newman_down), list_weights(newman))
    if evidence:
        assert dict(zip(list_weights(down), down.evidence(), strict=True))[frozenset("ab")] == (
            "big",
            "small",
        )


# ------------------------------------------------------------------- EdgeList


@pytest.fixture
def edges() -> EdgeList:
    B = random_bipartite(30, 12, 0.2, seed=4)
    return projected_edges(B, [f"a{i}" for i in range(30)], weight="newman", evidence=True)


def test_to_networkx_is_the_graph_add_edges_from_builds(edges: EdgeList) -> None:
    G = edges.to_networkx()
    reference: nx.Graph[Any] = nx.Graph()
    reference.graph.update(edges.graph, skipped_sessions=(), downweighted_sessions=())
    assert edges.node_data is not None
    reference.add_nodes_from(zip(edges.nodes.tolist(), edges.node_data, strict=True))
    reference.add_edges_from(
        (edges.nodes[s], edges.nodes[t], {"weight": w, "sessions": ev})
        for s, t, w, ev in zip(
            edges.source, edges.target, edges.weight.tolist(), edges.evidence(), strict=True
        )
    )
    assert nx.utils.graphs_equal(G, reference)
    assert dict(G.degree) == dict(reference.degree)
    # The graph behaves as any networkx graph: it can be changed and copied.
    u, v = next(iter(G.edges))
    G.remove_edge(u, v)
    assert not G.has_edge(v, u)
    G.add_edge(u, v, weight=5)
    assert G[v][u]["weight"] == 5
    assert G.copy()[u][v] == {"weight": 5}
    assert "sessions" not in next(iter(edges.to_networkx(evidence=False).edges(data=True)))[2]


def test_degree_strength_and_scipy_agree_with_networkx(edges: EdgeList) -> None:
    G = edges.to_networkx()
    assert edges.degree()["degree"] == dict(G.degree)
    strength = edges.strength()["strength"]
    for node, value in G.degree(weight="weight"):
        assert strength[node] == pytest.approx(value, abs=1e-12)
    A = edges.to_scipy()
    expected = nx.to_scipy_sparse_array(G, nodelist=edges.nodes.tolist(), weight="weight")
    assert abs(A - expected).max() < 1e-12
    assert abs(A - A.T).max() == 0


def test_to_frame(edges: EdgeList) -> None:
    frame = edges.to_frame()
    assert list(frame.columns) == ["source", "target", "weight", "sessions"]
    assert len(frame) == len(edges)
    G = edges.to_networkx()
    for row in frame.itertuples():
        assert G[row.source][row.target]["sessions"] == row.sessions


def test_to_pandas_is_deprecated_and_gives_the_frame(edges: EdgeList) -> None:
    with pytest.warns(DeprecationWarning, match=r"use EdgeList\.to_frame\(\)") as caught:
        frame = edges.to_pandas()
    assert caught[0].filename == __file__
    assert frame.equals(edges.to_frame())


def test_edge_list_validation() -> None:
    with pytest.raises(ValueError, match="source < target"):
        EdgeList(nodes="ab", source=[1], target=[0], weight=[1])
    with pytest.raises(ValueError, match="one length"):
        EdgeList(nodes="ab", source=[0], target=[1], weight=[1, 2])
    with pytest.raises(ValueError, match="without evidence"):
        EdgeList(nodes="ab", source=[0], target=[1], weight=[1]).evidence()
    frozen = EdgeList(nodes="ab", source=[0], target=[1], weight=[1])
    with pytest.raises(ValueError, match="read-only"):
        frozen.weight[0] = 2


def test_empty_projection() -> None:
    edges = project([], [], nodes=[], sessions=[], evidence=True)
    assert len(edges) == 0
    assert edges.evidence() == []
    assert edges.to_networkx().number_of_nodes() == 0
    lone = project([0], [0], nodes=["a"], sessions=["s"], weight="newman", evidence=True)
    assert len(lone) == 0
    assert list(lone.to_networkx()) == ["a"]


# ------------------------------------------------------------------ bad input


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="out of range"):
        project([2], [0], nodes="ab", sessions="s")
    with pytest.raises(ValueError, match="differ in length"):
        project([0, 1], [0], nodes="ab", sessions="s")
    with pytest.raises(ValueError, match="weight must be"):
        project([0], [0], nodes="a", sessions="s", weight="jaccard")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="oversize must be"):
        project([0], [0], nodes="a", sessions="s", oversize="drop")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unique"):
        project([0], [0], nodes="aa", sessions="s")
    with pytest.raises(ValueError, match="max_session_size"):
        project([0], [0], nodes="a", sessions="s", max_session_size=0)
    B = nx.Graph([("a", "s"), ("b", "s")])
    with pytest.raises(nx.NetworkXNotImplemented):
        projected_graph(nx.DiGraph(B), ["a", "b"])
    with pytest.raises(nx.NetworkXNotImplemented):
        projected_graph(nx.MultiGraph(B), ["a", "b"])
    with pytest.raises(nx.NetworkXError, match="not in the graph"):
        projected_graph(B, ["a", "z"])
    with pytest.raises(nx.NetworkXError, match="not bipartite"):
        projected_graph(nx.Graph([("a", "s"), ("a", "b")]), ["a", "b"])
    with pytest.raises(nx.NetworkXError, match="not bipartite"):
        projected_graph(nx.Graph([("a", "s"), ("s", "t")]), ["a"])
