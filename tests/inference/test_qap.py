"""QAP correlation and regression against dense numpy computations written here.

Every expected value is computed in this file from the adjacency matrices (numpy's
``corrcoef`` and ``lstsq``, and explicit loops over given permutations), never from the
library's own earlier output; calibration is a seeded simulation checked with
Kolmogorov–Smirnov.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from coinnovation.errors import CoinnovationError, NetworkTooLargeError
from coinnovation.inference import (
    NullTest,
    QAPRegression,
    _qap_cells,
    graph_correlation,
    qap_regression,
    qap_test,
)
from coinnovation.inference.qap import INTERCEPT

# -- helpers written for the tests -----------------------------------------------------------


def matrix(G: nx.Graph[Any], nodes: Sequence[Hashable], weight: str | None = "weight") -> Any:
    """The dense adjacency matrix over ``nodes`` (missing nodes: zero rows), self-loops out."""
    index = {node: i for i, node in enumerate(nodes)}
    M = np.zeros((len(nodes), len(nodes)))
    for u, v, data in G.edges(data=True):
        if u in index and v in index and u != v:
            value = 1.0 if weight is None else data.get(weight, 1.0)
            M[index[u], index[v]] = value
            if not G.is_directed():
                M[index[v], index[u]] = value
    return M


def vectorised(M: Any, directed: bool) -> Any:
    n = M.shape[0]
    if directed:
        return np.array([M[i, j] for i in range(n) for j in range(n) if i != j])
    return np.array([M[i, j] for i in range(n) for j in range(i + 1, n)])


def union(*graphs: nx.Graph[Any]) -> list[Hashable]:
    return list(dict.fromkeys(node for G in graphs for node in G))


@st.composite
def graph_pairs(draw: st.DrawFn) -> tuple[nx.Graph[Any], nx.Graph[Any]]:
    directed = draw(st.booleans())
    kind = nx.DiGraph if directed else nx.Graph
    graphs = []
    for _ in range(2):
        n = draw(st.integers(2, 8))
        G = kind()
        G.add_nodes_from(draw(st.lists(st.integers(0, 9), min_size=1, max_size=n, unique=True)))
        for u, v in draw(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=20)):
            G.add_edge(u, v, weight=draw(st.sampled_from([0.5, 1, 2, 3.25])))
        graphs.append(G)
    return graphs[0], graphs[1]


def weighted_complete(n: int, rng: np.random.Generator) -> nx.Graph[Any]:
    G = nx.complete_graph(n)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.normal())
    return G


# -- graph correlation -----------------------------------------------------------------------


@given(graph_pairs())
def test_graph_correlation_is_corrcoef_of_the_cells(
    pair: tuple[nx.Graph[Any], nx.Graph[Any]],
) -> None:
    g1, g2 = pair
    nodes = union(g1, g2)
    directed = g1.is_directed()
    x = vectorised(matrix(g1, nodes), directed)
    y = vectorised(matrix(g2, nodes), directed)
    r = graph_correlation(g1, g2)
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        assert r is None
    else:
        assert r == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)


@given(graph_pairs(), st.randoms(use_true_random=False))
def test_graph_correlation_is_symmetric_and_ignores_the_names_of_the_nodes(
    pair: tuple[nx.Graph[Any], nx.Graph[Any]], random: Any
) -> None:
    g1, g2 = pair
    names = list(range(10))
    random.shuffle(names)
    renamed = dict(enumerate(names))
    r = graph_correlation(g1, g2)
    same = graph_correlation(nx.relabel_nodes(g1, renamed), nx.relabel_nodes(g2, renamed))
    swapped = graph_correlation(g2, g1)
    if r is None:
        assert same is None
        assert swapped is None
    else:
        assert same == pytest.approx(r, abs=1e-12)
        assert swapped == pytest.approx(r, abs=1e-12)


def test_missing_nodes_are_isolates_and_nodes_choose_the_cells() -> None:
    g1 = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 1.0}), ("c", "z", {})])
    g2 = nx.Graph([("a", "b"), ("a", "d")])
    nodes = ["a", "b", "c", "z", "d"]
    x, y = vectorised(matrix(g1, nodes), False), vectorised(matrix(g2, nodes), False)
    assert graph_correlation(g1, g2) == pytest.approx(np.corrcoef(x, y)[0, 1])
    chosen = ["d", "b", "a", "c"]  # "z" and its tie left out; order does not matter
    x, y = vectorised(matrix(g1, chosen), False), vectorised(matrix(g2, chosen), False)
    assert graph_correlation(g1, g2, nodes=chosen) == pytest.approx(np.corrcoef(x, y)[0, 1])
    x, y = (vectorised(matrix(G, nodes, None), False) for G in (g1, g2))
    assert graph_correlation(g1, g2, weight=None) == pytest.approx(np.corrcoef(x, y)[0, 1])


def test_self_loops_do_not_count() -> None:
    g1 = nx.Graph([(0, 1), (1, 2), (2, 2)])
    g2 = nx.Graph([(0, 1), (0, 2)])
    assert graph_correlation(g1, g2) == graph_correlation(nx.Graph([(0, 1), (1, 2)]), g2)


def test_bad_input_names_the_argument() -> None:
    with pytest.raises(ValueError, match="g1 \\(undirected\\), g2 \\(directed\\)"):
        graph_correlation(nx.Graph([(0, 1)]), nx.DiGraph([(0, 1)]))
    with pytest.raises(TypeError, match="g2 is a multigraph"):
        graph_correlation(nx.Graph([(0, 1)]), nx.MultiGraph([(0, 1)]))
    with pytest.raises(ValueError, match="given more than once: \\[1\\]"):
        graph_correlation(nx.Graph([(0, 1)]), nx.Graph([(0, 1)]), nodes=[0, 1, 1])
    with pytest.raises(ValueError, match="permutations must be a positive integer"):
        qap_test(nx.path_graph(3), nx.path_graph(3), permutations=0)
    with pytest.raises(TypeError, match="seed must be an int"):
        qap_test(nx.path_graph(3), nx.path_graph(3), seed=1.5)  # type: ignore[arg-type]


def test_graph_correlation_takes_networks_past_the_dense_limit() -> None:
    """Only QAP's permutations need the dense matrix; the correlation reads the ties."""
    big = nx.gnm_random_graph(5_000, 20_000, seed=1)
    other = nx.gnm_random_graph(5_000, 20_000, seed=2)
    assert graph_correlation(big, big) == pytest.approx(1.0)
    shared = len({frozenset(e) for e in big.edges} & {frozenset(e) for e in other.edges})
    m, p = 5_000 * 4_999 // 2, 20_000 / (5_000 * 4_999 // 2)
    phi = (shared / m - p * p) / (p * (1 - p))  # the phi coefficient of two 0/1 vectors
    assert graph_correlation(big, other) == pytest.approx(phi, abs=1e-12)


