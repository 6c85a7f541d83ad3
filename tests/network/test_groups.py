"""Group measures against published values, hand counts and brute force."""

from __future__ import annotations

import csv
import itertools
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.errors import MissingAttributeError
from coinnovation.network._sparse import adjacency_matrix
from coinnovation.network.groups import (
    ROLES,
    _undirected_role_counts,
    assortativity,
    brokerage,
    ei_index,
    group_codes,
    mixing,
)
from tests.network.cliques import as_edge_list, clique_graphs

DATA = Path(__file__).resolve().parent.parent / "data"


# ----------------------------------------------------------------- data sets


def jemaah_islamiyah() -> nx.Graph[str]:
    """Koschade's (2006) Bali cell, 17 actors, 63 ties, with the actors' roles."""
    G: nx.Graph[str] = nx.Graph()
    with (DATA / "jemaah_islamiyah_roles.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            G.add_node(row["name"], role=row["role"])
    with (DATA / "jemaah_islamiyah_edges.csv").open(newline="") as handle:
        G.add_edges_from((row["source"], row["target"]) for row in csv.DictReader(handle))
    return G


def strike() -> nx.Graph[str]:
    """Michael's strike network (Pajek file; every tie is listed as two arcs)."""
    names: dict[str, str] = {}
    G: nx.Graph[str] = nx.Graph()
    section = ""
    for line in (DATA / "strike.net").read_text().splitlines():
        if line.startswith("*"):
            section = line.split()[0].lower()
            continue
        fields = line.split()
        if section == "*vertices":
            names[fields[0]] = line.split('"')[1]
            G.add_node(names[fields[0]])
        elif section == "*arcs":
            G.add_edge(names[fields[0]], names[fields[1]])
    with (DATA / "strike_groups.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    nx.set_node_attributes(G, {name: int(group) for name, group in rows}, "group")
    return G


# ----------------------------------------------------------------- brute forces


def brute_ei(
    G: nx.Graph[Any], attribute: str, weight: str | None = None, direction: str = "all"
) -> tuple[tuple[float, float], dict[Any, list[float]], dict[Any, list[float]]]:
    """(E, I) of the whole graph, [I, E] per group and per node, one tie at a time."""
    group = nx.get_node_attributes(G, attribute)
    whole = [0.0, 0.0]
    by_group: dict[Any, list[float]] = {g: [0.0, 0.0] for g in group.values()}
    by_node: dict[Any, list[float]] = {v: [0.0, 0.0] for v in G}
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = float(data.get(weight, 1)) if weight else 1.0
        crosses = group[u] != group[v]
        whole[crosses] += w
        owners = [u, v]
        if G.is_directed() and direction == "out":
            owners = [u]
        elif G.is_directed() and direction == "in":
            owners = [v]
        for node in owners:
            by_node[node][crosses] += w
        if crosses:
            for node in owners:
                by_group[group[node]][1] += w
        else:
            by_group[group[u]][0] += w
    return (whole[1], whole[0]), by_group, by_node


def ratio(external: float, internal: float) -> float:
    total = external + internal
    return (external - internal) / total if total else math.nan


def brute_roles(G: nx.Graph[Any], attribute: str) -> dict[Any, list[int]]:
    """sna's definition read literally: every a -> v -> b with a != b and no a -> b."""
    group = nx.get_node_attributes(G, attribute)
    D = G if G.is_directed() else G.to_directed()
    roles = {v: [0, 0, 0, 0, 0] for v in G}
    for v in D:
        for a in D.predecessors(v):
            for b in D.successors(v):
                if len({a, v, b}) < 3 or D.has_edge(a, b):
                    continue
                ga, gv, gb = group[a], group[v], group[b]
                if ga == gv == gb:
                    roles[v][0] += 1  # coordinator
                elif ga == gb:
                    roles[v][1] += 1  # itinerant
                elif ga == gv:
                    roles[v][2] += 1  # representative
                elif gv == gb:
                    roles[v][3] += 1  # gatekeeper
                else:
                    roles[v][4] += 1  # liaison
    return roles


def brokered_triples(G: nx.Graph[Any]) -> int:
    """The number of (a, v, b) with a -> v -> b, a, v, b distinct and no a -> b."""
    D = G if G.is_directed() else G.to_directed()
    return sum(
        1
        for a, v, b in itertools.permutations(D, 3)
        if D.has_edge(a, v) and D.has_edge(v, b) and not D.has_edge(a, b)
    )


def sna_moments_by_loops(
    n: Sequence[int], d: float
) -> tuple[list[list[float]], list[list[float]], list[float], list[float]]:
    """Gould-Fernandez moments as sna's brokerage() states them, summed term by term."""
    N = float(sum(n))
    c = d**2 * (1 - d)
    c3, c4, c5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)

    def ch2(x: float) -> float:
        return x * (x - 1) / 2

    e, v = [], []
    for i, ni in enumerate(n):
        others = [x for j, x in enumerate(n) if j != i]
        row_e, row_v = [0.0] * 6, [0.0] * 6
        row_e[0] = c * (ni - 1) * (ni - 2)
        row_v[0] = row_e[0] * (1 - c) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3
        row_e[1] = c * sum(o * (o - 1) for o in others)
        row_v[1] = row_e[1] * (1 - c) + 2 * sum(o * (o - 1) * (o - 2) for o in others) * c3
        row_e[2] = c * (N - ni) * (ni - 1)
        row_v[2] = row_e[2] * (1 - c) + 2 * ((ni - 1) * ch2(N - ni) + (N - ni) * ch2(ni - 1)) * c3
        row_e[3], row_v[3] = row_e[2], row_v[2]
        row_e[4] = c * (sum(x * y for x in others for y in others) - sum(o * o for o in others))
        row_v[4] = row_e[4] * (1 - c) + 4 * sum(o * ch2(N - o - ni) for o in others) * c3
        row_e[5] = c * (N - 1) * (N - 2)
        row_v[5] = row_e[5] * (1 - c) + 2 * (N - 1) * (N - 2) * (N - 3) * c3
        e.append(row_e)
        v.append(row_v)
    eg, vg = [0.0] * 6, [0.0] * 6
    eg[0] = c * sum(x * (x - 1) * (x - 2) for x in n)
    vg[0] = eg[0] * (1 - c) + sum(
        x * (x - 1) * (x - 2) * ((4 * x - 10) * c3 - 4 * (x - 3) * c4 + (x - 3) * c5) for x in n
    )
    eg[1] = c * sum(x * (N - x) * (x - 1) for x in n)
    vg[1] = (
        eg[1] * (1 - c)
        + sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * c3 + (N - x - 1) * c5) for x in n for y in n)
        - sum(x * x * (x - 1) * ((4 * x - 6) * c3 + (N - x - 1) * c5) for x in n)
    )
    eg[2] = eg[1]
    vg[2] = eg[2] * (1 - c) + sum(x * (N - x) * (x - 1) * ((N - 3) * c3 + (x - 2) * c5) for x in n)
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = c * (
        sum(x * y * (N - x - y) for x in n for y in n) - sum(x * x * (N - 2 * x) for x in n)
    )
    vg[4] = eg[4] * (1 - c)
    for i, j, k in itertools.permutations(range(len(n)), 3):
        ni, nj, nk = n[i], n[j], n[k]
        vg[4] += (
            ni
            * nj
            * nk
            * (
                (4 * (N - nj) - 2 * (ni + nk + 1)) * c3
                - (4 * (N - nk) - 2 * (ni + nj + 1)) * c4
                + (N - (ni + nk + 1)) * c5
            )
        )
    eg[5] = c * N * (N - 1) * (N - 2)
    vg[5] = eg[5] * (1 - c) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5
    )
    return e, v, eg, vg


