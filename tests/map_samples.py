"""A small hand-made knowledge graph for the map tests (invented names and sentences), with a
hostile name and hostile text in the places an article could put them."""

from __future__ import annotations

import datetime as dt

from danvan.graph.ids import make_id
from danvan.graph.knowledge import KnowledgeGraph

HOSTILE_NAME = "<script>alert(1)</script> \"Quoted\" 'single' & co"
HOSTILE_EVIDENCE = "Evidence with <img src=x onerror=alert(2)> and </script><!-- inside"
HOSTILE_TITLE = "Title <b>bold</b> </script> & more"
#: An input file may carry any address: only http(s) ones may become links.
HOSTILE_URL = "javascript:alert(3)"
URL_A1 = "https://example.org/tin/a1?x=1&y=<2>"
PATH_A2 = "data/articles/a2.txt"

D1 = dt.date(2021, 3, 2)
D2 = dt.date(2023, 1, 6)
D3 = dt.date(2024, 6, 19)


def ids() -> dict[str, str]:
    return {
        "nd": make_id("Place", "Nam Định"),
        "bn": make_id("Place", "Bắc Ninh"),
        "tu_nd": make_id("Organization", "Tỉnh ủy Nam Định"),
        "bdv_nd": make_id("Organization", "Ban Dân vận Tỉnh ủy Nam Định"),
        "tu_bn": make_id("Organization", "Tỉnh ủy Bắc Ninh"),
        "post1": make_id("Post", "Phó Bí thư Thường trực Tỉnh ủy Nam Định"),
        "post2": make_id("Post", "Trưởng Ban Dân vận Tỉnh ủy Nam Định"),
        "post3": make_id("Post", "Bí thư Tỉnh ủy Bắc Ninh"),
        "an": make_id("Person", "Trần Văn An"),
        "binh": make_id("Person", "Phạm Thị Bình"),
        "cuong": make_id("Person", "Nguyễn Hữu Cường"),
        "evil": make_id("Person", HOSTILE_NAME),
        "event": make_id("Event", "hoi nghi 2022"),
        "dvk": make_id("Campaign", "Dân vận khéo"),
        "nq": make_id("Document", "Nghị quyết 25"),
        "a1": make_id("Article", "a1"),
        "a2": make_id("Article", "a2"),
        "a3": make_id("Article", "a3"),
    }


