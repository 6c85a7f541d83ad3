"""Mappings: which columns hold what, and finding the header."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coinnovation.errors import FileFormatError
from coinnovation.io.registers import (
    RegisterError,
    RegisterMapping,
    read_register,
)
from coinnovation.models import SessionKind
from tests.io.registers.helpers import write

# -- mappings ---------------------------------------------------------------------------------


def test_headers_are_matched_without_case_spaces_or_punctuation(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [
            ["FULL NAME", "Organization", "Event_Name", "Event-Date", "E-mail", "person_id"],
            ["Ana", "WHG", "Launch", "2023-01-01", "ana@example.org", "P1"],
        ],
    )
    result = read_register(path)
    assert result.added["person"] == ("P1",)
    assert result.hub.person("P1").attributes == {"email": "ana@example.org"}
    assert len(result.hub.organisations) == 1


def test_custom_mapping(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        [["Who", "Table", "When", "Name"], ["Ana", "Table 3", "2023-01-01", "ignored"]],
    )
    mapping = RegisterMapping(person="Who", session=["Table", "Tbl"], date="When")
    result = read_register(path, mapping=mapping, session_kind="table")
    assert result.hub.people[0].name == "Ana"
    assert result.hub.sessions[0].kind is SessionKind.TABLE
    assert [w.message for w in result.warnings] == ["columns not imported: 'Name'"]


def test_explicit_mapping_wins_a_clash_and_real_clashes_fail(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv", [["Event", "Workshop", "Date"], ["Ana", "Launch", "2023-01-01"]]
    )
    # "Event" is a default header of sessions, but this mapping gives it to people.
    result = read_register(path, mapping=RegisterMapping(person="Event"))
    assert (result.hub.people[0].name, result.hub.sessions[0].name) == ("Ana", "Launch")
    with pytest.raises(RegisterError, match='column "Event" matches person and session'):
        read_register(path, mapping=RegisterMapping(person="Event", session=["Event"]))
    both = write(
        tmp_path / "both.csv",
        [["Name", "Attendee", "Event", "Date"], ["Ana", "Ana", "Launch", "2023-01-01"]],
    )
    with pytest.raises(RegisterError) as caught:
        read_register(both)
    (problem,) = caught.value.problems
    assert problem.row == 1
    assert problem.message == (
        'columns "Name" and "Attendee" both match person: name the one to use in the '
        "mapping (person=...)"
    )


def test_mapping_from_data_and_files(tmp_path: Path) -> None:
    assert RegisterMapping.from_dict({"person": ["A", "B"]}).person == ("A", "B")
    with pytest.raises(FileFormatError) as caught:
        RegisterMapping.from_dict({"persn": "x", "date": 3, "session": []})
    assert [(p.field, p.message[:14]) for p in caught.value.problems] == [
        ("persn", "unknown field;"),
        ("date", "give a column "),
        ("session", "give a column "),
    ]
    with pytest.raises(FileFormatError):
        RegisterMapping.from_dict(["person"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="give one or more column names"):
        RegisterMapping(person="  ")
    yaml_file = tmp_path / "m.yaml"
    yaml_file.write_text("person: Attendee\ndate: [Date, Day]\n", encoding="utf-8")
    assert RegisterMapping.from_file(yaml_file).date == ("Date", "Day")
    json_file = tmp_path / "m.json"
    json_file.write_text(json.dumps(RegisterMapping().to_dict()), encoding="utf-8")
    assert RegisterMapping.from_file(json_file) == RegisterMapping()
    for name, content in (("bad.json", "{"), ("bad.yaml", "a: [b"), ("m.txt", "{}")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        with pytest.raises(FileFormatError):
            RegisterMapping.from_file(tmp_path / name)
