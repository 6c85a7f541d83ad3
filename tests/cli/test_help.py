"""The command's help is current, and the reference page documents every option.

Issue 9, item 23: ``coinnovation --help`` said "(soon) analyse them".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest

from coinnovation.cli import main
from coinnovation.cli.commands import app
from tests.conftest import ROOT

REFERENCE = ROOT / "docs" / "reference" / "cli.md"
STALE = re.compile(r"\bsoon\b|\bTODO\b|not yet|coming|will be able", re.IGNORECASE)


def commands(group: click.Group = app, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name)


def command(path: tuple[str, ...]) -> click.Command:
    found: click.Command = app
    for name in path:
        assert isinstance(found, click.Group)
        found = found.commands[name]
    return found


PATHS = list(commands())


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(path) or "coinnovation" for path in PATHS])
def test_help_is_current(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*path, "--help"]) == 0
    text = capsys.readouterr().out
    assert not STALE.search(text), text


def test_the_top_help_names_every_command_and_the_exit_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "check, describe, analyse, share, report and store" in text
    assert "Exit status: 0 success; 1 an invalid hub" in text


@pytest.mark.parametrize("path", [path for path in PATHS if path], ids=" ".join)
def test_the_reference_documents_every_option(path: tuple[str, ...]) -> None:
    page = REFERENCE.read_text(encoding="utf-8")
    missing = [
        name
        for parameter in command(path).params
        if isinstance(parameter, click.Option) and "--help" not in parameter.opts
        for name in parameter.opts
        if name.startswith("--") and not re.search(rf"`{re.escape(name)}[` ]", page)
    ]
    assert missing == [], f"docs/reference/cli.md does not document {missing} of {path}"


def test_the_reference_documents_every_command() -> None:
    page = REFERENCE.read_text(encoding="utf-8")
    for path in PATHS:
        if len(path) == 1:
            assert f"[`{path[0]}`]" in page, path
