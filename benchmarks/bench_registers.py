"""Sign-in sheet import: its time against its rows, and names reported by group.

For each size (participations) a seeded synthetic hub is built
(``coinnovation.testing.synthetic.synthetic_hub(n, seed=0)``) and written as a sign-in
sheet with one row per participation by a person (person id, name, organisation,
session id, session, date, role). The default sizes give about 10k, 50k and 90k rows.
The synthetic hubs give 20,000 people only a few hundred distinct names ("Zoe N."), so
almost every person has dozens of namesakes and every name dozens of alike names: the
worst case for the near-duplicate search, which once compared every pair.

``read_register`` is timed on each sheet (best of ``--repeat`` rounds, the sizes
interleaved in each round, wall clock), and the script prints, measured in this one run:

- the growth from 10k to 50k rows, ``t(50k) / t(10k)``, with its growth exponent
  ``log(t(50k) / t(10k)) / log(rows(50k) / rows(10k))``: target **at most 6×** (5× is
  linear);
- the time at 90k rows: target **at most 10 s**;
- how many name groups the import reports, against how many pairs of records they stand
  for (counted, not built: ``RegisterImport.near_duplicates`` builds them on demand).

Then the same sheets with every person renamed (seeded) from 200 first names and 5,000
surnames, both drawn with Zipf-like weights: about as many distinct names as people, as
real registers have, so the index holds thousands of names where the synthetic ones have
a few hundred. No target is set for this case; it shows the search on distinct names.

A miss prints ``MISSED``; it does not fail the run. Runs at 100k participations or more
take the shared lock (see benchmarks/README.md)::

    flock /tmp/coinnovation-bench.lock python benchmarks/bench_registers.py
    python benchmarks/bench_registers.py --sizes 11000 55000 --repeat 5
    python benchmarks/bench_registers.py --data-dir benchmarks/.data   # keep the sheets
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import os
import platform
import random
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (11_000, 55_000, 100_000)
GROWTH_TARGET = 6.0
LARGE_TARGET = 10.0  # seconds, at about 90k rows


def distinct_names(hub: Any) -> dict[str, str]:
    """Each person's new name: a first name and a surname, seeded, common ones more often."""
    rng = random.Random(0)
    letters, vowels = "bcdfghjklmnprstvwz", "aeiouy"

    def word(low: int, high: int) -> str:
        size = rng.randint(low, high)
        return "".join(rng.choice(vowels if i % 2 else letters) for i in range(size)).title()

    first = [word(3, 7) for _ in range(200)]
    surnames = [word(4, 9) for _ in range(5_000)]
    zipf = list(itertools.accumulate(1 / rank for rank in range(1, 5_001)))
    return {
        person.id: f"{rng.choices(first, cum_weights=zipf[:200])[0]} "
        f"{rng.choices(surnames, cum_weights=zipf)[0]}"
        for person in hub.people
    }


def write_register(hub: Any, path: Path, renamed: dict[str, str] | None = None) -> int:
    """A sign-in sheet with one row per participation by a person; returns its rows."""
    names = renamed or {person.id: person.name for person in hub.people}
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


def sheet(size: int, folder: Path, distinct: bool) -> tuple[Path, int]:
    """The sign-in sheet of the seeded hub of ``size`` participations, and its rows."""
    path = folder / f"register-{size}-seed0{'-distinct' if distinct else ''}.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            return path, sum(1 for _ in csv.reader(handle)) - 1
    from coinnovation.testing.synthetic import synthetic_hub

    hub = synthetic_hub(size, seed=0)
    return path, write_register(hub, path, distinct_names(hub) if distinct else None)


def pairs_behind(groups: Any) -> int:
    """How many pairs of records the name groups stand for (at least one new in each)."""
    count = {(g.kind, g.day, g.key): sum(1 for rows in g.rows if rows) for g in groups}
    size = {(g.kind, g.day, g.key): len(g.ids) for g in groups}
    total = 0
    for group in groups:
        new = count[(group.kind, group.day, group.key)]
        old = len(group.ids) - new
        total += new * (new - 1) // 2 + new * old
        for alike in group.alike:
            key = (group.kind, group.day, alike.key)
            total += len(group.ids) * size[key] - old * (size[key] - count[key])
    return total


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None, help="keep the sheets here")
    args = parser.parse_args()

    from coinnovation.io import normalise_name, read_register

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as name:
        folder = args.data_dir or Path(name)
        folder.mkdir(parents=True, exist_ok=True)
        cases = {
            distinct: {size: sheet(size, folder, distinct) for size in args.sizes}
            for distinct in (False, True)
        }
        read_register(cases[False][args.sizes[0]][0])  # warm up: first-use imports
        best = {case: dict.fromkeys(args.sizes, math.inf) for case in cases}
        for _ in range(args.repeat):
            for case, size in itertools.product(cases, args.sizes):
                start = time.perf_counter()
                result = read_register(cases[case][size][0])
                best[case][size] = min(best[case][size], time.perf_counter() - start)
                del result
        for case, sheets in cases.items():
            print(f"\n{'distinct names' if case else 'synthetic names (Zoe N.)'}")
            print(
                f"{'participations':>14} {'rows':>8} {'people':>7} {'names':>7} {'time':>8} "
                f"{'rows/s':>8} {'groups':>7} {'alike':>7} {'record pairs':>12}"
            )
            for size in args.sizes:
                path, rows = sheets[size]
                result = read_register(path)
                groups = result.name_groups
                names = len({normalise_name(person.name) for person in result.hub.people})
                alike = sum(len(group.alike) for group in groups)
                print(
                    f"{size:>14,} {rows:>8,} {len(result.hub.people):>7,} {names:>7,} "
                    f"{best[case][size]:>7.2f}s {rows / best[case][size]:>8,.0f} "
                    f"{len(groups):>7,} {alike:>7,} {pairs_behind(groups):>12,}"
                )
                del result
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    sheets = cases[False]
    rows = {size: sheets[size][1] for size in args.sizes}
    small = min(args.sizes, key=lambda size: abs(rows[size] - 10_000))
    mid = min(args.sizes, key=lambda size: abs(rows[size] - 50_000))
    large = min(args.sizes, key=lambda size: abs(rows[size] - 90_000))
    print()
    if small != mid:
        growth = best[False][mid] / best[False][small]
        exponent = math.log(growth) / math.log(rows[mid] / rows[small])
        print(
            f"growth {rows[small]:,} -> {rows[mid]:,} rows: {growth:.2f}x, exponent "
            f"{exponent:.2f} (target <= {GROWTH_TARGET:.0f}x) {verdict(growth <= GROWTH_TARGET)}"
        )
        growth = best[True][mid] / best[True][small]
        print(f"  distinct names, the same rows: {growth:.2f}x (no target; for scale)")
    if abs(rows[large] - 90_000) <= 5_000:
        print(
            f"time at {rows[large]:,} rows: {best[False][large]:.2f} s "
            f"(target <= {LARGE_TARGET:.0f} s) {verdict(best[False][large] <= LARGE_TARGET)}"
        )


if __name__ == "__main__":
    main()
