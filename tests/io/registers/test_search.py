"""The near-duplicate search by index: exactly the pairs the all-pairs rule finds, by group.

The library's search (:func:`coinnovation.io.registers.names._search`) compares only the
names its index finds; :func:`all_pairs` below is the search it replaced, comparing every
new record with every record before it. Both use the one rule (``_alike``), which
``test_names.py`` checks against an independent definition.
"""

from __future__ import annotations

import difflib
import json
import string
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.io.registers import (
    AlikeName,
    NameGroup,
    NearDuplicate,
    RegisterImport,
    normalise_name,
    read_register,
)
from coinnovation.io.registers.cells import _first_control
from coinnovation.io.registers.names import (
    _alike,
    _Name,
    _pieces,
    _search,
    _tolerance,
)
from coinnovation.models import Hub, Person
from tests.io.registers.helpers import write

Entry = tuple[str, str, str]


def all_pairs(
    kind: str,
    new: list[Entry],
    existing: list[Entry],
    rows_of: dict[str, tuple[int, ...]],
    day: date | None = None,
) -> list[NearDuplicate]:
    """Each new record against every record before it: the search as it was (issue 10)."""
    found = []
    entries = [*existing, *new]
    names = [_Name.of(key) for _, _, key in entries]
    for position in range(len(existing), len(entries)):
        record_id, name, key = entries[position]
        matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        for other in range(position):
            other_id, other_name, other_key = entries[other]
            if key == other_key:
                result: tuple[float, str] | None = (1.0, "the same name, different ids")
            else:
                result = _alike(names[other], names[position], matcher)
            if result is not None:
                found.append(
                    NearDuplicate(
                        kind,
                        (other_id, record_id),
                        (other_name, name),
                        (rows_of.get(other_id, ()), rows_of.get(record_id, ())),
                        result[0],
                        result[1],
                        day,
                    )
                )
    return found


# -- names close to each other, at every distance around the rule's bounds ---------------------


@st.composite
def edited(draw: st.DrawFn, name: str, alphabet: str) -> str:
    """The name after one to five edits: changes, additions, removals, swaps of neighbours."""
    for _ in range(draw(st.integers(1, 5))):
        position = draw(st.integers(0, max(len(name) - 1, 0)))
        letter = draw(st.sampled_from(alphabet))
        kind = draw(st.sampled_from(["change", "add", "drop", "swap"]))
        if kind == "change" and name:
            name = name[:position] + letter + name[position + 1 :]
        elif kind == "drop" and len(name) > 1:
            name = name[:position] + name[position + 1 :]
        elif kind == "swap" and position + 1 < len(name):
            name = name[:position] + name[position + 1] + name[position] + name[position + 2 :]
        else:
            name = name[:position] + letter + name[position:]
    return name


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[Entry], list[Entry], dict[str, tuple[int, ...]]]:
    """Records of the hub and of a register, their names alike in many ways, some shared."""
    alphabet = draw(st.sampled_from(["ab ", "abn e", "abcdefgh 1", string.ascii_lowercase + " 12"]))
    bases = draw(st.lists(st.text(alphabet, min_size=1, max_size=40), min_size=1, max_size=5))
    names = list(bases)
    for base in draw(st.lists(st.sampled_from(bases), max_size=12)):
        names.append(draw(edited(base, alphabet)))
    names += draw(st.lists(st.sampled_from(names), max_size=6))  # records sharing a name
    keys = [normalise_name(name) for name in names]
    named = [(f"r{i}", name, key) for i, (name, key) in enumerate(zip(names, keys, strict=True))]
    named = [entry for entry in named if entry[2]]
    order = draw(st.permutations(named))
    split = draw(st.integers(0, len(order)))
    existing, new = list(order[:split]), list(order[split:])
    rows_of = {record_id: (row + 2,) for row, (record_id, _, _) in enumerate(new)}
    return existing, new, rows_of


