r"""The ``coinnovation import`` command: a sign-in sheet or register into a hub file.

``coinnovation import REGISTER --into HUB`` reads the register with
:func:`~coinnovation.io.registers.read_register`, adds its people, organisations,
sessions and participations to the hub in ``HUB`` (created when the file does not exist)
and saves it atomically. Nothing is written unless the whole register is sound (or
``--skip-bad-rows`` is given) and ``--dry-run`` is not. Exit status: 0 imported, 1 a bad
register (each problem is listed on standard error with its row and column) or an
invalid hub, 2 a file that cannot be read or a usage error.

Examples:
    >>> import pathlib, tempfile
    >>> from coinnovation.cli import main
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     register = pathlib.Path(folder) / "sign-in.csv"
    ...     _ = register.write_text("Name,Session,Date\nAna Silva,Launch,22/06/2023\n")
    ...     hub = pathlib.Path(folder) / "hub.json"
    ...     status = main(["import", str(register), "--into", str(hub)])  # doctest: +ELLIPSIS
    ...     print(status, hub.exists())
    /.../sign-in.csv: 1 rows read, 1 imported, 0 skipped
    added: 1 person, 1 session, 1 participation
    reused: nothing
    wrote /.../hub.json
    0 True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from coinnovation.cli._errors import failure
from coinnovation.cli._options import check_output, inputs
from coinnovation.cli.commands import _Invalid, _is_store, _load, _Unreadable, app
from coinnovation.errors import (
    CoinnovationError,
    FileFormatError,
    MissingDependencyError,
    RegisterError,
    StoreError,
)
from coinnovation.io.files import format_of, save
from coinnovation.io.registers import (
    PRESETS,
    Preset,
    RegisterImport,
    RegisterMapping,
    read_register,
)
from coinnovation.models.hub import Hub
from coinnovation.models.vocabularies import SessionKind

__all__ = ["import_register"]


# The target of an import: a hub file (read whole, written atomically) or a SQL store
# (read and written in one locked transaction).


def _open_target(into: str) -> Hub:
    """The hub in the target file, or an empty hub when the file does not exist yet."""
    try:
        format_of(into)
    except FileFormatError as error:
        raise click.BadParameter(error.problems[0].message, param_hint="--into") from None
    if not Path(into).exists():
        return Hub()
    return _load(into, None)


def _import_into_store(
    url: str, imported: Callable[[Hub], RegisterImport], *, dry_run: bool
) -> RegisterImport:
    """Import into a SQL store in one write transaction.

    The rows are read against the stored hub as it stands under the store's lock, and only
    the new records are written (:meth:`~coinnovation.io.store.StoreTransaction.add_missing`).
    """
    from coinnovation.io.store import Store

    if dry_run:  # read what is there (nothing, if no store yet); write nothing
        try:
            with Store(url, create=False) as store:
                return imported(store.load())
        except StoreError:
            return imported(Hub())
    try:
        with Store(url, create=True) as store, store.transaction() as change:
            result = imported(change.hub)
            change.add_missing(result.hub)
            return result
    except StoreError as error:
        raise _Unreadable(url, error) from None


def _save_target(hub: Hub, into: str) -> None:
    """Write the hub to the target file, atomically."""
    try:
        save(hub, into)
    except OSError as error:
        raise _Unreadable(into, error) from None


def _mapping(path: str | None) -> RegisterMapping | None:
    if path is None:
        return None
    try:
        return RegisterMapping.from_file(path)
    except OSError as error:
        raise _Unreadable(path, error) from None
    except CoinnovationError as error:
        problems = getattr(error, "problems", ())
        reason = "; ".join(str(problem) for problem in problems) or str(error)
        raise _Unreadable(path, reason) from None


def _preset(
    name: str | None,
    mapping: RegisterMapping | None,
    session: str | None,
    day: datetime | None,
    day_first: bool | None,
) -> Preset | None:
    """The preset chosen, with its options; the options without one are a usage error."""
    if name is None:
        given = [
            option
            for option, value in (
                ("--session", session),
                ("--day", day),
                ("--day-first", day_first),
            )
            if value is not None
        ]
        if given:
            raise click.UsageError(f"{', '.join(given)} go with --preset")
        return None
    if mapping is not None:
        raise click.UsageError("give --mapping or --preset, not both: a preset knows its columns")
    try:
        return PRESETS[name.casefold()].using(
            session=session, day=day.date() if day is not None else None, day_first=day_first
        )
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--session") from None


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"unknown time zone {name!r}: use an IANA name such as Europe/London",
            param_hint="--timezone",
        ) from None


@app.command("import")
@click.argument("register", type=click.Path(dir_okay=False))
@click.option(
    "--into",
    required=True,
    type=click.Path(dir_okay=False),
    help="The hub file (.json, .yaml) or SQL store URL (sqlite:///hub.db, postgresql+psycopg://...) "
    "to add to; created if it does not exist.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(dir_okay=False),
    help='A .json or .yaml file naming the register\'s columns, e.g. {"person": "Attendee"}.',
)
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows; list the bad ones.")
@click.option("--sheet", help="The worksheet to read in an Excel workbook.")
@click.option(
    "--timezone",
    "zone",
    default="Europe/London",
    show_default=True,
    help="The time zone of the register's dates and times.",
)
@click.option("--encoding", help="The CSV file's encoding [default: UTF-8].")
@click.option(
    "--session-kind",
    type=click.Choice([kind.value for kind in SessionKind]),
    default=SessionKind.MEETING.value,
    show_default=True,
    help="The kind of the sessions created.",
)
@click.option(
    "--preset",
    "preset_name",
    type=click.Choice(list(PRESETS), case_sensitive=False),
    help="The file is a vendor's attendance export: a Zoom participant report, a Teams "
    "attendance report, an Eventbrite attendee report or a Google/Microsoft Forms sign-in "
    "export, read by its own columns (--mapping is then not used).",
)
@click.option(
    "--session",
    "session_name",
    help="With --preset: the session's name, instead of the file's meeting topic or title "
    "(or its session column).",
)
@click.option(
    "--day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="With --preset: the session's day (YYYY-MM-DD), instead of the file's.",
)
@click.option(
    "--day-first/--month-first",
    "day_first",
    default=None,
    help="With --preset: whether numeric dates such as 05/06/2023 are day first or month "
    "first [default: as the preset's vendor writes them, or as the file shows].",
)
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_register(
    register: str,
    into: str,
    mapping_file: str | None,
    skip_bad_rows: bool,
    sheet: str | None,
    zone: str,
    encoding: str | None,
    session_kind: str,
    preset_name: str | None,
    session_name: str | None,
    day: datetime | None,
    day_first: bool | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import the sign-in sheet or attendance register REGISTER (.csv, .xlsx) into a hub.

    A .json REGISTER is read as Popolo JSON (people, organisations, memberships, events).

    People, organisations and sessions that the hub does not hold are created, the
    others reused; every row is checked first, and nothing is written unless all are
    sound (or --skip-bad-rows is given). Prints what was added, reused and skipped, and
    names that look alike (kept apart: merge them by hand if they are the same).

    \f

    Examples:
        >>> from coinnovation.cli import main
        >>> main(["import", "--help"])  # doctest: +ELLIPSIS
        Usage: coinnovation import [OPTIONS] REGISTER
        ...
        0
    """  # noqa: D301 - \f ends click's help text: the examples are for the API docs
    for written in inputs(into)[:1]:  # the hub file, or a SQLite store's database
        check_output(written, [register, mapping_file], param="--into")
    timezone = _zone(zone)
    if Path(register).suffix.lower() == ".json":  # a register is a sheet: JSON is Popolo
        from coinnovation.cli.popolo import import_popolo

        import_popolo(register, into, timezone=timezone, dry_run=dry_run, as_json=as_json)
        return
    mapping = _mapping(mapping_file)
    preset = _preset(preset_name, mapping, session_name, day, day_first)

    def imported(hub: Hub) -> RegisterImport:
        return read_register(
            register,
            mapping=mapping,
            into=hub,
            skip_bad_rows=skip_bad_rows,
            sheet=sheet,
            encoding=encoding,
            session_kind=session_kind,
            timezone=timezone,
            preset=preset,
        )

    try:
        if _is_store(into):
            result = _import_into_store(into, imported, dry_run=dry_run)
        else:
            result = imported(_open_target(into))
            if not dry_run:
                _save_target(result.hub, into)
    except OSError as error:
        raise _Unreadable(register, error) from None
    except MissingDependencyError as error:
        raise _Unreadable(register, error) from None
    except RegisterError as error:
        if as_json:
            report = {
                "ok": False,
                "register": register,
                "problems": [problem.to_dict() for problem in error.problems],
            }
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
            raise SystemExit(1) from None
        hint = (
            "" if skip_bad_rows else "\nnothing imported: fix these rows, or pass --skip-bad-rows"
        )
        raise _Invalid(f"{error}{hint}") from None
    except CoinnovationError as error:
        raise failure(error, register) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    _report(result, into, dry_run=dry_run, as_json=as_json)


def _report(result: RegisterImport, into: str, *, dry_run: bool, as_json: bool) -> None:
    if as_json:
        data: dict[str, Any] = {"ok": True, **result.to_dict()}
        data["written"] = None if dry_run else into
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(result.summary())
    click.echo(f"dry run: {into} not written" if dry_run else f"wrote {into}")


# The command's docstring is click's help text; doctest finds functions only, so name it.
__test__ = {"import_register": import_register.callback.__doc__ if import_register.callback else ""}
