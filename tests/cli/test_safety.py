"""The command never writes over its inputs, and bad options end as messages, not tracebacks.

Issue 9, items 13 (``network h.json -o h.json`` overwrote the hub) and 14 (options that
ended in tracebacks).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from coinnovation.cli import main
from coinnovation.io.store import Store
from coinnovation.privacy import SECRET_ENV
from tests.conftest import EXAMPLE

SECRET = "a secret of sixteen+ characters"
DAVIS = Path(__file__).resolve().parents[2] / "docs" / "data" / "davis_sign_in.csv"


@pytest.fixture(autouse=True)
def _no_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example hub in the working folder (a temporary one)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "h.json"
    shutil.copyfile(EXAMPLE, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Error:")]


def assert_refused(status: int, err: str) -> None:
    assert status == 2, err
    assert "Traceback" not in err
    (line,) = error_lines(err)
    assert "would overwrite" in line or "would hold" in line, line


# -- item 13: never write over an input --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("network", "h.json", "-o", "h.json"),
        ("network", "h.json", "-o", "./h.json"),
        ("metrics", "h.json", "-o", "h.json"),
        ("export", "h.csv", "--format", "json", "--what", "organisations", "-o", "h.csv"),
    ],
    ids=["network", "network-other-spelling", "metrics", "export"],
)
def test_an_output_onto_the_hub_is_refused(
    capsys: pytest.CaptureFixture[str], hub: Path, args: tuple[str, ...]
) -> None:
    if "h.csv" in args:
        hub = hub.rename(hub.with_name("h.csv"))
    before = digest(hub)
    status, _, err = run(capsys, *args)
    assert_refused(status, err)
    assert digest(hub) == before
    assert not hub.with_name(f"{hub.name}.secret").exists()  # refused before any work


def test_a_link_to_the_hub_is_the_hub(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    (hub.parent / "link.json").symlink_to(hub)
    (hub.parent / "hard.json").hardlink_to(hub)
    before = digest(hub)
    for output in ("link.json", "hard.json"):
        status, _, err = run(capsys, "network", "h.json", "-o", output)
        assert_refused(status, err)
    assert digest(hub) == before


def test_an_output_onto_the_secret_file_is_refused(
    capsys: pytest.CaptureFixture[str], hub: Path
) -> None:
    secret = hub.parent / "secret.json"
    secret.write_text(SECRET, encoding="utf-8")
    args = ("--level", "person", "--secret-file", "secret.json", "-o", "secret.json")
    for command in ("network", "metrics"):
        status, _, err = run(capsys, command, "h.json", *args)
        assert_refused(status, err)
        assert secret.read_text(encoding="utf-8") == SECRET
    # The secret made beside the hub on first use is an input too.
    beside = hub.parent / "h.json.secret.csv"
    beside.write_text(SECRET, encoding="utf-8")
    status, _, err = run(
        capsys,
        "export",
        "h.json",
        "--what",
        "people",
        "--secret-file",
        str(beside),
        "-o",
        str(beside),
    )
    assert_refused(status, err)


def test_an_output_onto_a_store_database_is_refused(
    capsys: pytest.CaptureFixture[str], hub: Path
) -> None:
    database = hub.parent / "store.csv"  # a SQLite database whatever its suffix
    status, _, err = run(capsys, "store", "save", "h.json", f"sqlite:///{database}")
    assert status == 0, err
    before = digest(database)
    url = f"sqlite:///{database}"
    for args in (
        ("export", url, "--what", "organisations", "-o", "store.csv"),
        ("metrics", url, "-o", str(database)),
        ("store", "load", url, "-o", "store.csv", "--format", "json"),
        ("store", "load", "store.csv", "-o", "store.csv", "--format", "json"),
    ):
        status, _, err = run(capsys, *args)
        assert_refused(status, err)
        assert digest(database) == before
    with Store(url, create=False) as store:
        assert len(store.load().people) == len(store.load().people) > 0


def test_store_save_onto_its_own_file_is_refused(
    capsys: pytest.CaptureFixture[str], hub: Path
) -> None:
    before = digest(hub)
    for target in ("h.json", f"sqlite:///{hub}"):
        status, _, err = run(capsys, "store", "save", "h.json", target)
        assert_refused(status, err)
    assert digest(hub) == before


def test_a_report_folder_never_holds_or_is_an_input(
    capsys: pytest.CaptureFixture[str], hub: Path
) -> None:
    secret = hub.parent / "keep" / "hub.secret"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    for output, secret_file in (
        (".", str(secret)),  # the folder holds the hub
        (str(hub.parent), str(secret)),
        ("keep", str(secret)),  # the folder holds the secret
    ):
        status, _, err = run(
            capsys, "report", "h.json", "-o", output, "--secret-file", secret_file, "--top", "1"
        )
        assert_refused(status, err)
    status, _, err = run(capsys, "report", "h.json", "-o", "h.json", "--secret-file", str(secret))
    assert status == 2  # a file is no folder: click says so
    assert len(error_lines(err)) == 1
    assert not (hub.parent / "index.html").exists()
    assert not (secret.parent / "index.html").exists()
    status, out, err = run(
        capsys, "report", "h.json", "-o", "out/report", "--secret-file", str(secret), "--top", "1"
    )
    assert status == 0, err
    assert out.strip().endswith("index.html")


def test_import_never_writes_into_its_register_or_mapping(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text("{}", encoding="utf-8")
    register = tmp_path / "sign-in.csv"
    shutil.copyfile(DAVIS, register)
    before = digest(mapping), digest(register)
    for args in (
        (str(register), "--into", "mapping.json", "--mapping", "mapping.json"),
        (str(register), "--into", f"sqlite:///{register}"),
    ):
        status, _, err = run(capsys, "import", *args)
        assert_refused(status, err)
    assert (digest(mapping), digest(register)) == before


def test_outputs_elsewhere_are_written(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    for args in (
        ("network", "h.json", "-o", "h.gexf"),
        ("metrics", "h.json", "-o", "h-measures.json"),
        ("export", "h.json", "--what", "organisations", "-o", "h.csv"),
        ("schema", "-o", "schema.json"),
    ):
        status, _, err = run(capsys, *args)
        assert status == 0, err
        assert Path(args[-1]).stat().st_size > 0


# -- item 14: options checked when they are read -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("metrics", "h.json", "-k", "0"), "-k"),
        (("metrics", "h.json", "-k", "22"), "21 nodes"),
        (("metrics", "h.json", "--sort", "name"), "--sort"),
        (("metrics", "h.json", "--sort", "fame"), "no column 'fame'"),
        (("metrics", "h.json", "--columns", "name,fame"), "no column 'fame'"),
        (("metrics", "h.json", "--max-session-size", "0"), "--max-session-size"),
        (("metrics", "h.json", "--top", "-3"), "--top"),
        (("metrics", "h.json", "--min-weight", "nan"), "--min-weight"),
        (("metrics", "h.json", "--min-weight", "-1"), "--min-weight"),
        (("metrics", "h.json", "--since", "2024-01-01", "--until", "2023-01-01"), "--since"),
        (("metrics", "h.json", "-o", "m.txt"), "'.txt'"),
        (("network", "h.json", "-o", "net.dot"), "'.dot'"),
        (("export", "h.json", "--what", "measures", "-o", "m.csv", "-k", "100"), "-k"),
        (("export", "h.json", "--what", "people", "-o", "p.txt"), "'.txt'"),
        (("share", "h.json", "ag-01", "--amount", "1e999999"), "--amount"),
        (("share", "h.json", "ag-01", "--amount", "-5"), "--amount"),
        (("share", "h.json", "ag-01", "--amount", "NaN"), "--amount"),
        (("share", "h.json", "ag-01", "--tolerance", "1e999999"), "--tolerance"),
        (("share", "h.json", "ag-01", "--time-rate", "-Infinity"), "--time-rate"),
        (("share", "h.json", "ag-01", "--seed", "-1"), "--seed"),
        (("report", "h.json", "-o", "r", "--seed", "-5"), "--seed"),
        (("report", "h.json", "-o", "r", "--seed", str(2**40)), "--seed"),
        (("schema", "-o", "nonexistent/x.json"), "no folder nonexistent"),
        (("network", "h.json", "-o", "nonexistent/x.gexf"), "no folder nonexistent"),
        (("metrics", "h.json", "-o", "nonexistent/x.csv"), "no folder nonexistent"),
        (
            ("export", "h.json", "--what", "people", "-o", "nonexistent/x.csv"),
            "no folder nonexistent",
        ),
        (("store", "load", "sqlite:///s.db", "-o", "nonexistent/x.json"), "no folder nonexistent"),
        (("import", "sign-in.csv", "--into", "h.json", "--timezone", "Mars/Base"), "--timezone"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], hub: Path, args: tuple[str, ...], says: str
) -> None:
    run(capsys, "store", "save", "h.json", "sqlite:///s.db")
    shutil.copyfile(DAVIS, hub.parent / "sign-in.csv")
    before = sorted(path.name for path in hub.parent.iterdir())
    status, out, err = run(capsys, *args)
    assert status == 2, (out, err)
    assert "Traceback" not in err
    (line,) = error_lines(err)
    assert says in line
    assert sorted(path.name for path in hub.parent.iterdir()) == before  # nothing written


def test_a_report_folder_that_cannot_be_made(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    (hub.parent / "secret").write_text(SECRET, encoding="utf-8")
    status, _, err = run(
        capsys, "report", "h.json", "-o", "h.json/inside", "--secret-file", "secret"
    )
    assert status == 2, err
    assert "Traceback" not in err
    assert len(error_lines(err)) == 1


def test_the_hub_is_never_its_own_secret(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    """A secret read from the hub would let anyone holding the hub undo its pseudonyms."""
    for args in (
        ("metrics", "h.json", "--level", "person", "--secret-file", "./h.json"),
        ("network", "h.json", "--level", "person", "--secret-file", "h.json", "-o", "p.gexf"),
        ("export", "h.json", "--what", "people", "--secret-file", "h.json", "-o", "p.csv"),
        ("report", "h.json", "--secret-file", "h.json", "-o", "report"),
    ):
        status, out, err = run(capsys, *args)
        assert status == 2, (args, err)
        (line,) = error_lines(err)
        assert "is the hub itself" in line
        assert not out
    assert sorted(path.name for path in hub.parent.iterdir()) == ["h.json"]
