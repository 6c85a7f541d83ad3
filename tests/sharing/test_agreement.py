"""Sharing an agreement in a hub: the contribution game, the party graph, share_agreement."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import CoinnovationError, InvalidAgreementError, UnknownReferenceError
from coinnovation.models import (
    Agreement,
    Cost,
    Hub,
    Membership,
    Money,
    Organisation,
    Participation,
    Party,
    Person,
    Reward,
    Session,
)
from coinnovation.sharing import (
    RULES,
    AgreementShare,
    Proportional,
    contribution_game,
    party_graph,
    share_agreement,
)
from coinnovation.testing.strategies import hubs


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def two_party_hub(*, met: bool = True, reward: str | None = None) -> Hub:
    """A firm (industry, 900 in cash) and a community group (100 in kind)."""
    participations = [Participation(id="pa-1", session="s-1", organisation="o-firm")]
    if met:
        participations.append(Participation(id="pa-2", session="s-1", person="p-ana"))
    return Hub(
        organisations=(
            Organisation(id="o-firm", name="Firm", sector="industry"),
            Organisation(id="o-whg", name="whg", sector="community"),
        ),
        people=(Person(id="p-ana", name="Ana"),),
        memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),),
        sessions=(Session(id="s-1", name="Table", kind="table"),),
        participations=tuple(participations),
        agreements=(
            Agreement(
                id="ag",
                title="Pilot",
                parties=(Party(stakeholder="o-firm"), Party(stakeholder="o-whg")),
                costs=(
                    Cost(party="o-firm", kind="cash", amount=gbp("900")),
                    Cost(party="o-whg", kind="in_kind", amount=gbp("100")),
                ),
                rewards=(
                    (Reward(id="r", kind="cash", amount=gbp(reward)),) if reward is not None else ()
                ),
            ),
        ),
    )


def test_the_contribution_game_by_hand() -> None:
    v = contribution_game(two_party_hub(), "ag")
    # v(S) = c(S) · sectors(S) / sectors(N), with two sectors in all.
    assert v(frozenset()) == 0
    assert v(frozenset({"o-firm"})) == Fraction(900, 2)
    assert v(frozenset({"o-whg"})) == Fraction(100, 2)
    assert v(frozenset({"o-firm", "o-whg"})) == 1000


@pytest.mark.parametrize("rule", ["shapley", "nucleolus", "myerson"])
def test_game_rules_on_two_parties_by_hand(rule: str) -> None:
    # Two players: each gets v(i) plus half the surplus v(N) − v(1) − v(2) = 500:
    # the firm 450 + 250 = 700, the group 50 + 250 = 300 (Shapley = nucleolus = Myerson
    # on a connected graph).
    result = share_agreement(two_party_hub(), "ag", rule=rule, amount=Decimal("1000"))
    assert result.allocation.shares == {"o-firm": Decimal("700.00"), "o-whg": Decimal("300.00")}
    assert result.community == ("o-whg",)
    assert result.fairness.all_equal_partners is True
    assert result.fairness.in_core is True


def test_myerson_keeps_apart_parties_who_never_met() -> None:
    # Without a common session the graph has no tie: each gets only v(i), 450 and 50.
    hub = two_party_hub(met=False)
    assert party_graph(hub, "ag").number_of_edges() == 0
    result = share_agreement(hub, "ag", rule="myerson", amount=Decimal("1000"))
    assert result.allocation.shares == {"o-firm": Decimal("900.00"), "o-whg": Decimal("100.00")}


def test_party_graph_counts_members_for_their_organisation() -> None:
    G = party_graph(two_party_hub(), "ag")
    assert G.edges["o-firm", "o-whg"]["sessions"] == ["s-1"]
    assert G.nodes["o-whg"]["sector"] == "community"
    assert party_graph(two_party_hub(), "ag", kind="workshop").number_of_edges() == 0


def test_party_graph_and_myerson_take_a_scope() -> None:
    """The sessions that tie parties are chosen by Hub.select, as everywhere (issue 10)."""
    from coinnovation import load
    from coinnovation.models import Scope
    from tests.conftest import EXAMPLE

    hub = load(EXAMPLE)
    for kind in ("table", ["workshop", "event"], []):
        by_kind = party_graph(hub, "ag-01", kind=kind)
        by_scope = party_graph(hub, "ag-01", scope=Scope(kinds=kind))
        assert list(by_scope.edges(data=True)) == list(by_kind.edges(data=True))
    assert party_graph(hub, "ag-01", kind=[]).number_of_edges() == 0  # no kind: no session
    # Within a chosen event, its tables count for it: the event ties whoever sat anywhere.
    events = [s.id for s in hub.sessions if s.kind.value == "event"]
    tables = party_graph(hub, "ag-01", kind="table")
    nested = party_graph(hub, "ag-01", scope=Scope(sessions=events, nested="subtree"))
    assert set(tables.edges) <= set(nested.edges)
    assert all(data["sessions"] == events[: data["weight"]] for *_, data in nested.edges(data=True))
    shared = share_agreement(hub, "ag-01", rule="myerson", scope=Scope(kinds=["table"]))
    assert (
        shared.allocation == share_agreement(hub, "ag-01", rule="myerson", kind="table").allocation
    )
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        share_agreement(hub, "ag-01", rule="equal", scope=Scope(), kind="table")


def test_the_pot_defaults_to_the_rewards_then_to_one_hundred() -> None:
    valued = share_agreement(two_party_hub(reward="500"), "ag", rule="proportional")
    assert valued.allocation.amount == Decimal("500")
    assert valued.allocation.shares == {"o-firm": Decimal("450.00"), "o-whg": Decimal("50.00")}
    unvalued = share_agreement(two_party_hub(), "ag", rule="equal")
    assert unvalued.allocation.amount == 100
    assert any("every 100.00 GBP" in note for note in unvalued.allocation.notes)


def test_every_rule_shares_the_example_agreement_exactly() -> None:
    from coinnovation import load

    hub = load("examples/walsall-2023/hub.json")
    for rule in RULES:
        result = share_agreement(hub, "ag-01", rule=rule, amount=Decimal("12345.67"))
        assert sum(result.allocation.shares.values()) == Decimal("12345.67")
        assert set(result.allocation.shares) == set(hub.agreement("ag-01").party_ids)
        assert result.explain().startswith("Agreement 'ag-01', rule ")
        assert result.to_dict()["rule"] == rule


def test_what_cannot_be_shared() -> None:
    hub = two_party_hub()
    with pytest.raises(ValueError, match="unknown rule 'fair'"):
        share_agreement(hub, "ag", rule="fair")
    with pytest.raises(UnknownReferenceError):
        share_agreement(hub, "ag-404")
    empty = hub.add(Agreement(id="ag-2", title="Nothing yet"))
    with pytest.raises(InvalidAgreementError, match="no parties"):
        share_agreement(empty, "ag-2")
    moneyless = hub.add(Agreement(id="ag-3", title="t", parties=(Party(stakeholder="o-firm"),)))
    with pytest.raises(InvalidAgreementError, match="give the currency"):
        share_agreement(moneyless, "ag-3")
    assert share_agreement(moneyless, "ag-3", rule="equal", currency="EUR").allocation.shares == {
        "o-firm": Decimal("100.00")
    }
    with pytest.raises(InvalidAgreementError, match="its money is in GBP, not EUR"):
        share_agreement(hub, "ag", currency="EUR")


def test_an_agreement_no_party_has_weight_in_is_an_invalid_agreement() -> None:
    # Nobody bears a cost with a value: proportional shares have nothing to go by.
    hub = Hub(
        organisations=(
            Organisation(id="o-a", name="A", sector="industry"),
            Organisation(id="o-b", name="B", sector="community"),
        ),
        agreements=(
            Agreement(
                id="ag",
                title="t",
                parties=(Party(stakeholder="o-a"), Party(stakeholder="o-b")),
                costs=(Cost(party="o-a", kind="time", hours=Decimal("2")),),
            ),
        ),
    )
    for rule in ("proportional", "contribution_weighted"):
        with pytest.raises(InvalidAgreementError, match="agreement 'ag'") as caught:
            share_agreement(hub, "ag", rule=rule, amount=Decimal("100"), currency="GBP")
        assert isinstance(caught.value, ValueError)
        assert re.search(r"zero|is 0|nothing to weigh", str(caught.value))


def _attempt(hub: Hub, agreement: Agreement, rule: str) -> tuple[object, Exception | None]:
    try:
        currency = None if agreement.currency() else "GBP"
        return share_agreement(hub, agreement, rule=rule, currency=currency), None
    except ValueError as error:
        return None, error


@given(hubs(min_agreements=1, max_agreements=1), st.sampled_from(RULES))
def test_any_agreement_is_shared_exactly_or_refused_clearly(hub: Hub, rule: str) -> None:
    agreement = hub.agreements[0]
    result, error = _attempt(hub, agreement, rule)
    if error is not None:
        # No parties, or nothing to weigh by (every weight 0, or a negative one): said so.
        assert isinstance(error, CoinnovationError) or re.search(
            r"negative|zero|are 0|is 0|no parties|every value", str(error)
        ), error
        if not agreement.parties:
            assert isinstance(error, InvalidAgreementError)
        return
    assert isinstance(result, AgreementShare)
    allocation = result.allocation
    assert sum(allocation.shares.values(), Decimal(0)) == allocation.amount
    assert list(allocation.shares) == list(agreement.party_ids)
    assert result.fairness.efficient


def test_proportional_weights_from_each_kind_of_cost() -> None:
    deal = Agreement(
        id="ag",
        title="t",
        parties=(Party(stakeholder="a"), Party(stakeholder="b")),
        costs=(
            Cost(party="a", kind="cash", amount=gbp("300")),
            Cost(party="a", kind="in_kind", amount=gbp("50")),
            Cost(party="b", kind="time", hours=Decimal("10"), rate=gbp("20")),
            Cost(party="b", kind="time", hours=Decimal("5")),
        ),
    )
    rate = gbp("10")
    expected = {
        "value": {"a": Decimal("350"), "b": Decimal("250")},
        "cash": {"a": Decimal("300"), "b": Decimal("0")},
        "in_kind": {"a": Decimal("50"), "b": Decimal("0")},
        "time": {"a": Decimal("0"), "b": Decimal("250")},
        "hours": {"a": Decimal("0"), "b": Decimal("15")},
    }
    for by, weights in expected.items():
        rule = Proportional.from_agreement(deal, by, time_rate=rate)  # type: ignore[arg-type]
        assert rule.weights == weights, by
    # Without a rate, unvalued time counts as nothing.
    assert Proportional.from_agreement(deal, "time").weights == {"a": 0, "b": Decimal("200")}


def test_a_party_whose_refunds_exceed_its_costs_cannot_be_valued() -> None:
    hub = two_party_hub()
    deal = hub.agreement("ag")
    refund = deal.model_copy(
        update={"costs": (*deal.costs, Cost(party="o-whg", kind="cash", amount=gbp("-150")))}
    )
    with pytest.raises(InvalidAgreementError, match="'o-whg' puts in -50 in all"):
        contribution_game(hub, refund)
