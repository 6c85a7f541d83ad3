"""Names: near-duplicates are reported, never merged, as an independent definition says."""

from __future__ import annotations

import difflib
import itertools
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coinnovation.errors import FileFormatError
from coinnovation.io.registers import (
    RegisterImport,
    normalise_name,
    read_register,
)
from coinnovation.models import (
    Hub,
    Person,
    Session,
)
from tests.io.registers.helpers import (
    DAYS,
    HEADER,
    write,
)

# -- near-duplicates: reported, never merged ------------------------------------------------


def test_near_duplicates_are_reported_not_merged(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            HEADER,
            ["Anna Smith", "Walsall Housing Group", "Workshop 1", "22/06/2023", ""],
            ["Ben Okafor", "", "Workshop 1", "22/06/2023", ""],
            ["Ana Smith", "Walsall Housing Grp", "Workshop 1", "22/06/2023", ""],
            ["Anna Smith", "", "Workshop 2", "22/06/2023", ""],
        ],
    )
    result = read_register(path)
    assert [p.name for p in result.hub.people] == ["Anna Smith", "Ben Okafor", "Ana Smith"]
    assert len(result.hub.organisations) == 2
    assert [(d.kind, d.ids, d.rows, d.reason) for d in result.near_duplicates] == [
        ("person", ("p-anna-smith", "p-ana-smith"), ((2, 5), (4,)), "similar spelling"),
        (
            "organisation",
            ("o-walsall-housing-group", "o-walsall-housing-grp"),
            ((2,), (4,)),
            "similar spelling",
        ),
    ]
    assert result.near_duplicates[0].similarity == pytest.approx(18 / 19, abs=1e-3)
    assert "near-duplicates, kept apart" in result.summary()


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Smith, Anna", "Anna Smith", "the same words in another order"),
        ("Jon Lee", "Jan Lee", "one letter apart"),
        ("Ann", "Anne", "one letter apart"),
        ("Ann Lee", "Anne Lee", "similar spelling"),
        ("Ian Lee", "Ina Lee", "one letter apart"),  # two neighbours swapped
        ("Katherina Rogers", "Katharina Rogers", "similar spelling"),
    ],
)
def test_kinds_of_near_duplicate(tmp_path: Path, first: str, second: str, reason: str) -> None:
    path = write(
        tmp_path / "r.csv",
        [["Name", "Session", "Date"], [first, "S", "2023-01-01"], [second, "S", "2023-01-01"]],
    )
    result = read_register(path)
    assert len(result.hub.people) == 2
    assert [d.reason for d in result.near_duplicates] == [reason]


def test_near_duplicates_against_the_hub_and_same_name_with_two_ids(tmp_path: Path) -> None:
    hub = Hub(people=(Person(id="p-anna", name="Anna Smith"),))
    path = write(
        tmp_path / "r.csv",
        [
            ["Person ID", "Name", "Session", "Date"],
            ["", "Ana Smith", "S", "2023-01-01"],
            ["x-7", "Anna Smith", "S", "2023-01-01"],
        ],
    )
    result = read_register(path, into=hub)
    assert [(d.ids, d.rows, d.reason) for d in result.near_duplicates] == [
        (("p-anna", "p-ana-smith"), ((), (2,)), "similar spelling"),
        (("p-anna", "x-7"), ((), (3,)), "the same name, different ids"),
        (("p-ana-smith", "x-7"), ((2,), (3,)), "similar spelling"),
    ]
    assert "(p-anna, in the hub)" in str(result.near_duplicates[0])


def test_clearly_different_names_are_not_reported(tmp_path: Path) -> None:
    names = ["Ana Silva", "Ben Okafor", "Cy Ward", "Jon Smith", "Ann Jones", "Mary Brown"]
    rows = [["Name", "Session", "Date"]] + [
        [n, f"Workshop {i}", "2023-01-01"] for i, n in enumerate(names)
    ]
    result = read_register(write(tmp_path / "r.csv", rows))
    assert result.near_duplicates == ()
    assert len(result.hub.sessions) == 6  # "Workshop 1" and "Workshop 2" are sessions, not names


def test_names_with_other_numbers_are_not_near_duplicates(tmp_path: Path) -> None:
    rows = [["Name", "Organisation", "Session", "Date"]]
    rows += [[f"Table {i} lead", f"Ward {i} Team", "S", "2023-01-01"] for i in (12, 13, 1)]
    result = read_register(write(tmp_path / "r.csv", rows))
    assert (len(result.hub.people), len(result.hub.organisations)) == (3, 3)
    assert result.near_duplicates == ()


