"""Hub files: formats, errors with locations, schema versions and atomic saves."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
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
    UnreadableFileError,
    dumps,
    load,
    loads,
    save,
)
from coinnovation.io import atomic_write, files, format_of
from coinnovation.io.files import Format
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


# -- issue 9, item 15: a byte order mark is accepted; keys given twice are reported ----------


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_byte_order_mark_at_the_start_is_accepted(tmp_path: Path, suffix: str) -> None:
    hub = small_hub()
    text = dumps(hub, "yaml" if suffix == ".yaml" else "json")
    path = tmp_path / f"hub{suffix}"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert load(path) == hub
    assert loads("\ufeff" + text, format_of(path)) == hub


def test_a_byte_order_mark_in_json_bytes_is_accepted() -> None:
    assert loads(codecs.BOM_UTF8 + dumps(small_hub()).encode("utf-8")) == small_hub()


def _with_consent_twice(format: str) -> str:
    """The small hub with the fourth person's consent given twice (``excluded``, then named)."""
    data = json.loads(dumps(small_hub()))
    person = data["people"][3]
    assert "consent" in person
    if format == "json":
        text = json.dumps(data, indent=1)
        key = f'"id": "{person["id"]}",'
        return text.replace(key, key + ' "consent": "excluded",', 1)
    text = dumps(small_hub(), "yaml")
    key = f"- id: {person['id']}\n"
    return text.replace(key, key + "  consent: excluded\n", 1)


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_keys_given_twice_are_reported_with_their_path(format: Format) -> None:
    person = small_hub().people[3]
    text = _with_consent_twice(format)
    with pytest.raises(FileFormatError) as caught:
        loads(text, format, source=f"hub.{format}")
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert (problem.kind, problem.record, problem.field) == ("person", person.id, "consent")
    assert "key 'consent' is given more than once (people[3].consent" in problem.message
    if format == "yaml":
        assert re.search(r"line \d+, column \d+\)", problem.message)


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_keys_given_twice_are_reported_with_the_other_problems(format: Format) -> None:
    text = '{"name": "A", "name": "B", "peeple": []}'
    with pytest.raises(FileFormatError) as caught:
        loads(text, format)
    assert [(p.kind, p.field) for p in caught.value.problems] == [
        ("hub", "name"),
        ("hub", "peeple"),
    ]


def test_keys_given_twice_in_a_hub_that_does_not_fit_together() -> None:
    text = '{"name": "A", "name": "B", "participations": [{"id": "pa", "session": "s", '
    text += '"person": "p"}]}'
    with pytest.raises(FileFormatError) as caught:
        loads(text)
    assert [(p.record, p.field) for p in caught.value.problems] == [
        (None, "name"),
        ("pa", "session"),
        ("pa", "person"),
    ]


def test_yaml_merge_keys_are_not_keys_given_twice() -> None:
    text = "people:\n- &ana {id: p-1, name: Ana}\n- <<: *ana\n  id: p-2\n"
    assert [p.name for p in loads(text, "yaml").people] == ["Ana", "Ana"]


# -- issue 9, item 14: input that crashed the loader -------------------------------------------


@pytest.mark.parametrize("format", ["json", "yaml"])
@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
def test_deep_nesting_is_a_file_format_error(format: Format, depth: int) -> None:
    for text in (
        "[" * depth + "]" * depth,
        '{"people": [{"id": "p", "name": "A", "tags": ' + "[" * depth + "]" * depth + "}]}",
    ):
        with pytest.raises(FileFormatError) as caught:
            loads(text, format, source="deep")
        assert caught.value.path == "deep"
        if depth > 1_000:
            assert "nested too deeply" in str(caught.value)


