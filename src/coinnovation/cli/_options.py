"""Options checked when they are read, and outputs checked before anything is written.

The command's option types refuse, at parse time, what the library would refuse later
with a traceback: amounts that are not finite or not sane, seeds numpy cannot take,
ranges below their minimum, unknown suffixes. :func:`check_output` is the one guard every
command that writes calls first: the output's folder must exist, and the output must not
be, or (for a folder) hold, any of the command's inputs — the hub file, a SQLite store's
database, the secret, a register or mapping — however it is spelled (``./h.json``, a
symbolic or hard link).

Examples:
    >>> import click
    >>> amount = DecimalRange(0, 10**15)
    >>> amount.convert("20000", None, None)
    Decimal('20000')
    >>> amount.convert("1e999999", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 1e999999 is not between 0 and 1,000,000,000,000,000
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from coinnovation.cli._errors import _database

__all__ = [
    "SEED",
    "DecimalRange",
    "FiniteFloat",
    "LazyChoice",
    "check_output",
    "check_secret",
    "inputs",
    "suffixes",
]

#: Seeds numpy's generators all take (the report's layout needs 0 ≤ seed < 2**32).
SEED = click.IntRange(0, 2**32 - 1)


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values are loaded when first needed, so the command starts fast.

    The values of some choices live in heavy modules (the network measures, the exports);
    a plain :class:`click.Choice` would import those for every command, even
    ``coinnovation --version``. This one calls ``load`` the first time a value is
    checked, completed or shown in the help.

    Args:
        load: Gives the choices.

    Examples:
        >>> loaded = []
        >>> choice = LazyChoice(lambda: loaded.append(1) or ("a", "b"))
        >>> loaded
        []
        >>> choice.convert("b", None, None), choice.choices, loaded
        ('b', ('a', 'b'), [1])
    """

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        """The choices, loaded on first use."""
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:
        """Ignored: the choices come from ``load`` (``click.Choice`` sets them empty)."""


class DecimalRange(click.ParamType):  # type: ignore[type-arg]
    """A finite decimal number between two bounds (inclusive), read exactly.

    Args:
        minimum: The smallest value allowed.
        maximum: The largest value allowed.

    Examples:
        >>> DecimalRange(0, 1).convert("0.02", None, None)
        Decimal('0.02')
        >>> DecimalRange(0, 1).convert("Infinity", None, None)
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: 'Infinity' is not a finite number
    """

    name = "number"

    def __init__(self, minimum: Decimal | int, maximum: Decimal | int) -> None:
        self.minimum = Decimal(minimum)
        self.maximum = Decimal(maximum)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The value as a :class:`~decimal.Decimal`, or a usage error saying why not."""
        if isinstance(value, Decimal):
            number = value
        else:
            try:
                number = Decimal(str(value).strip())
            except InvalidOperation:
                self.fail(f"{value!r} is not a number", param, ctx)
        if not number.is_finite():
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if not self.minimum <= number <= self.maximum:
            if number < self.minimum and self.minimum == 0:
                self.fail(f"{value} must not be negative", param, ctx)
            self.fail(f"{value} is not between {self.minimum:,} and {self.maximum:,}", param, ctx)
        return number


class FiniteFloat(click.FloatRange):
    """A finite float, optionally within a range (``nan`` and ``inf`` are refused).

    Examples:
        >>> FiniteFloat(min=0).convert("2.5", None, None)
        2.5
        >>> FiniteFloat(min=0).convert("nan", None, None)
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: 'nan' is not a finite number.
    """

    name = "float"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The value as a float, or a usage error saying why not."""
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return super().convert(number, param, ctx)


