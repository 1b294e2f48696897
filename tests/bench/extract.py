"""Speed of the whole pipeline (read + normalise + split + extract) over the shared corpus.

Prints articles per second and peak memory (resident set of this process plus its worker processes,
sampled every 50 ms with psutil). Target: at least 200 articles/s on 2 cores, peak under 1 GiB.

    python tests/bench/extract.py [--workers N] [--limit N] [--read-only] [PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"


class PeakMemory:
    """Samples the resident memory of this process and all its children in a background thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):  # a worker may exit between listing and sampling
                total += child.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def first_lines(path: Path, limit: int) -> Path:
    """A temporary copy of the first ``limit`` lines of a JSON Lines file (removed at exit)."""
    import atexit
    import tempfile

    with (
        path.open(encoding="utf-8") as source,
        tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle,
    ):
        for n, line in enumerate(source):
            if n >= limit:
                break
            handle.write(line)
    copy = Path(handle.name)
    atexit.register(copy.unlink, missing_ok=True)
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=CORPUS, help="Input (default: the shared corpus).")
    parser.add_argument("--workers", type=int, default=None, help="Worker processes (default: CPUs available).")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N lines of a .jsonl input.")
    parser.add_argument("--read-only", action="store_true", help="Time reading alone (no fact extraction), 1 process.")
    args = parser.parse_args()
    if not args.path.exists():
        print(f"skipped: {args.path} not found")
        return 0
    if args.limit is not None:
        args.path = first_lines(args.path, args.limit)

    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import default_workers, extract_paths
    from danvan.loaders.read import ReadError, read_paths

    workers = args.workers or default_workers()
    articles = errors = facts = sentences = 0
    with PeakMemory() as memory:
        started = time.perf_counter()
        cpu_started = time.process_time()
        if args.read_only:
            workers = 1
            for doc in read_paths([args.path]):
                if isinstance(doc, ReadError):
                    errors += 1
                else:
                    articles += 1
                    sentences += len(doc.sentences)
        else:
            for result in extract_paths([args.path], workers=workers):
                if isinstance(result, Extraction):
                    articles += 1
                    facts += len(result.facts)
                else:
                    errors += 1
        elapsed = time.perf_counter() - started
        main_cpu = time.process_time() - cpu_started
    # Worker processes are reaped when the pool shuts down, so RUSAGE_CHILDREN holds their CPU time.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = main_cpu + children.ru_utime + children.ru_stime
    load = os.getloadavg()[0]
    mode = "read only" if args.read_only else "read + extract"
    print(f"extract benchmark ({mode}) on {args.path.name}: {workers} worker(s), {psutil.cpu_count()} CPU(s)")
    counted = f"sentences: {sentences}" if args.read_only else f"facts: {facts}"
    print(f"  articles: {articles}  errors: {errors}  {counted}")
    print(f"  time: {elapsed:.2f} s  speed: {articles / elapsed:.0f} articles/s  (target >= 200)")
    print(f"  peak memory (incl. workers): {memory.peak / 1048576:.0f} MiB  (target < 1024)")
    # The machine may be shared: CPU time says what the work costs whatever else is running.
    print(
        f"  cpu: {cpu:.1f} s ({1000 * cpu / max(articles, 1):.2f} ms/article); on {workers} idle core(s) that is "
        f"{articles / max(cpu / workers, 1e-9):.0f} articles/s  (load average during run: {load:.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
