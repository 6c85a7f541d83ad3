"""The result-table protocol: every tabular result gets its frame, dict and notebook table alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import networkx as nx
import pandas as pd
import pytest

from coinnovation.network.community import communities
from coinnovation.network.core import core_periphery
from coinnovation.network.groups import brokerage, ei_index, mixing
from coinnovation.network.temporal import measures_over_time, snapshots, tie_changes
from coinnovation.results import NodeTable, Table
from tests.conftest import EXAMPLE
from tests.test_html import check


@attrs.frozen
class Sizes(Table):
    label: ClassVar[str] = "group"
    columns: ClassVar[tuple[str, ...]] = ("size", "note")

    sizes: dict[str, int]

    def rows(self) -> list[dict[str, Any]]:
        # The note is given for some rows only: the others have None there.
        return [
            {"group": g, "size": n, **({"note": "big"} if n > 2 else {})}
            for g, n in self.sizes.items()
        ]


@attrs.frozen
class Shown(Sizes):
    _html_limit: ClassVar[int | None] = None

    def _display(self) -> tuple[Sequence[Any], Iterable[Sequence[Any]]]:
        total = sum(self.sizes.values())
        rows = [(g, f"{n / total:.0%}") for g, n in self.sizes.items()]
        return ("group", "share"), [*rows, ("all", "100%")]

    def _caption(self) -> str:
        return "Shares"


def test_a_table_gives_its_frame_dict_and_notebook_table_from_its_rows() -> None:
    table = Sizes({"community": 3, "academia": 1})
    assert table.to_dict() == {
        "community": {"size": 3, "note": "big"},
        "academia": {"size": 1, "note": None},
    }
    frame = table.to_frame()
    assert frame.index.name == "group"
    assert list(frame.columns) == ["size", "note"]
    assert frame.loc["academia", "size"] == 1
    text = check(table._repr_html_())
    assert "Sizes: 2 rows" in text
    assert "community3big" in text.replace(" ", "")


def test_a_notebook_table_can_read_otherwise_than_the_data() -> None:
    table = Shown({f"g{i}": 1 for i in range(30)})
    markup = table._repr_html_()
    text = check(markup)
    assert text.startswith("Shares")
    assert "3%" in text
    assert "all100%" in text
    assert "more rows" not in text  # _html_limit = None shows every row
    assert markup.count("<tr>") == 1 + 31
    # The data is unchanged by the display.
    assert table.to_dict()["g0"] == {"size": 1, "note": None}
    assert "more rows" in Sizes({f"g{i}": 1 for i in range(30)})._repr_html_()


def test_money_stays_exact_in_the_data_and_is_written_out_in_the_notebook() -> None:
    from coinnovation.sharing.rules import Equal

    deal = Equal().allocate(Decimal("10.00"), ["x", "y", "z"], currency="EUR")
    assert deal.to_dict()["x"] == {"share": Decimal("3.34"), "weight": 1, "fraction": 1 / 3}
    assert deal.to_frame().loc["z", "share"] == Decimal("3.33")
    text = check(deal._repr_html_())
    assert "3.34 EUR" in text
    assert "33.3%" in text


def test_rows_is_required() -> None:
    class Empty(Table):
        columns: ClassVar[tuple[str, ...]] = ()

    with pytest.raises(NotImplementedError, match="Empty does not implement rows"):
        Empty().to_dict()


def _results() -> dict[str, Table]:
    from coinnovation import load
    from coinnovation.heart import heart_report
    from coinnovation.network import collaboration_graph
    from coinnovation.sharing.agreement import share_agreement
    from coinnovation.sharing.fairness import check_fairness, compare_agreement
    from coinnovation.sharing.rules import Proportional

    hub = load(EXAMPLE)
    G = collaboration_graph(hub, level="organisation", weight="newman")
    D = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    nx.set_node_attributes(D, {"a": 1, "b": 2, "c": 2, "d": 1}, "sector")
    snaps = snapshots(hub, freq="month")
    deal = Proportional({"acme": 3, "whg": 1}).allocate(Decimal("100"), currency="GBP")
    report = heart_report(hub)
    return {
        "node table": NodeTable(("a", "b"), {"x": [1, 2]}),
        "ei index": ei_index(G),
        "brokerage": brokerage(D, normalized=True),
        "mixing": mixing(G),
        "communities": communities(G, seed=1),
        "core": core_periphery(G, seed=1),
        "measures over time": measures_over_time(snaps),
        "tie changes": tie_changes(snaps[0].graph, nx.Graph()),
        "allocation": deal,
        "fairness": check_fairness(deal, {"acme": 1, "whg": 1}, community=["whg"]),
        "reward comparison": compare_agreement(hub, "ag-01"),
        "agreement share": share_agreement(hub, "ag-01", rule="equal", amount=Decimal("100")),
        "heart report": report,
        "indicator": report["throughout"],
    }


RESULTS = _results()


@pytest.mark.parametrize("name", list(RESULTS))
def test_every_tabular_result_is_a_table(name: str) -> None:
    result = RESULTS[name]
    assert isinstance(result, Table)
    rows = result.rows()
    text = check(result._repr_html_())
    assert text
    # The E-I index's frame is the per-node table; its rows are the groups.
    frame = result.groups_frame() if name == "ei index" else result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(rows)
    if result.label is not None:
        assert frame.index.name == result.label
        assert list(frame.index) == [row[result.label] for row in rows]
