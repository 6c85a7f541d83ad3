"""The centrality table, against networkx and published values."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import MissingDependencyError
from coinnovation.network import _engines as engines
from coinnovation.network.centrality import MEASURES, centrality_table

ENGINES = ("scipy", "networkx", "rustworkx")


def _values(table: Any, column: str, G: nx.Graph[Any]) -> np.ndarray:
    found = table[column]
    return np.array([found[v] for v in G])


def _expect(found: dict[Any, float], G: nx.Graph[Any]) -> np.ndarray:
    return np.array([found[v] for v in G])


def _random_graph(seed: int, n: int, p: float, *, directed: bool, weighted: bool) -> nx.Graph:
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed)
    if weighted:
        for u, v in G.edges():
            G.edges[u, v]["weight"] = float(rng.randint(1, 5))
    return G


graphs = st.builds(
    _random_graph,
    seed=st.integers(0, 10_000),
    n=st.integers(3, 25),
    p=st.floats(0.05, 0.6),
    directed=st.booleans(),
    weighted=st.booleans(),
)


# -- published values -------------------------------------------------------------------------


def test_florentine_freeman_betweenness_matches_published_values() -> None:
    # Padgett's marriage network (15 families with ties), Freeman betweenness as published
    # in Hanneman & Riddle (2005), Introduction to Social Network Methods, ch. 10 (UCINET).
    G = nx.florentine_families_graph()
    published = {
        "Medici": 47.5,
        "Guadagni": 23.167,
        "Albizzi": 19.333,
        "Salviati": 13.0,
        "Ridolfi": 10.333,
        "Bischeri": 9.5,
        "Strozzi": 9.333,
        "Barbadori": 8.5,
        "Tornabuoni": 8.333,
        "Castellani": 5.0,
        "Peruzzi": 2.0,
        "Acciaiuoli": 0.0,
        "Ginori": 0.0,
        "Lamberteschi": 0.0,
        "Pazzi": 0.0,
    }
    for engine in ENGINES:
        table = centrality_table(G, measures=("betweenness",), normalized=False, engine=engine)
        for family, value in published.items():
            assert table["betweenness"][family] == pytest.approx(value, abs=1e-3), engine
        assert table.top("betweenness", 1)[0][0] == "Medici"


def test_florentine_every_value_matches_networkx() -> None:
    G = nx.florentine_families_graph()
    table = centrality_table(G)
    assert table.names == MEASURES
    expected = {
        "degree": nx.degree_centrality(G),
        "strength": dict(G.degree()),
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "eigenvector": nx.eigenvector_centrality_numpy(G),
        "pagerank": nx.pagerank(G),
    }
    for name, values in expected.items():
        np.testing.assert_allclose(_values(table, name, G), _expect(values, G), atol=1e-10)
    assert table.top("betweenness", 1)[0] == ("Medici", pytest.approx(0.521978, abs=1e-6))
    assert table.top("eigenvector", 1)[0][0] == "Medici"


# -- against networkx on random graphs --------------------------------------------------------


@given(graphs, st.booleans())
def test_path_measures_agree_with_networkx_on_every_engine(G: nx.Graph, normalized: bool) -> None:
    expected_b = _expect(nx.betweenness_centrality(G, normalized=normalized), G)
    expected_c = _expect(nx.closeness_centrality(G), G)
    for engine in ENGINES:
        table = centrality_table(
            G, measures=("betweenness", "closeness"), normalized=normalized, engine=engine
        )
        np.testing.assert_allclose(_values(table, "betweenness", G), expected_b, atol=1e-9)
        np.testing.assert_allclose(_values(table, "closeness", G), expected_c, atol=1e-9)


@given(graphs)
def test_closeness_with_distances_agrees_with_networkx(G: nx.Graph) -> None:
    for _u, _v, data in G.edges(data=True):
        data["distance"] = 1.0 / data.get("weight", 1.0)
    expected = _expect(nx.closeness_centrality(G, distance="distance"), G)
    for engine in ENGINES:
        for distance in ("inverse", "distance", lambda w: 1.0 / w):
            table = centrality_table(G, measures=("closeness",), distance=distance, engine=engine)
            np.testing.assert_allclose(_values(table, "closeness", G), expected, atol=1e-9)


@given(graphs)
def test_weighted_betweenness_uses_distances_like_networkx(G: nx.Graph) -> None:
    for _u, _v, data in G.edges(data=True):
        data["distance"] = 1.0 / data.get("weight", 1.0)
    expected = _expect(nx.betweenness_centrality(G, weight="distance"), G)
    table = centrality_table(G, measures=("betweenness",), distance="inverse")
    np.testing.assert_allclose(_values(table, "betweenness", G), expected, atol=1e-9)


@given(graphs, st.integers(0, 2**32), st.booleans())
def test_sampled_betweenness_samples_networkx_sources(
    G: nx.Graph, seed: int, normalized: bool
) -> None:
    k = max(1, len(G) // 2)
    expected = _expect(nx.betweenness_centrality(G, k=k, seed=seed, normalized=normalized), G)
    for engine in ("scipy", "networkx", "auto"):
        table = centrality_table(
            G, measures=("betweenness",), k=k, seed=seed, normalized=normalized, engine=engine
        )
        np.testing.assert_allclose(
            _values(table, "betweenness", G), expected, atol=1e-9, equal_nan=True
        )


@given(graphs)
def test_degree_strength_pagerank_agree_with_networkx(G: nx.Graph) -> None:
    table = centrality_table(G, measures=("degree", "strength", "pagerank"))
    np.testing.assert_allclose(
        _values(table, "degree", G), _expect(nx.degree_centrality(G), G), atol=1e-12
    )
    np.testing.assert_allclose(
        _values(table, "strength", G), _expect(dict(G.degree(weight="weight")), G), atol=1e-12
    )
    np.testing.assert_allclose(_values(table, "pagerank", G), _expect(nx.pagerank(G), G), atol=1e-8)
    raw = centrality_table(G, measures=("degree",), normalized=False)
    np.testing.assert_allclose(_values(raw, "degree", G), _expect(dict(G.degree()), G))


@given(graphs, st.floats(0.5, 0.95))
def test_pagerank_matches_networkx_with_any_alpha_and_self_loops(G: nx.Graph, alpha: float) -> None:
    if len(G) > 2:
        G.add_edge(0, 0, weight=2.0)
        G.add_node("isolate")
    table = centrality_table(G, measures=("pagerank",), alpha=alpha, tol=1e-10, max_iter=1000)
    expected = nx.pagerank(G, alpha=alpha, tol=1e-10, max_iter=1000)
    np.testing.assert_allclose(_values(table, "pagerank", G), _expect(expected, G), atol=1e-8)


@given(graphs)
def test_eigenvector_matches_networkx(G: nx.Graph) -> None:
    G = G.to_undirected() if G.is_directed() else G
    table = centrality_table(G, measures=("eigenvector",))
    found = _values(table, "eigenvector", G)
    if nx.is_connected(G):
        expected = _expect(nx.eigenvector_centrality_numpy(G, weight="weight"), G)
        np.testing.assert_allclose(found, expected, atol=1e-8)
    assert np.linalg.norm(found) == pytest.approx(1.0)
    assert (found >= -1e-12).all()


def test_eigenvector_on_disconnected_graphs_is_the_limit_of_networkx_iteration() -> None:
    # Two components with different leading eigenvalues: the smaller gets 0.
    G = nx.disjoint_union(nx.complete_graph(5), nx.path_graph(4))
    G.add_node("alone")
    expected = nx.eigenvector_centrality(G, max_iter=10_000, tol=1e-14)
    found = centrality_table(G, measures=("eigenvector",))["eigenvector"]
    for node in G:
        assert found[node] == pytest.approx(expected[node], abs=1e-7)
    assert found[6] == 0.0
    # Two identical components tie: they share the centrality equally.
    H = nx.disjoint_union(nx.cycle_graph(5), nx.cycle_graph(5))
    found = centrality_table(H, measures=("eigenvector",))["eigenvector"]
    expected = nx.eigenvector_centrality(H, max_iter=10_000, tol=1e-14)
    for node in H:
        assert found[node] == pytest.approx(expected[node], abs=1e-7)
        assert found[node] == pytest.approx(1 / np.sqrt(10))
    # Components of unequal size but equal leading eigenvalue share by their vectors' sums.
    K = nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(6))
    found = centrality_table(K, measures=("eigenvector",))["eigenvector"]
    expected = nx.eigenvector_centrality(K, max_iter=10_000, tol=1e-14)
    for node in K:
        assert found[node] == pytest.approx(expected[node], abs=1e-7)


def test_eigenvector_on_a_large_sparse_graph_uses_the_sparse_solver() -> None:
    G = nx.powerlaw_cluster_graph(300, 3, 0.2, seed=5)
    found = _values(centrality_table(G, measures=("eigenvector",), weight=None), "eigenvector", G)
    np.testing.assert_allclose(found, _expect(nx.eigenvector_centrality_numpy(G), G), atol=1e-9)


def test_directed_eigenvector_runs_networkx_power_iteration() -> None:
    G = nx.gnp_random_graph(30, 0.2, seed=4, directed=True)
    found = centrality_table(G, measures=("eigenvector",), weight=None)["eigenvector"]
    expected = nx.eigenvector_centrality(G)
    for node in G:
        assert found[node] == pytest.approx(expected[node], abs=1e-9)
    cycle = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    values = centrality_table(cycle, measures=("eigenvector",))["eigenvector"]
    assert values == pytest.approx({0: 3**-0.5, 1: 3**-0.5, 2: 3**-0.5})


def test_scipy_betweenness_batches_give_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    G = nx.powerlaw_cluster_graph(120, 2, 0.3, seed=9)
    whole = centrality_table(G, measures=("betweenness", "closeness"), engine="scipy")
    monkeypatch.setattr(engines, "_BATCH_CELLS", 500)  # four sources per batch
    batched = centrality_table(G, measures=("betweenness", "closeness"), engine="scipy")
    for name in ("betweenness", "closeness"):
        np.testing.assert_allclose(_values(batched, name, G), _values(whole, name, G))


def _closeness_by_matrix_products(G: nx.Graph[Any]) -> np.ndarray:
    """The library's closeness before issue 11: every search level one sparse-matrix product.

    Kept here as the slow reference of the bit-parallel searches.
    """
    graph = engines._arrays(G, None)
    n = graph.n
    loops = graph.source == graph.target
    A = engines._Arrays(
        graph.nodes,
        graph.directed,
        graph.source[~loops],
        graph.target[~loops],
        np.ones(int((~loops).sum())),
    ).adjacency()
    sums = np.zeros(n)
    reached = np.zeros(n)
    for start in range(0, n, 7):
        indices = np.arange(start, min(n, start + 7))
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
    return engines._closeness_from(sums, reached, n)


def _sparse_graph(seed: int, n: int, kind: str, directed: bool) -> nx.Graph:
    rng = random.Random(seed)
    create = nx.DiGraph if directed else nx.Graph
    if kind == "path":  # the longest searches: one level per node
        G = nx.path_graph(n, create_using=create)
    elif kind == "clique":  # a plenary beside a sparse rest
        G = nx.gnp_random_graph(n, 2 / max(n, 1), seed=seed, directed=directed)
        members = rng.sample(range(n), min(n, 40))
        G.add_edges_from((u, v) for u in members for v in members if u != v)
    else:
        G = nx.gnp_random_graph(n, rng.uniform(0.0, 0.08), seed=seed, directed=directed)
    G.add_edges_from((v, v) for v in range(0, n, 11))  # self-loops change no distance
    return G


@given(
    st.integers(0, 10_000),
    st.integers(1, 260),
    st.sampled_from(["random", "path", "clique"]),
    st.booleans(),
    st.sampled_from([8_000_000, 1, 300]),
)
def test_bit_parallel_closeness_equals_the_matrix_product_searches(
    seed: int, n: int, kind: str, directed: bool, words: int
) -> None:
    # More than 64 sources (several words), several batches, push and pull levels: every
    # closeness exactly as the searches by sparse-matrix products gave it.
    G = _sparse_graph(seed, n, kind, directed)
    expected = _closeness_by_matrix_products(G)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engines, "_BATCH_WORDS", words)
        found = centrality_table(G, measures=("closeness",), engine="scipy")
    assert np.array_equal(found.columns["closeness"], expected)


# -- invariants -------------------------------------------------------------------------------


@given(graphs, st.randoms(use_true_random=False))
def test_relabelling_nodes_changes_nothing(G: nx.Graph, rnd: random.Random) -> None:
    names = [f"n{i}" for i in range(len(G))]
    rnd.shuffle(names)
    mapping = dict(zip(G, names, strict=True))
    H = nx.relabel_nodes(G, mapping)
    order = list(H)
    rnd.shuffle(order)
    H2 = H.__class__()
    H2.add_nodes_from(order)
    H2.add_edges_from(H.edges(data=True))
    # (directed eigenvector centrality may not converge on these graphs: left out there)
    measures = tuple(m for m in MEASURES if not (G.is_directed() and m == "eigenvector"))
    before = centrality_table(G, engine="scipy", measures=measures).to_dict()
    after = centrality_table(H2, engine="scipy", measures=measures).to_dict()
    for node, row in before.items():
        assert after[mapping[node]] == pytest.approx(row, abs=1e-9)


def test_sampled_betweenness_is_reproducible_with_a_seed() -> None:
    G = nx.powerlaw_cluster_graph(200, 2, 0.1, seed=1)
    first = centrality_table(G, measures=("betweenness",), k=20, seed=7)["betweenness"]
    again = centrality_table(G, measures=("betweenness",), k=20, seed=7)["betweenness"]
    other = centrality_table(G, measures=("betweenness",), k=20, seed=8)["betweenness"]
    assert first == again
    assert first != other
    generator = centrality_table(G, measures=("betweenness",), k=20, seed=np.random.default_rng(3))[
        "betweenness"
    ]
    assert generator == pytest.approx(
        centrality_table(
            G, measures=("betweenness",), k=20, seed=np.random.default_rng(3), engine="networkx"
        )["betweenness"]
    )


def test_all_sources_sampled_equals_exact_betweenness() -> None:
    G = nx.karate_club_graph()
    exact = centrality_table(G, measures=("betweenness",), weight=None)["betweenness"]
    sampled = centrality_table(G, measures=("betweenness",), k=len(G), seed=0)["betweenness"]
    assert sampled == pytest.approx(exact)


def test_small_and_empty_graphs() -> None:
    assert len(centrality_table(nx.Graph())) == 0
    one = nx.Graph()
    one.add_node("x")
    assert centrality_table(one).row("x") == {
        "degree": 1.0,
        "strength": 0.0,
        "betweenness": 0.0,
        "closeness": 0.0,
        "eigenvector": 1.0,
        "pagerank": 1.0,
    }
    edgeless = nx.empty_graph(4)
    table = centrality_table(edgeless)
    assert table["eigenvector"] == pytest.approx(dict.fromkeys(range(4), 0.5))
    assert table["pagerank"] == pytest.approx(dict.fromkeys(range(4), 0.25))


# -- options and errors -----------------------------------------------------------------------


def test_measures_come_in_the_order_asked() -> None:
    table = centrality_table(nx.path_graph(3), measures=("pagerank", "degree"))
    assert table.names == ("pagerank", "degree")


def test_weight_none_counts_each_tie_once() -> None:
    G = nx.Graph([(0, 1, {"weight": 5.0}), (1, 2, {"weight": 1.0})])
    assert centrality_table(G, measures=("strength",), weight=None)["strength"] == {
        0: 1,
        1: 2,
        2: 1,
    }
    assert centrality_table(G, measures=("strength",))["strength"] == {0: 5, 1: 6, 2: 1}


def test_errors() -> None:
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="unknown measures"):
        centrality_table(G, measures=("fame",))
    with pytest.raises(ValueError, match="unknown engine"):
        centrality_table(G, engine="igraph")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="step counts only"):
        centrality_table(G, measures=("betweenness",), distance="inverse", engine="rustworkx")
    with pytest.raises(ValueError, match="step counts only"):
        centrality_table(G, measures=("betweenness",), distance="inverse", engine="scipy")
    with pytest.raises(ValueError, match="no sampled betweenness"):
        centrality_table(G, measures=("betweenness",), k=2, engine="rustworkx")
    with pytest.raises(ValueError, match="k must be"):
        centrality_table(G, measures=("betweenness",), k=9, engine="scipy")
    zero = nx.Graph([(0, 1, {"weight": 0.0})])
    with pytest.raises(ValueError, match="positive"):
        centrality_table(zero, measures=("closeness",), distance="inverse")
    with pytest.raises(TypeError, match="multigraphs"):
        centrality_table(nx.MultiGraph([(0, 1), (0, 1)]))
    with pytest.raises(ValueError, match="one distance per edge"):
        centrality_table(G, measures=("closeness",), distance=lambda w: w[:1])


def test_missing_rustworkx_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(module_name: str, extra: str, feature: str) -> Any:
        raise MissingDependencyError(module_name, extra, feature)

    monkeypatch.setattr(engines, "require", missing)
    G = nx.path_graph(5)
    with pytest.raises(MissingDependencyError, match=r"coinnovation\[fast\]"):
        centrality_table(G, measures=("closeness",), engine="rustworkx")
    # auto falls back to scipy, with the same values
    table = centrality_table(G, measures=("betweenness", "closeness"))
    assert table["betweenness"] == pytest.approx(nx.betweenness_centrality(G))


def test_backend_is_passed_to_networkx() -> None:
    G = nx.path_graph(5)
    table = centrality_table(G, measures=("betweenness", "closeness"), backend="networkx")
    assert table["betweenness"] == pytest.approx(nx.betweenness_centrality(G))
    with pytest.raises(ImportError, match="no_such_backend"):
        centrality_table(G, measures=("betweenness",), backend="no_such_backend")


# -- from a hub -------------------------------------------------------------------------------


def test_an_edge_list_gives_the_table_of_its_graph() -> None:
    from coinnovation.network.build import collaboration_edges
    from coinnovation.testing.synthetic import synthetic_hub

    edges = collaboration_edges(synthetic_hub(600, seed=4), weight="newman")
    G = edges.to_networkx(evidence=False)
    for engine in ENGINES:
        from_edges = centrality_table(
            edges,
            engine=engine,
            distance="inverse",
            measures=(*MEASURES[:2], "closeness", "pagerank"),
        )
        from_graph = centrality_table(
            G, engine=engine, distance="inverse", measures=(*MEASURES[:2], "closeness", "pagerank")
        )
        assert from_edges.nodes == from_graph.nodes
        for name in from_graph.names:
            np.testing.assert_allclose(
                from_edges.columns[name], from_graph.columns[name], atol=1e-10
            )
    exact = centrality_table(edges, measures=("betweenness", "eigenvector"), weight=None)
    expected = centrality_table(
        G, measures=("betweenness", "eigenvector"), weight=None, engine="networkx"
    )
    np.testing.assert_allclose(
        exact.columns["betweenness"], expected.columns["betweenness"], atol=1e-10
    )
    np.testing.assert_allclose(
        exact.columns["eigenvector"], expected.columns["eigenvector"], atol=1e-8
    )
    with pytest.raises(ValueError, match="no edge attributes"):
        centrality_table(edges, measures=("closeness",), distance="distance")
