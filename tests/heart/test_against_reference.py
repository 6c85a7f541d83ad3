"""The heart report against its slow reference: the same report, field by field.

``tests/heart/reference.py`` keeps the indicators as they were computed before issue 11
(a networkx graph with evidence, brokerage on its directed copy, one hub query per
stakeholder). The report computed from arrays and indexes must say exactly the same:
every value, figure, detail row, flag, note and record id, in the same order. Floats
that come out of sums (betweenness, strength and their ratios) may differ in their last
bits, as the order of the additions differs; everything else is compared exactly.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.heart import heart_report
from coinnovation.models import (
    Challenge,
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.testing.strategies import hubs
from coinnovation.testing.synthetic import synthetic_hub
from tests.conftest import EXAMPLE
from tests.heart.helpers import gbp, network_hub, process_hub
from tests.heart.reference import reference_heart_report

#: How close two floats computed by sums in a different order must be.
_RELATIVE = 1e-9


def _same(fast: Any, slow: Any, where: str = "report") -> None:
    """Assert two JSON-like structures are equal, floats to rounding."""
    if isinstance(slow, float) and isinstance(fast, float):
        if math.isnan(slow):
            assert math.isnan(fast), where
        else:
            assert math.isclose(fast, slow, rel_tol=_RELATIVE, abs_tol=1e-12), (where, fast, slow)
        return
    assert type(fast) is type(slow), (where, fast, slow)
    if isinstance(slow, dict):
        assert list(fast) == list(slow), (where, list(fast), list(slow))
        for key in slow:
            _same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list | tuple):
        assert len(fast) == len(slow), (where, len(fast), len(slow))
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            _same(a, b, f"{where}[{index}]")
    else:
        assert fast == slow, (where, fast, slow)


def _check(hub: Hub, **options: Any) -> None:
    try:
        slow = reference_heart_report(hub, **options)
    except Exception as error:  # the fast report must refuse the same way
        with pytest.raises(type(error)):
            heart_report(hub, **options)
        return
    fast = heart_report(hub, **options)
    _same(fast.to_dict(), slow.to_dict())
    assert fast.explain() == slow.explain()


# Hubs where sessions on challenges, community participants, plenaries, comparable
# agreements and deprived communities turn up often.
RICH_HUBS = hubs(
    min_communities=1,
    min_organisations=2,
    max_organisations=7,
    min_people=2,
    max_people=9,
    min_memberships=1,
    max_memberships=9,
    min_challenges=1,
    min_framings=1,
    min_sessions=2,
    max_sessions=6,
    min_participations=4,
    max_participations=24,
    min_contributions=1,
    min_agreements=1,
    max_agreements=3,
)

OPTIONS = st.fixed_dictionaries(
    {
        "level": st.sampled_from(["person", "organisation", "sector"]),
        "weight": st.sampled_from(["count", "newman"]),
        "kind": st.none() | st.sampled_from(["table", "event", "meeting", "workshop"]),
        "top": st.sampled_from([0.1, 0.5, 1.0]),
        "level_threshold": st.sampled_from(["inform", "involve", "empower"]),
        "unknown_level": st.sampled_from(["ignore", "count"]),
        "time_rate": st.none() | st.just(gbp("20")),
        "sector": st.sampled_from(["community", "industry", "academia", "other"]),
        "deprived": st.sampled_from([(1, 2, 3), (5,), ()]),
        "distance": st.sampled_from([None, None, "inverse"]),
    }
)


@given(st.one_of(hubs(), RICH_HUBS), OPTIONS)
def test_generated_hubs_give_the_reference_report(hub: Hub, options: dict[str, Any]) -> None:
    _check(hub, **options)


@settings(max_examples=10)
@given(
    st.integers(min_value=200, max_value=3_000),
    st.integers(min_value=0, max_value=2**16),
    st.sampled_from(["person", "organisation", "sector"]),
    st.sampled_from([None, "table", "event"]),
    st.sampled_from([0.05, 0.1, 0.5]),
)
def test_synthetic_hubs_give_the_reference_report(
    size: int, seed: int, level: str, kind: str | None, top: float
) -> None:
    hub = synthetic_hub(size, seed=seed, event_size_sigma=1.2, organisation_only_share=0.2)
    _check(hub, level=level, kind=kind, top=top)


def _plenary_hub(organisations: int, tables: int) -> Hub:
    """One plenary of every organisation, then tables of three, people and challenges."""
    sectors = ("community", "industry", "academia", "government", "health_service", "other")
    orgs = tuple(
        Organisation(id=f"o-{i}", name=f"Org {i}", sector=sectors[i % 6])
        for i in range(organisations)
    )
    people = tuple(Person(id=f"p-{i}", name=f"Person {i}") for i in range(organisations))
    members = tuple(
        Membership(id=f"m-{i}", person=f"p-{i}", organisation=f"o-{i}")
        for i in range(organisations)
    )
    challenge = Challenge(id="ch-1", title="Access", stage="co_design")
    sessions = [Session(id="ev", name="Plenary", kind="event", challenges=("ch-1",))]
    sessions += [
        Session(id=f"t-{t}", name=f"Table {t}", kind="table", parent="ev", stage="ideation")
        for t in range(tables)
    ]
    participations = [
        Participation(id=f"pa-ev-{i}", session="ev", person=f"p-{i}", level="involve")
        for i in range(organisations)
    ]
    participations += [
        Participation(
            id=f"pa-t{t}-{i}", session=f"t-{t}", person=f"p-{(3 * t + i) % organisations}"
        )
        for t in range(tables)
        for i in range(3)
    ]
    return Hub(
        organisations=orgs,
        people=people,
        memberships=members,
        challenges=(challenge,),
        sessions=tuple(sessions),
        participations=tuple(participations),
    )


@pytest.mark.parametrize("level", ["person", "organisation", "sector"])
@pytest.mark.parametrize("kind", [None, "table"])
def test_a_plenary_gives_the_reference_report(level: str, kind: str | None) -> None:
    _check(_plenary_hub(60, 12), level=level, kind=kind)


@pytest.mark.parametrize("kind", [None, "table"])
@pytest.mark.parametrize("level", ["person", "organisation"])
def test_the_example_and_the_hand_built_hubs_give_the_reference_report(
    kind: str | None, level: str
) -> None:
    for hub in (co.load(EXAMPLE), network_hub(), process_hub(), Hub()):
        _check(hub, kind=kind, level=level)
        _check(hub, kind=kind, level=level, unknown_level="count", time_rate=gbp("15"))


@st.composite
def _cliques_and_tables(draw: st.DrawFn) -> Hub:
    """Separate groups of organisations: some meet only in one plenary (a clique
    component), others at tables too, or only at tables (components that are not
    cliques), so betweenness and brokerage skip some components and search others."""
    sectors = ("community", "industry", "academia", "government", "health_service", "other")
    groups = draw(st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=5))
    organisations: list[Organisation] = []
    sessions: list[Session] = []
    participations: list[Participation] = []
    for g, size in enumerate(groups):
        members = [f"o-{g}-{i}" for i in range(size)]
        organisations += [
            Organisation(id=o, name=o, sector=draw(st.sampled_from(sectors))) for o in members
        ]
        shape = draw(st.sampled_from(["plenary", "plenary and tables", "tables"]))
        if shape != "tables":
            sessions.append(Session(id=f"ev-{g}", name=f"Plenary {g}", kind="event"))
            participations += [
                Participation(id=f"pa-ev-{g}-{o}", session=f"ev-{g}", organisation=o)
                for o in members
            ]
        if shape != "plenary":
            pairs = draw(
                st.lists(
                    st.tuples(st.sampled_from(members), st.sampled_from(members)),
                    min_size=1,
                    max_size=6,
                )
            )
            for t, (a, b) in enumerate(pairs):
                sessions.append(Session(id=f"t-{g}-{t}", name=f"Table {g} {t}", kind="table"))
                participations += [
                    Participation(id=f"pa-t-{g}-{t}-{o}", session=f"t-{g}-{t}", organisation=o)
                    for o in dict.fromkeys((a, b))
                ]
    return Hub(
        organisations=tuple(organisations),
        sessions=tuple(sessions),
        participations=tuple(participations),
    )


@given(_cliques_and_tables(), st.sampled_from([None, "table"]), st.sampled_from([0.1, 1.0]))
def test_clique_components_give_the_reference_report(
    hub: Hub, kind: str | None, top: float
) -> None:
    _check(hub, kind=kind, top=top)
    _check(hub, kind=kind, top=top, distance="inverse")
