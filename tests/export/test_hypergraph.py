"""The session hypergraph: HIF output, its schema, XGI, and agreement with the projections."""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.errors import MissingDependencyError, UnknownReferenceError
from coinnovation.export.hypergraph import hif_data, session_hypergraph, write_hif
from coinnovation.io import load
from coinnovation.models import (
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.network.build import collaboration_graph
from coinnovation.testing.synthetic import synthetic_hub

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "walsall-2023" / "hub.json"
SCHEMA = json.loads((DATA / "hif_schema_v0.1.0.json").read_text(encoding="utf-8"))


def day(month: int, d: int) -> datetime:
    return datetime(2023, month, d, 9, tzinfo=UTC)


def small_hub() -> Hub:
    """An event with a workshop and two tables, an undated meeting and an empty session.

    - Ana is a member of WHG throughout; Ben of Uni until 2023-03-31, then of Acme;
      Cy has no organisation; WHG is also recorded on its own.
    """
    return Hub(
        name="small",
        organisations=(
            Organisation(id="o-whg", name="WHG", kind="housing_association", sector="community"),
            Organisation(id="o-uni", name="Uni", kind="university", sector="academia"),
            Organisation(id="o-acme", name="Acme", kind="firm", sector="industry"),
        ),
        people=(
            Person(id="p-ana", name="Ana", roles=("peer_researcher",)),
            Person(id="p-ben", name="Ben"),
            Person(id="p-cy", name="Cy", sector="community"),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg"),
            Membership(id="m-2", person="p-ben", organisation="o-uni", end=date(2023, 3, 31)),
            Membership(id="m-3", person="p-ben", organisation="o-acme", start=date(2023, 4, 1)),
        ),
        sessions=(
            Session(id="s-day", name="Day", kind="event", start=day(6, 22)),
            Session(id="s-ws", name="Workshop", kind="workshop", parent="s-day"),
            Session(id="s-t1", name="Table 1", kind="table", parent="s-ws"),
            Session(id="s-t2", name="Table 2", kind="table", parent="s-ws"),
            Session(id="s-early", name="Early meeting", start=day(2, 1)),
            Session(id="s-undated", name="Undated"),
            Session(id="s-empty", name="Nobody came", start=day(7, 1)),
        ),
        participations=(
            Participation(id="pa-1", session="s-day", person="p-ana", role="presenter"),
            Participation(id="pa-2", session="s-t1", person="p-ana", level="involve"),
            Participation(id="pa-3", session="s-t1", person="p-ben", level="consult"),
            Participation(id="pa-4", session="s-t2", person="p-cy"),
            Participation(id="pa-5", session="s-t2", organisation="o-whg"),
            Participation(id="pa-6", session="s-early", person="p-ben"),
            Participation(id="pa-7", session="s-early", person="p-ana"),
            Participation(id="pa-8", session="s-undated", person="p-ben"),
            Participation(id="pa-9", session="s-undated", person="p-ben", role="facilitator"),
        ),
    )


def members(data: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {edge["edge"]: [] for edge in data["edges"]}
    for incidence in data["incidences"]:
        found[incidence["edge"]].append(incidence["node"])
    return found


# -- the small hub, worked by hand ------------------------------------------------------------


def test_person_level_own() -> None:
    data = hif_data(small_hub())
    assert data["network-type"] == "undirected"
    assert members(data) == {
        "s-day": ["p-ana"],
        "s-ws": [],
        "s-t1": ["p-ana", "p-ben"],
        "s-t2": ["p-cy", "o-whg"],
        "s-early": ["p-ben", "p-ana"],
        "s-undated": ["p-ben"],
        "s-empty": [],
    }
    nodes = {node["node"]: node["attrs"] for node in data["nodes"]}
    assert nodes["p-ana"] == {
        "kind": "person",
        "name": "Ana",
        "sector": "community",
        "organisation": "o-whg",
        "roles": ["peer_researcher"],
    }
    assert nodes["o-whg"]["kind"] == "organisation"
    assert nodes["p-cy"]["sector"] == "community"
    edges = {edge["edge"]: edge["attrs"] for edge in data["edges"]}
    assert edges["s-t1"] == {
        "kind": "session",
        "name": "Table 1",
        "sector": None,
        "session_kind": "table",
        "start": None,
        "parent": "s-ws",
    }
    assert edges["s-day"]["start"] == "2023-06-22T09:00:00+00:00"
    incidences = {(i["edge"], i["node"]): i["attrs"] for i in data["incidences"]}
    assert incidences[("s-undated", "p-ben")] == {
        "participations": 2,
        "roles": ["participant", "facilitator"],
        "levels": [],
    }
    assert incidences[("s-t1", "p-ana")]["levels"] == ["involve"]
    assert data["metadata"]["level"] == "person"
    assert data["metadata"]["name"] == "small"


def test_organisation_level_uses_the_membership_on_the_day() -> None:
    data = hif_data(small_hub(), level="organisation", nested="subtree")
    assert members(data) == {
        # Ana (WHG) at the day; Ana and Ben (Acme from April) at table 1; WHG alone at table 2
        "s-day": ["o-whg", "o-acme"],
        "s-ws": ["o-whg", "o-acme"],
        "s-t1": ["o-whg", "o-acme"],
        "s-t2": ["o-whg"],
        # in February Ben was still at the university
        "s-early": ["o-uni", "o-whg"],
        # undated: every membership Ben ever held
        "s-undated": ["o-uni", "o-acme"],
        "s-empty": [],
    }
    incidences = {(i["edge"], i["node"]): i["attrs"] for i in data["incidences"]}
    # at the day, WHG stands for Ana's two records and its own one at table 2
    assert incidences[("s-day", "o-whg")]["participations"] == 3
    assert incidences[("s-day", "o-whg")]["roles"] == ["presenter", "participant"]
    assert data["metadata"]["dropped_stakeholders"] == ["p-cy"]
    assert data["metadata"]["dropped_participations"] == 1
    nodes = {node["node"]: node["attrs"] for node in data["nodes"]}
    assert nodes["o-uni"] == {
        "kind": "organisation",
        "name": "Uni",
        "sector": "academia",
        "organisation_kind": "university",
    }


def test_session_choice_and_window() -> None:
    hub = small_hub()
    data = hif_data(hub, sessions=["s-t1", "s-early"])
    assert list(members(data)) == ["s-t1", "s-early"]
    windowed = hif_data(hub, since=date(2023, 6, 1), until=date(2023, 6, 30), nested="subtree")
    assert list(members(windowed)) == ["s-day", "s-ws", "s-t1", "s-t2"]
    assert windowed["metadata"]["since"] == "2023-06-01"
    assert windowed["metadata"]["undated_sessions_excluded"] == 1


def test_bad_options() -> None:
    hub = small_hub()
    with pytest.raises(ValueError, match="level must be"):
        hif_data(hub, level="sector")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="nested must be"):
        hif_data(hub, nested="all")  # type: ignore[arg-type]
    with pytest.raises(UnknownReferenceError):
        hif_data(hub, sessions=["s-404"])


# -- the HIF schema ---------------------------------------------------------------------------


def test_output_is_valid_hif() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    for hub in (small_hub(), load(EXAMPLE)):
        for level in ("person", "organisation"):
            data = hif_data(hub, level=level, nested="subtree")  # type: ignore[arg-type]
            validator.validate(json.loads(json.dumps(data, allow_nan=False)))


def test_the_schema_can_fail() -> None:
    validator = jsonschema.Draft7Validator(SCHEMA)
    data = hif_data(small_hub())
    bad = json.loads(json.dumps(data))
    bad["incidences"][0]["attr"] = {}  # "attrs" is the key; extra keys are not allowed
    assert not validator.is_valid(bad)
    bad = json.loads(json.dumps(data))
    bad["network-type"] = "hypergraph"
    assert not validator.is_valid(bad)


def test_write_hif(tmp_path: Path) -> None:
    hub = small_hub()
    target = write_hif(hub, tmp_path / "sessions.json", level="organisation")
    assert json.loads(target.read_text(encoding="utf-8")) == hif_data(hub, level="organisation")
    write_hif(hub, target, indent=None)  # replace it
    assert [p.name for p in tmp_path.iterdir()] == ["sessions.json"]
    assert "\n" not in target.read_text(encoding="utf-8").rstrip("\n")


# -- agreement with the collaboration graphs ---------------------------------------------------


def clique_expansion(data: dict[str, Any]) -> tuple[Counter[frozenset[str]], dict]:
    """Pairs sharing hyperedges: shared counts and Newman weights Σ 1/(|e| − 1)."""
    counts: Counter[frozenset[str]] = Counter()
    newman: dict[frozenset[str], float] = defaultdict(float)
    for group in members(data).values():
        for a, b in itertools.combinations(group, 2):
            counts[frozenset((a, b))] += 1
            newman[frozenset((a, b))] += 1 / (len(group) - 1)
    return counts, newman


def assert_agrees(hub: Hub, **options: Any) -> None:
    data = hif_data(hub, **options)
    counts, newman = clique_expansion(data)
    G = collaboration_graph(hub, max_pairs=None, **options)
    N = collaboration_graph(hub, max_pairs=None, weight="newman", evidence=False, **options)
    assert {node["node"] for node in data["nodes"]} == set(G.nodes)
    assert {frozenset(edge): w for *edge, w in G.edges(data="weight")} == dict(counts)
    for *edge, w in N.edges(data="weight"):
        assert newman[frozenset(edge)] == pytest.approx(w)
    assert len(newman) == N.number_of_edges()
    nodes = {node["node"]: node["attrs"] for node in data["nodes"]}
    for node, attributes in G.nodes(data=True):
        assert nodes[node] == {
            k: list(v) if isinstance(v, tuple) else v for k, v in attributes.items()
        }


OPTIONS = [
    {"level": level, "nested": nested}
    for level in ("person", "organisation")
    for nested in ("own", "subtree")
]


@pytest.mark.parametrize("options", OPTIONS)
def test_agrees_with_collaboration_graph_on_the_example(options: dict[str, str]) -> None:
    assert_agrees(load(EXAMPLE), **options)
    assert_agrees(small_hub(), **options)


@settings(max_examples=10)
@given(seed=st.integers(0, 2**16), options=st.sampled_from(OPTIONS), window=st.booleans())
def test_agrees_with_collaboration_graph_on_synthetic_hubs(
    seed: int, options: dict[str, str], window: bool
) -> None:
    hub = synthetic_hub(400, seed=seed)
    extra: dict[str, Any] = {}
    if window:
        starts = sorted(s.start.date() for s in hub.sessions if s.start is not None)
        extra = {"since": starts[len(starts) // 4], "until": starts[3 * len(starts) // 4]}
    assert_agrees(hub, **options, **extra)


@pytest.mark.parametrize("options", OPTIONS)
def test_agrees_with_collaboration_graph_for_a_kind_and_a_scope(options: dict[str, str]) -> None:
    """The sessions come from one Scope, as the graph builders' do (issue 10)."""
    from coinnovation.models import Scope

    hub = load(EXAMPLE)
    assert_agrees(hub, **options, kind="table")
    assert_agrees(hub, **options, kind=["workshop", "event"])
    scope = Scope(kinds=["workshop"], nested=options["nested"])  # type: ignore[arg-type]
    by_scope = hif_data(hub, level=options["level"], scope=scope)  # type: ignore[arg-type]
    shorthand = hif_data(hub, level=options["level"], kind="workshop", nested=options["nested"])  # type: ignore[arg-type]
    assert by_scope == shorthand
    assert by_scope["metadata"]["kinds"] == ["workshop"]
    assert hif_data(hub)["metadata"]["kinds"] is None


def test_scope_and_a_shorthand_are_refused_together() -> None:
    from coinnovation.models import Scope

    with pytest.raises(TypeError, match="give scope= or nested=, not both"):
        hif_data(small_hub(), scope=Scope(), nested="subtree")


# -- XGI -------------------------------------------------------------------------------------


def test_xgi_reads_our_hif(tmp_path: Path) -> None:
    xgi = pytest.importorskip("xgi")
    hub = load(EXAMPLE)
    for level in ("person", "organisation"):
        data = hif_data(hub, level=level, nested="subtree")  # type: ignore[arg-type]
        expected = {edge: set(group) for edge, group in members(data).items()}
        from_dict = xgi.from_hif_dict(data)
        assert from_dict.edges.members(dtype=dict) == expected
        from_file = xgi.read_hif(
            write_hif(hub, tmp_path / f"{level}.json", level=level, nested="subtree")
        )
        assert from_file.edges.members(dtype=dict) == expected
        node = data["nodes"][0]
        assert from_file.nodes[node["node"]] == node["attrs"]
        edge = data["edges"][0]
        assert from_file.edges[edge["edge"]] == edge["attrs"]
        assert from_file["level"] == level


def test_session_hypergraph() -> None:
    pytest.importorskip("xgi")
    hub = small_hub()
    for options in OPTIONS:
        H = session_hypergraph(hub, **options)  # type: ignore[arg-type]
        data = hif_data(hub, **options)  # type: ignore[arg-type]
        assert H.edges.members(dtype=dict) == {
            edge: set(group) for edge, group in members(data).items()
        }
        assert H["level"] == options["level"]
        assert H["nested"] == options["nested"]
    H = session_hypergraph(hub)
    assert H.nodes["p-ana"]["roles"] == ("peer_researcher",)  # tuples stay tuples
    assert H.edges["s-t1"]["parent"] == "s-ws"
    assert H.edges.members("s-empty") == set()
    assert H.num_nodes == 4
    assert H.num_edges == 7
    G = collaboration_graph(hub)
    for node in G:
        assert H.nodes[node] == G.nodes[node]


def test_session_hypergraph_without_xgi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xgi", None)
    with pytest.raises(MissingDependencyError, match=r"coinnovation\[hyper\]"):
        session_hypergraph(small_hub())


def test_person_level_hif_applies_privacy() -> None:
    from coinnovation.models import Consent, Hub, Participation, Person, Session
    from coinnovation.privacy import Privacy

    hub = Hub(
        people=(
            Person(id="p-ana", name="Ana", consent=Consent.NAMED),
            Person(id="p-ben", name="Ben"),
            Person(id="p-cy", name="Cy", consent=Consent.EXCLUDED),
        ),
        sessions=(Session(id="s-1", name="Table"),),
        participations=tuple(
            Participation(id=f"pa-{who}", session="s-1", person=who)
            for who in ("p-ana", "p-ben", "p-cy")
        ),
    )
    privacy = Privacy(hub, secret="a secret of sixteen+ characters")
    data = hif_data(hub, privacy=privacy)
    ben = privacy.name("p-ben")
    assert [node["node"] for node in data["nodes"]] == ["p-ana", ben]
    assert [node["attrs"]["name"] for node in data["nodes"]] == ["Ana", ben]
    assert [i["node"] for i in data["incidences"]] == ["p-ana", ben]
    text = json.dumps(data)
    assert "Ben" not in text.replace(ben, "")
    assert "p-cy" not in text
    assert "Cy" not in text


def test_person_level_hif_keeps_organisations_as_they_are() -> None:
    # Issue 9, item 11: an organisation recorded without a person is a node of the person
    # level; the policy must not rename it as a person ("Person 2XBB-BWN8").
    from coinnovation.privacy import Privacy

    hub = small_hub()
    privacy = Privacy(hub, secret="a secret of sixteen+ characters")
    data = hif_data(hub, privacy=privacy)
    nodes = {node["node"]: node["attrs"] for node in data["nodes"]}
    assert nodes["o-whg"]["name"] == "WHG"
    assert nodes["o-whg"]["kind"] == "organisation"
    assert ("s-t2", "o-whg") in {(i["edge"], i["node"]) for i in data["incidences"]}
    people = sorted(name for name, attrs in nodes.items() if attrs["kind"] == "person")
    assert people == sorted(str(privacy.label(p)) for p in ("p-ana", "p-ben", "p-cy"))
    H = session_hypergraph(hub, privacy=privacy)
    assert H.nodes["o-whg"]["name"] == "WHG"
    assert "p-ana" not in H.nodes


def test_organisation_level_hif_keeps_dropped_people_private() -> None:
    # Issue 9, item 8: the people with no organisation on the day are listed in the
    # metadata, by label; excluded people not at all.
    from coinnovation.models import Consent
    from coinnovation.privacy import Privacy

    hub = small_hub()
    hub = hub.replace(hub.person("p-cy").model_copy(update={"consent": Consent.EXCLUDED}))
    hub = hub.add(
        Person(id="p-dee", name="Dee"), Participation(id="pa-d", session="s-t2", person="p-dee")
    )
    privacy = Privacy(hub, secret="a secret of sixteen+ characters")
    assert set(hif_data(hub, level="organisation")["metadata"]["dropped_stakeholders"]) >= {
        "p-cy",
        "p-dee",
    }
    data = hif_data(hub, level="organisation", privacy=privacy)
    assert privacy.label("p-dee") in data["metadata"]["dropped_stakeholders"]
    text = json.dumps(data)
    assert "p-cy" not in text
    assert "p-dee" not in text
    assert data["metadata"]["dropped_participations"] == 2  # the count is the whole hub's
    H = session_hypergraph(hub, level="organisation", privacy=privacy)
    assert "p-dee" not in H["dropped_stakeholders"]
