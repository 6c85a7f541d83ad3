"""Bad rows: every problem found, located by row and column, and nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from coinnovation.errors import FileFormatError
from coinnovation.io.registers import (
    RegisterError,
    read_register,
)
from coinnovation.models import (
    Hub,
    Person,
    Sector,
    Session,
)
from tests.io.registers.helpers import (
    located,
    write,
)

# -- bad rows --------------------------------------------------------------------------------


def test_every_bad_row_is_reported_and_nothing_imported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "register.csv",
        [
            ["Name", "Session", "Date", "Role", "Level", "Consent", "Hours", "Email", "Start"],
            ["Ana", "S", "22/06/2023", "", "", "", "", "", ""],
            ["", "S", "22/06/2023", "", "", "", "", "", ""],
            ["Ben", "S", "06/22/2023", "chair", "", "", "", "", ""],
            ["Cy", "S", "31/02/2023", "", "lots", "maybe", "-1", "cy@", "25:00"],
            ["Di", "", "tomorrow", "", "", "", "two", "", ""],
        ],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    error = caught.value
    assert isinstance(error, FileFormatError)
    assert isinstance(error, ValueError)
    assert located(error) == [
        (3, "Name"),
        (4, "Date"),
        (4, "Role"),
        (5, "Date"),
        (5, "Level"),
        (5, "Consent"),
        (5, "Hours"),
        (5, "Email"),
        (5, "Start"),
        (6, "Date"),
        (6, "Hours"),
    ]
    text = str(error)
    assert text.startswith(f"{path}: 11 problems:\n")
    assert f'{path}, row 3, column "Name": empty person name' in text
    assert "there is no month 22 — dates are read day first" in text
    assert "unknown role 'chair': use one of organiser, host, presenter" in text
    assert "no such date '31/02/2023'" in text
    assert "unknown participation level 'lots': use one of inform, consult, involve" in text
    assert "unknown consent 'maybe': use one of named, pseudonymous, excluded" in text
    assert "unparseable date 'tomorrow'" in text


def test_skip_bad_rows_imports_the_good_ones(tmp_path: Path) -> None:
    path = write(
        tmp_path / "register.csv",
        [
            ["Name", "Session", "Date"],
            ["Ana", "S", "22/06/2023"],
            ["", "S", "22/06/2023"],
            ["Ben", "S", "2023-13-01"],
            ["Cy", "S", "22/06/2023"],
        ],
    )
    result = read_register(path, skip_bad_rows=True)
    assert [p.name for p in result.hub.people] == ["Ana", "Cy"]
    assert [(s.row, dict(s.values)) for s in result.skipped] == [
        (3, {"Name": "", "Session": "S", "Date": "22/06/2023"}),
        (4, {"Name": "Ben", "Session": "S", "Date": "2023-13-01"}),
    ]
    assert [[p.column for p in s.problems] for s in result.skipped] == [["Name"], ["Date"]]
    assert (result.rows, result.imported) == (4, 2)
    assert 'row 3: column "Name": empty person name' in result.summary()


def test_missing_columns_is_one_error_naming_found_and_expected(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", [["Attendee", "Org", "When"], ["Ana", "WHG", "22/06/2023"]])
    with pytest.raises(RegisterError) as caught:
        read_register(path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (1, None)
    assert problem.message.startswith("missing columns: session (one of 'session', 'event'")
    assert "date (one of 'date', 'session date', 'event date', 'day')" in problem.message
    assert problem.message.endswith("columns found: 'Attendee', 'Org', 'When'")


FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
# Behind white space or a line break, or in full width: the check once ran before stripping.
HIDDEN_FORMULA_STARTS = [
    " =",
    "\n=",
    "\t@",
    "  +",
    "\u00a0-",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
]


@pytest.mark.parametrize("start", FORMULA_STARTS + HIDDEN_FORMULA_STARTS)
def test_formula_like_cells_are_imported_as_text_and_flagged(tmp_path: Path, start: str) -> None:
    name = f"{start}HYPERLINK(1)"
    path = write(tmp_path / "r.csv", [["Name", "Session", "Date"], [name, "S", "2023-01-01"]])
    result = read_register(path)
    (person,) = result.hub.people
    assert person.name == name.strip()
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "Name")
    assert "like a spreadsheet formula: imported as text" in warning.message


def test_ids_of_another_kind_and_invalid_ids(tmp_path: Path) -> None:
    hub = Hub(sessions=(Session(id="s-9", name="Old"),))
    path = write(
        tmp_path / "r.csv",
        [
            ["Person ID", "Name", "Org ID", "Organisation", "Session", "Date"],
            ["s-9", "Ana", "", "", "S", "2023-01-01"],
            ["p-1", "Ben", "p-1", "WHG", "S", "2023-01-01"],
            ["p-2", "Cy", "", "", "S", "2023-01-01"],
            ["", "Di", "p-2", "WHG", "S", "2023-01-01"],
            ["has space", "Ed", "", "", "S", "2023-01-01"],
        ],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(path, into=hub)
    messages = {(p.row, p.column): p.message for p in caught.value.problems}
    assert messages == {
        (2, "Person ID"): "'s-9' is already the id of a session in the hub, not a person",
        (3, None): "the row gives the same id to two records",
        (5, "Org ID"): "'p-2' is already the id of a person in this register, not an organisation",
        (6, "Person ID"): "'has space' is not a valid id: use letters, digits and _ . : - "
        "(starting with a letter or digit), at most 128 characters",
    }


def test_id_columns_match_by_id_and_warn_about_other_names(tmp_path: Path) -> None:
    hub = Hub(people=(Person(id="P001", name="Ana Silva"),))
    path = write(
        tmp_path / "r.csv",
        [
            ["Person ID", "Name", "Session ID", "Session", "Date"],
            ["P001", "Ana S.", "W1", "Workshop", "2023-06-22"],
            ["P001", "", "W1", "", ""],
            ["P002", "Ben", "W1", "Workshop", "2023-06-23"],
            ["", "Ben", "W1", "", ""],
        ],
    )
    result = read_register(path, into=hub)
    assert result.added["person"] == ("P002",)
    assert result.added["session"] == ("W1",)
    assert result.reused["person"] == ("P001",)
    assert len(result.hub.participations) == 2
    messages = [(w.row, w.message) for w in result.warnings]
    assert messages == [
        (2, "person 'P001' is called 'Ana Silva' in the hub, not 'Ana S.': 'Ana Silva' is kept"),
        (3, "repeats row 2 (P001 at W1): not imported again"),
        (4, "session 'W1' is on 2023-06-22 (row 2): that date is kept"),
        (5, "repeats row 4 (P002 at W1): not imported again"),
    ]


def test_ambiguous_names_in_the_hub_need_an_id(tmp_path: Path) -> None:
    hub = Hub(people=(Person(id="a1", name="Ana"), Person(id="a2", name="ana")))
    path = write(tmp_path / "r.csv", [["Name", "Session", "Date"], ["Ana", "S", "2023-01-01"]])
    with pytest.raises(RegisterError, match=r"2 people in the hub are called 'Ana' \(a1, a2\)"):
        read_register(path, into=hub)


def test_repeated_rows_give_one_participation(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [["Name", "Session", "Date"], ["Ana", "S", "2023-01-01"], ["Dr Ana", "S", "01/01/2023"]],
    )
    result = read_register(path)
    assert len(result.hub.participations) == 1
    assert [w.message for w in result.warnings] == [
        "repeats row 2 (p-ana at s-2023-01-01-s): not imported again"
    ]


def test_sessions_are_told_apart_by_name_and_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date"],
            ["Ana", "Workshop", "2023-01-01"],
            ["Ana", "Workshop", "2023-01-08"],
            ["Ana", "Clinic", "2023-01-08"],
            ["Ana", "WORKSHOP", "01/01/2023"],
        ],
    )
    result = read_register(path)
    assert result.added["session"] == (
        "s-2023-01-01-workshop",
        "s-2023-01-08-workshop",
        "s-2023-01-08-clinic",
    )
    assert len(result.hub.participations) == 3


def test_new_ids_are_unique_short_and_ascii(tmp_path: Path) -> None:
    hub = Hub(people=(Person(id="p-ana-silva", name="Someone Else"),))
    long_name = "Ana " + "Maria " * 40 + "Silva"
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Session", "Date"],
            ["Ana Silva", "S", "2023-01-01"],
            ["李明", "S", "2023-01-01"],
            ["José Núñez", "S", "2023-01-01"],
            [long_name, "S" * 300, "2023-01-01"],
        ],
    )
    result = read_register(path, into=hub)
    ids = result.added["person"]
    assert ids[0] == "p-ana-silva-2"
    assert ids[1].startswith("p-x")
    assert len(ids[1]) == 11
    assert ids[2] == "p-jose-nunez"
    assert all(len(i) <= 128 for kind in result.added.values() for i in kind)


def test_organisation_sector_synonyms_and_default(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["Name", "Organisation", "Session", "Date", "Sector"],
            ["Ana", "Walsall Together", "S", "2023-01-01", "NHS"],
            ["Ben", "Beacon", "S", "2023-01-01", "Voluntary sector"],
            ["Cy", "Nowhere Ltd", "S", "2023-01-01", ""],
        ],
    )
    result = read_register(path, default_sector="industry")
    sectors = {o.name: o.sector for o in result.hub.organisations}
    assert sectors == {
        "Walsall Together": Sector.HEALTH_SERVICE,
        "Beacon": Sector.COMMUNITY,
        "Nowhere Ltd": Sector.INDUSTRY,
    }
    assert any("1 new organisation has no sector" in w.message for w in result.warnings)
