"""Tenure accuracy: the share of stated start dates, end dates and terms read correctly.

    python tests/bench/tenure.py [-v]

Scores ``tests/gold/tenures.json`` (hand annotations, see tests/gold/README.md): for every annotated
article, each (person, post, field, value) the extractor puts on a HOLDS fact (``start``, ``end``,
``term``) against the annotated ones. The annotations list every holding of the article whose start,
end or term the text states, so a value read where none is annotated is a false positive. Target:
recall >= 0.90, precision >= 0.97. :func:`score_tenures` takes any gold file with ``tenures`` entries.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from score import GOLD, SHARED, fold, load_document

FIELDS = ("start", "end", "term")
DANVAN_PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
TARGETS = {"recall": 0.90, "precision": 0.97}


def _document(article: dict[str, Any]) -> Any:
    ref = article["doc"]
    if not ref.startswith("danvan:"):
        return load_document(ref)
    from danvan.loaders.jsonl import record_document

    wanted = ref.removeprefix("danvan:")
    with DANVAN_PAGES.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if wanted in line[:40]:
                record = json.loads(line)
                record["published"] = article.get("published")  # the date the annotator read off the page
                return record_document(str(DANVAN_PAGES), number, record)
    raise KeyError(wanted)


def found_tenures(article: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    from danvan.loaders.extract import extract_document

    extraction = extract_document(_document(article))
    names = {e.id: e.name for e in extraction.entities}
    labels = {e.id: str(e.properties.get("label") or e.name) for e in extraction.entities}
    out: set[tuple[str, str, str, str]] = set()
    for fact in extraction.facts:
        if fact.type != "HOLDS":
            continue
        for name in FIELDS:
            value = fact.properties.get(name)
            if value:
                out.add((fold(names[fact.subject]), fold(labels[fact.object]), name, str(value)))
    return out


def gold_tenures(article: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {
        (fold(t["person"]), fold(t["post"]), name, str(t[name]))
        for t in article.get("tenures", [])
        for name in FIELDS
        if t.get(name)
    }


def score_tenures(articles: Iterable[dict[str, Any]], verbose: bool = False) -> dict[str, dict[str, int]]:
    """Per field: true positives, false positives, false negatives over the articles with ``tenures``."""
    tally = {name: {"tp": 0, "fp": 0, "fn": 0} for name in (*FIELDS, "all")}
    for article in articles:
        if "tenures" not in article:
            continue
        try:
            found = found_tenures(article)
        except (OSError, KeyError, StopIteration) as exc:
            print(f"  {article['doc']}: skipped ({type(exc).__name__}: {exc})")
            continue
        gold = gold_tenures(article)
        for item in found | gold:
            kind = "tp" if item in found and item in gold else "fp" if item in found else "fn"
            tally[item[2]][kind] += 1
            tally["all"][kind] += 1
            if verbose and kind != "tp":
                print(f"  {kind} {article['doc']}: {item}")
    return tally


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main() -> int:
    verbose = "-v" in sys.argv
    path = GOLD / "tenures.json"
    articles = json.loads(path.read_text(encoding="utf-8"))["articles"]
    if not SHARED.is_dir():
        articles = [a for a in articles if a["doc"].startswith("samples/")]
        print(f"tenures: {SHARED} is not beside the repository; samples only")
    tally = score_tenures(articles, verbose)
    print(f"tenures ({path.name}, {len(articles)} articles): stated values read correctly")
    for name, t in tally.items():
        recall, precision = _ratio(t["tp"], t["tp"] + t["fn"]), _ratio(t["tp"], t["tp"] + t["fp"])
        print(f"  {name:6} recall {recall:.3f}  precision {precision:.3f}  (tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")
    t = tally["all"]
    for key, target in TARGETS.items():
        value = _ratio(t["tp"], t["tp"] + (t["fn"] if key == "recall" else t["fp"]))
        print(f"  target {key} >= {target}: {'met' if value >= target else 'NOT met'} ({value:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
