"""Scores the real extraction pipeline against a hand-made gold file (tests/gold/*.json).

For every gold article the document is read and extracted by the project's own code (loaders.read /
loaders.jsonl + loaders.extract.extract_document); the extracted facts are compared with the gold ones.
Corpus passages (``"span"``) are scored on what the passage states: the document's sentences are cut
down to the passage before extraction (the article's place still comes from the whole text), then persons
named in it and facts whose evidence sentence overlaps it are compared.

Gold documents are ``corpus:<id>`` (a record of the baomoi corpus, span into its ``body``), ``pages:<id>`` (a
record of the real dân vận pages, ../shared/corpus/danvan_pages.jsonl, span into its ``text``), a seed file or
a sample file.

Figures (micro-averaged over articles): persons, HOLDS (person + post label), HOLDS with status, event
roles (person + role), events (kind + date), campaigns (name + runner + value + unit), documents (kind +
number + issuer), and the share of facts whose evidence offsets are right (the original text at
[start, end) normalises to the evidence sentence). Comparison is case-insensitive after NFC and
whitespace folding. Where a gold article annotates ``tenures``, the stated start dates, end dates and terms
are compared with the ``start`` / ``end`` / ``term`` properties of the extracted HOLDS facts (person + post +
value, the value exactly as precise as the text states it: "2025-11", "2020-2025").
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from danvan.graph.model import Extraction  # noqa: E402
from danvan.loaders.document import Document  # noqa: E402
from danvan.loaders.extract import extract_document  # noqa: E402
from danvan.loaders.normalize import normalize  # noqa: E402
from danvan.loaders.persons import UPPER  # noqa: E402

SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "baomoi_2017_sample.jsonl"
PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
# Gold doc prefixes naming a record of a JSON Lines corpus by its id.
CORPORA = {"corpus:": CORPUS, "pages:": PAGES}
TENURE_KEYS = ("start", "end", "term")
GOLD = REPO / "tests" / "gold"
ROLE_TYPES = ("CHAIRED", "ATTENDED", "SPOKE_AT")


def fold(value: Any) -> str:
    """Comparison form: NFC, same tone placement as the normaliser, case-folded, single spaces."""
    if value is None:
        return ""
    text = normalize(unicodedata.normalize("NFC", str(value)))
    return " ".join(text.split()).casefold()


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, gold: Iterable[Any], found: Iterable[Any], where: str) -> None:
        g, f = set(gold), set(found)
        self.tp += len(g & f)
        self.fp += len(f - g)
        self.fn += len(g - f)
        self.misses += [f"{where}: {x}" for x in sorted(map(str, g - f))]
        self.extras += [f"{where}: {x}" for x in sorted(map(str, f - g))]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    name: str
    articles: int = 0
    tallies: dict[str, Tally] = field(default_factory=dict)
    facts: int = 0
    bad_evidence: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def tally(self, key: str) -> Tally:
        return self.tallies.setdefault(key, Tally())


# ------------------------------------------------------------------ reading the gold documents


_corpus_index: dict[Path, dict[str, tuple[int, str]]] = {}


def _corpus_line(record_id: str, corpus: Path = CORPUS) -> tuple[int, str]:
    index = _corpus_index.get(corpus)
    if index is None:
        # Built aside and kept only once complete: a failed read (no corpus) is reported again next time
        # instead of leaving an empty index that turns every later lookup into a KeyError.
        index = {}
        with corpus.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                head = line[:40]
                start = head.find('"id": "')
                if start >= 0:
                    rid = head[start + 7 :].split('"', 1)[0]
                    index[rid] = (number, line)
        _corpus_index[corpus] = index
    return index[record_id]


def load_document(ref: str) -> Document:
    """The Document a gold ``doc`` reference names, read by the project's reader."""
    from danvan.loaders.read import read_file

    for prefix, corpus in CORPORA.items():
        if ref.startswith(prefix):
            from danvan.loaders.jsonl import record_document

            line_number, line = _corpus_line(ref.removeprefix(prefix), corpus)
            return record_document(str(corpus), line_number, json.loads(line))
    if ref.startswith("seeds/"):
        path = SHARED / ref
    elif ref.startswith("samples/"):
        path = REPO / "data" / "articles" / ref.removeprefix("samples/")
    else:
        path = Path(ref)
    line_no = 0
    if "#" in path.name:
        name, _, number = path.name.partition("#")
        path, line_no = path.with_name(name), int(number)
    docs = list(read_file(path))
    if line_no:
        return next(d for d in docs if d.position == line_no)
    return docs[0]


# ------------------------------------------------------------------ comparing


def _names(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in extraction.entities}


def _in_span(start: int, end: int, span: tuple[int, int] | None) -> bool:
    return span is None or (start < span[1] and end > span[0])


def found_facts(doc: Document, extraction: Extraction, span: tuple[int, int] | None) -> dict[str, set[Any]]:
    names = _names(extraction)
    entities = {e.id: e for e in extraction.entities}
    facts = [f for f in extraction.facts if _in_span(f.evidence.start, f.evidence.end, span)]
    out: dict[str, set[Any]] = {
        k: set()
        for k in (
            "persons",
            "holds",
            "holds_status",
            "roles",
            "events",
            "campaigns",
            "documents",
            *(f"tenure_{key}" for key in TENURE_KEYS),
        )
    }
    passage = doc.text[span[0] : span[1]] if span else None
    for entity in extraction.entities:
        if entity.type == "Person" and (passage is None or _names_in(entity.name, passage)):
            out["persons"].add(fold(entity.name))
    event_ids: set[str] = set()
    issuers: dict[str, str] = {}
    runners: dict[str, list[tuple[str, Any, Any]]] = {}
    for fact in extraction.facts:
        if fact.type == "ISSUED":
            issuers[fact.object] = names[fact.subject]
    for fact in facts:
        if fact.type == "HOLDS":
            person, post = (
                fold(names[fact.subject]),
                fold(entities[fact.object].properties.get("label", names[fact.object])),
            )
            out["holds"].add((person, post))
            out["holds_status"].add((person, post, fact.properties.get("status", "current")))
            for key in TENURE_KEYS:
                value = fact.properties.get(key)
                if value not in (None, ""):
                    out[f"tenure_{key}"].add((person, post, str(value)))
        elif fact.type in ROLE_TYPES:
            out["roles"].add((fold(names[fact.subject]), fact.type))
            event_ids.add(fact.object)
        elif fact.type == "RUNS":
            runners.setdefault(fact.object, []).append(
                (names[fact.subject], fact.properties.get("value"), fact.properties.get("unit"))
            )
    for entity in extraction.entities:
        if entity.type == "Event":
            in_passage = (
                span is None
                or entity.id in event_ids
                or any(f.object == entity.id or f.subject == entity.id for f in facts)
            )
            if in_passage:
                out["events"].add((fold(entity.properties.get("kind")), str(entity.properties.get("date") or "")))
        elif entity.type == "Campaign":
            for runner, value, unit in runners.get(entity.id, []):
                out["campaigns"].add((fold(entity.name), fold(runner), _num(value), fold(unit)))
        elif entity.type == "Document":
            mentioned = (
                span is None
                or any(f.object == entity.id or f.subject == entity.id for f in facts)
                or (entity.name in (passage or ""))
            )
            if mentioned:
                out["documents"].add(
                    (
                        fold(entity.properties.get("kind")),
                        fold(entity.properties.get("number")),
                        fold(issuers.get(entity.id)),
                    )
                )
    return out


def _names_in(name: str, passage: str) -> bool:
    """``name`` occurs in the passage as a whole name ("Trần Thanh" is not in "Trần Thanh Mẫn")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w| [{UPPER}])", passage) is not None


def _num(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def gold_facts(article: dict[str, Any], with_tenures: bool | None = None) -> dict[str, set[Any]]:
    """The facts a gold article states; tenures too when its set annotates them (``with_tenures``, by default
    when the article has a ``tenures`` list)."""
    out: dict[str, set[Any]] = {}
    out["persons"] = {fold(p) for p in article.get("persons", [])}
    out["holds"] = {(fold(p), fold(label)) for p, label, _status in article.get("holds", [])}
    out["holds_status"] = {(fold(p), fold(label), status) for p, label, status in article.get("holds", [])}
    out["roles"] = {(fold(p), role) for p, role in article.get("event_roles", [])}
    out["events"] = {(fold(e.get("kind")), e.get("date") or "") for e in article.get("events", [])}
    out["campaigns"] = {
        (fold(c["name"]), fold(c.get("runner")), _num(c.get("value")), fold(c.get("unit")))
        for c in article.get("campaigns", [])
    }
    out["documents"] = {
        (fold(d.get("kind")), fold(d.get("number")), fold(d.get("issuer"))) for d in article.get("documents", [])
    }
    if with_tenures is None:
        with_tenures = "tenures" in article
    if with_tenures:
        # Only sets that annotate tenures are scored on them (elsewhere a missing tenure is not a miss); in such a
        # set an article without the list states none, so a tenure extracted there counts against precision.
        for key in TENURE_KEYS:
            out[f"tenure_{key}"] = {
                (fold(t["person"]), fold(t["post"]), str(t[key]))
                for t in article.get("tenures", [])
                if t.get(key) is not None
            }
    return out


def check_evidence(doc: Document, extraction: Extraction) -> tuple[int, list[str]]:
    """Every fact's offsets: raw[start:end] must normalise to the evidence sentence."""
    bad = []
    for fact in extraction.facts:
        ev = fact.evidence
        if not (0 <= ev.start < ev.end <= len(doc.raw)) or normalize(doc.raw[ev.start : ev.end]) != ev.sentence:
            bad.append(f"{doc.path}: {fact.type} [{ev.start}:{ev.end}]")
    return len(extraction.facts), bad


def score_file(path: Path) -> Score:
    gold = json.loads(path.read_text(encoding="utf-8"))
    score = Score(path.name)
    with_tenures = any("tenures" in article for article in gold["articles"])
    for article in gold["articles"]:
        ref = article["doc"]
        try:
            doc = load_document(ref)
        except Exception as exc:  # a missing third-party file is reported, the rest is scored
            score.errors.append(f"{ref}: {type(exc).__name__}: {exc}")
            continue
        span = None
        if "span" in article and article["span"] is not None:
            base = doc.parts["body"].start if "body" in doc.parts else 0
            span = (base + article["span"][0], base + article["span"][1])
            # Only what the passage states counts: extract from its sentences (the headline stays, for the
            # event it names; the whole text still gives the article's place).
            doc.sentences = [s for s in doc.sentences if s.start < span[1] and s.end > span[0]]
        extraction = extract_document(doc)
        found = found_facts(doc, extraction, span)
        expected = gold_facts(article, with_tenures)
        for key in expected:
            score.tally(key).add(expected[key], found[key], ref)
        count, bad = check_evidence(doc, extraction)
        score.facts += count
        score.bad_evidence += bad
        score.articles += 1
    return score


LABELS = {
    "persons": "persons",
    "holds": "HOLDS (person + post)",
    "holds_status": "HOLDS + status",
    "roles": "event roles",
    "events": "events (kind + date)",
    "campaigns": "campaigns (+ figures)",
    "documents": "documents (+ issuer)",
    "tenure_start": "tenure start (+ holding)",
    "tenure_end": "tenure end (+ holding)",
    "tenure_term": "tenure term (+ holding)",
}


def report(score: Score, verbose: bool = False) -> str:
    lines = [f"{score.name}: {score.articles} articles"]
    for key, label in LABELS.items():
        t = score.tallies.get(key)
        if t is None:
            continue
        lines.append(
            f"  {label:24s} P {t.precision:.3f}  R {t.recall:.3f}  F1 {t.f1:.3f}  (tp {t.tp}, fp {t.fp}, fn {t.fn})"
        )
    ok = score.facts - len(score.bad_evidence)
    lines.append(f"  evidence offsets         {ok}/{score.facts} correct")
    for error in score.errors:
        lines.append(f"  ERROR {error}")
    if verbose:
        for key, label in LABELS.items():
            t = score.tallies.get(key)
            if t is None:
                continue
            lines += [f"    missed {label}: {m}" for m in t.misses]
            lines += [f"    extra  {label}: {m}" for m in t.extras]
        lines += [f"    bad evidence: {b}" for b in score.bad_evidence[:20]]
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    files = [Path(a) for a in sys.argv[1:] if a != "-v"] or [GOLD / "seeds.json"]
    for file in files:
        print(report(score_file(file), verbose))
