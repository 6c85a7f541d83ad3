"""Hub files: load and save a whole hub as JSON or YAML, atomically.

A hub file is the hub's fields as one JSON (or YAML) object, with ``schema_version``
first. Records leave out fields that are empty (``null``, ``[]``, ``{}``) and empty by
default, so files stay small and read well; fields whose defaults carry meaning (a status,
a kind, a role) are always written. Saves are atomic: the text goes to a temporary
file beside the target, is flushed to disk, and replaces the target in one rename, so an
interrupted save leaves the old file (or none), never a truncated one.

Examples:
    >>> import tempfile, pathlib
    >>> from coinnovation.models import Hub, Person
    >>> hub = Hub(name="demo").add(Person(id="p-1", name="Ana"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "hub.json"
    ...     _ = save(hub, path)
    ...     load(path) == hub
    True
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pydantic_core
from pydantic import TypeAdapter, ValidationError

from coinnovation._optional import require
from coinnovation.errors import (
    FileFormatError,
    HubIntegrityError,
    Problem,
    SchemaVersionError,
    UnreadableFileError,
)
from coinnovation.models.base import COMPACT
from coinnovation.models.hub import SCHEMA_VERSION, Hub
from coinnovation.models.integrity import hub_problems
from coinnovation.models.records import KIND_OF_FIELD, RECORD_TYPES
from coinnovation.models.vocabularies import DEFAULT_STAGES

__all__ = [
    "MAX_BYTES",
    "Format",
    "atomic_write",
    "dumps",
    "format_of",
    "load",
    "loads",
    "save",
]

#: A hub file format.
Format = Literal["json", "yaml"]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
# Hub-level fields written even when empty, so a reader sees them at the top of every file.
_ALWAYS_WRITTEN = ("schema_version", "name", "description", "stages")


def format_of(path: str | os.PathLike[str], format: Format | None = None) -> Format:
    """The file format for a path: ``format`` if given, else from its suffix.

    Args:
        path: The file's path.
        format: ``"json"`` or ``"yaml"``, to override the suffix.

    Returns:
        The format.

    Raises:
        FileFormatError: The suffix is not ``.json``, ``.yaml`` or ``.yml``.

    Examples:
        >>> format_of("hub.yml")
        'yaml'
    """
    if format is not None:
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        problem = Problem(
            "file", None, None, f"unsupported file type {suffix!r}: use .json, .yaml or .yml"
        )
        raise FileFormatError(str(path), [problem])
    return _SUFFIXES[suffix]


def _yaml() -> Any:
    return require("yaml", "yaml", "reading and writing YAML files")


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


@cache
def _yaml_loader(pure: bool = False) -> Any:
    """The safe YAML loader for hub files: libyaml's when present, else PyYAML's own.

    It keeps dates and times as text (pydantic parses them), notes keys given twice in a
    mapping (see :func:`_yaml_data`), and turns an integer too long for Python into a
    YAML error with its place.

    Args:
        pure: Use the pure-Python loader even when libyaml is present.
    """
    yaml = _yaml()
    base = yaml.SafeLoader if pure or not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader

    class Loader(base):  # type: ignore[misc,valid-type]
        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            # id of each mapping with a key given twice, to its repeated keys and where.
            self.repeated: dict[int, list[tuple[Any, str]]] = {}

        def construct_yaml_map(self, node: Any) -> Iterator[dict[Any, Any]]:
            data: dict[Any, Any] = {}
            yield data
            seen: set[Any] = set()
            repeated: list[tuple[Any, str]] = []
            for key_node, _ in node.value:
                if key_node.tag == _MERGE or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                if key in seen:
                    mark = key_node.start_mark
                    repeated.append((key, f"line {mark.line + 1}, column {mark.column + 1}"))
                seen.add(key)
            if repeated:
                self.repeated[id(data)] = repeated
            data.update(self.construct_mapping(node))

        def construct_yaml_int(self, node: Any) -> int:
            try:
                value: int = super().construct_yaml_int(node)
            except ValueError:
                digits = sum(char.isdigit() for char in str(node.value))
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"an integer of {digits} digits is longer than this reader takes "
                    f"({sys.get_int_max_str_digits()} digits)",
                    node.start_mark,
                ) from None
            return value

    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
        for key, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


# Line breaks YAML folds inside plain or single-quoted scalars; double quotes escape them.
_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


@cache
def _yaml_dumper(pure: bool = False) -> Any:
    """A safe YAML dumper (libyaml's when present) double-quoting text with line breaks.

    Args:
        pure: Use the pure-Python dumper even when libyaml is present.
    """
    yaml = _yaml()
    base = yaml.SafeDumper if pure or not hasattr(yaml, "CSafeDumper") else yaml.CSafeDumper

    class Dumper(base):  # type: ignore[misc,valid-type]
        pass

    def text(dumper: Any, value: str) -> Any:
        style = '"' if any(mark in value for mark in _YAML_BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def _to_data(hub: Hub) -> dict[str, Any]:
    data: dict[str, Any] = hub.model_dump(mode="json", context={COMPACT: True})
    head = hub.model_dump(mode="json", include=set(_ALWAYS_WRITTEN))
    head["schema_version"] = SCHEMA_VERSION  # what this library writes, whatever it read
    return {**{key: head[key] for key in _ALWAYS_WRITTEN}, **data}


def dumps(hub: Hub, format: Format = "json", *, indent: int | None = 2) -> str:
    """A hub as the text of a hub file.

    Args:
        hub: The hub.
        format: ``"json"`` or ``"yaml"``.
        indent: JSON indentation; ``None`` for the most compact text.

    Returns:
        The text.

    Examples:
        >>> from coinnovation.models import Hub
        >>> print(dumps(Hub(name="demo"), indent=None))
        {"schema_version": "1.1", "name": "demo", "description": null, "stages": ["framing", "ideation", "co_design", "piloting", "evaluation", "adoption"]}
    """
    data = _to_data(hub)
    if format == "yaml":
        text: str = _yaml().dump(data, Dumper=_yaml_dumper(), sort_keys=False, allow_unicode=True)
        return text
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return text + "\n" if indent is not None else text


def _locate(data: Any, loc: Sequence[Any]) -> tuple[str, str | None, str | None]:
    """The record kind, record id and field path of a place in a hub file's data."""
    if not loc:
        return "file", None, None
    head = loc[0]
    if head not in KIND_OF_FIELD or len(loc) < 2 or not isinstance(loc[1], int):
        return "hub", None, _path(loc)
    index = loc[1]
    record_id: str | None = None
    if isinstance(data, Mapping):
        records = data.get(str(head))
        if isinstance(records, list) and 0 <= index < len(records):
            record = records[index]
            if isinstance(record, Mapping) and isinstance(record.get("id"), str):
                record_id = record["id"]
    where = f"{head}[{index}]"
    inner = _path(loc[2:])
    if record_id is None:
        return KIND_OF_FIELD[str(head)], None, where + ("." + inner if inner else "")
    return KIND_OF_FIELD[str(head)], record_id, inner or None


def _path(loc: Sequence[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _nesting(message: str) -> str:
    """A parser's recursion-limit message, in plain words, with its place when it has one."""
    found = re.search(r"line (\d+),? column (\d+)", message)
    where = f" (at line {found[1]}, column {found[2]})" if found else ""
    return f"nested too deeply{where}"


def _problems(error: ValidationError, data: Any) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        kind, record, field = _locate(data, item["loc"])
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "required field is missing"
        elif item["type"] == "json_invalid" and "recursion limit" in item["msg"]:
            message = _nesting(item["msg"])
        else:
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
        problems.append(Problem(kind, record, field, message))
    return problems


# Each mapping of parsed data (by id) that has a key given more than once: the keys
# given again, each with where it is in the text (when the parser says).
_Repeated = dict[int, list[tuple[Any, str]]]


def _repeated_problems(data: Any, repeated: _Repeated, *, hub: bool = True) -> list[Problem]:
    """A problem for each key given twice in a mapping, with its path in the file.

    In a hub file the problem names the record and field; in another file (``hub`` false),
    the file and the path.
    """
    if not repeated:
        return []
    found = []
    seen: set[int] = set()  # YAML aliases can make a value hold itself
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:  # depth first, in file order, without recursion (data may nest deeply)
        path, value = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, dict):
            for key, where in repeated.get(id(value), ()):
                place = _path((*path, key)) + (f", {where}" if where else "")
                kind, record, field = (
                    _locate(data, (*path, key)) if hub else ("file", None, _path((*path, key)))
                )
                message = f"key {key!r} is given more than once ({place}): give each key once"
                found.append(Problem(kind, record, field, message))
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))
    return found


