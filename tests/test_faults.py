"""Reliability: a full disk and a killed build leave the store openable with its old or its new content.

The disk is a real small filesystem (a tmpfs mounted for the test; skipped with the reason where
this machine does not allow mounting), the builds are the real command line in a subprocess, and
the store is compared row by row with one built without faults.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from test_store import dump_store

from conftest import REPO, SHARED

PAGES = SHARED / "corpus" / "danvan_pages.jsonl"
FULL = "no space left on device; the store is unchanged"


def danvan(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def leftovers(folder: Path) -> list[str]:
    """Files a failed write must not leave behind: the new store beside the old one, with its log."""
    return sorted(p.name for p in folder.iterdir() if ".new" in p.name)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a tmpfs of the given size (e.g. '3m'); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"fs{len(mounted)}"
        folder.mkdir()
        try:
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
            )
        except OSError as exc:
            pytest.skip(f"cannot mount a small filesystem here: {exc}")
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip() or done.returncode}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave_kib: int) -> None:
    """Take all the free space of ``folder`` but ``leave_kib``."""
    free_kib = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize // 1024
    assert free_kib > leave_kib, (free_kib, leave_kib)
    with open(folder / "filler", "wb") as handle:
        os.posix_fallocate(handle.fileno(), 0, (free_kib - leave_kib) * 1024)


@pytest.fixture
def more_articles(tmp_path: Path) -> Path:
    """Thirty real dân vận pages, enough for a bulk rewrite on top of the seeds."""
    if not PAGES.is_file():
        pytest.skip(f"corpus not found at {PAGES}")
    path = tmp_path / "more.jsonl"
    with PAGES.open(encoding="utf-8") as source:
        path.write_text("".join(line for _, line in zip(range(30), source, strict=False)), encoding="utf-8")
    return path


def test_a_first_build_on_a_tiny_disk_fails_in_one_line_and_the_store_still_opens(
    small_fs: Callable[[str], Path], seeds_dir: Path
) -> None:
    """Before: exit 0 with the counts printed, and every later command failed ("checkpoint recovery pending")."""
    for size in ("2m", "5m"):
        folder = small_fs(size)
        db = folder / "s.lbdb"
        result = danvan("build", str(seeds_dir), "--db", str(db), "-j", "1")
        assert result.returncode == 1, (size, result.stdout, result.stderr)
        assert result.stderr.startswith(f"error: {db}: {FULL}") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr and "nodes:" not in result.stdout
        assert leftovers(folder) == []
        stats = danvan("stats", "--db", str(db), "-f", "json")
        assert stats.returncode == 0, stats.stderr
        assert '"Article": 0' in stats.stdout


def test_a_full_disk_keeps_the_previous_store_and_a_later_build_with_room_completes(
    small_fs: Callable[[str], Path], seeds_dir: Path, more_articles: Path
) -> None:
    """Before: exit 134 (terminate ... IOException) and 'WAL file is corrupted' on every later command."""
    folder = small_fs("64m")
    db = folder / "s.lbdb"
    assert danvan("build", str(seeds_dir), "--db", str(db), "-j", "1").returncode == 0
    before = dump_store(db)
    fill(folder, leave_kib=1500)
    result = danvan("build", str(more_articles), "--db", str(db), "-j", "1")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith(f"error: {more_articles}")]
    assert errors and errors[0].startswith(f"error: {db}: {FULL}") and len(errors) == 1, result.stderr
    assert leftovers(folder) == []
    assert dump_store(db) == before
    (folder / "filler").unlink()
    assert danvan("build", str(more_articles), "--db", str(db), "-j", "1").returncode in (0, 1)
    after = dump_store(db)
    assert len(after) > len(before) and set(before) - set(after) != set(before)


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk-rewrite", "transaction"])
def test_a_write_the_disk_itself_refuses_leaves_the_store_unchanged(
    small_fs: Callable[[str], Path], seeds_dir: Path, more_articles: Path, bulk: bool
) -> None:
    """The space check turned off: LadybugDB itself runs out of room in the middle of the write."""
    folder = small_fs("64m")
    db = folder / "s.lbdb"
    assert danvan("build", str(seeds_dir), "--db", str(db), "-j", "1").returncode == 0
    before = dump_store(db)
    fill(folder, leave_kib=4000 if bulk else 9000)
    code = (
        "import sys; import danvan.graph.store.embedded as e; from danvan.cli import app\n"
        "e._check_space = lambda path, needed: None\n"
        f"e.BULK_FRACTION = {0.0 if bulk else 1.0}; e.BULK_MIN = {0 if bulk else 10**9}\n"
        "app(sys.argv[1:])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "build", str(more_articles), "--db", str(db), "-j", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 1, result.stderr
    assert f"error: {db}: {FULL}\n" in result.stderr
    assert leftovers(folder) == []
    assert dump_store(db) == before


def test_checkpoint_recovery_pending_says_what_to_run(small_fs: Callable[[str], Path]) -> None:
    """A store whose checkpoint failed (as an earlier danvan left it on a full disk): one line, with the command."""
    import ladybug as lb

    from danvan.graph.schema import SCHEMA
    from danvan.graph.store.ddl import META_TABLE, ddl_statements

    folder = small_fs("3m")
    db = folder / "s.lbdb"
    database = lb.Database(str(db))
    conn = lb.Connection(database)
    for statement in ddl_statements():
        conn.execute(statement)
    conn.execute(f"CREATE (:{META_TABLE} {{key: 'schema_version', value: $v}})", {"v": SCHEMA.version})
    conn.execute("CALL auto_checkpoint=false")
    rows = pa.table({"id": [f"place:{i}" for i in range(20000)], "name": [f"Nơi {i} " * 8 for i in range(20000)]})
    conn.execute("COPY Place (id, name) FROM $df", {"df": rows})
    with pytest.raises(RuntimeError, match="No space left|Cannot read"):  # tmpfs: the file did not grow
        conn.execute("CHECKPOINT")
    conn.close()
    database.close()
    result = danvan("stats", "--db", str(db))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {db}: an earlier write stopped during a checkpoint; run `danvan build FOLDER --db {db}` "
        "(any folder, an empty one will do) to finish it, then run this command again\n"
    )


@pytest.mark.slow
def test_builds_killed_at_random_moments_leave_the_old_or_the_new_store(
    tmp_path: Path, seeds_dir: Path, more_articles: Path
) -> None:
    base = tmp_path / "base.lbdb"
    assert danvan("build", str(seeds_dir), "--db", str(base), "-j", "1").returncode == 0
    old = dump_store(base)
    reference = tmp_path / "reference.lbdb"
    reference.write_bytes(base.read_bytes())
    started = time.perf_counter()
    assert danvan("build", str(more_articles), "--db", str(reference), "-j", "1").returncode in (0, 1)
    duration = time.perf_counter() - started
    new = dump_store(reference)
    assert new != old
    rng = random.Random(20261208)
    outcomes = []
    for attempt in range(4):
        db = tmp_path / f"k{attempt}.lbdb"
        db.write_bytes(base.read_bytes())
        process = subprocess.Popen(
            [sys.executable, "-m", "danvan.cli", "build", str(more_articles), "--db", str(db), "-j", "1"],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, duration))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        got = dump_store(db)
        assert got in (old, new), f"attempt {attempt}: the store is neither the old nor the new one"
        outcomes.append("new" if got == new else "old")
        # and the next build completes it
        assert danvan("build", str(more_articles), "--db", str(db), "-j", "1").returncode in (0, 1)
        assert dump_store(db) == new
    assert outcomes  # which of the two each kill left depends on the moment; both are correct
