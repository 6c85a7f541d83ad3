"""The bootstrap over sessions against hubs rebuilt by hand.

The independent computation: a resample is a *hub* in which each drawn session is a new
session (a new id, its participations copied with new ids), and the library's public
``collaboration_graph`` and ``centrality_table`` on that hub give what each resample
must hold. Intervals are then numpy quantiles of those values, computed here.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coinnovation as co
from coinnovation.heart import heart_report
from coinnovation.inference import BootstrapResult, bootstrap, heart_bootstrap
from coinnovation.inference import _bootstrap_hubs as _hubs
from coinnovation.inference import _bootstrap_sessions as sessions_kernel
from coinnovation.inference.bootstrap import BOOTSTRAP_MEASURES
from coinnovation.models import (
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Scope,
    Session,
)
from coinnovation.network.build import collaboration_edges, collaboration_graph
from coinnovation.network.centrality import MEASURES, centrality_table
from coinnovation.network.measures import DESCRIPTIVE, node_measures
from coinnovation.network.projection import project
from coinnovation.privacy import Privacy
from coinnovation.testing.synthetic import synthetic_hub
from tests.conftest import EXAMPLE

SECTORS = ("community", "industry", "academia", "health_service")


def small_hub(seed: int, sessions: int = 6) -> Hub:
    """A flat hub: people in zero to two organisations, some on an organisation's behalf."""
    rng = np.random.default_rng(seed)
    organisations = tuple(
        Organisation(id=f"o-{k}", name=f"Org {k}", sector=SECTORS[k % len(SECTORS)])
        for k in range(5)
    )
    people = tuple(Person(id=f"p-{k}", name=f"Person {k}") for k in range(14))
    memberships = []
    for k in range(14):
        for o in rng.choice(5, size=int(rng.integers(0, 3)), replace=False):
            memberships.append(Membership(id=f"m-{k}-{o}", person=f"p-{k}", organisation=f"o-{o}"))
    records = []
    for s in range(sessions):
        size = int(rng.integers(1, 7))
        for k in rng.choice(14, size=size, replace=False):
            behalf = f"o-{rng.integers(0, 5)}" if rng.random() < 0.2 else None
            records.append(
                Participation(
                    id=f"pa-{s}-{k}", session=f"s-{s}", person=f"p-{k}", organisation=behalf
                )
            )
        if rng.random() < 0.3:
            records.append(Participation(id=f"pa-{s}-org", session=f"s-{s}", organisation="o-4"))
    return Hub(
        organisations=organisations,
        people=people,
        memberships=tuple(memberships),
        sessions=tuple(Session(id=f"s-{s}", name=f"Table {s}") for s in range(sessions)),
        participations=tuple(records),
    )


def duplicated(hub: Hub, drawn: list[int]) -> Hub:
    """The resample as a hub: draw k of session s is session ``s.copyk``, participations copied."""
    chosen = hub.sessions
    copies = []
    records = []
    for k, s in enumerate(drawn):
        session = chosen[s]
        copies.append(session.model_copy(update={"id": f"{session.id}.copy{k}"}))
        for participation in hub.participations_in(session.id):
            records.append(
                participation.model_copy(
                    update={"id": f"{participation.id}.copy{k}", "session": f"{session.id}.copy{k}"}
                )
            )
    return Hub(
        organisations=hub.organisations,
        people=hub.people,
        memberships=hub.memberships,
        sessions=tuple(copies),
        participations=tuple(records),
    )


def weights(G: nx.Graph[Any]) -> dict[frozenset[Hashable], float]:
    return {frozenset((u, v)): float(w) for u, v, w in G.edges(data="weight")}


# -- the incidence and one resample ----------------------------------------------------------


