"""Every code block of the documentation runs in the tests, or says why it does not.

Issue 9, item 22: a block of ``docs/how-to/export-a-network.md`` failed as written and was
never run. The pages' blocks are of four sorts:

- ``>>>`` examples (``pycon``, or ``python`` with prompts): doctests, which pytest runs
  with ``--doctest-glob=*.md`` (see ``pyproject.toml``);
- ``python`` blocks without prompts: run here, a page's blocks in order in one fresh
  interpreter, in a temporary folder holding the repository's ``examples/`` and
  ``docs/data/``;
- ``console`` and ``bash`` blocks of ``coinnovation ...`` commands (with ``mkdir -p`` and
  ``echo $?``): run here through :func:`coinnovation.cli.main`, a page's blocks in order in
  one such folder, each command's printed lines compared with the page's (``...`` matches
  anything, as in doctests; a command without printed lines must exit 0);
- ``text`` blocks: formulas, synopses and output, not code.

Any other block — another language, or a command that installs packages, needs a server
or names the reader's own files — carries ``<!-- norun: REASON -->`` on the line before
its fence, and is listed here as a skipped test with that reason.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from coinnovation.cli import main
from coinnovation.privacy import SECRET_ENV
from tests.conftest import ROOT

PAGES = (*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md")
FENCE = re.compile(r"^(?P<indent> *)```(?P<language>[\w+-]*)[^\n]*$")
NORUN = re.compile(r"^\s*<!--\s*norun:\s*(?P<reason>.*?)\s*-->\s*$")
# Shell commands the console runner knows besides coinnovation itself.
SHELL = ("mkdir", "echo")


@attrs.frozen
class Block:
    """A fenced code block of a page."""

    page: str
    line: int
    language: str
    body: str
    norun: str | None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def sort(self) -> str:
        """``doctest``, ``python``, ``console``, ``text`` or ``other``."""
        if ">>>" in self.body:
            return "doctest"
        if self.language in ("python", "py"):
            return "python"
        if self.language in ("console", "bash", "sh", "shell"):
            return "console" if self.commands() is not None else "other"
        if self.language in ("text", ""):
            return "text"
        return "other"

    def commands(self) -> list[tuple[str, list[str]]] | None:
        """Each command with the lines it prints; ``None`` if one is not ours to run."""
        steps: list[tuple[str, list[str]]] = []
        prompted = self.language == "console"
        for line in self.body.splitlines():
            if prompted and not line.startswith("$ "):
                if not steps:
                    return None
                steps[-1][1].append(line)
                continue
            command = line[2:] if prompted else line.split("#", 1)[0].strip()
            if not command:
                continue
            words = shlex.split(command)
            if words[0] != "coinnovation" and words[0] not in SHELL:
                return None
            steps.append((command, []))
        return steps or None


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a page, each with its ``norun`` reason if it has one."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        indent = opened["indent"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = "\n".join(line.removeprefix(indent) for line in lines[index + 1 : end])
        before = lines[index - 1] if index else ""
        marked = NORUN.match(before)
        found.append(
            Block(
                page=str(page.relative_to(ROOT)),
                line=index + 1,
                language=opened["language"],
                body=body + "\n",
                norun=marked["reason"] if marked else None,
            )
        )
        index = end + 1
    return found


BLOCKS = [block for page in PAGES for block in blocks(page)]


def test_every_code_block_runs_or_says_why_not() -> None:
    unexplained = [
        f"{block.where} ({block.language or 'no language'})"
        for block in BLOCKS
        if block.sort == "other" and not block.norun
    ]
    assert unexplained == [], "mark these <!-- norun: REASON --> or make them runnable"
    needless = [block.where for block in BLOCKS if block.norun and block.sort == "doctest"]
    assert needless == [], "doctests always run: drop their norun marks"
    empty = [block.where for block in BLOCKS if block.norun is not None and not block.norun]
    assert empty == [], "say why a block does not run"


def test_the_block_reader_finds_what_it_should() -> None:
    """The reader itself: the sorts of a few known blocks, and every norun marker used."""
    sorts = {block.where: block.sort for block in BLOCKS}
    assert sorts["docs/how-to/export-a-network.md:8"] == "doctest"
    assert sorts["docs/concepts/ei-index.md:12"] == "text"
    marked = sum(
        1
        for page in PAGES
        for line in page.read_text(encoding="utf-8").splitlines()
        if NORUN.match(line)
    )
    assert marked == sum(1 for block in BLOCKS if block.norun)  # no stray marker


NOT_RUN = [block for block in BLOCKS if block.norun]


@pytest.mark.parametrize("block", NOT_RUN, ids=[block.where for block in NOT_RUN])
def test_blocks_not_run(block: Block) -> None:
    pytest.skip(f"docs block not run: {block.norun}")


# -- python blocks --------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    """A working folder with the repository's example data, as the pages expect."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "docs" / "data", tmp_path / "docs" / "data")
    return tmp_path


