"""Reading registers with known results: records matched, created and reported."""

from __future__ import annotations

import csv
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.io.registers import read_register
from coinnovation.io.registers.resolve import _Resolver
from coinnovation.models import (
    Consent,
    Hub,
    Membership,
    Organisation,
    ParticipationLevel,
    ParticipationRole,
    Person,
    PersonRole,
    Sector,
    Session,
    SessionKind,
)
from tests.io.registers.helpers import (
    DAVIS_SIGN_IN,
    DAVIS_SOURCE,
    write,
)

# -- a register with known results ----------------------------------------------------------


def test_register_becomes_the_expected_records(workshop: Path) -> None:
    result = read_register(workshop)
    hub = result.hub
    assert result.added == {
        "person": ("p-ana-silva", "p-ben-okafor", "p-cy-ward"),
        "organisation": ("o-walsall-housing-group", "o-acme-health"),
        "membership": ("m-ana-silva-walsall-housing-group", "m-ben-okafor-acme-health"),
        "session": ("s-2023-06-22-workshop-1", "s-2023-06-29-workshop-2"),
        "participation": (
            "pa-2023-06-22-workshop-1-ana-silva",
            "pa-2023-06-22-workshop-1-ben-okafor",
            "pa-2023-06-22-workshop-1-cy-ward",
            "pa-2023-06-29-workshop-2-ana-silva",
        ),
    }
    assert all(not ids for ids in result.reused.values())
    assert (result.rows, result.imported, result.skipped, result.near_duplicates) == (4, 4, (), ())

    ana = hub.person("p-ana-silva")
    assert ana.name == "Dr Ana Silva"  # the first spelling is kept; the title only matches
    assert ana.attributes == {"email": "ana@whg.example"}
    assert ana.consent is Consent.NAMED
    assert ana.sector is None  # the sector column describes her organisation
    ben = hub.person("p-ben-okafor")
    assert ben.roles == (PersonRole.INNOVATOR,)
    assert ben.consent is Consent.PSEUDONYMOUS
    cy = hub.person("p-cy-ward")
    assert (cy.sector, cy.consent) == (Sector.COMMUNITY, Consent.EXCLUDED)
    assert hub.organisation("o-walsall-housing-group").sector is Sector.COMMUNITY
    assert hub.organisation("o-acme-health").sector is Sector.INDUSTRY
    assert [o.id for o in hub.organisations_of("p-ana-silva")] == ["o-walsall-housing-group"]

    day = hub.session("s-2023-06-22-workshop-1")
    assert day.kind is SessionKind.MEETING
    assert day.start is not None
    assert day.end is not None
    assert day.start.isoformat() == "2023-06-22T10:00:00+01:00"
    assert day.end.isoformat() == "2023-06-22T12:30:00+01:00"
    later = hub.session("s-2023-06-29-workshop-2")
    assert later.start is not None
    assert later.start.isoformat() == "2023-06-29T00:00:00+01:00"
    assert later.end is None

    by_id = {p.id: p for p in hub.participations}
    first = by_id["pa-2023-06-22-workshop-1-ana-silva"]
    assert (first.role, first.level, first.hours, first.organisation) == (
        ParticipationRole.FACILITATOR,
        ParticipationLevel.COLLABORATE,
        Decimal("2"),
        "o-walsall-housing-group",
    )
    second = by_id["pa-2023-06-22-workshop-1-ben-okafor"]
    assert (second.role, second.level, second.hours) == (
        ParticipationRole.PRESENTER,
        None,
        Decimal("1.5"),
    )
    third = by_id["pa-2023-06-22-workshop-1-cy-ward"]
    assert (third.role, third.organisation) == (ParticipationRole.PARTICIPANT, None)
    assert hub.attendees("s-2023-06-22-workshop-1") == ("p-ana-silva", "p-ben-okafor", "p-cy-ward")


def test_reading_is_pure_and_reimporting_reuses_everything(workshop: Path) -> None:
    start = Hub(name="Walsall")
    first = read_register(workshop, into=start)
    assert start == Hub(name="Walsall")
    again = read_register(workshop, into=first.hub)
    assert again.hub == first.hub
    assert all(not ids for ids in again.added.values())
    assert {kind: len(ids) for kind, ids in again.reused.items()} == {
        "person": 3,
        "organisation": 2,
        "membership": 2,
        "session": 2,
        "participation": 4,
    }