# ----------------------------------------------------------------- strategies


@st.composite
def grouped_graphs(draw: st.DrawFn, max_nodes: int = 14) -> nx.Graph[Any]:
    seed = draw(st.integers(0, 2**32 - 1))
    n = draw(st.integers(1, max_nodes))
    p = draw(st.floats(0.0, 1.0))
    directed = draw(st.booleans())
    k = draw(st.integers(1, 5))
    G: nx.Graph[Any] = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed)
    for v in G:
        G.nodes[v]["sector"] = rng.choice("abcde"[:k])
    for u, v in G.edges:
        G[u][v]["weight"] = rng.choice([0.5, 1, 2, 3])
    return G


def relabelled(G: nx.Graph[Any]) -> tuple[nx.Graph[Any], dict[Any, str]]:
    """A copy with new node names, inserted in a different order."""
    nodes = list(G)
    random.Random(len(nodes)).shuffle(nodes)
    mapping = {old: f"v{i}" for i, old in enumerate(nodes)}
    H = G.__class__()
    H.add_nodes_from((mapping[v], G.nodes[v]) for v in reversed(nodes))
    H.add_edges_from((mapping[u], mapping[v], data) for u, v, data in G.edges(data=True))
    return H, mapping


# ----------------------------------------------------------------- E-I: published


