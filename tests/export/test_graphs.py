"""Graph exports: flattened attributes, GEXF/GraphML/node-link/CSV round trips, tables."""

from __future__ import annotations

import csv
import enum
import io
import json
import math
import os
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import FileFormatError
from coinnovation.export.graphs import (
    edge_frame,
    flatten_attributes,
    graph_format_of,
    node_frame,
    node_link_data,
    write_edge_csv,
    write_gexf,
    write_graph,
    write_graphml,
    write_node_link,
)
from coinnovation.io import load
from coinnovation.models import Sector
from coinnovation.network.build import affiliation_graph, collaboration_graph, interaction_graph

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "walsall-2023" / "hub.json"


class Colour(enum.Enum):
    RED = 1


class Opaque:
    def __str__(self) -> str:
        return "opaque!"


MOMENT = datetime(2023, 6, 22, 9, 30, tzinfo=UTC)

# Every awkward value, with what flatten_attributes must make of it (";" separator).
AWKWARD: dict[str, tuple[Any, Any]] = {
    "none": (None, "<dropped>"),
    "str_enum": (Sector.HEALTH_SERVICE, "health_service"),
    "int_enum": (Colour.RED, 1),
    "date": (date(1935, 6, 27), "1935-06-27"),
    "datetime": (MOMENT, "2023-06-22T09:30:00+00:00"),
    "time": (time(9, 30), "09:30:00"),
    "decimal": (Decimal("12.50"), 12.5),
    "tuple": (("s-1", "s-2"), "s-1;s-2"),
    "list": ([1, None, True, Sector.ACADEMIA], "1;;true;academia"),
    "set": ({"b", "a", "c"}, "a;b;c"),
    "frozenset": (frozenset(), ""),
    "dict": ({"ward": "Blakenall", "since": date(2020, 1, 1), 3: None}, None),
    "true": (True, True),
    "false": (False, False),
    "np_int": (np.int64(7), 7),
    "np_float": (np.float64(0.25), 0.25),
    "np_bool": (np.bool_(True), True),
    "np_array": (np.array([1, 2, 3]), "1;2;3"),
    "nan": (float("nan"), float("nan")),
    "text": ("Ana", "Ana"),
    "int": (3, 3),
    "float": (1.5, 1.5),
    "object": (Opaque(), "opaque!"),
}
AWKWARD["dict"] = (AWKWARD["dict"][0], '{"ward": "Blakenall", "since": "2020-01-01", "3": null}')


