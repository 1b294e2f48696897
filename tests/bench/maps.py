"""Benchmark: the maps as a reader meets them, in headless Chromium.

1. The demo folder (`map-index` of data/articles): its size (target < 8 MB, one shared copy of the
   graph library), and for every map the time until it is interactive, the labels drawn at the
   default view and how many of them overlap (target <= 2 %); a screenshot of each at the default view.
2. Corpus maps (baomoi_2017_sample.jsonl through loaders.pipeline + graph.build): a 300-node province
   map (target interactive < 1 s, overlap <= 2 %) and the 2,000-node whole-graph map (write < 3 s,
   interactive < 2 s), with screenshots.
3. A 20,000-node map (synthetic: the corpus has fewer linked nodes): write time, size, interactive
   (target < 5 s) and the time to draw a frame while the reader drags the map (target >= 20 frames/s).

The machine's load average is printed with the figures: the CPUs are shared, and times scale with it.

    python tests/bench/maps.py [--articles N] [--workers 2] [--shots DIR] [--no-corpus]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from danvan.graph.ids import make_id  # noqa: E402
from danvan.graph.knowledge import KnowledgeGraph  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "baomoi_2017_sample.jsonl"
DEMO = REPO / "data" / "articles"


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


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def measure(browser: Any, path: Path, shot: Path | None, timeout: float = 90.0) -> dict[str, Any]:
    """Open a map, time it until interactive, count labels and overlaps at the default view, save a screenshot."""
    from map_cdp import READY, label_overlap

    page = browser.new_page()
    t0 = time.perf_counter()
    page.navigate(path.resolve().as_uri())
    page.wait_for(READY, timeout=timeout)
    ready = time.perf_counter() - t0
    page.drain(0.2)
    drawn, overlapping = label_overlap(page)
    if shot is not None:
        shot.parent.mkdir(parents=True, exist_ok=True)
        shot.write_bytes(page.screenshot())
    nodes = page.evaluate("danvan.nodes.length")
    return {"page": page, "ready": ready, "labels": drawn, "overlapping": overlapping, "nodes": nodes}


PAN = """(function () {
  var network = danvan.network, renderer = network.renderer, frames = 40;
  renderer.dragging = true;  // as while the mouse drags: vis hides edges, the page skips labels
  var start = performance.now();
  for (var i = 0; i < frames; i++) {
    network.body.view.translation.x += 7;
    renderer._redraw(false);
  }
  var ms = (performance.now() - start) / frames;
  network.body.view.translation.x -= 7 * frames;
  renderer.dragging = false;
  network.redraw();
  return ms;
})()"""


def pan_frame_ms(page: Any) -> float:
    """Milliseconds to draw one frame while the map is dragged, measured in the page (vis's own
    drawing of a frame, 40 frames, the view moved between them). Driving a real drag through the
    DevTools protocol measures the protocol's latency as much as the drawing on a loaded machine."""
    return float(page.evaluate(PAN))


