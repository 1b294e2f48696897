"""The five seed articles through the real pipeline: facts checked by reading the articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from extract_helpers import Facts

from danvan.graph.model import Extraction
from danvan.graph.schema import SCHEMA
from danvan.loaders.normalize import normalize
from danvan.loaders.read import read_file


@pytest.fixture(scope="module")
def seeds(seed_extractions: list[Extraction]) -> dict[str, Facts]:
    return {Path(e.article.path).name[:3]: Facts(e) for e in seed_extractions}


def _event(facts: Facts) -> tuple[str, dict]:
    (event,) = facts.entities("Event")
    return event.id, event.properties


def test_001_chain_of_three_posts_and_shared_title_list(seeds: dict[str, Facts]) -> None:
    facts = seeds["001"]
    assert {
        ("Lê Quốc Chỉnh", "Phó Bí thư Thường trực Tỉnh ủy Nam Định"),
        ("Lê Quốc Chỉnh", "Chủ tịch Hội đồng nhân dân tỉnh Nam Định"),
        ("Lê Quốc Chỉnh", "Trưởng đoàn Đoàn đại biểu Quốc hội tỉnh Nam Định"),
    } <= facts.holds
    for member in ("Nguyễn Phùng Hoan", "Trần Anh Dũng", "Trần Minh Thắng"):
        assert (member, "Ủy viên Ban Thường vụ Tỉnh ủy Nam Định") in facts.holds
    assert ("Trần Anh Dũng", "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Nam Định") in facts.holds
    assert "Văn Huỳnh" not in facts.persons  # the byline is metadata


def test_001_event_of_23_december_2022_with_attendance_and_speech(seeds: dict[str, Facts]) -> None:
    facts = seeds["001"]
    event_id, props = _event(facts)
    assert props["date"] == dt.date(2022, 12, 23)  # "Ngày 23-12" in an article of 06/01/2023
    assert props["kind"] == "hội nghị"
    roles = {(facts.name(f.subject), f.type) for f in facts.extraction.facts if f.object == event_id}
    assert {("Lê Quốc Chỉnh", "ATTENDED"), ("Lê Quốc Chỉnh", "SPOKE_AT"), ("Trần Minh Thắng", "ATTENDED")} <= roles
    organisers = [facts.name(f.subject) for f in facts.facts("ORGANIZED")]
    assert organisers == ["Ban Dân vận Tỉnh ủy Nam Định"]


def test_002_dan_van_kheo_figures_of_bac_giang(seeds: dict[str, Facts]) -> None:
    facts = seeds["002"]
    runs = {(facts.name(f.subject), facts.name(f.object)): f.properties for f in facts.facts("RUNS")}
    figures = runs[("Bắc Giang", "Dân vận khéo")]
    assert (figures["value"], figures["unit"]) == (4235, "mô hình")
    assert figures["breakdown"].startswith("kinh tế: 1372; văn hóa - xã hội: 1659")
    assert ("Bắc Giang", "Năm dân vận chính quyền 2019") in runs
    assert facts.holds == {("Nguyễn Thị Kim Dung", "Trưởng Ban Dân vận Tỉnh ủy Bắc Giang")}
    assert facts.roles == set()  # an interview ("cho biết") is not an event


def test_003_title_before_name_and_city_committees(seeds: dict[str, Facts]) -> None:
    facts = seeds["003"]
    assert facts.holds == {
        ("Nguyễn Hoàng Long", "Phó Bí thư Thường trực Thành ủy Bắc Ninh"),
        ("Nguyễn Hoàng Long", "Chủ tịch Hội đồng nhân dân thành phố Bắc Ninh"),
        ("Nguyễn Công Vạn", "Ủy viên Ban Thường vụ Thành ủy Bắc Ninh"),
        ("Nguyễn Công Vạn", "Trưởng Ban Dân vận Thành ủy Bắc Ninh"),
    }
    _event_id, props = _event(facts)
    assert props["date"] == dt.date(2024, 7, 24)
    assert facts.roles == {
        ("Nguyễn Hoàng Long", "ATTENDED"),
        ("Nguyễn Hoàng Long", "SPOKE_AT"),
        ("Nguyễn Công Vạn", "ATTENDED"),
    }
    laws = [e.name for e in facts.entities("Document") if e.properties["kind"] == "luật"]
    assert laws == ["Luật thực hiện dân chủ ở cơ sở năm 2022"]


def test_004_three_chairs_and_documents(seeds: dict[str, Facts]) -> None:
    facts = seeds["004"]
    chairs = {name for name, role in facts.roles if role == "CHAIRED"}
    assert chairs == {"Vũ Xuân Cường", "Lý Thị Vinh", "Giàng Thị Dung"}
    assert ("Vũ Xuân Cường", "SPOKE_AT") in facts.roles
    issued = {(facts.name(f.object), facts.name(f.subject)) for f in facts.facts("ISSUED")}
    assert issued == {("Đề án số 17", "Ban Chấp hành Đảng bộ tỉnh Lào Cai"), ("Kế hoạch số 83", "Tỉnh ủy Lào Cai")}
    assert [facts.name(f.subject) for f in facts.facts("ORGANIZED")] == ["Tỉnh ủy Lào Cai"]


def test_000_chair_of_the_workshop_in_the_headline(seeds: dict[str, Facts]) -> None:
    facts = seeds["000"]
    assert facts.roles == {("Nguyễn Công Thắng", "CHAIRED")}
    assert ("Nguyễn Công Thắng", "Ủy viên Ban Thường vụ Tỉnh ủy Bắc Ninh") in facts.holds
    _event_id, props = _event(facts)
    assert (props["kind"], props["date"]) == ("hội thảo", dt.date(2024, 6, 19))


def test_every_fact_has_evidence_offsets_into_the_original_text(seed_files: list[Path]) -> None:
    from danvan.loaders.extract import extract_document

    checked = 0
    for path in seed_files:
        for doc in read_file(path):
            extraction = extract_document(doc)
            for fact in extraction.facts:
                ev = fact.evidence
                assert normalize(doc.raw[ev.start : ev.end]) == ev.sentence
                assert doc.raw[ev.start : ev.end] == path.read_text(encoding="utf-8-sig")[ev.start : ev.end]
                checked += 1
    assert checked > 50


def test_entities_and_facts_follow_the_schema(seed_extractions: list[Extraction]) -> None:
    for extraction in seed_extractions:
        labels = {e.id: e.type for e in extraction.entities}
        assert len(labels) == len(extraction.entities)  # ids unique within an extraction
        for fact in extraction.facts:
            rel = SCHEMA.rel(fact.type)
            assert (labels[fact.subject], labels[fact.object]) in rel.endpoints
            assert set(fact.properties) <= set(rel.property_names)
        for entity in extraction.entities:
            if entity.type == "Post":
                assert entity.properties["label"] == entity.name
                assert any(f.type == "POST_IN" and f.subject == entity.id for f in extraction.facts)


def test_ids_are_deterministic_and_posts_merge_across_articles(seed_files: list[Path]) -> None:
    from danvan.loaders.extract import extract_document

    first = [extract_document(d).to_json() for p in seed_files for d in read_file(p)]
    second = [extract_document(d).to_json() for p in seed_files for d in read_file(p)]
    assert first == second
    posts = {}
    for extraction in first:
        for entity in extraction["entities"]:
            if entity["type"] == "Post":
                posts.setdefault(entity["name"], set()).add(entity["id"])
    assert all(len(ids) == 1 for ids in posts.values())
