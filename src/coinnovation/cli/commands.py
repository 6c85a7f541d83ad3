"""The commands of the ``coinnovation`` command line (click).

Each command is a thin layer: it loads files through :mod:`coinnovation.io`, calls the
library, and prints. Exit status: 0 success, 1 an invalid file, 2 usage errors and files
that cannot be read.

Examples:
    >>> run(["schema", "--help"])  # doctest: +ELLIPSIS
    Usage: coinnovation schema [OPTIONS]
    ...
    0
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coinnovation.errors import CoinnovationError, MissingDependencyError, Problem

try:
    import click
except ImportError:  # pragma: no cover - exercised only without the extra
    raise MissingDependencyError("click", "cli", "the coinnovation command") from None

import coinnovation
from coinnovation.io import Format, atomic_write, json_schema, load
from coinnovation.models.hub import Hub
from coinnovation.models.integrity import record_kinds
from coinnovation.report import summarise

__all__ = ["app", "run"]

_FORMAT = click.Choice(["json", "yaml"])


class _Invalid(click.ClickException):
    """A file that is not a valid hub: exit status 1."""

    exit_code = 1


class _Unreadable(click.ClickException):
    """A file that cannot be read at all: exit status 2."""

    exit_code = 2

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


def _problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind,
        "record": problem.record,
        "field": problem.field,
        "message": problem.message,
    }


def _load(path: str, format: Format | None) -> Hub:
    try:
        return load(path, format=format)
    except OSError as error:
        raise _Unreadable(path, error.strerror or str(error)) from None
    except CoinnovationError as error:
        raise _Invalid(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    coinnovation.__version__, prog_name="coinnovation", message="%(prog)s %(version)s"
)
def app() -> None:
    """Community co-innovation hubs: validate, describe and (soon) analyse them."""


@app.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(files: tuple[str, ...], format_: Format | None, as_json: bool) -> None:
    """Check hub FILES: every record, reference and total.

    Prints each file's status; lists every problem with its record and field. Exits 1
    when any file is invalid.
    """
    results: list[dict[str, Any]] = []
    invalid = False
    for path in files:
        try:
            hub = load(path, format=format_)
        except OSError as error:
            raise _Unreadable(path, error.strerror or str(error)) from None
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
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file."
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of a hub file."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(Path(output), text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)


@app.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "format_", type=_FORMAT, help="Read as this format, whatever the suffix.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def summary(file: str, format_: Format | None, as_json: bool) -> None:
    """Describe the hub in FILE: records, sectors, sessions, stages."""
    result = summarise(_load(file, format_))
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text())


def run(args: list[str]) -> int:
    """Run the command line on ``args`` and return the exit status (never exits).

    Args:
        args: The arguments after the program name.

    Returns:
        0 for success, 1 for an invalid file, 2 for usage errors and unreadable files.

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
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except SystemExit as done:
        return int(done.code or 0)
    return 0
