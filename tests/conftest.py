"""Test configuration: hypothesis profiles, shared fixtures, and a summary of skipped tests."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None)
# CI's profiles: the same examples every run, a failure printed with its blob to reproduce.
settings.register_profile(
    "ci",
    max_examples=100,
    derandomize=True,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# The runs on the other Pythons and at the dependencies' floors (`make pytest-3.12`,
# `pytest-3.13`, `pytest-floors`) look for a version that breaks the library, not for rare
# examples, which `make test` searches for with the `ci` profile: fewer examples, so that CI,
# running them side by side, stays well under 20 minutes (Hypothesis 6.100, at the floors,
# takes several times longer per example than today's).
settings.register_profile("versions", settings.get_profile("ci"), max_examples=15)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "walsall-2023" / "hub.json"


@pytest.fixture
def example_path() -> Path:
    """The bundled example hub file."""
    return EXAMPLE


#: Folders of shipped data that no test may add files to (a secret beside the example hub,
#: an export written next to its input).
_SHIPPED = (ROOT / "examples", ROOT / "docs" / "data")


@pytest.fixture(autouse=True)
def _shipped_data_left_alone() -> Iterator[None]:
    """Fail a test that leaves a new file among the shipped examples and data."""
    before = {path for folder in _SHIPPED for path in folder.rglob("*")}
    yield
    added = sorted(
        str(path.relative_to(ROOT))
        for folder in _SHIPPED
        for path in folder.rglob("*")
        if path not in before
    )
    for name in added:
        (ROOT / name).unlink(missing_ok=True)
    assert not added, f"the test left files in the checkout: {', '.join(added)}"


# -- skipped tests ---------------------------------------------------------------------------------
# A machine without PostgreSQL or Chromium skips the tests that need them. Say so at the end
# of every run, with how many and how to run them, rather than let them pass unseen.

#: For a skip reason containing the key: how to run those tests.
HOW_TO_RUN = (
    (
        "COINNOVATION_TEST_POSTGRES_URL",
        "set COINNOVATION_TEST_POSTGRES_URL=postgresql+psycopg://USER@HOST/DB (a database "
        "they may write to), or run .ci/run, which starts a throwaway PostgreSQL server",
    ),
    (
        "chromium",
        "install Chromium (apt-get install chromium) and the dev extra (playwright), or "
        "run .ci/run, which installs it",
    ),
    (
        "playwright",
        "pip install -e '.[dev]' (playwright drives the system's Chromium), or run .ci/run",
    ),
)
DOCS_NORUN = "docs block not run: "


def skip_reason(report: Any) -> str:
    """The reason a skipped test report gives, without pytest's ``Skipped: `` prefix."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return str(reason).removeprefix("Skipped: ")


def skip_summary(reports: Iterable[Any]) -> list[str]:
    """Lines counting the skipped tests by reason, each with how to run them if known.

    Blocks of the docs marked ``<!-- norun: ... -->`` count as one reason.

    Examples:
        >>> from types import SimpleNamespace
        >>> skipped = [SimpleNamespace(skipped=True, longrepr=("t.py", 1, "Skipped: no db"))]
        >>> skip_summary(skipped * 2)
        ['2 skipped: no db']
    """
    reasons: Counter[str] = Counter()
    for report in reports:
        if getattr(report, "skipped", False):
            reason = skip_reason(report)
            if reason.startswith(DOCS_NORUN):
                reason = "docs blocks marked <!-- norun: ... --> (each says why)"
            reasons[reason] += 1
    lines = []
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"{count} skipped: {reason}")
        hint = next((how for key, how in HOW_TO_RUN if key.lower() in reason.lower()), None)
        if hint is not None:
            lines.append(f"    to run them: {hint}")
    return lines


# -- extras left out of a run -----------------------------------------------------------------
# The lowest-versions run (`make pytest-floors`) cannot install the `hyper` extra beside the
# core's floors (xgi 0.10 needs SciPy 1.15), so it names it in COINNOVATION_TEST_WITHOUT and
# its tests are skipped there, with the run that does test them named; that run (`make
# pytest-floors-hyper`) names it in COINNOVATION_TEST_ONLY and runs those tests alone.
# Nowhere else is a missing extra a reason to skip: without the variables, its tests fail.

#: For each extra a run may leave out: the words in the test ids that need it, and the
#: run that tests them.
EXTRA_TESTS: dict[str, tuple[tuple[str, ...], str]] = {
    "hyper": (("hypergraph", "export-a-network.md"), "make pytest-floors-hyper"),
}


def needs_extra(nodeid: str, extras: Iterable[str]) -> str | None:
    """The extra of ``extras`` that the test ``nodeid`` needs, if any.

    Examples:
        >>> needs_extra("tests/export/test_hypergraph.py::test_hif", ["hyper"])
        'hyper'
        >>> needs_extra("tests/export/test_hypergraph.py::test_hif", []) is None
        True
        >>> needs_extra("tests/test_schema.py::test_valid", ["hyper"]) is None
        True
    """
    return next(
        (extra for extra in extras if any(word in nodeid for word in EXTRA_TESTS[extra][0])), None
    )


def _extras_named(variable: str) -> list[str]:
    """The extras a comma-separated environment variable names, each one known."""
    named = [extra for extra in os.environ.get(variable, "").split(",") if extra]
    unknown = sorted(set(named) - set(EXTRA_TESTS))
    if unknown:
        raise pytest.UsageError(
            f"{variable} names {', '.join(unknown)}; known: {', '.join(sorted(EXTRA_TESTS))}"
        )
    return named


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the tests of the extras in ``COINNOVATION_TEST_WITHOUT``; keep only those of
    ``COINNOVATION_TEST_ONLY`` (both comma-separated)."""
    only = _extras_named("COINNOVATION_TEST_ONLY")
    without = _extras_named("COINNOVATION_TEST_WITHOUT")
    if only:
        chosen = [needs_extra(item.nodeid, only) is not None for item in items]
        config.hook.pytest_deselected(
            items=[item for item, keep in zip(items, chosen, strict=True) if not keep]
        )
        items[:] = [item for item, keep in zip(items, chosen, strict=True) if keep]
    for item in items:
        extra = needs_extra(item.nodeid, without)
        if extra is not None:
            item.add_marker(
                pytest.mark.skip(
                    reason=f"the {extra!r} extra is left out of this run "
                    f"(COINNOVATION_TEST_WITHOUT); {EXTRA_TESTS[extra][1]} tests it"
                )
            )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the skipped tests by reason at the end of the run (see :func:`skip_summary`)."""
    lines = skip_summary(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.section("skipped tests, by reason (see README: Contributing)")
        for line in lines:
            terminalreporter.write_line(line)
