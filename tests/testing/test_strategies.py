"""The public hypothesis strategies: valid values, advertised sizes, reachable shapes."""

from __future__ import annotations

import importlib
import inspect
import json
import math
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import TypeAdapter

from coinnovation.errors import MissingDependencyError
from coinnovation.models import (
    DEFAULT_STAGES,
    Attributes,
    Framing,
    Hub,
    Id,
    Session,
    Tag,
    minor_unit,
)
from coinnovation.testing import strategies
from coinnovation.testing.strategies import (
    agreements,
    attributes,
    challenges,
    communities,
    contributions,
    framings,
    hubs,
    ids,
    memberships,
    money,
    organisations,
    participations,
    people,
    sessions,
    tags,
)

KINDS = (
    "communities",
    "organisations",
    "people",
    "memberships",
    "challenges",
    "framings",
    "sessions",
    "participations",
    "contributions",
    "agreements",
)
ID = TypeAdapter(Id)
TAG = TypeAdapter(Tag)
ATTRIBUTES = TypeAdapter(Attributes)

# -- the module ------------------------------------------------------------------------------


def test_importing_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "coinnovation.testing.strategies")
    with pytest.raises(MissingDependencyError, match=r"coinnovation\[testing\]") as caught:
        importlib.import_module("coinnovation.testing.strategies")
    assert caught.value.package == "hypothesis"
    assert isinstance(caught.value, ImportError)


def test_all_is_sorted_and_every_strategy_has_a_runnable_example() -> None:
    assert strategies.__all__ == sorted(strategies.__all__)
    public = {
        name
        for name, value in vars(strategies).items()
        if inspect.isfunction(value) and value.__module__ == strategies.__name__
    }
    assert public - {name for name in public if name.startswith("_")} == set(strategies.__all__)
    for name in strategies.__all__:
        assert ">>>" in (inspect.getdoc(getattr(strategies, name)) or ""), name


# -- scalars ---------------------------------------------------------------------------------


@given(ids(), ids(prefix="p-"))
def test_ids_match_the_id_pattern(plain: str, prefixed: str) -> None:
    assert ID.validate_python(plain) == plain
    assert ID.validate_python(prefixed) == prefixed
    assert prefixed.startswith("p-")
    assert len(prefixed) > len("p-")


@given(tags(), attributes())
def test_tags_and_attributes_are_valid_and_json_scalars(tag: str, found: dict[str, Any]) -> None:
    assert TAG.validate_python(tag) == tag
    assert ATTRIBUTES.validate_python(found) == found
    json.dumps(found, allow_nan=False)
    assert all(not isinstance(value, float) or math.isfinite(value) for value in found.values())


@given(money(), money("KWD"))
def test_money_is_finite_and_to_the_minor_unit(cash: Any, dinars: Any) -> None:
    for amount in (cash, dinars):
        assert amount.amount.is_finite()
        exponent = amount.amount.as_tuple().exponent
        assert isinstance(exponent, int)
        assert -exponent <= minor_unit(amount.currency)
        assert abs(amount.amount) <= 10**9
    assert dinars.currency == "KWD"


# -- records ---------------------------------------------------------------------------------

SOME_IDS = st.lists(ids(), min_size=1, max_size=4, unique=True)


@given(SOME_IDS, SOME_IDS, SOME_IDS, st.data())
def test_stakeholder_records_refer_only_to_the_ids_given(
    community_ids: list[str], person_ids: list[str], organisation_ids: list[str], data: Any
) -> None:
    community = data.draw(communities(id="c-1"))
    assert community.id == "c-1"
    organisation = data.draw(organisations(communities=community_ids, parents=organisation_ids))
    assert organisation.id.startswith("o-")
    assert set(organisation.communities) <= set(community_ids)
    assert organisation.parent in {None, *organisation_ids}
    person = data.draw(people(communities=community_ids))
    assert set(person.communities) <= set(community_ids)
    membership = data.draw(memberships(people=person_ids, organisations=organisation_ids))
    assert membership.person in person_ids
    assert membership.organisation in organisation_ids
    if membership.start is not None and membership.end is not None:
        assert membership.start <= membership.end


@given(SOME_IDS, SOME_IDS, SOME_IDS, st.data())
def test_challenges_and_framings_refer_only_to_the_ids_given(
    challenge_ids: list[str], stakeholder_ids: list[str], session_ids: list[str], data: Any
) -> None:
    stages = ("listen", "design", "test")
    challenge = data.draw(
        challenges(stakeholders=stakeholder_ids, sessions=session_ids, stages=stages)
    )
    assert challenge.stage in stages
    moves = challenge.stage_history
    assert [move.on for move in moves] == sorted(move.on for move in moves)
    assert not moves or moves[-1].stage == challenge.stage
    for move in moves:
        assert move.stage in stages
        assert move.session in {None, *session_ids}
        assert set(move.agreed_by) <= set(stakeholder_ids)
    assert set(challenge.proposed_by) <= set(stakeholder_ids)
    earlier = [
        Framing(id="f-a", challenge="ch-elsewhere", author="o-x", statement="First"),
        Framing(id="f-b", challenge=challenge_ids[0], author="o-x", statement="Second"),
    ]
    framing = data.draw(
        framings(challenges=challenge_ids, stakeholders=stakeholder_ids, earlier=earlier)
    )
    assert framing.author in stakeholder_ids
    if framing.reframes is None:
        assert framing.challenge in challenge_ids
    else:
        reframed = next(f for f in earlier if f.id == framing.reframes)
        assert framing.challenge == reframed.challenge


