"""The ``coinnovation export`` command: tables for a spreadsheet, with privacy applied.

``coinnovation export HUB --what people -o people.xlsx`` writes one table of the hub
(see :mod:`coinnovation.export.exports`). Tables that show pseudonymous people need the
hub's secret, found as the other commands find it (:meth:`Privacy.for_hub
<coinnovation.privacy.Privacy.for_hub>`): ``--secret-file PATH`` (which must exist);
else the ``COINNOVATION_SECRET`` environment variable when set; else a store's own secret;
else the file ``<HUB>.secret`` beside the hub file (``hub.json.secret`` for ``hub.json``),
created on first use, readable by its owner only, with a note on the terminal. Keep that file
with the hub and out of whatever you share: the same secret gives the same pseudonyms in
every export. Tables that show no one by pseudonym need no secret and create none.

Exit status: 0 success, 1 an invalid hub, 2 usage errors, a secret that cannot be read
and files that cannot be read or written.

Examples:
    >>> from coinnovation.cli.commands import run
    >>> run(["export", "--help"])  # doctest: +ELLIPSIS
    Usage: coinnovation export [OPTIONS] HUB
    ...
    0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coinnovation.errors import CoinnovationError, MissingDependencyError, PrivacyError

try:
    import click
except ImportError:  # pragma: no cover - exercised only without the extra
    raise MissingDependencyError("click", "cli", "the coinnovation command") from None

from coinnovation._optional import require
from coinnovation.cli._errors import failure
from coinnovation.cli._options import SEED, LazyChoice, check_output, suffixes
from coinnovation.cli.commands import (
    _SECRET_DEFAULT,
    _days,
    _inputs,
    _load,
    _network_options,
    _privacy,
    _Unreadable,
    app,
)

__all__: list[str] = []


def _exports() -> tuple[str, ...]:
    # The exports load networkx: only when --what is checked or shown.
    from coinnovation.export.exports import EXPORTS

    return (*EXPORTS, "popolo")


@app.command("export")
@click.argument("hub_file", metavar="HUB", type=click.Path(dir_okay=False))
@click.option(
    "--what",
    type=LazyChoice(_exports),
    required=True,
    help="Which table: one row per person, organisation, participation or network node; "
    "or popolo: people, organisations, memberships and sessions as Popolo JSON (.json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    callback=suffixes(".csv", ".xlsx", ".parquet", ".json", kind="table"),
    help="Where to write: .csv (UTF-8 with a byte-order mark), .xlsx (the excel extra) or "
    ".parquet (typed, for R, DuckDB, polars and Spark; the parquet extra).",
)
@click.option(
    "--secret-file",
    type=click.Path(dir_okay=False),
    help=f"The hub's secret, for pseudonyms {_SECRET_DEFAULT.replace('FILE', 'HUB')}.",
)
@_network_options
@click.option(
    "--attribute",
    default="sector",
    show_default=True,
    help="Measures: the node attribute that defines groups (E-I, brokerage).",
)
@click.option(
    "-k",
    "--sample",
    "k",
    type=click.IntRange(min=1),
    help="Measures: estimate betweenness from k sources (at most the nodes).",
)
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed for sampling.")
def _export(
    hub_file: str,
    what: str,
    output: str,
    secret_file: str | None,
    attribute: str,
    k: int | None,
    seed: int,
    **options: Any,
) -> None:
    """Export one table of the hub in HUB to a spreadsheet file, with privacy applied.

    People with consent 'named' appear by name; pseudonymous people by a stable
    pseudonym; excluded people are left out (their participations stay, with the person
    blank). The network options apply to --what measures.
    """
    from coinnovation.export.exports import export_rows, write_export

    if what == "popolo" or Path(output).suffix.lower() == ".json":
        if what != "popolo":
            raise click.BadParameter(
                f"{output}: .json is for --what popolo; tables are .csv, .xlsx or .parquet",
                param_hint="'-o' / '--output'",
            )
        from coinnovation.cli.popolo import export_popolo

        export_popolo(hub_file, output, secret_file, options["format_"])
        return
    check_output(output, _inputs(hub_file, secret_file))
    needed = {".xlsx": ("openpyxl", "excel", "writing .xlsx files")}
    needed[".parquet"] = ("pyarrow", "parquet", "writing Parquet files")
    if Path(output).suffix.lower() in needed:
        try:
            require(*needed[Path(output).suffix.lower()])
        except MissingDependencyError as error:
            raise _Unreadable(output, error) from None
    since, until = _days(options.pop("since"), options.pop("until"))
    hub = _load(hub_file, options.pop("format_"))
    level = options.pop("level")
    privacy = _privacy(hub, hub_file, secret_file)
    try:
        table = export_rows(
            hub,
            what,
            privacy=privacy,
            level=level,
            weight=options.pop("weight_scheme"),
            kind=options.pop("kinds") or None,
            since=since,
            until=until,
            nested=options.pop("nested"),
            min_weight=options.pop("min_weight"),
            max_session_size=options.pop("max_session_size"),
            oversize=options.pop("oversize"),
            attribute=attribute,
            k=k,
            seed=seed,
        )
    except PrivacyError as error:  # a secret that cannot be used names its own file
        raise failure(error) from None
    except CoinnovationError as error:
        raise failure(error, hub_file) from None
    except ValueError as error:
        if k is None:
            raise
        # -k beyond the network's nodes: the graph is built inside export_rows.
        raise click.BadParameter(str(error), param_hint="-k") from None
    try:
        write_export(table, output)
    except (CoinnovationError, OSError) as error:
        raise _Unreadable(output, error) from None
    noun = "row" if len(table) == 1 else "rows"
    click.echo(f"wrote {output}: {len(table)} {noun} of {what}")
