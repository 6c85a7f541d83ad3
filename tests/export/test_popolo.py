"""Popolo JSON: the export validates against the official schemas and round-trips."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft3Validator
from referencing import Registry
from referencing.jsonschema import DRAFT3

from coinnovation import Consent, Hub, load
from coinnovation.errors import FileFormatError, PrivacyError
from coinnovation.export.popolo import popolo_data, write_popolo
from coinnovation.io.popolo import POPOLO_COLLECTIONS, popolo_hub, popolo_schemas, read_popolo
from coinnovation.models import Membership, Organisation, Participation, Person, Session
from coinnovation.privacy import Privacy
from coinnovation.testing.strategies import hubs
from tests.conftest import EXAMPLE

SECRET = "the secret of the Popolo tests, 16+"
SCHEMAS = "http://www.popoloproject.com/schemas/"
CLASS_OF = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "events": "event",
}


def _validators() -> dict[str, Draft3Validator]:
    schemas = popolo_schemas()
    registry: Registry[Any] = Registry().with_resources(
        (uri.rstrip("#"), DRAFT3.create_resource(schema)) for uri, schema in schemas.items()
    )
    return {
        collection: Draft3Validator(schemas[f"{SCHEMAS}{name}.json#"], registry=registry)
        for collection, name in CLASS_OF.items()
    }


VALIDATORS = _validators()


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way the document breaks the Popolo schemas (empty: it validates)."""
    found = []
    for collection in POPOLO_COLLECTIONS:
        for index, item in enumerate(data[collection]):
            for error in VALIDATORS[collection].iter_errors(item):
                found.append(f"{collection}[{index}]: {error.message}")
    return found


def test_the_shipped_schemas_are_the_sixteen_of_the_spec_with_their_readme() -> None:
    schemas = popolo_schemas()
    assert len(schemas) == 16
    assert all(
        schema["$schema"] == "http://json-schema.org/draft-03/schema#"
        for schema in schemas.values()
    )
    readme = Path(__file__).parents[2] / "src/coinnovation/io/schemas/popolo/README.md"
    text = readme.read_text(encoding="utf-8")
    assert "f4b5fb78c035e0eddb11c868e1cfe5945ae09caf" in text
    assert "CC BY 4.0" in text


def test_the_check_can_fail() -> None:
    """The validator sees a broken object: a date that Popolo's pattern refuses."""
    bad = {name: [] for name in POPOLO_COLLECTIONS}
    bad["events"] = [{"id": "s-1", "start_date": "2023-06-22T09:00:00.5+01:00"}]
    bad["persons"] = [{"id": "p-1", "name": 3}]
    assert len(schema_errors(bad)) == 2


# -- the example hub --------------------------------------------------------------------------


def test_the_example_hub_validates_and_counts_are_exact() -> None:
    hub = load(EXAMPLE)
    data = popolo_data(hub, privacy=Privacy(hub, SECRET))
    assert schema_errors(data) == []
    # 90 people (all pseudonymous), 21 organisations, 102 memberships, 16 sessions; the
    # 441 participations are 441 distinct (session, person) pairs.
    assert [len(data[name]) for name in POPOLO_COLLECTIONS] == [90, 21, 102, 16]
    assert sum(len(event.get("attendees", [])) for event in data["events"]) == 441
    event = next(event for event in data["events"] if event["id"] == "s-event")
    assert event["start_date"] == "2023-06-22T09:30:00+01:00"
    assert event["end_date"] == "2023-06-22T16:00:00+01:00"
    assert event["organization_id"] == "o-walsall-college"
    bbs = next(org for org in data["organizations"] if org["id"] == "o-bbs")
    assert bbs["classification"] == "university"
    assert bbs["+sector"] == "academia"


def test_the_example_reads_back_with_the_same_shape(tmp_path: Path) -> None:
    hub = load(EXAMPLE)
    path = write_popolo(hub, tmp_path / "walsall.popolo.json", privacy=Privacy(hub, SECRET))
    back = read_popolo(path)
    assert (len(back.people), len(back.organisations), len(back.memberships)) == (90, 21, 102)
    assert (len(back.sessions), len(back.participations)) == (16, 441)
    for organisation in hub.organisations:
        again = back.organisation(organisation.id)
        assert (again.name, again.kind, again.sector, again.parent, again.place) == (
            organisation.name,
            organisation.kind,
            organisation.sector,
            organisation.parent,
            organisation.place,
        )
    assert all(person.consent is Consent.PSEUDONYMOUS for person in back.people)


