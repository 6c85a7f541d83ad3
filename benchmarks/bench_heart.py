"""The heart report at scale: 100k to 1M participations, and one event of 2,000 organisations.

Cases, each timed in this one process (best of ``--repeat`` rounds), every indicator's
share of the time printed beside the whole:

1. ``heart_report`` with its default options on the seeded synthetic hubs
   (``synthetic_hub_data``, seed 0, kept as JSON files in ``--data-dir``) of each of
   ``--sizes`` participations (100k and 1M by default), loaded and indexed before the
   timing. Target (issue 11): the time at the largest size at most 12 times the time at
   the smallest (for 100k to 1M), printed as that ratio and as the growth exponent
   log(t_big / t_small) / log(size ratio).
2. The same with ``--k K`` (betweenness estimated from K sampled sources, seed 0, 256 by
   default, ``--k 0`` for none): the
   option the report proposes for hubs whose exact betweenness costs too much. Printed
   beside case 1, with the same target, and again without the brokerage indicator's time
   (``network.groups.brokerage``, measured separately in ``bench_groups.py``).
3. One event of 2,000 organisations (``--organisations``), two people each: every person
   takes part in the event's plenary and at one of its tables of eight; the event is on
   a challenge. Target: ``heart_report`` with its default options in at most 10 s. With
   ``--partial`` the plenary is attended by the people of every other organisation only (the
   others are at their tables), so the organisation network is dense but no longer one clique.

A missed target prints ``MISSED`` but does not fail the run. Every run at 100k
participations or more must hold the shared benchmark lock::

    python benchmarks/bench_heart.py --prepare                 # write the hub files
    flock /tmp/coinnovation-bench.lock python benchmarks/bench_heart.py
    flock /tmp/coinnovation-bench.lock python benchmarks/bench_heart.py --partial --k 0
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (100_000, 1_000_000)
DATA = Path(__file__).resolve().parent / ".data"
MAX_GROWTH = 12.0  # t(1M) / t(100k)
MAX_EVENT = 10.0  # seconds, one event of 2,000 organisations
SECTORS = ("community", "industry", "academia", "government", "health_service", "other")
INDICATORS = ("centrality", "brokerage", "throughout", "voice", "equal_partners", "reach")


def hub_file(folder: Path, size: int, seed: int) -> Path:
    """The seeded synthetic hub file of ``size`` participations, written if missing."""
    path = folder / f"hub-{size}-seed{seed}.json"
    if not path.exists():
        from coinnovation.testing.synthetic import synthetic_hub_data

        folder.mkdir(parents=True, exist_ok=True)
        data = synthetic_hub_data(size, seed=seed)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        partial.replace(path)
    return path


def event_hub(organisations: int, *, partial: bool = False) -> Any:
    """One event: its plenary and its tables of eight, two people of each organisation."""
    import numpy as np

    from coinnovation.models import (
        Challenge,
        Hub,
        Membership,
        Organisation,
        Participation,
        Person,
        Session,
    )

    people = 2 * organisations
    seating = np.random.default_rng(0).permutation(people)
    tables = -(-people // 8)
    # With ``partial``, the people of every other organisation only.
    plenary = [i for i in range(people) if not partial or (i // 2) % 2 == 0]
    return Hub(
        organisations=tuple(
            Organisation(id=f"o-{i}", name=f"Organisation {i}", sector=SECTORS[i % 6])
            for i in range(organisations)
        ),
        people=tuple(Person(id=f"p-{i}", name=f"Person {i}") for i in range(people)),
        memberships=tuple(
            Membership(id=f"m-{i}", person=f"p-{i}", organisation=f"o-{i // 2}")
            for i in range(people)
        ),
        challenges=(Challenge(id="ch-1", title="Access to care", stage="co_design"),),
        sessions=(
            Session(id="ev", name="Plenary", kind="event", challenges=("ch-1",)),
            *(
                Session(id=f"t-{t}", name=f"Table {t}", kind="table", parent="ev")
                for t in range(tables)
            ),
        ),
        participations=(
            *(
                Participation(id=f"pa-ev-{i}", session="ev", person=f"p-{i}", level="involve")
                for i in plenary
            ),
            # Seated at random (seed 0), so a table mixes organisations.
            *(
                Participation(
                    id=f"pa-t-{i}", session=f"t-{seat // 8}", person=f"p-{i}", level="consult"
                )
                for seat, i in enumerate(seating.tolist())
            ),
        ),
    )


@contextmanager
def indicator_clock(times: dict[str, float]) -> Iterator[None]:
    """Time each indicator of ``heart_report`` (its function in ``_compute``) into ``times``."""
    from coinnovation.heart import _compute

    originals = {name: getattr(_compute, f"_{name}") for name in INDICATORS}

    def clocked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - start

        return run

    for name, function in originals.items():
        setattr(_compute, f"_{name}", clocked(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(_compute, f"_{name}", function)


def timed_report(hub: Any, repeat: int, **options: Any) -> dict[str, float]:
    """The best of ``repeat`` runs of ``heart_report``: its time and each indicator's."""
    from coinnovation.heart import heart_report

    best: dict[str, float] = {}
    for _ in range(repeat):
        times: dict[str, float] = {}
        gc.collect()
        with indicator_clock(times):
            start = time.perf_counter()
            report = heart_report(hub, **options)
            times["total"] = time.perf_counter() - start
        times["nodes"] = len(report["centrality"].details)
        times["network and the rest"] = times["total"] - sum(times[n] for n in INDICATORS)
        if not best or times["total"] < best["total"]:
            best = times
    return best


