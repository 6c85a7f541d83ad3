"""The heart report as a whole: edge cases, outputs, the example hub, and properties."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.heart import INDICATORS, HeartReport, Indicator, heart_report
from coinnovation.models import Hub
from coinnovation.testing.strategies import hubs
from tests.conftest import EXAMPLE
from tests.heart.helpers import gbp, network_hub, process_hub

SHARE_FIGURES = (
    "node_share",
    "top_share",
    "share_total",
    "share_coordinator",
    "share_gatekeeper",
    "share_representative",
    "share_itinerant",
    "share_liaison",
    "mean_share",
    "pooled_share",
    "framing_share",
    "contribution_share",
    "participant_share",
    "fair_share",
    "people_share",
    "population_share",
)


# ----------------------------------------------------------------- edge cases


def test_an_empty_hub() -> None:
    report = heart_report(Hub())
    assert [indicator.name for indicator in report.indicators] == list(INDICATORS)
    assert all(value is None for value in report.values.values())
    assert all(indicator.notes for indicator in report.indicators)
    assert "n/a" in report.explain()


def test_a_hub_without_community_stakeholders() -> None:
    # Remove the community organisations and the resident, and whatever refers to them.
    hub = process_hub()
    gone = {"c1", "c2", "p-res"}
    hub = Hub(
        communities=hub.communities,
        organisations=tuple(o for o in hub.organisations if o.id not in gone),
        people=tuple(p for p in hub.people if p.id not in gone),
        memberships=hub.memberships,
        challenges=hub.challenges,
        framings=tuple(f for f in hub.framings if f.author not in gone),
        sessions=hub.sessions,
        participations=tuple(p for p in hub.participations if p.stakeholder not in gone),
        contributions=tuple(c for c in hub.contributions if c.author not in gone),
        agreements=(hub.agreement("ag-2"),),
    )
    report = heart_report(hub)
    note = "the hub records no community-sector stakeholders"
    assert all(note in indicator.notes for indicator in report.indicators[:5])
    assert report["centrality"].value is None
    assert report["brokerage"].value is None  # nobody brokers in a two-node network
    assert report["brokerage"].figures["node_share"] == 0.0
    assert report["throughout"].value == 0.0
    assert report["throughout"].flagged["absent"] == ("ch-a", "ch-c", "ch-d")
    # Nobody's work on ch-b and ch-e is left: not measured, rather than absent.
    assert report["throughout"].flagged["no_work"] == ("ch-b", "ch-e")
    assert report["voice"].value == 0.0
    assert report["equal_partners"].value is None


def test_options_are_checked() -> None:
    hub = Hub()
    with pytest.raises(ValueError, match="top"):
        heart_report(hub, top=0)
    with pytest.raises(ValueError, match="unknown_level"):
        heart_report(hub, unknown_level="guess")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="deciles"):
        heart_report(hub, deprived=(0, 1))
    with pytest.raises(ValueError, match="citizens"):
        heart_report(hub, sector="citizens")
    with pytest.raises(ValueError, match="shout"):
        heart_report(hub, level_threshold="shout")
    with pytest.raises(ValueError, match="party"):
        heart_report(hub, kind="party")
    with pytest.raises(TypeError, match="time_rate"):
        heart_report(hub, time_rate=25)  # type: ignore[arg-type]


def test_another_sector_at_the_heart() -> None:
    report = heart_report(network_hub(), kind="table", sector="industry")
    # f: betweenness 1/2 against the hub mean 4/15 → 15/8.
    assert report["centrality"].value == pytest.approx(15 / 8)
    assert report.sector == "industry"
    assert report.explain().startswith("Industry at the heart")


def test_outputs() -> None:
    report = heart_report(process_hub())
    assert isinstance(report, HeartReport)
    data = report.to_dict()
    json.dumps(data)
    assert data["options"]["level_threshold"] == "involve"
    frame = report.to_frame()
    assert frame.loc["throughout", "value"] == pytest.approx(0.25)
    assert frame.loc["throughout", "flags"] == 3
    details = report["throughout"].to_frame()
    assert details["challenge"].tolist() == ["ch-a", "ch-b", "ch-c", "ch-d", "ch-e"]
    text = str(report)
    assert text == report.explain()
    assert "Flag: challenges with no community participation at all (1): ch-d" in text
    assert "Computed from: 5 challenges, 6 sessions, 9 participations" in text
    with pytest.raises(KeyError):
        report["nothing"]


def test_the_example_hub() -> None:
    hub = co.load(EXAMPLE)
    report = heart_report(hub, kind="table")
    assert all(indicator.value is not None for indicator in report.indicators)
    assert report["throughout"].value == 1.0
    assert report["voice"].figures["framings"] == 33
    assert report["equal_partners"].figures["comparable"] == 1
    assert report["reach"].figures["people"] == 90
    everything = heart_report(hub)
    assert everything["centrality"].value is None  # the event ties everyone
    assert len(everything.explain().splitlines()) > 50


# ----------------------------------------------------------------- properties


def _shares(report: HeartReport) -> list[float]:
    found: list[float] = []
    for indicator in report.indicators:
        found += [
            float(value)
            for name, value in indicator.figures.items()
            if name in SHARE_FIGURES and value is not None
        ]
        for row in indicator.details:
            found += [
                float(row[key])
                for key in ("share", "contribution_share", "reward_share")
                if row.get(key) is not None
            ]
    for name in ("brokerage", "throughout", "voice", "equal_partners"):
        if report[name].value is not None:
            found.append(float(report[name].value))  # type: ignore[arg-type]
    return found


# Bigger hubs than the default, so that sessions on challenges, community participants,
# comparable agreements and deprived communities turn up often.
RICH_HUBS = hubs(
    min_communities=1,
    min_organisations=2,
    max_organisations=6,
    min_people=2,
    max_people=8,
    min_memberships=1,
    max_memberships=8,
    min_challenges=1,
    min_framings=1,
    min_sessions=2,
    max_sessions=6,
    min_participations=4,
    max_participations=16,
    min_agreements=1,
    max_agreements=3,
)
ANY_HUBS = st.one_of(hubs(), RICH_HUBS)

OPTIONS = st.fixed_dictionaries(
    {
        "level": st.sampled_from(["person", "organisation", "sector"]),
        "weight": st.sampled_from(["count", "newman"]),
        "kind": st.none() | st.sampled_from(["table", "event", "meeting"]),
        "top": st.sampled_from([0.1, 0.5, 1.0]),
        "level_threshold": st.sampled_from(["inform", "involve", "empower"]),
        "unknown_level": st.sampled_from(["ignore", "count"]),
        "time_rate": st.none() | st.just(gbp("20")),
        "sector": st.sampled_from(["community", "industry"]),
    }
)


@given(ANY_HUBS, OPTIONS)
def test_the_report_never_raises_and_shares_are_shares(hub: Hub, options: dict) -> None:  # type: ignore[type-arg]
    report = heart_report(hub, **options)
    assert [indicator.name for indicator in report.indicators] == list(INDICATORS)
    for share in _shares(report):
        assert 0.0 <= share <= 1.0
    for indicator in report.indicators:
        assert isinstance(indicator, Indicator)
        if indicator.value is not None:
            assert math.isfinite(indicator.value)
            assert indicator.value >= 0
        else:
            assert indicator.notes, f"{indicator.name} is None without a note"
        for record in indicator.records:
            hub.get(record)  # raises for an id not in the hub
        assert sum(indicator.sources.values()) == len(indicator.records)
    assert report.explain()
    json.dumps(report.to_dict())


def _covered(report: HeartReport) -> dict[str, set[str]]:
    return {row["challenge"]: set(row["covered"]) for row in report["throughout"].details}


@given(st.one_of(hubs(min_participations=1, min_challenges=1), RICH_HUBS))
def test_removing_community_participations_never_covers_more(hub: Hub) -> None:
    # Challenges whose share cannot be known drop out of the mean, so the mean itself
    # is not monotone; what the sector covers is, challenge by challenge.
    before = heart_report(hub)
    community = [
        p.id for p in hub.participations if hub.sector_of(p.stakeholder) == co.Sector.COMMUNITY
    ]
    after = heart_report(hub.remove(*community))
    old, new = _covered(before), _covered(after)
    assert all(new[challenge] <= old[challenge] for challenge in new)
    if not community:
        assert after["throughout"].value == before["throughout"].value
    else:
        # Without the sector, every challenge anyone worked on is a measured 0.
        assert after["throughout"].value in (0.0, None)
        rows = after["throughout"].details
        assert all(row["share"] in (0.0, None) for row in rows)


@given(RICH_HUBS)
def test_counting_unknown_levels_never_lowers_throughout(hub: Hub) -> None:
    ignore = heart_report(hub, unknown_level="ignore")["throughout"]
    count = heart_report(hub, unknown_level="count")["throughout"]
    shares = {row["challenge"]: row["share"] for row in count.details}
    for row in ignore.details:
        # Where both are known, counting unknown levels covers at least as much.
        if row["share"] is not None and shares[row["challenge"]] is not None:
            assert shares[row["challenge"]] >= row["share"]
    covered = {row["challenge"]: set(row["covered"]) for row in count.details}
    assert all(set(row["covered"]) <= covered[row["challenge"]] for row in ignore.details)


def test_every_headline_says_its_scale_neutral_value_and_direction() -> None:
    report = heart_report(co.load(EXAMPLE), kind="table")
    brokerage, voice = report["brokerage"], report["voice"]
    assert brokerage.neutral == brokerage.figures["node_share"]
    assert voice.neutral == voice.figures["participant_share"]
    assert report["centrality"].neutral == report["reach"].neutral == 1.0
    assert report["centrality"].key == "1 = as central as the average stakeholder; higher is better"
    assert brokerage.key == "0.381 = its share of the nodes; higher is better"
    text = report.explain()
    frame = report.to_frame()
    page = report._repr_html_()
    for indicator in report.indicators:
        assert indicator.scale
        assert indicator.better == "higher"
        assert indicator.reason is None
        data = indicator.to_dict()
        assert (data["scale"], data["neutral"], data["better"], data["key"]) == (
            indicator.scale,
            indicator.neutral,
            indicator.better,
            indicator.key,
        )
        line = next(row for row in text.splitlines() if row.startswith(f"  {indicator.title} "))
        assert line.endswith(indicator.key)
        assert f"Scale: {indicator.scale}; " in " ".join(text.split())
        assert frame.loc[indicator.name, "key"] == indicator.key
        assert frame.loc[indicator.name, "neutral"] == pytest.approx(indicator.neutral)
        assert indicator.key.replace("'", "&#x27;") in page


# ----------------------------------------------------------------- one scope (issue 10)


def test_the_network_indicators_take_a_scope() -> None:
    from datetime import date

    from coinnovation.models import Scope

    hub = co.load(EXAMPLE)
    by_kind = heart_report(hub, kind="table")
    by_scope = heart_report(hub, scope=Scope(kinds=["table"]))
    assert by_scope.to_dict() == by_kind.to_dict()
    assert by_kind.options["kind"] == ("table",)
    assert by_kind.options["sessions"] == "sessions of kind table"
    assert "weights, sessions of kind table;" in by_kind.explain()
    assert heart_report(hub, kind=[]).to_dict() == heart_report(hub).to_dict()  # none: all
    assert "all sessions" in heart_report(hub).explain()
    # Only the network indicators read the scope; the evidence is what counted.
    early = heart_report(hub, scope=Scope(until=date(2000, 1, 1)))
    assert early["centrality"].value is None
    assert early["centrality"].sources == {}
    assert early["voice"].to_dict() == by_kind["voice"].to_dict()
    assert "sessions until 2000-01-01;" in early.explain()
    subtree = heart_report(hub, scope=Scope(kinds=["workshop"], nested="subtree"))
    assert subtree["centrality"].sources["participation"] > 0
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        heart_report(hub, scope=Scope(), kind="table")


def test_computed_from_names_record_kinds_as_the_record_table_does() -> None:
    """The plural of each kind of record comes from models.records, not a copy of it."""
    from coinnovation.models.records import FIELD_OF_KIND

    report = heart_report(co.load(EXAMPLE), kind="table")
    for indicator in report.indicators:
        text = indicator.explain()
        for kind, count in indicator.sources.items():
            assert f"{count} {kind if count == 1 else FIELD_OF_KIND[kind]}" in text
