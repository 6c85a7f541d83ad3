"""Fuzzing the hub loader: any input loads correctly or raises a CoinnovationError with a place.

Random bytes, text in the wrong encoding, valid hubs with a value broken, huge cells,
formula-like text and duplicate ids: ``load``/``loads`` either return a sound hub or raise
a :class:`~coinnovation.errors.CoinnovationError` (a ``FileFormatError`` naming the file and
where in it, or a ``HubIntegrityError`` naming the record and field) — never another
exception, and a failed load never touches the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coinnovation import dumps, load, loads
from coinnovation.errors import CoinnovationError, FileFormatError, HubIntegrityError
from coinnovation.models import Hub
from coinnovation.testing.strategies import hubs

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t", "\r", "x" * 100_000]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def outcome(load_text: Any) -> Hub | CoinnovationError:
    """The hub loaded, or the CoinnovationError raised; any other exception fails the test."""
    found: Hub | CoinnovationError
    try:
        found = load_text()
    except CoinnovationError as error:
        found = error
    if isinstance(found, CoinnovationError):
        assert str(found)
        if isinstance(found, FileFormatError | HubIntegrityError):
            assert found.problems
            assert all(problem.kind and problem.message for problem in found.problems)
        return found
    assert isinstance(found, Hub)
    return found


@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    outcome(lambda: loads(text))
    outcome(lambda: loads(text, format="yaml"))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["json", "yaml"]))
def test_random_files_in_any_encoding(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"hub.{suffix}"
    path.write_bytes(data)
    outcome(lambda: load(path))
    assert path.read_bytes() == data  # loading never writes


@given(hubs(max_people=3, max_participations=3), st.sampled_from(["utf-16", "latin-1", "cp1252"]))
def test_valid_hubs_in_the_wrong_encoding(hub: Hub, encoding: str) -> None:
    raw = dumps(hub).encode(encoding, errors="replace")
    outcome(lambda: loads(raw.decode("utf-8", errors="replace")))


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested JSON data, as a path of keys and indices."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_places(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_places(value, (*path, index)))
    return found


@given(hubs(), st.data())
def test_valid_hubs_with_one_value_broken(hub: Hub, data: st.DataObject) -> None:
    document = json.loads(dumps(hub))
    places = _places(document)
    place = data.draw(st.sampled_from(places))
    here = document
    for step in place[:-1]:
        here = here[step]
    if data.draw(st.booleans()):
        here[place[-1]] = data.draw(JSON_VALUES)
    elif isinstance(here, dict):
        del here[place[-1]]
    else:
        here[place[-1]] = None
    result = outcome(lambda: loads(json.dumps(document)))
    if isinstance(result, FileFormatError):
        # The problem is placed: a record and field, or the file as a whole.
        assert all(problem.kind for problem in result.problems)


@given(hubs(min_people=2), st.data())
def test_duplicate_ids_are_refused_with_the_record(hub: Hub, data: st.DataObject) -> None:
    document = json.loads(dumps(hub))
    first, second = data.draw(
        st.lists(st.integers(0, len(document["people"]) - 1), min_size=2, max_size=2, unique=True)
    )
    document["people"][second]["id"] = document["people"][first]["id"]
    result = outcome(lambda: loads(json.dumps(document)))
    assert isinstance(result, HubIntegrityError)
    assert any(
        problem.field == "id" and problem.record == document["people"][first]["id"]
        for problem in result.problems
    )
