"""Benchmark: RDF export speed and memory per format and profile, and SHACL validation time; prints the figures.

    python tests/bench/rdf.py [--corpus PATH] [--limit N] [--workers N] [--synthetic ARTICLES] [--no-corpus]
                              [--profiles full,lean] [--shacl-sample N] [--pages PATH]

The graph built from the corpus (loaders.pipeline.extract_paths + graph.build.build_graph) is
exported in every format (Turtle, N-Triples, JSON-LD, TriG) to a temporary file. Where the corpus
or the pipeline is missing, or with --synthetic N, a synthetic graph of N articles is used instead
(persons, posts, organisations, events, places, campaigns, each fact with its provenance; about
four times denser in relationships per article than the corpus graph).
For each format it prints triples, wall-clock and CPU seconds and rates (CPU rates stay meaningful
on a shared, loaded machine), the peak Python memory of the export (tracemalloc, measured in a
second run so that tracing does not slow the timed one) and the file size.
Targets (issue 5): N-Triples >= 200,000 triples/s, Turtle >= 50,000 triples/s.

SHACL (issue 14): the corpus export (each profile, as N-Triples) is checked against graph/shapes.ttl by the
SPARQL validator (graph/rdf/validate.py; target: the whole corpus under 60 s, load included), and a corpus
sample (the graph of the first --shacl-sample articles) by both pySHACL and the SPARQL validator, which must
agree. The export sizes per profile of the dân vận pages (--pages) are printed for the README's table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from danvan.graph.ids import make_id  # noqa: E402
from danvan.graph.knowledge import KnowledgeGraph  # noqa: E402
from danvan.graph.rdf.export import EXTENSIONS, FORMATS, PROFILES, export_rdf  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"
PAGES = REPO.parent / "shared" / "corpus" / "danvan_pages.jsonl"
TARGETS = {"ntriples": 200_000, "turtle": 50_000}
SHACL_TARGET_S = 60.0

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lý", "Giàng"]
MIDDLES = ["Văn", "Thị", "Quốc", "Xuân", "Minh", "Hoàng", "Thanh", "Công"]
GIVEN = ["Cường", "Vinh", "Dung", "Chỉnh", "Hoan", "Dũng", "Thắng", "Long", "Hùng", "Lan", "Mai", "Tuấn"]
PROVINCES = ["Lào Cai", "Bắc Ninh", "Nam Định", "Hà Giang", "Yên Bái", "Thái Bình", "Nghệ An", "Quảng Ninh"]
ROLES = ["Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực", "Chủ tịch", "Phó Chủ tịch", "Trưởng Ban", "Ủy viên"]
BODIES = [
    ("Tỉnh ủy", "party_committee"),
    ("Ban Dân vận Tỉnh ủy", "commission"),
    ("Ủy ban nhân dân tỉnh", "peoples_committee"),
    ("Hội đồng nhân dân tỉnh", "peoples_council"),
]


def synthetic_graph(articles: int, seed: int = 0) -> KnowledgeGraph:
    """A graph shaped like the extraction of ``articles`` news articles (deterministic)."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    persons = [
        f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)} {i}" for i in range(articles // 3 + 10)
    ]
    for place in PROVINCES:
        kg.add_node(make_id("Place", place), "Place", name=place, kind="province", status="current")
    for place in PROVINCES:
        for body, kind in BODIES:
            org = f"{body} {place}"
            kg.add_node(
                make_id("Organization", org), "Organization", name=org, kind=kind, level="province", place=place
            )
            kg.add_edge(make_id("Organization", org), make_id("Place", place), "BASED_IN")
            for role in ROLES:
                post = f"{role} {org}"
                kg.add_node(make_id("Post", post), "Post", name=post, role=role, organization=org)
                kg.add_edge(make_id("Post", post), make_id("Organization", org), "POST_IN")
    day0 = dt.date(2017, 1, 1)
    for a in range(articles):
        art = f"article:{a:016x}"
        date = day0 + dt.timedelta(days=rng.randrange(365))
        place = rng.choice(PROVINCES)
        kg.add_node(
            art,
            "Article",
            name=f"Bài {a}",
            title=f"Hội nghị công tác dân vận {place} số {a}",
            published=date,
            source="Báo " + place,
            path=f"corpus:{a}",
            place=place,
            content_hash=f"{a:064x}",
        )

        def prov(start: int, sentence: str, art: str = art, date: dt.date = date) -> dict[str, object]:
            return {
                "sources": [art],
                "first_seen": date,
                "last_seen": date,
                "evidence": sentence,
                "evidence_article": art,
                "evidence_start": start,
                "evidence_end": start + len(sentence),
            }

        event = make_id("Event", f"{place} {a}")
        kg.add_node(event, "Event", name=f"hội nghị {a}", kind="hội nghị", date=date, place=place)
        kg.add_edge(event, make_id("Place", place), "HELD_IN", **prov(0, f"Ngày {date.day}, tại {place} ..."))
        body = rng.choice(BODIES)[0]
        kg.add_edge(make_id("Organization", f"{body} {place}"), event, "ORGANIZED", **prov(0, f"{body} tổ chức ..."))
        for i in range(3):
            name = rng.choice(persons)
            person = make_id("Person", name)
            kg.add_node(person, "Person", name=name, province=place, first_seen=date, last_seen=date)
            post = make_id("Post", f"{rng.choice(ROLES)} {rng.choice(BODIES)[0]} {place}")
            sentence = f"đồng chí {name}, chức vụ ..."
            kg.add_edge(person, post, "HOLDS", status="current", **prov(100 * i, sentence))
            kg.add_edge(person, event, "CHAIRED" if i == 0 else "ATTENDED", **prov(100 * i, sentence))
            kg.add_edge(person, art, "MENTIONED_IN", **prov(100 * i, sentence))
            kg.add_edge(post, art, "MENTIONED_IN", **prov(100 * i, sentence))
        if a % 4 == 0:
            camp = make_id("Campaign", "Dân vận khéo")
            kg.add_node(camp, "Campaign", name="Dân vận khéo", kind="movement")
            kg.add_edge(
                make_id("Place", place),
                camp,
                "RUNS",
                value=float(rng.randrange(5000)),
                unit="mô hình",
                as_of=date,
                **prov(500, "... mô hình Dân vận khéo"),
            )
    return kg


