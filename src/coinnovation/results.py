"""Result tables shared by the network measures.

Examples:
    >>> import numpy as np
    >>> table = NodeTable(("a", "b"), {"degree": np.array([1.0, 2.0])})
    >>> table["degree"]
    {'a': 1.0, 'b': 2.0}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from coinnovation._html import html_table
from coinnovation._optional import require

__all__ = ["NodeTable"]


def _python(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


def _as_tuple(values: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(values)


def _freeze(columns: Mapping[str, Any]) -> dict[str, NDArray[Any]]:
    frozen = {}
    for name, values in columns.items():
        array = np.array(values, copy=True)
        array.setflags(write=False)
        frozen[name] = array
    return frozen


@attrs.frozen(eq=False)
class NodeTable:
    """Values of one or more measures for each node: a small, read-only table.

    Rows are nodes, in the order given; columns are measures, each a read-only numpy
    array as long as ``nodes``.

    Attributes:
        nodes: The row labels (node ids).
        columns: Measure name to values, one per node.

    Examples:
        >>> import numpy as np
        >>> table = NodeTable(("a", "b", "c"), {"degree": [2, 1, 1], "strength": [3.0, 1.5, 1.5]})
        >>> table.row("a")
        {'degree': 2, 'strength': 3.0}
        >>> table.top("strength", 1)
        [('a', 3.0)]
        >>> table.columns["degree"].sum()
        np.int64(4)
    """

    nodes: tuple[Hashable, ...] = attrs.field(converter=_as_tuple)
    columns: dict[str, NDArray[Any]] = attrs.field(converter=_freeze)

    @columns.validator
    def _same_length(self, _: object, columns: dict[str, NDArray[Any]]) -> None:
        for name, values in columns.items():
            if values.shape != (len(self.nodes),):
                raise ValueError(
                    f"column {name!r} has shape {values.shape}, expected ({len(self.nodes)},)"
                )

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.nodes)

    def __getitem__(self, column: str) -> dict[Hashable, Any]:
        """One column as ``{node: value}`` (plain Python numbers)."""
        return dict(zip(self.nodes, self.columns[column].tolist(), strict=True))

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order.

        Examples:
            >>> NodeTable(("a",), {"x": [1], "y": [2]}).names
            ('x', 'y')
        """
        return tuple(self.columns)

    def row(self, node: Hashable) -> dict[str, Any]:
        """One node's values as ``{column: value}``.

        Raises:
            KeyError: The node is not in the table.

        Examples:
            >>> NodeTable(("a",), {"x": [1.5]}).row("a")
            {'x': 1.5}
        """
        try:
            index = self.nodes.index(node)
        except ValueError:
            raise KeyError(node) from None
        return {name: _python(values[index]) for name, values in self.columns.items()}

    def top(self, column: str, n: int = 10) -> list[tuple[Hashable, Any]]:
        """The ``n`` nodes with the highest values of a column, highest first (stable ties).

        Examples:
            >>> NodeTable(("a", "b", "c"), {"x": [1, 3, 3]}).top("x", 2)
            [('b', 3), ('c', 3)]
        """
        values = self.columns[column]
        order = np.argsort(-values, kind="stable")[:n]
        return [(self.nodes[i], _python(values[i])) for i in order]

    def to_dict(self) -> dict[Hashable, dict[str, Any]]:
        """The table as ``{node: {column: value}}``.

        Examples:
            >>> NodeTable(("a",), {"x": [1]}).to_dict()
            {'a': {'x': 1}}
        """
        lists = {name: values.tolist() for name, values in self.columns.items()}
        return {
            node: {name: column[i] for name, column in lists.items()}
            for i, node in enumerate(self.nodes)
        }

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame indexed by node (needs the ``pandas`` extra).

        Examples:
            >>> NodeTable(("a", "b"), {"x": [1, 2]}).to_frame()["x"].sum()
            np.int64(3)
        """
        pandas = require("pandas", "pandas", "DataFrame output")
        return pandas.DataFrame(
            dict(self.columns), index=pandas.Index(list(self.nodes), name="node")
        )

    def _repr_html_(self) -> str:
        lists = [values.tolist() for values in self.columns.values()]
        rows = ((node, *(column[i] for column in lists)) for i, node in enumerate(self.nodes))
        caption = f"NodeTable: {len(self.nodes)} nodes × {len(self.columns)} columns"
        return html_table(("node", *self.columns), rows, caption=caption, limit=20)
