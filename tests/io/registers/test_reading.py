"""The file itself: encodings, delimiters, sizes, and Excel workbooks."""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coinnovation.errors import MissingDependencyError
from coinnovation.io.registers import (
    MAX_CELL_LENGTH,
    RegisterError,
    read_register,
)
from coinnovation.models import Hub
from tests.io.registers.helpers import write

# -- the file itself -----------------------------------------------------------------------


def test_encodings(tmp_path: Path) -> None:
    rows = [["Name", "Session", "Date"], ["José", "Café", "2023-01-01"]]
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        result = read_register(write(tmp_path / f"{encoding}.csv", rows, encoding))
        assert result.hub.people[0].name == "José"
    latin = write(tmp_path / "latin.csv", rows, "latin-1")
    with pytest.raises(RegisterError) as caught:
        read_register(latin)
    (problem,) = caught.value.problems
    assert problem.row == 2
    assert problem.message.startswith("not UTF-8 text (byte 0xe9 at position 22)")
    assert "encoding='cp1252'" in problem.message
    assert read_register(latin, encoding="latin-1").hub.people[0].name == "José"
    bomless = write(tmp_path / "bomless.csv", rows, "utf-16-le")
    with pytest.raises(RegisterError, match="UTF-16 text without a byte-order mark"):
        read_register(bomless)
    assert read_register(bomless, encoding="utf-16-le").hub.people[0].name == "José"
    with pytest.raises(RegisterError, match="not cp1252 text"):
        read_register(
            write(tmp_path / "bad.csv", [["Name"], ["\x81"]], "latin-1"), encoding="cp1252"
        )


def test_empty_header_only_title_rows_and_blank_rows(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    for content in (b"", b"\n\n  \n"):
        empty.write_bytes(content)
        with pytest.raises(RegisterError, match="the file is empty"):
            read_register(empty)
    header_only = write(tmp_path / "header.csv", [["Name", "Session", "Date"]])
    result = read_register(header_only)
    assert result.hub == Hub()
    assert [w.message for w in result.warnings] == ["no rows below the header: nothing to import"]
    titled = write(
        tmp_path / "titled.csv",
        [
            ["Co-innovation day, sign-in sheet"],
            [],
            ["Name", "Session", "Date", "Notes"],
            ["Ana", "S", "2023-01-01", "late"],
            [],
            ["Ben", "S", "2023-01-01", ""],
        ],
    )
    result = read_register(titled)
    assert result.rows == 2
    assert [p.name for p in result.hub.people] == ["Ana", "Ben"]
    assert [(w.row, w.message) for w in result.warnings] == [
        (None, "the header is row 3: the rows above it were not imported"),
        (3, "columns not imported: 'Notes'"),
    ]


def test_ragged_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "Name,Session,Date,Role\nAna,S,2023-01-01\nBen,S,2023-01-01,,,\n"
        "Smith, Cy,S,2023-01-01,presenter\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    problem = caught.value.problems[0]  # the shifted cells make more problems after it
    assert (problem.row, problem.column) == (4, None)
    assert "1 more filled cell than the header has columns" in problem.message
    assert "unquoted comma" in problem.message


def test_huge_cells_and_nul_bytes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date", "Notes"],
            ["A" * (MAX_CELL_LENGTH + 1), "S", "2023-01-01", ""],
            ["Ana\x00", "S", "2023-01-01", ""],
            ["Ben", "S", "2023-01-01", "x" * 5000],  # an unimported column may be long
        ],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    assert [(p.row, p.column, p.message) for p in caught.value.problems] == [
        (2, "Name", "the cell holds 1,001 characters, more than the limit of 1,000"),
        (3, "Name", "the cell holds the control character U+0000"),
    ]
    huge = tmp_path / "huge.csv"
    huge.write_text('Name,Session,Date\nAna,S,2023-01-01\nBen,"' + "x" * 200_000 + '",2023-01-01\n')
    with pytest.raises(RegisterError) as caught:
        read_register(huge)
    (problem,) = caught.value.problems
    assert problem.row == 3
    assert "a cell holds more than 131,072 characters" in problem.message


