"""Notebook views: every ``_repr_html_`` is one well-formed, escaped table without scripts."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import networkx as nx

from coinnovation import load
from coinnovation._html import cell_text, html_table
from coinnovation.export.exports import ExportTable
from coinnovation.heart import heart_report
from coinnovation.models import Hub, Organisation, Person
from coinnovation.network import NodeTable
from coinnovation.network.groups import brokerage, ei_index
from coinnovation.sharing.agreement import share_agreement
from coinnovation.sharing.fairness import check_fairness
from coinnovation.sharing.rules import Allocation, Equal, Proportional
from tests.conftest import EXAMPLE

SCRIPT = "<script>alert('x')</script>"


class Checker(HTMLParser):
    """Checks that tags nest and close, and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append(tag)
        for name, _ in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(markup: str) -> str:
    """Parse the markup, check it, and return its text."""
    checker = Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    assert checker.tags[0] == "table"
    assert checker.tags.count("table") == 1
    assert "script" not in checker.tags
    assert "style" not in checker.tags
    return "".join(checker.text)


def test_html_table_escapes_and_limits() -> None:
    rows = [(SCRIPT, i) for i in range(25)]
    markup = html_table(("<b>name</b>", "n"), rows, caption=SCRIPT)
    text = check(markup)
    assert SCRIPT in text  # shown as text, not run
    assert "5 more rows" in text
    assert markup.count("<tr>") == 1 + 20 + 1
    everything = html_table(("n",), [(i,) for i in range(25)], limit=None)
    assert everything.count("<tr>") == 26
    assert "1 more row<" in html_table(("n",), [(1,), (2,)], limit=1)


def test_cell_text() -> None:
    assert cell_text(True) == "true"
    assert cell_text(Decimal("1.50")) == "1.50"
    assert cell_text(nx.__name__) == "networkx"
    assert cell_text(float("inf")) == "inf"
    assert cell_text({"a": 1}) == "{'a': 1}"


def test_hub() -> None:
    hub = Hub(
        name=SCRIPT,
        organisations=(Organisation(id="o-1", name=SCRIPT, sector="community"),),
        people=(Person(id="p-1", name="Ana"),),
    )
    text = check(hub._repr_html_())
    assert SCRIPT in text
    assert "framing → ideation" in text
    assert "organisations1" in text.replace(" ", "")


def test_node_table() -> None:
    table = NodeTable([SCRIPT, *range(30)], {"degree": [1.0] * 31, "name": [SCRIPT] + ["x"] * 30})
    text = check(table._repr_html_())
    assert SCRIPT in text
    assert "11 more rows" in text
    assert "31 nodes × 2 columns" in text


def test_heart_report() -> None:
    report = heart_report(load(EXAMPLE))
    text = check(report._repr_html_())
    assert "equal partners" in text
    assert "Community at the heart" in text
    check(heart_report(Hub(name=SCRIPT))._repr_html_())


def test_allocation_fairness_and_agreement_share() -> None:
    allocation = Proportional({SCRIPT: 3, "whg": 1}).allocate(Decimal("100"), currency="GBP")
    text = check(allocation._repr_html_())
    assert SCRIPT in text
    assert "75.0%" in text
    report = check_fairness(allocation, {SCRIPT: 1, "whg": 1}, community=["whg"])
    assert "FAILED" in check(report._repr_html_())
    assert "passed" in check(
        check_fairness(Equal().allocate(Decimal("1"), ["a"], currency="GBP"))._repr_html_()
    )
    result = share_agreement(load(EXAMPLE), "ag-01", rule="equal", amount=Decimal("100"))
    text = check(result._repr_html_())
    assert "ag-01" in text
    assert "o-blakenall-neighbours" in text


def test_allocation_with_zero_weights() -> None:
    allocation = Allocation(
        rule="proportional",
        amount=Decimal("0.00"),
        currency="GBP",
        shares={"a": Decimal("0.00")},
        weights={"a": 0},
        basis="nothing",
    )
    check(allocation._repr_html_())


def test_ei_and_brokerage() -> None:
    G = nx.path_graph(4)
    nx.set_node_attributes(G, {0: SCRIPT, 1: SCRIPT, 2: "b", 3: "b"}, "sector")
    text = check(ei_index(G)._repr_html_())
    assert SCRIPT in text
    assert "whole network" in text
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(D, {"a": 1, "b": 2, "c": 2}, "sector")
    text = check(brokerage(D)._repr_html_())
    assert "gatekeeper" in text


def test_export_table() -> None:
    table = ExportTable("people", ("id", "name"), [("p-1", SCRIPT)])
    assert SCRIPT in check(table._repr_html_())
