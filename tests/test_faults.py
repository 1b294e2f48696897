"""Reliability: a full disk and a killed build leave the store openable with its old or its new content.

The disk is a real small filesystem (a tmpfs mounted for the test; skipped with the reason where
this machine does not allow mounting), the builds are the real command line in a subprocess, and
the store is compared row by row with one built without faults.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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


def seed_store(db: Path, extractions: list) -> list[str]:
    """The seed articles in a store at ``db`` (built in this process: no extraction again); its dump."""
    from danvan.graph.store.embedded import open_store

    with open_store(db) as store:
        store.ingest(extractions)
    return dump_store(db)


@pytest.fixture
def more_articles(tmp_path: Path) -> Path:
    """Ten real dân vận pages: more than the seeds hold, enough to need a few MiB more."""
    if not PAGES.is_file():
        pytest.skip(f"corpus not found at {PAGES}")
    path = tmp_path / "more.jsonl"
    with PAGES.open(encoding="utf-8") as source:
        path.write_text("".join(line for _, line in zip(range(10), source, strict=False)), encoding="utf-8")
    return path


def test_a_first_build_on_a_tiny_disk_fails_in_one_line_and_the_store_still_opens(
    small_fs: Callable[[str], Path], seeds_dir: Path
) -> None:
    """Before: exit 0 with the counts printed, and every later command failed ("checkpoint recovery pending")."""
    for size in ("2m",):
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
    small_fs: Callable[[str], Path], seed_extractions: list, more_articles: Path
) -> None:
    """Before: exit 134 (terminate ... IOException) and 'WAL file is corrupted' on every later command."""
    folder = small_fs("64m")
    db = folder / "s.lbdb"
    before = seed_store(db, seed_extractions)
    fill(folder, leave_kib=1500)
    result = danvan("build", str(more_articles), "--db", str(db), "-j", "1")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith(f"error: {more_articles}")]
    assert errors and errors[0].startswith(f"error: {db}: {FULL}") and len(errors) == 1, result.stderr
    assert leftovers(folder) == []
    assert dump_store(db) == before
    (folder / "filler").unlink()
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import open_store
    from danvan.loaders.pipeline import extract_paths

    with open_store(db) as store:  # with room again, the same articles go in
        store.ingest(x for x in extract_paths([more_articles], workers=1) if isinstance(x, Extraction))
    after = dump_store(db)
    assert len(after) > len(before)


def test_after_a_full_disk_the_store_reads_at_once_with_no_recovery(
    small_fs: Callable[[str], Path], seed_extractions: list, more_articles: Path
) -> None:
    """Before: a build that met a full disk left a good store needing recovery: `stats` then said "an earlier
    write stopped during a checkpoint" until a build with room ran (closing a read-write open writes)."""
    folder = small_fs("64m")
    db = folder / "s.lbdb"
    seed_store(db, seed_extractions)
    counts = json.loads(danvan("stats", "--db", str(db), "-f", "json").stdout)
    fill(folder, leave_kib=0)
    assert danvan("build", str(more_articles), "--db", str(db), "-j", "1").returncode == 1
    # the disk is still full: a reader opens the store as it was, and so does the next writer
    stats = danvan("stats", "--db", str(db), "-f", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout) == counts
    again = danvan("build", str(more_articles), "--db", str(db), "-j", "1")
    assert again.returncode == 1 and f"error: {db}: {FULL}" in again.stderr, again.stderr
    assert json.loads(danvan("stats", "--db", str(db), "-f", "json").stdout) == counts


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk-rewrite", "transaction"])
def test_a_write_the_disk_itself_refuses_leaves_the_store_unchanged(
    small_fs: Callable[[str], Path], seed_extractions: list, more_articles: Path, bulk: bool
) -> None:
    """The space check turned off: LadybugDB itself runs out of room in the middle of the write."""
    folder = small_fs("64m")
    db = folder / "s.lbdb"
    before = seed_store(db, seed_extractions)
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


