"""The community-at-the-heart report: every indicator computed by hand, and properties."""

from __future__ import annotations

import json
import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.heart import INDICATORS, HeartReport, Indicator, heart_report
from coinnovation.heart._context import _stages_through
from coinnovation.models import (
    Agreement,
    Challenge,
    Community,
    Contribution,
    Cost,
    Framing,
    Hub,
    Membership,
    Money,
    Organisation,
    Participation,
    Party,
    Person,
    Reward,
    Session,
    Share,
    StageChange,
)
from coinnovation.network import collaboration_graph
from coinnovation.testing.strategies import hubs

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "walsall-2023" / "hub.json"

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


def gbp(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="GBP")


# ----------------------------------------------------------------- hand-built hubs


def network_hub() -> Hub:
    """Four two-party tables making the tree u - f - c1 - h, c1 - c2.

    Sectors: u academia, f industry, c1 and c2 community, h health service. A plenary
    event (kind "event") ties everybody, so kind="table" matters.
    """
    organisations = (
        Organisation(id="u", name="Uni", sector="academia"),
        Organisation(id="f", name="Firm", sector="industry"),
        Organisation(id="c1", name="Tenants", sector="community"),
        Organisation(id="h", name="Trust", sector="health_service"),
        Organisation(id="c2", name="Carers", sector="community"),
    )
    tables = {"s1": ("u", "f"), "s2": ("f", "c1"), "s3": ("c1", "h"), "s4": ("c1", "c2")}
    sessions = [Session(id="ev", name="Plenary", kind="event")]
    sessions += [Session(id=s, name=s, kind="table") for s in tables]
    participations = [
        Participation(id=f"pa-{s}-{o}", session=s, organisation=o)
        for s, members in tables.items()
        for o in members
    ]
    participations += [
        Participation(id=f"pa-ev-{o.id}", session="ev", organisation=o.id) for o in organisations
    ]
    return Hub(
        name="network",
        organisations=organisations,
        sessions=tuple(sessions),
        participations=tuple(participations),
    )