def _without_bom(text: str | bytes) -> str | bytes:
    """The text without a byte order mark at its start (editors on Windows add one)."""
    if isinstance(text, bytes):
        return text[len(codecs.BOM_UTF8) :] if text.startswith(codecs.BOM_UTF8) else text
    return text[1:] if text.startswith("\ufeff") else text


def _json_data(text: str | bytes, source: str, *, strict: bool = False) -> tuple[Any, _Repeated]:
    """The data in JSON text and the keys it repeats; ``None`` for text that is not JSON.

    For hub files, the validator (pydantic's own JSON parser) words what is wrong with
    text that is not JSON, with its place; this parse is for what that parser lets
    through: keys given twice (the last would win). With ``strict``, text that is not
    JSON raises :class:`FileFormatError` here.
    """
    repeated: _Repeated = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(items)
        if len(data) != len(items):
            seen: set[str] = set()
            again = []
            for key, _ in items:
                if key in seen:
                    again.append((key, ""))
                seen.add(key)
            repeated[id(data)] = again
        return data

    try:
        return json.loads(text, object_pairs_hook=pairs), repeated
    except RecursionError:
        where = ""
        try:
            pydantic_core.from_json(text)
        except ValueError as error:
            where = str(error)
        problem = Problem("file", None, None, _nesting(where))
        raise FileFormatError(source, [problem]) from None
    except ValueError as error:  # not JSON, or an integer too long for Python
        if strict:
            problem = Problem("file", None, None, f"not valid JSON: {error}")
            raise FileFormatError(source, [problem]) from None
        return None, {}  # the validator words it, with its place