def test_existing_records_are_matched_by_name_and_kept_unchanged(tmp_path: Path) -> None:
    hub = Hub(
        organisations=(Organisation(id="whg", name="Walsall Housing Group", sector="community"),),
        people=(Person(id="ana", name="Ana Silva", consent="named"),),
        memberships=(Membership(id="m-ana", person="ana", organisation="whg"),),
        sessions=(
            Session(id="w1", name="Workshop 1", start=datetime.fromisoformat("2023-06-22T09:00Z")),
        ),
    )
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Organisation", "Session", "Date", "Consent", "Sector"],
            ["ANA SILVA", "walsall housing group", "workshop  1", "22/06/2023", "no", "industry"],
        ],
    )
    result = read_register(path, into=hub)
    assert result.added["participation"] == ("pa-w1-ana",)
    assert {kind: ids for kind, ids in result.reused.items() if ids} == {
        "person": ("ana",),
        "organisation": ("whg",),
        "membership": ("m-ana",),
        "session": ("w1",),
    }
    assert result.hub.person("ana") == hub.person("ana")
    assert result.hub.organisation("whg").sector is Sector.COMMUNITY
    messages = [w.message for w in result.warnings]
    assert any("consent named, not pseudonymous" in m for m in messages)
    assert any("sector community, not industry" in m for m in messages)


def test_davis_register_imports_to_its_published_shape() -> None:
    result = read_register(DAVIS_SIGN_IN)
    hub = result.hub
    assert (len(hub.people), len(hub.sessions), len(hub.participations)) == (18, 14, 89)
    assert (result.rows, result.skipped, result.near_duplicates, result.warnings) == (
        89,
        (),
        (),
        (),
    )

    # Independently: the attendances of networkx's copy of the data ...
    graph = nx.davis_southern_women_graph()
    expected = {(woman, event) for woman, event in graph.edges() if woman in graph.graph["top"]}
    expected |= {(b, a) for a, b in graph.edges() if b in graph.graph["top"]}
    found = {
        (hub.person(p.person or "").name, hub.session(p.session).name) for p in hub.participations
    }
    assert found == expected
    # ... and the dates of the repository's copy (month/day; the sign-in sheet adds 1935).
    with DAVIS_SOURCE.open(newline="", encoding="utf-8") as stream:
        source = list(csv.DictReader(stream))
    dates = {row["event"]: row["event_date_month_day"] for row in source}
    for session in hub.sessions:
        assert session.start is not None
        assert f"{session.start.month}/{session.start.day}" == dates[session.name]
        assert session.start.year == 1935
        assert session.start.time() == time(0)


# -- new ids: the first free number of a base, found without walking the taken ones ---------


def first_free(used: set[str], base: str) -> str:
    """The id _fresh gives, by its definition: base, base-2, base-3 … the first not taken."""
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@given(
    st.sets(st.sampled_from(["p-zoe", "p-zoe-2", "p-zoe-4", "p-ana-7", "p-ana-3"])),
    st.lists(st.tuples(st.sampled_from(["zoe", "ana", "cy"]), st.booleans()), max_size=25),
)
def test_new_ids_are_the_first_free_number_of_their_base(
    reserved: set[str], steps: list[tuple[str, bool]]
) -> None:
    resolver = _Resolver(
        Hub(),
        "r.csv",
        [],
        {},
        ZoneInfo("Europe/London"),
        SessionKind.MEETING,
        Sector.OTHER,
        set(reserved),
    )
    used = set(reserved)
    for slug, taken in steps:
        expected = first_free(used, f"p-{slug}")
        assert resolver._fresh("p-", slug) == expected
        if taken:  # a planned row commits its records; a row with a problem takes nothing
            resolver.used.add(expected)
            used.add(expected)


def test_many_names_with_one_slug_get_numbered_ids(tmp_path: Path) -> None:
    names = ["Zoe", "Zoë", "Zoé", "Zöe", "Źoe", "Żoe", "Zoè", "Zòe"]
    rows = [["Person ID", "Name", "Session", "Date"], ["p-zoe-3", "Other", "S", "2023-01-01"]]
    rows += [["", name, "S", "2023-01-01"] for name in names]
    result = read_register(write(tmp_path / "r.csv", rows))
    assert result.added["person"] == (
        "p-zoe-3",
        "p-zoe",
        "p-zoe-2",
        "p-zoe-4",
        "p-zoe-5",
        "p-zoe-6",
        "p-zoe-7",
        "p-zoe-8",
        "p-zoe-9",
    )