def test_graph_correlation_equals_the_qap_tests_observed_value() -> None:
    rng = np.random.default_rng(12)
    g1, g2 = weighted_complete(30, rng), nx.gnp_random_graph(30, 0.2, seed=3, directed=False)
    assert qap_test(g1, g2, permutations=1, seed=0).observed == pytest.approx(
        graph_correlation(g1, g2), abs=1e-12
    )


def test_too_many_nodes_is_refused_before_any_work() -> None:
    big = nx.empty_graph(30)
    with pytest.raises(NetworkTooLargeError, match="limit of 20 nodes") as raised:
        qap_test(big, big, max_nodes=20)
    assert isinstance(raised.value, CoinnovationError)
    assert isinstance(raised.value, ValueError)
    assert raised.value.nodes == 30
    with pytest.raises(NetworkTooLargeError, match="nodes="):
        qap_regression(big, {"x": big}, max_nodes=20)
    assert qap_test(big, big, max_nodes=None).observed is None  # no limit: runs


# -- the QAP test ----------------------------------------------------------------------------


class _Given:
    """Permutations handed out in order, in place of random ones (for brute-force checks)."""

    def __init__(self, perms: Sequence[Sequence[int]]) -> None:
        self.perms = iter([np.array(p, dtype=np.intp) for p in perms])

    def __call__(self, rng: np.random.Generator, count: int, n: int) -> Any:
        return np.array([next(self.perms) for _ in range(count)], dtype=np.intp)


def _all_permutations(n: int) -> list[tuple[int, ...]]:
    return list(itertools.permutations(range(n)))


