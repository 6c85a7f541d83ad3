"""The Shapley value and the nucleolus against textbook games, brute force, and their axioms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.sharing.games import (
    EXACT_LIMIT,
    core_violations,
    excesses,
    in_core,
    myerson_value,
    nucleolus,
    shapley_estimate,
    shapley_value,
    value_function,
)


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


# -- the nucleolus, excesses and the core ------------------------------------------------------


def table(players: list[int], v: dict[frozenset[int], int]) -> dict[int, float]:
    """The nucleolus of a game given as a table."""
    return nucleolus(players, v.__getitem__)


def imputations_exist(players: list[int], v: dict[frozenset[int], int]) -> bool:
    return sum(v[frozenset({p})] for p in players) <= v[frozenset(players)]


def by_auxiliary_lps(players: list[int], v: dict[frozenset[int], int]) -> list[float]:
    """Independent computation (Maschler, Peleg & Shapley 1979), without dual prices.

    After each linear program, one more program per candidate coalition asks whether its
    excess can fall below the optimum ε anywhere on the optimal set; the coalitions for
    which it cannot are settled at ε. It stops when every x_i is pinned down.
    """
    from scipy.optimize import linprog

    n = len(players)
    coalitions = [
        frozenset(c) for size in range(1, n) for c in itertools.combinations(players, size)
    ]
    grand = frozenset(players)
    settled: dict[frozenset[int], float] = {}
    bounds = [(v[frozenset({p})], None) for p in players]

    def row(coalition: frozenset[int]) -> list[float]:
        return [1.0 if p in coalition else 0.0 for p in players]

    def equalities() -> tuple[list[list[float]], list[float]]:
        rows = [row(grand)] + [row(s) for s in settled]
        return rows, [v[grand]] + [v[s] - level for s, level in settled.items()]

    while True:
        free = [s for s in coalitions if s not in settled]
        a_eq, b_eq = equalities()
        if not free:
            break
        first = linprog(
            [0.0] * n + [1.0],
            A_ub=[[-a for a in row(s)] + [-1.0] for s in free],
            b_ub=[-v[s] for s in free],
            A_eq=[[*r, 0.0] for r in a_eq],
            b_eq=b_eq,
            bounds=[*bounds, (None, None)],
            method="highs",
        )
        eps = first.x[-1]
        a_ub = [[-a for a in row(s)] for s in free]
        b_ub = [eps + 1e-9 - v[s] for s in free]
        newly = []
        for s in free:
            best = linprog(
                [-a for a in row(s)], A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds
            )
            if v[s] + best.fun >= eps - 1e-7:
                newly.append(s)
        settled.update(dict.fromkeys(newly, eps))
        a_eq, b_eq = equalities()
        spans = [
            linprog(sign * np.eye(n)[i], A_eq=a_eq, b_eq=b_eq, bounds=bounds).fun * sign
            for i in range(n)
            for sign in (1, -1)
        ]
        if max(abs(spans[2 * i] - spans[2 * i + 1]) for i in range(n)) < 1e-7:
            break
    a_eq, b_eq = equalities()
    return list(linprog([0.0] * n, A_eq=a_eq, b_eq=b_eq, bounds=bounds).x)


@st.composite
def convex_games(draw: st.DrawFn) -> tuple[list[int], dict[frozenset[int], int]]:
    """Sums of unanimity games with non-negative weights: always convex (Shapley 1971)."""
    n = draw(st.integers(2, 6))
    players = list(range(n))
    carriers = draw(
        st.lists(st.tuples(st.integers(1, (1 << n) - 1), st.integers(0, 20)), max_size=8)
    )
    v = {}
    for size in range(n + 1):
        for members in itertools.combinations(players, size):
            mask = sum(1 << p for p in members)
            v[frozenset(members)] = sum(w for t, w in carriers if t & mask == t)
    return players, v


def test_nucleolus_of_the_glove_game_is_the_core() -> None:
    # One left glove, two right: the core is the single point (1, 0, 0) (Osborne &
    # Rubinstein 1994), so the nucleolus is that point.
    v = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    assert nucleolus(["L", "R1", "R2"], v) == {"L": 1.0, "R1": 0.0, "R2": 0.0}
    assert in_core(["L", "R1", "R2"], v, {"L": 1, "R1": 0, "R2": 0}, tol=0)


def test_nucleolus_of_the_airport_game() -> None:
    # Runway costs 1, 3, 6 (the airport game of the Shapley test). By hand, in the savings
    # game s(S) = Σ c_i − max c (s = 0 for singletons, s(ab) = 1, s(ac) = 1, s(bc) = 3,
    # s(abc) = 4): e({a}) + e({b, c}) = −x_a + (x_a − 1) = −1, so the largest complaint is at
    # least −1/2, reached only with x_a = 1/2. Then e({a, b}) = 1/2 − x_b and
    # e({a, c}) = 1/2 − x_c with x_b + x_c = 7/2 balance at x_b = x_c = 7/4. Charges are
    # c − x = (1/2, 5/4, 17/4): Littlechild's (1974) sequential equal division.
    cost = {"a": 1, "b": 3, "c": 6}
    savings = lambda s: sum(cost[p] for p in s) - max((cost[p] for p in s), default=0)  # noqa: E731
    assert nucleolus(list(cost), savings) == pytest.approx({"a": 0.5, "b": 1.75, "c": 1.75})
    negated = lambda s: -max((cost[p] for p in s), default=0)  # noqa: E731
    assert nucleolus(list(cost), negated) == pytest.approx({"a": -0.5, "b": -1.25, "c": -4.25})


def littlechild(costs: list[int]) -> list[Fraction]:
    """The airport game's cost nucleolus by Littlechild's (1974) sequential equal division.

    With costs c_1 ≤ … ≤ c_n and Y the amount already charged, the next player i pays
    min{(c_k − Y)/(k − i + 2) for i ≤ k < n, (c_n − Y)/(n − i + 1)}: the cheapest block of
    players who can be charged equally without any prefix paying more than its runway or
    anyone paying less than the cheapest; the largest user pays the rest.
    """
    n, paid, charges = len(costs), Fraction(0), []
    for i in range(n - 1):
        terms = [Fraction(costs[k] - paid, k - i + 2) for k in range(i, n - 1)]
        charge = min([*terms, Fraction(costs[-1] - paid, n - i)])
        charges.append(charge)
        paid += charge
    return [*charges, costs[-1] - paid]


@given(st.lists(st.integers(0, 50), min_size=1, max_size=7).map(sorted))
def test_airport_nucleolus_matches_littlechild(costs: list[int]) -> None:
    players = list(range(len(costs)))
    cost = lambda s: max((costs[p] for p in s), default=0)  # noqa: E731
    values = nucleolus(players, lambda s: -cost(s))
    expected = littlechild(costs)
    for p in players:
        assert -values[p] == pytest.approx(float(expected[p]), abs=1e-7)


def test_nucleolus_of_games_worked_by_hand() -> None:
    worth = {"ab": 60, "ac": 80, "bc": 100}
    # v(N) = 150: the pairs' excesses x_c − 90, x_b − 70, x_a − 50 sum to −60, so the
    # largest is at least −20 and equal only at (30, 50, 70); singletons are far lower.
    v = lambda s: {**worth, "abc": 150}.get("".join(sorted(s)), 0)  # noqa: E731
    assert nucleolus(["a", "b", "c"], v) == pytest.approx({"a": 30, "b": 50, "c": 70})
    # v(N) = 120: the core is the single point (20, 40, 60), so that is the nucleolus.
    v = lambda s: {**worth, "abc": 120}.get("".join(sorted(s)), 0)  # noqa: E731
    assert nucleolus(["a", "b", "c"], v) == pytest.approx({"a": 20, "b": 40, "c": 60})
    # Singletons worth 68, 102, 0; pairs 170, 710, 762; all 992 (the example documented
    # by the R package coopProductGame). e({1}) + e({2,3}) = 68 − 230 fixes x_1 = 149 at
    # −81; then e({2}) + e({1,3}) = 102 − 282 gives x_2 = 192 at −90, and x_3 = 651.
    values = [68, 102, 0, 170, 710, 762, 992]
    order = [{1}, {2}, {3}, {1, 2}, {1, 3}, {2, 3}, {1, 2, 3}]
    game = {frozenset(s): x for s, x in zip(order, values, strict=True)}
    assert nucleolus([1, 2, 3], game.__getitem__) == pytest.approx({1: 149, 2: 192, 3: 651})


def test_nucleolus_of_a_four_player_game() -> None:
    # The example documented by the R package CoopGame (nucleolus 3.5, 4.5, 5.5, 7.5),
    # checked here against the independent computation too.
    values = [0, 0, 0, 0, 5, 5, 8, 9, 10, 8, 13, 15, 16, 17, 21]
    players = [1, 2, 3, 4]
    order = [frozenset(c) for k in range(1, 5) for c in itertools.combinations(players, k)]
    game = {frozenset(): 0, **dict(zip(order, values, strict=True))}
    assert list(table(players, game).values()) == pytest.approx([3.5, 4.5, 5.5, 7.5])
    assert by_auxiliary_lps(players, game) == pytest.approx([3.5, 4.5, 5.5, 7.5])


def test_nucleolus_does_not_settle_coalitions_tight_at_one_optimum_only() -> None:
    # Only {1, 2} is worth anything (1), as is N. The first program's optimum (largest
    # excess 0) is every x = (t, 1 − t, 0), so the solver may return (1, 0, 0), where {2}
    # is tight too. Settling {2} there (Guajardo & Jörnsten's 2015 warning) would give
    # (1, 0, 0); only {1, 2} and {3} are tight at every optimum, and the next program
    # splits the pair's worth equally.
    v = lambda s: 1 if {1, 2} <= s else 0  # noqa: E731
    x = nucleolus([1, 2, 3], v)
    assert x == pytest.approx({1: 0.5, 2: 0.5, 3: 0.0})
    largest = lambda y: max(e for s, e in excesses([1, 2, 3], v, y).items() if len(s) < 3)  # noqa: E731
    assert largest({1: 1, 2: 0, 3: 0}) == largest(x) == 0  # the trap is a first-stage optimum


def test_nucleolus_with_an_empty_core() -> None:
    # Three-player majority game: any pair wins 1. The core is empty; by symmetry the
    # nucleolus is (1/3, 1/3, 1/3), and every pair complains 1/3.
    v = lambda s: 1 if len(s) >= 2 else 0  # noqa: E731
    x = nucleolus(["a", "b", "c"], v)
    assert x == pytest.approx(dict.fromkeys("abc", 1 / 3))
    assert not in_core(["a", "b", "c"], v, x)
    blocking = core_violations(["a", "b", "c"], v, x)
    assert [len(s) for s, _ in blocking] == [2, 2, 2]
    assert all(e == pytest.approx(1 / 3) for _, e in blocking)


def test_nucleolus_limits_and_small_games() -> None:
    with pytest.raises(ValueError, match="too many"):
        nucleolus(list(range(EXACT_LIMIT + 1)), len)
    with pytest.raises(ValueError, match="once"):
        nucleolus(["a", "a"], len)
    with pytest.raises(ValueError, match="imputation set is empty"):
        nucleolus(["a", "b"], lambda s: 1 if len(s) == 1 else 1.5)
    assert nucleolus([], len) == {}
    assert nucleolus(["solo"], lambda s: Fraction(7, 2)) == {"solo": 3.5}
    # Exact and decimal values are accepted; the result is floats.
    from decimal import Decimal

    x = nucleolus(["a", "b"], lambda s: Decimal("1.5") if len(s) == 2 else Decimal(0))
    assert x == {"a": 0.75, "b": 0.75}


@given(st.integers(-50, 50), st.integers(-50, 50), st.integers(-50, 150))
def test_two_player_nucleolus_is_the_standard_solution(a: int, b: int, ab: int) -> None:
    if a + b > ab:
        return
    v = {frozenset(): 0, frozenset({0}): a, frozenset({1}): b, frozenset({0, 1}): ab}
    surplus = (ab - a - b) / 2
    assert list(table([0, 1], v).values()) == pytest.approx([a + surplus, b + surplus])


@given(games())
def test_nucleolus_matches_the_independent_computation(
    game: tuple[list[int], dict[frozenset[int], int]],
) -> None:
    players, v = game
    if len(players) > 4 or not imputations_exist(players, v):
        return
    values = table(players, v)
    assert list(values.values()) == pytest.approx(by_auxiliary_lps(players, v), abs=1e-6)


@given(games())
def test_nucleolus_is_an_order_free_imputation(
    game: tuple[list[int], dict[frozenset[int], int]],
) -> None:
    players, v = game
    if not imputations_exist(players, v):
        with pytest.raises(ValueError, match="imputation set is empty"):
            table(players, v)
        return
    values = table(players, v)
    assert sum(values.values()) == pytest.approx(v[frozenset(players)])
    for p in players:
        assert values[p] >= v[frozenset({p})] - 1e-9
    assert table(players[::-1], v) == pytest.approx(values)


@given(convex_games())
def test_nucleolus_is_in_the_core_of_convex_games(
    game: tuple[list[int], dict[frozenset[int], int]],
) -> None:
    players, v = game
    values = table(players, v)
    assert core_violations(players, v.__getitem__, values, tol=1e-7) == []
    # The Shapley value of a convex game is in the core too (Shapley 1971).
    assert in_core(players, v.__getitem__, shapley_value(players, v.__getitem__), tol=0)


@given(st.integers(2, 9), st.lists(st.integers(0, 30), min_size=9, max_size=9))
def test_symmetric_games_share_equally(n: int, steps: list[int]) -> None:
    # v(S) = f(|S|) with f convex (increasing increments): everyone is interchangeable.
    increments = sorted(steps)
    f = [sum(increments[:k]) for k in range(10)]
    values = nucleolus(list(range(n)), lambda s: f[len(s)])
    assert list(values.values()) == pytest.approx([f[n] / n] * n)


@given(st.integers(0, 3), st.data())
def test_symmetric_players_get_the_same_nucleolus(others: int, data: st.DataObject) -> None:
    # Players 0 and 1 are interchangeable: v depends on how many of them S holds.
    rest = list(range(2, 2 + others))
    worth: dict[tuple[int, frozenset[int]], int] = {}
    for size in range(others + 1):
        for members in itertools.combinations(rest, size):
            for twins in range(3):
                worth[twins, frozenset(members)] = data.draw(st.integers(0, 40))
    v = lambda s: worth[len(s & {0, 1}), s - {0, 1}] if s else 0  # noqa: E731
    players = [0, 1, *rest]
    if sum(v(frozenset({p})) for p in players) > v(frozenset(players)):
        return
    values = nucleolus(players, v)
    assert values[0] == pytest.approx(values[1], abs=1e-7)


def test_excesses_and_core_checks() -> None:
    v = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))  # noqa: E731
    players = ["L", "R1", "R2"]
    shapley = shapley_value(players, v)
    found = excesses(players, v, shapley)
    assert len(found) == 7
    assert list(found)[:3] == [frozenset({"L"}), frozenset({"R1"}), frozenset({"R2"})]
    assert found[frozenset({"L", "R1"})] == Fraction(1, 6)
    assert found[frozenset(players)] == 0
    assert not in_core(players, v, shapley)
    # Not efficient: N itself is listed, with a negative excess when overpaid.
    over = {"L": 1, "R1": Fraction(1, 2), "R2": 0}
    assert core_violations(players, v, over) == [(frozenset(players), Fraction(-1, 2))]
    under = {"L": Fraction(1, 2), "R1": 0, "R2": 0}
    assert frozenset(players) in dict(core_violations(players, v, under))
    with pytest.raises(ValueError, match="missing"):
        excesses(players, v, {"L": 1})
    with pytest.raises(ValueError, match="unknown"):
        excesses(players, v, {"L": 1, "R1": 0, "R2": 0, "X": 0})
    with pytest.raises(ValueError, match="too many"):
        excesses(list(range(EXACT_LIMIT + 1)), len, dict.fromkeys(range(EXACT_LIMIT + 1), 1))


def test_value_function_reads_tables() -> None:
    v = value_function({("a",): 1, frozenset({"a", "b"}): 3})
    assert v(frozenset({"a"})) == 1
    assert v(frozenset()) == 0
    with pytest.raises(ValueError, match="no value for the coalition"):
        v(frozenset({"b"}))
    assert value_function(len) is len
