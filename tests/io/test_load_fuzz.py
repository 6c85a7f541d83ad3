"""Fuzzing the hub loader: any input loads correctly or raises a CoinnovationError with a place.

Random bytes, text in the wrong encoding, valid hubs with a value broken, huge cells,
formula-like text, duplicate ids, deep nesting, integers longer than Python reads, keys
given twice and byte order marks: ``load``/``loads`` either return a sound hub or raise
a :class:`~coinnovation.errors.CoinnovationError` (a ``FileFormatError`` naming the file and
where in it, or a ``HubIntegrityError`` naming the record and field) — never another
exception, and a failed load never touches the file.

Every test is bounded (small inputs, few examples where each is costly) and, under the
``ci`` profile that ``make test`` uses, derandomised: the same examples on every run.
"""

from __future__ import annotations

import json
import sys
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


@given(st.binary(max_size=300), st.booleans())
def test_random_bytes(data: bytes, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + data.decode("utf-8", errors="replace")
    outcome(lambda: loads(text))
    outcome(lambda: loads(text, format="yaml"))
    outcome(lambda: loads((b"\xef\xbb\xbf" if bom else b"") + data))


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


# -- issue 9: nesting, long integers, keys given twice, byte order marks ----------------------

# Openers of one level of nesting in JSON (and so in YAML's flow style), each with its closer.
OPENERS = [("[", "]"), ('{"a": ', "}"), ('{"people": [', "]}"), ('{"attributes": {"x": ', "}}")]


@settings(max_examples=30)
@given(
    st.lists(st.sampled_from(OPENERS), min_size=1, max_size=4),
    st.integers(1, 3_000),
    st.sampled_from(["json", "yaml"]),
    st.booleans(),
)
def test_nesting_of_any_depth(
    pattern: list[tuple[str, str]], depth: int, format: str, bom: bool
) -> None:
    levels = [pattern[index % len(pattern)] for index in range(depth)]
    text = "".join(opener for opener, _ in levels) + "1" + "".join(c for _, c in reversed(levels))
    result = outcome(lambda: loads(("\ufeff" if bom else "") + text, format))  # type: ignore[arg-type]
    assert isinstance(result, FileFormatError)
    if depth > 1_000:
        assert "nested too deeply" in str(result)


@settings(max_examples=30)
@given(st.integers(1, 3_000), st.sampled_from(["-", "a:", "- a:"]), st.booleans())
def test_deep_yaml_blocks(depth: int, marker: str, bom: bool) -> None:
    text = "people:\n" + "".join("  " * level + marker + "\n" for level in range(1, depth))
    result = outcome(lambda: loads(("\ufeff" if bom else "") + text, "yaml"))
    if depth > 1_000:
        assert isinstance(result, FileFormatError)
        assert "nested too deeply" in str(result)


@settings(max_examples=20)
@given(hubs(max_people=3, max_participations=3), st.data(), st.integers(4_000, 6_000))
def test_long_integers_anywhere(hub: Hub, data: st.DataObject, digits: int) -> None:
    document = json.loads(dumps(hub))
    place = data.draw(st.sampled_from(_places(document)))
    here = document
    for step in place[:-1]:
        here = here[step]
    here[place[-1]] = "LONG"
    text = json.dumps(document).replace('"LONG"', "9" * digits, 1)
    for format in ("json", "yaml"):
        result = outcome(lambda: loads(text, format))  # type: ignore[arg-type]  # noqa: B023
        if digits > sys.get_int_max_str_digits():
            assert isinstance(result, FileFormatError)


def _objects(data: Any) -> list[tuple[Any, ...]]:
    """The path of every object (dict) in nested JSON data."""
    return [place for place in [(), *_places(data)] if isinstance(_at(data, place), dict)]


def _at(data: Any, place: tuple[Any, ...]) -> Any:
    for step in place:
        data = data[step]
    return data


@settings(max_examples=40)
@given(hubs(max_people=3, max_participations=3), st.data(), st.sampled_from(["json", "yaml"]))
def test_keys_given_twice_are_reported_with_their_place(
    hub: Hub, data: st.DataObject, format: str
) -> None:
    document = json.loads(dumps(hub))
    place = data.draw(st.sampled_from([p for p in _objects(document) if _at(document, p)]))
    target = _at(document, place)
    key = data.draw(st.sampled_from(sorted(target)))
    again = data.draw(JSON_VALUES | st.just(target[key]))
    target["__again__"] = None
    text = json.dumps(document, ensure_ascii=False).replace(
        '"__again__": null', f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(again)}"
    )
    text = data.draw(st.sampled_from(["", "\ufeff"])) + text  # JSON is YAML's flow style too
    result = outcome(lambda: loads(text, format))  # type: ignore[arg-type]
    assert isinstance(result, FileFormatError)
    if result.problems[0].message.startswith("not valid YAML"):
        return  # JSON text YAML does not take (a control character, an escaped surrogate)
    where = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in (*place, key))
    assert any(
        f"key {key!r} is given more than once ({where.lstrip('.')}" in problem.message
        for problem in result.problems
    )


@settings(max_examples=30)
@given(hubs(max_people=3, max_participations=3), st.sampled_from(["json", "yaml"]))
def test_a_byte_order_mark_changes_nothing(hub: Hub, format: str) -> None:
    text = dumps(hub, format)  # type: ignore[arg-type]
    assert loads("\ufeff" + text, format) == hub  # type: ignore[arg-type]
    assert loads(b"\xef\xbb\xbf" + text.encode("utf-8"), format) == hub  # type: ignore[arg-type]