def _document(text: str | bytes, format: Format, *, source: str) -> Any:
    """The data in a JSON or YAML file other than a hub file, read as safely as a hub.

    A byte order mark is allowed; keys given twice, text that is not JSON or YAML,
    nesting deeper than the parser allows, integers longer than Python reads and YAML
    aliases that expand beyond reason raise :class:`FileFormatError` naming ``source``
    (for the register mappings of :mod:`coinnovation.io.registers`, say).
    """
    text = _without_bom(text)
    if format == "yaml":
        data, repeated = _yaml_data(text, source)
    else:
        data, repeated = _json_data(text, source, strict=True)
    problems = _repeated_problems(data, repeated, hub=False)
    if problems:
        raise FileFormatError(source, problems)
    return data


# Aliases may add this many values to a YAML document beyond doubling it; more is refused.
_ALIAS_ALLOWANCE = 100_000


def _alias_problem(root: Any) -> str | None:
    """Why a composed YAML document is refused: aliases that expand it beyond reason.

    Each alias repeats the value its anchor names, so a few lines can stand for billions
    of values (the "billion laughs"); the expanded size is counted on the composed nodes,
    each once, before anything is built.
    """
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children: list[Any] = []
        if isinstance(node.value, list):  # a sequence's items; a mapping's (key, value) pairs
            for child in node.value:
                children.extend(child if isinstance(child, tuple) else (child,))
        if done:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 0) for child in children)
        elif id(node) not in visiting:
            visiting.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    expanded, written = sizes[id(root)], len(visiting)
    if expanded > 2 * written + _ALIAS_ALLOWANCE:
        return (
            f"aliases expand {written:,} values into {expanded:,}: refused, since a hub file "
            "has no need of them"
        )
    return None


def _yaml_data(text: str | bytes, source: str) -> tuple[Any, _Repeated]:
    """The data in YAML text and the keys it repeats."""
    yaml = _yaml()
    loader = _yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        if "*" in text if isinstance(text, str) else b"*" in text:  # aliases start with *
            refused = _alias_problem(node)
            if refused is not None:
                raise FileFormatError(source, [Problem("file", None, None, refused)])
        return loader.construct_document(node), loader.repeated
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        if "depth" in reason or "nesting" in reason:
            reason = _nesting("")
        problem = Problem("file", None, None, f"not valid YAML{where}: {reason}")
        raise FileFormatError(source, [problem]) from None
    except RecursionError:
        raise FileFormatError(source, [Problem("file", None, None, _nesting(""))]) from None
    finally:
        loader.dispose()


