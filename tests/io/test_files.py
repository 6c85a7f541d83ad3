"""Hub files: formats, errors with locations, schema versions and atomic saves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import coinnovation
from coinnovation import (
    FileFormatError,
    Hub,
    HubIntegrityError,
    Person,
    Problem,
    SchemaVersionError,
    dumps,
    load,
    loads,
    save,
)
from coinnovation.io import atomic_write, format_of
from tests.models.test_hub import small_hub


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_save_and_load_each_format(tmp_path: Path, suffix: str) -> None:
    hub = small_hub()
    path = save(hub, tmp_path / f"hub{suffix}")
    assert load(path) == hub
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_file_starts_with_schema_version_and_omits_defaults() -> None:
    data = json.loads(dumps(small_hub()))
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == coinnovation.SCHEMA_VERSION
    assert data["stages"][0] == "framing"
    person = data["people"][0]
    assert person == {
        "id": "p-ana",
        "name": "Ana",
        "roles": ["community_champion"],
        "consent": "pseudonymous",
    }
    assert data["agreements"][0]["shares"][0]["fraction"] == "0.6"  # exact decimals as strings


def test_yaml_keeps_date_like_text_as_text() -> None:
    hub = Hub().add(Person(id="p-1", name="2023-06-22", attributes={"joined": "2023-06-22"}))
    assert loads(dumps(hub, "yaml"), "yaml") == hub


def test_format_of() -> None:
    assert format_of("a.JSON") == "json"
    assert format_of("a.txt", "yaml") == "yaml"
    with pytest.raises(FileFormatError, match=r"unsupported file type '\.txt'"):
        format_of("a.txt")


def test_invalid_json_is_reported() -> None:
    with pytest.raises(FileFormatError) as caught:
        loads('{"people": [', source="hub.json")
    assert caught.value.path == "hub.json"
    assert caught.value.problems[0].kind == "file"
    assert "Invalid JSON" in caught.value.problems[0].message


def test_invalid_yaml_is_reported_with_line() -> None:
    with pytest.raises(FileFormatError, match="not valid YAML at line 3, column 1"):
        loads("people:\n  - [unclosed\n", "yaml")


def test_not_an_object() -> None:
    with pytest.raises(FileFormatError) as caught:
        loads("[1, 2]")
    assert caught.value.problems[0].kind == "file"


def test_unknown_and_malformed_fields_name_record_and_path() -> None:
    text = json.dumps(
        {
            "schema_version": "1.0",
            "people": [
                {"id": "p-1", "name": "Ana", "nickname": "A"},
                {"name": "No id"},
            ],
            "agreements": [
                {
                    "id": "ag-1",
                    "title": "T",
                    "costs": [
                        {
                            "party": "p-1",
                            "kind": "cash",
                            "amount": {"amount": "1", "currency": "GBQ"},
                        }
                    ],
                }
            ],
            "colour": "blue",
        }
    )
    with pytest.raises(FileFormatError) as caught:
        loads(text, source="hub.json")
    assert caught.value.problems == (
        Problem("person", "p-1", "nickname", "unknown field"),
        Problem("person", None, "people[1].id", "required field is missing"),
        Problem(
            "agreement",
            "ag-1",
            "costs[0].amount.currency",
            "'GBQ' is not an ISO 4217 currency code",
        ),
        Problem("hub", None, "colour", "unknown field"),
    )
    message = str(caught.value)
    assert message.startswith("hub.json: 4 problems:")
    assert "person 'p-1', field 'nickname': unknown field" in message


def test_newer_major_version_is_refused_clearly() -> None:
    text = '{"schema_version": "2.0", "something_new": []}'
    with pytest.raises(SchemaVersionError) as caught:
        loads(text, source="future.json")
    assert "schema version 2.0 is newer than this library reads (1.1)" in str(caught.value)
    assert isinstance(caught.value, FileFormatError)
    # A newer minor version of the same major loads.
    assert loads('{"schema_version": "1.9"}').schema_version == "1.9"


def test_integrity_errors_pass_through_load(tmp_path: Path) -> None:
    path = tmp_path / "hub.json"
    path.write_text('{"participations": [{"id": "pa", "session": "s", "person": "p"}]}')
    with pytest.raises(HubIntegrityError) as caught:
        load(path)
    assert [(p.record, p.field) for p in caught.value.problems] == [
        ("pa", "session"),
        ("pa", "person"),
    ]


def test_yaml_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "hub.yaml"
    path.write_bytes(b"name: \xff\xfe")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        load(path)


def test_compact_json(tmp_path: Path) -> None:
    path = save(small_hub(), tmp_path / "hub.json", indent=None)
    assert "\n" not in path.read_text()
    assert load(path) == small_hub()


def test_atomic_write_keeps_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "hub.json"
    save(Hub(name="old"), target)
    before = target.read_bytes()

    def explode(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", explode)
    with pytest.raises(KeyboardInterrupt):
        save(Hub(name="new"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["hub.json"], "the temporary file is removed"


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write(target, b"one")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o600


def test_save_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        save(Hub(), tmp_path / "missing" / "hub.json")
