"""Amounts to share: every rule takes a plain number or a Money, and refuses what it cannot share.

Issue 9, item 2: ``share_agreement(..., rule="shapley", amount=10000)`` raised
``AttributeError: 'int' object has no attribute 'quantize'`` and a negative pot was shared.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.errors import CoinnovationError, InvalidAgreementError, InvalidAmountError
from coinnovation.models import Agreement, Money, Party, Reward
from coinnovation.sharing import (
    RULES,
    ContributionWeighted,
    Equal,
    InvolvementPayment,
    Myerson,
    Nucleolus,
    Proportional,
    Shapley,
    share_agreement,
    split,
    to_money,
)
from coinnovation.testing.strategies import pots

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "walsall-2023" / "hub.json"
HUB = co.load(EXAMPLE)

#: One pot in every plain form, and as Money: all the same 10,000 pounds.
PLAIN = [10000, 10000.0, "10000", Decimal("10000"), Decimal("10000.00")]
FORMS = [*PLAIN, Money(amount=Decimal("10000"), currency="GBP")]

GAME = {("a",): 0, ("b",): 0, ("c",): 0, ("a", "b"): 4, ("a", "c"): 6, ("b", "c"): 2}
GAME[("a", "b", "c")] = 10
PATH = nx.Graph([("a", "b"), ("b", "c")])


def rules() -> dict[str, Any]:
    """Every rule object, as a function of (amount, currency) to an Allocation."""
    return {
        "equal": lambda a, c: Equal().allocate(a, ["a", "b", "c"], currency=c),
        "proportional": lambda a, c: Proportional({"a": 1, "b": 2, "c": 4}).allocate(a, currency=c),
        "shapley": lambda a, c: Shapley(GAME).allocate(a, currency=c),
        "myerson": lambda a, c: Myerson(GAME, PATH).allocate(a, currency=c),
        "nucleolus": lambda a, c: Nucleolus(GAME).allocate(a, currency=c),
        "contribution_weighted": lambda a, c: ContributionWeighted().allocate(
            HUB, a, currency=c, parties=["o-glucora", "o-blakenall-neighbours"]
        ),
    }


RULE_OBJECTS = rules()


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("amount", FORMS, ids=repr)
def test_share_agreement_takes_a_plain_number(rule: str, amount: Any) -> None:
    result = share_agreement(HUB, "ag-01", rule=rule, amount=amount)
    assert result.allocation.amount == Decimal("10000.00")
    assert str(result.allocation.amount) == "10000.00"
    assert sum(result.allocation.shares.values()) == Decimal("10000")
    assert result.to_dict()["amount"] == "10000.00"


@pytest.mark.parametrize("rule", sorted(RULE_OBJECTS))
@pytest.mark.parametrize("amount", PLAIN, ids=repr)
def test_every_rule_object_takes_a_plain_number(rule: str, amount: Any) -> None:
    allocation = RULE_OBJECTS[rule](amount, "GBP")
    assert allocation.amount == Decimal("10000.00")
    assert allocation.total == Decimal("10000.00")


@pytest.mark.parametrize("rule", sorted(RULE_OBJECTS))
def test_a_money_brings_its_currency(rule: str) -> None:
    allocation = RULE_OBJECTS[rule](Money(amount=Decimal("600"), currency="JPY"), None)
    assert allocation.currency == "JPY"
    assert allocation.total == Decimal("600")


def test_split_and_the_budget_take_plain_numbers() -> None:
    assert split(10, {"a": 1, "b": 2}, currency="GBP") == {
        "a": Decimal("3.33"),
        "b": Decimal("6.67"),
    }
    assert split("0.05", {"a": 1, "b": 1}, currency="EUR") == {
        "a": Decimal("0.03"),
        "b": Decimal("0.02"),
    }
    assert split(Money(amount=Decimal(7), currency="JPY"), {"a": 1}) == {"a": Decimal("7")}
    # A loss may still be split; only pots to share must be 0 or more.
    assert split(-1, {"a": 1, "b": 1}, currency="GBP") == {
        "a": Decimal("-0.50"),
        "b": Decimal("-0.50"),
    }
    pay = InvolvementPayment(default_rate=25, people=["p-084"])
    paid = pay.allocate(HUB, currency="GBP", budget=100.1)
    assert paid.amount == Decimal("100.10")
    assert paid.total == Decimal("100.10")


BAD = [
    (Decimal("-5"), "must not be negative"),
    (-0.01, "must not be negative"),
    ("-3", "must not be negative"),
    (float("nan"), "not a finite number"),
    (float("inf"), "not a finite number"),
    (Decimal("-Infinity"), "not a finite number"),
    ("NaN", "not a finite number"),
    ("ten", "is not a number"),
    ("", "is not a number"),
    (True, "is not a number"),
    (None, "is not a number"),
    ([100], "is not a number"),
    (Fraction(1, 3), "no exact decimal form"),
    (Decimal("0.001"), "finer than the GBP minor unit"),
    (10.005, "finer than the GBP minor unit"),
    (Decimal("1e999999"), "too many digits"),
    (Money(amount=Decimal("10"), currency="EUR"), "is not in GBP"),
]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(("amount", "message"), [b for b in BAD if b[0] is not None], ids=repr)
def test_share_agreement_refuses_what_it_cannot_share(rule: str, amount: Any, message: str) -> None:
    with pytest.raises(InvalidAmountError, match=message) as caught:
        share_agreement(HUB, "ag-01", rule=rule, amount=amount)
    assert str(caught.value).startswith("amount: ")
    assert isinstance(caught.value, CoinnovationError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("rule", sorted(RULE_OBJECTS))
@pytest.mark.parametrize(("amount", "message"), BAD, ids=repr)
def test_every_rule_object_refuses_what_it_cannot_share(
    rule: str, amount: Any, message: str
) -> None:
    with pytest.raises(InvalidAmountError, match=message):
        RULE_OBJECTS[rule](amount, "GBP")


def test_the_budget_and_split_name_their_argument() -> None:
    pay = InvolvementPayment(default_rate=25, people=["p-084"])
    with pytest.raises(InvalidAmountError, match=r"^budget: -1 must not be negative"):
        pay.allocate(HUB, currency="GBP", budget=-1)
    with pytest.raises(InvalidAmountError, match=r"^budget: nan is not a finite number"):
        pay.allocate(HUB, currency="GBP", budget=float("nan"))
    with pytest.raises(InvalidAmountError, match=r"^amount: 'x' is not a number"):
        split("x", {"a": 1}, currency="GBP")
    with pytest.raises(InvalidAmountError, match=r"^amount: 10 has no currency"):
        split(10, {"a": 1})
    with pytest.raises(InvalidAmountError, match=r"^currency: 'XYZ' is not an ISO 4217"):
        Equal().allocate(10, ["a"], currency="XYZ")


def test_a_negative_reward_total_is_refused_as_the_agreements_fault() -> None:
    gbp = Money(amount=Decimal("-100"), currency="GBP")
    deal = Agreement(
        id="ag-neg",
        title="Refund",
        parties=(Party(stakeholder="o-glucora"), Party(stakeholder="o-nhs-acute")),
        rewards=(Reward(id="r", kind="cash", amount=gbp),),
    )
    with pytest.raises(InvalidAgreementError, match=r"ag-neg.*rewards.*-100\.00 GBP"):
        share_agreement(HUB, deal, rule="equal")


def test_to_money_reads_floats_by_their_shortest_form() -> None:
    assert to_money(0.1, "GBP").amount == Decimal("0.10")
    assert to_money(19.99, "GBP").amount == Decimal("19.99")
    assert to_money(1e6, "JPY").amount == Decimal("1000000")
    assert to_money(Fraction(1, 4), "GBP").amount == Decimal("0.25")
    assert to_money(" 12.5 ", "KWD").amount == Decimal("12.500")


# -- the property: any plain-number pot is shared out exactly, by every rule ------------------


@settings(max_examples=30, deadline=None)
@given(pot=pots(), rule=st.sampled_from(sorted(RULE_OBJECTS)))
def test_every_rule_shares_any_pot_exactly(pot: tuple[Any, str], rule: str) -> None:
    amount, currency = pot
    expected = to_money(amount, currency).amount
    allocation = RULE_OBJECTS[rule](amount, currency)
    assert allocation.amount == expected
    assert sum(allocation.shares.values(), Decimal(0)) == expected
    unit = Decimal(1).scaleb(-co.minor_unit(currency))
    assert all(share == share.quantize(unit) for share in allocation.shares.values())
    assert math.isclose(float(allocation.total), float(expected))


@settings(max_examples=20, deadline=None)
@given(pot=pots("GBP"), rule=st.sampled_from(RULES))
def test_share_agreement_shares_any_pot_exactly(pot: tuple[Any, str], rule: str) -> None:
    amount, _ = pot
    result = share_agreement(HUB, "ag-01", rule=rule, amount=amount)
    expected = to_money(amount, "GBP").amount
    assert sum(result.allocation.shares.values(), Decimal(0)) == expected


def test_a_time_rate_may_be_a_plain_number_too() -> None:
    # ag-01's time all has a rate: a time rate changes nothing, in any form.
    plain = share_agreement(HUB, "ag-01", rule="proportional", amount=100, time_rate=25)
    money = share_agreement(
        HUB,
        "ag-01",
        rule="proportional",
        amount=100,
        time_rate=Money(amount=Decimal("25"), currency="GBP"),
    )
    assert plain.allocation.shares == money.allocation.shares
    deal = HUB.agreement("ag-01")
    assert Proportional.from_agreement(deal, time_rate="12.345").weights == (
        Proportional.from_agreement(deal).weights
    )
    game = co.sharing.contribution_game(HUB, "ag-01", time_rate=20.5)
    assert game(frozenset(deal.party_ids)) == 22400
    with pytest.raises(InvalidAmountError, match=r"^time_rate: -1 must not be negative"):
        share_agreement(HUB, "ag-01", time_rate=-1)
    with pytest.raises(InvalidAmountError, match=r"^time_rate: 'x' is not a number"):
        co.sharing.contribution_game(HUB, "ag-01", time_rate="x")
    with pytest.raises(InvalidAmountError, match=r"^time_rate: 5 EUR is not in GBP"):
        Proportional.from_agreement(deal, time_rate=Money(amount=Decimal(5), currency="EUR"))


def test_weights_and_contributions_that_are_not_finite_are_named() -> None:
    # The same class as item 2: a number that cannot be used must be refused by name, not
    # fail deep inside with "cannot convert NaN to integer ratio".
    with pytest.raises(ValueError, match=r"^weights: 'b' has nan, not a finite number"):
        split(10, {"a": 1, "b": float("nan")}, currency="GBP")
    with pytest.raises(ValueError, match=r"^weights: 'a' has inf, not a finite number"):
        Proportional({"a": float("inf")}).allocate(10, currency="GBP")
    deal = Equal().allocate(10, ["a", "b"], currency="GBP")
    with pytest.raises(ValueError, match=r"^contributions: 'a' has nan, not a finite number"):
        co.sharing.check_fairness(deal, {"a": float("nan"), "b": 1})
    with pytest.raises(ValueError, match="tolerance must be a finite number"):
        co.sharing.check_fairness(deal, {"a": 1, "b": 1}, tolerance=float("inf"))
