"""Permutation tests: 10,000 relabellings of the E-I index against one ``ei_index`` call.

The networks are the person-level collaboration networks of seeded synthetic hubs
(``coinnovation.testing.synthetic.synthetic_hub(n, seed=0)``, 10k and 100k participation
records; shared-session counts, about 600k ties at 100k), built as ``nx.Graph`` with their
node attributes (not timed). People without a sector form the group ``"unknown"``.

Case: ``permutation_test(G, "ei", permutations=10_000, seed=0, default="unknown")`` — the
whole-network E-I index against 10,000 random relabellings of the sector, reading the
graph included — against ONE ``ei_index(G, default="unknown")`` on the same graph, both
unweighted (ties counted, the default) and weighted (``weight="weight"``). Printed as the
ratio of the two times with its target: at most 200× (issue 12); a miss prints
``MISSED`` but does not fail the run. ``ei_index`` is the best of ``--repeat`` calls, the
test the best of ``--repeat-test`` (default 1).

The 100k case must hold the shared lock on the benchmark machine::

    flock /tmp/coinnovation-bench.lock .venv/bin/python benchmarks/bench_inference.py
    .venv/bin/python benchmarks/bench_inference.py --sizes 10000
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

from coinnovation.inference import permutation_test
from coinnovation.network.build import collaboration_edges
from coinnovation.network.groups import ei_index
from coinnovation.testing.synthetic import synthetic_hub

#: The most a permutation test of the whole-network E-I may cost, in ei_index calls.
TARGET = 200.0
PERMUTATIONS = 10_000


def best_of(repeat: int, f: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return min(times), result


def network(participations: int) -> nx.Graph[Any]:
    hub = synthetic_hub(participations, seed=0)
    edges = collaboration_edges(hub, level="person", node_attributes=True)
    graph = edges.to_networkx(evidence=False)
    print(
        f"\n{participations:,} participations: {graph.number_of_nodes():,} people, "
        f"{graph.number_of_edges():,} ties",
        flush=True,
    )
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of ei_index")
    parser.add_argument("--repeat-test", type=int, default=1, help="rounds of the test")
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()}, networkx {nx.__version__}, numpy "
        f"{np.__version__}, {os.cpu_count()} CPUs; {PERMUTATIONS:,} relabellings"
    )
    for size in args.sizes:
        graph = network(size)
        for weight in (None, "weight"):
            once, reference = best_of(
                args.repeat,
                lambda g=graph, w=weight: ei_index(g, weight=w, default="unknown"),
            )
            spent, test = best_of(
                args.repeat_test,
                lambda g=graph, w=weight: permutation_test(
                    g, "ei", permutations=PERMUTATIONS, seed=0, weight=w, default="unknown"
                ),
            )
            assert abs(test.observed - reference.whole) < 1e-12
            ratio = spent / once
            verdict = "ok" if ratio <= TARGET else f"MISSED (target <= {TARGET:g}×)"
            label = "weighted" if weight else "ties counted"
            print(f"  E-I index, {label}: {reference.whole:.4f}; p_less {test.p_less:.4g}")
            print(f"    ei_index, one call                     {once:9.3f} s")
            print(f"    permutation_test, {PERMUTATIONS:,} relabellings    {spent:9.3f} s")
            print(f"    ratio {ratio:8.1f}× one ei_index call   {verdict}", flush=True)


if __name__ == "__main__":
    main()
