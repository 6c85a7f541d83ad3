"""Cooperative games: the Shapley value, the nucleolus and the core of any game.

A cooperative game gives each coalition S of players a value v(S) — what they could
achieve, or save, together. The Shapley value shares v(N) among all players by each
player's average marginal contribution over every order in which the coalition could
form. It is the only sharing that is efficient, symmetric, additive and gives nothing to a
player who adds nothing (Shapley 1953). The nucleolus instead makes the largest complaint
of any coalition as small as possible (Schmeidler 1969), and the core is the set of
sharings no coalition can improve on by going it alone.

Values are gains (profits, savings): a coalition's *excess* v(S) − x(S) is what it would
gain by leaving, so positive excesses are complaints. For a cost game c, pass the savings
game s(S) = Σ_{i ∈ S} c({i}) − c(S), or the negated game −c with the charges negated.

Examples:
    >>> from fractions import Fraction
    >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
    >>> shapley_value(["L", "R1", "R2"], glove)
    {'L': Fraction(2, 3), 'R1': Fraction(1, 6), 'R2': Fraction(1, 6)}
    >>> nucleolus(["L", "R1", "R2"], glove)
    {'L': 1.0, 'R1': 0.0, 'R2': 0.0}
    >>> in_core(["L", "R1", "R2"], glove, {"L": 1, "R1": 0, "R2": 0})
    True
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from typing import Any, TypeVar

import attrs
import networkx as nx
import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "EXACT_LIMIT",
    "Game",
    "ShapleyEstimate",
    "core_violations",
    "excesses",
    "graph_restricted",
    "in_core",
    "myerson_value",
    "nucleolus",
    "shapley_estimate",
    "shapley_value",
    "value_function",
]

EXACT_LIMIT = 15
"""The most players :func:`shapley_value` enumerates coalitions for (2**15 coalitions)."""

_P = TypeVar("_P", bound=Hashable)
Value = Callable[[frozenset[_P]], Real | int | Fraction]

Game = Callable[[frozenset[Any]], Any] | Mapping[Any, Any]
"""A game as the sharing rules accept it: a function of a coalition (a frozenset of players),
or a table from coalitions (any iterables of players) to their values."""

#: An amount paid to a player: exact (int, Fraction, Decimal) or a float.
_Amount = int | float | Fraction | Decimal


def _players(players: Sequence[_P]) -> list[_P]:
    listed = list(players)
    if len(set(listed)) != len(listed):
        raise ValueError("each player must be listed once")
    return listed


def _exact(value: object) -> Fraction | float:
    """Exact numbers as a Fraction; floats (and anything else real) as a float."""
    if isinstance(value, int | Fraction | Decimal):
        return Fraction(value)
    return float(value)  # type: ignore[arg-type]


def shapley_value(players: Sequence[_P], v: Value[_P]) -> dict[_P, Fraction | float]:
    """The Shapley value of a cooperative game, computed exactly.

    Formula (Shapley 1953): for n players N,

        φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)).

    ``v`` is called once per coalition (2**n calls). Exact numbers in (int, Fraction,
    Decimal) give exact Fractions out; floats give floats.

    Args:
        players: The players, each once (at most :data:`EXACT_LIMIT`).
        v: The value of a coalition, given as a frozenset of players; v(∅) is usually 0.

    Returns:
        Each player's value, in the order given. They sum to v(N) − v(∅).

    Raises:
        ValueError: A player is listed twice, or there are more than
            :data:`EXACT_LIMIT` players (use :func:`shapley_estimate`).

    Reference:
        Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory
        of Games II*, 307–317. Princeton University Press.

    Examples:
        >>> # The airport game: runway costs 1, 3 and 6 shared among three airlines.
        >>> cost = {"a": 1, "b": 3, "c": 6}
        >>> shapley_value(list(cost), lambda s: max((cost[p] for p in s), default=0))
        {'a': Fraction(1, 3), 'b': Fraction(4, 3), 'c': Fraction(13, 3)}
    """
    listed = _players(players)
    n = len(listed)
    if n > EXACT_LIMIT:
        raise ValueError(
            f"{n} players are too many to enumerate exactly (limit {EXACT_LIMIT}); "
            "use shapley_estimate"
        )
    if n == 0:
        return {}
    values: list[Fraction] | list[float] = [
        _exact(v(frozenset(p for b, p in enumerate(listed) if mask >> b & 1)))
        for mask in range(1 << n)
    ]  # type: ignore[assignment]
    weights: list[Fraction] | list[float] = [
        Fraction(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n)) for k in range(n)
    ]
    if not all(isinstance(value, Fraction) for value in values):
        values = [float(value) for value in values]
        weights = [float(weight) for weight in weights]
    result: dict[_P, Fraction | float] = {}
    for i, player in enumerate(listed):
        bit = 1 << i
        result[player] = sum(
            (
                weights[mask.bit_count()] * (values[mask | bit] - values[mask])
                for mask in range(1 << n)
                if not mask & bit
            ),
            start=values[0] * 0,
        )
    return result


@attrs.frozen
class ShapleyEstimate:
    """A Monte Carlo estimate of the Shapley value, with its standard errors.

    Attributes:
        values: Each player's estimated value (the sample mean of its marginal gains).
        stderr: Each player's standard error (sample standard deviation / √samples); the
            true value lies within about 2 standard errors with 95% probability.
        samples: How many random orders were drawn.

    Examples:
        >>> est = shapley_estimate(["a", "b"], lambda s: len(s) ** 2, samples=10, seed=0)
        >>> est.values, round(est.stderr["a"], 3)
        ({'a': 1.8, 'b': 2.2}, 0.327)
    """

    values: dict[Hashable, float]
    stderr: dict[Hashable, float]
    samples: int


def shapley_estimate(
    players: Sequence[_P], v: Value[_P], *, samples: int = 1000, seed: int | None = 0
) -> ShapleyEstimate:
    """Estimate the Shapley value by sampling random orders of the players.

    Each sample draws a uniformly random order and credits each player with
    v(players before it ∪ {it}) − v(players before it); the mean over samples is an
    unbiased estimate of φ_i (Castro, Gómez & Tejada 2009), with standard error σ_i/√m.

    Args:
        players: The players, each once.
        v: The value of a coalition (a frozenset of players).
        samples: The number of random orders m.
        seed: Seed for the random orders (the same seed gives the same estimate).

    Returns:
        The estimates with their standard errors.

    Raises:
        ValueError: A player is listed twice, or ``samples`` < 2.

    Reference:
        Castro, J., Gómez, D. & Tejada, J. (2009). Polynomial calculation of the Shapley
        value based on sampling. *Computers & Operations Research* 36(5), 1726–1730.

    Examples:
        >>> est = shapley_estimate(list(range(20)), lambda s: len(s), samples=50, seed=1)
        >>> round(est.values[0], 6), est.stderr[0]
        (1.0, 0.0)
    """
    listed = _players(players)
    if samples < 2:
        raise ValueError("samples must be at least 2 to estimate an error")
    rng = np.random.default_rng(seed)
    n = len(listed)
    gains = np.zeros((samples, n))
    for row in range(samples):
        order = rng.permutation(n)
        before: set[_P] = set()
        previous = float(v(frozenset()))
        for index in order:
            before.add(listed[index])
            current = float(v(frozenset(before)))
            gains[row, index] = current - previous
            previous = current
    means = gains.mean(axis=0)
    errors = gains.std(axis=0, ddof=1) / math.sqrt(samples)
    return ShapleyEstimate(
        values={p: float(means[i]) for i, p in enumerate(listed)},
        stderr={p: float(errors[i]) for i, p in enumerate(listed)},
        samples=samples,
    )


def graph_restricted(v: Value[_P], graph: nx.Graph[_P]) -> Callable[[frozenset[_P]], Any]:
    """The game restricted to who can cooperate: v_G(S) = Σ over components C of G[S] of v(C).

    A coalition is worth only what its connected parts are worth on their own: partners
    with no path between them inside the coalition cannot pool their contributions
    (Myerson 1977). Values of components are cached.

    Args:
        v: The value of a coalition.
        graph: Who can cooperate with whom (every player must be a node).

    Returns:
        The restricted value function.

    Examples:
        >>> import networkx as nx
        >>> vg = graph_restricted(lambda s: len(s) ** 2, nx.Graph([("a", "b"), ("c", "c")]))
        >>> vg(frozenset({"a", "b", "c"}))
        5
    """
    cache: dict[frozenset[_P], Any] = {}

    def restricted(coalition: frozenset[_P]) -> Any:
        total: Any = 0
        for component in nx.connected_components(graph.subgraph(coalition)):
            key = frozenset(component)
            if key not in cache:
                cache[key] = v(key)
            total += cache[key]
        return total

    return restricted


def myerson_value(
    players: Sequence[_P], v: Value[_P], graph: nx.Graph[_P]
) -> dict[_P, Fraction | float]:
    """The Myerson value: the Shapley value of the game restricted to the graph.

    Formula (Myerson 1977): μ_i(v, G) = φ_i(v_G), where v_G(S) sums v over the connected
    components of the subgraph G[S] (see :func:`graph_restricted`). On a complete graph it
    is the Shapley value; a player cut off from everyone gets v({i}).

    Args:
        players: The players, each once; each must be a node of ``graph``.
        v: The value of a coalition.
        graph: Who actually collaborated (e.g. a collaboration network).

    Returns:
        Each player's value, in the order given.

    Raises:
        ValueError: A player is not in the graph, is listed twice, or there are too many
            players to enumerate.

    Reference:
        Myerson, R. B. (1977). Graphs and cooperation in games. *Mathematics of Operations
        Research* 2(3), 225–229.

    Examples:
        >>> import networkx as nx
        >>> v = lambda s: 1 if len(s) >= 2 else 0
        >>> myerson_value(["a", "b", "c"], v, nx.Graph([("a", "b"), ("b", "c")]))
        {'a': Fraction(1, 6), 'b': Fraction(2, 3), 'c': Fraction(1, 6)}
    """
    missing = [player for player in players if player not in graph]
    if missing:
        raise ValueError(f"players missing from the graph: {missing!r}")
    return shapley_value(players, graph_restricted(v, graph))


def value_function(game: Game) -> Callable[[frozenset[Any]], Any]:
    """The game as a function of coalitions: a table of values becomes a look-up.

    A table (a mapping from coalitions to values) may leave out the empty coalition,
    which is then worth 0; any other coalition it leaves out is an error when asked for.
    Keys may be any iterables of players; they are read as frozensets. A function is
    returned unchanged.

    Args:
        game: A function of a frozenset of players, or a table of coalition values.

    Returns:
        A function of a frozenset of players.

    Examples:
        >>> v = value_function({("a",): 1, ("b",): 2, ("a", "b"): 4})
        >>> v(frozenset({"a", "b"})), v(frozenset())
        (4, 0)
        >>> v(frozenset({"c"}))
        Traceback (most recent call last):
        ...
        ValueError: the game gives no value for the coalition ['c']
    """
    if not isinstance(game, Mapping):
        return game
    table = {frozenset(coalition): value for coalition, value in game.items()}

    def lookup(coalition: frozenset[Any]) -> Any:
        if coalition in table:
            return table[coalition]
        if not coalition:
            return 0
        raise ValueError(
            f"the game gives no value for the coalition {sorted(coalition, key=repr)!r}"
        )

    return lookup


def _coalition(listed: Sequence[_P], mask: int) -> frozenset[_P]:
    return frozenset(p for b, p in enumerate(listed) if mask >> b & 1)


def _check_size(n: int, what: str) -> None:
    if n > EXACT_LIMIT:
        raise ValueError(
            f"{n} players are too many for {what}: it looks at all 2**{n} coalitions "
            f"(limit {EXACT_LIMIT} players)"
        )


class _Span:
    """The linear span of 0/1 coalition vectors, kept in reduced row echelon form.

    Each basis row has a 1 in its own pivot column and 0 in every other pivot column, so
    a vector's residual is itself minus the rows weighted by its pivot entries. For 0/1
    vectors in at most :data:`EXACT_LIMIT` dimensions a non-zero residual entry is a
    rational no smaller than about 1e-5 in size, far above floating-point error.
    """

    def __init__(self, n: int) -> None:
        self.rows: NDArray[np.float64] = np.zeros((0, n))
        self.pivots: list[int] = []

    @property
    def rank(self) -> int:
        return len(self.pivots)

    def residual(self, vectors: NDArray[np.float64]) -> NDArray[np.float64]:
        if not self.pivots:
            return vectors.copy()
        return vectors - vectors[:, self.pivots] @ self.rows

    def contains(self, vectors: NDArray[np.float64]) -> NDArray[np.bool_]:
        if vectors.shape[0] == 0:
            return np.zeros(0, dtype=bool)
        return np.asarray(np.abs(self.residual(vectors)).max(axis=1) < 1e-9)

    def add(self, vector: NDArray[np.float64]) -> bool:
        rest = self.residual(vector[None, :])[0]
        pivot = int(np.argmax(np.abs(rest)))
        if abs(rest[pivot]) < 1e-9:
            return False
        rest = rest / rest[pivot]
        self.rows = np.vstack([self.rows - np.outer(self.rows[:, pivot], rest), rest])
        self.pivots.append(pivot)
        return True


def nucleolus(players: Sequence[_P], v: Value[_P], *, tol: float = 1e-9) -> dict[_P, float]:
    """The nucleolus: the imputation that makes the largest complaints as small as possible.

    The excess of a coalition S at a sharing x is e(S, x) = v(S) − x(S): what S would gain
    by going it alone. The nucleolus (Schmeidler 1969) is the imputation — a sharing of
    v(N) giving each player at least v({i}) — whose excesses, sorted from largest down,
    are lexicographically smallest: first the largest complaint is made as small as it can
    be, then the next, and so on. It is unique, lies in the core whenever the core is not
    empty, gives symmetric players the same, and does not depend on the players' order.

    This is the nucleolus over the imputation set (individually rational), not the
    pre-nucleolus over all efficient sharings; the two agree whenever the pre-nucleolus
    is individually rational (for example when the core is not empty).

    It is computed by a sequence of linear programs (Maschler, Peleg & Shapley 1979;
    Kohlberg 1971): program k finds the smallest ε_k such that every coalition not yet
    settled has excess at most ε_k, the settled ones keep their excesses, x(N) = v(N) and
    x_i ≥ v({i}). Only coalitions that are tight in *every* optimal solution may then be
    settled at ε_k: those whose constraint has a positive dual price (complementary
    slackness), never every coalition that happens to be tight at the one solution the
    solver returned, and the programs go on until the settled coalitions determine x —
    the mistakes Guajardo & Jörnsten (2015) found in published computations. A coalition
    whose excess the settled ones already fix is dropped. Each program settles at least
    one coalition independent of the settled ones, so at most n − 1 programs are solved
    (by HiGHS, through :func:`scipy.optimize.linprog`).

    Args:
        players: The players, each once (at most :data:`EXACT_LIMIT`).
        v: The value of a coalition (exact numbers or floats); v(∅) is not used.
        tol: Relative tolerance: dual prices above it count as positive, and the
            imputation set counts as empty when Σ v({i}) exceeds v(N) by more than
            ``tol`` times the largest |v(S)|.

    Returns:
        Each player's value as a float, in the order given; they sum to v(N). Values are
        rounded to 12 significant digits of the largest |v(S)| (clearing floating-point
        noise such as 148.99999999999994); they are accurate to about ``tol`` times the
        largest |v(S)|.

    Raises:
        ValueError: A player is listed twice, there are more than :data:`EXACT_LIMIT`
            players, or the imputation set is empty (Σ v({i}) > v(N)).
        RuntimeError: The linear-programming solver failed.

    References:
        Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM
        Journal on Applied Mathematics* 17(6), 1163–1170.

        Kohlberg, E. (1971). On the nucleolus of a characteristic function game. *SIAM
        Journal on Applied Mathematics* 20(1), 62–66.

        Maschler, M., Peleg, B. & Shapley, L. S. (1979). Geometric properties of the
        kernel, nucleolus, and related solution concepts. *Mathematics of Operations
        Research* 4(4), 303–338.

        Guajardo, M. & Jörnsten, K. (2015). Common mistakes in computing the nucleolus.
        *European Journal of Operational Research* 241(3), 931–935.

    Examples:
        >>> # Pairs are worth 60, 80 and 100 and all three 150; the nucleolus equalises
        >>> # the pairs' complaints at -20.
        >>> worth = {"ab": 60, "ac": 80, "bc": 100, "abc": 150}
        >>> v = lambda s: worth.get("".join(sorted(s)), 0)
        >>> nucleolus(["a", "b", "c"], v)
        {'a': 30.0, 'b': 50.0, 'c': 70.0}
    """
    listed = _players(players)
    n = len(listed)
    _check_size(n, "the nucleolus")
    if n == 0:
        return {}
    full = (1 << n) - 1
    worth = np.array(
        [0.0] + [float(_exact(v(_coalition(listed, mask)))) for mask in range(1, full + 1)]
    )
    scale = max(1.0, float(np.abs(worth).max()))
    own = worth[[1 << i for i in range(n)]]
    if own.sum() > worth[full] + tol * scale:
        raise ValueError(
            "the imputation set is empty: the players' values on their own sum to "
            f"{own.sum():g}, more than the {worth[full]:g} all of them are worth together, "
            "so no sharing of v(N) gives each at least what it could get alone"
        )
    if n == 1:
        return {listed[0]: float(worth[full])}
    worth = worth / scale
    masks = np.arange(1, full)
    incidence = ((masks[:, None] >> np.arange(n)) & 1).astype(np.float64)
    span = _Span(n)
    span.add(np.ones(n))
    equal_rows: list[NDArray[np.float64]] = [np.ones(n)]
    equal_values: list[float] = [float(worth[full])]
    free = np.ones(len(masks), dtype=bool)
    bounds = [(float(low), None) for low in worth[[1 << i for i in range(n)]]] + [(None, None)]
    objective = np.zeros(n + 1)
    objective[-1] = 1.0
    while span.rank < n:
        free &= ~span.contains(incidence)
        rows = np.flatnonzero(free)
        if rows.size == 0:  # pragma: no cover - the rank argument rules this out
            break
        result = linprog(
            objective,
            A_ub=np.hstack([-incidence[rows], -np.ones((rows.size, 1))]),
            b_ub=-worth[masks[rows]],
            A_eq=np.hstack([np.array(equal_rows), np.zeros((len(equal_rows), 1))]),
            b_eq=np.array(equal_values),
            bounds=bounds,
            method="highs",
            options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
        )
        if result.status != 0:
            raise RuntimeError(f"the nucleolus linear program failed: {result.message}")
        level = float(result.x[-1])
        prices = -np.asarray(result.ineqlin.marginals, dtype=np.float64)
        tight = rows[prices > tol]
        if tight.size == 0:  # pragma: no cover - the prices sum to 1
            tight = rows[[int(np.argmax(prices))]]
        for row in tight:
            if span.add(incidence[row]):
                equal_rows.append(incidence[row])
                equal_values.append(float(worth[masks[row]]) - level)
        free[tight] = False
    x = np.linalg.solve(np.array(equal_rows), np.array(equal_values)) * scale
    digits = 12 - math.floor(math.log10(scale))
    return {player: round(float(x[i]), digits) + 0.0 for i, player in enumerate(listed)}


def _amounts(listed: Sequence[_P], allocation: Mapping[_P, _Amount]) -> list[Fraction | float]:
    missing = [player for player in listed if player not in allocation]
    extra = [player for player in allocation if player not in set(listed)]
    if missing or extra:
        raise ValueError(
            "the allocation must give an amount to each player and to no one else: "
            f"missing {missing!r}, unknown {extra!r}"
        )
    return [_exact(allocation[player]) for player in listed]


def excesses(
    players: Sequence[_P], v: Value[_P], allocation: Mapping[_P, _Amount]
) -> dict[frozenset[_P], Fraction | float]:
    """Each coalition's excess e(S, x) = v(S) − x(S): what it would gain by going alone.

    A positive excess is a complaint: S could get more on its own than the allocation
    gives its members. The excess of N itself is v(N) − x(N), zero when the allocation
    is efficient. For a cost game c, pass the savings game or −c with the charges
    negated; then the excess is the amount by which S is overcharged.

    Formula: e(S, x) = v(S) − Σ_{i ∈ S} x_i (Schmeidler 1969).

    Args:
        players: The players, each once (at most :data:`EXACT_LIMIT`).
        v: The value of a coalition.
        allocation: Each player's amount (exact numbers stay exact).

    Returns:
        Every non-empty coalition's excess, smallest coalitions first and, within a size,
        in the order of the players given. Exact when the values and amounts are exact.

    Raises:
        ValueError: A player is listed twice or has no amount, the allocation names
            someone else, or there are too many players.

    Reference:
        Schmeidler, D. (1969). The nucleolus of a characteristic function game. *SIAM
        Journal on Applied Mathematics* 17(6), 1163–1170.

    Examples:
        >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
        >>> e = excesses(["L", "R1", "R2"], glove, {"L": 0.5, "R1": 0.25, "R2": 0.25})
        >>> e[frozenset({"L", "R1"})], e[frozenset({"L", "R1", "R2"})]
        (0.25, 0.0)
    """
    listed = _players(players)
    _check_size(len(listed), "excesses")
    amounts = dict(zip(listed, _amounts(listed, allocation), strict=True))
    result: dict[frozenset[_P], Fraction | float] = {}
    for size in range(1, len(listed) + 1):
        for members in itertools.combinations(listed, size):
            coalition = frozenset(members)
            paid = sum((amounts[p] for p in members), start=Fraction(0))
            result[coalition] = _exact(v(coalition)) - paid
    return result


def core_violations(
    players: Sequence[_P],
    v: Value[_P],
    allocation: Mapping[_P, _Amount],
    *,
    tol: float = 1e-9,
) -> list[tuple[frozenset[_P], Fraction | float]]:
    """The coalitions that block an allocation, with their excesses, largest first.

    The core (Gillies 1959) is the set of allocations x with x(N) = v(N) and
    x(S) ≥ v(S) for every coalition S: no group of players could do better on its own. A
    coalition S ≠ N *blocks* x when e(S, x) = v(S) − x(S) > ``tol``; N is listed too when
    the allocation is not efficient, |v(N) − x(N)| > ``tol`` (with a negative excess when
    it hands out more than v(N)).

    Args:
        players: The players, each once (at most :data:`EXACT_LIMIT`).
        v: The value of a coalition (gains; see :func:`excesses` for cost games).
        allocation: Each player's amount.
        tol: Excesses up to this are not violations (0 for a strict exact check; the
            default absorbs floating-point error).

    Returns:
        (coalition, excess) pairs, largest excess first (ties smallest coalition first);
        empty when the allocation is in the core.

    Raises:
        ValueError: As for :func:`excesses`.

    Reference:
        Gillies, D. B. (1959). Solutions to general non-zero-sum games. In *Contributions
        to the Theory of Games IV*, 47–85. Princeton University Press.

    Examples:
        >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
        >>> from fractions import Fraction as F
        >>> shapley = {"L": F(2, 3), "R1": F(1, 6), "R2": F(1, 6)}
        >>> [(sorted(s), e) for s, e in core_violations(["L", "R1", "R2"], glove, shapley)]
        [(['L', 'R1'], Fraction(1, 6)), (['L', 'R2'], Fraction(1, 6))]
    """
    listed = _players(players)
    everyone = frozenset(listed)
    found: list[tuple[frozenset[_P], Fraction | float]] = []
    for coalition, excess in excesses(listed, v, allocation).items():
        if (-excess if coalition == everyone and excess < 0 else excess) > tol:
            found.append((coalition, excess))
    return sorted(found, key=lambda item: -item[1])


def in_core(
    players: Sequence[_P],
    v: Value[_P],
    allocation: Mapping[_P, _Amount],
    *,
    tol: float = 1e-9,
) -> bool:
    """Whether an allocation is in the core: efficient, and blocked by no coalition.

    Formula: x(N) = v(N) and v(S) − x(S) ≤ ``tol`` for every coalition S (Gillies 1959);
    see :func:`core_violations` for the coalitions that fail.

    Args:
        players: The players, each once (at most :data:`EXACT_LIMIT`).
        v: The value of a coalition (gains; see :func:`excesses` for cost games).
        allocation: Each player's amount.
        tol: Excesses up to this are tolerated.

    Returns:
        ``True`` when no coalition blocks and the allocation shares exactly v(N).

    Raises:
        ValueError: As for :func:`excesses`.

    Reference:
        Gillies, D. B. (1959). Solutions to general non-zero-sum games. In *Contributions
        to the Theory of Games IV*, 47–85. Princeton University Press.

    Examples:
        >>> # A savings game: two firms save 4 together.
        >>> v = lambda s: 4 if len(s) == 2 else 0
        >>> in_core(["a", "b"], v, {"a": 3, "b": 1}), in_core(["a", "b"], v, {"a": 3, "b": 0})
        (True, False)
    """
    return not core_violations(players, v, allocation, tol=tol)
