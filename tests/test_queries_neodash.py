"""The NeoDash export: a version 2.4 dashboard with one table report per query."""

from __future__ import annotations

import json
import re
from pathlib import Path

from danvan.queries.catalog import load_library, parse_query
from danvan.queries.neodash import build_dashboard, dashboard_json, rewrite_params


def test_one_table_report_per_query_in_the_2_4_format() -> None:
    library = load_library()
    dashboard = build_dashboard(library)
    assert dashboard["version"] == "2.4"
    assert dashboard["title"]
    assert set(dashboard["settings"]) >= {"pagenumber", "editable", "fullscreenEnabled", "parameters"}
    pages = {page["title"]: page["reports"] for page in dashboard["pages"]}
    reports = pages["Queries"]
    assert [r["title"] for r in reports] == [q.title for q in library]
    for report in reports:
        assert set(report) >= {"id", "title", "query", "type", "width", "height", "x", "y", "selection", "settings"}
        assert report["type"] == "table"
        assert report["x"] >= 0 and report["x"] + report["width"] <= 12
    ids = [r["id"] for page in dashboard["pages"] for r in page["reports"]]
    assert len(ids) == len(set(ids))
    # no two reports overlap on the grid
    cells = [(r["x"] + dx, r["y"] + dy) for r in reports for dx in range(r["width"]) for dy in range(r["height"])]
    assert len(cells) == len(set(cells))


def test_parameters_become_neodash_parameters_with_the_header_defaults() -> None:
    library = load_library()
    dashboard = build_dashboard(library)
    params = dashboard["settings"]["parameters"]
    reports = {r["title"]: r["query"] for page in dashboard["pages"] for r in page["reports"]}
    holders = library.get("post_holders")
    assert params["neodash_post"] == holders.param("post").default
    assert "coalesce($neodash_post, '')" in reports[holders.title] and "$post" not in reports[holders.title]
    # dates are text in NeoDash and converted back in the query
    events = reports[library.get("events_in_range").title]
    assert "date($neodash_date_from)" in events and params["neodash_date_from"] == "1900-01-01"
    # every $neodash_ parameter used by a report has an initial value, and a selector on the first page
    used = {m for q in reports.values() for m in re.findall(r"\$(neodash_\w+)", q)}
    assert used == set(params)
    selectors = {r["settings"]["parameterName"] for r in dashboard["pages"][0]["reports"]}
    assert selectors == set(params)


def test_a_parameter_with_different_defaults_is_qualified_per_query(tmp_path: Path) -> None:
    (tmp_path / "one_person.cypher").write_text(
        '// name: one_person\n// title: One\n// description: d\n// param: person string = "Lê Quốc Chỉnh"\n'
        "MATCH (p:Person) WHERE p.name = $person RETURN p.name\n",
        encoding="utf-8",
    )
    library = load_library([tmp_path])
    params = build_dashboard(library)["settings"]["parameters"]
    assert params["neodash_one_person_person"] == "Lê Quốc Chỉnh"
    assert params["neodash_posts_of_person_person"] == library.get("posts_of_person").param("person").default
    assert "neodash_person" not in params


def test_rewrite_leaves_strings_alone() -> None:
    text = "MATCH (p) WHERE p.name = $name AND p.note <> '$name' RETURN $limit"
    out = rewrite_params(text, {"name": "neodash_name", "limit": "neodash_limit"}, {"limit": "int"})
    assert out == (
        "MATCH (p) WHERE p.name = coalesce($neodash_name, '') AND p.note <> '$name' RETURN toInteger($neodash_limit)"
    )


def test_export_is_deterministic_json(tmp_path: Path) -> None:
    library = load_library()
    first = dashboard_json(library)
    assert first == dashboard_json(load_library())
    assert json.loads(first)["uuid"] == build_dashboard(library)["uuid"]


def test_user_queries_are_exported_too(tmp_path: Path) -> None:
    (tmp_path / "my_query.cypher").write_text(
        "// name: my_query\n// title: Mine\n// description: d\n// param: n int = 3\n"
        "MATCH (p:Person) RETURN p.name LIMIT $n\n",
        encoding="utf-8",
    )
    library = load_library([tmp_path])
    assert parse_query(tmp_path / "my_query.cypher").name == "my_query"
    dashboard = build_dashboard(library)
    titles = [r["title"] for r in dashboard["pages"][-1]["reports"]]
    assert "Mine" in titles
