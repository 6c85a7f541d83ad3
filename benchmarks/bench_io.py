"""Data in and out: the SQL store, sign-in sheet import and exports.

For each size (participations) a seeded synthetic hub is built, then timed (best of
``--repeat`` rounds, wall clock):

- ``Store.save`` of the whole hub into a new SQLite file, ``Store.load`` of it back (with
  every record validated and the integrity check), and ``Store.add`` of one participation
  (one locked read-modify-write transaction), next to ``coinnovation.save``/``load`` of a
  JSON hub file of the same hub for scale;
- ``read_register`` of a sign-in sheet written from the hub's own participations (one row
  per participation: person, organisation, session, date, role);
- ``export_table`` of the participations as CSV, with the privacy policy applied.

The report has a benchmark of its own, ``bench_report.py``.

First, the example hub (``examples/walsall-2023``) is loaded as JSON and as YAML, the
YAML through libyaml (what ``load`` uses when PyYAML has it) and through PyYAML's
pure-Python loader, for scale.

No targets are set by an issue for these; the figures go in docs/performance.md.

Usage::

    python benchmarks/bench_io.py                     # 10k and 100k participations
    python benchmarks/bench_io.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import csv
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (10_000, 100_000)
SECRET = b"benchmark secret, not for real hubs"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "walsall-2023" / "hub.json"


def best(repeat: int, action: Callable[[], Any]) -> float:
    """The best wall-clock time of ``repeat`` runs of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def write_register(hub: Any, path: Path) -> int:
    """A sign-in sheet with one row per participation by a person; returns its rows."""
    names = {person.id: person.name for person in hub.people}
    organisations = {o.id: o.name for o in hub.organisations}
    sessions = {s.id: s for s in hub.sessions}
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Person ID", "Name", "Organisation", "Session ID", "Session", "Date", "Role"]
        )
        for participation in hub.participations:
            if participation.person is None:
                continue
            session = sessions[participation.session]
            if session.start is None:
                continue
            writer.writerow(
                [
                    participation.person,
                    names[participation.person],
                    organisations.get(participation.organisation or "", ""),
                    session.id,
                    session.name,
                    session.start.date().isoformat(),
                    participation.role.value,
                ]
            )
            rows += 1
    return rows


def example_formats(repeat: int, folder: Path) -> None:
    """The example hub loaded as JSON, as YAML with libyaml, and as YAML in pure Python."""
    import coinnovation as co
    from coinnovation.io import files
    from coinnovation.models import Hub

    hub = co.load(EXAMPLE)
    as_json = co.save(hub, folder / "example.json")
    as_yaml = co.save(hub, folder / "example.yaml")
    print(f"\nexample hub: {hub!r}")
    print(f"  load JSON            {best(repeat, lambda: co.load(as_json)):8.3f} s")
    print(f"  load YAML            {best(repeat, lambda: co.load(as_yaml)):8.3f} s")
    try:
        import yaml
    except ImportError:
        return
    text = as_yaml.read_text(encoding="utf-8")
    pure = files._yaml_loader(pure=True)
    took = best(repeat, lambda: Hub.model_validate(yaml.load(text, Loader=pure)))
    print(f"  load YAML, pure code {took:8.3f} s  (libyaml: {yaml.__with_libyaml__})")


def run(size: int, repeat: int, folder: Path) -> None:
    import coinnovation as co
    from coinnovation.export import export_table
    from coinnovation.io import Store, read_register
    from coinnovation.models import Participation
    from coinnovation.privacy import Privacy
    from coinnovation.testing.synthetic import synthetic_hub

    hub = synthetic_hub(size, seed=1)
    print(f"\n{size:,} participations: {hub!r}")

    hub_file = folder / f"hub-{size}.json"
    print(f"  hub file save        {best(repeat, lambda: co.save(hub, hub_file)):8.2f} s")
    print(f"  hub file load        {best(repeat, lambda: co.load(hub_file)):8.2f} s")

    counter = iter(range(10**9))

    def fresh_save() -> None:
        path = folder / f"store-{size}-{next(counter)}.db"
        with Store.sqlite(path) as store:
            store.save(hub)

    print(f"  store save (SQLite)  {best(repeat, fresh_save):8.2f} s")
    db = folder / f"store-{size}.db"
    with Store.sqlite(db) as store:
        store.save(hub)

        def load() -> None:
            store.load()

        print(f"  store load (SQLite)  {best(repeat, load):8.2f} s")
        session = hub.sessions[0].id
        person = hub.people[0].id

        def add_one() -> None:
            store.add(Participation(id=f"pa-bench-{next(counter)}", session=session, person=person))

        print(f"  store add one record {best(repeat, add_one):8.2f} s")

    register = folder / f"register-{size}.csv"
    rows = write_register(hub, register)
    took = best(repeat, lambda: read_register(register))
    print(f"  register import      {took:8.2f} s  ({rows:,} rows, {rows / took:,.0f} rows/s)")

    policy = Privacy.for_hub(hub, secret=SECRET)
    table = folder / f"participations-{size}.csv"
    took = best(repeat, lambda: export_table(hub, "participations", table, privacy=policy))
    print(f"  participations CSV   {took:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}")
    with tempfile.TemporaryDirectory() as name:
        example_formats(args.repeat, Path(name))
        for size in args.sizes:
            run(size, args.repeat, Path(name))


if __name__ == "__main__":
    main()
