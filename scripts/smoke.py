"""Smoke test of an installed coinnovation, run from outside the source tree (issue 14).

CI copies this script and the example hub (taken from the built sdist) into an empty folder
and runs it with a virtual environment holding the wheel and only its core dependencies:

    python smoke.py HUB_JSON            # core only: every optional extra must be missing
    python smoke.py HUB_JSON --cli      # after installing the wheel's `cli` extra
    python smoke.py HUB_JSON --db       # after installing its `db` extra: `postgres` missing

It fails if coinnovation is imported from a source tree rather than site-packages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from decimal import Decimal
from pathlib import Path

import coinnovation as co
from coinnovation import network as net
from coinnovation.errors import MissingDependencyError
from coinnovation.sharing import share_agreement


def check(condition: object, what: str) -> None:
    if not condition:
        raise SystemExit(f"smoke test failed: {what}")
    print(f"ok: {what}")


def installed_not_tree() -> None:
    where = Path(co.__file__).resolve()
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    check(site in where.parents, f"coinnovation {co.__version__} is imported from {where.parent}")
    check((where.parent / "py.typed").is_file(), "py.typed ships in the wheel")


def core(hub_path: Path) -> None:
    hub = co.load(hub_path)
    check(len(hub.organisations) > 0 and len(hub.agreements) > 0, f"the example hub loads: {hub}")
    check(co.loads(co.dumps(hub)) == hub, "the hub survives a JSON round trip")

    tables = [s.id for s in hub.sessions if s.kind == "table"]
    G = net.collaboration_graph(hub, level="organisation", weight="newman", sessions=tables)
    check(G.number_of_nodes() > 0 and G.number_of_edges() > 0, f"a network: {G}")
    table = net.centrality_table(G, measures=("strength", "betweenness"))
    check(len(table.top("betweenness", 3)) == 3, "centrality on it")

    result = share_agreement(hub, "ag-01", rule="shapley", amount=Decimal("20000"))
    total = sum(result.allocation.shares.values(), Decimal(0))
    check(total == Decimal("20000"), f"a Shapley share of ag-01 sums to the amount ({total})")

    schema = co.json_schema()
    check(schema.get("$schema", "").endswith("2020-12/schema"), "the JSON Schema of a hub file")
    json.dumps(schema)

    from coinnovation.io import popolo

    check(len(popolo._schema_files()) > 5, "the Popolo schemas ship in the wheel")


# Each optional extra, and a call that needs it: with the core alone, each must fail with the
# exact install hint. (`postgres` also needs `db`, whose hint comes first, so it is checked
# after the `db` extra is installed, by `--db`; `parallel` is a
# networkx backend, reached through networkx; the `cli` hint is checked on the command.)
def _yaml(tmp: Path, hub: co.Hub) -> None:
    co.save(hub, tmp / "hub.yaml")


def _db(tmp: Path, hub: co.Hub) -> None:
    from coinnovation.io.store import Store

    Store(f"sqlite:///{tmp / 'hub.db'}")


def _pandas(tmp: Path, hub: co.Hub) -> None:
    from coinnovation.export import frames

    frames.to_frames(hub)


def _hyper(tmp: Path, hub: co.Hub) -> None:
    from coinnovation.export import session_hypergraph

    session_hypergraph(hub)


def _excel(tmp: Path, hub: co.Hub) -> None:
    from coinnovation.io.registers import read_register

    path = tmp / "register.xlsx"
    path.write_bytes(b"PK\x03\x04")
    read_register(path)


def _parquet(tmp: Path, hub: co.Hub) -> None:
    edges = net.collaboration_edges(hub, level="organisation")
    edges.to_arrow()


def _fast(tmp: Path, hub: co.Hub) -> None:
    G = net.collaboration_graph(hub, level="organisation")
    net.centrality_table(G, measures=("betweenness",), engine="rustworkx")


def _viz(tmp: Path, hub: co.Hub) -> None:
    from coinnovation.report import report_html

    report_html(hub, secret="smoke-test", progress=True)


def _testing(tmp: Path, hub: co.Hub) -> None:
    import coinnovation.testing.strategies  # noqa: F401


EXTRAS = {
    "yaml": _yaml,
    "db": _db,
    "pandas": _pandas,
    "hyper": _hyper,
    "excel": _excel,
    "parquet": _parquet,
    "fast": _fast,
    "viz": _viz,
    "testing": _testing,
}


def missing_extras(hub_path: Path, tmp: Path) -> None:
    hub = co.load(hub_path)
    for extra, call in EXTRAS.items():
        hint = f"pip install 'coinnovation[{extra}]'"
        try:
            call(tmp, hub)
        except MissingDependencyError as error:
            check(
                str(error).endswith(hint) and error.extra == extra,
                f"without the {extra!r} extra: {error}",
            )
        else:
            raise SystemExit(f"smoke test failed: the {extra!r} call worked without its extra")
    command = Path(sys.executable).parent / "coinnovation"
    done = subprocess.run([command, "--help"], capture_output=True, text=True, check=False)
    check(
        done.returncode == 2 and "pip install 'coinnovation[cli]'" in done.stderr,
        f"`coinnovation --help` without the cli extra exits 2 with the hint: {done.stderr.strip()}",
    )


def cli(hub_path: Path) -> None:
    command = Path(sys.executable).parent / "coinnovation"
    done = subprocess.run([command, "--help"], capture_output=True, text=True, check=True)
    check("validate" in done.stdout, "`coinnovation --help` lists the commands")
    done = subprocess.run(
        [command, "validate", hub_path], capture_output=True, text=True, check=True
    )
    check("ok" in done.stdout, f"`coinnovation validate`: {done.stdout.strip()}")


def postgres() -> None:
    """With the `db` extra but not `postgres`: a PostgreSQL store asks for `postgres`."""
    from coinnovation.errors import MissingDependencyError
    from coinnovation.io.store import Store

    hint = "pip install 'coinnovation[postgres]'"
    try:
        Store("postgresql+psycopg://nobody@127.0.0.1:9/none")
    except MissingDependencyError as error:
        check(str(error).endswith(hint), f"a PostgreSQL store without psycopg: {error}")
    else:
        raise SystemExit("smoke test failed: a PostgreSQL store opened without psycopg")


def main() -> None:
    hub_path = Path(sys.argv[1]).resolve()
    installed_not_tree()
    if "--cli" in sys.argv[2:]:
        cli(hub_path)
        return
    if "--db" in sys.argv[2:]:
        postgres()
        return
    core(hub_path)
    missing_extras(hub_path, hub_path.parent)


if __name__ == "__main__":
    main()
