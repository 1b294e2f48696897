"""Small hand-made extractions for the graph, store and CLI tests (no test functions here).

They mimic what the extractor produces (see graph/model.py): entity ids unique within an
article, facts between them with the evidence sentence and its offsets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.graph.ids import content_hash
from danvan.graph.model import ArticleInfo, Entity, Evidence, Extraction, Fact

BAC_NINH_POST = "Trưởng Ban Dân vận Tỉnh ủy Bắc Ninh"


class ArticleMaker:
    """Builds one extraction: ``person``, ``post``, ... add entities; ``fact`` adds a fact."""

    def __init__(self, key: str, published: str | None, place: str = "", authors: list[str] | None = None) -> None:
        self.text_parts: list[str] = []
        self.info = ArticleInfo(
            id="article:" + content_hash(key)[:16],
            path=f"{key}.txt",
            title=f"Bài {key}",
            published=dt.date.fromisoformat(published) if published else None,
            source="test",
            authors=list(authors or []),
            place=place,
            content_hash=content_hash(key),
        )
        self.entities: list[Entity] = []
        self.facts: list[Fact] = []

    def entity(self, node_label: str, name: str, **props: Any) -> str:
        entity_id = f"e{len(self.entities)}"
        self.entities.append(Entity(entity_id, node_label, name, props))
        return entity_id

    def person(self, name: str, **props: Any) -> str:
        return self.entity("Person", name, **props)

    def post(self, label: str, role: str, organization: str) -> str:
        return self.entity("Post", label, label=label, role=role, organization=organization)

    def fact(self, rel_type: str, subject: str, obj: str, sentence: str, **props: Any) -> None:
        start = sum(len(p) + 1 for p in self.text_parts)
        self.text_parts.append(sentence)
        self.facts.append(Fact(rel_type, subject, obj, Evidence(sentence, start, start + len(sentence)), props))

    def build(self) -> Extraction:
        return Extraction(self.info, list(self.entities), list(self.facts))


def bac_ninh_article(key: str, published: str, status: str = "current", name: str = "Nguyễn Công Thắng") -> Extraction:
    """An article where ``name`` holds the Bắc Ninh Ban Dân vận chief post and chairs a workshop."""
    a = ArticleMaker(key, published, place="Bắc Ninh", authors=["Việt Hùng"])
    p = a.person(name)
    post = a.post(BAC_NINH_POST, "Trưởng Ban", "Ban Dân vận Tỉnh ủy Bắc Ninh")
    org = a.entity("Organization", "Ban Dân vận Tỉnh ủy", kind="commission", level="province", place="Bắc Ninh")
    party = a.entity("Organization", "Tỉnh ủy", kind="party_committee", level="province", place="Bắc Ninh")
    place = a.entity("Place", "Bắc Ninh", kind="province", status="current")
    event = a.entity("Event", "Hội thảo công tác dân vận", kind="hội thảo", date=published, place="Bắc Ninh")
    campaign = a.entity("Campaign", "Dân vận khéo", kind="movement")
    a.fact("HOLDS", p, post, f"Đồng chí {name}, Trưởng Ban Dân vận Tỉnh ủy ({key}).", status=status)
    a.fact("POST_IN", post, org, f"Ban Dân vận Tỉnh ủy Bắc Ninh ({key}).")
    a.fact("PART_OF", org, party, f"Ban Dân vận thuộc Tỉnh ủy ({key}).")
    a.fact("BASED_IN", party, place, f"Tỉnh ủy Bắc Ninh ({key}).")
    a.fact("CHAIRED", p, event, f"{name} chủ trì hội thảo ({key}).")
    a.fact("HELD_IN", event, place, f"Hội thảo tại Bắc Ninh ({key}).")
    a.fact("RUNS", place, campaign, f"Bắc Ninh có 4.235 mô hình ({key}).", value=4235, unit="mô hình")
    return a.build()


def other_province_article(key: str, published: str, province: str, post_label: str, name: str) -> Extraction:
    """A namesake in another province holding ``post_label``."""
    a = ArticleMaker(key, published, place=province)
    p = a.person(name)
    post = a.post(post_label, "Trưởng Ban", f"Ban Dân vận Tỉnh ủy {province}")
    a.fact("HOLDS", p, post, f"Đồng chí {name} ({key}).", status="current")
    return a.build()
