"""The hub: integrity checks (each named), immutable changes, and queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from coinnovation import (
    Agreement,
    Challenge,
    Community,
    Contribution,
    Framing,
    Hub,
    HubIntegrityError,
    Membership,
    Organisation,
    Participation,
    Person,
    Problem,
    Session,
    UnknownReferenceError,
)
from coinnovation.models import Party, Reward, Share, StageChange, hub_problems
from coinnovation.models.integrity import record_kinds
from coinnovation.testing.strategies import hubs

T0 = datetime(2023, 6, 22, 9, tzinfo=UTC)


def small_hub() -> Hub:
    """An event with a workshop and two tables, five stakeholders, a challenge and a deal."""
    return Hub(
        name="small",
        communities=(Community(id="c-1", name="Blakenall", imd_decile=1),),
        organisations=(
            Organisation(
                id="o-whg",
                name="whg",
                kind="housing_association",
                sector="community",
                communities=("c-1",),
            ),
            Organisation(id="o-acme", name="Acme Health", kind="firm", sector="industry"),
            Organisation(id="o-trust", name="A Trust", kind="nhs_trust", sector="health_service"),
        ),
        people=(
            Person(id="p-ana", name="Ana", roles=("community_champion",)),
            Person(id="p-ben", name="Ben", roles=("innovator",)),
            Person(id="p-cy", name="Cy", roles=("peer_researcher",), sector="community"),
            Person(id="p-dee", name="Dee", roles=("clinician",)),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg"),
            Membership(id="m-2", person="p-ben", organisation="o-acme", start=date(2023, 1, 1)),
            Membership(id="m-3", person="p-dee", organisation="o-trust", end=date(2022, 12, 31)),
            Membership(id="m-4", person="p-dee", organisation="o-acme", start=date(2023, 1, 1)),
        ),
        challenges=(
            Challenge(
                id="ch-1", title="Diabetes apps", communities=("c-1",), proposed_by=("o-acme",)
            ),
        ),
        framings=(
            Framing(
                id="f-1", challenge="ch-1", author="p-ben", statement="Adherence.", session="s-t1"
            ),
            Framing(
                id="f-2", challenge="ch-1", author="p-cy", statement="Data costs.", reframes="f-1"
            ),
        ),
        sessions=(
            Session(
                id="s-day",
                name="Day",
                kind="event",
                start=T0,
                end=T0 + timedelta(hours=7),
                venue="o-whg",
            ),
            Session(id="s-w1", name="Workshop 1", kind="workshop", parent="s-day"),
            Session(
                id="s-t1",
                name="Table 1",
                kind="table",
                parent="s-w1",
                challenges=("ch-1",),
                stage="framing",
            ),
            Session(id="s-t2", name="Table 2", kind="table", parent="s-w1"),
        ),
        participations=(
            Participation(id="pa-1", session="s-day", person="p-ana"),
            Participation(id="pa-2", session="s-t1", person="p-ben", role="presenter"),
            Participation(id="pa-3", session="s-t1", person="p-cy", level="involve"),
            Participation(id="pa-4", session="s-t2", person="p-ana"),
            Participation(id="pa-5", session="s-t2", organisation="o-trust"),
            Participation(id="pa-6", session="s-t1", person="p-dee", organisation="o-trust"),
        ),
        contributions=(
            Contribution(
                id="co-1", session="s-t1", author="p-ben", kind="presentation", text="Our app."
            ),
            Contribution(
                id="co-2",
                session="s-t1",
                author="p-cy",
                kind="feedback",
                text="Costs data.",
                responds_to="co-1",
                addressed_to=("p-ben",),
                challenge="ch-1",
            ),
        ),
        agreements=(
            Agreement(
                id="ag-1",
                title="Pilot",
                challenge="ch-1",
                session="s-t1",
                parties=(Party(stakeholder="o-acme"), Party(stakeholder="o-whg")),
                rewards=(Reward(id="r", kind="licence"),),
                shares=(
                    Share(party="o-acme", reward="r", fraction=Decimal("0.6")),
                    Share(party="o-whg", reward="r", fraction=Decimal("0.4")),
                ),
            ),
        ),
    )


def broken(**changes: Any) -> list[Problem]:
    """The problems of the small hub after replacing whole collections with ``changes``."""
    data = small_hub().model_dump()
    data.update(changes)
    with pytest.raises(HubIntegrityError) as caught:
        Hub.model_validate(data)
    return list(caught.value.problems)


def dumped(field: str) -> list[dict[str, Any]]:
    return small_hub().model_dump()[field]  # type: ignore[no-any-return]


def test_small_hub_is_sound() -> None:
    assert hub_problems(small_hub()) == []


def test_unknown_reference_is_named() -> None:
    participations = dumped("participations")
    participations[2]["person"] = "p-zed"
    assert broken(participations=participations) == [
        Problem("participation", "pa-3", "person", "unknown person 'p-zed'")
    ]


def test_reference_to_the_wrong_kind_is_named() -> None:
    participations = dumped("participations")
    participations[0]["session"] = "p-ana"
    assert broken(participations=participations) == [
        Problem("participation", "pa-1", "session", "'p-ana' is a person, not a session")
    ]


def test_duplicate_ids_across_kinds() -> None:
    people = dumped("people")
    people[0]["id"] = "o-whg"
    problems = broken(people=people)
    assert (
        Problem("person", "o-whg", "id", "duplicate id: already used by an organisation")
        in problems
    )


def test_all_problems_are_collected_at_once() -> None:
    memberships = dumped("memberships")
    memberships[0]["organisation"] = "o-none"
    sessions = dumped("sessions")
    sessions[3]["parent"] = "s-none"
    contributions = dumped("contributions")
    contributions[1]["responds_to"] = "co-none"
    problems = broken(memberships=memberships, sessions=sessions, contributions=contributions)
    assert [(p.kind, p.record, p.field) for p in problems] == [
        ("membership", "m-1", "organisation"),
        ("session", "s-t2", "parent"),
        ("contribution", "co-2", "responds_to"),
    ]


def test_session_parent_loop() -> None:
    sessions = dumped("sessions")
    sessions[0]["parent"] = "s-t1"
    problems = broken(sessions=sessions)
    assert {(p.record, p.field) for p in problems} == {
        ("s-day", "parent"),
        ("s-w1", "parent"),
        ("s-t1", "parent"),
    }
    assert "loops back" in problems[0].message


def test_self_parent_loop_and_organisation_loop() -> None:
    sessions = dumped("sessions")
    sessions[1]["parent"] = "s-w1"
    assert [(p.record, p.field) for p in broken(sessions=sessions)] == [("s-w1", "parent")]
    organisations = dumped("organisations")
    organisations[0]["parent"] = "o-acme"
    organisations[1]["parent"] = "o-whg"
    assert {p.record for p in broken(organisations=organisations)} == {"o-whg", "o-acme"}


def test_contribution_and_framing_loops() -> None:
    contributions = dumped("contributions")
    contributions[0]["responds_to"] = "co-2"
    assert {p.record for p in broken(contributions=contributions)} == {"co-1", "co-2"}
    framings = dumped("framings")
    framings[0]["reframes"] = "f-2"
    assert {p.record for p in broken(framings=framings)} == {"f-1", "f-2"}


def test_framing_must_reframe_the_same_challenge() -> None:
    challenges = [*dumped("challenges"), {"id": "ch-2", "title": "Other"}]
    framings = dumped("framings")
    framings[1]["challenge"] = "ch-2"
    assert broken(challenges=challenges, framings=framings) == [
        Problem("framing", "f-2", "reframes", "'f-1' frames another challenge ('ch-1')")
    ]


def test_sub_session_must_lie_within_parent_time() -> None:
    sessions = dumped("sessions")
    sessions[1]["start"] = T0 - timedelta(hours=1)
    sessions[1]["end"] = T0 + timedelta(hours=8)
    assert [(p.record, p.field) for p in broken(sessions=sessions)] == [
        ("s-w1", "start"),
        ("s-w1", "end"),
    ]


def test_stages_must_be_the_hubs() -> None:
    sessions = dumped("sessions")
    sessions[2]["stage"] = "brainstorm"
    assert broken(sessions=sessions) == [
        Problem("session", "s-t1", "stage", "'brainstorm' is not one of the hub's stages")
    ]
    assert broken(stages=("framing", "framing")) == [
        Problem("hub", None, "stages", "stage 'framing' is listed twice")
    ]
    custom = Hub(
        stages=("discover", "define", "develop", "deliver"),
        challenges=(Challenge(id="c", title="T", stage="define"),),
    )
    assert custom.challenges_at("define")[0].id == "c"


def test_stage_history() -> None:
    challenges = dumped("challenges")
    challenges[0]["stage"] = "ideation"
    challenges[0]["stage_history"] = [
        StageChange(stage="framing", on=date(2023, 6, 22), session="s-t1", agreed_by=("p-ana",)),
        StageChange(stage="ideation", on=date(2023, 6, 1), session="s-none"),
    ]
    assert broken(challenges=challenges) == [
        Problem("challenge", "ch-1", "stage_history[1].session", "unknown session 's-none'"),
        Problem("challenge", "ch-1", "stage_history[1].on", "moves are not in date order"),
    ]
    challenges[0]["stage_history"] = [StageChange(stage="framing", on=date(2023, 6, 22))]
    assert broken(challenges=challenges) == [
        Problem(
            "challenge",
            "ch-1",
            "stage",
            "'ideation' differs from the last move in the history ('framing')",
        )
    ]


def test_agreement_party_must_be_a_stakeholder_and_shares_whole() -> None:
    agreements = dumped("agreements")
    agreements[0]["parties"][1]["stakeholder"] = "s-day"
    agreements[0]["shares"][1]["party"] = "s-day"
    agreements[0]["shares"][1]["fraction"] = Decimal("0.3")
    assert broken(agreements=agreements) == [
        Problem(
            "agreement",
            "ag-1",
            "parties[1].stakeholder",
            "'s-day' is a session, not an organisation or person",
        ),
        Problem(
            "agreement",
            "ag-1",
            "rewards[0]",
            "the shares of reward 'r' add up to 0.9, not 1 (the whole)",
        ),
    ]


def test_integrity_error_surfaces_from_every_constructor() -> None:
    bad = {"sessions": [{"id": "s", "name": "S", "parent": "nope"}]}
    with pytest.raises(HubIntegrityError):
        Hub(**bad)
    with pytest.raises(HubIntegrityError):
        Hub.model_validate(bad)
    with pytest.raises(HubIntegrityError):
        Hub.model_validate_json('{"sessions": [{"id": "s", "name": "S", "parent": "nope"}]}')
    # Malformed records are still pydantic errors, with their location.
    with pytest.raises(ValidationError, match=r"sessions\.0\.name"):
        Hub.model_validate({"sessions": [{"id": "s"}]})
    with pytest.raises(ValidationError, match="newer than this library reads"):
        Hub(schema_version="2.0")
    assert Hub(schema_version="1.7").schema_version == "1.7"


def test_add_replace_remove_return_new_hubs() -> None:
    hub = small_hub()
    grown = hub.add(
        Person(id="p-eve", name="Eve"), Participation(id="pa-9", session="s-t2", person="p-eve")
    )
    assert len(grown.people) == len(hub.people) + 1
    assert "p-eve" not in {p.id for p in hub.people}
    renamed = grown.replace(Person(id="p-eve", name="Eve K."))
    assert renamed.person("p-eve").name == "Eve K."
    assert grown.person("p-eve").name == "Eve"
    with pytest.raises(UnknownReferenceError):
        hub.replace(Person(id="p-nobody", name="N"))
    with pytest.raises(HubIntegrityError):
        hub.add(Participation(id="pa-9", session="s-t2", person="p-nobody"))
    with pytest.raises(HubIntegrityError):
        hub.remove("p-ana")  # memberships and participations still name her
    assert renamed.remove("pa-9", "p-eve") == hub
    with pytest.raises(UnknownReferenceError):
        hub.remove("nothing")
    with pytest.raises(TypeError, match="no records of type"):
        hub.add(Party(stakeholder="o-whg"))  # type: ignore[arg-type]


def test_look_ups() -> None:
    hub = small_hub()
    assert hub.get("co-2").id == "co-2"
    assert hub.organisation("o-whg").name == "whg"
    assert hub.community("c-1").imd_decile == 1
    assert hub.agreement("ag-1").title == "Pilot"
    assert hub.challenge("ch-1").stage == "framing"
    with pytest.raises(UnknownReferenceError, match="no person with id 'o-whg'"):
        hub.person("o-whg")
    with pytest.raises(KeyError):
        hub.get("missing")


def test_members_and_organisations_by_date() -> None:
    hub = small_hub()
    assert [p.id for p in hub.members("o-acme")] == ["p-ben", "p-dee"]
    assert [p.id for p in hub.members("o-acme", on=date(2022, 6, 1))] == []
    assert [o.id for o in hub.organisations_of("p-dee")] == ["o-trust", "o-acme"]
    assert [o.id for o in hub.organisations_of("p-dee", on=date(2022, 6, 1))] == ["o-trust"]
    assert hub.sector_of("p-dee", on=date(2023, 6, 22)) == "industry"
    assert hub.sector_of("p-dee", on=date(2022, 6, 22)) == "health_service"
    assert hub.sector_of("p-cy") == "community"
    assert hub.sector_of("o-trust") == "health_service"
    with pytest.raises(UnknownReferenceError):
        hub.sector_of("s-day")
    with pytest.raises(UnknownReferenceError):
        hub.members("p-ana")


def test_session_tree_queries() -> None:
    hub = small_hub()
    assert [s.id for s in hub.subsessions("s-day")] == ["s-w1", "s-t1", "s-t2"]
    assert [s.id for s in hub.subsessions("s-t1", include_self=True)] == ["s-t1"]
    assert [s.id for s in hub.root_sessions()] == ["s-day"]
    assert hub.attendees("s-day") == ("p-ana", "p-ben", "p-cy", "p-dee", "o-trust")
    assert hub.attendees("s-day", subtree=False) == ("p-ana",)
    assert hub.attendees("s-t2") == ("p-ana", "o-trust")
    assert [p.id for p in hub.participations_in("s-w1", subtree=True)] == [
        "pa-2",
        "pa-3",
        "pa-6",
        "pa-4",
        "pa-5",
    ]


def test_participations_challenges_agreements_of() -> None:
    hub = small_hub()
    assert [p.id for p in hub.participations_of("p-ana")] == ["pa-1", "pa-4"]
    assert [p.id for p in hub.participations_of("o-trust")] == ["pa-5", "pa-6"]
    assert [c.id for c in hub.challenges_at("framing")] == ["ch-1"]
    assert hub.challenges_at("adoption") == ()
    with pytest.raises(ValueError, match="not one of the hub's stages"):
        hub.challenges_at("brainstorm")
    assert [a.id for a in hub.agreements_of("o-whg")] == ["ag-1"]
    assert hub.agreements_of("p-ana") == ()
    with pytest.raises(UnknownReferenceError):
        hub.participations_of("s-day")


def test_repr_is_compact() -> None:
    assert repr(small_hub()) == (
        "Hub(name='small', communities=1, organisations=3, people=4, memberships=4, "
        "challenges=1, framings=2, sessions=4, participations=6, contributions=2, agreements=1)"
    )
    assert repr(Hub()) == "Hub(name=None)"


def test_equality_ignores_the_lazy_index() -> None:
    a, b = small_hub(), small_hub()
    a.members("o-whg")
    assert a == b


def test_changes_validate_new_records_even_unvalidated_copies() -> None:
    hub = small_hub()
    bad = hub.person("p-ana").model_copy(update={"name": ""})  # model_copy does not validate
    with pytest.raises(ValidationError, match="at least 1 character"):
        hub.replace(bad)
    with pytest.raises(ValidationError):
        Hub(people=(bad,))
    moved = hub.replace(hub.session("s-t2").model_copy(update={"parent": "s-day"}))
    assert [s.id for s in moved.subsessions("s-day")] == ["s-w1", "s-t1", "s-t2"]
    assert moved == Hub.model_validate(moved.model_dump())


def test_sub_session_with_one_time_must_overlap_its_parent() -> None:
    sessions = dumped("sessions")
    sessions[1]["start"] = T0 + timedelta(days=1)
    sessions[2]["end"] = T0 - timedelta(days=1)
    assert [(p.record, p.field, p.message) for p in broken(sessions=sessions)] == [
        ("s-w1", "start", "starts after its parent 's-day' ends"),
        ("s-t1", "end", "ends before its parent 's-w1' starts"),
    ]


@given(hubs(max_sessions=6))
def test_ancestors_and_session_days_follow_the_parents(hub: Hub) -> None:
    by_id = {session.id: session for session in hub.sessions}
    days = hub.session_days()
    for session in hub.sessions:
        chain = []
        parent = session.parent
        while parent is not None:
            chain.append(parent)
            parent = by_id[parent].parent
        assert [s.id for s in hub.ancestors(session.id)] == chain
        assert hub.ancestors(session.id, include_self=True)[0] == session
        dated = [by_id[s] for s in (session.id, *chain) if by_id[s].start is not None]
        assert days[session.id] == (dated[0].start.date() if dated else None)


def test_a_hub_contains_the_ids_of_its_records() -> None:
    hub = small_hub()
    for _, _, records in record_kinds(hub):
        for record in records:
            assert record.id in hub
    assert "nobody" not in hub
    assert 1 not in hub
    assert ("name", hub.name) not in hub  # not the pydantic fields any more
