"""The precision audit's figures and files: Wilson intervals, seeded draws, judged rounds without third-party text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from audit import AUDITS, ERROR_CLASSES, draw, tally, wilson
from devset import is_development


def test_wilson_interval_matches_the_textbook_values() -> None:
    # 50/100: 0.4038-0.5962; 0/10: 0-0.2775 (Newcombe 1998, table I)
    lo, hi = wilson(50, 100)
    assert (round(lo, 4), round(hi, 4)) == (0.4038, 0.5962)
    lo, hi = wilson(0, 10)
    assert lo == 0.0 and round(hi, 4) == 0.2775


def test_a_seed_draws_the_same_sample_and_another_seed_another() -> None:
    facts = {
        "HOLDS": [{"relation": "HOLDS", "subject_id": f"p{i}", "object_id": "post"} for i in range(300)],
        "ROLE": [{"relation": "ATTENDED", "subject_id": f"p{i}", "object_id": "e"} for i in range(80)],
        "RUNS": [{"relation": "RUNS", "subject_id": f"o{i}", "object_id": "c"} for i in range(7)],
    }
    first = draw(facts, 17)
    assert first == draw(facts, 17)
    assert first != draw(facts, 18)
    kinds = [f["relation"] for f in first]
    assert kinds.count("HOLDS") == 100 and kinds.count("ATTENDED") == 50 and kinds.count("RUNS") == 7


def test_judged_rounds_keep_ids_and_judgements_only() -> None:
    files = sorted(AUDITS.glob("*.json"))
    if not files:
        pytest.skip("no judged audit round in tests/gold/audits")
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data["seed"], int) and data["date"] and data["corpus"] in ("danvan", "baomoi")
        for fact in data["facts"]:
            assert "evidence" not in fact  # third-party sentences stay outside the repository
            assert fact["judgement"] in ("right", "wrong")
            assert fact["judgement"] == "right" or fact["error_class"] in ERROR_CLASSES
            if data["corpus"] == "danvan":
                # only development records are audited; the held-out pool is never read
                assert is_development(fact["article"].removeprefix("article:"))
        counts = tally(data["facts"])
        assert counts["HOLDS"][1] >= 100 and counts["ROLES"][1] >= 50
