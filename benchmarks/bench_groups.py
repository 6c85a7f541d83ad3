"""Group measures at scale: brokerage, structural holes and the E-I index, and a plenary.

The networks are person-level collaboration networks (shared-session counts) of seeded
synthetic hubs (``coinnovation.testing.synthetic.synthetic_hub``, seed 0) with 10k, 100k
and 1M participation records, as the ``EdgeList`` that
``coinnovation.network.build.collaboration_edges`` returns, with each person's sector.
Every timing is the best of ``--repeat`` rounds (one round at 1M), in this one process,
as CPU time (``time.process_time``: user and system) and wall time. The measures run on
one core, so their CPU time is their cost; the figures are computed from it, because on a
shared machine the wall time also counts the time spent waiting for a core (both are
printed).

Figures, each with its target (issue 11); a miss prints ``MISSED`` and does not fail:

1. Cost per unit of work, 10k → 1M. Brokerage and structural holes (all of Burt's
   measures, weighted) are sums over two-paths, whose number is ``Σd²`` (``d`` the
   degrees); the E-I index reads each tie once (``m`` ties). The figure is the cost per
   unit of work at 1M over the cost at 10k: ``(t / Σd²)₁ₘ / (t / Σd²)₁₀ₖ`` (``t / m`` for
   E-I). Target: at most 2. The growth exponent from 100k to 1M,
   ``log(t₁ₘ / t₁₀₀ₖ) / log 10``, is printed beside it.
2. A plenary: one session of 4,000 people (a clique of 8M ties in the projection: each
   pair's shared-session count goes up by one) added to the 50k hub. The figure is each
   measure's time with the plenary over its time without. Target: at most 10.

Hubs are built once and kept under ``--data-dir`` (default ``benchmarks/.data``, which git
ignores); ``--prepare`` only builds them, so that the timed run (under the shared lock,
``flock /tmp/coinnovation-bench.lock``) reads them from disk.

Usage::

    python benchmarks/bench_groups.py --prepare
    flock /tmp/coinnovation-bench.lock python benchmarks/bench_groups.py
    python benchmarks/bench_groups.py --sizes 10000 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from coinnovation.network.build import collaboration_edges
from coinnovation.network.groups import brokerage, ei_index
from coinnovation.network.holes import structural_holes
from coinnovation.network.projection import EdgeList
from coinnovation.testing.synthetic import synthetic_hub

HERE = Path(__file__).resolve().parent
PLENARY_HUB = 50_000
PLENARY_SIZE = 4_000
UNIT_TARGET = 2.0
PLENARY_TARGET = 10.0

MEASURES: dict[str, Callable[[EdgeList], Any]] = {
    "brokerage": lambda edges: brokerage(edges),
    "structural holes": lambda edges: structural_holes(edges, weight="weight"),
    "E-I index": lambda edges: ei_index(edges),
}


def network(participations: int, data_dir: Path) -> EdgeList:
    """The 10k/100k/1M hub's collaboration network, built once and cached."""
    path = data_dir / f"groups-{participations}.npz"
    if not path.exists():
        edges = collaboration_edges(synthetic_hub(participations, seed=0), node_attributes=True)
        assert edges.node_data is not None
        sector = np.array([str(data.get("sector")) for data in edges.node_data])
        data_dir.mkdir(parents=True, exist_ok=True)
        np.savez(
            path,
            nodes=np.asarray(edges.nodes, dtype=str),
            source=edges.source,
            target=edges.target,
            weight=edges.weight,
            sector=sector,
        )
    with np.load(path) as saved:
        return EdgeList(
            nodes=saved["nodes"].astype(object),
            source=saved["source"],
            target=saved["target"],
            weight=saved["weight"],
            node_data=[{"sector": sector} for sector in saved["sector"].tolist()],
        )


def with_plenary(edges: EdgeList, size: int, seed: int = 0) -> EdgeList:
    """``edges`` plus one session attended by ``size`` people drawn at random."""
    n = len(edges.nodes)
    people = np.sort(np.random.default_rng(seed).choice(n, min(size, n), replace=False))
    first, second = np.triu_indices(len(people), 1)
    keys = np.concatenate((edges.source * n + edges.target, people[first] * n + people[second]))
    weights = np.concatenate((np.asarray(edges.weight, dtype=np.float64), np.ones(len(first))))
    unique, inverse = np.unique(keys, return_inverse=True)
    return EdgeList(
        nodes=edges.nodes,
        source=unique // n,
        target=unique % n,
        weight=np.bincount(inverse, weights=weights).astype(np.int64),
        node_data=edges.node_data,
    )