def test_ei_jemaah_islamiyah_matches_published_values() -> None:
    # The homophily R package's reference page (knapply/homophily, ei_index examples) on
    # Koschade's network with the role attribute: whole network 0.3650794 (43 external,
    # 20 internal ties) and every node's value agree.
    G = jemaah_islamiyah()
    result = ei_index(G, "role")
    assert result.whole == pytest.approx(0.3650794, abs=5e-8)
    assert (result.external, result.internal) == (43.0, 20.0)
    # Its group values are 0.8064516, 0.7142857, -0.3333333, 1 and -1 for the roles in
    # order of first appearance. Only the first is Krackhardt and Stern's group index: that
    # package counts a group's external ties only towards the groups listed after it (the
    # upper triangle of its mixing matrix), which our mixing matrix reproduces exactly.
    published_groups = {
        "command team": 0.8064516,
        "operation assistant": 0.7142857,
        "bomb maker": -0.3333333,
        "suicide bomber": 1.0,
        "Team Lima": -1.0,
    }
    assert result.groups["command team"] == pytest.approx(0.8064516, abs=5e-8)
    matrix = mixing(G, "role").to_dict()
    order = list(published_groups)
    for position, group in enumerate(order):
        internal = matrix[group][group] / 2
        later = sum(matrix[group][other] for other in order[position + 1 :])
        assert ratio(later, internal) == pytest.approx(published_groups[group], abs=5e-8)
    # By the definition (ties with one end in the group are external): Team Lima is a
    # clique of four (6 ties) whose members each know Samudra and Arnasan (8 ties).
    assert (result.group_internal["Team Lima"], result.group_external["Team Lima"]) == (6, 8)
    assert result.groups["Team Lima"] == pytest.approx(2 / 14)
    published_nodes = {
        "MUKLAS": 0.5555556, "AMROZI": 0.5000000, "IMRON": 1.0000000, "SAMUDRA": 0.7333333,
        "DULMATIN": 0.1111111, "IDRIS": 0.6000000, "MUBAROK": 0.3333333, "AZAHARI": 0.1111111,
        "GHONI": 0.1111111, "ARNASAN": 1.0000000, "RAUF": -0.2000000, "OCTAVIA": -0.2000000,
        "HIDAYAT": -0.2000000, "JUNAEDI": -0.2000000, "PATEK": 0.1111111, "FERI": 1.0000000,
        "SARIJO": 0.1111111,
    }  # fmt: skip
    assert result.nodes["ei"] == pytest.approx(published_nodes, abs=5e-8)


def test_ei_strike_by_hand() -> None:
    # Three of the 38 ties cross groups: Norm-Bob (3-2), Alejandro-Bob (1-2), Ozzie-Karl
    # (3-2). Group 1 (Domingo, Carlos, Alejandro, Eduardo) is a clique of 6 ties.
    G = strike()
    result = ei_index(G, "group")
    assert (result.external, result.internal) == (3.0, 35.0)
    assert result.whole == pytest.approx((3 - 35) / 38)
    assert result.group_sizes == {1: 4, 2: 9, 3: 11}
    assert result.group_internal == {1: 6.0, 2: 14.0, 3: 15.0}
    assert result.group_external == {1: 1.0, 2: 3.0, 3: 2.0}
    assert result.groups[1] == pytest.approx(-5 / 7)
    assert result.nodes.row("Bob") == {"internal": 5.0, "external": 2.0, "ei": -3 / 7}
    # Random placement: 179 between-group and 97 within-group pairs out of C(24, 2) = 276.
    assert result.expected == pytest.approx((179 - 97) / 276)
    assert (result.minimum, result.maximum) == (-1.0, 1.0)
    # The independent pure-Python count agrees too.
    (external, internal), _, nodes = brute_ei(G, "group")
    assert (external, internal) == (3.0, 35.0)
    assert result.nodes["ei"] == pytest.approx({v: ratio(e, i) for v, (i, e) in nodes.items()})


