"""Permutation tests of group measures: against the public measures, exact enumeration, calibration.

Every check here is against an independent computation: the measures of
``coinnovation.network.groups`` and networkx for the observed values, a brute-force
enumeration of every permutation of the node labels (itertools, E-I counted in exact
fractions) for the exact p-values, and seeded simulations under a true and a false null
for calibration (Kolmogorov–Smirnov against the uniform distribution).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from coinnovation import load
from coinnovation.errors import MissingAttributeError, NullModelError
from coinnovation.heart import heart_report
from coinnovation.inference import (
    MAX_LABELLINGS,
    BipartiteNull,
    NullTests,
    heart_tests,
    permutation_test,
    permutation_tests,
)
from coinnovation.network import affiliation_graph, collaboration_graph
from coinnovation.network.groups import assortativity, brokerage, ei_index, mixing
from tests.conftest import EXAMPLE

# -- graphs ----------------------------------------------------------------------------------


def _graph(
    seed: int, n: int = 12, p: float = 0.3, groups: str = "abc", *, directed: bool = False
) -> nx.Graph[Any]:
    """A random graph with random labels and random integer weights (1 to 5)."""
    rng = np.random.default_rng(seed)
    G: nx.Graph[Any] = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    for u, v in G.edges:
        G[u][v]["weight"] = int(rng.integers(1, 6))
    labels = rng.choice(list(groups), size=n)
    nx.set_node_attributes(G, dict(enumerate(labels.tolist())), "sector")
    return G


graph_seeds = st.integers(0, 2**31 - 1)


# -- the observed values are the library's measures ------------------------------------------


@given(graph_seeds, st.booleans(), st.sampled_from([None, "weight"]))
def test_observed_values_equal_the_public_measures(
    seed: int, directed: bool, weight: str | None
) -> None:
    G = _graph(seed, directed=directed)
    reference = ei_index(G, weight=weight)
    test = permutation_test(G, "ei", weight=weight, permutations=5, seed=0)
    if np.isnan(reference.whole):
        assert test.observed is None
        assert test.reason
    else:
        assert test.observed == pytest.approx(reference.whole, abs=1e-12)
    groups = permutation_tests(G, "ei", weight=weight, permutations=5, seed=0)
    for group, value in reference.groups.items():
        observed = groups[group].observed
        assert (observed is None) if np.isnan(value) else observed == pytest.approx(value)
        single = permutation_test(G, "ei", group=group, weight=weight, permutations=3, seed=0)
        assert single.observed == observed
    r = assortativity(G, weight=weight)
    observed_r = permutation_test(G, "assortativity", weight=weight, permutations=3).observed
    assert (observed_r is None) if np.isnan(r) else observed_r == pytest.approx(r, abs=1e-12)
    matrix = mixing(G, weight=weight)
    cells = permutation_tests(G, "mixing", weight=weight, permutations=3, seed=0)
    for (g, h), cell in cells.tests.items():
        i, j = matrix.groups.index(g), matrix.groups.index(h)
        assert cell.observed == pytest.approx(matrix.matrix[i, j])
    assert len(cells) == (9 if directed else 6) or len(matrix.groups) < 3
    roles = permutation_tests(G, "brokerage", permutations=3, seed=0)
    for group, counts in brokerage(G).groups.items():
        for role, count in counts.items():
            assert roles[group, role].observed == count


@settings(max_examples=8)
@given(graph_seeds, st.booleans())
def test_every_draw_is_the_measure_of_a_relabelled_graph(seed: int, directed: bool) -> None:
    """The exact null distribution, labelling by labelling, equals the public measures."""
    G = _graph(seed, n=7, p=0.4, groups="aab", directed=directed)
    for i, node in enumerate(G):
        G.nodes[node]["sector"] = "a" if i < 4 else "b"  # 35 labellings
    test = permutation_test(G, "ei", exact=True)
    groups = permutation_tests(G, "brokerage", exact=True)
    expected, roles = [], []
    for chosen in itertools.combinations(list(G), 4):
        H = G.copy()
        nx.set_node_attributes(H, {v: "a" if v in chosen else "b" for v in H}, "sector")
        expected.append(ei_index(H).whole)
        roles.append(brokerage(H).groups["a"]["gatekeeper"])
    finite = [value for value in expected if not np.isnan(value)]
    assert sorted(test.null.tolist()) == pytest.approx(sorted(finite))
    assert sorted(groups["a", "gatekeeper"].null.tolist()) == sorted(roles)


# -- exact p-values against brute-force enumeration -------------------------------------------


def _ei_fraction(G: nx.Graph[Any], labels: dict[Any, str]) -> Fraction | None:
    external = sum(labels[u] != labels[v] for u, v in G.edges if u != v)
    internal = sum(labels[u] == labels[v] for u, v in G.edges if u != v)
    if external + internal == 0:
        return None
    return Fraction(external - internal, external + internal)


def _brute_force(values: list[Any], observed: Any) -> tuple[float, float, float]:
    """p_greater, p_less, p_two_sided over every permutation (no +1: the exact fractions)."""
    count = len(values)
    mean = sum(values) / count
    greater = sum(value >= observed for value in values) / count
    less = sum(value <= observed for value in values) / count
    two = sum(abs(value - mean) >= abs(observed - mean) for value in values) / count
    return float(greater), float(less), float(two)


@pytest.mark.parametrize("seed", range(6))
def test_exact_ei_p_values_equal_enumeration_of_every_permutation(seed: int) -> None:
    G = _graph(seed, n=8, p=0.35, groups="abc")
    nodes = list(G)
    labels = [G.nodes[v]["sector"] for v in nodes]
    observed = _ei_fraction(G, dict(zip(nodes, labels, strict=True)))
    if observed is None:
        pytest.skip("no ties")
    values = []
    for order in itertools.permutations(labels):  # 8! = 40,320 permutations
        value = _ei_fraction(G, dict(zip(nodes, order, strict=True)))
        assert value is not None
        values.append(value)
    test = permutation_test(G, "ei", exact=True)
    assert test.exact
    assert test.seed is None
    assert test.observed == pytest.approx(float(observed), abs=1e-15)
    expected = _brute_force(values, observed)
    actual = (test.p_greater, test.p_less, test.p_two_sided)
    assert actual == pytest.approx(expected, abs=1e-12)
    assert test.null.mean() == pytest.approx(float(sum(values) / len(values)), abs=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_exact_assortativity_p_values_equal_enumeration_with_networkx(seed: int) -> None:
    G = _graph(seed + 100, n=7, p=0.4, groups="ab")
    nodes = list(G)
    labels = [G.nodes[v]["sector"] for v in nodes]
    if len(set(labels)) < 2 or G.number_of_edges() == 0:
        pytest.skip("one group or no ties")

    def r(order: tuple[str, ...]) -> float:
        H = G.copy()
        nx.set_node_attributes(H, dict(zip(nodes, order, strict=True)), "sector")
        return float(nx.attribute_assortativity_coefficient(H, "sector"))

    values = [r(order) for order in itertools.permutations(labels)]  # 7! = 5,040
    observed = r(tuple(labels))
    test = permutation_test(G, "assortativity", exact=True)
    assert test.observed == pytest.approx(observed, abs=1e-12)
    # The same counts, with the library's relative tolerance for ties of floating values.
    slack = 1e-9 * max(1.0, abs(observed))
    mean = float(np.mean(values))
    count = len(values)
    expected = (
        sum(value >= observed - slack for value in values) / count,
        sum(value <= observed + slack for value in values) / count,
        sum(abs(v - mean) >= abs(observed - mean) - 1e-9 for v in values) / count,
    )
    actual = (test.p_greater, test.p_less, test.p_two_sided)
    assert actual == pytest.approx(expected, abs=1e-12)


def test_exact_enumeration_counts_each_distinct_labelling_once() -> None:
    G = nx.path_graph(9)
    nx.set_node_attributes(G, dict(enumerate("aaabbbccc")), "sector")
    test = permutation_test(G, "ei", exact=True)
    assert test.permutations == 1680  # 9! / (3! 3! 3!)
    assert ", exact;" in test.reading()


@given(st.lists(st.integers(0, 3), min_size=1, max_size=3))
def test_every_labelling_is_each_distinct_labelling_once(sizes: list[int]) -> None:
    from coinnovation.inference import _arrays

    counts = np.asarray(sizes, dtype=np.int64)
    rows = _arrays.every_labelling(counts)
    assert len(rows) == _arrays.labelling_count(counts)
    assert len({row.tobytes() for row in rows}) == len(rows)
    for row in rows:
        assert np.array_equal(np.bincount(row, minlength=len(sizes)), counts)


def test_multigraphs_count_parallel_edges_as_ei_index_does() -> None:
    G = nx.MultiGraph([(1, 2), (1, 2), (2, 3), (3, 4), (3, 3)])
    nx.set_node_attributes(G, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
    assert permutation_test(G, "ei", permutations=3).observed == ei_index(G).whole
    D = nx.MultiDiGraph(G)
    assert permutation_test(D, "ei", permutations=3).observed == ei_index(D).whole
    assert permutation_tests(D, "ei", permutations=3)["a"].observed == ei_index(D).groups["a"]


def test_exact_refuses_too_many_labellings_naming_the_count() -> None:
    G = nx.path_graph(20)
    nx.set_node_attributes(G, {v: "abcd"[v % 4] for v in G}, "sector")
    with pytest.raises(NullModelError, match="11,732,745,024 distinct labellings"):
        permutation_test(G, "ei", exact=True)
    assert MAX_LABELLINGS == 200_000


# -- calibration -------------------------------------------------------------------------------

#: The level at which the Kolmogorov–Smirnov test may reject uniformity: the simulations are
#: seeded, so the check is deterministic; 0.01 leaves room for the p-values' grid (k / 200).
KS_LEVEL = 0.01


def test_p_values_are_uniform_under_a_true_null() -> None:
    """200 graphs with labels drawn at random, 199 relabellings each: p_less ~ U(0, 1)."""
    rng = np.random.default_rng(12)
    p_values = []
    for graph in range(200):
        G = nx.gnp_random_graph(30, 0.15, seed=graph)
        for u, v in G.edges:
            G[u][v]["weight"] = float(rng.exponential())  # continuous: no ties in E-I
        nx.set_node_attributes(G, dict(enumerate(rng.choice(list("abc"), 30))), "sector")
        test = permutation_test(G, "ei", weight="weight", permutations=199, seed=graph)
        p_values.append(test.p_less)
    result = stats.kstest(p_values, "uniform")
    assert result.pvalue > KS_LEVEL, result
    assert 0.4 < float(np.mean(p_values)) < 0.6


def test_p_values_fall_under_a_planted_effect() -> None:
    """Homophilous graphs (ties 6 times likelier inside a group): p_less of E-I is small."""
    p_values = []
    for graph in range(40):
        sizes = [10, 10, 10]
        probabilities = [[0.3 if i == j else 0.05 for j in range(3)] for i in range(3)]
        G = nx.stochastic_block_model(sizes, probabilities, seed=graph)
        nx.set_node_attributes(G, {v: "abc"[v // 10] for v in G}, "sector")
        p_values.append(permutation_test(G, "ei", permutations=199, seed=graph).p_less)
        assert permutation_test(G, "assortativity", permutations=99, seed=graph).p_greater < 0.05
    assert np.mean(np.asarray(p_values) <= 0.05) >= 0.95
    assert stats.kstest(p_values, "uniform").pvalue < 1e-6


# -- reproducibility and the engine ------------------------------------------------------------


def test_the_same_seed_gives_the_same_draws() -> None:
    G = _graph(3, n=40, p=0.1)
    first = permutation_tests(G, "ei", permutations=300, seed=5)
    again = permutation_tests(G, "ei", permutations=300, seed=5)
    other = permutation_tests(G, "ei", permutations=300, seed=6)
    for key in first:
        assert np.array_equal(first[key].null, again[key].null)
        assert first[key].seed == 5
    assert any(not np.array_equal(first[k].null, other[k].null) for k in first)


@pytest.mark.parametrize("measure", ["ei", "mixing", "brokerage"])
def test_blocks_do_not_change_the_values(measure: str) -> None:
    """A draw's value is its own: the same relabellings measured in one block or in several."""
    from coinnovation.inference import _arrays
    from coinnovation.inference.permutation import _plan

    G = _graph(4, n=30, p=0.2)
    labels = _arrays.labels_of(G, "sector", None)
    edges = _arrays.edges_of(G, "weight")
    plan = _plan(measure, labels, "sector", None, family=True, directed=False)
    (block,) = _arrays.relabellings(labels.codes, 60, np.random.default_rng(0), 60)
    whole = plan.kernel(edges, block)
    parts = [plan.kernel(edges, np.ascontiguousarray(block[:, i : i + 7])) for i in range(0, 60, 7)]
    assert np.array_equal(whole, np.concatenate(parts), equal_nan=True)
    assert _arrays.block_size(10**9) == 1
    assert _arrays.block_size(0) == 1024


def test_relabellings_keep_group_sizes() -> None:
    from coinnovation.inference import _arrays

    codes = np.array([0, 0, 1, 2, 2, 2], dtype=np.int8)
    for block in _arrays.relabellings(codes, 50, np.random.default_rng(0), 16):
        assert block.shape[0] == codes.size
        assert (np.sort(block, axis=0) == np.sort(codes)[:, None]).all()


def test_results_read_and_tabulate() -> None:
    G = _graph(8, n=20, p=0.2)
    tests = permutation_tests(G, "mixing", permutations=99, seed=1)
    assert isinstance(tests, NullTests)
    frame = tests.to_frame()
    assert list(frame.columns[:2]) == ["from", "to"]
    assert {"p_holm", "p_two_sided", "null_mean"} <= set(frame.columns)
    assert frame.index.name == "test"
    assert len(tests.reading().splitlines()) == len(tests)
    adjusted = tests.holm()
    for key, test in tests.tests.items():
        p = test.p_two_sided
        assert p is None or adjusted[key] >= p
    assert "<table" in tests._repr_html_()


def test_an_empty_graph_gives_empty_families_and_undefined_tests() -> None:
    G: nx.Graph[Any] = nx.Graph()
    for measure in ("ei", "mixing", "brokerage"):
        assert len(permutation_tests(G, measure, permutations=3)) == 0  # type: ignore[arg-type]
    assert permutation_test(G, "ei", exact=True).observed is None
    G.add_node(1, sector="a")
    assert permutation_tests(G, "mixing", exact=True)["a", "a"].observed == 0.0


def test_an_undefined_statistic_is_none_with_a_reason() -> None:
    G = nx.Graph()
    G.add_nodes_from([(1, {"sector": "a"}), (2, {"sector": "b"})])
    test = permutation_test(G, "ei", permutations=9, seed=0)
    assert test.observed is None
    assert test.reason == "the network has no ties"
    assert test.p_greater is None
    assert test.undefined == 9


# -- bad input ---------------------------------------------------------------------------------


def test_bad_input_is_refused_with_the_name() -> None:
    G = _graph(1)
    G.add_node("lonely")
    with pytest.raises(MissingAttributeError, match="'lonely'"):
        permutation_test(G, "ei")
    G.nodes["lonely"]["sector"] = "a"
    with pytest.raises(ValueError, match="measure must be 'ei' or 'assortativity'"):
        permutation_test(G, "mixing")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="measure must be 'ei', 'mixing' or 'brokerage'"):
        permutation_tests(G, "assortativity")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no group 'z'"):
        permutation_test(G, "ei", group="z")
    with pytest.raises(ValueError, match="assortativity has no groups"):
        permutation_test(G, "assortativity", group="a")
    with pytest.raises(ValueError, match="at least 1"):
        permutation_test(G, "ei", permutations=0)
    with pytest.raises(TypeError, match="permutations must be an int"):
        permutation_test(G, "ei", permutations=9.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seed"):
        permutation_test(G, "ei", seed=-1)
    with pytest.raises(ValueError, match="null must be"):
        permutation_test(G, "ei", null="bipartite")  # type: ignore[arg-type]
    assert permutation_test(G, "ei", default="a", permutations=3).observed is not None


# -- the bipartite null ------------------------------------------------------------------------


@st.composite
def incidences(draw: st.DrawFn) -> list[set[int]]:
    actors = draw(st.integers(2, 12))
    sessions = draw(st.integers(1, 8))
    return [
        set(draw(st.lists(st.integers(0, sessions - 1), max_size=sessions, unique=True)))
        for _ in range(actors)
    ]


@given(incidences(), st.integers(0, 2**32 - 1), st.integers(0, 200))
def test_curveball_keeps_every_degree_exactly(rows: list[set[int]], seed: int, trades: int) -> None:
    from coinnovation.inference import _arrays

    chain = _arrays.Curveball(rows, np.random.default_rng(seed))
    chain.trade(trades)
    assert [len(row) for row in chain.rows] == [len(row) for row in rows]
    before = np.bincount([s for row in rows for s in row], minlength=8)
    actor, session = chain.incidence()
    assert np.array_equal(np.bincount(session, minlength=8), before)
    assert np.array_equal(np.bincount(actor, minlength=len(rows)), [len(r) for r in rows])


def test_curveball_mixes() -> None:
    """From a block-diagonal matrix, trades reach other matrices, and most cells move."""
    from coinnovation.inference import _arrays

    rows = [set(range(5)) if i < 10 else set(range(5, 10)) for i in range(20)]
    chain = _arrays.Curveball(rows, np.random.default_rng(0))
    chain.trade(200)
    assert chain.rows != rows
    kept = sum(len(a & b) for a, b in zip(chain.rows, rows, strict=True))
    assert kept < 0.75 * sum(map(len, rows))


def test_bipartite_null_on_the_example_hub() -> None:
    hub = load(EXAMPLE)
    G = collaboration_graph(hub, level="person", kind="table")
    B = affiliation_graph(hub, kind="table")
    null = BipartiteNull(B, burn_in=200, thinning=50)
    test = permutation_test(G, "ei", null=null, permutations=40, seed=3)
    assert test.observed == pytest.approx(ei_index(G, default=None).whole)
    assert test.null_model == "bipartite"
    assert test.permutations == 40
    assert test.draws == "rewired affiliation networks"
    assert test.null.std() > 0
    again = permutation_test(G, "ei", null=null, permutations=40, seed=3)
    assert np.array_equal(test.null, again.null)
    weighted = permutation_tests(G, "ei", null=null, permutations=10, seed=3, weight="weight")
    assert weighted["community"].observed == pytest.approx(
        ei_index(G, weight="weight").groups["community"]
    )


def test_bipartite_null_refuses_a_graph_it_does_not_project_to() -> None:
    hub = load(EXAMPLE)
    B = affiliation_graph(hub, kind="table")
    everything = collaboration_graph(hub, level="person")
    with pytest.raises(
        NullModelError, match="1 node is not among the affiliation network's actors"
    ):
        permutation_test(everything, "ei", null=BipartiteNull(B), permutations=2)
    strong = collaboration_graph(hub, level="person", kind="table", min_weight=2)
    with pytest.raises(NullModelError, match="ties, the graph has"):
        permutation_test(strong, "ei", null=BipartiteNull(B), permutations=2)
    organisations = collaboration_graph(hub, level="organisation", kind="table")
    with pytest.raises(
        NullModelError, match="nodes are not among the affiliation network's actors"
    ):
        permutation_test(organisations, "ei", null=BipartiteNull(B), permutations=2)
    with pytest.raises(ValueError, match="exact=True"):
        permutation_test(strong, "ei", null=BipartiteNull(B), exact=True)
    with pytest.raises(ValueError, match="burn_in must not be negative"):
        BipartiteNull(B, burn_in=-1)


# -- the heart ---------------------------------------------------------------------------------


def test_heart_tests_observe_the_reports_values() -> None:
    hub = load(EXAMPLE)
    report = heart_report(hub, kind="table")
    tests = heart_tests(hub, kind="table", permutations=199, seed=2)
    assert tests["centrality"].observed == pytest.approx(report["centrality"].value)
    assert tests["brokerage"].observed == pytest.approx(report["brokerage"].value)
    assert tests.keys == ("indicator",)
    # Relabelling keeps the number of community nodes: the brokerage share's null mean
    # is that number's share of the nodes.
    share = report["brokerage"].figures["node_share"]
    assert tests["brokerage"].null.mean() == pytest.approx(share, abs=0.03)


def test_heart_tests_exact_on_a_small_network() -> None:
    hub = load(EXAMPLE)
    tests = heart_tests(hub, kind="table", level="sector", exact=True)
    # Five sectors, one of them community: each of the five nodes is it once.
    assert tests["brokerage"].permutations + tests["brokerage"].undefined == 5
    assert tests["brokerage"].exact


@given(st.integers(0, 600), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_column_counts_count_the_ones(rows: int, columns: int, seed: int) -> None:
    from coinnovation.inference import _arrays

    ones = (np.random.default_rng(seed).random((rows, columns)) < 0.7).astype(np.uint8)
    assert np.array_equal(_arrays.column_counts(ones), ones.sum(axis=0))


@pytest.mark.parametrize("levels", [3, 500])
def test_weighted_draws_equal_the_measure_of_each_relabelled_graph(levels: int) -> None:
    """Few distinct weights (summed level by level) and many (a floating-point product)."""
    G = _graph(21, n=8, p=0.5)
    rng = np.random.default_rng(0)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(1, levels + 1)) / 7
    for i, node in enumerate(G):
        G.nodes[node]["sector"] = "ab"[i % 2]  # 70 labellings
    test = permutation_test(G, "ei", weight="weight", exact=True)
    expected = []
    for chosen in itertools.combinations(list(G), 4):
        H = G.copy()
        nx.set_node_attributes(H, {v: "a" if v in chosen else "b" for v in H}, "sector")
        expected.append(ei_index(H, weight="weight").whole)
    assert sorted(test.null.tolist()) == pytest.approx(sorted(expected), abs=1e-12)


def test_record_indicators_draw_the_report_of_relabelled_hubs() -> None:
    """Three organisations, one per sector; framings by their members: voice 2/4 for o-c.

    Shuffling the three sectors makes each organisation the community one a third of the
    time, so voice is 2/4 (o-c), 1/4 (o-f) or 1/4 (o-u): null mean 1/3.
    """
    from coinnovation.models import (
        Challenge,
        Framing,
        Hub,
        Membership,
        Organisation,
        Participation,
        Person,
        Session,
    )

    organisations = (
        Organisation(id="o-c", name="C", sector="community"),
        Organisation(id="o-f", name="F", sector="industry"),
        Organisation(id="o-u", name="U", sector="academia"),
    )
    people = tuple(Person(id=f"p-{o}", name=o) for o in "cfu")
    hub = Hub(
        organisations=organisations,
        people=people,
        memberships=tuple(
            Membership(id=f"m-{o}", person=f"p-{o}", organisation=f"o-{o}") for o in "cfu"
        ),
        challenges=(Challenge(id="ch-1", title="Access", stage="framing"),),
        sessions=(Session(id="s-1", name="Table"),),
        participations=tuple(
            Participation(id=f"pa-{o}", session="s-1", person=f"p-{o}") for o in "cfu"
        ),
        framings=tuple(
            Framing(id=f"f-{i}", challenge="ch-1", author=f"p-{o}", statement="x")
            for i, o in enumerate("cfuc")
        ),
    )
    tests = heart_tests(hub, indicators=["voice", "centrality"], permutations=300, seed=4)
    assert list(tests) == [("voice",), ("centrality",)]
    voice = tests["voice"]
    assert voice.observed == heart_report(hub)["voice"].value == 0.5
    assert set(voice.null.tolist()) == {0.5, 0.25}
    assert voice.null.mean() == pytest.approx(1 / 3, abs=0.05)
    assert voice.draws == "random relabellings of the organisations' sectors"
    again = heart_tests(hub, indicators=["voice"], permutations=300, seed=4)
    assert np.array_equal(voice.null, again["voice"].null)
    with pytest.raises(ValueError, match="no heart indicator 'reach'"):
        heart_tests(hub, indicators=["reach"])
    with pytest.raises(ValueError, match="exact=True enumerates"):
        heart_tests(hub, indicators=["voice"], exact=True)
