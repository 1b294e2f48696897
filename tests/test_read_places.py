"""The administrative gazetteer (graph/places.py), checked against the offline vietnamadminunits data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan.graph import places


@pytest.fixture(scope="module")
def vau_data() -> tuple[dict, dict, dict]:
    vau = pytest.importorskip("vietnamadminunits")
    data = Path(vau.__file__).parent / "data"
    legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    current = json.loads((data / "parser_from_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    mapping = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return legacy, current, mapping


def test_counts_before_and_after_the_reorganisation() -> None:
    assert len(places.PROVINCES_BEFORE_2025) == 63
    assert len(places.PROVINCES_2025) == 34
    assert len({p.name for p in places.ALL}) == len(places.ALL)


def test_table_agrees_with_vietnamadminunits(vau_data: tuple[dict, dict, dict]) -> None:
    legacy, current, mapping = vau_data
    assert len(legacy) == 63 and len(current) == 34
    ours_by_code = {p.code: p for p in places.PROVINCES_BEFORE_2025}
    for key, unit in legacy.items():
        ours = places.lookup(unit["provinceShort"]) if unit["provinceCode"] != "46" else places.get("Thừa Thiên Huế")
        assert ours is not None and ours.code == unit["provinceCode"] == ours_by_code[ours.code].code, key
    for new_key, old_keys in mapping.items():
        new_unit = places.lookup(current[new_key]["provinceShort"])
        assert new_unit is not None and new_unit.current, new_key
        for old_key in old_keys:
            old_name = legacy[old_key]["provinceShort"]
            old_unit = places.get("Thừa Thiên Huế") if old_key == "thanhphohue" else places.lookup(old_name)
            assert old_unit is not None and old_unit.successor == new_unit.name, (old_key, new_key)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("Tp. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("TPHCM", "Thành phố Hồ Chí Minh"),
        ("tỉnh Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("thành phố Hà Nội", "Hà Nội"),
    ],
)
def test_lookup_by_name_and_abbreviation(spelling: str, name: str) -> None:
    unit = places.lookup(spelling)
    assert unit is not None and unit.name == name


def test_lookup_unknown() -> None:
    assert places.lookup("Paris") is None
    assert places.lookup("") is None


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("baolaocai.vn", "Lào Cai"),
        ("bacninhtv.vn", "Bắc Ninh"),
        ("https://www.baonamdinh.vn/tin-tuc/a.html", "Nam Định"),
        ("baobacgiang.com.vn", "Bắc Giang"),
        ("dangbo.namdinh.gov.vn", "Nam Định"),
        ("baothanhhoa.vn", "Thanh Hóa"),
        ("hanoimoi.com.vn", "Hà Nội"),
        ("sggp.org.vn", "Thành phố Hồ Chí Minh"),
        ("baoapbac.vn", "Tiền Giang"),
        ("baodongkhoi.vn", "Bến Tre"),
        ("(baoquangninh.vn)", "Quảng Ninh"),
    ],
)
def test_lookup_by_news_site(domain: str, name: str) -> None:
    unit = places.by_domain(domain)
    assert unit is not None and unit.name == name


def test_national_sites_have_no_province() -> None:
    assert places.by_domain("nhandan.vn") is None
    assert places.by_domain("vnexpress.net") is None


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Báo Nam Định", "Nam Định"),
        ("Nguồn: Báo Lào Cai", "Lào Cai"),
        ("Đài PT-TH Bắc Giang", "Bắc Giang"),
        ("Báo Ấp Bắc", "Tiền Giang"),
        ("Sài Gòn Giải Phóng", "Thành phố Hồ Chí Minh"),
        ("(bacninhtv.vn)", "Bắc Ninh"),
    ],
)
def test_lookup_by_source_line(source: str, name: str) -> None:
    unit = places.by_source(source)
    assert unit is not None and unit.name == name
    assert places.by_source("Trung tâm VHTT và Truyền thông thành phố") is None


def test_mentions_in_text() -> None:
    text = "Đoàn công tác TP.HCM thăm Thừa Thiên Huế; học tập tư tưởng Hồ Chí Minh; mong hòa bình; tỉnh Hòa Bình."
    found = [(text[s:e], unit.name) for s, e, unit in places.find_mentions(text)]
    assert found == [
        ("TP.HCM", "Thành phố Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Hòa Bình", "Hòa Bình"),
    ]


def test_merger_mapping() -> None:
    assert places.get("Bắc Giang").successor == "Bắc Ninh" and places.get("Bắc Giang").status == "merged"
    assert places.get("Bắc Ninh").status == "current"
    assert [p.name for p in places.predecessors("Ninh Bình")] == ["Hà Nam", "Nam Định", "Ninh Bình"]
    assert places.successor("Yên Bái") == places.get("Lào Cai")
    assert places.get("Nam Định").full_name == "tỉnh Nam Định"
    assert places.get("Hà Nội").full_name == "thành phố Hà Nội"


def test_thua_thien_hue_was_renamed_before_the_july_reorganisation(vau_data: tuple[dict, dict, dict]) -> None:
    legacy, _current, _mapping = vau_data
    # The 63-unit data (before 1 July 2025) already names unit 46 "Thành phố Huế": the renaming came
    # first (1 January 2025), so the successor link of Thừa Thiên Huế must not carry the July date.
    assert legacy["thanhphohue"]["province"] == "Thành phố Huế" and legacy["thanhphohue"]["provinceCode"] == "46"
    tth = places.get("Thừa Thiên Huế")
    assert tth.successor == "Huế" and tth.replaced_on == "2025-01-01" < places.REORGANISED_ON
    assert places.get("Hòa Bình").replaced_on == places.REORGANISED_ON == "2025-07-01"
    assert places.get("Huế").replaced_on is None and places.get("Phú Thọ").replaced_on is None
    # Every merged unit has a date; every surviving one has none.
    assert {p.name for p in places.ALL if p.replaced_on is None} == {p.name for p in places.PROVINCES_2025}


def _corpus_text(corpus: Path, article_id: str) -> str:
    with corpus.open(encoding="utf-8") as lines:
        record = next(json.loads(raw) for raw in lines if f'"id": "{article_id}"' in raw)
    return "\n".join((record["title"], record["sapo"], record["body"]))


def test_names_that_contain_a_province_name_are_not_the_province(corpus_file: Path) -> None:
    # 22463306 (read by hand): "Phó Thủ tướng Thường trực Trương Hòa Bình ..." and no word about
    # the province of Hòa Bình. 22220363: the US Navy's "Đối tác Thái Bình Dương 2017" (Pacific
    # Partnership) in Đà Nẵng, then Khánh Hòa; Thái Bình is not named.
    deputy = _corpus_text(corpus_file, "22463306")
    assert "Trương Hòa Bình" in deputy
    assert [unit.name for *_, unit in places.find_mentions(deputy)] == []
    # 22652088: "... Chủ tịch UBND quận Bình Tân Nguyễn Gia Thái Bình" (family and middle name first).
    district_chair = _corpus_text(corpus_file, "22652088")
    assert "Nguyễn Gia Thái Bình" in district_chair
    assert "Thái Bình" not in {unit.name for *_, unit in places.find_mentions(district_chair)}
    pacific = _corpus_text(corpus_file, "22220363")
    assert pacific.count("Thái Bình Dương") == 2
    assert {unit.name for *_, unit in places.find_mentions(pacific)} == {"Đà Nẵng", "Khánh Hòa"}


def test_a_province_after_a_family_name_word_only_when_the_word_stands_alone() -> None:
    # The same names as in the corpus articles above, in sentences that do name the provinces.
    text = "Đoàn công tác tỉnh Hòa Bình thăm Thái Bình; Phó Thủ tướng Trương Hòa Bình dự."
    assert [(text[s:e], unit.name) for s, e, unit in places.find_mentions(text)] == [
        ("Hòa Bình", "Hòa Bình"),
        ("Thái Bình", "Thái Bình"),
    ]


def test_article_place_is_not_taken_from_a_person_or_an_ocean(corpus_file: Path, tmp_path: Path) -> None:
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    with corpus_file.open(encoding="utf-8") as lines:
        chosen = [raw for raw in lines if json.loads(raw)["id"] in ("22463306", "22220363")]
    source = tmp_path / "two.jsonl"  # read from the shared corpus, written only to the test folder
    source.write_text("".join(chosen), encoding="utf-8")
    extractions = [r for r in extract_paths([source], workers=1) if isinstance(r, Extraction)]
    by_id = {x.article.id.removeprefix("article:"): x for x in extractions}
    assert by_id["22463306"].article.place != "Hòa Bình"
    assert by_id["22220363"].article.place != "Thái Bình"
    for x in extractions:
        assert {e.name for e in x.entities if e.type == "Place"}.isdisjoint({"Hòa Bình", "Thái Bình"})


def test_source_line_with_the_masthead_spelling_of_ha_noi_moi() -> None:
    from conftest import SAMPLES

    text = (SAMPLES / "hanoi_2023-11-15_bieu-duong-dan-van-kheo.txt").read_text(encoding="utf-8")
    [line] = [ln for ln in text.splitlines() if ln.startswith("(Nguồn:")]
    assert line == "(Nguồn: Báo Hànộimới)"
    unit = places.by_source(line.removeprefix("(Nguồn:").rstrip(")"))
    assert unit is not None and unit.name == "Hà Nội"


def test_merged_into_carries_the_date_of_each_unit() -> None:
    from extract_helpers import extract_text

    facts = extract_text(
        "Đoàn công tác làm việc tại hai địa phương\n"
        "Ngày 6/5, đoàn công tác của tỉnh Thừa Thiên Huế làm việc với tỉnh Nam Định về công tác dân vận."
    )
    effective = {
        (facts.name(f.subject), facts.name(f.object)): f.properties["effective"] for f in facts.facts("MERGED_INTO")
    }
    # The renaming to the city of Huế came half a year before the 1 July reorganisation.
    assert effective == {("Thừa Thiên Huế", "Huế"): "2025-01-01", ("Nam Định", "Ninh Bình"): "2025-07-01"}


def test_district_table_agrees_with_vietnamadminunits(vau_data: tuple[dict, dict, dict]) -> None:
    vau = pytest.importorskip("vietnamadminunits")
    raw = json.loads((Path(vau.__file__).parent / "data" / "parser_legacy.json").read_text(encoding="utf-8"))
    legacy, _current, _mapping = vau_data
    expected = sorted(
        (legacy[pkey]["provinceCode"], unit["districtType"].lower(), unit["districtShort"])
        for pkey, districts in raw["DICT_PROVINCE_DISTRICT"].items()
        for unit in districts.values()
    )
    lines = (Path(places.__file__).parent / "data" / "districts.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(tuple(line.split("|")) for line in lines if line and not line.startswith("#")) == expected


def test_a_district_belongs_to_the_article_province_or_the_only_one_that_has_it() -> None:
    quang_ninh = places.province_of_district("Hạ Long", "thành phố")
    assert quang_ninh is not None and quang_ninh.name == "Quảng Ninh"
    assert places.province_of_district("Châu Thành") is None  # eleven provinces have one
    ben_tre = places.get("Bến Tre")
    assert places.province_of_district("Châu Thành", "huyện", near=ben_tre) == ben_tre
    assert places.province_of_district("Nguyễn Văn An") is None and not places.is_district("Nguyễn Văn An")
