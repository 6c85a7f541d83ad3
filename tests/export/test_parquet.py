"""Parquet files: the same rows and types as the CSV export, read with pyarrow, pandas, DuckDB."""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

from coinnovation import load
from coinnovation.errors import MissingDependencyError
from coinnovation.export.exports import ExportTable, export_rows, export_table, write_export
from coinnovation.export.graphs import write_graph
from coinnovation.export.parquet import arrow_table, edge_arrow, write_edge_parquet, write_parquet
from coinnovation.export.tables import unneutralise
from coinnovation.models import Hub
from coinnovation.network.build import collaboration_edges, collaboration_graph
from coinnovation.privacy import Privacy
from coinnovation.testing.strategies import hubs
from tests.conftest import EXAMPLE

SECRET = "the secret of the Parquet tests, 16+"
HAS_DUCKDB = importlib.util.find_spec("duckdb") is not None


def csv_rows(path: Path, schema: pa.Schema) -> list[tuple[Any, ...]]:
    """The CSV export's rows, each cell read as the Parquet column's type says."""

    def cell(text: str, kind: pa.DataType) -> Any:
        if text == "":
            return None
        if pa.types.is_integer(kind):
            return int(text)
        if pa.types.is_floating(kind):
            return float(text)
        if pa.types.is_decimal(kind):
            return Decimal(text)
        if pa.types.is_boolean(kind):
            return {"true": True, "false": False}[text]
        if pa.types.is_timestamp(kind):
            return datetime.fromisoformat(text)
        return unneutralise(text)

    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == schema.names
        return [
            tuple(cell(text, field.type) for text, field in zip(row, schema, strict=True))
            for row in reader
        ]


