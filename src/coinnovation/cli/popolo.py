"""Popolo JSON on the command line: ``export --what popolo`` and ``import FILE.json``.

``coinnovation export HUB --what popolo -o hub.popolo.json`` writes the hub's people,
organisations, memberships and sessions as Popolo JSON (see
:mod:`coinnovation.export.popolo`), with the hub's privacy policy found as the other
exports find it. ``coinnovation import FILE.json --into HUB`` reads a Popolo file into a
hub file or a store (see :mod:`coinnovation.io.popolo`): a register is a spreadsheet, so
a ``.json`` file given to ``import`` is read as Popolo. The commands themselves live in
:mod:`coinnovation.cli.exporting` and :mod:`coinnovation.cli.importing`; these are the
steps they take for Popolo.

Examples:
    >>> import json, pathlib, tempfile
    >>> from coinnovation.cli import main
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = pathlib.Path(folder) / "people.json"
    ...     _ = source.write_text(json.dumps({"persons": [{"id": "p-1", "name": "Ana"}]}))
    ...     hub = pathlib.Path(folder) / "hub.json"
    ...     status = main(["import", str(source), "--into", str(hub)])  # doctest: +ELLIPSIS
    ...     print(status)
    /.../people.json: Popolo JSON
    added: 1 person
    wrote /.../hub.json
    0
"""

from __future__ import annotations

import json
from datetime import tzinfo
from pathlib import Path

import click

from coinnovation.cli._errors import failure
from coinnovation.cli._options import check_output
from coinnovation.cli.commands import _inputs, _is_store, _load, _privacy, _Unreadable
from coinnovation.errors import CoinnovationError, FileFormatError, PrivacyError, StoreError
from coinnovation.io.files import format_of, save
from coinnovation.models.hub import Hub

__all__: list[str] = []

_KINDS = (
    ("people", "person", "people"),
    ("organisations", "organisation", "organisations"),
    ("memberships", "membership", "memberships"),
    ("sessions", "session", "sessions"),
    ("participations", "participation", "participations"),
)


def export_popolo(hub_file: str, output: str, secret_file: str | None, format_: str | None) -> None:
    """Write the hub in ``hub_file`` as Popolo JSON to ``output`` (``export --what popolo``)."""
    from coinnovation.export.popolo import write_popolo

    if Path(output).suffix.lower() != ".json":
        raise click.BadParameter(
            f"{output}: Popolo is JSON: write a .json file", param_hint="'-o' / '--output'"
        )
    check_output(output, _inputs(hub_file, secret_file))
    hub = _load(hub_file, format_)  # type: ignore[arg-type]
    privacy = _privacy(hub, hub_file, secret_file)
    try:
        write_popolo(hub, output, privacy=privacy)
    except PrivacyError as error:
        raise failure(error) from None
    except (CoinnovationError, OSError) as error:
        raise _Unreadable(output, error) from None
    counts = f"{len(hub.people)} people, {len(hub.organisations)} organisations"
    click.echo(f"wrote {output}: Popolo JSON of {counts}, memberships and sessions")


def _added(before: Hub, after: Hub) -> str:
    parts = []
    for field, one, many in _KINDS:
        count = len(getattr(after, field)) - len(getattr(before, field))
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or "nothing"


def import_popolo(
    source: str, into: str, *, timezone: tzinfo, dry_run: bool, as_json: bool
) -> None:
    """Read the Popolo file ``source`` into the hub file or store ``into`` (``import``)."""
    from coinnovation.io.popolo import read_popolo

    try:
        if _is_store(into):
            from coinnovation.io.store import Store

            if dry_run:
                before = _store_hub(into)
                after = read_popolo(source, into=before, timezone=timezone)
            else:
                with Store(into, create=True) as store, store.transaction() as change:
                    before = change.hub
                    after = read_popolo(source, into=before, timezone=timezone)
                    change.add_missing(after)
        else:
            try:
                format_of(into)
            except FileFormatError as error:
                raise click.BadParameter(error.problems[0].message, param_hint="--into") from None
            before = _load(into, None) if Path(into).exists() else Hub()
            after = read_popolo(source, into=before, timezone=timezone)
            if not dry_run:
                save(after, into)
    except OSError as error:
        raise _Unreadable(source, error) from None
    except StoreError as error:
        raise _Unreadable(into, error) from None
    except CoinnovationError as error:
        raise failure(error, source) from None
    added = _added(before, after)
    written = None if dry_run else into
    if as_json:
        counts = {
            field: len(getattr(after, field)) - len(getattr(before, field))
            for field, _, _ in _KINDS
        }
        report = {"ok": True, "source": source, "format": "popolo", "added": counts}
        click.echo(json.dumps({**report, "written": written}, indent=2))
        return
    click.echo(f"{source}: Popolo JSON")
    click.echo(f"added: {added}")
    click.echo(f"dry run: {into} not written" if dry_run else f"wrote {into}")


def _store_hub(url: str) -> Hub:
    from coinnovation.io.store import Store

    try:
        with Store(url, create=False) as store:
            return store.load()
    except StoreError:
        return Hub()
