"""Exact money splits: shares that always add up to the amount, to the minor unit.

A split first gives each party its exact share, rounded *down* to the currency's minor
unit (pennies for pounds, yen for yen), then hands the pennies left over, one each, to the
parties whose exact shares lost the most in rounding (largest remainder, Hamilton's
method), breaking ties by the order the parties were given. The result always sums
exactly to the amount.

Examples:
    >>> from decimal import Decimal
    >>> split(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}, currency="GBP")
    {'a': Decimal('33.34'), 'b': Decimal('33.33'), 'c': Decimal('33.33')}
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import TypeVar

from coinnovation.models._base import minor_unit

__all__ = ["Weight", "split"]

#: An exact or numeric weight.
Weight = int | Decimal | Fraction | float

_K = TypeVar("_K", bound=Hashable)


def _exact(value: Weight) -> Fraction:
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def split(amount: Decimal, weights: Mapping[_K, Weight], *, currency: str) -> dict[_K, Decimal]:
    """Split ``amount`` in proportion to ``weights``, exactly, to the currency's minor unit.

    Formula: party i's exact share is q_i = A·w_i / Σw. Each gets ⌊q_i⌋ in minor units;
    the R = A − Σ⌊q_i⌋ units left go one each to the R parties with the largest
    remainders q_i − ⌊q_i⌋ (Hamilton's largest-remainder method; Balinski & Young, *Fair
    Representation*, 1982). Ties go to the party given first.

    Args:
        amount: The amount to split; it must be a whole number of minor units (negative
            amounts, such as a shared loss, are split the same way).
        weights: Each party's weight (non-negative; floats are read by their shortest
            decimal form).
        currency: The ISO 4217 code that sets the minor unit.

    Returns:
        Each party's amount, in the order given; they sum exactly to ``amount``.

    Raises:
        ValueError: No weights, a negative weight, all weights zero, or an amount finer
            than the minor unit.

    Examples:
        >>> from decimal import Decimal
        >>> split(Decimal("10"), {"x": 2, "y": 1}, currency="JPY")
        {'x': Decimal('7'), 'y': Decimal('3')}
        >>> sum(split(Decimal("0.05"), {i: 1 for i in range(3)}, currency="EUR").values())
        Decimal('0.05')
    """
    if not weights:
        raise ValueError("nothing to split among: no parties")
    exact = {party: _exact(weight) for party, weight in weights.items()}
    negative = [party for party, weight in exact.items() if weight < 0]
    if negative:
        raise ValueError(f"weights must not be negative: {negative!r}")
    total = sum(exact.values(), Fraction(0))
    if total == 0:
        raise ValueError("all weights are zero: there is no proportion to split by")
    unit = Decimal(1).scaleb(-minor_unit(currency))
    units = Fraction(amount) / Fraction(unit)
    if units.denominator != 1:
        raise ValueError(f"{amount} {currency} is not a whole number of minor units ({unit})")
    sign = -1 if units < 0 else 1
    whole = abs(units.numerator)
    quotas = {party: whole * weight / total for party, weight in exact.items()}
    floors = {party: quota.numerator // quota.denominator for party, quota in quotas.items()}
    left = whole - sum(floors.values())
    order = sorted(quotas, key=lambda party: -(quotas[party] - floors[party]))
    for party in order[:left]:
        floors[party] += 1
    return {
        party: (Decimal(sign * floors[party]) * unit).quantize(unit, rounding=ROUND_FLOOR)
        for party in weights
    }
