"""Every canned query on the embedded store built from the five seed articles.

The expected values are facts read from the seed articles themselves (who holds which post, who
took part in which event, which figures are reported), not output of the code:

- 000 (Bắc Ninh, 19/6/2024): Nguyễn Công Thắng, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy,
  chairs a workshop (hội thảo).
- 001 (Nam Định, 06/01/2023): a conference on 23-12 (2022) organised by the Ban Dân vận Tỉnh ủy,
  attended by Lê Quốc Chỉnh (Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh, Trưởng đoàn Đoàn
  ĐBQH tỉnh; he also speaks), and the Standing Committee members Nguyễn Phùng Hoan (Phó Chủ tịch
  Thường trực HĐND tỉnh), Trần Anh Dũng (Phó Chủ tịch Thường trực UBND tỉnh) and Trần Minh Thắng
  (Trưởng Ban Dân vận Tỉnh ủy).
- 002 (Bắc Giang, 2019): Nguyễn Thị Kim Dung heads the Ban Dân vận Tỉnh ủy; 4,235 "Dân vận khéo"
  models; "Năm dân vận chính quyền" 2019.
- 003 (thành phố Bắc Ninh, 24/7/2024): a conference of the city's Ban Dân vận Thành ủy with Nguyễn
  Hoàng Long (Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố; he speaks) and Nguyễn Công
  Vạn (Ủy viên BTV Thành ủy, Trưởng Ban Dân vận Thành ủy); 126 "Dân vận khéo" models.
- 004 (Lào Cai, 25/3/2023): a workshop chaired by Vũ Xuân Cường (Phó Bí thư Thường trực Tỉnh ủy),
  Lý Thị Vinh (Ủy viên BTV, Trưởng Ban Dân vận Tỉnh ủy) and Giàng Thị Dung (Phó Chủ tịch UBND tỉnh).
- 1 July 2025: Bắc Giang merges into Bắc Ninh, Nam Định into Ninh Bình; Bắc Ninh and Lào Cai remain.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from danvan.graph import ids
from danvan.queries.catalog import Library, load_library
from danvan.queries.runner import Backend, open_backend, run_query

NAM_DINH = {"Lê Quốc Chỉnh", "Nguyễn Phùng Hoan", "Trần Anh Dũng", "Trần Minh Thắng"}
#: Everyone the seed articles give a post.
OFFICIALS = NAM_DINH | {
    "Nguyễn Công Thắng", "Nguyễn Thị Kim Dung", "Nguyễn Hoàng Long", "Nguyễn Công Vạn",
    "Vũ Xuân Cường", "Lý Thị Vinh", "Giàng Thị Dung",
}  # fmt: skip


def fold(text: Any) -> str:
    """Comparison form used by the scorers: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def backend(seed_db: Path) -> Iterator[Backend]:
    with open_backend(seed_db) as b:
        yield b


