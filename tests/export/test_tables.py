"""One formula test for every cell read or written, and the writers that use it."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from coinnovation.export.exports import ExportTable, write_export
from coinnovation.export.graphs import write_edge_csv
from coinnovation.export.tables import (
    FORMULA_CHARACTERS,
    looks_like_formula,
    neutralise,
    unneutralise,
    write_table,
)
from coinnovation.network import NodeTable
from coinnovation.testing.strategies import formula_texts

# Formulas that the first check (``startswith`` on the raw text) let through.
HIDDEN = [
    " =1+1",
    "\n=1+1",
    "\r\n=1+1",
    "  @SUM(A1)",
    "\t@SUM(A1)",
    "\u00a0=1+1",  # a no-break space
    "\u3000=1+1",  # an ideographic space
    "\u200b=1+1",  # a zero-width space
    "\ufeff+1",  # a byte-order mark
    "\uff1d1+1",  # full width
    "\uff0b44 7700",
    "\uff0d5",
    "\uff20SUM(A1)",
    " \uff1dHYPERLINK(1)",
    "\ufe66x",  # small
    "\u207cx",  # superscript
]
PLAIN = ["=1+1", "+1", "-1", "@x", "\tx", "\rx"]
SAFE = ["Ana", "a=b", "1-2", "", "   ", "\n", "Ana =1", "−5", "«=»"]


@pytest.mark.parametrize("text", HIDDEN + PLAIN)
def test_formulas_behind_white_space_or_in_full_width_are_found(text: str) -> None:
    assert looks_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", SAFE)
def test_other_text_is_not_a_formula(text: str) -> None:
    assert not looks_like_formula(text)
    assert neutralise(text) == text


def test_numbers_are_never_neutralised() -> None:
    assert [neutralise(v) for v in (-3, -1.5, 0, None, True)] == [-3, -1.5, 0, None, True]


def test_apostrophes_are_doubled_so_the_original_is_recoverable() -> None:
    assert neutralise("'=1+1") == "''=1+1"
    assert neutralise("'Tis") == "''Tis"
    assert unneutralise(neutralise("'=1+1")) == "'=1+1"
    assert unneutralise("Ana") == "Ana"


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def via_export_csv(folder: Path, texts: list[str]) -> list[str]:
    table = ExportTable("people", ("name",), [(text,) for text in texts])
    return [row[0] for row in read_csv(write_export(table, folder / "x.csv"))[1:]]


def via_export_xlsx(folder: Path, texts: list[str]) -> list[str]:
    table = ExportTable("people", ("name",), [(text,) for text in texts])
    sheet = openpyxl.load_workbook(write_export(table, folder / "x.xlsx"))["people"]
    return [str(row[0] or "") for row in sheet.iter_rows(min_row=2, values_only=True)]


def via_write_table(folder: Path, texts: list[str]) -> list[str]:
    nodes = tuple(f"n{i}" for i in range(len(texts)))
    table = NodeTable(nodes, {"name": np.array(texts, dtype=object)})
    return [row[1] for row in read_csv(write_table(table, folder / "t.csv"))[1:]]


def via_edge_csv(folder: Path, texts: list[str]) -> list[str]:
    G = nx.Graph()
    for i, text in enumerate(texts):
        G.add_edge(f"a{i}", f"b{i}", note=text)
    rows = read_csv(write_edge_csv(G, folder / "e.csv"))
    column = rows[0].index("note")
    return [row[column] for row in rows[1:]]


WRITERS: dict[str, Callable[[Path, list[str]], list[str]]] = {
    "export csv": via_export_csv,
    "export xlsx": via_export_xlsx,
    "write_table": via_write_table,
    "write_edge_csv": via_edge_csv,
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_neutralises_hidden_formulas(tmp_path: Path, writer: str) -> None:
    texts = [text.replace("\r", "") for text in HIDDEN if text.strip("\u200b\ufeff")]
    if writer == "export xlsx":  # Excel cannot hold a carriage return or a control character
        texts = [text for text in texts if "\r" not in text]
    written = WRITERS[writer](tmp_path, texts)
    assert written == ["'" + text for text in texts]


def exported_cell(text: str) -> str:
    """The text written by the CSV exporter and read back by a CSV reader."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([neutralise(text)])
    (row,) = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    return row[0]


def visible_start(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text)
    rest = "".join(c for c in normal if unicodedata.category(c) != "Cf").strip()
    return rest[:1]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=formula_texts())
def test_an_exported_cell_never_starts_like_a_formula_unless_neutralised(text: str) -> None:
    cell = exported_cell(text)
    if cell.startswith("'"):
        assert cell == "'" + text
        assert looks_like_formula(text) or text.startswith("'")
    else:
        assert cell == text
        assert cell[:1] not in ("\t", "\r")
        assert visible_start(cell) not in FORMULA_CHARACTERS
    assert unneutralise(cell) == text
