"""Burt's structural holes against published values, networkx and a brute force."""

from __future__ import annotations

import csv
import functools
import math
import random
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.network.holes import (
    _Holes,
    constraint,
    effective_size,
    efficiency,
    hierarchy,
    structural_holes,
)
from coinnovation.network.projection import EdgeList
from tests.network.cliques import as_edge_list, clique_graphs

DATA = Path(__file__).resolve().parent.parent / "data"

# Borgatti (1997), "Structural holes: unpacking Burt's redundancy measures", Connections
# 20(1): the ego network of G used in the paper (and in networkx's test suite, whose
# expected values were checked against UCINET and igraph and by hand).
BORGATTI_EDGES = [
    ("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"),
    ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C"),
]  # fmt: skip
BORGATTI_WEIGHTS = {
    ("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
    ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10,
}  # fmt: skip
DIRECTED_EDGES = [(0, 1), (0, 2), (1, 0), (2, 1)]
DIRECTED_WEIGHTS = {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}


# ----------------------------------------------------------------- brute force (Burt)


def brute_force(G: nx.Graph[Any], weight: str | None = None) -> dict[Hashable, dict[str, float]]:
    """Burt's measures written straight from the formulas, one node at a time."""

    def a(u: Hashable, v: Hashable) -> float:
        if u == v or not G.has_edge(u, v):
            return 0.0
        return float(G[u][v].get(weight, 1)) if weight is not None else 1.0

    def z(u: Hashable, v: Hashable) -> float:
        if not G.is_directed():
            return a(u, v)
        return a(u, v) + a(v, u)

    @functools.cache
    def contacts(u: Hashable) -> frozenset[Hashable]:
        found = set(nx.all_neighbors(G, u))
        return frozenset(v for v in found if v != u and z(u, v) > 0)

    @functools.cache
    def total(u: Hashable) -> float:
        return sum(z(u, k) for k in contacts(u))

    @functools.cache
    def strongest(u: Hashable) -> float:
        return max((z(u, k) for k in contacts(u)), default=0.0)

    def p(u: Hashable, v: Hashable) -> float:
        return z(u, v) / total(u) if total(u) else 0.0

    def m(u: Hashable, v: Hashable) -> float:
        return z(u, v) / strongest(u) if strongest(u) else 0.0

    result: dict[Hashable, dict[str, float]] = {}
    for i in G:
        N = contacts(i)
        if not N:
            result[i] = dict.fromkeys(
                ("effective_size", "efficiency", "constraint", "hierarchy"), math.nan
            )
            continue
        esize = sum(1 - sum(p(i, q) * m(j, q) for q in N if q != j) for j in N)
        local = {j: (p(i, j) + sum(p(i, q) * p(q, j) for q in N if q != j)) ** 2 for j in N}
        C = sum(local.values())
        size = len(N)
        if size < 2:
            H = math.nan
        else:
            H = sum((c / (C / size)) * math.log(c / (C / size)) for c in local.values()) / (
                size * math.log(size)
            )
        result[i] = {
            "effective_size": esize,
            "efficiency": esize / size,
            "constraint": C,
            "hierarchy": H,
        }
    return result


def assert_close(ours: dict[Hashable, float], theirs: dict[Hashable, float]) -> None:
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        if math.isnan(value):
            assert math.isnan(ours[node]), node
        else:
            assert ours[node] == pytest.approx(value, rel=1e-9, abs=1e-12), node


def assert_tables_equal(
    ours: dict[Hashable, dict[str, float]], theirs: dict[Hashable, dict[str, float]]
) -> None:
    assert ours.keys() == theirs.keys()
    for node, row in theirs.items():
        assert ours[node] == pytest.approx(row, nan_ok=True), node


# ----------------------------------------------------------------- published examples


def test_borgatti_ego_network_effective_size() -> None:
    # Borgatti (1997): ego G has n = 6 contacts with t = 4 ties among them,
    # effective size n - 2t/n = 4.67; A: 4 - 2*3/4 = 2.5; the pendant C: 1.
    G = nx.Graph(BORGATTI_EDGES)
    esize = effective_size(G)
    assert esize["G"] == pytest.approx(6 - 2 * 4 / 6)
    assert esize["A"] == pytest.approx(2.5)
    assert esize["C"] == pytest.approx(1.0)
    assert efficiency(G)["G"] == pytest.approx((6 - 2 * 4 / 6) / 6)


def test_borgatti_ego_network_values_checked_against_ucinet() -> None:
    # The values networkx's test suite records for this graph (UCINET, igraph, by hand).
    G = nx.Graph(BORGATTI_EDGES)
    c = constraint(G)
    assert round(c["G"], 3) == 0.400
    assert round(c["A"], 3) == 0.595
    assert c["C"] == pytest.approx(1.0)
    nx.set_edge_attributes(G, BORGATTI_WEIGHTS, "weight")
    c = constraint(G, weight="weight")
    esize = effective_size(G, weight="weight")
    assert round(c["G"], 3) == 0.299
    assert round(c["A"], 3) == 0.795
    assert round(esize["G"], 2) == 5.47
    assert esize["A"] == pytest.approx(2.475)  # recorded there to two places as 2.47
    assert esize["C"] == pytest.approx(1.0)


def test_directed_example_values_checked_against_ucinet() -> None:
    D = nx.DiGraph(DIRECTED_EDGES)
    c, esize = constraint(D), effective_size(D)
    assert [round(c[v], 3) for v in (0, 1, 2)] == [1.003, 1.003, 1.389]
    assert [round(esize[v], 3) for v in (0, 1, 2)] == [1.167, 1.167, 1.0]
    nx.set_edge_attributes(D, DIRECTED_WEIGHTS, "weight")
    c, esize = constraint(D, weight="weight"), effective_size(D, weight="weight")
    assert [round(c[v], 3) for v in (0, 1, 2)] == [0.840, 1.143, 1.378]
    assert [round(esize[v], 3) for v in (0, 1, 2)] == [1.567, 1.083, 1.0]


def test_networkx_whole_graph_effective_size_is_wrong_where_ours_is_right() -> None:
    # The pitfall in DESIGN.md: from networkx 3.6, effective_size(G) without nodes= is off on
    # weighted directed graphs (3.5 is right here); called node by node it agrees with us
    # and with the published 1.567. If a later networkx mends it, this test says so.
    D = nx.DiGraph(DIRECTED_EDGES)
    nx.set_edge_attributes(D, DIRECTED_WEIGHTS, "weight")
    ours = effective_size(D, weight="weight")
    per_node = {v: nx.effective_size(D, nodes=[v], weight="weight")[v] for v in D}
    assert_close(ours, per_node)
    whole = nx.effective_size(D, weight="weight")
    networkx_version = tuple(int(part) for part in nx.__version__.split(".")[:2])
    assert any(abs(whole[v] - ours[v]) > 1e-6 for v in D) == (networkx_version >= (3, 6))


# ----------------------------------------------------------------- Florentine families


def test_florentine_marriage_constraint_matches_networkx() -> None:
    G = nx.florentine_families_graph()
    ours = constraint(G)
    assert_close(ours, nx.constraint(G))
    assert min(ours, key=ours.__getitem__) == "Medici"
    assert ours["Medici"] == pytest.approx(0.2098765432, rel=1e-9)
    assert_close(effective_size(G), {v: nx.effective_size(G, nodes=[v])[v] for v in G})


def florentine_multiplex() -> nx.Graph[str]:
    """Marriage and business ties together; weight = the number of kinds of tie (1 or 2)."""
    G: nx.Graph[str] = nx.Graph()
    with (DATA / "florentine_edges.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            u, v = row["family1"], row["family2"]
            if G.has_edge(u, v):
                G[u][v]["weight"] += 1
            else:
                G.add_edge(u, v, weight=1)
    with (DATA / "florentine_nodes.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            G.add_node(row["family"])  # Pucci is isolated
    return G


def test_florentine_weighted_against_networkx_node_by_node_and_brute_force() -> None:
    G = florentine_multiplex()
    assert G.number_of_nodes() == 16
    assert math.isnan(constraint(G, weight="weight")["Pucci"])
    reference = brute_force(G, "weight")
    table = structural_holes(G, weight="weight")
    for name in ("effective_size", "efficiency", "constraint", "hierarchy"):
        assert_close(table[name], {v: reference[v][name] for v in G})
    connected = [v for v in G if G.degree(v)]
    assert_close(
        {v: table["constraint"][v] for v in connected},
        {v: nx.constraint(G, nodes=[v], weight="weight")[v] for v in connected},
    )
    assert_close(
        {v: table["effective_size"][v] for v in connected},
        {v: nx.effective_size(G, nodes=[v], weight="weight")[v] for v in connected},
    )


# ----------------------------------------------------------------- definitions


def test_hierarchy_star_is_zero_and_pendant_is_undefined() -> None:
    H = hierarchy(nx.star_graph(4))
    assert H[0] == pytest.approx(0.0, abs=1e-12)
    assert all(math.isnan(H[v]) for v in range(1, 5))


def test_isolated_node_is_nan_everywhere() -> None:
    G = nx.path_graph(3)
    G.add_node("alone")
    row = structural_holes(G).row("alone")
    assert row["size"] == 0
    assert all(math.isnan(row[name]) for name in row if name != "size")


def test_self_loops_and_zero_weights_are_ignored() -> None:
    G = nx.Graph(BORGATTI_EDGES)
    nx.set_edge_attributes(G, 1, "weight")
    G.add_edge("G", "G", weight=5)
    G.add_edge("C", "D", weight=0)
    plain = nx.Graph(BORGATTI_EDGES)
    assert_tables_equal(
        structural_holes(G, weight="weight").to_dict(), structural_holes(plain).to_dict()
    )


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        constraint(nx.Graph([(1, 2, {"weight": -1})]), weight="weight")


def test_nodes_subset_in_the_order_given() -> None:
    G = nx.Graph(BORGATTI_EDGES)
    assert list(constraint(G, ["C", "A", "C"])) == ["C", "A"]
    assert constraint(G, ["A"])["A"] == constraint(G)["A"]
    with pytest.raises(nx.NodeNotFound):
        effective_size(G, ["nobody"])


def test_in_only_contacts_count_on_directed_graphs() -> None:
    # networkx's per-node constraint returns nan for a node with only incoming arcs;
    # Burt's contacts are ties in either direction.
    D = nx.DiGraph([(1, 0), (2, 0)])
    assert constraint(D)[0] == pytest.approx(0.5)
    assert brute_force(D)[0]["constraint"] == pytest.approx(0.5)


# ----------------------------------------------------------------- properties


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph[Any]:
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(1, 14))
    p = draw(st.floats(0.0, 1.0))
    directed = draw(st.booleans())
    G: nx.Graph[Any] = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = rng.choice([0.5, 1, 2, 3])
    return G


@given(graphs(), st.booleans())
def test_matches_brute_force(G: nx.Graph[Any], weighted: bool) -> None:
    weight = "weight" if weighted else None
    reference = brute_force(G, weight)
    table = structural_holes(G, weight=weight)
    for name in ("effective_size", "efficiency", "constraint", "hierarchy"):
        assert_close(table[name], {v: reference[v][name] for v in G})


@given(graphs(), st.booleans())
def test_matches_networkx_node_by_node(G: nx.Graph[Any], weighted: bool) -> None:
    weight = "weight" if weighted else None
    # networkx's per-node path is right for nodes with an outgoing tie (see above).
    nodes = [v for v in G if (G.out_degree(v) if G.is_directed() else G.degree(v))]
    ours_c, ours_e = constraint(G, weight=weight), effective_size(G, weight=weight)
    for v in nodes:
        assert ours_c[v] == pytest.approx(nx.constraint(G, [v], weight=weight)[v])
        assert ours_e[v] == pytest.approx(nx.effective_size(G, [v], weight=weight)[v])


@given(graphs(), st.booleans())
def test_bounds(G: nx.Graph[Any], weighted: bool) -> None:
    table = structural_holes(G, weight="weight" if weighted else None)
    for node in G:
        row = table.row(node)
        if row["size"] == 0:
            continue
        assert row["effective_size"] <= row["size"] + 1e-9
        assert row["effective_size"] >= 1 - 1e-9  # at least one non-redundant contact
        assert 0 < row["efficiency"] <= 1 + 1e-9
        assert row["constraint"] > 0
        if row["size"] >= 2:
            assert -1e-9 <= row["hierarchy"] <= 1 + 1e-9


@given(graphs(), st.booleans())
def test_relabelling_changes_nothing(G: nx.Graph[Any], weighted: bool) -> None:
    weight = "weight" if weighted else None
    order = list(G)
    random.Random(len(order)).shuffle(order)
    mapping = {old: f"n{new}" for old, new in zip(G, order, strict=True)}
    H = nx.relabel_nodes(G, mapping)
    # rebuild in a shuffled insertion order so row order differs too
    shuffled = H.__class__()
    shuffled.add_nodes_from(sorted(H))
    shuffled.add_edges_from(H.edges(data=True))
    before = structural_holes(G, weight=weight).to_dict()
    after = structural_holes(shuffled, weight=weight).to_dict()
    assert_tables_equal({mapping[v]: row for v, row in before.items()}, after)


@given(clique_graphs(max_nodes=14), st.booleans())
def test_small_cliques_counted_in_bulk_match_burts_formulas(
    G: nx.Graph[Any], weighted: bool
) -> None:
    # Every clique of 3 or more counted by formula: the planted ones and any found.
    weight = "weight" if weighted else None
    reference = brute_force(G, weight)
    holes = _Holes(G, None, weight, min_clique=3)
    effective = holes.effective_size()
    values = {
        "effective_size": effective,
        "efficiency": holes.efficiency(effective),
        "constraint": holes.constraint(),
        "hierarchy": holes.hierarchy(),
    }
    for name, column in values.items():
        assert_close(dict(zip(G, column.tolist(), strict=True)), {v: reference[v][name] for v in G})


@settings(max_examples=12)
@given(clique_graphs(max_nodes=48, min_clique=32, max_clique=40), st.booleans())
def test_a_plenary_matches_burts_formulas(G: nx.Graph[Any], weighted: bool) -> None:
    weight = "weight" if weighted else None
    reference = brute_force(G, weight)
    table = structural_holes(G, weight=weight)
    for name in ("effective_size", "efficiency", "constraint", "hierarchy"):
        assert_close(table[name], {v: reference[v][name] for v in G})


@given(clique_graphs(max_nodes=40, min_clique=3, max_clique=36, directed=False))
def test_an_edge_list_gives_what_its_graph_gives(G: nx.Graph[Any]) -> None:
    for weight in (None, "weight"):
        assert_tables_equal(
            structural_holes(as_edge_list(G), weight=weight).to_dict(),
            structural_holes(G, weight=weight).to_dict(),
        )


def test_an_edge_list_by_source_with_unsorted_targets_and_repeats() -> None:
    # Read-only float weights, targets out of order within a source, a tie given twice.
    edges = EdgeList(
        nodes=["a", "b", "c", "d"],
        source=[0, 0, 0, 1, 1, 2],
        target=[3, 1, 2, 2, 2, 3],
        weight=np.array([1.0, 2.0, 0.5, 1.0, 2.0, 4.0]),
    )
    G = nx.Graph()
    G.add_weighted_edges_from(
        [("a", "d", 1.0), ("a", "b", 2.0), ("a", "c", 0.5), ("b", "c", 3.0), ("c", "d", 4.0)]
    )
    assert_tables_equal(
        structural_holes(edges, weight="weight").to_dict(),
        structural_holes(G, weight="weight").to_dict(),
    )


def test_multigraph_parallel_edges_add_up() -> None:
    M = nx.MultiGraph(BORGATTI_EDGES)
    M.add_edges_from([("A", "G"), ("A", "G"), ("B", "D")])
    G = nx.Graph()
    for u, v in M.edges():
        weight = G[u][v]["weight"] + 1 if G.has_edge(u, v) else 1
        G.add_edge(u, v, weight=weight)
    assert_tables_equal(
        structural_holes(M, weight="weight").to_dict(),
        structural_holes(G, weight="weight").to_dict(),
    )
