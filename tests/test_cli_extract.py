"""The real ``danvan extract`` command: JSON Lines contract, per-file errors on stderr, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from danvan.cli import app
from danvan.graph.model import Extraction
from danvan.graph.schema import SCHEMA
from danvan.loaders.pipeline import extract_paths
from danvan.loaders.read import ReadError

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Thứ Ba, 5/11/2024\n"
    "Cao Bằng: Hội nghị giao ban công tác dân vận\n"
    "Sáng 4/11, Ban Dân vận Tỉnh ủy Cao Bằng tổ chức hội nghị giao ban quý IV. "
    "Đồng chí Hoàng Văn Nam, Trưởng Ban Dân vận Tỉnh ủy chủ trì.\n"
    "Hải Yến\n"
    "(baocaobang.vn)\n"
)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder with two good articles, a .jsonl with a broken line, an empty file and a binary file."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b_good.txt").write_text(ARTICLE.replace("Cao Bằng", "Bắc Kạn"), encoding="utf-8")
    records = [
        json.dumps({"id": "n1", "title": "Tin một", "body": "Tỉnh Hà Giang tổ chức hội nghị."}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "n3", "title": "Tin ba", "body": "Tỉnh Tuyên Quang tổ chức hội thi."}, ensure_ascii=False),
    ]
    (folder / "c_news.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    return folder


def _check_contract(line: str) -> dict:
    obj = json.loads(line)
    assert set(obj) == {"article", "entities", "facts"}
    assert {"id", "path", "title", "published", "source", "authors", "place"} <= set(obj["article"])
    labels = {n.label for n in SCHEMA.nodes}
    types = {r.type for r in SCHEMA.rels}
    for entity in obj["entities"]:
        assert {"id", "type", "name"} <= set(entity) and entity["type"] in labels
    for fact in obj["facts"]:
        assert fact["type"] in types and {"sentence", "start", "end"} <= set(fact["evidence"])
    return obj


def test_cli_writes_articles_and_reports_each_bad_file_on_one_line(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(batch), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    articles = [_check_contract(line)["article"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(Path(a["path"]).name, a["place"]) for a in articles] == [
        ("a_good.txt", "Cao Bằng"),
        ("c_news.jsonl", "Hà Giang"),
        ("c_news.jsonl", "Tuyên Quang"),
        ("b_good.txt", "Bắc Kạn"),
    ]
    first = articles[0]
    assert first["title"] == "Cao Bằng: Hội nghị giao ban công tác dân vận"
    assert first["published"] == "2024-11-05"
    assert first["source"] == "baocaobang.vn"
    assert first["authors"] == ["Hải Yến"]
    assert articles[1]["id"] == "article:n1"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {batch / 'c_news.jsonl'}:2: invalid JSON "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"error: {batch / 'd_empty.txt'}: empty file",
        f"error: {batch / 'e_binary.txt'}: binary file (contains NUL bytes), not text",
    ]


def test_cli_subprocess_parallel_stdout_and_exit_status(batch: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "extract", str(batch), "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and all(_check_contract(line) for line in lines)
    assert len(proc.stderr.strip().splitlines()) == 3
    assert all(line.startswith("error: ") and str(batch) in line for line in proc.stderr.strip().splitlines())

    good = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "extract", str(batch / "a_good.txt")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert good.returncode == 0 and good.stderr == ""
    assert json.loads(good.stdout)["article"]["place"] == "Cao Bằng"


def test_pipeline_order_is_the_same_for_any_number_of_workers(batch: Path) -> None:
    def keys(workers: int) -> list[str]:
        return [
            r.article.id if isinstance(r, Extraction) else f"error {r.path}"
            for r in extract_paths([batch], workers=workers)
        ]

    one = keys(1)
    assert one == keys(2)
    assert sum(k.startswith("error") for k in one) == 3


def test_evidence_offsets_index_the_original_text(seed_files: list[Path]) -> None:
    results = list(extract_paths(seed_files, workers=1))
    assert not [r for r in results if isinstance(r, ReadError)]
    for extraction in results:
        assert isinstance(extraction, Extraction)
        # The article's path is its location: relative to the folder given, led by that folder's name.
        raw = (seed_files[0].parent.parent / extraction.article.path).read_text(encoding="utf-8")
        for fact in extraction.facts:
            ev = fact.evidence
            assert 0 <= ev.start < ev.end <= len(raw)
            assert len(raw[ev.start : ev.end]) == len(ev.sentence)