def process_hub() -> Hub:
    """Five challenges, framings, contributions, four agreements and four communities."""
    return Hub(
        name="process",
        communities=(
            Community(id="com-1", name="Estate", imd_decile=1, population=1000),
            Community(id="com-2", name="Suburb", imd_decile=5, population=3000),
            Community(id="com-3", name="Old town", imd_decile=2),
            Community(id="com-4", name="Carers", population=1000),
        ),
        organisations=(
            Organisation(id="c1", name="Tenants", sector="community", communities=("com-3",)),
            Organisation(id="c2", name="Carers", sector="community"),
            Organisation(id="f", name="Firm", sector="industry", communities=("com-2",)),
            Organisation(id="h", name="Trust", sector="health_service"),
        ),
        people=(
            Person(id="p-res", name="Resident", sector="community", communities=("com-1",)),
            Person(id="p-dev", name="Developer"),
            Person(id="p-x", name="Absent", communities=("com-3",)),
        ),
        memberships=(Membership(id="m-1", person="p-dev", organisation="f"),),
        challenges=(
            Challenge(
                id="ch-a",
                title="A",
                stage="co_design",
                stage_history=(
                    StageChange(stage="ideation", on=date(2024, 1, 1)),
                    StageChange(stage="co_design", on=date(2024, 2, 1)),
                ),
            ),
            Challenge(id="ch-b", title="B", stage="ideation"),
            Challenge(id="ch-c", title="C"),
            Challenge(id="ch-d", title="D"),
            Challenge(id="ch-e", title="E"),
        ),
        framings=(
            Framing(id="f1", challenge="ch-a", author="c1", statement="x"),
            Framing(id="f2", challenge="ch-a", author="f", statement="x"),
            Framing(id="f3", challenge="ch-b", author="p-dev", statement="x"),
            Framing(id="f4", challenge="ch-c", author="p-res", statement="x"),
        ),
        sessions=(
            Session(id="s-ws", name="W", kind="workshop", challenges=("ch-a",), stage="ideation"),
            Session(id="s-t1", name="T1", kind="table", parent="s-ws"),
            Session(id="s-cd", name="CD", challenges=("ch-a",), stage="co_design"),
            Session(id="s-b", name="B", challenges=("ch-b",), stage="ideation"),
            Session(id="s-c", name="C", challenges=("ch-c",), stage="framing"),
            Session(id="s-d", name="D", challenges=("ch-d",), stage="framing"),
            Session(id="s-e", name="E", challenges=("ch-e",), stage="framing"),
        ),
        participations=(
            Participation(id="pa1", session="s-t1", organisation="c1", level="collaborate"),
            Participation(id="pa2", session="s-cd", organisation="c1", level="consult"),
            Participation(id="pa3", session="s-b", person="p-res", level="involve"),
            Participation(id="pa4", session="s-c", person="p-res", level="consult"),
            Participation(id="pa5", session="s-c", organisation="f", level="collaborate"),
            Participation(id="pa6", session="s-d", organisation="f", level="involve"),
            Participation(id="pa7", session="s-d", organisation="h", level="involve"),
            Participation(id="pa8", session="s-e", organisation="c2"),
            Participation(id="pa9", session="s-t1", person="p-dev", level="involve"),
        ),
        contributions=(
            Contribution(id="k1", session="s-t1", author="c1", text="x", challenge="ch-a"),
            Contribution(id="k2", session="s-t1", author="p-dev", text="x", challenge="ch-a"),
            Contribution(id="k3", session="s-b", author="p-res", text="x", challenge="ch-b"),
        ),
        agreements=(
            Agreement(
                id="ag-1",
                title="Pilot",
                challenge="ch-a",
                parties=(Party(stakeholder="c1"), Party(stakeholder="f")),
                costs=(
                    Cost(party="f", kind="cash", amount=gbp("900")),
                    Cost(party="c1", kind="time", hours=Decimal("12")),
                ),
                rewards=(Reward(id="fee", kind="cash", amount=gbp("300")),),
                shares=(
                    Share(party="f", reward="fee", fraction=Decimal("0.8")),
                    Share(party="c1", reward="fee", fraction=Decimal("0.2")),
                ),
            ),
            Agreement(
                id="ag-2",
                title="Licence",
                challenge="ch-c",
                parties=(Party(stakeholder="f"), Party(stakeholder="h")),
                costs=(Cost(party="f", kind="cash", amount=gbp("100")),),
                rewards=(Reward(id="lic", kind="licence"),),
                shares=(Share(party="f", reward="lic", fraction=Decimal(1)),),
            ),
            Agreement(
                id="ag-3",
                title="Grant",
                parties=(Party(stakeholder="c2"), Party(stakeholder="h")),
                costs=(
                    Cost(party="c2", kind="in_kind", amount=gbp("500")),
                    Cost(party="h", kind="cash", amount=gbp("500")),
                ),
                rewards=(Reward(id="grant", kind="cash", amount=gbp("1000")),),
                shares=(
                    Share(party="c2", reward="grant", fraction=Decimal("0.5")),
                    Share(party="h", reward="grant", fraction=Decimal("0.5")),
                ),
            ),
            Agreement(
                id="ag-4",
                title="Empty",
                parties=(Party(stakeholder="p-res"), Party(stakeholder="f")),
            ),
        ),
    )


# ----------------------------------------------------------------- centrality


