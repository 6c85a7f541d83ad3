"""One place words the command's errors: each kind once, naming its file once, right status.

Issue 9, item 23: ``Error: net.dot: net.dot: ...`` printed the path twice.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import coinnovation.cli.commands as commands
from coinnovation.cli import main
from coinnovation.cli._errors import CommandError, describe, exit_status, failure
from coinnovation.errors import (
    FileFormatError,
    HubIntegrityError,
    IllegalTransitionError,
    InvalidAgreementError,
    MissingAttributeError,
    MissingDependencyError,
    Problem,
    ProjectionTooLargeError,
    SchemaVersionError,
    UnknownReferenceError,
)
from coinnovation.io.registers import RegisterError, RowProblem
from coinnovation.io.store import StoreBusyError, StoreError
from coinnovation.privacy import SECRET_ENV, PrivacyError
from tests.conftest import EXAMPLE

DAVIS = Path(__file__).resolve().parents[2] / "docs" / "data" / "davis_sign_in.csv"


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(EXAMPLE, tmp_path / "h.json")
    (tmp_path / "bad.json").write_text('{"people": [{"id": "p-1", "name": "A", "x": 1}]}')
    (tmp_path / "broken.json").write_text('{"sessions": [{"id": "s", "name": "S", "parent": "x"}]}')
    (tmp_path / "notdb.db").write_text("not a database\n")
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "short.secret").write_text("short")
    (tmp_path / "bad.csv").write_text("Name,Session,Date\n,Launch,22/06/2023\n")


def _no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)


# (the arguments, the file the message must name once, the exit status, a phrase it says)
CASES: list[tuple[str, list[str], str, int, str]] = [
    ("file-format", ["summary", "bad.json"], "bad.json", 1, "unknown field"),
    ("integrity", ["summary", "broken.json"], "broken.json", 1, "unknown session 'x'"),
    ("missing-file", ["summary", "none.json"], "none.json", 2, "No such file"),
    ("unknown-record", ["share", "h.json", "ag-404"], "h.json", 1, "no agreement"),
    ("agreement", ["share", "h.json", "ag-01", "--currency", "EUR"], "h.json", 1, "GBP"),
    ("unknown-challenge", ["lineage", "h.json", "ch-404"], "h.json", 1, "no challenge"),
    ("store-url", ["summary", "sqlite:///notdb.db"], "notdb.db", 2, "not a database"),
    ("store-path", ["store", "load", "notdb.db"], "notdb.db", 2, "not a database"),
    ("no-store", ["store", "info", "sqlite:///none.db"], "none.db", 2, "no SQLite database"),
    (
        "secret",
        ["metrics", "h.json", "--level", "person", "--secret-file", "short.secret"],
        "short.secret",
        2,
        "at least 16 bytes",
    ),
    ("register", ["import", "bad.csv", "--into", "new.json"], "bad.csv", 1, "1 problem"),
    ("output-folder", ["metrics", "h.json", "-o", "h.json/m.csv"], "h.json", 2, "no folder"),
    ("output-is-folder", ["network", "h.json", "-o", "a-folder"], "a-folder", 2, "is a directory"),
    ("suffix", ["network", "h.json", "-o", "net.dot"], "net.dot", 2, "'.dot'"),
    (
        "extra",
        ["export", "h.json", "--what", "organisations", "-o", "o.xlsx"],
        "o.xlsx",
        2,
        "pip install 'coinnovation[excel]'",
    ),
]


@pytest.mark.parametrize(
    ("args", "place", "status", "says"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_error_is_one_message_naming_its_file_once(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    place: str,
    status: int,
    says: str,
) -> None:
    if args[-1].endswith(".xlsx"):
        _no_openpyxl(monkeypatch)
    assert main(args) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("Error:")]
    message = err[err.index("Error:") :]
    assert says in message
    assert line.count(place) <= 1, line
    assert place in message


@pytest.mark.parametrize(
    "error",
    [
        IllegalTransitionError("challenge", "ch-1", "stage", "framing", "adoption", "no"),
        ProjectionTooLargeError(10, 5, [("s-1", 5)]),
        MissingAttributeError("sector", ["o-1"]),
        InvalidAgreementError([Problem("agreement", "ag-1", "costs", "no money")]),
        UnknownReferenceError("person", "p-9"),
        HubIntegrityError([Problem("session", "s-1", "parent", "unknown session 's-0'")]),
        SchemaVersionError("h.json", [Problem("file", None, None, "schema 9.0")]),
        MissingDependencyError("yaml", "yaml", "reading YAML files"),
        PrivacyError("a secret needs at least 16 bytes"),
        StoreError("sqlite:////srv/h.json: file is not a database"),
        StoreBusyError("sqlite:////srv/h.json: another writer held the store"),
        FileNotFoundError(2, "No such file or directory", "/srv/.h.json.tmp"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_an_error_no_command_words_is_still_one_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def fail(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(commands, "summarise", fail)
    status = main(["summary", "h.json"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("Error: ")
    assert status == exit_status(error)
    expected = 2 if isinstance(error, OSError | RuntimeError | ImportError | PrivacyError) else 1
    assert status == expected


@pytest.mark.parametrize(
    ("error", "place", "message"),
    [
        (
            FileFormatError("net.dot", [Problem("file", None, None, "unsupported")]),
            "net.dot",
            "net.dot: 1 problem:\n  - file: unsupported",
        ),
        (
            RegisterError("r.csv", [RowProblem("r.csv", 2, "Name", "empty name")]),
            "r.csv",
            'r.csv: 1 problem:\n  - r.csv, row 2, column "Name": empty name',
        ),
        (
            UnknownReferenceError("challenge", "ch-9"),
            "h.json",
            "h.json: no challenge with id 'ch-9'",
        ),
        ("h.json: already named", "h.json", "h.json: already named"),
        (
            StoreError("sqlite:////srv/hub.db: file is not a database"),
            "sqlite:///hub.db",
            "sqlite:////srv/hub.db: file is not a database",
        ),
        (
            OSError(13, "Permission denied", "/srv/.out.csv.x.tmp"),
            "out.csv",
            "out.csv: Permission denied",
        ),
        (
            OSError(2, "No such file or directory", "in.json"),
            None,
            "in.json: No such file or directory",
        ),
    ],
)
def test_describe_names_the_place_once(
    error: BaseException | str, place: str | None, message: str
) -> None:
    assert describe(error, place) == message


def test_describe_knows_a_store_by_its_absolute_database(tmp_path: Path) -> None:
    error = StoreError(f"no SQLite database at {tmp_path / 'hub.db'}")
    assert describe(error, "sqlite:///hub.db") == str(error)


def test_failure_picks_the_status() -> None:
    cases: list[tuple[BaseException | str, int]] = [
        ("bad option", 2),
        (UnknownReferenceError("person", "p-1"), 1),
        (StoreError("busy"), 2),
        (PermissionError(13, "Permission denied"), 2),
    ]
    for error, status in cases:
        made = failure(error, "h.json")
        assert isinstance(made, CommandError)
        assert made.exit_code == status


def test_json_outputs_stay_parseable_when_an_error_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--json", "bad.json"]) == 1
    out = capsys.readouterr().out
    assert json.loads(out)[0]["valid"] is False


def test_every_error_path_goes_through_one_formatter() -> None:
    """No command builds its own ``f"{path}: {error}"``: the formatter does, once."""
    root = Path(commands.__file__).parent
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(root.glob("*.py"))
        if path.name != "_errors.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ': {error}"' in line or "strerror" in line
    ]
    assert offenders == []
