"""Property tests of hub integrity: sound hubs pass; any one broken reference is named.

The hubs come from :func:`coinnovation.testing.strategies.hubs`. Each test that breaks a
hub works on ``hub.model_dump()`` data, changes one value, rebuilds with
``Hub.model_validate`` and expects a :class:`~coinnovation.HubIntegrityError` with a
problem naming the record and the field that was changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from coinnovation import HubIntegrityError
from coinnovation.models import (
    Agreement,
    Amendment,
    Challenge,
    Community,
    Contribution,
    Cost,
    FieldChange,
    Framing,
    Hub,
    Id,
    Membership,
    Organisation,
    Outcome,
    Participation,
    Party,
    Person,
    Reward,
    Session,
    Share,
    StageChange,
    StageName,
    hub_problems,
)
from coinnovation.testing.strategies import hubs, ids

# -- what a reference may point to ----------------------------------------------------------

COMMUNITY = frozenset({"community"})
ORGANISATION = frozenset({"organisation"})
PERSON = frozenset({"person"})
STAKEHOLDER = frozenset({"person", "organisation"})
CHALLENGE = frozenset({"challenge"})
FRAMING = frozenset({"framing"})
SESSION = frozenset({"session"})
CONTRIBUTION = frozenset({"contribution"})
AGREEMENT = frozenset({"agreement"})
#: Targets that are not hub records: one of the hub's stages, a party to the agreement,
#: a reward of the agreement.
STAGE = "stage"
PARTY = "party"
REWARD = "reward"

Target = frozenset[str] | str

#: Every field that refers to something, per model; a tuple field refers element-wise.
REFERENCES: dict[type[BaseModel], dict[str, Target]] = {
    Community: {},
    Organisation: {"parent": ORGANISATION, "communities": COMMUNITY},
    Person: {"communities": COMMUNITY},
    Membership: {"person": PERSON, "organisation": ORGANISATION},
    Challenge: {
        "stage": STAGE,
        "communities": COMMUNITY,
        "proposed_by": STAKEHOLDER,
        "derived_from": CHALLENGE,
    },
    StageChange: {"stage": STAGE, "session": SESSION, "agreed_by": STAKEHOLDER},
    Framing: {
        "challenge": CHALLENGE,
        "author": STAKEHOLDER,
        "session": SESSION,
        "reframes": FRAMING,
    },
    Session: {
        "parent": SESSION,
        "venue": ORGANISATION,
        "challenges": CHALLENGE,
        "stage": STAGE,
    },
    Participation: {"session": SESSION, "person": PERSON, "organisation": ORGANISATION},
    Contribution: {
        "session": SESSION,
        "author": STAKEHOLDER,
        "responds_to": CONTRIBUTION,
        "challenge": CHALLENGE,
        "addressed_to": STAKEHOLDER,
    },
    Agreement: {"challenge": CHALLENGE, "session": SESSION, "solutions": CONTRIBUTION},
    Amendment: {"by": STAKEHOLDER},
    FieldChange: {},
    Outcome: {
        "challenge": CHALLENGE,
        "agreement": AGREEMENT,
        "solution": CONTRIBUTION,
        "session": SESSION,
        "communities": COMMUNITY,
    },
    Party: {"stakeholder": STAKEHOLDER},
    Cost: {"party": PARTY},
    Reward: {},
    Share: {"party": PARTY, "reward": REWARD},
}
#: Records nested in records, which hold references of their own.
NESTED: dict[type[BaseModel], dict[str, type[BaseModel]]] = {
    Challenge: {"stage_history": StageChange},
    Agreement: {
        "parties": Party,
        "costs": Cost,
        "rewards": Reward,
        "shares": Share,
        "amendments": Amendment,
    },
    Amendment: {"changes": FieldChange},
}
#: The hub's collections in file order: (field, kind, model).
COLLECTIONS: list[tuple[str, str, type[BaseModel]]] = [
    ("communities", "community", Community),
    ("organisations", "organisation", Organisation),
    ("people", "person", Person),
    ("memberships", "membership", Membership),
    ("challenges", "challenge", Challenge),
    ("framings", "framing", Framing),
    ("sessions", "session", Session),
    ("participations", "participation", Participation),
    ("contributions", "contribution", Contribution),
    ("agreements", "agreement", Agreement),
    ("outcomes", "outcome", Outcome),
]


@dataclass(frozen=True)
class Reference:
    """One reference in hub data: where it is, what it names, and what it may name."""

    kind: str
    record: str
    field: str
    path: tuple[str | int, ...]
    target: Target
    #: The agreement the reference sits in (for party and reward targets).
    agreement: dict[str, Any] | None = None


def thawed(value: Any) -> Any:
    """Model-dump data with tuples turned into lists, so that it can be changed in place."""
    if isinstance(value, dict):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [thawed(item) for item in value]
    return value


def references(data: dict[str, Any]) -> Iterator[Reference]:
    """Every reference in hub data (empty optional references left out)."""

    def walk(
        model: type[BaseModel],
        record: dict[str, Any],
        top: tuple[str, str, dict[str, Any]],
        prefix: str,
        path: tuple[str | int, ...],
    ) -> Iterator[Reference]:
        kind, record_id, whole = top
        agreement = whole if kind == "agreement" else None
        for name, target in REFERENCES[model].items():
            value = record[name]
            if isinstance(value, list):
                for index, _ in enumerate(value):
                    field = f"{prefix}{name}[{index}]"
                    yield Reference(kind, record_id, field, (*path, name, index), target, agreement)
            elif value is not None:
                yield Reference(kind, record_id, prefix + name, (*path, name), target, agreement)
        for name, inner in NESTED.get(model, {}).items():
            for index, item in enumerate(record[name]):
                yield from walk(inner, item, top, f"{prefix}{name}[{index}].", (*path, name, index))

    for collection, kind, model in COLLECTIONS:
        for index, record in enumerate(data[collection]):
            yield from walk(model, record, (kind, record["id"], record), "", (collection, index))


def put(data: dict[str, Any], path: tuple[str | int, ...], value: str) -> None:
    here: Any = data
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = value


def kinds_of(hub: Hub) -> dict[str, str]:
    """Every record id of the hub and its kind."""
    return {
        record.id: kind
        for collection, kind, _ in COLLECTIONS
        for record in getattr(hub, collection)
    }


def named(error: HubIntegrityError, kind: str, record: str, field: str) -> bool:
    return any(
        (problem.kind, problem.record, problem.field) == (kind, record, field)
        for problem in error.problems
    )


# -- sound hubs ----------------------------------------------------------------------------


@given(hubs())
def test_generated_hubs_are_sound_and_rebuild_from_their_data(hub: Hub) -> None:
    assert hub_problems(hub) == []
    assert Hub.model_validate(hub.model_dump()) == hub


# -- one broken reference ------------------------------------------------------------------

INDEX = re.compile(r"\[\d+\]")
STAGE_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)


def wrong_ids(kinds: dict[str, str], reference: Reference) -> list[str]:
    """Ids of records in the hub that the reference must not name."""
    target = reference.target
    if target in (PARTY, REWARD):
        assert reference.agreement is not None
        if target == PARTY:
            taken = {party["stakeholder"] for party in reference.agreement["parties"]}
        else:
            taken = {reward["id"] for reward in reference.agreement["rewards"]}
        return sorted(set(kinds) - taken)
    assert isinstance(target, frozenset)
    return sorted(record for record, kind in kinds.items() if kind not in target)


def bad_values(hub: Hub, reference: Reference) -> st.SearchStrategy[str]:
    """Values the reference must not take: unknown ids, or ids of the wrong kind of record."""
    if reference.target == STAGE:
        return STAGE_NAMES.filter(lambda name: name not in hub.stages)
    kinds = kinds_of(hub)
    taken: set[str] = set()
    if reference.target == PARTY:
        assert reference.agreement is not None
        taken = {party["stakeholder"] for party in reference.agreement["parties"]}
    elif reference.target == REWARD:
        assert reference.agreement is not None
        taken = {reward["id"] for reward in reference.agreement["rewards"]}
    others = wrong_ids(kinds, reference)
    unknown = ids().filter(lambda value: value not in taken and value not in kinds)
    return unknown | st.sampled_from(others) if others else unknown


def template(reference: Reference) -> str:
    """The kind of reference: ``"agreement shares[].party"`` for ``shares[2].party``."""
    return f"{reference.kind} {INDEX.sub('[]', reference.field)}"


def assert_caught(data: dict[str, Any], reference: Reference, value: str) -> None:
    with pytest.raises(HubIntegrityError) as caught:
        Hub.model_validate(data)
    assert named(caught.value, reference.kind, reference.record, reference.field), (
        f"no problem names {reference.kind} {reference.record!r}, field {reference.field!r} "
        f"(set to {value!r}); found: {[str(problem) for problem in caught.value.problems]}"
    )


@given(hubs(min_participations=1), st.data())
def test_breaking_any_one_reference_is_caught_and_named(hub: Hub, data: st.DataObject) -> None:
    hub_data = thawed(hub.model_dump())
    found = list(references(hub_data))
    # Pick a kind of reference first, so that rare kinds are picked as often as common ones.
    kind = data.draw(st.sampled_from(sorted({template(reference) for reference in found})))
    reference = data.draw(
        st.sampled_from([reference for reference in found if template(reference) == kind])
    )
    value = data.draw(bad_values(hub, reference))
    put(hub_data, reference.path, value)
    assert_caught(hub_data, reference, value)


@given(hubs(), st.data())
def test_breaking_each_reference_in_turn_is_caught_and_named(hub: Hub, data: st.DataObject) -> None:
    hub_data = thawed(hub.model_dump())
    kinds = kinds_of(hub)
    unknown = next(f"unknown-{n}" for n in range(len(kinds) + 1) if f"unknown-{n}" not in kinds)
    for reference in references(hub_data):
        # An unknown id, or (by a drawn choice) the id of a record of a kind it cannot name.
        if reference.target == STAGE:
            value = next(f"stage_{n}" for n in range(99) if f"stage_{n}" not in hub.stages)
        else:
            value = data.draw(st.sampled_from([unknown, *wrong_ids(kinds, reference)]))
        here: Any = hub_data
        for step in reference.path[:-1]:
            here = here[step]
        original, here[reference.path[-1]] = here[reference.path[-1]], value
        assert_caught(hub_data, reference, value)
        here[reference.path[-1]] = original


def constraint_patterns(annotation: Any, metadata: list[Any]) -> Iterator[str]:
    """The string patterns in a field's metadata and anywhere inside its annotation."""
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            yield pattern
    for inner in get_args(annotation):
        yield from constraint_patterns(inner, [inner])


