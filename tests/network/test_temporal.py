"""Snapshots by date window, measures over time and tie changes."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.models import Hub, Participation, Person, Scope, Session
from coinnovation.network.build import collaboration_graph
from coinnovation.network.groups import ei_index
from coinnovation.network.temporal import (
    DEFAULT_MEASURES,
    Snapshot,
    calendar_windows,
    measures_over_time,
    snapshots,
    tie_changes,
    tie_changes_over,
)
from coinnovation.testing.synthetic import synthetic_hub

UTC = UTC


def _hub(starts: dict[str, datetime | None], attendance: dict[str, list[str]]) -> Hub:
    people = sorted({p for names in attendance.values() for p in names})
    return Hub(
        people=tuple(Person(id=p, name=p) for p in people),
        sessions=tuple(Session(id=s, name=s, start=starts[s]) for s in starts),
        participations=tuple(
            Participation(id=f"{s}-{p}", session=s, person=p)
            for s, names in attendance.items()
            for p in names
        ),
    )


# -- windows ----------------------------------------------------------------------------------


def test_calendar_windows() -> None:
    weeks = calendar_windows(date(2023, 1, 4), date(2023, 1, 16), "week")
    assert [(w[0], w[2]) for w in weeks] == [
        (date(2023, 1, 2), "2023-W01"),
        (date(2023, 1, 9), "2023-W02"),
        (date(2023, 1, 16), "2023-W03"),
    ]
    assert all(end - start == timedelta(days=7) for start, end, _ in weeks)
    months = calendar_windows(date(2022, 11, 30), date(2023, 1, 1), "month")
    assert [(s, e) for s, e, _ in months] == [
        (date(2022, 11, 1), date(2022, 12, 1)),
        (date(2022, 12, 1), date(2023, 1, 1)),
        (date(2023, 1, 1), date(2023, 2, 1)),
    ]
    assert [w[2] for w in calendar_windows(date(2022, 12, 31), date(2023, 10, 1), "quarter")] == [
        "2022Q4",
        "2023Q1",
        "2023Q2",
        "2023Q3",
        "2023Q4",
    ]
    assert calendar_windows(date(2020, 5, 5), date(2021, 1, 1), "year")[-1] == (
        date(2021, 1, 1),
        date(2022, 1, 1),
        "2021",
    )
    days = calendar_windows(date(2024, 2, 28), date(2024, 3, 1), "day")
    assert [w[2] for w in days] == ["2024-02-28", "2024-02-29", "2024-03-01"]
    with pytest.raises(ValueError, match="freq"):
        calendar_windows(date(2020, 1, 1), date(2020, 1, 2), "fortnight")  # type: ignore[arg-type]


@given(st.dates(date(1990, 1, 1), date(2040, 1, 1)), st.integers(0, 800))
def test_calendar_windows_tile_the_range(first: date, span: int) -> None:
    last = first + timedelta(days=span)
    for freq in ("day", "week", "month", "quarter", "year"):
        if freq == "day" and span > 60:
            continue
        windows = calendar_windows(first, last, freq)  # type: ignore[arg-type]
        assert windows[0][0] <= first < windows[0][1]
        assert windows[-1][0] <= last < windows[-1][1]
        for (_, end, _), (start, _, _) in itertools.pairwise(windows):
            assert end == start


# -- snapshots with a stand-in builder --------------------------------------------------------


def test_snapshots_hand_windows_to_the_builder() -> None:
    calls: list[dict[str, Any]] = []

    def builder(hub: Hub, **options: Any) -> nx.Graph:
        calls.append(options)
        return nx.Graph()

    hub = _hub(
        {"a": datetime(2023, 1, 10, tzinfo=UTC), "b": datetime(2023, 3, 2, tzinfo=UTC)},
        {"a": ["x"], "b": ["y"]},
    )
    sliding = snapshots(hub, freq="month", build=builder, level="organisation")
    assert [s.label for s in sliding] == ["2023-01", "2023-02", "2023-03"]
    assert calls[0] == {
        "since": date(2023, 1, 1),
        "until": date(2023, 1, 31),
        "level": "organisation",
    }
    assert calls[2]["until"] == date(2023, 3, 31)
    assert [(s.start, s.end) for s in sliding][1] == (date(2023, 2, 1), date(2023, 3, 1))
    calls.clear()
    grown = snapshots(hub, freq="quarter", cumulative=True, build=builder)
    assert calls == [{"since": None, "until": date(2023, 3, 31)}]
    assert grown[0].start is None
    assert grown[0].window_start == date(2023, 1, 1)
    calls.clear()
    moment = datetime(2023, 6, 1, 12, tzinfo=UTC)
    snapshots(hub, windows=[(moment - timedelta(hours=1), moment)], build=builder)
    assert calls == [
        {"since": moment - timedelta(hours=1), "until": moment - timedelta(microseconds=1)}
    ]


def test_snapshot_errors() -> None:
    hub = _hub({"a": datetime(2023, 1, 10, tzinfo=UTC)}, {"a": ["x"]})
    with pytest.raises(ValueError, match="either freq= or windows="):
        snapshots(hub)
    with pytest.raises(ValueError, match="either freq= or windows="):
        snapshots(hub, freq="month", windows=[])
    with pytest.raises(ValueError, match="freq must be"):
        snapshots(hub, freq="decade")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ends before it starts"):
        snapshots(hub, windows=[(date(2023, 2, 1), date(2023, 1, 1))])
    with pytest.raises(ValueError, match="timezone-aware"):
        snapshots(hub, windows=[(datetime(2023, 1, 1), datetime(2023, 2, 1))])
    with pytest.raises(ValueError, match="both be dates or datetimes"):
        snapshots(hub, windows=[(date(2023, 1, 1), datetime(2023, 2, 1, tzinfo=UTC))])
    with pytest.raises(TypeError, match="date or a timezone-aware"):
        snapshots(hub, windows=[("2023-01-01", date(2023, 2, 1))])  # type: ignore[list-item]
    assert snapshots(Hub(), freq="month") == []


# -- snapshots of the real collaboration graph ------------------------------------------------


def test_window_edges_follow_each_session_start_day() -> None:
    minus_five = timezone(timedelta(hours=-5))
    hub = _hub(
        {
            "first-day": datetime(2023, 1, 1, 0, 0, tzinfo=UTC),
            "last-day": datetime(2023, 1, 31, 23, 30, tzinfo=minus_five),  # Feb 1 in UTC
            "february": datetime(2023, 2, 1, 0, 0, tzinfo=UTC),
            "undated": None,
        },
        {
            "first-day": ["a", "b"],
            "last-day": ["b", "c"],
            "february": ["c", "d"],
            "undated": ["a", "d"],
        },
    )
    sliding = snapshots(hub, freq="month")
    assert [s.label for s in sliding] == ["2023-01", "2023-02"]
    assert {frozenset(e) for e in sliding[0].graph.edges()} == {
        frozenset("ab"),
        frozenset("bc"),
    }
    assert {frozenset(e) for e in sliding[1].graph.edges()} == {frozenset("cd")}
    grown = snapshots(hub, freq="month", cumulative=True)
    assert grown[-1].graph.number_of_edges() == 3  # the undated session is in no window


def test_sliding_windows_partition_the_record_and_cumulative_ends_with_it() -> None:
    hub = synthetic_hub(600, seed=3)
    whole = collaboration_graph(hub, evidence=False)
    sliding = snapshots(hub, freq="month", evidence=False)
    # every dated session is in exactly one window: the weights add up to the whole
    added: Counter[frozenset[Any]] = Counter()
    for snap in sliding:
        for u, v, w in snap.graph.edges(data="weight"):
            added[frozenset((u, v))] += w
    assert added == Counter({frozenset((u, v)): w for u, v, w in whole.edges(data="weight")})
    grown = snapshots(hub, freq="month", cumulative=True, evidence=False)
    assert [s.label for s in grown] == [s.label for s in sliding]
    final = grown[-1].graph
    assert {frozenset(e) for e in final.edges()} == {frozenset(e) for e in whole.edges()}
    sizes = [s.graph.number_of_edges() for s in grown]
    assert sizes == sorted(sizes)
    assert all(change.dissolved == 0 for change in tie_changes_over(grown))


def test_build_options_reach_the_builder() -> None:
    hub = synthetic_hub(400, seed=5)
    snaps = snapshots(hub, freq="quarter", level="sector", weight="newman")
    assert all(s.graph.graph["level"] == "sector" for s in snaps)
    assert all(s.graph.graph["weight_scheme"] == "newman" for s in snaps)


def test_a_scope_or_kind_chooses_the_sessions_of_every_snapshot() -> None:
    hub = synthetic_hub(500, seed=7)
    tables = [s.id for s in hub.sessions if s.kind == "table"]
    assert tables
    by_kind = snapshots(hub, freq="quarter", kind="table", nested="subtree", evidence=False)
    by_scope = snapshots(
        hub, freq="quarter", scope=Scope(kinds=["table"], nested="subtree"), evidence=False
    )
    by_ids = snapshots(hub, freq="quarter", sessions=tables, nested="subtree", evidence=False)
    days = [d for s, d in hub.session_days().items() if s in tables and d is not None]
    assert by_kind[0].window_start <= min(days) < by_kind[0].end
    assert by_kind[-1].window_start <= max(days) < by_kind[-1].end
    assert [s.label for s in by_kind] == [s.label for s in by_scope]
    labels = {s.label: s for s in by_ids}
    for snap, same in zip(by_kind, by_scope, strict=True):
        assert snap.graph.graph == same.graph.graph
        assert snap.graph.graph["kinds"] == ("table",)
        assert snap.graph.graph["nested"] == "subtree"
        assert list(snap.graph.edges(data=True)) == list(same.graph.edges(data=True))
        listed = labels[snap.label].graph
        assert list(snap.graph.edges(data=True)) == list(listed.edges(data=True))


def test_a_scope_reaches_a_custom_builder_with_the_window_set() -> None:
    calls: list[dict[str, Any]] = []

    def builder(hub: Hub, **options: Any) -> nx.Graph:
        calls.append(options)
        return nx.Graph()

    hub = _hub({"a": datetime(2023, 1, 10, tzinfo=UTC)}, {"a": ["x"]})
    snapshots(hub, freq="month", build=builder, scope=Scope(sessions=["a"]), level="sector")
    assert calls == [
        {
            "scope": Scope(sessions=["a"], since=date(2023, 1, 1), until=date(2023, 1, 31)),
            "level": "sector",
        }
    ]
    with pytest.raises(ValueError, match="without since or until"):
        snapshots(hub, freq="month", scope=Scope(since=date(2023, 1, 1)))
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        snapshots(hub, freq="month", scope=Scope(), kind="table")
    with pytest.raises(TypeError, match="give scope= or nested=, not both"):
        snapshots(hub, freq="month", scope=Scope(), nested="own")
    assert snapshots(hub, freq="month", kind="table") == []


# -- measures over time -----------------------------------------------------------------------


def test_measures_over_time_defaults_against_networkx() -> None:
    hub = synthetic_hub(800, seed=2)
    snaps = snapshots(hub, freq="quarter", evidence=False)
    table = measures_over_time(snaps)
    assert list(table.columns) == list(DEFAULT_MEASURES)
    assert "ei_sector" in table.columns
    for i, snap in enumerate(snaps):
        G = snap.graph
        row = table.row(snap.label)
        assert row["nodes"] == G.number_of_nodes()
        assert row["edges"] == G.number_of_edges()
        assert row["density"] == pytest.approx(nx.density(G))
        assert row["components"] == nx.number_connected_components(G)
        assert row["mean_degree"] == pytest.approx(np.mean([d for _, d in G.degree()]))
        known = G.subgraph(v for v, s in G.nodes(data="sector") if s is not None)
        assert row["ei_sector"] == pytest.approx(ei_index(known).whole, nan_ok=True)
        assert table.starts[i] == snap.start
    frame = table.to_frame()
    assert list(frame.index) == [s.label for s in snaps]
    assert frame["edges"].tolist() == [s.graph.number_of_edges() for s in snaps]
    assert table.to_dict()[snaps[0].label] == table.row(snaps[0].label)
    assert table["nodes"][snaps[0].label] == snaps[0].graph.number_of_nodes()
    assert len(table) == len(snaps)


def test_measures_of_small_and_directed_graphs() -> None:
    snaps = [
        Snapshot(None, date(2023, 1, 1), "empty", nx.Graph()),
        Snapshot(None, date(2023, 2, 1), "directed", nx.DiGraph([(1, 2), (3, 4)])),
    ]
    table = measures_over_time(snaps)
    assert np.isnan(table.row("empty")["density"])
    assert np.isnan(table.row("empty")["mean_degree"])
    assert np.isnan(table.row("empty")["ei_sector"])
    assert table.row("directed")["components"] == 2
    with pytest.raises(KeyError):
        table.row("nope")


# -- tie changes ------------------------------------------------------------------------------


def _graph(seed: int, n: int, p: float, directed: bool) -> nx.Graph:
    return nx.gnp_random_graph(n, p, seed=seed, directed=directed)


@given(
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.integers(1, 20),
    st.floats(0.0, 0.8),
    st.booleans(),
)
def test_tie_changes_against_edge_sets(
    seed_a: int, seed_b: int, n: int, p: float, directed: bool
) -> None:
    before, after = _graph(seed_a, n, p, directed), _graph(seed_b, n + 2, p, directed)
    changes = tie_changes(before, after)

    def ties(G: nx.Graph) -> set[Any]:
        return {(u, v) if directed else frozenset((u, v)) for u, v in G.edges()}

    old, new = ties(before), ties(after)
    assert changes.formed == len(new - old)
    assert changes.persisted == len(new & old)
    assert changes.dissolved == len(old - new)
    assert changes.formed + changes.persisted == after.number_of_edges()
    assert changes.persisted + changes.dissolved == before.number_of_edges()
    union = old | new
    if union:
        assert changes.jaccard == pytest.approx(len(old & new) / len(union))
    else:
        assert np.isnan(changes.jaccard)
    assert set(changes.new_nodes) == {n, n + 1}
    # swapping the two exchanges formation and dissolution
    back = tie_changes(after, before)
    assert (back.formed, back.dissolved) == (changes.dissolved, changes.formed)


def test_tie_direction_matters_only_in_directed_graphs() -> None:
    assert tie_changes(nx.Graph([(1, 2)]), nx.Graph([(2, 1)])).persisted == 1
    directed = tie_changes(nx.DiGraph([(1, 2)]), nx.DiGraph([(2, 1)]))
    assert (directed.formed, directed.persisted, directed.dissolved) == (1, 0, 1)
    with pytest.raises(ValueError, match="must be directed"):
        tie_changes(nx.Graph(), nx.DiGraph())


def test_tie_changes_over_snapshots_carry_labels() -> None:
    rnd = random.Random(1)
    snaps = [
        Snapshot(None, date(2023, m + 1, 1), f"2023-{m:02d}", nx.gnp_random_graph(8, 0.4, seed=m))
        for m in range(1, 5)
    ]
    rnd.shuffle(snaps)
    steps = tie_changes_over(snaps)
    assert len(steps) == 3
    assert [(c.before_label, c.after_label) for c in steps] == [
        (a.label, b.label) for a, b in itertools.pairwise(snaps)
    ]
    record = steps[0].to_dict()
    assert set(record) == {
        "before",
        "after",
        "formed",
        "persisted",
        "dissolved",
        "new_nodes",
        "gone_nodes",
        "jaccard",
        "persistence",
    }
    assert tie_changes_over([]) == []
    empty = tie_changes(nx.Graph(), nx.Graph())
    assert np.isnan(empty.persistence)
