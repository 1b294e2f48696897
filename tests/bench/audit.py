"""Precision audit: a random sample of stored facts, each judged by a person from its evidence sentence.

    python tests/bench/audit.py draw --seed N [--corpus danvan|baomoi|both] [--rebuild]
    python tests/bench/audit.py record REVIEW.jsonl [--date YYYY-MM-DD]
    python tests/bench/audit.py report

``draw`` builds (or reuses) an embedded store from each corpus (the development records of
danvan_pages.jsonl, never the held-out pool; the baomoi sample) under ``out/audit/``, draws with the given
seed at least 100 HOLDS, 50 event roles (CHAIRED, ATTENDED, SPOKE_AT) and every RUNS up to 50, and writes
``out/audit/review-<corpus>-<seed>.jsonl``: one fact a line with its evidence sentence and empty
``judgement`` ("right" / "wrong") and ``error_class`` fields for the reviewer to fill in. Draw a new seed
for every round (e.g. ``date +%s``), so nobody tunes on the sample that measures them.

``record`` keeps a filled review file in ``tests/gold/audits/<corpus>-<date>-seed<seed>.json``: the seed,
the date, the code's commit, and per fact only ids, labels, offsets, judgement and error class. The
evidence sentences are third-party text and are not copied into the repository.

``report`` (run by ``make bench``) prints precision per relation with its 95 % Wilson interval, per corpus,
for every round recorded and for all rounds together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import BAOMOI, DANVAN_PAGES, write_development_jsonl  # noqa: E402

AUDITS = REPO / "tests" / "gold" / "audits"
WORK = REPO / "out" / "audit"
CORPORA = {"danvan": DANVAN_PAGES, "baomoi": BAOMOI}
ROLE_TYPES = ("CHAIRED", "ATTENDED", "SPOKE_AT")
#: How many facts of each relation a round draws (RUNS: all of them, up to this many).
SAMPLE = {"HOLDS": 100, "ROLE": 50, "RUNS": 50}
#: Error classes a reviewer may give a wrong fact (issue 9's list).
ERROR_CLASSES = (
    "neighbour_title",  # a title given to the neighbouring name
    "byline_caption",  # a byline or photo caption run into a name
    "wrong_place",  # a ward/town completed to the wrong body, another province's post
    "junk_post",  # truncated or junk post label
    "foreign_merged",  # a foreign post merged into a Vietnamese one
    "not_a_person",  # a hospital, street, organisation read as a person
    "status",  # nguyên spill-over, biography read as appointment, the official handing over a decision
    "wrong_role",  # the wrong event role (attended read as chaired, ...)
    "wrong_event",  # the role belongs to another event or none
    "wrong_name",  # name cut or run on
    "wrong_runner",  # the wrong place or organisation runs the campaign
    "wrong_figure",  # the figure or unit is not the campaign's
    "missing_place",  # a local post with no place (the article's province not found)
    "not_stated",  # the sentence does not say it at all
)
Z95 = 1.959963984540054


def wilson(right: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion right/n."""
    if n == 0:
        return 0.0, 1.0
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


# ---------------------------------------------------------------- stores


def store_path(corpus: str) -> Path:
    return WORK / f"{corpus}.lbdb"


def build_store(corpus: str, rebuild: bool) -> Path | None:
    """The corpus's store under out/audit (built unless there and complete); None if the corpus is absent."""
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.pipeline import extract_paths

    source = CORPORA[corpus]
    if not source.is_file():
        print(f"{corpus}: {source} not found, skipped")
        return None
    path = store_path(corpus)
    if path.exists() and not rebuild:
        with open_store(path, read_only=True) as store:
            if store.complete:
                print(f"{corpus}: reusing {path.relative_to(REPO)}")
                return path
    if path.exists():
        for stale in WORK.glob(f"{corpus}.lbdb*"):
            stale.unlink()
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if corpus == "danvan":
            # only the development records: the held-out pool never enters a store drawn from
            inputs = Path(tmp) / "danvan_development.jsonl"
            write_development_jsonl(inputs)
        else:
            inputs = source
        extractions = [x for x in extract_paths([inputs], workers=2) if isinstance(x, Extraction)]
    with open_store(path) as store:
        store.ingest(extractions)
    print(f"{corpus}: built {path.relative_to(REPO)} from {len(extractions)} articles")
    return path


