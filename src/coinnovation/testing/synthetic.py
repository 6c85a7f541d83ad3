"""Seeded synthetic hubs of any size, for benchmarks, scale tests and demonstrations.

:func:`synthetic_hub_data` builds the data of a hub file — plain JSON-ready dicts and
lists, exactly as :func:`coinnovation.dumps` would write the hub — and
:func:`synthetic_hub` validates it into a :class:`~coinnovation.models.Hub`. The shape
follows real programmes:

- organisations in every sector, a noticeable share of them community organisations,
  a few of them parts of others (``parent``), community bodies serving communities;
- people with memberships of organisations (some with two), and residents who take
  part on their own account;
- sessions as a tree: events with workshops, workshops with tables, and small
  stand-alone meetings;
- heavy-tailed attendance: event sizes are log-normal, capped; a few very active people
  and organisations take part far more often than most;
- some participations that name only an organisation, as in funding databases; some
  people who came on behalf of their organisation;
- IAP2 participation levels and hours given.

Everything random comes from one :func:`numpy.random.default_rng` seeded with ``seed``;
no global random state is read or changed. The same arguments give the same data in any
process, on any platform (with the same numpy release: numpy may change its streams).

The generator draws arrays with numpy and builds each kind of record in one pass, with
the cyclic garbage collector paused meanwhile (the records hold no cycles), so a hub of
a million participations takes a few seconds to build.

Examples:
    >>> from coinnovation.testing.synthetic import synthetic_hub
    >>> hub = synthetic_hub(2_000, seed=7)
    >>> 1_900 <= len(hub.participations) <= 2_000
    True
    >>> sorted({organisation.sector.value for organisation in hub.organisations})
    ['academia', 'community', 'government', 'health_service', 'industry', 'other']
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, TypedDict, Unpack

import numpy as np
import numpy.typing as npt

from coinnovation._collector import collector_paused
from coinnovation.models.hub import SCHEMA_VERSION, Hub
from coinnovation.models.vocabularies import DEFAULT_STAGES, ParticipationLevel, Sector

__all__ = ["DEFAULT_SECTOR_WEIGHTS", "SyntheticOptions", "synthetic_hub", "synthetic_hub_data"]

#: The default share of organisations in each sector (they sum to 1).
DEFAULT_SECTOR_WEIGHTS: Mapping[Sector, float] = {
    Sector.COMMUNITY: 0.30,
    Sector.INDUSTRY: 0.18,
    Sector.ACADEMIA: 0.10,
    Sector.GOVERNMENT: 0.12,
    Sector.HEALTH_SERVICE: 0.24,
    Sector.OTHER: 0.06,
}


class SyntheticOptions(TypedDict, total=False):
    """The options of :func:`synthetic_hub_data` that :func:`synthetic_hub` passes on.

    Each is described at :func:`synthetic_hub_data`.

    Examples:
        >>> options: SyntheticOptions = {"organisation_only_share": 0.0}
        >>> hub = synthetic_hub(200, seed=1, **options)
        >>> any(p.person is None for p in hub.participations)
        False
    """

    participations_per_person: float
    people_per_organisation: float
    sector_weights: Mapping[Sector, float] | Mapping[str, float] | None
    event_size_median: float
    event_size_sigma: float
    max_event_size: int
    table_size: int
    organisation_only_share: float
    on_behalf_share: float
    independent_share: float
    activity_sigma: float
    name: str | None


_IntArray = npt.NDArray[np.int64]

# Kinds of organisation and roles of their people, by sector (the first kind and role
# are the most common).
_KINDS: dict[str, tuple[str, ...]] = {
    "community": ("community_organisation", "charity", "housing_association"),
    "industry": ("firm", "social_enterprise"),
    "academia": ("university", "college", "research_institute"),
    "government": ("local_authority", "public_body"),
    "health_service": ("nhs_trust", "primary_care", "commissioning_body"),
    "other": ("funder", "other"),
}
_ROLES: dict[str, tuple[str, ...]] = {
    "community": ("community_champion", "community_advocate", "peer_researcher", "manager"),
    "industry": ("innovator", "service_designer", "manager"),
    "academia": ("academic", "student", "peer_researcher"),
    "government": ("officer", "commissioner", "manager"),
    "health_service": ("clinician", "commissioner", "manager", "service_designer"),
    "other": ("manager", "officer", "other"),
}
_NOUNS: dict[str, str] = {
    "community": "Community Trust",
    "industry": "Health Tech Ltd",
    "academia": "University",
    "government": "Council",
    "health_service": "NHS Trust",
    "other": "Foundation",
}
_PLACES = (
    "Walsall", "Wolverhampton", "Dudley", "Sandwell", "Birmingham", "Coventry", "Stoke",
    "Leicester", "Derby", "Nottingham", "Bradford", "Leeds", "Oldham", "Salford", "Hull",
    "Sunderland", "Middlesbrough", "Blackpool", "Plymouth", "Luton",
)  # fmt: skip
_FIRST = (
    "Ana", "Ben", "Chidi", "Dev", "Ewa", "Farah", "Gus", "Hana", "Ifeoma", "Jon", "Kiran",
    "Lena", "Mo", "Nia", "Olu", "Priya", "Raj", "Sara", "Tom", "Uma", "Vic", "Wen", "Yusuf",
    "Zoe",
)  # fmt: skip
_HEALTH_AREAS = (
    "diabetes", "mental health", "frailty", "maternity", "respiratory", "cardiovascular",
    "obesity", "dementia", "loneliness", "substance use",
)  # fmt: skip
# Participation roles and their chances (in ParticipationRole order, "participant" 5th).
_PARTICIPATION_ROLES = (
    "organiser", "host", "presenter", "facilitator", "participant", "observer", "note_taker",
)  # fmt: skip
_ROLE_P = (0.01, 0.01, 0.04, 0.06, 0.82, 0.04, 0.02)
_LEVELS = tuple(level.value for level in ParticipationLevel)
_LEVEL_P = (0.20, 0.25, 0.30, 0.17, 0.08)
_START = date(2019, 1, 7)


def _hours(value: float) -> str:
    """Hours as pydantic writes a Decimal: ``"1.5"``, ``"4"``."""
    return f"{value:g}"


def _lognormal_sizes(
    rng: np.random.Generator, total: int, median: float, sigma: float, low: int, high: int
) -> _IntArray:
    """Log-normal sizes in ``[low, high]`` adding up to ``total`` (the last may be smaller)."""
    mean = float(np.exp(np.log(median) + sigma**2 / 2))
    chunks: list[_IntArray] = []
    drawn = 0
    while drawn < total:
        count = max(16, int((total - drawn) / mean * 1.2) + 16)
        sizes = np.rint(rng.lognormal(np.log(median), sigma, count)).astype(np.int64)
        sizes = np.clip(sizes, low, high)
        chunks.append(sizes)
        drawn += int(sizes.sum())
    sizes = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    ends = np.cumsum(sizes)
    keep = int(np.searchsorted(ends, total, side="left")) + 1 if total else 0
    sizes = sizes[:keep].copy()
    if keep:
        sizes[-1] -= int(ends[keep - 1]) - total  # the last event takes what is left
    return sizes


def _weights(rng: np.random.Generator, count: int, sigma: float) -> npt.NDArray[np.float64]:
    """Heavy-tailed activity weights that sum to 1."""
    weights = rng.lognormal(0.0, sigma, count)
    total: np.float64 = weights.sum()
    return np.asarray(weights / total, dtype=np.float64)


def _sector_shares(
    weights: Mapping[Sector, float] | Mapping[str, float] | None,
) -> tuple[list[str], list[float]]:
    given = DEFAULT_SECTOR_WEIGHTS if weights is None else weights
    sectors = [Sector(key).value for key in given]
    shares = [float(value) for value in given.values()]
    if len(set(sectors)) != len(sectors) or any(s < 0 for s in shares) or sum(shares) <= 0:
        raise ValueError("sector_weights must give each sector once, with weights >= 0")
    total = sum(shares)
    return sectors, [share / total for share in shares]


def synthetic_hub_data(
    participations: int,
    *,
    seed: int | None = 0,
    participations_per_person: float = 5.0,
    people_per_organisation: float = 8.0,
    sector_weights: Mapping[Sector, float] | Mapping[str, float] | None = None,
    event_size_median: float = 24.0,
    event_size_sigma: float = 1.0,
    max_event_size: int = 1_000,
    table_size: int = 8,
    organisation_only_share: float = 0.1,
    on_behalf_share: float = 0.3,
    independent_share: float = 0.1,
    activity_sigma: float = 1.0,
    name: str | None = None,
) -> dict[str, Any]:
    """The data of a synthetic hub file: JSON-ready dicts, as ``coinnovation.dumps`` writes.

    Attendance is drawn event by event: each event's size is log-normal (median
    ``event_size_median``, shape ``event_size_sigma``), capped at ``max_event_size`` and at
    the number of people. Events of fewer than 12 are single meetings; larger ones have
    up to six workshops (in up to three time slots), most of them split into tables of
    about ``table_size``, some plenary. Each attendee takes part once per event, at a
    table, a plenary workshop or the meeting; one attendee of each larger event is
    recorded at the event itself as its organiser. Who attends is drawn by heavy-tailed
    activity weights (log-normal, shape ``activity_sigma``).

    Args:
        participations: About how many participations to make (events are trimmed to
            give exactly this many before the rare duplicates in an event are dropped).
        seed: Seed for :func:`numpy.random.default_rng`; ``None`` for fresh entropy.
        participations_per_person: Sets the number of people (at least one).
        people_per_organisation: Sets the number of organisations (at least one per
            sector).
        sector_weights: Share of organisations in each sector (default
            :data:`DEFAULT_SECTOR_WEIGHTS`; community about 30%). Every sector listed
            has at least one organisation.
        event_size_median: Median attendance of an event.
        event_size_sigma: Log-normal shape of event attendance; larger is more skewed.
        max_event_size: The largest attendance of an event.
        table_size: About how many sit at a table.
        organisation_only_share: Share of participations naming only an organisation
            (less in small hubs, which have too few organisations for their events).
        on_behalf_share: Share of people's participations that also name the person's
            main organisation.
        independent_share: Share of people with no organisation (residents taking part
            on their own account, in the community sector).
        activity_sigma: Log-normal shape of how often people and organisations take part.
        name: The hub's name (default: ``"Synthetic hub (N participations, seed S)"``).

    Returns:
        The hub file's data: ``json.dumps`` of it is a valid hub file, and
        ``Hub.model_validate`` of it a valid hub.

    Raises:
        ValueError: ``participations`` is negative, or a share or size is out of range.

    Examples:
        >>> import json
        >>> data = synthetic_hub_data(300, seed=1)
        >>> data["schema_version"], len(data["participations"]) <= 300
        ('1.1', True)
        >>> data == synthetic_hub_data(300, seed=1)
        True
        >>> json.dumps(data["participations"][0])
        '{"id": "pa-0", "session": "s-...", ...}'
    """
    if participations < 0:
        raise ValueError(f"participations must be >= 0, not {participations}")
    for label, share in (
        ("organisation_only_share", organisation_only_share),
        ("on_behalf_share", on_behalf_share),
        ("independent_share", independent_share),
    ):
        if not 0 <= share <= 1:
            raise ValueError(f"{label} must lie in [0, 1], not {share}")
    if participations_per_person <= 0 or people_per_organisation <= 0:
        raise ValueError("participations_per_person and people_per_organisation must be > 0")
    if event_size_median <= 0 or event_size_sigma < 0 or activity_sigma < 0:
        raise ValueError("event_size_median must be > 0 and the sigmas >= 0")
    if max_event_size < 2 or table_size < 2:
        raise ValueError("max_event_size and table_size must be >= 2")
    sectors, shares = _sector_shares(sector_weights)
    with collector_paused():
        return _build(
            participations,
            np.random.default_rng(seed),
            sectors=sectors,
            shares=shares,
            participations_per_person=participations_per_person,
            people_per_organisation=people_per_organisation,
            event_size_median=event_size_median,
            event_size_sigma=event_size_sigma,
            max_event_size=max_event_size,
            table_size=table_size,
            organisation_only_share=organisation_only_share,
            on_behalf_share=on_behalf_share,
            independent_share=independent_share,
            activity_sigma=activity_sigma,
            name=name or f"Synthetic hub ({participations} participations, seed {seed})",
        )


def _build(
    participations: int,
    rng: np.random.Generator,
    *,
    sectors: list[str],
    shares: list[float],
    participations_per_person: float,
    people_per_organisation: float,
    event_size_median: float,
    event_size_sigma: float,
    max_event_size: int,
    table_size: int,
    organisation_only_share: float,
    on_behalf_share: float,
    independent_share: float,
    activity_sigma: float,
    name: str,
) -> dict[str, Any]:

    # -- stakeholders ------------------------------------------------------------------
    n_people = max(1, round(participations / participations_per_person))
    n_orgs = max(len(sectors), round(n_people * (1 - independent_share) / people_per_organisation))
    n_communities = max(1, n_orgs // 10)

    communities = [
        {
            "id": f"c-{index}",
            "name": f"{_PLACES[place]} ward {index} residents",
            "place": _PLACES[place],
            "imd_decile": decile,
            "population": population,
        }
        for index, (place, decile, population) in enumerate(
            zip(
                rng.integers(0, len(_PLACES), n_communities).tolist(),
                rng.integers(1, 11, n_communities).tolist(),
                rng.integers(2_000, 20_000, n_communities).tolist(),
                strict=True,
            )
        )
    ]

    # Every sector first, then by weight.
    org_sector = np.concatenate(
        [
            np.arange(len(sectors), dtype=np.int64),
            rng.choice(len(sectors), n_orgs - len(sectors), p=shares),
        ]
    )[:n_orgs]
    rng.shuffle(org_sector)
    org_kind_draw = rng.random(n_orgs)
    org_place = rng.integers(0, len(_PLACES), n_orgs)
    org_community = rng.integers(0, n_communities, n_orgs)
    # About 5% are part of an earlier organisation of the same sector (no loops).
    org_has_parent = rng.random(n_orgs) < 0.05
    last_of_sector: dict[int, int] = {}
    organisations: list[dict[str, Any]] = []
    for index, (sector_index, draw, place, community, has_parent) in enumerate(
        zip(
            org_sector.tolist(),
            org_kind_draw.tolist(),
            org_place.tolist(),
            org_community.tolist(),
            org_has_parent.tolist(),
            strict=True,
        )
    ):
        sector = sectors[sector_index]
        kinds = _KINDS[sector]
        kind = kinds[0] if draw < 0.6 else kinds[1 + int((draw - 0.6) / 0.4 * (len(kinds) - 1))]
        record: dict[str, Any] = {
            "id": f"o-{index}",
            "name": f"{_PLACES[place]} {_NOUNS[sector]} {index}",
        }
        record["kind"] = kind
        record["sector"] = sector
        parent = last_of_sector.get(sector_index)
        if has_parent and parent is not None:
            record["parent"] = f"o-{parent}"
        if sector == "community":
            record["communities"] = [f"c-{community}"]
        record["place"] = _PLACES[place]
        organisations.append(record)
        last_of_sector[sector_index] = index

    org_weights = _weights(rng, n_orgs, activity_sigma)
    independent = rng.random(n_people) < independent_share
    # Each member's main organisation: bigger organisations have more members.
    main_org = rng.choice(n_orgs, n_people, p=org_weights)
    main_org[independent] = -1
    second_org = rng.choice(n_orgs, n_people, p=org_weights)
    has_second = (~independent) & (rng.random(n_people) < 0.2) & (second_org != main_org)
    role_draw = rng.random(n_people)
    first_name = rng.integers(0, len(_FIRST), n_people)
    initial = rng.integers(0, 26, n_people)
    person_community = rng.integers(0, n_communities, n_people)
    member_since = rng.integers(0, 5 * 365, n_people)
    has_start = rng.random(n_people) < 0.5

    people: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    for index, (org, draw, first, letter, community, alone) in enumerate(
        zip(
            main_org.tolist(),
            role_draw.tolist(),
            first_name.tolist(),
            initial.tolist(),
            person_community.tolist(),
            independent.tolist(),
            strict=True,
        )
    ):
        person: dict[str, Any] = {
            "id": f"p-{index}",
            "name": f"{_FIRST[first]} {chr(65 + letter)}.",
        }
        if alone:
            person["roles"] = ["lived_experience"]
            person["sector"] = "community"
            person["communities"] = [f"c-{community}"]
        else:
            sector = sectors[int(org_sector[org])]
            roles = _ROLES[sector]
            person["roles"] = [roles[min(int(draw * draw * len(roles)), len(roles) - 1)]]
            if sector == "community":
                person["communities"] = [f"c-{community}"]
        person["consent"] = "pseudonymous"
        people.append(person)
    second = np.where(has_second, second_org, -1)
    since = np.where(has_start, member_since, -1)
    for index, main, other, days in zip(
        np.flatnonzero(~independent).tolist(),
        main_org[~independent].tolist(),
        second[~independent].tolist(),
        since[~independent].tolist(),
        strict=True,
    ):
        role_name = people[index]["roles"][0]
        start = None if days < 0 else (_START + timedelta(days=days)).isoformat()
        for org in (main, other):
            if org < 0:
                continue
            membership: dict[str, Any] = {
                "id": f"m-{len(memberships)}",
                "person": f"p-{index}",
                "organisation": f"o-{org}",
                "role": role_name,
            }
            if org == main and other >= 0:
                membership["primary"] = True  # the main one, for people with two
            if start is not None:
                membership["start"] = start
            memberships.append(membership)

    # -- events and their sessions -------------------------------------------------------
    # Stakeholders 0..n_people-1 are people, n_people.. are organisations (org-only records).
    event_cap = max(2, min(max_event_size, n_people))
    sizes = _lognormal_sizes(
        rng, participations, event_size_median, event_size_sigma, min(2, event_cap), event_cap
    )
    n_events = len(sizes)
    n_challenges = max(1, n_events // 10)
    challenge_stage = rng.choice(
        len(DEFAULT_STAGES), n_challenges, p=(0.2, 0.25, 0.25, 0.15, 0.1, 0.05)
    )
    challenges = []
    for index, (stage_index, area, community, proposer) in enumerate(
        zip(
            challenge_stage.tolist(),
            rng.integers(0, len(_HEALTH_AREAS), n_challenges).tolist(),
            rng.integers(0, n_communities, n_challenges).tolist(),
            rng.choice(n_orgs, n_challenges, p=org_weights).tolist(),
            strict=True,
        )
    ):
        challenge: dict[str, Any] = {
            "id": f"ch-{index}",
            "title": f"{_HEALTH_AREAS[area].capitalize()} in {communities[community]['name']}",
            "health_area": _HEALTH_AREAS[area],
        }
        challenge["stage"] = DEFAULT_STAGES[stage_index]
        challenge["communities"] = [f"c-{community}"]
        challenge["proposed_by"] = [f"o-{proposer}"]
        challenges.append(challenge)

    event_day = np.sort(rng.integers(0, max(365, n_events // 4), n_events))
    event_long = rng.random(n_events) < 0.6  # a full day (7 h) or a morning (4 h)
    event_venue = rng.choice(n_orgs, n_events, p=org_weights)
    event_challenge = rng.integers(0, n_challenges, n_events)
    plenary_draw = rng.random(6 * n_events)

    sessions: list[dict[str, Any]] = []
    leaf_session: list[int] = []  # per leaf: its session index
    leaf_size: list[int] = []
    leaf_hours: list[float] = []
    leaf_event: list[int] = []
    organiser_of: list[int] = []  # per event with workshops: its session index
    for event, (size, day, long, venue, challenge_index) in enumerate(
        zip(
            sizes.tolist(),
            event_day.tolist(),
            event_long.tolist(),
            event_venue.tolist(),
            event_challenge.tolist(),
            strict=True,
        )
    ):
        on = (_START + timedelta(days=day)).isoformat()
        length = 7.0 if long else 4.0
        stage = challenges[challenge_index]["stage"]
        event_index = len(sessions)
        event_id = f"s-{event_index}"
        place = organisations[venue]["place"]
        record = {"id": event_id, "name": f"{place} co-innovation event {event}"}
        if size < 12:
            record["name"] = f"{place} meeting {event}"
            record["kind"] = "meeting"
        else:
            record["kind"] = "event"
        record["start"] = f"{on}T09:00:00Z"
        record["end"] = f"{on}T{9 + int(length):02d}:00:00Z"
        record["place"] = place
        record["venue"] = f"o-{venue}"
        record["challenges"] = [f"ch-{challenge_index}"]
        record["stage"] = stage
        sessions.append(record)
        if size < 12:
            leaf_session.append(event_index)
            leaf_size.append(size)
            leaf_hours.append(length)
            leaf_event.append(event)
            continue
        organiser_of.append(event_index)
        attendees = size - 1  # the organiser is recorded at the event
        n_workshops = min(6, 1 + attendees // 30)
        slots = 3 if long else 2
        base, extra = divmod(attendees, n_workshops)
        for workshop in range(n_workshops):
            slot = workshop % slots
            begin = 9.5 + 1.75 * slot  # 1.5 h slots with a break, inside the event
            start = f"{on}T{int(begin):02d}:{int(begin % 1 * 60):02d}:00Z"
            finish = f"{on}T{int(begin + 1.5):02d}:{int((begin + 1.5) % 1 * 60):02d}:00Z"
            workshop_index = len(sessions)
            workshop_id = f"s-{workshop_index}"
            sessions.append(
                {
                    "id": workshop_id,
                    "name": f"Workshop {workshop + 1}",
                    "kind": "workshop",
                    "parent": event_id,
                    "start": start,
                    "end": finish,
                    "stage": stage,
                }
            )
            members = base + (workshop < extra)
            if plenary_draw[6 * event + workshop] < 0.25 or members < 2 * table_size:
                leaf_session.append(workshop_index)
                leaf_size.append(members)
                leaf_hours.append(1.5)
                leaf_event.append(event)
                continue
            n_tables = members // table_size
            table_base, table_extra = divmod(members, n_tables)
            for table in range(n_tables):
                table_index = len(sessions)
                sessions.append(
                    {
                        "id": f"s-{table_index}",
                        "name": f"Table {table + 1}",
                        "kind": "table",
                        "parent": workshop_id,
                        "start": start,
                        "end": finish,
                    }
                )
                leaf_session.append(table_index)
                leaf_size.append(table_base + (table < table_extra))
                leaf_hours.append(1.5)
                leaf_event.append(event)

    # -- participations ------------------------------------------------------------------
    # Organisers first (one per larger event), then each leaf's attendees.
    counts = np.asarray(leaf_size, dtype=np.int64)
    session_of = np.concatenate(
        [
            np.asarray(organiser_of, dtype=np.int64),
            np.repeat(np.asarray(leaf_session, dtype=np.int64), counts),
        ]
    )
    event_of_session = np.zeros(len(sessions), dtype=np.int64)
    event_of_session[np.asarray(leaf_session, dtype=np.int64)] = np.asarray(leaf_event)
    event_of_session[np.asarray(organiser_of, dtype=np.int64)] = np.flatnonzero(sizes >= 12)
    event_of = event_of_session[session_of]
    hours_of = np.concatenate(
        [
            np.where(event_long[event_of[: len(organiser_of)]], 7.0, 4.0),
            np.repeat(np.asarray(leaf_hours, dtype=np.float64), counts),
        ]
    )
    total = len(session_of)

    person_weights = _weights(rng, n_people, activity_sigma)
    org_only = rng.random(total) < organisation_only_share
    org_only[: len(organiser_of)] = False
    who = rng.choice(n_people, total, p=person_weights)
    who[org_only] = n_people + rng.choice(n_orgs, int(org_only.sum()), p=org_weights)

    # Nobody takes part twice in one event: redraw clashes, uniformly after a few rounds,
    # then as people (an event may need more organisations than there are), then drop
    # what still clashes.
    n_stakeholders = n_people + n_orgs
    keep = np.ones(total, dtype=bool)
    for attempt in range(12):
        key = event_of * n_stakeholders + who
        _, first = np.unique(key, return_index=True)
        clash = np.ones(total, dtype=bool)
        clash[first] = False
        clash_at = np.flatnonzero(clash)
        if not len(clash_at):
            break
        if attempt == 11:
            keep[clash_at] = False
            break
        is_org = who[clash_at] >= n_people
        people_at, orgs_at = clash_at[~is_org], clash_at[is_org]
        if attempt < 4:
            who[people_at] = rng.choice(n_people, len(people_at), p=person_weights)
            who[orgs_at] = n_people + rng.choice(n_orgs, len(orgs_at), p=org_weights)
        elif attempt < 8:
            who[people_at] = rng.integers(0, n_people, len(people_at))
            who[orgs_at] = n_people + rng.integers(0, n_orgs, len(orgs_at))
        else:  # too few organisations for the event: record people instead
            who[clash_at] = rng.integers(0, n_people, len(clash_at))

    role = rng.choice(len(_PARTICIPATION_ROLES), total, p=_ROLE_P)
    role[: len(organiser_of)] = 0
    # Each leaf session has a typical level; most of its participations share it.
    session_level = rng.choice(len(_LEVELS), len(sessions), p=_LEVEL_P)
    level = np.where(
        rng.random(total) < 0.7,
        session_level[session_of],
        rng.choice(len(_LEVELS), total, p=_LEVEL_P),
    )
    level[rng.random(total) < 0.05] = -1  # not recorded
    behalf = np.where(
        (who < n_people) & (rng.random(total) < on_behalf_share),
        main_org[np.minimum(who, n_people - 1)],
        -1,
    )
    hours_known = rng.random(total) >= 0.1

    session_ids = [record["id"] for record in sessions]
    person_ids = [f"p-{index}" for index in range(n_people)] + [None] * n_orgs
    org_ids = [f"o-{index}" for index in range(n_orgs)]
    hour_text = {value: _hours(value) for value in (1.5, 4.0, 7.0)}
    records: list[dict[str, Any]] = []
    append = records.append
    index = 0
    for present, session, stakeholder, on_behalf, role_index, level_index, hours, known in zip(
        keep.tolist(),
        session_of.tolist(),
        who.tolist(),
        behalf.tolist(),
        role.tolist(),
        level.tolist(),
        hours_of.tolist(),
        hours_known.tolist(),
        strict=True,
    ):
        if not present:
            continue
        record = {"id": f"pa-{index}", "session": session_ids[session]}
        index += 1
        person_id = person_ids[stakeholder]
        if person_id is None:
            record["organisation"] = org_ids[stakeholder - n_people]
        else:
            record["person"] = person_id
            if on_behalf >= 0:
                record["organisation"] = org_ids[on_behalf]
        record["role"] = _PARTICIPATION_ROLES[role_index]
        if level_index >= 0:
            record["level"] = _LEVELS[level_index]
        if known:
            record["hours"] = hour_text[hours]
        append(record)

    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "name": name,
        "description": None,
        "stages": list(DEFAULT_STAGES),
        "communities": communities,
        "organisations": organisations,
        "people": people,
        "memberships": memberships,
        "challenges": challenges,
        "sessions": sessions,
        "participations": records,
    }
    for field in ("memberships", "sessions", "participations"):
        if not data[field]:
            del data[field]
    return data


def synthetic_hub(
    participations: int, *, seed: int | None = 0, **options: Unpack[SyntheticOptions]
) -> Hub:
    """A valid synthetic hub with about ``participations`` participations.

    This is ``Hub.model_validate(synthetic_hub_data(participations, seed=seed, ...))``:
    every record is validated and the hub's integrity checked.

    Args:
        participations: About how many participations to make.
        seed: Seed for :func:`numpy.random.default_rng`; ``None`` for fresh entropy.
        **options: The other keyword arguments of :func:`synthetic_hub_data`
            (``organisation_only_share``, ``event_size_sigma`` ...).

    Returns:
        The hub.

    Examples:
        >>> hub = synthetic_hub(3_000, seed=3, organisation_only_share=0.5)
        >>> orgs_only = sum(p.person is None for p in hub.participations)
        >>> 0.4 < orgs_only / len(hub.participations) < 0.6
        True
        >>> synthetic_hub(1_000, seed=3) == synthetic_hub(1_000, seed=3)
        True
    """
    return Hub.model_validate(synthetic_hub_data(participations, seed=seed, **options))