def sample_graph() -> KnowledgeGraph:
    i = ids()
    kg = KnowledgeGraph()
    kg.add_node(i["a1"], "Article", name="a1", title=HOSTILE_TITLE, published=D2, url=URL_A1, source="Báo Một")
    kg.add_node(i["a2"], "Article", name="a2", title="Bài hai", published=D1, path=PATH_A2)
    kg.add_node(i["a3"], "Article", name="a3", title="Bài ba", published=D3, url=HOSTILE_URL, path="a3.jsonl")
    kg.add_node(i["nd"], "Place", name="Nam Định", kind="province", status="current")
    kg.add_node(i["bn"], "Place", name="Bắc Ninh", kind="province", status="current")
    kg.add_node(i["tu_nd"], "Organization", name="Tỉnh ủy Nam Định", place="Nam Định", kind="party_committee")
    kg.add_node(i["bdv_nd"], "Organization", name="Ban Dân vận Tỉnh ủy Nam Định", place="Nam Định", aliases=["BDV"])
    kg.add_node(i["tu_bn"], "Organization", name="Tỉnh ủy Bắc Ninh", place="Bắc Ninh")
    kg.add_node(i["post1"], "Post", name="Phó Bí thư Thường trực Tỉnh ủy Nam Định")
    kg.add_node(i["post2"], "Post", name="Trưởng Ban Dân vận Tỉnh ủy Nam Định")
    kg.add_node(i["post3"], "Post", name="Bí thư Tỉnh ủy Bắc Ninh")
    kg.add_node(i["an"], "Person", name="Trần Văn An", province="Nam Định", first_seen=D2, last_seen=D2)
    kg.add_node(i["binh"], "Person", name="Phạm Thị Bình", province="Nam Định", first_seen=D1, last_seen=D2)
    kg.add_node(i["cuong"], "Person", name="Nguyễn Hữu Cường", province="Bắc Ninh", first_seen=D2, last_seen=D3)
    kg.add_node(i["evil"], "Person", name=HOSTILE_NAME, province="Nam Định", first_seen=D2, last_seen=D2)
    kg.add_node(i["event"], "Event", name="Hội nghị tổng kết công tác dân vận năm 2022", date=D2, place="Nam Định")
    kg.add_node(i["dvk"], "Campaign", name="Dân vận khéo", kind="movement")
    kg.add_node(i["nq"], "Document", name="Nghị quyết 25", kind="nghị quyết", number="25")

    def fact(s: str, t: str, rel: str, day: dt.date, art: str, sentence: str, **props: object) -> None:
        kg.add_edge(
            i[s],
            i[t],
            rel,
            sources=[i[art]],
            first_seen=day,
            last_seen=day,
            evidence=sentence,
            evidence_article=i[art],
            **props,
        )

    fact("tu_nd", "nd", "BASED_IN", D1, "a2", "Tỉnh ủy Nam Định họp.")
    fact("bdv_nd", "nd", "BASED_IN", D1, "a2", "Ban Dân vận Tỉnh ủy Nam Định họp.")
    fact("bdv_nd", "tu_nd", "PART_OF", D1, "a2", "Ban Dân vận thuộc Tỉnh ủy.")
    fact("tu_bn", "bn", "BASED_IN", D3, "a3", "Tỉnh ủy Bắc Ninh họp.")
    fact("post1", "tu_nd", "POST_IN", D2, "a1", "Phó Bí thư Thường trực Tỉnh ủy.")
    fact("post2", "bdv_nd", "POST_IN", D1, "a2", "Trưởng Ban Dân vận Tỉnh ủy.")
    fact("post3", "tu_bn", "POST_IN", D3, "a3", "Bí thư Tỉnh ủy Bắc Ninh.")
    fact("an", "post1", "HOLDS", D2, "a1", HOSTILE_EVIDENCE, status="current")
    fact("binh", "post2", "HOLDS", D1, "a2", "Bà Bình, Trưởng Ban Dân vận.", status="current")
    fact("cuong", "post3", "HOLDS", D3, "a3", "Ông Cường, Bí thư Tỉnh ủy.", status="new")
    fact("an", "event", "SPOKE_AT", D2, "a1", "Ông An phát biểu.")
    fact("binh", "event", "CHAIRED", D2, "a1", "Bà Bình chủ trì.")
    fact("cuong", "event", "ATTENDED", D2, "a1", "Ông Cường dự.")
    fact("evil", "event", "ATTENDED", D2, "a1", "Someone attended.")
    fact("bdv_nd", "event", "ORGANIZED", D2, "a1", "Ban Dân vận tổ chức hội nghị.")
    fact("event", "nd", "HELD_IN", D2, "a1", "Hội nghị tại Nam Định.")
    fact("event", "nq", "IMPLEMENTS", D2, "a1", "Triển khai Nghị quyết 25.")
    fact("tu_nd", "nq", "ISSUED", D1, "a2", "Tỉnh ủy ban hành Nghị quyết 25.")
    fact("nd", "dvk", "RUNS", D2, "a1", "Nam Định có 1.200 mô hình.", value=1200.0, unit="mô hình")
    fact("bn", "dvk", "RUNS", D3, "a3", "Bắc Ninh có 900 mô hình.", value=900.0, unit="mô hình")
    for person, art in (("an", "a1"), ("binh", "a1"), ("binh", "a2"), ("cuong", "a3"), ("evil", "a1")):
        fact(person, art, "MENTIONED_IN", kg.g.nodes[i[art]]["published"], art, "")
    return kg
