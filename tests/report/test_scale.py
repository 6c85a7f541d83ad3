"""The report of a large hub: the top of the network, the rest gathered, every cut said.

The caps are module constants of :mod:`coinnovation.report._content`; the tests lower
them (or pass ``max_nodes``) so the example hub exercises every cut. A slow reference
implementation of the sessions tree (the walk per session it replaced) checks
:func:`~coinnovation.report.summary.summarise`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from coinnovation.models import (
    Agreement,
    Consent,
    Hub,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.network.build import collaboration_graph
from coinnovation.privacy import Privacy
from coinnovation.report import _content
from coinnovation.report._content import MAX_NODES, MAX_TIES, Content, gather
from coinnovation.report.document import write_report
from coinnovation.report.html import render_html
from coinnovation.report.markdown import render_markdown
from coinnovation.report.summary import summarise
from coinnovation.testing.strategies import hubs
from coinnovation.testing.synthetic import synthetic_hub
from tests.report.helpers import SECRET, Page, consenting_hub, example

# -- the sessions tree in one pass, against a walk per session ------------------------------


def _tree_by_walks(hub: Hub) -> list[tuple[Any, ...]]:
    """The sessions tree as summarise computed it before issue 11: walks per session."""
    recorded = Counter(p.session for p in hub.participations)
    lines = []
    depth: dict[str, int] = {}
    for root in hub.root_sessions():
        for session in hub.subsessions(root.id, include_self=True):
            depth[session.id] = 0 if session.parent is None else depth[session.parent] + 1
            under = hub.subsessions(session.id)
            kinds = {inner.kind.value for inner in under}
            lines.append(
                (
                    depth[session.id],
                    session.id,
                    session.name,
                    session.kind.value,
                    recorded[session.id],
                    len(hub.attendees(session.id)),
                    len(hub.attendees(session.id, subtree=False)),
                    len(under),
                    kinds.pop() if len(kinds) == 1 else None,
                )
            )
    return lines


def _tree(hub: Hub) -> list[tuple[Any, ...]]:
    return [
        (
            line.depth,
            line.id,
            line.name,
            line.kind,
            line.recorded,
            line.attendees,
            line.own,
            line.within,
            line.within_kind,
        )
        for line in summarise(hub).sessions
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sessions_tree_in_one_pass_matches_a_walk_per_session(seed: int) -> None:
    hub = synthetic_hub(3_000, seed=seed, event_size_sigma=1.5)
    assert _tree(hub) == _tree_by_walks(hub)


def test_sessions_tree_of_the_example_matches_a_walk_per_session() -> None:
    assert _tree(example()) == _tree_by_walks(example())


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(hubs(max_sessions=8, max_participations=12, max_people=6, max_organisations=5))
def test_sessions_tree_of_any_hub_matches_a_walk_per_session(hub: Hub) -> None:
    assert _tree(hub) == _tree_by_walks(hub)


# -- the network views: the strongest nodes, the rest gathered by sector ---------------------


def _policy(hub: Hub) -> Privacy:
    return Privacy(hub, SECRET)


def test_small_networks_are_shown_whole() -> None:
    hub = example()
    content = gather(hub, privacy=_policy(hub), picture=False)
    assert len(content.nodes) == 21 < MAX_NODES
    assert content.groups == ()
    assert content.shown_all
    assert content.view_note == ""
    assert content.network_nodes == 21


def test_max_nodes_shows_the_strongest_and_gathers_the_rest_by_sector() -> None:
    hub = example()
    content = gather(hub, privacy=_policy(hub), max_nodes=5, picture=False)
    whole = gather(hub, privacy=_policy(hub), max_nodes=None, picture=False)
    assert len(content.nodes) == 5
    wanted = sorted((node.strength for node in whole.nodes), reverse=True)[:5]
    assert sorted((node.strength for node in content.nodes), reverse=True) == wanted
    # Ties among the nodes shown, every one of them (fewer than MAX_TIES).
    shown = {node.name for node in content.nodes}
    among = [
        (whole.nodes[a].name, whole.nodes[b].name, weight)
        for a, b, weight in whole.edges
        if whole.nodes[a].name in shown and whole.nodes[b].name in shown
    ]
    drawn = [(content.nodes[a].name, content.nodes[b].name, w) for a, b, w in content.edges]
    assert sorted(drawn) == sorted(among)
    assert content.ties_among_shown == len(among)
    # The others, one group per sector, counted and summed.
    left = [node for node in whole.nodes if node.name not in shown]
    by_sector = Counter(node.sector for node in left)
    assert {group.sector: group.count for group in content.groups} == dict(by_sector)
    for group in content.groups:
        total = math.fsum(node.strength for node in left if node.sector == group.sector)
        assert group.strength == pytest.approx(total)
        assert 0 < group.x < 800
        assert 510 <= group.y <= 600
    assert content.sectors == whole.sectors  # every node counts in its sector
    assert content.network_nodes == 21
    assert not content.shown_all
    # The measures are those of the whole network, whatever the view shows.
    assert content.measures == whole.measures
    assert content.measures_caption == whole.measures_caption


def test_the_view_says_what_it_hides() -> None:
    hub = example()
    content = gather(hub, privacy=_policy(hub), max_nodes=5, picture=False)
    note = content.view_note
    assert "the 5 strongest of the 21 organisations" in note
    assert "The other 16 organisations are gathered into one ringed circle per sector" in note
    for group in content.groups:
        assert f"{group.sector.replace('_', ' ')} {group.count}" in note
    assert "coinnovation network HUB -o network.gexf" in note
    page = render_html(content)
    parsed = Page(page)
    assert parsed.errors == []
    assert note in "".join(parsed.text)
    assert parsed.by_id("network-view")["class"] == "note"
    circles = parsed.all("circle", **{"class": "group-node"})
    assert [c["data-name"] for c in circles] == [group.name for group in content.groups]
    assert len(parsed.all("circle", **{"class": "node"})) == 5
    labels = re.findall(r'<text class="group-label"[^>]*>(.*?)</text>', page)
    assert labels == [f"+{group.count:,}" for group in content.groups]
    boxes = re.findall(
        r'<input type="checkbox" value="[a-z_]+" checked> <span[^>]*></span>([^<]*)<', page
    )
    for box in boxes:
        assert re.fullmatch(r"[a-z ]+ \(\d+(: \d+ shown)?\)", box), box
    markdown = render_markdown(content)
    assert "The other 16 organisations are gathered" in markdown
    assert "the 5 strongest of 21 nodes" in markdown


def test_heaviest_ties_are_drawn_when_there_are_too_many(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = example()
    monkeypatch.setattr(_content, "MAX_TIES", 40)
    content = gather(hub, privacy=_policy(hub), max_nodes=12, picture=False)
    whole = gather(hub, privacy=_policy(hub), max_nodes=None, picture=False)
    shown = {node.name for node in content.nodes}
    among = sorted(
        (
            weight
            for a, b, weight in whole.edges
            if whole.nodes[a].name in shown and whole.nodes[b].name in shown
        ),
        reverse=True,
    )
    assert content.ties_among_shown == len(among) > 40
    drawn = sorted((weight for *_, weight in content.edges), reverse=True)
    assert drawn == among[:40]
    assert f"the 40 heaviest of the {len(among)} ties among them" in content.view_note


def test_all_nodes_with_too_many_ties_draws_the_heaviest(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = example()
    monkeypatch.setattr(_content, "MAX_TIES", 50)
    content = gather(hub, privacy=_policy(hub), picture=False)
    assert len(content.nodes) == 21
    assert content.groups == ()
    assert len(content.edges) == 50
    assert content.ties_among_shown == 210
    assert content.view_note.startswith("This view shows all 21 organisations and the 50 heaviest")


def test_the_view_never_shows_or_counts_excluded_people() -> None:
    hub = consenting_hub()
    policy = _policy(hub)
    excluded = {p.id for p in hub.people if p.consent is Consent.EXCLUDED}
    assert excluded
    content = gather(hub, privacy=policy, level="person", max_nodes=10, picture=False)
    visible = [p for p in hub.people if p.consent is not Consent.EXCLUDED]
    graph = collaboration_graph(hub, level="person")
    in_network = [node for node in graph if node not in excluded]
    assert content.network_nodes == len(in_network)
    assert len(content.nodes) + sum(group.count for group in content.groups) == len(in_network)
    names = {node.name for node in content.nodes}
    assert names <= {policy.name(p.id) for p in visible}
    page = render_html(content)
    for person in excluded:
        assert policy.pseudonym_of(person) not in page


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(hubs(max_sessions=5, max_participations=14, max_people=7, max_organisations=6))
def test_any_hub_shows_its_strongest_nodes_and_gathers_the_rest(hub: Hub) -> None:
    policy = _policy(hub)
    whole = gather(hub, privacy=policy, level="person", max_nodes=None, picture=False)
    content = gather(hub, privacy=policy, level="person", max_nodes=2, picture=False)
    strengths = sorted((node.strength for node in whole.nodes), reverse=True)
    assert sorted((node.strength for node in content.nodes), reverse=True) == strengths[:2]
    assert len(content.nodes) + sum(group.count for group in content.groups) == len(whole.nodes)
    assert content.sectors == whole.sectors
    assert bool(content.groups) == (len(whole.nodes) > 2)
    assert content.measures == whole.measures
    Page(render_html(content))  # well formed


def test_max_nodes_must_be_a_positive_whole_number() -> None:
    hub = example()
    for wrong in (0, -1, True):
        with pytest.raises(ValueError, match="max_nodes"):
            gather(hub, privacy=_policy(hub), max_nodes=wrong, picture=False)


def test_the_picture_shows_the_same_view(tmp_path: Path) -> None:
    hub = example()
    files = write_report(hub, tmp_path, privacy=_policy(hub), max_nodes=6)
    page = files.html.read_text(encoding="utf-8")
    caption = re.findall(r"<figcaption>(.*?)</figcaption>", page)[0]
    assert "the 6 strongest of the 21 organisations" in caption
    assert "nodes shown one by one are named" in caption or "Every node shown" in caption
    alt = Page(page).by_id("network-picture")["alt"]
    assert alt is not None
    assert alt.startswith("Organisation network: the 6 strongest of 21 nodes")
    markdown = files.markdown.read_text(encoding="utf-8")
    assert "the 6 strongest of the 21 organisations" in markdown


def test_a_large_hub_stays_small(tmp_path: Path) -> None:
    hub = synthetic_hub(20_000, seed=0)
    files = write_report(hub, tmp_path, privacy=Privacy.for_hub(hub, secret=SECRET), kind="table")
    page = files.html.read_text(encoding="utf-8")
    parsed = Page(page)
    assert parsed.errors == []
    assert len(parsed.all("circle", **{"class": "node"})) == MAX_NODES
    assert len(parsed.all("line", **{"class": "tie"})) <= MAX_TIES
    assert parsed.all("circle", **{"class": "group-node"})
    assert len(parsed.depths["li"]) <= _content.MAX_SESSIONS + 100  # the tree, and lists
    assert parsed.by_id("network-view")
    assert parsed.by_id("sessions-cut")
    assert files.html.stat().st_size < 5_000_000


# -- the other cuts: sessions, flags, measures, agreements ------------------------------------


def test_the_sessions_tree_is_cut_at_the_deepest_level_that_fits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = example()
    lines = summarise(hub).sessions
    per_depth = Counter(line.depth for line in lines)
    fits = per_depth[0] + per_depth[1]
    monkeypatch.setattr(_content, "MAX_SESSIONS", fits)
    content = gather(hub, privacy=_policy(hub), picture=False)
    assert [line.id for line in content.summary.sessions] == [
        line.id for line in lines if line.depth <= 1
    ]
    assert content.sessions_total == len(lines)
    assert content.sessions_note.startswith(
        f"The tree lists the {fits} sessions down to level 2, of {len(lines)} sessions in all"
    )
    page = render_html(content)
    assert Page(page).errors == []
    assert 'id="sessions-cut"' in page
    assert "down to level 2" in render_markdown(content)
    monkeypatch.setattr(_content, "MAX_SESSIONS", per_depth[0] - 1 if per_depth[0] > 1 else 0)
    if per_depth[0] > 1:
        cut = gather(hub, privacy=_policy(hub), picture=False)
        assert "the first" in cut.sessions_note


def test_a_small_tree_is_whole() -> None:
    hub = example()
    content = gather(hub, privacy=_policy(hub), picture=False)
    assert content.summary.sessions == summarise(hub).sessions
    assert content.sessions_note == ""


def _flagged(content: Content) -> list[tuple[str, int, tuple[str, ...]]]:
    return [line for view in content.heart for line in view.flag_lines]


def test_long_flags_are_cut_and_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = synthetic_hub(1_500, seed=0)  # its 3 challenges have no community framing
    whole = _flagged(gather(hub, privacy=_policy(hub), picture=False))
    longest = max(whole, key=lambda line: line[1])
    assert longest[1] >= 2
    monkeypatch.setattr(_content, "MAX_FLAGGED", 1)
    content = gather(hub, privacy=_policy(hub), picture=False)
    cut = {heading: (count, items) for heading, count, items in _flagged(content)}
    count, items = cut[longest[0]]
    assert count == longest[1]
    assert items == (longest[2][0], f"and {count - 1} more")
    page = render_html(content)
    assert f"{longest[0]} ({count}): {longest[2][0]}, and {count - 1} more" in "".join(
        Page(page).text
    )


def test_flag_counts_count_people_not_shown() -> None:
    hub = consenting_hub()
    content = gather(hub, privacy=_policy(hub), picture=False)
    for view in content.heart:
        for (_, items), count in zip(view.flags, view.counts, strict=True):
            hidden = [item for item in items if item.endswith(" not shown")]
            listed = len(items) - len(hidden)
            assert count == listed + sum(int(item.split()[0]) for item in hidden)


def test_the_measures_table_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = example()
    monkeypatch.setattr(_content, "MAX_ROWS", 4)
    content = gather(hub, privacy=_policy(hub), top=10, picture=False)
    assert len(content.measures) == 4
    assert content.measures_caption.endswith(
        "The report lists at most 4 rows; every row: coinnovation metrics HUB -o measures.csv."
    )
    assert "at most" not in gather(hub, privacy=_policy(hub), top=4).measures_caption


def test_agreements_and_their_parties_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    first = example().agreements[0]
    hub = example().add(Agreement.model_validate({**first.model_dump(), "id": "ag-copy"}))
    whole = gather(hub, privacy=_policy(hub), picture=False)
    assert len(whole.agreements) == 2
    assert whole.agreements_note == ""
    assert len(whole.agreements[0].rows) == 4
    monkeypatch.setattr(_content, "MAX_AGREEMENTS", 1)
    monkeypatch.setattr(_content, "MAX_PARTIES", 1)
    content = gather(hub, privacy=_policy(hub), picture=False)
    assert [view.id for view in content.agreements] == [whole.agreements[0].id]
    assert len(content.agreements[0].rows) == 1
    assert content.agreements_note == (
        f"The report shows the first 1 of the {len(whole.agreements)} agreements, in the "
        "hub's order. Any other: coinnovation share HUB AGREEMENT."
    )
    notes = content.agreements[0].notes
    assert any("the first 1 parties; 3 more are not listed" in note for note in notes)
    page = render_html(content)
    assert 'id="agreements-cut"' in page
    assert "Any other: coinnovation share" in render_markdown(content)


def test_organisations_in_a_person_network_show_their_strength() -> None:
    # An organisation recorded without a person is a node of the person network; its
    # strength used to be looked up under a pseudonym, and showed as 0.
    hub = Hub(
        organisations=(Organisation(id="o-1", name="Tenants Union", sector="community"),),
        people=(Person(id="p-1", name="Ana"), Person(id="p-2", name="Ben", consent="named")),
        sessions=(Session(id="s-1", name="Table", kind="table"),),
        participations=(
            Participation(id="pa-1", session="s-1", organisation="o-1"),
            Participation(id="pa-2", session="s-1", person="p-1"),
            Participation(id="pa-3", session="s-1", person="p-2"),
        ),
    )
    content = gather(hub, privacy=_policy(hub), level="person", picture=False)
    strengths = {node.name: node.strength for node in content.nodes}
    assert strengths["Tenants Union"] == strengths["Ben"] == 1.0  # Newman: 2 × 1/2
    assert len(strengths) == 3


def test_betweenness_is_estimated_above_the_heart_reports_limit_and_the_caption_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coinnovation.io.files import load

    hub = load("examples/walsall-2023/hub.json")
    exact = gather(hub, privacy=_policy(hub), picture=False, kind="table")
    assert "estimated" not in exact.measures_caption
    monkeypatch.setattr(_content, "EXACT_BETWEENNESS_NODES", 5)
    monkeypatch.setattr(_content, "AUTO_BETWEENNESS_SOURCES", 4)
    sampled = gather(hub, privacy=_policy(hub), picture=False, kind="table", seed=3)
    assert "estimated from the shortest paths of 4 of the 21 nodes" in sampled.measures_caption
    assert sampled.measures != exact.measures  # four sources give other values
    again = gather(hub, privacy=_policy(hub), picture=False, kind="table", seed=3)
    assert again.measures == sampled.measures  # one sample per seed
