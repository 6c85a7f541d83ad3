"""Graphs from a hub: hand-counted small hubs, networkx's projection, brute force."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coinnovation.errors import ProjectionTooLargeError, UnknownReferenceError
from coinnovation.models import (
    Contribution,
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Scope,
    Session,
    SessionKind,
)
from coinnovation.network.build import (
    affiliation_graph,
    collaboration_edges,
    collaboration_graph,
    interaction_graph,
)
from coinnovation.testing.strategies import hubs
from coinnovation.testing.synthetic import synthetic_hub


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def weights(G: nx.Graph[Any]) -> dict[frozenset[Hashable], float]:
    return {frozenset((u, v)): w for u, v, w in G.edges(data="weight")}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.fixture(scope="module")
def hub() -> Hub:
    """A small hub with every case the builders must handle.

    Sessions, in hub order: s-day (event, 22 June 2023) > s-ws (workshop) > s-t1, s-t2
    (tables, no start: they take the workshop's); s-jan (10 January 2023); s-undated.
    Ana moved from the community organisation to the NHS trust on 1 April 2023; Dee is
    a resident with her own sector; Eve has neither organisation nor sector; Fay belongs
    to the university (listed first) and the firm.
    """
    organisations = (
        Organisation(id="o-com", name="Community Org", sector="community"),
        Organisation(id="o-ind", name="Firm", kind="firm", sector="industry"),
        Organisation(id="o-uni", name="University", kind="university", sector="academia"),
        Organisation(id="o-nhs", name="Trust", kind="nhs_trust", sector="health_service"),
    )
    people = (
        Person(id="p-ana", name="Ana", roles=("community_champion",)),
        Person(id="p-ben", name="Ben"),
        Person(id="p-cy", name="Cy", roles=("innovator",)),
        Person(id="p-dee", name="Dee", sector="community"),
        Person(id="p-eve", name="Eve"),
        Person(id="p-fay", name="Fay"),
    )
    memberships = (
        Membership(
            id="m-1", person="p-ana", organisation="o-com",
            start=date(2020, 1, 1), end=date(2023, 3, 31),
        ),
        Membership(id="m-2", person="p-ana", organisation="o-nhs", start=date(2023, 4, 1)),
        Membership(id="m-3", person="p-ben", organisation="o-com"),
        Membership(id="m-4", person="p-cy", organisation="o-ind"),
        Membership(id="m-5", person="p-fay", organisation="o-uni"),
        Membership(id="m-6", person="p-fay", organisation="o-ind"),
    )  # fmt: skip
    sessions = (
        Session(id="s-day", name="Day", kind="event", start=at("2023-06-22")),
        Session(id="s-ws", name="Workshop", kind="workshop", parent="s-day",
                start=at("2023-06-22", 10)),
        Session(id="s-t1", name="Table 1", kind="table", parent="s-ws"),
        Session(id="s-t2", name="Table 2", kind="table", parent="s-ws"),
        Session(id="s-jan", name="January meeting", start=at("2023-01-10")),
        Session(id="s-undated", name="Some meeting"),
    )  # fmt: skip
    records = [
        ("s-day", "p-ana", None, "organiser", None),
        ("s-t1", "p-ana", None, "participant", "involve"),
        ("s-t1", "p-ben", None, "participant", "consult"),
        ("s-t1", "p-cy", None, "presenter", "inform"),
        ("s-t2", "p-dee", None, "participant", None),
        ("s-t2", "p-eve", None, "participant", None),
        ("s-t2", "p-fay", None, "participant", None),
        ("s-t2", None, "o-uni", "participant", None),
        ("s-jan", "p-ana", None, "participant", None),
        ("s-jan", "p-ben", None, "participant", None),
        ("s-jan", "p-cy", None, "participant", None),
        ("s-undated", "p-ana", None, "participant", "collaborate"),
        ("s-undated", "p-ana", None, "note_taker", "collaborate"),
        ("s-undated", "p-fay", None, "participant", None),
    ]
    participations = tuple(
        Participation(id=f"pa-{i}", session=s, person=p, organisation=o, role=role, level=level)
        for i, (s, p, o, role, level) in enumerate(records)
    )
    contributions = (
        Contribution(id="c-1", session="s-t1", author="p-cy", text="Our app"),
        Contribution(id="c-2", session="s-t1", author="p-ben", text="Offline?", responds_to="c-1"),
        Contribution(
            id="c-3", session="s-t1", author="p-ana", text="Both of you: data costs",
            responds_to="c-2", addressed_to=("p-cy", "p-ben"),
        ),
        Contribution(id="c-4", session="s-jan", author="p-ben", text="More", responds_to="c-2"),
        Contribution(id="c-5", session="s-jan", author="p-cy", text="To the trust",
                     addressed_to=("o-nhs",)),
    )  # fmt: skip
    return Hub(
        organisations=organisations,
        people=people,
        memberships=memberships,
        sessions=sessions,
        participations=participations,
        contributions=contributions,
    )


# ------------------------------------------------------------------ person level


def test_person_level_counts_by_hand(hub: Hub) -> None:
    G = collaboration_graph(hub)
    t2 = ["p-dee", "p-eve", "p-fay", "o-uni"]
    expected = {pair("p-ana", "p-ben"): 2, pair("p-ana", "p-cy"): 2, pair("p-ben", "p-cy"): 2}
    expected |= {pair(a, b): 1 for a, b in itertools.combinations(t2, 2)}
    expected[pair("p-ana", "p-fay")] = 1
    assert weights(G) == expected
    assert G["p-ana"]["p-ben"]["sessions"] == ("s-t1", "s-jan")
    assert G["p-ana"]["p-fay"]["sessions"] == ("s-undated",)  # Ana recorded twice: once
    assert set(G) == {"p-ana", "p-ben", "p-cy", "p-dee", "p-eve", "p-fay", "o-uni"}
    assert G.graph["level"] == "person"
    assert G.graph["weight_scheme"] == "count"
    assert G.graph["pairs"] == 3 + 6 + 3 + 1


def test_person_level_newman_by_hand(hub: Hub) -> None:
    G = collaboration_graph(hub, weight="newman")
    assert G["p-ana"]["p-ben"]["weight"] == pytest.approx(0.5 + 0.5)
    assert G["p-dee"]["o-uni"]["weight"] == pytest.approx(1 / 3)
    assert G["p-ana"]["p-fay"]["weight"] == pytest.approx(1.0)
    # Ana shared s-t1, s-jan and s-undated with others: strength 3 (alone at s-day).
    assert G.degree("p-ana", weight="weight") == pytest.approx(3.0)


def test_node_attributes(hub: Hub) -> None:
    G = collaboration_graph(hub)
    assert G.nodes["p-ana"] == {
        "kind": "person",
        "name": "Ana",
        "sector": "health_service",  # her most recent organisation's
        "organisation": "o-nhs",
        "roles": ("community_champion",),
    }
    assert G.nodes["p-dee"]["sector"] == "community"
    assert G.nodes["p-dee"]["organisation"] is None
    assert G.nodes["p-eve"]["sector"] is None
    assert G.nodes["o-uni"] == {
        "kind": "organisation",
        "name": "University",
        "sector": "academia",
        "organisation_kind": "university",
    }
    for person in hub.people:
        if person.id in G:
            expected = hub.sector_of(person.id)
            assert G.nodes[person.id]["sector"] == (expected and expected.value)


# ------------------------------------------------------------ organisation level


def test_organisation_level_dates_memberships_and_deduplicates(hub: Hub) -> None:
    G = collaboration_graph(hub, level="organisation")
    # s-day: o-nhs alone. s-t1 (22 June): Ana is at the trust by then -> nhs, com, ind.
    # s-t2: Fay -> uni + ind, o-uni recorded alone (one actor). s-jan: Ana and Ben are
    # both o-com in January (one actor) + ind. s-undated: any membership: Ana -> com + nhs,
    # Fay -> uni + ind.
    expected = {
        pair("o-nhs", "o-com"): 2,
        pair("o-nhs", "o-ind"): 2,
        pair("o-com", "o-ind"): 3,
        pair("o-uni", "o-ind"): 2,
        pair("o-com", "o-uni"): 1,
        pair("o-nhs", "o-uni"): 1,
    }
    assert weights(G) == expected
    assert G["o-com"]["o-ind"]["sessions"] == ("s-t1", "s-jan", "s-undated")
    assert G.graph["dropped_stakeholders"] == ("p-dee", "p-eve")
    assert G.graph["dropped_participations"] == 2
    assert G.nodes["o-nhs"]["kind"] == "organisation"
    newman = collaboration_graph(hub, level="organisation", weight="newman")
    # s-jan has two organisation actors (not three people): its tie weighs 1/(2-1).
    assert newman["o-com"]["o-ind"]["weight"] == pytest.approx(1 / 2 + 1 + 1 / 3)


def test_organisation_level_against_brute_force_on_a_synthetic_hub() -> None:
    hub = synthetic_hub(3_000, seed=11)
    G = collaboration_graph(hub, level="organisation")
    day = {s.id: s.start.date() if s.start else None for s in hub.sessions}
    members: dict[str, set[str]] = defaultdict(set)
    for p in hub.participations:
        if p.organisation is not None:
            members[p.session].add(p.organisation)
        else:
            assert p.person is not None
            members[p.session].update(
                o.id for o in hub.organisations_of(p.person, on=day[p.session])
            )
    expected: dict[frozenset[Hashable], int] = defaultdict(int)
    for group in members.values():
        for a, b in itertools.combinations(sorted(group), 2):
            expected[frozenset((a, b))] += 1
    assert weights(G) == dict(expected)


# ------------------------------------------------------------------ sector level


def test_sector_level(hub: Hub) -> None:
    G = collaboration_graph(hub, level="sector")
    # s-t1: health_service (Ana on 22 June), community (Ben), industry (Cy).
    # s-t2: community (Dee's own), academia (Fay's first organisation; o-uni); Eve dropped.
    # s-jan: community (Ana and Ben), industry. s-undated: Ana's latest (health_service),
    # Fay's academia.
    expected = {
        pair("health_service", "community"): 1,
        pair("health_service", "industry"): 1,
        pair("community", "industry"): 2,
        pair("community", "academia"): 1,
        pair("health_service", "academia"): 1,
    }
    assert weights(G) == expected
    assert G.graph["dropped_stakeholders"] == ("p-eve",)
    assert G.nodes["health_service"] == {
        "kind": "sector",
        "name": "Health service",
        "sector": "health_service",
    }


# ------------------------------------------------------------------ nesting


def test_subtree_counts_every_level_of_the_tree(hub: Hub) -> None:
    G = collaboration_graph(hub, nested="subtree")
    # Ana and Ben: s-day, s-ws, s-t1 (all of them contain s-t1) and s-jan.
    assert G["p-ana"]["p-ben"]["sessions"] == ("s-day", "s-ws", "s-t1", "s-jan")
    # Ana and Dee never sat together but were at the same event and workshop.
    assert G["p-ana"]["p-dee"]["sessions"] == ("s-day", "s-ws")
    roots = [s.id for s in hub.root_sessions()]
    events = collaboration_graph(hub, nested="subtree", sessions=roots)
    assert events["p-ana"]["p-ben"]["sessions"] == ("s-day", "s-jan")
    assert events["p-ana"]["p-dee"]["weight"] == 1
    # The same as networkx's projection of the subtree affiliation graph.
    B = affiliation_graph(hub, nested="subtree", sessions=roots)
    stakeholders = [n for n, side in B.nodes(data="bipartite") if side == 0]
    assert weights(events) == weights(nx.bipartite.weighted_projected_graph(B, stakeholders))


def test_subtree_at_organisation_level(hub: Hub) -> None:
    roots = [s.id for s in hub.root_sessions()]
    G = collaboration_graph(hub, level="organisation", nested="subtree", sessions=roots)
    # s-day's subtree: nhs (Ana, on 22 June), com, ind, uni (Fay and o-uni; one actor);
    # s-jan: com, ind; s-undated: com, nhs, uni, ind.
    expected = {
        pair(a, b): 2 for a, b in itertools.combinations(["o-nhs", "o-com", "o-ind", "o-uni"], 2)
    }
    expected[pair("o-com", "o-ind")] = 3
    assert weights(G) == expected
    assert G["o-com"]["o-ind"]["sessions"] == ("s-day", "s-jan", "s-undated")


# ------------------------------------------------------------------ filters


def test_sessions_filter(hub: Hub) -> None:
    G = collaboration_graph(hub, sessions=["s-t1"])
    assert set(G) == {"p-ana", "p-ben", "p-cy"}
    assert G["p-ana"]["p-ben"] == {"weight": 1, "sessions": ("s-t1",)}
    assert G.graph["sessions_selected"] == 1
    with pytest.raises(UnknownReferenceError):
        collaboration_graph(hub, sessions=["s-nope"])
    with pytest.raises(TypeError, match="collection"):
        collaboration_graph(hub, sessions="s-t1")


def test_time_window(hub: Hub) -> None:
    summer = collaboration_graph(hub, since=date(2023, 6, 1))
    assert summer["p-ana"]["p-ben"]["sessions"] == ("s-t1",)  # tables take the workshop's day
    assert not summer.has_edge("p-ana", "p-fay")  # s-undated is left out
    assert summer.graph["undated_sessions_excluded"] == 1
    assert summer.graph["since"] == "2023-06-01"
    winter = collaboration_graph(hub, until=date(2023, 1, 31))
    assert set(winter) == {"p-ana", "p-ben", "p-cy"}
    assert winter["p-ana"]["p-ben"]["sessions"] == ("s-jan",)
    # Both ends inclusive; dates compare with the session's day.
    day = collaboration_graph(hub, since=date(2023, 1, 10), until=date(2023, 1, 10))
    assert day["p-ana"]["p-cy"]["sessions"] == ("s-jan",)
    # Aware datetimes compare with the start itself: 09:30 leaves out s-day (09:00).
    later = affiliation_graph(hub, since=at("2023-06-22", 9) + timedelta(minutes=30))
    assert {n for n, side in later.nodes(data="bipartite") if side == 1} == {
        "s-ws", "s-t1", "s-t2",
    }  # fmt: skip
    with pytest.raises(ValueError, match="timezone-aware"):
        collaboration_graph(hub, since=datetime(2023, 1, 1))


# ------------------------------------------------------------- size guard


def test_max_session_size_skip_and_downweight(hub: Hub) -> None:
    skip = collaboration_graph(hub, max_session_size=3)
    assert skip.graph["skipped_sessions"] == ("s-t2",)
    assert "p-dee" in skip
    assert skip.degree("p-dee") == 0
    assert not skip.has_edge("p-fay", "o-uni")
    down = collaboration_graph(hub, max_session_size=3, oversize="downweight")
    assert down.graph["downweighted_sessions"] == ("s-t2",)
    assert down["p-fay"]["o-uni"]["weight"] == pytest.approx(1 / 3)
    assert down["p-ana"]["p-ben"]["weight"] == 2.0
    # At organisation level s-t2 has two actors (o-uni, o-ind): not oversized.
    assert collaboration_graph(hub, level="organisation", max_session_size=3).graph[
        "skipped_sessions"
    ] == ("s-undated",)


def test_projection_too_large_names_the_largest_sessions(hub: Hub) -> None:
    with pytest.raises(ProjectionTooLargeError) as raised:
        collaboration_graph(hub, max_pairs=12)
    error = raised.value
    assert error.pairs == 13
    assert error.limit == 12
    assert error.largest == (("s-t2", 4), ("s-t1", 3), ("s-jan", 3), ("s-undated", 2))
    assert "s-t2 (4)" in str(error)
    assert len(collaboration_graph(hub, max_pairs=13).edges) == 10
    with pytest.raises(ProjectionTooLargeError):
        collaboration_edges(hub, max_pairs=12)


def test_min_weight(hub: Hub) -> None:
    G = collaboration_graph(hub, min_weight=2)
    assert weights(G) == {
        pair("p-ana", "p-ben"): 2,
        pair("p-ana", "p-cy"): 2,
        pair("p-ben", "p-cy"): 2,
    }
    assert "p-dee" in G  # actors stay


# ---------------------------------------------------------- evidence and arrays


def test_edges_and_graph_agree(hub: Hub) -> None:
    for level in ("person", "organisation", "sector"):
        for scheme in ("count", "newman"):
            G = collaboration_graph(hub, level=level, weight=scheme)  # type: ignore[arg-type]
            bare = collaboration_graph(hub, level=level, weight=scheme, evidence=False)  # type: ignore[arg-type]
            edges = collaboration_edges(hub, level=level, weight=scheme)  # type: ignore[arg-type]
            assert weights(bare) == pytest.approx(weights(G))
            assert all(set(data) == {"weight"} for _, _, data in bare.edges(data=True))
            assert edges.to_networkx().graph == bare.graph
            assert weights(edges.to_networkx()) == pytest.approx(weights(G))
            assert dict(bare.nodes(data=True)) == dict(G.nodes(data=True))
    assert collaboration_edges(hub).node_data is None
    with_attributes = collaboration_edges(hub, node_attributes=True).to_networkx()
    assert dict(with_attributes.nodes(data=True)) == dict(collaboration_graph(hub).nodes(data=True))


def test_synthetic_hub_matches_networkx_projection_of_the_affiliation_graph() -> None:
    hub = synthetic_hub(4_000, seed=5)
    B = affiliation_graph(hub)
    stakeholders = [n for n, side in B.nodes(data="bipartite") if side == 0]
    for scheme, reference in (
        ("count", nx.bipartite.weighted_projected_graph),
        ("newman", nx.bipartite.collaboration_weighted_projected_graph),
    ):
        G = collaboration_graph(hub, weight=scheme)  # type: ignore[arg-type]
        expected = weights(reference(B, stakeholders))
        got = weights(G)
        assert got.keys() == expected.keys()
        assert max(abs(got[k] - expected[k]) for k in expected) < 1e-12
        assert set(G) == set(stakeholders)
        for node, data in G.nodes(data=True):
            if data["kind"] == "person":
                expected_sector = hub.sector_of(node)
                assert data["sector"] == (expected_sector and expected_sector.value)
        for u, v, shared in itertools.islice(G.edges(data="sessions"), 500):
            assert set(shared) == set(B[u]) & set(B[v])


# ------------------------------------------------------------------ affiliation


def test_affiliation_graph(hub: Hub) -> None:
    B = affiliation_graph(hub)
    sessions = {n for n, side in B.nodes(data="bipartite") if side == 1}
    assert sessions == {s.id for s in hub.sessions}  # s-ws too, though nobody is recorded there
    assert nx.bipartite.is_bipartite_node_set(B, sessions)
    assert B["p-ana"]["s-undated"] == {
        "weight": 2,
        "roles": ("participant", "note_taker"),
        "levels": ("collaborate",),
    }
    assert B["p-cy"]["s-t1"]["roles"] == ("presenter",)
    assert B.nodes["s-t1"] == {
        "kind": "session",
        "name": "Table 1",
        "sector": None,
        "session_kind": "table",
        "start": None,
        "parent": "s-ws",
        "bipartite": 1,
    }
    assert B.nodes["s-day"]["start"] == "2023-06-22T09:00:00+00:00"
    assert B.nodes["o-uni"]["bipartite"] == 0
    assert B.nodes["o-uni"]["kind"] == "organisation"
    # Breiger (1974): the person-by-person matrix is B Bᵀ, i.e. the projection.
    stakeholders = [n for n, side in B.nodes(data="bipartite") if side == 0]
    projected = nx.bipartite.weighted_projected_graph(B, stakeholders)
    assert weights(projected) == weights(collaboration_graph(hub))
    subtree = affiliation_graph(hub, nested="subtree")
    assert sorted(subtree["p-ben"]) == ["s-day", "s-jan", "s-t1", "s-ws"]
    assert subtree["p-ana"]["s-day"]["weight"] == 2  # at the event itself and at s-t1


# ------------------------------------------------------------------ interaction


def test_interaction_graph(hub: Hub) -> None:
    D = interaction_graph(hub)
    assert D.is_directed()
    # Cy presented at s-t1 to Ana and Ben.
    assert D["p-cy"]["p-ana"] == {
        "weight": 1, "response": 0, "addressed": 0, "presented": 1,
        "contributions": (), "sessions": ("s-t1",),
    }  # fmt: skip
    # Ben answered Cy's c-1.
    assert D["p-ben"]["p-cy"]["response"] == 1
    assert D["p-ben"]["p-cy"]["contributions"] == ("c-2",)
    # Ana answered Ben's c-2 and addressed it to Cy and Ben: two arcs to Ben, one to Cy.
    assert (D["p-ana"]["p-ben"]["response"], D["p-ana"]["p-ben"]["addressed"]) == (1, 1)
    assert D["p-ana"]["p-ben"]["weight"] == 2
    assert D["p-ana"]["p-ben"]["contributions"] == ("c-3",)
    assert D["p-ana"]["p-cy"]["addressed"] == 1
    # Ben answering himself (c-4) makes no arc; Cy addressed the trust.
    assert not D.has_edge("p-ben", "p-ben")
    assert D["p-cy"]["o-nhs"] == {
        "weight": 1, "response": 0, "addressed": 1, "presented": 0,
        "contributions": ("c-5",), "sessions": ("s-jan",),
    }  # fmt: skip
    assert D.nodes["o-nhs"]["kind"] == "organisation"
    assert set(D) == {"p-ana", "p-ben", "p-cy", "p-dee", "p-eve", "p-fay", "o-uni", "o-nhs"}
    for _, _, data in D.edges(data=True):
        assert data["weight"] == data["response"] + data["addressed"] + data["presented"]
    january = interaction_graph(hub, sessions=["s-jan"])
    assert list(january.edges) == [("p-cy", "o-nhs")]


def test_interaction_graph_subtree_reaches_the_tables() -> None:
    hub = Hub(
        people=tuple(Person(id=f"p-{i}", name=f"P{i}") for i in range(3)),
        sessions=(
            Session(id="s-event", name="Event"),
            Session(id="s-t", name="T", parent="s-event"),
        ),
        participations=(
            Participation(id="pa-0", session="s-event", person="p-0", role="presenter"),
            Participation(id="pa-1", session="s-t", person="p-1"),
            Participation(id="pa-2", session="s-t", person="p-2"),
        ),
    )
    assert interaction_graph(hub).number_of_edges() == 0
    keynote = interaction_graph(hub, nested="subtree")
    assert sorted(keynote.edges) == [("p-0", "p-1"), ("p-0", "p-2")]
    with pytest.raises(ValueError, match="nested"):
        interaction_graph(hub, nested="tree")  # type: ignore[arg-type]


def test_bad_options(hub: Hub) -> None:
    with pytest.raises(ValueError, match="level"):
        collaboration_graph(hub, level="team")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="nested"):
        collaboration_graph(hub, nested="all")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="weight"):
        collaboration_graph(hub, weight="jaccard")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        collaboration_graph(hub, since="2023-01-01")  # type: ignore[arg-type]


# ------------------------------------------------------------------ scope


def _same_graph(a: nx.Graph[Any], b: nx.Graph[Any]) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


BUILDERS = {
    "collaboration": collaboration_graph,
    "organisations": lambda hub, **options: collaboration_graph(
        hub, level="organisation", weight="newman", **options
    ),
    "affiliation": affiliation_graph,
    "interaction": interaction_graph,
}


@st.composite
def hubs_and_options(draw: st.DrawFn) -> tuple[Hub, dict[str, Any]]:
    hub = draw(hubs(min_sessions=1, max_sessions=6, min_people=2, max_participations=10))
    ids = [s.id for s in hub.sessions]
    starts = [s.start for s in hub.sessions if s.start is not None]
    options: dict[str, Any] = {
        "sessions": draw(st.none() | st.lists(st.sampled_from(ids), unique=True)),
        "kind": draw(st.none() | st.lists(st.sampled_from(list(SessionKind)), max_size=3)),
        "nested": draw(st.sampled_from(["own", "subtree"])),
    }
    if starts and draw(st.booleans()):
        options["since"] = draw(st.sampled_from(starts))
        if draw(st.booleans()):
            options["since"] = options["since"].date()
    return hub, options


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(hubs_and_options(), st.sampled_from(sorted(BUILDERS)))
def test_a_scope_builds_what_its_keywords_build(
    case: tuple[Hub, dict[str, Any]], builder: str
) -> None:
    hub, options = case
    build = BUILDERS[builder]
    keywords = build(hub, **options)
    scope = Scope(**{("kinds" if k == "kind" else k): v for k, v in options.items()})
    _same_graph(build(hub, scope=scope), keywords)
    # kind= chooses what the callers used to choose by listing the sessions of that kind.
    kinds = options["kind"]
    if kinds is not None and options["sessions"] is None:
        listed = [s.id for s in hub.sessions if s.kind in kinds]
        by_ids = build(hub, **{**options, "kind": None, "sessions": listed})
        assert list(keywords.edges(data=True)) == list(by_ids.edges(data=True))
        assert list(keywords.nodes(data=True)) == list(by_ids.nodes(data=True))


def test_kind_and_scope_choose_sessions(hub: Hub) -> None:
    tables = collaboration_graph(hub, kind="table")
    assert tables.graph["kinds"] == ("table",)
    assert tables.graph["sessions_selected"] == 2
    listed = collaboration_graph(hub, sessions=["s-t1", "s-t2"])
    assert list(tables.edges(data=True)) == list(listed.edges(data=True))
    events = collaboration_graph(hub, scope=Scope(kinds=["event"], nested="subtree"))
    assert events.graph["nested"] == "subtree"
    assert events["p-ana"]["p-ben"]["sessions"] == ("s-day",)  # the tables roll up
    B = affiliation_graph(hub, kind=["workshop", "table"])
    assert {n for n, side in B.nodes(data="bipartite") if side == 1} == {"s-ws", "s-t1", "s-t2"}
    D = interaction_graph(hub, kind="meeting")
    assert list(D.edges) == [("p-cy", "o-nhs")]


def test_scope_and_a_shorthand_are_not_both_given(hub: Hub) -> None:
    for build in BUILDERS.values():
        with pytest.raises(TypeError, match="give scope= or kind=, not both"):
            build(hub, scope=Scope(), kind="table")
        with pytest.raises(TypeError, match="give scope= or nested=, not both"):
            build(hub, scope=Scope(), nested="own")
    with pytest.raises(TypeError, match="give scope= or sessions=, not both"):
        collaboration_edges(hub, scope=Scope(), sessions=["s-t1"])
    with pytest.raises(ValueError, match="'tea' is not a valid SessionKind"):
        collaboration_graph(hub, kind="tea")