def test_centrality_by_hand() -> None:
    # Tables only: the tree u - f - c1 - h with c1 - c2 (each table has two actors, so
    # every Newman weight is 1/(2-1) = 1).
    # Betweenness, pairs counted once, normalised by (n-1)(n-2)/2 = 6:
    #   f lies on u-c1, u-h, u-c2: 3/6 = 1/2; c1 on u-h, u-c2, f-h, f-c2, h-c2: 5/6.
    # Community mean (c1, c2) = (5/6 + 0)/2 = 5/12; hub mean = (1/2 + 5/6)/5 = 4/15.
    # Ratio = (5/12)/(4/15) = 25/16.
    # Strength: u 1, f 2, c1 3, h 1, c2 1: community (3+1)/2 = 2, hub 8/5 → 1.25.
    # Top 10% of 5 nodes: ceil(0.5) = 1 node, c1 → top_share 1 against node_share 2/5.
    indicator = heart_report(network_hub(), kind="table")["centrality"]
    assert indicator.value == pytest.approx(25 / 16)
    assert indicator.figures["strength_ratio"] == pytest.approx(1.25)
    assert indicator.figures["top_size"] == 1
    assert indicator.figures["top_share"] == 1.0
    assert indicator.figures["node_share"] == pytest.approx(0.4)
    assert indicator.sources == {"session": 4, "participation": 8}
    rows = {row["node"]: row for row in indicator.details}
    assert rows["c1"]["top"]
    assert rows["c1"]["community"]
    assert rows["f"]["betweenness"] == pytest.approx(0.5)


def test_top_group_takes_every_tie() -> None:
    # Tables making the path u - f - c1 - h - c2: betweenness f 1/2, c1 4/6, h 1/2.
    # top = 0.4 of 5 nodes = 2 nodes; the second highest is 1/2, shared by f and h, so
    # the top group is {c1, f, h}: top_share 1/3. Nodes of zero betweenness never enter.
    tables = {"s1": ("u", "f"), "s2": ("f", "c1"), "s3": ("c1", "h"), "s4": ("h", "c2")}
    base = network_hub()
    hub = Hub(
        organisations=base.organisations,
        sessions=tuple(Session(id=s, name=s, kind="table") for s in tables),
        participations=tuple(
            Participation(id=f"pa-{s}-{o}", session=s, organisation=o)
            for s, members in tables.items()
            for o in members
        ),
    )
    indicator = heart_report(hub, top=0.4)["centrality"]
    assert indicator.figures["top_size"] == 3
    assert indicator.figures["top_share"] == pytest.approx(1 / 3)
    # Community mean (4/6 + 0)/2 = 1/3 equals the hub mean (1/2 + 4/6 + 1/2)/5 = 1/3.
    assert indicator.value == pytest.approx(1.0)
    assert heart_report(hub, top=1.0)["centrality"].figures["top_size"] == 3


@pytest.mark.parametrize(
    ("source", "level"),
    [("example", "person"), ("example", "organisation"), ("tree", "organisation")],
)
def test_centrality_ratio_matches_networkx(source: str, level: str) -> None:
    hub = co.load(EXAMPLE) if source == "example" else network_hub()
    tables = [s.id for s in hub.sessions if s.kind == "table"]
    G = collaboration_graph(hub, level=level, weight="newman", sessions=tables)  # type: ignore[arg-type]
    between = nx.betweenness_centrality(G)
    community = [v for v in G if G.nodes[v]["sector"] == "community"]
    hub_mean = sum(between.values()) / len(between)
    expected = sum(between[v] for v in community) / len(community) / hub_mean
    indicator = heart_report(hub, level=level, kind="table")["centrality"]  # type: ignore[arg-type]
    assert indicator.value == pytest.approx(expected)


def test_sector_level_of_the_example_has_nobody_between() -> None:
    # At the tables every sector meets every other: a complete graph of five sectors.
    indicator = heart_report(co.load(EXAMPLE), level="sector", kind="table")["centrality"]
    assert indicator.value is None
    assert indicator.figures["nodes"] == 5
    assert indicator.figures["community_nodes"] == 1


def test_a_session_with_everybody_leaves_nobody_between() -> None:
    # With the plenary, everyone is tied to everyone: betweenness is 0 everywhere.
    report = heart_report(network_hub())
    assert report["centrality"].value is None
    assert report["centrality"].figures["strength_ratio"] is not None
    assert any("betweenness is 0" in note for note in report["centrality"].notes)
    assert report["brokerage"].value is None
    assert report["brokerage"].figures["brokerages"] == 0


