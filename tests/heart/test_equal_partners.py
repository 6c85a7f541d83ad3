"""The heart report's equal-partners indicator, by hand and from sharing's one comparison."""

from __future__ import annotations

from decimal import Decimal

import pytest

import coinnovation as co
from coinnovation.heart import heart_report
from coinnovation.models import Money
from tests.conftest import EXAMPLE
from tests.heart.helpers import gbp, process_hub


def test_equal_partners_by_hand() -> None:
    # ag-1: c1's 12 hours have no rate and count 0; the firm's £900 is everything:
    #   contribution share 0, reward share 0.2 → fair.
    # ag-2: no community party: not counted; but community (p-res) worked on ch-c, and
    #   ch-c's only agreement leaves it out → ch-c flagged.
    # ag-3: c2 £500 of £1000 (0.5); half the grant (0.5) → fair (0.5 ≥ 0.5).
    # ag-4: nothing costed, nothing shared → not comparable.
    # Value = 2/2.
    indicator = heart_report(process_hub())["equal_partners"]
    assert indicator.value == 1.0
    assert indicator.flagged["left_out"] == ("ch-c",)
    assert indicator.flagged["reward_below_contribution"] == ()
    assert indicator.figures == {
        "fair_share": 1.0,
        "agreements": 4,
        "with_community_party": 3,
        "comparable": 2,
        "fair": 2,
        "unvalued": 0,  # both compared agreements value their rewards in money
    }
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["contribution_share"] == 0.0
    assert rows["ag-1"]["reward_share"] == pytest.approx(0.2)
    # What each share is, and the money behind it, to the penny with its currency.
    assert rows["ag-1"]["contribution_basis"] == (
        "cash + in kind + hours × rate; 12 hours of time without a rate count as nothing "
        "(900.00 GBP in all)"
    )
    assert rows["ag-1"]["reward_basis"] == (
        "reward shares as recorded in the agreement, each reward weighed by its money "
        "value (300.00 GBP in all)"
    )
    assert rows["ag-1"]["rewards_valued"] is True
    assert rows["ag-1"]["community_contribution"] == "0.00 GBP"
    assert rows["ag-1"]["contribution_total"] == "900.00 GBP"
    assert rows["ag-1"]["community_reward"] == "60.00 GBP"  # 0.2 × 300
    assert rows["ag-3"]["community_contribution"] == "500.00 GBP"
    assert rows["ag-3"]["community_reward"] == "500.00 GBP"
    assert rows["ag-4"]["rewards_valued"] is None
    assert not any("no money value" in note for note in indicator.notes)
    assert rows["ag-2"]["fair"] is None
    assert rows["ag-4"]["fair"] is None
    assert "no cost" in rows["ag-4"]["note"]


def test_equal_partners_says_when_it_rests_on_unvalued_rewards() -> None:
    # The example's one agreement records a revenue share, a licence and credit, none
    # with a money value: its reward shares count each reward as a third. The community
    # parties get 3/20 + 7/60 = 4/15 of that for 3200/22400 = 1/7 of the costs: fair,
    # but only on that counting, which the indicator must say.
    indicator = heart_report(co.load(EXAMPLE), kind="table")["equal_partners"]
    assert indicator.value == 1.0
    assert indicator.figures["unvalued"] == 1
    (row,) = indicator.details
    assert row["reward_share"] == pytest.approx(4 / 15)
    assert row["contribution_share"] == pytest.approx(1 / 7)
    assert row["rewards_valued"] is False
    assert row["reward_basis"] == (
        "reward shares as recorded in the agreement (no reward has a money value: each of "
        "its 3 rewards counted equally)"
    )
    assert row["community_contribution"] == "3,200.00 GBP"
    assert row["contribution_total"] == "22,400.00 GBP"
    assert row["community_reward"] is None
    (note,) = [note for note in indicator.notes if "money value" in note]
    assert note.startswith("ag-01: no shared reward has a money value")
    assert "the value rests on that" in note
    assert "counted equally when no shared reward has one" in indicator.definition
    assert "not an allocation by a sharing rule" in indicator.definition
    assert "by the reward shares recorded in it (not a sharing rule's allocation)" in (
        indicator.reading
    )
    assert "Note: ag-01: no shared reward has a money value" in indicator.explain()


def test_a_time_rate_values_community_time() -> None:
    # At £25 an hour c1 puts in £300 of £1200 = 0.25 but gets 0.2 → unfair; ag-3 stays
    # fair: 1/2.
    indicator = heart_report(process_hub(), time_rate=gbp("25"))["equal_partners"]
    assert indicator.value == 0.5
    assert indicator.flagged["reward_below_contribution"] == ("ag-1",)
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["contribution_share"] == pytest.approx(0.25)


def test_a_time_rate_in_another_currency_is_noted_not_raised() -> None:
    euros = Money(amount=Decimal(10), currency="EUR")
    indicator = heart_report(process_hub(), time_rate=euros)["equal_partners"]
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["fair"] is None
    assert "EUR" in rows["ag-1"]["note"]
    assert indicator.value == 1.0  # ag-3 alone is comparable
