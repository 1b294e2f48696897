"""The accuracy scorer (tests/bench/score.py) reads the dân vận pages and scores the stated tenures.

Only records outside the held-out pool are read here (the pool, whose sha256(id) digest starts with 0-3, is kept
for heldout4.json and heldout5.json, and heldout5 must never be extracted before its final run).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from types import ModuleType

import pytest

from conftest import REPO
from danvan.graph.model import ArticleInfo, Entity, Evidence, Extraction, Fact


def load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", REPO / "tests" / "bench" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


score = load_score()


def test_a_pages_reference_reads_the_record_text_at_the_annotated_offsets() -> None:
    if not score.PAGES.is_file():
        pytest.skip(f"dân vận pages corpus not found at {score.PAGES}")
    with score.PAGES.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    outside_pool = [r for r in records if hashlib.sha256(r["id"].encode()).hexdigest()[0] not in "0123"]
    record = next(r for r in outside_pool if r["text"].startswith(" date "))  # text that starts with a blank
    doc = score.load_document(f"pages:{record['id']}")
    base = doc.parts["body"].start if "body" in doc.parts else 0
    # the scorer shifts a gold span by the body's offset; the text there must be the record's own text
    assert doc.raw[base : base + len(record["text"])] == record["text"]
    assert doc.source == record["source"]
    with pytest.raises(KeyError):
        score.load_document("pages:0000000000000000")


def holds_extraction(properties: dict[str, str]) -> Extraction:
    evidence = Evidence("x", 0, 1)
    return Extraction(
        ArticleInfo(id="article:x", path="x"),
        entities=[
            Entity("person:a", "Person", "Nguyễn Văn A"),
            Entity("post:b", "Post", "Bí thư Tỉnh ủy Lào Cai", {"label": "Bí thư Tỉnh ủy Lào Cai"}),
        ],
        facts=[Fact("HOLDS", "person:a", "post:b", evidence, dict(properties))],
    )


def test_tenures_are_scored_on_start_end_and_term() -> None:
    article = {
        "persons": ["Nguyễn Văn A"],
        "holds": [["Nguyễn Văn A", "Bí thư Tỉnh ủy Lào Cai", "new"]],
        "tenures": [
            {
                "person": "Nguyễn Văn A",
                "post": "Bí thư Tỉnh ủy Lào Cai",
                "start": "2025-07-01",
                "end": None,
                "term": "2020-2025",
            }
        ],
    }
    expected = score.gold_facts(article)
    assert expected["tenure_start"] == {("nguyễn văn a", "bí thư tỉnh ủy lào cai", "2025-07-01")}
    assert expected["tenure_end"] == set()
    assert expected["tenure_term"] == {("nguyễn văn a", "bí thư tỉnh ủy lào cai", "2020-2025")}

    class Doc:  # found_facts reads only the text, for a span
        text = ""

    right = score.found_facts(Doc(), holds_extraction({"start": "2025-07-01", "term": "2020-2025"}), None)
    wrong = score.found_facts(Doc(), holds_extraction({"start": "2025-07", "end": "2025-09-30"}), None)
    none = score.found_facts(Doc(), holds_extraction({}), None)
    for found, tp, fp in ((right, 2, 0), (wrong, 0, 2), (none, 0, 0)):
        tally = score.Tally()
        for key in ("tenure_start", "tenure_end", "tenure_term"):
            tally.add(expected[key], found[key], "x")
        assert (tally.tp, tally.fp, tally.fn) == (tp, fp, 2 - tp)


def test_tenures_are_only_scored_for_sets_that_annotate_them() -> None:
    article = {"persons": [], "holds": []}
    assert "tenure_start" not in score.gold_facts(article)
    # in a set that annotates tenures, an article without the list states none: an extracted one is a false positive
    assert score.gold_facts(article, True)["tenure_start"] == set()
