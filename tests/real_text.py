"""Real sentences for the extraction tests, read from ../shared at test time (never copied into the repository).

A record is named by its id: the baomoi corpus (``baomoi:<id>``) or the development records of the dân vận
pages (``pages:<id>``; the held-out pool is refused, see tests/bench/devset.py). Tests extract the whole record
with the real reader and extractor and look at the facts whose evidence is the sentence at a given offset or
that name a given person.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from danvan.loaders.extract import extract_document
from danvan.loaders.jsonl import record_document

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from devset import BAOMOI, DANVAN_PAGES, development_record
from extract_helpers import Facts


@cache
def _baomoi_index() -> dict[str, int]:
    """Record id -> byte offset of its line in the baomoi corpus."""
    index: dict[str, int] = {}
    with BAOMOI.open("rb") as handle:
        offset = 0
        for line in handle:
            start = line.find(b'"id"')
            if start >= 0:
                record_id = json.loads(line).get("id")
                index[str(record_id)] = offset
            offset += len(line)
    return index


def record(ref: str) -> dict[str, Any]:
    corpus, _, record_id = ref.partition(":")
    if corpus == "pages":
        if not DANVAN_PAGES.is_file():
            pytest.skip(f"{DANVAN_PAGES} not found (../shared is not beside the repository)")
        return development_record(record_id)
    if not BAOMOI.is_file():
        pytest.skip(f"{BAOMOI} not found (../shared is not beside the repository)")
    with BAOMOI.open("rb") as handle:
        handle.seek(_baomoi_index()[record_id])
        return dict(json.loads(handle.readline()))


@cache
def extract(ref: str) -> Facts:
    """The facts of a real record, extracted by the real reader and extractor."""
    return Facts(extract_document(record_document(ref, 1, record(ref))))


def holds_of(ref: str, person: str) -> set[str]:
    """Post labels the record gives ``person``."""
    facts = extract(ref)
    return {post for name, post in facts.holds if name == person}


def holds_status(ref: str, person: str) -> dict[str, str]:
    facts = extract(ref)
    return {post: status for name, post, status in facts.holds_status if name == person}


def roles_of(ref: str, person: str) -> set[tuple[str, str]]:
    """(role, event name) pairs the record gives ``person``."""
    facts = extract(ref)
    return {
        (f.type, facts.name(f.object))
        for f in facts.extraction.facts
        if f.type in ("CHAIRED", "ATTENDED", "SPOKE_AT") and facts.name(f.subject) == person
    }
