"""Core–periphery splits, against Borgatti & Everett (2000) and a brute-force search."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.network import core as module
from coinnovation.network.core import core_periphery
from tests.network.test_centrality import _random_graph

# Borgatti & Everett (2000), Figure 1: an ideal core of nodes 1–4 (here 0–3) and a
# periphery tied only to core members (matrix as transcribed in Nordlund & Estévez's
# replication code, joseluisesna/Core-periphery).
BE_FIGURE_1 = [
    (0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 5), (1, 6), (1, 7),
    (2, 3), (2, 7), (2, 8), (3, 4), (3, 9),
]  # fmt: skip


def _brute_force(A: np.ndarray, between: str, directed: bool = False) -> float:
    n = len(A)
    mask = ~np.eye(n, dtype=bool) if directed else np.triu(np.ones((n, n), dtype=bool), 1)
    best = -np.inf
    for bits in itertools.product((False, True), repeat=n):
        c = np.array(bits)
        pattern = (c[:, None] | c[None, :]).astype(float)
        keep = mask.copy()
        if between == "ignore":
            keep &= c[:, None] == c[None, :]
        a, d = A[keep], pattern[keep]
        if len(a) < 2 or d.std() == 0 or a.std() == 0:
            continue
        best = max(best, float(np.corrcoef(a, d)[0, 1]))
    return best


def test_borgatti_everett_figure_1() -> None:
    G = nx.Graph(BE_FIGURE_1)
    result = core_periphery(G, between="ignore", seed=0)
    assert result.core == {0, 1, 2, 3}
    assert result.fit == pytest.approx(1.0)
    coreness = result.table["coreness"]
    assert min(coreness[v] for v in range(4)) > max(coreness[v] for v in range(4, 10))
    # With the core–periphery block expected full, node 0's sparse periphery ties
    # cost it its place: the optimum (checked by enumeration) is {1, 2, 3}.
    ones = core_periphery(G, seed=0)
    assert ones.core == {1, 2, 3}
    assert ones.fit == pytest.approx(_brute_force(nx.to_numpy_array(G), "ones"))


def test_planted_core_is_recovered() -> None:
    rng = np.random.default_rng(11)
    core, periphery = range(12), range(12, 60)
    G = nx.Graph()
    G.add_nodes_from(range(60))
    G.add_edges_from((u, v) for u, v in itertools.combinations(core, 2) if rng.random() < 0.9)
    G.add_edges_from((u, v) for u in core for v in periphery if rng.random() < 0.35)
    for between in ("ones", "ignore"):
        result = core_periphery(G, between=between, seed=4)  # type: ignore[arg-type]
        assert result.core == set(core), between
        assert result.table["core"] == {v: v < 12 for v in range(60)}
    coreness = core_periphery(G, seed=4).table["coreness"]
    assert min(coreness[v] for v in core) > max(coreness[v] for v in periphery)
    kcore = core_periphery(G, method="kcore")
    assert kcore.core >= set(core) or set(core) >= kcore.core
    assert kcore.threshold is not None
    assert kcore.table["coreness"] == {v: float(k) for v, k in nx.core_number(G).items()}


small_graphs = st.builds(
    _random_graph,
    seed=st.integers(0, 10_000),
    n=st.integers(4, 9),
    p=st.floats(0.15, 0.7),
    directed=st.booleans(),
    weighted=st.booleans(),
)


@given(small_graphs, st.sampled_from(["ones", "ignore"]))
def test_core_periphery_fit_is_the_correlation_and_reaches_the_optimum(
    G: nx.Graph, between: str
) -> None:
    A = nx.to_numpy_array(G, weight="weight")
    result = core_periphery(G, between=between, restarts=20, seed=0)  # type: ignore[arg-type]
    optimum = _brute_force(A, between, G.is_directed())
    if not np.isfinite(optimum):
        return
    # The reported fit is the correlation of the reported split ...
    c = np.array([v in result.core for v in G])
    n = len(G)
    mask = ~np.eye(n, dtype=bool) if G.is_directed() else np.triu(np.ones((n, n), dtype=bool), 1)
    if between == "ignore":
        mask &= c[:, None] == c[None, :]
    pattern = (c[:, None] | c[None, :]).astype(float)
    assert result.fit == pytest.approx(np.corrcoef(A[mask], pattern[mask])[0, 1], abs=1e-9)
    # ... and the heuristic finds the best split on these small graphs.
    assert result.fit == pytest.approx(optimum, abs=1e-9)


@given(small_graphs, st.integers(0, 2**16))
def test_continuous_fit_formula_is_the_correlation(G: nx.Graph, seed: int) -> None:
    pattern = module._pattern(module._arrays(G, "weight"), ignore_between=False)
    c = np.random.default_rng(seed).random(len(G)) + 0.01
    value, gradient = module._continuous_fit(pattern, c)
    A = nx.to_numpy_array(G, weight="weight")
    n = len(G)
    mask = ~np.eye(n, dtype=bool) if G.is_directed() else np.triu(np.ones((n, n), dtype=bool), 1)
    a, d = A[mask], np.outer(c, c)[mask]
    if a.std() == 0:
        return
    assert value == pytest.approx(np.corrcoef(a, d)[0, 1], abs=1e-9)
    # the gradient against a finite difference
    step = np.zeros(n)
    step[0] = 1e-6
    ahead, _ = module._continuous_fit(pattern, c + step)
    behind, _ = module._continuous_fit(pattern, c - step)
    assert gradient[0] == pytest.approx((ahead - behind) / 2e-6, abs=1e-5)


def test_core_periphery_is_reproducible_and_relabelling_invariant() -> None:
    G = nx.powerlaw_cluster_graph(80, 3, 0.3, seed=3)
    first = core_periphery(G, seed=5)
    assert first.core == core_periphery(G, seed=5).core
    mapping = {v: f"x{v}" for v in G}
    relabelled = core_periphery(nx.relabel_nodes(G, mapping), seed=5)
    assert relabelled.core == {mapping[v] for v in first.core}
    assert relabelled.fit == pytest.approx(first.fit)
    assert first.to_dict()[next(iter(first.core))]["core"] is True
    assert first.to_frame()["core"].sum() == len(first.core)


def test_core_periphery_errors_and_tiny_graphs() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        core_periphery(nx.path_graph(3), method="rich_club")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown between"):
        core_periphery(nx.path_graph(3), between="some")  # type: ignore[arg-type]
    empty = core_periphery(nx.Graph())
    assert empty.core == frozenset()
    edgeless = core_periphery(nx.empty_graph(3), seed=0)
    assert np.isnan(edgeless.fit)
