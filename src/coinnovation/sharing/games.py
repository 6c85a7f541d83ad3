"""Cooperative games: the Shapley value of any game given as a value function.

A cooperative game gives each coalition S of players a value v(S) — what they could
achieve, or save, together. The Shapley value shares v(N) among all players by each
player's average marginal contribution over every order in which the coalition could
form. It is the only sharing that is efficient, symmetric, additive and gives nothing to a
player who adds nothing (Shapley 1953).

Examples:
    >>> from fractions import Fraction
    >>> glove = lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"}))
    >>> shapley_value(["L", "R1", "R2"], glove)
    {'L': Fraction(2, 3), 'R1': Fraction(1, 6), 'R2': Fraction(1, 6)}
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from typing import Any, TypeVar

import attrs
import networkx as nx
import numpy as np

__all__ = [
    "EXACT_LIMIT",
    "ShapleyEstimate",
    "graph_restricted",
    "myerson_value",
    "shapley_estimate",
    "shapley_value",
]

#: The most players :func:`shapley_value` enumerates coalitions for (2**15 coalitions).
EXACT_LIMIT = 15

_P = TypeVar("_P", bound=Hashable)
Value = Callable[[frozenset[_P]], Real | int | Fraction]


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