@pytest.mark.parametrize("level", ["person", "organisation", "sector"])
@pytest.mark.parametrize("nested", ["own", "subtree"])
def test_every_session_once_is_the_collaboration_network(level: str, nested: str) -> None:
    for hub, scope in (
        (co.load(EXAMPLE), Scope(kinds="table", nested=nested)),  # type: ignore[arg-type]
        (co.load(EXAMPLE), Scope(nested=nested)),  # type: ignore[arg-type]
        (synthetic_hub(600, seed=3), Scope(nested=nested)),  # type: ignore[arg-type]
    ):
        layout = sessions_kernel.incidence(hub, level, scope)
        expected = collaboration_edges(hub, level=level, scope=scope, max_pairs=None)  # type: ignore[arg-type]
        assert layout.nodes == tuple(expected.nodes.tolist())
        rows, cols = layout.resample(np.arange(len(layout.sessions)))
        for scheme in ("count", "newman"):
            edges = project(rows, cols, nodes=layout.nodes, sessions=layout.sessions, weight=scheme)
            want = collaboration_edges(hub, level=level, scope=scope, weight=scheme, max_pairs=None)  # type: ignore[arg-type]
            assert weights(edges.to_networkx()) == pytest.approx(weights(want.to_networkx()))


@settings(max_examples=25)
@given(seed=st.integers(0, 10_000), draws=st.lists(st.integers(0, 5), min_size=6, max_size=6))
def test_a_resample_is_the_network_of_the_duplicated_hub(seed: int, draws: list[int]) -> None:
    hub = small_hub(seed)
    for level in ("person", "organisation", "sector"):
        layout = sessions_kernel.incidence(hub, level, Scope())
        rows, cols = layout.resample(np.array(draws))
        present = np.unique(rows)
        nodes = [layout.nodes[i] for i in present]
        edges = project(
            np.searchsorted(present, rows), cols, nodes=nodes, sessions=range(6), weight="newman"
        )
        expected = collaboration_graph(duplicated(hub, draws), level=level, weight="newman")  # type: ignore[arg-type]
        assert set(nodes) == set(expected)
        assert weights(edges.to_networkx()) == pytest.approx(weights(expected))


# -- the bootstrap end to end ----------------------------------------------------------------


def _expected_values(hub: Hub, measure: str, level: str, resamples: int, seed: int) -> Any:
    """Each resample's measure from the duplicated hub, drawn as the bootstrap draws."""
    observed = centrality_table(collaboration_graph(hub, level=level), measures=(measure,))  # type: ignore[arg-type]
    nodes = list(observed.nodes)
    rng = np.random.default_rng(seed)
    values = np.full((resamples, len(nodes)), np.nan)
    count = len(hub.sessions)
    for b in range(resamples):
        drawn = rng.integers(0, count, size=count).tolist()
        G = collaboration_graph(duplicated(hub, drawn), level=level)  # type: ignore[arg-type]
        table = centrality_table(G, measures=(measure,))
        for node, value in table[measure].items():
            values[b, nodes.index(node)] = value
    return nodes, observed.columns[measure], values


@pytest.mark.parametrize(
    ("measure", "level"),
    [("degree", "person"), ("strength", "organisation"), ("betweenness", "person")],
)
def test_bootstrap_values_and_intervals(measure: str, level: str) -> None:
    hub = small_hub(11)
    result = bootstrap(hub, measure, level=level, resamples=30, seed=5, confidence=0.9)  # type: ignore[arg-type]
    nodes, observed, values = _expected_values(hub, measure, level, 30, 5)
    assert list(result.nodes) == nodes
    np.testing.assert_allclose(result.observed, observed, atol=1e-12)
    np.testing.assert_allclose(result.values, values, atol=1e-12)  # nan where absent
    for j, node in enumerate(nodes):
        present = values[:, j][~np.isnan(values[:, j])]
        row = result.row(node)
        assert row["absent"] == 30 - present.size
        if present.size:
            assert row["mean"] == pytest.approx(present.mean())
            assert (row["lower"], row["upper"]) == pytest.approx(
                tuple(np.quantile(present, [0.05, 0.95]))
            )
        if present.size > 1:
            assert row["std_error"] == pytest.approx(present.std(ddof=1))


def test_one_session_gives_zero_width_intervals() -> None:
    hub = small_hub(2, sessions=1)
    for measure in ("degree", "strength", "betweenness", "closeness"):
        result = bootstrap(hub, measure, resamples=40, seed=1)
        for node in result.nodes:
            row = result.row(node)
            assert row["lower"] == row["upper"] == pytest.approx(row["observed"])
            assert row["std_error"] == pytest.approx(0.0, abs=1e-12)
            assert row["absent"] == 0


