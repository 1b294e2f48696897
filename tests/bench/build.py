"""Benchmark: build the whole corpus into a temporary embedded store; print the figures.

    python tests/bench/build.py [--corpus PATH] [--workers N] [--limit N]

Prints articles/s for the whole build (read + extract + resolve + write), the store's write rate
(nodes + relationships per second, on a bulk COPY into an empty store), and the time of an
incremental build that adds a few new articles to the full store.
Targets (issue 3): >= 50,000 nodes+relationships/s written; whole corpus in < 3 minutes.

The write rate is the resolved graph's nodes + relationships divided by the wall time of opening a
fresh store (schema DDL), writing (plan, arrow conversion, every COPY, the checkpoint) and closing
it. The machine is shared, so the write is repeated and the median is the figure; the best run,
the CPU time (``time.process_time``, every thread of this process) and the load average show how
much of the wall time other processes took.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from danvan.graph.build import build_graph  # noqa: E402
from danvan.graph.model import Extraction  # noqa: E402
from danvan.graph.store.embedded import open_store  # noqa: E402
from danvan.loaders.pipeline import extract_paths  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"
NEW_ARTICLES = 10
WRITE_RUNS = 5


def size(counts: dict[str, dict[str, int]]) -> int:
    return sum(counts["nodes"].values()) + sum(counts["relationships"].values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return

    t0 = time.perf_counter()
    stream = extract_paths([args.corpus], workers=args.workers)
    if args.limit:
        stream = itertools.islice(stream, args.limit)
    extractions = [x for x in stream if isinstance(x, Extraction)]
    t_extract = time.perf_counter() - t0
    n = len(extractions)
    print(f"read + extract: {n} articles in {t_extract:.1f} s ({n / t_extract:.0f} articles/s, {args.workers} workers)")

    with tempfile.TemporaryDirectory() as tmp:
        # 1. The whole build as `danvan build` does it: ingest everything into an empty store.
        resolved: list[tuple[float, float]] = []

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "resolve" and done == total:  # the write starts now
                resolved.append((time.perf_counter(), time.process_time()))

        t1 = time.perf_counter()
        with open_store(Path(tmp) / "full.lbdb") as store:
            store.ingest(extractions, progress=progress)
        t_end, c_end = time.perf_counter(), time.process_time()
        t_ingest = t_end - t1
        with open_store(Path(tmp) / "full.lbdb", read_only=True) as store:
            counts = store.counts()
        total = t_extract + t_ingest
        print(
            f"resolve + write into an empty store: {t_ingest:.1f} s; graph: {size(counts)} nodes+relationships "
            f"({sum(counts['nodes'].values())} nodes, {sum(counts['relationships'].values())} relationships)"
        )
        t_real, c_real = t_end - resolved[0][0], c_end - resolved[0][1]
        print(
            f"  of which the write (to the close): {t_real:.2f} s = {size(counts) / t_real:,.0f} per s, "
            f"CPU {c_real:.2f} s: the process's first write, as in `danvan build`"
        )
        print(f"whole build: {n} articles in {total:.1f} s = {n / total:.0f} articles/s (target: < 180 s)")

        # 2. The store's own write rate: bulk COPY of the resolved graph into an empty store.
        t2 = time.perf_counter()
        kg = build_graph(extractions)
        t_resolve = time.perf_counter() - t2
        items = len(kg) + kg.g.number_of_edges()
        print(f"resolve (build_graph): {t_resolve:.1f} s")
        # Open, write, close, into a fresh file each time; the median run is the figure.
        walls, cpus = [], []
        load_before = os.getloadavg()[0]
        for i in range(WRITE_RUNS):
            if i:
                # A graph built anew, as a real build writes one: strings written before are faster
                # to write again (Python caches a string's UTF-8 form once made).
                kg = build_graph(extractions)
            t3, c3 = time.perf_counter(), time.process_time()
            with open_store(Path(tmp) / f"write{i}.lbdb") as store:
                store.write_graph(kg)
            walls.append(time.perf_counter() - t3)
            cpus.append(time.process_time() - c3)
        t_write, c_write = statistics.median(walls), statistics.median(cpus)
        print(
            f"store write: {items} nodes+relationships in {t_write:.2f} s (median of {WRITE_RUNS}) "
            f"= {items / t_write:,.0f} per s (target: >= 50,000 per s); best {items / min(walls):,.0f} per s"
        )
        print(
            f"  wall per run: {', '.join(f'{w:.2f}' for w in walls)} s; "
            f"CPU per run: {', '.join(f'{c:.2f}' for c in cpus)} s (median {c_write:.2f} s); "
            f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, {os.cpu_count()} CPUs"
        )

        # 3. Incremental: a store holding all but a few articles receives the rest.
        base, new = extractions[:-NEW_ARTICLES], extractions[-NEW_ARTICLES:]
        with open_store(Path(tmp) / "inc.lbdb") as store:
            store.ingest(base)
        t4 = time.perf_counter()
        with open_store(Path(tmp) / "inc.lbdb") as store:
            report = store.ingest(new)
        t_inc = time.perf_counter() - t4
        w = report.write
        print(
            f"incremental build of {len(new)} new articles into a store of {len(base)}: {t_inc:.1f} s "
            f"({sum(w.added.values())} added, {sum(w.updated.values())} updated, {sum(w.deleted.values())} deleted)"
        )
        t5 = time.perf_counter()
        with open_store(Path(tmp) / "inc.lbdb") as store:
            again = store.ingest(extractions)
        t_noop = time.perf_counter() - t5
        print(f"rebuild on the same {n} articles: {t_noop:.1f} s, changed: {again.write.changed}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
