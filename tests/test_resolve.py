"""Entity resolution across articles: who is the same person, which organisations and posts are one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from test_build_factory import BAC_NINH_POST, ArticleMaker, bac_ninh_article, other_province_article

from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.resolve import clean, norm, norm_place


def persons(kg: KnowledgeGraph, name: str) -> list[dict]:
    return [attrs for _, attrs in kg.nodes("Person") if attrs["name"] == name]


def test_titled_and_bare_mention_in_one_article_are_one_person() -> None:
    a = ArticleMaker("chinh", "2019-05-02", place="Lào Cai")
    titled = a.person("Lê Quốc Chỉnh")
    bare = a.person("Lê Quốc Chỉnh")
    post = a.post("Phó Bí thư Thường trực Tỉnh ủy Lào Cai", "Phó Bí thư Thường trực", "Tỉnh ủy Lào Cai")
    a.fact("HOLDS", titled, post, "đồng chí Phó Bí thư Thường trực Tỉnh ủy Lê Quốc Chỉnh phát biểu.")
    event = a.entity("Event", "Hội nghị", kind="hội nghị", date="2019-05-02")
    a.fact("SPOKE_AT", bare, event, "Lê Quốc Chỉnh nhấn mạnh ...")
    kg = build_graph([a.build()])
    [chinh] = persons(kg, "Lê Quốc Chỉnh")
    assert chinh["province"] == "Lào Cai"
    assert any("mentioned 2 times" in reason for reason in chinh["merge_reasons"])
    person_id = chinh["id"]
    assert {kg.node(t)["label"] for _, t, _ in kg.g.out_edges(person_id, keys=True)} == {"Post", "Event", "Article"}


def test_same_name_and_province_across_articles_is_one_person_with_its_reason() -> None:
    kg = build_graph([bac_ninh_article("a", "2024-06-19"), bac_ninh_article("b", "2024-07-01")])
    [thang] = persons(kg, "Nguyễn Công Thắng")
    assert "same name and province (Bắc Ninh) in 2 articles" in thang["merge_reasons"]
    assert (thang["first_seen"].isoformat(), thang["last_seen"].isoformat()) == ("2024-06-19", "2024-07-01")


def test_namesakes_in_different_provinces_stay_apart() -> None:
    kg = build_graph(
        [
            bac_ninh_article("a", "2024-06-19"),
            other_province_article(
                "c", "2023-01-01", "Hà Nam", "Trưởng Ban Dân vận Tỉnh ủy Hà Nam", "Nguyễn Công Thắng"
            ),
        ]
    )
    found = persons(kg, "Nguyễn Công Thắng")
    assert sorted(p["province"] for p in found) == ["Bắc Ninh", "Hà Nam"]
    assert all(not any("namesakes" in r for r in p["merge_reasons"]) for p in found)


def test_namesakes_sharing_a_post_are_merged_and_the_post_is_the_reason() -> None:
    kg = build_graph(
        [
            bac_ninh_article("a", "2024-06-19"),
            other_province_article("d", "2022-01-01", "Nam Định", BAC_NINH_POST, "Nguyễn Công Thắng"),
        ]
    )
    [thang] = persons(kg, "Nguyễn Công Thắng")
    assert f"namesakes in Bắc Ninh and Nam Định share the post '{BAC_NINH_POST}'" in thang["merge_reasons"]


def test_namesakes_holding_posts_in_one_organisation_are_merged() -> None:
    a = ArticleMaker("x", "2020-01-01", place="Hà Nội")
    p = a.person("Trần Văn An")
    post = a.post("Phó Chủ tịch Hội Nông dân Việt Nam", "Phó Chủ tịch", "Hội Nông dân Việt Nam")
    a.fact("HOLDS", p, post, "Trần Văn An, Phó Chủ tịch Hội Nông dân Việt Nam.")
    b = ArticleMaker("y", "2021-01-01", place="Huế")
    q = b.person("Trần Văn An")
    post2 = b.post("Ủy viên Ban Chấp hành Hội Nông dân Việt Nam", "Ủy viên Ban Chấp hành", "Hội Nông dân Việt Nam")
    b.fact("HOLDS", q, post2, "Trần Văn An, Ủy viên Ban Chấp hành Hội Nông dân Việt Nam.")
    kg = build_graph([a.build(), b.build()])
    [an] = persons(kg, "Trần Văn An")
    assert any("share the organisation 'hội nông dân việt nam'" in r for r in an["merge_reasons"])


def test_mention_without_province_joins_the_only_namesake_but_not_one_of_two() -> None:
    nowhere = ArticleMaker("n", "2024-08-01")  # no place known for this article
    nowhere.person("Nguyễn Công Thắng")
    one = build_graph([bac_ninh_article("a", "2024-06-19"), nowhere.build()])
    [thang] = persons(one, "Nguyễn Công Thắng")
    assert any("the only namesake known is in Bắc Ninh" in r for r in thang["merge_reasons"])
    two = build_graph(
        [
            bac_ninh_article("a", "2024-06-19"),
            nowhere.build(),
            other_province_article(
                "c", "2023-01-01", "Hà Nam", "Trưởng Ban Dân vận Tỉnh ủy Hà Nam", "Nguyễn Công Thắng"
            ),
        ]
    )
    assert len(persons(two, "Nguyễn Công Thắng")) == 3
    # The Bắc Ninh official keeps the id he had before the ambiguous article arrived.
    assert {p["id"] for p in persons(two, "Nguyễn Công Thắng")} >= {thang["id"]}


def test_person_ids_do_not_change_when_unrelated_articles_are_added() -> None:
    alone = build_graph([bac_ninh_article("a", "2024-06-19")])
    more = build_graph(
        [
            bac_ninh_article("a", "2024-06-19"),
            other_province_article("c", "2023-01-01", "Hà Nam", "Trưởng Ban Dân vận Tỉnh ủy Hà Nam", "Lê Văn Bình"),
        ]
    )
    assert set(alone.g.nodes) <= set(more.g.nodes)


def test_local_organisation_name_takes_its_place_and_merges_with_the_spelled_out_one() -> None:
    a = ArticleMaker("o1", "2024-01-01", place="Bắc Ninh")
    a.entity("Organization", "Tỉnh ủy", kind="party_committee", place="Bắc Ninh")
    b = ArticleMaker("o2", "2024-02-01", place="Bắc Ninh")
    b.entity("Organization", "Tỉnh ủy Bắc Ninh", kind="party_committee", place="Bắc Ninh")
    c = ArticleMaker("o3", "2024-03-01", place="Nam Định")
    c.entity("Organization", "Tỉnh ủy", kind="party_committee", place="Nam Định")
    kg = build_graph([a.build(), b.build(), c.build()])
    orgs = {attrs["name"]: attrs for _, attrs in kg.nodes("Organization")}
    assert sorted(orgs) == ["Tỉnh ủy Bắc Ninh", "Tỉnh ủy Nam Định"]
    assert orgs["Tỉnh ủy Bắc Ninh"]["aliases"] == ["Tỉnh ủy"]
    assert orgs["Tỉnh ủy Bắc Ninh"]["place"] == "Bắc Ninh"


def test_posts_merge_across_articles_by_canonical_label() -> None:
    kg = build_graph([bac_ninh_article("a", "2024-06-19"), bac_ninh_article("b", "2024-07-01")])
    posts = [attrs for _, attrs in kg.nodes("Post")]
    assert [p["name"] for p in posts] == [BAC_NINH_POST]
    assert posts[0]["role"] == "Trưởng Ban"


def test_old_and_new_tone_placement_and_spacing_give_one_key() -> None:
    assert clean("Nguyễn  Thị Hoà ") == "Nguyễn Thị Hòa"
    assert norm("Ủy ban nhân dân tỉnh Khánh Hoà") == norm("UỶ BAN NHÂN DÂN TỈNH KHÁNH HÒA")
    assert norm("Thuỷ") == norm("Thủy")
    assert norm("Hoàng") == "hoàng"  # a closed syllable keeps its mark on the a
    assert norm("Thắng") != norm("Thăng")  # diacritics tell names apart
    assert norm_place("tỉnh Bắc Ninh") == norm_place("Bắc Ninh") == "bắc ninh"
    assert norm_place("TP.HCM") == norm_place("Tp. Hồ Chí Minh") == "thành phố hồ chí minh"
    assert norm_place("tỉnh Thanh Hoá") == "thanh hóa"
    assert norm_place("tỉnh Hà Nam") != norm_place("Hà Nội")


def test_tone_stays_on_a_vowel_that_carries_another_mark_and_after_qu() -> None:
    # ệ, ậ are e/a with a circumflex: the tone belongs there in both styles ("Tuệ", "quận", "Luật"),
    # and in "quý" the u belongs to the qu- onset. Only the open oa/oe/uy clusters move.
    for word in ("Hà Minh Tuệ", "quận Long Biên", "quý", "Huệ", "Luật", "Nguyễn Thị Khuê"):
        assert clean(word) == word
    assert clean("Vương Đình Huệ") != "Vương Đình Hụê"
    assert clean("Nguyễn Thị Thuỵ") == "Nguyễn Thị Thụy"


def test_province_spelled_two_ways_is_one_province_for_a_person() -> None:
    a = ArticleMaker("hcm1", "2020-01-01", place="TP.HCM")
    a.person("Võ Văn Thưởng")
    b = ArticleMaker("hcm2", "2020-02-01", place="Thành phố Hồ Chí Minh")
    b.person("Võ Văn Thưởng")
    kg = build_graph([a.build(), b.build()])
    [person] = persons(kg, "Võ Văn Thưởng")
    assert any("in 2 articles" in r for r in person["merge_reasons"])


def test_a_city_named_like_its_province_is_a_different_place() -> None:
    a = ArticleMaker("p", "2020-01-01", place="Bắc Ninh")
    a.entity("Place", "Bắc Ninh", kind="province")
    a.entity("Place", "Bắc Ninh", kind="city_district")
    b = ArticleMaker("q", "2020-01-02", place="Bắc Ninh")
    b.entity("Place", "tỉnh Bắc Ninh")
    kg = build_graph([a.build(), b.build()])
    assert sorted(attrs.get("kind") or "" for _, attrs in kg.nodes("Place")) == ["city_district", "province"]


def test_official_quoted_in_another_province_stays_one_person_of_their_own_province() -> None:
    from extract_helpers import extract_text

    home = extract_text(
        "Tổng kết dân vận ở Thanh Hóa\nĐồng chí Hà Thị Xoan, Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa chủ trì hội nghị.\n",
        published=dt.date(2024, 1, 3),
    ).extraction
    away = extract_text(
        "Giao ban ở Nghệ An\n"
        "Ngày 21/8, tại tỉnh Nghệ An, Ban Dân vận Trung ương tổ chức hội nghị giao ban. "
        "Đồng chí Lò Văn Thạch, Phó Trưởng Ban Dân vận Trung ương chủ trì; "
        "đồng chí Hà Thị Xoan, Trưởng Ban Dân vận Tỉnh ủy Thanh Hóa trình bày tham luận.\n",
        published=dt.date(2024, 8, 22),
    ).extraction
    away = replace(away, article=replace(away.article, id="article:away"))  # extract_text reuses one id
    kg = build_graph([home, away])
    [xoan] = persons(kg, "Hà Thị Xoan")
    assert xoan["province"] == "Thanh Hóa" and xoan["id"].startswith("person:ha-thi-xoan-")
    assert "same name and province (Thanh Hóa) in 2 articles" in xoan["merge_reasons"]
    [thach] = persons(kg, "Lò Văn Thạch")
    assert thach["province"] is None and thach["id"].startswith("person:lo-van-thach-")


def test_person_id_names_no_province_and_survives_a_change_of_resolved_province() -> None:
    def article(key: str, place: str):  # -> Extraction
        a = ArticleMaker(key, "2017-03-0" + key[1], place=place)
        person = a.person("Lê Văn Phúc")
        post = a.post("Chủ tịch Hội Nông dân Việt Nam", "Chủ tịch", "Hội Nông dân Việt Nam")
        a.fact("HOLDS", person, post, "Lê Văn Phúc, Chủ tịch Hội Nông dân Việt Nam.")
        return a.build()

    [before] = persons(build_graph([article("p1", "Bà Rịa - Vũng Tàu")]), "Lê Văn Phúc")
    [after] = persons(
        build_graph([article("p1", "Bà Rịa - Vũng Tàu"), article("p2", "Hà Nội"), article("p3", "Hà Nội")]),
        "Lê Văn Phúc",
    )
    # Two articles of three now place him in Hà Nội; the id names neither province and the first id still resolves.
    assert after["province"] == "Hà Nội"
    assert "ha-noi" not in after["id"] and "vung-tau" not in after["id"]
    assert before["id"] == after["id"] or before["id"] in after["alias_ids"]


def test_same_named_districts_of_two_provinces_stay_apart() -> None:
    from extract_helpers import extract_text

    def article(province: str, key: str):  # -> Extraction
        x = extract_text(
            f"Tin {province}\nÔng Lê Văn Tám, Bí thư Huyện ủy Châu Thành, chủ trì hội nghị tại tỉnh {province}.\n"
        ).extraction
        return replace(x, article=replace(x.article, id=f"article:{key}"))

    kg = build_graph([article("Bến Tre", "bt"), article("Tiền Giang", "tg"), article("Bến Tre", "bt2")])
    districts = [a for _, a in kg.nodes("Place") if a["name"] == "huyện Châu Thành"]
    committees = [a for _, a in kg.nodes("Organization") if a["name"] == "Huyện ủy Châu Thành"]
    posts = [a for _, a in kg.nodes("Post") if a["name"] == "Bí thư Huyện ủy Châu Thành"]
    assert (len(districts), len(committees), len(posts)) == (2, 2, 2)
    # Namesakes heading the same-named district committee of two provinces are two people.
    assert sorted(p["province"] for p in persons(kg, "Lê Văn Tám")) == ["Bến Tre", "Tiền Giang"]
    # Each district committee belongs to its own province's committee.
    part_of = {
        (kg.node(s)["name"], kg.node(t)["name"])
        for s, t, e in kg.g.edges(data=True)
        if e["type"] == "PART_OF" and kg.node(s)["name"] == "Huyện ủy Châu Thành"
    }
    assert part_of == {("Huyện ủy Châu Thành", "Tỉnh ủy Bến Tre"), ("Huyện ủy Châu Thành", "Tỉnh ủy Tiền Giang")}


def test_an_appointment_stays_new_when_later_articles_only_name_the_post() -> None:
    def status_after(*statuses: str) -> str:
        articles = [bac_ninh_article(f"s{i}", f"2024-0{i + 1}-01", status=status) for i, status in enumerate(statuses)]
        kg = build_graph(articles)
        [holds] = [e for _, _, e in kg.g.edges(data=True) if e["type"] == "HOLDS"]
        return str(holds["status"])

    assert status_after("new", "current") == "new"
    assert status_after("new", "current", "former") == "former"
    assert status_after("new", "former", "current") == "current"
    assert status_after("current", "new") == "new"
