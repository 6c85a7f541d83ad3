"""Result tables: the one protocol every tabular result follows, and :class:`NodeTable`.

A computed result that is a table (one row per node, per party, per group ...) mixes in
:class:`Table`: it implements :meth:`Table.rows` (and names its ``columns``) and gets
``to_frame()`` (a pandas DataFrame), ``to_dict()`` (rows keyed by their label) and
``_repr_html_()`` (a compact, escaped table in notebooks) from it, all alike. A result
whose notebook table reads differently from its data (money and percentages written out,
a total row) says so in one method, ``_display()``; one whose ``to_dict()`` is a richer
report keeps its own.

:class:`NodeTable`, the values of one or more measures for each node, is the table the
network measures return; privacy, exports and the report read it too.

Examples:
    >>> import numpy as np
    >>> table = NodeTable(("a", "b"), {"degree": np.array([1.0, 2.0])})
    >>> table["degree"]
    {'a': 1.0, 'b': 2.0}
    >>> table.rows()
    [{'node': 'a', 'degree': 1.0}, {'node': 'b', 'degree': 2.0}]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import numpy as np
from numpy.typing import NDArray

from coinnovation._html import html_table
from coinnovation._optional import require

__all__ = ["NodeTable", "Table"]


class Table:
    """The result-table protocol: ``to_frame``, ``to_dict`` and ``_repr_html_`` from ``rows``.

    A result class mixes this in (it has no state of its own: ``__slots__ = ()``, so
    slotted attrs classes keep their slots), implements :meth:`rows`, and names its
    value columns in ``columns`` (a sequence of names, or a mapping whose keys are the
    names). Set the class variable ``label`` to the column that names each row
    (``"node"``, ``"party"``): it becomes the index of :meth:`to_frame` and the key of
    :meth:`to_dict`. A class may override ``_caption()`` for its notebook caption,
    ``_table()`` to hand over whole columns (numpy arrays) instead of building them
    from the rows, and ``_display()`` when its notebook table shows the rows otherwise
    than its data holds them (money and percentages as text, a total row, other
    headings); ``_html_limit`` is the most rows the notebook table shows (``None``: all).
    A row that lacks a column has ``None`` there.

    Examples:
        >>> @attrs.frozen
        ... class Sizes(Table):
        ...     label: ClassVar[str] = "group"
        ...     sizes: dict[str, int]
        ...     columns: ClassVar[tuple[str, ...]] = ("size",)
        ...     def rows(self) -> list[dict[str, Any]]:
        ...         return [{"group": g, "size": n} for g, n in self.sizes.items()]
        >>> Sizes({"community": 3, "academia": 1}).to_dict()
        {'community': {'size': 3}, 'academia': {'size': 1}}
        >>> int(Sizes({"community": 3}).to_frame().loc["community", "size"])
        3
        >>> "<td>community</td><td>3</td>" in Sizes({"community": 3})._repr_html_()
        True

        A notebook table that reads differently from the data:

        >>> class Shares(Sizes):
        ...     def _display(self):
        ...         total = sum(self.sizes.values())
        ...         return ("group", "share"), [(g, f"{n / total:.0%}") for g, n in self.sizes.items()]
        >>> "<td>academia</td><td>25%</td>" in Shares({"community": 3, "academia": 1})._repr_html_()
        True
    """

    __slots__ = ()

    #: The column that names each row (the frame's index, the dict's keys); ``None``
    #: numbers the rows instead.
    label: ClassVar[str | None] = None

    #: The most rows the notebook table shows (the others are counted); ``None`` shows all.
    _html_limit: ClassVar[int | None] = 20

    if TYPE_CHECKING:

        @property
        def columns(self) -> Iterable[Any]:
            """The value columns, in order (the label column excluded)."""

    def rows(self) -> list[dict[Any, Any]]:
        """The table as one dict per row: the label column first, then ``columns``.

        Returns:
            The rows, in the table's order.

        Examples:
            >>> NodeTable(("a",), {"x": [1]}).rows()
            [{'node': 'a', 'x': 1}]
        """
        raise NotImplementedError(f"{type(self).__name__} does not implement rows()")

    def _table(self) -> tuple[Sequence[Hashable] | None, dict[Any, Any]]:
        """The row labels (``None`` without a label column) and each value column.

        Built from :meth:`rows`; a class holding whole columns overrides it to hand them
        over as they are (numpy arrays keep their dtype in :meth:`to_frame`).
        """
        rows = self.rows()
        labels = None if self.label is None else [row[self.label] for row in rows]
        return labels, {name: [row.get(name) for row in rows] for name in self.columns}

    def _lists(self) -> tuple[list[Hashable], dict[Any, list[Any]]]:
        """:meth:`_table` as plain Python lists, with positions standing in for labels."""
        labels, values = self._table()
        lists = {name: _plain(column) for name, column in values.items()}
        if labels is None:
            count = len(next(iter(lists.values()))) if lists else len(self.rows())
            return list(range(count)), lists
        return list(labels), lists

    def _caption(self) -> str:
        count = len(self._lists()[0])
        return f"{type(self).__name__}: {count} {'row' if count == 1 else 'rows'}"

    def to_dict(self) -> dict[Any, Any]:
        """The rows keyed by their label (by position without one), as plain Python data.

        A result whose data is more than its rows (a report with a summary) gives its own.

        Returns:
            ``{label: {column: value}}``.

        Examples:
            >>> NodeTable(("a",), {"x": [1]}).to_dict()
            {'a': {'x': 1}}
        """
        labels, lists = self._lists()
        return {
            key: {name: column[i] for name, column in lists.items()} for i, key in enumerate(labels)
        }

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame indexed by its label (needs the ``pandas`` extra).

        Returns:
            A ``pandas.DataFrame``, one row per row of the table.

        Examples:
            >>> int(NodeTable(("a", "b"), {"x": [1, 2]}).to_frame()["x"].sum())
            3
        """
        pandas = require("pandas", "pandas", "DataFrame output")
        labels, values = self._table()
        index = None if labels is None else pandas.Index(list(labels), name=self.label)
        return pandas.DataFrame(dict(values), index=index, columns=list(values))

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        """The notebook table's headings and rows: the table itself, label column first.

        A result whose notebook table shows its rows otherwise than its data holds them
        overrides this; :meth:`_repr_html_` renders whatever it gives.
        """
        labels, lists = self._lists()
        names = list(lists)
        columns = names if self.label is None else [self.label, *names]
        cells = (
            [*([] if self.label is None else [key]), *(lists[name][i] for name in names)]
            for i, key in enumerate(labels)
        )
        return columns, cells

    def _repr_html_(self) -> str:
        columns, cells = self._display()
        return html_table(columns, cells, caption=self._caption(), limit=self._html_limit)


def _plain(values: Any) -> list[Any]:
    """A column as a list of plain Python values (numpy arrays through ``tolist``)."""
    return values.tolist() if isinstance(values, np.ndarray) else list(values)


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
class NodeTable(Table):
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
        >>> int(table.columns["degree"].sum())
        4
    """

    label: ClassVar[str] = "node"

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

    def rows(self) -> list[dict[str, Any]]:
        """One dict per node: ``{"node": node, column: value ...}`` (plain Python numbers).

        Examples:
            >>> NodeTable(("a", "b"), {"x": [1, 2]}).rows()
            [{'node': 'a', 'x': 1}, {'node': 'b', 'x': 2}]
        """
        lists = {name: values.tolist() for name, values in self.columns.items()}
        return [
            {"node": node, **{name: column[i] for name, column in lists.items()}}
            for i, node in enumerate(self.nodes)
        ]

    def _table(self) -> tuple[Sequence[Hashable], dict[str, Any]]:
        return self.nodes, dict(self.columns)

    def _caption(self) -> str:
        return f"NodeTable: {len(self.nodes)} nodes × {len(self.columns)} columns"
