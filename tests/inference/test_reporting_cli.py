"""``coinnovation heart`` and ``coinnovation report`` with --permutations and --resamples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coinnovation import load
from coinnovation.cli import main
from coinnovation.heart import heart_report
from coinnovation.inference import heart_report_tested
from tests.conftest import EXAMPLE


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")


def heart(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["heart", str(EXAMPLE), "--kind", "table", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_heart_prints_the_p_values_and_intervals(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = heart(capsys, "--permutations", "49", "--resamples", "4", "--seed", "2")
    assert status == 0
    report = heart_report_tested(load(EXAMPLE), kind="table", permutations=49, resamples=4, seed=2)
    for name in ("centrality", "brokerage"):
        significance = report[name].significance
        assert significance is not None
        assert f"Chance: {significance.summary}" in out
    interval = report["voice"].interval
    assert interval is not None
    assert f"Uncertainty: {interval.summary}" in out


def test_heart_json_holds_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = heart(capsys, "--permutations", "19", "--seed", "5", "--json")
    assert status == 0
    data = json.loads(out)
    report = heart_report_tested(load(EXAMPLE), kind="table", permutations=19, seed=5)
    first = data["indicators"][0]
    assert first["significance"]["p_value"] == report["centrality"].significance.p_value  # type: ignore[union-attr]
    assert "interval" not in first
    assert data["options"]["permutations"] == 19


def test_heart_without_them_is_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = heart(capsys)
    assert status == 0
    assert "Chance:" not in out
    assert out.rstrip("\n") == heart_report(load(EXAMPLE), kind="table").explain(brief=True)


@pytest.mark.parametrize(
    "args",
    [
        ("--permutations", "0"),
        ("--permutations", "many"),
        ("--resamples", "-1"),
        ("--seed", "-3"),
    ],
)
def test_heart_checks_the_options_when_read(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status, _, err = heart(capsys, *args)
    assert status == 2
    assert args[0] in err


def test_report_with_tests_writes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    status = main(
        [
            "report",
            str(EXAMPLE),
            "-o",
            str(out),
            "--kind",
            "table",
            "--permutations",
            "19",
            "--resamples",
            "3",
            "--seed",
            "1",
        ]
    )
    assert status == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    report = heart_report_tested(load(EXAMPLE), kind="table", permutations=19, resamples=3, seed=1)
    summary = report["brokerage"].significance.summary  # type: ignore[union-attr]
    assert summary in page
    assert summary in markdown
    assert page.count('<svg class="null"') == 2
    assert "strength 95 % interval" in page


@pytest.mark.parametrize("args", [("--permutations", "0"), ("--resamples", "x")])
def test_report_checks_the_options_when_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status = main(["report", str(EXAMPLE), "-o", str(tmp_path / "out"), *args])
    assert status == 2
    assert args[0] in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_resamples_of_sessions_with_subsessions_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["heart", str(EXAMPLE), "--resamples", "3"]) == 2
    assert "--resamples" in capsys.readouterr().err
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "out"), "--resamples", "3"]) == 2
    assert "kind='table'" in capsys.readouterr().err
