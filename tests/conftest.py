"""Test configuration: hypothesis profiles and shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
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
