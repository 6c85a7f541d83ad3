r"""Write result tables as CSV or JSON, atomically and safe to open in a spreadsheet.

Text cells that a spreadsheet could run as a formula (:func:`looks_like_formula`: starting
with a tab or a carriage return, or whose first visible character is ``=``, ``+``, ``-``
or ``@`` in any width, such as ``" =1+1"``, ``"\n=1+1"`` or the full-width
``"\uff1d1+1"``) are written with a leading apostrophe, so opening an export never runs
what a participant typed into a name (:func:`neutralise`). So that the original text can
always be told from the written one, text that itself starts with an apostrophe gets one
too: to read a cell back, drop one leading apostrophe (:func:`unneutralise`). Numbers are
written as numbers.

Examples:
    >>> import tempfile, pathlib
    >>> from coinnovation.network import NodeTable
    >>> table = NodeTable(("p-1",), {"name": ["=HYPERLINK(1)"], "degree": [-2]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_table(table, pathlib.Path(folder) / "t.csv")
    ...     print(path.read_text(), end="")
    node,name,degree
    p-1,'=HYPERLINK(1),-2
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from pathlib import Path
from typing import Any, Literal

from coinnovation._formulas import FORMULA_CHARACTERS, looks_like_formula
from coinnovation.errors import FileFormatError, Problem
from coinnovation.io.files import atomic_write
from coinnovation.results import NodeTable

__all__ = [
    "FORMULA_CHARACTERS",
    "TableFormat",
    "looks_like_formula",
    "neutralise",
    "table_records",
    "unneutralise",
    "write_table",
]

#: A table file format.
TableFormat = Literal["csv", "json"]


def neutralise(value: Any) -> Any:
    r"""A cell made safe for spreadsheets: risky text gets a leading apostrophe.

    Text that :func:`looks_like_formula` is written after an apostrophe, which
    spreadsheets read as "this is text". Text that starts with an apostrophe gets one
    too, so the original is always recovered by dropping one leading apostrophe
    (:func:`unneutralise`). Only text is changed; numbers (negative ones included) are
    left alone.

    Args:
        value: A cell's value.

    Returns:
        The value, or the text with an apostrophe in front.

    Examples:
        >>> neutralise("=1+1"), neutralise(" -cmd"), neutralise(-3), neutralise("Ana")
        ("'=1+1", "' -cmd", -3, 'Ana')
        >>> neutralise("\uff1d1+1") == "'\uff1d1+1", neutralise("'quoted")
        (True, "''quoted")
    """
    if isinstance(value, str) and (value.startswith("'") or looks_like_formula(value)):
        return "'" + value
    return value


def unneutralise(cell: str) -> str:
    """The text that :func:`neutralise` was given, from the text it wrote.

    Drops one leading apostrophe, if there is one: ``unneutralise(neutralise(text))`` is
    ``text`` for any text.

    Args:
        cell: A text cell read from a file coinnovation wrote.

    Returns:
        The original text.

    Examples:
        >>> unneutralise("'=1+1"), unneutralise("''quoted"), unneutralise("Ana")
        ('=1+1', "'quoted", 'Ana')
    """
    return cell[1:] if cell.startswith("'") else cell


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def table_records(table: NodeTable, *, label: str = "node") -> list[dict[str, Any]]:
    """A table as JSON-ready rows: ``[{label: node, column: value, ...}, ...]``.

    NaN and infinite values become ``None`` (JSON ``null``).

    Examples:
        >>> table_records(NodeTable(("a",), {"x": [float("nan")]}))
        [{'node': 'a', 'x': None}]
    """
    lists = {name: values.tolist() for name, values in table.columns.items()}
    return [
        {label: _plain(node), **{name: _plain(column[i]) for name, column in lists.items()}}
        for i, node in enumerate(table.nodes)
    ]


def write_table(
    table: NodeTable,
    path: str | os.PathLike[str],
    *,
    format: TableFormat | None = None,
    label: str = "node",
) -> Path:
    """Write a table as CSV (spreadsheet-safe) or JSON (a list of rows), atomically.

    Args:
        table: The table.
        path: The file; ``.csv`` or ``.json`` unless ``format`` is given.
        format: ``"csv"`` or ``"json"``.
        label: The name of the node column.

    Returns:
        The path written.

    Raises:
        FileFormatError: The suffix is neither ``.csv`` nor ``.json``.

    Examples:
        >>> import json, tempfile, pathlib
        >>> from coinnovation.network import NodeTable
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = write_table(NodeTable(("a",), {"x": [1.5]}), pathlib.Path(folder) / "t.json")
        ...     json.loads(path.read_text())
        [{'node': 'a', 'x': 1.5}]
    """
    target = Path(path)
    chosen = format or {".csv": "csv", ".json": "json"}.get(target.suffix.lower())
    if chosen is None:
        problem = Problem(
            "file", None, None, f"unsupported table type {target.suffix!r}: use .csv or .json"
        )
        raise FileFormatError(str(target), [problem])
    records = table_records(table, label=label)
    if chosen == "json":
        text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([label, *table.names])
        for record in records:
            writer.writerow(["" if v is None else neutralise(v) for v in record.values()])
        text = buffer.getvalue()
    atomic_write(target, text.encode("utf-8"))
    return target
