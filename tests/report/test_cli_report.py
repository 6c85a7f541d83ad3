"""``coinnovation report``: files, secrets (flag, environment, beside the hub), exit statuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import coinnovation.cli.reporting
from coinnovation import load
from coinnovation.cli.commands import run
from coinnovation.privacy import SECRET_ENV, Privacy
from tests.conftest import EXAMPLE

assert coinnovation.cli.reporting.report is not None

FILE_SECRET = "the secret in the file, sixteen+"
ENV_SECRET = "the secret in the environment, 16+"


@pytest.fixture
def hub_file(tmp_path: Path) -> Path:
    target = tmp_path / "hub.json"
    shutil.copy(EXAMPLE, target)
    return target


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run(["report", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_report_passes_the_large_session_options_on(
    capsys: pytest.CaptureFixture[str], hub_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coinnovation.report.document

    seen: dict[str, object] = {}

    def write_report(hub: object, folder: str, **options: object) -> None:
        seen.update(options)
        raise SystemExit(0)

    monkeypatch.setattr(coinnovation.report.document, "write_report", write_report)
    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    options = ("--max-session-size", "12", "--oversize", "downweight")
    _report(capsys, str(hub_file), "-o", str(hub_file.parent / "out"), *options)
    assert seen["max_session_size"] == 12
    assert seen["oversize"] == "downweight"


def _pseudonym_in(page: Path, secret: str) -> bool:
    name = Privacy(load(EXAMPLE), secret).name("p-002")
    assert name is not None
    return name in page.read_text(encoding="utf-8")


def test_report_with_a_secret_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hub_file: Path
) -> None:
    secret = tmp_path / "kept-elsewhere.secret"
    secret.write_text(FILE_SECRET, encoding="utf-8")
    out_dir = tmp_path / "out"
    status, out, err = _report(
        capsys,
        str(hub_file),
        "-o",
        str(out_dir),
        "--secret-file",
        str(secret),
        "--kind",
        "table",
        "--level",
        "person",
        "--title",
        "Walsall <2023>",
    )
    assert status == 0, err
    assert out == f"{out_dir / 'index.html'}\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["index.html", "network.png", "report.md"]
    page = out_dir / "index.html"
    assert "<h1>Walsall &lt;2023&gt;</h1>" in page.read_text(encoding="utf-8")
    assert _pseudonym_in(page, FILE_SECRET)
    assert not (tmp_path / "hub.json.secret").exists()


def test_the_flag_beats_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    hub_file: Path,
) -> None:
    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    secret = tmp_path / "s"
    secret.write_text(FILE_SECRET, encoding="utf-8")
    status, _, _ = _report(
        capsys,
        str(hub_file),
        "-o",
        str(tmp_path / "a"),
        "--secret-file",
        str(secret),
        "--level",
        "person",
    )
    assert status == 0
    assert _pseudonym_in(tmp_path / "a" / "index.html", FILE_SECRET)
    status, _, err = _report(capsys, str(hub_file), "-o", str(tmp_path / "b"), "--level", "person")
    assert status == 0
    assert err == ""
    assert _pseudonym_in(tmp_path / "b" / "index.html", ENV_SECRET)
    assert not (tmp_path / "hub.json.secret").exists()


def test_secret_made_beside_the_hub(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    hub_file: Path,
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    status, _, err = _report(capsys, str(hub_file), "-o", str(tmp_path / "out"))
    made = tmp_path / "hub.json.secret"
    assert status == 0
    assert made.exists()
    assert f"created {made}" in err
    assert made.stat().st_mode & 0o077 == 0
    first = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    status, _, err = _report(capsys, str(hub_file), "-o", str(tmp_path / "again"))
    assert status == 0
    assert err == ""
    again = (tmp_path / "again" / "report.md").read_text(encoding="utf-8")
    assert first.splitlines()[4:] == again.splitlines()[4:]
    assert made.name not in first
    assert not (tmp_path / "out" / made.name).exists()


def test_missing_secret_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = _report(
        capsys, str(EXAMPLE), "-o", str(tmp_path / "out"), "--secret-file", str(tmp_path / "nope")
    )
    assert status == 2
    assert out == ""
    assert "no such secret file" in err
    assert not (tmp_path / "out").exists()


def test_short_secret_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    secret = tmp_path / "short"
    secret.write_text("too short", encoding="utf-8")
    status, _, err = _report(
        capsys, str(EXAMPLE), "-o", str(tmp_path / "out"), "--secret-file", str(secret)
    )
    assert status == 2
    assert "at least 16 bytes" in err


def test_invalid_and_unreadable_hubs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"people": [{"id": "p", "name": "P", "consent": "maybe"}]}', "utf-8")
    status, _, _ = _report(capsys, str(broken), "-o", str(tmp_path / "out"))
    assert status == 1
    status, _, _ = _report(capsys, str(tmp_path / "absent.json"), "-o", str(tmp_path / "out"))
    assert status == 2


def test_output_that_is_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    status, _, err = _report(capsys, str(EXAMPLE), "-o", str(blocker / "out"))
    assert status == 2
    assert str(blocker / "out") in err


def test_missing_matplotlib(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    status, _, err = _report(capsys, str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert status == 2
    assert "pip install 'coinnovation[viz]'" in err


def test_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _report(capsys, "--help")
    assert status == 0
    for option in ("--output", "--secret-file", "--kind", "--level", "--title", "--weight"):
        assert option in out


def test_progress_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setenv(SECRET_ENV, ENV_SECRET)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    seen: list[object] = []
    real = coinnovation.cli.reporting._progress_bar

    def spy() -> object:
        manager = real()
        seen.append(manager)
        return manager

    monkeypatch.setattr(coinnovation.cli.reporting, "_progress_bar", spy)
    status, out, _ = _report(capsys, str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert status == 0
    assert out == f"{tmp_path / 'out' / 'index.html'}\n"
    assert len(seen) == 1


def test_progress_bar_is_a_rich_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from rich.progress import Progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with coinnovation.cli.reporting._progress_bar() as bar:
        assert isinstance(bar, Progress)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with coinnovation.cli.reporting._progress_bar() as bar:
        assert bar is None
