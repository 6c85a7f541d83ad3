"""Sharing rules: exact totals, symmetry, order invariance, and their explanations."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.sharing.games import EXACT_LIMIT
from coinnovation.sharing.rules import Equal, Myerson, Nucleolus, Proportional, Shapley

amounts = st.integers(0, 10**8).map(lambda units: Decimal(units).scaleb(-2))
weights = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 500), min_size=1, max_size=8
).filter(lambda w: any(w.values()))


@given(amounts, weights)
def test_proportional_sums_exactly_and_tracks_weights(amount: Decimal, w: dict[str, int]) -> None:
    allocation = Proportional(w, basis="hours").allocate(amount, currency="GBP")
    assert allocation.total == amount
    assert sum(allocation.shares.values()) == amount
    assert sum(allocation.fractions().values()) == 1
    for party, share in allocation.shares.items():
        exact = Fraction(amount) * w[party] / sum(w.values())
        assert abs(Fraction(share) - exact) < Fraction(1, 100)


@given(amounts, weights)
def test_equal_weights_mean_equal_shares(amount: Decimal, w: dict[str, int]) -> None:
    parties = list(w)
    equal = Equal().allocate(amount, parties, currency="GBP")
    same = Proportional(dict.fromkeys(parties, 7)).allocate(amount, currency="GBP")
    assert equal.shares == same.shares
    assert max(equal.shares.values()) - min(equal.shares.values()) <= Decimal("0.01")


@given(amounts, weights)
def test_interchangeable_parties_get_the_same_up_to_a_penny(
    amount: Decimal, w: dict[str, int]
) -> None:
    w = {**w, "twin-1": 5, "twin-2": 5}
    shares = Proportional(w).allocate(amount, currency="GBP").shares
    assert abs(shares["twin-1"] - shares["twin-2"]) <= Decimal("0.01")


def test_explain_names_rule_parties_and_rounding() -> None:
    text = Equal().allocate(Decimal("10.00"), ["whg", "acme", "trust"], currency="GBP").explain()
    assert text.splitlines() == [
        "10.00 GBP shared equally (largest-remainder rounding to 0.01 GBP):",
        "  whg: 3.34 GBP (weight 1 of 3, 33.3%)",
        "  acme: 3.33 GBP (weight 1 of 3, 33.3%)",
        "  trust: 3.33 GBP (weight 1 of 3, 33.3%)",
    ]


def test_equal_refuses_duplicates_and_nobody() -> None:
    with pytest.raises(ValueError, match="once"):
        Equal().allocate(Decimal("1"), ["a", "a"], currency="GBP")
    with pytest.raises(ValueError, match="no parties"):
        Equal().allocate(Decimal("1"), [], currency="GBP")


# -- rules from cooperative games ---------------------------------------------------------------


@st.composite
def game_tables(draw: st.DrawFn) -> tuple[list[str], dict[frozenset[str], int]]:
    """Monotone games with v(∅) = 0 (so every Shapley value is at least 0) and v(N) > 0."""
    n = draw(st.integers(1, 5))
    players = [f"p{i}" for i in range(n)]
    v: dict[frozenset[str], int] = {frozenset(): 0}
    for size in range(1, n + 1):
        for members in itertools.combinations(players, size):
            floor = max((v[frozenset(members) - {p}] for p in members), default=0)
            v[frozenset(members)] = floor + draw(st.integers(0, 30))
    if v[frozenset(players)] == 0:
        v[frozenset(players)] = 1
    return players, v


GAME_RULES = ["shapley", "myerson", "nucleolus"]


def rule_for(name: str, players: list[str], v: dict[frozenset[str], int]) -> Any:
    if name == "shapley":
        return Shapley(v, players)
    if name == "myerson":
        return Myerson(v, nx.complete_graph(players), players)
    return Nucleolus(v, players)


@given(amounts, game_tables(), st.sampled_from(GAME_RULES))
def test_game_rules_sum_exactly_to_the_pot(
    amount: Decimal, game: tuple[list[str], dict[frozenset[str], int]], name: str
) -> None:
    players, v = game
    if name == "nucleolus" and sum(v[frozenset({p})] for p in players) > v[frozenset(players)]:
        return
    allocation = rule_for(name, players, v).allocate(amount, currency="GBP")
    assert allocation.rule == name
    assert list(allocation.shares) == players
    assert sum(allocation.shares.values()) == amount
    assert allocation.total == amount


@given(game_tables(), st.sampled_from(GAME_RULES), st.randoms())
def test_game_rules_ignore_player_order_up_to_a_penny(
    game: tuple[list[str], dict[frozenset[str], int]], name: str, rng: Any
) -> None:
    players, v = game
    if name == "nucleolus" and sum(v[frozenset({p})] for p in players) > v[frozenset(players)]:
        return
    shuffled = list(players)
    rng.shuffle(shuffled)
    amount = Decimal("1000.00")
    first = rule_for(name, players, v).allocate(amount, currency="GBP").shares
    second = rule_for(name, shuffled, v).allocate(amount, currency="GBP").shares
    for party in players:
        assert abs(first[party] - second[party]) <= Decimal("0.01")


@given(amounts, game_tables(), st.sampled_from(GAME_RULES))
def test_symmetric_players_get_the_same_up_to_a_penny(
    amount: Decimal, game: tuple[list[str], dict[frozenset[str], int]], name: str
) -> None:
    # Add a twin of p0: the twin does exactly what p0 does, and nothing more beside it.
    players, v = game
    twin = "twin"
    extended = {
        frozenset(s): v[frozenset(s) - {twin} | ({players[0]} if twin in s else set())]
        for size in range(len(players) + 2)
        for s in itertools.combinations([*players, twin], size)
    }
    everyone = [*players, twin]
    if (
        name == "nucleolus"
        and sum(extended[frozenset({p})] for p in everyone) > extended[frozenset(everyone)]
    ):
        return
    shares = rule_for(name, everyone, extended).allocate(amount, currency="GBP").shares
    assert abs(shares[players[0]] - shares[twin]) <= Decimal("0.01")


@given(amounts, game_tables())
def test_null_players_get_nothing_from_shapley(
    amount: Decimal, game: tuple[list[str], dict[frozenset[str], int]]
) -> None:
    _, v = game
    extended = {**v, **{s | {"null"}: value for s, value in v.items()}}
    shares = Shapley(extended).allocate(amount, currency="GBP").shares
    assert shares["null"] == 0
    assert sum(shares.values()) == amount


def test_shapley_shares_are_the_values_when_the_pot_is_v_of_n() -> None:
    glove = lambda s: 60 * min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    allocation = Shapley(glove, ["L", "R1", "R2"]).allocate(Decimal("60"), currency="GBP")
    assert allocation.shares == {
        "L": Decimal("40.00"),
        "R1": Decimal("10.00"),
        "R2": Decimal("10.00"),
    }
    assert allocation.weights == {"L": 40, "R1": 10, "R2": 10}
    assert allocation.inputs == {
        "method": "exact",
        "players": ("L", "R1", "R2"),
        "game_total": 60,
    }
    assert allocation.notes == ()
    assert allocation.explain().splitlines() == [
        "60.00 GBP shared in proportion to each party's Shapley value in the game given "
        "(largest-remainder rounding to 0.01 GBP):",
        "  L: 40.00 GBP (Shapley value 40 of 60, 66.7%)",
        "  R1: 10.00 GBP (Shapley value 10 of 60, 16.7%)",
        "  R2: 10.00 GBP (Shapley value 10 of 60, 16.7%)",
    ]


def test_shapley_players_from_allocate_rule_or_table() -> None:
    table = {("a",): 1, ("b",): 1, ("a", "b"): 4}
    by_table = Shapley(table).allocate(Decimal("4"), currency="GBP")
    assert by_table.shares == {"a": Decimal("2.00"), "b": Decimal("2.00")}
    function = lambda s: len(s)  # noqa: E731
    with pytest.raises(ValueError, match="name the players"):
        Shapley(function).allocate(Decimal("1"), currency="GBP")
    rule = Shapley(function, ["x", "y"])
    assert list(rule.allocate(Decimal("1"), currency="GBP").shares) == ["x", "y"]
    overridden = rule.allocate(Decimal("1"), currency="GBP", players=["z"])
    assert overridden.shares == {"z": Decimal("1.00")}
    with pytest.raises(ValueError, match="once"):
        rule.allocate(Decimal("1"), currency="GBP", players=["z", "z"])
    with pytest.raises(ValueError, match="no players"):
        rule.allocate(Decimal("1"), currency="GBP", players=[])
    with pytest.raises(ValueError, match="no value for the coalition"):
        Shapley(table).allocate(Decimal("1"), currency="GBP", players=["a", "c"])


def test_game_rules_refuse_negative_and_zero_values() -> None:
    # A cost game: the Shapley values are costs (negative gains).
    cost = {"a": 1, "b": 3, "c": 6}
    negated = lambda s: -max((cost[p] for p in s), default=0)  # noqa: E731
    with pytest.raises(ValueError, match=r"negative Shapley values .*savings game"):
        Shapley(negated, list(cost)).allocate(Decimal("6"), currency="GBP")
    with pytest.raises(ValueError, match="negative nucleolus values"):
        Nucleolus(negated, list(cost)).allocate(Decimal("6"), currency="GBP")
    with pytest.raises(ValueError, match="every Shapley value is 0"):
        Shapley(lambda s: 0, ["a", "b"]).allocate(Decimal("6"), currency="GBP")
    # The savings game shares the same situation with non-negative values.
    savings = lambda s: sum(cost[p] for p in s) + negated(s)  # noqa: E731
    allocation = Shapley(savings, list(cost)).allocate(Decimal("4"), currency="GBP")
    assert allocation.weights == {"a": Fraction(2, 3), "b": Fraction(5, 3), "c": Fraction(5, 3)}


def test_shapley_estimates_beyond_the_exact_limit() -> None:
    players = list(range(EXACT_LIMIT + 2))
    v = lambda s: len(s) ** 2 if 0 in s else len(s)  # noqa: E731
    allocation = Shapley(v, players, samples=200, seed=4).allocate(Decimal("1000"), currency="GBP")
    assert sum(allocation.shares.values()) == Decimal("1000")
    assert allocation.inputs["method"] == "monte carlo"
    assert allocation.inputs["samples"] == 200
    assert allocation.inputs["seed"] == 4
    assert set(allocation.inputs["stderr"]) == set(players)
    assert allocation.notes[0].startswith("Monte Carlo with 200 samples, seed 4: each value is")
    assert "95% probability" in allocation.notes[0]
    assert allocation.shares[0] > allocation.shares[1]
    again = Shapley(v, players, samples=200, seed=4).allocate(Decimal("1000"), currency="GBP")
    assert again == allocation


def test_estimates_just_below_zero_count_as_zero() -> None:
    # Player k gains 1 joining after player 1 and loses 1 joining after player 2: its
    # Shapley value is exactly 0, but a sample of orders can put it a little below.
    k = EXACT_LIMIT
    v = lambda s: 10 * (0 in s) + (k in s) * ((1 in s) - (2 in s)) + (2 in s)  # noqa: E731
    allocation = Shapley(v, list(range(k + 1)), samples=50, seed=0).allocate(
        Decimal("100"), currency="GBP"
    )
    assert allocation.weights[k] == 0
    assert allocation.notes[1] == f"Estimates below 0 by less than 2·SE were taken as 0: {k}."
    assert sum(allocation.shares.values()) == Decimal("100")


def test_myerson_rule_on_a_path_with_an_isolated_partner() -> None:
    graph = nx.Graph([("firm", "champion"), ("champion", "trust")])
    graph.add_node("loner")
    pairs = lambda s: 6 if len(s) >= 2 else 0  # noqa: E731
    allocation = Myerson(pairs, graph).allocate(Decimal("6"), currency="GBP")
    assert allocation.shares == {
        "firm": Decimal("1.00"),
        "champion": Decimal("4.00"),
        "trust": Decimal("1.00"),
        "loner": Decimal("0.00"),
    }
    assert allocation.rule == "myerson"
    assert "collaboration graph" in allocation.basis
    assert any("Isolated" in note and "loner" in note for note in allocation.notes)
    assert any("2 separate groups" in note for note in allocation.notes)
    with pytest.raises(ValueError, match="missing from the graph"):
        Myerson(pairs, graph, ["firm", "nobody"]).allocate(Decimal("6"), currency="GBP")


def test_myerson_rule_estimates_beyond_the_exact_limit() -> None:
    graph = nx.path_graph(EXACT_LIMIT + 1)
    allocation = Myerson(lambda s: len(s) ** 2, graph, samples=100, seed=2).allocate(
        Decimal("100"), currency="GBP"
    )
    assert allocation.inputs["method"] == "monte carlo"
    assert sum(allocation.shares.values()) == Decimal("100")
    with pytest.raises(ValueError, match="missing from the graph"):
        Myerson(len, graph, [*range(EXACT_LIMIT + 1), "x"]).allocate(Decimal("1"), currency="GBP")


def test_nucleolus_rule() -> None:
    worth = {"ab": 60, "ac": 80, "bc": 100, "abc": 150}
    v = lambda s: worth.get("".join(sorted(s)), 0)  # noqa: E731
    allocation = Nucleolus(v, ["a", "b", "c"]).allocate(Decimal("150"), currency="EUR")
    assert allocation.shares == {
        "a": Decimal("30.00"),
        "b": Decimal("50.00"),
        "c": Decimal("70.00"),
    }
    assert allocation.inputs["method"] == "sequential linear programs"
    assert allocation.inputs["game_total"] == 150
    assert "linear programming" in allocation.notes[0]
    text = allocation.explain()
    assert "  a: 30.00 EUR (nucleolus value 30 of 150, 20.0%)" in text.splitlines()
    glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    shares = Nucleolus(glove, ["L", "R1", "R2"]).allocate(Decimal("1"), currency="GBP").shares
    assert shares == {"L": Decimal("1.00"), "R1": Decimal("0.00"), "R2": Decimal("0.00")}
    with pytest.raises(ValueError, match="imputation set is empty"):
        Nucleolus(lambda s: 1 if len(s) == 1 else 1.5, ["a", "b"]).allocate(
            Decimal("1"), currency="GBP"
        )


def test_float_values_are_shown_briefly() -> None:
    allocation = Shapley(lambda s: len(s) / 3, ["a", "b", "c"]).allocate(
        Decimal("1"), currency="GBP"
    )
    assert "Shapley value 0.333333 of 1" in allocation.explain()