def plain(value: Any) -> Any:
    """A value read by pandas or DuckDB as a plain Python value (missing as None)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | Decimal):
        return value.item()
    return value


def _hub() -> Hub:
    return load(EXAMPLE)


EXPECTED_TYPES = {
    "people": {
        "id": "string",
        "participations": "int64",
        "hours": "decimal128(38, 2)",
    },
    "organisations": {"members": "int64", "participations": "int64", "parent": "string"},
    "participations": {
        "session_start": "timestamp[us, tz=+01:00]",
        "person_excluded": "bool",
        "hours": "decimal128(38, 2)",
        "level": "string",
    },
}


@pytest.mark.parametrize(
    ("what", "level"),
    [
        ("people", "organisation"),
        ("organisations", "organisation"),
        ("participations", "organisation"),
        ("measures", "organisation"),
        ("measures", "person"),
        ("measures", "sector"),
    ],
)
def test_same_rows_and_types_as_the_csv_export(tmp_path: Path, what: str, level: str) -> None:
    hub = _hub()
    policy = Privacy(hub, SECRET)
    kwargs: dict[str, Any] = {"privacy": policy, "level": level}
    exported = export_rows(hub, what, **kwargs)  # once: measures may differ in the last bit
    csv_path = write_export(exported, tmp_path / f"{what}.csv")
    parquet_path = write_export(exported, tmp_path / f"{what}.parquet")
    table = pq.read_table(parquet_path)
    for column, kind in EXPECTED_TYPES.get(what, {}).items():
        assert str(table.schema.field(column).type) == kind, column
    rows = [tuple(row.values()) for row in table.to_pylist()]
    expected = csv_rows(csv_path, table.schema)
    assert rows == expected
    assert len(rows) == len(exported)
    frame = pd.read_parquet(parquet_path)
    assert list(frame.columns) == table.schema.names
    assert [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)] == expected
    if HAS_DUCKDB:
        import duckdb

        fetched = duckdb.sql(f"SELECT * FROM read_parquet('{parquet_path}')").fetchall()
        assert [tuple(plain(v) for v in row) for row in fetched] == expected


def test_types_of_the_fixed_tables_hold_for_an_empty_hub(tmp_path: Path) -> None:
    for what in ("people", "organisations", "participations"):
        path = export_table(Hub(), what, tmp_path / f"{what}.parquet")
        table = pq.read_table(path)
        assert table.num_rows == 0
        for column, kind in EXPECTED_TYPES.get(what, {}).items():
            expected = {"decimal128(38, 2)": "decimal128(38, 0)"}.get(kind, kind)
            expected = expected.replace("tz=+01:00", "tz=UTC")
            assert str(table.schema.field(column).type) == expected


def test_zones_decimals_and_mixed_columns() -> None:
    from datetime import timedelta, timezone
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    summer, winter = datetime(2024, 5, 16, tzinfo=london), datetime(2024, 1, 16, tzinfo=london)
    table = ExportTable(
        "x",
        ("start", "other", "hours", "mixed", "count"),
        (
            (summer, summer.astimezone(timezone(timedelta(hours=1))), Decimal("1.25"), 1, 1),
            (winter, winter.astimezone(UTC), Decimal(2), "a", None),
        ),
    )
    arrow = arrow_table(table)
    assert [str(field.type) for field in arrow.schema] == [
        "timestamp[us, tz=Europe/London]",
        "timestamp[us, tz=UTC]",
        "decimal128(38, 2)",
        "string",
        "int64",
    ]
    assert arrow.column("start").to_pylist() == [summer, winter]
    assert arrow.column("mixed").to_pylist() == ["1", "a"]
    with pytest.raises(ValueError, match="decimal places"):
        arrow_table(ExportTable("x", ("hours",), ((Decimal("1e-40"),),)))


def test_text_is_not_neutralised_in_parquet(tmp_path: Path) -> None:
    table = ExportTable("people", ("id", "name"), (("p-1", "=1+1"),))
    path = write_export(table, tmp_path / "people.parquet")
    assert pq.read_table(path).to_pylist() == [{"id": "p-1", "name": "=1+1"}]


# -- edge lists -------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["person", "organisation"])
def test_edge_list_same_rows_and_types_as_the_csv(tmp_path: Path, level: str) -> None:
    hub = _hub()
    policy = Privacy(hub, SECRET)
    graph = collaboration_graph(hub, level=level, weight="newman")  # type: ignore[arg-type]
    csv_path = write_graph(graph, tmp_path / "edges.csv", privacy=policy)
    parquet_path = write_graph(graph, tmp_path / "edges.parquet", privacy=policy)
    table = pq.read_table(parquet_path)
    assert [str(field.type) for field in table.schema][:3] == ["string", "string", "double"]
    with csv_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == table.schema.names
        expected = [
            (row[0], row[1], float(row[2]), *(unneutralise(c) or None for c in row[3:]))
            for row in reader
        ]
    assert [tuple(row.values()) for row in table.to_pylist()] == expected
    frame = pd.read_parquet(parquet_path)
    assert [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)] == expected


def test_collaboration_edges_to_arrow_is_collaboration_graph() -> None:
    hub = _hub()
    for weight in ("count", "newman"):
        arrow = collaboration_edges(hub, level="person", weight=weight).to_arrow()  # type: ignore[arg-type]
        assert arrow.schema.field("weight").type == (
            pa.int64() if weight == "count" else pa.float64()
        )
        graph = collaboration_graph(hub, level="person", weight=weight)  # type: ignore[arg-type]
        got = {frozenset((r["source"], r["target"])): r["weight"] for r in arrow.to_pylist()}
        want = {frozenset(edge): w for *edge, w in graph.edges(data="weight")}
        assert got.keys() == want.keys()
        assert all(math.isclose(got[key], want[key]) for key in want)


def test_edge_arrow_applies_privacy(tmp_path: Path) -> None:
    hub = _hub()
    policy = Privacy(hub, SECRET)
    edges = collaboration_edges(hub, level="person")
    shared = policy.graph(collaboration_graph(hub, level="person"))
    path = write_edge_parquet(edges, tmp_path / "edges.parquet", privacy=policy)
    rows = pq.read_table(path).to_pylist()
    assert {frozenset((r["source"], r["target"])): r["weight"] for r in rows} == {
        frozenset(edge): w for *edge, w in shared.edges(data="weight")
    }
    assert not any(r["source"].startswith("p-") or r["target"].startswith("p-") for r in rows)
    assert edge_arrow(edges).num_rows == len(edges)


@settings(max_examples=15, deadline=None)
@given(hubs(max_agreements=0, max_contributions=0, max_framings=0))
def test_any_hub_participations_csv_and_parquet_agree(
    tmp_path_factory: pytest.TempPathFactory, hub: Hub
) -> None:
    folder = tmp_path_factory.mktemp("parquet")
    policy = Privacy(hub, SECRET)
    for what in ("people", "organisations", "participations"):
        csv_path = export_table(hub, what, folder / f"{what}.csv", privacy=policy)
        parquet_path = export_table(hub, what, folder / f"{what}.parquet", privacy=policy)
        table = pq.read_table(parquet_path)
        # A CSV cell cannot tell empty text from a missing value; Parquet can.
        rows = [tuple(None if v == "" else v for v in row.values()) for row in table.to_pylist()]
        assert rows == csv_rows(csv_path, table.schema)


def test_without_pyarrow_the_hint_is_exact(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    table = ExportTable("people", ("id",), (("p-1",),))
    hint = "writing Parquet files needs the optional dependency 'pyarrow': pip install 'coinnovation[parquet]'"
    with pytest.raises(MissingDependencyError) as caught:
        write_parquet(table, tmp_path / "p.parquet")
    assert str(caught.value) == hint
    with pytest.raises(MissingDependencyError, match=r"coinnovation\[parquet\]"):
        export_table(_hub(), "organisations", tmp_path / "o.parquet")
    assert list(tmp_path.iterdir()) == []


def test_edge_arrow_with_evidence_drops_the_excluded_ties_whole() -> None:
    from coinnovation.models import Person
    from coinnovation.network.projection import project

    hub = Hub(
        people=(
            Person(id="p-a", name="Ana", consent="named"),
            Person(id="p-b", name="Ben", consent="excluded"),
            Person(id="p-c", name="Cy"),
        )
    )
    policy = Privacy(hub, SECRET)
    edges = project(
        [0, 1, 2, 0, 2],
        [0, 0, 0, 1, 1],
        nodes=["p-a", "p-b", "p-c"],
        sessions=["s-1", "s-2"],
        evidence=True,
    )
    cy = policy.pseudonym_of("p-c")
    assert edge_arrow(edges, privacy=policy).to_pylist() == [
        {"source": "p-a", "target": cy, "weight": 2, "sessions": ["s-1", "s-2"]}
    ]