def _all_stages(records: Mapping[str, tuple[Any, ...]]) -> tuple[str, ...]:
    """Every stage the records name, in the order met."""
    named: dict[str, None] = {}
    for challenge in records.get("challenges", ()):
        for stage in (*(change.stage for change in challenge.stage_history), challenge.stage):
            named[stage] = None
    for session in records.get("sessions", ()):
        if session.stage is not None:
            named[session.stage] = None
    return tuple(named)


def _integrity_of_the_rest(error: ValidationError, data: Any) -> list[Problem]:
    """The integrity problems among the records that passed their own validation.

    A record that failed is left out, and a reference to it is not reported (its own
    problem is). When the hub's stages or transitions failed, stages are not checked.
    When a whole collection (or the file) could not be read, nothing is checked.
    """
    if not isinstance(data, Mapping):
        return []
    failed: dict[str, set[int]] = {}
    failed_fields: set[Any] = set()
    for details in error.errors(include_url=False):
        loc = details["loc"]
        if not loc:
            return []
        if loc[0] in KIND_OF_FIELD and len(loc) >= 2 and isinstance(loc[1], int):
            failed.setdefault(str(loc[0]), set()).add(loc[1])
        elif loc[0] in KIND_OF_FIELD:
            return []  # a collection that is not a list of records
        else:
            failed_fields.add(loc[0])
    records: dict[str, tuple[Any, ...]] = {}
    invalid: dict[str, set[str]] = {}
    for kind, field, model in RECORD_TYPES:
        items = data.get(field)
        if not isinstance(items, list):
            continue
        kept = []
        for index, item in enumerate(items):
            try:
                if index in failed.get(field, ()):
                    raise ValueError
                kept.append(model.model_validate(item))
            except ValueError:  # pydantic's ValidationError too
                if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                    invalid.setdefault(kind, set()).add(item["id"])
        records[field] = tuple(kept)
    head: dict[str, Any] = {}
    for name in ("stages", "transitions"):
        if name in data and name not in failed_fields:
            annotation: Any = Hub.model_fields[name].annotation
            head[name] = TypeAdapter(annotation).validate_python(data[name])
    if "stages" in failed_fields or "transitions" in failed_fields:
        # Unknown stage model: every stage the records name, every move allowed.
        from coinnovation.models.stages import Transition

        stages = head.get("stages") if "stages" not in failed_fields else _all_stages(records)
        stages = tuple(stages if stages is not None else DEFAULT_STAGES)
        head["stages"] = stages
        head["transitions"] = tuple(
            Transition(source=source, target=target)
            for source in stages
            for target in stages
            if source != target
        )
    fields: dict[str, Any] = {**head, **records}
    return hub_problems(Hub.model_construct(**fields), invalid=invalid)


def _invalid(
    source: str, error: ValidationError, data: Any, problems: Sequence[Problem] = ()
) -> FileFormatError:
    """One error with every problem: keys given twice, malformed records, broken references."""
    shape = _problems(error, data)
    if any(p.field == "schema_version" and "newer than" in p.message for p in shape):
        return SchemaVersionError(source, [p for p in shape if p.field == "schema_version"])
    return FileFormatError(source, [*problems, *shape, *_integrity_of_the_rest(error, data)])


