"""Consent kept in every output: no raw id or name of a person who did not agree to be named.

This is THE test that keeps consent true across the library and the command line. It
builds two hubs — the bundled example and the Davis sign-in sheet import (whose person
ids are built from names) — with people of all three consents, names that are also
substrings of ids, people with no organisation (listed among an organisation network's
dropped stakeholders), an organisation recorded without a person, and free texts
(the hub's description, session names and descriptions, challenges, framings,
contributions, agreements, costs, outcomes, attributes) that mention people by id and
by name. Then it produces every output that shows people, and checks every byte of each
(graph attributes, metadata and free text included): no raw id of a person who is not
``named`` and no name of a pseudonymous or excluded person may appear.

When you add an output, add it here: one line in :data:`OUTPUTS` (a command line, or a
function of the library that returns what it writes).

Left out on purpose: ``validate``, ``import``, ``store`` and ``schema``. They work on the
hub itself for the person who keeps it (a problem has to name the record it is in; a
store dump *is* the hub), and share nothing.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import attrs
import pytest

from coinnovation import Consent, Hub, load, save
from coinnovation.cli import main
from coinnovation.export.frames import to_frames
from coinnovation.export.graphs import node_link_data
from coinnovation.export.hypergraph import hif_data, session_hypergraph
from coinnovation.heart import heart_report
from coinnovation.inference import bootstrap, heart_report_tested
from coinnovation.io.registers import read_register
from coinnovation.lineage import lineage
from coinnovation.models import Membership, Outcome, Participation, Person
from coinnovation.network.build import collaboration_graph
from coinnovation.network.measures import node_measures
from coinnovation.privacy import SECRET_ENV, Privacy
from coinnovation.sharing.agreement import share_agreement
from tests.conftest import EXAMPLE, ROOT

SECRET = "the secret of the privacy outputs test, 32+"

# -- the hubs --------------------------------------------------------------------------------

MENTION = (
    " Thanks to Ana Silva (p-ana-silva), to ANA  SILVA again, to Cy Ward (p-cy), to Silva, "
    "to Sandeep T. (p-002), to p-084 and to Dee (p-dee), who agreed to be named."
)


def _example() -> Hub:
    """The example hub with every consent, telling names and mentions everywhere."""
    hub = load(EXAMPLE)
    people = {person.id: person for person in hub.people}

    def consent(person: str, value: Consent) -> Person:
        return people[person].model_copy(update={"consent": value})

    changed: list[Any] = [
        consent("p-001", Consent.NAMED),
        consent("p-002", Consent.EXCLUDED),  # a member of an organisation
        consent("p-084", Consent.EXCLUDED),  # a party of ag-01
        consent("p-037", Consent.EXCLUDED),  # the author of a framing
    ]
    session = hub.session("s-ws1-t1")
    changed.append(
        session.model_copy(
            update={"name": f"{session.name} (host: Ana Silva)", "description": MENTION}
        )
    )
    challenge = hub.challenge("ch-01")
    changed.append(challenge.model_copy(update={"description": MENTION}))
    framing = hub.framings[0]
    changed.append(framing.model_copy(update={"statement": framing.statement + MENTION}))
    contribution = hub.contributions[0]
    changed.append(contribution.model_copy(update={"text": contribution.text + MENTION}))
    agreement = hub.agreement("ag-01")
    cost = agreement.costs[0].model_copy(update={"description": "Cy Ward's time, p-cy"})
    changed.append(
        agreement.model_copy(
            update={
                "title": agreement.title + " (drafted by Ana Silva)",
                "description": MENTION,
                "costs": (cost, *agreement.costs[1:]),
            }
        )
    )
    organisation = hub.organisation("o-whg")
    changed.append(
        organisation.model_copy(
            update={"description": MENTION, "attributes": {"contact": "p-ana-silva"}}
        )
    )
    hub = hub.replace(*changed)
    hub = hub.model_copy(update={"description": (hub.description or "") + MENTION})
    return hub.add(
        # A pseudonymous person whose id is built from her name, with no organisation
        # (so organisation networks list her among the dropped stakeholders).
        Person(id="p-ana-silva", name="Ana Silva"),
        # An excluded person whose name is part of another's name and id.
        Person(id="p-silva", name="Silva", consent=Consent.EXCLUDED),
        Person(id="p-cy", name="Cy Ward", consent=Consent.EXCLUDED),
        Person(id="p-dee", name="Dee", consent=Consent.NAMED),
        Membership(id="m-cy", person="p-cy", organisation="o-whg"),
        Membership(id="m-dee", person="p-dee", organisation="o-glucora"),
        *(
            # Participation ids made from the person's id, as registers make them.
            Participation(id=f"pa-x-{person}-{session}", session=session, person=person)
            for person in ("p-ana-silva", "p-silva", "p-cy", "p-dee")
            for session in ("s-ws1-t1", "s-ws2-t2")
        ),
        # An organisation recorded without a person: a node of person-level networks.
        Participation(id="pa-x-glucora", session="s-ws1-t1", organisation="o-glucora"),
        Outcome(id="out-x", description=MENTION, agreement="ag-01", indicator="p-cy's count"),
    )


def _davis() -> Hub:
    """The Davis sign-in sheet as imported: person ids made from names, no organisations."""
    hub = read_register(ROOT / "docs" / "data" / "davis_sign_in.csv").hub
    people = {person.name: person for person in hub.people}
    return hub.replace(
        people["Evelyn Jefferson"].model_copy(update={"consent": Consent.NAMED}),
        people["Laura Mandeville"].model_copy(update={"consent": Consent.EXCLUDED}),
        people["Nora Fayette"].model_copy(update={"consent": Consent.EXCLUDED}),
    ).model_copy(update={"description": "Southern women: Theresa Anderson and p-nora-fayette."})


@attrs.frozen
class World:
    """A hub saved in a folder (with its secret beside it), and what must not leak."""

    name: str
    hub: Hub
    path: Path
    folder: Path
    forbidden_ids: tuple[str, ...]
    forbidden_names: re.Pattern[str]

    @property
    def privacy(self) -> Privacy:
        return Privacy(self.hub, SECRET)

    def leaks(self, text: str) -> list[str]:
        """Every raw id of an unnamed person and every unnamed person's name in ``text``."""
        found = [person for person in self.forbidden_ids if person in text]
        found += sorted({match[0] for match in self.forbidden_names.finditer(text)})
        return found