# -- privacy ----------------------------------------------------------------------------------


def _three() -> Hub:
    return Hub(
        people=(
            Person(id="p-ana-silva", name="Ana Silva", consent="named"),
            Person(id="p-ben-okafor", name="Ben Okafor"),
            Person(id="p-cy-ward", name="Cy Ward", consent="excluded"),
        ),
        organisations=(Organisation(id="o-1", name="whg", sector="community"),),
        memberships=tuple(
            Membership(id=f"m-{who}", person=who, organisation="o-1")
            for who in ("p-ana-silva", "p-ben-okafor", "p-cy-ward")
        ),
        sessions=(Session(id="s-1", name="Table hosted by Ben Okafor"),),
        participations=tuple(
            Participation(id=f"pa-{who}", session="s-1", person=who)
            for who in ("p-ana-silva", "p-ben-okafor", "p-cy-ward")
        ),
    )


def test_no_name_without_consent_and_excluded_people_absent() -> None:
    hub = _three()
    policy = Privacy(hub, SECRET)
    data = popolo_data(hub, privacy=policy)
    text = json.dumps(data)
    for leak in ("p-ben-okafor", "Ben Okafor", "p-cy-ward", "Cy Ward", "m-p-ben"):
        assert leak not in text
    ben = policy.pseudonym_of("p-ben-okafor")
    assert sorted(p["id"] for p in data["persons"]) == sorted(["p-ana-silva", ben])
    assert {m["person_id"] for m in data["memberships"]} == {"p-ana-silva", ben}
    assert data["events"][0]["name"] == f"Table hosted by {ben}"
    assert sorted(a["id"] for a in data["events"][0]["attendees"]) == sorted(["p-ana-silva", ben])
    assert schema_errors(data) == []


def test_without_a_policy_pseudonyms_are_refused() -> None:
    with pytest.raises(PrivacyError, match="the Popolo export"):
        popolo_data(_three())


# -- round trip -------------------------------------------------------------------------------


def _named(hub: Hub) -> Hub:
    if not hub.people:
        return hub
    return hub.replace(*(p.model_copy(update={"consent": Consent.NAMED}) for p in hub.people))