# ----------------------------------------------------------------- brokerage


def test_brokerage_by_hand() -> None:
    # The tree u - f - c1 - h, c1 - c2, each tie an arc both ways.
    # f brokers (u, c1) and (c1, u): academia, industry, community → 2 liaisons.
    # c1 brokers the six ordered pairs of {f, h, c2} (none tied to each other):
    #   (f, h), (h, f): industry/health around community → 2 liaisons;
    #   (f, c2), (h, c2): outsider into c1's sector → 2 gatekeepers;
    #   (c2, f), (c2, h): c1's sector out → 2 representatives.
    # Totals: liaison 4, gatekeeper 2, representative 2, all 8; community holds 6.
    indicator = heart_report(network_hub(), kind="table")["brokerage"]
    assert indicator.value == pytest.approx(6 / 8)
    assert indicator.figures["share_liaison"] == pytest.approx(0.5)
    assert indicator.figures["share_gatekeeper"] == 1.0
    assert indicator.figures["share_representative"] == 1.0
    assert indicator.figures["share_coordinator"] is None  # nobody coordinates
    assert indicator.figures["share_itinerant"] is None
    assert indicator.figures["node_share"] == pytest.approx(0.4)
    assert indicator.figures["brokerages"] == 8
    rows = {row["node"]: row for row in indicator.details}
    assert (rows["c1"]["liaison"], rows["c1"]["gatekeeper"], rows["c1"]["total"]) == (2, 2, 6)
    assert indicator.flags == ()


def test_brokerage_flags_roles_never_held() -> None:
    # An industry star: f brokers between the three community organisations
    # (itinerant), which hold no role at all.
    hub = Hub(
        organisations=(
            Organisation(id="f", name="F", sector="industry"),
            *(Organisation(id=f"c{i}", name=f"C{i}", sector="community") for i in range(3)),
        ),
        sessions=tuple(Session(id=f"s{i}", name="T", kind="table") for i in range(3)),
        participations=tuple(
            Participation(id=f"pa{i}{o}", session=f"s{i}", organisation=o)
            for i in range(3)
            for o in ("f", f"c{i}")
        ),
    )
    indicator = heart_report(hub)["brokerage"]
    assert indicator.value == 0.0
    assert indicator.flags == ("itinerant",)
    assert indicator.flagged["role_not_held"] == ("itinerant",)


# ----------------------------------------------------------------- throughout


def test_session_context_inherits_from_the_nearest_ancestor() -> None:
    hub = Hub(
        challenges=(Challenge(id="ch-1", title="x"), Challenge(id="ch-2", title="y")),
        sessions=(
            Session(id="t", name="T", parent="w"),
            Session(id="w", name="W", parent="e", stage="ideation"),
            Session(id="e", name="E", challenges=("ch-1",), stage="framing"),
            Session(id="t2", name="T2", parent="w", challenges=("ch-2",)),
        ),
    )
    context = hub.session_context()
    assert context["e"] == (("ch-1",), "framing")
    assert context["w"] == (("ch-1",), "ideation")
    assert context["t"] == (("ch-1",), "ideation")
    assert context["t2"] == (("ch-2",), "ideation")


def test_stages_through() -> None:
    hub = process_hub()
    # From its history (it entered at ideation), not the hub's stages up to co_design.
    assert _stages_through(hub, hub.challenge("ch-a")) == ("ideation", "co_design")
    assert _stages_through(hub, hub.challenge("ch-b")) == ("framing", "ideation")
    assert _stages_through(hub, hub.challenge("ch-c")) == ("framing",)


