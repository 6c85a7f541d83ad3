"""How sharing results read: money to its minor unit with its currency, shares one way.

Issue 9, item 7: one output read "would gain 799.998", "277", "-0.00 points". Every money
figure shown is written by ``format_money`` and every share or difference by
``format_percent``; these tests read the texts people see.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.models import Money
from coinnovation.sharing import (
    Expense,
    InvolvementPayment,
    OutOfPocketCheck,
    Proportional,
    Shapley,
    check_fairness,
    format_money,
    format_percent,
    share_agreement,
)

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "walsall-2023" / "hub.json"
HUB = co.load(EXAMPLE)

#: What may be written with a decimal point without being money: shares, points, ratios,
#: Gini coefficients; and money itself, followed by its currency.
_NOT_BARE = (
    r"\d[\d,]*(?:\.\d+)? [A-Z]{3}\b",
    r"\d+\.\d%",
    r"[+-]?\d+\.\d points",
    r"ratio \d+\.\d\d",
    r"Gini coefficient of the \w+: \d\.\d{3}",
    r"\d\.\d{3} = one party",
    r"weight [\d./]+ of [\d./]+,",  # weights without a unit: hours, points
)


def _bare_numbers(text: str) -> list[str]:
    """Decimals in ``text`` that are none of the above: money written without its currency."""
    for pattern in _NOT_BARE:
        text = re.sub(pattern, "", text)
    return re.findall(r"\d\.\d+", text)


# -- the two formatting functions -----------------------------------------------------------


def test_format_money_writes_the_minor_unit_and_the_currency() -> None:
    assert format_money(Decimal("20000"), "GBP") == "20,000.00 GBP"
    assert format_money(Fraction(2500, 9), "GBP") == "277.78 GBP"
    assert format_money(799.998, "GBP") == "800.00 GBP"
    assert format_money(Decimal("277"), "GBP") == "277.00 GBP"
    assert format_money(Decimal("1234.5"), "JPY") == "1,235 JPY"
    assert format_money(Decimal("1.2345"), "KWD") == "1.235 KWD"
    assert format_money(Decimal("-0.004"), "GBP") == "0.00 GBP"
    assert format_money(-1500, "EUR") == "-1,500.00 EUR"


def test_format_percent_writes_one_decimal_and_no_negative_zero() -> None:
    assert format_percent(Fraction(1, 3)) == "33.3%"
    assert format_percent(Decimal("0.5")) == "50.0%"
    assert format_percent(0.0) == "0.0%"
    assert format_percent(Fraction(1, 80), points=True) == "+1.3 points"
    assert format_percent(Fraction(-3, 80), points=True) == "-3.8 points"
    assert format_percent(Fraction(-1, 10**6), points=True) == "0.0 points"
    assert format_percent(Fraction(1, 100), points=True, signed=False) == "1.0 points"


@given(st.fractions(min_value=-1, max_value=1), st.booleans())
def test_no_negative_zero_ever(value: Fraction, points: bool) -> None:
    assert not format_percent(value, points=points).startswith("-0.0")
    assert not format_money(value, "GBP").startswith("-0.00")


# -- explanations ----------------------------------------------------------------------------


def test_an_allocation_writes_money_weights_as_money() -> None:
    deal = HUB.agreement("ag-01")
    text = Proportional.from_agreement(deal).allocate(20000, currency="GBP").explain()
    assert text.splitlines() == [
        "20,000.00 GBP shared in proportion to each party's contribution value (cash, in "
        "kind, time) (largest-remainder rounding to 0.01 GBP):",
        "  o-glucora: 13,392.86 GBP (weight 15,000.00 GBP of 22,400.00 GBP, 67.0%)",
        "  o-blakenall-neighbours: 2,142.86 GBP (weight 2,400.00 GBP of 22,400.00 GBP, 10.7%)",
        "  o-nhs-acute: 3,750.00 GBP (weight 4,200.00 GBP of 22,400.00 GBP, 18.8%)",
        "  p-084: 714.28 GBP (weight 800.00 GBP of 22,400.00 GBP, 3.6%)",
    ]
    hours = Proportional.from_agreement(deal, "hours").allocate(1000, currency="GBP")
    assert "(weight 60 of 100, 60.0%)" in hours.explain()


def test_shapley_values_of_the_contribution_game_are_money() -> None:
    # Shapley values by hand (the project page's worked example): 36200/3, 8000/3,
    # 18200/3 and 1600 of 22400 GBP; 20000 is shared in their proportions.
    text = share_agreement(HUB, "ag-01", rule="shapley", amount=20000).explain()
    assert "  o-glucora: 10,773.81 GBP (Shapley value 12,066.67 GBP of 22,400.00 GBP, 53.9%)" in (
        text
    )
    assert "  p-084: 1,428.57 GBP (Shapley value 1,600.00 GBP of 22,400.00 GBP, 7.1%)" in text
    assert (
        "  The Shapley values add up to 22,400.00 GBP; 20,000.00 GBP is shared in their "
        "proportions." in text
    )
    # The core's excesses are in the game's money: 800 and 266.67 GBP, to the penny.
    assert "The game's worth v(N): 22,400.00 GBP." in text
    assert "{o-glucora, o-blakenall-neighbours, o-nhs-acute} would gain 800.00 GBP" in text
    assert "{o-glucora, o-nhs-acute, p-084} would gain 266.66 GBP" in text
    assert "799.998" not in text
    assert _bare_numbers(text) == []


@pytest.mark.parametrize("rule", co.sharing.RULES)
def test_no_output_of_share_agreement_reads_two_ways(rule: str) -> None:
    text = share_agreement(HUB, "ag-01", rule=rule, amount=1000).explain()
    assert "-0.0" not in text
    assert _bare_numbers(text) == []
    assert re.search(r"\d\.\d\d%", text) is None  # shares to one decimal place, everywhere
    assert re.findall(r"[+-]?\d+\.\d+ points", text) == re.findall(
        r"(?:[+-]\d+\.\d|0\.0) points", text
    )


def test_in_proportion_reads_zero_points_not_minus_zero() -> None:
    text = share_agreement(HUB, "ag-01", rule="proportional", amount=1000).explain()
    assert "0.0 points" in text
    assert "-0.00 points" not in text
    assert "tolerance 0.0 points" in text


def test_a_game_without_money_keeps_plain_numbers() -> None:
    glove = {("L",): 0, ("R",): 0, ("L", "R"): 1}
    deal = Shapley(glove).allocate(10, currency="GBP")
    assert "L: 5.00 GBP (Shapley value 1/2 of 1, 50.0%)" in deal.explain()
    report = check_fairness(deal, game=glove)
    assert "The game's worth v(N): 1." in report.explain()


def test_an_agreement_share_caption_writes_money() -> None:
    html = share_agreement(HUB, "ag-01", rule="equal", amount=20000)._repr_html_()
    assert "20,000.00 GBP" in html


def test_notes_of_the_pot_write_money() -> None:
    deal = HUB.agreement("ag-01")
    valued = deal.model_copy(
        update={
            "rewards": tuple(
                reward.model_copy(update={"amount": Money(amount=Decimal("12500"), currency="GBP")})
                if reward.id == "revenue"
                else reward
                for reward in deal.rewards
            )
        }
    )
    result = share_agreement(HUB, valued, rule="equal")
    assert "The pot is the total value of the rewards with a money value (12,500.00 GBP)." in (
        result.allocation.notes
    )
    unvalued = share_agreement(HUB, "ag-01", rule="equal")
    assert any("every 100.00 GBP of reward" in note for note in unvalued.allocation.notes)


def test_out_of_pocket_and_involvement_notes_write_money() -> None:
    assert OutOfPocketCheck({"o-x": Decimal("5")}, "EUR").message == (
        "1 community participant is out of pocket: o-x (5.00 EUR short)"
    )
    expenses = (Expense("p-084", "travel", Decimal("12.40")),)
    pay = InvolvementPayment(
        default_rate=25, people=["p-084"], expenses=expenses, minimum_per_session=200
    )
    paid = pay.allocate(HUB, currency="GBP", budget=150)
    (note, *rest) = paid.notes
    assert note.startswith("the budget of 150.00 GBP is short of the ")
    assert "expenses (12.40 GBP) reimbursed in full" in note
    assert re.search(r"fees are paid at about \d+\.\d%$", note)
    assert any(re.search(r"\(\+\d[\d,]*\.\d\d GBP\)", line) for line in rest), rest
    assert any("minimum of 200.00 GBP per session" in line for line in rest), rest
