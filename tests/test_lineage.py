"""Stage models, stage moves, agreement lifecycles and amendments, lineage."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from coinnovation.errors import (
    HubIntegrityError,
    IllegalTransitionError,
    InvalidAgreementError,
    UnknownReferenceError,
)
from coinnovation.lineage import allowed_moves, lineage, lineage_steps, move
from coinnovation.models import (
    DEFAULT_PROCESS,
    DOUBLE_DIAMOND,
    Agreement,
    AgreementStatus,
    Challenge,
    Contribution,
    Cost,
    Framing,
    Hub,
    Money,
    Organisation,
    Outcome,
    Party,
    Person,
    Reward,
    Session,
    Share,
    StageChange,
    StageModel,
    Transition,
)
from coinnovation.testing.strategies import agreements, hubs

DAY = date(2023, 6, 22)

# -- stage models ----------------------------------------------------------------------------


def test_the_default_process_moves_forward_one_stage_or_back_any() -> None:
    stages = DEFAULT_PROCESS.stages
    for i, source in enumerate(stages):
        expected = tuple(s for j, s in enumerate(stages) if j < i or j == i + 1)
        assert DEFAULT_PROCESS.allowed(source) == expected
        assert not DEFAULT_PROCESS.can_move(source, source)


def test_linear_models_list_their_transitions_and_match_the_default_rule() -> None:
    explicit = StageModel.linear(DEFAULT_PROCESS.stages)
    for stage in DEFAULT_PROCESS.stages:
        assert explicit.allowed(stage) == DEFAULT_PROCESS.allowed(stage)
    forward = StageModel.linear(["a", "b", "c"], back=False)
    assert [forward.allowed(s) for s in "abc"] == [("b",), ("c",), ()]
    assert forward.why_not("c", "a") == "'c' is a final stage"


def test_a_custom_process_such_as_the_double_diamond() -> None:
    diamond = StageModel(
        name="double diamond with a loop",
        stages=DOUBLE_DIAMOND.stages,
        transitions=(
            Transition(source="discover", target="define"),
            Transition(source="define", target="develop"),
            Transition(source="develop", target="deliver"),
            Transition(source="deliver", target="discover"),
        ),
    )
    assert diamond.allowed("deliver") == ("discover",)
    assert not diamond.can_move("develop", "define")


def test_a_model_naming_unknown_stages_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"transitions\[0\]\.target: 'zz' is not one"):
        StageModel(stages=("a", "b"), transitions=(Transition(source="a", target="zz"),))
    with pytest.raises(ValidationError, match="stage 'a' is listed twice"):
        StageModel(stages=("a", "a"))
    with pytest.raises(ValueError, match="'q' is not one of the stages"):
        DEFAULT_PROCESS.allowed("q")


# -- stage histories in the hub -------------------------------------------------------------


def history(*stages: str) -> tuple[StageChange, ...]:
    return tuple(
        StageChange(stage=stage, on=date(2023, 1, 1 + i)) for i, stage in enumerate(stages)
    )


def test_a_hub_refuses_a_history_that_skips_a_stage() -> None:
    challenge = Challenge(
        id="ch-1", title="t", stage="piloting", stage_history=history("framing", "piloting")
    )
    with pytest.raises(HubIntegrityError) as caught:
        Hub(challenges=(challenge,))
    (problem,) = caught.value.problems
    assert (problem.kind, problem.record, problem.field) == (
        "challenge",
        "ch-1",
        "stage_history[1].stage",
    )
    assert "illegal move from 'framing' to 'piloting'" in problem.message


def test_a_hub_checks_histories_against_its_own_transitions() -> None:
    challenge = Challenge(
        id="ch-1", title="t", stage="discover", stage_history=history("deliver", "discover")
    )
    loop = (Transition(source="deliver", target="discover"),)
    Hub(stages=DOUBLE_DIAMOND.stages, transitions=loop, challenges=(challenge,))
    with pytest.raises(HubIntegrityError, match="transitions"):
        Hub(stages=("a",), transitions=(Transition(source="a", target="b"),))
    with pytest.raises(HubIntegrityError, match="illegal move"):
        Hub(stages=DOUBLE_DIAMOND.stages, transitions=(), challenges=(challenge,))


def test_iteration_back_to_an_earlier_stage_is_legal_by_default() -> None:
    challenge = Challenge(
        id="ch-1",
        title="t",
        stage="ideation",
        stage_history=history("framing", "ideation", "co_design", "piloting", "ideation"),
    )
    assert Hub(challenges=(challenge,)).challenge("ch-1").stage == "ideation"


# -- moves -------------------------------------------------------------------------------------


def small_hub() -> Hub:
    return Hub(
        organisations=(Organisation(id="o-whg", name="whg", sector="community"),),
        people=(Person(id="p-ana", name="Ana"),),
        sessions=(Session(id="s-1", name="Workshop", kind="workshop"),),
        challenges=(Challenge(id="ch-1", title="Apps"),),
    )


def test_move_records_the_date_session_and_who_agreed() -> None:
    hub = move(
        small_hub(),
        "ch-1",
        "ideation",
        on=DAY,
        session="s-1",
        agreed_by=["p-ana", "o-whg"],
        note="chosen",
    )
    first, moved = hub.challenge("ch-1").stage_history
    assert (first.stage, first.on) == ("framing", DAY)
    assert (moved.stage, moved.on, moved.session, moved.agreed_by, moved.note) == (
        "ideation",
        DAY,
        "s-1",
        ("p-ana", "o-whg"),
        "chosen",
    )
    assert allowed_moves(hub, "ch-1") == ("framing", "co_design")


def test_illegal_moves_are_refused_with_the_reason() -> None:
    hub = small_hub()
    with pytest.raises(IllegalTransitionError) as caught:
        move(hub, "ch-1", "piloting", on=DAY)
    error = caught.value
    assert (error.record, error.field, error.source, error.target) == (
        "ch-1",
        "stage",
        "framing",
        "piloting",
    )
    assert isinstance(error, ValueError)
    with pytest.raises(IllegalTransitionError, match="already at 'framing'"):
        move(hub, "ch-1", "framing", on=DAY)
    with pytest.raises(IllegalTransitionError, match="not one of the stages"):
        move(hub, "ch-1", "launch", on=DAY)
    later = move(hub, "ch-1", "ideation", on=DAY)
    with pytest.raises(IllegalTransitionError, match="before the last move"):
        move(later, "ch-1", "co_design", on=date(2023, 6, 1))
    with pytest.raises(UnknownReferenceError):
        move(hub, "ch-404", "ideation", on=DAY)
    with pytest.raises(HubIntegrityError, match="unknown session 's-404'"):
        move(hub, "ch-1", "ideation", on=DAY, session="s-404")


@given(hubs(min_challenges=1), st.data())
def test_a_move_succeeds_exactly_when_the_process_allows_it(hub: Hub, data: st.DataObject) -> None:
    challenge = data.draw(st.sampled_from(hub.challenges))
    target = data.draw(st.sampled_from(hub.stages))
    last = challenge.stage_history[-1].on if challenge.stage_history else DAY
    allowed = hub.process.can_move(challenge.stage, target)
    if not allowed:
        with pytest.raises(IllegalTransitionError) as caught:
            move(hub, challenge.id, target, on=last)
        assert caught.value.record == challenge.id
    else:
        moved = move(hub, challenge.id, target, on=last)
        assert moved.challenge(challenge.id).stage == target
        assert moved.challenge(challenge.id).stage_history[-1].stage == target


# -- agreements --------------------------------------------------------------------------------


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


def deal() -> Agreement:
    return Agreement(
        id="ag-1",
        title="Pilot",
        parties=(Party(stakeholder="o-acme"), Party(stakeholder="o-whg")),
        costs=(Cost(party="o-acme", kind="cash", amount=gbp("1000")),),
        rewards=(Reward(id="r", kind="cash", amount=gbp("500")),),
        shares=(
            Share(party="o-acme", reward="r", fraction=Decimal("0.5")),
            Share(party="o-whg", reward="r", fraction=Decimal("0.5")),
        ),
    )


def signed(agreement: Agreement) -> Agreement:
    proposed = agreement.transition("proposed", on=DAY)
    for party in proposed.party_ids:
        proposed = proposed.sign(party, on=DAY)
    return proposed


def test_the_whole_lifecycle_with_its_history() -> None:
    agreement = signed(deal()).transition("agreed", on=DAY, by="o-whg")
    agreement = agreement.transition("active", on=date(2023, 7, 1))
    agreement = agreement.transition("completed", on=date(2024, 7, 1), note="pilot over")
    assert [(c.changes[0].before, c.changes[0].after) for c in agreement.amendments] == [
        ("draft", "proposed"),
        ("proposed", "agreed"),
        ("agreed", "active"),
        ("active", "completed"),
    ]
    assert agreement.amendments[1].by == "o-whg"
    assert agreement.amendments[-1].note == "pilot over"
    with pytest.raises(IllegalTransitionError, match="'completed' is final"):
        agreement.transition("terminated", on=date(2024, 8, 1))


def test_agreed_only_when_every_party_has_signed() -> None:
    proposed = deal().transition("proposed", on=DAY).sign("o-acme", on=DAY)
    with pytest.raises(IllegalTransitionError, match="not signed yet by: o-whg"):
        proposed.transition("agreed", on=DAY)
    with pytest.raises(IllegalTransitionError, match="signed on"):
        proposed.sign("o-acme", on=DAY)
    with pytest.raises(InvalidAgreementError, match="'o-x' is not a party"):
        proposed.sign("o-x", on=DAY)
    with pytest.raises(IllegalTransitionError, match="sign a proposed agreement"):
        deal().sign("o-acme", on=DAY)


def test_an_inconsistent_agreement_cannot_be_agreed() -> None:
    broken = deal().model_copy(
        update={"shares": (Share(party="o-acme", reward="r", fraction=Decimal("0.5")),)}
    )
    with pytest.raises(IllegalTransitionError, match=r"add up to 0\.5"):
        signed(broken).transition("agreed", on=DAY)


ALL = list(AgreementStatus)


@given(agreements(stakeholders=["o-a", "o-b", "p-c"]), st.sampled_from(ALL))
def test_illegal_lifecycle_moves_are_always_refused(agreement: Agreement, target: str) -> None:
    status = AgreementStatus(target)
    legal = status in agreement.allowed_statuses() and not (
        status.binding
        and (agreement.unsigned() or agreement.model_copy(update={"status": status}).problems())
    )
    if not legal:
        with pytest.raises(IllegalTransitionError) as caught:
            agreement.transition(target, on=DAY)
        error = caught.value
        assert (error.kind, error.record, error.field) == ("agreement", agreement.id, "status")
    else:
        moved = agreement.transition(target, on=DAY)
        assert moved.status == target
        if moved.status.binding:
            assert not moved.unsigned()
        assert moved.amendments[-1].changes[0].after == target


def test_amendments_record_who_changed_what_and_when() -> None:
    agreement = deal().amend(
        on=DAY, by="o-whg", note="community share raised", rule="negotiated", title="Pilot 2"
    )
    (amendment,) = agreement.amendments
    assert (amendment.on, amendment.by, amendment.note) == (DAY, "o-whg", "community share raised")
    assert [(c.field, c.before, c.after) for c in amendment.changes] == [
        ("rule", None, "negotiated"),
        ("title", "Pilot", "Pilot 2"),
    ]
    assert agreement.status is AgreementStatus.DRAFT


def test_amending_the_terms_of_a_binding_agreement_voids_the_signatures() -> None:
    agreed = signed(deal()).transition("agreed", on=DAY)
    shares = (
        Share(party="o-acme", reward="r", fraction=Decimal("0.4")),
        Share(party="o-whg", reward="r", fraction=Decimal("0.6")),
    )
    amended = agreed.amend(on=date(2023, 8, 1), by="o-whg", shares=shares)
    assert amended.status is AgreementStatus.PROPOSED
    assert amended.unsigned() == ("o-acme", "o-whg")
    fields = [change.field for change in amended.amendments[-1].changes]
    assert fields == ["shares", "status", "signatures"]
    assert amended.amendments[-1].changes[0].before == [
        {"party": "o-acme", "reward": "r", "fraction": "0.5"},
        {"party": "o-whg", "reward": "r", "fraction": "0.5"},
    ]
    # Wording changes keep the signatures.
    retitled = agreed.amend(on=DAY, title="Pilot (final)")
    assert retitled.status is AgreementStatus.AGREED
    assert not retitled.unsigned()


def test_what_cannot_be_amended() -> None:
    with pytest.raises(InvalidAgreementError, match="'status' cannot be amended"):
        deal().amend(on=DAY, status="agreed")
    with pytest.raises(InvalidAgreementError, match="'colour' cannot be amended"):
        deal().amend(on=DAY, colour="red")
    with pytest.raises(InvalidAgreementError, match="changes nothing"):
        deal().amend(on=DAY, title="Pilot")
    terminated = deal().transition("terminated", on=DAY)
    with pytest.raises(IllegalTransitionError, match="cannot be amended"):
        terminated.amend(on=DAY, title="x")
    with pytest.raises(ValidationError):
        deal().amend(on=DAY, title="")


def test_the_hub_checks_amendments() -> None:
    agreement = deal().amend(on=DAY, by="p-404", title="x")
    organisations = (
        Organisation(id="o-acme", name="Acme", sector="industry"),
        Organisation(id="o-whg", name="whg", sector="community"),
    )
    with pytest.raises(HubIntegrityError, match=r"amendments\[0\]\.by"):
        Hub(organisations=organisations, agreements=(agreement,))


# -- lineage ---------------------------------------------------------------------------------


def at(hour: int) -> datetime:
    return datetime(2023, 6, 22, hour, tzinfo=UTC)


def lineage_hub() -> Hub:
    """ch-1 splits into ch-2 and ch-3; ch-3 and ch-4 merge into ch-5."""
    return Hub(
        organisations=(
            Organisation(id="o-whg", name="whg", sector="community"),
            Organisation(id="o-acme", name="Acme", sector="industry"),
        ),
        challenges=(
            Challenge(id="ch-1", title="Apps"),
            Challenge(id="ch-2", title="Reminders", derived_from=("ch-1",)),
            Challenge(id="ch-3", title="Data costs", derived_from=("ch-1",)),
            Challenge(id="ch-4", title="Connectivity"),
            Challenge(id="ch-5", title="Offline use", derived_from=("ch-3", "ch-4")),
            Challenge(id="ch-9", title="Unrelated"),
        ),
        sessions=(
            Session(id="s-w", name="Workshop", challenges=("ch-1",), stage="framing"),
            Session(id="s-t", name="Table", parent="s-w"),
            Session(id="s-9", name="Other", challenges=("ch-9",)),
        ),
        framings=(
            Framing(id="f-1", challenge="ch-1", author="o-acme", statement="Motivation"),
            Framing(
                id="f-2",
                challenge="ch-1",
                author="o-whg",
                statement="Data costs",
                reframes="f-1",
                session="s-t",
            ),
            Framing(id="f-9", challenge="ch-9", author="o-whg", statement="x"),
        ),
        contributions=(
            Contribution(id="co-1", session="s-t", author="o-acme", kind="question", text="?"),
            Contribution(
                id="co-2",
                session="s-t",
                author="o-whg",
                text="!",
                kind="answer",
                responds_to="co-1",
            ),
            Contribution(
                id="co-3",
                session="s-9",
                author="o-whg",
                text="offline mode",
                kind="solution",
                challenge="ch-5",
                created=at(11),
            ),
            Contribution(id="co-9", session="s-9", author="o-whg", text="elsewhere"),
        ),
        agreements=(
            Agreement(id="ag-1", title="Build offline mode", solutions=("co-3",)),
            Agreement(id="ag-2", title="Reminders pilot", challenge="ch-2"),
        ),
        outcomes=(
            Outcome(id="out-1", description="Used offline", agreement="ag-1", on=DAY),
            Outcome(id="out-2", description="Adopted", challenge="ch-4"),
            Outcome(id="out-9", description="Elsewhere", challenge="ch-9"),
        ),
    )


def test_lineage_follows_every_step_and_splits_and_merges() -> None:
    G = lineage(lineage_hub(), "ch-2")
    assert G.graph["root"] == "ch-2"
    assert nx.is_directed_acyclic_graph(G)
    assert set(G.edges(data="relation")) == {
        ("ch-1", "ch-2", "split_into"),
        ("ch-1", "ch-3", "split_into"),
        ("ch-3", "ch-5", "merged_into"),
        ("ch-4", "ch-5", "merged_into"),
        ("ch-1", "f-1", "framed"),
        ("ch-1", "f-2", "framed"),
        ("f-1", "f-2", "reframed"),
        ("ch-1", "co-1", "raised"),  # made at a table inside a workshop on ch-1
        ("co-1", "co-2", "responded"),
        ("ch-5", "co-3", "raised"),
        ("co-3", "ag-1", "agreed"),
        ("ch-2", "ag-2", "agreed"),
        ("ag-1", "out-1", "produced"),
        ("ch-4", "out-2", "produced"),
    }
    assert G.nodes["co-3"]["kind"] == "solution"
    assert G.nodes["f-2"]["session"] == "s-t"
    assert G.nodes["co-3"]["on"] == DAY
    assert G.nodes["out-1"]["on"] == DAY
    assert not {"ch-9", "f-9", "co-9", "out-9"} & set(G)


def test_lineage_steps_read_from_the_roots() -> None:
    steps = lineage_steps(lineage(lineage_hub(), "ch-1"))
    assert steps[0] == (0, "challenge", "ch-1", "challenge")
    assert {node for _, _, node, _ in steps} == set(lineage(lineage_hub(), "ch-1"))
    depth = {node: d for d, _, node, _ in steps}
    assert depth["out-1"] == depth["ag-1"] + 1 == depth["co-3"] + 2


def test_sessions_inherit_challenges_and_stage() -> None:
    effective = lineage_hub().session_context()
    assert effective["s-t"] == (("ch-1",), "framing")
    assert effective["s-9"] == (("ch-9",), None)


@given(hubs(min_challenges=1, max_contributions=6, max_outcomes=3), st.data())
def test_lineage_is_an_acyclic_graph_of_hub_records(hub: Hub, data: st.DataObject) -> None:
    root = data.draw(st.sampled_from(hub.challenges)).id
    G = lineage(hub, root)
    assert root in G
    assert nx.is_directed_acyclic_graph(G)
    for node, kind in G.nodes(data="kind"):
        record = hub.get(node)
        assert kind in {"challenge", "framing", "contribution", "solution", "agreement", "outcome"}
        assert type(record).__name__.lower() == ("contribution" if kind == "solution" else kind)
    assert len(lineage_steps(G)) == G.number_of_nodes()