def demo_graph() -> KnowledgeGraph:
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    extractions = [r for r in extract_paths(sorted(DEMO.iterdir()), workers=1) if isinstance(r, Extraction)]
    return build_graph(extractions)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="corpus articles to read (default 0 = all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shots", type=Path, default=REPO / "out" / "bench" / "maps", help="where screenshots go")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus maps (2)")
    args = parser.parse_args()

    from map_cdp import Browser, find_chromium

    from danvan.viz.index import write_index
    from danvan.viz.page import write_map
    from danvan.viz.selection import select

    print(f"load average at start: {_load()} (2 CPUs shared: times grow with the load)")
    shots: Path = args.shots
    binary = find_chromium()
    if binary is None:
        print("browser: skipped (no chromium; install Debian's chromium, e.g. `make browser`)")
        return
    with Browser(binary) as browser:
        # 1. the demo folder
        kg = demo_graph()
        folder = Path(tempfile.gettempdir()) / "danvan-map-bench" / "demo-maps"
        shutil.rmtree(folder, ignore_errors=True)
        t0 = time.perf_counter()
        _, links = write_index(kg, folder)
        write_s = time.perf_counter() - t0
        size_mb = folder_size(folder) / 1e6
        print(
            f"demo folder: {len(links)} maps written in {write_s:.1f} s, {size_mb:.2f} MB (target < 8 MB) -> {folder}"
        )
        labels = overlapping = errors = 0
        slowest = (0.0, "")
        for link in links:
            result = measure(browser, folder / link.file, shots / "demo" / (Path(link.file).stem + ".png"))
            labels += result["labels"]
            overlapping += result["overlapping"]
            errors += len(result["page"].errors())
            slowest = max(slowest, (result["ready"], link.file))
            result["page"].send("Page.close")
        share = overlapping / labels if labels else 0.0
        print(
            f"demo maps: {labels} labels at the default view, {overlapping} overlapping ({share:.1%}, target <= 2 %); "
            f"slowest interactive {slowest[0]:.2f} s ({slowest[1]}); {errors} console errors; "
            f"screenshots in {shots / 'demo'}"
        )

        # 2. corpus maps
        if not args.no_corpus:
            t0 = time.perf_counter()
            corpus = corpus_graph(args.articles, args.workers)
            if corpus is None:
                print("corpus maps: skipped (no corpus)")
            else:
                print(f"corpus graph: {len(corpus)} nodes, built in {time.perf_counter() - t0:.1f} s")
                provinces = [n for n, a in corpus.nodes("Place") if a.get("kind") in ("province", "city")]
                sizes = {p: len(corpus.g[p]) for p in provinces}
                biggest = max(sizes, key=lambda p: (sizes[p], p))
                for title, selection_args, target in (
                    ("300-node province map", ("province", biggest, 300), 1.0),
                    ("2,000-node whole-graph map", ("all", None, 2000), 2.0),
                ):
                    kind, value, budget = selection_args
                    t0 = time.perf_counter()
                    sel = select(corpus, kind, value, max_nodes=budget)  # type: ignore[arg-type]
                    out = Path(tempfile.gettempdir()) / "danvan-map-bench" / f"{kind}-{budget}.html"
                    write_map(corpus, sel, out)
                    write_s = time.perf_counter() - t0
                    result = measure(browser, out, shots / f"corpus-{kind}-{budget}.png")
                    share = result["overlapping"] / result["labels"] if result["labels"] else 0.0
                    print(
                        f"{title} ({sel.title}, {len(sel.nodes)} nodes, {len(sel.edges)} edges): "
                        f"write {write_s:.2f} s, {out.stat().st_size / 1e6:.2f} MB, "
                        f"interactive after {result['ready']:.2f} s (target < {target:g} s), "
                        f"{result['labels']} labels, {result['overlapping']} overlapping ({share:.1%}), "
                        f"{len(result['page'].errors())} console errors"
                    )
                    result["page"].send("Page.close")

        # 3. 20,000 nodes
        big = synthetic_graph(n_articles=4000)
        t0 = time.perf_counter()
        sel = select(big, "all", max_nodes=20000)
        out = Path(tempfile.gettempdir()) / "danvan-map-bench" / "all-20000.html"
        write_map(big, sel, out)
        write_s = time.perf_counter() - t0
        result = measure(browser, out, shots / "synthetic-all-20000.png")
        frame_ms = pan_frame_ms(result["page"])
        print(
            f"20,000-node map (synthetic, {len(sel.nodes)} nodes, {len(sel.edges)} edges): write {write_s:.1f} s, "
            f"{out.stat().st_size / 1e6:.1f} MB, interactive after {result['ready']:.2f} s (target < 5 s), "
            f"dragging: {frame_ms:.0f} ms per frame = {1000 / frame_ms:.0f} frames/s (target >= 20), "
            f"{len(result['page'].errors())} console errors"
        )
    print(f"load average at end: {_load()}")


if __name__ == "__main__":
    main()
