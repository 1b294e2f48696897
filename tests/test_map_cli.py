"""``danvan map`` and ``danvan map-index`` through the real CLI on a real LadybugDB file."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from map_samples import ids as sample_ids
from map_samples import sample_graph
from typer.testing import CliRunner

from danvan.cli import app

ID = sample_ids()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from danvan.graph.store.embedded import open_store

    path = tmp_path_factory.mktemp("map-cli-db") / "sample.lbdb"
    with open_store(path) as store:
        store.write_graph(sample_graph())
    return path


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_map_writes_a_page_and_reports_the_cut(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "an.html"
    result = invoke("map", "--person", "Trần Văn An", "--max-nodes", "4", "--db", str(sample_db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "4 nodes" in result.output and "cut from 10 nodes by --max-nodes" in result.output
    assert "Map cut to the 4 most relevant of 10 nodes" in out.read_text(encoding="utf-8")


def test_map_date_window_and_province(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nd.html"
    result = invoke("map", "--province", "Nam Định", "--until", "2021", "--db", str(sample_db), "--out", str(out))
    assert result.exit_code == 0, result.output
    # Facts first seen by 2021: both Nam Định organisations are based there, Bình holds the Ban Dân vận
    # post, the Tỉnh ủy issued the resolution. An, the hostile person and the 2023 event are Nam Định's
    # too but have no fact by then, so they stay out.
    assert "6 nodes, 6 relationships" in result.output
    html = out.read_text(encoding="utf-8")
    assert "Facts seen between the beginning and 2021-12-31" in html


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((), 2, "Exactly one of --person"),
        (("--person", "Trần Văn An", "--all"), 2, "Exactly one of --person"),
        (("--person", "Nobody Here"), 1, "no Person named 'Nobody Here'"),
        (("--all", "--since", "23/12/2023"), 2, "not a date"),
        (("--all", "--since", "2024", "--until", "2023"), 2, "--since is after --until"),
    ],
)
def test_map_rejects_bad_requests_in_one_line(
    sample_db: Path, tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    out = tmp_path / "x.html"
    result = invoke("map", *args, "--db", str(sample_db), "--out", str(out))
    assert result.exit_code == code, result.output
    assert message in " ".join(result.output.replace("│", " ").split())  # rich may wrap the box
    assert not out.exists()


def test_missing_database_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.lbdb"
    result = invoke("map", "--all", "--db", str(missing), "--out", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert f"{missing}: no graph database here" in result.output


def test_map_index_links_provinces_campaigns_and_officials(sample_db: Path, tmp_path: Path) -> None:
    result = invoke("map-index", "--db", str(sample_db), "--out", str(tmp_path / "maps"), "--busiest", "2")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "maps" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    assert {name for _, name in links} == {
        "Nam Định",
        "Bắc Ninh",
        "Dân vận khéo",
        "Phạm Thị Bình",
        "Nguyễn Hữu Cường",
        "Whole graph",
    }  # Bình and Cường have three facts each, An two: the two busiest
    for file, _ in links:
        assert (tmp_path / "maps" / file).is_file()
    assert "<script" not in index
    # One copy of the graph library for the whole folder, beside the maps, referenced by each.
    (library,) = (tmp_path / "maps").rglob("vis-network*.js")
    assert library.relative_to(tmp_path / "maps").as_posix() == "lib/vis-network-9.1.2.min.js"
    for file, _ in links:
        page = (tmp_path / "maps" / file).read_text(encoding="utf-8")
        assert '<script src="lib/vis-network-9.1.2.min.js"></script>' in page
        assert len(page) < library.stat().st_size / 4  # the library is not inlined again
        assert "script-src 'self' 'sha256-" in html.unescape(page)  # the shared file, and ours by hash


def test_every_option_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in ("map", "map-index"):
        command = group.commands[name]  # type: ignore[attr-defined]
        assert command.help
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help text"
