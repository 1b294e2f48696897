"""Exploring a map in headless Chromium as a reader does: the search list with namesakes, the detail
panel, focus and expand, the filters (province, status, dates), the view in the address, the PNG
export and labels that do not overlap. Expected figures are worked out by hand from the sample graph
(tests/map_samples.py: dates D1 2021-03-02, D2 2023-01-06, D3 2024-06-19)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from map_samples import HOSTILE_EVIDENCE, HOSTILE_NAME, HOSTILE_TITLE, PATH_A2, URL_A1, sample_graph
from map_samples import ids as sample_ids

from danvan.graph.ids import make_id
from danvan.graph.knowledge import KnowledgeGraph
from danvan.viz.page import write_map
from danvan.viz.selection import select

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[dev]')")

from map_cdp import (
    NO_CHROMIUM,
    Browser,
    Page,
    assert_focused_on,
    assert_offline_and_clean,
    click,
    find_chromium,
    label_overlap,
    node_point,
    open_map,
    png_variance,
)

pytestmark = pytest.mark.browser
ID = sample_ids()
NAM_NB = make_id("Person", "Nguyễn Văn Nam", "Bắc Ninh")
NAM_ND = make_id("Person", "Nguyễn Văn Nam", "Nam Định")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        pytest.skip(NO_CHROMIUM)
    with Browser(binary) as b:
        yield b


def with_namesakes() -> KnowledgeGraph:
    """The sample graph and two officials named Nguyễn Văn Nam, one in each province."""
    kg = sample_graph()
    for person, post, province, status in (
        (NAM_NB, ID["post3"], "Bắc Ninh", "former"),
        (NAM_ND, ID["post1"], "Nam Định", "current"),
    ):
        kg.add_node(person, "Person", name="Nguyễn Văn Nam", province=province)
        kg.add_edge(person, post, "HOLDS", status=status)
    return kg


def visible(page: Page) -> tuple[set[str], int]:
    return set(page.evaluate("danvan.visibleNodes()")), len(page.evaluate("danvan.visibleEdges()"))


def set_input(page: Page, element_id: str, value: str) -> None:
    page.evaluate(
        f"(function(){{var i=document.getElementById({json.dumps(element_id)});i.value={json.dumps(value)};"
        "i.dispatchEvent(new Event('change'));})()"
    )


def panel_text(page: Page) -> str:
    return str(page.evaluate("document.getElementById('panel').innerText"))


def test_search_lists_namesakes_and_focuses_the_chosen_one(browser: Browser, tmp_path: Path) -> None:
    kg = with_namesakes()
    out = write_map(kg, select(kg, "all"), tmp_path / "all.html")
    page = open_map(browser, out)
    page.evaluate("document.getElementById('search').focus()")
    page.type_text("nguyen van nam")
    page.wait_for("!document.getElementById('search-results').hidden", timeout=5)
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('#search-results button'))"
        ".map(function (b) { return [b.dataset.node, b.innerText]; })"
    )
    assert sorted(r[0] for r in rows) == sorted([NAM_NB, NAM_ND])
    texts = {node: text for node, text in rows}
    # Each namesake with its province and its post, so the reader can tell them apart.
    assert "Bắc Ninh" in texts[NAM_NB] and "Bí thư Tỉnh ủy Bắc Ninh (former)" in texts[NAM_NB]
    assert "Nam Định" in texts[NAM_ND] and "Phó Bí thư TT Tỉnh ủy Nam Định" in texts[NAM_ND]
    assert page.evaluate("document.getElementById('search-status').textContent") == "2 matches"
    # Choose the second one with the mouse.
    x, y = page.evaluate(
        f"(function(){{var r=document.querySelector('#search-results button[data-node={json.dumps(NAM_ND)}]')"
        ".getBoundingClientRect();return [r.left+20,r.top+8];})()"
    )
    click(page, x, y)
    page.wait_for("danvan.network.getSelectedNodes().length === 1", timeout=5)
    assert page.evaluate("danvan.network.getSelectedNodes()") == [NAM_ND]
    assert_focused_on(page, NAM_ND)
    assert page.evaluate("document.getElementById('search-results').hidden") is True
    assert "Nguyễn Văn Nam" in panel_text(page) and "Nam Định" in panel_text(page)
    # Moving the mouse afterwards leaves the found node where it is (it was thrown off-screen).
    before = page.evaluate("danvan.network.getViewPosition()")
    for dx in range(0, 200, 40):
        page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 500 + dx, "y": 400})
    page.drain(0.3)
    assert page.evaluate("danvan.network.getViewPosition()") == before
    # Enter picks the first match once: one focus, one status line.
    page.evaluate("var i=document.getElementById('search'); i.value=''; i.focus()")
    page.type_text("Phạm Thị Bình")
    page.press_enter()
    page.wait_for(f"danvan.network.getSelectedNodes()[0] === {json.dumps(ID['binh'])}", timeout=5)
    assert_focused_on(page, ID["binh"])
    assert page.evaluate("document.getElementById('search-status').textContent") == "focused: Phạm Thị Bình"
    assert_offline_and_clean(page, out)


def test_panel_opens_on_click_stays_and_shows_the_evidence(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    out = write_map(kg, select(kg, "all"), tmp_path / "all.html")
    page = open_map(browser, out)
    assert page.evaluate("document.getElementById('panel').hidden") is True
    click(page, *node_point(page, ID["binh"]))
    page.wait_for("!document.getElementById('panel').hidden", timeout=5)
    text = panel_text(page)
    assert text.startswith("Phạm Thị Bình")
    # Her facts grouped by relation: one holding (current, seen 2021-03-02) and one chaired event.
    headings = page.evaluate(
        "Array.from(document.querySelectorAll('#panel h3')).map(function (h) { return h.innerText; })"
    )
    assert "HOLDS · GIỮ CHỨC (1)" in headings and "CHAIRED · CHỦ TRÌ (1)" in headings
    assert "current" in text and "seen 2021-03-02" in text
    marks = page.evaluate(
        "Array.from(document.querySelectorAll('#panel mark')).map(function (m) { return m.textContent; })"
    )
    assert marks[:2] == ["Bình", "Trưởng Ban Dân vận"]  # the fact's words in "Bà Bình, Trưởng Ban Dân vận."
    assert "Bà Bình chủ trì." in text
    assert "file: " + PATH_A2 in text  # no web address known: the file it was read from
    links = page.evaluate("Array.from(document.querySelectorAll('#panel a')).map(function (a) { return a.href; })")
    assert set(links) == {page.evaluate(f"new URL({json.dumps(URL_A1)}).href")}  # a1, the event's article
    # Selectable text, and it stays open when the reader clicks empty canvas.
    assert page.evaluate("getComputedStyle(document.getElementById('panel')).userSelect") in ("text", "auto")
    click(page, 262 + 5, 795)
    page.drain(0.3)
    assert page.evaluate("document.getElementById('panel').hidden") is False
    # The hostile node and the hostile evidence: shown as text, nothing parsed, nothing run.
    page.evaluate(f"danvan.select({json.dumps(ID['an'])})")
    page.wait_for("document.querySelectorAll('#panel blockquote').length > 0", timeout=5)
    text = panel_text(page)
    assert HOSTILE_EVIDENCE in text and HOSTILE_TITLE in text
    assert page.evaluate("document.querySelectorAll('#panel script, #panel img, #panel b').length") == 0
    page.evaluate(f"danvan.select({json.dumps(ID['evil'])})")
    assert panel_text(page).startswith(HOSTILE_NAME)
    # Bắc Ninh's article has a javascript: address: it is not a link.
    page.evaluate(f"danvan.select({json.dumps(ID['cuong'])})")
    assert page.evaluate("document.querySelectorAll('#panel a').length") == 1  # a1 only, for the event
    assert "Bài ba" in panel_text(page) and "a3.jsonl" in panel_text(page)
    page.evaluate("document.querySelector('#panel button[data-action=close]').click()")
    assert page.evaluate("document.getElementById('panel').hidden") is True
    assert page.dialogs() == []
    assert_offline_and_clean(page, out)


def test_focus_on_a_neighbourhood_and_expand(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    out = write_map(kg, select(kg, "person", "Trần Văn An"), tmp_path / "an.html")
    page = open_map(browser, out)
    assert len(visible(page)[0]) == 10
    page.evaluate(f"danvan.select({json.dumps(ID['an'])})")
    page.evaluate("document.querySelector('#panel button[data-action=focus]').click()")
    # An holds post1 and spoke at the event: his neighbourhood is three nodes, two facts.
    assert visible(page) == ({ID["an"], ID["post1"], ID["event"]}, 2)
    assert page.evaluate("document.getElementById('show-all').disabled") is False
    # Expand the event (double-click): its attendees, organiser, place and document join.
    click(page, *node_point(page, ID["event"]), count=2)
    page.wait_for("danvan.visibleNodes().length > 3", timeout=5)
    nodes, _ = visible(page)
    assert nodes == {ID[k] for k in ("an", "post1", "event", "binh", "cuong", "evil", "bdv_nd", "nd", "nq")}
    page.evaluate("document.getElementById('show-all').click()")
    assert len(visible(page)[0]) == 10
    assert_offline_and_clean(page, out)


def test_filters_by_province_status_and_date_range(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    holds = next(k for s, _, k, a in kg.edges() if a["type"] == "HOLDS" and s == ID["binh"])
    # Read in 2021 as former, with a stated tenure of October 2019 to December 2020.
    kg.g.edges[ID["binh"], ID["post2"], holds].update(status="former", start="2019-10-15", end="2020-12")
    out = write_map(kg, select(kg, "all"), tmp_path / "all.html")
    page = open_map(browser, out)
    total_nodes, total_edges = visible(page)
    assert (len(total_nodes), total_edges) == (15, 20)
    # The former holding is drawn dashed and faded.
    edge = page.evaluate(f"danvan.edges.get({json.dumps(holds)})")
    assert edge["dashes"] and edge["color"]["opacity"] < 1
    # 2024 only: the Bắc Ninh facts of D3 (based in, post in, holds, runs) and their five nodes.
    set_input(page, "date-from", "2024-01-01")
    set_input(page, "date-to", "2024-12-31")
    assert visible(page) == ({ID[k] for k in ("tu_bn", "bn", "post3", "cuong", "dvk")}, 4)
    # First half of 2020: only Bình's holding, by its stated tenure (the article is from 2021).
    set_input(page, "date-from", "2020-01-01")
    set_input(page, "date-to", "2020-06-30")
    assert visible(page) == ({ID["binh"], ID["post2"]}, 1)
    page.evaluate("document.querySelector('input[data-status=former]').click()")
    assert visible(page) == (set(), 0)
    page.evaluate("document.querySelector('input[data-status=former]').click()")
    page.evaluate("document.getElementById('date-clear').click()")
    assert visible(page) == (total_nodes, total_edges)
    # Bắc Ninh: its place, committee, post and secretary, and the campaign it runs (no province of its own).
    set_input(page, "province", "Bắc Ninh")
    assert visible(page)[0] == {ID[k] for k in ("bn", "tu_bn", "post3", "cuong", "dvk")}
    assert_offline_and_clean(page, out)


def test_view_is_in_the_address_and_exports_as_png(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    out = write_map(kg, select(kg, "all"), tmp_path / "all.html")
    page = open_map(browser, out)
    page.evaluate(f"danvan.select({json.dumps(ID['binh'])})")
    page.evaluate("document.querySelector('input[data-label=Event]').click()")
    set_input(page, "date-from", "2021-01-01")
    page.evaluate("document.getElementById('zoom-in').click()")
    page.wait_for("location.hash.indexOf('sel=') > 0 && location.hash.indexOf('from=2021-01-01') > 0", timeout=5)
    time.sleep(0.3)
    url = page.evaluate("location.href")
    view = page.evaluate("[danvan.network.getViewPosition(), danvan.network.getScale()]")
    shown = visible(page)
    again = browser.new_page()
    again.navigate(url)
    again.wait_for("window.danvan !== undefined && window.danvan.ready === true", timeout=20)
    assert again.evaluate("danvan.network.getSelectedNodes()") == [ID["binh"]]
    assert panel_text(again).startswith("Phạm Thị Bình")
    assert again.evaluate("document.querySelector('input[data-label=Event]').checked") is False
    assert again.evaluate("document.getElementById('date-from').value") == "2021-01-01"
    assert visible(again) == shown
    pos, scale = again.evaluate("[danvan.network.getViewPosition(), danvan.network.getScale()]")
    assert abs(pos["x"] - view[0]["x"]) < 2 and abs(pos["y"] - view[0]["y"]) < 2 and abs(scale - view[1]) < 0.01
    png = again.evaluate("danvan.exportPng()")
    assert png.startswith("data:image/png;base64,")
    import base64

    assert png_variance(browser.new_page, base64.b64decode(png.split(",", 1)[1])) > 50
    again.evaluate("document.getElementById('export-png').click()")
    assert_offline_and_clean(again, out)


def test_labels_do_not_overlap_and_follow_the_zoom(browser: Browser, tmp_path: Path) -> None:
    from test_map_page import chain_graph

    kg = chain_graph(400)
    out = write_map(kg, select(kg, "all", max_nodes=300), tmp_path / "chain.html")
    page = open_map(browser, out)
    page.drain(0.2)
    drawn, overlapping = label_overlap(page)
    assert drawn >= 20 and overlapping == 0
    labels = page.evaluate("danvan.labels()")
    degree = {
        n["id"]: n["deg"]
        for n in json.loads(page.evaluate("document.getElementById('danvan-data').textContent"))["nodes"]
    }
    shown = [degree[label["id"]] for label in labels]
    hidden = [d for n, d in degree.items() if n not in {label["id"] for label in labels}]
    assert drawn < 300 and sum(shown) / len(shown) > sum(hidden) / len(hidden)  # the best connected first
    assert_offline_and_clean(page, out)
    # Short labels at the default zoom, the full name once zoomed in.
    kg = sample_graph()
    out = write_map(kg, select(kg, "all"), tmp_path / "all.html")
    page = open_map(browser, out)
    page.drain(0.2)
    drawn, overlapping = label_overlap(page)
    assert drawn >= 8 and overlapping == 0
    short = {label["id"]: label["text"] for label in page.evaluate("danvan.labels()")}
    assert short.get(ID["post1"], "Phó Bí thư TT Tỉnh ủy Nam Định") == "Phó Bí thư TT Tỉnh ủy Nam Định"
    page.evaluate(f"danvan.network.focus({json.dumps(ID['post1'])}, {{scale: 2.0}})")
    page.drain(0.2)
    full = {label["id"]: label["text"] for label in page.evaluate("danvan.labels()")}
    assert full[ID["post1"]] == "Phó Bí thư Thường trực Tỉnh ủy Nam Định"
    assert label_overlap(page)[1] == 0
