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

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from coinnovation._optional import require
from coinnovation.errors import FileFormatError, Problem, SchemaVersionError
from coinnovation.models._base import COMPACT
from coinnovation.models._registry import KIND_OF_FIELD
from coinnovation.models.hub import SCHEMA_VERSION, Hub

__all__ = ["Format", "atomic_write", "dumps", "format_of", "load", "loads", "save"]

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


def _yaml_loader() -> Any:
    """A safe YAML loader that keeps dates and times as strings (pydantic parses them)."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


# Line breaks YAML folds inside plain or single-quoted scalars; double quotes escape them.
_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


def _yaml_dumper() -> Any:
    """A safe YAML dumper that double-quotes text holding Unicode line breaks."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
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


def _locate(data: Any, loc: Sequence[int | str]) -> tuple[str, str | None, str | None]:
    """The record kind, record id and field path of a validation error location."""
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


def _path(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problems(error: ValidationError, data: Any) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        kind, record, field = _locate(data, item["loc"])
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "required field is missing"
        else:
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
        problems.append(Problem(kind, record, field, message))
    return problems


def _parse_error(source: str, error: ValidationError, data: Any) -> FileFormatError:
    problems = _problems(error, data)
    if any(p.field == "schema_version" and "newer than" in p.message for p in problems):
        return SchemaVersionError(source, [p for p in problems if p.field == "schema_version"])
    return FileFormatError(source, problems)


def loads(text: str | bytes, format: Format = "json", *, source: str = "<string>") -> Hub:
    """A hub from the text of a hub file.

    Args:
        text: The file's text.
        format: ``"json"`` or ``"yaml"``.
        source: A name for the text in error messages (the path, for files).

    Returns:
        The hub, validated and checked.

    Raises:
        FileFormatError: The text is not valid JSON/YAML, has unknown or malformed fields
            (each listed with its record and field), or is not a hub.
        SchemaVersionError: The file was written for a newer major schema version.
        HubIntegrityError: The records are well formed but do not fit together.

    Examples:
        >>> loads('{"schema_version": "1.0", "peeple": []}')
        Traceback (most recent call last):
        ...
        coinnovation.errors.FileFormatError: <string>: 1 problem:
          - hub, field 'peeple': unknown field
    """
    if format == "yaml":
        yaml = _yaml()
        try:
            data = yaml.load(text, Loader=_yaml_loader())
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            reason = getattr(error, "problem", None) or str(error)
            problem = Problem("file", None, None, f"not valid YAML{where}: {reason}")
            raise FileFormatError(source, [problem]) from None
        try:
            return Hub.model_validate(data)
        except ValidationError as error:
            raise _parse_error(source, error, data) from None
    try:
        return Hub.model_validate_json(text)
    except ValidationError as error:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        raise _parse_error(source, error, data) from None


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Hub:
    """Load a hub file (``.json``, ``.yaml`` or ``.yml``).

    Args:
        path: The file.
        format: Override the format given by the suffix.

    Returns:
        The hub, validated and checked.

    Raises:
        FileNotFoundError: There is no such file.
        FileFormatError: The file is not a valid hub file; every problem is listed with
            its record id and field.
        SchemaVersionError: The file was written for a newer major schema version.
        HubIntegrityError: The records do not fit together.

    Examples:
        >>> import tempfile, pathlib
        >>> from coinnovation.models import Hub
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = save(Hub(name="Walsall 2023"), pathlib.Path(folder) / "hub.json")
        ...     load(path).name
        'Walsall 2023'
    """
    fmt = format_of(path, format)
    raw = Path(path).read_bytes()
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


def atomic_write(path: Path, content: bytes) -> None:
    """Write bytes to a file so that it is replaced whole or not at all.

    Keeps the permissions of the file it replaces; a new file gets mode 0644.

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
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
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