# ----------------------------------------------------------------- E-I: definitions


@given(grouped_graphs(), st.booleans(), st.sampled_from(["all", "out", "in"]))
def test_ei_matches_brute_force(G: nx.Graph[Any], weighted: bool, direction: Any) -> None:
    weight = "weight" if weighted else None
    result = ei_index(G, weight=weight, direction=direction)
    (external, internal), groups, nodes = brute_ei(G, "sector", weight, direction)
    assert (result.external, result.internal) == pytest.approx((external, internal))
    assert result.whole == pytest.approx(ratio(external, internal), nan_ok=True)
    assert result.groups == pytest.approx(
        {g: ratio(e, i) for g, (i, e) in groups.items()}, nan_ok=True
    )
    assert result.group_internal == pytest.approx({g: i for g, (i, _) in groups.items()})
    assert result.group_external == pytest.approx({g: e for g, (_, e) in groups.items()})
    assert result.nodes["ei"] == pytest.approx(
        {v: ratio(e, i) for v, (i, e) in nodes.items()}, nan_ok=True
    )


@given(grouped_graphs(), st.booleans())
def test_ei_in_range(G: nx.Graph[Any], weighted: bool) -> None:
    result = ei_index(G, weight="weight" if weighted else None)
    values = [result.whole, *result.groups.values(), *result.nodes["ei"].values()]
    assert all(-1 <= x <= 1 for x in values if not math.isnan(x))
    if not math.isnan(result.whole):
        assert result.minimum - 1e-12 <= result.whole <= result.maximum + 1e-12
        assert -1 <= result.expected <= 1


