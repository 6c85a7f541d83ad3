"""``coinnovation export``: tables for a spreadsheet, the hub's secret, exit statuses."""

from __future__ import annotations

import csv
import stat
import sys
from pathlib import Path

import openpyxl
import pytest

import coinnovation.cli.exporting  # noqa: F401  (registers the command)
from coinnovation import load, save
from coinnovation.cli import main
from coinnovation.models import Hub, Participation, Person, Session
from coinnovation.privacy import SECRET_ENV, Privacy
from tests.conftest import EXAMPLE

SECRET = "a secret of sixteen+ characters"


@pytest.fixture(autouse=True)
def _no_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


@pytest.fixture
def hub_file(tmp_path: Path) -> Path:
    hub = Hub(
        people=(
            Person(id="p-ana", name="Ana Silva", consent="named"),
            Person(id="p-ben", name="=Ben Okafor"),
            Person(id="p-cy", name="Cy Ward", consent="excluded"),
        ),
        sessions=(Session(id="s-1", name="Table 1", kind="table"),),
        participations=tuple(
            Participation(id=f"pa-{i}", session="s-1", person=person)
            for i, person in enumerate(("p-ana", "p-ben", "p-cy"))
        ),
    )
    return save(hub, tmp_path / "hub.json")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_people_with_a_secret_made_beside_the_hub(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "people.csv"
    status, out, err = run(capsys, "export", str(hub_file), "--what", "people", "-o", str(output))
    assert status == 0, err
    assert out == f"wrote {output}: 2 rows of people\n"
    secret = Path(f"{hub_file}.secret")
    assert f"created {secret}" in err
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    rows = read_csv(output)
    text = output.read_text(encoding="utf-8-sig")
    assert "Ben Okafor" not in text
    assert "Cy Ward" not in text
    assert "p-ben" not in text
    names = sorted(row["name"] for row in rows)
    assert names[0] == "Ana Silva"
    assert names[1].startswith("Person ")
    # The second export reuses the secret: same pseudonyms, no note.
    again = tmp_path / "again.csv"
    status, _, err = run(capsys, "export", str(hub_file), "--what", "people", "-o", str(again))
    assert status == 0
    assert "created" not in err
    assert read_csv(again) == rows


def test_participations_keep_every_row(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "participations.csv"
    status, out, _ = run(
        capsys, "export", str(hub_file), "--what", "participations", "-o", str(output)
    )
    assert status == 0
    assert "3 rows" in out
    rows = read_csv(output)
    assert sorted(row["person_excluded"] for row in rows) == ["false", "false", "true"]


def test_secret_from_the_environment_creates_no_file(
    capsys: pytest.CaptureFixture[str],
    hub_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    output = tmp_path / "people.csv"
    status, _, err = run(capsys, "export", str(hub_file), "--what", "people", "-o", str(output))
    assert status == 0
    assert err == ""
    assert not Path(f"{hub_file}.secret").exists()
    ben = Privacy(load(hub_file), SECRET).name("p-ben")
    assert ben in {row["id"] for row in read_csv(output)}


def test_secret_file(capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path) -> None:
    secret_file = tmp_path / "elsewhere.secret"
    secret_file.write_text("another secret of sixteen+ chars\n", encoding="utf-8")
    output = tmp_path / "people.csv"
    args = ("export", str(hub_file), "--what", "people", "-o", str(output))
    status, _, err = run(capsys, *args, "--secret-file", str(secret_file))
    assert status == 0
    assert err == ""
    assert not Path(f"{hub_file}.secret").exists()
    ben = Privacy(load(hub_file), "another secret of sixteen+ chars").name("p-ben")
    assert ben in {row["id"] for row in read_csv(output)}
    # A --secret-file that does not exist is refused, never made: a typo would otherwise
    # give every pseudonym anew.
    missing = tmp_path / "typo.secret"
    status, _, err = run(capsys, *args, "--secret-file", str(missing))
    assert status == 2
    assert "no such secret file" in err
    assert not missing.exists()


def test_organisations_need_no_secret(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "organisations.xlsx"
    status, out, _ = run(
        capsys, "export", str(EXAMPLE), "--what", "organisations", "-o", str(output)
    )
    assert status == 0
    assert "21 rows of organisations" in out
    sheet = openpyxl.load_workbook(output)["organisations"]
    assert sheet["A1"].value == "id"
    assert not Path(f"{EXAMPLE}.secret").exists()


def test_person_measures_at_the_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    output = tmp_path / "measures.csv"
    status, _, _ = run(
        capsys,
        "export",
        str(EXAMPLE),
        "--what",
        "measures",
        "--level",
        "person",
        "--kind",
        "table",
        "--weight",
        "newman",
        "-o",
        str(output),
    )
    assert status == 0
    rows = read_csv(output)
    assert rows
    assert {row["kind"] for row in rows} <= {"person", "organisation"}
    names = {person.name for person in load(EXAMPLE).people}
    assert not names & {row["name"] for row in rows}


def test_bad_suffix_and_choice_exit_2(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "export", str(hub_file), "--what", "people", "-o", str(tmp_path / "p.ods")
    )
    assert status == 2
    assert "unsupported table type '.ods': use .csv, .xlsx, .parquet or .json" in err
    status, _, err = run(
        capsys, "export", str(hub_file), "--what", "votes", "-o", str(tmp_path / "p.csv")
    )
    assert status == 2
    assert "'votes' is not one of" in err
    assert list(tmp_path.iterdir()) == [hub_file]


def test_missing_and_invalid_hubs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = str(tmp_path / "p.csv")
    status, _, err = run(
        capsys, "export", str(tmp_path / "nope.json"), "--what", "people", "-o", output
    )
    assert status == 2
    assert "No such file" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.0", "peeple": []}', encoding="utf-8")
    status, _, err = run(capsys, "export", str(broken), "--what", "people", "-o", output)
    assert status == 1
    assert "unknown field" in err
    assert not Path(output).exists()


def test_short_secret_file_exit_2(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    Path(f"{hub_file}.secret").write_text("tiny\n", encoding="utf-8")
    output = tmp_path / "people.csv"
    status, _, err = run(capsys, "export", str(hub_file), "--what", "people", "-o", str(output))
    assert status == 2
    assert "at least 16 bytes" in err
    assert not output.exists()


def test_missing_openpyxl_exit_2_with_hint(
    capsys: pytest.CaptureFixture[str],
    hub_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    output = tmp_path / "people.xlsx"
    status, _, err = run(capsys, "export", str(hub_file), "--what", "people", "-o", str(output))
    assert status == 2
    assert "pip install 'coinnovation[excel]'" in err
    assert not output.exists()
    assert not Path(f"{hub_file}.secret").exists()


def test_malformed_date_exit_2(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys,
        "export",
        str(hub_file),
        "--what",
        "measures",
        "--kind",
        "table",
        "--since",
        "2023-13-01",
        "-o",
        str(tmp_path / "m.csv"),
    )
    assert status == 2  # a malformed date is a usage error
    assert "--since" in err
