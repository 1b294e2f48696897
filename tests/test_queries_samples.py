"""Canned queries on the sample articles of data/articles, stored in a real LadybugDB file.

hungyen_2025-09-19 (read by hand): after the 2025 reorganisation the province's Ban Tuyên giáo và
Dân vận holds the conference; "Lưu Đức Thịnh, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo và
Dân vận Tỉnh ủy" chairs it, with "Bùi Thanh Tùng, nguyên Trưởng Ban Dân vận Tỉnh ủy Thái Bình, nay là
Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy". hoabinh_2022-06-21: Quách Thị Tuyết, Trưởng Ban Dân
vận Tỉnh ủy Hòa Bình; Hòa Bình merged into Phú Thọ on 1 July 2025.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SAMPLES
from queries.library import Library, load_library
from queries.runner import Backend, open_backend, run_query


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    from graph.build import build_graph
    from graph.model import Extraction
    from graph.store.embedded import open_store
    from loaders.pipeline import extract_paths

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
