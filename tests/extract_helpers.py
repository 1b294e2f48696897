"""Helpers for the extraction tests: run the real reader and extractor on short texts written for the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danvan.graph.model import Extraction
from danvan.loaders.extract import extract_document
from danvan.loaders.read import build_document

ROLE_TYPES = ("CHAIRED", "ATTENDED", "SPOKE_AT")


@dataclass
class Facts:
    extraction: Extraction

    def name(self, entity_id: str) -> str:
        return next(e.name for e in self.extraction.entities if e.id == entity_id)

    def entity(self, entity_id: str):  # -> graph.model.Entity
        return next(e for e in self.extraction.entities if e.id == entity_id)

    @property
    def persons(self) -> set[str]:
        return {e.name for e in self.extraction.entities if e.type == "Person"}

    @property
    def holds(self) -> set[tuple[str, str]]:
        return {(self.name(f.subject), self.name(f.object)) for f in self.extraction.facts if f.type == "HOLDS"}

    @property
    def holds_status(self) -> set[tuple[str, str, str]]:
        return {
            (self.name(f.subject), self.name(f.object), f.properties["status"])
            for f in self.extraction.facts
            if f.type == "HOLDS"
        }

    @property
    def roles(self) -> set[tuple[str, str]]:
        return {(self.name(f.subject), f.type) for f in self.extraction.facts if f.type in ROLE_TYPES}

    def facts(self, rel_type: str) -> list:  # list[graph.model.Fact]
        return [f for f in self.extraction.facts if f.type == rel_type]

    def entities(self, label: str) -> list:  # list[graph.model.Entity]
        return [e for e in self.extraction.entities if e.type == label]


def extract_text(text: str, published: dt.date | None = dt.date(2024, 5, 10)) -> Facts:
    """Read ``text`` as a .txt article (headline on the first line) and extract its facts."""
    doc = build_document("test.txt", text, published=published)
    return Facts(extract_document(doc))
