"""Maps of the seed graph (the five real articles through the real pipeline, stored in a real
LadybugDB file), drawn by the real CLI and opened in headless Chromium."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.knowledge import KnowledgeGraph

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[dev]')")

from map_cdp import (
    NO_CHROMIUM,
    Browser,
    assert_focused_on,
    assert_offline_and_clean,
    find_chromium,
    open_map,
    png_variance,
    search,
)

pytestmark = pytest.mark.browser

PERSON = "Lê Quốc Chỉnh"
# Read from seed 001 (Báo Nam Định): he is named with three posts, and he attended and spoke at
# the year-end conference of the provincial Ban Dân vận. One hop out: him, 3 posts, 1 event.
PERSON_POSTS = {
    "phó bí thư thường trực tỉnh ủy nam định",
    "chủ tịch hội đồng nhân dân tỉnh nam định",
    "trưởng đoàn đoàn đại biểu quốc hội tỉnh nam định",
}


def fold_label(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        pytest.skip(NO_CHROMIUM)
    with Browser(binary) as b:
        yield b


def test_seed_ego_map_of_le_quoc_chinh(
    browser: Browser, seed_graph: KnowledgeGraph, seed_db: Path, tmp_path: Path
) -> None:
    persons = [n for n, a in seed_graph.nodes("Person") if a["name"] == PERSON]
    assert len(persons) == 1
    neighbours = set(seed_graph.g.successors(persons[0])) | set(seed_graph.g.predecessors(persons[0]))
    neighbours = {n for n in neighbours if seed_graph.g.nodes[n]["label"] != "Article"}
    posts = {fold_label(seed_graph.g.nodes[n]["name"]) for n in neighbours if seed_graph.g.nodes[n]["label"] == "Post"}
    events = [n for n in neighbours if seed_graph.g.nodes[n]["label"] == "Event"]
    assert posts == PERSON_POSTS
    assert len(events) == 1
    expected = 1 + len(neighbours)
    assert expected == 5

    out = tmp_path / "chinh.html"
    assert "5 nodes" in cli("map", "--person", PERSON, "--hops", "1", "--db", str(seed_db), "--out", str(out))
    page = open_map(browser, out)
    assert page.evaluate("danvan.nodes.length") == expected
    assert sorted(page.evaluate("danvan.nodes.getIds()")) == sorted([persons[0], *neighbours])
    assert search(page, "le quoc chinh") == persons
    assert_focused_on(page, persons[0])
    assert_offline_and_clean(page, out)
    shot = tmp_path / "chinh.png"
    shot.write_bytes(page.screenshot())
    assert shot.stat().st_size > 0
    # The drawing itself, not the page's text around it: a blank canvas has no variance at all.
    assert png_variance(browser.new_page, page.screenshot("#network canvas")) > 50


def test_seed_whole_graph_and_index(
    browser: Browser, seed_graph: KnowledgeGraph, seed_db: Path, tmp_path: Path
) -> None:
    # The whole-graph map shows every node that takes part in a fact; articles are provenance (in the
    # tooltips), and nodes linked to nothing but articles (bylines, mere mentions) would be loose dots.
    facts = [(s, t) for s, t, e in seed_graph.g.edges(data=True) if e["type"] not in ("MENTIONED_IN", "AUTHORED")]
    linked = {n for edge in facts for n in edge}
    expected = sum(1 for n, a in seed_graph.nodes() if a["label"] != "Article" and n in linked)
    unlinked = sum(1 for n, a in seed_graph.nodes() if a["label"] != "Article" and n not in linked)
    out = tmp_path / "all.html"
    cli("map", "--all", "--db", str(seed_db), "--out", str(out))
    page = open_map(browser, out)
    assert page.evaluate("danvan.nodes.length") == expected
    if unlinked:
        assert f"{unlinked} nodes with no relationship on the map are left out" in out.read_text(encoding="utf-8")
    assert_offline_and_clean(page, out)

    maps = tmp_path / "maps"
    assert "index.html" in cli("map-index", "--db", str(seed_db), "--out", str(maps))
    index = (maps / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert "whole-graph.html" in links
    assert all((maps / link).is_file() for link in links)
    for section in ("Provinces", "Campaigns", "Busiest officials"):
        assert f"<h2>{section}</h2>" in index
    # Nam Định merged into Ninh Bình on 1 July 2025: the index says where it went.
    assert ">Nam Định → Ninh Bình</a>" in index and f">{PERSON}</a>" in index
    place = next(n for n, a in seed_graph.nodes("Place") if a["name"] == "Nam Định")
    person = next(n for n, a in seed_graph.nodes("Person") if a["name"] == PERSON)
    page = open_map(browser, maps / f"{place.replace(':', '_')}.html")
    ids = set(page.evaluate("danvan.nodes.getIds()"))
    assert {place, person} <= ids  # he holds posts in Nam Định's organisations
    assert_offline_and_clean(page, maps / f"{place.replace(':', '_')}.html")
