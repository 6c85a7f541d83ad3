"""How long `import coinnovation` takes, against `import pydantic, networkx`.

``import coinnovation`` should load only what loading a hub file needs — the errors, the
models and ``coinnovation.io.files`` — and leave networks, sharing, exports, stores and the
report to load on first use (issue 10). The yardstick is the import of the two libraries
coinnovation is built on, ``pydantic`` and ``networkx``: the target is
``import coinnovation`` <= 1.5 × ``import pydantic, networkx``.

Each run is a fresh interpreter (``python -c "import ..."``), timed wall clock from start
to exit, so the interpreter's own start-up is in both; runs alternate between the two
commands, so a machine that slows down or speeds up during the benchmark affects both
alike. The medians of ``--runs`` runs each and their ratio are printed; a miss of the
target prints ``MISSED`` but does not fail the run. ``coinnovation --version`` (the command
line's start-up) is timed the same way, for information.

Usage::

    python benchmarks/bench_import.py              # 7 alternating runs each
    python benchmarks/bench_import.py --runs 21
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time

TARGET = 1.5

#: What each timed interpreter runs, by the name printed.
COMMANDS = {
    "coinnovation": "import coinnovation",
    "pydantic, networkx": "import pydantic, networkx",
    "coinnovation --version": (
        "import contextlib, io\n"
        "from coinnovation.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--version'])"
    ),
}


def timed(code: str) -> float:
    """The wall-clock time of a fresh interpreter running ``code``, in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    runs = parser.parse_args().runs
    print(f"Python {platform.python_version()} on {platform.machine()}; {runs} runs each")
    for code in COMMANDS.values():  # warm the file cache (and the bytecode) first
        timed(code)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, code in COMMANDS.items():
            times[name].append(timed(code))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        label = name if name.startswith("coinnovation --") else f"import {name}"
        print(f"  {label:<30} median {median * 1000:7.1f} ms")
    ratio = medians["coinnovation"] / medians["pydantic, networkx"]
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(
        f"  ratio coinnovation / (pydantic, networkx): {ratio:.2f} (target <= {TARGET}) {verdict}"
    )


if __name__ == "__main__":
    main()
