"""`danvan shell` on the seed store: piped statements, canned queries, parameters, and a real terminal session
with multi-line input, tab completion and history."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

DANVAN = [sys.executable, "-m", "danvan.cli"]


def piped(db: Path, text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DANVAN, "shell", "--db", str(db), *extra],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def test_piped_statements_span_lines_and_use_parameters(seed_db: Path) -> None:
    script = (
        ":param who Lê Quốc Chỉnh\n"
        ":format json\n"
        "MATCH (p:Person)-[:HOLDS]->(t:Post)\n"
        "WHERE p.name = $who\n"
        "RETURN t.name AS post ORDER BY post;\n"
    )
    done = piped(seed_db, script)
    assert done.returncode == 0, done.stderr
    posts = [row["post"] for row in json.loads(done.stdout)]
    # Seed 001 names him Standing Deputy Secretary of the Nam Định Party Committee and Chair of its People's Council.
    assert "Phó Bí thư Thường trực Tỉnh ủy Nam Định" in posts
    assert "Chủ tịch Hội đồng nhân dân tỉnh Nam Định" in posts


def test_run_lists_and_runs_canned_queries_with_session_parameters(seed_db: Path) -> None:
    done = piped(seed_db, ':queries\n:param person "Lê Quốc Chỉnh"\n:format csv\n:run posts_of_person\n')
    assert done.returncode == 0, done.stderr
    assert "post_holders" in done.stdout and "posts_of_person" in done.stdout
    lines = [line for line in done.stdout.splitlines() if line.startswith("Lê Quốc Chỉnh,")]
    assert any("Phó Bí thư Thường trực Tỉnh ủy Nam Định" in line for line in lines), done.stdout


def test_a_failed_statement_is_one_line_the_rest_runs_and_the_exit_status_says_so(seed_db: Path) -> None:
    done = piped(seed_db, "MATCH (n:Nowhere RETURN n;\nRETURN 41 + 1 AS answer;\n:nonsense\n")
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors), done.stderr
    assert "42" in done.stdout


def test_the_shell_is_read_only_unless_asked(seed_db: Path) -> None:
    done = piped(seed_db, "MATCH (p:Person) DETACH DELETE p;\nMATCH (p:Person) RETURN count(p) AS persons;\n")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ")
    count = int(done.stdout.split("\n")[2].strip())
    assert count > 0


def test_missing_store_is_one_error_line(tmp_path: Path) -> None:
    done = piped(tmp_path / "none.lbdb", "RETURN 1;\n")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")


def _read_until(fd: int, marker: bytes, timeout: float = 60.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{marker!r} not seen; the terminal showed {seen.decode(errors='replace')!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return seen


def test_terminal_session_completes_names_continues_lines_and_keeps_history(seed_db: Path, tmp_path: Path) -> None:
    history = tmp_path / "history"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command line on a terminal
        os.chdir(REPO)
        env = {**os.environ, "DANVAN_HISTORY": str(history), "TERM": "dumb"}
        os.execve(sys.executable, [*DANVAN, "shell", "--db", str(seed_db)], env)
    try:
        _read_until(fd, b"danvan> ")
        os.write(fd, b"MATCH (p:Pers\t")  # completes to the schema's label
        assert b"Person" in _read_until(fd, b"Person")
        os.write(fd, b")\n")
        _read_until(fd, b"...> ")  # the statement goes on: no ';' yet
        os.write(fd, b"RETURN count(p) AS persons;\n")
        shown = _read_until(fd, b"danvan> ")
        assert b"persons" in shown and b"(1 row)" in shown
        os.write(fd, b":quit\n")
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert "RETURN count(p) AS persons;" in history.read_text(encoding="utf-8")


@pytest.mark.parametrize("word", ["HOLDS", "first_seen", "Organization"])
def test_completion_offers_schema_names(word: str, seed_db: Path) -> None:
    from danvan.cli.shell import Shell

    shell = Shell(backend=None, write=False, out=sys.stdout, err=sys.stderr)
    assert word in shell.completions(word[:3])


def test_a_parameter_beyond_64_bits_is_refused_like_on_the_command_line(seed_db: Path) -> None:
    done = piped(seed_db, ":param n 123456789012345678901234567890\nRETURN 1 AS one;\n")
    assert done.returncode == 1
    (error,) = done.stderr.strip().splitlines()
    assert error.startswith("error: n: ") and "64" in error, error
    assert "one" in done.stdout
