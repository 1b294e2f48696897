"""The extractor on real news that is mostly not about officials: no crash, sane output."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

from danvan.graph.schema import SCHEMA
from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document


def test_first_corpus_articles_extract_without_errors(corpus_file: Path) -> None:
    entity_count = 0
    with corpus_file.open(encoding="utf-8") as stream:
        for number, line in enumerate(islice(stream, 400), 1):
            doc = record_document(str(corpus_file), number, json.loads(line))
            extraction = extract_document(doc)
            ids = {e.id: e.type for e in extraction.entities}
            for fact in extraction.facts:
                assert (ids[fact.subject], ids[fact.object]) in SCHEMA.rel(fact.type).endpoints
                assert doc.text[fact.evidence.start : fact.evidence.end] == fact.evidence.sentence
            entity_count += len(extraction.entities)
    assert entity_count > 0


def test_empty_and_odd_documents() -> None:
    from danvan.loaders.read import build_document

    for text in ("", "\n\n", "x", "Ông Ông Ông", "Đồng chí , , ; : Trưởng Ban", "Chủ tịch " * 500):
        extraction = extract_document(build_document("odd.txt", text))
        assert extraction.article.path == "odd.txt"