def test_the_reference_table_covers_every_id_field_of_every_model() -> None:
    # A field refers to something when its type is built on the Id or StageName types.
    referring = {get_args(alias)[1].pattern for alias in (Id, StageName)}
    for model, known in REFERENCES.items():
        fields = {
            name
            for name, info in model.model_fields.items()
            if referring & set(constraint_patterns(info.annotation, info.metadata))
        }
        assert fields - {"id"} == set(known), model.__name__
    nested = {inner for inners in NESTED.values() for inner in inners.values()}
    assert nested <= set(REFERENCES)
    hub_records = {model for _, _, model in COLLECTIONS}
    assert hub_records == set(Hub.record_types), "a new kind of record needs its references"


# -- duplicate ids ---------------------------------------------------------------------------


@st.composite
def duplicated_ids(draw: st.DrawFn) -> tuple[dict[str, Any], str, str]:
    """Hub data in which one record takes another's id; the later record's kind and id."""
    hub = draw(hubs(min_people=1, min_organisations=1))
    data = thawed(hub.model_dump())
    places = [
        (collection, kind, index)
        for collection, kind, _ in COLLECTIONS
        for index in range(len(data[collection]))
    ]
    first, second = sorted(
        draw(st.lists(st.sampled_from(places), min_size=2, max_size=2, unique=True)),
        key=places.index,
    )
    source, copy = (first, second) if draw(st.booleans()) else (second, first)
    shared = data[source[0]][source[2]]["id"]
    data[copy[0]][copy[2]]["id"] = shared
    return data, second[1], shared


@given(duplicated_ids())
def test_a_duplicate_id_is_caught_and_named(duplicated: tuple[dict[str, Any], str, str]) -> None:
    data, later_kind, shared = duplicated
    with pytest.raises(HubIntegrityError) as caught:
        Hub.model_validate(data)
    assert named(caught.value, later_kind, shared, "id"), [
        str(problem) for problem in caught.value.problems
    ]