PARENTS = [
    Session(id="s-both", name="Day", start=datetime(2023, 6, 22, 9, tzinfo=UTC),
            end=datetime(2023, 6, 22, 16, tzinfo=timezone(timedelta(hours=1)))),
    Session(id="s-start", name="Open", start=datetime(2024, 1, 1, tzinfo=UTC)),
    Session(id="s-end", name="Close", end=datetime(2024, 1, 1, tzinfo=UTC)),
    Session(id="s-none", name="Undated"),
]  # fmt: skip


@given(SOME_IDS, st.booleans(), st.data())
def test_sessions_lie_within_their_parents_times(
    venue_ids: list[str], top_level: bool, data: Any
) -> None:
    session = data.draw(
        sessions(parents=PARENTS, venues=venue_ids, stages=("a", "b"), top_level=top_level)
    )
    assert top_level or session.parent is not None
    for moment in (session.start, session.end):
        assert moment is None or moment.utcoffset() is not None
    if session.start is not None and session.end is not None:
        assert session.start <= session.end
    assert session.venue in {None, *venue_ids}
    assert session.stage in {None, "a", "b"}
    parent = next((p for p in PARENTS if p.id == session.parent), None)
    if parent is not None:
        if parent.start is not None and session.start is not None:
            assert parent.start <= session.start
        if parent.end is not None and session.end is not None:
            assert session.end <= parent.end


@given(SOME_IDS, SOME_IDS, st.data())
def test_participations_and_contributions_refer_only_to_the_ids_given(
    session_ids: list[str], stakeholder_ids: list[str], data: Any
) -> None:
    only_organisations = data.draw(
        participations(sessions=session_ids, organisations=stakeholder_ids)
    )
    assert only_organisations.person is None
    assert only_organisations.organisation in stakeholder_ids
    assert only_organisations.session in session_ids
    contribution = data.draw(
        contributions(sessions=session_ids, stakeholders=stakeholder_ids, earlier=["co-0"])
    )
    assert contribution.session in session_ids
    assert contribution.author in stakeholder_ids
    assert contribution.responds_to in {None, "co-0"}
    assert set(contribution.addressed_to) <= set(stakeholder_ids)


@given(st.lists(ids(), max_size=5, unique=True), st.data())
def test_agreements_are_consistent_and_share_exactly(stakeholder_ids: list[str], data: Any) -> None:
    agreement = data.draw(agreements(stakeholders=stakeholder_ids, currency="JPY"))
    assert agreement.problems() == []
    assert set(agreement.party_ids) <= set(stakeholder_ids)
    assert len(agreement.parties) <= 4
    assert all(total == 1 for total in agreement.share_totals().values())
    if agreement.status.binding:
        assert all(party.signed_on is not None for party in agreement.parties)
        assert set(agreement.share_totals()) == {reward.id for reward in agreement.rewards}
    for value in [cost.amount for cost in agreement.costs] + [r.amount for r in agreement.rewards]:
        assert value is None or value.currency == "JPY"


# -- argument checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: ids(prefix="-p"),
        lambda: ids(prefix="p" * 128),
        lambda: money("XXX"),
        lambda: agreements(currency="pounds"),
        lambda: communities(id="not an id"),
        lambda: memberships(people=[], organisations=["o"]),
        lambda: memberships(people="p-1", organisations=["o"]),
        lambda: participations(sessions=["s"]),
        lambda: participations(sessions=[], people=["p"]),
        lambda: framings(challenges=["ch"], stakeholders=[]),
        lambda: contributions(sessions=["s"], stakeholders=[]),
        lambda: challenges(stages=[]),
        lambda: sessions(stages=["Framing"]),
        lambda: sessions(top_level=False),
        lambda: hubs(stages=["a", "a"]),
        lambda: hubs(min_people=-1),
        lambda: hubs(max_sessions=True),
        lambda: hubs(min_people=3, max_people=2),
        lambda: hubs(min_memberships=1, max_organisations=0),
        lambda: hubs(min_framings=1, max_challenges=0),
        lambda: hubs(min_participations=1, max_sessions=0),
        lambda: hubs(min_contributions=1, max_people=0, max_organisations=0),
    ],
)
def test_invalid_arguments_are_refused_when_the_strategy_is_made(
    make: Callable[[], object],
) -> None:
    with pytest.raises(InvalidArgument):
        make()


# -- hubs ------------------------------------------------------------------------------------


def feasible(bounds: dict[str, Any]) -> bool:
    """Whether hubs() can honour these bounds (the rule its docstring states)."""

    def can(kind: str) -> bool:
        return int(bounds[f"max_{kind}"]) > 0

    stakeholders = can("people") or can("organisations")
    needs = {
        "memberships": can("people") and can("organisations"),
        "framings": can("challenges") and stakeholders,
        "participations": can("sessions") and stakeholders,
        "contributions": can("sessions") and stakeholders,
    }
    return all(ok or not bounds[f"min_{kind}"] for kind, ok in needs.items())