@given(grouped_graphs(), st.booleans())
def test_ei_relabelling_changes_nothing(G: nx.Graph[Any], weighted: bool) -> None:
    weight = "weight" if weighted else None
    H, mapping = relabelled(G)
    before, after = ei_index(G, weight=weight), ei_index(H, weight=weight)
    assert (before.whole, before.minimum, before.maximum, before.expected) == pytest.approx(
        (after.whole, after.minimum, after.maximum, after.expected), nan_ok=True
    )
    assert before.groups == pytest.approx(after.groups, nan_ok=True)
    assert {mapping[v]: x for v, x in before.nodes["ei"].items()} == pytest.approx(
        after.nodes["ei"], nan_ok=True
    )


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("sizes", [(2, 3), (1, 1, 3), (4,), (2, 2)])
def test_ei_bounds_and_expectation_by_enumeration(directed: bool, sizes: tuple[int, ...]) -> None:
    # Every graph with L ties on these nodes: the extremes and the mean of their E-I
    # index are the minimum, maximum and expected value reported for any one of them.
    labels = [g for g, size in enumerate(sizes) for _ in range(size)]
    nodes = range(len(labels))
    pairs = list(itertools.permutations(nodes, 2) if directed else itertools.combinations(nodes, 2))
    for ties in sorted({1, 2, len(pairs) // 2, len(pairs) - 1, len(pairs)}):
        values = []
        for chosen in itertools.combinations(pairs, ties):
            external = sum(labels[u] != labels[v] for u, v in chosen)
            values.append((2 * external - ties) / ties)
        G: nx.Graph[int] = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from((v, {"sector": labels[v]}) for v in nodes)
        G.add_edges_from(pairs[:ties])
        result = ei_index(G)
        assert result.minimum == pytest.approx(min(values))
        assert result.maximum == pytest.approx(max(values))
        assert result.expected == pytest.approx(float(np.mean(values)))


def test_ei_weighted_bounds_by_enumeration() -> None:
    # Three ties of weights 1, 2 and 5 placed on the six pairs of four nodes in groups
    # of 1 and 3 (three between-group pairs, three within): try every placement.
    labels = [0, 1, 1, 1]
    pairs = list(itertools.combinations(range(4), 2))
    weights = [1.0, 2.0, 5.0]
    values = []
    for placement in itertools.permutations(pairs, 3):
        external = sum(
            w for w, (u, v) in zip(weights, placement, strict=True) if labels[u] != labels[v]
        )
        values.append((2 * external - 8) / 8)
    G: nx.Graph[int] = nx.Graph()
    G.add_nodes_from((v, {"sector": labels[v]}) for v in range(4))
    G.add_weighted_edges_from([(1, 2, 1.0), (0, 3, 2.0), (2, 3, 5.0)])
    result = ei_index(G, weight="weight")
    assert result.whole == pytest.approx((2 - 6) / 8)
    assert (result.minimum, result.maximum) == pytest.approx((min(values), max(values)))


def test_ei_directed_direction() -> None:
    G = nx.DiGraph([("a1", "b1"), ("a1", "a2")])
    nx.set_node_attributes(G, {"a1": "a", "a2": "a", "b1": "b"}, "sector")
    assert ei_index(G).nodes.row("b1") == {"internal": 0.0, "external": 1.0, "ei": 1.0}
    out = ei_index(G, direction="out")
    assert math.isnan(out.nodes.row("b1")["ei"])  # b1 sends nothing
    assert out.groups == pytest.approx({"a": 0.0, "b": math.nan}, nan_ok=True)
    assert ei_index(G, direction="in").groups == {"a": -1.0, "b": 1.0}
    with pytest.raises(ValueError, match="direction"):
        ei_index(G, direction="sideways")  # type: ignore[arg-type]


def test_isolated_node_and_empty_graph() -> None:
    G = nx.Graph([(1, 2)])
    G.add_node(3)
    nx.set_node_attributes(G, {1: "a", 2: "b", 3: "c"}, "sector")
    result = ei_index(G)
    assert math.isnan(result.nodes.row(3)["ei"])
    assert math.isnan(result.groups["c"])
    empty = nx.Graph()
    empty.add_node(1, sector="a")
    assert math.isnan(ei_index(empty).whole)
    assert brokerage(empty).totals["total"] == 0
    assert math.isnan(assortativity(empty))


# ----------------------------------------------------------------- missing attributes


def test_missing_attribute_raises_and_default_fills() -> None:
    G = nx.path_graph(4)
    nx.set_node_attributes(G, {0: "a", 1: None, 2: "b"}, "sector")
    for measure in (ei_index, brokerage, mixing, assortativity):
        with pytest.raises(MissingAttributeError) as caught:
            measure(G)
        assert caught.value.nodes == (1, 3)
        assert caught.value.attribute == "sector"
    filled = ei_index(G, default="unknown")
    assert filled.group_sizes == {"a": 1, "b": 1, "unknown": 2}
    assert mixing(G, default="unknown").groups == ("a", "b", "unknown")


def test_any_attribute_and_unorderable_groups() -> None:
    G = nx.Graph([(1, 2), (2, 3)])
    nx.set_node_attributes(G, {1: 1, 2: "x", 3: (0, 1)}, "kind")
    result = ei_index(G, "kind")
    assert result.whole == 1.0
    assert len(result.groups) == 3


# ----------------------------------------------------------------- brokerage


def test_brokerage_every_role_by_hand() -> None:
    # Broker v in group A; a1 -> v -> a2 coordinator, b2 -> v -> b1 itinerant,
    # a1 -> v -> b1 representative, b2 -> v -> a2 gatekeeper, c1 -> v -> b1 liaison;
    # c1 -> v -> a2 would be a second gatekeeper but the arc c1 -> a2 closes it.
    G = nx.DiGraph([("a1", "v"), ("b2", "v"), ("c1", "v"), ("v", "a2"), ("v", "b1"), ("c1", "a2")])
    nx.set_node_attributes(
        G, {"v": "A", "a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}, "sector"
    )
    result = brokerage(G)
    assert result.nodes.row("v") == {
        "coordinator": 1,
        "itinerant": 1,
        "representative": 1,
        "gatekeeper": 1,
        "liaison": 1,
        "total": 5,
    }
    assert all(result.nodes.row(x)["total"] == 0 for x in G if x != "v")
    assert result.groups["A"]["total"] == 5
    assert result.groups["B"]["total"] == 0
    assert result.totals == dict.fromkeys(ROLES[:5], 1) | {"total": 5}


def test_brokerage_undirected_counts_both_directions() -> None:
    G = nx.path_graph(["a", "v", "b"])
    nx.set_node_attributes(G, {"a": "x", "v": "x", "b": "y"}, "sector")
    row = brokerage(G).nodes.row("v")
    assert (row["representative"], row["gatekeeper"], row["total"]) == (1, 1, 2)


def test_brokerage_strike_by_hand() -> None:
    # Alejandro (group 1) ties his clique of three to Bob (group 2): he represents each
    # of the three to Bob and keeps the gate for Bob to each of them. Bob is the only
    # liaison: Alejandro (1) -> Bob (2) -> Norm (3) and back.
    result = brokerage(strike(), "group")
    assert result.nodes.row("Alejandro") == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 3,
        "gatekeeper": 3,
        "liaison": 0,
        "total": 6,
    }
    assert result.nodes["liaison"] == {v: 2 if v == "Bob" else 0 for v in strike()}


@pytest.mark.parametrize("data", [jemaah_islamiyah, strike])
def test_brokerage_real_networks_against_brute_force(data: Any) -> None:
    G = data()
    attribute = "role" if "MUKLAS" in G else "group"
    result = brokerage(G, attribute)
    reference = brute_roles(G, attribute)
    for node in G:
        row = result.nodes.row(node)
        assert [row[role] for role in ROLES[:5]] == reference[node], node
        assert row["total"] == sum(reference[node])
    assert result.totals["total"] == brokered_triples(G)


@given(grouped_graphs(max_nodes=12))
def test_brokerage_matches_brute_force_and_sums_to_brokered_triples(G: nx.Graph[Any]) -> None:
    result = brokerage(G)
    reference = brute_roles(G, "sector")
    for node in G:
        row = result.nodes.row(node)
        assert [row[role] for role in ROLES[:5]] == reference[node]
    assert sum(result.nodes["total"].values()) == brokered_triples(G)
    assert sum(result.totals[role] for role in ROLES[:5]) == result.totals["total"]
    assert sum(group["total"] for group in result.groups.values()) == result.totals["total"]


@given(clique_graphs(max_nodes=14, directed=False))
def test_brokerage_small_cliques_counted_in_bulk_match_two_paths(G: nx.Graph[Any]) -> None:
    # Every clique of 3 or more counted by formula: the planted ones and any found.
    groups, codes = group_codes(G, "sector", None)
    counts = _undirected_role_counts(adjacency_matrix(G, None), codes, len(groups), min_clique=3)
    reference = brute_roles(G, "sector")
    assert {v: row.tolist() for v, row in zip(G, counts, strict=True)} == reference


@settings(max_examples=12)
@given(clique_graphs(max_nodes=48, min_clique=32, max_clique=40))
def test_brokerage_with_a_plenary_matches_two_paths(G: nx.Graph[Any]) -> None:
    result = brokerage(G)
    reference = brute_roles(G, "sector")
    for node in G:
        row = result.nodes.row(node)
        assert [row[role] for role in ROLES[:5]] == reference[node]


@given(clique_graphs(max_nodes=40, min_clique=3, max_clique=36, directed=False))
def test_group_measures_of_an_edge_list_are_those_of_its_graph(G: nx.Graph[Any]) -> None:
    edges = as_edge_list(G)
    assert brokerage(edges).nodes.to_dict() == brokerage(G).nodes.to_dict()
    ours, theirs = ei_index(edges, weight="weight"), ei_index(G, weight="weight")
    assert ours.groups == pytest.approx(theirs.groups, nan_ok=True)
    for column in ("internal", "external", "ei"):
        assert ours.nodes[column] == pytest.approx(theirs.nodes[column], nan_ok=True)
    assert mixing(edges).matrix.tolist() == mixing(G).matrix.tolist()


@given(clique_graphs(max_nodes=40, min_clique=3, max_clique=36, directed=False))
def test_brokerage_of_every_arc_returned_is_that_of_the_undirected_graph(
    G: nx.Graph[Any],
) -> None:
    ours = brokerage(G.to_directed(), normalized=True)
    theirs = brokerage(G, normalized=True)
    assert ours.nodes.to_dict() == theirs.nodes.to_dict()
    assert ours.density == theirs.density


def test_brokerage_of_a_multigraph_counts_parallel_ties_as_separate_paths() -> None:
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 3), (1, 3), (3, 4), (0, 4)])
    nx.set_node_attributes(M, {v: "ab"[v % 2] for v in M}, "sector")
    # Node 1 brokers (0, 2) and (0, 3) twice over, once for each tie to 0.
    assert brokerage(M).nodes.row(1)["itinerant"] == 4
    assert brokerage(nx.Graph(M)).nodes.row(1)["itinerant"] == 2