_FACT_COLUMNS = (
    "a.name AS subject, a.id AS subject_id, b.name AS object, b.id AS object_id, "
    "r.evidence AS evidence, r.evidence_article AS article, r.evidence_start AS start, r.evidence_end AS `end`"
)


def stored_facts(path: Path) -> dict[str, list[dict[str, Any]]]:
    """HOLDS, event roles and RUNS of a store, each list in a fixed order (by ids) so a seed draws the same."""
    from danvan.graph.store.embedded import open_store

    facts: dict[str, list[dict[str, Any]]] = {}
    with open_store(path, read_only=True) as store:
        rows = store.query(f"MATCH (a:Person)-[r:HOLDS]->(b:Post) RETURN {_FACT_COLUMNS}, r.status AS status")
        facts["HOLDS"] = [dict(zip(rows.columns, row, strict=True)) | {"relation": "HOLDS"} for row in rows.rows]
        facts["ROLE"] = []
        for role in ROLE_TYPES:
            rows = store.query(f"MATCH (a:Person)-[r:{role}]->(b:Event) RETURN {_FACT_COLUMNS}")
            facts["ROLE"] += [dict(zip(rows.columns, row, strict=True)) | {"relation": role} for row in rows.rows]
        facts["RUNS"] = []
        for label in ("Place", "Organization"):
            rows = store.query(
                f"MATCH (a:{label})-[r:RUNS]->(b:Campaign) RETURN {_FACT_COLUMNS}, r.value AS value, r.unit AS unit"
            )
            facts["RUNS"] += [dict(zip(rows.columns, row, strict=True)) | {"relation": "RUNS"} for row in rows.rows]
    for items in facts.values():
        items.sort(key=lambda f: (f["relation"], f["subject_id"], f["object_id"]))
    return facts


def draw(facts: dict[str, list[dict[str, Any]]], seed: int) -> list[dict[str, Any]]:
    """The sample of one round: SAMPLE[k] facts of each kind (all if fewer), drawn with ``seed``."""
    rng = random.Random(seed)
    sample: list[dict[str, Any]] = []
    for kind in ("HOLDS", "ROLE", "RUNS"):
        items = facts[kind]
        sample += rng.sample(items, min(SAMPLE[kind], len(items)))
    return sample


def command_draw(args: argparse.Namespace) -> int:
    corpora = list(CORPORA) if args.corpus == "both" else [args.corpus]
    for corpus in corpora:
        path = build_store(corpus, args.rebuild)
        if path is None:
            continue
        sample = draw(stored_facts(path), args.seed)
        out = WORK / f"review-{corpus}-{args.seed}.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for item in sample:
                row = {"corpus": corpus, "seed": args.seed, **item, "judgement": None, "error_class": None}
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        kinds = defaultdict(int)
        for item in sample:
            kinds["ROLE" if item["relation"] in ROLE_TYPES else item["relation"]] += 1
        print(f"{corpus}: {dict(kinds)} written to {out.relative_to(REPO)}; fill in judgement and error_class")
    return 0


# ---------------------------------------------------------------- judgements

_KEPT = ("relation", "subject", "subject_id", "object", "object_id", "status", "value", "unit", "article", "start")