def test_delimiters_and_suffixes(tmp_path: Path) -> None:
    semicolons = tmp_path / "r.csv"
    semicolons.write_text("Name;Session;Date\nAna;S;22/06/2023\n", encoding="utf-8")
    assert len(read_register(semicolons).hub.people) == 1
    # A title line without a delimiter above the header: the header's delimiter counts.
    titled = tmp_path / "titled.csv"
    titled.write_text("Sign-in\nName;Session;Date\nAna;S;22/06/2023\n", encoding="utf-8")
    assert len(read_register(titled).hub.people) == 1
    tabs = tmp_path / "r.tsv"
    tabs.write_text("Name\tSession\tDate\nAna, Jr\tS\t22/06/2023\n", encoding="utf-8")
    assert read_register(tabs).hub.people[0].name == "Ana, Jr"
    for suffix, message in ((".xls", "save the sheet as .xlsx or .csv"), (".pdf", "unsupported")):
        other = tmp_path / f"r{suffix}"
        other.write_bytes(b"x")
        with pytest.raises(RegisterError, match=message):
            read_register(other)
    zipped = tmp_path / "z.csv"
    zipped.write_bytes(b"PK\x03\x04" + bytes(30))
    with pytest.raises(RegisterError, match=r"name it \.xlsx"):
        read_register(zipped)
    with pytest.raises(FileNotFoundError):
        read_register(tmp_path / "missing.csv")
    with pytest.raises(FileNotFoundError):
        read_register(tmp_path / "missing.xlsx")


# -- Excel ---------------------------------------------------------------------------------------


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_register(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        {
            "Notes": [["Nothing here"]],
            "Sign-in": [
                ["Co-innovation day"],
                ["Name", "Organisation", "Session", "Date", "Start", "End", "Hours"],
                [
                    "Ana Silva",
                    "WHG",
                    "Workshop 1",
                    datetime(2023, 6, 22),
                    time(10),
                    time(12, 30),
                    2,
                ],
                ["=A3", "WHG", "Workshop 1", datetime(2023, 6, 22, 10), None, None, 1.5],
                [None, None, None, None],
                [12345, "WHG", "Workshop 1", date(2023, 6, 22), None, None, None],
            ],
        },
    )
    with pytest.raises(RegisterError, match="missing columns"):
        read_register(path)  # the first sheet has no register
    result = read_register(path, sheet="sign-in")
    assert [p.name for p in result.hub.people] == ["Ana Silva", "=A3", "12345"]
    (session,) = result.hub.sessions
    assert session.start is not None
    assert session.end is not None
    assert (session.start.isoformat(), session.end.isoformat()) == (
        "2023-06-22T10:00:00+01:00",
        "2023-06-22T12:30:00+01:00",
    )
    assert [p.hours for p in result.hub.participations] == [Decimal("2"), Decimal("1.5"), None]
    assert [(w.row, w.column, w.message) for w in result.warnings] == [
        (None, None, "the header is row 2: the rows above it were not imported"),
        (None, None, "1 new organisation has no sector ('WHG'): recorded as 'other'"),
        (4, "Name", "a formula ('=A3'): imported as its text, not its value"),
    ]
    with pytest.raises(RegisterError, match="no sheet 'Nope'; the workbook has 'Notes', 'Sign-in'"):
        read_register(path, sheet="Nope")


def test_excel_bad_cells(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        {
            "Sheet": [
                ["Name", "Organisation", "Session", "Date", "Hours", "Start"],
                ["Ana", "#N/A", "S", 45000, True, 0.5],
                ["Ben", "WHG", "S", time(9), "=1+1", datetime(2023, 1, 1, 9)],
            ]
        },
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    assert [(p.row, p.column, p.message[:22]) for p in caught.value.problems] == [
        (2, "Organisation", "an Excel error value ("),
        (2, "Date", "45000 is a number, not"),
        (2, "Hours", "'TRUE' is not a number"),
        (2, "Start", "'0.5' is not a time: w"),
        (3, "Date", "'09:00:00' is not a da"),
        (3, "Hours", "'=1+1' is not a number"),
    ]


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("Name,Session,Date\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=r"not a readable Excel workbook \(.xlsx\)"):
        read_register(path)


def test_excel_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(MissingDependencyError) as caught:
        read_register(path)
    assert str(caught.value) == (
        "reading Excel registers needs the optional dependency 'openpyxl': "
        "pip install 'coinnovation[excel]'"
    )