def _world(name: str, hub: Hub, folder: Path) -> World:
    folder.mkdir()
    path = save(hub, folder / "hub.json")
    Path(f"{path}.secret").write_text(SECRET, encoding="utf-8")
    hidden = [person for person in hub.people if person.consent is not Consent.NAMED]
    names = sorted({person.name for person in hidden}, key=len, reverse=True)
    # Spelled with any spaces, or as a slug ("laura-mandeville" in an id), in any case.
    spelled = [r"[\s_.-]+".join(map(re.escape, name.split())) for name in names]
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(spelled) + r")(?![^\W_])", re.IGNORECASE)
    return World(name, hub, path, folder, tuple(person.id for person in hidden), pattern)


@pytest.fixture(scope="module", params=["example", "davis"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("privacy-outputs")
    if request.param == "example":
        return _world("example", _example(), folder / "example")
    return _world("davis", _davis(), folder / "davis")


@pytest.fixture(autouse=True)
def _secret_beside_the_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)


# -- the outputs -----------------------------------------------------------------------------

Produce = Callable[[World, Path], bytes | str]


def _record(world: World, kind: str) -> str:
    """The first challenge or agreement of the hub; the output is skipped when it has none."""
    records = world.hub.challenges if kind == "challenge" else world.hub.agreements
    if not records:
        pytest.skip(f"the {world.name} hub has no {kind}")
    return records[0].id


def cli(*args: str, output: str | None = None) -> Produce:
    """A command line, printed and written (when ``output`` names the file or folder).

    In ``args``, ``{hub}`` is the hub file, ``{out}`` the output, and ``{challenge}`` and
    ``{agreement}`` the hub's first record of that kind.
    """

    def produce(world: World, out: Path) -> bytes:
        target = out / (output or "out")
        places = {"hub": world.path, "out": target}
        for kind in ("challenge", "agreement"):
            if any(f"{{{kind}}}" in arg for arg in args):
                places[kind] = _record(world, kind)
        words = [arg.format(**places) for arg in args]
        printed, errors = io.StringIO(), io.StringIO()
        with redirect_stdout(printed), redirect_stderr(errors):
            status = main(words)
        shown = printed.getvalue() + errors.getvalue()
        assert status == 0, shown
        written = b""
        if output is not None:
            paths = sorted(target.rglob("*")) if target.is_dir() else [target]
            written = b"".join(path.read_bytes() for path in paths if path.is_file())
        return shown.encode("utf-8") + written

    return produce


def library(make: Callable[[World], Any]) -> Produce:
    """A function of the library: its result as text (JSON when it is data)."""

    def produce(world: World, out: Path) -> str:
        result = make(world)
        if isinstance(result, str):
            return result
        return json.dumps(result, default=str, ensure_ascii=False)

    return produce


def _graph(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        graph = collaboration_graph(world.hub, level=level)  # type: ignore[arg-type]
        return node_link_data(world.privacy.graph(graph))

    return make


def _node_table(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        graph = collaboration_graph(world.hub, level=level)  # type: ignore[arg-type]
        measures = node_measures(graph, default="unknown")
        table = world.privacy.node_table(measures, people=level == "person")
        columns = {name: list(map(str, values)) for name, values in table.columns.items()}
        return [list(map(str, table.nodes)), columns]

    return make


def _hif(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        return hif_data(world.hub, level=level, privacy=world.privacy)  # type: ignore[arg-type]

    return make


def _hypergraph(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        H = session_hypergraph(world.hub, level=level, privacy=world.privacy)  # type: ignore[arg-type]
        return [
            {key: H[key] for key in H._net_attr},
            {node: H.nodes[node] for node in H.nodes},
            {edge: H.edges[edge] for edge in H.edges},
            {edge: sorted(H.edges.members(edge)) for edge in H.edges},
        ]

    return make


def _heart(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        report = heart_report(world.hub, level=level).shared(world.privacy)  # type: ignore[arg-type]
        return [report.to_dict(), report.explain(), str(report.to_frame()), report._repr_html_()]

    return make


def _tested_heart(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        report = heart_report_tested(
            world.hub,
            level=level,  # type: ignore[arg-type]
            kind="table",
            permutations=9,
            resamples=3,
            seed=1,
            indicators=("centrality", "brokerage", "voice"),
        ).shared(world.privacy)
        return [report.to_dict(), report.explain(), str(report.to_frame()), report._repr_html_()]

    return make


def _bootstrap(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        result = bootstrap(
            world.hub, "strength", level=level, resamples=5, seed=1, privacy=world.privacy
        )  # type: ignore[arg-type]
        return [result.to_dict(), result.explain(), str(result.to_frame()), result._repr_html_()]

    return make


def _parquet(what: str, level: str = "organisation") -> Callable[[World], Any]:
    """A table written as Parquet (compressed), read back as rows."""

    def make(world: World) -> Any:
        import pyarrow.parquet as pq

        from coinnovation.export.exports import export_table

        path = world.folder / f"{what}-{level}.parquet"
        export_table(world.hub, what, path, privacy=world.privacy, level=level)  # type: ignore[arg-type]
        return pq.read_table(path).to_pylist()

    return make


def _edges_parquet(level: str) -> Callable[[World], Any]:
    """Edge lists as Parquet: of a graph (write_graph) and of an EdgeList, read back."""

    def make(world: World) -> Any:
        import pyarrow.parquet as pq

        from coinnovation.export.graphs import write_graph
        from coinnovation.export.parquet import edge_arrow
        from coinnovation.network.build import collaboration_edges

        path = world.folder / f"edges-{level}.parquet"
        graph = collaboration_graph(world.hub, level=level)  # type: ignore[arg-type]
        write_graph(graph, path, privacy=world.privacy)
        edges = collaboration_edges(world.hub, level=level)  # type: ignore[arg-type]
        return [
            pq.read_table(path).to_pylist(),
            edge_arrow(edges, privacy=world.privacy).to_pylist(),
        ]

    return make


def _kumu(level: str) -> Callable[[World], Any]:
    def make(world: World) -> Any:
        from coinnovation.export.kumu import kumu_blueprint

        graph = collaboration_graph(world.hub, level=level)  # type: ignore[arg-type]
        return kumu_blueprint(graph, privacy=world.privacy)

    return make


def _popolo(world: World) -> Any:
    from coinnovation.export.popolo import popolo_data

    return popolo_data(world.hub, privacy=world.privacy)


def _frames(world: World) -> str:
    frames = to_frames(world.hub, privacy=world.privacy)
    return "\n".join(frame.to_csv() for frame in frames.values())


def _lineage(world: World) -> Any:
    graph = lineage(world.hub, _record(world, "challenge"))
    return node_link_data(world.privacy.graph(graph))


def _share(world: World) -> Any:
    result = share_agreement(world.hub, _record(world, "agreement"))
    return [world.privacy.data(result.to_dict()), world.privacy.text(result.explain())]


_LEVELS = ("person", "organisation", "sector")

#: Every output that shows people: (name, how to produce it). Add yours here.
OUTPUTS: list[tuple[str, Produce]] = [
    # The command line: every command whose output shows people, every level and format.
    *(
        (
            f"network {lv} {ext}",
            cli("network", "{hub}", "--level", lv, "-o", "{out}", output=f"g.{ext}"),
        )
        for lv in _LEVELS
        for ext in ("gexf", "graphml", "json", "csv")
    ),
    *(
        (f"metrics {lv}", cli("metrics", "{hub}", "--level", lv, "--columns", "all"))
        for lv in _LEVELS
    ),
    *(
        (
            f"metrics {lv} {ext}",
            cli("metrics", "{hub}", "--level", lv, "-o", "{out}", output=f"m.{ext}"),
        )
        for lv in _LEVELS
        for ext in ("csv", "json")
    ),
    *(
        (
            f"export {what}",
            cli("export", "{hub}", "--what", what, "-o", "{out}", output=f"{what}.csv"),
        )
        for what in ("people", "organisations", "participations", "measures")
    ),
    (
        "export popolo",
        cli("export", "{hub}", "--what", "popolo", "-o", "{out}", output="p.json"),
    ),
    *(
        (
            f"network {lv} kumu",
            cli("network", "{hub}", "--level", lv, "-o", "{out}", output="g.kumu.json"),
        )
        for lv in _LEVELS
    ),
    *(
        (
            f"export {what} xlsx",
            cli("export", "{hub}", "--what", what, "-o", "{out}", output="t.xlsx"),
        )
        for what in ("people", "participations")
    ),
    (
        "export measures person",
        cli(
            "export",
            "{hub}",
            "--what",
            "measures",
            "--level",
            "person",
            "-o",
            "{out}",
            output="m.csv",
        ),
    ),
    *(
        (f"report {lv}", cli("report", "{hub}", "--level", lv, "-o", "{out}", output="report"))
        for lv in _LEVELS
    ),
    *(
        (
            f"report {lv} tested",
            cli(
                "report",
                "{hub}",
                "--level",
                lv,
                "--kind",
                "table",
                "--permutations",
                "9",
                "--resamples",
                "3",
                "-o",
                "{out}",
                output="report",
            ),
        )
        for lv in _LEVELS
    ),
    *((f"heart {lv}", cli("heart", "{hub}", "--level", lv, "--explain")) for lv in _LEVELS),
    *(
        (
            f"heart {lv} tested --json",
            cli(
                "heart",
                "{hub}",
                "--level",
                lv,
                "--kind",
                "table",
                "--permutations",
                "9",
                "--resamples",
                "3",
                "--json",
            ),
        )
        for lv in _LEVELS
    ),
    *((f"heart {lv} --json", cli("heart", "{hub}", "--level", lv, "--json")) for lv in _LEVELS),
    *(
        (
            f"test {lv} {by} --json",
            cli("test", "{hub}", "--level", lv, "--by", by, "--permutations", "9", "--json"),
        )
        for lv, by in (("person", "organisation"), ("organisation", "sector"))
    ),
    ("test brokerage", cli("test", "{hub}", "--measure", "brokerage", "--permutations", "9")),
    (
        "test heart --json",
        cli("test", "{hub}", "--measure", "heart", "--permutations", "9", "--json"),
    ),
    ("share", cli("share", "{hub}", "{agreement}")),
    ("share --json", cli("share", "{hub}", "{agreement}", "--json")),
    ("lineage", cli("lineage", "{hub}", "{challenge}")),
    ("lineage --json", cli("lineage", "{hub}", "{challenge}", "--json")),
    ("summary", cli("summary", "{hub}")),
    ("summary --json", cli("summary", "{hub}", "--json")),
    # The library: what it returns for you to write or show.
    *((f"graph {lv}", library(_graph(lv))) for lv in _LEVELS),
    *((f"node table {lv}", library(_node_table(lv))) for lv in _LEVELS),
    *((f"hif {lv}", library(_hif(lv))) for lv in ("person", "organisation")),
    *((f"hypergraph {lv}", library(_hypergraph(lv))) for lv in ("person", "organisation")),
    *((f"heart report {lv}", library(_heart(lv))) for lv in _LEVELS),
    *((f"bootstrap {lv}", library(_bootstrap(lv))) for lv in _LEVELS),
    *((f"tested heart report {lv}", library(_tested_heart(lv))) for lv in _LEVELS),
    ("frames", library(_frames)),
    *(
        (f"parquet {what}", library(_parquet(what)))
        for what in ("people", "organisations", "participations")
    ),
    *((f"parquet measures {lv}", library(_parquet("measures", lv))) for lv in _LEVELS),
    *((f"parquet edges {lv}", library(_edges_parquet(lv))) for lv in _LEVELS),
    *((f"kumu {lv}", library(_kumu(lv))) for lv in _LEVELS),
    ("popolo", library(_popolo)),
    ("lineage graph", library(_lineage)),
    ("share result", library(_share)),
]


def _readable(data: bytes | str) -> str:
    """The text of an output; the members of zip files (xlsx) unpacked."""
    if isinstance(data, str):
        return data
    parts = [data.decode("utf-8", errors="replace")]
    start = data.find(b"PK\x03\x04")
    if start >= 0:
        try:
            with zipfile.ZipFile(io.BytesIO(data[start:])) as archive:
                parts += [
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                ]
        except zipfile.BadZipFile:
            pass
    return "\n".join(parts)


@pytest.mark.parametrize(("output", "produce"), OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_no_output_shows_a_person_without_consent(
    world: World, output: str, produce: Produce, tmp_path: Path
) -> None:
    text = _readable(produce(world, tmp_path))
    assert world.leaks(text) == [], f"{output} of the {world.name} hub"


def test_the_check_finds_a_leak(world: World) -> None:
    """The raw hub holds every id and name: the check must see them (it can fail)."""
    leaks = world.leaks(world.path.read_text(encoding="utf-8"))
    hidden = {p.id for p in world.hub.people if p.consent is not Consent.NAMED}
    assert hidden <= set(leaks)
    assert len(leaks) > len(hidden)  # the names too


def test_named_people_keep_their_name(world: World, tmp_path: Path) -> None:
    """Not a blanket ban: who agreed to be named is named."""
    named = next(person for person in world.hub.people if person.consent is Consent.NAMED)
    written = cli("network", "{hub}", "--level", "person", "-o", "{out}", output="g.json")
    text = _readable(written(world, tmp_path))
    assert named.id in text
    assert named.name in text
