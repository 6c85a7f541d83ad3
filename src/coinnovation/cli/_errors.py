"""How the command reports an error: the one place that words it and picks its exit status.

Every command's errors end here, as one ``Error: ...`` message on standard error (a
problem listing adds one indented line per problem) and an exit status:

- 0: success;
- 1 (:data:`INVALID`): the hub is not valid, or its records do not allow what was asked
  (an unknown challenge or agreement, an agreement that cannot be shared, bad register
  rows);
- 2 (:data:`USAGE`): the command was used wrongly (an unknown or out-of-range option, a
  missing argument, an output that would overwrite an input), or a file, folder or store
  cannot be read or written, or an optional extra is missing.

:func:`describe` names the file or store once: library errors that already name it
(a :class:`~coinnovation.errors.FileFormatError`, a store's ``sqlite:///...: ...``) are
left as they are, others get ``PATH: `` in front.

Examples:
    >>> from coinnovation.errors import FileFormatError, Problem, UnknownReferenceError
    >>> print(describe(UnknownReferenceError("agreement", "ag-9"), "hub.json"))
    hub.json: no agreement with id 'ag-9'
    >>> print(describe(FileFormatError("net.dot", [Problem("file", None, None, "unsupported")]),
    ...                "net.dot"))
    net.dot: 1 problem:
      - file: unsupported
    >>> print(describe(FileNotFoundError(2, "No such file or directory", "hub.json")))
    hub.json: No such file or directory
    >>> exit_status(UnknownReferenceError("agreement", "ag-9")), exit_status(OSError())
    (1, 2)
"""

from __future__ import annotations

import os

import click

from coinnovation.errors import (
    CoinnovationError,
    FileFormatError,
    MissingDependencyError,
    PrivacyError,
)

__all__ = [
    "INVALID",
    "USAGE",
    "CommandError",
    "InvalidHubError",
    "describe",
    "exit_status",
    "failure",
]

#: The exit status for a hub that is not valid or cannot give what was asked.
INVALID = 1
#: The exit status for misuse and for files, stores and extras that cannot be used.
USAGE = 2


class CommandError(click.ClickException):
    """An error the command reports as ``Error: MESSAGE``: exit status 2 (:data:`USAGE`).

    Args:
        message: What went wrong, naming the file or record concerned.

    Examples:
        >>> error = CommandError("out.csv: Permission denied")
        >>> error.exit_code, error.format_message()
        (2, 'out.csv: Permission denied')
    """

    exit_code = USAGE


class InvalidHubError(CommandError):
    """A hub that is not valid, or records that do not allow what was asked: exit status 1.

    Examples:
        >>> InvalidHubError("hub.json: no agreement with id 'ag-9'").exit_code
        1
    """

    exit_code = INVALID


def _database(place: str) -> str | None:
    """The local file behind a SQLite store URL, or ``None`` (a file path is itself)."""
    if "://" not in place:
        return place
    scheme, _, rest = place.partition("://")
    if not scheme.startswith("sqlite") or not rest.startswith("/"):
        return None
    return rest[1:].split("?", 1)[0] or None


def _mentions(text: str, place: str) -> bool:
    """Whether an error's text already names ``place`` (as given, as a URL, or absolute)."""
    head = text.split("\n", 1)[0].split(": ", 1)[0]
    if head == place or "://" in head:
        return True
    local = _database(place)
    return local is not None and os.path.abspath(local) in text


def describe(error: BaseException | str, place: str | None = None) -> str:
    """The message printed for an error, naming the file, folder or store once.

    Args:
        error: A library error, an ``OSError``, or a message.
        place: The file, folder or store URL the error is about, as the user gave it;
            ``None`` for none (an ``OSError`` then names its own file).

    Returns:
        The message, without the ``Error:`` the command puts in front.

    Examples:
        >>> describe("no column 'fame'")
        "no column 'fame'"
        >>> describe(PermissionError(13, "Permission denied", "/x/.out.tmp"), "out.csv")
        'out.csv: Permission denied'
        >>> describe("sqlite:////srv/hub.db: file is not a database", "sqlite:///hub.db")
        'sqlite:////srv/hub.db: file is not a database'
    """
    if isinstance(error, OSError) and not isinstance(error, CoinnovationError):
        text = error.strerror or str(error)
        if place is None and isinstance(error.filename, str):
            place = error.filename
    else:
        text = str(error)
    if place is None or isinstance(error, FileFormatError) or _mentions(text, place):
        return text
    return f"{place}: {text}"


def exit_status(error: BaseException) -> int:
    """The exit status for an error no command words itself.

    A missing extra, a store or secret that cannot be used (a ``RuntimeError`` such as
    :class:`~coinnovation.errors.StoreError`, a
    :class:`~coinnovation.errors.PrivacyError`) and ``OSError`` exit with
    :data:`USAGE`; every other library error with :data:`INVALID`.

    Args:
        error: The error.

    Returns:
        :data:`INVALID` or :data:`USAGE`.

    Examples:
        >>> from coinnovation.errors import MissingDependencyError
        >>> exit_status(MissingDependencyError("yaml", "yaml", "YAML files"))
        2
    """
    if isinstance(error, MissingDependencyError | PrivacyError | RuntimeError | OSError):
        return USAGE
    if isinstance(error, CoinnovationError):
        return INVALID
    return USAGE


def failure(
    error: BaseException | str, place: str | None = None, exit_code: int | None = None
) -> CommandError:
    """The :class:`CommandError` to raise for an error: its message and exit status.

    Args:
        error: A library error, an ``OSError``, or a message.
        place: The file, folder or store URL concerned, as the user gave it.
        exit_code: The exit status (default: :func:`exit_status` of ``error``; for a
            message, :data:`USAGE`).

    Returns:
        The exception, ready to raise.

    Examples:
        >>> from coinnovation.errors import UnknownReferenceError
        >>> error = failure(UnknownReferenceError("challenge", "ch-9"), "hub.json")
        >>> error.exit_code, error.format_message()
        (1, "hub.json: no challenge with id 'ch-9'")
    """
    if exit_code is None:
        exit_code = USAGE if isinstance(error, str) else exit_status(error)
    kind = InvalidHubError if exit_code == INVALID else CommandError
    return kind(describe(error, place))
