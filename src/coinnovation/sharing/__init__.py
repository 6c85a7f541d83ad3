"""Sharing costs and rewards: exact money splits and cooperative-game values.

The first pieces of the sharing layer: :func:`split` divides money exactly to the minor
unit, and :func:`shapley_value` / :func:`shapley_estimate` value any cooperative game.

Examples:
    >>> from decimal import Decimal
    >>> from coinnovation.sharing import split
    >>> split(Decimal("1.00"), {"whg": 1, "acme": 2}, currency="GBP")
    {'whg': Decimal('0.33'), 'acme': Decimal('0.67')}
"""

from coinnovation.sharing.games import (
    EXACT_LIMIT,
    ShapleyEstimate,
    graph_restricted,
    myerson_value,
    shapley_estimate,
    shapley_value,
)
from coinnovation.sharing.rounding import Weight, split
from coinnovation.sharing.rules import Allocation, Equal, Proportional

__all__ = [
    "EXACT_LIMIT",
    "Allocation",
    "Equal",
    "Proportional",
    "ShapleyEstimate",
    "Weight",
    "graph_restricted",
    "myerson_value",
    "shapley_estimate",
    "shapley_value",
    "split",
]
