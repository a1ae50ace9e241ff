"""How long a command takes before it does anything: the median of 10 runs of `rolemap --help`,
`rolemap info`, `rolemap show ID` and `rolemap market` (the bundled sample in a temporary store, its
market cache in place) beside `python -c pass` from the same virtualenv, and the peak memory of
`rolemap --help`.

Targets (issue 20): --help and info at most 30× `python -c pass`, --help under 60 MiB, market under 0.5 s.

    .venv/bin/python bench/startup_bench.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROLEMAP = str(BIN / "rolemap")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and the CPU time (user + system) the command used: on a busy machine the second
    says what the command costs, the first what its user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """The median wall time, the fastest and the median CPU time of `runs` runs."""
    timed(argv, env)  # once first: the files are then in the page cache, as for a user's second command
    walls, cpus = zip(*(timed(argv, env) for _ in range(runs)), strict=True)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def peak_rss_mib(argv: list[str], env: dict[str, str]) -> float:
    """The largest resident set of a child process, from getrusage (Linux gives KiB)."""
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    # A fresh parent for each measure: RUSAGE_CHILDREN is the largest child so far, never reset.
    found = subprocess.run([sys.executable, "-c", code, *argv], env=env, check=True, capture_output=True)
    return int(found.stdout) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="rolemap-startup-") as tmp:
        db = str(Path(tmp) / "sample.db")
        env = {**os.environ, "XDG_CACHE_HOME": tmp, "XDG_DATA_HOME": tmp, "COLUMNS": "120"}
        env.pop("ROLEMAP_DB", None)
        # As an installed rolemap runs: with its modules' bytecode cached (pip compiles it at install; the
        # first run below writes it for a source checkout), not compiled again at every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([ROLEMAP, "ingest", "--sample", "--db", db], env=env, check=True, capture_output=True)
        listed = subprocess.run(
            [ROLEMAP, "list", "--db", db, "--limit", "1", "--json"], env=env, check=True, capture_output=True
        )
        posting = json.loads(listed.stdout)["rows"][0]["id"]
        subprocess.run([ROLEMAP, "market", "--db", db], env=env, check=True, capture_output=True)  # the cache

        # (argv, target): at most this many times `python -c pass`, or at most this many seconds.
        commands = {
            "python -c pass": ([sys.executable, "-c", "pass"], ""),
            "rolemap --help": ([ROLEMAP, "--help"], "≤ 30×"),
            "rolemap info": ([ROLEMAP, "info", "--db", db], "≤ 30×"),
            f"rolemap show {posting}": ([ROLEMAP, "show", posting, "--db", db], ""),
            "rolemap market": ([ROLEMAP, "market", "--db", db], "≤ 0.5 s"),
        }
        print(
            f"median of {runs} runs; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}"
        )
        print(f"{'':<26} {'median':>9} {'× pass':>7} {'fastest':>9} {'× pass':>7} {'cpu':>8}   target")
        bare = bare_best = 0.0
        for name, (argv, target) in commands.items():
            wall, best, cpu = median_of(argv, env, runs)
            bare, bare_best = bare or wall, bare_best or best
            print(
                f"{name:<26} {wall * 1000:6.0f} ms {wall / bare:6.1f}× {best * 1000:6.0f} ms"
                f" {best / bare_best:6.1f}× {cpu * 1000:5.0f} ms   {target}"
            )
        help_mib = peak_rss_mib([ROLEMAP, "--help"], env)
        bare_mib = peak_rss_mib([sys.executable, "-c", "pass"], env)
        print(
            f"peak memory: rolemap --help {help_mib:.0f} MiB (target ≤ 60 MiB), python -c pass {bare_mib:.0f} MiB"
        )


if __name__ == "__main__":
    main()
