"""Spreadsheet exports: the four tables, privacy, formula neutralisation, files and errors."""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coinnovation import load, save
from coinnovation.errors import FileFormatError, MissingDependencyError, ProjectionTooLargeError
from coinnovation.export.exports import (
    EXPORTS,
    ExportTable,
    export_rows,
    export_table,
    write_export,
)
from coinnovation.export.hypergraph import hif_data
from coinnovation.export.tables import looks_like_formula
from coinnovation.io.registers import read_register
from coinnovation.models import (
    Consent,
    Hub,
    Membership,
    Organisation,
    Participation,
    Person,
    Session,
)
from coinnovation.network.build import affiliation_graph, collaboration_graph
from coinnovation.network.measures import node_measures
from coinnovation.privacy import SECRET_ENV, Privacy, PrivacyError
from coinnovation.testing.strategies import hubs

SECRET = "a secret of sixteen+ characters"
RISKY = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(autouse=True)
def _no_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


def hub() -> Hub:
    return Hub(
        organisations=(
            Organisation(id="o-whg", name="=WHG()", sector="community"),
            Organisation(id="o-acme", name="Acme", kind="firm", sector="industry"),
        ),
        people=(
            Person(id="p-ana", name="Ana Silva", consent="named", roles=("peer_researcher",)),
            Person(id="p-ben", name="@Ben Okafor"),
            Person(id="p-cy", name="Cy Ward", consent="excluded"),
        ),
        memberships=(
            Membership(id="m-1", person="p-ana", organisation="o-whg"),
            Membership(id="m-2", person="p-ben", organisation="o-acme"),
            Membership(id="m-3", person="p-cy", organisation="o-whg"),
        ),
        sessions=(
            Session(
                id="s-1",
                name="-Table 1",
                kind="table",
                start=datetime(2023, 6, 22, 10, tzinfo=UTC),
            ),
            Session(id="s-2", name="Table 2", kind="table"),
        ),
        participations=(
            Participation(id="pa-1", session="s-1", person="p-ana", hours=Decimal("1.5")),
            Participation(id="pa-2", session="s-1", person="p-ben", level="involve"),
            Participation(id="pa-3", session="s-2", person="p-cy", hours=Decimal("2")),
            Participation(id="pa-4", session="s-2", person="p-ben"),
            Participation(id="pa-5", session="s-2", organisation="o-acme"),
        ),
    )


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# -- the tables -----------------------------------------------------------------------------


def test_people_rows_apply_consent() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    table = export_rows(data, "people", privacy=policy)
    ben = policy.name("p-ben")
    assert table.columns[:3] == ("id", "name", "consent")
    records = {record["id"]: record for record in table.records()}
    assert set(records) == {"p-ana", ben}
    assert records["p-ana"]["name"] == "Ana Silva"
    assert records["p-ana"]["roles"] == "peer_researcher"
    assert records["p-ana"]["organisation"] == "o-whg"
    assert records["p-ana"]["hours"] == Decimal("1.5")
    assert records[ben]["name"] == ben
    assert records[ben]["participations"] == 2
    assert records[ben]["hours"] is None


def test_people_are_sorted_by_their_id_column() -> None:
    people = tuple(Person(id=f"p-{i:02d}", name=f"Person {i}") for i in range(20))
    data = Hub(people=people)
    ids = export_rows(data, "people", privacy=Privacy(data, SECRET)).column("id")
    assert ids == sorted(ids)
    assert ids != [Privacy(data, SECRET).label(p.id) for p in people]  # not hub order


def test_organisation_rows_count_everyone() -> None:
    table = export_rows(hub(), "organisations")  # no people shown: no secret needed
    records = {record["id"]: record for record in table.records()}
    assert records["o-whg"]["members"] == 2  # the excluded member counts
    assert records["o-acme"]["participations"] == 1
    assert records["o-acme"]["kind"] == "firm"
    assert records["o-whg"]["name"] == "=WHG()"  # rows hold the data; writers neutralise