@given(grouped_graphs(max_nodes=12))
def test_brokerage_relabelling_changes_nothing(G: nx.Graph[Any]) -> None:
    H, mapping = relabelled(G)
    before, after = brokerage(G, normalized=True), brokerage(H, normalized=True)
    assert {mapping[v]: row for v, row in before.nodes.to_dict().items()} == after.nodes.to_dict()
    assert before.totals == after.totals
    assert before.z_totals == pytest.approx(after.z_totals, nan_ok=True)


@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=6),
    st.floats(0.0, 1.0),
)
def test_sna_moments_match_the_formulas_term_by_term(sizes: list[int], d: float) -> None:
    from coinnovation.network.groups import _sna_moments

    e, v, eg, vg = _sna_moments(np.array(sizes, dtype=float), d)
    e_ref, v_ref, eg_ref, vg_ref = sna_moments_by_loops(sizes, d)
    assert e == pytest.approx(np.array(e_ref), rel=1e-9, abs=1e-9)
    assert v == pytest.approx(np.array(v_ref), rel=1e-9, abs=1e-6)
    assert eg.tolist() == pytest.approx(eg_ref, rel=1e-9, abs=1e-9)
    assert vg.tolist() == pytest.approx(vg_ref, rel=1e-9, abs=1e-6)