def expected_flat(values: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {key: flat for key, (_, flat) in values.items() if flat != "<dropped>"}


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal attribute dictionaries, with nan equal to nan and types compared too."""
    if a.keys() != b.keys():
        return False
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            continue
        if type(x) is not type(y) or x != y:
            return False
    return True


def awkward_graph(cls: type[nx.Graph[Any]] = nx.Graph) -> nx.Graph[Any]:
    G = cls(level="person", since=date(2023, 1, 1), until=None, skipped_sessions=("s-9",))
    G.add_node("p-ana", **{key: value for key, (value, _) in AWKWARD.items()})
    G.add_node("p-ben", name="Ben", sector=None, roles=())
    G.add_edge("p-ana", "p-ben", weight=2, sessions=("s-1", "s-2"), since=MOMENT, note=None)
    G.add_edge("p-ben", "p-cy", weight=0.5, sessions=("s-3",), since=MOMENT, note="x")
    return G


# -- flatten_attributes -----------------------------------------------------------------------


def test_networkx_writers_refuse_the_raw_graph() -> None:
    # the reason flatten_attributes exists: this test fails if networkx starts accepting them
    G = awkward_graph()
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_gexf(G, io.BytesIO())
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(G, io.BytesIO())


def test_flatten_converts_every_awkward_type() -> None:
    flat = flatten_attributes(awkward_graph())
    assert same(flat.nodes["p-ana"], expected_flat(AWKWARD))
    assert flat.nodes["p-ben"] == {"name": "Ben", "roles": ""}
    assert flat.graph == {"level": "person", "since": "2023-01-01", "skipped_sessions": "s-9"}
    assert flat["p-ana"]["p-ben"] == {
        "weight": 2.0,  # unified with the other edge's 0.5
        "sessions": "s-1;s-2",
        "since": "2023-06-22T09:30:00+00:00",
    }
    assert type(flat["p-ana"]["p-ben"]["weight"]) is float
    assert flat["p-ben"]["p-cy"]["note"] == "x"


def test_flatten_leaves_the_original_alone_and_keeps_the_class() -> None:
    for cls in (nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph):
        G = awkward_graph(cls)
        before = dict(G.nodes["p-ana"])
        flat = flatten_attributes(G)
        assert type(flat) is cls
        assert G.nodes["p-ana"]["tuple"] == before["tuple"] == ("s-1", "s-2")
        assert sorted(flat.edges) == sorted(G.edges)
        assert list(flat.nodes) == list(G.nodes)


def test_flatten_separator_and_unification_rules() -> None:
    G = nx.Graph()
    G.add_node(1, mixed=1, counts=1, flags=True, tags=("a", "b"))
    G.add_node(2, mixed="two", counts=2.5, flags=3, tags=["c"])
    flat = flatten_attributes(G, separator="|")
    assert flat.nodes[1] == {"mixed": "1", "counts": 1.0, "flags": "true", "tags": "a|b"}
    assert flat.nodes[2] == {"mixed": "two", "counts": 2.5, "flags": "3", "tags": "c"}
    raw = flatten_attributes(G, unify_types=False)
    assert raw.nodes[1]["mixed"] == 1
    assert raw.nodes[1]["counts"] == 1


# -- round trips --------------------------------------------------------------------------------


def stringified(G: nx.Graph[Any]) -> set[frozenset[str]]:
    return {frozenset(map(str, edge)) for edge in G.edges()}


def test_gexf_round_trip(tmp_path: Path) -> None:
    G = awkward_graph()
    G.nodes["p-ben"]["start"] = MOMENT  # a GEXF-reserved name, as on session nodes
    back = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert set(back.nodes) == {"p-ana", "p-ben", "p-cy"}
    assert stringified(back) == stringified(G)
    assert back["p-ana"]["p-ben"]["weight"] == 2.0
    assert back["p-ben"]["p-cy"]["weight"] == 0.5
    assert back.graph["mode"] == "static"  # 'start' did not make it dynamic
    assert back.nodes["p-ben"]["start_"] == "2023-06-22T09:30:00+00:00"
    assert back.nodes["p-ben"]["label"] == "Ben"  # name is the Gephi label
    ana = dict(back.nodes["p-ana"])
    assert ana.pop("label") == "p-ana"  # "name" is not among the awkward attributes
    assert same(ana, expected_flat(AWKWARD))
    edge = dict(back["p-ana"]["p-ben"])
    assert edge.pop("id") is not None
    assert same(edge, {"weight": 2.0, "sessions": "s-1;s-2", "since": "2023-06-22T09:30:00+00:00"})


def test_gexf_keeps_viz_and_renames_edge_type(tmp_path: Path) -> None:
    G = nx.Graph()
    G.add_node("a", viz={"color": {"r": 255, "g": 0, "b": 0, "a": 1.0}, "size": 3.0})
    G.add_edge("a", "b", type="response", weight=1)
    back = nx.read_gexf(write_gexf(G, tmp_path / "viz.gexf"))
    assert back.nodes["a"]["viz"]["size"] == 3.0
    assert back.nodes["a"]["viz"]["color"]["r"] == 255
    assert back["a"]["b"]["type_"] == "response"


def test_graphml_round_trip(tmp_path: Path) -> None:
    G = awkward_graph()
    back = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    flat = flatten_attributes(G)
    assert set(back.nodes) == set(flat.nodes)
    assert stringified(back) == stringified(G)
    for node in flat:
        assert same(dict(back.nodes[node]), flat.nodes[node]), node
    for u, v, data in flat.edges(data=True):
        assert same(dict(back[u][v]), data)
    graph = {k: v for k, v in back.graph.items() if k not in ("node_default", "edge_default")}
    assert graph == flat.graph


def test_directed_multigraph_round_trips_through_graphml(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", weight=1, sessions=("s-1",))
    G.add_edge("a", "b", weight=2, sessions=("s-2",))
    G.add_edge("b", "a", weight=3)
    back = nx.read_graphml(write_graphml(G, tmp_path / "m.graphml"))
    assert back.is_directed()
    assert back.is_multigraph()
    assert sorted(w for *_, w in back.edges(data="weight")) == [1, 2, 3]
    assert sorted(s for *_, s in back.edges(data="sessions", default="")) == ["", "s-1", "s-2"]


def test_node_link_is_strict_json_with_links(tmp_path: Path) -> None:
    G = awkward_graph()
    data = node_link_data(G)
    assert "links" in data
    assert "edges" not in data
    text = json.dumps(data, allow_nan=False)  # raises on nan or non-JSON values
    back = nx.node_link_graph(json.loads(text), edges="links")
    assert set(back.nodes) == set(G.nodes)
    assert sorted(back.edges(data="weight")) == sorted(G.edges(data="weight"))
    ana = back.nodes["p-ana"]
    assert ana["tuple"] == ["s-1", "s-2"]
    assert ana["set"] == ["a", "b", "c"]
    assert ana["none"] is None
    assert ana["nan"] is None
    assert ana["dict"] == {"ward": "Blakenall", "since": "2020-01-01", "3": None}
    assert ana["str_enum"] == "health_service"
    assert ana["int_enum"] == 1
    assert ana["decimal"] == 12.5
    assert ana["np_bool"] is True
    assert data["graph"]["since"] == "2023-01-01"
    from_file = json.loads(write_node_link(G, tmp_path / "g.json").read_text(encoding="utf-8"))
    assert from_file == json.loads(text)


def test_real_collaboration_graphs_round_trip(tmp_path: Path) -> None:
    hub = load(EXAMPLE)
    graphs = {
        "organisation": collaboration_graph(hub, level="organisation", weight="newman"),
        "person": collaboration_graph(hub),
        "affiliation": affiliation_graph(hub),
        "interaction": interaction_graph(hub),
    }
    for name, G in graphs.items():
        for suffix in (".gexf", ".graphml", ".json"):
            target = write_graph(G, tmp_path / f"{name}{suffix}")
            if suffix == ".gexf":
                back = nx.read_gexf(target)
            elif suffix == ".graphml":
                back = nx.read_graphml(target)
            else:
                back = nx.node_link_graph(json.loads(target.read_text()), edges="links")
            assert set(back.nodes) == set(G.nodes), (name, suffix)
            assert back.number_of_edges() == G.number_of_edges(), (name, suffix)
            for u, v, w in G.edges(data="weight"):
                assert back[u][v]["weight"] == pytest.approx(w), (name, suffix, u, v)
            if name == "organisation" and suffix != ".json":
                u, v, sessions = next(iter(G.edges(data="sessions")))
                assert back[u][v]["sessions"] == ";".join(sessions)


# -- tables ----------------------------------------------------------------------------------


def test_edge_frame_matches_networkx_edgelist() -> None:
    G = collaboration_graph(load(EXAMPLE), level="organisation")
    frame = edge_frame(G)
    reference = nx.to_pandas_edgelist(G)
    assert list(frame.columns) == ["source", "target", "weight", "sessions"]
    pd.testing.assert_frame_equal(frame, reference[list(frame.columns)], check_dtype=False)


def test_edge_frame_defaults_and_multigraph() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", sessions=("s-1",))
    G.add_edge("a", "b", weight=2.5)
    frame = edge_frame(G, flat=True)
    assert list(frame.columns) == ["source", "target", "key", "weight", "sessions"]
    assert frame["weight"].tolist() == [1.0, 2.5]
    assert frame["key"].tolist() == [0, 1]
    assert frame["sessions"][0] == "s-1"
    assert pd.isna(frame["sessions"][1])
    custom = nx.Graph()
    custom.add_edge("a", "b", strength=4)
    assert edge_frame(custom, weight="strength").to_dict("records") == [
        {"source": "a", "target": "b", "weight": 4}
    ]
    empty = edge_frame(nx.Graph())
    assert list(empty.columns) == ["source", "target", "weight"]
    assert len(empty) == 0


def test_edge_frame_refuses_clashing_attribute_names() -> None:
    G = nx.Graph()
    G.add_edge("a", "b", source="survey")
    with pytest.raises(ValueError, match="'source'"):
        edge_frame(G)


def test_node_frame() -> None:
    G = collaboration_graph(load(EXAMPLE))
    frame = node_frame(G)
    assert frame.index.name == "node"
    assert list(frame.index) == list(G.nodes)
    node = next(n for n, kind in G.nodes(data="kind") if kind == "person")
    assert frame.loc[node, "roles"] == G.nodes[node]["roles"]
    flat = node_frame(G, flat=True)
    assert flat.loc[node, "roles"] == ";".join(G.nodes[node]["roles"])


def test_edge_csv(tmp_path: Path) -> None:
    G = collaboration_graph(load(EXAMPLE), level="organisation")
    target = write_edge_csv(G, tmp_path / "edges.csv")
    with target.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    frame = edge_frame(G, flat=True)
    assert [row["source"] for row in rows] == frame["source"].tolist()
    assert [float(row["weight"]) for row in rows] == frame["weight"].tolist()
    assert [row["sessions"] for row in rows] == frame["sessions"].tolist()


# -- write_graph and atomicity -------------------------------------------------------------------


def test_write_graph_chooses_by_suffix(tmp_path: Path) -> None:
    G = awkward_graph()
    assert nx.read_gexf(write_graph(G, tmp_path / "a.GEXF")).number_of_edges() == 2
    assert nx.read_graphml(write_graph(G, tmp_path / "a.graphml")).number_of_edges() == 2
    assert "links" in json.loads(write_graph(G, tmp_path / "a.json").read_text())
    assert write_graph(G, tmp_path / "a.csv").read_text().startswith("source,target,weight")
    forced = write_graph(G, tmp_path / "a.txt", format="graphml")
    assert nx.read_graphml(forced).number_of_edges() == 2
    with pytest.raises(FileFormatError, match=r"unsupported graph file type '\.net'"):
        write_graph(G, tmp_path / "a.net")
    with pytest.raises(FileFormatError, match="unsupported graph format 'dot'"):
        graph_format_of("a.gexf", "dot")  # type: ignore[arg-type]
    assert not (tmp_path / "a.net").exists()


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    G = awkward_graph()
    for suffix in (".gexf", ".graphml", ".json", ".csv"):
        write_graph(G, tmp_path / f"g{suffix}")
        write_graph(G, tmp_path / f"g{suffix}")  # replacing an existing file too
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "g.csv",
        "g.gexf",
        "g.graphml",
        "g.json",
    ]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "g.gexf"
    target.write_text("old")

    def broken(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_gexf(awkward_graph(), target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.gexf"]


# -- property: GraphML round trip of any attribute values -----------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
    st.sampled_from(list(Sector)),
    st.dates(),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, max_value=10**6, min_value=-(10**6)
    ),
)
values = st.one_of(
    scalars,
    st.tuples(st.text(alphabet="abc-123", max_size=4), st.text(alphabet="xyz", max_size=3)),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.text(alphabet="kl", min_size=1, max_size=2), st.integers(), max_size=2),
)
attribute_maps = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), values, max_size=4)


@given(
    seed=st.integers(0, 10_000),
    node_data=st.lists(attribute_maps, min_size=6, max_size=6),
    edge_data=st.lists(attribute_maps, min_size=1, max_size=20),
)
def test_graphml_round_trip_of_any_values(
    seed: int, node_data: list[dict[str, Any]], edge_data: list[dict[str, Any]]
) -> None:
    G = nx.gnm_random_graph(6, len(edge_data), seed=seed)
    G = nx.relabel_nodes(G, {i: f"n-{i}" for i in G})
    for node, data in zip(G.nodes, node_data, strict=True):
        G.nodes[node].update(data)
    for (u, v), data in zip(G.edges, edge_data, strict=False):
        G[u][v].update(data)
    flat = flatten_attributes(G)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert set(back.nodes) == set(G.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in G.edges}
    for node in G:
        assert same(dict(back.nodes[node]), flat.nodes[node])
    for u, v, data in flat.edges(data=True):
        assert same(dict(back[u][v]), data)
    json.dumps(node_link_data(G), allow_nan=False)


def test_defaults_from_a_graphml_file_survive_a_second_export(tmp_path: Path) -> None:
    G = nx.Graph(node_default={"colour": "red", "tags": ("a", "b")}, edge_default={})
    G.add_node(1, colour="blue", tags=("x", "y"))
    G.add_edge(1, 2, weight=1)
    assert flatten_attributes(G).graph["node_default"] == {"colour": "red", "tags": "a;b"}
    once = nx.read_graphml(write_graphml(G, tmp_path / "once.graphml"))
    assert once.graph["node_default"] == {"colour": "red", "tags": "a;b"}
    twice = nx.read_graphml(write_graphml(once, tmp_path / "twice.graphml"))
    assert twice.graph["node_default"] == once.graph["node_default"]
    assert dict(twice.nodes["1"]) == {"colour": "blue", "tags": "x;y"}
    assert nx.read_gexf(write_gexf(once, tmp_path / "once.gexf")).nodes["1"]["tags"] == "x;y"


def test_edge_csv_neutralises_formulas(tmp_path: Path) -> None:
    G = nx.Graph()
    G.add_edge("a", "b", weight=-1.5, note="=HYPERLINK(1)", tags=("-x", "y"))
    with write_edge_csv(G, tmp_path / "e.csv").open(newline="", encoding="utf-8") as stream:
        (row,) = csv.DictReader(stream)
    assert row == {
        "source": "a",
        "target": "b",
        "weight": "-1.5",  # a number, left alone
        "note": "'=HYPERLINK(1)",
        "tags": "'-x;y",
    }


def test_csv_values_with_carriage_returns_stay_in_their_row(tmp_path: Path) -> None:
    import csv

    import numpy as np

    from coinnovation.export.tables import write_table
    from coinnovation.network import NodeTable

    G = nx.Graph()
    G.add_edge("a\rb", "c", note="one\rtwo")
    edges = write_edge_csv(G, tmp_path / "edges.csv")
    with edges.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2
    assert "one\rtwo" in rows[1]

    table = NodeTable(("x\ry",), {"name": np.array(["p\rq"], dtype=object)})
    written = write_table(table, tmp_path / "table.csv")
    with written.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2
    assert rows[1] == ["x\ry", "p\rq"]
