"""Shared fixtures: the seed articles and the corpus live in ../shared, outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "baomoi_2017_sample.jsonl"
SAMPLES = REPO / "data" / "articles"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is not beside the repository)")
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_file() -> Path:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS
