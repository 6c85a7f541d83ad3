"""The ``import`` command: a register into a hub file, with its exit statuses."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import coinnovation.cli.importing  # noqa: F401 - registers the command
from coinnovation import load, save
from coinnovation.cli import main
from coinnovation.models import Hub, Organisation, Person

ROOT = Path(__file__).resolve().parents[2]
DAVIS_SIGN_IN = ROOT / "docs" / "data" / "davis_sign_in.csv"

GOOD = (
    "Name,Organisation,Session,Date,Role\r\n"
    "Dr Ana Silva,Walsall Housing Group,Workshop 1,22/06/2023,facilitator\r\n"
    "Ben Okafor,Acme Health,Workshop 1,22/06/2023,presenter\r\n"
    "Ana Smith,Walsall Housing Grp,Workshop 1,22/06/2023,\r\n"
)
BAD = (
    "Name,Session,Date,Role\r\n"
    "Ana Silva,Workshop 1,22/06/2023,\r\n"
    ",Workshop 1,22/06/2023,\r\n"
    "Ben Okafor,Workshop 1,06/22/2023,chair\r\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "sign-in.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_import_creates_the_hub_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    target = tmp_path / "hub.json"
    status, out, err = run(capsys, "import", str(good), "--into", str(target))
    assert (status, err) == (0, "")
    hub = load(target)
    assert [p.id for p in hub.people] == ["p-ana-silva", "p-ben-okafor", "p-ana-smith"]
    assert len(hub.organisations) == 3
    assert len(hub.participations) == 3
    lines = out.splitlines()
    assert lines[:3] == [
        f"{good}: 3 rows read, 3 imported, 0 skipped",
        "added: 3 people, 3 organisations, 3 memberships, 1 session, 3 participations",
        "reused: nothing",
    ]
    assert "near-duplicates, kept apart (merge them by hand if they are the same):" in lines
    assert lines[-1] == f"wrote {target}"


def test_import_adds_to_an_existing_yaml_hub(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    target = save(
        Hub(
            name="Walsall",
            organisations=(
                Organisation(id="o-whg", name="Walsall Housing Group", sector="community"),
            ),
            people=(Person(id="p-ana", name="Ana Silva"),),
        ),
        tmp_path / "hub.yaml",
    )
    status, out, _ = run(capsys, "import", str(good), "--into", str(target))
    assert status == 0
    assert "reused: 1 person, 1 organisation" in out
    hub = load(target)
    assert hub.name == "Walsall"
    assert [p.id for p in hub.people] == ["p-ana", "p-ben-okafor", "p-ana-smith"]
    assert hub.organisation("o-whg").sector == "community"
    # Importing again changes nothing.
    before = target.read_bytes()
    status, out, _ = run(capsys, "import", str(good), "--into", str(target))
    assert status == 0
    assert "added: nothing" in out
    assert target.read_bytes() == before


def test_bad_register_exits_1_lists_rows_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: Path
) -> None:
    existing = save(Hub(name="kept"), tmp_path / "hub.json")
    before = existing.read_bytes()
    missing = tmp_path / "new.json"
    for target in (existing, missing):
        status, out, err = run(capsys, "import", str(bad), "--into", str(target))
        assert (status, out) == (1, "")
        assert f'{bad}, row 3, column "Name": empty person name' in err
        assert f'{bad}, row 4, column "Date": unparseable date' in err
        assert f'{bad}, row 4, column "Role": unknown role' in err
        assert err.rstrip().endswith("nothing imported: fix these rows, or pass --skip-bad-rows")
    assert existing.read_bytes() == before
    assert not missing.exists()


def test_skip_bad_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: Path) -> None:
    target = tmp_path / "hub.json"
    status, out, _ = run(capsys, "import", str(bad), "--into", str(target), "--skip-bad-rows")
    assert status == 0
    assert f"{bad}: 3 rows read, 1 imported, 2 skipped" in out
    assert 'row 3: column "Name": empty person name' in out
    assert [p.name for p in load(target).people] == ["Ana Silva"]


def test_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    target = tmp_path / "hub.json"
    status, out, _ = run(capsys, "import", str(good), "--into", str(target), "--dry-run")
    assert status == 0
    assert out.splitlines()[-1] == f"dry run: {target} not written"
    assert not target.exists()


def test_json_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, bad: Path
) -> None:
    target = tmp_path / "hub.json"
    status, out, _ = run(capsys, "import", str(good), "--into", str(target), "--json")
    assert status == 0
    report = json.loads(out)
    assert (report["ok"], report["rows"], report["written"]) == (True, 3, str(target))
    assert report["added"]["session"] == ["s-2023-06-22-workshop-1"]
    assert [(group["ids"], group["alike"]) for group in report["name_groups"]] == [
        (
            ["o-walsall-housing-group"],
            [
                {
                    "key": "walsall housing grp",
                    "name": "Walsall Housing Grp",
                    "similarity": 0.95,
                    "reason": "similar spelling",
                }
            ],
        ),
        (["o-walsall-housing-grp"], []),
    ]
    status, out, _ = run(capsys, "import", str(bad), "--into", str(target), "--json")
    assert status == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "Name"),
        (4, "Date"),
        (4, "Role"),
    ]


def test_mapping_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    register = tmp_path / "r.csv"
    register.write_text("Who,Table,When\r\nAna,Table 1,2023-06-22\r\n", encoding="utf-8")
    target = tmp_path / "hub.json"
    for name, text in (
        ("m.json", '{"person": "Who", "session": "Table", "date": "When"}'),
        ("m.yaml", "person: Who\nsession: [Table]\ndate: When\n"),
    ):
        mapping = tmp_path / name
        mapping.write_text(text, encoding="utf-8")
        status, _, err = run(
            capsys,
            "import",
            str(register),
            "--into",
            str(target),
            "--mapping",
            str(mapping),
            "--session-kind",
            "table",
            "--dry-run",
        )
        assert (status, err) == (0, "")
    (tmp_path / "wrong.json").write_text('{"persn": "Who"}', encoding="utf-8")
    status, _, err = run(
        capsys,
        "import",
        str(register),
        "--into",
        str(target),
        "--mapping",
        str(tmp_path / "wrong.json"),
    )
    assert status == 2
    assert "field 'persn': unknown field" in err
    status, _, err = run(
        capsys,
        "import",
        str(register),
        "--into",
        str(target),
        "--mapping",
        str(tmp_path / "none.json"),
    )
    assert status == 2
    assert "No such file" in err


def test_excel_sheet_and_time_zone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cover"
    register = book.create_sheet("Sign-in")
    register.append(["Name", "Session", "Date"])
    register.append(["Ana Silva", "Launch", datetime(2023, 6, 22, 18, 30)])
    path = tmp_path / "r.xlsx"
    book.save(path)
    target = tmp_path / "hub.json"
    status, _, err = run(
        capsys,
        "import",
        str(path),
        "--into",
        str(target),
        "--sheet",
        "Sign-in",
        "--timezone",
        "Europe/Paris",
    )
    assert (status, err) == (0, "")
    (session,) = load(target).sessions
    assert session.start is not None
    assert session.start.isoformat() == "2023-06-22T18:30:00+02:00"
    status, _, err = run(capsys, "import", str(path), "--into", str(target), "--sheet", "No")
    assert status == 1
    assert "no sheet 'No'; the workbook has 'Cover', 'Sign-in'" in err


def test_davis_through_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "davis.json"
    status, out, _ = run(capsys, "import", str(DAVIS_SIGN_IN), "--into", str(target))
    assert status == 0
    assert "added: 18 people, 14 sessions, 89 participations" in out
    hub = load(target)
    assert (len(hub.people), len(hub.sessions), len(hub.participations)) == (18, 14, 89)


def test_usage_errors_and_unreadable_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tmp_path / "hub.json")
    cases = [
        (["import", str(tmp_path / "none.csv"), "--into", target], "No such file"),
        (["import", str(good)], "Missing option '--into'"),
        (["import", str(good), "--into", str(tmp_path / "hub.txt")], "unsupported file type"),
        (["import", str(good), "--into", target, "--timezone", "Mars/Base"], "unknown time zone"),
        (["import", str(good), "--into", target, "--encoding", "nope"], "unknown encoding"),
        (["import", str(good), "--into", str(tmp_path / "no" / "hub.json")], "no folder"),
    ]
    for args, message in cases:
        status, _, err = run(capsys, *args)
        assert status == 2, args
        assert message in err, (args, err)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    workbook = tmp_path / "r.xlsx"
    workbook.write_bytes(b"PK")
    status, _, err = run(capsys, "import", str(workbook), "--into", target)
    assert status == 2
    assert "pip install 'coinnovation[excel]'" in err


def test_invalid_target_hub_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path
) -> None:
    target = tmp_path / "hub.json"
    target.write_text('{"people": [{"id": "p-1"}]}', encoding="utf-8")
    status, _, err = run(capsys, "import", str(good), "--into", str(target))
    assert status == 1
    assert "person 'p-1', field 'name': required field is missing" in err
    assert target.read_text(encoding="utf-8") == '{"people": [{"id": "p-1"}]}'


def test_import_into_a_sql_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coinnovation.io.store import Store

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    status = main(["import", str(DAVIS_SIGN_IN), "--into", url])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"wrote {url}" in out
    with Store(url) as store:
        hub = store.load()
    assert (len(hub.people), len(hub.sessions), len(hub.participations)) == (18, 14, 89)
    # Importing the same sheet again adds nothing; a dry run writes nothing.
    assert main(["import", str(DAVIS_SIGN_IN), "--into", url]) == 0
    assert (
        main(
            [
                "import",
                str(DAVIS_SIGN_IN),
                "--into",
                f"sqlite:///{tmp_path / 'dry.db'}",
                "--dry-run",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert not (tmp_path / "dry.db").exists()
    with Store(url) as store:
        assert store.load() == hub
