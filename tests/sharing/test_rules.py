"""Sharing rules: exact totals, symmetry, order invariance, and their explanations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.sharing import Equal, Proportional

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
        "  whg: 3.34 GBP (weight 1 of 3, 33.33%)",
        "  acme: 3.33 GBP (weight 1 of 3, 33.33%)",
        "  trust: 3.33 GBP (weight 1 of 3, 33.33%)",
    ]


def test_equal_refuses_duplicates_and_nobody() -> None:
    with pytest.raises(ValueError, match="once"):
        Equal().allocate(Decimal("1"), ["a", "a"], currency="GBP")
    with pytest.raises(ValueError, match="no parties"):
        Equal().allocate(Decimal("1"), [], currency="GBP")
