"""The report: the size of its page, and its time against the analyses it shows.

For each size (participations) a seeded synthetic hub (``synthetic_hub_data``, kept as a
JSON file in ``--data-dir``) is loaded and indexed, then timed in this one process, best
of ``--repeat`` rounds, each round alternating:

- the analyses the report shows, one after the other, with the report's options
  (organisation level, Newman weights, the sessions of kind ``table``): ``heart_report``,
  and the centrality table, ``node_measures`` of ``collaboration_graph``;
- ``write_report`` with the same options: the HTML page, its Markdown twin and the
  picture, into a temporary folder; the time of each of its steps is printed too.

Before the first round, a report of the example hub loads every library the report needs
(matplotlib, scipy), so neither side pays for the imports.

Targets (issue 11), printed with ``ok`` or ``MISSED`` (a miss does not fail the run):

- the HTML page at most 5 MB at every size;
- ``write_report`` at most 1.5 times the analyses it shows, measured in the same round.

With two sizes or more it prints the growth exponent of each, log(t_big / t_small) /
log(size ratio), between the smallest and the largest.

Every run at 100k participations or more must hold the shared benchmark lock::

    python benchmarks/bench_report.py --prepare                 # write the hub files
    flock /tmp/coinnovation-bench.lock python benchmarks/bench_report.py
    flock /tmp/coinnovation-bench.lock python benchmarks/bench_report.py --sizes 1000000
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (10_000, 100_000)
SECRET = b"benchmark secret, not for real hubs"
DATA = Path(__file__).resolve().parent / ".data"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "walsall-2023" / "hub.json"
MAX_MB = 5.0
MAX_RATIO = 1.5
TARGET_FROM = 100_000  # below, the report's fixed costs (drawing, layout) outweigh the analyses
OPTIONS: dict[str, Any] = {"level": "organisation", "weight": "newman", "kind": "table"}


def hub_file(folder: Path, size: int, seed: int) -> Path:
    """The seeded synthetic hub file of ``size`` participations, written if missing."""
    path = folder / f"hub-{size}-seed{seed}.json"
    if not path.exists():
        import json

        from coinnovation.testing.synthetic import synthetic_hub_data

        folder.mkdir(parents=True, exist_ok=True)
        data = synthetic_hub_data(size, seed=seed)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)
    return path


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Wall-clock seconds of one call, after a full garbage collection, and its result."""
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def warm_up(folder: Path) -> None:
    """A report of the example hub: loads matplotlib, scipy and the rest before timing."""
    import coinnovation as co
    from coinnovation.privacy import Privacy
    from coinnovation.report import write_report

    hub = co.load(EXAMPLE)
    write_report(hub, folder / "warm-up", privacy=Privacy.for_hub(hub, secret=SECRET), kind="table")


def centrality_table(hub: Any) -> tuple[float, float, int, int]:
    """The times of the report's network and of its measures; its nodes and ties."""
    from coinnovation.heart import AUTO_BETWEENNESS_SOURCES, EXACT_BETWEENNESS_NODES
    from coinnovation.network.build import collaboration_graph
    from coinnovation.network.measures import node_measures

    build, graph = timed(lambda: collaboration_graph(hub, **OPTIONS))
    # As the report measures it: betweenness estimated above the heart report's limit.
    sampled = graph.number_of_nodes() > EXACT_BETWEENNESS_NODES
    k = AUTO_BETWEENNESS_SOURCES if sampled else None
    measure, _ = timed(
        lambda: node_measures(graph, attribute="sector", default="unknown", k=k, seed=0)
    )
    return build, measure, graph.number_of_nodes(), graph.number_of_edges()


def one_round(hub: Any, policy: Any, target: Path) -> dict[str, Any]:
    """The analyses, then the report, each timed; the report's steps and file sizes."""
    from coinnovation.heart import heart_report
    from coinnovation.report import write_report

    heart, _ = timed(lambda: heart_report(hub, **OPTIONS))
    build, measure, nodes, ties = centrality_table(hub)
    marks: list[tuple[str, float]] = []

    def tell(step: str, done: int, total: int) -> None:
        marks.append((step, time.perf_counter()))

    report, files = timed(
        lambda: write_report(hub, target, privacy=policy, progress=tell, **OPTIONS)
    )
    sizes = [os.path.getsize(path) / 1e6 for path in files.paths]
    return {
        "heart": heart,
        "table": build + measure,
        "analyses": heart + build + measure,
        "report": report,
        "nodes": nodes,
        "ties": ties,
        "html": sizes[0],
        "md": sizes[1],
        "png": sizes[2],
        "steps": {step: later - moment for (step, moment), (_, later) in pairwise(marks)},
    }


def run(size: int, path: Path, repeat: int, folder: Path) -> dict[str, Any]:
    import coinnovation as co
    from coinnovation.privacy import Privacy

    hub = co.load(path)
    hub.attendees(hub.sessions[0].id)  # the look-up index, built on the first query
    policy = Privacy.for_hub(hub, secret=SECRET)
    print(f"\n{path.name}: {hub!r}", flush=True)

    best: dict[str, Any] = {}
    for round_ in range(repeat):
        found = one_round(hub, policy, folder / f"report-{path.stem}-{round_}")
        if not best or found["report"] / found["analyses"] < best["report"] / best["analyses"]:
            best = found
    print(
        f"  organisation network: {best['nodes']:,} nodes, {best['ties']:,} ties "
        "(sessions of kind table)"
    )
    print(f"  heart_report                 {best['heart']:8.2f} s")
    print(f"  centrality table             {best['table']:8.2f} s  (the graph and node_measures)")
    print(f"  the analyses                 {best['analyses']:8.2f} s")
    print(f"  write_report                 {best['report']:8.2f} s")
    for step, took in best["steps"].items():
        print(f"      {took:7.2f} s  {step}")
    ratio = best["report"] / best["analyses"]
    if size < TARGET_FROM:
        verdict = f"(the target, <= {MAX_RATIO}, is for {TARGET_FROM:,} participations and more)"
    else:
        verdict = f"(target <= {MAX_RATIO}) " + ("ok" if ratio <= MAX_RATIO else "MISSED")
    print(f"  write_report / the analyses  {ratio:8.2f}   {verdict}")
    verdict = "ok" if best["html"] <= MAX_MB else "MISSED"
    print(
        f"  HTML page                    {best['html']:8.2f} MB (target <= {MAX_MB} MB) {verdict};"
        f" Markdown {best['md']:.2f} MB, picture {best['png']:.2f} MB"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument(
        "--prepare", action="store_true", help="write the hub files, then stop (no lock needed)"
    )
    args = parser.parse_args()
    paths = {size: hub_file(args.data_dir, size, args.seed) for size in args.sizes}
    if args.prepare:
        for path in paths.values():
            print(path)
        return
    print(f"# coinnovation report benchmark (seed {args.seed}, best of {args.repeat})")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,")
    print(f"load average {os.getloadavg()[0]:.2f} at the start")
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        warm_up(folder)
        for size in sorted(paths):
            results[size] = run(size, paths[size], args.repeat, folder)
    if len(results) >= 2:
        small, big = min(results), max(results)
        scale = math.log(big / small)
        print(f"\ngrowth exponents, {small:,} to {big:,} participations:")
        for key, label in (("analyses", "the analyses"), ("report", "write_report")):
            growth = math.log(results[big][key] / results[small][key]) / scale
            print(f"  {label:<14} {growth:5.2f}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