def test_a_write_query_on_a_full_disk_leaves_the_store_unchanged(
    small_fs: Callable[[str], Path], seed_extractions: list
) -> None:
    """`cypher --write` writes through a copy too; before, it wrote the store's log in place."""
    folder = small_fs("16m")
    db = folder / "s.lbdb"
    before = seed_store(db, seed_extractions)
    fill(folder, leave_kib=200)
    result = danvan("cypher", "MATCH (p:Person) SET p.name = 'X' RETURN count(p)", "--db", str(db), "--write")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {db}: {FULL}") and result.stderr.count("\n") == 1
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
    with pytest.raises(RuntimeError, match=r"No space left|Cannot read"):  # tmpfs: the file did not grow
        conn.execute("CHECKPOINT")
    conn.close()
    database.close()
    result = danvan("stats", "--db", str(db))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {db}: an earlier write stopped during a checkpoint; run `danvan build FOLDER --db {db}` "
        "(any folder, an empty one will do) to finish it, then run this command again\n"
    )


KILLER = """
import json, os, random, sys
from pathlib import Path
import danvan.graph.store.embedded as embedded
from danvan.graph.model import Extraction

data, seeds = Path(sys.argv[1]), sys.argv[2:]
extractions = [Extraction.from_json(x) for x in json.loads(data.read_text(encoding="utf-8"))]


def run(db, seed):
    rng = random.Random(seed)
    embedded.BATCH_SIZE = 7  # many small batches: many points to die at
    if rng.random() < 0.5:
        embedded.BULK_FRACTION, embedded.BULK_MIN = 0.0, 0  # a bulk rewrite, else one transaction
    points = {"n": 0}
    die_at = rng.randint(1, 60)

    def maybe_die(*_args):
        points["n"] += 1
        if points["n"] == die_at:
            os._exit(9)

    def hooked(function):
        def call(*args, **kwargs):
            maybe_die()
            result = function(*args, **kwargs)
            maybe_die()
            return result

        return call

    # Points inside the writing of batches and around every step of the swap.
    embedded._between_batches = maybe_die
    embedded.os.replace = hooked(os.replace)
    embedded.shutil.copyfile = hooked(embedded.shutil.copyfile)
    embedded._remove_sidecars = hooked(embedded._remove_sidecars)
    embedded._check_closed = hooked(embedded._check_closed)
    embedded.EmbeddedStore.close = hooked(embedded.EmbeddedStore.close)
    with embedded.open_store(db) as store:
        store.ingest(extractions)
    os._exit(0)


# One process per kill, forked after the imports (which cost more than the write); this parent
# never opens a database, so the children start clean.
for seed in seeds:
    child = os.fork()
    if child == 0:
        run(Path(sys.argv[1]).with_name(f"k{seed}.lbdb"), int(seed))
    _, status = os.waitpid(child, 0)
    print(seed, os.waitstatus_to_exitcode(status), flush=True)
"""


@pytest.mark.slow
def test_builds_killed_at_random_points_leave_the_old_or_the_new_store(tmp_path: Path, seed_extractions: list) -> None:
    """Seeded random kill points (os._exit: no clean-up at all) in writing, checkpointing and swapping."""
    from danvan.graph.store.embedded import open_store

    first, rest = seed_extractions[:2], seed_extractions
    base = tmp_path / "base.lbdb"
    old = seed_store(base, first)
    reference = tmp_path / "reference.lbdb"
    new = seed_store(reference, rest)
    assert new != old
    data = tmp_path / "articles.json"
    data.write_text(json.dumps([x.to_json() for x in rest]), encoding="utf-8")
    seeds = range(4)
    for seed in seeds:
        shutil.copyfile(base, tmp_path / f"k{seed}.lbdb")
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(data), *map(str, seeds)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    codes = dict(line.split() for line in run.stdout.splitlines())
    outcomes = []
    for seed in seeds:
        db = tmp_path / f"k{seed}.lbdb"
        assert codes[str(seed)] in ("0", "9"), run.stdout
        got = dump_store(db)
        assert got in (old, new), f"seed {seed}: the store is neither the old nor the new one"
        outcomes.append(("killed" if codes[str(seed)] == "9" else "finished", "new" if got == new else "old"))
        if outcomes[-1] == ("killed", "old") and outcomes.count(outcomes[-1]) == 1:
            # the next build completes it, stale files or not (once: each write checkpoints, which is slow)
            with open_store(db) as store:
                store.ingest(rest)
            assert dump_store(db) == new, f"seed {seed}: {outcomes[-1]}"
            assert not [p for p in tmp_path.iterdir() if p.name.startswith(f"k{seed}.lbdb.")]
    assert ("killed", "old") in outcomes  # the seeds do hit the write in the middle