def test_throughout_by_hand() -> None:
    # ch-a (history: ideation, co_design): c1 collaborates at table s-t1, which inherits
    #   ch-a and ideation from its workshop → ideation covered; c1 only consulted at the
    #   co_design session → below. share 1/2.
    # ch-b (no history, at ideation → framing, ideation): p-res involved at ideation.
    #   share 1/2.
    # ch-c (framing): p-res consulted, the firm collaborated → 0, flagged below threshold.
    # ch-d (framing): only the firm and the trust → 0, flagged absent.
    # ch-e (framing): c2 with no level → unknown (None, not 0), flagged level unrecorded.
    # Value = (1/2 + 1/2 + 0 + 0)/4 = 1/4, over the four challenges it is known for.
    indicator = heart_report(process_hub())["throughout"]
    assert indicator.value == pytest.approx(0.25)
    assert indicator.figures["measured"] == 4
    assert indicator.flagged["below_threshold"] == ("ch-c",)
    assert indicator.flagged["absent"] == ("ch-d",)
    assert indicator.flagged["level_unrecorded"] == ("ch-e",)
    assert indicator.flags == ("ch-c", "ch-e", "ch-d")
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-a"]["stage_status"] == {"ideation": "covered", "co_design": "below"}
    assert rows["ch-b"]["stage_status"] == {"framing": "absent", "ideation": "covered"}
    assert rows["ch-e"]["unknown_level"] == 1
    assert indicator.figures["unknown_level"] == 1
    assert rows["ch-e"]["share"] is None
    assert indicator.figures["stages_covered"] == 2
    assert indicator.figures["stages_through"] == 6  # ch-e's stage is not measured
    assert indicator.sources == {"challenge": 5, "session": 6, "participation": 9}


def test_unknown_levels_can_count() -> None:
    # With unknown_level="count", c2's participation covers ch-e's framing: (1/2 + 1/2 + 1)/5.
    indicator = heart_report(process_hub(), unknown_level="count")["throughout"]
    assert indicator.value == pytest.approx(0.4)
    assert "ch-e" not in indicator.flags


def test_a_lower_threshold_covers_consultation() -> None:
    # At threshold consult: ch-a both stages, ch-b 1/2, ch-c 1, ch-d 0; ch-e unknown
    # → (1 + 1/2 + 1 + 0)/4.
    indicator = heart_report(process_hub(), level_threshold="consult")["throughout"]
    assert indicator.value == pytest.approx(0.625)
    assert indicator.flagged["below_threshold"] == ()


def test_participation_in_a_session_of_no_stage_is_unplaced() -> None:
    hub = Hub(
        organisations=(Organisation(id="c", name="C", sector="community"),),
        challenges=(Challenge(id="ch", title="x"),),
        sessions=(Session(id="s", name="S", challenges=("ch",)),),
        participations=(Participation(id="pa", session="s", organisation="c", level="empower"),),
    )
    indicator = heart_report(hub)["throughout"]
    assert indicator.value is None  # not 0: it took part, at a stage nobody recorded
    assert indicator.reason is not None
    assert "no known stage" in indicator.reason
    assert indicator.flagged["unplaced"] == ("ch",)
    assert indicator.details[0]["unplaced"] == 1


# ----------------------------------------------------------------- voice


def test_voice_by_hand() -> None:
    # Framings: f1 by c1 (community), f2 by the firm, f3 by p-dev (industry through
    # the firm), f4 by p-res (community) → 2/4.
    # Contributions: k1 by c1, k2 by p-dev, k3 by p-res → 2/3.
    # Participants: c1, p-res, f, h, c2, p-dev; community c1, p-res, c2 → 3/6.
    # No community framing: ch-b (p-dev only), ch-d, ch-e (none).
    indicator = heart_report(process_hub())["voice"]
    assert indicator.value == 0.5
    assert indicator.figures["contribution_share"] == pytest.approx(2 / 3)
    assert indicator.figures["participant_share"] == 0.5
    assert indicator.flags == ("ch-b", "ch-d", "ch-e")
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-a"] == {
        "challenge": "ch-a",
        "title": "A",
        "framings": 2,
        "community_framings": 1,
        "contributions": 2,
        "community_contributions": 1,
    }