def loads(text: str | bytes, format: Format = "json", *, source: str = "<string>") -> Hub:
    """A hub from the text of a hub file.

    Every problem is reported at once: keys given twice in an object, records that are
    malformed, and the broken references among the records that are not. A byte order
    mark at the start of the text is allowed. Text nested deeper than a hub file needs,
    an integer longer than Python reads, and YAML aliases that would expand the text
    beyond reason are refused with a :class:`~coinnovation.errors.FileFormatError`.

    Args:
        text: The file's text.
        format: ``"json"`` or ``"yaml"``.
        source: A name for the text in error messages (the path, for files).

    Returns:
        The hub, validated and checked.

    Raises:
        FileFormatError: The text is not valid JSON/YAML, gives a key twice in an object,
            has unknown or malformed fields (each listed with its record and field), or
            is not a hub; the list also holds the integrity problems of the records that
            are well formed.
        SchemaVersionError: The file was written for a newer major schema version.
        HubIntegrityError: The records are well formed but do not fit together.
        MissingDependencyError: YAML text, without PyYAML (the ``yaml`` extra).

    Examples:
        >>> loads('{"schema_version": "1.0", "peeple": []}')
        Traceback (most recent call last):
        ...
        coinnovation.errors.FileFormatError: <string>: 1 problem:
          - hub, field 'peeple': unknown field
        >>> loads('{"name": "A", "name": "B"}')
        Traceback (most recent call last):
        ...
        coinnovation.errors.FileFormatError: <string>: 1 problem:
          - hub, field 'name': key 'name' is given more than once (name): give each key once
    """
    text = _without_bom(text)
    hub: Hub
    if format == "yaml":
        data, repeated = _yaml_data(text, source)
        problems = _repeated_problems(data, repeated)
        try:
            hub = Hub.model_validate(data)
        except ValidationError as error:
            raise _invalid(source, error, data, problems) from None
        except HubIntegrityError as error:
            if not problems:
                raise
            raise FileFormatError(source, [*problems, *error.problems]) from None
    else:
        data, repeated = _json_data(text, source)
        problems = _repeated_problems(data, repeated)
        if not problems:
            data = None  # let it go before validating: a large file's data is large
        try:
            hub = Hub.model_validate_json(text)
        except ValidationError as error:
            if data is None:
                data, _ = _json_data(text, source)
            raise _invalid(source, error, data, problems) from None
        except HubIntegrityError as error:
            if not problems:
                raise
            raise FileFormatError(source, [*problems, *error.problems]) from None
    if problems:
        raise FileFormatError(source, problems)
    return hub


#: The largest hub file :func:`load` reads unless told otherwise: 1 GiB.
MAX_BYTES = 1 << 30


def _read(path: Path, max_bytes: int | None) -> bytes:
    """A file's bytes: refused when it is a device or socket, or longer than ``max_bytes``."""
    mode = path.stat().st_mode  # FileNotFoundError, PermissionError ... as they come
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISDIR(mode)):
        reason = "not a regular file (a device or a socket): refused"
        raise UnreadableFileError(str(path), [Problem("file", None, None, reason)])
    with path.open("rb") as stream:  # a folder raises IsADirectoryError here
        if max_bytes is None:
            return stream.read()
        too_long = os.fstat(stream.fileno()).st_size > max_bytes
        content = b"" if too_long else stream.read(max_bytes + 1)
    if too_long or len(content) > max_bytes:
        reason = f"larger than {max_bytes:,} bytes, the most load reads (see max_bytes=)"
        raise UnreadableFileError(str(path), [Problem("file", None, None, reason)])
    return content


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> Hub:
    """Load a hub file (``.json``, ``.yaml`` or ``.yml``).

    Reads regular files and pipes, at most ``max_bytes`` of them; a device (such as a
    link to ``/dev/zero``) or a socket is refused unread. See :func:`loads` for what is
    checked.

    Args:
        path: The file.
        format: Override the format given by the suffix.
        max_bytes: The largest file read (:data:`MAX_BYTES`, 1 GiB, by default);
            ``None`` for no limit.

    Returns:
        The hub, validated and checked.

    Raises:
        FileNotFoundError: There is no such file (and other ``OSError``: a folder, no
            permission).
        UnreadableFileError: The file is a device or a socket, or larger than
            ``max_bytes``.
        FileFormatError: The file is not a valid hub file; every problem is listed with
            its record id and field.
        SchemaVersionError: The file was written for a newer major schema version.
        HubIntegrityError: The records do not fit together.
        MissingDependencyError: A YAML file, without PyYAML (the ``yaml`` extra).

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.models import Hub
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = save(Hub(name="Walsall 2023"), pathlib.Path(folder) / "hub.json")
        ...     load(path).name
        'Walsall 2023'
        >>> load("/dev/null", format="json")
        Traceback (most recent call last):
        ...
        coinnovation.errors.UnreadableFileError: /dev/null: 1 problem:
          - file: not a regular file (a device or a socket): refused
    """
    fmt = format_of(path, format)
    if fmt == "yaml":
        _yaml()  # before reading: without PyYAML, say so whatever the file holds
    raw = _read(Path(path), max_bytes)
    if fmt == "yaml":
        try:
            text: str | bytes = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = Problem("file", None, None, f"not UTF-8 text: {error}")
            raise FileFormatError(str(path), [problem]) from None
    else:
        text = raw
    return loads(text, fmt, source=str(path))


