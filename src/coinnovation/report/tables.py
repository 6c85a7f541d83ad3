"""Tables for people to read: a :class:`~coinnovation.network.NodeTable` as aligned text.

Numbers get as many decimals as it takes to tell different values apart (at least three,
and three significant digits of the smallest), so a column of betweenness values near
0.001 does not read as one number; a table sorted by a column says which rows tie.

Examples:
    >>> from coinnovation.network import NodeTable
    >>> print(format_table(NodeTable(("a", "b"), {"degree": [2, 1], "ei": [0.5, -1.0]})))
    node  degree      ei
    a          2   0.500
    b          1  -1.000
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from coinnovation.results import NodeTable

__all__ = [
    "choose_ranking",
    "decimals",
    "format_table",
    "format_value",
    "rank_labels",
    "ties_sentence",
]

#: Values equal to this many significant digits are the same value (floating-point noise).
_SAME = 12


def _key(value: float) -> float:
    """A float with its floating-point noise rounded away, for telling values apart."""
    return float(f"{value:.{_SAME}g}")


def _floats(values: Iterable[Any]) -> list[float]:
    found = []
    for value in values:
        if hasattr(value, "item") and not isinstance(value, str):
            value = value.item()
        if isinstance(value, float) and math.isfinite(value):
            found.append(value)
    return found


def decimals(values: Iterable[Any], *, least: int = 3, most: int = 8, significant: int = 3) -> int:
    """How many decimals show a column of numbers so that different values read differently.

    At least ``least``; enough for ``significant`` significant digits of the smallest
    non-zero value; then more, one at a time, until values that differ (beyond
    floating-point noise) read differently; never more than ``most``. Only finite
    floats count.

    Args:
        values: The column's values.
        least: The fewest decimals.
        most: The most decimals.
        significant: Significant digits wanted for the smallest non-zero value.

    Returns:
        The number of decimals.

    Examples:
        >>> decimals([0.0011714, 0.00089439]), decimals([9.0, 11.0]), decimals([0.5001, 0.5002])
        (6, 3, 4)
    """
    numbers = _floats(values)
    places = least
    nonzero = [abs(value) for value in numbers if value != 0]
    if nonzero:
        places = max(places, significant - 1 - math.floor(math.log10(min(nonzero))))
    places = min(places, most)
    distinct = len({_key(value) for value in numbers})
    while places < most and len({f"{value:.{places}f}" for value in numbers}) < distinct:
        places += 1
    return places


def rank_labels(values: Sequence[float]) -> list[str]:
    """Competition ranks of values sorted highest first, ties marked ``=`` (``"3="``).

    Examples:
        >>> rank_labels([5.0, 4.0, 4.0, 2.0])
        ['1', '2=', '2=', '4']
    """
    keys = [_key(float(value)) for value in values]
    counts = Counter(keys)
    labels = []
    rank = 0
    for index, key in enumerate(keys):
        if index == 0 or key != keys[index - 1]:
            rank = index + 1
        labels.append(f"{rank}=" if counts[key] > 1 else str(rank))
    return labels


def _sorted(table: NodeTable, column: str) -> list[float]:
    return [float(value) for _, value in table.top(column, len(table))]


def choose_ranking(table: NodeTable, candidates: Sequence[str], *, rows: int) -> str | None:
    """The column that best tells apart the ``rows`` nodes ranked highest by it.

    For each candidate column the table has, count the distinct values among its top
    ``rows`` nodes; the most wins, the earlier candidate on a draw. A network where
    everyone is tied to everyone leaves every node with the same betweenness: then
    strength or degree ranks them instead.

    Args:
        table: The node table.
        candidates: Numeric columns to choose from, in order of preference.
        rows: How many rows the ranking shows.

    Returns:
        The column's name; ``None`` when the table is empty or has none of them.

    Examples:
        >>> from coinnovation.network import NodeTable
        >>> table = NodeTable(("a", "b", "c"), {"betweenness": [0.1, 0.1, 0.1],
        ...                                     "strength": [3.0, 1.0, 2.0]})
        >>> choose_ranking(table, ("betweenness", "strength"), rows=3)
        'strength'
    """
    if not len(table):
        return None
    best, most = None, 0
    for column in candidates:
        if column not in table.names or table.columns[column].dtype.kind not in "biuf":
            continue
        distinct = len({_key(value) for value in _sorted(table, column)[: max(rows, 1)]})
        if distinct > most:
            best, most = column, distinct
    return best


def ties_sentence(table: NodeTable, column: str, *, shown: int, label: str = "nodes") -> str | None:
    """A sentence on the ties of a ranking by ``column`` whose first ``shown`` rows are shown.

    It names each group of tied rows among those shown with their value, and how many
    rows not shown tie with the last one shown.

    Args:
        table: The node table.
        column: The numeric column the rows are ranked by, highest first.
        shown: How many rows are shown.
        label: What the rows are, plural (``"nodes"``).

    Returns:
        The sentence, or ``None`` when no two rows tie where it matters.

    Examples:
        >>> from coinnovation.network import NodeTable
        >>> table = NodeTable(("a", "b", "c", "d"), {"x": [3.0, 2.0, 2.0, 1.0]})
        >>> ties_sentence(table, "x", shown=4)
        '2 nodes tie at x 2.000.'
        >>> ties_sentence(table, "x", shown=2)
        '1 more node not listed ties with the last row at x 2.000.'
    """
    values = _sorted(table, column)
    listed = values[:shown]
    if not listed:
        return None
    places = decimals(listed)
    whole = table.columns[column].dtype.kind in "biu"

    def show(value: float) -> str:
        return str(int(value)) if whole else f"{value:.{places}f}"

    keys = [_key(value) for value in values]
    counts = Counter(keys[:shown])
    cut = sum(1 for key in keys[shown:] if key == keys[len(listed) - 1])
    last = show(listed[-1])
    if len(counts) == 1 and len(listed) > 1:
        text = f"All {len(listed)} rows tie at {column} {last}"
        if cut:
            text += f", and {cut} more {label} not listed tie with them"
        return text + "."
    groups: list[str] = []
    for key, count in counts.items():
        if count > 1:
            value = show(next(v for v in listed if _key(v) == key))
            groups.append(
                f"{count} {label} tie at {column} {value}" if not groups else f"{count} at {value}"
            )
    if cut:
        one = label[:-1] if cut == 1 and label.endswith("s") else label
        verb = "ties" if cut == 1 else "tie"
        tail = f"{cut} more {one} not listed {verb} with the last row at "
        tail += f"{last}" if groups else f"{column} {last}"
        groups.append(("and " if groups else "") + tail)
    if not groups:
        return None
    return ", ".join(groups) + "."


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
    digits: int | None = None,
    label: str = "node",
) -> str:
    """A node table as aligned plain text: text left-aligned, numbers right-aligned.

    Sorted by a column, the text ends with a line saying which rows tie on it (see
    :func:`ties_sentence`), if any do.

    Args:
        table: The table.
        columns: The columns to show, in order (default: all).
        sort: Sort rows by this column, highest first (default: table order).
        limit: Show at most this many rows.
        digits: Decimals for floats; by default, for each column, enough to tell the
            values shown apart (see :func:`decimals`).
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
        >>> t = NodeTable(("a", "b", "c"), {"x": [0.00012, 0.00011, 0.00011]})
        >>> print(format_table(t, sort="x"))
        node         x
        a     0.000120
        b     0.000110
        c     0.000110
        <BLANKLINE>
        2 nodes tie at x 0.000110.
    """
    names = list(columns) if columns is not None else list(table.names)
    order = list(range(len(table)))
    if sort is not None:
        order = [table.nodes.index(node) for node, _ in table.top(sort, len(table))]
    if limit is not None:
        order = order[:limit]
    places = {
        name: digits if digits is not None else decimals(table.columns[name][i] for i in order)
        for name in names
    }
    header = [label, *names]
    rows = [
        [format_value(table.nodes[i])]
        + [format_value(table.columns[name][i], digits=places[name]) for name in names]
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

    lines = [line(row) for row in [header, *rows]]
    if sort is not None and table.columns[sort].dtype.kind in "biuf":
        ties = ties_sentence(table, sort, shown=len(order), label=f"{label}s")
        if ties is not None:
            lines += ["", ties]
    return "\n".join(lines)
