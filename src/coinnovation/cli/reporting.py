"""The ``coinnovation report`` command: a hub's report, safe to share, written to a folder.

Importing this module adds the command to :data:`coinnovation.cli.commands.app`.

Examples:
    >>> import tempfile, pathlib
    >>> from coinnovation.cli.commands import run
    >>> with tempfile.TemporaryDirectory() as name:
    ...     folder = pathlib.Path(name)
    ...     _ = (folder / "hub.secret").write_text("a secret of sixteen+ characters")
    ...     status = run(["report", "examples/walsall-2023/hub.json", "-o", f"{folder}/out",
    ...                   "--secret-file", f"{folder}/hub.secret", "--kind", "table"])
    ...     status, sorted(path.name for path in (folder / "out").iterdir())
    /.../out/index.html
    (0, ['index.html', 'network.png', 'report.md'])
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from coinnovation.cli._errors import failure
from coinnovation.cli._options import SEED, check_output
from coinnovation.cli.commands import (
    _FORMAT,
    _MAX_SESSION_SIZE,
    _OVERSIZE,
    _SECRET_DEFAULT,
    _inputs,
    _load,
    _privacy,
    _Unreadable,
    app,
)
from coinnovation.errors import CoinnovationError, MissingDependencyError, PrivacyError
from coinnovation.io import Format
from coinnovation.models.vocabularies import SessionKind

__all__ = ["report"]


@contextmanager
def _progress_bar() -> Iterator[Any]:
    """A rich progress bar on standard error when it is a terminal, else ``None``."""
    if not sys.stderr.isatty():
        yield None
        return
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:  # pragma: no cover - rich comes with the cli extra
        yield None
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        yield bar


@app.command("report")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    required=True,
    help="The folder to write index.html, report.md and network.png to (made if need be); "
    "it must not hold the hub or its secret.",
)
@click.option(
    "--secret-file",
    type=click.Path(dir_okay=False),
    help=f"The hub's secret for pseudonyms {_SECRET_DEFAULT}.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in SessionKind]),
    help="Build the network from sessions of this kind only (repeatable), e.g. --kind table.",
)
@click.option(
    "--level",
    type=click.Choice(["organisation", "person", "sector"]),
    default="organisation",
    show_default=True,
    help="Who the nodes of the network are.",
)
@click.option(
    "--weight",
    "weight_scheme",
    type=click.Choice(["count", "newman"]),
    default="newman",
    show_default=True,
    help="Tie weights of the network.",
)
@_MAX_SESSION_SIZE
@_OVERSIZE
@click.option("--title", help="The report's title [default: the hub's name].")
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=15,
    show_default=True,
    help="Rows of the measures table.",
)
@click.option(
    "--seed",
    type=SEED,
    default=0,
    show_default=True,
    help="Seed of the layout (and of the tests and resamples).",
)
@click.option(
    "--permutations",
    type=click.IntRange(min=1, max=10_000_000),
    help="Test the heart's centrality and brokerage against this many random relabellings "
    "of the sectors: a p-value and a picture of chance for each.",
)
@click.option(
    "--resamples",
    type=click.IntRange(min=1, max=1_000_000),
    help="Bootstrap the heart's indicators and the measures table's ranking measure over "
    "this many resamples of the sessions: a 95 % interval for each.",
)
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
def report(
    file: str,
    output: str,
    secret_file: str | None,
    kinds: tuple[str, ...],
    level: str,
    weight_scheme: str,
    max_session_size: int | None,
    oversize: str,
    title: str | None,
    top: int,
    seed: int,
    permutations: int | None,
    resamples: int | None,
    format_: Format | None,
) -> None:
    """Write a report on the hub in FILE to a folder: HTML page, Markdown, picture.

    People appear by name only if they consented; others under a pseudonym made from the
    hub's secret, and people excluded from exports not at all. Prints the page's path.
    With --permutations and --resamples, the heart's indicators show their p-values and
    intervals.
    """
    from coinnovation.report.document import write_report

    check_output(output, _inputs(file, secret_file), folder=True)
    hub = _load(file, format_)
    privacy = _privacy(hub, file, secret_file)
    try:
        with _progress_bar() as bar:
            files = write_report(
                hub,
                output,
                privacy=privacy,
                title=title,
                level=level,  # type: ignore[arg-type]
                weight=weight_scheme,  # type: ignore[arg-type]
                kind=kinds or None,
                max_session_size=max_session_size,
                oversize=oversize,  # type: ignore[arg-type]
                seed=seed,
                top=top,
                progress=bar,
                permutations=permutations,
                resamples=resamples,
            )
    except (MissingDependencyError, PrivacyError) as error:  # each names what it is about
        raise failure(error) from None
    except CoinnovationError as error:
        raise failure(error, file) from None
    except ValueError as error:  # sessions the bootstrap cannot resample: choose others
        if not resamples:
            raise
        raise click.BadParameter(str(error), param_hint="--resamples") from None
    except OSError as error:
        raise _Unreadable(output, error) from None
    click.echo(str(files.html))