@st.composite
def size_bounds(draw: st.DrawFn) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for kind in KINDS:
        low = draw(st.integers(0, 2))
        bounds[f"min_{kind}"] = low
        bounds[f"max_{kind}"] = draw(st.integers(low, 3))
    return bounds


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(size_bounds(), st.data())
def test_hub_sizes_respect_the_bounds(bounds: dict[str, Any], data: Any) -> None:
    if not feasible(bounds):
        with pytest.raises(InvalidArgument):
            hubs(**bounds)
        return
    hub = data.draw(hubs(**bounds))
    for kind in KINDS:
        assert bounds[f"min_{kind}"] <= len(getattr(hub, kind)) <= bounds[f"max_{kind}"], kind


@given(hubs(stages=["listen", "co_design", "pilot"]))
def test_hub_values_are_what_the_strategies_promise(hub: Hub) -> None:
    assert hub.stages == ("listen", "co_design", "pilot")
    assert {challenge.stage for challenge in hub.challenges} <= set(hub.stages)
    everything = [record for kind in KINDS for record in getattr(hub, kind)]
    assert len({record.id for record in everything}) == len(everything)
    moments = [moment for s in hub.sessions for moment in (s.start, s.end)]
    moments += [framing.created for framing in hub.framings]
    moments += [contribution.created for contribution in hub.contributions]
    assert all(moment is None or moment.utcoffset() is not None for moment in moments)
    for agreement in hub.agreements:
        assert agreement.problems() == []
        for share in agreement.shares:
            assert isinstance(share.fraction, Decimal)
            assert share.fraction.is_finite()


def depth(hub: Hub) -> int:
    parent = {session.id: session.parent for session in hub.sessions}
    deepest = 0
    for session in parent:
        steps, here = 0, parent[session]
        while here is not None:
            steps, here = steps + 1, parent[here]
        deepest = max(deepest, steps)
    return deepest


def nested_within_times(hub: Hub) -> bool:
    """Whether a session with times lies inside a parent with times."""
    by_id = {session.id: session for session in hub.sessions}
    return any(
        None not in (session.start, session.end, parent.start, parent.end)
        for session in hub.sessions
        if (parent := by_id.get(session.parent or "")) is not None
    )


def only(**sizes: int) -> dict[str, Any]:
    """Size bounds with every kind not named left out (``max_`` of 0), for quick searches."""
    named = {key.split("_", 1)[1] for key in sizes}
    return {**{f"max_{kind}": 0 for kind in KINDS if kind not in named}, **sizes}


#: Shapes hubs() must be able to produce, and the sizes that make them quick to find.
SHAPES: dict[str, tuple[dict[str, Any], Callable[[Hub], bool]]] = {
    "sessions three deep": (only(min_sessions=3, max_sessions=5), lambda hub: depth(hub) >= 2),
    "a session with times inside a parent with times": (
        only(min_sessions=2),
        nested_within_times,
    ),
    "a signed agreement sharing a reward among several": (
        only(min_agreements=2, min_people=3),
        lambda hub: any(
            a.status.binding and len({s.party for s in a.shares}) > 1 for a in hub.agreements
        ),
    ),
    "a reframing": (
        only(min_framings=2, min_challenges=1, min_people=1),
        lambda hub: any(framing.reframes for framing in hub.framings),
    ),
    "a chain of responses": (
        only(min_contributions=3, min_sessions=1, min_people=1),
        lambda hub: any(
            c.responds_to in {d.id for d in hub.contributions if d.responds_to}
            for c in hub.contributions
        ),
    ),
    "an organisation taking part alone": (
        only(min_participations=2, min_sessions=1, min_people=1, min_organisations=1),
        lambda hub: any(pa.person is None for pa in hub.participations),
    ),
    "a person taking part for an organisation": (
        only(min_participations=2, min_sessions=1, min_people=1, min_organisations=1),
        lambda hub: any(pa.person and pa.organisation for pa in hub.participations),
    ),
    "a stage history of three moves": (
        only(min_challenges=2),
        lambda hub: any(len(c.stage_history) == 3 for c in hub.challenges),
    ),
    "an organisation within another": (
        only(min_organisations=2),
        lambda hub: any(o.parent for o in hub.organisations),
    ),
    "tags and attributes": (
        only(min_people=3),
        lambda hub: any(p.tags and p.attributes for p in hub.people),
    ),
    "several time zones": (
        only(min_sessions=4),
        lambda hub: len({s.start.utcoffset() for s in hub.sessions if s.start}) >= 3,
    ),
    "own stages": (only(), lambda hub: hub.stages != DEFAULT_STAGES),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hubs_reach_every_shape(shape: str) -> None:
    sizes, condition = SHAPES[shape]
    search = settings(max_examples=2000, phases=[Phase.generate], database=None, derandomize=True)
    assert condition(find(hubs(**sizes), condition, settings=search))