def test_brokerage_expectations_by_hand() -> None:
    # Path a - b - c in three groups: m = 4 arcs, d = 4 / 6; c = d^2 (1 - d) = 4/27.
    G = nx.path_graph(3)
    nx.set_node_attributes(G, {0: "a", 1: "b", 2: "c"}, "sector")
    result = brokerage(G, normalized=True)
    assert result.density == pytest.approx(2 / 3)
    expected = result.expected
    assert expected is not None
    assert result.z is not None
    assert expected.row(1)["total"] == pytest.approx(4 / 27 * 2 * 1)
    assert expected.row(1)["liaison"] == pytest.approx(4 / 27 * (2**2 - 2))
    assert expected.row(1)["coordinator"] == 0.0
    assert result.expected_totals is not None
    assert result.expected_totals["total"] == pytest.approx(4 / 27 * 3 * 2 * 1)
    # No two nodes share a group, so no coordinator role is possible: sd 0, z nan as in R.
    assert math.isnan(result.z.row(1)["coordinator"])


def test_brokerage_expectations_against_simulation() -> None:
    # In a random digraph with arc probability d, each ordered pair (a, b) around a broker
    # is brokered with probability d^2 (1 - d): the mean role counts of many such graphs
    # approach sna's expectations evaluated at d.
    sizes, d, samples = (3, 4, 3), 0.3, 400
    labels = dict(enumerate(g for g, size in enumerate(sizes) for _ in range(size)))
    totals = np.zeros((len(labels), 6))
    for seed in range(samples):
        G = nx.gnp_random_graph(len(labels), d, seed=seed, directed=True)
        nx.set_node_attributes(G, labels, "sector")
        table = brokerage(G).nodes
        totals += np.column_stack([list(table[role].values()) for role in ROLES])
    G = nx.gnp_random_graph(len(labels), d, seed=0, directed=True)
    nx.set_node_attributes(G, labels, "sector")
    from coinnovation.network.groups import _sna_moments

    e, v, _, _ = _sna_moments(np.array(sizes, dtype=float), d)
    for group, members in enumerate(([0, 1, 2], [3, 4, 5, 6], [7, 8, 9])):
        mean = totals[members].sum(axis=0) / (samples * len(members))
        tolerance = 5 * np.sqrt(v[group]) / np.sqrt(samples) + 1e-12
        assert np.all(np.abs(mean - e[group]) <= tolerance), (group, mean, e[group])


