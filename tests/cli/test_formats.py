"""The command line for Popolo, Kumu and Parquet: export, import and network outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from coinnovation import load, save
from coinnovation.cli import main
from coinnovation.export.kumu import kumu_blueprint
from coinnovation.export.popolo import popolo_data
from coinnovation.network.build import collaboration_graph
from coinnovation.privacy import SECRET_ENV, Privacy
from tests.conftest import EXAMPLE

SECRET = "the secret of the format commands, 16+"


@pytest.fixture(autouse=True)
def _no_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


@pytest.fixture
def hub_file(tmp_path: Path) -> Path:
    path = save(load(EXAMPLE), tmp_path / "hub.json")
    Path(f"{path}.secret").write_text(SECRET, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_popolo_then_import_it(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "walsall.popolo.json"
    status, out, err = run(capsys, "export", hub_file, "--what", "popolo", "-o", output)
    assert status == 0, err
    assert (
        out
        == f"wrote {output}: Popolo JSON of 90 people, 21 organisations, memberships and sessions\n"
    )
    hub = load(hub_file)
    assert json.loads(output.read_text(encoding="utf-8")) == popolo_data(
        hub, privacy=Privacy(hub, SECRET)
    )
    into = tmp_path / "again.json"
    status, out, err = run(capsys, "import", output, "--into", into)
    assert status == 0, err
    assert out.splitlines()[1] == (
        "added: 90 people, 21 organisations, 102 memberships, 16 sessions, 441 participations"
    )
    again = load(into)
    assert len(again.people) == 90
    status, out, _ = run(capsys, "import", output, "--into", into, "--dry-run", "--json")
    assert status == 0
    assert json.loads(out)["added"] == dict.fromkeys(
        ("people", "organisations", "memberships", "sessions", "participations"), 0
    )


def test_import_popolo_into_a_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "people.json"
    source.write_text(json.dumps({"persons": [{"id": "p-1", "name": "Ana"}]}), encoding="utf-8")
    store = tmp_path / "hub.db"
    status, out, err = run(capsys, "import", source, "--into", store)
    assert status == 0, err
    assert "added: 1 person" in out
    status, out, _ = run(capsys, "import", source, "--into", store)
    assert "added: nothing" in out


def test_a_bad_popolo_file_exits_1_naming_object_and_property(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"persons": [{"id": "p-1"}]}), encoding="utf-8")
    status, _, err = run(capsys, "import", source, "--into", tmp_path / "hub.json")
    assert status == 1
    assert "persons[0] 'p-1', field 'name': a person needs a name" in err
    assert not (tmp_path / "hub.json").exists()


def test_json_only_for_popolo_and_popolo_only_as_json(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, "export", hub_file, "--what", "people", "-o", tmp_path / "p.json")
    assert status == 2
    assert ".json is for --what popolo" in err
    status, _, err = run(capsys, "export", hub_file, "--what", "popolo", "-o", tmp_path / "p.csv")
    assert status == 2
    assert "Popolo is JSON" in err


def test_export_a_table_as_parquet(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    output = tmp_path / "participations.parquet"
    status, out, err = run(capsys, "export", hub_file, "--what", "participations", "-o", output)
    assert status == 0, err
    assert out == f"wrote {output}: 441 rows of participations\n"
    assert str(pq.read_table(output).schema.field("hours").type) == "decimal128(38, 2)"


def test_network_as_kumu_and_parquet(
    capsys: pytest.CaptureFixture[str], hub_file: Path, tmp_path: Path
) -> None:
    kumu = tmp_path / "network.kumu.json"
    status, _, err = run(capsys, "network", hub_file, "--level", "person", "-o", kumu)
    assert status == 0, err
    hub = load(hub_file)
    graph = collaboration_graph(hub, level="person")
    assert json.loads(kumu.read_text(encoding="utf-8")) == kumu_blueprint(
        graph, privacy=Privacy(hub, SECRET)
    )
    edges = tmp_path / "edges.parquet"
    status, _, err = run(capsys, "network", hub_file, "-o", edges)
    assert status == 0, err
    assert (
        pq.read_table(edges).num_rows
        == collaboration_graph(hub, level="organisation").number_of_edges()
    )