@settings(max_examples=300)
@given(registers())
def test_the_index_finds_exactly_the_pairs_every_pair_compared_finds(
    register: tuple[list[Entry], list[Entry], dict[str, tuple[int, ...]]],
) -> None:
    existing, new = register[0], register[1]
    rows_of = register[2]
    found = _search("person", new, existing, rows_of)
    assert found.pairs() == all_pairs("person", new, existing, rows_of)
    # The groups stand for those pairs: each pair's names are one group, or alike.
    groups = {group.key: group for group in found.groups()}
    ids = {group.key: set(group.ids) for group in groups.values()}
    for pair in found.pairs():
        keys = [key for key, members in ids.items() if set(pair.ids) & members]
        if len(keys) == 1:
            assert groups[keys[0]].shared
        else:
            first, second = sorted(keys, key=lambda key: list(groups).index(key))
            assert second in {alike.key for alike in groups[first].alike}


def test_names_alike_by_their_ends_are_found() -> None:
    """A change at each end of a long name: no word, first or last letters in common."""
    new = [("a", "x", "xabcdefghijklmnopqrstuvwy"), ("b", "z", "zabcdefghijklmnopqrstuvwx")]
    found = _search("organisation", new, [], {})
    assert [(pair.ids, pair.reason) for pair in found.pairs()] == [(("a", "b"), "similar spelling")]
    assert found.pairs() == all_pairs("organisation", new, [], {})


def test_the_ratio_of_difflib_depends_on_the_order_and_so_does_each_pair() -> None:
    """SequenceMatcher(a, b) and (b, a) can differ; each pair keeps the order it had."""
    a, b = "aba bab e", "abaebaebe"
    assert difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() != (
        difflib.SequenceMatcher(None, b, a, autojunk=False).ratio()
    )
    existing = [("h1", a, a)]
    new = [("n1", b, b), ("n2", a, a)]
    found = _search("person", new, existing, {"n1": (2,), "n2": (3,)})
    assert found.pairs() == all_pairs("person", new, existing, {"n1": (2,), "n2": (3,)})


def test_the_tolerance_is_difflibs_own_arithmetic() -> None:
    for total in range(1, 400):
        allowed = [total - 2 * m for m in range(total + 1) if 2.0 * m / total >= 0.9]
        assert _tolerance(total) == (max(allowed) if allowed else -1)


@pytest.mark.parametrize(("length", "tolerance"), [(5, 1), (7, 2), (20, 4), (3, 2)])
def test_pieces_cover_the_name(length: int, tolerance: int) -> None:
    pieces = _pieces(length, tolerance)
    assert len(pieces) == tolerance + 1
    assert [start for start, _ in pieces] == [0, *[s + w for s, w in pieces[:-1]]]
    assert sum(width for _, width in pieces) == length
    assert all(width >= 1 for _, width in pieces)


# -- groups: what the report shows ---------------------------------------------------------------


def namesakes(tmp_path: Path) -> Path:
    rows = [["Person ID", "Name", "Session", "Date"]]
    rows += [[f"p{i}", "Lena J.", "S", "2023-01-01"] for i in range(30)]
    rows += [[f"q{i}", "Lena T.", "S", "2023-01-01"] for i in range(20)]
    rows += [["r1", "Ana Smith", "S", "2023-01-01"], ["r2", "Anna Smith", "S", "2023-01-01"]]
    return write(tmp_path / "r.csv", rows)


