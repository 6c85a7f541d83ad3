"""The bundled example hub, its generator, and the quick-start script."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import coinnovation as co

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "walsall-2023"
GENERATOR = EXAMPLE_DIR / "generate.py"
EXAMPLE = EXAMPLE_DIR / "hub.json"
QUICKSTART = ROOT / "examples" / "quickstart.py"


def _run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def hub() -> co.Hub:
    return co.load(EXAMPLE)


# -- the generator ---------------------------------------------------------------------------


def test_generator_is_deterministic_and_matches_the_committed_file(tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for target in (first, second):
        # Run from an unrelated folder: the script must not depend on the working directory.
        result = _run(GENERATOR, str(target), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == EXAMPLE.read_bytes(), (
        "examples/walsall-2023/hub.json is out of date: run `make example` and commit it"
    )


def test_generator_writes_beside_itself_by_default(tmp_path: Path) -> None:
    copy = tmp_path / "example" / "generate.py"
    copy.parent.mkdir()
    copy.write_bytes(GENERATOR.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _run(copy, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (copy.parent / "hub.json").read_bytes() == EXAMPLE.read_bytes()
    assert not any(elsewhere.iterdir())


def test_another_seed_gives_another_valid_hub(tmp_path: Path) -> None:
    target = tmp_path / "other.json"
    result = _run(GENERATOR, str(target), "--seed", "7", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    other = co.load(target)
    assert other.model_dump() != co.load(EXAMPLE).model_dump()
    assert len(other.people) == len(co.load(EXAMPLE).people)


# -- the example -------------------------------------------------------------------------------


def test_example_loads_and_passes_integrity(hub: co.Hub) -> None:
    assert hub.name == "Community Digital Health Co-Innovation Event, Walsall 2023"
    assert co.hub_problems(hub) == []
    assert co.loads(co.dumps(hub)) == hub


def test_the_event(hub: co.Hub) -> None:
    (event,) = hub.root_sessions()
    assert event.kind is co.SessionKind.EVENT
    assert event.start is not None
    assert event.end is not None
    assert event.start.date().isoformat() == "2023-06-22"
    assert (event.start.hour, event.start.minute, event.end.hour) == (9, 30, 16)
    assert event.start.utcoffset() is not None
    assert event.start.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert event.venue is not None
    assert hub.organisation(event.venue).name == "Walsall College"


def test_about_ninety_pseudonymous_people_all_at_the_event(hub: co.Hub) -> None:
    assert 85 <= len(hub.people) <= 95
    at_event = {p.person for p in hub.participations_in("s-event")}
    assert at_event == {person.id for person in hub.people}
    assert set(hub.attendees("s-event")) == at_event
    for person in hub.people:
        assert person.attributes.get("pseudonym") is True
        memberships = [m for m in hub.memberships if m.person == person.id]
        assert memberships
        assert all(m.start is not None for m in memberships)
    assert len({person.name for person in hub.people}) == len(hub.people)


def test_convenors_firms_and_sectors(hub: co.Hub) -> None:
    attendees = set(hub.attendees("s-event"))
    convenors = [o for o in hub.organisations if "convenor" in o.tags]
    assert {o.name for o in convenors} == {
        "Birmingham Business School",
        "whg",
        "NHS Arden & GEM",
    }
    for convenor in convenors:
        assert {p.id for p in hub.members(convenor.id)} & attendees
    firms = [o for o in hub.organisations if o.kind is co.OrganisationKind.FIRM]
    assert len(firms) == 6
    assert all(o.sector is co.Sector.INDUSTRY for o in firms)
    sectors = Counter(o.sector for o in hub.organisations)
    assert set(sectors) == {
        co.Sector.COMMUNITY,
        co.Sector.INDUSTRY,
        co.Sector.ACADEMIA,
        co.Sector.GOVERNMENT,
        co.Sector.HEALTH_SERVICE,
    }
    assert sum(o.kind is co.OrganisationKind.NHS_TRUST for o in hub.organisations) >= 2
    assert hub.organisation("o-walsall-council").kind is co.OrganisationKind.LOCAL_AUTHORITY


def test_clinicians_cover_diabetes_mental_health_and_maternity(hub: co.Hub) -> None:
    specialties = {
        p.attributes.get("specialty") for p in hub.people if co.PersonRole.CLINICIAN in p.roles
    }
    assert {"diabetes", "mental health", "maternity"} <= specialties


def test_communities_are_linked_and_illustrative(hub: co.Hub) -> None:
    assert hub.communities
    for community in hub.communities:
        assert community.attributes.get("illustrative") is True
        assert community.imd_decile is None or 1 <= community.imd_decile <= 10
    linked = {c for o in hub.organisations for c in o.communities}
    linked |= {c for p in hub.people for c in p.communities}
    assert linked == {c.id for c in hub.communities}


def test_peer_researchers_and_champions(hub: co.Hub) -> None:
    peers = [p for p in hub.people if co.PersonRole.PEER_RESEARCHER in p.roles]
    assert len(peers) >= 6
    assert all(hub.sector_of(p.id) is co.Sector.COMMUNITY for p in peers)
    champions = [p for p in hub.members("o-whg") if co.PersonRole.COMMUNITY_CHAMPION in p.roles]
    assert champions
    peer_ids = {p.id for p in peers}
    presentations = {c.id for c in hub.contributions if c.kind is co.ContributionKind.PRESENTATION}
    feedback = [
        c
        for c in hub.contributions
        if c.kind is co.ContributionKind.FEEDBACK and c.author in peer_ids
    ]
    assert feedback
    assert all(c.responds_to in presentations for c in feedback)


def test_session_tree(hub: co.Hub) -> None:
    children = [s for s in hub.sessions if s.parent == "s-event"]
    kinds = Counter(s.kind for s in children)
    assert kinds[co.SessionKind.PRESENTATION] == 1
    assert kinds[co.SessionKind.WORKSHOP] == 3
    for workshop in (s for s in children if s.kind is co.SessionKind.WORKSHOP):
        tables = hub.subsessions(workshop.id)
        assert 3 <= len(tables) <= 4
        assert all(t.kind is co.SessionKind.TABLE for t in tables)
    by_id = {s.id: s for s in hub.sessions}
    for session in hub.sessions:
        if session.parent is not None:
            parent = by_id[session.parent]
            assert session.start is not None
            assert session.end is not None
            assert parent.start is not None
            assert parent.end is not None
            assert parent.start <= session.start <= session.end <= parent.end


def test_opening_audience_is_informed(hub: co.Hub) -> None:
    levels = Counter(
        p.level
        for p in hub.participations_in("s-opening")
        if p.role is co.ParticipationRole.PARTICIPANT
    )
    assert set(levels) == {co.ParticipationLevel.INFORM}


def test_every_table_has_a_challenge_a_presenter_and_framings(hub: co.Hub) -> None:
    tables = [s for s in hub.sessions if s.kind is co.SessionKind.TABLE]
    assert len(tables) >= 9
    reframed = 0
    for table in tables:
        assert len(table.challenges) == 1
        challenge = hub.challenge(table.challenges[0])
        assert challenge.stage == "framing"
        assert challenge.health_area
        roles = Counter(p.role for p in hub.participations_in(table.id))
        assert roles[co.ParticipationRole.PRESENTER] == 1
        assert roles[co.ParticipationRole.PARTICIPANT] >= 3
        framings = [f for f in hub.framings if f.challenge == challenge.id]
        assert len(framings) >= 2
        assert len({f.author for f in framings}) == len(framings)
        reframed += sum(f.reframes is not None for f in framings)
        assert all(
            p.level is not None
            for p in hub.participations_in(table.id)
            if p.role is not co.ParticipationRole.FACILITATOR
        )
    assert reframed >= len(tables)
    areas = {hub.challenge(t.challenges[0]).health_area for t in tables}
    assert {"diabetes", "mental health", "maternity"} <= areas


def test_exactly_one_draft_agreement_with_whole_shares(hub: co.Hub) -> None:
    (agreement,) = hub.agreements
    assert agreement.status is co.AgreementStatus.DRAFT
    assert agreement.session is not None
    assert hub.session(agreement.session).kind is co.SessionKind.TABLE
    assert agreement.challenge in hub.session(agreement.session).challenges
    assert agreement.problems() == []
    totals = agreement.share_totals()
    assert set(totals) == {reward.id for reward in agreement.rewards}
    assert all(total == Decimal(1) for total in totals.values())
    kinds = {
        hub.organisation(party).kind if party.startswith("o-") else "person"
        for party in agreement.party_ids
    }
    assert kinds == {
        co.OrganisationKind.FIRM,
        co.OrganisationKind.COMMUNITY_ORGANISATION,
        co.OrganisationKind.NHS_TRUST,
        "person",
    }
    (person,) = (p for p in agreement.party_ids if not p.startswith("o-"))
    assert co.PersonRole.PEER_RESEARCHER in hub.person(person).roles
    assert {cost.kind for cost in agreement.costs} == set(co.CostKind)
    assert all(
        (cost.value is not None and cost.value.currency == "GBP") for cost in agreement.costs
    )
    for party in agreement.party_ids:
        assert hub.agreements_of(party) == (agreement,)


# -- the quick start -----------------------------------------------------------------------------


def test_quickstart_runs(tmp_path: Path) -> None:
    result = _run(QUICKSTART, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "HubIntegrityError" not in result.stderr
    assert "unknown person 'p-nobody'" in result.stdout
    assert "loaded back unchanged: True" in result.stdout
