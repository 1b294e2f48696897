"""Canned queries on the sample articles of data/articles, stored in a real LadybugDB file.

hungyen_2025-09-19 (read by hand): after the 2025 reorganisation the province's Ban Tuyên giáo và
Dân vận holds the conference; "Lưu Đức Thịnh, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và
Dân vận Tỉnh ủy" chairs it, with "Bùi Thanh Tùng, nguyên Trưởng Ban Dân vận Tỉnh ủy Thái Bình, nay là
Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy". hoabinh_2022-06-21: Quách Thị Tuyết, Trưởng Ban Dân
vận Tỉnh ủy Hòa Bình; Hòa Bình merged into Phú Thọ on 1 July 2025. hanoi_2024-04-20: on 19 April 2024
"Quận ủy, HĐND, UBND và Ủy ban MTTQ Việt Nam quận Long Biên (TP. Hà Nội)" hold a dialogue. quangninh_2023-10-12
and the Quảng Ninh item of tin_tong_hop_2024.jsonl (2024-02-20) name the "Bí thư Thành ủy Hạ Long", a
city of Quảng Ninh; the Nghệ An item (2024-09-06): "Bí thư Huyện ủy Quỳnh Lưu Phan Đức Tài".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SAMPLES
from danvan.queries.catalog import Library, load_library
from danvan.queries.runner import Backend, open_backend, run_query


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.pipeline import extract_paths

    extractions = [r for r in extract_paths(sorted(SAMPLES.iterdir()), workers=1) if isinstance(r, Extraction)]
    db = tmp_path_factory.mktemp("samples-db") / "samples.lbdb"
    with open_store(db) as store:
        store.write_graph(build_graph(extractions))
    with open_backend(db) as b:
        yield b


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def rows(backend: Backend, library: Library, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(backend, library.get(name), params).records()


def test_heads_of_ban_dan_van_include_the_merged_ban_tuyen_giao_va_dan_van(backend: Backend, library: Library) -> None:
    heads = {(r["person"], r["post"], r["status"]) for r in rows(backend, library, "ban_dan_van_heads")}
    assert ("Lưu Đức Thịnh", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên", "current") in heads
    assert ("Quách Thị Tuyết", "Trưởng Ban Dân vận Tỉnh ủy Hòa Bình", "current") in heads
    deputies = {
        (r["person"], r["post"]) for r in rows(backend, library, "ban_dan_van_heads", role="phó trưởng ban dân vận")
    }
    assert ("Bùi Thanh Tùng", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên") in deputies
    # a deputy is not a head, whichever commission
    assert not any(post.startswith("Phó") for _, post, _ in heads)


def test_officials_of_phu_tho_include_those_of_the_former_hoa_binh(backend: Backend, library: Library) -> None:
    phu_tho = {
        (r["province"], r["person"], r["post"])
        for r in rows(backend, library, "officials_in_province", province="phú thọ")
    }
    assert ("Hòa Bình", "Quách Thị Tuyết", "Trưởng Ban Dân vận Tỉnh ủy Hòa Bình") in phu_tho
    assert {province for province, _, _ in phu_tho} == {"Hòa Bình"}  # the samples name no Phú Thọ official


def test_concurrent_posts_only_counts_posts_held_in_overlapping_periods(backend: Backend, library: Library) -> None:
    both = rows(backend, library, "concurrent_posts")
    # "Quách Thị Tuyết, Uỷ viên BTV Tỉnh uỷ, Trưởng Ban Dân vận Tỉnh uỷ": two posts in one sentence.
    assert {(r["post"], r["posts"]) for r in both if r["person"] == "Quách Thị Tuyết"} == {
        ("Trưởng Ban Dân vận Tỉnh ủy Hòa Bình", 2),
        ("Ủy viên Ban Thường vụ Tỉnh ủy Hòa Bình", 2),
    }
    # Bùi Thanh Tùng chaired Thái Bình's Front in December 2024 and was deputy head in Hưng Yên in
    # September 2025, "nguyên Trưởng Ban Dân vận Tỉnh ủy Thái Bình": one career, not two posts at once.
    assert "Bùi Thanh Tùng" not in {r["person"] for r in both}


def test_events_in_a_province_include_those_held_in_its_districts(backend: Backend, library: Library) -> None:
    # The dialogue's place is "quận Long Biên", which does not contain "Hà Nội": LOCATED_IN finds it.
    ha_noi = {(r["date"].isoformat(), r["place"]) for r in rows(backend, library, "events_in_range", place="Hà Nội")}
    assert ("2024-04-19", "quận Long Biên") in ha_noi
    assert {place for _, place in ha_noi} == {"Hà Nội", "quận Long Biên"}
    # ... and not in another province
    assert "quận Long Biên" not in {r["place"] for r in rows(backend, library, "events_in_range", place="Quảng Ninh")}


def test_officials_in_province_include_district_committees(backend: Backend, library: Library) -> None:
    nghe_an = {
        (r["province"], r["person"], r["organization"])
        for r in rows(backend, library, "officials_in_province", province="Nghệ An")
    }
    assert ("Quỳnh Lưu", "Phan Đức Tài", "Huyện ủy Quỳnh Lưu") in nghe_an
    quang_ninh = {
        (r["person"], r["post"]) for r in rows(backend, library, "officials_in_province", province="quảng ninh")
    }
    assert ("Đặng Xuân Trường", "Bí thư Thành ủy Hạ Long") in quang_ninh
    assert "Phan Đức Tài" not in {p for p, _ in quang_ninh}


def test_organisation_trees_of_a_province(backend: Backend, library: Library) -> None:
    tree = {
        (r["root"], r["depth"], r["organization"])
        for r in rows(backend, library, "organisation_tree", province="Hà Nội")
    }
    assert ("Thành ủy Hà Nội", 1, "Quận ủy Long Biên") in tree
    assert {root for root, _, _ in tree} == {"Thành ủy Hà Nội"}
    quang_ninh = {r["organization"] for r in rows(backend, library, "organisation_tree", province="Quảng Ninh")}
    assert "Thành ủy Hạ Long" in quang_ninh and "Quận ủy Long Biên" not in quang_ninh


def test_fact_sources_of_a_containment(backend: Backend, library: Library) -> None:
    facts = rows(backend, library, "fact_sources", subject="thành phố Hạ Long", relation="LOCATED_IN")
    assert [(r["object"], r["published"].isoformat()) for r in facts] == [
        ("Quảng Ninh", "2023-10-12"),
        ("Quảng Ninh", "2024-02-20"),
    ]
    # the sentence comes from the earliest article only
    assert "chỉ định giữ chức Bí thư Thành ủy Hạ Long" in facts[0]["evidence"] and facts[1]["evidence"] is None