@settings(max_examples=20)
@given(seed=st.integers(0, 1_000))
def test_rank_probabilities_are_complementary_and_half_with_oneself(seed: int) -> None:
    result = bootstrap(small_hub(seed), "strength", resamples=25, seed=seed)
    for a in result.nodes:
        if result.row(a)["absent"] < result.resamples:
            assert result.rank_probability(a, a) == 0.5
        for b in result.nodes[:4]:
            forward, backward = result.rank_probability(a, b), result.rank_probability(b, a)
            if forward is None:
                assert backward is None
            else:
                assert forward + backward == pytest.approx(1.0)  # type: ignore[operator]


def test_rank_probability_counts_ties_half_over_resamples_with_both() -> None:
    values = [[1.0, 1.0], [2.0, 1.0], [np.nan, 3.0], [0.0, 1.0 + 1e-13]]
    result = BootstrapResult("x", ("a", "b"), [1.0, 1.0], values)
    assert result.rank_probability("a", "b") == pytest.approx((0.5 + 1 + 0) / 3)
    never = BootstrapResult("x", ("a", "b"), [1.0, 1.0], [[np.nan, 1.0]])
    assert never.rank_probability("a", "b") is None
    assert never.row("a")["mean"] is None
    with pytest.raises(KeyError):
        result.rank_probability("a", "z")


def test_reproducible_with_the_seed() -> None:
    hub = co.load(EXAMPLE)
    first = bootstrap(hub, "betweenness", level="organisation", kind="table", resamples=30, seed=8)
    again = bootstrap(hub, "betweenness", level="organisation", kind="table", resamples=30, seed=8)
    other = bootstrap(hub, "betweenness", level="organisation", kind="table", resamples=30, seed=9)
    np.testing.assert_array_equal(first.values, again.values)
    assert not np.array_equal(first.values, other.values)
    assert first.sessions == 11
    assert first.seed == 8


def test_node_measures_columns_bootstrap_too() -> None:
    hub = co.load(EXAMPLE)
    G = collaboration_graph(hub, level="organisation", kind="table")
    table = node_measures(G)
    assert set(BOOTSTRAP_MEASURES) == set(MEASURES) | (set(table.names) - set(DESCRIPTIVE))
    for measure in ("ei", "constraint", "liaison"):
        result = bootstrap(hub, measure, level="organisation", kind="table", resamples=5, seed=1)
        assert result.to_dict()["o-whg"]["observed"] == pytest.approx(table[measure]["o-whg"])


def test_the_result_is_a_table() -> None:
    hub = co.load(EXAMPLE)
    result = bootstrap(hub, "strength", level="organisation", kind="table", resamples=20, seed=2)
    frame = result.to_frame()
    assert list(frame.columns) == ["observed", "mean", "std_error", "lower", "upper", "absent"]
    assert frame.index.name == "node"
    assert "o-whg" in result._repr_html_()
    assert result.top(1)[0] in result.explain()
    assert result.values.flags.writeable is False


def test_nothing_to_resample_says_why() -> None:
    hub = small_hub(1)
    result = bootstrap(hub, "degree", kind="event", resamples=10, seed=0)
    assert result.reason == "no session is chosen: nothing to resample"
    assert result.nodes == ()
    assert result.resamples == 0
    assert "not bootstrapped" in result.explain()


def test_bad_options_name_the_argument() -> None:
    hub = small_hub(1)
    with pytest.raises(ValueError, match="measure must be one of"):
        bootstrap(hub, "fame")
    with pytest.raises(ValueError, match="resamples must be a positive integer"):
        bootstrap(hub, "degree", resamples=0)
    with pytest.raises(ValueError, match="confidence must be between 0 and 1"):
        bootstrap(hub, "degree", confidence=95)
    with pytest.raises(ValueError, match="level must be"):
        bootstrap(hub, "degree", level="team")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="seed must be an int"):
        bootstrap(hub, "degree", seed="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'liaison' compares groups: give attribute="):
        bootstrap(hub, "liaison", attribute=None)


