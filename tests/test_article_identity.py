"""Articles keep their identity when their text changes: an edited file replaces its old version,
``danvan remove`` takes an article out, ``build --prune`` forgets files that are gone; the store then
always equals a fresh build of the same files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from danvan.cli import app
from danvan.graph.ids import content_hash
from danvan.graph.store.embedded import open_store
from danvan.loaders.read import read_file, read_paths

HTML_SAMPLE = SAMPLES / "bandanvantw_2024-08-22_giao-ban-bac-trung-bo.html"
CANONICAL = "https://example.vn/dan-van/giao-ban-bac-trung-bo-2024"


def run(*args: str):  # -> typer.testing.Result
    return CliRunner().invoke(app, [*args, "--workers", "1"] if args[0] == "build" else list(args))


def snapshot(db: Path) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
    """Every node and relationship of the store with all its properties."""
    with open_store(db, read_only=True) as store:
        g = store.load_graph().g
    nodes = {node_id: dict(attrs) for node_id, attrs in g.nodes(data=True)}
    edges = {(attrs["type"], src, dst): dict(attrs) for src, dst, attrs in g.edges(data=True)}
    return nodes, edges


def articles(db: Path) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in snapshot(db)[0].items() if v["label"] == "Article"}


@pytest.fixture()
def six_files(seed_files: list[Path], tmp_path: Path) -> Path:
    """The five seeds and one HTML page, copied into a folder of their own (the test edits them)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in seed_files:
        shutil.copy(path, folder / path.name)
    page = HTML_SAMPLE.read_text(encoding="utf-8")
    page = page.replace("</head>", f'<link rel="canonical" href="{CANONICAL}">\n</head>', 1)
    (folder / HTML_SAMPLE.name).write_text(page, encoding="utf-8")
    return folder