def command_record(args: argparse.Namespace) -> int:
    rows = [json.loads(line) for line in args.review.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        print(f"error: {args.review}: no facts", file=sys.stderr)
        return 1
    problems = [
        i + 1
        for i, r in enumerate(rows)
        if r.get("judgement") not in ("right", "wrong")
        or (r["judgement"] == "wrong" and r.get("error_class") not in ERROR_CLASSES)
    ]
    if problems:
        print(f"error: {args.review}: lines {problems[:10]} lack a judgement or a known error class", file=sys.stderr)
        return 1
    corpus, seed = rows[0]["corpus"], rows[0]["seed"]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    record = {
        "corpus": corpus,
        "seed": seed,
        "date": args.date,
        "commit": commit,
        "facts": [
            {k: r.get(k) for k in _KEPT if r.get(k) is not None}
            | {"end": r.get("end"), "judgement": r["judgement"], "error_class": r.get("error_class")}
            for r in rows
        ],
    }
    AUDITS.mkdir(parents=True, exist_ok=True)
    out = AUDITS / f"{corpus}-{args.date}-seed{seed}.json"
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} judgements kept in {out.relative_to(REPO)}")
    return 0


def _line(name: str, right: int, n: int) -> str:
    if n == 0:
        return f"    {name:<10} no facts judged"
    lo, hi = wilson(right, n)
    return f"    {name:<10} {right:>3}/{n:<3} precision {right / n:.3f}  95% CI [{lo:.3f}, {hi:.3f}]"


def tally(facts: list[dict[str, Any]]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f in facts:
        rel = f["relation"]
        for key in (rel, "ROLES") if rel in ROLE_TYPES else (rel,):
            counts[key][0] += f["judgement"] == "right"
            counts[key][1] += 1
    return counts


def command_report(_args: argparse.Namespace) -> int:
    files = sorted(AUDITS.glob("*.json")) if AUDITS.is_dir() else []
    if not files:
        print("precision audit: no judged rounds in tests/gold/audits")
        return 0
    per_corpus: dict[str, list[dict[str, Any]]] = defaultdict(list)
    print("precision audit (facts judged by hand from their evidence sentence; 95% Wilson intervals)")
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        per_corpus[data["corpus"]] += data["facts"]
        print(
            f"  {path.name}: corpus {data['corpus']}, seed {data['seed']}, judged {data['date']}, code {data['commit']}"
        )
        counts = tally(data["facts"])
        for rel in ("HOLDS", "ROLES", *ROLE_TYPES, "RUNS"):
            if rel in counts:
                print(_line(rel, *counts[rel]))
        errors: dict[str, int] = defaultdict(int)
        for f in data["facts"]:
            if f["judgement"] == "wrong":
                errors[f"{f['relation']}:{f['error_class']}"] += 1
        if errors:
            print("    errors: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items(), key=lambda kv: -kv[1])))
    for corpus, facts in sorted(per_corpus.items()):
        rounds = sum(1 for p in files if p.name.startswith(f"{corpus}-"))
        if rounds < 2:
            continue
        print(f"  all {rounds} rounds on {corpus} (rounds judge different code; the latest round is the figure)")
        counts = tally(facts)
        for rel in ("HOLDS", "ROLES", "RUNS"):
            if rel in counts:
                print(_line(rel, *counts[rel]))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    p_draw = sub.add_parser("draw", help="Build or reuse the stores and write review files for a seed.")
    p_draw.add_argument("--seed", type=int, required=True, help="Seed of this round (draw a new one every round).")
    p_draw.add_argument("--corpus", choices=("danvan", "baomoi", "both"), default="both")
    p_draw.add_argument("--rebuild", action="store_true", help="Rebuild the stores even if present.")
    p_record = sub.add_parser("record", help="Keep a filled review file's judgements in tests/gold/audits.")
    p_record.add_argument("review", type=Path)
    p_record.add_argument("--date", default=dt.date.today().isoformat(), help="Date of the judging (YYYY-MM-DD).")
    sub.add_parser("report", help="Precision per relation from the judged rounds (the default).")
    args = parser.parse_args()
    command = {"draw": command_draw, "record": command_record}.get(args.command or "report", command_report)
    return command(args)


if __name__ == "__main__":
    raise SystemExit(main())
