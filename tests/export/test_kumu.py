"""Kumu blueprints: the documented shape, and the same network as collaboration_graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from jsonschema import Draft202012Validator

from coinnovation import load
from coinnovation.export.graphs import write_graph
from coinnovation.export.kumu import KUMU_DIRECTIONS, kumu_blueprint, write_kumu
from coinnovation.models import Hub, Membership, Organisation, Participation, Person, Session
from coinnovation.network.build import collaboration_graph
from coinnovation.privacy import Privacy
from tests.conftest import EXAMPLE

SECRET = "the secret of the Kumu tests, 16+"

#: The blueprint shape of Kumu's documentation ("JSON / Blueprints",
#: https://docs.kumu.io/guides/import/blueprints; "Fields", https://docs.kumu.io/guides/fields):
#: an object with "elements" and "connections" arrays; elements have a label and may have
#: an id, a type, a description and tags (a list); connections have from and to and may
#: have a type and a direction (undirected, directed or mutual). Custom fields are free keys.
BLUEPRINT = {
    "type": "object",
    "required": ["elements", "connections"],
    "additionalProperties": False,
    "properties": {
        "elements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["label"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "label": {"type": "string", "minLength": 1},
                    "type": {"type": "string"},
                    "description": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "connections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {
                    "id": {"type": "string"},
                    "from": {"type": "string"},
                    "to": {"type": "string"},
                    "type": {"type": "string"},
                    "direction": {"enum": list(KUMU_DIRECTIONS)},
                    "strength": {"type": "number"},
                },
            },
        },
    },
}


def shape_errors(blueprint: dict[str, Any]) -> list[str]:
    """Every way a blueprint breaks Kumu's documented shape (empty: it fits)."""
    found = [error.message for error in Draft202012Validator(BLUEPRINT).iter_errors(blueprint)]
    ids = [element["id"] for element in blueprint["elements"]]
    if len(set(ids)) != len(ids):
        found.append("element ids are not unique")
    known = set(ids)
    for connection in blueprint["connections"]:
        for end in ("from", "to"):
            if connection[end] not in known:
                found.append(f"connection {end} {connection[end]!r} names no element")
    return found


def network(blueprint: dict[str, Any]) -> nx.Graph[Any]:
    """The blueprint read back as a weighted graph."""
    graph: nx.Graph[Any] = nx.Graph()
    graph.add_nodes_from(element["id"] for element in blueprint["elements"])
    for connection in blueprint["connections"]:
        graph.add_edge(connection["from"], connection["to"], weight=connection["strength"])
    return graph


def test_the_check_can_fail() -> None:
    bad = {
        "elements": [{"id": "a"}, {"id": "a", "label": "A", "tags": "x"}],
        "connections": [{"from": "a", "to": "b", "direction": "sideways"}],
    }
    assert len(shape_errors(bad)) == 5


def _small() -> Hub:
    return Hub(
        people=(
            Person(id="p-ana", name="Ana", consent="named", roles=("peer_researcher",)),
            Person(id="p-ben", name="Ben"),
            Person(id="p-cy", name="Cy", consent="excluded"),
        ),
        organisations=(
            Organisation(id="o-whg", name="whg", kind="housing_association", sector="community"),
        ),
        memberships=(Membership(id="m-1", person="p-ana", organisation="o-whg"),),
        sessions=(Session(id="s-1", name="Table 1"), Session(id="s-2", name="Table 2")),
        participations=(
            Participation(id="pa-1", session="s-1", person="p-ana"),
            Participation(id="pa-2", session="s-1", person="p-ben"),
            Participation(id="pa-3", session="s-1", person="p-cy"),
            Participation(id="pa-4", session="s-2", person="p-ana"),
            Participation(id="pa-5", session="s-2", person="p-ben"),
        ),
    )


def test_a_small_hub_exactly() -> None:
    hub = _small()
    policy = Privacy(hub, SECRET)
    blueprint = kumu_blueprint(collaboration_graph(hub, level="person"), privacy=policy)
    ben = policy.pseudonym_of("p-ben")
    assert blueprint["elements"] == [
        {
            "id": "p-ana",
            "label": "Ana",
            "type": "Person",
            "tags": ["peer_researcher"],
            "sector": "community",
            "organisation": "o-whg",
        },
        {"id": ben, "label": ben, "type": "Person"},
    ]
    # Ana and Ben shared both tables: strength 2; Cy is excluded, with her ties.
    assert blueprint["connections"] == [
        {
            "from": "p-ana",
            "to": ben,
            "type": "collaboration",
            "direction": "undirected",
            "strength": 2,
            "sessions": ["s-1", "s-2"],
        }
    ]
    assert shape_errors(blueprint) == []
    assert "Cy" not in json.dumps(blueprint)
    assert "p-ben" not in json.dumps(blueprint)


@pytest.mark.parametrize("level", ["person", "organisation", "sector"])
@pytest.mark.parametrize("weight", ["count", "newman"])
def test_the_same_nodes_and_weights_as_collaboration_graph(level: str, weight: str) -> None:
    hub = load(EXAMPLE)
    policy = Privacy(hub, SECRET)
    graph = collaboration_graph(hub, level=level, weight=weight)  # type: ignore[arg-type]
    blueprint = kumu_blueprint(graph, privacy=policy)
    assert shape_errors(blueprint) == []
    shared = policy.graph(graph)
    back = network(blueprint)
    assert sorted(back.nodes) == sorted(map(str, shared.nodes))
    assert {frozenset(edge): w for *edge, w in back.edges(data="weight")} == {
        frozenset(map(str, edge)): w for *edge, w in shared.edges(data="weight")
    }
    kinds = {element["type"] for element in blueprint["elements"]}
    assert kinds <= {"Person", "Organisation", "Sector"}


def test_without_a_policy_people_are_as_recorded() -> None:
    blueprint = kumu_blueprint(collaboration_graph(_small(), level="person"))
    assert sorted(element["label"] for element in blueprint["elements"]) == ["Ana", "Ben", "Cy"]


def test_core_names_are_not_overwritten_and_directed_graphs_say_so() -> None:
    graph: nx.DiGraph[Any] = nx.DiGraph()
    graph.add_node(1, label="L", tags="t", type="x")
    graph.add_edge(1, 2, direction="up", weight=0.5)
    blueprint = kumu_blueprint(graph)
    assert blueprint["elements"][0] == {
        "id": "1",
        "label": "1",
        "label_": "L",
        "tags_": "t",
        "type_": "x",
    }
    assert blueprint["connections"] == [
        {
            "from": "1",
            "to": "2",
            "type": "collaboration",
            "direction": "directed",
            "strength": 0.5,
            "direction_": "up",
        }
    ]


def test_write_graph_and_the_command_line_write_kumu(tmp_path: Path) -> None:
    hub = load(EXAMPLE)
    graph = collaboration_graph(hub, level="organisation")
    path = write_graph(graph, tmp_path / "network.kumu.json")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written == kumu_blueprint(graph)
    assert write_kumu(graph, tmp_path / "other.json").read_text(encoding="utf-8") == path.read_text(
        encoding="utf-8"
    )
