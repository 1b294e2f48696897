"""The time queries (holders_on_date, post_history, changes_between, moved_between_provinces,
tenure_overlaps) on the sample articles and the seeds, stored in a real LadybugDB file.

Read by hand: ninhbinh_2024-07-02 (our own text) names Lã Văn Khiêm Trưởng Ban Dân vận Tỉnh ủy Ninh Bình
"kể từ ngày 1/7/2024, thay bà Đoàn Thị Mận", who retires "từ ngày 1/7/2024"; Tạ Quang Vinh, Phó Bí thư
Thường trực Tỉnh ủy Hà Nam, becomes Bí thư Tỉnh ủy Ninh Bình from 1/7/2024. ninhbinh_2022-03-15 shows
Đoàn Thị Mận in the post in March 2022. quangninh_2023-10-12: Phạm Thị Ngọc Lan takes Trưởng Ban Dân vận
Tỉnh ủy Quảng Ninh "kể từ ngày 15/10/2023" from Đặng Xuân Trường, moved to Bí thư Thành ủy Hạ Long.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES
from danvan.queries.catalog import Library, load_library
from danvan.queries.runner import Backend, open_backend, run_query

NB_HEAD = "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình"
QN_HEAD = "Trưởng Ban Dân vận Tỉnh ủy Quảng Ninh"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.pipeline import extract_paths

    extractions = [r for r in extract_paths(sorted(SAMPLES.iterdir()), workers=1) if isinstance(r, Extraction)]
    db = tmp_path_factory.mktemp("tenure-db") / "samples.lbdb"
    with open_store(db) as store:
        store.write_graph(build_graph(extractions))
    with open_backend(db) as b:
        yield b


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def rows(backend: Backend, library: Library, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(backend, library.get(name), params).records()


def test_holders_on_date_turn_over_on_the_stated_day(backend: Backend, library: Library) -> None:
    before = rows(backend, library, "holders_on_date", post=NB_HEAD, date="2024-06-30")
    on = rows(backend, library, "holders_on_date", post=NB_HEAD, date="2024-07-01")
    assert [r["holder"] for r in before] == ["Đoàn Thị Mận"]
    assert [(r["holder"], r["start"]) for r in on] == [("Lã Văn Khiêm", "2024-07-01")]
    assert "Lã Văn Khiêm" in on[0]["evidence"]
    # the article is dated 12 October; the text says the post is held from the 15th
    assert rows(backend, library, "holders_on_date", post=QN_HEAD, date="2023-10-14") == []
    assert [r["holder"] for r in rows(backend, library, "holders_on_date", post=QN_HEAD, date="2023-10-15")] == [
        "Phạm Thị Ngọc Lan"
    ]


def test_post_history_lists_the_line_with_the_succession(backend: Backend, library: Library) -> None:
    line = rows(backend, library, "post_history", post=NB_HEAD)
    assert [(r["holder"], r["ended"], r["succeeded"]) for r in line] == [
        ("Đoàn Thị Mận", "2024-07-01", []),
        ("Lã Văn Khiêm", None, ["Đoàn Thị Mận"]),
    ]
    assert line[0]["first_seen"] == dt.date(2022, 3, 15)
    qn = rows(backend, library, "post_history", post=QN_HEAD)
    assert [r["holder"] for r in qn][-1] == "Phạm Thị Ngọc Lan"
    assert qn[-1]["succeeded"] == ["Đặng Xuân Trường"]


def test_changes_between_in_a_province(backend: Backend, library: Library) -> None:
    changes = {
        (r["change"], r["date"], r["person"], r["post"], r["other"])
        for r in rows(
            backend,
            library,
            "changes_between",
            date_from=dt.date(2024, 7, 1),
            date_to=dt.date(2024, 7, 31),
            province="Ninh Bình",
        )
    }
    assert ("appointment", "2024-07-01", "Lã Văn Khiêm", NB_HEAD, "") in changes
    assert ("appointment", "2024-07-01", "Tạ Quang Vinh", "Bí thư Tỉnh ủy Ninh Bình", "") in changes
    assert ("departure", "2024-07-01", "Đoàn Thị Mận", NB_HEAD, "") in changes
    assert ("succession", "2024-07-01", "Lã Văn Khiêm", NB_HEAD, "Đoàn Thị Mận") in changes
    assert {province_post for *_, province_post, _ in changes} <= {
        NB_HEAD,
        "Bí thư Tỉnh ủy Ninh Bình",
        "Phó Chủ tịch Hội đồng nhân dân tỉnh Ninh Bình",
    }
    assert (
        rows(
            backend,
            library,
            "changes_between",
            date_from=dt.date(2024, 8, 1),
            date_to=dt.date(2024, 12, 31),
            province="Ninh Bình",
        )
        == []
    )


def test_moved_between_provinces_in_order(backend: Backend, library: Library) -> None:
    moves = rows(backend, library, "moved_between_provinces", person="Tạ Quang Vinh")
    assert [(r["province"], r["post"]) for r in moves] == [
        ("Hà Nam", "Phó Bí thư Thường trực Tỉnh ủy Hà Nam"),
        ("Ninh Bình", "Bí thư Tỉnh ủy Ninh Bình"),
    ]
    everyone = {r["person"] for r in rows(backend, library, "moved_between_provinces")}
    assert {"Tạ Quang Vinh", "Bùi Thanh Tùng"} <= everyone  # Bùi Thanh Tùng: Thái Bình, then Hưng Yên
    assert "Lã Văn Khiêm" not in everyone


def test_tenure_overlaps_finds_two_heads_shown_at_once(tmp_path: Path, library: Library) -> None:
    from danvan.graph.build import build_graph
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.extract import extract_document
    from danvan.loaders.read import build_document

    texts = {
        "x.txt": (dt.date(2024, 5, 2), "Tin Ninh Bình\nBà Vũ Thị Thu, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình chủ trì.\n"),
        "z.txt": (dt.date(2024, 5, 9), "Tin Ninh Bình\nÔng Hà Văn Sơn, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình dự.\n"),
        # Vũ Thị Thu is shown in the post again after Hà Văn Sơn was: two heads at once
        "w.txt": (
            dt.date(2024, 5, 20),
            "Tin Ninh Bình\nBà Vũ Thị Thu, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình phát biểu.\n",
        ),
    }
    extractions = [extract_document(build_document(n, t, published=d)) for n, (d, t) in texts.items()]
    db = tmp_path / "overlap.lbdb"
    with open_store(db) as store:
        store.write_graph(build_graph(extractions))
    with open_backend(db) as b:
        found = rows(b, library, "tenure_overlaps")
    assert [(r["post"], {r["holder"], r["other"]}) for r in found] == [(NB_HEAD, {"Vũ Thị Thu", "Hà Văn Sơn"})]


def test_no_overlap_in_the_samples_handover(backend: Backend, library: Library) -> None:
    assert rows(backend, library, "tenure_overlaps", post=NB_HEAD) == []
    assert rows(backend, library, "tenure_overlaps", post=QN_HEAD) == []


def test_time_queries_run_on_the_seeds(seed_db: Path, library: Library) -> None:
    with open_backend(seed_db) as b:
        for name in (
            "holders_on_date",
            "post_history",
            "changes_between",
            "moved_between_provinces",
            "tenure_overlaps",
        ):
            run_query(b, library.get(name), {})
        # seed 000 (read by hand): Nguyễn Công Thắng chairs as Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh
        line = rows(b, library, "post_history", post="Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh")
    assert "Nguyễn Công Thắng" in {r["holder"] for r in line}


def test_a_later_head_bounds_the_earlier_one(tmp_path: Path, library: Library) -> None:
    from danvan.graph.build import build_graph
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.extract import extract_document
    from danvan.loaders.read import build_document

    texts = {
        "x.txt": (dt.date(2024, 5, 2), "Tin Ninh Bình\nBà Vũ Thị Thu, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình chủ trì.\n"),
        "z.txt": (dt.date(2024, 5, 9), "Tin Ninh Bình\nÔng Hà Văn Sơn, Trưởng Ban Dân vận Tỉnh ủy Ninh Bình dự.\n"),
    }
    extractions = [extract_document(build_document(n, t, published=d)) for n, (d, t) in texts.items()]
    db = tmp_path / "handover.lbdb"
    with open_store(db) as store:
        store.write_graph(build_graph(extractions))
    with open_backend(db) as b:
        assert rows(b, library, "tenure_overlaps") == []
        on_date = rows(b, library, "holders_on_date", post=NB_HEAD, date="2024-05-10")
        line = rows(b, library, "post_history", post=NB_HEAD)
    assert [r["holder"] for r in on_date] == ["Hà Văn Sơn"]
    assert [(r["holder"], r["end_bound"]) for r in line] == [("Vũ Thị Thu", "2024-05-09"), ("Hà Văn Sơn", None)]
