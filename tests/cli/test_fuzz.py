"""A seeded, bounded fuzzer of the command line (issue 9, item 14).

For every command, Hypothesis draws argument lists from the command's own options, each
with a value that fits or a nasty one (``nan``, ``1e999999``, ``-1``, an input's path as
the output, a missing folder ...), and runs :func:`coinnovation.cli.main` on the example
hub in a fresh temporary folder. Whatever the arguments, the command must end with a
documented exit status (0, 1 or 2), print no traceback, never change a file it only reads,
and write nothing outside its folder. Runs derandomized, so CI tries the same arguments
every time, in a few seconds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coinnovation.cli import main
from coinnovation.privacy import SECRET_ENV
from tests.conftest import EXAMPLE, ROOT

DAVIS = ROOT / "docs" / "data" / "davis_sign_in.csv"

# Values any option may be given, besides its own: numbers out of range, not numbers,
# text, and paths that are inputs, folders or nowhere.
NASTY = (
    "",
    "0",
    "-1",
    "1e999999",
    "-1e999999",
    "nan",
    "inf",
    "-Infinity",
    "1.5",
    "9" * 40,
    "ü",
    "-",
    "x" * 300,
    "h.json",
    "./h.json",
    "s.db",
    "k.secret",
    "a-folder",
    "missing/x.json",
)
Values = tuple[tuple[str, ...], tuple[str, ...]]  # (fitting values, unfitting ones)


def values(fitting: tuple[str, ...], unfitting: tuple[str, ...] = ()) -> Values:
    return fitting, unfitting


# The nastiest values, tried alone on every argument.
EXTREMES = ("", "1e999999", "h.json")
HUBS = values(("h.json", "sqlite:///s.db"), ("./h.json", "s.db", "bad.json", "none.json", ""))
OUTPUTS = values(
    ("out.gexf", "out.graphml", "out.json", "out.csv", "out.xlsx", "out.yaml"),
    ("h.json", "./h.json", "s.db", "k.secret", "out.txt", "a-folder", "h.json/x.csv"),
)
SECRETS = values(("k.secret",), ("short.secret", "none.secret", "h.json"))
FORMATS = values(("json",), ("xml",))  # YAML: a slow read of the example (see issue 9, item 18)
KINDS = values(("table", "workshop", "event"), ("plenary",))
LEVELS = values(("person", "organisation", "sector"), ("team",))
DAYS = values(("2023-06-22", "2023-01-01", "2024-01-01"), ("2023-13-45", "22/06/2023"))
SEEDS = values(("0", "7"), ("-1", str(2**32)))

# The options of the network commands.
NETWORK: dict[str, Values | None] = {
    "--level": LEVELS,
    "--weight": values(("count", "newman"), ("jaccard",)),
    "--nested": values(("own", "subtree"), ("all",)),
    "--since": DAYS,
    "--until": DAYS,
    "--kind": KINDS,
    "--min-weight": values(("0", "1", "2.5"), ("nan", "-1")),
    "--max-session-size": values(("2", "5", "1000"), ("1", "0")),
    "--oversize": values(("skip", "downweight"), ("drop",)),
    "--format": FORMATS,
}
# How a network command treats its large sessions (a plenary).
OVERSIZE: dict[str, Values | None] = {
    "--max-session-size": NETWORK["--max-session-size"],
    "--oversize": NETWORK["--oversize"],
}

# For each command: its positional arguments, the options it needs (always given) and
# its other options (None: a flag).
Command = tuple[tuple[Values, ...], tuple[str, ...], dict[str, Values | None]]
COMMANDS: dict[str, Command] = {
    "validate": ((HUBS,), (), {"--format": FORMATS, "--json": None}),
    "schema": ((), (), {"-o": values(OUTPUTS[0], ("missing/x.json", *OUTPUTS[1]))}),
    "summary": ((HUBS,), (), {"--format": FORMATS, "--json": None}),
    "network": ((HUBS,), ("-o",), {**NETWORK, "-o": OUTPUTS, "--secret-file": SECRETS}),
    "metrics": (
        (HUBS,),
        (),
        {
            **NETWORK,
            "--attribute": values(("sector", "name", "kind"), ("colour",)),
            "--sort": values(("betweenness", "ei", "brokerage", "constraint"), ("name", "fame")),
            "--top": values(("0", "3", "100"), ("-3",)),
            "--secret-file": SECRETS,
            "--columns": values(("all", "name,ei", "name,,sector"), (",", "fame")),
            "-k": values(("1", "5"), ("0", "22")),
            "--seed": SEEDS,
            "-o": values(("out.csv", "out.json"), OUTPUTS[1]),
        },
    ),
    "heart": (
        (HUBS,),
        (),
        {
            "--level": LEVELS,
            "--weight": values(("count", "newman")),
            "--kind": KINDS,
            "--sector": values(("community", "industry", "health_service"), ("nobody",)),
            "--threshold": values(("inform", "involve", "empower"), ("lead",)),
            **OVERSIZE,
            "--explain": None,
            "--json": None,
            "--format": FORMATS,
        },
    ),
    "lineage": (
        (HUBS, values(("ch-01", "ch-02"), ("ch-404", ""))),
        (),
        {"--json": None, "--format": FORMATS},
    ),
    "share": (
        (HUBS, values(("ag-01",), ("ag-404", ""))),
        (),
        {
            "--rule": values(
                (
                    "equal",
                    "proportional",
                    "contribution_weighted",
                    "shapley",
                    "myerson",
                    "nucleolus",
                ),
                ("banzhaf",),
            ),
            "--amount": values(
                ("20000", "0", "0.01", "1000000000000000", "1e15"), ("1e16", "1e999999", "-5")
            ),
            "--currency": values(("GBP",), ("EUR", "XXX", "gbp", "££")),
            "--time-rate": values(("0", "15", "1e15")),
            "--kind": KINDS,
            "--tolerance": values(("0", "0.02", "1"), ("1.01", "1e999999")),
            "--seed": SEEDS,
            "--json": None,
            "--format": FORMATS,
        },
    ),
    "import": (
        (values(("sign-in.csv",), ("bad.csv", "none.csv", "h.json", "m.json")),),
        ("--into",),
        {
            "--into": values(
                ("new.json", "new.yaml", "h.json", "sqlite:///new.db", "s.db"), OUTPUTS[1]
            ),
            "--mapping": values(("m.json",), ("bad.json", "none.json", "sign-in.csv")),
            "--skip-bad-rows": None,
            "--sheet": values(("Sheet1",)),
            "--timezone": values(("Europe/London", "UTC"), ("Mars/Base", "../etc")),
            "--encoding": values(("utf-8", "latin-1"), ("nope",)),
            "--session-kind": values(("meeting", "table"), ("party",)),
            "--dry-run": None,
            "--json": None,
        },
    ),
    "export": (
        (HUBS,),
        ("--what", "-o"),
        {
            **NETWORK,
            "--what": values(("people", "organisations", "participations", "measures"), ("votes",)),
            "-o": values(("out.csv", "out.xlsx"), OUTPUTS[1]),
            "--secret-file": SECRETS,
            "--attribute": values(("sector", "name")),
            "-k": values(("1", "5"), ("0", "22")),
            "--seed": SEEDS,
        },
    ),
    "report": (
        (HUBS,),
        ("-o",),
        {
            "-o": values(("report", "out/report"), (".", "a-folder", "h.json", "k.secret")),
            "--secret-file": SECRETS,
            "--kind": KINDS,
            "--level": LEVELS,
            "--weight": values(("count", "newman")),
            **OVERSIZE,
            "--title": values(("A report", "<script>x</script>")),
            "--top": values(("0", "1", "5"), ("-1",)),
            "--seed": SEEDS,
            "--format": FORMATS,
        },
    ),
}
STORES = values(("s.db", "sqlite:///s.db", "new.db"), ("h.json", "mysql://h/db", "none.db"))
SCHEMA = values((), ("public",))
COMMANDS.update(
    {
        "store init": ((STORES,), (), {"--schema": SCHEMA}),
        "store save": ((HUBS, STORES), (), {"--schema": SCHEMA, "--format": FORMATS}),
        "store load": (
            (STORES,),
            (),
            {"-o": values(("out.json", "out.yaml"), OUTPUTS[1]), "--format": FORMATS},
        ),
        "store migrate": ((STORES,), (), {"--to": values(("1", "2", "3"), ("0", "99"))}),
        "store info": ((STORES,), (), {"--json": None}),
    }
)

# How many argument lists each command gets: enough to reach its options, few enough that
# the whole fuzzer takes seconds (the report draws a picture, a store save syncs to disk).
EXAMPLES = {"report": 3, "store save": 5, "metrics": 25, "export": 20, "share": 20}

# The files of the folder a command reads when it names them, other than as an output.
FILES = ("h.json", "k.secret", "short.secret", "m.json", "sign-in.csv", "bad.json", "bad.csv")
OUTPUT_OPTIONS = ("-o", "--output", "--into")


def read(args: list[str]) -> set[str]:
    """The files of the folder an argument list names as inputs."""
    named = set()
    for index, word in enumerate(args):
        name = word.removeprefix("./").removeprefix("sqlite:///")
        if name in FILES and (index == 0 or args[index - 1] not in OUTPUT_OPTIONS):
            named.add(name)
    return named


def restore(folder: Path, template: Path) -> None:
    """Make ``folder`` the template again: remove what a run added, copy back what it changed."""
    for path in folder.iterdir():
        kept = template / path.name
        if not kept.exists() or path.is_dir() != kept.is_dir() or path.is_symlink():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
            path.mkdir()
        else:
            now, then = path.stat(), kept.stat()
            if (now.st_size, now.st_mtime_ns) != (then.st_size, then.st_mtime_ns):
                shutil.copy2(kept, path)
    for kept in template.iterdir():
        if not (folder / kept.name).exists():
            shutil.copy2(kept, folder / kept.name)


# What the command under test writes, seen by an audit hook (PEP 578) while WATCHING.
WRITES: list[Path] = []
WATCHING: list[bool] = []
_WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {"os.mkdir", "os.remove", "os.rename", "os.replace", "os.rmdir", "os.chmod"}


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if not WATCHING:
        return
    paths: tuple[object, ...] = ()
    if event == "open" and len(arguments) == 3:
        path, mode, flags = arguments
        writing = any(letter in mode for letter in "wax+") if isinstance(mode, str) else False
        if writing or (isinstance(flags, int) and flags & _WRITING_FLAGS):
            paths = (path,)
    elif event in _CHANGES:
        paths = arguments[:2] if event in ("os.rename", "os.replace") else arguments[:1]
    elif event == "sqlite3.connect":
        paths = arguments[:1]
    for path in paths:
        if isinstance(path, str | bytes | os.PathLike) and str(path) not in ("", ":memory:"):
            WRITES.append(Path(os.path.abspath(os.fsdecode(path))))


sys.addaudithook(_audit)


def scratch(path: Path) -> bool:
    """A scratch file in the system's temporary folder, gone once the command ends.

    openpyxl writes each worksheet to such a file before zipping the workbook, and removes
    it; Python's ``tempfile`` probes the folder the same way.
    """
    temporary = Path(tempfile.gettempdir()).resolve()
    path = path.resolve()
    return path == temporary or (path.is_relative_to(temporary) and not path.exists())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with everything the fuzzed commands read: hub, store, secret, register."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    shutil.copyfile(EXAMPLE, folder / "h.json")
    shutil.copyfile(DAVIS, folder / "sign-in.csv")
    (folder / "bad.json").write_text('{"people": [{"id": "p-1", "name": "A", "x": 1}]}')
    (folder / "bad.csv").write_text("Name,Session,Date\n,Launch,22/06/2023\n")
    (folder / "m.json").write_text("{}")
    (folder / "k.secret").write_text("a secret of sixteen+ characters")
    (folder / "short.secret").write_text("short")
    (folder / "a-folder").mkdir()
    status = main(["store", "save", str(folder / "h.json"), str(folder / "s.db")])
    assert status == 0
    return folder


@pytest.fixture(scope="module")
def untouched() -> Iterator[None]:
    """Fail if the fuzzer wrote anything in the repository (outside its temporary folders)."""
    started = time.time()
    yield
    assert written_since(started) == []


def written_since(started: float) -> list[str]:
    """The files in the repository changed since ``started`` (caches left aside)."""
    skip = {
        ".git",
        ".venv",
        ".hypothesis",
        ".pytest_cache",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
    }
    skip |= {"site", "dist", "build"}
    written = []
    for folder, folders, files in os.walk(ROOT):
        # .venv-3.13, .venv-floors: CI fills them while this suite runs (issue 14).
        folders[:] = [name for name in folders if name not in skip and not name.startswith(".venv")]
        for name in files:
            path = Path(folder, name)
            if path.stat().st_mtime >= started:
                written.append(str(path.relative_to(ROOT)))
    return written


def pick(draw: st.DrawFn, choices: Values) -> str:
    """A fitting value three times in five, an unfitting one (or a nasty one) otherwise."""
    fitting, unfitting = choices
    dice = draw(st.integers(0, 19))
    if fitting and dice < 12:
        return draw(st.sampled_from(fitting))
    if unfitting and dice < 17:
        return draw(st.sampled_from(unfitting))
    return draw(st.sampled_from(NASTY))


@st.composite
def arguments(draw: st.DrawFn, command: str) -> list[str]:
    """An argument list for ``command``: its positionals, then options fitting or not."""
    positionals, required, options = COMMANDS[command]
    words = [*command.split(), *(pick(draw, choices) for choices in positionals)]
    names = [*required, *draw(st.lists(st.sampled_from(sorted(options)), max_size=4))]
    for name in names:
        choices = options[name]
        words.append(name)
        if choices is not None:
            words.append(pick(draw, choices))
    if not draw(st.integers(0, 5)):  # now and then a word out of place
        junk = draw(st.sampled_from(("--nope", "-z", "extra", "--", "-h", *NASTY[:6])))
        words.insert(draw(st.integers(1, len(words))), junk)
    return words


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_any_arguments_end_in_a_documented_status(
    command: str,
    template: Path,
    untouched: None,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = workspace(command, template, tmp_path_factory, monkeypatch)
    before = {name: digest(template / name) for name in FILES}

    @settings(
        max_examples=EXAMPLES.get(command, 15),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(arguments(command))
    def fuzz(args: list[str]) -> None:
        check(args, folder, template, before, capsys)

    fuzz()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_unfitting_value_alone_ends_in_a_documented_status(
    command: str,
    template: Path,
    untouched: None,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every unfitting value of every argument, alone among fitting ones: one fault at a time."""
    folder = workspace(command, template, tmp_path_factory, monkeypatch)
    before = {name: digest(template / name) for name in FILES}
    for args in single_faults(command):
        check(args, folder, template, before, capsys)


