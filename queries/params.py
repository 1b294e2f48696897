"""Typed query parameters: declared in a query file's header, parsed from the command line, checked before a run.

Values reach Cypher only as driver parameters, never spliced into the text, so a value such as
``x' }) DETACH DELETE n //`` is just a string to compare against.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: The parameter types a query header may declare, with the Python type of a bound value.
PARAM_TYPES: dict[str, type] = {"string": str, "int": int, "float": float, "date": dt.date, "bool": bool}

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


class ParamError(ValueError):
    """A missing, unknown or ill-typed parameter; the message lists the expected ones."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = False
    description: str = ""

    def describe(self) -> str:
        """``province (string, default "Bắc Ninh")``: how the parameter is shown in errors and listings."""
        if self.required:
            return f"{self.name} ({self.type}, required)"
        return f"{self.name} ({self.type}, default {format_value(self.default)})"


def format_value(value: Any) -> str:
    """A value as it would be written in a header or on the command line."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The stores' integers are 64-bit; a larger one would fail inside the engine's binding instead.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def check_int64(value: int) -> int:
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValueError(f"{value} is out of range (integers are 64-bit: {INT64_MIN} to {INT64_MAX})")
    return value


def parse_value(type_name: str, text: str) -> Any:
    """Convert the text form of a value (command line, header default) to ``type_name``; ValueError if it is not one."""
    if type_name == "string":
        return text
    stripped = text.strip()
    if type_name == "int":
        try:
            return check_int64(int(stripped))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not an integer" if "range" not in str(exc) else str(exc)) from None
    if type_name == "float":
        try:
            return float(stripped)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if type_name == "date":
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if type_name == "bool":
        if stripped.lower() in _TRUE:
            return True
        if stripped.lower() in _FALSE:
            return False
        raise ValueError(f"{text!r} is not a boolean (true/false)")
    raise ValueError(f"unknown parameter type {type_name!r}; expected one of {', '.join(PARAM_TYPES)}")


def coerce(param: Param, value: Any) -> Any:
    """Check an already-typed value (Python API) or parse a text one (command line)."""
    if isinstance(value, str) and param.type != "string":
        return parse_value(param.type, value)
    expected = PARAM_TYPES[param.type]
    # bool is an int subclass and datetime a date subclass: neither may pass for the other.
    if param.type == "int" and isinstance(value, bool):
        raise ValueError(f"{value!r} is not an integer")
    if param.type == "int" and isinstance(value, int):
        check_int64(value)
    if param.type == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if param.type == "date" and isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} is a date-time, not a date")
    if not isinstance(value, expected):
        raise ValueError(f"{value!r} is not a {param.type}")
    return value


def expected_list(params: tuple[Param, ...]) -> str:
    if not params:
        return "this query takes no parameters"
    return "expected: " + ", ".join(p.describe() for p in params)


def bind(query_name: str, params: tuple[Param, ...], given: Mapping[str, Any]) -> dict[str, Any]:
    """The full, typed parameter map for a run: given values checked, defaults filled in.

    Every problem is reported at once, followed by the list of parameters the query expects.
    """
    by_name = {p.name: p for p in params}
    problems: list[str] = []
    bound: dict[str, Any] = {}
    for name in given:
        if name not in by_name:
            problems.append(f"unknown parameter {name!r}")
    for param in params:
        if param.name in given:
            try:
                bound[param.name] = coerce(param, given[param.name])
            except ValueError as exc:
                problems.append(f"parameter {param.name!r}: {exc}")
        elif param.required:
            problems.append(f"missing parameter {param.name!r}")
        else:
            bound[param.name] = param.default
    if problems:
        raise ParamError(f"query {query_name!r}: {'; '.join(problems)}; {expected_list(params)}")
    return bound


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``["province=Bắc Ninh", "limit=5"]`` -> ``{"province": "Bắc Ninh", "limit": "5"}`` (text, typed later)."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParamError(f"parameter {pair!r} is not of the form key=value")
        if key in out:
            raise ParamError(f"parameter {key!r} given twice")
        out[key] = value
    return out
