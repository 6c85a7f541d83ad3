"""Fuzzing: any input imports or raises a located error; properties against independent expectations."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coinnovation.errors import CoinnovationError
from coinnovation.export.tables import looks_like_formula
from coinnovation.io.registers import (
    RegisterError,
    RegisterImport,
    normalise_name,
    read_register,
)
from coinnovation.models import Hub
from tests.io.registers.helpers import (
    DAYS,
    write,
)

# -- fuzzing: any input imports or raises a located CoinnovationError ---------------------------

NASTY = [
    "",
    " ",
    "Ana",
    "Ana Smith",
    "Anna Smith",
    "Dr",
    "=1+1",
    "+44 7700",
    "-5",
    "@SUM(A1)",
    "\tx",
    "\rx",
    " =1+1",
    "\n=1+1",
    "\t@SUM(A1)",
    "\u00a0+1",
    "\u200b=1",
    "\uff1d1+1",
    "\uff0b44",
    "\uff0d5",
    "\uff20SUM(A1)",
    "x\ny",
    '"',
    ",",
    ";",
    "\x00",
    "é",
    "李明",
    "p-1",
    "s-1",
    "o-1",
    "P 1",
    "22/06/2023",
    "2023-06-22",
    "31/02/2023",
    "06/22/2023",
    "presenter",
    "chair",
    "clinician",
    "involve",
    "yes",
    "nhs",
    "a@b.co",
    "10:00",
    "25:00",
    "1.5",
    "NaN",
    "-1",
    "x" * 1_001,
]
HEADERS = [
    "Name",
    "Session",
    "Date",
    "Organisation",
    "Role",
    "Person ID",
    "Session ID",
    "Org ID",
    "Hours",
    "Level",
    "Consent",
    "Sector",
    "Email",
    "Start",
    "End",
    "Notes",
    "",
    "name",
]
cells = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[list[str]], str]:
    header = draw(st.lists(st.sampled_from(HEADERS), max_size=8))
    if draw(st.booleans()):
        header = ["Name", "Session", "Date", *header]
    width = len(header)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=8))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"]))
    return [header, *rows], encoding


def check_outcome(path: Path, **options: Any) -> RegisterImport | None:
    try:
        result = read_register(path, **options)
    except RegisterError as error:
        problems = error.problems
    except CoinnovationError as error:  # pragma: no cover - only RegisterError is expected
        raise AssertionError(f"unexpected {type(error).__name__}: {error}") from None
    else:
        problems = ()
    if problems:
        for problem in problems:
            assert problem.path == str(path)
            assert problem.row is None or problem.row >= 1
            assert problem.message
        return None
    hub = result.hub
    assert Hub.model_validate_json(hub.model_dump_json()) == hub
    # A name that a spreadsheet would run is imported as text, never without a warning.
    names = [r.name for r in (*hub.people, *hub.organisations, *hub.sessions)]
    if any(looks_like_formula(name) for name in names):
        assert any("formula" in warning.message for warning in result.warnings)
    assert result.imported == result.rows - len(result.skipped)
    assert len(hub.participations) <= result.imported
    for kind, ids in result.added.items():
        assert len(set(ids)) == len(ids), kind
    return result


@given(data=st.binary(max_size=300), skip=st.booleans(), suffix=st.sampled_from([".csv", ".tsv"]))
def test_fuzz_random_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, skip: bool, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"r{suffix}"
    path.write_bytes(data)
    check_outcome(path, skip_bad_rows=skip)


@given(register=registers(), skip=st.booleans())
def test_fuzz_tables(
    tmp_path_factory: pytest.TempPathFactory, register: tuple[list[list[str]], str], skip: bool
) -> None:
    rows, encoding = register
    path = tmp_path_factory.mktemp("tables") / "r.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    check_outcome(path, skip_bad_rows=skip)


excel_cells = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
    st.sampled_from(["=SUM(A1:A2)", "=A1", "#N/A", "Ana", "Workshop", "22/06/2023", "presenter"]),
    st.sampled_from([" =1+1", "\n=1+1", "\t@SUM(A1)", "\uff1d1+1", "\uff0d5", "\uff20x"]),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=10).filter(
        lambda t: not t.startswith("=")
    ),
)


@settings(max_examples=25)
@given(
    header=st.lists(st.sampled_from(HEADERS), max_size=5),
    rows=st.lists(st.lists(excel_cells, max_size=8), max_size=5),
    skip=st.booleans(),
)
def test_fuzz_workbooks(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[Any]], skip: bool
) -> None:
    path = tmp_path_factory.mktemp("books") / "r.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["Name", "Session", "Date", *header], *rows]:
        sheet.append(row)
    book.save(path)
    check_outcome(path, skip_bad_rows=skip)


# -- properties against independent expectations --------------------------------------------------

PEOPLE = ["Ana Silva", "Ben Okafor", "Cy Ward", "Dee Patel", "Eli Novak"]
SESSIONS = ["Launch", "Workshop", "Review"]


@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(PEOPLE),
            st.sampled_from(SESSIONS),
            st.sampled_from(DAYS),
            st.booleans(),
            st.booleans(),
        ),
        max_size=25,
    ),
    bad=st.sets(st.integers(0, 30), max_size=4),
)
def test_clean_rows_give_the_expected_hub_and_bad_rows_are_skipped(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, date, bool, bool]],
    bad: set[int],
) -> None:
    table = [["Name", "Session", "Date"]]
    good = []
    for index, (name, session, day, shout, uk) in enumerate(rows):
        if index in bad:
            table.append([name, session, "31/02/2023"])
            continue
        written = day.strftime("%d/%m/%Y") if uk else day.isoformat()
        table.append([name.upper() if shout else name, session, written])
        good.append((name, session, day))
    path = write(tmp_path_factory.mktemp("clean") / "r.csv", table)
    result = read_register(path, skip_bad_rows=True)
    hub = result.hub
    assert [s.row for s in result.skipped] == [i + 2 for i in range(len(rows)) if i in bad]
    assert sorted(p.name.casefold() for p in hub.people) == sorted(
        {name.casefold() for name, _, _ in good}
    )
    assert len(hub.sessions) == len({(session, day) for _, session, day in good})
    assert len(hub.participations) == len(set(good))
    assert result.near_duplicates == ()
    found = {
        (
            hub.person(p.person or "").name.casefold(),
            hub.session(p.session).name,
            hub.session(p.session).start.date(),
        )  # type: ignore[union-attr]
        for p in hub.participations
    }
    assert found == {(name.casefold(), session, day) for name, session, day in good}
    if bad & set(range(len(rows))):
        with pytest.raises(RegisterError):
            read_register(path)


@given(names=st.lists(st.text(min_size=1, max_size=15), min_size=1, max_size=6))
def test_any_names_import_and_similar_ones_stay_apart(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    path = write(
        tmp_path_factory.mktemp("names") / "r.csv",
        [["Name", "Session", "Date"], *[[name, "S", "2023-01-01"] for name in names]],
    )
    result = check_outcome(path)
    if result is None:
        return
    keys = {normalise_name(" ".join(name.split())) for name in names}
    assert len(result.hub.people) == len(keys)
    for pair in result.near_duplicates:
        assert pair.ids[0] != pair.ids[1]
        assert {pair.ids[0], pair.ids[1]} <= {p.id for p in result.hub.people}
