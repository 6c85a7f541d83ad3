"""Parquet exports against pyarrow's own write of the same columns.

For each size (participations) a seeded synthetic hub is built
(``coinnovation.testing.synthetic.synthetic_hub(n, seed=0)``) with its privacy policy
(``Privacy(hub, secret)``: every synthetic person is pseudonymous), and two exports are
timed against pyarrow writing the same columns itself:

- **participations**: ``write_export(table, "participations.parquet")`` of the table
  ``export_rows(hub, "participations", privacy=policy)`` made once beforehand (its rows
  are what the CSV export writes too). It turns the rows into 13 typed columns (text, a
  timestamp with its zone, a boolean, exact decimal hours), writes the Parquet file in memory and replaces the target atomically (with an
  ``fsync``). The baseline is ``pyarrow.parquet.write_table(pyarrow.table(columns))``
  from the same values already laid out as Python lists column by column, with the same
  Arrow types (so it skips the transposition, the type choice and the atomic replace).
- **person-level edge list**: ``write_edge_parquet(edges, "edges.parquet",
  privacy=policy)`` of ``collaboration_edges(hub, level="person")`` (projected once
  beforehand): each end's label (its pseudonym), the ties of excluded people dropped,
  the columns gathered in Arrow, written atomically. The baseline writes ``source``,
  ``target`` (the same labels, as numpy object arrays made beforehand) and ``weight``
  with ``pyarrow.table`` and ``write_table``. It is timed twice: with the policy made
  beforehand, whose pseudonyms are made on first use and then kept (as after any other
  export of the hub with that policy), and with a new policy each round, which adds
  making every person's pseudonym (a keyed hash, HMAC-SHA-256, per person); the time to
  make them is printed too.

Each is the best of ``--repeat`` rounds (wall clock), the two alternating; the script
prints the times, the ratio (export / pyarrow) and the target, **at most 2×**, with
``ok`` or ``MISSED`` (a miss does not fail the run), and the files' sizes. It also prints,
for context, how long ``export_rows`` and ``collaboration_edges`` took (not part of the
ratio: the CSV export needs them too).

A 1M-participation hub takes a few minutes to build and about 6 GB of memory. Runs at
100k participations or more take the shared lock::

    flock /tmp/coinnovation-bench.lock .venv/bin/python benchmarks/bench_parquet.py
    .venv/bin/python benchmarks/bench_parquet.py --sizes 10000 --repeat 3   # a quick look
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from coinnovation.export.exports import export_rows, write_export
from coinnovation.export.parquet import arrow_table, write_edge_parquet
from coinnovation.network.build import collaboration_edges
from coinnovation.privacy import Privacy
from coinnovation.testing.synthetic import synthetic_hub

DEFAULT_SIZES = (1_000_000,)
TARGET = 2.0
SECRET = "the secret of the Parquet benchmark"


def best(function: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def alternate(
    ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int
) -> tuple[float, float]:
    """Best of ``repeat`` rounds of each, alternating so both see the same machine."""
    mine, base = [], []
    for _ in range(repeat):
        mine.append(best(ours, 1))
        base.append(best(theirs, 1))
    return min(mine), min(base)


def report(name: str, ours: float, theirs: float, size: int) -> None:
    ratio = ours / theirs
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(
        f"  {name:<26} export {ours:7.2f} s   pyarrow {theirs:7.2f} s   "
        f"ratio {ratio:5.2f}  (target <= {TARGET:.1f})  {verdict}   file {size / 2**20:6.1f} MiB"
    )


def participations(hub: Any, policy: Privacy, repeat: int, folder: Path) -> None:
    start = time.perf_counter()
    table = export_rows(hub, "participations", privacy=policy)
    rows_time = time.perf_counter() - start
    # The baseline's input: the same values, column by column, typed as the export types them.
    lists = [list(column) for column in zip(*table.rows, strict=True)]
    types = list(arrow_table(table).schema.types)
    ours_path, base_path = folder / "participations.parquet", folder / "baseline.parquet"

    def baseline() -> None:
        arrays = [pa.array(values, type=kind) for values, kind in zip(lists, types, strict=True)]
        pq.write_table(pa.Table.from_arrays(arrays, names=list(table.columns)), base_path)

    ours, theirs = alternate(lambda: write_export(table, ours_path), baseline, repeat)
    print(f"  export_rows(participations): {rows_time:.2f} s for {len(table):,} rows (context)")
    report("participations", ours, theirs, ours_path.stat().st_size)
    assert pq.read_table(ours_path).equals(pq.read_table(base_path))


def edge_list(hub: Any, repeat: int, folder: Path) -> None:
    policy = Privacy(hub, SECRET)
    policy.label(hub.people[0].id)  # its pseudonyms, made once as any first use makes them
    start = time.perf_counter()
    edges = collaboration_edges(hub, level="person")
    projected = time.perf_counter() - start
    labels = np.array(
        [policy.label(n) if policy.is_person(n) else n for n in edges.nodes.tolist()],
        dtype=object,
    )
    source, target = labels[edges.source], labels[edges.target]
    ours_path, base_path = folder / "edges.parquet", folder / "edges-baseline.parquet"

    def baseline() -> None:
        arrow = pa.table(
            {
                "source": pa.array(source, type=pa.string()),
                "target": pa.array(target, type=pa.string()),
                "weight": pa.array(edges.weight, type=pa.int64()),
            }
        )
        pq.write_table(arrow, base_path)

    def ours() -> None:  # the policy made above: its pseudonyms are made already
        write_edge_parquet(edges, ours_path, privacy=policy)

    def fresh() -> None:  # a new policy each round: the pseudonyms are made in the time
        write_edge_parquet(edges, ours_path, privacy=Privacy(hub, SECRET))

    mine, theirs = alternate(ours, baseline, repeat)
    print(f"  collaboration_edges(person): {projected:.2f} s for {len(edges):,} ties (context)")
    report("person-level edge list", mine, theirs, ours_path.stat().st_size)
    assert pq.read_table(ours_path).equals(pq.read_table(base_path))
    mine, theirs = alternate(fresh, baseline, repeat)
    report("  ... with a new policy", mine, theirs, ours_path.stat().st_size)
    people = sum(policy.is_person(node) for node in edges.nodes.tolist())
    start = time.perf_counter()
    Privacy(hub, SECRET).label(hub.people[0].id)  # the first pseudonym makes them all
    made = time.perf_counter() - start
    print(f"  a new policy (its index of the hub, {people:,} pseudonyms): {made:.2f} s")


def run(size: int, repeat: int, folder: Path) -> None:
    start = time.perf_counter()
    hub = synthetic_hub(size, seed=0)
    built = time.perf_counter() - start
    print(f"{size:,} participations (hub built in {built:.1f} s)")
    participations(hub, Privacy(hub, SECRET), repeat, folder)
    gc.collect()
    edge_list(hub, repeat, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(
        f"Parquet exports against pyarrow {pa.__version__} "
        f"(Python {platform.python_version()}, {os.cpu_count()} CPUs)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            run(size, arguments.repeat, Path(folder))


if __name__ == "__main__":
    main()
