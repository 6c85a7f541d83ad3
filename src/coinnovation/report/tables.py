"""Tables for people to read: a :class:`~coinnovation.network.NodeTable` as aligned text.

Examples:
    >>> from coinnovation.network import NodeTable
    >>> print(format_table(NodeTable(("a", "b"), {"degree": [2, 1], "ei": [0.5, -1.0]})))
    node  degree      ei
    a          2   0.500
    b          1  -1.000
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from coinnovation.network._tables import NodeTable

__all__ = ["format_table", "format_value"]


def format_value(value: Any, *, digits: int = 3) -> str:
    """A cell as text: floats to ``digits`` decimals, NaN as ``-``, the rest as ``str``.

    Examples:
        >>> format_value(0.12345), format_value(float("nan")), format_value(3), format_value(None)
        ('0.123', '-', '3', '')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:.{digits}f}"
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return format_value(value.item(), digits=digits)
    return str(value)


def format_table(
    table: NodeTable,
    *,
    columns: Sequence[str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
    digits: int = 3,
    label: str = "node",
) -> str:
    """A node table as aligned plain text: text left-aligned, numbers right-aligned.

    Args:
        table: The table.
        columns: The columns to show, in order (default: all).
        sort: Sort rows by this column, highest first (default: table order).
        limit: Show at most this many rows.
        digits: Decimals for floats.
        label: The header of the node column.

    Returns:
        The text, without a trailing newline.

    Examples:
        >>> from coinnovation.network import NodeTable
        >>> t = NodeTable(("a", "b", "c"), {"name": ["A", "B", "C"], "x": [1.0, 3.0, 2.0]})
        >>> print(format_table(t, sort="x", limit=2, digits=1))
        node  name    x
        b     B     3.0
        c     C     2.0
    """
    names = list(columns) if columns is not None else list(table.names)
    order = list(range(len(table)))
    if sort is not None:
        order = [table.nodes.index(node) for node, _ in table.top(sort, len(table))]
    if limit is not None:
        order = order[:limit]
    header = [label, *names]
    rows = [
        [format_value(table.nodes[i], digits=digits)]
        + [format_value(table.columns[name][i], digits=digits) for name in names]
        for i in order
    ]
    numeric = [False] + [table.columns[name].dtype.kind in "biuf" for name in names]
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(cells, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join(line(row) for row in [header, *rows])