def test_a_typo_in_a_session_name_on_the_same_day_is_reported_not_merged(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date"],
            ["Ana Silva", "Workshop 2", "16/05/2024"],
            ["Ben Okafor", "Worksop 2", "16/05/2024"],
            ["Cy Ward", "Workshop 2", "16/05/2024"],
            ["Dee Patel", "Worksop 2", "17/05/2024"],  # another day: another session
        ],
    )
    result = read_register(path)
    assert result.added["session"] == (
        "s-2024-05-16-workshop-2",
        "s-2024-05-16-worksop-2",
        "s-2024-05-17-worksop-2",
    )
    (pair,) = result.near_duplicates
    assert (pair.kind, pair.ids, pair.names, pair.rows, pair.reason, pair.day) == (
        "session",
        ("s-2024-05-16-workshop-2", "s-2024-05-16-worksop-2"),
        ("Workshop 2", "Worksop 2"),
        ((2, 4), (3,)),
        "similar spelling",
        date(2024, 5, 16),
    )
    assert pair.similarity == pytest.approx(18 / 19, abs=1e-3)
    line = (
        'session "Workshop 2" (s-2024-05-16-workshop-2, rows 2, 4) and "Worksop 2" '
        "(s-2024-05-16-worksop-2, row 3) on 2024-05-16: similar spelling (similarity 0.947)"
    )
    assert str(pair) == line
    assert f"  {line}" in result.summary().splitlines()
    assert result.to_dict()["name_groups"][0]["day"] == "2024-05-16"


def test_sessions_are_compared_with_the_hubs_on_the_same_local_day(tmp_path: Path) -> None:
    hub = Hub(
        sessions=(
            # 23:30 UTC on the 15th is 00:30 on the 16th in London (summer time).
            Session(id="s-w2", name="Workshop 2", start=datetime(2024, 5, 15, 23, 30, tzinfo=UTC)),
            Session(id="s-old", name="Workshop 2", start=datetime(2024, 5, 9, 10, tzinfo=UTC)),
            Session(id="s-undated", name="Worksop 2"),
        )
    )
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Session ID", "Date"],
            ["Ana Silva", "Worksop 2", "", "16/05/2024"],
            ["Ben Okafor", "Workshop 2", "x-9", "2024-05-16"],
        ],
    )
    result = read_register(path, into=hub)
    assert result.added["session"] == ("s-2024-05-16-worksop-2", "x-9")
    assert [(d.ids, d.rows, d.reason, d.day) for d in result.near_duplicates] == [
        (("s-w2", "s-2024-05-16-worksop-2"), ((), (2,)), "similar spelling", date(2024, 5, 16)),
        (("s-w2", "x-9"), ((), (3,)), "the same name, different ids", date(2024, 5, 16)),
        (("s-2024-05-16-worksop-2", "x-9"), ((2,), (3,)), "similar spelling", date(2024, 5, 16)),
    ]
    assert '"Workshop 2" (s-w2, in the hub)' in str(result.near_duplicates[0])


