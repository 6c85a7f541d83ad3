"""Load benchmark: ``coinnovation.load`` against bare pydantic validation of the same records.

For each size (participations) the script writes a seeded synthetic hub file (compact
JSON), then, in a fresh subprocess per size so that nothing is shared between sizes, times
(best of ``--repeat`` interleaved rounds, more for small files; wall clock and CPU time):

- ``json.loads`` of the file's bytes (the raw parse, for scale);
- bare pydantic validation of the participations alone,
  ``TypeAdapter(list[Participation]).validate_json`` of the participations array as its
  own JSON text (what the issue quotes);
- bare pydantic validation of the whole file: a plain pydantic model with the hub's
  fields and types but no integrity check (``BareHub.model_validate_json``) — the
  denominator of the ratio, since it validates the same records ``load`` does;
- ``coinnovation.load(path)``: read, validation, integrity check;
- the hub's look-up index (``hub._index``, built lazily on the first query);
- the integrity check alone (``hub_problems`` on the loaded hub), to show its share.

Peak memory (maximum resident set size) is measured in further subprocesses, one per size
and per operation: reading the file and loading it (with the index), or reading it and
validating it bare.

Target: ``(load + index) / bare`` at most 2.0, in wall-clock time. A missed target prints
``MISSED`` but does not fail the run; errors do. ``--no-gc`` pauses the cyclic garbage
collector in the measuring processes, which shows how much of each time it takes.

Usage::

    python benchmarks/bench_load.py                       # 10k, 100k and 1M
    python benchmarks/bench_load.py --sizes 10000 100000 --repeat 5
    python benchmarks/bench_load.py --data-dir benchmarks/.data --no-gc
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
TARGET = 2.0


# -- helpers run inside the workers ----------------------------------------------------------


def _rss_kib() -> int:
    """Current resident set size in KiB (Linux), or 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _peak_kib() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def _bare_hub_model() -> Any:
    """A plain pydantic model with the hub's fields and types, and no integrity check."""
    from pydantic import create_model

    from coinnovation.models import Hub

    fields: dict[str, Any] = {
        name: (info.annotation, info) for name, info in Hub.model_fields.items()
    }
    return create_model("BareHub", __config__=Hub.model_config, **fields)


def _best(timings: dict[str, list[float]], name: str, action: Callable[[], Any]) -> Any:
    gc.collect()
    start = time.perf_counter()
    result = action()
    timings.setdefault(name, []).append(time.perf_counter() - start)
    return result


def worker_generate(size: int, seed: int, path: Path) -> dict[str, Any]:
    from coinnovation.testing.synthetic import synthetic_hub_data

    start = time.perf_counter()
    data = synthetic_hub_data(size, seed=seed)
    generated = time.perf_counter() - start
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return {
        "generate": generated,
        "bytes": path.stat().st_size,
        "records": {key: len(value) for key, value in data.items() if isinstance(value, list)},
    }