# ----------------------------------------------------------------- equal partners


def test_equal_partners_by_hand() -> None:
    # ag-1: c1's 12 hours have no rate and count 0; the firm's £900 is everything:
    #   contribution share 0, reward share 0.2 → fair.
    # ag-2: no community party: not counted; but community (p-res) worked on ch-c, and
    #   ch-c's only agreement leaves it out → ch-c flagged.
    # ag-3: c2 £500 of £1000 (0.5); half the grant (0.5) → fair (0.5 ≥ 0.5).
    # ag-4: nothing costed, nothing shared → not comparable.
    # Value = 2/2.
    indicator = heart_report(process_hub())["equal_partners"]
    assert indicator.value == 1.0
    assert indicator.flagged["left_out"] == ("ch-c",)
    assert indicator.flagged["reward_below_contribution"] == ()
    assert indicator.figures == {
        "fair_share": 1.0,
        "agreements": 4,
        "with_community_party": 3,
        "comparable": 2,
        "fair": 2,
        "unvalued": 0,  # both compared agreements value their rewards in money
    }
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["contribution_share"] == 0.0
    assert rows["ag-1"]["reward_share"] == pytest.approx(0.2)
    # What each share is, and the money behind it, to the penny with its currency.
    assert rows["ag-1"]["contribution_basis"] == (
        "cash + in kind + hours × rate; 12 hours of time without a rate count as nothing "
        "(900.00 GBP in all)"
    )
    assert rows["ag-1"]["reward_basis"] == (
        "reward shares as recorded in the agreement, each reward weighed by its money "
        "value (300.00 GBP in all)"
    )
    assert rows["ag-1"]["rewards_valued"] is True
    assert rows["ag-1"]["community_contribution"] == "0.00 GBP"
    assert rows["ag-1"]["contribution_total"] == "900.00 GBP"
    assert rows["ag-1"]["community_reward"] == "60.00 GBP"  # 0.2 × 300
    assert rows["ag-3"]["community_contribution"] == "500.00 GBP"
    assert rows["ag-3"]["community_reward"] == "500.00 GBP"
    assert rows["ag-4"]["rewards_valued"] is None
    assert not any("no money value" in note for note in indicator.notes)
    assert rows["ag-2"]["fair"] is None
    assert rows["ag-4"]["fair"] is None
    assert "no cost" in rows["ag-4"]["note"]


def test_equal_partners_says_when_it_rests_on_unvalued_rewards() -> None:
    # The example's one agreement records a revenue share, a licence and credit, none
    # with a money value: its reward shares count each reward as a third. The community
    # parties get 3/20 + 7/60 = 4/15 of that for 3200/22400 = 1/7 of the costs: fair,
    # but only on that counting, which the indicator must say.
    indicator = heart_report(co.load(EXAMPLE), kind="table")["equal_partners"]
    assert indicator.value == 1.0
    assert indicator.figures["unvalued"] == 1
    (row,) = indicator.details
    assert row["reward_share"] == pytest.approx(4 / 15)
    assert row["contribution_share"] == pytest.approx(1 / 7)
    assert row["rewards_valued"] is False
    assert row["reward_basis"] == (
        "reward shares as recorded in the agreement (no reward has a money value: each of "
        "its 3 rewards counted equally)"
    )
    assert row["community_contribution"] == "3,200.00 GBP"
    assert row["contribution_total"] == "22,400.00 GBP"
    assert row["community_reward"] is None
    (note,) = [note for note in indicator.notes if "money value" in note]
    assert note.startswith("ag-01: no shared reward has a money value")
    assert "the value rests on that" in note
    assert "counted equally when no shared reward has one" in indicator.definition
    assert "not an allocation by a sharing rule" in indicator.definition
    assert "by the reward shares recorded in it (not a sharing rule's allocation)" in (
        indicator.reading
    )
    assert "Note: ag-01: no shared reward has a money value" in indicator.explain()


