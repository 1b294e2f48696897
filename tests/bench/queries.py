"""Speed of every canned query on the embedded store holding the graph of the shared corpus.

Builds the graph of ../shared/corpus/baomoi_2017_sample.jsonl into a LadybugDB file in a temporary
folder (kept and reused while the corpus and the schema are unchanged; --rebuild forces a new one,
e.g. after the extractor changed), then runs each query several times and prints the median, the minimum and the row
count. Each query runs twice: with its header defaults (tuned to the demo articles), and with
parameters taken from the corpus graph itself (its most connected person, most held post, ...) so the
timing covers real work. Target: every canned query under 100 ms (median) on the embedded store.

    python tests/bench/queries.py [--runs N] [--db PATH] [--rebuild] [--limit N] [CORPUS]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"
TARGET_MS = 100.0


def _fingerprint(corpus: Path, limit: int | None) -> str:
    """Changes when the corpus or the schema changes (after extractor changes, use --rebuild)."""
    from danvan.graph.schema import SCHEMA

    stat = corpus.stat()
    key = f"{corpus.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{limit}|{SCHEMA.version}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def build(corpus: Path, db: Path, limit: int | None) -> None:
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.pipeline import extract_paths

    started = time.perf_counter()
    extractions = []
    for item in extract_paths([corpus]):
        if isinstance(item, Extraction):
            extractions.append(item)
            if limit and len(extractions) >= limit:
                break
    extracted = time.perf_counter()
    kg = build_graph(extractions)
    with open_store(db) as store:
        store.write_graph(kg)
        counts = store.counts()
    nodes = sum(counts["nodes"].values())
    rels = sum(counts["relationships"].values())
    print(
        f"built {db} from {len(extractions)} articles in {time.perf_counter() - started:.1f} s "
        f"(extraction {extracted - started:.1f} s): {nodes} nodes, {rels} relationships"
    )


def corpus_params(backend: Any) -> dict[str, Any]:
    """Parameter values that exist in the corpus graph, found with plain read queries."""

    def first(cypher: str) -> Any:
        rows = backend.store.query(cypher).rows
        return rows[0][0] if rows else None

    values: dict[str, Any] = {}
    busy = backend.store.query(
        "MATCH (p:Person)-[r:HOLDS|CHAIRED|ATTENDED|SPOKE_AT]->() "
        "RETURN p.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 2"
    ).rows
    if busy:
        values["person"] = values["person_a"] = values["subject"] = busy[0][0]
    if len(busy) > 1:
        values["person_b"] = busy[1][0]
    values["post"] = first("MATCH (:Person)-[h:HOLDS]->(t:Post) RETURN t.name AS name, count(h) AS n "
                           "ORDER BY n DESC, name LIMIT 1")  # fmt: skip
    values["object"] = values["post"]
    values["province"] = first("MATCH (o:Organization) WHERE o.place IS NOT NULL "
                               "RETURN o.place AS place, count(*) AS n ORDER BY n DESC, place LIMIT 1")  # fmt: skip
    values["root"] = first("MATCH (o:Organization)<-[:PART_OF]-(:Organization) RETURN o.name AS name, count(*) AS n "
                           "ORDER BY n DESC, name LIMIT 1")  # fmt: skip
    values["campaign"] = first("MATCH ()-[r:RUNS]->(c:Campaign) RETURN c.name AS name, count(r) AS n "
                               "ORDER BY n DESC, name LIMIT 1")  # fmt: skip
    values["date_from"], values["date_to"] = "2017-01-01", "2017-12-31"
    values["place"] = values["province"] or ""
    # the corpus is news of 2017: who held the busiest post in the middle of it
    values["holders_on_date.date"] = "2017-06-30"
    # The busiest province need not be one the 2025 merger touched; merger_2025 gets a unit that was.
    values["merger_2025.province"] = first("MATCH (old:Place)-[m:MERGED_INTO]->(:Place) "
                                           "RETURN old.name AS name ORDER BY name LIMIT 1")  # fmt: skip
    return {k: v for k, v in values.items() if v is not None}


def time_query(backend: Any, query: Any, params: dict[str, Any], runs: int) -> tuple[float, float, int]:
    from danvan.queries.runner import run_query

    run_query(backend, query, params)  # warm-up: plan caches, pages in memory
    times = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        result = run_query(backend, query, params)
        times.append((time.perf_counter() - started) * 1000)
        rows = len(result.rows)
    return statistics.median(times), min(times), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS, help="Articles (default: the shared corpus).")
    parser.add_argument("--runs", type=int, default=7, help="Timed runs per query (default 7).")
    parser.add_argument("--db", type=Path, default=None, help="Use this database file instead of building one.")
    parser.add_argument("--rebuild", action="store_true", help="Build the cached database again.")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N articles (quick runs).")
    args = parser.parse_args()

    from danvan.queries.catalog import load_library
    from danvan.queries.runner import open_backend

    if args.db is not None:
        db = args.db
    else:
        if not args.corpus.exists():
            print(f"skipped: {args.corpus} not found")
            return 0
        cache = Path(tempfile.gettempdir()) / "danvan-bench"
        cache.mkdir(exist_ok=True)
        db = cache / f"queries-{_fingerprint(args.corpus, args.limit)}.lbdb"
        if args.rebuild or not db.exists():
            for stale in cache.glob("queries-*.lbdb*"):
                stale.unlink()
            build(args.corpus, db, args.limit)
        else:
            print(f"reusing {db} (same corpus, schema and code)")

    library = load_library()
    worst = 0.0
    with open_backend(db) as backend:
        found = corpus_params(backend)
        print(f"corpus parameters: {found}")
        print(f"{'query':<22} {'params':<8} {'median ms':>10} {'min ms':>8} {'rows':>6}")
        for query in library:
            names = {p.name for p in query.params}
            variants = [("defaults", {})]
            chosen = {k: v for k, v in found.items() if k in names}
            chosen.update({k.split(".", 1)[1]: v for k, v in found.items() if k.startswith(f"{query.name}.")})
            if chosen:
                variants.append(("corpus", chosen))
            for label, params in variants:
                median, fastest, rows = time_query(backend, query, params, args.runs)
                worst = max(worst, median)
                flag = "" if median < TARGET_MS else f"  over {TARGET_MS:.0f} ms"
                print(f"{query.name:<22} {label:<8} {median:>10.1f} {fastest:>8.1f} {rows:>6}{flag}")
    verdict = "met" if worst < TARGET_MS else "NOT met"
    print(f"slowest median: {worst:.1f} ms; target < {TARGET_MS:.0f} ms per query: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