def _timed(
    timings: dict[str, list[tuple[float, float]]], name: str, action: Callable[[], Any]
) -> Any:
    """Run ``action`` once, recording its wall-clock and CPU time."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    timings.setdefault(name, []).append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def _rounds(repeat: int, participation_bytes: int) -> int:
    """More rounds for small files (under 0.1 s each), whose timings are noisier."""
    return repeat * max(1, min(10, 16_000_000 // max(participation_bytes, 1)))


def worker_time(path: Path, repeat: int) -> dict[str, Any]:
    from pydantic import TypeAdapter

    import coinnovation
    from coinnovation.models import Participation, hub_problems

    raw = path.read_bytes()
    participations_text = json.dumps(
        json.loads(raw)["participations"], separators=(",", ":"), ensure_ascii=False
    ).encode()
    participations_adapter = TypeAdapter(list[Participation])
    bare_hub = _bare_hub_model()
    coinnovation.load(path)  # warm up: first-call costs and the page cache, untimed

    timings: dict[str, list[tuple[float, float]]] = {}
    rounds = _rounds(repeat, len(participations_text))
    for _ in range(rounds):
        _timed(timings, "json", lambda: json.loads(raw))
        _timed(
            timings,
            "bare_participations",
            lambda: participations_adapter.validate_json(participations_text),
        )
        _timed(timings, "bare_hub", lambda: bare_hub.model_validate_json(raw))
        hub = _timed(timings, "load", lambda: coinnovation.load(path))
        _timed(timings, "index", lambda hub=hub: hub._index)
        _timed(timings, "integrity", lambda hub=hub: hub_problems(hub))
        del hub
    # Best of the rounds, wall clock and CPU time each.
    best = {name: min(wall for wall, _ in values) for name, values in timings.items()}
    best |= {f"{name}_cpu": min(cpu for _, cpu in values) for name, values in timings.items()}
    best["rounds"] = rounds
    return best


def worker_memory(path: Path, what: str) -> dict[str, Any]:
    import coinnovation

    bare_hub = _bare_hub_model()
    raw = path.read_bytes()
    gc.collect()
    before = _rss_kib()
    if what == "load":
        hub = coinnovation.load(path)
        hub._index  # noqa: B018 - build the look-up index, as the first query would
    elif what == "bare":
        hub = bare_hub.model_validate_json(raw)
    else:
        hub = json.loads(raw)
    return {"before_kib": before, "peak_kib": _peak_kib(), "held": bool(hub)}


# -- the driver ------------------------------------------------------------------------------


def _run_worker(*args: str, no_gc: bool) -> dict[str, Any]:
    flags = ["--no-gc"] if no_gc else []
    command = [sys.executable, str(Path(__file__).resolve()), *flags, "--worker", *args]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _machine() -> str:
    import numpy
    import pydantic
    import pydantic_core

    import coinnovation

    return (
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"pydantic {pydantic.VERSION}, pydantic-core {pydantic_core.__version__}, "
        f"numpy {numpy.__version__}, coinnovation {coinnovation.__version__}; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )


def _label(size: int) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1_000)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{unit}"
    return f"{size:,}"


def _load_average() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # pragma: no cover - platforms without it
        return "unknown"


def _report(
    rows: list[tuple[int, dict[str, Any], dict[str, Any], dict[str, Any]]], repeat: int
) -> bool:
    """Print the tables; return whether the target was missed at some size."""
    print(
        f"## Time (seconds, best of {repeat} or more rounds; ratios of wall-clock time, "
        "CPU time in brackets)"
    )
    print()
    print(
        "| participations | records | file MB | rounds | generate | json.loads "
        "| bare participations | bare hub | load | index | integrity | load / bare "
        "| (load + index) / bare | target |"
    )
    print("|" + "---:|" * 13 + ":---|")
    missed = False
    for size, made, timed, _ in rows:
        ratio = timed["load"] / timed["bare_hub"]
        ratio_cpu = timed["load_cpu"] / timed["bare_hub_cpu"]
        with_index = (timed["load"] + timed["index"]) / timed["bare_hub"]
        with_index_cpu = (timed["load_cpu"] + timed["index_cpu"]) / timed["bare_hub_cpu"]
        verdict = "ok" if with_index <= TARGET else "MISSED"
        missed |= verdict == "MISSED"
        print(
            f"| {_label(size)} | {sum(made['records'].values()):,} | {made['bytes'] / 1e6:.0f} "
            f"| {timed['rounds']} | {made['generate']:.2f} | {timed['json']:.2f} | {timed['bare_participations']:.2f} "
            f"| {timed['bare_hub']:.2f} | {timed['load']:.2f} | {timed['index']:.2f} "
            f"| {timed['integrity']:.2f} | {ratio:.2f} ({ratio_cpu:.2f}) "
            f"| {with_index:.2f} ({with_index_cpu:.2f}) | {verdict} |"
        )
    print()
    print("## Peak memory (MB resident, each in its own process)")
    print()
    print(
        "| participations | file MB | after import and read | json.loads | bare hub "
        "| load + index | load + index / bare (above the baseline) |"
    )
    print("|" + "---:|" * 7)
    for size, made, _, memory in rows:
        base = memory["load"]["before_kib"]
        peak = {what: memory[what]["peak_kib"] for what in memory}
        above = {what: peak[what] - memory[what]["before_kib"] for what in memory}
        print(
            f"| {_label(size)} | {made['bytes'] / 1e6:.0f} | {base / 1024:.0f} "
            f"| {peak['json'] / 1024:.0f} | {peak['bare'] / 1024:.0f} | {peak['load'] / 1024:.0f} "
            f"| {above['load'] / max(above['bare'], 1):.2f} |"
        )
    print()
    print(
        "- json.loads: the raw parse of the file, for scale.\n"
        "- bare participations: TypeAdapter(list[Participation]).validate_json on the "
        "participations array alone.\n"
        "- bare hub: the whole file validated by a plain pydantic model with the hub's fields "
        "and no integrity check; the denominator of the ratios.\n"
        "- load: coinnovation.load(path): read, validation and integrity check.\n"
        "- index: the hub's look-up tables, built on the first query.\n"
        "- integrity: hub_problems(hub) alone (already part of load)."
    )
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (best is kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the hub files here (default: a temporary folder, removed after the run)",
    )
    parser.add_argument(
        "--no-gc",
        action="store_true",
        help="pause the cyclic garbage collector in the measuring processes",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.no_gc:
            gc.disable()
        kind, *rest = args.worker
        if kind == "generate":
            out = worker_generate(int(rest[0]), int(rest[1]), Path(rest[2]))
        elif kind == "time":
            out = worker_time(Path(rest[0]), int(rest[1]))
        else:
            out = worker_memory(Path(rest[0]), rest[1])
        print(json.dumps(out))
        return 0

    gc_note = ", garbage collector paused" if args.no_gc else ""
    print(f"# coinnovation load benchmark (seed {args.seed}, best of {args.repeat}{gc_note})")
    print()
    print(_machine())
    print(f"load average before: {_load_average()}")
    print()
    rows = []
    with tempfile.TemporaryDirectory(prefix="coinnovation-bench-") as scratch:
        folder = args.data_dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = folder / f"hub-{size}-seed{args.seed}.json"
            print(f"{_label(size)}: generating ...", end="", flush=True, file=sys.stderr)
            made = _run_worker("generate", str(size), str(args.seed), str(path), no_gc=False)
            print(" timing ...", end="", flush=True, file=sys.stderr)
            timed = _run_worker("time", str(path), str(args.repeat), no_gc=args.no_gc)
            print(" memory ...", end="", flush=True, file=sys.stderr)
            memory = {
                what: _run_worker("memory", str(path), what, no_gc=args.no_gc)
                for what in ("json", "bare", "load")
            }
            print(" done", file=sys.stderr)
            rows.append((size, made, timed, memory))
            if args.data_dir is None:
                path.unlink()
    missed = _report(rows, args.repeat)
    print()
    print(f"load average after: {_load_average()}")
    print()
    if missed:
        print(f"MISSED: (load + index) / bare is above {TARGET} at some size.")
    else:
        print(f"Target met: (load + index) / bare is at most {TARGET} at every size.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
