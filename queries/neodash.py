"""Export the query library as a NeoDash 2.4 dashboard (JSON to load with NeoDash's "Load dashboard").

One table report per query, using the Neo4j dialect text. Query parameters become NeoDash global
parameters ``$neodash_<name>`` with the header default as their initial value, plus one free-text
parameter-select report per parameter on a first page, so analysts can change them in NeoDash.
A parameter name shared by queries with different types or defaults is qualified with the query
name so that each keeps its own default. Date parameters are held as text by NeoDash and wrapped
in ``date(...)`` in the report query (``toInteger``, ``toFloat``, ``toBoolean`` likewise).
Data-dependent defaults (``fill`` lines) need a database, so NeoDash starts with the header default
(an empty name) and the analyst types one on the Parameters page.
Ids are UUIDv5 of the names: the same library gives the same file.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

from danvan.queries.catalog import Query, strip_literals
from danvan.queries.params import Param

DASHBOARD_VERSION = "2.4"
_NAMESPACE = uuid.UUID("6f1b3c2e-8d0a-5a4e-9c1d-2b7f0e5d4a31")
_COLUMNS = 12  # NeoDash's grid is 12 units wide
_REPORT_WIDTH = 6
_REPORT_HEIGHT = 4


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def _global_names(queries: list[Query]) -> dict[tuple[str, str], str]:
    """(query, param) -> NeoDash parameter name; shared only where type and default agree."""
    variants: dict[str, set[tuple[str, str]]] = {}
    for q in queries:
        for p in q.params:
            variants.setdefault(p.name, set()).add((p.type, json.dumps(_neodash_value(p), ensure_ascii=False)))
    names: dict[tuple[str, str], str] = {}
    for q in queries:
        for p in q.params:
            shared = len(variants[p.name]) == 1
            names[(q.name, p.name)] = f"neodash_{p.name}" if shared else f"neodash_{q.name}_{p.name}"
    return names


def _neodash_value(param: Param) -> Any:
    if param.default is None:
        return ""
    if param.type == "date":
        return param.default.isoformat()
    return param.default


#: NeoDash holds free-text parameters as strings; these Neo4j functions accept the string or the native value.
_CONVERT = {"date": "date", "int": "toInteger", "float": "toFloat", "bool": "toBoolean"}


def rewrite_params(cypher: str, mapping: dict[str, str], types: dict[str, str]) -> str:
    """Replace ``$name`` by the NeoDash parameter, converted to the declared type, outside literals."""
    bare = strip_literals(cypher)
    out: list[str] = []
    last = 0
    for m in re.finditer(r"\$([A-Za-z_][A-Za-z0-9_]*)", bare):
        name = m.group(1)
        if name not in mapping:
            continue
        target = "$" + mapping[name]
        out.append(cypher[last : m.start()])
        convert = _CONVERT.get(types.get(name, "string"))
        # A cleared NeoDash text field is null, not '': the queries treat '' as "any".
        out.append(f"{convert}({target})" if convert else f"coalesce({target}, '')")
        last = m.end()
    out.append(cypher[last:])
    return "".join(out)


def report_query(query: Query, names: dict[tuple[str, str], str]) -> str:
    mapping = {p.name: names[(query.name, p.name)] for p in query.params}
    types = {p.name: p.type for p in query.params}
    return rewrite_params(query.text("neo4j"), mapping, types)


def _select_report(param: Param, global_name: str, index: int) -> dict[str, Any]:
    width = 3
    per_row = _COLUMNS // width
    return {
        "id": _uuid("select", global_name),
        "title": f"{param.name} ({param.type})" + (f": {param.description}" if param.description else ""),
        "query": "RETURN true",
        "width": width,
        "height": 1,
        "x": (index % per_row) * width,
        "y": index // per_row,
        "type": "select",
        "selection": {},
        "settings": {
            "type": "Date Picker" if param.type == "date" else "Free Text",
            "entityType": global_name,
            "parameterName": global_name,
        },
        "schema": [],
    }


def build_dashboard(queries: Iterable[Query], title: str = "danvan: canned queries") -> dict[str, Any]:
    qs = sorted(queries, key=lambda q: q.name)
    names = _global_names(qs)
    parameters: dict[str, Any] = {}
    param_of: dict[str, Param] = {}
    for q in qs:
        for p in q.params:
            global_name = names[(q.name, p.name)]
            parameters[global_name] = _neodash_value(p)
            param_of.setdefault(global_name, p)
    selects = [_select_report(param_of[g], g, i) for i, g in enumerate(sorted(parameters))]
    per_row = _COLUMNS // _REPORT_WIDTH
    reports = []
    for i, q in enumerate(qs):
        reports.append(
            {
                "id": _uuid("report", q.name),
                "title": q.title,
                "query": report_query(q, names),
                "width": _REPORT_WIDTH,
                "height": _REPORT_HEIGHT,
                "x": (i % per_row) * _REPORT_WIDTH,
                "y": (i // per_row) * _REPORT_HEIGHT,
                "type": "table",
                "selection": {},
                "settings": {"description": q.description, "refreshButtonEnabled": True},
                "schema": [],
            }
        )
    return {
        "uuid": _uuid("dashboard", title),
        "title": title,
        "version": DASHBOARD_VERSION,
        "settings": {
            "pagenumber": 1 if selects else 0,
            "editable": True,
            "fullscreenEnabled": True,
            "parameters": parameters,
            "theme": "light",
        },
        "pages": ([{"title": "Parameters", "reports": selects}] if selects else [])
        + [{"title": "Queries", "reports": reports}],
        "parameters": {},
        "extensions": {},
    }


def dashboard_json(queries: Iterable[Query], title: str = "danvan: canned queries") -> str:
    return json.dumps(build_dashboard(queries, title), ensure_ascii=False, indent=2) + "\n"
