"""The command line: validate, schema, summary, and their exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import coinnovation
from coinnovation import save
from coinnovation.cli import main
from tests.conftest import EXAMPLE
from tests.models.test_hub import small_hub


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_validate_ok(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = save(small_hub(), tmp_path / "hub.yaml")
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 0
    assert out == f"{path}: ok — 28 records\n"


def test_validate_example_with_dangling_reference_and_duplicate_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    participation = data["participations"][5]
    participation["session"] = "s-does-not-exist"
    first, second = data["people"][0], data["people"][1]
    second["id"] = first["id"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")

    status, out, _ = run(capsys, "validate", str(broken))
    assert status == 1
    assert (
        f"participation '{participation['id']}', field 'session': unknown session 's-does-not-exist'"
        in out
    )
    assert f"person '{first['id']}', field 'id': duplicate id: already used by a person" in out

    status, out, _ = run(capsys, "validate", "--json", str(EXAMPLE), str(broken))
    assert status == 1
    report = json.loads(out)
    assert [entry["valid"] for entry in report] == [True, False]
    assert {(p["record"], p["field"]) for p in report[1]["problems"]} >= {
        (participation["id"], "session"),
        (first["id"], "id"),
    }


def test_validate_malformed_file_lists_locations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hub.json"
    path.write_text('{"people": [{"id": "p-1", "name": "A", "colour": "red"}]}')
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 1
    assert "person 'p-1', field 'colour': unknown field" in out


def test_missing_file_and_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "validate", str(tmp_path / "none.json"))
    assert status == 2
    assert "No such file" in err
    status, _, err = run(capsys, "validate")
    assert status == 2
    assert "Missing argument" in err
    status, _, err = run(capsys, "summary", str(tmp_path / "none.json"))
    assert status == 2


def test_schema_prints_and_writes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    assert json.loads(out) == coinnovation.json_schema()
    target = tmp_path / "schema.json"
    status, _, err = run(capsys, "schema", "-o", str(target))
    assert status == 0
    assert json.loads(target.read_text()) == coinnovation.json_schema()
    assert "wrote" in err


def test_summary_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = save(small_hub(), tmp_path / "hub.json")
    status, out, _ = run(capsys, "summary", str(path))
    assert status == 0
    assert out.splitlines()[:3] == ["small (schema 1.1)", "", "Records"]
    assert "      Table 1 [table, s-t1]  3 took part" in out  # plain English (issue 9)
    assert "  community                   1       2" in out  # whg; Ana (member) and Cy (own sector)
    status, out, _ = run(capsys, "summary", "--json", str(path))
    data = json.loads(out)
    assert data["counts"]["participations"] == 6
    assert data["people_by_sector"] == {"community": 2, "industry": 2}
    assert data["challenges_by_stage"]["framing"] == 1


def test_summary_of_invalid_file_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hub.json"
    path.write_text('{"sessions": [{"id": "s", "name": "S", "parent": "x"}]}')
    status, _, err = run(capsys, "summary", str(path))
    assert status == 1
    assert "session 's', field 'parent': unknown session 'x'" in err


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from coinnovation.cli import _console; _console()", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"coinnovation {coinnovation.__version__}"


def test_missing_extra_gives_install_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "click", None)
    monkeypatch.delitem(sys.modules, "coinnovation.cli.commands", raising=False)
    status = main(["--version"])
    err = capsys.readouterr().err
    assert status == 2
    assert "pip install 'coinnovation[cli]'" in err


def test_network_writes_each_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import networkx as nx

    for suffix in (".gexf", ".graphml", ".json", ".csv"):
        target = tmp_path / f"g{suffix}"
        status, out, _ = run(
            capsys,
            "network",
            str(EXAMPLE),
            "--level",
            "organisation",
            "--kind",
            "table",
            "-o",
            str(target),
        )
        assert status == 0, out
        assert out == f"wrote {target}: 21 nodes, 206 ties (organisation level, count weights)\n"
        assert target.stat().st_size > 0
    graph = nx.read_gexf(tmp_path / "g.gexf")
    assert graph.number_of_nodes() == 21
    assert graph.number_of_edges() == 206


def test_network_rejects_bad_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "network", str(EXAMPLE), "-o", str(tmp_path / "g.txt"))
    assert status == 2
    assert "unsupported" in err


def test_metrics_table_and_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "metrics", str(EXAMPLE), "--level", "sector", "--kind", "table")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "5 nodes, 10 ties (sector level, count weights)"
    assert lines[1].startswith("E-I index by sector: ")
    assert lines[3].split()[:3] == ["node", "name", "sector"]
    assert lines[-1] == "All 5 rows tie at betweenness 0.000."  # said, not hidden (issue 9)
    assert {line.split()[0] for line in lines[4:9]} == {
        "academia",
        "community",
        "government",
        "health_service",
        "industry",
    }
    target = tmp_path / "m.csv"
    status, _, err = run(capsys, "metrics", str(EXAMPLE), "--kind", "table", "-o", str(target))
    assert status == 0
    header = target.read_text().splitlines()[0].split(",")
    assert header[:4] == ["node", "name", "kind", "sector"]
    assert {"betweenness", "constraint", "ei", "liaison", "brokerage"} <= set(header)
    assert len(target.read_text().splitlines()) == 22
    status, _, err = run(capsys, "metrics", str(EXAMPLE), "--sort", "fame")
    assert status == 2
    assert "no column 'fame'" in err


def test_heart_prints_every_indicator(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Their output shows people, under pseudonyms: no secret file beside the example.
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")
    from coinnovation import load
    from coinnovation.heart import heart_report

    status, out, _ = run(capsys, "heart", str(EXAMPLE), "--kind", "table")
    assert status == 0
    expected = heart_report(load(EXAMPLE), kind="table")
    for name, value in expected.values.items():
        line = next(
            row for row in out.splitlines() if row.strip().startswith(name.replace("_", " "))
        )
        assert (f"{value:.3f}" if value is not None else "n/a") in line.split()
        assert "is better" in line  # each headline says which way is good (issue 9)
    assert "Reading:" not in out
    status, full, _ = run(capsys, "heart", str(EXAMPLE), "--kind", "table", "--explain")
    assert "Reading:" in full
    status, text, _ = run(capsys, "heart", str(EXAMPLE), "--json")
    data = json.loads(text)
    assert [item["name"] for item in data["indicators"]] == list(expected.values)


def test_heart_and_metrics_skip_or_downweight_large_sessions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")
    from coinnovation import load
    from coinnovation.heart import heart_report

    hub = load(EXAMPLE)
    for oversize in ("skip", "downweight"):
        options = ("--max-session-size", "15", "--oversize", oversize)
        status, text, _ = run(capsys, "heart", str(EXAMPLE), "--json", *options)
        assert status == 0
        expected = heart_report(hub, max_session_size=15, oversize=oversize)  # type: ignore[arg-type]
        values = {item["name"]: item["value"] for item in json.loads(text)["indicators"]}
        assert values == pytest.approx(expected.values, nan_ok=True)
        status, out, _ = run(capsys, "metrics", str(EXAMPLE), "--level", "person", *options)
        assert status == 0
        assert "ties (person level" in out
    # The whole event ties every organisation: brokerage has nothing to count until the
    # sessions of more than 15 are left out.
    assert heart_report(hub).values["brokerage"] is None
    assert heart_report(hub, max_session_size=15).values["brokerage"] is not None


def test_lineage_prints_the_tree_and_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Their output shows people, under pseudonyms: no secret file beside the example.
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")
    status, out, _ = run(capsys, "lineage", str(EXAMPLE), "ch-01")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("challenge ch-01:")
    assert any(line.strip().startswith("agreed → agreement ag-01") for line in lines)
    status, text, _ = run(capsys, "lineage", str(EXAMPLE), "ch-01", "--json")
    data = json.loads(text)
    assert {"source": "ch-01", "target": "fr-01-1", "relation": "framed"} in data["links"]
    status, _, err = run(capsys, "lineage", str(EXAMPLE), "ch-404")
    assert status == 1
    assert "no challenge with id 'ch-404'" in err


def test_share_explains_and_checks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Their output shows people, under pseudonyms: no secret file beside the example.
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")
    status, out, _ = run(capsys, "share", str(EXAMPLE), "ag-01", "--rule", "nucleolus")
    assert status == 0
    assert out.startswith("Agreement 'ag-01', rule nucleolus")
    assert "Equal partners:" in out
    assert "Core (the shares applied to v(N)): yes" in out
    status, text, _ = run(
        capsys, "share", str(EXAMPLE), "ag-01", "--rule", "equal", "--amount", "10", "--json"
    )
    data = json.loads(text)
    assert sum(Decimal(v) for v in data["shares"].values()) == Decimal("10")
    status, _, err = run(capsys, "share", str(EXAMPLE), "ag-404")
    assert status == 1
    assert "no agreement with id 'ag-404'" in err
    status, _, err = run(capsys, "share", str(EXAMPLE), "ag-01", "--amount", "ten")
    assert status == 2
    assert "'ten' is not a number" in err
    status, _, err = run(capsys, "share", str(EXAMPLE), "ag-01", "--currency", "EUR")
    assert status == 1
    assert "its money is in GBP, not EUR" in err


def test_person_level_outputs_keep_names_private(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coinnovation import Consent, load

    monkeypatch.delenv("COINNOVATION_SECRET", raising=False)
    hub = load(EXAMPLE)
    named, excluded = hub.people[0], hub.people[1]
    hub = hub.replace(
        named.model_copy(update={"consent": Consent.NAMED}),
        excluded.model_copy(update={"consent": Consent.EXCLUDED}),
    )
    path = save(hub, tmp_path / "hub.json")
    hidden = [p.name for p in hub.people if p.consent is not Consent.NAMED]

    status, out, err = run(capsys, "metrics", str(path), "--level", "person", "--columns", "name")
    assert status == 0
    assert f"created {path}.secret" in err
    assert named.name in out
    assert not [name for name in hidden if name in out]
    assert excluded.id not in out

    gexf = tmp_path / "people.gexf"
    status, _, err = run(capsys, "network", str(path), "--level", "person", "-o", str(gexf))
    assert status == 0
    assert "created" not in err  # the secret is made once and reused
    text = gexf.read_text(encoding="utf-8")
    assert named.name in text
    assert not [name for name in hidden if name in text]
    # The same pseudonyms each time: the secret file is reused.
    again = tmp_path / "again.gexf"
    run(capsys, "network", str(path), "--level", "person", "-o", str(again))
    assert again.read_text(encoding="utf-8") == text


def test_a_named_secret_file_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coinnovation.privacy import pseudonym

    path = save(small_hub(), tmp_path / "hub.json")
    person = small_hub().people[0].id
    monkeypatch.setenv("COINNOVATION_SECRET", "the environment's secret, sixteen+")
    secret_file = tmp_path / "named.secret"
    secret_file.write_text("the named file's secret, sixteen+", encoding="utf-8")
    csv_path = tmp_path / "m.csv"
    status, _, _ = run(
        capsys,
        "metrics",
        str(path),
        "--level",
        "person",
        "--secret-file",
        str(secret_file),
        "-o",
        str(csv_path),
    )
    assert status == 0
    text = csv_path.read_text(encoding="utf-8")
    assert pseudonym(person, "the named file's secret, sixteen+") in text
    assert pseudonym(person, "the environment's secret, sixteen+") not in text
    status, _, err = run(
        capsys, "metrics", str(path), "--level", "person", "--secret-file", str(tmp_path / "typo")
    )
    assert status == 2
    assert "no such secret file" in err


# -- issue 9: files the loader refuses, and what the exit status says --------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["validate", "summary"])
def test_a_link_to_a_device_exits_2_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    link = tmp_path / "hub.json"
    link.symlink_to("/dev/zero")
    status, _, err = run(capsys, command, str(link))
    assert status == 2
    assert err == f"Error: {link}: not a regular file (a device or a socket): refused\n"


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_deep_nesting_and_long_integers_are_invalid_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    deep = tmp_path / f"deep.{suffix}"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    long = tmp_path / f"long.{suffix}"
    long.write_text('{"name": ' + "9" * 5_000 + "}", encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--json", str(deep), str(long))
    assert status == 1
    report = json.loads(out)
    assert "nested too deeply" in report[0]["problems"][0]["message"]
    assert "column" in report[1]["problems"][0]["message"]
    for path in (deep, long):
        status, _, err = run(capsys, "summary", str(path))
        assert status == 1
        assert err.startswith(f"Error: {path}: 1 problem:")


def test_a_bom_is_accepted_and_keys_given_twice_are_invalid(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hub.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    status, out, _ = run(capsys, "validate", str(path))
    assert status == 0, out
    path.write_text('{"people": [{"id": "p-1", "name": "A", "name": "B"}]}', encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--json", str(path))
    assert status == 1
    [problem] = json.loads(out)[0]["problems"]
    assert (problem["record"], problem["field"]) == ("p-1", "name")
    assert "(people[0].name)" in problem["message"]


def test_validate_reports_shape_and_reference_problems_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["people"][0]["nickname"] = "x"  # shape
    data["participations"][1]["hours"] = -1  # shape
    data["participations"][2]["session"] = "s-nowhere"  # reference
    data["memberships"][0]["organisation"] = "o-nowhere"  # reference
    path = tmp_path / "four.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--json", str(path))
    assert status == 1
    problems = json.loads(out)[0]["problems"]
    assert [(p["record"], p["field"]) for p in problems] == [
        (data["people"][0]["id"], "nickname"),
        (data["participations"][1]["id"], "hours"),
        (data["memberships"][0]["id"], "organisation"),
        (data["participations"][2]["id"], "session"),
    ]
    status, out, _ = run(capsys, "validate", str(path))
    assert f"{path}: 4 problems:" in out


@pytest.mark.parametrize("command", ["validate", "summary", "heart"])
def test_yaml_without_pyyaml_names_the_extra_and_exits_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    path = save(small_hub(), tmp_path / "hub.yaml")
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now raises ImportError
    status, out, err = run(capsys, command, str(path))
    assert status == 2
    assert out == ""
    assert err == (
        f"Error: {path}: reading and writing YAML files needs the optional dependency "
        "'yaml': pip install 'coinnovation[yaml]'\n"
    )