def test_privacy_drops_excluded_and_relabels_pseudonymous_people() -> None:
    hub = small_hub(4)
    people = {person.id: person for person in hub.people}
    hub = hub.replace(
        people["p-0"].model_copy(update={"consent": "excluded"}),
        people["p-1"].model_copy(update={"consent": "named"}),
    )
    policy = Privacy(hub, secret="a secret of sixteen+ characters")
    plain = bootstrap(hub, "degree", resamples=10, seed=3)
    shared = bootstrap(hub, "degree", resamples=10, seed=3, privacy=policy)
    assert shared.nodes == plain.shared(policy).nodes
    kept = [node for node in plain.nodes if node != "p-0"]
    assert "p-0" not in shared.nodes
    assert len(shared.nodes) == len(kept)
    for node, label in zip(kept, shared.nodes, strict=True):
        assert label == (node if node in ("p-1", "o-4") else policy.label(str(node)))
        assert shared.row(label) == plain.row(node)


# -- the heart report ------------------------------------------------------------------------


def test_every_table_once_rebuilds_the_same_heart_report() -> None:
    hub = co.load(EXAMPLE)
    tables = hub.select(Scope(kinds="table")).ids  # type: ignore[arg-type]
    plan = _hubs.Plan.of(hub, tables)
    rebuilt, copies = plan.resample(np.arange(len(tables)))
    assert len(rebuilt.participations) == len(hub.participations)
    assert len(rebuilt.contributions) == len(hub.contributions)
    assert len(rebuilt.framings) == len(hub.framings)
    assert copies == tuple(f"{table}:b{k}" for k, table in enumerate(tables))
    before = heart_report(hub, kind="table").values
    after = heart_report(rebuilt, scope=Scope(sessions=copies)).values
    assert after == pytest.approx(before)


@settings(max_examples=15)
@given(st.lists(st.integers(0, 10), min_size=11, max_size=11))
def test_any_resample_of_the_example_is_a_valid_hub(draws: list[int]) -> None:
    hub = co.load(EXAMPLE)
    tables = hub.select(Scope(kinds="table")).ids  # type: ignore[arg-type]
    rebuilt, copies = _hubs.Plan.of(hub, tables).resample(np.array(draws))
    assert len(copies) == 11  # the Hub constructor checked every reference
    for index in set(draws):
        table = tables[index]
        expected = len(hub.participations_in(table)) * draws.count(index)
        assert (
            sum(len(rebuilt.participations_in(c)) for c in copies if c.startswith(f"{table}:"))
            == expected
        )
    left = set(range(11)) - set(draws)
    for index in left:
        assert not any(c.session == tables[index] for c in rebuilt.contributions)


def test_heart_bootstrap_network_indicators_match_the_duplicated_hubs() -> None:
    hub = small_hub(21)
    result = heart_bootstrap(hub, resamples=12, seed=4, level="organisation")
    rng = np.random.default_rng(4)
    for b in range(12):
        drawn = rng.integers(0, len(hub.sessions), size=len(hub.sessions)).tolist()
        expected = heart_report(duplicated(hub, drawn), level="organisation").values
        for j, name in enumerate(result.nodes):
            want = expected[name]
            if want is None:
                assert np.isnan(result.values[b, j])
            else:
                assert result.values[b, j] == pytest.approx(want)


def test_one_table_gives_zero_width_heart_intervals() -> None:
    hub = co.load(EXAMPLE)
    result = heart_bootstrap(hub, scope=Scope(sessions=["s-ws1-t1"]), resamples=5, seed=0)
    for name in result.nodes:
        row = result.row(name)
        if row["observed"] is not None and row["mean"] is not None:
            assert row["lower"] == row["upper"] == pytest.approx(row["observed"])


def test_heart_bootstrap_refuses_sessions_with_subsessions() -> None:
    hub = co.load(EXAMPLE)
    with pytest.raises(ValueError, match="'s-event' has some: choose"):
        heart_bootstrap(hub, resamples=2)
    frame = heart_bootstrap(hub, kind="table", resamples=3, seed=1).to_frame()
    assert frame.index.name == "indicator"
    assert "undefined" in frame.columns