def best_of(repeat: int, f: Callable[[], Any]) -> tuple[float, float]:
    """The least CPU time and the least wall time of ``repeat`` calls."""
    cpu, wall = [], []
    for _ in range(repeat):
        gc.collect()
        start, started = time.process_time(), time.perf_counter()
        f()
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - started)
    return min(cpu), min(wall)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else f"MISSED (target ≤ {target:g})"


def work(edges: EdgeList) -> tuple[int, float]:
    """``m`` and ``Σd²`` (degrees without weights)."""
    degree = np.bincount(
        np.concatenate((edges.source, edges.target)), minlength=len(edges.nodes)
    ).astype(np.float64)
    return len(edges), float((degree * degree).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=HERE / ".data")
    parser.add_argument("--prepare", action="store_true", help="only build the cached hubs")
    parser.add_argument("--skip-plenary", action="store_true")
    args = parser.parse_args()
    if args.prepare:
        for size in [*args.sizes, PLENARY_HUB]:
            network(size, args.data_dir)
        return
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs; "
        f"best of {args.repeat} (1 at 1M)",
        flush=True,
    )
    sizes = sorted(args.sizes)
    times: dict[str, dict[int, float]] = {name: {} for name in MEASURES}
    units: dict[str, dict[int, float]] = {name: {} for name in MEASURES}
    for size in sizes:
        edges = network(size, args.data_dir)
        m, squares = work(edges)
        print(
            f"\n{size:,} participations: {len(edges.nodes):,} people, {m:,} ties, "
            f"Σd² = {squares:.3g}",
            flush=True,
        )
        repeat = 1 if size >= 1_000_000 else args.repeat
        for name, measure in MEASURES.items():
            seconds, wall = best_of(repeat, lambda measure=measure, edges=edges: measure(edges))
            unit = seconds / (m if name == "E-I index" else squares)
            times[name][size], units[name][size] = seconds, unit
            per = "tie" if name == "E-I index" else "unit of Σd²"
            print(
                f"  {name:<18} {seconds:9.3f} s CPU ({wall:8.3f} s wall)   "
                f"{unit * 1e9:8.3f} ns per {per}",
                flush=True,
            )
        del edges
        gc.collect()

    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        print(f"\ncost per unit of work, {small:,} → {big:,} (target ≤ {UNIT_TARGET:g})")
        for name in MEASURES:
            ratio = units[name][big] / units[name][small]
            line = f"  {name:<18} {ratio:6.2f}×   {verdict(ratio, UNIT_TARGET)}"
            if 100_000 in times[name] and big > 100_000:
                growth = math.log(times[name][big] / times[name][100_000]) / math.log(big / 100_000)
                line += f"   (growth exponent 100k → {big:,}: {growth:.2f})"
            print(line, flush=True)

    if not args.skip_plenary:
        base = network(PLENARY_HUB, args.data_dir)
        plenary = with_plenary(base, PLENARY_SIZE)
        print(
            f"\na {PLENARY_SIZE:,}-person plenary added to the {PLENARY_HUB:,} hub: "
            f"{len(base):,} → {len(plenary):,} ties (target ≤ {PLENARY_TARGET:g}×)",
            flush=True,
        )
        for name in ("brokerage", "structural holes"):
            measure = MEASURES[name]
            without, wall_without = best_of(args.repeat, lambda measure=measure: measure(base))
            with_it, wall_with = best_of(args.repeat, lambda measure=measure: measure(plenary))
            ratio = with_it / without
            print(
                f"  {name:<18} {without:7.3f} s → {with_it:7.3f} s CPU   {ratio:6.2f}×   "
                f"{verdict(ratio, PLENARY_TARGET)}   (wall {wall_without:.3f} s → "
                f"{wall_with:.3f} s: {wall_with / wall_without:.2f}×)",
                flush=True,
            )


if __name__ == "__main__":
    main()