def test_session_near_duplicates_show_in_the_import_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coinnovation.cli import main

    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date"],
            ["Ana", "Workshop 2", "16/05/2024"],
            ["Ben", "Worksop 2", "16/05/2024"],
        ],
    )
    assert main(["import", str(path), "--into", str(tmp_path / "hub.json")]) == 0
    out = capsys.readouterr().out
    assert "near-duplicates, kept apart (merge them by hand if they are the same):" in out
    assert 'session "Workshop 2" (s-2024-05-16-workshop-2, row 2) and "Worksop 2"' in out
    other = tmp_path / "other.json"
    assert main(["import", str(path), "--into", str(other), "--json", "--dry-run"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(g["kind"], g["day"], len(g["alike"])) for g in report["name_groups"]] == [
        ("session", "2024-05-16", 1),
        ("session", "2024-05-16", 0),
    ]


def test_normalise_name() -> None:
    assert normalise_name("Cllr  Mary-Jane  O'Neil") == "mary jane oneil"
    assert normalise_name("Dr") == "dr"  # a title alone is a name
    assert normalise_name("\uff21\uff2e\uff21") == "ana"  # fullwidth letters, by NFKC
    assert normalise_name("Straße") == "strasse"
    assert normalise_name("Dr Who", titles=False) == "dr who"
    assert normalise_name("—") == ""


# -- near-duplicates against an independent definition -----------------------------------------


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, by the textbook dynamic programme."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def alike_by_definition(a: str, b: str) -> bool:
    """The documented rule, written out independently of the implementation."""
    if re.findall(r"\d+", a) != re.findall(r"\d+", b):
        return False
    if a == b or sorted(a.split()) == sorted(b.split()):
        return True
    if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9:
        return True
    return min(len(a), len(b)) <= 10 and osa_distance(a, b) == 1


FIRST = ["Ana", "Anna", "Ben", "Cy", "Jon", "Jan", "Katherina", "Mary Ann", "Maryann", "Ian"]
LAST = ["Smith", "Smyth", "Okafor", "Rogers", "Ward", "O'Neil", "Lee", "Silva 2", "Silva 3"]


@st.composite
def typo(draw: st.DrawFn, name: str) -> str:
    """The name with one letter changed, added, dropped, or two neighbours swapped."""
    position = draw(st.integers(0, len(name) - 1))
    letter = draw(st.sampled_from("aeiklnorsty"))
    kind = draw(st.sampled_from(["change", "add", "drop", "swap"]))
    if kind == "change":
        return name[:position] + letter + name[position + 1 :]
    if kind == "add":
        return name[:position] + letter + name[position:]
    if kind == "drop" and len(name) > 1:
        return name[:position] + name[position + 1 :]
    if position + 1 < len(name):
        return name[:position] + name[position + 1] + name[position] + name[position + 2 :]
    return name


@st.composite
def people(draw: st.DrawFn) -> list[str]:
    names = draw(
        st.lists(
            st.builds("{} {}".format, st.sampled_from(FIRST), st.sampled_from(LAST)),
            min_size=1,
            max_size=6,
        )
    )
    return names + [draw(typo(name)) for name in draw(st.lists(st.sampled_from(names), max_size=4))]


def near_pairs(result: RegisterImport) -> set[frozenset[str]]:
    return {frozenset(pair.ids) for pair in result.near_duplicates}


@given(names=people())
def test_near_duplicates_follow_the_documented_rule(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    path = write(
        tmp_path_factory.mktemp("alike") / "r.csv",
        [["Name", "Session", "Date"], *[[name, "S", "2023-01-01"] for name in names]],
    )
    result = read_register(path)
    keys = {p.id: normalise_name(p.name) for p in result.hub.people}
    expected = {
        frozenset((x, y))
        for x, y in itertools.combinations(keys, 2)
        if alike_by_definition(keys[x], keys[y])
    }
    assert near_pairs(result) == expected


SESSION_NAMES = ["Workshop 2", "Worksop 2", "Launch", "Lunch", "Table 1", "Table 11", "Review"]


@st.composite
def session_rows(draw: st.DrawFn) -> list[tuple[str, date]]:
    names = draw(st.lists(st.sampled_from(SESSION_NAMES), min_size=1, max_size=5))
    names += [draw(typo(name)) for name in draw(st.lists(st.sampled_from(names), max_size=3))]
    return [(name, draw(st.sampled_from(DAYS))) for name in names]


@given(rows=session_rows())
def test_session_near_duplicates_follow_the_rule_within_each_day(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, date]]
) -> None:
    path = write(
        tmp_path_factory.mktemp("sessions") / "r.csv",
        [["Name", "Session", "Date"], *[["Ana", name, day.isoformat()] for name, day in rows]],
    )
    result = read_register(path)
    sessions = {s.id: s for s in result.hub.sessions}
    keys = {s.id: normalise_name(s.name, titles=False) for s in sessions.values()}
    expected = {
        frozenset((x, y))
        for x, y in itertools.combinations(sessions, 2)
        if sessions[x].start.date() == sessions[y].start.date()  # type: ignore[union-attr]
        and keys[x] != keys[y]
        and alike_by_definition(keys[x], keys[y])
    }
    assert {frozenset(d.ids) for d in result.near_duplicates if d.kind == "session"} == expected
    for pair in result.near_duplicates:
        assert pair.kind == "session"
        days = {sessions[i].start.date() for i in pair.ids}  # type: ignore[union-attr]
        assert days == {pair.day}


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_register_that_is_a_device_is_refused_unread(tmp_path: Path) -> None:
    """A CSV name that links to a device is refused, never read without end (issue 9)."""
    link = tmp_path / "register.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileFormatError, match="not a regular file"):
        read_register(link)
