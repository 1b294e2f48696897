"""Input that cannot be read: one ``error: FILE: problem`` line each, the rest of the batch is built, exit 1.

These tests run as root on the build machines, and root reads any file whatever its permission bits. The
command under test therefore runs in a subprocess without the two capabilities that let root ignore them
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a file with mode 000 is as unreadable to it as to anyone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from danvan.cli import app
from danvan.graph.store.embedded import open_store

USAGE_BOX = "Usage:"


def _unprivileged() -> list[str]:
    """The command prefix that makes permission bits count, or skip when the test cannot have that."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot make a file unreadable to root")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture()
def locked(tmp_path: Path) -> Iterator[list[Path]]:
    """Paths to chmod 000 for a test; their modes are restored afterwards so pytest can clean up."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(0o755)


def lock(paths: list[Path], path: Path) -> Path:
    path.chmod(0)
    paths.append(path)
    prefix = _unprivileged()
    probe = subprocess.run([*prefix, "test", "-r", str(path)], check=False)
    if probe.returncode == 0:
        pytest.skip("a file with mode 000 is still readable here (the capabilities could not be dropped)")
    return path


def danvan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_unprivileged(), sys.executable, "-m", "danvan.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def article_count(db: Path) -> int:
    with open_store(db, read_only=True) as store:
        return store.counts()["nodes"]["Article"]


def test_an_unreadable_file_named_on_the_command_line_is_one_error(
    seed_files: list[Path], tmp_path: Path, locked: list[Path]
) -> None:
    secret = tmp_path / "secret.txt"
    shutil.copy(seed_files[1], secret)
    lock(locked, secret)
    db = tmp_path / "db" / "s.lbdb"
    result = danvan("build", str(secret), str(seed_files[0]), "--db", str(db), "--workers", "1")
    assert USAGE_BOX not in result.stderr
    assert error_lines(result.stderr) == [f"error: {secret}: cannot read: Permission denied"]
    assert result.returncode == 1
    assert article_count(db) == 1
    extracted = danvan("extract", str(secret), str(seed_files[0]), "--workers", "1")
    assert error_lines(extracted.stderr) == [f"error: {secret}: cannot read: Permission denied"]
    assert extracted.returncode == 1 and len(extracted.stdout.splitlines()) == 1


def test_an_unreadable_jsonl_file_is_one_error_too(seed_files: list[Path], tmp_path: Path, locked: list[Path]) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "title": "T", "body": "Nội dung."}\n', encoding="utf-8")
    lock(locked, feed)
    db = tmp_path / "j.lbdb"
    result = danvan("build", str(feed), str(seed_files[0]), "--db", str(db), "--workers", "2")
    assert error_lines(result.stderr) == [f"error: {feed}: cannot read: Permission denied"]
    assert result.returncode == 1
    assert article_count(db) == 1


def test_an_unreadable_subfolder_is_reported_and_the_rest_built(
    seed_files: list[Path], tmp_path: Path, locked: list[Path]
) -> None:
    folder = tmp_path / "articles"
    (folder / "closed").mkdir(parents=True)
    shutil.copy(seed_files[0], folder / "open.txt")
    shutil.copy(seed_files[1], folder / "closed" / "inside.txt")
    lock(locked, folder / "closed")
    db = tmp_path / "f.lbdb"
    result = danvan("build", str(folder), "--db", str(db), "--workers", "1")
    assert error_lines(result.stderr) == [f"error: {folder / 'closed'}: cannot read folder: Permission denied"]
    assert result.returncode == 1
    assert article_count(db) == 1


def test_symlinked_folders_are_followed_and_loops_named(seed_files: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(seed_files[0], folder / "own.txt")
    shutil.copy(seed_files[1], elsewhere / "linked.txt")
    (folder / "more").symlink_to(elsewhere, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    # A link to a folder that is also inside: read once, by its own path, though the link sorts first.
    (folder / "z_real").mkdir()
    shutil.copy(seed_files[2], folder / "z_real" / "inner.txt")
    (folder / "a_link").symlink_to(folder / "z_real", target_is_directory=True)
    db = tmp_path / "links.lbdb"
    result = CliRunner().invoke(app, ["build", str(folder), "--db", str(db), "--workers", "1"])
    assert error_lines(result.stderr) == [
        f"error: {folder / 'loop'}: symbolic link loop (leads back to {folder}); not followed"
    ]
    assert result.exit_code == 1
    with open_store(db, read_only=True) as store:
        paths = sorted(r[0] for r in store.query("MATCH (a:Article) RETURN a.path").rows)
    assert paths == ["articles/more/linked.txt", "articles/own.txt", "articles/z_real/inner.txt"]


def test_a_file_symlink_loop_says_what_it_is(seed_files: list[Path], tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.symlink_to(two)
    two.symlink_to(one)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nothing.txt")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "self.txt").symlink_to(folder / "self.txt")
    db = tmp_path / "loop.lbdb"
    result = CliRunner().invoke(
        app, ["build", str(one), str(dangling), str(folder), str(seed_files[0]), "--db", str(db), "--workers", "1"]
    )
    assert error_lines(result.stderr) == [
        f"error: {dangling}: broken symbolic link (points to {tmp_path / 'nothing.txt'})",
        f"error: {folder / 'self.txt'}: symbolic link loop",
        f"error: {one}: symbolic link loop",
    ]
    assert result.exit_code == 1
    assert article_count(db) == 1
