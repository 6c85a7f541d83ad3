"""Tables for people to read: digits that tell rows apart, a ranking that discriminates, ties said."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coinnovation.network import NodeTable
from coinnovation.report.tables import (
    choose_ranking,
    decimals,
    format_table,
    rank_labels,
    ties_sentence,
)


def test_decimals_show_three_significant_digits_of_small_values() -> None:
    # The betweenness of the example's organisations at the tables: 0.001 for every row
    # at three decimals; six tell them apart.
    values = [0.0011714, 0.00089439, 0.00056941, 0.00027701]
    assert decimals(values) == 6
    assert [f"{v:.{decimals(values)}f}" for v in values] == [
        "0.001171",
        "0.000894",
        "0.000569",
        "0.000277",
    ]
    assert decimals([9.0, 11.0, 0.5]) == 3
    assert decimals([]) == 3
    assert decimals([0.0, float("nan")]) == 3


def test_decimals_grow_until_distinct_values_read_distinct() -> None:
    assert decimals([0.5001, 0.5002]) == 4
    assert decimals([0.5, 0.5 + 1e-15]) == 3  # floating-point noise is not a difference
    assert decimals([1.0, 1.0 + 1e-12]) == 3


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), max_size=30))
def test_decimals_tell_apart_what_differs_visibly(values: list[float]) -> None:
    places = decimals(values)
    assert 3 <= places <= 8
    shown = {f"{v:.{places}f}" for v in values}
    if places < 8:
        assert len(shown) == len({float(f"{v:.12g}") for v in values})


def test_rank_labels_mark_ties() -> None:
    assert rank_labels([11.0, 10.0, 9.0, 9.0, 9.0, 8.0]) == ["1", "2", "3=", "3=", "3=", "6"]
    assert rank_labels([]) == []
    assert rank_labels([1.0, 1.0 + 1e-15]) == ["1=", "1="]


def _example_like() -> NodeTable:
    # 15 nodes tie on betweenness; strength tells more of them apart.
    between = [0.0011714] * 15 + [0.00089439] * 2 + [0.00056941] * 2 + [0.00027701] * 2
    strength = [11, 10, 9, 9, 9, 9, 9, 8, 7, 7, 6, 6, 6, 6, 5, 5, 5, 5, 4, 3, 3]
    degree = [1.0] * 15 + [0.95] * 4 + [0.9] * 2
    return NodeTable(
        tuple(f"n{i}" for i in range(21)),
        {
            "degree": degree,
            "strength": [float(s) for s in strength],
            "betweenness": between,
        },
    )


def test_choose_ranking_picks_the_measure_that_discriminates() -> None:
    table = _example_like()
    assert choose_ranking(table, ("betweenness", "strength", "degree"), rows=15) == "strength"
    # Betweenness first when it tells the rows apart as well as any.
    varied = NodeTable(("a", "b", "c"), {"betweenness": [0.3, 0.2, 0.1], "strength": [3, 2, 1]})
    assert choose_ranking(varied, ("betweenness", "strength"), rows=3) == "betweenness"
    assert choose_ranking(varied, ("eigenvector",), rows=3) is None
    assert choose_ranking(NodeTable((), {"strength": []}), ("strength",), rows=3) is None


def test_ties_sentence_says_who_ties_and_who_is_cut_off() -> None:
    table = _example_like()
    text = ties_sentence(table, "betweenness", shown=3)
    assert (
        text == "All 3 rows tie at betweenness 0.00117, and 12 more nodes not listed tie with them."
    )
    text = ties_sentence(table, "strength", shown=15)
    assert text == (
        "5 nodes tie at strength 9.000, 2 at 7.000, 4 at 6.000, "
        "and 3 more nodes not listed tie with the last row at 5.000."
    )
    text = ties_sentence(table, "strength", shown=2)
    assert text is None
    text = ties_sentence(table, "strength", shown=3)
    assert text == "4 more nodes not listed tie with the last row at strength 9.000."
    distinct = NodeTable(("a", "b"), {"x": [2.0, 1.0]})
    assert ties_sentence(distinct, "x", shown=2) is None


def test_format_table_tells_rows_apart_and_says_ties() -> None:
    text = format_table(_example_like(), sort="betweenness", limit=4)
    lines = text.splitlines()
    assert lines[1].split()[-1] == "0.00117"
    assert lines[-2] == ""
    assert lines[-1] == (
        "All 4 rows tie at betweenness 0.00117, and 11 more nodes not listed tie with them."
    )
    spread = format_table(_example_like(), columns=("betweenness",), sort="strength").splitlines()
    assert {line.split()[-1] for line in spread[1:-2]} == {
        "0.001171",
        "0.000894",
        "0.000569",
        "0.000277",
    }
    plain = format_table(NodeTable(("a", "b"), {"x": [1.0, 2.0]}), sort="x")
    assert plain.splitlines() == ["node      x", "b     2.000", "a     1.000"]