def test_a_time_rate_values_community_time() -> None:
    # At £25 an hour c1 puts in £300 of £1200 = 0.25 but gets 0.2 → unfair; ag-3 stays
    # fair: 1/2.
    indicator = heart_report(process_hub(), time_rate=gbp("25"))["equal_partners"]
    assert indicator.value == 0.5
    assert indicator.flagged["reward_below_contribution"] == ("ag-1",)
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["contribution_share"] == pytest.approx(0.25)


def test_a_time_rate_in_another_currency_is_noted_not_raised() -> None:
    euros = Money(amount=Decimal(10), currency="EUR")
    indicator = heart_report(process_hub(), time_rate=euros)["equal_partners"]
    rows = {row["agreement"]: row for row in indicator.details}
    assert rows["ag-1"]["fair"] is None
    assert "EUR" in rows["ag-1"]["note"]
    assert indicator.value == 1.0  # ag-3 alone is comparable


# ----------------------------------------------------------------- reach


def test_reach_by_hand() -> None:
    # People who took part: p-res (own community com-1, decile 1) and p-dev (no own
    # community; the firm's com-2, decile 5) → people_share 1/2.
    # Population with a population recorded: 1000 + 3000 + 1000 = 5000, of which in
    # deciles 1-3: com-1's 1000 (com-3 has no population) → 1/5. Ratio 5/2.
    # com-3 (decile 2) has no participant: unreached.
    indicator = heart_report(process_hub())["reach"]
    assert indicator.value == pytest.approx(2.5)
    assert indicator.figures["people_share"] == 0.5
    assert indicator.figures["population_share"] == pytest.approx(0.2)
    assert indicator.flags == ("com-3",)
    assert set(indicator.records) >= {"p-res", "p-dev", "f", "com-1"}
    assert "p-x" not in indicator.records
    rows = {row["community"]: row for row in indicator.details}
    assert rows["com-1"]["people"] == 1
    assert rows["com-1"]["deprived"] is True
    assert rows["com-4"]["deprived"] is None


def test_reach_needs_deciles_and_populations() -> None:
    hub = Hub(
        communities=(Community(id="c", name="C", population=10),),
        people=(Person(id="p", name="P", communities=("c",)),),
        sessions=(Session(id="s", name="S"),),
        participations=(Participation(id="pa", session="s", person="p"),),
    )
    indicator = heart_report(hub)["reach"]
    assert indicator.value is None
    assert any("no IMD decile" in note for note in indicator.notes)
    no_population = hub.replace(Community(id="c", name="C", imd_decile=1))
    indicator = heart_report(no_population)["reach"]
    assert indicator.value is None
    assert indicator.figures["people_share"] == 1.0
    assert any("no community population" in note for note in indicator.notes)


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


# ----------------------------------------------------------------- n/a, never a false 0 (issue 9)


def _collaborating_without_stages() -> Hub:
    """Community members at "collaborate" in every session, but no session records a stage."""
    return Hub(
        name="no stages",
        organisations=(
            Organisation(id="c", name="Tenants", sector="community"),
            Organisation(id="f", name="Firm", sector="industry"),
        ),
        challenges=(Challenge(id="ch-1", title="One"), Challenge(id="ch-2", title="Two")),
        sessions=(
            Session(id="s-1", name="First", challenges=("ch-1",)),
            Session(id="s-2", name="Second", challenges=("ch-2",)),
        ),
        participations=(
            Participation(id="pa-1", session="s-1", organisation="c", level="collaborate"),
            Participation(id="pa-2", session="s-2", organisation="c", level="collaborate"),
            Participation(id="pa-3", session="s-2", organisation="f", level="inform"),
        ),
    )


