"""The resolution gold (tests/gold/resolution.json) points at real text: every name is where it says, in the
corpus it names; it is large and varied enough for the targets of issue 10; it holds no sentences."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED

GOLD = Path(__file__).parent / "gold" / "resolution.json"
SOURCES = {"baomoi": ("baomoi_2017_sample.jsonl", "body"), "pages": ("danvan_pages.jsonl", "text")}


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_sizes_and_variety(gold: dict) -> None:
    persons, orgs = gold["persons"], gold["organizations"]
    assert len(persons) >= 400 and len(orgs) >= 150
    for mentions in (persons, orgs):
        assert {m["doc"].split(":")[0] for m in mentions} == {"baomoi", "pages"}
        assert set(mentions[0]) == {"doc", "name", "start", "cluster"}
        assert all(len(m["name"]) <= 80 for m in mentions)  # names, never sentences
    clusters = Counter(m["cluster"] for m in persons)
    # namesakes: several clusters whose mentions share one name
    names_per_cluster: dict[str, set[str]] = {}
    for m in persons:
        names_per_cluster.setdefault(m["cluster"], set()).add(m["name"])
    by_name = Counter(name for names in names_per_cluster.values() for name in names)
    assert sum(1 for n in by_name.values() if n >= 3) >= 8
    # spelling variants inside one cluster
    assert sum(1 for names in names_per_cluster.values() if len(names) > 1) >= 3
    assert max(clusters.values()) <= 32


def test_every_mention_is_at_its_offset_in_its_record(gold: dict) -> None:
    wanted: dict[str, set[str]] = {"baomoi": set(), "pages": set()}
    for m in gold["persons"] + gold["organizations"]:
        src, rid = m["doc"].split(":", 1)
        wanted[src].add(rid)
    texts: dict[str, str] = {}
    for src, (file_name, field) in SOURCES.items():
        path = SHARED / "corpus" / file_name
        if not path.is_file():
            pytest.skip(f"corpus not found at {path}")
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] in wanted[src]:
                    texts[f"{src}:{record['id']}"] = record[field] or ""
    for m in gold["persons"] + gold["organizations"]:
        text = texts[m["doc"]]
        assert text[m["start"] : m["start"] + len(m["name"])] == m["name"], m
