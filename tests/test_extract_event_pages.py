"""Events and event roles on real dân vận pages (../shared/corpus/danvan_pages.jsonl), loaded by record id.

Every record used here is outside the held-out pool (the sha256 digest of its id does not start with 0-3), so the
rules these tests pin were written from development text only. The sentences stay in ../shared; the tests name
the records and check the facts read from them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from conftest import SHARED
from danvan.graph.model import Extraction
from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document

PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
ROLE_TYPES = ("CHAIRED", "ATTENDED", "SPOKE_AT")


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[int, dict[str, object]]]:
    if not PAGES.is_file():
        pytest.skip(f"dân vận pages not found at {PAGES} (../shared is not beside the repository)")
    records: dict[str, tuple[int, dict[str, object]]] = {}
    with PAGES.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            record = json.loads(line)
            records[str(record["id"])] = (number, record)
    return records


def extract(pages: dict[str, tuple[int, dict[str, object]]], record_id: str) -> Extraction:
    # the held-out pool is never read by a test that pins a rule
    assert hashlib.sha256(record_id.encode()).hexdigest()[0] not in "0123", f"{record_id} is held out"
    if record_id not in pages:
        pytest.skip(f"record {record_id} is not in {PAGES.name}")
    number, record = pages[record_id]
    return extract_document(record_document(str(PAGES), number, record))


def roles(extraction: Extraction) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in extraction.entities}
    return {(names[f.subject], f.type) for f in extraction.facts if f.type in ROLE_TYPES}


def events(extraction: Extraction) -> set[tuple[str, dt.date | None]]:
    return {(e.properties["kind"], e.properties.get("date")) for e in extraction.entities if e.type == "Event"}


def test_attendance_list_items_split_by_semicolons_with_titles_after_the_names(pages: dict) -> None:
    # "Tham dự Đại hội có bà A, <titles>; ông B, <titles>; ông C, ...; ông D, ..."; A also speaks later
    found = roles(extract(pages, "9ad176bf16981bb0"))
    assert {
        ("Nguyễn Phạm Duy Trang", "ATTENDED"),
        ("Nguyễn Phạm Duy Trang", "SPOKE_AT"),
        ("Võ Văn Minh", "ATTENDED"),
        ("Nguyễn Văn Lộc", "ATTENDED"),
        ("Mai Hùng Dũng", "ATTENDED"),
    } <= found
    # the newly elected youth union officials named in the lead did not attend as guests
    assert not {r for r in found if r[0] in ("Trần Thị Diễm Trinh", "Trần Bảo Lâm")}


def test_attendance_list_with_titles_before_the_names_and_former_posts(pages: dict) -> None:
    # "Dự họp mặt có nguyên ... A; nguyên ..., Trưởng Ban Liên lạc B; nguyên ... C." then "Về phía tỉnh có ..."
    extraction = extract(pages, "7fcfe8bd68e485a9")
    found = roles(extraction)
    for name in ("Trương Mỹ Hoa", "Nguyễn Thị Hoài Thu", "Trần Thế Ngọc", "Nguyễn Văn Danh", "Lê Văn Nghĩa"):
        assert (name, "ATTENDED") in found
    assert ("Nguyễn Thị Hoài Thu", "SPOKE_AT") in found  # "Tại buổi họp mặt, đồng chí B báo cáo ..."
    assert events(extraction) == {("buổi họp mặt", dt.date(2020, 1, 12))}


def test_a_title_the_title_finder_cut_short_still_leads_to_the_verb(pages: dict) -> None:
    # "Ông A, Ủy viên ..., Chủ tịch ..., Phó Chủ tịch Hội đồng Thi đua ... trung ương phát biểu tại lễ phát động"
    extraction = extract(pages, "d644ae3a458fb936")
    assert roles(extraction) == {("Nguyễn Đình Khang", "SPOKE_AT")}
    assert {kind for kind, _date in events(extraction)} == {"lễ phát động"}


def test_attends_and_chairs_after_abbreviated_titles_is_chairing(pages: dict) -> None:
    # "A, UVT.Ư Đảng, Bí thư Tỉnh ủy, Trưởng đoàn Đại biểu Quốc hội tỉnh dự và chủ trì hội nghị"
    assert roles(extract(pages, "43914dbadeaae380")) == {("Nguyễn Thị Thanh", "CHAIRED")}


def test_congress_guests_reports_and_a_venue_named_hoi_nghi(pages: dict) -> None:
    extraction = extract(pages, "27715819c3ec3906")
    found = roles(extraction)
    # "Đại hội cũng vinh dự đón A; B; ...; K... cùng nhiều lãnh đạo ... tham dự"
    for name in ("Nông Đức Mạnh", "Lương Cường", "Phạm Minh Chính", "Trần Thanh Mẫn", "Nguyễn Sinh Hùng"):
        assert (name, "ATTENDED") in found
    # "<titles> Hoàng Trọng Quyết báo cáo kết quả thẩm tra tư cách đại biểu"
    assert ("Hoàng Trọng Quyết", "SPOKE_AT") in found
    assert ("Tô Lâm", "ATTENDED") in found and ("Tô Lâm", "SPOKE_AT") in found
    # "tại Trung tâm Hội nghị Quốc gia" is where the congress met, not a second event
    assert events(extraction) == {("đại hội", dt.date(2025, 10, 16))}


def test_members_of_a_congress_committee_are_not_its_guests(pages: dict) -> None:
    # "Ban Thẩm tra tư cách đại biểu tham dự Đại hội gồm 5 người, do bà A ... làm Trưởng ban"
    found = roles(extract(pages, "9321ede5f20e80f0"))
    assert found == {("Lương Nguyễn Minh Triết", "SPOKE_AT"), ("Phạm Đức Ấn", "SPOKE_AT")}


def test_a_congress_being_prepared_is_no_event(pages: dict) -> None:
    # the headline's "duyệt Đại hội", "cách thức tổ chức đại hội", "Đại hội ... sẽ diễn ra vào ngày 19/11/2025"
    extraction = extract(pages, "26f7f57bfd2d9ca3")
    assert events(extraction) == {("hội nghị", dt.date(2025, 11, 6))}
    assert roles(extraction) == {("Nguyễn Tường Lâm", "CHAIRED")}


def test_the_date_marker_of_an_undated_excerpt_gives_the_year(pages: dict) -> None:
    # " date 2025-04 Sáng 22/4, ... tổ chức Hội nghị báo cáo viên"; the excerpt has no publication date
    extraction = extract(pages, "1f78019720cda2e4")
    assert extraction.article.published is None
    assert events(extraction) == {("hội nghị", dt.date(2025, 4, 22))}
    assert roles(extraction) == {("Trần Khắc Thắng", "SPOKE_AT")}


def test_a_date_far_from_the_event_mention_does_not_date_it(pages: dict) -> None:
    # the congress sentence also names "từ ngày 1-7-2025" (when the two-level government began)
    assert events(extract(pages, "8f4829baf3022605")) == {("đại hội", dt.date(2025, 9, 27))}


def test_the_next_sitting_of_a_congress_does_not_date_it(pages: dict) -> None:
    # "Đại hội tiếp tục diễn ra vào sáng ngày 22-9" in an article of 21/09/2023
    extraction = extract(pages, "00cd3a7126c23d7f")
    assert events(extraction) == {("đại hội", dt.date(2023, 9, 21))}
    assert roles(extraction) == {
        ("Vũ Quốc Huy", "ATTENDED"),
        ("Nguyễn Thị Thủy", "ATTENDED"),
        ("Đỗ Tấn Hùng", "ATTENDED"),
    }


def test_vinh_du_is_an_honour_not_attendance(pages: dict) -> None:
    # "Phát biểu nhận nhiệm vụ, thay mặt ..., Bí thư Tỉnh ủy A bày tỏ, đây là vinh dự, ..."
    assert roles(extract(pages, "c9e0b2c4783183e1")) == {("Hoàng Quốc Khánh", "SPOKE_AT")}


def test_the_national_unity_festival_is_an_event(pages: dict) -> None:
    extraction = extract(pages, "4b2ea9a9072d69db")
    assert {kind for kind, _date in events(extraction)} == {"ngày hội"}
    assert roles(extraction) == {("Nguyễn Văn Sơn", "ATTENDED")}


def test_on_behalf_of_a_body_between_the_titles_and_the_verb(pages: dict) -> None:
    # "Ông A, <titles> thay mặt Bộ Chính trị, Ban Bí thư Trung ương Đảng dự và chỉ đạo Đại hội";
    # "Tại Đại hội, <title> B đã công bố Quyết định ..."
    assert roles(extract(pages, "2253ced9779f4b71")) == {
        ("Nguyễn Duy Ngọc", "ATTENDED"),
        ("Nguyễn Quang Dương", "SPOKE_AT"),
    }


def test_the_person_elected_after_a_vote_did_not_attend_by_that_sentence(pages: dict) -> None:
    # "100% đại biểu tham dự hội nghị đã biểu quyết, hiệp thương cử bà A": A is elected; she speaks later
    assert roles(extract(pages, "5146f03cee870d82")) == {("Hà Thị Nga", "SPOKE_AT")}


def test_an_excerpt_starting_with_the_attendance_of_a_ceremony(pages: dict) -> None:
    # the excerpt starts mid-article: "Dự lễ về phía Trung ương có các đồng chí: A-...; B-..."
    extraction = extract(pages, "83321b31367508f3")
    assert {kind for kind, _date in events(extraction)} == {"lễ"}
    assert {("Nguyễn Trọng Nghĩa", "ATTENDED"), ("Ngô Đông Hải", "ATTENDED"), ("Hồ Văn Niên", "ATTENDED")} <= roles(
        extraction
    )


def test_a_visit_with_a_speech_and_no_event_gives_no_roles(pages: dict) -> None:
    # a delegation visits and congratulates; the only "Đại hội" is the one whose resolution is cited
    extraction = extract(pages, "6ad245c41d8de99c")
    assert roles(extraction) == set()
    assert events(extraction) == set()