def rows(backend: Backend, library: Library, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(backend, library.get(name), params).records()


def article_id(seeds_dir: Path, prefix: str) -> str:
    """A seed's id: it has no address, so its location (folder name and file name) gives it."""
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return ids.article_id(location=f"{seeds_dir.name}/{path.name}")


def test_every_query_gives_rows_with_its_defaults(backend: Backend, library: Library) -> None:
    empty = {q.name for q in library if not run_query(backend, q).rows}
    # no two people in the seeds share a name; the seeds state no start, end or term, no one holds posts in
    # two provinces and no post has two heads at once
    assert empty == {"possible_duplicates", "changes_between", "moved_between_provinces", "tenure_overlaps"}


def test_empty_name_defaults_cover_everyone(backend: Backend, library: Library) -> None:
    assert {r["person"] for r in rows(backend, library, "officials_in_province")} == OFFICIALS
    assert {r["person"] for r in rows(backend, library, "posts_of_person")} == OFFICIALS
    # both names empty: the holdings of the most connected person, all from the Nam Định article
    facts = rows(backend, library, "fact_sources")
    assert {(r["subject"], r["relation"]) for r in facts} == {("Lê Quốc Chỉnh", "HOLDS")}
    assert len(facts) == 3
    # only the object given: everyone who holds it
    members = rows(backend, library, "fact_sources", object="Ủy viên Ban Thường vụ Tỉnh ủy Nam Định")
    assert {r["subject"] for r in members} == NAM_DINH - {"Lê Quốc Chỉnh"}
    # three Standing Committee members of Nam Định share one post
    shared = [r for r in rows(backend, library, "post_holders")
              if fold(r["post"]) == fold("Ủy viên Ban Thường vụ Tỉnh ủy Nam Định")]  # fmt: skip
    assert {r["holder"] for r in shared} == NAM_DINH - {"Lê Quốc Chỉnh"}
    assert {r["holders"] for r in shared} == {3}
    assert rows(backend, library, "post_holders", min_holders=4) == []
    # the defaults connect the most connected person (three posts, attended and spoke) to someone
    [path] = rows(backend, library, "shortest_connection")
    assert path["person_a"] == "Lê Quốc Chỉnh"


def test_officials_in_province(backend: Backend, library: Library) -> None:
    nam_dinh = rows(backend, library, "officials_in_province", province="Nam Định")
    assert {r["person"] for r in nam_dinh} == NAM_DINH
    pairs = {(r["person"], fold(r["post"])) for r in nam_dinh}
    assert ("Trần Minh Thắng", fold("Trưởng Ban Dân vận Tỉnh ủy Nam Định")) in pairs
    assert ("Nguyễn Phùng Hoan", fold("Phó Chủ tịch Thường trực Hội đồng nhân dân tỉnh Nam Định")) in pairs
    assert ("Trần Anh Dũng", fold("Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Nam Định")) in pairs
    # the default province, Bắc Ninh, spelt in lower case: nobody from Nam Định or Lào Cai
    bac_ninh = rows(backend, library, "officials_in_province", province="bắc ninh")
    people = {r["person"] for r in bac_ninh}
    assert "Nguyễn Công Thắng" in people
    assert not people & (NAM_DINH | {"Vũ Xuân Cường", "Lý Thị Vinh", "Giàng Thị Dung"})


def test_officials_in_province_takes_in_the_units_merged_into_it(backend: Backend, library: Library) -> None:
    # Bắc Giang merged into Bắc Ninh and Nam Định into Ninh Bình on 1 July 2025: asking for the new
    # province also lists the officials the articles place in the former one, labelled with it.
    bac_ninh = rows(backend, library, "officials_in_province", province="Bắc Ninh")
    assert ("Nguyễn Thị Kim Dung", "bắc giang") in {(r["person"], fold(r["province"])) for r in bac_ninh}
    assert ("Nguyễn Công Thắng", "bắc ninh") in {(r["person"], fold(r["province"])) for r in bac_ninh}
    ninh_binh = rows(backend, library, "officials_in_province", province="ninh bình")
    assert {r["person"] for r in ninh_binh} == NAM_DINH
    # the former unit alone does not take in its successor's other units
    bac_giang = {r["person"] for r in rows(backend, library, "officials_in_province", province="Bắc Giang")}
    assert "Nguyễn Thị Kim Dung" in bac_giang and "Nguyễn Công Thắng" not in bac_giang


def test_posts_of_person_with_dates_and_sources(backend: Backend, library: Library, seeds_dir: Path) -> None:
    result = rows(backend, library, "posts_of_person", person="Lê Quốc Chỉnh")
    assert {fold(r["post"]) for r in result} == {
        fold("Phó Bí thư Thường trực Tỉnh ủy Nam Định"),
        fold("Chủ tịch Hội đồng nhân dân tỉnh Nam Định"),
        fold("Trưởng đoàn Đoàn đại biểu Quốc hội tỉnh Nam Định"),
    }
    source = article_id(seeds_dir, "001")
    for r in result:
        assert r["first_seen"] == r["last_seen"] == dt.date(2023, 1, 6)  # the article's date
        assert r["sources"] == [source]
        assert r["status"] == "current"


def test_post_holders(backend: Backend, library: Library) -> None:
    bac_ninh = rows(backend, library, "post_holders", post="Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh")
    assert [(r["holder"], r["first_seen"]) for r in bac_ninh] == [("Nguyễn Công Thắng", dt.date(2024, 6, 19))]
    lao_cai = rows(backend, library, "post_holders", post="trưởng ban dân vận tỉnh ủy lào cai")
    assert [(r["holder"], r["first_seen"], r["articles"]) for r in lao_cai] == [
        ("Lý Thị Vinh", dt.date(2023, 3, 25), 1)
    ]


def test_concurrent_posts(backend: Backend, library: Library) -> None:
    two = rows(backend, library, "concurrent_posts")
    assert {r["person"] for r in two} == {
        "Nguyễn Công Thắng", "Lê Quốc Chỉnh", "Nguyễn Phùng Hoan", "Trần Anh Dũng", "Trần Minh Thắng",
        "Nguyễn Hoàng Long", "Nguyễn Công Vạn", "Lý Thị Vinh",
    }  # fmt: skip
    assert two[0]["person"] == "Lê Quốc Chỉnh" and two[0]["posts"] == 3  # busiest first
    three = rows(backend, library, "concurrent_posts", min_posts=3)
    assert {r["person"] for r in three} == {"Lê Quốc Chỉnh"}
    assert len(three) == 3


def test_ban_dan_van_heads(backend: Backend, library: Library) -> None:
    heads = {(fold(r["post"]), r["person"]) for r in rows(backend, library, "ban_dan_van_heads")}
    assert heads == {
        (fold("Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh"), "Nguyễn Công Thắng"),
        (fold("Trưởng Ban Dân vận Thành ủy Bắc Ninh"), "Nguyễn Công Vạn"),
        (fold("Trưởng Ban Dân vận Tỉnh ủy Nam Định"), "Trần Minh Thắng"),
        (fold("Trưởng Ban Dân vận Tỉnh ủy Bắc Giang"), "Nguyễn Thị Kim Dung"),
        (fold("Trưởng Ban Dân vận Tỉnh ủy Lào Cai"), "Lý Thị Vinh"),
    }


def test_person_events(backend: Backend, library: Library) -> None:
    chinh = rows(backend, library, "person_events", person="Lê Quốc Chỉnh")
    assert {(r["role"], r["date"]) for r in chinh} == {
        ("ATTENDED", dt.date(2022, 12, 23)),  # "Ngày 23-12" in an article of 06/01/2023
        ("SPOKE_AT", dt.date(2022, 12, 23)),
    }
    assert len({r["event"] for r in chinh}) == 1
    thang = rows(backend, library, "person_events", person="Nguyễn Công Thắng")
    assert [r["role"] for r in thang] == ["CHAIRED"]
    assert fold(thang[0]["kind"]) == "hội thảo"
    cuong = rows(backend, library, "person_events", person="Vũ Xuân Cường")
    assert "CHAIRED" in {r["role"] for r in cuong}


def test_co_attendance(backend: Backend, library: Library) -> None:
    chinh = rows(backend, library, "co_attendance", person="Lê Quốc Chỉnh")
    assert {r["met"] for r in chinh} == NAM_DINH - {"Lê Quốc Chỉnh"}
    assert {r["date"] for r in chinh} == {dt.date(2022, 12, 23)}
    cuong = rows(backend, library, "co_attendance", person="Vũ Xuân Cường")
    assert {r["met"] for r in cuong} == {"Lý Thị Vinh", "Giàng Thị Dung"}
    pairs = {frozenset((r["person"], r["met"])) for r in rows(backend, library, "co_attendance")}
    assert frozenset(("Nguyễn Hoàng Long", "Nguyễn Công Vạn")) in pairs
    # each pair once, and nobody met across provinces: every seed event is in a different one
    assert len(pairs) == len(rows(backend, library, "co_attendance"))
    assert frozenset(("Lê Quốc Chỉnh", "Nguyễn Công Thắng")) not in pairs


def test_events_in_range(backend: Backend, library: Library) -> None:
    december = rows(backend, library, "events_in_range", date_from="2022-12-01", date_to="2022-12-31")
    assert [(r["date"], r["participants"]) for r in december] == [(dt.date(2022, 12, 23), 4)]
    assert "nam định" in fold(december[0]["place"])
    in_2024 = rows(backend, library, "events_in_range", date_from="2024-01-01", date_to="2024-12-31")
    assert {dt.date(2024, 6, 19), dt.date(2024, 7, 24)} <= {r["date"] for r in in_2024}
    assert all(dt.date(2024, 1, 1) <= r["date"] <= dt.date(2024, 12, 31) for r in in_2024)
    # Nam Định merged into Ninh Bình on 1 July 2025: the new province finds the 23-12-2022 conference.
    ninh_binh = rows(backend, library, "events_in_range", place="Ninh Bình")
    assert [(r["date"], fold(r["place"])) for r in ninh_binh] == [(dt.date(2022, 12, 23), fold(december[0]["place"]))]
    lao_cai = rows(backend, library, "events_in_range", place="lào cai")
    assert len(lao_cai) == 1 and lao_cai[0]["participants"] == 3
    assert fold(lao_cai[0]["kind"]) == "hội thảo"


def test_campaign_runners(backend: Backend, library: Library) -> None:
    kheo = rows(backend, library, "campaign_runners", campaign="dân vận khéo")
    figures = {(fold(r["runner"]), r["value"], r["unit"]) for r in kheo if r["value"] is not None}
    assert any("bắc giang" in runner and value == 4235 and unit == "mô hình" for runner, value, unit in figures)
    assert any("bắc ninh" in runner and value == 126 for runner, value, _ in figures)
    runners = {fold(r["runner"]) for r in kheo}
    assert any("nam định" in r for r in runners)  # runs it, no figure reported
    chinh_quyen = rows(backend, library, "campaign_runners", campaign="Năm dân vận chính quyền")
    assert any("bắc giang" in fold(r["runner"]) for r in chinh_quyen)


def test_organisation_tree(backend: Backend, library: Library) -> None:
    tree = rows(backend, library, "organisation_tree", root="Tỉnh ủy Nam Định")
    assert (1, fold("Tỉnh ủy Nam Định"), fold("Ban Dân vận Tỉnh ủy Nam Định")) in {
        (r["depth"], fold(r["parent"]), fold(r["organization"])) for r in tree
    }
    assert all("nam định" in fold(r["organization"]) for r in tree)
    lao_cai = rows(backend, library, "organisation_tree", root="Tỉnh ủy Lào Cai")
    assert fold("Ban Dân vận Tỉnh ủy Lào Cai") in {fold(r["organization"]) for r in lao_cai}


def test_shortest_connection(backend: Backend, library: Library) -> None:
    # Two people at the same conference and with no common post: two steps, through the event.
    [path] = rows(backend, library, "shortest_connection", person_a="Lê Quốc Chỉnh", person_b="Trần Minh Thắng")
    assert path["steps"] == 2
    assert path["chain"][0] == "Lê Quốc Chỉnh" and path["chain"][-1] == "Trần Minh Thắng"
    assert set(path["links"]) <= {"ATTENDED", "SPOKE_AT"}
    # Two Standing Committee members of Nam Định: two steps as well (a shared post or the conference)
    [path] = rows(backend, library, "shortest_connection", person_a="Trần Anh Dũng", person_b="Nguyễn Phùng Hoan")
    assert path["steps"] == 2
    # Nobody is connected to a name that is not in the graph
    assert rows(backend, library, "shortest_connection", person_a="Lê Quốc Chỉnh", person_b="Không Có Ai") == []


def test_most_connected(backend: Backend, library: Library) -> None:
    ranking = rows(backend, library, "most_connected")
    top = ranking[0]
    assert (top["person"], top["posts"]) == ("Lê Quốc Chỉnh", 3)  # three posts, attended and spoke
    assert top["met"] == 3
    assert [r["links"] for r in ranking] == sorted((r["links"] for r in ranking), reverse=True)
    assert len(rows(backend, library, "most_connected", limit=2)) == 2
    # bylines are not officials
    assert not {"Văn Huỳnh", "Việt Hùng", "Minh Khang"} & {r["person"] for r in ranking}


def test_fact_sources(backend: Backend, library: Library, seeds_dir: Path) -> None:
    # relation: HOLDS by default
    [row] = rows(
        backend, library, "fact_sources",
        subject="Nguyễn Công Thắng", object="Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh",
    )  # fmt: skip
    assert row["article"] == article_id(seeds_dir, "000")
    assert row["published"] == dt.date(2024, 6, 19)
    assert "Nguyễn Công Thắng" in row["evidence"]
    [row] = rows(
        backend, library, "fact_sources",
        subject="Lê Quốc Chỉnh", relation="holds", object="Chủ tịch Hội đồng nhân dân tỉnh Nam Định",
    )  # fmt: skip
    assert row["article"] == article_id(seeds_dir, "001")
    # the evidence offsets point into the article's original text
    text = next(seeds_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    start = row["evidence_start"]
    assert text[start : start + len(row["evidence"])] == row["evidence"]
    assert "Chủ tịch HĐND tỉnh" in row["evidence"]
    assert rows(
        backend, library, "fact_sources",
        subject="Lê Quốc Chỉnh", relation="CHAIRED", object="Chủ tịch Hội đồng nhân dân tỉnh Nam Định",
    ) == []  # fmt: skip


def test_merger_2025(backend: Backend, library: Library) -> None:
    result = rows(backend, library, "merger_2025")
    pairs = {(fold(r["merged_into"]), fold(r["former_unit"])) for r in result}
    assert {("bắc ninh", "bắc giang"), ("ninh bình", "nam định")} <= pairs
    assert not {former for _, former in pairs} & {"bắc ninh", "lào cai"}  # they survive
    assert all(r["effective"] in (None, dt.date(2025, 7, 1)) for r in result)
    bac_giang = rows(backend, library, "merger_2025", province="Bắc Giang")
    assert {fold(r["merged_into"]) for r in bac_giang} == {"bắc ninh"}
    assert any(r["organization"] and "bắc giang" in fold(r["organization"]) for r in bac_giang)
    # 002: "Huyện ủy Lục Nam ban hành Kế hoạch ..." - a committee of a district of Bắc Giang (LOCATED_IN)
    assert ("Huyện ủy Lục Nam", "party_committee") in {(r["organization"], r["kind"]) for r in bac_giang}


def test_possible_duplicates_none_among_the_seeds(backend: Backend, library: Library) -> None:
    # No two different people in the seed articles share a name.
    assert rows(backend, library, "possible_duplicates") == []
