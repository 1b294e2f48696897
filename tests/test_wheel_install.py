"""The built wheel installs under one `danvan` namespace and works from outside the checkout.

The wheel goes into a fresh virtual environment in a temporary folder. Its dependencies are not downloaded again:
the project's own environment lends them through a plain path entry, which Python adds to ``sys.path`` without
running the ``.pth`` hooks inside it, so the editable install of this checkout stays invisible there and only the
wheel's copy of ``danvan`` can answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

GENERIC_NAMES = ("graph", "loaders", "queries", "viz", "cli")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (path,) = out.glob("danvan-*.whl")
    return path


def test_wheel_puts_nothing_but_danvan_at_the_top_level(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(".dist-info")}
    assert tops == {"danvan"}
    assert "danvan/queries/library/post_holders.cypher" in names
    assert "danvan/graph/schema.toml" in names
    assert "danvan/viz/assets/map.js" in names


@pytest.mark.slow
def test_wheel_in_a_fresh_environment_builds_the_seeds_and_runs_a_query(
    wheel: Path, seed_files: list[Path], tmp_path: Path
) -> None:
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (site / "lend_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()

    where = subprocess.run(
        [str(python), "-c", "import danvan.graph, json; print(json.dumps(danvan.graph.__file__))"],
        capture_output=True,
        text=True,
        cwd=work,
    )
    assert where.returncode == 0, where.stderr
    assert Path(json.loads(where.stdout)).is_relative_to(site), where.stdout
    for name in GENERIC_NAMES:
        probe = subprocess.run([str(python), "-c", f"import {name}"], capture_output=True, text=True, cwd=work)
        assert probe.returncode != 0, f"a top-level '{name}' is importable beside the wheel"

    danvan = env_dir / "bin" / "danvan"
    db = work / "seeds.lbdb"
    built = subprocess.run(
        [str(danvan), "build", *map(str, seed_files), "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        cwd=work,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert f"{len(seed_files)} new" in built.stdout
    ran = subprocess.run(
        [str(danvan), "query", "run", "post_holders", "--db", str(db), "-f", "json"],
        capture_output=True,
        text=True,
        cwd=work,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    holdings = {(row["holder"], row["post"]) for row in json.loads(ran.stdout)}
    # Stated in seed 001: the Standing Deputy Secretary of Nam Định, also Chair of its People's Council.
    assert ("Lê Quốc Chỉnh", "Chủ tịch Hội đồng nhân dân tỉnh Nam Định") in holdings
