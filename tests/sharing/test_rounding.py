"""Exact money splits: the shares always add up to the amount, fairly rounded."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.models import minor_unit
from coinnovation.sharing import split

CURRENCIES = ["GBP", "JPY", "KWD", "EUR"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Decimal, dict[int, int], str]:
    currency = draw(st.sampled_from(CURRENCIES))
    units = draw(st.integers(-(10**9), 10**9))
    amount = Decimal(units).scaleb(-minor_unit(currency))
    weights = draw(st.lists(st.integers(0, 1000), min_size=1, max_size=12))
    if not any(weights):
        weights[0] = 1
    return amount, dict(enumerate(weights)), currency


@given(cases())
def test_shares_sum_exactly_to_the_amount(case: tuple[Decimal, dict[int, int], str]) -> None:
    amount, weights, currency = case
    shares = split(amount, weights, currency=currency)
    assert list(shares) == list(weights)
    assert sum(shares.values()) == amount
    unit = Decimal(1).scaleb(-minor_unit(currency))
    total = sum(weights.values())
    for party, share in shares.items():
        assert share % unit == 0
        exact = Fraction(amount) * weights[party] / total
        assert abs(Fraction(share) - exact) < Fraction(unit)  # within one minor unit
        if weights[party] == 0:
            assert share == 0


@given(cases())
def test_equal_weights_differ_by_at_most_one_unit(
    case: tuple[Decimal, dict[int, int], str],
) -> None:
    amount, weights, currency = case
    shares = split(amount, dict.fromkeys(weights, 1), currency=currency)
    unit = Decimal(1).scaleb(-minor_unit(currency))
    assert max(shares.values()) - min(shares.values()) <= unit


@given(cases(), st.randoms())
def test_order_only_breaks_ties(case: tuple[Decimal, dict[int, int], str], rng: object) -> None:
    amount, weights, currency = case
    items = list(weights.items())
    rng.shuffle(items)  # type: ignore[attr-defined]
    shares = split(amount, weights, currency=currency)
    shuffled = split(amount, dict(items), currency=currency)
    unit = Decimal(1).scaleb(-minor_unit(currency))
    for party in weights:
        assert abs(shares[party] - shuffled[party]) <= unit


def test_worked_examples() -> None:
    # 100 split 1:1:1 -> 33.333 each; one penny left, to the first of the tie.
    assert split(Decimal("100.00"), {"a": 1, "b": 1, "c": 1}, currency="GBP") == {
        "a": Decimal("33.34"),
        "b": Decimal("33.33"),
        "c": Decimal("33.33"),
    }
    # Hamilton: quotas 4.6, 3.3, 2.1 of 10 units -> floors 4, 3, 2 and the unit to 4.6.
    assert split(Decimal("10"), {"x": 46, "y": 33, "z": 21}, currency="JPY") == {
        "x": Decimal("5"),
        "y": Decimal("3"),
        "z": Decimal("2"),
    }
    assert split(Decimal("-1.00"), {"a": 1, "b": 2}, currency="GBP") == {
        "a": Decimal("-0.33"),
        "b": Decimal("-0.67"),
    }
    assert split(Decimal("1.000"), {"a": 0.5, "b": 0.25}, currency="KWD") == {
        "a": Decimal("0.667"),
        "b": Decimal("0.333"),
    }


@pytest.mark.parametrize(
    ("amount", "weights", "message"),
    [
        (Decimal("1.00"), {}, "no parties"),
        (Decimal("1.00"), {"a": -1, "b": 2}, "negative"),
        (Decimal("1.00"), {"a": 0}, "all weights are zero"),
        (Decimal("1.005"), {"a": 1}, "finer than the GBP minor unit"),
    ],
)
def test_bad_input(amount: Decimal, weights: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split(amount, weights, currency="GBP")
