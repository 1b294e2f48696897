"""Render query results as a readable table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import io
import json
from typing import Any

from danvan.graph.store.result import QueryResult


class OutputFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # Cypher durations, SPARQL xsd:duration
        return f"P{value.days}DT{value.seconds + value.microseconds / 1e6:g}S"
    if isinstance(value, decimal.Decimal):
        # AVG() and xsd:decimal give Decimals; JSON has one number type, and integral ones stay integers.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows rather than runs: a leading ' (the spreadsheets' own mark for text).

    Query CSV is read in spreadsheets; a name or a sentence from an article beginning with "="
    must not become a formula. Numbers stay numbers (-3 is not prefixed)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(result: QueryResult, fmt: OutputFormat, max_width: int = 60) -> str:
    if fmt is OutputFormat.json:
        # default=str: a value type no engine returned before still prints instead of a traceback.
        records = [_plain(r) for r in result.records()]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([_spreadsheet_safe(c) for c in result.columns])
        for row in result.rows:
            writer.writerow([_cell(v) if _is_number(v) else _spreadsheet_safe(_cell(v)) for v in row])
        return buf.getvalue()
    cells = [[_cell(v) for v in row] for row in result.rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
