"""One computation of reward share against contribution share, checked by hand.

Issue 9, item 4: the report's agreements table showed reward shares (31.7 / 15.0 / 41.7 /
11.7 %) that were an unweighted mean of rewards with no money value, beside a demo that
printed Shapley shares of 53.9 / 11.9 / 27.1 / 7.1 %, and fed "Equal partners 1.000" from
them, unexplained. ``compare_rewards`` / ``compare_agreement`` now say what each share is,
and ``check_fairness``, the heart report and the report all read them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import coinnovation as co
from coinnovation.heart import heart_report
from coinnovation.models import Agreement, Cost, Hub, Money, Organisation, Party, Reward, Share
from coinnovation.sharing import (
    Equal,
    RewardComparison,
    check_fairness,
    compare_agreement,
    compare_rewards,
    share_agreement,
)

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "walsall-2023" / "hub.json"
HUB = co.load(EXAMPLE)
PARTIES = ("o-glucora", "o-blakenall-neighbours", "o-nhs-acute", "p-084")
COMMUNITY = ("o-blakenall-neighbours", "p-084")


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def test_the_recorded_shares_of_the_example_by_hand() -> None:
    # Three rewards, none with a money value, so each weighs a third:
    #   revenue 0.7 / 0.2 / – / 0.1, licence – / – / 1 / –, credit 0.25 each.
    # glucora (0.7 + 0.25)/3 = 19/60; blakenall (0.2 + 0.25)/3 = 3/20;
    # trust (1 + 0.25)/3 = 5/12; p-084 (0.1 + 0.25)/3 = 7/60.
    # Contributions: 15000, 1500 + 60 h × 15 = 2400, 4200, 40 h × 20 = 800; of 22400.
    c = compare_agreement(HUB, "ag-01")
    assert isinstance(c, RewardComparison)
    assert c.parties == PARTIES
    assert c.weighting == "equal"
    assert c.rule is None
    assert c.rewards is None  # no money behind the shares
    assert c.reward_shares == {
        "o-glucora": Fraction(19, 60),
        "o-blakenall-neighbours": Fraction(3, 20),
        "o-nhs-acute": Fraction(5, 12),
        "p-084": Fraction(7, 60),
    }
    assert c.contribution_shares == {
        "o-glucora": Fraction(15000, 22400),
        "o-blakenall-neighbours": Fraction(2400, 22400),
        "o-nhs-acute": Fraction(4200, 22400),
        "p-084": Fraction(800, 22400),
    }
    assert c.reward_basis == (
        "reward shares as recorded in the agreement (no reward has a money value: each of "
        "its 3 rewards counted equally)"
    )
    assert c.contribution_basis == "cash + in kind + hours × rate (22,400.00 GBP in all)"
    # The community sector: 3/20 + 7/60 = 4/15 of the rewards for 3200/22400 = 1/7.
    assert c.members("community") == COMMUNITY
    assert c.shares_of(COMMUNITY) == (Fraction(4, 15), Fraction(1, 7))
    assert c.is_equal_partner(COMMUNITY) is True
    assert c.is_equal_partner(["o-glucora"]) is False
    assert c.differences is not None
    assert c.differences["p-084"] == Fraction(7, 60) - Fraction(1, 28)


def test_a_rule_allocation_is_named_with_its_pot() -> None:
    result = share_agreement(HUB, "ag-01", rule="shapley", amount=20000)
    c = compare_agreement(HUB, "ag-01", allocation=result.allocation)
    assert c.reward_basis == "Shapley allocation of 20,000.00 GBP"
    assert c.weighting == "allocation"
    assert c.rule == "shapley"
    assert c.rewards == result.allocation.shares
    # 10773.81 / 20000 and so on: the shares of the pot, exactly.
    assert c.reward_shares is not None
    assert c.reward_shares["o-glucora"] == Fraction(Decimal("10773.81")) / 20000
    assert c.allowance == Fraction(1, 100) / 20000
    # check_fairness reads the very same comparison.
    fairness = result.fairness
    assert fairness.comparison is not None
    assert fairness.comparison.reward_shares == c.reward_shares
    assert fairness.comparison.contribution_shares == c.contribution_shares
    assert fairness.reward_shares == c.reward_shares
    assert fairness.contribution_shares == c.contribution_shares
    assert fairness.comparison.reward_basis == "Shapley allocation of 20,000.00 GBP"
    assert fairness.comparison.contribution_basis == c.contribution_basis
    text = result.explain()
    assert "  Reward share: Shapley allocation of 20,000.00 GBP." in text
    assert "  Contribution share: cash + in kind + hours × rate (22,400.00 GBP in all)." in text
    # The community sector: (2380.95 + 1428.57) / 20000 = 19.0% for 1/7 = 14.3%.
    assert "    community sector: 19.0% of the reward for 14.3% of the contributions" in text
    # ... and sets the allocation apart from what the agreement records.
    assert (
        "For comparison, reward shares as recorded in the agreement (no reward has a money "
        "value: each of its 3 rewards counted equally): o-glucora 31.7%, "
        "o-blakenall-neighbours 15.0%, o-nhs-acute 41.7%, p-084 11.7%. The shares above are "
        "the Shapley rule's allocation of 20,000.00 GBP, not these." in text
    )
    data = result.to_dict()
    assert data["reward_basis"] == "Shapley allocation of 20,000.00 GBP"
    assert data["recorded_basis"].startswith("reward shares as recorded in the agreement")
    json.dumps(data, default=str)


def valued_deal() -> Agreement:
    """ag-01 with the revenue worth 12,000 GBP and the licence 6,000; credit unvalued."""
    deal = HUB.agreement("ag-01")
    worth = {"revenue": gbp("12000"), "licence": gbp("6000")}
    rewards = tuple(
        reward.model_copy(update={"amount": worth.get(reward.id)}) for reward in deal.rewards
    )
    return deal.model_copy(update={"rewards": rewards})


def test_recorded_rewards_weighed_by_money_by_hand() -> None:
    # 18000 of valued rewards: glucora 0.7 × 12000 = 8400 (7/15), blakenall 2400 (2/15),
    # trust 6000 (1/3), p-084 1200 (1/15); the credit has no money value and is left out.
    c = compare_agreement(HUB, valued_deal())
    assert c.weighting == "money"
    assert c.reward_shares == {
        "o-glucora": Fraction(7, 15),
        "o-blakenall-neighbours": Fraction(2, 15),
        "o-nhs-acute": Fraction(1, 3),
        "p-084": Fraction(1, 15),
    }
    assert c.rewards == {
        "o-glucora": Decimal("8400.00"),
        "o-blakenall-neighbours": Decimal("2400.00"),
        "o-nhs-acute": Decimal("6000.00"),
        "p-084": Decimal("1200.00"),
    }
    assert c.reward_basis == (
        "reward shares as recorded in the agreement, each reward weighed by its money value "
        "(18,000.00 GBP in all); 1 reward with no money value left out: credit"
    )
    # The community: 3/15 = 1/5 of the rewards for 1/7 of the contributions.
    assert c.shares_of(COMMUNITY) == (Fraction(1, 5), Fraction(1, 7))


def small_hub(*costs: Cost, shares: tuple[Share, ...] = ()) -> Hub:
    deal = Agreement(
        id="ag",
        title="Pilot",
        parties=(Party(stakeholder="o-firm"), Party(stakeholder="o-whg")),
        costs=costs,
        rewards=(Reward(id="fee", kind="cash"),),
        shares=shares,
    )
    return Hub(
        organisations=(
            Organisation(id="o-firm", name="Firm", sector="industry"),
            Organisation(id="o-whg", name="whg", sector="community"),
        ),
        agreements=(deal,),
    )


def test_time_without_a_rate_is_named_in_the_basis() -> None:
    shares = (
        Share(party="o-firm", reward="fee", fraction=Decimal("0.8")),
        Share(party="o-whg", reward="fee", fraction=Decimal("0.2")),
    )
    hub = small_hub(
        Cost(party="o-firm", kind="cash", amount=gbp("900")),
        Cost(party="o-whg", kind="time", hours=Decimal("12")),
        shares=shares,
    )
    unrated = compare_agreement(hub, "ag")
    assert unrated.contribution_basis == (
        "cash + in kind + hours × rate; 12 hours of time without a rate count as nothing "
        "(900.00 GBP in all)"
    )
    assert unrated.contribution_shares == {"o-firm": Fraction(1), "o-whg": Fraction(0)}
    rated = compare_agreement(hub, "ag", time_rate=25)
    assert rated.contribution_basis == (
        "cash + in kind + hours × rate; 12 hours of time without a rate valued at "
        "25.00 GBP an hour (1,200.00 GBP in all)"
    )
    assert rated.contribution_shares == {"o-firm": Fraction(3, 4), "o-whg": Fraction(1, 4)}
    assert rated.is_equal_partner(rated.members("community")) is False  # 0.2 < 0.25
    assert rated.reward_basis.endswith(
        "(no reward has a money value: its one reward counted equally)"
    )


def test_nothing_shared_and_nothing_valued_say_why() -> None:
    hub = small_hub(Cost(party="o-whg", kind="time", hours=Decimal("3")))
    c = compare_agreement(hub, "ag")
    assert c.reward_shares is None
    assert c.contribution_shares is None
    assert c.weighting == "none"
    assert not c.comparable
    assert c.is_equal_partner(["o-whg"]) is None
    assert "nothing is shared out yet" in c.notes
    assert any("no cost carries a money value" in note for note in c.notes)
    assert c.explain().splitlines()[0] == "Reward share: no reward shares are recorded yet."


def test_compare_rewards_of_an_allocation_and_of_shares_given() -> None:
    deal = Equal().allocate(900, ["acme", "whg"], currency="GBP")
    c = compare_rewards(deal, {"acme": 800, "whg": 100, "trust": 0}, contribution_basis="cash")
    assert c.parties == ("acme", "whg", "trust")
    assert c.reward_shares == {
        "acme": Fraction(1, 2),
        "whg": Fraction(1, 2),
        "trust": Fraction(0),
    }
    assert c.rewards == {"acme": Decimal("450.00"), "whg": Decimal("450.00"), "trust": 0}
    assert c.reward_basis == "equal allocation of 900.00 GBP"
    given = compare_rewards({"a": 3, "b": 1}, {"a": 1, "b": 1}, reward_basis="the votes")
    assert given.reward_shares == {"a": Fraction(3, 4), "b": Fraction(1, 4)}
    assert given.weighting == "given"
    assert given.is_equal_partner(["b"]) is False
    with pytest.raises(ValueError, match="must not be negative"):
        compare_rewards({"a": -1}, {"a": 1})
    data = c.to_dict()
    assert data["parties"]["whg"]["reward_share"] == 0.5
    assert data["reward_basis"] == "equal allocation of 900.00 GBP"


def test_check_fairness_refuses_a_tolerance_beyond_the_whole() -> None:
    deal = Equal().allocate(900, ["acme", "whg"], currency="GBP")
    with pytest.raises(ValueError, match="at most 1"):
        check_fairness(deal, {"acme": 1, "whg": 1}, tolerance=Decimal("1e999999"))
    with pytest.raises(ValueError, match="finite number"):
        check_fairness(deal, {"acme": 1, "whg": 1}, tolerance=float("nan"))


def test_the_heart_and_the_report_read_the_same_computation() -> None:
    c = compare_agreement(HUB, "ag-01")
    indicator = heart_report(HUB, kind="table")["equal_partners"]
    (row,) = indicator.details
    reward, contribution = c.shares_of(c.members("community"))
    assert row["reward_share"] == float(reward)  # type: ignore[arg-type]
    assert row["contribution_share"] == float(contribution)  # type: ignore[arg-type]
    assert row["reward_basis"] == c.reward_basis
    assert row["contribution_basis"] == c.contribution_basis
    assert row["rewards_valued"] is False
    from coinnovation.privacy import Privacy
    from coinnovation.report._content import gather

    content = gather(HUB, privacy=Privacy(HUB, "a secret of sixteen+ characters"), picture=False)
    (view,) = content.agreements
    assert view.reward_basis == c.reward_basis
    assert view.contribution_basis == c.contribution_basis
    assert c.reward_shares is not None
    assert [row.reward_share for row in view.rows] == [
        float(c.reward_shares[party]) for party in PARTIES
    ]
