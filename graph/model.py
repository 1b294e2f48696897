"""Plain data passed from extraction to the graph: an article, its entities, its facts.

This is the extraction contract (``danvan extract`` writes it as JSON Lines) and the only
thing the graph builder reads. It lives in ``graph`` so that ``graph`` depends on nothing
else; ``loaders`` produce it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from danvan.graph.schema import SCHEMA


@dataclass(frozen=True)
class Evidence:
    """The sentence behind a fact: offsets are into the article's *original* file text."""

    sentence: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass
class ArticleInfo:
    id: str
    path: str
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    authors: list[str] = field(default_factory=list)
    place: str = ""
    url: str = ""
    content_hash: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "authors": list(self.authors),
            "place": self.place,
            "url": self.url,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleInfo:
        published = data.get("published")
        return cls(
            id=data["id"],
            path=data.get("path", ""),
            title=data.get("title", ""),
            published=dt.date.fromisoformat(published) if published else None,
            source=data.get("source", ""),
            authors=list(data.get("authors", [])),
            place=data.get("place", ""),
            url=data.get("url", ""),
            content_hash=data.get("content_hash", ""),
        )


@dataclass
class Entity:
    """A thing named in one article.

    ``id`` is deterministic and article-independent where the entity's identity is
    (posts, organisations, places, campaigns, documents); persons and events get ids the
    graph builder may merge across articles. ``properties`` holds the schema properties of
    the entity's label (e.g. ``kind``, ``level``, ``place`` for an Organization); a Post
    also has ``label``, its full title with organisation and place spelled out.
    """

    id: str
    type: str
    name: str
    properties: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        SCHEMA.node(self.type)  # fail early on a label the schema does not know

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name, **_jsonable(self.properties)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        props = {k: v for k, v in data.items() if k not in ("id", "type", "name")}
        return cls(id=data["id"], type=data["type"], name=data["name"], properties=props)


@dataclass
class Fact:
    """A relationship stated by one article, with the sentence that supports it."""

    type: str
    subject: str
    object: str
    evidence: Evidence
    properties: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        SCHEMA.rel(self.type)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "object": self.object,
            "properties": _jsonable(self.properties),
            "evidence": self.evidence.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        ev = data["evidence"]
        return cls(
            type=data["type"],
            subject=data["subject"],
            object=data["object"],
            properties=dict(data.get("properties", {})),
            evidence=Evidence(ev["sentence"], int(ev["start"]), int(ev["end"])),
        )


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: ArticleInfo
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "facts": [f.to_json() for f in self.facts],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=ArticleInfo.from_json(data["article"]),
            entities=[Entity.from_json(e) for e in data.get("entities", [])],
            facts=[Fact.from_json(f) for f in data.get("facts", [])],
        )


def _jsonable(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, dt.date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out