def existing_edge_count(kg: KnowledgeGraph) -> int:
    return int(kg.g.number_of_edges())


def corpus_graph(path: Path, limit: int, workers: int) -> KnowledgeGraph | None:
    try:
        from danvan.graph.build import build_graph
        from danvan.graph.model import Extraction
        from danvan.loaders.pipeline import extract_paths
    except ImportError as exc:
        print(f"corpus graph: pipeline not available ({exc}); synthetic graph only")
        return None
    t0 = time.perf_counter()
    stream = extract_paths([path], workers=workers)
    if limit:
        stream = itertools.islice(stream, limit)
    extractions = [r for r in stream if isinstance(r, Extraction)]
    kg = build_graph(extractions)
    print(f"corpus graph: {len(extractions)} articles extracted and built in {time.perf_counter() - t0:.1f} s")
    return kg


def measure(name: str, kg: KnowledgeGraph, profiles: tuple[str, ...] = ("full",)) -> None:
    """Export ``kg`` in every format; wall-clock and CPU rates (the machine may be shared), peak memory."""
    print(f"\n== {name}: {len(kg):,} nodes, {existing_edge_count(kg):,} relationships")
    print(
        f"{'format':<9} {'profile':<7} {'triples':>10} {'wall s':>7} {'triples/s':>10} {'cpu s':>7}"
        f" {'triples/cpu-s':>13} {'peak MiB':>8} {'file MiB':>8}  target (wall)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for profile in profiles:
            for fmt in FORMATS:
                out = Path(tmp) / f"graph{EXTENSIONS[fmt]}"
                gc.collect()
                wall, cpu = time.perf_counter(), time.process_time()
                triples = export_rdf(kg, fmt, out, created="2026-01-01", profile=profile)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                size = out.stat().st_size / 2**20
                gc.collect()
                tracemalloc.start()
                export_rdf(kg, fmt, out, created="2026-01-01", profile=profile)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                rate, cpu_rate = triples / max(wall, 1e-9), triples / max(cpu, 1e-9)
                target = TARGETS.get(fmt)
                verdict = "" if target is None else f">= {target:,}: {'ok' if rate >= target else 'MISSED'}"
                print(
                    f"{fmt:<9} {profile:<7} {triples:>10,} {wall:>7.2f} {rate:>10,.0f} {cpu:>7.2f} {cpu_rate:>13,.0f}"
                    f" {peak / 2**20:>8.1f} {size:>8.1f}  {verdict}"
                )
    print(f"(load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs)")


def sizes(name: str, kg: KnowledgeGraph) -> None:
    """Triples and Turtle size per profile (the README's table)."""
    with tempfile.TemporaryDirectory() as tmp:
        for profile in PROFILES:
            out = Path(tmp) / "graph.ttl"
            triples = export_rdf(kg, "turtle", out, created="2026-01-01", profile=profile)
            print(f"{name}: {profile:<5} {triples:>10,} triples, Turtle {out.stat().st_size / 2**20:6.1f} MiB")


def shacl_corpus(kg: KnowledgeGraph, profiles: tuple[str, ...]) -> None:
    """The SPARQL validator on the whole export: load and validation times, violations."""
    from danvan.graph.rdf.shapes import load_shapes
    from danvan.graph.rdf.sparql import load_files
    from danvan.graph.rdf.validate import validate_store

    shapes = load_shapes()
    with tempfile.TemporaryDirectory() as tmp:
        for profile in profiles:
            out = Path(tmp) / "graph.nt"
            triples = export_rdf(kg, "ntriples", out, created="2026-01-01", profile=profile)
            t0 = time.perf_counter()
            store = load_files([out])
            t1 = time.perf_counter()
            found = validate_store(store, shapes)
            t2 = time.perf_counter()
            total = t2 - t0
            verdict = "ok" if total < SHACL_TARGET_S else "MISSED"
            print(
                f"SHACL (SPARQL validator), corpus {profile}: {triples:,} triples, load {t1 - t0:.1f} s, "
                f"validate {t2 - t1:.1f} s, total {total:.1f} s (target < {SHACL_TARGET_S:.0f} s: {verdict}); "
                f"{len(found)} violation(s)"
            )
            for v in found[:5]:
                print(f"  {v.focus} {v.path} {v.constraint}")
            del store


def shacl_sample(kg: KnowledgeGraph) -> None:
    """pySHACL and the SPARQL validator on a corpus sample: times and agreement."""
    import pyoxigraph as ox
    from rdflib import Graph

    from danvan.graph.rdf.export import to_string
    from danvan.graph.rdf.shapes import load_shapes, validate
    from danvan.graph.rdf.validate import validate_store

    shapes = load_shapes()
    text = to_string(kg, "ntriples", created="2026-01-01")
    data = Graph().parse(data=text, format="nt")
    t0 = time.perf_counter()
    conforms, report, _ = validate(data, shapes)
    t1 = time.perf_counter()
    store = ox.Store()
    store.load(input=text, format=ox.RdfFormat.N_TRIPLES)
    t2 = time.perf_counter()
    found = validate_store(store, shapes)
    t3 = time.perf_counter()
    from rdflib import RDF
    from rdflib.namespace import SH

    expected = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        expected.add((str(report.value(result, SH.focusNode)), "" if path is None else str(path)))
    agree = expected == {(v.focus, v.path) for v in found}
    print(
        f"SHACL on a corpus sample ({len(data):,} triples): pySHACL {t1 - t0:.1f} s (conforms: {conforms}), "
        f"SPARQL validator {t3 - t2:.2f} s ({len(found)} violation(s)); same results: {agree}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pages", type=Path, default=PAGES, help="the dân vận pages, for the sizes per profile")
    parser.add_argument("--limit", type=int, default=0, help="only the first N corpus articles (0: all)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes for the corpus graph")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        help="also export a synthetic graph of N articles (default: only without the corpus)",
    )
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus graph")
    parser.add_argument("--profiles", default="full,lean", help="profiles to export (comma-separated)")
    parser.add_argument("--shacl-sample", type=int, default=300, help="articles of the pySHACL sample (0: skip)")
    args = parser.parse_args()
    profiles = tuple(p for p in args.profiles.split(",") if p)

    synthetic = args.synthetic
    if not args.no_corpus:
        if args.pages.is_file():
            pages = corpus_graph(args.pages, 0, args.workers)
            if pages is not None:
                sizes("dân vận pages", pages)
                del pages
        kg = None
        if args.corpus.is_file():
            kg = corpus_graph(args.corpus, args.limit, args.workers)
        else:
            print(f"corpus not found at {args.corpus}; synthetic graph only")
        if kg is not None:
            sizes("corpus", kg)
            measure("corpus graph", kg, profiles)
            shacl_corpus(kg, profiles)
            del kg
            if args.shacl_sample:
                sample = corpus_graph(args.corpus, args.shacl_sample, args.workers)
                if sample is not None:
                    shacl_sample(sample)
        else:
            synthetic = synthetic or 13_776
    elif not synthetic:
        synthetic = 13_776
    if synthetic:
        t0 = time.perf_counter()
        kg = synthetic_graph(synthetic)
        print(f"\nsynthetic graph of {synthetic:,} articles generated in {time.perf_counter() - t0:.1f} s")
        measure("synthetic graph", kg, profiles)
    print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