def test_throughout_is_not_computable_when_no_session_carries_a_stage() -> None:
    report = heart_report(_collaborating_without_stages())
    indicator = report["throughout"]
    assert indicator.value is None
    assert indicator.reason is not None
    assert "stage" in indicator.reason
    assert indicator.figures["mean_share"] is None
    assert indicator.figures["pooled_share"] is None
    assert [row["share"] for row in indicator.details] == [None, None]
    assert indicator.flagged["unplaced"] == ("ch-1", "ch-2")
    # Every output says n/a with the reason, never 0.
    assert indicator.to_dict()["value"] is None
    assert indicator.to_dict()["reason"] == indicator.reason
    assert f"Throughout: n/a — {indicator.reason}" in " ".join(report.explain().split())
    summary = next(line for line in report.explain().splitlines() if "throughout" in line)
    assert "n/a — " in summary
    assert "0.000" not in summary
    frame = report.to_frame()
    assert frame.loc["throughout", "value"] is None or math.isnan(frame.loc["throughout", "value"])
    assert frame.loc["throughout", "reason"] == indicator.reason
    assert "n/a — " in report._repr_html_()


def test_throughout_is_not_computable_without_sessions_on_challenges() -> None:
    # Sessions that name no challenge: nobody's work on a challenge is recorded, so the
    # community cannot be said to be absent from it.
    hub = _collaborating_without_stages()
    hub = hub.replace(*(s.model_copy(update={"challenges": ()}) for s in hub.sessions))
    indicator = heart_report(hub)["throughout"]
    assert indicator.value is None
    assert indicator.reason is not None
    assert "Session.challenges" in indicator.reason
    assert indicator.details[0]["share"] is None
    assert indicator.details[0]["status"] == "no_work"


def test_throughout_averages_only_challenges_it_can_measure() -> None:
    # ch-1 gets a stage and is covered; ch-2 stays unplaced and is left out of the mean.
    hub = _collaborating_without_stages()
    hub = hub.replace(hub.session("s-1").model_copy(update={"stage": "framing"}))
    indicator = heart_report(hub)["throughout"]
    rows = {row["challenge"]: row for row in indicator.details}
    assert rows["ch-1"]["share"] == 1.0
    assert rows["ch-2"]["share"] is None
    assert indicator.value == 1.0
    assert indicator.figures["measured"] == 1
    assert any("1 of 2 challenges" in note for note in indicator.notes)


def test_unrecorded_levels_alone_do_not_make_a_zero() -> None:
    # The community took part in the framing of ch-1 with no level: we do not know
    # whether it met the threshold, so the challenge has no share (not 0).
    hub = _collaborating_without_stages()
    hub = hub.replace(
        hub.session("s-1").model_copy(update={"stage": "framing"}),
        hub.get("pa-1").model_copy(update={"level": None}),
    )
    indicator = heart_report(hub)["throughout"]
    assert indicator.details[0]["status"] == "level_unrecorded"
    assert indicator.details[0]["share"] is None
    assert indicator.value is None


def test_reach_figures_are_none_not_zero_when_unrecorded() -> None:
    # No decile and no population anywhere: the deprived people and the populations are
    # unknown, not 0.
    hub = process_hub()
    hub = hub.replace(
        *(c.model_copy(update={"imd_decile": None, "population": None}) for c in hub.communities)
    )
    figures = heart_report(hub)["reach"].figures
    assert figures["deprived_people"] is None
    assert figures["population"] is None
    assert figures["deprived_population"] is None
    assert figures["people"] == 2  # p-res and p-dev took part


def test_brokerage_notes_a_sector_missing_from_the_network() -> None:
    # Community organisations exist but sit at no table: its share of the brokering is a
    # real 0 (the others broker), and a note says it is not in the network at all.
    hub = network_hub()
    hub = hub.remove(*(p.id for p in hub.participations if p.session in ("s2", "s3", "s4")))
    hub = hub.add(
        Participation(id="pa-s2-h", session="s2", organisation="h"),
        Participation(id="pa-s2-f", session="s2", organisation="f"),
    )
    indicator = heart_report(hub, kind="table")["brokerage"]
    assert indicator.value == 0.0
    assert indicator.figures["node_share"] == 0.0
    assert any("no community-sector node in the network" in note for note in indicator.notes)


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