def cut_in_half(path: Path) -> None:
    """An edit: the article loses the second half of its lines."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: max(2, len(lines) // 2)]), encoding="utf-8")


def test_an_edited_file_replaces_its_old_version(six_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "edited.lbdb"
    first = run("build", str(six_files), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "6 new, 0 changed, 0 unchanged article(s); 6 in the store" in first.stdout
    before = articles(db)
    edited = sorted(six_files.glob("*.txt"))[2]
    cut_in_half(edited)
    second = run("build", str(six_files), "--db", str(db))
    assert second.exit_code == 0, second.output
    assert "0 new, 1 changed, 5 unchanged article(s); 6 in the store" in second.stdout
    after = articles(db)
    assert set(after) == set(before)  # same ids: the edit did not make a new article
    [changed] = [k for k in after if after[k]["content_hash"] != before[k]["content_hash"]]
    assert after[changed]["path"] == f"articles/{edited.name}"

    fresh = tmp_path / "fresh.lbdb"
    assert run("build", str(six_files), "--db", str(fresh)).exit_code == 0
    nodes, edges = snapshot(db)
    fresh_nodes, fresh_edges = snapshot(fresh)
    with open_store(db, read_only=True) as a, open_store(fresh, read_only=True) as b:
        assert a.counts() == b.counts()
    assert nodes == fresh_nodes
    assert edges == fresh_edges
    # The old text's evidence is gone: no relationship quotes a sentence the edited file no longer has.
    text = edited.read_text(encoding="utf-8")
    for attrs in edges.values():
        if attrs.get("evidence_article") == changed and attrs.get("evidence"):
            assert attrs["evidence"] in text

    third = run("build", str(six_files), "--db", str(db))
    assert "0 new, 0 changed, 6 unchanged article(s)" in third.stdout
    assert "0 node(s) and relationship(s) added, updated or deleted" in third.stdout


def test_ids_come_from_url_then_path_and_not_from_the_text(
    six_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = six_files / HTML_SAMPLE.name
    (html_doc,) = read_file(page)
    assert html_doc.url == CANONICAL
    seed = sorted(six_files.glob("*.txt"))[0]
    by_folder = {d.path: d for d in read_paths([six_files]) if not isinstance(d, Exception)}
    (direct,) = read_file(seed)
    # The same file named directly, through its folder, or from another working folder: one id.
    assert by_folder[str(seed)].id == direct.id
    monkeypatch.chdir(six_files)
    (relative,) = read_file(Path(seed.name))
    assert relative.id == direct.id
    monkeypatch.chdir(tmp_path)
    old_hash = direct.content_hash
    cut_in_half(seed)
    cut_in_half(page)
    (seed_after,) = read_file(seed)
    (html_after,) = read_file(page)
    assert (seed_after.id, html_after.id) == (direct.id, html_doc.id)
    assert seed_after.content_hash != old_hash
    # The page's id follows its address: moved to another folder, it is still the same article.
    moved = tmp_path / "elsewhere" / "renamed.html"
    moved.parent.mkdir()
    shutil.copy(page, moved)
    (html_moved,) = read_file(moved)
    assert html_moved.id == html_doc.id
    # A copy of a .txt file in another folder is another article.
    other = tmp_path / "other" / seed.name
    other.parent.mkdir()
    shutil.copy(seed, other)
    (copy,) = read_file(other)
    assert copy.id != direct.id and copy.content_hash == seed_after.content_hash


def test_jsonl_records_keep_their_id_then_url_then_line(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    path = folder / "news.jsonl"
    records = [
        {"id": "r1", "url": "https://example.vn/a", "title": "A", "body": "Nội dung bài A về công tác dân vận."},
        {"url": "https://example.vn/b", "title": "B", "body": "Nội dung bài B về công tác dân vận."},
        {"title": "C", "body": "Nội dung bài C về công tác dân vận."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    a, b, c = read_file(path)
    assert a.id == "article:r1"
    records[1]["body"] += " Thêm một câu."
    records[2]["body"] += " Thêm một câu."
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    a2, b2, c2 = read_file(path)
    assert (a2.id, b2.id, c2.id) == (a.id, b.id, c.id)
    assert b2.content_hash != b.content_hash and c2.content_hash != c.content_hash
    assert len({a.id, b.id, c.id}) == 3
    assert b.path == c.path == str(path)


def test_remove_takes_out_an_article_and_what_only_it_supported(seed_files: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in seed_files:
        shutil.copy(path, folder / path.name)
    db = tmp_path / "all.lbdb"
    assert run("build", str(folder), "--db", str(db)).exit_code == 0
    _, edges = snapshot(db)
    # A fact stated by several articles: removing one of them keeps the fact with the others as sources.
    shared = {k: v for k, v in edges.items() if len(v["sources"]) >= 2}
    assert shared, "the seeds share no fact"
    key, attrs = sorted(shared.items())[0]
    gone = attrs["sources"][0]
    gone_path = articles(db)[gone]["path"]

    result = run("remove", gone, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1 article(s) removed" in result.stdout
    nodes, after = snapshot(db)
    assert gone not in nodes
    assert after[key]["sources"] == attrs["sources"][1:]
    assert all(gone not in a["sources"] for a in after.values())

    rest = tmp_path / "rest" / "seeds"
    rest.mkdir(parents=True)
    for path in folder.iterdir():
        if f"seeds/{path.name}" != gone_path:
            shutil.copy(path, rest / path.name)
    fresh = tmp_path / "rest.lbdb"
    assert run("build", str(rest), "--db", str(fresh)).exit_code == 0
    assert snapshot(db) == snapshot(fresh)


def test_remove_by_path_or_url_and_unknown_names_are_one_line_errors(six_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "six.lbdb"
    assert run("build", str(six_files), "--db", str(db)).exit_code == 0
    seed = sorted(six_files.glob("*.txt"))[1]
    result = run("remove", str(seed), CANONICAL, "article:0000000000000000", "--db", str(db))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == ["error: article:0000000000000000: no such article in the store"]
    assert "2 article(s) removed" in result.stdout
    left = articles(db)
    assert len(left) == 4
    assert all(a["url"] != CANONICAL and a["path"] != f"articles/{seed.name}" for a in left.values())


def test_build_prune_forgets_files_that_are_gone(six_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "prune.lbdb"
    assert run("build", str(six_files), "--db", str(db)).exit_code == 0
    gone = sorted(six_files.glob("*.txt"))[0]
    gone.unlink()
    kept = run("build", str(six_files), "--db", str(db))
    assert "0 new, 0 changed, 5 unchanged article(s); 6 in the store" in kept.stdout
    pruned = run("build", str(six_files), "--prune", "--db", str(db))
    assert pruned.exit_code == 0, pruned.output
    assert "0 new, 0 changed, 5 unchanged article(s), 1 removed; 5 in the store" in pruned.stdout
    fresh = tmp_path / "fresh.lbdb"
    assert run("build", str(six_files), "--db", str(fresh)).exit_code == 0
    assert snapshot(db) == snapshot(fresh)


def test_prune_leaves_other_folders_alone(six_files: Path, seed_files: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(seed_files[0], other / "own.txt")
    db = tmp_path / "two.lbdb"
    assert run("build", str(six_files), str(other), "--db", str(db)).exit_code == 0
    assert len(articles(db)) == 7
    result = run("build", str(six_files), "--prune", "--db", str(db))
    assert "0 new, 0 changed, 6 unchanged article(s); 7 in the store" in result.stdout


def test_a_store_with_ids_from_the_text_is_refused_not_duplicated(seed_files: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "old.lbdb"
    assert run("build", str(seed_files[0]), "--db", str(db)).exit_code == 0
    with open_store(db) as store:  # what a store built before this rule looks like: no record of it
        store.query("MATCH (m:DanvanMeta {key: 'article_ids'}) DELETE m", read_only=False)
    result = run("build", str(seed_files[1]), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {db} was built when article ids came from the article's text")
    assert len(articles(db)) == 1


def test_two_folders_of_one_name_do_not_overwrite_each_other(seed_files: list[Path], tmp_path: Path) -> None:
    first, second = tmp_path / "2024" / "articles", tmp_path / "2025" / "articles"
    for folder, seed in ((first, seed_files[0]), (second, seed_files[1])):
        folder.mkdir(parents=True)
        shutil.copy(seed, folder / "a.txt")
    db = tmp_path / "clash.lbdb"
    # The same folder named twice (by two spellings) is no clash; another folder of the same name is.
    result = run("build", str(first), str(first / ".." / "articles"), str(second), "--db", str(db))
    assert [line for line in result.stderr.splitlines() if line] == [
        f"error: {second / 'a.txt'}: not read: its location articles/a.txt is already {first / 'a.txt'}'s "
        "(two folders given have the same name)"
    ]
    assert result.exit_code == 1
    [stored] = articles(db).values()
    assert stored["content_hash"] == content_hash(seed_files[0].read_text(encoding="utf-8"))


def write_feed(path: Path, records: list[dict[str, str]], broken_line: bool = False) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if broken_line:
        lines.insert(1, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_prune_forgets_records_taken_out_of_a_jsonl_file(seed_files: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in seed_files[:3]]
    records = [
        {"id": "r1", "title": "Một", "body": texts[0]},
        {"url": "https://example.vn/hai", "title": "Hai", "body": texts[1]},
        {"title": "Ba", "body": texts[2]},
    ]
    write_feed(folder / "clean.jsonl", records)
    write_feed(folder / "broken.jsonl", [{**r, "id": f"b{i}"} for i, r in enumerate(records)])
    db = tmp_path / "feeds.lbdb"
    assert run("build", str(folder), "--db", str(db)).exit_code == 0
    assert len(articles(db)) == 6
    write_feed(folder / "clean.jsonl", [records[0], records[2]])  # "Hai" taken out; "Ba" moves up a line
    # A line of this file no longer reads: its records are not pruned, whatever was on that line.
    write_feed(folder / "broken.jsonl", [{**r, "id": f"b{i}"} for i, r in enumerate(records)][1:], broken_line=True)
    result = run("build", str(folder), "--prune", "--db", str(db))
    assert result.exit_code == 1  # the broken line
    left = articles(db)
    assert sorted(a["title"] for a in left.values() if a["path"] == "feeds/clean.jsonl") == ["Ba", "Một"]
    assert len([a for a in left.values() if a["path"] == "feeds/broken.jsonl"]) == 3
    assert "2 removed; 5 in the store" in result.stdout  # "Hai", and "Ba" as it was read from line 3


def test_remove_a_folder_takes_out_what_was_read_from_it(
    six_files: Path, seed_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(seed_files[0], other / "own.txt")
    db = tmp_path / "folders.lbdb"
    assert run("build", str(six_files), str(other), "--db", str(db)).exit_code == 0
    shutil.rmtree(six_files)  # the files need not exist any more
    monkeypatch.chdir(tmp_path)  # and the folder may be named from anywhere
    result = run("remove", "articles", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "6 article(s) removed; 1 in the store" in result.stdout
    assert [a["path"] for a in articles(db).values()] == ["other/own.txt"]
