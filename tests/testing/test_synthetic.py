"""Synthetic hubs: valid, reproducible, about the size asked, and shaped like real programmes."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from typing import Any

import pytest

import coinnovation as co
from coinnovation.models import hub_problems
from coinnovation.testing.synthetic import (
    DEFAULT_SECTOR_WEIGHTS,
    synthetic_hub,
    synthetic_hub_data,
)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return synthetic_hub_data(5_000, seed=11)


@pytest.fixture(scope="module")
def hub(data: dict[str, Any]) -> co.Hub:
    return co.Hub.model_validate(data)


def _root_of(sessions: list[dict[str, Any]]) -> dict[str, str]:
    parent = {s["id"]: s.get("parent") for s in sessions}
    roots = {}
    for sid in parent:
        root = sid
        while parent[root] is not None:
            root = parent[root]
        roots[sid] = root
    return roots


# -- validity -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 7, 100, 1_000])
def test_hub_is_valid_at_every_small_size(size: int) -> None:
    hub = synthetic_hub(size, seed=size)
    assert hub_problems(hub) == []
    assert len(hub.participations) <= size


def test_data_is_what_dumps_writes(data: dict[str, Any], hub: co.Hub) -> None:
    # The generator writes the file form directly: a saved hub reads back the same text.
    assert co.dumps(hub, indent=None) == json.dumps(data, ensure_ascii=False)


def test_data_loads_from_a_file(tmp_path: Any, data: dict[str, Any], hub: co.Hub) -> None:
    path = tmp_path / "hub.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert co.load(path) == hub


def test_fresh_entropy_also_gives_a_valid_hub() -> None:
    assert hub_problems(synthetic_hub(500, seed=None)) == []


# -- reproducibility ------------------------------------------------------------------------


def test_same_seed_gives_equal_data() -> None:
    assert synthetic_hub_data(2_000, seed=3) == synthetic_hub_data(2_000, seed=3)


def test_different_seeds_give_different_data() -> None:
    first = synthetic_hub_data(2_000, seed=3)
    second = synthetic_hub_data(2_000, seed=4)
    assert first["participations"] != second["participations"]
    assert first["organisations"] != second["organisations"]


def test_does_not_touch_global_random_state() -> None:
    import random

    import numpy as np

    np.random.seed(0)
    random.seed(0)
    expected = (np.random.random(), random.random())
    np.random.seed(0)
    random.seed(0)
    synthetic_hub_data(500, seed=1)
    assert (np.random.random(), random.random()) == expected


# -- size -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1_000, 2_500, 5_000])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_participation_count_is_near_the_request(size: int, seed: int) -> None:
    made = len(synthetic_hub_data(size, seed=seed)["participations"])
    assert 0.97 * size <= made <= size


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="participations must be >= 0"):
        synthetic_hub_data(-1)


@pytest.mark.parametrize(
    "option",
    [
        {"organisation_only_share": 1.5},
        {"independent_share": -0.1},
        {"participations_per_person": 0},
        {"event_size_median": 0},
        {"max_event_size": 1},
        {"sector_weights": {"community": -1.0}},
    ],
)
def test_bad_options_are_refused(option: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must"):
        synthetic_hub_data(100, **option)


# -- shape ----------------------------------------------------------------------------------


def test_session_sizes_are_heavy_tailed(data: dict[str, Any]) -> None:
    root = _root_of(data["sessions"])
    per_event = sorted(Counter(root[p["session"]] for p in data["participations"]).values())
    per_session = sorted(Counter(p["session"] for p in data["participations"]).values())
    assert per_event[-1] >= 5 * statistics.median(per_event)
    assert per_session[-1] >= 3 * statistics.median(per_session)


def test_larger_sigma_gives_a_heavier_tail() -> None:
    def spread(sigma: float) -> float:
        data = synthetic_hub_data(5_000, seed=2, event_size_sigma=sigma)
        root = _root_of(data["sessions"])
        sizes = Counter(root[p["session"]] for p in data["participations"]).values()
        return max(sizes) / statistics.median(sizes)

    assert spread(1.5) > spread(0.5)


def test_every_sector_is_present_with_a_noticeable_community_share(hub: co.Hub) -> None:
    sectors = Counter(organisation.sector for organisation in hub.organisations)
    assert set(sectors) == set(co.Sector)
    assert sectors[co.Sector.COMMUNITY] / len(hub.organisations) >= 0.15


@pytest.mark.parametrize("size", [0, 10, 100])
def test_every_sector_is_present_even_in_tiny_hubs(size: int) -> None:
    hub = synthetic_hub(size, seed=5)
    assert {organisation.sector for organisation in hub.organisations} == set(co.Sector)


def test_sector_weights_can_be_chosen() -> None:
    hub = synthetic_hub(2_000, seed=1, sector_weights={"community": 0.9, "industry": 0.1})
    sectors = Counter(organisation.sector for organisation in hub.organisations)
    assert set(sectors) == {co.Sector.COMMUNITY, co.Sector.INDUSTRY}
    assert sectors[co.Sector.COMMUNITY] > 3 * sectors[co.Sector.INDUSTRY]


def test_people_have_memberships_and_some_take_part_alone(hub: co.Hub) -> None:
    members = {membership.person for membership in hub.memberships}
    alone = [person for person in hub.people if person.id not in members]
    assert len(members) >= 0.8 * len(hub.people)
    assert alone
    assert all(person.sector == co.Sector.COMMUNITY for person in alone)
    # Some people belong to two organisations; their main one is marked primary.
    twice = Counter(membership.person for membership in hub.memberships)
    assert any(count == 2 for count in twice.values())
    assert any(membership.primary for membership in hub.memberships)


def test_sessions_form_event_workshop_table_trees(hub: co.Hub) -> None:
    kinds = {session.id: session.kind for session in hub.sessions}
    for session in hub.sessions:
        if session.kind == co.SessionKind.TABLE:
            assert session.parent is not None
            assert kinds[session.parent] == co.SessionKind.WORKSHOP
        elif session.kind == co.SessionKind.WORKSHOP:
            assert session.parent is not None
            assert kinds[session.parent] == co.SessionKind.EVENT
        else:
            assert session.parent is None
    assert set(kinds.values()) == {
        co.SessionKind.EVENT,
        co.SessionKind.WORKSHOP,
        co.SessionKind.TABLE,
        co.SessionKind.MEETING,
    }


def test_some_participations_name_only_an_organisation(hub: co.Hub) -> None:
    only = sum(p.person is None for p in hub.participations) / len(hub.participations)
    assert 0.05 < only < 0.15
    assert any(p.person is not None and p.organisation is not None for p in hub.participations)


def test_organisation_only_share_can_be_zero() -> None:
    hub = synthetic_hub(1_000, seed=1, organisation_only_share=0.0)
    assert all(p.person is not None for p in hub.participations)


def test_levels_roles_and_hours_are_recorded(hub: co.Hub) -> None:
    levels = Counter(p.level for p in hub.participations)
    assert set(levels) == {*co.ParticipationLevel, None}
    assert levels[None] < 0.1 * len(hub.participations)
    roles = {p.role for p in hub.participations}
    assert {co.ParticipationRole.PARTICIPANT, co.ParticipationRole.ORGANISER} <= roles
    hours = [p.hours for p in hub.participations if p.hours is not None]
    assert len(hours) > 0.8 * len(hub.participations)
    assert all(h > 0 for h in hours)


def test_nobody_takes_part_twice_in_one_event(data: dict[str, Any]) -> None:
    root = _root_of(data["sessions"])
    seen = Counter(
        (root[p["session"]], p.get("person") or p["organisation"]) for p in data["participations"]
    )
    assert max(seen.values()) == 1


def test_a_few_people_take_part_far_more_than_most(hub: co.Hub) -> None:
    counts = sorted(Counter(p.person for p in hub.participations if p.person).values())
    assert counts[-1] >= 4 * statistics.median(counts)


def test_default_sector_weights_sum_to_one() -> None:
    assert sum(DEFAULT_SECTOR_WEIGHTS.values()) == pytest.approx(1.0)
    assert set(DEFAULT_SECTOR_WEIGHTS) == set(co.Sector)


# -- the integrity check on synthetic hubs --------------------------------------------------


def test_a_broken_hub_reports_exactly_its_faults() -> None:
    # A sound hub is checked column by column; these faults make the check walk the
    # records one by one, and it must report them, and nothing else, in file order.
    data = synthetic_hub_data(3_000, seed=8)
    person = data["people"][0]["id"]
    data["participations"][-1]["id"] = "pa-0"
    data["participations"][1234]["session"] = "s-missing"
    data["memberships"][10]["organisation"] = person
    with pytest.raises(co.HubIntegrityError) as caught:
        co.Hub.model_validate(data)
    assert [str(problem) for problem in caught.value.problems] == [
        "participation 'pa-0', field 'id': duplicate id: already used by a participation",
        f"membership 'm-10', field 'organisation': {person!r} is a person, not an organisation",
        "participation 'pa-1234', field 'session': unknown session 's-missing'",
    ]