def _second(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(microsecond=0)


def _kept(hub: Hub) -> dict[str, Any]:
    """What Popolo holds of a hub, record by record (times to the second)."""
    return {
        "people": {p.id: (p.name, p.roles, p.sector, p.consent) for p in hub.people},
        "organisations": {
            o.id: (o.name, o.kind, o.sector, o.parent, o.place, o.description)
            for o in hub.organisations
        },
        "memberships": {
            m.id: (m.person, m.organisation, m.role, m.title, m.primary, m.start, m.end)
            for m in hub.memberships
        },
        "sessions": {
            s.id: (
                s.name,
                s.kind,
                s.parent,
                _second(s.start),
                _second(s.end),
                s.place,
                s.venue,
                s.description,
            )
            for s in hub.sessions
        },
        "attendance": {(pa.session, pa.person) for pa in hub.participations if pa.person},
    }


@settings(max_examples=60, deadline=None)
@given(hubs(max_agreements=0, max_contributions=0, max_framings=0).map(_named))
def test_import_of_the_export_keeps_what_popolo_holds(hub: Hub) -> None:
    data = popolo_data(hub)
    assert schema_errors(data) == []
    back = popolo_hub(json.loads(json.dumps(data)))
    assert _kept(back) == _kept(hub)


@settings(max_examples=30, deadline=None)
@given(hubs(max_agreements=0, max_contributions=0, max_framings=0), st.data())
def test_every_export_validates_whatever_the_consent(hub: Hub, data: st.DataObject) -> None:
    consents = data.draw(
        st.lists(st.sampled_from(Consent), min_size=len(hub.people), max_size=len(hub.people))
    )
    hub = (
        hub.replace(
            *(
                p.model_copy(update={"consent": c})
                for p, c in zip(hub.people, consents, strict=True)
            )
        )
        if hub.people
        else hub
    )
    policy = Privacy(hub, SECRET)
    document = popolo_data(hub, privacy=policy)
    assert schema_errors(document) == []
    shown = {p["id"] for p in document["persons"]}
    assert shown == {policy.label(p.id) for p in hub.people if p.consent is not Consent.EXCLUDED}
    popolo_hub(json.loads(json.dumps(document)))  # and it reads back


# -- reading other files ----------------------------------------------------------------------


def test_a_foreign_file_reads_with_defaults() -> None:
    hub = popolo_hub(
        {
            "persons": [{"id": "andrew-scheer", "name": "Andrew Scheer", "gender": "male"}],
            "organizations": [
                {"id": "parliament", "name": "House", "classification": "legislature"}
            ],
            "memberships": [
                {
                    "person_id": "andrew-scheer",
                    "organization_id": "parliament",
                    "role": "Speaker",
                    "start_date": "2011-06",
                    "end_date": "2015",
                }
            ],
            "events": [
                {
                    "id": "session-1",
                    "name": "1st Session",
                    "start_date": "2011-06-02",
                    "classification": "legislative session",
                    "attendees": [{"id": "andrew-scheer"}, {"id": "mp-2", "name": "Mo Ali"}],
                }
            ],
            "areas": [{"id": "ignored"}],
        },
        timezone=timezone(timedelta(hours=-4)),
    )
    person = hub.person("andrew-scheer")
    assert person.consent is Consent.PSEUDONYMOUS
    organisation = hub.organisation("parliament")
    assert organisation.kind.value == "other"
    assert organisation.attributes == {"popolo_classification": "legislature"}
    assert organisation.sector.value == "other"
    membership = hub.memberships[0]
    assert (membership.id, membership.role, membership.title) == ("m-popolo-1", None, "Speaker")
    assert (membership.start, membership.end) == (date(2011, 6, 1), date(2015, 12, 31))
    session = hub.session("session-1")
    assert session.start == datetime(2011, 6, 2, 4, tzinfo=UTC)
    assert session.kind.value == "meeting"
    assert hub.person("mp-2").name == "Mo Ali"
    assert sorted(pa.id for pa in hub.participations) == [
        "pa-session-1-andrew-scheer",
        "pa-session-1-mp-2",
    ]


def test_bad_objects_are_all_named_with_file_object_and_property(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "persons": [{"id": "p-1", "name": "Ana"}, {"id": "p-2"}],
                "memberships": [{"id": "m-1", "person_id": "p-1", "organization_id": "o-x"}],
                "events": [{"id": "s-1", "name": "Day", "start_date": "22 June"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(FileFormatError) as caught:
        read_popolo(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 2 problems:")
    assert "persons[1] 'p-2', field 'name': a person needs a name" in message
    assert (
        "events[0] 's-1', field 'start_date': not a date or a date and time: '22 June'" in message
    )


def test_records_that_do_not_fit_together_are_named() -> None:
    with pytest.raises(FileFormatError, match="unknown organisation 'o-x'"):
        popolo_hub(
            {
                "persons": [{"id": "p-1", "name": "Ana"}],
                "memberships": [{"id": "m-1", "person_id": "p-1", "organization_id": "o-x"}],
            },
            source="x.json",
        )


def test_not_a_popolo_document() -> None:
    with pytest.raises(FileFormatError, match="a JSON object with arrays"):
        popolo_hub([1, 2])
    with pytest.raises(FileFormatError, match=r"persons.*must be an array of objects"):
        popolo_hub({"persons": {"id": "p-1"}})


def test_into_a_hub_keeps_what_it_holds() -> None:
    hub = Hub(people=(Person(id="p-1", name="Ana", consent="named"),))
    back = popolo_hub(
        {"persons": [{"id": "p-1", "name": "Someone else"}, {"id": "p-2", "name": "Ben"}]}, into=hub
    )
    assert [(p.id, p.name) for p in back.people] == [("p-1", "Ana"), ("p-2", "Ben")]
