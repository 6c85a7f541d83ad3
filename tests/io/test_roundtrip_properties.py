"""Property tests of hub files: every generated hub survives JSON and YAML, in text and files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from coinnovation import dumps, load, loads, save
from coinnovation.io.files import Format
from coinnovation.models import Hub
from coinnovation.testing.strategies import hubs

FORMATS: tuple[Format, ...] = ("json", "yaml")


@given(hubs())
def test_every_hub_round_trips_through_json_and_yaml_text(hub: Hub) -> None:
    for format in FORMATS:
        assert loads(dumps(hub, format), format) == hub, format


# Saving flushes to disk, whose speed varies: no deadline, whatever the profile.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hubs())
def test_every_hub_round_trips_through_json_and_yaml_files(tmp_path: Path, hub: Hub) -> None:
    # The same files are written for every example: each save replaces the last one.
    for format in FORMATS:
        path = save(hub, tmp_path / f"hub.{format}")
        assert path.read_bytes() == dumps(hub, format).encode("utf-8")
        assert load(path) == hub, format


# PyYAML's pure-Python emitter writes these unescaped in single-quoted scalars and its
# reader folds them into spaces: hub files double-quote such text.
@pytest.mark.parametrize("text", ["\x85", "line\x85break", "a\u2028b", "a\u2029b"])
def test_yaml_keeps_next_line_characters(text: str) -> None:
    hub = Hub(name=text)
    assert loads(dumps(hub, "yaml"), "yaml") == hub
