"""Benchmark: write a 2,000-node map from the corpus graph and time how soon Chromium can use it.

Prints: graph build time (not part of the target), time to select + write the map (target < 3 s),
the file size, and the time from navigation until the page is interactive in headless Chromium
(target < 5 s). Uses the real corpus through loaders.pipeline + graph.build when they and the corpus
are present; otherwise a synthetic graph of the same shape, and it says so.

    python tests/bench/maps.py [--articles N] [--nodes 2000] [--workers 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from danvan.graph.ids import make_id  # noqa: E402
from danvan.graph.knowledge import KnowledgeGraph  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"


def corpus_graph(articles: int, workers: int) -> KnowledgeGraph | None:
    try:
        from danvan.graph.build import build_graph
        from danvan.graph.model import Extraction
        from danvan.loaders.pipeline import extract_paths
    except ImportError as exc:
        print(f"note: corpus pipeline not available ({exc}); using a synthetic graph")
        return None
    if not CORPUS.is_file():
        print(f"note: corpus not found at {CORPUS}; using a synthetic graph")
        return None
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        path = CORPUS
        if articles:
            # A prefix of the corpus keeps the benchmark short; the map only needs >= 2,000 nodes.
            path = Path(tmp) / "corpus_prefix.jsonl"
            with CORPUS.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
                for i, line in enumerate(src):
                    if i >= articles:
                        break
                    dst.write(line)
        extractions = [r for r in extract_paths([path], workers=workers) if isinstance(r, Extraction)]
    return build_graph(extractions)


def synthetic_graph(n_articles: int = 1500, seed: int = 7) -> KnowledgeGraph:
    """Provinces, party committees and their Ban Dân vận, posts, officials, events and campaigns,
    with provenance on every edge, in the proportions the seed articles show."""
    rnd = random.Random(seed)
    kg = KnowledgeGraph()
    provinces = [make_id("Place", f"p{i}", f"Tỉnh {i}") for i in range(63)]
    for i, p in enumerate(provinces):
        kg.add_node(p, "Place", name=f"Tỉnh số {i}", kind="province")
    campaigns = [make_id("Campaign", f"c{i}") for i in range(12)]
    for i, c in enumerate(campaigns):
        kg.add_node(c, "Campaign", name=f"Phong trào {i}")
    persons: list[str] = []
    for a in range(n_articles):
        day = dt.date(2017, 1, 1) + dt.timedelta(days=rnd.randrange(365))
        art = make_id("Article", f"a{a}")
        kg.add_node(art, "Article", name=f"Bài {a}", title=f"Tin hoạt động dân vận số {a}", published=day)
        p = rnd.choice(provinces)
        prov = {"sources": [art], "first_seen": day, "last_seen": day, "evidence_article": art}
        sentence = "Đồng chí Nguyễn Văn A, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy phát biểu. " * 2
        org = make_id("Organization", f"o{p}{rnd.randrange(4)}")
        kg.add_node(org, "Organization", name=f"Ban Dân vận {org[-4:]}", kind="commission")
        kg.add_edge(org, p, "BASED_IN", evidence=sentence, **prov)
        ev = make_id("Event", f"e{a}")
        kg.add_node(ev, "Event", name=f"Hội nghị {a}", date=day)
        kg.add_edge(org, ev, "ORGANIZED", evidence=sentence, **prov)
        kg.add_edge(ev, p, "HELD_IN", evidence=sentence, **prov)
        for _ in range(rnd.randint(2, 5)):
            if persons and rnd.random() < 0.4:
                person = rnd.choice(persons)
            else:
                person = make_id("Person", f"x{len(persons)}")
                kg.add_node(person, "Person", name=f"Nguyễn Văn {len(persons)}")
                persons.append(person)
                post = make_id("Post", f"post{len(persons)}")
                kg.add_node(post, "Post", name=f"Phó Trưởng Ban {len(persons)}")
                kg.add_edge(person, post, "HOLDS", status="current", evidence=sentence, **prov)
                kg.add_edge(post, org, "POST_IN", evidence=sentence, **prov)
            kg.add_edge(person, ev, rnd.choice(["ATTENDED", "SPOKE_AT", "CHAIRED"]), evidence=sentence, **prov)
            kg.add_edge(person, art, "MENTIONED_IN", **prov)
        if rnd.random() < 0.3:
            kg.add_edge(p, rnd.choice(campaigns), "RUNS", value=float(rnd.randrange(5000)), unit="mô hình", **prov)
    return kg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="corpus articles to read (default 0 = all)")
    parser.add_argument("--nodes", type=int, default=2000, help="node budget of the map")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from danvan.viz.page import write_map
    from danvan.viz.selection import select

    t0 = time.perf_counter()
    kg = corpus_graph(args.articles, args.workers)
    source = f"corpus graph ({args.articles or 'all'} articles)"
    if kg is None or sum(1 for n, a in kg.nodes() if a["label"] != "Article") < args.nodes:
        if kg is not None:
            print(f"note: the corpus graph has fewer than {args.nodes} non-article nodes; using a synthetic graph")
        kg = synthetic_graph()
        source = "synthetic graph"
    build_s = time.perf_counter() - t0
    counts = kg.counts()
    print(f"graph: {source}: {len(kg)} nodes, {sum(counts['relationships'].values())} edges, built in {build_s:.1f} s")

    # One fixed place, overwritten by each run, so the map can be opened afterwards without piling up.
    out = Path(tempfile.gettempdir()) / "danvan-map-bench" / "map.html"
    t0 = time.perf_counter()
    selection = select(kg, "all", max_nodes=args.nodes)
    write_map(kg, selection, out)
    write_s = time.perf_counter() - t0
    size_mb = out.stat().st_size / 1e6
    print(
        f"map write: {len(selection.nodes)} nodes, {len(selection.edges)} edges, {write_s:.2f} s (target < 3 s), "
        f"{size_mb:.2f} MB -> {out}"
    )

    from map_cdp import Browser, find_chromium

    binary = find_chromium()
    if binary is None:
        print("browser: skipped (no chromium; install Debian's chromium, e.g. `make browser`)")
        return
    with Browser(binary) as browser:
        page = browser.new_page()
        t0 = time.perf_counter()
        page.navigate(out.resolve().as_uri())
        page.wait_for("window.danvan !== undefined && window.danvan.ready === true", timeout=60)
        ready_s = time.perf_counter() - t0
        shown = page.evaluate("danvan.nodes.length")
        errors = page.errors()
        print(
            f"browser: interactive after {ready_s:.2f} s (target < 5 s), {shown} nodes in the DataSet, "
            f"{len(errors)} console errors"
        )


if __name__ == "__main__":
    main()