# ----------------------------------------------------------------- mixing, assortativity


@given(grouped_graphs())
def test_mixing_and_assortativity_match_networkx(G: nx.Graph[Any]) -> None:
    result = mixing(G)
    mapping = {group: i for i, group in enumerate(result.groups)}
    theirs = nx.attribute_mixing_matrix(G, "sector", mapping=mapping, normalized=False)
    assert result.matrix == pytest.approx(theirs)
    normalized = mixing(G, normalized=True)
    if G.number_of_edges():
        assert normalized.matrix == pytest.approx(
            nx.attribute_mixing_matrix(G, "sector", mapping=mapping)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            r = float(nx.attribute_assortativity_coefficient(G, "sector"))
        assert assortativity(G) == pytest.approx(r, nan_ok=True)
        assert result.assortativity == pytest.approx(r, nan_ok=True)


@given(grouped_graphs())
def test_weighted_mixing_by_brute_force(G: nx.Graph[Any]) -> None:
    result = mixing(G, weight="weight")
    index = {group: i for i, group in enumerate(result.groups)}
    expected = np.zeros((len(index), len(index)))
    group = nx.get_node_attributes(G, "sector")
    for u, v, w in G.edges(data="weight"):
        expected[index[group[u]], index[group[v]]] += w
        if not G.is_directed():
            expected[index[group[v]], index[group[u]]] += w
    assert result.matrix == pytest.approx(expected)
    if G.number_of_edges():
        e = expected / expected.sum()
        a, b = e.sum(axis=1), e.sum(axis=0)
        if a @ b < 1:
            r = (np.trace(e) - a @ b) / (1 - a @ b)
            assert assortativity(G, weight="weight") == pytest.approx(r)


def test_assortativity_extremes_and_strike() -> None:
    G = strike()
    assert assortativity(G, "group") == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "group")
    )
    apart = nx.Graph([(1, 2), (3, 4)])
    nx.set_node_attributes(apart, {1: "a", 2: "a", 3: "b", 4: "b"}, "sector")
    assert assortativity(apart) == 1.0
    across = nx.Graph([(1, 2), (3, 4)])
    nx.set_node_attributes(across, {1: "a", 2: "b", 3: "a", 4: "b"}, "sector")
    assert assortativity(across) == -1.0


def test_mixing_results_are_read_only_and_convert() -> None:
    G = strike()
    result = mixing(G, "group")
    with pytest.raises(ValueError, match="read-only"):
        result.matrix[0, 0] = 1
    assert result.to_dict()[1][2] == 1.0
    assert result.matrix.sum() == 2 * G.number_of_edges()
    frame = result.to_frame()
    assert frame.loc[3, 2] == 2.0


def test_frames() -> None:
    G = jemaah_islamiyah()
    ei = ei_index(G, "role")
    assert ei.groups_frame().loc["Team Lima", "internal"] == 6.0
    assert ei.to_frame().loc["FERI", "ei"] == 1.0
    roles = brokerage(G, "role", normalized=True)
    frame = roles.to_frame()
    assert list(frame.columns[:6]) == list(ROLES)
    assert "z_liaison" in frame.columns
    # Five bomb makers, all ten ties among them present, 25 ties to the other roles.
    assert ei.to_dict()["groups"]["bomb maker"] == {
        "size": 5,
        "internal": 10.0,
        "external": 25.0,
        "ei": pytest.approx(15 / 35),
    }