def test_deep_nesting_names_its_place_in_json() -> None:
    with pytest.raises(FileFormatError, match=r"nested too deeply \(at line 1, column \d+\)"):
        loads("[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_an_integer_too_long_for_python_is_a_file_format_error(format: Format) -> None:
    digits = "7" * (sys.get_int_max_str_digits() + 1)
    for text in (
        '{"name": ' + digits + "}",
        '{"people": [{"id": "p", "name": "A", "attributes": {"n": ' + digits + "}}]}",
    ):
        with pytest.raises(FileFormatError, match=r"line 1,? column \d+"):
            loads(text, format)


def test_yaml_aliases_that_expand_beyond_reason_are_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(FileFormatError, match="aliases expand"):
        loads("\n".join(lines), "yaml")
    shared = (
        "people:\n- &ana {id: p-1, name: Ana, tags: &t [a, b]}\n- {id: p-2, name: Ben, tags: *t}"
    )
    assert loads(shared, "yaml").people[1].tags == ("a", "b")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "hub.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFileError, match="not a regular file") as caught:
        load(link)
    assert isinstance(caught.value, FileFormatError)
    assert caught.value.path == str(link)


def test_a_file_over_max_bytes_is_refused(tmp_path: Path) -> None:
    path = save(small_hub(), tmp_path / "hub.json")
    size = path.stat().st_size
    with pytest.raises(UnreadableFileError, match=f"larger than {size - 1:,} bytes"):
        load(path, max_bytes=size - 1)
    assert load(path, max_bytes=size) == small_hub()
    assert load(path, max_bytes=None) == small_hub()
    assert coinnovation.io.MAX_BYTES == 2**30


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_read_up_to_max_bytes(tmp_path: Path) -> None:
    fifo = tmp_path / "hub.json"
    os.mkfifo(fifo)
    content = dumps(small_hub()).encode("utf-8")

    def feed(extra: bytes) -> threading.Thread:
        def write() -> None:
            with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
                stream.write(content + extra)

        thread = threading.Thread(target=write)
        thread.start()
        return thread

    thread = feed(b"")
    assert load(fifo) == small_hub()
    thread.join()
    thread = feed(b" " * 100)
    with pytest.raises(UnreadableFileError, match="larger than"):
        load(fifo, max_bytes=len(content) + 10)
    thread.join()


# -- issue 9, item 17: malformed records do not hide the reference problems of the rest -------


def _four_problems() -> dict[str, object]:
    return {
        "schema_version": "1.1",
        "people": [{"id": "p-1", "name": "Ana"}, {"id": "p-2", "name": "Ben", "nickname": "B"}],
        "sessions": [{"id": "s-1", "name": "Day"}],
        "participations": [
            {"id": "pa-1", "session": "s-1", "person": "p-2"},  # p-2 is malformed, not missing
            {"id": "pa-2", "session": "s-9", "person": "p-1"},
            {"id": "pa-3", "session": "s-1", "person": "p-1", "hours": -1},
            {"id": "pa-4", "session": "s-1", "person": "p-8"},
        ],
    }


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_a_file_with_four_problems_reports_four(format: Format) -> None:
    data = _four_problems()
    text = (
        json.dumps(data)
        if format == "json"
        else dumps(Hub(), "yaml")
        + "\n".join(
            f"{key}: {json.dumps(value)}" for key, value in data.items() if key != "schema_version"
        )
    )
    with pytest.raises(FileFormatError) as caught:
        loads(text, format, source="four")
    assert [str(problem) for problem in caught.value.problems] == [
        "person 'p-2', field 'nickname': unknown field",
        "participation 'pa-3', field 'hours': Input should be greater than or equal to 0",
        "participation 'pa-2', field 'session': unknown session 's-9'",
        "participation 'pa-4', field 'person': unknown person 'p-8'",
    ]
    assert str(caught.value).startswith("four: 4 problems:")


def test_malformed_stages_do_not_hide_references() -> None:
    data = _four_problems()
    data["stages"] = "framing"
    data["sessions"] = [{"id": "s-1", "name": "Day", "stage": "ideation"}]
    with pytest.raises(FileFormatError) as caught:
        loads(json.dumps(data))
    fields = [(p.record, p.field) for p in caught.value.problems]
    assert fields[0] == (None, "stages")
    assert ("pa-2", "session") in fields
    assert ("s-1", "stage") not in fields  # the stages are unknown: nothing to check against


def test_a_collection_that_is_not_a_list_stops_the_reference_check() -> None:
    data = _four_problems()
    data["people"] = "Ana and Ben"
    with pytest.raises(FileFormatError) as caught:
        loads(json.dumps(data))
    assert [(p.kind, p.field) for p in caught.value.problems] == [
        ("hub", "people"),
        ("participation", "hours"),
    ]


# -- issue 9, item 18: libyaml's loader and dumper when present, with the same behaviour ------


def test_yaml_goes_through_libyaml_when_it_is_present() -> None:
    yaml = pytest.importorskip("yaml")
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml")
    assert issubclass(files._yaml_loader(), yaml.CSafeLoader)
    assert issubclass(files._yaml_dumper(), yaml.CSafeDumper)
    assert issubclass(files._yaml_loader(pure=True), yaml.SafeLoader)
    assert issubclass(files._yaml_dumper(pure=True), yaml.SafeDumper)


@pytest.fixture(params=["libyaml", "pure"])
def yaml_flavour(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Hub files read and written by libyaml, then by PyYAML's pure-Python code."""
    yaml = pytest.importorskip("yaml")
    pure = request.param == "pure"
    if not pure and not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML was built without libyaml")
    loader, dumper = files._yaml_loader(pure=pure), files._yaml_dumper(pure=pure)
    monkeypatch.setattr(files, "_yaml_loader", lambda pure=False: loader)
    monkeypatch.setattr(files, "_yaml_dumper", lambda pure=False: dumper)
    return str(request.param)


@pytest.mark.parametrize("text", ["\x85", "line\x85break", "a\u2028b", "a\u2029b", "2023-06-22"])
def test_each_yaml_flavour_keeps_text(yaml_flavour: str, text: str) -> None:
    hub = Hub(name=text).add(Person(id="p-1", name=text, attributes={"a": text}))
    assert loads(dumps(hub, "yaml"), "yaml") == hub


def test_each_yaml_flavour_round_trips_and_reports(yaml_flavour: str) -> None:
    assert loads(dumps(small_hub(), "yaml"), "yaml") == small_hub()
    with pytest.raises(FileFormatError, match=r"people\[3\]\.consent, line \d+, column \d+"):
        loads(_with_consent_twice("yaml"), "yaml")
    with pytest.raises(FileFormatError, match="nested too deeply"):
        loads("[" * 20_000 + "]" * 20_000, "yaml")
    with pytest.raises(FileFormatError, match="not valid YAML at line 3, column 1"):
        loads("people:\n  - [unclosed\n", "yaml")
    with pytest.raises(FileFormatError, match="an integer of 5000 digits"):
        loads("name: " + "1" * 5000, "yaml")


# -- issue 9, item 19: temporaries left by killed saves are cleaned on the next save ----------


def _a_finished_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _temporary(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b'{"name": "half')
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def test_a_killed_save_leaves_a_temporary_the_next_save_removes(tmp_path: Path) -> None:
    target = save(Hub(name="old"), tmp_path / "hub.json")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from coinnovation.io import files\n"
        "os.replace = lambda *args: os._exit(9)  # killed between writing and renaming\n"
        "files.atomic_write(Path(sys.argv[1]), b'{}')\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert killed.returncode == 9
    [left] = [p for p in tmp_path.iterdir() if p.name != "hub.json"]
    assert re.fullmatch(rf"\.hub\.json\.{files._host_tag()}-\d+\.[a-z0-9_]{{8}}\.tmp", left.name)
    save(Hub(name="new"), target)
    assert left.exists(), "a minute's grace: the writer may be a slow one"
    when = time.time() - 120
    os.utime(left, (when, when))
    save(Hub(name="newer"), target)
    assert [p.name for p in tmp_path.iterdir()] == ["hub.json"]
    assert load(target).name == "newer"


def test_only_stale_temporaries_of_our_own_are_removed(tmp_path: Path) -> None:
    host, gone, alive = files._host_tag(), _a_finished_pid(), os.getpid()
    minutes, hours = 120.0, 2 * 3600.0
    stale = [
        _temporary(tmp_path, f".hub.json.{host}-{gone}.abcd_123.tmp", minutes),
        _temporary(tmp_path, f".hub.json.0badc0de-{alive}.zz9_zz9z.tmp", hours),
        _temporary(tmp_path, ".hub.json.k3j4h5g6.tmp", hours),  # an earlier release's name
    ]
    kept = [
        _temporary(tmp_path, f".hub.json.{host}-{gone}.young123.tmp", 5),  # too young
        _temporary(tmp_path, f".hub.json.{host}-{alive}.alive123.tmp", minutes),  # writing
        _temporary(tmp_path, f".hub.json.0badc0de-{gone}.other123.tmp", minutes),  # elsewhere
        _temporary(tmp_path, ".hub.json.k3j4h5g6x.tmp", hours),  # not our pattern
        _temporary(tmp_path, ".hub.json.notes.tmp", hours),
        _temporary(tmp_path, ".hub.json.tmp", hours),
        _temporary(tmp_path, "hub.json.k3j4h5g6.tmp", hours),  # not hidden
        _temporary(tmp_path, ".other.json.k3j4h5g6.tmp", hours),  # another file's
        _temporary(tmp_path, f".hub.json.{host}-{gone}.abcd_123.tmp.bak", hours),
    ]
    link = tmp_path / f".hub.json.{host}-{gone}.link_123.tmp"
    link.symlink_to(kept[3])
    os.utime(link, (time.time() - hours,) * 2, follow_symlinks=False)
    save(Hub(), tmp_path / "hub.json")
    assert [path.name for path in stale if path.exists()] == []
    assert [path.name for path in kept if not path.exists()] == []
    assert link.is_symlink()


# -- the same faults in the other JSON/YAML files the library reads: register mappings --------


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_register_mappings_are_read_as_safely_as_hub_files(tmp_path: Path, suffix: str) -> None:
    from coinnovation.io import RegisterMapping

    path = tmp_path / f"mapping.{suffix}"
    for content, message in [
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('{"person": ' + "1" * 5_000 + "}", "5000 digits"),
        ('{"person": "Who", "person": "Name"}', r"key 'person' is given more than once \(person"),
    ]:
        path.write_text(content, encoding="utf-8")
        with pytest.raises(FileFormatError, match=message):
            RegisterMapping.from_file(path)
    path.write_bytes(codecs.BOM_UTF8 + b'{"person": "Who"}')
    assert RegisterMapping.from_file(path).person == ("Who",)
    if Path("/dev/zero").exists():
        path.unlink()
        path.symlink_to("/dev/zero")
        with pytest.raises(UnreadableFileError):
            RegisterMapping.from_file(path)
