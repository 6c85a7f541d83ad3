"""Write result tables as CSV or JSON, atomically and safe to open in a spreadsheet.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are written with a leading apostrophe, so opening an
export never runs what a participant typed into a name. Numbers are written as numbers.

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

from coinnovation.errors import FileFormatError, Problem
from coinnovation.io.files import atomic_write
from coinnovation.network._tables import NodeTable

__all__ = ["TableFormat", "neutralise", "table_records", "write_table"]

#: A table file format.
TableFormat = Literal["csv", "json"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell made safe for spreadsheets: risky text gets a leading apostrophe.

    Only text is changed; numbers (negative ones included) are left alone.

    Examples:
        >>> neutralise("=1+1"), neutralise("-cmd"), neutralise(-3), neutralise("Ana")
        ("'=1+1", "'-cmd", -3, 'Ana')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


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
