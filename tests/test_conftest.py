"""The summary of skipped tests at the end of a run (issue 9, item 24).

``make test`` on a machine without PostgreSQL or Chromium skipped 23 store tests and the
browser tests without a word; the run now ends with how many were skipped, why, and how
to run them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import ROOT, skip_summary


def skipped(reason: str) -> SimpleNamespace:
    return SimpleNamespace(skipped=True, longrepr=("t.py", 1, f"Skipped: {reason}"))


def test_skips_are_counted_by_reason_with_how_to_run_them() -> None:
    reports = [
        *[skipped("set COINNOVATION_TEST_POSTGRES_URL to test the PostgreSQL store")] * 23,
        skipped("/usr/bin/chromium is missing (apt-get install chromium)"),
        skipped("docs block not run: installs from PyPI"),
        skipped("docs block not run: needs a PostgreSQL server"),
        SimpleNamespace(skipped=False, longrepr=None),
    ]
    lines = skip_summary(reports)
    assert lines[0] == "23 skipped: set COINNOVATION_TEST_POSTGRES_URL to test the PostgreSQL store"
    assert lines[1].startswith("    to run them: set COINNOVATION_TEST_POSTGRES_URL=")
    assert ".ci/run" in lines[1]
    assert "2 skipped: docs blocks marked <!-- norun: ... --> (each says why)" in lines
    chromium = lines.index("1 skipped: /usr/bin/chromium is missing (apt-get install chromium)")
    assert "install Chromium" in lines[chromium + 1]
    assert skip_summary([]) == []


def test_a_run_ends_with_the_summary(tmp_path: Path) -> None:
    module = tmp_path / "test_sample.py"
    module.write_text(
        "import pytest\n\n"
        "def test_one():\n"
        "    pytest.skip('set COINNOVATION_TEST_POSTGRES_URL to test the PostgreSQL store')\n\n"
        "@pytest.mark.parametrize('n', [1, 2])\n"
        "def test_two(n):\n"
        "    pytest.skip('set COINNOVATION_TEST_POSTGRES_URL to test the PostgreSQL store')\n\n"
        "def test_three():\n"
        "    pass\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.conftest",
            "-p",
            "no:cacheprovider",
            str(module),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout[result.stdout.index("skipped tests, by reason") :]
    assert "3 skipped: set COINNOVATION_TEST_POSTGRES_URL" in summary
    assert "to run them:" in summary
