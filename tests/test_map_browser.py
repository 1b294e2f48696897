"""Maps opened in real headless Chromium (Debian's chromium) over the DevTools protocol: the page
works offline, shows the expected nodes, finds a typed name, filters, and runs no article text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from map_samples import HOSTILE_NAME, sample_graph
from map_samples import ids as sample_ids
from typer.testing import CliRunner

from danvan.cli import app
from danvan.viz.selection import select

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[dev]')")

from map_cdp import (
    NO_CHROMIUM,
    Browser,
    Page,
    assert_focused_on,
    assert_offline_and_clean,
    find_chromium,
    open_map,
    png_variance,
    search,
)

pytestmark = pytest.mark.browser
ID = sample_ids()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        pytest.skip(NO_CHROMIUM)
    with Browser(binary) as b:
        yield b


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from danvan.graph.store.embedded import open_store

    path = tmp_path_factory.mktemp("map-db") / "sample.lbdb"
    with open_store(path) as store:
        store.write_graph(sample_graph())
    return path


def run_map(db: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["map", *args, "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()


def hover(page: Page, node_id: str) -> str:
    """Move the real mouse over a node and return the tooltip's text."""
    key = json.dumps(node_id)
    box = page.evaluate(
        f"(function(){{var p=danvan.network.getPositions([{key}])[{key}];var d=danvan.network.canvasToDOM(p);"
        "var r=document.getElementById('network').getBoundingClientRect();return {x:r.left+d.x,y:r.top+d.y};})()"
    )
    for dx in (3, 0):
        page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": box["x"] + dx, "y": box["y"]})
    page.wait_for(
        "(function(){var t=document.querySelector('.vis-tooltip');"
        "return t && t.style.visibility !== 'hidden' && t.textContent.length > 0;})()",
        timeout=5,
    )
    return str(page.evaluate("document.querySelector('.vis-tooltip').textContent"))


def test_ego_map_in_chromium_counts_searches_filters(browser: Browser, sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "an.html"
    run_map(sample_db, out, "--person", "Trần Văn An")
    page = open_map(browser, out)
    assert_offline_and_clean(page, out)
    # Worked out by hand in test_map_selection: the person, 2 one-hop and 7 two-hop nodes.
    assert page.evaluate("danvan.nodes.length") == 10
    assert page.evaluate("danvan.edges.length") == len(select(sample_graph(), "person", "Trần Văn An").edges)
    assert search(page, "pham thi binh") == [ID["binh"]]
    assert_focused_on(page, ID["binh"])
    assert "focused: Phạm Thị Bình" in page.evaluate("document.getElementById('search-status').textContent")
    # Unticking Person hides the four persons (DataSet hidden flags), ticking brings them back.
    page.evaluate("document.querySelector('input[data-label=Person]').click()")
    assert page.evaluate("danvan.nodes.get({filter: function (n) { return n.hidden; }}).length") == 4
    page.evaluate("document.querySelector('input[data-type=HOLDS]').click()")
    assert page.evaluate("danvan.edges.get({filter: function (e) { return !e.hidden; }}).length") == 8
    page.evaluate("document.querySelector('input[data-label=Person]').click()")
    assert page.evaluate("danvan.nodes.get({filter: function (n) { return n.hidden; }}).length") == 0
    assert page.errors() == []
    (tmp_path / "an.png").write_bytes(page.screenshot())
    # The drawing itself, not the page's text around it: a blank canvas has no variance at all.
    assert png_variance(browser.new_page, page.screenshot("#network canvas")) > 50


def test_hostile_names_render_as_text_and_run_nothing(browser: Browser, sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "event.html"
    run_map(sample_db, out, "--event", ID["event"])
    page = open_map(browser, out)
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert search(page, "<script>alert(1)</script>") == [ID["evil"]]
    assert_focused_on(page, ID["evil"])  # also waits for the focus animation, so the node stays put
    assert page.evaluate("document.getElementById('search-status').textContent") == "focused: " + HOSTILE_NAME
    tooltip = hover(page, ID["evil"])
    assert HOSTILE_NAME in tooltip
    assert page.evaluate("document.querySelectorAll('.vis-tooltip script, .vis-tooltip img').length") == 0
    assert_offline_and_clean(page, out)
    # The hostile name as the map's focus: it lands in <title>, the heading and the legend's page text.
    ego = tmp_path / "evil.html"
    run_map(sample_db, ego, "--person", HOSTILE_NAME, "--hops", "1")
    page = open_map(browser, ego)
    assert page.evaluate("document.title") == "Person: " + HOSTILE_NAME
    assert page.evaluate("document.querySelector('h1').textContent") == "Person: " + HOSTILE_NAME
    assert page.evaluate("document.scripts.length") == 3
    assert_offline_and_clean(page, ego)


def test_big_map_draws_at_once_with_physics_off(browser: Browser, tmp_path: Path) -> None:
    from test_map_page import chain_graph

    from danvan.viz.page import write_map

    kg = chain_graph(1200)
    out = write_map(kg, select(kg, "all", max_nodes=1100), tmp_path / "big.html")
    page = open_map(browser, out)
    assert page.evaluate("danvan.nodes.length") == 1100
    assert page.evaluate("danvan.network.physics.options.enabled") is False
    assert "Map cut to the 1100 most relevant of 1801 nodes" in page.evaluate("document.body.innerText")
    assert_offline_and_clean(page, out)


def test_empty_map_is_ready_and_says_why(browser: Browser, tmp_path: Path) -> None:
    from danvan.graph.knowledge import KnowledgeGraph
    from danvan.viz.page import write_map

    kg = sample_graph()
    # Nothing was said after 2030: the whole-graph map is empty, and says so instead of hanging.
    out = write_map(kg, select(kg, "all", since=dt.date(2030, 1, 1)), tmp_path / "empty.html")
    page = open_map(browser, out)
    assert page.evaluate("danvan.nodes.length") == 0
    assert "Nothing to draw" in page.evaluate("document.body.innerText")
    assert_offline_and_clean(page, out)
    empty = write_map(KnowledgeGraph(), select(KnowledgeGraph(), "all"), tmp_path / "none.html")
    assert open_map(browser, empty).evaluate("danvan.edges.length") == 0
