"""Which records of the real dân vận pages are development text, and which are held out.

The held-out pool is fixed by a rule nobody can tune around: a record of ``danvan_pages.jsonl`` whose
``sha256(id)`` hex digest starts with 0-3 (about a quarter) is held out for honest figures and is never
read, printed, extracted or tuned on by development scripts and tests. Every script over that corpus
goes through :func:`development_records`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DANVAN_PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
BAOMOI = SHARED / "corpus" / "baomoi_2017_sample.jsonl"
_HELD_OUT_DIGITS = frozenset("0123")


def is_development(record_id: str) -> bool:
    """True for a development record, False for one of the held-out pool."""
    return hashlib.sha256(record_id.encode("utf-8")).hexdigest()[0] not in _HELD_OUT_DIGITS


def development_records(path: Path = DANVAN_PAGES) -> Iterator[dict[str, Any]]:
    """The development records of a danvan_pages-style file, in file order (held-out ones never parsed
    further than their id)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if is_development(str(record.get("id", ""))):
                yield record


def development_record(record_id: str, path: Path = DANVAN_PAGES) -> dict[str, Any]:
    """One development record by id; a held-out id is refused before the file is read."""
    if not is_development(record_id):
        raise ValueError(f"record {record_id} is in the held-out pool")
    for record in development_records(path):
        if record.get("id") == record_id:
            return record
    raise KeyError(record_id)


def write_development_jsonl(out: Path, path: Path = DANVAN_PAGES) -> int:
    """Copy the development records to ``out`` (for building a store); returns how many."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in development_records(path):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
