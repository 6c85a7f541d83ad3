"""The ``coinnovation test`` command: readings, JSON, and options checked when read."""

from __future__ import annotations

import json

import pytest

from coinnovation import load
from coinnovation.cli import main
from coinnovation.heart import heart_report
from coinnovation.inference import permutation_test
from coinnovation.network import collaboration_graph
from tests.conftest import EXAMPLE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["test", str(EXAMPLE), "--kind", "table", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COINNOVATION_SECRET", "a secret of sixteen+ characters")


def test_ei_prints_the_whole_network_and_each_group(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--permutations", "199", "--seed", "3")
    assert status == 0
    graph = collaboration_graph(load(EXAMPLE), level="organisation", kind="table")
    expected = permutation_test(graph, "ei", permutations=199, seed=3, default="unknown")
    assert expected.reading() in out
    assert "199 random relabellings of sector (seed 3)" in out.splitlines()[0]
    for group in ("academia", "community", "industry"):
        assert any(line.startswith(group) for line in out.splitlines())


def test_json_holds_every_test_and_how_they_were_drawn(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys, "--measure", "brokerage", "--permutations", "49", "--seed", "1", "--json"
    )
    assert status == 0
    data = json.loads(out)
    assert data["measure"] == "brokerage"
    assert data["permutations"] == 49
    assert data["seed"] == 1
    rows = data["tests"]
    assert {row["role"] for row in rows} >= {"liaison", "total"}
    assert all(0 < row["p_two_sided"] <= 1 for row in rows if row["observed"] is not None)


def test_heart_tests_the_reports_indicators(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--measure", "heart", "--permutations", "99", "--json")
    assert status == 0
    data = json.loads(out)
    report = heart_report(load(EXAMPLE), kind="table")
    observed = {row["indicator"]: row["observed"] for row in data["tests"]}
    assert observed == pytest.approx(
        {name: report[name].value for name in ("centrality", "brokerage")}
    )
    names = ("--indicator", "voice", "--indicator", "equal_partners", "--indicator", "brokerage")
    status, out, _ = run(capsys, "--measure", "heart", "--permutations", "19", *names)
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()[-3:]] == [
        "voice",
        "equal_partners",
        "brokerage",
    ]


def test_the_commands_indicators_are_the_librarys() -> None:
    from coinnovation.cli.significance import _INDICATORS
    from coinnovation.inference import HEART_INDICATORS

    assert _INDICATORS == HEART_INDICATORS


@pytest.mark.parametrize(
    "args",
    [
        ("--measure", "assortativity", "--level", "person", "--weighted"),
        ("--measure", "mixing", "--by", "organisation_kind", "--permutations", "9"),
        ("--level", "person", "--null", "bipartite", "--permutations", "5"),
    ],
)
def test_every_measure_runs(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    status, out, _ = run(capsys, "--permutations", "19", *args)
    assert status == 0, out
    assert "p two-sided" in out or "one-sided" in out


def test_exact_enumerates_or_says_how_many_there_would_be(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _out, err = run(capsys, "--exact", "--measure", "heart")
    assert status == 2
    assert "ways to choose the 8 community-sector nodes among 21" in err
    status, _out, err = run(capsys, "--exact", "--measure", "ei", "--level", "person")
    assert status == 2
    assert "distinct labellings to enumerate, more than 200,000" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--by", "organisation"), "nodes of the organisation level have no 'organisation'"),
        (("--level", "person", "--by", "organisation_kind"), "no 'organisation_kind'"),
        (("--measure", "heart", "--by", "organisation_kind"), "use --by sector"),
        (("--null", "bipartite"), "use --level person"),
        (("--level", "person", "--null", "bipartite", "--exact"), "it has no --exact"),
        (("--permutations", "0"), "0 is not in the range"),
        (("--seed", "-1"), "-1 is not in the range"),
        (("--measure", "median"), "'median' is not one of"),
        (("--indicator", "voice"), "--indicator is for --measure heart"),
        (("--measure", "heart", "--indicator", "voice", "--exact"), "they have no --exact"),
        (("--measure", "heart", "--indicator", "reach"), "'reach' is not one of"),
    ],
)
def test_bad_options_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    status, _out, err = run(capsys, *args)
    assert status == 2
    assert message in err


def test_a_missing_hub_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "no-such-hub.json"]) == 2
    assert "no-such-hub.json" in capsys.readouterr().err