PYTHON_PAGES = sorted(
    {block.page for block in BLOCKS if block.sort == "python" and not block.norun}
)


@pytest.mark.parametrize("page", PYTHON_PAGES)
def test_python_blocks_run(page: str, tmp_path: Path) -> None:
    """A page's ``python`` blocks, in order, in one fresh interpreter: none may raise."""
    chosen = [
        (block.where, block.body)
        for block in BLOCKS
        if block.page == page and block.sort == "python" and not block.norun
    ]
    script = (
        "import sys\n"
        "namespace = {'__name__': '__main__'}\n"
        f"for where, body in {chosen!r}:\n"
        "    exec(compile(body, where, 'exec'), namespace)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        cwd=_folder(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# -- console blocks ------------------------------------------------------------------------------


CONSOLE_PAGES = sorted(
    {block.page for block in BLOCKS if block.sort == "console" and not block.norun}
)
CHECKER = doctest.OutputChecker()
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@contextlib.contextmanager
def _terminal() -> Iterator[io.StringIO]:
    """Standard output and error into one buffer, as a terminal shows them."""
    screen = io.StringIO()
    with contextlib.redirect_stdout(screen), contextlib.redirect_stderr(screen):
        yield screen


def _run(command: str, status: int) -> tuple[int, str]:
    words = shlex.split(command)
    if words[0] == "echo":
        return 0, " ".join(str(status) if word == "$?" else word for word in words[1:]) + "\n"
    if words[0] == "mkdir":
        for name in (word for word in words[1:] if not word.startswith("-")):
            Path(name).mkdir(parents=True, exist_ok=True)
        return 0, ""
    with _terminal() as screen:
        status = main(words[1:])
    return status, screen.getvalue()


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_console_blocks_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page's commands, in order, in one folder: each prints what the page shows."""
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.chdir(_folder(tmp_path))
    status = 0
    for block in BLOCKS:
        if block.page != page or block.sort != "console" or block.norun:
            continue
        steps = block.commands() or []
        for number, (command, shown) in enumerate(steps):
            status, printed = _run(command, status)
            checked = (
                steps[number + 1][0].startswith("echo $?") if number + 1 < len(steps) else False
            )
            if not checked and not command.startswith("echo"):
                assert status == 0, f"{block.where}: `{command}` exited {status}:\n{printed}"
            if shown:
                want = "\n".join(shown) + "\n"
                assert CHECKER.check_output(want, printed, FLAGS), (
                    f"{block.where}: `{command}` printed\n{printed}\nbut the page shows\n{want}"
                )
    capsys.readouterr()


# -- the extras tables ---------------------------------------------------------------------------

EXTRAS_PAGES = ("docs/get-started/install.md", "README.md")
# The names the tables give packages whose distribution name reads otherwise.
SHOWN_AS = {"material-for-mkdocs": "mkdocs-material", "type-stubs": "types-*"}


def _requirement(text: str) -> str:
    """A requirement's distribution name, normalised: ``psycopg[binary]>=3.1`` → ``psycopg``."""
    name = re.split(r"[\s<>=!~;\[(]", text.strip(), maxsplit=1)[0]
    name = re.sub(r"[-_.]+", "-", name).lower()
    return "types-*" if name.startswith("types-") else name


def _pyproject_extras() -> dict[str, tuple[set[str], set[str]]]:
    """Each extra of pyproject.toml: the extras it includes, and its other packages."""
    import tomllib

    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras: dict[str, tuple[set[str], set[str]]] = {}
    for extra, requirements in table["project"]["optional-dependencies"].items():
        included: set[str] = set()
        packages: set[str] = set()
        for requirement in requirements:
            nested = re.fullmatch(r"coinnovation\[(.*)\]", requirement.strip())
            if nested:
                included |= {name.strip() for name in nested[1].split(",")}
            else:
                packages.add(_requirement(requirement))
        extras[extra] = (included, packages)
    return extras


def _pyproject_floors() -> dict[tuple[str, str], str]:
    """The lowest version of each package of each extra: ``{(extra, package): version}``."""
    import tomllib

    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {
        (extra, _requirement(requirement)): found[1]
        for extra, requirements in table["project"]["optional-dependencies"].items()
        for requirement in requirements
        if (found := re.search(r">=\s*([0-9][0-9.]*)", requirement))
    }


def _table_rows(page: str) -> Iterator[tuple[str, str]]:
    """The extras table of a page: each row's extra and the cell of what it installs."""
    header = False
    for line in (ROOT / page).read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| extra |"):
            header = True
            continue
        if not header or not line.startswith("|"):
            header = header and line.startswith("|")
            continue
        if set(cells[0]) <= set("-"):
            continue
        yield cells[0].strip("`"), re.sub(r"\([^)]*\)", "", cells[1])  # "(Python ≥ 3.12 only)"


def _table_items(cell: str) -> Iterator[tuple[str, str | None]]:
    """A row's items: an included extra (in backticks) or a package, and the version shown.

    Examples:
        >>> list(_table_items("`cli`, Material for MkDocs, rustworkx 0.15"))
        [('`cli`', None), ('mkdocs-material', None), ('rustworkx', '0.15')]
    """
    for item in (part.strip() for part in cell.split(",")):
        if item.startswith("`"):
            yield item, None
        elif item:
            found = re.fullmatch(r"(.+?)(?:\s+([0-9][0-9.]*))?", item)
            assert found is not None
            name = re.sub(r"\s+", "-", found[1]).lower()
            yield SHOWN_AS.get(name, _requirement(name)), found[2]


def _table_extras(page: str) -> dict[str, tuple[set[str], set[str]]]:
    """The extras table of a page: each extra, the extras and packages its row names."""
    rows: dict[str, tuple[set[str], set[str]]] = {}
    for extra, cell in _table_rows(page):
        included, packages = set(), set()
        for item, _version in _table_items(cell):
            (included if item.startswith("`") else packages).add(item.strip("`"))
        rows[extra] = (included, packages)
    return rows


@pytest.mark.parametrize("page", EXTRAS_PAGES)
def test_the_extras_table_agrees_with_pyproject(page: str) -> None:
    """Issue 9, item 23: install.md's table had drifted from pyproject.toml."""
    assert _table_extras(page) == _pyproject_extras()


@pytest.mark.parametrize("page", EXTRAS_PAGES)
def test_the_extras_table_shows_the_floors_of_pyproject(page: str) -> None:
    """Issue 14: a lowest version a table shows is the one pyproject.toml declares."""
    floors = _pyproject_floors()
    shown = {
        (extra, item): version
        for extra, cell in _table_rows(page)
        for item, version in _table_items(cell)
        if version is not None
    }
    assert {key: floors.get(key) for key in shown} == shown


def test_all_is_every_runtime_extra() -> None:
    extras = _pyproject_extras()
    runtime = set(extras) - {"all", "dev", "docs", "bench"}
    assert extras["all"] == (runtime, set())
