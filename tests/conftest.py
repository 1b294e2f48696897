"""Shared fixtures: the seed articles and the corpus live in ../shared, outside the repository."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def database_held_open(path: Path) -> Iterator[int]:
    """Another process holding the embedded database open (so locking it); yields that process's id."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, ladybug; db = ladybug.Database(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield holder.pid
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


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


@pytest.fixture(scope="session")
def seed_extractions(seed_files: list[Path]) -> list:  # list[graph.model.Extraction]
    """The seed articles run through the real reading and extraction pipeline."""
    from danvan.graph.model import Extraction
    from danvan.loaders.pipeline import extract_paths

    results = list(extract_paths(seed_files, workers=1))
    extractions = [r for r in results if isinstance(r, Extraction)]
    assert len(extractions) == len(seed_files), f"some seeds failed to read: {results}"
    return extractions


@pytest.fixture(scope="session")
def seed_graph(seed_extractions: list):  # -> graph.knowledge.KnowledgeGraph
    from danvan.graph.build import build_graph

    return build_graph(seed_extractions)


@pytest.fixture(scope="session")
def seed_db(seed_graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real LadybugDB file on disk holding the seed graph. Treat it as read-only."""
    from danvan.graph.store.embedded import open_store

    path = tmp_path_factory.mktemp("seed-db") / "seed.lbdb"
    with open_store(path) as store:
        store.write_graph(seed_graph)
    return path