def test_qap_test_draws_are_the_correlations_of_the_permuted_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Brute force: every permutation of 5 nodes, applied to g2's matrix with numpy here."""
    rng = np.random.default_rng(4)
    g1, g2 = weighted_complete(5, rng), nx.gnp_random_graph(5, 0.5, seed=2)
    perms = _all_permutations(5)
    monkeypatch.setattr(_qap_cells, "permutations", _Given(perms))
    test = qap_test(g1, g2, permutations=len(perms))
    nodes = list(range(5))
    X, Y = matrix(g1, nodes), matrix(g2, nodes)
    x = vectorised(X, False)
    expected = [np.corrcoef(x, vectorised(Y[np.ix_(p, p)], False))[0, 1] for p in perms]
    np.testing.assert_allclose(test.null, expected, atol=1e-12)
    assert test.observed == pytest.approx(np.corrcoef(x, vectorised(Y, False))[0, 1])


def test_qap_test_on_directed_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    g1 = nx.gnp_random_graph(4, 0.5, seed=1, directed=True)
    g2 = nx.gnp_random_graph(4, 0.6, seed=5, directed=True)
    perms = _all_permutations(4)
    monkeypatch.setattr(_qap_cells, "permutations", _Given(perms))
    test = qap_test(g1, g2, permutations=len(perms))
    X, Y = matrix(g1, range(4)), matrix(g2, range(4))
    x = vectorised(X, True)
    expected = [np.corrcoef(x, vectorised(Y[np.ix_(p, p)], True))[0, 1] for p in perms]
    np.testing.assert_allclose(test.null, expected, atol=1e-12)


def test_reproducible_with_the_seed() -> None:
    g1, g2 = nx.gnp_random_graph(9, 0.4, seed=1), nx.gnp_random_graph(9, 0.4, seed=2)
    first = qap_test(g1, g2, permutations=50, seed=11)
    again = qap_test(g1, g2, permutations=50, seed=11)
    other = qap_test(g1, g2, permutations=50, seed=12)
    np.testing.assert_array_equal(first.null, again.null)
    assert not np.array_equal(first.null, other.null)
    assert first.seed == 11
    assert first.null_model == "qap"
    assert first.details["cells"] == 36


def test_undefined_correlation_is_none_with_a_reason() -> None:
    test = qap_test(nx.path_graph(4), nx.empty_graph(4), permutations=9, seed=0)
    assert test.observed is None
    assert test.p_greater is None
    assert test.reason == "g2 has the same value in every cell (a constant has no correlation)"
    pair = qap_test(nx.path_graph(2), nx.path_graph(2), permutations=9, seed=0)
    assert pair.reason == "fewer than two cells to compare (1)"
    assert graph_correlation(nx.path_graph(2), nx.path_graph(2)) is None


def test_p_values_are_uniform_under_the_null() -> None:
    """Independent weighted networks: P(p ≤ a) = a, checked by Kolmogorov–Smirnov."""
    rng = np.random.default_rng(2024)
    p_values = []
    for trial in range(300):
        test = qap_test(
            weighted_complete(8, rng), weighted_complete(8, rng), permutations=99, seed=trial
        )
        p_values.append(test.p_greater)
    assert stats.kstest(p_values, "uniform").pvalue > 0.01
    assert np.mean(np.array(p_values) <= 0.05) == pytest.approx(0.05, abs=0.035)


def test_p_values_fall_under_a_planted_relation() -> None:
    rng = np.random.default_rng(7)
    p_values = []
    for trial in range(30):
        g1 = weighted_complete(10, rng)
        g2 = g1.copy()
        for u, v in g2.edges:
            g2[u][v]["weight"] += float(rng.normal())  # signal + noise of equal variance
        p_values.append(qap_test(g1, g2, permutations=199, seed=trial).p_greater)
    assert max(p_values) < 0.05


# -- QAP regression --------------------------------------------------------------------------


def _design(y: nx.Graph[Any], predictors: dict[str, nx.Graph[Any]]) -> tuple[Any, Any]:
    nodes = union(y, *predictors.values())
    directed = y.is_directed()
    cells = vectorised(matrix(y, nodes), directed)
    columns = [np.ones(cells.size)]
    columns += [vectorised(matrix(G, nodes), directed) for G in predictors.values()]
    return np.column_stack(columns), cells


def _ols(X: Any, y: Any) -> tuple[Any, Any, float]:
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ beta
    s2 = residual @ residual / (len(y) - X.shape[1])
    t = beta / np.sqrt(s2 * np.diag(np.linalg.inv(X.T @ X)))
    r2 = 1 - residual @ residual / ((y - y.mean()) ** 2).sum()
    return beta, t, r2


@st.composite
def regressions(draw: st.DrawFn) -> tuple[nx.Graph[Any], dict[str, nx.Graph[Any]]]:
    n = draw(st.integers(5, 8))
    directed = draw(st.booleans())
    seeds = draw(st.lists(st.integers(0, 10_000), min_size=2, max_size=4))
    y, *xs = (nx.gnp_random_graph(n, 0.5, seed=s, directed=directed) for s in seeds)
    for G, s in zip((y, *xs), seeds, strict=True):
        rng = np.random.default_rng(s)
        for u, v in G.edges:
            G[u][v]["weight"] = float(rng.integers(1, 4))
    return y, {f"x{k}": G for k, G in enumerate(xs)}


@given(regressions())
def test_regression_is_least_squares_on_the_cells(
    case: tuple[nx.Graph[Any], dict[str, nx.Graph[Any]]],
) -> None:
    y, predictors = case
    X, cells = _design(y, predictors)
    fit = qap_regression(y, predictors, permutations=3, seed=0)
    if np.linalg.matrix_rank(X) < X.shape[1]:
        assert fit.reason is not None
        assert "collinear" in fit.reason
        return
    beta, t, r2 = _ols(X, cells)
    if np.allclose(X @ beta, cells):
        assert fit.t_values == (None,) * X.shape[1]
        return
    np.testing.assert_allclose(fit.estimates, beta, atol=1e-9)
    np.testing.assert_allclose(fit.t_values, t, rtol=1e-7, atol=1e-9)
    assert fit.r_squared == pytest.approx(r2, abs=1e-12)
    assert fit.terms == (INTERCEPT, *predictors)
    for k, term in enumerate(fit.terms):
        assert fit[term].observed == pytest.approx(t[k], rel=1e-7, abs=1e-9)


def _brute_force_draws(
    X: Any, cells: Any, n: int, perms: list[tuple[int, ...]], k: int, method: str
) -> tuple[list[float], list[float]]:
    """Coefficient and t of term k over the given permutations, refitting with lstsq."""
    rows, cols = np.triu_indices(n, 1)
    coefficients, ts = [], []
    for p in perms:
        p = np.array(p)
        if method == "y":
            Y = np.zeros((n, n))
            Y[rows, cols] = cells
            Y = Y + Y.T
            beta, t, _ = _ols(X, Y[p[rows], p[cols]])
            coefficients.append(beta[k])
            ts.append(t[k])
        else:
            Z = np.delete(X, k, axis=1)
            e = X[:, k] - Z @ np.linalg.lstsq(Z, X[:, k], rcond=None)[0]
            E = np.zeros((n, n))
            E[rows, cols] = e
            E = E + E.T
            design = np.column_stack([Z, E[p[rows], p[cols]]])
            beta, t, _ = _ols(design, cells)
            coefficients.append(beta[-1])
            ts.append(t[-1])
    return coefficients, ts


@pytest.mark.parametrize("method", ["dsp", "y"])
@pytest.mark.parametrize("statistic", ["t", "estimate"])
def test_regression_draws_are_the_refits_over_the_permutations(
    monkeypatch: pytest.MonkeyPatch, method: str, statistic: str
) -> None:
    n = 6
    rng = np.random.default_rng(3)
    y = weighted_complete(n, rng)
    predictors = {"a": weighted_complete(n, rng), "b": nx.gnp_random_graph(n, 0.5, seed=4)}
    perms = [tuple(rng.permutation(n)) for _ in range(25)]
    terms = 3
    # Method "y" draws the permutations once (shared by the terms and R²); "dsp" draws R²'s
    # then each term's, in order.
    handed = perms * (1 if method == "y" else 1 + terms)
    monkeypatch.setattr(_qap_cells, "permutations", _Given(handed))
    fit = qap_regression(y, predictors, permutations=len(perms), method=method, statistic=statistic)  # type: ignore[arg-type]
    X, cells = _design(y, predictors)
    for k, term in enumerate(fit.terms):
        coefficients, ts = _brute_force_draws(X, cells, n, perms, k, method)
        expected = ts if statistic == "t" else coefficients
        np.testing.assert_allclose(fit[term].null, expected, rtol=1e-8, atol=1e-10)
    r2_draws = [_ols(X, vectorised(matrix(y, range(n))[np.ix_(p, p)], False))[2] for p in perms]
    np.testing.assert_allclose(fit.r_squared_test.null, r2_draws, atol=1e-10)


def test_semi_partialling_without_permutation_gives_the_full_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Frisch–Waugh–Lovell: the identity permutation's draw is the observed statistic."""
    rng = np.random.default_rng(9)
    y = weighted_complete(7, rng)
    predictors = {"a": weighted_complete(7, rng), "b": weighted_complete(7, rng)}
    identity = [tuple(range(7))] * 4
    monkeypatch.setattr(_qap_cells, "permutations", _Given(identity * 4))
    fit = qap_regression(y, predictors, permutations=4)
    for term in fit.terms:
        np.testing.assert_allclose(fit[term].null, fit[term].observed, rtol=1e-9)


def test_dsp_p_values_are_roughly_uniform_for_a_predictor_without_effect() -> None:
    """y depends on b; a is correlated with b but has no effect of its own."""
    rng = np.random.default_rng(31)
    p_values = []
    for trial in range(150):
        b = weighted_complete(8, rng)
        a, y = b.copy(), b.copy()
        for u, v in b.edges:
            a[u][v]["weight"] = b[u][v]["weight"] + float(rng.normal())
            y[u][v]["weight"] = 2 * b[u][v]["weight"] + float(rng.normal())
        fit = qap_regression(y, {"a": a, "b": b}, permutations=99, seed=trial)
        p_values.append(fit["a"].p_two_sided)
    assert stats.kstest(p_values, "uniform").pvalue > 0.01
    assert fit["b"].p_greater == pytest.approx(0.01)  # the real effect: never reached


def test_collinear_and_degenerate_fits_say_why() -> None:
    ring = nx.cycle_graph(5)
    fit = qap_regression(ring, {"a": ring, "b": ring.copy()}, permutations=5, seed=0)
    assert fit.estimates == (None, None, None)
    assert fit.reason is not None
    assert "collinear: a, b" in fit.reason
    assert fit["a"].reason == fit.reason
    assert fit["a"].p_two_sided is None
    empty = qap_regression(ring, {"none": nx.empty_graph(5)}, permutations=5, seed=0)
    assert empty.reason is not None
    assert empty.reason.startswith("none: the same value")
    flat = qap_regression(nx.empty_graph(5), {"ring": ring}, permutations=5, seed=0)
    assert flat.estimates == (0.0, 0.0)
    assert flat.t_values == (None, None)
    assert flat["ring"].reason == "the dependent network has the same value in every cell"
    tiny = qap_regression(nx.path_graph(2), {"x": nx.path_graph(2)}, permutations=5)
    assert tiny.reason == "1 cells cannot fit 2 terms (the fit needs more cells than terms)"


def test_regression_options_are_checked() -> None:
    G = nx.path_graph(4)
    with pytest.raises(ValueError, match="at least one"):
        qap_regression(G, {})
    with pytest.raises(ValueError, match="names the intercept"):
        qap_regression(G, {INTERCEPT: G})
    with pytest.raises(ValueError, match="method must be"):
        qap_regression(G, {"x": G}, method="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="statistic must be"):
        qap_regression(G, {"x": G}, statistic="F")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="predictor 'x' \\(directed\\)"):
        qap_regression(G, {"x": nx.DiGraph(G)})


def test_the_result_is_a_table() -> None:
    rng = np.random.default_rng(5)
    y, a = weighted_complete(6, rng), weighted_complete(6, rng)
    fit = qap_regression(y, {"a": a}, permutations=19, seed=1)
    assert isinstance(fit, QAPRegression)
    assert isinstance(fit["a"], NullTest)
    assert list(fit.to_dict()) == [INTERCEPT, "a"]
    frame = fit.to_frame()
    assert frame.loc["a", "estimate"] == fit.estimate("a")
    assert frame.loc["a", "permutations"] == 19
    assert "<td>a</td>" in fit._repr_html_()
    text = fit.explain()
    assert "R² = " in text
    assert "a: coefficient" in text
    with pytest.raises(KeyError):
        fit["b"]
    assert fit.seed == 1
    assert fit.cells == 15
    assert fit.nodes == 6
