"""The heart report's centrality indicator, by hand and against networkx."""

from __future__ import annotations

import networkx as nx
import pytest

import coinnovation as co
from coinnovation.heart import heart_report
from coinnovation.models import Hub, Participation, Session
from coinnovation.network import collaboration_graph
from tests.conftest import EXAMPLE
from tests.heart.helpers import network_hub


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


def test_k_sources_as_many_as_the_nodes_is_exact() -> None:
    hub = co.load(EXAMPLE)
    exact = heart_report(hub, kind="table")
    nodes = exact["centrality"].figures["nodes"]
    assert isinstance(nodes, int)
    whole = heart_report(hub, kind="table", k=nodes, seed=1)
    assert whole["centrality"].to_dict() == exact["centrality"].to_dict()
    assert whole.options["k"] == nodes
    assert "k" not in exact.options


def test_k_sampled_sources_estimate_betweenness_and_say_so() -> None:
    hub = co.load(EXAMPLE)
    first = heart_report(hub, kind="table", k=3, seed=7)
    again = heart_report(hub, kind="table", k=3, seed=7)
    assert first["centrality"].to_dict() == again["centrality"].to_dict()  # one sample per seed
    assert first.options["k"] == 3
    assert first.options["seed"] == 7
    notes = first["centrality"].notes
    assert any("estimated from the shortest paths of 3 of the" in note for note in notes)
    # Every indicator but centrality is the exact report's.
    exact = heart_report(hub, kind="table")
    for name in ("brokerage", "throughout", "voice", "equal_partners", "reach"):
        assert first[name].to_dict() == exact[name].to_dict()


@pytest.mark.parametrize("k", [0, -1, True, 2.5, "3"])
def test_k_must_be_a_positive_integer(k: object) -> None:
    with pytest.raises(ValueError, match="k must be a positive number"):
        heart_report(co.load(EXAMPLE), k=k)  # type: ignore[arg-type]


def test_k_auto_is_exact_up_to_the_limit_and_samples_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import coinnovation.heart.centrality as centrality

    hub = co.load(EXAMPLE)
    exact = heart_report(hub, kind="table", k=None)
    assert heart_report(hub, kind="table").to_dict() == exact.to_dict()  # "auto": exact here
    nodes = exact["centrality"].figures["nodes"]
    assert isinstance(nodes, int)
    assert nodes > 3
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_NODES", nodes - 1)
    monkeypatch.setattr(centrality, "AUTO_BETWEENNESS_SOURCES", 3)
    auto = heart_report(hub, kind="table")
    assert auto.options["k"] == 3
    assert auto.options["seed"] == 0
    assert auto["centrality"].figures["sources"] == 3
    assert any(
        "estimated from the shortest paths of 3 of the" in n for n in auto["centrality"].notes
    )
    sampled = heart_report(hub, kind="table", k=3, seed=0)
    assert auto["centrality"].value == sampled["centrality"].value
    assert auto["brokerage"].to_dict() == exact["brokerage"].to_dict()


def test_max_session_size_is_recorded_in_the_options_only_when_given() -> None:
    hub = co.load(EXAMPLE)
    assert "max_session_size" not in heart_report(hub).options
    capped = heart_report(hub, max_session_size=12)
    assert capped.options["max_session_size"] == 12
    assert capped.options["oversize"] == "skip"
    # With the whole event (everyone tied to everyone) nobody lies between two others;
    # with sessions of more than 12 organisations skipped, the tables' network remains.
    assert heart_report(hub)["centrality"].value is None
    assert capped["centrality"].value is not None
