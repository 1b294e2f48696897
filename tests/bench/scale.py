"""The scale curve: build synthetic archives of growing size (tests/bench/synth.py), then add 10 and 1,000 articles.

For each size it prints the wall time and the peak memory (largest single process) of the fresh build, of adding
10 and of adding 1,000 new articles, and the median time of a few canned queries on the result. A step that runs
past --timeout is stopped and reported as such, so the curve shows where the current design stops.

Targets (issue 15): 1M articles built in under 30 min with peak memory under 4 GB; adding 1,000 articles to the 1M
store in under 60 s, adding 10 in under 5 s; canned queries under 100 ms (median) at 1M.

    python tests/bench/scale.py [--sizes 100000,300000] [--timeout 3600] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DANVAN = [sys.executable, "-m", "danvan.cli"]
QUERIES = ["most_connected", "post_holders", "officials_in_province"]


def measure(command: list[str], timeout: float) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB of the largest process, and a status word, for one child command."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([time.perf_counter() - t, peak, rc]))\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=timeout, cwd=REPO
        )
    except subprocess.TimeoutExpired:
        return timeout, float("nan"), "timeout"
    wall, peak, rc = json.loads(done.stdout)
    return wall, peak, "ok" if rc == 0 else f"exit {rc}"


def query_median(db: Path, name: str, runs: int = 5) -> float:
    """Median milliseconds of one canned query, run in one process so that start-up is not counted."""
    code = (
        "import sys, time, statistics\n"
        "from danvan.graph.store.embedded import open_store\n"
        "from danvan.queries.catalog import load_library\n"
        "from danvan.queries.runner import Backend, run_query\n"
        "q = load_library().get(sys.argv[2])\n"
        "with open_store(sys.argv[1], read_only=True) as s:\n"
        "    b = Backend('embedded', s); times = []\n"
        "    for _ in range(int(sys.argv[3])):\n"
        "        t = time.perf_counter(); run_query(b, q, {}); times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times) * 1000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), name, str(runs)], capture_output=True, text=True, cwd=REPO
    )
    return float(done.stdout) if done.returncode == 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,300000", help="comma-separated archive sizes")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed for each step")
    parser.add_argument("--keep", type=Path, help="keep the archives and stores in this folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="danvan-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    synth = [sys.executable, str(REPO / "tests" / "bench" / "synth.py"), "--seed", str(args.seed)]
    print(f"scale curve (synthetic archives, seed {args.seed}; peak = largest single process)")
    print(f"  {'articles':>9}  {'step':<22} {'wall s':>8} {'peak MiB':>9}  status")
    try:
        for size in sizes:
            total = size + 1_010
            archive = work / f"synth_{size}.jsonl"
            extra10 = work / f"synth_{size}_plus10.jsonl"
            extra1000 = work / f"synth_{size}_plus1000.jsonl"
            # One archive of size + 1,010 articles, cut in three, so the additions are its natural continuation.
            if not archive.exists():
                full = work / f"synth_{size}_full.jsonl"
                subprocess.run([*synth, "--articles", str(total), "--out", str(full)], check=True, capture_output=True)
                with full.open(encoding="utf-8") as source:
                    lines = source.readlines()
                archive.write_text("".join(lines[:size]), encoding="utf-8")
                extra10.write_text("".join(lines[size : size + 10]), encoding="utf-8")
                extra1000.write_text("".join(lines[size + 10 :]), encoding="utf-8")
                full.unlink()
            db = work / f"synth_{size}.lbdb"
            for old in work.glob(f"synth_{size}.lbdb*"):
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            steps = [
                ("fresh build", [*DANVAN, "build", str(archive), "--db", str(db)]),
                ("add 10 articles", [*DANVAN, "build", str(extra10), "--db", str(db)]),
                ("add 1,000 articles", [*DANVAN, "build", str(extra1000), "--db", str(db)]),
            ]
            for name, command in steps:
                wall, peak, status = measure(command, args.timeout)
                print(f"  {size:>9,}  {name:<22} {wall:8.1f} {peak:9.0f}  {status}", flush=True)
                if status != "ok":
                    break
            else:
                medians = {q: query_median(db, q) for q in QUERIES}
                slowest = max(medians, key=lambda q: medians[q])
                print(
                    f"  {size:>9,}  {'queries (median ms)':<22} "
                    + ", ".join(f"{q} {m:.1f}" for q, m in medians.items())
                    + f"; slowest {slowest}",
                    flush=True,
                )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
