"""Small safety fixes: workers die with a killed build, clean error lines, parameter ranges, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from typer.testing import CliRunner

from conftest import REPO, SHARED
from danvan.cli import app

runner = CliRunner()
PAGES = SHARED / "corpus" / "danvan_pages.jsonl"


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_extraction_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    if not PAGES.is_file():
        pytest.skip(f"corpus not found at {PAGES}")
    build = subprocess.Popen(
        [sys.executable, "-m", "danvan.cli", "build", str(PAGES), "--db", str(tmp_path / "g.lbdb"), "-j", "2"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        parent = psutil.Process(build.pid)
        deadline = time.monotonic() + 60
        workers: list[psutil.Process] = []
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            workers = [p for p in parent.children(recursive=True) if "resource_tracker" not in " ".join(p.cmdline())]
            time.sleep(0.05)
        assert len(workers) >= 2, "the build finished before its workers could be seen"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        _, alive = psutil.wait_procs(workers, timeout=15)
        assert alive == [], f"workers still running after the build was killed: {[p.pid for p in alive]}"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


def test_an_unreachable_routing_uri_gives_only_the_error_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "stats", "--neo4j-uri", "neo4j://127.0.0.1:9"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr


def test_an_out_of_range_integer_parameter_is_a_usage_error(seed_db: Path) -> None:
    too_big = str(2**63)
    result = invoke("cypher", "RETURN $n AS n", "--db", str(seed_db), "-p", f"n={too_big}")
    assert result.exit_code == 2
    assert "out of range" in result.stderr
    result = invoke("cypher", "RETURN $n AS n", "--db", str(seed_db), "-p", f"n=[1, -{too_big}1]")
    assert result.exit_code == 2
    result = invoke("query", "run", "most_connected", "--db", str(seed_db), "-p", f"limit={too_big}")
    assert result.exit_code == 2
    assert "out of range" in result.stderr
    # the largest 64-bit integer itself is fine
    result = invoke("cypher", "RETURN $n AS n", "--db", str(seed_db), "-p", f"n={2**63 - 1}", "-f", "csv")
    assert result.exit_code == 0 and result.stdout == f"n\n{2**63 - 1}\n"


def test_an_unterminated_json_string_is_reported_once_with_at_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x", "text": "never closed}\n', encoding="utf-8")
    for workers in ("1", "2"):
        result = invoke("extract", str(bad), "-j", workers)
        assert result.exit_code == 1
        assert "at column" in result.stderr and "at at" not in result.stderr, result.stderr


def test_query_csv_cells_are_not_spreadsheet_formulas(seed_db: Path) -> None:
    result = invoke(
        "cypher",
        "RETURN '=HYPERLINK(\"http://x\")' AS f, '+1' AS p, '-x' AS m, '@SUM(A1)' AS a, -3 AS n, 'Bắc Ninh' AS t",
        "--db",
        str(seed_db),
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+1", "'-x", "'@SUM(A1)", "-3", "Bắc Ninh"]
