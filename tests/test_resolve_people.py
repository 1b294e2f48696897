"""Resolution of persons and organisations on hard cases: common names, spelling slips, reporters,
generic units. Hand-made extractions mimic what the extractor gives (see test_build_factory)."""

from __future__ import annotations

from test_build_factory import ArticleMaker

from danvan.graph.build import build_graph
from danvan.graph.knowledge import KnowledgeGraph
from danvan.graph.resolve import COMMON_NAME, RARE_NAME, name_block, name_commonness, org_name_key


def persons(kg: KnowledgeGraph, *names: str) -> list[dict]:
    return [attrs for _, attrs in kg.nodes("Person") if attrs["name"] in names]


def _private(key: str, place: str, name: str, *others: str):  # -> Extraction
    """An article naming ``name`` (no post) with ``others`` also named without a post."""
    a = ArticleMaker(key, "2017-06-0" + key[-1], place=place)
    a.person(name)
    for other in others:
        a.person(other)
    return a.build()


def _official(key: str, place: str, name: str, post: str, org: str):  # -> Extraction
    a = ArticleMaker(key, "2017-05-0" + key[-1], place=place)
    p = a.person(name)
    q = a.post(post, post.split(" ")[0], org)
    a.fact("HOLDS", p, q, f"{post} {name}.")
    return a.build()


def test_name_commonness_tells_common_names_from_rare_ones() -> None:
    assert name_commonness("Nguyễn Văn Hùng") > COMMON_NAME
    assert name_commonness("Trương Quang Nghĩa") < RARE_NAME
    assert name_commonness("Đặng Thị Ngọc Thịnh") < RARE_NAME


def test_private_persons_with_a_common_name_in_one_province_stay_apart() -> None:
    # A driver and a defendant of Hà Nội, in two unrelated stories: name and province are not enough.
    kg = build_graph(
        [
            _private("a1", "Hà Nội", "Nguyễn Văn Hùng", "Trần Văn Bảy"),
            _private("a2", "Hà Nội", "Nguyễn Văn Hùng", "Lê Thị Tám"),
        ]
    )
    assert len(persons(kg, "Nguyễn Văn Hùng")) == 2


def test_one_story_in_two_papers_is_one_private_person_with_the_reason() -> None:
    kg = build_graph(
        [
            _private("b1", "Nghệ An", "Nguyễn Văn Hùng", "Nguyễn Thế Lương"),
            _private("b2", "Nghệ An", "Nguyễn Văn Hùng", "Nguyễn Thế Lương"),
        ]
    )
    [hung] = persons(kg, "Nguyễn Văn Hùng")
    assert any("named in one story with 'nguyễn thế lương'" in r for r in hung["merge_reasons"])


def test_a_rare_name_is_one_person_across_provinces_and_its_old_ids_resolve() -> None:
    minister = _official("c1", "Hà Nội", "Trương Quang Nghĩa", "Bộ trưởng Bộ Giao thông vận tải", "Bộ GTVT")
    quoted = [_private(f"c{i}", place, "Trương Quang Nghĩa") for i, place in ((2, "Đồng Nai"), (3, "Bình Định"))]
    alone = build_graph([quoted[0]])
    [before] = persons(alone, "Trương Quang Nghĩa")
    [nghia] = persons(build_graph([minister, *quoted]), "Trương Quang Nghĩa")
    assert before["id"] == nghia["id"] or before["id"] in nghia["alias_ids"]
    assert any("too rare to be two persons" in r or "only official" in r for r in nghia["merge_reasons"])