def test_many_records_with_few_names_give_a_group_per_name(tmp_path: Path) -> None:
    result = read_register(namesakes(tmp_path))
    groups = result.name_groups
    assert [(g.key, len(g.ids), [a.key for a in g.alike]) for g in groups] == [
        ("lena j", 30, ["lena t"]),
        ("lena t", 20, []),
        ("ana smith", 1, ["anna smith"]),
        ("anna smith", 1, []),
    ]
    assert groups[0].alike == (AlikeName("lena t", "Lena T.", 0.833, "one letter apart"),)
    # The pairs behind them: 435 + 190 namesakes, 600 alike, and Ana with Anna.
    pairs = result.near_duplicates
    assert len(pairs) == 435 + 190 + 600 + 1
    assert pairs == tuple(
        all_pairs(
            "person",
            [(p.id, p.name, normalise_name(p.name)) for p in result.hub.people],
            [],
            {p.id: (row,) for row, p in enumerate(result.hub.people, start=2)},
        )
    )
    lines = result.summary().splitlines()
    start = lines.index("near-duplicates, kept apart (merge them by hand if they are the same):")
    shown = lines[start + 1 :]
    assert len(shown) == 4
    assert shown[0].startswith('  person "Lena J." (p0, row 2), "Lena J." (p1, row 3), ')
    assert shown[0].endswith(
        ' and "Lena J." (p29, row 31): the same name, different ids (similarity 1.000)'
    )
    assert shown[1] == (
        '  person "Lena J." (30 people) and "Lena T." (20 people): one letter apart '
        "(similarity 0.833)"
    )
    assert shown[3] == (
        '  person "Ana Smith" (r1, row 52) and "Anna Smith" (r2, row 53): similar spelling '
        "(similarity 0.947)"
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert [group["key"] for group in data["name_groups"]] == [g.key for g in groups]
    assert data["name_groups"][0]["alike"] == [
        {"key": "lena t", "name": "Lena T.", "similarity": 0.833, "reason": "one letter apart"}
    ]
    assert "near_duplicates" not in data


def test_records_of_the_hub_show_in_a_group_but_are_not_paired_among_themselves(
    tmp_path: Path,
) -> None:
    hub = Hub(people=(Person(id="h1", name="Ana Silva"), Person(id="h2", name="Ana Silva")))
    path = write(
        tmp_path / "r.csv",
        [["Person ID", "Name", "Session", "Date"], ["n1", "ana silva", "S", "2023-01-01"]],
    )
    result = read_register(path, into=hub)
    (group,) = result.name_groups
    assert (group.ids, group.rows, group.shared) == (("h1", "h2", "n1"), ((), (), (2,)), True)
    assert [pair.ids for pair in result.near_duplicates] == [("h1", "n1"), ("h2", "n1")]
    path = write(
        tmp_path / "s.csv",
        [["Person ID", "Name", "Session", "Date"], ["n1", "Ben Okafor", "S", "2023-01-01"]],
    )
    assert read_register(path, into=hub).name_groups == ()


def test_a_hand_made_report_gives_the_pairs_of_its_groups() -> None:
    groups = (
        NameGroup(
            "person",
            "ana",
            ("a", "b"),
            ("Ana", "ANA"),
            ((), (3,)),
            (AlikeName("anna", "Anna", 0.889, "one letter apart"),),
        ),
        NameGroup("person", "anna", ("c",), ("Anna",), ((4,),)),
    )
    report = RegisterImport(Hub(), "r.csv", 2, {}, {}, name_groups=groups)
    assert [(pair.ids, pair.reason) for pair in report.near_duplicates] == [
        (("a", "b"), "the same name, different ids"),
        (("a", "c"), "one letter apart"),
        (("b", "c"), "one letter apart"),
    ]
    assert str(groups[1]) == ""
    assert report.summary().splitlines()[-2:] == [
        '  person "Ana" (a, in the hub) and "ANA" (b, row 3): the same name, different ids '
        "(similarity 1.000)",
        '  person "Ana" (2 people) and "Anna" (c, row 4): one letter apart (similarity 0.889)',
    ]


# -- the fast paths of cleaning, against the definitions they replace ------------------------


def normalise_by_definition(text: str, *, titles: bool = True) -> str:
    """normalise_name as written before its ASCII path: one character at a time."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    characters = []
    for character in folded:
        if character in "'’‘`´ʼ":  # noqa: RUF001 - the apostrophes people type
            continue
        characters.append(" " if unicodedata.category(character)[0] in "PSZC" else character)
    words = "".join(characters).split()
    if titles:
        titled = {"dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir"}
        titled |= {"dame", "rev", "revd", "reverend", "cllr", "councillor"}
        while len(words) > 1 and words[0] in titled:
            words.pop(0)
    return " ".join(words)


@given(st.text(st.characters(max_codepoint=127)) | st.text(), st.booleans())
def test_normalise_name_is_the_same_for_ascii_as_by_definition(text: str, titles: bool) -> None:
    assert normalise_name(text, titles=titles) == normalise_by_definition(text, titles=titles)


def test_every_ascii_character_normalises_as_by_definition() -> None:
    for code in range(128):
        text = f"Dr A{chr(code)}b Cd"
        assert normalise_name(text) == normalise_by_definition(text)


def test_control_characters_are_unicodes_category_cc_but_tab_and_line_ends() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1))
    expected = {c for c in every if unicodedata.category(c) == "Cc" and c not in "\t\n\r"}
    found = set()
    rest = every
    while (control := _first_control(rest)) is not None:
        found.add(control)
        rest = rest[rest.index(control) + 1 :]
    assert found == expected
    assert _first_control("Ana\tSilva") is None