def test_participation_rows_keep_every_participation() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    table = export_rows(data, "participations", privacy=policy)
    assert len(table) == len(data.participations)
    records = table.records()
    excluded = [r for r in records if r["person_excluded"]]
    assert len(excluded) == 1
    assert excluded[0]["person"] is None
    assert excluded[0]["person_name"] is None
    assert excluded[0]["id"] is None
    assert excluded[0]["hours"] == Decimal("2")
    ben = policy.name("p-ben")
    bens = [r for r in records if r["person"] == ben]
    assert len(bens) == 2
    assert all(r["person_name"] == ben and r["id"] is None for r in bens)
    ana = next(r for r in records if r["person"] == "p-ana")
    assert ana["id"] == "pa-1"
    assert ana["session_start"] == datetime(2023, 6, 22, 10, tzinfo=UTC)
    acme = next(r for r in records if r["organisation"] == "o-acme" and r["person"] is None)
    assert acme["id"] == "pa-5"
    assert acme["organisation_name"] == "Acme"
    assert acme["person_excluded"] is False
    assert [r["session"] for r in records] == ["s-1", "s-1", "s-2", "s-2", "s-2"]


def test_organisation_measures_match_node_measures() -> None:
    data = hub()
    table = export_rows(data, "measures")
    graph = collaboration_graph(data, level="organisation")
    expected = node_measures(graph, default="unknown")
    assert table.columns == ("node", *expected.names)
    for record in table.records():
        node = record.pop("node")
        for name, value in expected.row(node).items():
            if isinstance(value, float) and value != value:
                assert record[name] is None  # NaN is written as a blank cell
            else:
                assert record[name] == pytest.approx(value)


def test_person_measures_drop_excluded_people_and_keep_their_ties() -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    table = export_rows(data, "measures", level="person", privacy=policy)
    ben = policy.name("p-ben")
    records = {record["node"]: record for record in table.records()}
    assert set(records) == {"p-ana", ben, "o-acme"}
    assert records[ben]["name"] == ben
    # Ben's degree counts his tie to the excluded person: measures use the whole network.
    full = node_measures(collaboration_graph(data), default="unknown")
    assert records[ben]["degree"] == pytest.approx(full.row("p-ben")["degree"])
    assert list(records) == sorted(records)


def test_measures_filter_by_session_kind() -> None:
    data = hub()
    assert len(export_rows(data, "measures", kind="event")) == 0
    assert len(export_rows(data, "measures", kind=["table"])) == 2
    assert len(export_rows(data, "measures", sessions=["s-1"], kind="table")) == 2


def test_measure_errors_come_through() -> None:
    with pytest.raises(ProjectionTooLargeError):
        export_rows(hub(), "measures", level="person", privacy=Privacy(hub(), SECRET), max_pairs=0)


def test_export_table_repr_html_escapes() -> None:
    table = ExportTable("people", ("id", "name"), (("p-1", "<script>"),))
    assert "&lt;script&gt;" in table._repr_html_()
    with pytest.raises(KeyError):
        table.column("age")


# -- privacy policy resolution --------------------------------------------------------------


def test_people_need_a_secret() -> None:
    with pytest.raises(PrivacyError, match="pass privacy= or secret="):
        export_rows(hub(), "people")
    with pytest.raises(PrivacyError):
        export_rows(hub(), "measures", level="person")


def test_no_secret_needed_when_no_one_is_pseudonymous() -> None:
    named = Hub(people=(Person(id="p-1", name="Ana", consent="named"),))
    assert export_rows(named, "people").rows[0][:2] == ("p-1", "Ana")


