"""The commands of the ``coinnovation`` command line (click).

Each command is a thin layer: it loads files through :mod:`coinnovation.io`, calls the
library, and prints. Exit status (see :mod:`coinnovation.cli._errors`): 0 success; 1 an
invalid hub, or records that do not allow what was asked; 2 misuse (a bad option, an
output onto an input) and files, stores or extras that cannot be used.

Examples:
    >>> run(["schema", "--help"])  # doctest: +ELLIPSIS
    Usage: coinnovation schema [OPTIONS]
    ...
    0
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from coinnovation.errors import (
    CoinnovationError,
    FileFormatError,
    HubIntegrityError,
    MissingDependencyError,
    PrivacyError,
    Problem,
    UnreadableFileError,
)

try:
    import click
except ImportError:  # pragma: no cover - exercised only without the extra
    raise MissingDependencyError("click", "cli", "the coinnovation command") from None

import coinnovation
from coinnovation.cli._errors import (
    CommandError,
    InvalidHubError,
    describe,
    exit_status,
    failure,
)
from coinnovation.cli._options import (
    SEED,
    DecimalRange,
    FiniteFloat,
    check_output,
    check_secret,
    suffixes,
)
from coinnovation.io import Format, atomic_write, is_store, json_schema, load
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import record_kinds
from coinnovation.models.vocabularies import ParticipationLevel, Sector, SessionKind
from coinnovation.report.summary import summarise

if TYPE_CHECKING:
    from coinnovation.privacy import Privacy

__all__ = ["app", "run"]

_FORMAT = click.Choice(["json", "yaml"])
#: Where the commands find the hub's secret when --secret-file is not given (see _privacy).
_SECRET_DEFAULT = (
    "[default: $COINNOVATION_SECRET, else a store's own secret, else FILE.secret beside "
    "the hub, created on first use]"
)
# Sums of money the command takes: finite, not negative, and short of a quadrillion.
_MONEY = DecimalRange(0, 10**15)


class _Invalid(InvalidHubError):  # noqa: N818 - the name other modules import
    """A hub that is not valid, or cannot give what was asked: exit status 1."""


class _Unreadable(CommandError):  # noqa: N818
    """A file, folder or store that cannot be read or written: exit status 2."""

    def __init__(self, path: str, reason: str | BaseException) -> None:
        super().__init__(describe(reason, path))


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind,
        "record": problem.record,
        "field": problem.field,
        "message": problem.message,
    }


class _StoreSecret:
    """The secret a store keeps, read (through the store) when a pseudonym is first needed."""

    def __init__(self, url: str) -> None:
        self.url = url

    def secret(self) -> bytes:
        from coinnovation.io.store import Store

        try:
            with Store(self.url, create=False) as opened:
                return opened.secret()
        except CoinnovationError as error:
            raise _Unreadable(self.url, error) from None


def _created(path: Path) -> None:
    """The note on standard error when the secret beside a hub file is made."""
    click.echo(
        f"created {path}: the secret behind this hub's pseudonyms; keep it, never share it",
        err=True,
    )


def _privacy(hub: Hub, hub_path: str, secret_file: str | None) -> Privacy:
    """The hub's privacy policy, for an output that shows people (any level, any format).

    :meth:`Privacy.for_hub <coinnovation.privacy.Privacy.for_hub>` finds the secret:
    ``--secret-file`` (it must exist, and is read at once, so a wrong one is always an
    error), else $COINNOVATION_SECRET, else a store's own, else ``HUB.secret`` beside the
    hub file, made on first use with a note on standard error. All but the first are read
    only when a pseudonym is first needed: an output that shows nobody under a pseudonym
    needs, and makes, no secret. A secret that cannot be used is a
    :class:`~coinnovation.errors.PrivacyError` naming its file (exit status 2).
    """
    from coinnovation.privacy import Privacy

    if secret_file is not None:
        check_secret(secret_file, hub_path)
        if not Path(secret_file).exists():
            raise _Unreadable(
                str(Path(secret_file)),
                "no such secret file (leave out --secret-file to use, or make, one beside the hub)",
            )
        try:
            return Privacy.for_hub(hub, secret_file=secret_file)
        except (CoinnovationError, OSError) as error:
            raise _Unreadable(secret_file, error) from None
    if is_store(hub_path):
        return Privacy.for_hub(hub, store=_StoreSecret(hub_path))
    return Privacy.for_hub(hub, hub_file=hub_path, on_create=_created)


def _secret_option(command: Any) -> Any:
    """The ``--secret-file`` option of a command whose output shows people."""
    return click.option(
        "--secret-file",
        type=click.Path(dir_okay=False),
        help=f"The hub's secret for pseudonyms {_SECRET_DEFAULT}.",
    )(command)


def _inputs(file: str, secret_file: str | None) -> list[str | None]:
    """What a command reads, for :func:`check_output`: the hub (file or store), its secret."""
    return [file, secret_file, f"{file}.secret"]


# What names a store (a URL, or a path ending .db, .sqlite or .sqlite3) is one public rule,
# coinnovation.io.is_store, which every command follows.
_is_store = is_store


def _read(path: str, format: Format | None) -> Hub:
    """The hub in a hub file or a store; the library's error when it is invalid.

    Raises:
        _Unreadable: No such file or store, a device, a bad URL, a missing extra.
        CoinnovationError: The hub is not valid (``FileFormatError``,
            ``HubIntegrityError``); a store's errors name the store.
    """
    if is_store(path):
        from coinnovation.io.store import Store

        try:
            with Store(path, create=False) as opened:
                return opened.load()
        except (HubIntegrityError, FileFormatError):  # records that do not fit
            raise
        except (CoinnovationError, ValueError) as error:  # no store there, a bad URL ...
            raise _Unreadable(path, error) from None
    try:
        return load(path, format=format)
    except OSError as error:
        raise _Unreadable(path, error) from None
    except UnreadableFileError as error:  # a device, a file over the size limit: one line
        raise _Unreadable(path, "; ".join(p.message for p in error.problems)) from None
    except MissingDependencyError as error:  # a YAML file without PyYAML ...
        raise _Unreadable(path, error) from None


def _load(path: str, format: Format | None) -> Hub:
    """The hub in a hub file, or in the store a URL or ``.db`` path names."""
    try:
        return _read(path, format)
    except CoinnovationError as error:
        raise _Invalid(describe(error, path)) from None


# `--help` first: click before 8.1.4 names the first of these in "Try ... for help".
@click.group(context_settings={"help_option_names": ["--help", "-h"]})
@click.version_option(
    coinnovation.__version__, prog_name="coinnovation", message="%(prog)s %(version)s"
)
def app() -> None:
    """Community co-innovation hubs: check, describe, analyse, share, report and store them.

    Wherever a command reads a hub FILE, a SQL store works too (hub.db, sqlite:///hub.db,
    postgresql+psycopg://user@host/db). Exit status: 0 success; 1 an invalid hub, or
    records that do not allow what was asked; 2 misuse (a bad option, an output onto an
    input) and files, stores or extras that cannot be used.
    """


@app.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(files: tuple[str, ...], format_: Format | None, as_json: bool) -> None:
    """Check hub FILES (or stores): every record, reference and total.

    Prints each file's status; lists every problem with its record and field. Exits 1
    when any file is invalid.
    """
    results: list[dict[str, Any]] = []
    invalid = False
    for path in files:
        try:
            hub = _read(path, format_)
        except CoinnovationError as error:
            invalid = True
            problems = getattr(error, "problems", ())
            results.append(
                {"file": path, "valid": False, "problems": [_problem_dict(p) for p in problems]}
            )
            if not as_json:
                click.echo(f"{path}: invalid\n{error}")
            continue
        records = sum(len(records) for _, _, records in record_kinds(hub))
        results.append({"file": path, "valid": True, "records": records, "problems": []})
        if not as_json:
            click.echo(f"{path}: ok — {records} records")
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if invalid:
        raise SystemExit(1)


@app.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of a hub file."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        check_output(output, [])
        try:
            atomic_write(Path(output), text.encode("utf-8"))
        except OSError as error:
            raise _Unreadable(output, error) from None
        click.echo(f"wrote {output}", err=True)


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_secret_option
def summary(file: str, format_: Format | None, as_json: bool, secret_file: str | None) -> None:
    """Describe the hub in FILE: records, sectors, sessions, stages.

    People mentioned in names (of the hub, of sessions) appear by name only if they
    consented; others under a stable pseudonym, and people excluded not at all.
    """
    hub = _load(file, format_)
    result = summarise(hub)
    privacy = _privacy(hub, file, secret_file)
    if as_json:
        click.echo(json.dumps(privacy.data(result.to_dict()), indent=2, ensure_ascii=False))
    else:
        click.echo(privacy.text(result.to_text()))


_LEVEL = click.Choice(["person", "organisation", "sector"])
# The columns printed by default: the rest are in -o files and --columns all.
_SHOWN = (
    "name",
    "sector",
    "degree",
    "strength",
    "betweenness",
    "eigenvector",
    "constraint",
    "ei",
    "brokerage",
)
_WEIGHT = click.Choice(["count", "newman"])


@functools.cache
def _numbers() -> tuple[str, ...]:
    """The columns of node_measures that hold numbers, which rows sort by.

    Read from the network modules when an option is first checked, so that commands
    which build no network (and ``--version``) never import networkx.
    """
    from coinnovation.network.centrality import MEASURES
    from coinnovation.network.groups import ROLES

    return (
        *MEASURES,
        "size",
        "effective_size",
        "efficiency",
        "constraint",
        "hierarchy",
        "ei",
        *(role for role in ROLES if role != "total"),
        "brokerage",
    )


@functools.cache
def _columns() -> tuple[str, ...]:
    """Every column of node_measures: who the node is, then the numbers."""
    from coinnovation.network.measures import DESCRIPTIVE

    return (*DESCRIPTIVE, *_numbers())


def _graph_suffixes() -> tuple[str, ...]:
    from coinnovation.export.graphs import GraphFormat

    return tuple(f".{name}" for name in get_args(GraphFormat) if name != "kumu")  # .kumu.json


def _sort_column(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--sort``: a column of numbers."""
    if value not in _numbers():
        kind = "a column of text" if value in _columns() else "no column"
        raise click.BadParameter(
            f"{kind} {value!r}; sort by one of {', '.join(_numbers())}", ctx, param
        )
    return value


def _column_list(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--columns``: known columns, comma-separated, or ``all``."""
    if value != "all":
        for name in (column for column in value.split(",") if column):
            if name not in _columns():
                raise click.BadParameter(
                    f"no column {name!r}; choose from {', '.join(_columns())} or 'all'",
                    ctx,
                    param,
                )
    return value


_MAX_SESSION_SIZE = click.option(
    "--max-session-size",
    type=click.IntRange(min=1),
    help="Skip (or, with --oversize downweight, down-weight) sessions with more actors "
    "than this: a plenary ties everyone who attends.",
)
_OVERSIZE = click.option(
    "--oversize",
    type=click.Choice(["skip", "downweight"]),
    default="skip",
    show_default=True,
    help="What --max-session-size does to larger sessions: leave them out, or keep their "
    "ties at 1/(n-1) each.",
)


def _network_options(command: Any) -> Any:
    """The options that choose which collaboration network to build."""
    options = [
        click.option(
            "--level",
            type=_LEVEL,
            default="organisation",
            show_default=True,
            help="Who the nodes are.",
        ),
        click.option(
            "--weight",
            "weight_scheme",
            type=_WEIGHT,
            default="count",
            show_default=True,
            help="Shared sessions, or Newman's 1/(n-1) weights.",
        ),
        click.option(
            "--nested",
            type=click.Choice(["own", "subtree"]),
            default="own",
            show_default=True,
            help="Count a session's own participants, or its whole subtree's.",
        ),
        click.option(
            "--since",
            type=click.DateTime(["%Y-%m-%d"]),
            metavar="YYYY-MM-DD",
            help="Only sessions starting on or after this day.",
        ),
        click.option(
            "--until",
            type=click.DateTime(["%Y-%m-%d"]),
            metavar="YYYY-MM-DD",
            help="Only sessions starting on or before this day.",
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            type=click.Choice([kind.value for kind in SessionKind]),
            help="Only sessions of this kind (repeatable), e.g. --kind table.",
        ),
        click.option("--min-weight", type=FiniteFloat(min=0), help="Drop ties lighter than this."),
        _MAX_SESSION_SIZE,
        _OVERSIZE,
        click.option(
            "--format",
            "format_",
            type=_FORMAT,
            help="Read the hub as this format, whatever the suffix.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _days(since: datetime | None, until: datetime | None) -> tuple[date | None, date | None]:
    """The days of ``--since`` and ``--until``; a usage error when none lies between them."""
    if since is not None and until is not None and since > until:
        raise click.BadParameter(
            f"{since:%Y-%m-%d} is after --until {until:%Y-%m-%d}: no session could count",
            param_hint="--since",
        )
    return (since.date() if since else None, until.date() if until else None)


def _build(file: str, options: dict[str, Any]) -> tuple[Hub, Any]:
    """The hub in ``file`` and its collaboration graph, built from the network options."""
    from coinnovation.network.build import collaboration_graph

    since, until = _days(options.pop("since"), options.pop("until"))
    hub = _load(file, options.pop("format_"))
    try:
        return hub, collaboration_graph(
            hub,
            level=options.pop("level"),
            weight=options.pop("weight_scheme"),
            kind=options.pop("kinds") or None,  # no --kind: every session
            nested=options.pop("nested"),
            since=since,
            until=until,
            min_weight=options.pop("min_weight"),
            max_session_size=options.pop("max_session_size"),
            oversize=options.pop("oversize"),
            **options,
        )
    except CoinnovationError as error:
        raise failure(error, file) from None


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_network_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    callback=suffixes(kind="graph file", load=_graph_suffixes),
    help="Where to write: .gexf (Gephi), .graphml, .json (D3), .kumu.json (Kumu), .csv or "
    ".parquet (edges).",
)
@_secret_option
def network(file: str, output: str, secret_file: str | None, **options: Any) -> None:
    """Build the collaboration network of the hub in FILE and write it to a file.

    People appear by name only if they consented; others under a stable pseudonym, and
    people excluded from exports not at all — as nodes, and in every attribute (such as
    the people an organisation network leaves out for want of an organisation).
    """
    from coinnovation.export.graphs import write_graph

    check_output(output, _inputs(file, secret_file))
    hub, graph = _build(file, options)
    privacy = _privacy(hub, file, secret_file)
    try:
        write_graph(graph, output, privacy=privacy)
    except PrivacyError as error:  # a secret that cannot be used names its own file
        raise failure(error) from None
    except (CoinnovationError, OSError) as error:
        raise _Unreadable(output, error) from None
    level, scheme = graph.graph.get("level"), graph.graph.get("weight_scheme")
    click.echo(
        f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties "
        f"({level} level, {scheme} weights)"
    )


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_network_options
@click.option(
    "--attribute",
    default="sector",
    show_default=True,
    help="The node attribute that defines groups (E-I, brokerage).",
)
@click.option(
    "--sort",
    "sort_by",
    metavar="COLUMN",
    default="betweenness",
    show_default=True,
    callback=_sort_column,
    help="Sort rows by this column of numbers, highest first.",
)
@click.option("--top", type=click.IntRange(min=0), help="Show only this many rows.")
@_secret_option
@click.option(
    "--columns",
    default=",".join(_SHOWN),
    show_default=True,
    callback=_column_list,
    help="Comma-separated columns to print, or 'all'.",
)
@click.option(
    "-k",
    "--sample",
    "k",
    type=click.IntRange(min=1),
    help="Estimate betweenness from this many sampled sources (at most the nodes).",
)
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed for sampling.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    callback=suffixes(".csv", ".json", kind="table"),
    help="Write the full table to .csv or .json instead of printing it.",
)
def metrics(
    file: str,
    attribute: str,
    sort_by: str,
    top: int | None,
    secret_file: str | None,
    columns: str,
    k: int | None,
    seed: int,
    output: str | None,
    **options: Any,
) -> None:
    """Per-node network measures of the hub in FILE: centrality, holes, E-I, brokerage."""
    from coinnovation.export.tables import write_table
    from coinnovation.network.groups import ei_index
    from coinnovation.network.measures import node_measures
    from coinnovation.report.tables import format_table, format_value

    if output is not None:
        check_output(output, _inputs(file, secret_file))
    level = options.get("level")
    hub, graph = _build(file, options)
    if k is not None and k > graph.number_of_nodes():
        raise click.BadParameter(
            f"{k} sources, but the network has {graph.number_of_nodes()} nodes: "
            "leave -k out for exact betweenness",
            param_hint="-k",
        )
    grouped = attribute if graph.number_of_nodes() else None
    try:
        table = node_measures(graph, attribute=grouped, k=k, seed=seed, default="unknown")
    except CoinnovationError as error:
        raise failure(error, file) from None
    table = _privacy(hub, file, secret_file).node_table(table, people=level == "person")
    if output is not None:
        try:
            write_table(table, output)
        except (CoinnovationError, OSError) as error:
            raise _Unreadable(output, error) from None
        click.echo(f"wrote {output}: {len(table)} rows", err=True)
        return
    shown = list(table.names) if columns == "all" else [c for c in columns.split(",") if c]
    for name, hint in [*((c, "--columns") for c in shown), (sort_by, "--sort")]:
        if name not in table.names and len(table):
            raise click.BadParameter(
                f"no column {name!r}; choose from {', '.join(table.names)}", param_hint=hint
            )
    nodes, ties = graph.number_of_nodes(), graph.number_of_edges()
    level, scheme = graph.graph.get("level"), graph.graph.get("weight_scheme")
    click.echo(f"{nodes} nodes, {ties} ties ({level} level, {scheme} weights)")
    if grouped is not None and ties:
        ei = ei_index(graph, attribute, default="unknown")
        click.echo(
            f"E-I index by {attribute}: {format_value(ei.whole)} "
            f"(expected at random {format_value(ei.expected)})"
        )
    if len(table):
        click.echo("")
        click.echo(format_table(table, columns=shown, sort=sort_by, limit=top))


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--level",
    type=_LEVEL,
    default="organisation",
    show_default=True,
    help="Who the nodes of the network are (centrality, brokerage).",
)
@click.option(
    "--weight",
    "weight_scheme",
    type=_WEIGHT,
    default="newman",
    show_default=True,
    help="Tie weights of the network.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in SessionKind]),
    help="Build the network from sessions of this kind only (repeatable), e.g. --kind table.",
)
@click.option(
    "--sector",
    type=click.Choice([sector.value for sector in Sector]),
    default=Sector.COMMUNITY.value,
    show_default=True,
    help="The sector measured against the others.",
)
@click.option(
    "--threshold",
    type=click.Choice([level.value for level in ParticipationLevel]),
    default=ParticipationLevel.INVOLVE.value,
    show_default=True,
    help="The IAP2 level that counts as taking part (throughout).",
)
@_MAX_SESSION_SIZE
@_OVERSIZE
@click.option(
    "--permutations",
    type=click.IntRange(min=1, max=10_000_000),
    help="Test centrality and brokerage against this many random relabellings of the "
    "sectors: a p-value for each.",
)
@click.option(
    "--resamples",
    type=click.IntRange(min=1, max=1_000_000),
    help="Bootstrap every indicator over this many resamples of the sessions: a 95 % "
    "interval for each.",
)
@click.option(
    "--seed", type=SEED, default=0, show_default=True, help="Seed of the tests and resamples."
)
@click.option("--explain", "full", is_flag=True, help="Also print each indicator's definition.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@_secret_option
def heart(
    file: str,
    level: str,
    weight_scheme: str,
    kinds: tuple[str, ...],
    sector: str,
    threshold: str,
    max_session_size: int | None,
    oversize: str,
    permutations: int | None,
    resamples: int | None,
    seed: int,
    full: bool,
    as_json: bool,
    format_: Format | None,
    secret_file: str | None,
) -> None:
    """Is the community at the heart of the hub in FILE? Six indicators, with evidence.

    With --permutations, centrality and brokerage each get a p-value: how often random
    relabellings of the sectors do as well; with --resamples, every indicator gets a
    bootstrap interval over the sessions. People appear by name or id only if they
    consented; others under a stable pseudonym, and people excluded not at all.
    """
    from coinnovation.heart import heart_report

    hub = _load(file, format_)
    try:
        options: dict[str, Any] = {
            "sector": sector,
            "level": level,
            "weight": weight_scheme,
            "kind": kinds or None,
            "level_threshold": threshold,
            "max_session_size": max_session_size,
            "oversize": oversize,
        }
        if permutations or resamples:
            from coinnovation.inference import heart_report_tested

            report = heart_report_tested(
                hub,
                permutations=permutations or 0,
                resamples=resamples or 0,
                seed=seed,
                **options,
            )
        else:
            report = heart_report(hub, **options)
    except CoinnovationError as error:
        raise failure(error, file) from None
    except ValueError as error:  # sessions the bootstrap cannot resample: choose others
        if not resamples:
            raise
        raise click.BadParameter(str(error), param_hint="--resamples") from None
    report = report.shared(_privacy(hub, file, secret_file))
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(report.explain(brief=not full))


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("challenge")
@click.option("--json", "as_json", is_flag=True, help="Print the graph as JSON (nodes, links).")
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@_secret_option
def lineage(
    file: str, challenge: str, as_json: bool, format_: Format | None, secret_file: str | None
) -> None:
    """Trace CHALLENGE in FILE: framings, contributions, solutions, agreements, outcomes.

    Authors, and people mentioned in the texts, appear by name or id only if they
    consented; others under a stable pseudonym, and people excluded not at all.
    """
    import networkx as nx

    from coinnovation.lineage import lineage as trace
    from coinnovation.lineage import lineage_steps

    hub = _load(file, format_)
    try:
        graph = trace(hub, challenge)
    except CoinnovationError as error:
        raise failure(error, file) from None
    graph = _privacy(hub, file, secret_file).graph(graph)
    if as_json:
        data = nx.node_link_data(graph, edges="links")
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    for depth, relation, node, kind in lineage_steps(graph):
        attributes = graph.nodes[node]
        label = str(attributes.get("label", ""))
        if len(label) > 70:
            label = label[:69] + "…"
        where = [
            str(attributes[key])
            for key in ("session", "on", "stage", "status")
            if key in attributes
        ]
        suffix = f" [{', '.join(where)}]" if where else ""
        arrow = "" if depth == 0 else f"{relation} → "
        click.echo(f"{'  ' * depth}{arrow}{kind} {node}: {label}{suffix}")


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("agreement")
@click.option(
    "--rule",
    type=click.Choice(
        ["equal", "proportional", "contribution_weighted", "shapley", "myerson", "nucleolus"]
    ),
    default="shapley",
    show_default=True,
    help="How to share the pot.",
)
@click.option(
    "--amount",
    type=_MONEY,
    help="The amount to share [default: the rewards' money value, else 100 per cent].",
)
@click.option("--currency", help="The currency, when the agreement's money does not say.")
@click.option("--time-rate", type=_MONEY, help="Value of an hour of time costs without a rate.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in SessionKind]),
    help="Sessions that tie parties for the Myerson graph (repeatable), e.g. --kind table.",
)
@click.option(
    "--tolerance",
    type=DecimalRange(0, 1),
    default="0",
    show_default=True,
    help="How far below its contribution share a community party may fall and stay equal "
    "(a fraction: 0.02 for two points).",
)
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed for sampling.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@_secret_option
def share(
    file: str,
    agreement: str,
    rule: str,
    amount: Decimal | None,
    currency: str | None,
    time_rate: Decimal | None,
    kinds: tuple[str, ...],
    tolerance: Decimal,
    seed: int,
    as_json: bool,
    format_: Format | None,
    secret_file: str | None,
) -> None:
    """Share AGREEMENT's pot in FILE by a rule; explain it and check it is fair.

    Parties who are people appear by id only if they consented; others under a stable
    pseudonym, and people excluded not at all (their share is computed, not shown).
    """
    from coinnovation.errors import InvalidAmountError
    from coinnovation.models import Money
    from coinnovation.sharing.agreement import share_agreement

    hub = _load(file, format_)
    try:
        record = hub.agreement(agreement)
        rate = None
        if time_rate is not None:
            code = currency or record.currency() or ""
            try:
                rate = Money(amount=time_rate, currency=code)
            except ValueError:
                raise click.BadParameter(
                    "give --currency: the agreement's money does not say which",
                    param_hint="--time-rate",
                ) from None
        result = share_agreement(
            hub,
            record,
            rule=rule,
            amount=amount,
            currency=currency,
            time_rate=rate,
            kind=kinds or None,
            tolerance=tolerance,
            seed=seed,
        )
    except InvalidAmountError as error:  # a misuse of --amount or --currency, not a bad file
        hint = f"'--{error.name}'" if error.name in ("amount", "currency") else None
        raise click.BadParameter(str(error).split(": ", 1)[1], param_hint=hint) from None
    except CoinnovationError as error:
        raise failure(error, file) from None
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    privacy = _privacy(hub, file, secret_file)
    if as_json:
        data = privacy.data(result.to_dict())
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(privacy.text(result.explain()))


def run(args: list[str]) -> int:
    """Run the command line on ``args`` and return the exit status (never exits).

    Args:
        args: The arguments after the program name.

    Returns:
        0 for success; 1 for an invalid hub, or records that do not allow what was asked;
        2 for misuse and for files, stores or extras that cannot be used. Every error,
        including a library error no command words itself, is printed as one
        ``Error: ...`` message (see :mod:`coinnovation.cli._errors`), never a traceback.

    Examples:
        >>> run(["--version"])  # doctest: +ELLIPSIS
        coinnovation ...
        0
    """
    try:
        app.main(args=args, prog_name="coinnovation", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except (CoinnovationError, OSError) as error:  # a safety net: commands word their own
        failure(error).show()
        return exit_status(error)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except SystemExit as done:
        return int(done.code or 0)
    return 0


# Commands kept in modules of their own register themselves on ``app`` when imported.
from coinnovation.cli import (  # noqa: E402, F401
    exporting,
    importing,
    reporting,
    significance,
    storing,
)