def suffixes(
    *allowed: str, kind: str = "file", load: Callable[[], Iterable[str]] | None = None
) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """An option callback refusing a file whose suffix is not one of ``allowed``.

    Args:
        allowed: The suffixes, with their dot (``".csv"``), compared case-insensitively.
        kind: What the file is, for the message (``"table"``, ``"graph file"``).
        load: Instead of ``allowed``, gives the suffixes when a file is first checked
            (for suffixes defined in a heavy module).

    Returns:
        The callback, for ``click.option(..., callback=...)``.

    Examples:
        >>> check = suffixes(".csv", ".json", kind="table")
        >>> check(None, None, "table.CSV")
        'table.CSV'
        >>> check(None, None, "table.txt")
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: table.txt: unsupported table type '.txt': use .csv or .json
    """

    def callback(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
        nonlocal allowed
        if value is None:
            return value
        if load is not None and not allowed:
            allowed = tuple(load())
        suffix = Path(value).suffix.lower()
        if suffix not in allowed:
            choices = ", ".join(allowed[:-1]) + f" or {allowed[-1]}" if len(allowed) > 1 else ""
            raise click.BadParameter(
                f"{value}: unsupported {kind} type {suffix!r}: use {choices or allowed[0]}",
                ctx,
                param,
            )
        return value

    return callback


def inputs(*sources: str | None) -> list[str]:
    """The local files behind a command's inputs, for :func:`check_output`.

    Args:
        sources: Hub files, store URLs (a SQLite store's database, with its ``-wal``,
            ``-shm`` and ``-journal`` files), secret files, registers; ``None`` is
            skipped, as are stores without a local file (PostgreSQL).

    Returns:
        The paths, as given or as in the URL.

    Examples:
        >>> inputs("hub.json", None, "sqlite:///out/hub.db")[:3]
        ['hub.json', 'out/hub.db', 'out/hub.db-wal']
        >>> inputs("postgresql+psycopg://host/db")
        []
    """
    found: list[str] = []
    for source in sources:
        if source is None:
            continue
        local = _database(source)
        if local is None:
            continue
        found.append(local)
        if "://" in source:
            found.extend(f"{local}{tail}" for tail in ("-wal", "-shm", "-journal"))
    return found


def _same(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return first.resolve() == second.resolve()


def check_secret(secret_file: str, hub: str) -> None:
    """Refuse a secret file that is the hub itself (or a store's database).

    A secret read from the hub would be known to everyone who has the hub, and so would
    every pseudonym made from it.

    Args:
        secret_file: The ``--secret-file`` given.
        hub: The hub file or store URL.

    Raises:
        click.BadParameter: The two are one file (exit status 2).

    Examples:
        >>> check_secret("hub.json.secret", "hub.json")
        >>> check_secret("./hub.json", "hub.json")
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: ./hub.json is the hub itself: give the hub's own secret, kept apart from it
    """
    for source in inputs(hub):
        if _same(Path(secret_file), Path(source)):
            raise click.BadParameter(
                f"{secret_file} is the hub itself: give the hub's own secret, kept apart from it",
                param_hint="--secret-file",
            )


def check_output(
    output: str,
    sources: Sequence[str | None] | Iterable[str | None],
    *,
    param: str = "--output",
    folder: bool = False,
) -> None:
    """Refuse an output that would overwrite an input, or that cannot be written.

    Call it before any work, so a refused command leaves nothing behind.

    Args:
        output: The file (or, with ``folder=True``, the folder) the command writes.
        sources: The command's inputs, as the user gave them (see :func:`inputs`).
        param: The option's name, for the message.
        folder: ``output`` is a folder, made if need be, that must neither be nor hold
            an input (the report's folder is meant to be shared: the hub and its secret
            stay out of it).

    Raises:
        click.BadParameter: The output is an input, holds one, is a folder where a file
            is wanted, or its folder does not exist (exit status 2).

    Examples:
        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as name:
        ...     hub = pathlib.Path(name) / "hub.json"
        ...     _ = hub.write_text("{}")
        ...     check_output(str(hub), [str(hub)])
        Traceback (most recent call last):
        ...
        click.exceptions.BadParameter: .../hub.json would overwrite the input .../hub.json: choose another output
    """
    target = Path(output)
    for source in inputs(*sources):
        given = Path(source)
        if not given.exists():
            continue
        if target.exists() and _same(target, given):
            raise click.BadParameter(
                f"{output} would overwrite the input {source}: choose another output",
                param_hint=param,
            )
        if folder and given.resolve().is_relative_to(target.resolve()):
            raise click.BadParameter(
                f"the folder {output} would hold the input {source}, and whoever gets the "
                "folder would get it too: choose a folder of its own",
                param_hint=param,
            )
    if folder:
        return
    if target.is_dir():
        raise click.BadParameter(f"{output} is a folder: name a file", param_hint=param)
    parent = target.parent
    if not parent.is_dir():
        raise click.BadParameter(
            f"no folder {parent} to write {target.name} into", param_hint=param
        )
