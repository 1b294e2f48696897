"""Every command that writes a file, against every kind of target it cannot write: one line, no partial file.

The tests run as any user, root included, so "unwritable" is made by the filesystem rather than by
permission bits: a read-only mount and a full one (tmpfs, skipped where this machine does not allow
mounting), a path whose parent is a regular file, and ``-o`` naming a folder where a file is wanted.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from danvan.cli import app

runner = CliRunner()

#: command -> (arguments before the target, the output's name under the target folder, it is a folder)
COMMANDS: dict[str, tuple[list[str], str, bool]] = {
    "build": (["build", "{seed}", "-j", "1", "--db"], "graph.lbdb", False),
    "extract": (["extract", "{seed}", "-j", "1", "-o"], "facts.jsonl", False),
    "export-turtle": (["export", "--db", "{db}", "-f", "turtle", "-o"], "graph.ttl", False),
    "export-neo4j-csv": (["export", "--db", "{db}", "-f", "neo4j-csv", "-o"], "csv", True),
    "map": (["map", "--db", "{db}", "--all", "-o"], "map.html", False),
    "map-index": (["map-index", "--db", "{db}", "--busiest", "1", "--max-nodes", "50", "-o"], "maps", True),
    "query-run-all": (["query", "run-all", "--db", "{db}", "-o"], "results", True),
    "query-neodash": (["query", "neodash", "-o"], "dashboard.json", False),
    "vocabulary": (["vocabulary", "-o"], "vocabulary.ttl", False),
}


def _mount(folder: Path, options: str) -> None:
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    except OSError as exc:
        pytest.skip(f"cannot mount a filesystem here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a filesystem here: {done.stderr.decode().strip() or done.returncode}")


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Folders that cannot take a new file, by kind (those needing a mount are absent where none is allowed)."""
    root = tmp_path_factory.mktemp("unwritable")
    found: dict[str, Path] = {}
    blocker = root / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    found["under-a-file"] = blocker / "sub"
    mounted = []
    for kind, options in (("read-only", "ro,size=1m"), ("full", "size=256k")):
        folder = root / kind
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
        if done.returncode == 0:
            mounted.append(folder)
            found[kind] = folder
    if "full" in found:
        stat = os.statvfs(found["full"])
        with open(found["full"] / "filler", "wb") as handle:
            os.posix_fallocate(handle.fileno(), 0, stat.f_bavail * stat.f_frsize)
    yield found
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.is_dir() else set()


def _run(args: list[str]) -> Any:
    # catch_exceptions=False: a traceback would fail the test rather than hide in the result
    return runner.invoke(app, args, catch_exceptions=False)


@pytest.mark.parametrize("kind", ["under-a-file", "read-only", "full"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unwritable_target_is_one_error_line_and_leaves_no_file(
    command: str, kind: str, targets: dict[str, Path], seed_db: Path, seed_files: list[Path]
) -> None:
    if kind not in targets:
        pytest.skip(f"no {kind} filesystem: mounting is not allowed here")
    folder = targets[kind]
    before = _files(folder)
    head, name, _ = COMMANDS[command]
    args = [a.format(seed=seed_files[0], db=seed_db) for a in head] + [str(folder / name)]
    result = _run(args)
    assert result.exit_code == 1, (args, result.output)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "Traceback" not in result.output, result.stderr
    assert str(folder / name) in errors[0] or str(folder) in errors[0], errors[0]
    assert _files(folder) == before  # nothing truncated, empty or temporary left behind


@pytest.mark.parametrize("command", sorted(c for c, (_, _, is_folder) in COMMANDS.items() if not is_folder))
def test_an_output_naming_a_folder_is_one_error_line(
    command: str, tmp_path: Path, seed_db: Path, seed_files: list[Path]
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept\n", encoding="utf-8")
    head, _, _ = COMMANDS[command]
    result = _run([a.format(seed=seed_files[0], db=seed_db) for a in head] + [str(folder)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {folder}"), result.stderr
    assert _files(folder) == {"keep.txt"}


@pytest.mark.parametrize("command", sorted(c for c, (_, _, is_folder) in COMMANDS.items() if is_folder))
def test_an_output_folder_naming_a_file_is_one_error_line(
    command: str, tmp_path: Path, seed_db: Path, seed_files: list[Path]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("kept\n", encoding="utf-8")
    head, _, _ = COMMANDS[command]
    result = _run([a.format(seed=seed_files[0], db=seed_db) for a in head] + [str(blocker)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {blocker}"), result.stderr
    assert blocker.read_text(encoding="utf-8") == "kept\n"


def test_build_with_the_default_store_in_a_read_only_folder_is_one_error_line(
    targets: dict[str, Path], seed_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "read-only" not in targets:
        pytest.skip("no read-only filesystem: mounting is not allowed here")
    monkeypatch.chdir(targets["read-only"])
    monkeypatch.delenv("DANVAN_DB", raising=False)
    result = _run(["build", str(seed_files[0]), "-j", "1"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: .danvan/graph.lbdb: cannot create the graph database: ")
    assert result.stderr.count("\n") == 1
    assert not (targets["read-only"] / ".danvan").exists()


def test_an_existing_output_survives_a_rewrite_that_runs_out_of_space(tmp_path: Path, seed_db: Path) -> None:
    """Before: the file was opened for writing in place, so a full disk left it truncated."""
    folder = tmp_path / "small"
    folder.mkdir()
    _mount(folder, "size=2m")
    try:
        out = folder / "graph.nt"
        assert _run(["export", "--db", str(seed_db), "-f", "ntriples", "-o", str(out)]).exit_code == 0
        good = out.read_bytes()
        stat = os.statvfs(folder)
        with open(folder / "filler", "wb") as handle:  # leave less than another copy needs
            os.posix_fallocate(handle.fileno(), 0, stat.f_bavail * stat.f_frsize - len(good) // 2)
        result = _run(["export", "--db", str(seed_db), "-f", "ntriples", "-o", str(out)])
        assert result.exit_code == 1
        assert result.stderr == f"error: {out}: no space left on device\n"
        assert out.read_bytes() == good
        assert sorted(p.name for p in folder.iterdir()) == ["filler", "graph.nt"]
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
