"""Compact HTML tables for notebooks: the ``_repr_html_`` of hubs and results.

Jupyter shows an object's ``_repr_html_()`` instead of its ``repr``. Every such method in
coinnovation renders through :func:`html_table`: one ``<table>``, every piece of text
escaped with :func:`html.escape` (names typed by participants may hold ``<script>``), no
scripts, no styles beyond a class name, and at most ``limit`` rows.

Examples:
    >>> print(html_table(("node", "degree"), [("<b>", 2)], caption="Degree"))
    <table class="coinnovation"><caption>Degree</caption><thead><tr><th>node</th><th>degree</th></tr></thead><tbody><tr><td>&lt;b&gt;</td><td>2</td></tr></tbody></table>
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

__all__ = ["cell_text", "html_table"]


def cell_text(value: Any) -> str:
    """A value as the (unescaped) text of one table cell.

    ``None`` is empty; floats show four significant digits; fractions, decimals, enums
    and everything else their ``str``; sequences are joined with ``", "``.

    Examples:
        >>> cell_text(None), cell_text(2 / 3), cell_text(float("nan")), cell_text(("a", "b"))
        ('', '0.6667', 'nan', 'a, b')
    """
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}" if math.isfinite(value) else str(value)
    if isinstance(value, Fraction | Decimal | int | str):
        return str(value)
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(cell_text(item) for item in value)
    return str(value)


def html_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    limit: int | None = 20,
) -> str:
    """A compact, escaped HTML table; rows beyond ``limit`` are counted, not shown.

    Args:
        columns: The column headings.
        rows: The rows, each as long as ``columns``; values are shown by
            :func:`cell_text`.
        caption: A caption above the table.
        limit: The most rows to show; ``None`` shows them all.

    Returns:
        The HTML text of one ``<table class="coinnovation">`` element.

    Examples:
        >>> text = html_table(("x",), [(i,) for i in range(5)], limit=2)
        >>> text.count("<tr>"), "3 more rows" in text
        (4, True)
    """
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in columns)
    body: list[str] = []
    hidden = 0
    for index, row in enumerate(rows):
        if limit is not None and index >= limit:
            hidden += 1
            continue
        cells = "".join(f"<td>{html.escape(cell_text(value))}</td>" for value in row)
        body.append(f"<tr>{cells}</tr>")
    if hidden:
        noun = "row" if hidden == 1 else "rows"
        body.append(f'<tr><td colspan="{max(len(columns), 1)}">… {hidden} more {noun}</td></tr>')
    title = f"<caption>{html.escape(caption)}</caption>" if caption is not None else ""
    return (
        f'<table class="coinnovation">{title}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
