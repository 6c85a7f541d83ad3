"""The Shapley value against textbook games, brute force over orders, and its axioms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.sharing import EXACT_LIMIT, myerson_value, shapley_estimate, shapley_value


def by_orders(players: list[int], v: dict[frozenset[int], int]) -> dict[int, Fraction]:
    """Independent computation: average marginal gains over every order of the players."""
    totals = dict.fromkeys(players, Fraction(0))
    for order in itertools.permutations(players):
        before: frozenset[int] = frozenset()
        for player in order:
            totals[player] += v[before | {player}] - v[before]
            before = before | {player}
    count = math.factorial(len(players))
    return {player: total / count for player, total in totals.items()}


@st.composite
def games(draw: st.DrawFn) -> tuple[list[int], dict[frozenset[int], int]]:
    n = draw(st.integers(1, 5))
    players = list(range(n))
    v = {frozenset(): 0}
    for size in range(1, n + 1):
        for coalition in itertools.combinations(players, size):
            v[frozenset(coalition)] = draw(st.integers(-50, 100))
    return players, v


@given(games())
def test_equals_the_average_over_orders(game: tuple[list[int], dict[frozenset[int], int]]) -> None:
    players, v = game
    assert shapley_value(players, v.__getitem__) == by_orders(players, v)


@given(games())
def test_efficient_and_order_invariant(game: tuple[list[int], dict[frozenset[int], int]]) -> None:
    players, v = game
    values = shapley_value(players, v.__getitem__)
    assert sum(values.values()) == v[frozenset(players)]
    assert shapley_value(players[::-1], v.__getitem__) == values


@given(games())
def test_null_player_gets_nothing(game: tuple[list[int], dict[frozenset[int], int]]) -> None:
    players, v = game
    null = len(players)
    extended = {**v, **{s | {null}: value for s, value in v.items()}}
    values = shapley_value([*players, null], extended.__getitem__)
    assert values[null] == 0


def test_symmetric_players_get_the_same() -> None:
    v = lambda s: len(s & {1, 2}) * 3 + (5 if {0, 1, 2} <= s else 0)  # noqa: E731
    values = shapley_value([0, 1, 2], v)
    assert values[1] == values[2]


def test_glove_game() -> None:
    # One left glove, two right gloves; a pair is worth 1 (e.g. Osborne & Rubinstein 1994).
    v = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    assert shapley_value(["L", "R1", "R2"], v) == {
        "L": Fraction(2, 3),
        "R1": Fraction(1, 6),
        "R2": Fraction(1, 6),
    }


def test_airport_game_matches_littlechild_owen() -> None:
    # Littlechild & Owen (1973): each runway segment is shared equally by those who need it.
    costs = [2, 5, 9, 10]
    players = list(range(len(costs)))
    values = shapley_value(players, lambda s: max((costs[p] for p in s), default=0))
    expected, previous, share = [], 0, Fraction(0)
    for k, cost in enumerate(costs):
        share += Fraction(cost - previous, len(costs) - k)
        expected.append(share)
        previous = cost
    assert [values[p] for p in players] == expected


def test_float_games_give_floats() -> None:
    values = shapley_value(["a", "b"], lambda s: 0.5 * len(s))
    assert values == {"a": 0.5, "b": 0.5}
    assert all(isinstance(value, float) for value in values.values())


def test_limits_and_duplicates() -> None:
    with pytest.raises(ValueError, match="too many"):
        shapley_value(list(range(EXACT_LIMIT + 1)), len)
    with pytest.raises(ValueError, match="once"):
        shapley_value(["a", "a"], len)
    assert shapley_value([], len) == {}


def test_estimate_converges_within_its_error() -> None:
    v = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    exact = shapley_value(["L", "R1", "R2"], v)
    estimate = shapley_estimate(["L", "R1", "R2"], v, samples=4000, seed=3)
    for player, value in exact.items():
        assert abs(estimate.values[player] - float(value)) < 4 * estimate.stderr[player] + 1e-12
    again = shapley_estimate(["L", "R1", "R2"], v, samples=4000, seed=3)
    assert again == estimate
    with pytest.raises(ValueError, match="at least 2"):
        shapley_estimate(["a"], len, samples=1)


@given(games())
def test_myerson_on_a_complete_graph_is_shapley(
    game: tuple[list[int], dict[frozenset[int], int]],
) -> None:
    import networkx as nx

    players, v = game
    complete = nx.complete_graph(players)
    assert myerson_value(players, v.__getitem__, complete) == shapley_value(players, v.__getitem__)


@given(games(), st.data())
def test_myerson_is_component_efficient(
    game: tuple[list[int], dict[frozenset[int], int]], data: st.DataObject
) -> None:
    import networkx as nx

    players, v = game
    graph = nx.Graph()
    graph.add_nodes_from(players)
    pairs = list(itertools.combinations(players, 2))
    graph.add_edges_from(data.draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else [])
    values = myerson_value(players, v.__getitem__, graph)
    for component in nx.connected_components(graph):
        assert sum(values[p] for p in component) == v[frozenset(component)]


def test_myerson_path_and_isolated_player() -> None:
    import networkx as nx

    v = lambda s: 1 if len(s) >= 2 else 0  # noqa: E731
    path = nx.Graph([("a", "b"), ("b", "c")])
    assert myerson_value(["a", "b", "c"], v, path) == {
        "a": Fraction(1, 6),
        "b": Fraction(2, 3),
        "c": Fraction(1, 6),
    }
    lonely = nx.Graph([("a", "b")])
    lonely.add_node("c")
    assert myerson_value(["a", "b", "c"], v, lonely)["c"] == 0
    with pytest.raises(ValueError, match="missing from the graph"):
        myerson_value(["a", "z"], v, path)