def single_faults(command: str) -> Iterator[list[str]]:
    """The argument lists with one unfitting value, every other argument the first fitting."""
    positionals, required, options = COMMANDS[command]
    words = command.split()

    def fitting(name: str) -> list[str]:
        choices = options[name]
        return [name] if choices is None else [name, choices[0][0]]

    base = [choices[0][0] for choices in positionals]
    needed = [word for name in required for word in fitting(name)]
    for index, choices in enumerate(positionals):
        for value in (*choices[1], *EXTREMES):
            yield [*words, *base[:index], value, *base[index + 1 :], *needed]
    for name, choices in options.items():
        if choices is None or not choices[1]:  # a flag, or free text: nothing unfitting
            continue
        if command in ("metrics", "export") and name in NETWORK and name != "--format":
            continue  # the same options as network's, tried there
        rest = [word for other in required if other != name for word in fitting(other)]
        for value in (*choices[1], *EXTREMES):
            yield [*words, *base, *rest, name, value]


def workspace(
    command: str,
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A copy of the template for ``command``'s runs, as the working folder."""
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setattr(os, "fsync", lambda _: None)  # durability is tested elsewhere
    folder = tmp_path_factory.mktemp(f"fuzz-{command.replace(' ', '-')}")
    shutil.copytree(template, folder, dirs_exist_ok=True)
    monkeypatch.chdir(folder)
    return folder


def check(
    args: list[str],
    folder: Path,
    template: Path,
    before: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run the command on ``args``; check its status, its messages, its inputs, its writes."""
    WRITES.clear()
    WATCHING.append(True)
    try:
        status = main(args)
    except BaseException as error:  # a crash, whatever it is, is a failure here
        raise AssertionError(f"{args} raised {error!r}") from error
    finally:
        WATCHING.clear()
    out, err = capsys.readouterr()
    home = Path(os.environ["HOME"])
    outside = [
        path
        for path in WRITES
        if not (path.is_relative_to(folder) or path.is_relative_to(home) or scratch(path))
    ]
    assert outside == [], (args, "written outside the command's folder")
    assert status in (0, 1, 2), (args, status, err)
    assert "Traceback" not in err, (args, err)
    if status:
        assert "Error" in err or "Usage" in err or out, (args, err)
    for name in read(args):
        assert digest(folder / name) == before[name], (args, f"the input {name} changed")
    restore(folder, template)


def test_the_watch_sees_what_a_command_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The audit hook behind "nothing written outside": it sees a schema written elsewhere."""
    elsewhere = tmp_path / "elsewhere" / "schema.json"
    elsewhere.parent.mkdir()
    WRITES.clear()
    WATCHING.append(True)
    try:
        assert main(["schema", "-o", str(elsewhere)]) == 0
    finally:
        WATCHING.clear()
    capsys.readouterr()
    assert elsewhere in WRITES
    assert any(path.parent == elsewhere.parent and path.name.endswith(".tmp") for path in WRITES)
    assert not scratch(elsewhere)  # kept, so not scratch, even inside the temporary folder


def test_an_excel_export_leaves_nothing_outside_its_folder(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl's worksheet files in the temporary folder are written, then removed."""
    shutil.copy2(example_path, tmp_path / "h.json")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(SECRET_ENV, raising=False)
    WRITES.clear()
    WATCHING.append(True)
    try:
        assert main(["export", "h.json", "--what", "people", "-o", "out.xlsx"]) == 0
    finally:
        WATCHING.clear()
    elsewhere = [path for path in WRITES if not path.is_relative_to(tmp_path)]
    assert all(scratch(path) for path in elsewhere)
