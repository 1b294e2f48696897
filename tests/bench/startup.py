"""Start-up of the command line, as whole processes: `danvan --help`, `stats` and a canned query on the demo store.

Each command runs several times after a warm-up, alternating with `python -c pass` so that a machine whose speed
drifts affects both alike; the script prints the median wall time of each and the ratio to `python -c pass`.
Target: a query, `stats` or `--help` starts in under 0.35 s on the project's 2-core machine.

    python tests/bench/startup.py [--runs N] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_S = 0.35


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=REPO)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--db", type=Path, help="a store to query (default: the sample articles, built afresh)")
    args = parser.parse_args()
    danvan = [sys.executable, "-m", "danvan.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "samples.lbdb"
            subprocess.run(
                [*danvan, "build", "data/articles", "--db", str(db)], check=True, cwd=REPO, capture_output=True
            )
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "danvan --help": [*danvan, "--help"],
            "danvan stats": [*danvan, "stats", "--db", str(db)],
            "danvan query run most_connected": [*danvan, "query", "run", "most_connected", "--db", str(db)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: the file cache, the bytecode cache
            wall(command)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(wall(command))
    base = statistics.median(times["python -c pass"])
    print(f"start-up, median of {args.runs} runs (target: under {TARGET_S:.2f} s for --help, stats and a query)")
    for name, values in times.items():
        median = statistics.median(values)
        verdict = "" if name.startswith("python") else ("  ok" if median < TARGET_S else "  over target")
        print(f"  {name:<34} {median:6.3f} s  {median / base:5.1f} x python -c pass{verdict}")


if __name__ == "__main__":
    main()