def save(
    hub: Hub,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    indent: int | None = 2,
) -> Path:
    """Save a hub atomically as JSON or YAML.

    The text is written to a temporary file in the same folder, flushed to disk, and
    renamed over ``path``: readers see the old file or the new one, never half of one.

    Args:
        hub: The hub.
        path: Where to save it; the suffix chooses the format unless ``format`` is given.
        format: ``"json"`` or ``"yaml"``.
        indent: JSON indentation; ``None`` for the most compact file.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.models import Hub
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     save(Hub(name="demo"), pathlib.Path(folder) / "hub.yaml").name
        'hub.yaml'
    """
    target = Path(path)
    text = dumps(hub, format_of(target, format), indent=indent)
    atomic_write(target, text.encode("utf-8"))
    return target


# Temporary files of atomic_write, beside the target: ".NAME.HOST-PID.RANDOM.tmp", where
# HOST tags the machine and PID is the writer's process id (earlier releases wrote
# ".NAME.RANDOM.tmp"). A save killed between writing and renaming leaves one behind.
_WRITER_GONE_AFTER = 60.0  # seconds: ours, from this machine, its writer no longer running
_ABANDONED_AFTER = 3600.0  # seconds: ours, whatever wrote it


@cache
def _host_tag() -> str:
    """Eight hex digits naming this machine in temporary file names."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (``True`` when unsure)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - no signal 0 to ask with
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, ValueError):
        return False  # no such process id can exist
    except OSError:  # PermissionError: someone else's process
        return True
    return True


def _remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporaries earlier saves to ``path`` left behind; the ones removed.

    A file is removed only when all of these hold: its name is one this function's
    saves give to temporaries of ``path``; it is a regular file (not a link) owned by
    this user; and either it was last written more than an hour ago, or more than a
    minute ago by a process of this machine that no longer runs. Anything else —
    a save still under way here or on another machine sharing the folder, files of other
    names or owners — is left alone. Errors (a file removed meanwhile) are ignored.
    """
    pattern = re.compile(
        rf"\.{re.escape(path.name)}\.(?:(?P<host>[0-9a-f]{{8}})-(?P<pid>\d{{1,10}})\.)?"
        r"[a-z0-9_]{8}\.tmp"
    )
    owner = os.geteuid() if hasattr(os, "geteuid") else None
    host, now, removed = _host_tag(), time.time(), []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or (owner is not None and info.st_uid != owner):
            continue
        age = now - info.st_mtime
        writer_gone = (
            found["host"] == host and found["pid"] is not None and not _running(int(found["pid"]))
        )
        if age > _ABANDONED_AFTER or (age > _WRITER_GONE_AFTER and writer_gone):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def atomic_write(path: Path, content: bytes) -> None:
    """Write bytes to a file so that it is replaced whole or not at all.

    Keeps the permissions of the file it replaces; a new file gets mode 0644. The bytes
    go to a hidden temporary beside the target (``.NAME.HOST-PID.RANDOM.tmp``), which is
    renamed over it. A process killed before the rename leaves its temporary behind;
    the next write to the same target removes such leftovers once they are stale: last
    written more than a minute ago by a process of this machine that no longer runs,
    or more than an hour ago by anyone. Only regular files of that exact naming, owned
    by the same user, are ever removed.

    Args:
        path: The target file; its folder must exist.
        content: What to write.

    Examples:
        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     target = pathlib.Path(folder) / "a.txt"
        ...     atomic_write(target, b"hello")
        ...     target.read_text()
        'hello'
    """
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    prefix = f".{path.name}.{_host_tag()}-{os.getpid()}."
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_stale_temporaries(path)
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(directory)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(directory)
