"""``coinnovation import FILE --preset zoom|teams|eventbrite|forms``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import coinnovation.cli.importing  # noqa: F401 - registers the command
from coinnovation import load
from coinnovation.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "registers" / "presets"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("preset", "file", "people", "participations"),
    [
        ("zoom", "zoom-participants.csv", 6, 6),
        ("teams", "teams-attendance.csv", 5, 5),
        ("eventbrite", "eventbrite-attendees.csv", 5, 7),
        ("forms", "forms-sign-in.csv", 5, 6),
    ],
)
def test_each_preset_imports_its_sample(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    preset: str,
    file: str,
    people: int,
    participations: int,
) -> None:
    target = tmp_path / "hub.json"
    status, out, _ = run(
        capsys, "import", str(SAMPLES / file), "--preset", preset, "--into", str(target)
    )
    assert status == 0, out
    hub = load(target)
    assert (len(hub.people), len(hub.participations)) == (people, participations)


def test_all_four_into_one_hub(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "hub.json"
    for preset, file in [
        ("zoom", "zoom-participants.csv"),
        ("teams", "teams-attendance.csv"),
        ("eventbrite", "eventbrite-attendees.csv"),
        ("forms", "forms-sign-in.csv"),
    ]:
        status, _, err = run(
            capsys, "import", str(SAMPLES / file), "--preset", preset, "--into", str(target)
        )
        assert status == 0, err
    # 6 + 4 + 4 + 4 people (Amara matched by her email each time); 6 + 5 + 7 + 6.
    hub = load(target)
    assert (len(hub.people), len(hub.participations)) == (18, 24)


def test_a_file_of_another_preset_exits_1_naming_row_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "hub.json"
    status, _, err = run(
        capsys,
        "import",
        str(SAMPLES / "zoom-participants.csv"),
        "--preset",
        "teams",
        "--into",
        str(target),
    )
    assert status == 1
    assert 'row 4, column "Name (Original Name)": not a Microsoft Teams attendance report' in err
    assert "(--preset zoom)" in err
    assert not target.exists()


def test_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "hub.json"
    status, out, _ = run(
        capsys,
        "import",
        str(SAMPLES / "eventbrite-attendees.csv"),
        "--preset",
        "eventbrite",
        "--into",
        str(target),
        "--json",
        "--dry-run",
    )
    assert status == 0
    report = json.loads(out)
    assert [row["row"] for row in report["skipped"]] == [4, 7, 11]
    assert not target.exists()


def test_session_and_day_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "hub.json"
    status, _, err = run(
        capsys,
        "import",
        str(SAMPLES / "teams-attendance.csv"),
        "--preset",
        "teams",
        "--session",
        "Steering group 3",
        "--day",
        "2023-07-14",
        "--into",
        str(target),
    )
    assert status == 0, err
    (session,) = load(target).sessions
    assert session.name == "Steering group 3"
    assert session.start is not None
    assert session.start.date().isoformat() == "2023-07-14"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--session", "S"], "--session go with --preset"),
        (["--preset", "zoom", "--mapping", "m.json"], "not both"),
        (["--preset", "webex"], "Invalid value for '--preset'"),
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "m.json").write_text('{"person": "Who"}')
    status, _, err = run(
        capsys,
        "import",
        str(SAMPLES / "zoom-participants.csv"),
        "--into",
        str(tmp_path / "hub.json"),
        *[str(tmp_path / a) if a == "m.json" else a for a in args],
    )
    assert status == 2
    assert message in err
