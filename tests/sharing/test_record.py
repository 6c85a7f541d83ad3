"""Rules from the session record: contribution weights, involvement payments, out of pocket.

Expected values are worked out by hand in the comments, from the records, not from the code.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coinnovation
from coinnovation.errors import InvalidAgreementError, UnknownReferenceError
from coinnovation.models import (
    Agreement,
    Challenge,
    Contribution,
    Cost,
    Hub,
    Membership,
    Money,
    Organisation,
    Participation,
    Party,
    Person,
    Reward,
    Scope,
    Session,
    Share,
)
from coinnovation.sharing.record import (
    DEFAULT_CONTRIBUTION_POINTS,
    DEFAULT_ROLE_MULTIPLIERS,
    ContributionBreakdown,
    ContributionWeighted,
    Expense,
    ExpenseKind,
    InvolvementPayment,
    OutOfPocketCheck,
    OwedPayment,
    agreement_out_of_pocket,
    check_out_of_pocket,
    out_of_pocket,
)
from coinnovation.sharing.rules import Proportional
from coinnovation.testing.strategies import hubs

BST = timezone(timedelta(hours=1))
PENNY = Decimal("0.01")


def at(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2023, month, day, hour, minute, tzinfo=BST)


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


@pytest.fixture
def hub() -> Hub:
    """A day with two tables, and a later meeting.

    - ana (community, member of whg): organiser of the day (6 h), facilitator at t1
      (1.5 h), participant at the later meeting (2 h); an idea at t1.
    - ben (industry, member of acme): participant at the day (6 h), presenter at t2
      (1 h); a solution at t2 and feedback at t1 about ch-1.
    - cara (member of whg, so community): participant at t1 with no hours (the table
      runs 10:00-11:30, so 1.5 h); a question at t1 and a concern at t2 about ch-1.
    - dan (community): no record at all.
    """
    return Hub(
        organisations=(
            Organisation(id="o-whg", name="whg", sector="community"),
            Organisation(id="o-acme", name="Acme", sector="industry"),
        ),
        people=(
            Person(id="p-ana", name="Ana"),
            Person(id="p-ben", name="Ben"),
            Person(id="p-cara", name="Cara"),
            Person(id="p-dan", name="Dan", sector="community"),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg"),
            Membership(id="m-2", person="p-ben", organisation="o-acme"),
            Membership(id="m-3", person="p-cara", organisation="o-whg"),
        ),
        challenges=(Challenge(id="ch-1", title="Reminders"), Challenge(id="ch-2", title="Data")),
        sessions=(
            Session(id="s-day", name="Day", kind="event", start=at(22, 9), end=at(22, 16)),
            Session(
                id="s-t1",
                name="Table 1",
                kind="table",
                parent="s-day",
                start=at(22, 10),
                end=at(22, 11, 30),
                challenges=("ch-1",),
            ),
            Session(
                id="s-t2",
                name="Table 2",
                kind="table",
                parent="s-day",
                start=at(22, 13),
                end=at(22, 14),
                challenges=("ch-2",),
            ),
            Session(
                id="s-later", name="Follow-up", start=at(1, 10, month=7), end=at(1, 12, month=7)
            ),
        ),
        participations=(
            Participation(
                id="pa-1", session="s-day", person="p-ana", role="organiser", hours=Decimal(6)
            ),
            Participation(
                id="pa-2", session="s-t1", person="p-ana", role="facilitator", hours=Decimal("1.5")
            ),
            Participation(id="pa-3", session="s-later", person="p-ana", hours=Decimal(2)),
            Participation(id="pa-4", session="s-day", person="p-ben", hours=Decimal(6)),
            Participation(
                id="pa-5", session="s-t2", person="p-ben", role="presenter", hours=Decimal(1)
            ),
            Participation(id="pa-6", session="s-t1", person="p-cara"),
        ),
        contributions=(
            Contribution(id="co-1", session="s-t1", author="p-ana", kind="idea", text="SMS"),
            Contribution(id="co-2", session="s-t2", author="p-ben", kind="solution", text="App"),
            Contribution(
                id="co-3",
                session="s-t1",
                author="p-ben",
                kind="feedback",
                text="Costly",
                challenge="ch-1",
            ),
            Contribution(id="co-4", session="s-t1", author="p-cara", kind="question", text="Why?"),
            Contribution(
                id="co-5",
                session="s-t2",
                author="p-cara",
                kind="concern",
                text="Data",
                challenge="ch-1",
            ),
        ),
    )


# -- ContributionWeighted: hand-computed weights ---------------------------------------------


def test_default_weights_count_each_hour_once(hub: Hub) -> None:
    # ana: day 6 h − 1.5 h at t1 = 4.5 h × 1.5 = 6.75; t1 1.5 × 1.5 = 2.25; later 2 × 1 = 2;
    #      idea 1                                                    -> 12
    # ben: day 6 − 1 = 5 × 1 = 5; t2 1 × 1.25 = 1.25; solution 2; feedback 0.5 -> 8.75
    # cara: t1 1.5 h (times) × 1 = 1.5; question 0.25; concern 0.5            -> 2.25
    weights = ContributionWeighted().weights(hub)
    assert weights == {"p-ana": Fraction(12), "p-ben": Fraction(35, 4), "p-cara": Fraction(9, 4)}


def test_breakdown_parts_add_up(hub: Hub) -> None:
    ana = ContributionWeighted().breakdown(hub)["p-ana"]
    assert ana.hours == 8  # 4.5 + 1.5 + 2
    assert ana.hours_part == 8
    assert ana.role_part == Fraction(3)  # 0.5 × 4.5 + 0.5 × 1.5
    assert ana.contributions_part == 1
    assert ana.weight == 12
    assert ana.participations == ("pa-1", "pa-2", "pa-3")
    assert ana.contributions == ("co-1",)
    cara = ContributionWeighted().breakdown(hub)["p-cara"]
    assert cara.estimated == ("pa-6",)
    assert cara.to_dict() == {
        "party": "p-cara",
        "weight": "2.25",
        "hours": "1.5",
        "hours_part": "1.5",
        "role_part": "0",
        "contributions_part": "0.75",
        "participations": ["pa-6"],
        "contributions": ["co-4", "co-5"],
        "estimated": ["pa-6"],
    }


def test_allocation_hand_computed(hub: Hub) -> None:
    # Weights 12 : 8.75 : 2.25 of 23; 46.00 GBP -> 24.00, 17.50, 4.50.
    deal = ContributionWeighted().allocate(hub, Decimal("46"), currency="GBP")
    assert deal.rule == "contribution_weighted"
    assert deal.shares == {
        "p-ana": Decimal("24.00"),
        "p-ben": Decimal("17.50"),
        "p-cara": Decimal("4.50"),
    }
    assert deal.weights == {
        "p-ana": Decimal(12),
        "p-ben": Decimal("8.75"),
        "p-cara": Decimal("2.25"),
    }
    assert deal.inputs["role_multipliers"]["facilitator"] == "1.5"
    assert deal.inputs["breakdown"]["p-ana"]["weight"] == "12"
    assert any("pa-6" in note and "start and end" in note for note in deal.notes)
    assert any("enclose" in note for note in deal.notes)
    assert "p-ana: 24.00 GBP" in deal.explain()


def test_summing_nested_hours(hub: Hub) -> None:
    # ana: 6 × 1.5 + 1.5 × 1.5 + 2 + 1 = 14.25; ben: 6 + 1.25 + 2.5 = 9.75; cara 2.25.
    weights = ContributionWeighted(hours="sum").weights(hub)
    assert weights == {
        "p-ana": Fraction(57, 4),
        "p-ben": Fraction(39, 4),
        "p-cara": Fraction(9, 4),
    }


def test_custom_multipliers_points_and_hour_weight(hub: Hub) -> None:
    rule = ContributionWeighted(
        hour_weight=2, role_multipliers={"organiser": 2}, contribution_points={"idea": 3}
    )
    # ana: (4.5 × 2 + 1.5 × 1.5 + 2 × 1) × 2 + 3 = 13.25 × 2 + 3 = 29.5
    assert rule.weights(hub)["p-ana"] == Fraction(59, 2)
    assert rule.role_multipliers["facilitator"] == Fraction(3, 2)  # default kept
    assert rule.contribution_points["solution"] == 2


def test_hours_from_session_off(hub: Hub) -> None:
    # cara's table hours are unknown: only her two contributions count (0.25 + 0.5).
    deal = ContributionWeighted(hours_from_session=False).allocate(
        hub, Decimal("100"), currency="GBP"
    )
    assert deal.weights["p-cara"] == Decimal("0.75")
    assert any("counted as 0 hours: pa-6" in note for note in deal.notes)


def test_challenge_scope(hub: Hub) -> None:
    # ch-1: only t1. ana 2.25 + idea 1; ben feedback 0.5 (about ch-1, at t1);
    # cara 1.5 + question 0.25 (her concern is about ch-1 but at t2, outside the scope).
    assert ContributionWeighted(challenge="ch-1").weights(hub) == {
        "p-ana": Fraction(13, 4),
        "p-ben": Fraction(1, 2),
        "p-cara": Fraction(7, 4),
    }
    # ch-2: only t2. ben 1.25 + solution 2; cara's concern at t2 is about ch-1: left out.
    assert ContributionWeighted(challenge="ch-2").weights(hub) == {"p-ben": Fraction(13, 4)}


def test_session_scope_with_and_without_subtree(hub: Hub) -> None:
    # The day alone: ana 4.5 × 1.5 = 6.75; ben 5; no contributions were made at the day.
    assert ContributionWeighted(sessions=["s-day"], subtree=False).weights(hub) == {
        "p-ana": Fraction(27, 4),
        "p-ben": Fraction(5),
    }
    # With its tables: everything but the later meeting (ana 12 − 2).
    assert ContributionWeighted(sessions="s-day").weights(hub)["p-ana"] == 10


def test_date_range(hub: Hub) -> None:
    assert ContributionWeighted(since=date(2023, 6, 30)).weights(hub) == {"p-ana": Fraction(2)}
    assert ContributionWeighted(until=date(2023, 6, 22)).weights(hub) == {
        "p-ana": Fraction(10),
        "p-ben": Fraction(35, 4),
        "p-cara": Fraction(9, 4),
    }


def test_organisation_level_rolls_members_up(hub: Hub) -> None:
    # whg: ana 12 + cara 2.25; acme: ben 8.75.
    assert ContributionWeighted(level="organisation").weights(hub) == {
        "o-whg": Fraction(57, 4),
        "o-acme": Fraction(35, 4),
    }


def test_person_party_keeps_their_own_record(hub: Hub) -> None:
    deal = ContributionWeighted().allocate(
        hub, Decimal("230"), currency="GBP", parties=["p-ana", "o-whg", "o-acme"]
    )
    # ana 12 stays with ana; whg gets cara's 2.25 only; acme ben's 8.75.
    assert deal.shares == {
        "p-ana": Decimal("120.00"),
        "o-whg": Decimal("22.50"),
        "o-acme": Decimal("87.50"),
    }
    assert any("p-ana (not also o-whg)" in note for note in deal.notes)


def test_parties_from_an_agreement(hub: Hub) -> None:
    deal = Agreement(
        id="ag-1",
        title="Pilot",
        parties=(Party(stakeholder="o-acme"), Party(stakeholder="p-cara")),
    )
    assert ContributionWeighted().weights(hub, parties=deal) == {
        "o-acme": Fraction(35, 4),
        "p-cara": Fraction(9, 4),
    }


def test_party_without_record_gets_zero_and_a_note(hub: Hub) -> None:
    deal = ContributionWeighted().allocate(
        hub, Decimal("10"), currency="GBP", parties=["p-dan", "p-cara"]
    )
    assert deal.shares == {"p-dan": Decimal("0.00"), "p-cara": Decimal("10.00")}
    assert "no record in scope, so weight 0: p-dan" in deal.notes
    assert any("count for none of the parties" in note for note in deal.notes)


def test_all_zero_names_the_parties(hub: Hub) -> None:
    with pytest.raises(ValueError, match="p-dan"):
        ContributionWeighted().allocate(hub, Decimal("10"), currency="GBP", parties=["p-dan"])
    with pytest.raises(ValueError, match="nothing to weigh"):
        ContributionWeighted(challenge="ch-2", since=date(2024, 1, 1)).allocate(
            hub, Decimal("10"), currency="GBP"
        )


def test_bad_inputs_raise_clear_errors(hub: Hub) -> None:
    with pytest.raises(UnknownReferenceError, match="p-404"):
        ContributionWeighted().weights(hub, parties=["p-404"])
    with pytest.raises(UnknownReferenceError, match="s-day"):
        ContributionWeighted().weights(hub, parties=["s-day"])  # a session is no party
    with pytest.raises(ValueError, match="listed twice"):
        ContributionWeighted().weights(hub, parties=["p-ana", "p-ana"])
    with pytest.raises(ValueError, match="no parties"):
        ContributionWeighted().weights(hub, parties=[])
    with pytest.raises(UnknownReferenceError, match="s-404"):
        ContributionWeighted(sessions=["s-404"]).weights(hub)
    with pytest.raises(UnknownReferenceError, match="ch-404"):
        ContributionWeighted(challenge="ch-404").weights(hub)
    with pytest.raises(ValueError, match=r"role_multipliers\['observer'\]"):
        ContributionWeighted(role_multipliers={"observer": -1})
    with pytest.raises(ValueError, match="'chair' is not a participation role"):
        ContributionWeighted(role_multipliers={"chair": 2})
    with pytest.raises(ValueError, match="'poem' is not a contribution kind"):
        ContributionWeighted(contribution_points={"poem": 2})
    with pytest.raises(ValueError, match="before since"):
        ContributionWeighted(since=date(2023, 7, 1), until=date(2023, 6, 1))
    with pytest.raises(ValueError, match="sessions"):
        ContributionWeighted(sessions=[])
    with pytest.raises(ValueError, match="nested"):
        ContributionWeighted(nested="outer")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="minor unit"):
        ContributionWeighted().allocate(hub, Decimal("1.001"), currency="GBP")


def test_defaults_are_documented_constants() -> None:
    rule = ContributionWeighted()
    for role, multiplier in DEFAULT_ROLE_MULTIPLIERS.items():
        assert rule.role_multipliers[role] == multiplier
    for kind, points in DEFAULT_CONTRIBUTION_POINTS.items():
        assert rule.contribution_points[kind] == points
    assert DEFAULT_ROLE_MULTIPLIERS["observer"] == Decimal("0.5")


@pytest.fixture
def on_behalf() -> Hub:
    """eve's primary organisation is whg, but she came to t1 on behalf of acme.

    - eve at the day (2 h, no organisation named) and at t1 (1 h, for acme); an idea at
      t1 and a question at the day.
    - acme alone is recorded at the day (3 h, no person).
    - fay (no membership) at the day, 1 h.
    """
    return Hub(
        organisations=(
            Organisation(id="o-whg", name="whg", sector="community"),
            Organisation(id="o-acme", name="Acme", sector="industry"),
        ),
        people=(Person(id="p-eve", name="Eve"), Person(id="p-fay", name="Fay")),
        memberships=(
            Membership(id="m-1", person="p-eve", organisation="o-whg", primary=True),
            Membership(id="m-2", person="p-eve", organisation="o-acme"),
        ),
        sessions=(
            Session(id="s-day", name="Day", start=at(22, 9), end=at(22, 16)),
            Session(id="s-t1", name="T1", parent="s-day", start=at(22, 10), end=at(22, 11)),
        ),
        participations=(
            Participation(id="pa-1", session="s-day", person="p-eve", hours=Decimal(2)),
            Participation(
                id="pa-2", session="s-t1", person="p-eve", organisation="o-acme", hours=Decimal(1)
            ),
            Participation(id="pa-3", session="s-day", organisation="o-acme", hours=Decimal(3)),
            Participation(id="pa-4", session="s-day", person="p-fay", hours=Decimal(1)),
        ),
        contributions=(
            Contribution(id="co-1", session="s-t1", author="p-eve", kind="idea", text="x"),
            Contribution(id="co-2", session="s-day", author="p-eve", kind="question", text="y"),
        ),
    )


def test_on_whose_behalf(on_behalf: Hub) -> None:
    # eve's day record (2 − 1 = 1 h) and her question (0.25) go to whg, her primary
    # organisation; her t1 hour and her idea (made at t1, where she came for acme) go to
    # acme, with acme's own 3 h: whg 1.25, acme 1 + 1 + 3 = 5. fay has no organisation.
    deal = ContributionWeighted(level="organisation").allocate(
        on_behalf, Decimal("6.25"), currency="GBP"
    )
    assert deal.weights == {"o-whg": Decimal("1.25"), "o-acme": Decimal(5)}
    assert deal.shares == {"o-whg": Decimal("1.25"), "o-acme": Decimal("5.00")}
    assert any("no organisation to count for: pa-4" in note for note in deal.notes)
    # At person level, acme's own participation counts for no person.
    people = ContributionWeighted().allocate(on_behalf, Decimal("1"), currency="GBP")
    assert people.weights == {"p-eve": Decimal("3.25"), "p-fay": Decimal(1)}
    assert any("no person to count for: pa-3" in note for note in people.notes)


def test_inner_hours_exceeding_outer_are_reported() -> None:
    hub = Hub(
        people=(Person(id="p-1", name="A"),),
        sessions=(Session(id="s-a", name="A"), Session(id="s-b", name="B", parent="s-a")),
        participations=(
            Participation(id="pa-1", session="s-a", person="p-1", hours=Decimal(1)),
            Participation(id="pa-2", session="s-b", person="p-1", hours=Decimal(2)),
        ),
    )
    deal = ContributionWeighted().allocate(hub, Decimal("1"), currency="GBP")
    assert deal.weights == {"p-1": Decimal(2)}  # the outer record counts 0, not −1
    assert any("pa-1 (2 h inside 1 h)" in note for note in deal.notes)


def test_undated_sessions_left_out_by_a_date_range_are_reported() -> None:
    hub = Hub(
        people=(Person(id="p-1", name="A"),),
        sessions=(
            Session(id="s-a", name="A", start=at(22, 9), end=at(22, 10)),
            Session(id="s-b", name="B"),
        ),
        participations=(
            Participation(id="pa-1", session="s-a", person="p-1"),
            Participation(id="pa-2", session="s-b", person="p-1", hours=Decimal(5)),
        ),
    )
    deal = ContributionWeighted(since=date(2023, 1, 1)).allocate(hub, Decimal("1"), currency="GBP")
    assert deal.weights == {"p-1": Decimal(1)}
    assert any("no date" in note and "pa-2" in note for note in deal.notes)


def test_non_terminating_weights_stay_exact_fractions() -> None:
    # 20 minutes from the session's times: 1/3 h.
    hub = Hub(
        people=(Person(id="p-1", name="A"), Person(id="p-2", name="B")),
        sessions=(Session(id="s-a", name="A", start=at(22, 9), end=at(22, 9, 20)),),
        participations=(
            Participation(id="pa-1", session="s-a", person="p-1"),
            Participation(id="pa-2", session="s-a", person="p-2", hours=Decimal(1)),
        ),
    )
    deal = ContributionWeighted().allocate(hub, Decimal("4"), currency="GBP")
    assert deal.weights == {"p-1": Fraction(1, 3), "p-2": Fraction(1)}
    assert deal.shares == {"p-1": Decimal("1.00"), "p-2": Decimal("3.00")}
    assert deal.fractions() == {"p-1": Fraction(1, 4), "p-2": Fraction(3, 4)}


# -- InvolvementPayment: hand-computed payments ----------------------------------------------

EXPENSES = (
    Expense("p-ana", "travel", Decimal("6.40"), description="Bus"),
    Expense("p-cara", ExpenseKind.CHILDCARE, Decimal("24.00")),
    Expense("p-cara", "data", Decimal("2.50"), session="s-t1"),
)


def paying(**changes: object) -> InvolvementPayment:
    settings: dict[str, object] = {
        "default_rate": Decimal(20),
        "rates": {"facilitator": Decimal(30), "organiser": Decimal(30)},
        "preparation": {"facilitator": Decimal(1)},
        "expenses": EXPENSES,
    }
    settings.update(changes)
    return InvolvementPayment(**settings)  # type: ignore[arg-type]


def test_owed_hand_computed(hub: Hub) -> None:
    # ana: day 4.5 h × 30 = 135; t1 1.5 h × 30 + 1 h preparation × 30 = 75; later 2 × 20 = 40
    #      fees 250, travel 6.40 -> 256.40
    # cara: t1 1.5 h (times) × 20 = 30; childcare 24 + data 2.50 -> 56.50
    # ben is industry and dan has no record and no expense: neither is paid.
    owed = paying().owed(hub)
    assert list(owed) == ["p-ana", "p-cara"]
    assert owed["p-ana"].fees == 250
    assert owed["p-ana"].hours == 8
    assert owed["p-ana"].preparation_hours == 1
    assert owed["p-ana"].owed == Fraction("256.40")
    assert owed["p-cara"].fees == 30
    assert owed["p-cara"].expenses == Decimal("26.50")
    assert owed["p-cara"].estimated == ("pa-6",)
    assert owed["p-cara"].to_dict()["owed"] == "56.5"


def test_full_payment(hub: Hub) -> None:
    deal = paying().allocate(hub, currency="GBP")
    assert deal.rule == "involvement_payment"
    assert deal.amount == Decimal("312.90")
    assert deal.shares == {"p-ana": Decimal("256.40"), "p-cara": Decimal("56.50")}
    assert any("p-cara (pa-6)" in note and "no recorded hours" in note for note in deal.notes)
    assert any("not paid for time" in note and "pa-4" in note for note in deal.notes)
    assert check_out_of_pocket(deal, EXPENSES).passed
    assert deal.inputs["owed"]["p-ana"]["fees"] == "250"
    assert deal.inputs["rates"] == {"facilitator": "30", "organiser": "30"}


def test_budget_above_the_total_pays_what_is_owed(hub: Hub) -> None:
    deal = paying().allocate(hub, currency="GBP", budget=Decimal("400"))
    assert deal.amount == Decimal("312.90")
    assert deal.notes[0] == (
        "the budget of 400.00 GBP covers the 312.90 GBP owed; 87.10 GBP is left"
    )


def test_short_budget_reimburses_expenses_first(hub: Hub) -> None:
    # Expenses 6.40 + 26.50 = 32.90 in full; the other 67.10 shared 250 : 30 by fees:
    # ana 59.9107.. -> 59.91, cara 7.1892.. -> 7.19 (the larger remainder takes the penny).
    deal = paying().allocate(hub, currency="GBP", budget=Decimal("100"))
    assert deal.amount == Decimal("100.00")
    assert deal.shares == {"p-ana": Decimal("66.31"), "p-cara": Decimal("33.69")}
    assert deal.total == Decimal("100.00")
    assert "expenses (32.90 GBP) reimbursed in full" in deal.notes[0]
    assert check_out_of_pocket(deal, EXPENSES).passed


def test_budget_below_expenses_is_refused(hub: Hub) -> None:
    with pytest.raises(
        ValueError, match=r"does not cover the 32\.90 GBP of expenses.*p-ana, p-cara"
    ):
        paying().allocate(hub, currency="GBP", budget=Decimal("30"))


def test_minimum_per_session(hub: Hub) -> None:
    # ana's day (with t1 inside it) earns 210 >= 50; the later meeting 40 -> topped up by 10.
    # cara's table earns 30 -> topped up by 20.
    owed = paying(minimum_per_session=Decimal(50)).owed(hub)
    assert owed["p-ana"].fees == 260
    assert owed["p-ana"].top_up == 10
    assert owed["p-cara"].fees == 50
    deal = paying(minimum_per_session=Decimal(50)).allocate(hub, currency="GBP")
    assert any("p-ana at s-later (+10.00 GBP)" in note for note in deal.notes)


def test_listed_people_and_extra_claimants(hub: Hub) -> None:
    deal = paying(people=["p-ben", "p-dan"]).allocate(hub, currency="GBP")
    # ben: day 5 h × 20 + t2 1 h × 20 = 120; dan: nothing; ana and cara: expenses only.
    assert deal.shares == {
        "p-ben": Decimal("120.00"),
        "p-dan": Decimal("0.00"),
        "p-ana": Decimal("6.40"),
        "p-cara": Decimal("26.50"),
    }
    assert any("not among the people paid for time: p-ana, p-cara" in n for n in deal.notes)
    assert any("owed nothing: p-dan" in note for note in deal.notes)


def test_preparation_rate(hub: Hub) -> None:
    # ana's preparation hour at 15 instead of 30: fees 250 − 15 = 235.
    owed = paying(rates={"facilitator": 30, "organiser": 30, "preparation": 15}).owed(hub)
    assert owed["p-ana"].fees == 235


def test_rounding_to_the_exact_total() -> None:
    # Three people, 20 minutes each from the session times, at 25 an hour: 25/3 each.
    # Total 25.00 exactly; each gets 8.33 and the first listed the penny left.
    hub = Hub(
        people=tuple(Person(id=f"p-{i}", name=str(i), sector="community") for i in range(3)),
        sessions=(Session(id="s-a", name="A", start=at(22, 9), end=at(22, 9, 20)),),
        participations=tuple(
            Participation(id=f"pa-{i}", session="s-a", person=f"p-{i}") for i in range(3)
        ),
    )
    deal = InvolvementPayment(default_rate=Decimal(25)).allocate(hub, currency="GBP")
    assert deal.shares == {"p-0": Decimal("8.34"), "p-1": Decimal("8.33"), "p-2": Decimal("8.33")}
    assert deal.amount == Decimal("25.00")
    # Two of them at 10 an hour: 10/3 each, 6.666.. in all, rounded to 6.67.
    two = InvolvementPayment(default_rate=Decimal(10), people=["p-0", "p-1"])
    deal = two.allocate(hub, currency="GBP")
    assert deal.amount == Decimal("6.67")
    assert deal.shares == {"p-0": Decimal("3.34"), "p-1": Decimal("3.33")}
    assert deal.weights == {"p-0": Fraction(10, 3), "p-1": Fraction(10, 3)}


def test_payment_errors(hub: Hub) -> None:
    with pytest.raises(UnknownReferenceError, match="p-404"):
        paying(expenses=(Expense("p-404", "travel", Decimal(1)),)).owed(hub)
    with pytest.raises(UnknownReferenceError, match="s-404"):
        paying(expenses=(Expense("p-ana", "travel", Decimal(1), session="s-404"),)).owed(hub)
    with pytest.raises(UnknownReferenceError, match="p-404"):
        paying(people=["p-404"]).owed(hub)
    with pytest.raises(ValueError, match=r"expenses\[0\] \(p-ana, travel\).*minor unit"):
        paying(expenses=(Expense("p-ana", "travel", Decimal("1.005")),)).allocate(
            hub, currency="GBP"
        )
    with pytest.raises(ValueError, match="budget"):
        paying().allocate(hub, currency="GBP", budget=Decimal("-1"))
    with pytest.raises(ValueError, match="budget"):
        paying().allocate(hub, currency="GBP", budget=Decimal("1.001"))
    with pytest.raises(ValueError, match="nothing is owed"):
        paying(people=["p-dan"], expenses=()).allocate(hub, currency="GBP")
    with pytest.raises(ValueError, match="no one to pay"):
        paying(expenses=(), sessions=["s-t2"]).allocate(hub, currency="GBP")
    with pytest.raises(ValueError, match=r"rates: 'chair'"):
        paying(rates={"chair": 40})
    with pytest.raises(ValueError, match="default_rate"):
        InvolvementPayment(default_rate=Decimal(-1))
    with pytest.raises(ValueError, match="expense kind 'bus'"):
        Expense("p-ana", "bus", Decimal(1))
    with pytest.raises(ValueError, match="expense amount"):
        Expense("p-ana", "travel", Decimal(-1))
    with pytest.raises(TypeError, match=r"expenses\[0\]"):
        InvolvementPayment(default_rate=Decimal(1), expenses=("taxi",))  # type: ignore[arg-type]


def test_expenses_outside_the_scope_are_still_reimbursed(hub: Hub) -> None:
    deal = paying(sessions=["s-day"], subtree=False).allocate(hub, currency="GBP")
    # ana: day 4.5 h × 30 = 135 + 6.40; cara: nothing at the day, expenses 26.50.
    assert deal.shares == {"p-ana": Decimal("141.40"), "p-cara": Decimal("26.50")}
    assert any("outside the scope, reimbursed anyway" in note for note in deal.notes)


def test_rate_lookup() -> None:
    pay = InvolvementPayment(default_rate="22.50", rates={"presenter": 30})
    assert pay.rate("presenter") == 30
    assert pay.rate("observer") == Decimal("22.50")


# -- one scope for both rules -----------------------------------------------------------------


def test_a_scope_is_what_the_shorthands_build(hub: Hub) -> None:
    for rule, shorthands, scope in [
        (ContributionWeighted, {"sessions": "s-day"}, Scope(sessions=["s-day"], nested="subtree")),
        (
            ContributionWeighted,
            {"sessions": ["s-day"], "subtree": False},
            Scope(sessions=["s-day"]),
        ),
        (ContributionWeighted, {"challenge": "ch-1"}, Scope(challenge="ch-1", nested="subtree")),
        (
            ContributionWeighted,
            {"until": date(2023, 6, 22), "kind": "table"},
            Scope(until=date(2023, 6, 22), kinds=["table"], nested="subtree"),
        ),
    ]:
        by_keywords, by_scope = rule(**shorthands), rule(scope=scope)
        assert by_keywords == by_scope
        assert by_keywords.scope == scope
        assert by_keywords.weights(hub) == by_scope.weights(hub)
    assert ContributionWeighted(sessions="s-day").sessions == ("s-day",)
    assert ContributionWeighted().subtree is True
    assert ContributionWeighted(scope=Scope()).subtree is False
    assert paying(sessions=["s-day"], subtree=False) == paying(scope=Scope(sessions=["s-day"]))
    assert paying(challenge="ch-2").challenge == "ch-2"


def test_kind_keeps_the_sessions_of_those_kinds(hub: Hub) -> None:
    # The tables only: ana t1 2.25 + idea 1; ben t2 1.25 + solution 2 + feedback 0.5;
    # cara t1 1.5 + question 0.25 + concern 0.5.
    assert ContributionWeighted(kind="table").weights(hub) == {
        "p-ana": Fraction(13, 4),
        "p-ben": Fraction(15, 4),
        "p-cara": Fraction(9, 4),
    }
    # The event with its tables (subtree, the default) is everything but the follow-up.
    assert ContributionWeighted(kind="event").weights(hub) == ContributionWeighted(
        sessions="s-day"
    ).weights(hub)
    # Paid for the tables only: ana 1.5 h × 30 + 1 h preparation × 30; cara 1.5 h × 20.
    owed = paying(kind=["table"], expenses=()).owed(hub)
    assert {person: bill.fees for person, bill in owed.items()} == {
        "p-ana": Fraction(75),
        "p-cara": Fraction(30),
    }


def test_a_window_of_aware_datetimes(hub: Hub) -> None:
    # From 10:30 on 22 June: the second table (13:00) and the follow-up; the day (09:00)
    # and the first table (10:00) are left out.
    later = ContributionWeighted(since=at(22, 10, 30)).weights(hub)
    assert later == {"p-ana": Fraction(2), "p-ben": Fraction(13, 4), "p-cara": Fraction(1, 2)}
    assert ContributionWeighted(since=at(22, 10, 30)).configuration()["since"] == (
        "2023-06-22T10:30:00+01:00"
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        ContributionWeighted(since=datetime(2023, 6, 22, 10))


def test_scope_and_a_shorthand_are_not_both_given() -> None:
    with pytest.raises(TypeError, match="give scope= or sessions=, not both"):
        ContributionWeighted(scope=Scope(), sessions=["s-day"])
    with pytest.raises(TypeError, match="give scope= or subtree=, not both"):
        ContributionWeighted(scope=Scope(), subtree=True)
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        paying(scope=Scope(), kind="table")
    with pytest.raises(ValueError, match="'tea' is not a valid SessionKind"):
        ContributionWeighted(kind="tea")


def test_the_configuration_keeps_its_scope_keys(hub: Hub) -> None:
    settings = ContributionWeighted(kind="table", hours="sum").configuration()
    assert settings["kinds"] == ["table"]
    assert settings["hours"] == "sum"
    assert (settings["sessions"], settings["subtree"], settings["challenge"]) == (None, True, None)
    assert paying().configuration()["hours"] == "innermost"


def test_nested_is_the_old_name_of_hours(hub: Hub) -> None:
    with pytest.warns(DeprecationWarning, match="use hours="):
        old = ContributionWeighted(nested="sum")
    assert old == ContributionWeighted(hours="sum")
    assert old.weights(hub) == ContributionWeighted(hours="sum").weights(hub)
    with pytest.warns(DeprecationWarning, match="use hours"):
        assert old.nested == "sum"
    with pytest.warns(DeprecationWarning, match="use hours="):
        pay = paying(nested="sum")
    assert pay == paying(hours="sum")
    with pytest.warns(DeprecationWarning, match="use hours"):
        assert pay.nested == "sum"
    with pytest.raises(TypeError, match="give hours= or nested="):
        ContributionWeighted(hours="sum", nested="sum")
    with pytest.raises(ValueError, match="hours must be 'innermost' or 'sum'"):
        ContributionWeighted(hours="outer")  # type: ignore[arg-type]


def test_the_old_type_names_warn_and_the_moved_names_stay_here() -> None:
    from coinnovation import sharing
    from coinnovation.sharing import contribution, involvement, pocket, record

    with pytest.warns(DeprecationWarning, match="use HourCounting"):
        assert record.Nested is sharing.HourCounting
    with pytest.warns(DeprecationWarning, match="use PartyLevel"):
        assert record.Level is sharing.PartyLevel
    for home in (contribution, involvement, pocket):
        for name in home.__all__:
            assert getattr(record, name) is getattr(home, name) is getattr(sharing, name)
            assert name in record.__all__
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        record.Nope  # noqa: B018


# -- out of pocket -----------------------------------------------------------------------------


def test_out_of_pocket_and_the_check() -> None:
    paid = Proportional({"p-ana": 1, "p-raj": 3}).allocate(Decimal("40"), currency="GBP")
    spent = [
        Expense("p-ana", "travel", Decimal("8")),
        Expense("p-ana", "carer", Decimal("7")),
        Expense("p-raj", "data", Decimal("5")),
        Expense("p-sam", "childcare", Decimal("12")),
    ]
    # ana paid 10 for 15 spent; raj 30 for 5; sam (not in the allocation) 0 for 12.
    assert out_of_pocket(paid, spent) == {"p-ana": Decimal("5.00"), "p-sam": Decimal("12")}
    check = check_out_of_pocket(paid, spent)
    assert not check.passed
    assert str(check) == (
        "2 community participants are out of pocket: p-ana (5.00 GBP short), p-sam (12.00 GBP short)"
    )
    assert check_out_of_pocket(paid, spent[2:3]).message == (
        "no community participant is out of pocket"
    )


def test_agreement_out_of_pocket() -> None:
    hub = Hub(
        organisations=(
            Organisation(id="o-acme", name="Acme", sector="industry"),
            Organisation(id="o-whg", name="whg", sector="community"),
        ),
        people=(Person(id="p-ana", name="Ana", sector="community"),),
    )
    deal = Agreement(
        id="ag-1",
        title="Pilot",
        parties=(
            Party(stakeholder="o-acme"),
            Party(stakeholder="o-whg"),
            Party(stakeholder="p-ana"),
        ),
        costs=(
            Cost(party="o-acme", kind="cash", amount=gbp("5000")),
            Cost(party="o-whg", kind="cash", amount=gbp("300")),
            Cost(party="o-whg", kind="in_kind", amount=gbp("200")),
            Cost(party="p-ana", kind="cash", amount=gbp("40")),
            Cost(party="p-ana", kind="time", hours=Decimal(10), rate=gbp("20")),
        ),
        rewards=(
            Reward(id="fee", kind="cash", amount=gbp("1000")),
            Reward(id="credit", kind="recognition"),
        ),
        shares=(
            Share(party="o-acme", reward="fee", fraction=Decimal("0.75")),
            Share(party="o-whg", reward="fee", fraction=Decimal("0.25")),
            Share(party="o-acme", reward="credit", fraction=Decimal("0.5")),
            Share(party="p-ana", reward="credit", fraction=Decimal("0.5")),
        ),
    )
    # whg: cash 300 against 25% of 1000 = 250 -> 50 short; ana: 40 cash, only credit -> 40.
    # acme is industry: not checked.
    assert agreement_out_of_pocket(hub, deal) == {
        "o-whg": Decimal("50.00"),
        "p-ana": Decimal("40.00"),
    }
    # Counting in-kind: whg 500 − 250 = 250; counting valued time too: ana 40 + 200.
    assert agreement_out_of_pocket(hub, deal, kinds=("cash", "in_kind", "time")) == {
        "o-whg": Decimal("250.00"),
        "p-ana": Decimal("240.00"),
    }
    check = OutOfPocketCheck(agreement_out_of_pocket(hub, deal), "GBP", who="community party")
    assert check.message == (
        "2 community parties are out of pocket: o-whg (50.00 GBP short), p-ana (40.00 GBP short)"
    )
    with pytest.raises(ValueError, match="'gift' is not a cost kind"):
        agreement_out_of_pocket(hub, deal, kinds=("gift",))
    with pytest.raises(UnknownReferenceError, match="ag-404"):
        agreement_out_of_pocket(hub, "ag-404")
    mixed = deal.model_copy(
        update={"rewards": (Reward(id="fee", kind="cash", amount=Money(amount=1, currency="EUR")),)}
    )
    with pytest.raises(InvalidAgreementError, match="EUR"):
        agreement_out_of_pocket(hub, mixed)


# -- the example hub ------------------------------------------------------------------------


def test_example_hub_smoke(example_path: Path) -> None:
    hub = coinnovation.load(example_path)
    rule = ContributionWeighted()
    deal = rule.allocate(hub, Decimal("10000"), currency="GBP")
    assert deal.total == Decimal("10000.00")
    assert len(deal.shares) == len(hub.people)
    # p-001: the day 6.5 h − 4.5 h at sub-sessions = 2 h organiser × 1.5 = 3; the opening
    # 0.75 h presenter × 1.25 = 0.9375; two tables 1.25 h × 1; one table facilitated
    # 1.25 × 1.5 = 1.875; a presentation (1) and a question/feedback (0.5).
    p001 = rule.breakdown(hub)["p-001"]
    assert p001.hours == Fraction(13, 2)
    assert p001.hours_part + p001.role_part == Fraction(133, 16)
    by_id = {c.id: c for c in hub.contributions}
    assert p001.contributions_part == sum(
        (Fraction(DEFAULT_CONTRIBUTION_POINTS[by_id[c].kind]) for c in p001.contributions),
        Fraction(0),
    )
    agreement = hub.agreement("ag-01")
    table = ContributionWeighted(challenge=agreement.challenge).allocate(
        hub, Decimal("1000"), currency="GBP", parties=agreement
    )
    assert table.total == Decimal("1000.00")
    assert list(table.shares) == list(agreement.party_ids)

    pay = InvolvementPayment(
        default_rate=Decimal(25),
        expenses=(Expense("p-084", "travel", Decimal("4.80")),),
    )
    paid = pay.allocate(hub, currency="GBP")
    assert paid.total == paid.amount
    assert all(hub.sector_of(person) == "community" for person in paid.shares)
    assert check_out_of_pocket(paid, pay.expenses).passed
    # The draft agreement's rewards have no money value, so nothing offsets the community
    # parties' costs: today the residents' group gives 1500 in kind + 60 h × 15 = 2400 and
    # the peer researcher 40 h × 20 = 800, and neither pays cash.
    assert all(reward.amount is None for reward in agreement.rewards)
    borne: dict[str, Decimal] = {}
    for cost in agreement.costs:
        value = cost.value
        if cost.kind != "cash" and value is not None and hub.sector_of(cost.party) == "community":
            borne[cost.party] = borne.get(cost.party, Decimal(0)) + value.amount
    assert agreement_out_of_pocket(hub, agreement, kinds=("in_kind", "time")) == borne
    assert borne  # the community parties give rooms and time
    cash = [cost for cost in agreement.costs if cost.kind == "cash"]
    if all(hub.sector_of(cost.party) != "community" for cost in cash):
        assert agreement_out_of_pocket(hub, agreement) == {}


# -- properties --------------------------------------------------------------------------------

amounts = st.integers(0, 10**7).map(lambda units: Decimal(units).scaleb(-2))
small_hubs = hubs(
    max_communities=0,
    max_challenges=0,
    max_framings=0,
    max_agreements=0,
    min_participations=1,
    max_participations=8,
)


@given(small_hubs, amounts, st.sampled_from(["person", "organisation"]), st.randoms())
def test_any_hub_shares_exactly_and_ignores_party_order(
    hub: Hub, amount: Decimal, level: str, rnd: random.Random
) -> None:
    rule = ContributionWeighted(level=level)  # type: ignore[arg-type]
    weights = rule.weights(hub)
    assume(any(weights.values()))
    deal = rule.allocate(hub, amount, currency="GBP")
    assert sum(deal.shares.values()) == amount
    assert all(share >= 0 for share in deal.shares.values())
    shuffled = list(weights)
    rnd.shuffle(shuffled)
    again = rule.allocate(hub, amount, currency="GBP", parties=shuffled)
    assert again.weights == deal.weights
    assert sum(again.shares.values()) == amount
    for party, share in deal.shares.items():
        assert abs(again.shares[party] - share) <= PENNY


ROLES = st.sampled_from(["participant", "facilitator", "presenter", "observer", "organiser"])
KINDS = st.sampled_from(["idea", "feedback", "question", "solution", "evidence"])
HOURS = st.none() | st.integers(0, 32).map(lambda quarters: Decimal(quarters) / 4)


@st.composite
def record_hubs(draw: st.DrawFn) -> tuple[Hub, tuple[Expense, ...]]:
    """A day with tables; others with random records; twins p-t1 and p-t2 with the same."""
    tables = draw(st.integers(0, 3))
    sessions = [Session(id="s-0", name="Day", start=at(22, 9), end=at(22, 17))]
    for index in range(1, tables + 1):
        timed = draw(st.booleans())
        sessions.append(
            Session(
                id=f"s-{index}",
                name=f"Table {index}",
                parent="s-0",
                start=at(22, 9 + index) if timed else None,
                end=at(22, 10 + index, draw(st.integers(0, 59))) if timed else None,
            )
        )
    session_ids = st.sampled_from([s.id for s in sessions])
    others = draw(st.integers(0, 3))
    people = [
        Person(id=f"p-{i}", name=f"P{i}", sector=draw(st.sampled_from(["community", "industry"])))
        for i in range(others)
    ]
    people += [Person(id=twin, name=twin, sector="community") for twin in ("p-t1", "p-t2")]
    twin_record = draw(
        st.lists(st.tuples(session_ids, ROLES, HOURS), max_size=4, unique_by=lambda r: r[0])
    )
    twin_says = draw(st.lists(st.tuples(session_ids, KINDS), max_size=3))
    twin_spent = draw(st.lists(st.integers(0, 5000), max_size=2))
    participations: list[Participation] = []
    contributions: list[Contribution] = []
    expenses: list[Expense] = []
    for twin in ("p-t1", "p-t2"):
        for session, role, hours in twin_record:
            participations.append(
                Participation(
                    id=f"pa-{len(participations)}",
                    session=session,
                    person=twin,
                    role=role,
                    hours=hours,
                )
            )
        for session, kind in twin_says:
            contributions.append(
                Contribution(
                    id=f"co-{len(contributions)}", session=session, author=twin, kind=kind, text="t"
                )
            )
        for units in twin_spent:
            expenses.append(Expense(twin, "travel", Decimal(units) / 100))
    if others:
        who = st.sampled_from([p.id for p in people[:others]])
        for person, session, role, hours in draw(
            st.lists(st.tuples(who, session_ids, ROLES, HOURS), max_size=6)
        ):
            participations.append(
                Participation(
                    id=f"pa-{len(participations)}",
                    session=session,
                    person=person,
                    role=role,
                    hours=hours,
                )
            )
        for person, session, kind in draw(st.lists(st.tuples(who, session_ids, KINDS), max_size=3)):
            contributions.append(
                Contribution(
                    id=f"co-{len(contributions)}",
                    session=session,
                    author=person,
                    kind=kind,
                    text="o",
                )
            )
        for person, units, kind in draw(
            st.lists(
                st.tuples(who, st.integers(0, 5000), st.sampled_from(list(ExpenseKind))), max_size=3
            )
        ):
            expenses.append(Expense(person, kind, Decimal(units) / 100))
    hub = Hub(
        people=tuple(people),
        sessions=tuple(sessions),
        participations=tuple(participations),
        contributions=tuple(contributions),
    )
    return hub, tuple(expenses)


@given(record_hubs(), amounts)
def test_identical_records_get_equal_weights_and_shares(
    drawn: tuple[Hub, tuple[Expense, ...]], amount: Decimal
) -> None:
    hub, _ = drawn
    rule = ContributionWeighted()
    weights = rule.weights(hub)
    assume(any(weights.values()))
    assert weights.get("p-t1") == weights.get("p-t2")
    shares = rule.allocate(hub, amount, currency="GBP").shares
    if "p-t1" in shares:
        assert abs(shares["p-t1"] - shares["p-t2"]) <= PENNY


RATES = st.integers(0, 6000).map(lambda pence: Decimal(pence) / 100)


@given(record_hubs(), RATES, RATES, st.integers(0, 10**6), st.randoms())
def test_payments_reimburse_expenses_and_sum_exactly(
    drawn: tuple[Hub, tuple[Expense, ...]],
    rate: Decimal,
    facilitator_rate: Decimal,
    budget_pence: int,
    rnd: random.Random,
) -> None:
    hub, expenses = drawn
    pay = InvolvementPayment(
        default_rate=rate, rates={"facilitator": facilitator_rate}, expenses=expenses
    )
    owed = pay.owed(hub)
    exact = {person: bill.owed for person, bill in owed.items()}
    assume(any(exact.values()))
    full = pay.allocate(hub, currency="GBP")
    # Everyone gets their exact amount rounded down or up, and the total is the exact
    # total rounded to the penny.
    exact_total = sum(exact.values(), Fraction(0))
    assert abs(Fraction(full.amount) - exact_total) <= Fraction(1, 200)
    assert sum(full.shares.values()) == full.amount
    for person, share in full.shares.items():
        assert abs(Fraction(share) - exact[person]) < Fraction(1, 100)
    assert check_out_of_pocket(full, expenses).passed
    if "p-t1" in full.shares:
        assert abs(full.shares["p-t1"] - full.shares["p-t2"]) <= PENNY

    spent = sum((bill.expenses for bill in owed.values()), Decimal(0))
    budget = Decimal(budget_pence) / 100
    if budget < spent and budget < full.amount:
        with pytest.raises(ValueError, match="out of pocket"):
            pay.allocate(hub, currency="GBP", budget=budget)
        return
    capped = pay.allocate(hub, currency="GBP", budget=budget)
    assert capped.amount == min(budget, full.amount)
    assert sum(capped.shares.values()) == capped.amount
    assert out_of_pocket(capped, expenses) == {}
    for person, bill in owed.items():
        assert capped.shares[person] >= bill.expenses
        assert capped.shares[person] <= full.shares[person] + PENNY

    # The order people are listed in changes nobody's exact amount.
    listed = [person for person in owed if hub.sector_of(person) == "community"]
    if not listed:  # only people paid for expenses alone: nobody to list
        return
    rnd.shuffle(listed)
    reordered = InvolvementPayment(
        default_rate=rate,
        rates={"facilitator": facilitator_rate},
        expenses=expenses,
        people=listed,
    ).owed(hub)
    assert {person: reordered[person].owed for person in owed} == exact


def test_results_are_frozen() -> None:
    breakdown = ContributionBreakdown("p")
    assert breakdown.weight == 0
    assert not breakdown.has_record
    assert OwedPayment("p").owed == 0
    with pytest.raises(AttributeError):
        breakdown.party = "q"  # type: ignore[misc]