def test_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deprecated (issue 10): only Privacy.for_hub reads the environment from now on."""
    monkeypatch.setenv(SECRET_ENV, SECRET)
    data = hub()
    ben = Privacy(data, SECRET).name("p-ben")
    with pytest.warns(DeprecationWarning, match="pass privacy=Privacy.for_hub"):
        assert ben in export_rows(data, "people").column("id")
    assert ben in export_rows(data, "people", privacy=Privacy.for_hub(data)).column("id")


def test_short_secret_refused() -> None:
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        export_rows(hub(), "people", privacy=Privacy(hub(), "short"))


@pytest.mark.parametrize("make", ["export_rows", "export_table"])
def test_secret_is_deprecated_and_still_works(make: str, tmp_path: Path) -> None:
    """``secret=`` (issue 10) warns and gives what ``privacy=Privacy(hub, secret)`` gives."""
    data = hub()

    def rows(**given: Any) -> list[dict[str, Any]]:
        if make == "export_rows":
            return export_rows(data, "people", **given).records()
        path = export_table(data, "people", tmp_path / "people.csv", **given)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    expected = rows(privacy=Privacy(data, SECRET))
    with pytest.warns(DeprecationWarning, match="secret= is deprecated"):
        assert rows(secret=SECRET) == expected
    with pytest.raises(TypeError, match="give privacy= or secret=, not both"):
        rows(privacy=Privacy(data, SECRET), secret=SECRET)


def test_without_a_policy_no_pseudonym_is_ever_made() -> None:
    """No policy: a table gets one without a secret, so a pseudonym cannot slip in."""
    data = hub()
    mentioned = data.replace(data.organisation("o-acme").model_copy(update={"name": "p-ben's"}))
    with pytest.raises(PrivacyError, match="exporting measures would show someone"):
        export_rows(mentioned, "measures")


def test_measures_take_a_scope() -> None:
    from coinnovation.models import Scope

    data = hub()
    for chosen, shorthand in (
        (Scope(kinds=["table"]), {"kind": "table"}),
        (Scope(sessions=["s-1"], kinds=["table"]), {"sessions": ["s-1"], "kind": "table"}),
        (Scope(since=date(2023, 6, 1)), {"since": date(2023, 6, 1)}),
    ):
        assert export_rows(data, "measures", scope=chosen) == export_rows(
            data, "measures", **shorthand
        )
    assert len(export_rows(data, "measures", kind=[])) == 0  # no kind given: no session
    with pytest.raises(TypeError, match="give scope= or kind=, not both"):
        export_rows(data, "measures", scope=Scope(), kind="table")
    # The other tables do not choose sessions: the network options leave them alone.
    assert export_rows(data, "organisations", kind="event") == export_rows(data, "organisations")


def test_write_export_applies_a_policy_to_a_table_made_by_hand(tmp_path: Path) -> None:
    data = hub()
    policy = Privacy(data, SECRET)
    table = ExportTable("people", ("id", "note"), (("p-ben", "met Cy Ward"), ("p-ana", "ok")))
    path = write_export(table, tmp_path / "t.csv", privacy=policy, bom=False)
    ben = policy.label("p-ben")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "id,note",
        f"{ben},met (not shown)",
        "p-ana,ok",
    ]
    made = export_rows(data, "people", privacy=policy)
    again = tmp_path / "again.csv"
    write_export(made, again, privacy=policy)
    assert again.read_bytes() == write_export(made, tmp_path / "plain.csv").read_bytes()


# -- files ----------------------------------------------------------------------------------


def test_csv_is_neutralised_with_bom_and_crlf(tmp_path: Path) -> None:
    path = export_table(hub(), "organisations", tmp_path / "o.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 3
    rows = read_csv(path)
    assert rows[0] == [
        "id",
        "name",
        "kind",
        "sector",
        "parent",
        "place",
        "communities",
        "members",
        "participations",
        "hours",
    ]
    assert rows[1][:2] == ["o-whg", "'=WHG()"]
    plain = export_table(hub(), "organisations", tmp_path / "plain.csv", bom=False)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_values(tmp_path: Path) -> None:
    path = export_table(hub(), "participations", tmp_path / "p.csv", privacy=Privacy(hub(), SECRET))
    rows = read_csv(path)
    header, body = rows[0], rows[1:]
    ana = dict(zip(header, next(r for r in body if "p-ana" in r), strict=True))
    assert ana["session_name"] == "'-Table 1"
    assert ana["session_start"] == "2023-06-22T10:00:00+00:00"
    assert ana["hours"] == "1.5"
    assert ana["person_excluded"] == "false"
    assert ana["level"] == ""
    assert "@Ben Okafor" not in path.read_text(encoding="utf-8-sig")


def test_text_starting_like_a_formula_is_neutralised_and_numbers_are_not(tmp_path: Path) -> None:
    table = ExportTable(
        "x",
        ("a", "b"),
        [(start + "cmd|' /C calc'!A0", -3) for start in RISKY] + [("safe", Decimal("-1.50"))],
    )
    rows = read_csv(write_export(table, tmp_path / "x.csv"))
    assert [row[0][:2] for row in rows[1:-1]] == ["'" + start for start in RISKY]
    assert [row[1] for row in rows[1:]] == ["-3"] * len(RISKY) + ["-1.50"]


def test_csv_round_trips_awkward_text(tmp_path: Path) -> None:
    awkward = ["a,b", 'say "hi"', "two\nlines", "carriage\rreturn", "\r", "nul\x00byte", "é"]
    table = ExportTable("x", ("text",), [(text,) for text in awkward])
    rows = read_csv(write_export(table, tmp_path / "x.csv"))
    assert [row[0] for row in rows[1:]] == ["'\r" if text == "\r" else text for text in awkward]


def test_xlsx_cells_are_values(tmp_path: Path) -> None:
    data = hub()
    path = export_table(data, "participations", tmp_path / "p.xlsx", privacy=Privacy(data, SECRET))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["participations"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(data.participations)
    ana = dict(zip(header, next(r for r in body if "p-ana" in r), strict=True))
    assert ana["session_name"] == "'-Table 1"
    assert ana["session_start"] == datetime(2023, 6, 22, 10)  # as recorded, without its zone
    assert ana["hours"] == 1.5
    assert ana["person_excluded"] is False
    assert ana["level"] is None
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    assert sheet.freeze_panes == "A2"


def test_xlsx_text_never_becomes_a_formula_or_an_error(tmp_path: Path) -> None:
    table = ExportTable(
        "weird",
        ("text", "number"),
        [("=1+1", 1), ("#N/A", 2.5), ("bell\x07", -1), ("ok", float("nan")), ("+x", True)],
    )
    workbook = openpyxl.load_workbook(write_export(table, tmp_path / "w.xlsx"))
    sheet = workbook["weird"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values == [
        ("'=1+1", 1),
        ("#N/A", 2.5),
        ("bell\ufffd", -1),
        ("ok", None),
        ("'+x", True),
    ]
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])


def test_measures_xlsx_numbers(tmp_path: Path) -> None:
    path = export_table(hub(), "measures", tmp_path / "m.xlsx")
    rows = list(openpyxl.load_workbook(path)["measures"].iter_rows(values_only=True))
    header = rows[0]
    degree = header.index("degree")
    assert all(isinstance(row[degree], int | float) for row in rows[1:])


# -- errors ---------------------------------------------------------------------------------


def test_unknown_export_is_named() -> None:
    with pytest.raises(ValueError, match="unknown export 'votes': choose one of people"):
        export_rows(hub(), "votes")


def test_unsupported_suffix_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match=r"unsupported table type '\.ods'"):
        export_table(hub(), "people", tmp_path / "people.ods", privacy=Privacy(hub(), SECRET))
    with pytest.raises(FileFormatError, match=r"use \.csv, \.xlsx or \.parquet"):
        write_export(ExportTable("x", ("a",), ()), tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


def test_missing_openpyxl_gives_the_pip_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    target = tmp_path / "people.xlsx"
    with pytest.raises(MissingDependencyError) as caught:
        export_table(hub(), "organisations", target)
    assert str(caught.value) == (
        "writing .xlsx files needs the optional dependency 'openpyxl': "
        "pip install 'coinnovation[excel]'"
    )
    assert list(tmp_path.iterdir()) == []


def test_failures_never_leave_partial_files(tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(PrivacyError):
        export_table(hub(), "people", target)
    assert target.read_text(encoding="utf-8") == "old"
    export_table(hub(), "people", target, privacy=Privacy(hub(), SECRET))
    assert target.read_text(encoding="utf-8-sig").startswith("id,name")
    assert [p.name for p in tmp_path.iterdir()] == ["people.csv"]  # no temporary files


# -- properties -----------------------------------------------------------------------------

# Each person gets a unique marker for a name, some of them starting like a formula, so a
# leak is found by substring and the neutralisation of names is exercised too.
_MARKER_STARTS = ("", "=", "+", "-", "@", "\t", "\r")


def marked(data: Hub) -> tuple[Hub, dict[str, str]]:
    markers = {
        person.id: f"{_MARKER_STARTS[i % len(_MARKER_STARTS)]}«name-{i}»"
        for i, person in enumerate(data.people)
    }
    if not markers:
        return data, markers
    renamed = [p.model_copy(update={"name": markers[p.id]}) for p in data.people]
    return data.replace(*renamed), markers


def expected_csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith("'") or looks_like_formula(value) else value
    return str(value)


def hidden(data: Hub, markers: dict[str, str]) -> list[str]:
    return [markers[p.id].lstrip("=+-@\t\r") for p in data.people if p.consent is not Consent.NAMED]


def identity_columns(table: ExportTable) -> list[str]:
    return [c for c in ("id", "person", "node") if c in table.columns]


CASES: list[tuple[str, str]] = [(what, "organisation") for what in EXPORTS] + [
    ("measures", "person")
]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=hubs(max_people=5, max_participations=8), secret=st.sampled_from([SECRET, "x" * 16]))
def test_csv_exports_of_any_hub_are_private_safe_and_complete(
    tmp_path: Path, data: Hub, secret: str
) -> None:
    data, markers = marked(data)
    policy = Privacy(data, secret)
    secrets = hidden(data, markers)
    private_ids = {p.id for p in data.people if p.consent is not Consent.NAMED}
    for what, level in CASES:
        table = export_rows(data, what, privacy=policy, level=level)  # type: ignore[arg-type]
        path = write_export(table, tmp_path / f"{what}-{level}.csv")
        rows = read_csv(path)
        assert rows[0] == list(table.columns)
        assert rows[1:] == [[expected_csv(value) for value in row] for row in table.rows]
        for row in rows[1:]:
            for cell in row:
                assert not any(secret_name in cell for secret_name in secrets)
                if cell.startswith(RISKY):  # only numbers may start with a minus
                    float(cell)
        for column in identity_columns(table):
            assert not private_ids & set(table.column(column))
    participations = export_rows(data, "participations", privacy=policy)
    assert len(participations) == len(data.participations)
    for record in participations.records():  # times as recorded: the local day is kept
        assert record["session_start"] == data.session(record["session"]).start
        if record["session_start"] is not None:
            assert (
                record["session_start"].utcoffset()
                == data.session(record["session"]).start.utcoffset()
            )  # type: ignore[union-attr]
    excluded = {p.id for p in data.people if p.consent is Consent.EXCLUDED}
    assert sum(participations.column("person_excluded")) == sum(
        p.person in excluded for p in data.participations
    )
    people = export_rows(data, "people", privacy=policy)
    assert len(people) == len(data.people) - len(excluded)


@settings(
    max_examples=15,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hubs(max_people=4, max_participations=6))
def test_xlsx_exports_of_any_hub_are_private_and_safe(tmp_path: Path, data: Hub) -> None:
    data, markers = marked(data)
    policy = Privacy(data, SECRET)
    secrets = hidden(data, markers)
    for what in ("people", "participations"):
        table = export_rows(data, what, privacy=policy)
        path = write_export(table, tmp_path / f"{what}.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))[what]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == len(table) + 1
        for row in rows[1:]:
            for value in row:
                if isinstance(value, str):
                    assert not value.startswith(RISKY)
                    assert not any(secret_name in value for secret_name in secrets)


# -- the calendar day a user wrote ------------------------------------------------------------

DATE_ONLY_SHEET = "Name,Session,Date\nAna Silva,Workshop 2,16/05/2024\n"


def date_only_hub(tmp_path: Path) -> Hub:
    """A session with a date and no time, in London in summer time (UTC+1)."""
    sheet = tmp_path / "sign-in.csv"
    sheet.write_text(DATE_ONLY_SHEET, encoding="utf-8")
    data = read_register(sheet, timezone="Europe/London").hub
    return data.replace(*(p.model_copy(update={"consent": "named"}) for p in data.people))


@pytest.mark.parametrize("reloaded", [False, True])
def test_a_date_only_session_keeps_its_day_in_csv_and_excel(tmp_path: Path, reloaded: bool) -> None:
    data = date_only_hub(tmp_path)
    if reloaded:  # through a hub file: the zone becomes a fixed offset
        data = load(save(data, tmp_path / "hub.json"))
    (row,) = export_rows(data, "participations").records()
    assert row["session_start"].isoformat() == "2024-05-16T00:00:00+01:00"
    (cells,) = csv.DictReader(
        io.StringIO(export_table(data, "participations", tmp_path / "p.csv").read_text("utf-8-sig"))
    )
    assert cells["session_start"] == "2024-05-16T00:00:00+01:00"
    sheet = openpyxl.load_workbook(export_table(data, "participations", tmp_path / "p.xlsx"))
    header, values = list(sheet["participations"].iter_rows(values_only=True))
    assert dict(zip(header, values, strict=True))["session_start"] == datetime(2024, 5, 16)


def test_times_are_written_as_recorded_with_their_offset(tmp_path: Path) -> None:
    data = hub().replace(
        Session(
            id="s-1",
            name="-Table 1",
            kind="table",
            start=datetime(2023, 6, 22, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        )
    )
    ana = next(
        r
        for r in export_rows(data, "participations", privacy=Privacy(data, SECRET)).records()
        if r["person"] == "p-ana"
    )
    assert ana["session_start"].isoformat() == "2023-06-22T09:30:00+01:00"


def test_every_output_of_a_date_only_session_keeps_its_day(tmp_path: Path) -> None:
    data = load(save(date_only_hub(tmp_path), tmp_path / "hub.json"))
    (session,) = data.sessions
    assert data.session_days() == {session.id: date(2024, 5, 16)}
    graph = affiliation_graph(data)
    assert graph.nodes[session.id]["start"] == "2024-05-16T00:00:00+01:00"
    (edge,) = hif_data(data)["edges"]
    assert edge["attrs"]["start"] == "2024-05-16T00:00:00+01:00"
