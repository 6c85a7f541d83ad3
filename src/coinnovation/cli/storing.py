"""The ``coinnovation store`` commands: keep a hub in a SQLite file or PostgreSQL.

``STORE`` is a database URL (``sqlite:///hub.db``, ``postgresql+psycopg://host/db``) or
the path of a SQLite file ending ``.db``, ``.sqlite`` or ``.sqlite3`` — the rule of
:func:`coinnovation.io.is_store`, which every command follows. Exit status: 0 success, 1
an invalid hub (in a file or in the store), 2 usage errors and stores that cannot be used
(missing, busy, a newer layout, read-only for a change).

Examples:
    >>> from coinnovation.cli.commands import run
    >>> run(["store", "--help"])  # doctest: +ELLIPSIS
    Usage: coinnovation store [OPTIONS] COMMAND [ARGS]...
    ...
    0
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from coinnovation.cli._errors import describe
from coinnovation.cli._options import check_output, inputs
from coinnovation.cli.commands import _Invalid, _load, _Unreadable, app
from coinnovation.errors import (
    FileFormatError,
    HubIntegrityError,
    MissingDependencyError,
    SchemaVersionError,
    StoreError,
    UnknownReferenceError,
)
from coinnovation.io.files import Format, dumps, format_of, save
from coinnovation.io.store import STORE_VERSION, Store, is_store

__all__ = ["store"]

_FORMAT = click.Choice(["json", "yaml"])


@contextmanager
def _opened(target: str, *, create: bool, schema: str | None) -> Iterator[Store]:
    """The store at a URL or SQLite path, with its errors as exit statuses."""
    try:
        if not is_store(target):
            raise ValueError(
                f"{target!r} names no store: give a database URL or a path ending .db, "
                ".sqlite or .sqlite3"
            )
        if "://" not in target and schema is not None:
            raise ValueError("--schema is for PostgreSQL; a SQLite store is a file of its own")
        opened = Store(target, create=create, schema=schema)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="STORE") from None
    except (StoreError, SchemaVersionError, MissingDependencyError) as error:
        raise _Unreadable(target, error) from None
    with opened:
        try:
            yield opened
        except (StoreError, SchemaVersionError) as error:
            raise _Unreadable(target, error) from None
        except (HubIntegrityError, FileFormatError, UnknownReferenceError) as error:
            raise _Invalid(describe(error, opened.url)) from None


def _schema_option(command: Any) -> Any:
    option = click.option(
        "--schema",
        help="PostgreSQL: the schema holding the hub's tables (default: the search path).",
    )
    return option(command)


@app.group()
def store() -> None:
    """Keep a hub in a database: a SQLite file or PostgreSQL.

    STORE is a database URL (sqlite:///hub.db, postgresql+psycopg://user@host/db) or the
    path of a SQLite file ending .db, .sqlite or .sqlite3.
    """


@store.command()
@click.argument("target", metavar="STORE")
@_schema_option
def init(target: str, schema: str | None) -> None:
    """Create an empty hub store in STORE (nothing changes if there is one)."""
    with _opened(target, create=True, schema=schema) as opened:
        click.echo(f"{opened.url}: hub store ready (layout version {opened.version})")


@store.command("save")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("target", metavar="STORE")
@_schema_option
@click.option("--format", "format_", type=_FORMAT, help="Read FILE as this format.")
def save_command(file: str, target: str, format_: Format | None, schema: str | None) -> None:
    """Replace the hub in STORE by the hub in FILE, in one transaction.

    Creates the store if needed. The store's secret (for pseudonyms) is kept.
    """
    for written in inputs(target)[:1]:  # a SQLite store's database
        check_output(written, [file], param="STORE")
    hub = _load(file, format_)
    with _opened(target, create=True, schema=schema) as opened:
        opened.save(hub)
        click.echo(f"{opened.url}: saved {opened.count()} records from {file}")


@store.command("load")
@click.argument("target", metavar="STORE")
@_schema_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write a hub file (replaced atomically) instead of printing JSON.",
)
@click.option("--format", "format_", type=_FORMAT, help="Write this format, whatever the suffix.")
def load_command(
    target: str, output: str | None, format_: Format | None, schema: str | None
) -> None:
    """Read the hub in STORE, check it, and print it or write it to a hub file."""
    if output is not None:
        check_output(output, [target])
    with _opened(target, create=False, schema=schema) as opened:
        hub = opened.load()
    try:
        if output is None:
            click.echo(dumps(hub, format_ or "json"), nl=False)
            return
        try:
            format_of(output, format_)
        except FileFormatError as error:
            message = error.problems[0].message
            raise click.BadParameter(message, param_hint="--output") from None
        try:
            save(hub, output, format=format_)
        except OSError as error:
            raise _Unreadable(output, error) from None
    except MissingDependencyError as error:
        raise _Unreadable(output or "-", error) from None
    click.echo(f"wrote {output}", err=True)


@store.command()
@click.argument("target", metavar="STORE")
@_schema_option
@click.option(
    "--to",
    "to",
    type=click.IntRange(1, STORE_VERSION),
    help="Stop at this layout version.",
)
def migrate(target: str, to: int | None, schema: str | None) -> None:
    """Bring the tables of STORE up to this library's layout. Back it up first."""
    with _opened(target, create=False, schema=schema) as opened:
        applied = opened.migrate(to=to)
        if applied:
            steps = ", ".join(str(version) for version in applied)
            click.echo(f"{opened.url}: applied migration {steps}; now at version {applied[-1]}")
        else:
            click.echo(f"{opened.url}: up to date (layout version {opened.version})")


@store.command()
@click.argument("target", metavar="STORE")
@_schema_option
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
def info(target: str, as_json: bool, schema: str | None) -> None:
    """Describe STORE: its layout version, its migrations and its records."""
    with _opened(target, create=False, schema=schema) as opened:
        version = opened.version
        history = opened.history()
        counts: dict[str, int] | None = None
        name = None
        if version == STORE_VERSION:
            from coinnovation.models.records import RECORD_TYPES

            counts = {field: opened.count(field) for _, field, _ in RECORD_TYPES}
            name = opened.load().name
    result: dict[str, Any] = {
        "store": opened.url,
        "version": version,
        "library_version": STORE_VERSION,
        "migrations": [
            {
                "version": step.version,
                "description": step.description,
                "applied_at": step.applied_at.isoformat(),
            }
            for step in history
        ],
        "name": name,
        "records": counts,
    }
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"store: {opened.url}")
    click.echo(f"layout version: {version} (this library: {STORE_VERSION})")
    for step in history:
        click.echo(f"  {step.version}  {step.applied_at:%Y-%m-%d %H:%M} UTC  {step.description}")
    if version == 0:
        click.echo("no hub store here yet: run `coinnovation store init STORE`")
        return
    if counts is None:
        click.echo("run `coinnovation store migrate STORE` to bring it up to date")
        return
    click.echo(f"hub: {name if name is not None else '(no name)'}")
    shown = ", ".join(f"{field} {count}" for field, count in counts.items() if count)
    click.echo(f"records: {sum(counts.values())}" + (f" ({shown})" if shown else ""))
