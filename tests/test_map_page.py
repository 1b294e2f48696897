"""The generated HTML itself: self-contained, escaped, deterministic, styled from the schema."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from map_samples import HOSTILE_EVIDENCE, HOSTILE_NAME, HOSTILE_TITLE, PATH_A2, URL_A1, sample_graph
from map_samples import ids as sample_ids

from danvan.graph.ids import make_id
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.schema import SCHEMA
from danvan.viz.page import render_page
from danvan.viz.selection import select

ID = sample_ids()
REPO = Path(__file__).resolve().parents[1]


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)


def parse(html: str) -> _Parsed:
    parser = _Parsed()
    parser.feed(html)
    parser.close()
    return parser


def page_data(parsed: _Parsed) -> dict:  # type: ignore[type-arg]
    (body,) = [b for a, b in parsed.scripts if a.get("id") == "danvan-data"]
    return json.loads(body)


def test_page_loads_nothing_from_outside() -> None:
    kg = sample_graph()
    html = render_page(kg, select(kg, "all"))
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert not {"src", "href", "srcset", "data", "action"} & set(attrs), (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed", "base")
    assert not re.search(r"url\(\s*(?!['\"]?data:)", html), "a CSS url() that is not a data: URI"
    assert "@import" not in html
    # Only our own two scripts may run: the CSP lists exactly their hashes and fetches nothing.
    (csp,) = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None and "default-src 'none'" in csp
    executable = [body for attrs, body in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 2 and "vis-network" in executable[0]
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_text_is_escaped_everywhere() -> None:
    kg = sample_graph()
    html = render_page(kg, select(kg, "person", "Trần Văn An"))
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "</script><!--" not in html
    assert "<b>bold</b>" not in html
    parsed = parse(html)
    assert len(parsed.scripts) == 3  # data, vis-network, map.js: nothing injected
    data = page_data(parsed)
    # The JSON round-trips to the exact text: the page shows it as text...
    evil = next(n for n in data["nodes"] if n["id"] == ID["evil"])
    assert evil["name"] == HOSTILE_NAME
    holds = next(e for e in data["edges"] if e["type"] == "HOLDS")
    assert holds["ev"] == HOSTILE_EVIDENCE
    assert data["articles"][holds["art"]]["t"] == HOSTILE_TITLE
    # ...because the data holds no markup at all, and the page never parses any: every text piece
    # reaches the DOM as a text node (the browser tests check what a reader sees).
    script = (REPO / "viz" / "assets" / "map.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


def test_facts_carry_status_dates_evidence_marks_and_article() -> None:
    kg = sample_graph()
    data = page_data(parse(render_page(kg, select(kg, "person", "Phạm Thị Bình", hops=1))))
    holds = next(e for e in data["edges"] if e["type"] == "HOLDS")
    assert (holds["from"], holds["to"], holds["status"]) == (ID["binh"], ID["post2"], "current")
    assert (holds["first"], holds["last"], holds["lo"], holds["hi"]) == ("2021-03-02",) * 4
    # "Bà Bình, Trưởng Ban Dân vận.": her given name and the words of the post the sentence has.
    assert [holds["ev"][a:b] for a, b in holds["hl"]] == ["Bình", "Trưởng Ban Dân vận"]
    assert data["articles"][holds["art"]] == {"t": "Bài hai", "d": "2021-03-02", "p": PATH_A2}
    chaired = next(e for e in data["edges"] if e["type"] == "CHAIRED")
    assert chaired["ev"] == "Bà Bình chủ trì." and chaired["first"] == "2023-01-06"
    assert data["articles"][chaired["art"]]["u"] == URL_A1
    # An address that is not http(s) is kept as nothing to click.
    ba = next(
        a for a in page_data(parse(render_page(kg, select(kg, "all"))))["articles"].values() if a["t"] == "Bài ba"
    )
    assert "u" not in ba and ba["p"] == "a3.jsonl"


def test_stated_tenure_wins_over_the_dates_seen() -> None:
    kg = sample_graph()
    e = next(k for s, t, k, a in kg.edges() if a["type"] == "HOLDS" and s == ID["binh"])
    kg.g.edges[ID["binh"], ID["post2"], e].update(start="2019-10-15", end="2020-12", term="2015-2020")
    data = page_data(parse(render_page(kg, select(kg, "person", "Phạm Thị Bình", hops=1))))
    holds = next(x for x in data["edges"] if x["id"] == e)
    assert (holds["start"], holds["end"], holds["term"]) == ("2019-10-15", "2020-12", "2015-2020")
    assert (holds["lo"], holds["hi"]) == ("2019-10-15", "2020-12-31")
    assert (holds["first"], holds["last"]) == ("2021-03-02", "2021-03-02")  # seen dates stay beside


def test_short_labels_keep_the_place_and_the_full_name_stays() -> None:
    from danvan.viz.style import SHORT_MAX, short_label

    long_post = "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Long An"
    assert short_label(long_post, "Long An") == "Chủ tịch UBMTTQ tỉnh Long An"
    others = {
        short_label(long_post.replace("tỉnh Long An", p), p.removeprefix("tỉnh ")) for p in ("Hà Nội", "tỉnh Hà Tĩnh")
    }
    assert len(others | {short_label(long_post, "Long An")}) == 3  # namesake posts stay apart
    cut = short_label("Trưởng Ban Dân vận Tỉnh ủy Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu")
    assert cut.endswith("Bà Rịa - Vũng Tàu") and len(cut) <= SHORT_MAX
    kg = sample_graph()
    data = page_data(parse(render_page(kg, select(kg, "all"))))
    post1 = next(n for n in data["nodes"] if n["id"] == ID["post1"])
    assert post1["name"] == "Phó Bí thư Thường trực Tỉnh ủy Nam Định"
    assert post1["short"] == "Phó Bí thư TT Tỉnh ủy Nam Định" and post1["prov"] == "Nam Định"


def test_style_comes_from_the_schema_and_degree() -> None:
    kg = sample_graph()
    parsed = parse(render_page(kg, select(kg, "all")))
    data = page_data(parsed)
    for node in data["nodes"]:
        node_type = SCHEMA.node(node["group"])
        assert (node["color"], node["shape"]) == (node_type.color, node_type.shape)
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[ID["event"]] > sizes[ID["an"]] > sizes[ID["nq"]] - 100  # event has the most facts
    assert max(sizes.values()) == sizes[ID["event"]]
    assert {e["label"] for e in data["edges"]} == {SCHEMA.rel(e["type"]).label_en for e in data["edges"]}
    text = " ".join(parsed.text)
    for label in {n["group"] for n in data["nodes"]}:
        assert SCHEMA.node(label).label_en in text  # the legend lists every label on the map
    checkboxes = {(a.get("data-label"), a.get("data-type")) for t, a in parsed.tags if t == "input"}
    assert {lab for lab, _ in checkboxes if lab} == {n["group"] for n in data["nodes"]}
    assert {typ for _, typ in checkboxes if typ} == {e["type"] for e in data["edges"]}


def test_cut_note_is_on_the_page() -> None:
    kg = sample_graph()
    parsed = parse(render_page(kg, select(kg, "person", "Trần Văn An", max_nodes=4)))
    assert any("Map cut to the 4 most relevant of 10 nodes" in t for t in parsed.text)


def test_same_graph_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Python salts str hashes per process, so set and dict orders differ between runs; the page must not.
    script = (
        "import sys; sys.path.insert(0, 'tests'); from pathlib import Path; from map_samples import sample_graph;"
        "from viz.selection import select; from viz.page import write_map; kg = sample_graph();"
        "write_map(kg, select(kg, sys.argv[1], None if sys.argv[1] == 'all' else sys.argv[2]), Path(sys.argv[3]))"
    )
    repo = Path(__file__).resolve().parents[1]
    for kind, value in (("all", ""), ("province", "Nam Định")):
        pages = []
        for seed in ("1", "2"):
            out = tmp_path / f"{kind}-{seed}.html"
            env = {**os.environ, "PYTHONHASHSEED": seed}
            subprocess.run([sys.executable, "-c", script, kind, value, str(out)], cwd=repo, env=env, check=True)
            pages.append(out.read_bytes())
        assert pages[0] == pages[1]


def chain_graph(n: int) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    people = [make_id("Person", str(k)) for k in range(n)]
    events = [make_id("Event", str(k)) for k in range(n // 2 + 1)]
    for k, p in enumerate(people):
        kg.add_node(p, "Person", name=f"Người {k}")
    for k, e in enumerate(events):
        kg.add_node(e, "Event", name=f"Sự kiện {k}")
    for k, p in enumerate(people):
        kg.add_edge(p, events[k // 2], "ATTENDED")
        kg.add_edge(p, events[(k * 7) % len(events)], "SPOKE_AT")
    return kg


def test_every_map_comes_laid_out_with_physics_off() -> None:
    # The browser never runs a force simulation: it took 7-9 s for an 800-node province map.
    for kg, selection in (
        ((big := chain_graph(1200)), select(big, "all")),
        ((small := sample_graph()), select(small, "all")),
    ):
        data = page_data(parse(render_page(kg, selection)))
        assert data["physics"] is False
        positions = {(n["x"], n["y"]) for n in data["nodes"]}
        assert len(positions) == len(data["nodes"]) == len(selection.nodes)  # every node placed, no two on one spot