def show(label: str, times: dict[str, float]) -> None:
    parts = ", ".join(f"{name} {times[name]:.2f}" for name in (*INDICATORS, "network and the rest"))
    print(f"  {label:<34} {times['total']:8.2f} s   ({parts})", flush=True)


def growth(label: str, small: tuple[int, float], big: tuple[int, float]) -> None:
    ratio = big[1] / small[1]
    exponent = math.log(ratio) / math.log(big[0] / small[0])
    verdict = "ok" if ratio <= MAX_GROWTH else "MISSED"
    print(
        f"  {label:<44} {ratio:7.1f}x  exponent {exponent:4.2f}"
        f"  (target <= {MAX_GROWTH:g}x for 10x) {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--k", type=int, default=256, help="also time betweenness from k sources (0: not)"
    )
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--partial", action="store_true", help="also a half-attended plenary")
    parser.add_argument("--no-defaults", action="store_true", help="skip case 1 (with --k)")
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

    import coinnovation as co
    from coinnovation.network.build import collaboration_edges

    print(f"# coinnovation heart report benchmark (seed {args.seed}, best of {args.repeat})")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,")
    print(f"load average {os.getloadavg()[0]:.2f} at the start; times in seconds")
    cases: dict[str, dict[str, Any]] = {}
    if not args.no_defaults:
        cases["defaults (exact betweenness)"] = {}
    if args.k:
        cases[f"k={args.k} sampled sources"] = {"k": args.k, "seed": 0}
    results: dict[str, dict[int, dict[str, float]]] = {case: {} for case in cases}
    ties: dict[int, int] = {}
    for size in sorted(paths):
        hub = co.load(paths[size])
        hub.attendees(hub.sessions[0].id)  # the look-up index, built on the first query
        print(f"\n{paths[size].name}: {hub!r}", flush=True)
        for case, options in cases.items():
            results[case][size] = timed_report(hub, args.repeat, **options)
            show(case, results[case][size])
        ties[size] = len(collaboration_edges(hub, level="organisation", weight="newman").source)
        print(f"  organisation network: {ties[size]:,} ties")
        del hub
        gc.collect()
    if len(paths) >= 2:
        small, big = min(paths), max(paths)
        print(f"\ngrowth, {small:,} to {big:,} participations:")
        print(f"  the organisation network's ties grow {ties[big] / ties[small]:.1f}x")
        for case, found in results.items():
            growth(case, (small, found[small]["total"]), (big, found[big]["total"]))
            if "k" in cases[case]:
                rest = {size: found[size]["total"] - found[size]["brokerage"] for size in found}
                growth(f"{case}, without brokerage", (small, rest[small]), (big, rest[big]))

    shapes = [False, True] if args.partial else [False]
    for partial in shapes:
        hub = event_hub(args.organisations, partial=partial)
        plenary = "half of the organisations" if partial else "everyone"
        print(
            f"\none event of {args.organisations:,} organisations, {len(hub.participations):,}"
            f" participations, {plenary} at the plenary:",
            flush=True,
        )
        times = timed_report(hub, args.repeat)
        show("defaults", times)
        verdict = "ok" if times["total"] <= MAX_EVENT else "MISSED"
        print(f"  heart_report {times['total']:.2f} s (target <= {MAX_EVENT:g} s) {verdict}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process {peak:,.0f} MB")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