def test_a_spelling_slip_joins_the_official_and_is_kept_as_an_alias() -> None:
    assert name_block("Ngyễn Xuân Phúc") == name_block("Nguyễn Xuân Phúc") == name_block("Nguyên Xuân Phúc")
    assert name_block("Phạm Sỹ Quý") == name_block("Phạm Sĩ Quý")
    pm = "Thủ tướng Chính phủ"
    kg = build_graph(
        [
            _official("d1", "", "Nguyễn Xuân Phúc", pm, "Chính phủ"),
            _official("d2", "", "Ngyễn Xuân Phúc", pm, "Chính phủ"),
            _official("d3", "", "Nguyên Xuân Phúc", pm, "Chính phủ"),
            _official("d4", "", "Nguyễn Xuân Phúc", pm, "Chính phủ"),
        ]
    )
    [phuc] = persons(kg, "Nguyễn Xuân Phúc")
    assert set(phuc["aliases"]) == {"Ngyễn Xuân Phúc", "Nguyên Xuân Phúc"}
    assert any("spellings" in r and f"hold the post '{pm}'" in r for r in phuc["merge_reasons"])


def test_different_names_that_fold_alike_do_not_merge_on_the_province_alone() -> None:
    # Thanh and Thành are two names: same province, both frequent, no common post.
    kg = build_graph(
        [
            _official("e1", "Huế", "Nguyễn Văn Thành", "Chủ tịch Ủy ban nhân dân thành phố Huế", "UBND TP Huế"),
            _official("e2", "Huế", "Nguyễn Văn Thanh", "Giám đốc Sở Y tế tỉnh Thừa Thiên Huế", "Sở Y tế"),
            _official("e3", "Huế", "Nguyễn Văn Thanh", "Giám đốc Sở Y tế tỉnh Thừa Thiên Huế", "Sở Y tế"),
            _official("e4", "Huế", "Nguyễn Văn Thanh", "Giám đốc Sở Y tế tỉnh Thừa Thiên Huế", "Sở Y tế"),
        ]
    )
    assert len(persons(kg, "Nguyễn Văn Thành", "Nguyễn Văn Thanh")) == 2


def test_a_reporter_byline_never_joins_a_namesake_in_the_text() -> None:
    reporter = ArticleMaker("f1", "2017-01-01", place="Hà Nội", authors=["Hoàng Anh"])
    reporter.person("Lê Văn An")
    actor = ArticleMaker("f2", "2017-01-02", place="Hà Nội")
    actor.person("Hoàng Anh")
    other = ArticleMaker("f3", "2017-01-03", place="Hải Phòng", authors=["Hoàng Anh"])
    kg = build_graph([reporter.build(), actor.build(), other.build()])
    found = persons(kg, "Hoàng Anh")
    assert len(found) == 2
    [byline] = [p for p in found if any("byline" in r for r in p["merge_reasons"])]
    assert byline["province"] is None


def test_abbreviated_and_spelled_out_organisations_are_one_and_generic_units_are_not() -> None:
    assert org_name_key("Phòng GD-ĐT quận Cầu Giấy") == org_name_key("phòng GD&ĐT quận Cầu Giấy")
    assert org_name_key("Cục CSGT") == org_name_key("Cục Cảnh sát giao thông")
    arts = []
    for key, name in (
        ("g1", "Cục CSGT"),
        ("g2", "Cục Cảnh sát giao thông"),
        ("g3", "phòng Đào tạo"),
        ("g4", "phòng Đào tạo"),
    ):
        a = ArticleMaker(key, "2017-07-01", place="Hà Nội")
        a.entity("Organization", name, kind="agency", level="central")
        arts.append(a.build())
    kg = build_graph(arts)
    names = sorted(attrs["name"] for _, attrs in kg.nodes("Organization"))
    assert names.count("phòng Đào tạo") == 2  # two schools' training offices
    [cuc] = [a for _, a in kg.nodes("Organization") if a["name"].startswith("Cục")]
    assert set(cuc["aliases"]) | {cuc["name"]} == {"Cục CSGT", "Cục Cảnh sát giao thông"}


def test_a_bare_local_body_without_a_place_is_not_one_organisation_across_articles() -> None:
    arts = []
    for key in ("h1", "h2"):
        a = ArticleMaker(key, "2017-07-01")  # the article names no province
        a.entity("Organization", "Tỉnh ủy", kind="party_committee", level="province")
        arts.append(a.build())
    kg = build_graph(arts)
    assert sum(1 for _, a in kg.nodes("Organization") if a["name"] == "Tỉnh ủy") == 2
