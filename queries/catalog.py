"""The canned query library: one ``.cypher`` file per query, a ``//`` header, then the Cypher.

Header format (every line starts with ``//``; the header ends at the first line that does not)::

    // name: officials_in_province
    // title: Officials and their posts in a province
    // description: Every person holding a post in an organisation of the province,
    //   continued on lines indented by two or more spaces.
    // param: province string = "Bắc Ninh"  -- Province or city, case-insensitive
    // param: limit int = 50  -- At most this many rows
    // param: person string  -- (no default: the parameter is required)
    // fill: person <- MATCH (p:Person) ... RETURN p.name LIMIT 1
    // lint-accept: <text of a Neo4j linter message>  -- why it is harmless here

Parameter types: string, int, float, date (YYYY-MM-DD), bool. String defaults are JSON strings.

``fill`` gives a data-dependent default: when the named string parameter is left empty, the runner
first runs the small read query (same text on both engines, parameters as bound so far, fills in
order) and takes the first column of its first row. It exists because LadybugDB plans a path search
badly when its end points come through ``WITH ... LIMIT``; a separate query picks them cheaply.

Dialects: ``NAME.cypher`` serves both engines; ``NAME.neo4j.cypher`` beside it replaces the text for
Neo4j where the two differ (it may carry its own ``lint-accept`` lines; the rest of the header comes
from the main file). Files with write clauses are refused unless the library is loaded with
``allow_write=True``; the runner then still runs them read-only unless asked to write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# The read-only rules are the store's: one definition for canned and ad-hoc queries (re-exported here).
from danvan.graph.store.cypher_guard import refused_clauses, statement_count
from danvan.graph.store.cypher_guard import strip_literals as strip_literals
from danvan.graph.store.cypher_guard import write_clauses as write_clauses
from danvan.queries.params import PARAM_TYPES, Param, parse_value

BUILTIN_DIR = Path(__file__).with_name("library")
BACKENDS = ("embedded", "neo4j")
SUFFIX = ".cypher"
_VARIANT_SUFFIX = {"neo4j": ".neo4j.cypher"}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER_LINE = re.compile(r"^//\s?(?P<key>[a-z][a-z-]*):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)"
    r"(?:\s*=\s*(?P<default>\"(?:[^\"\\]|\\.)*\"|\S(?:.*?\S)??))?"
    r"(?:\s+--\s*(?P<description>.*))?$"
)
_ACCEPT = re.compile(r"^(?P<message>.+?)\s+--\s*(?P<reason>\S.*)$")
_KEYS = {"name", "title", "description", "param", "fill", "lint-accept"}
_FILL = re.compile(r"^(?P<param>[A-Za-z_][A-Za-z0-9_]*)\s*<-\s*(?P<cypher>\S.*)$")
_VARIANT_KEYS = {"lint-accept"}

_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class LibraryError(ValueError):
    """A query file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class LintAccept:
    """A Neo4j linter message accepted in writing, with the reason."""

    message: str
    reason: str


@dataclass(frozen=True)
class Fill:
    """A data-dependent default: ``cypher``'s first value fills ``param`` when it is left empty."""

    param: str
    cypher: str


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    texts: dict[str, str]
    path: Path
    writes: bool = False
    lint_accept: dict[str, tuple[LintAccept, ...]] = field(default_factory=dict)
    fills: tuple[Fill, ...] = ()

    def text(self, backend: str = "embedded") -> str:
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")
        return self.texts.get(backend, self.texts["embedded"])

    def has_variant(self, backend: str) -> bool:
        return backend in self.texts and backend != "embedded"

    def accepted(self, backend: str) -> tuple[LintAccept, ...]:
        """Linter messages accepted in writing for the text ``backend`` runs (the variant's own, if any)."""
        return self.lint_accept.get(backend if backend in self.texts else "embedded", ())

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def used_params(cypher: str) -> set[str]:
    return set(_PARAM_USE.findall(strip_literals(cypher)))


def _split_header(text: str) -> tuple[list[str], str]:
    lines = text.splitlines()
    header: list[str] = []
    i = 0
    while i < len(lines) and lines[i].lstrip().startswith("//"):
        header.append(lines[i].strip())
        i += 1
    return header, "\n".join(lines[i:]).strip()


def _parse_header(path: Path, lines: list[str], allowed: set[str]) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for line in lines:
        cont = _CONTINUATION.match(line)
        if cont and entries:
            key, value = entries[-1]
            entries[-1] = (key, f"{value} {cont.group('value').strip()}")
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            if line.strip("/ ").strip() == "":
                continue  # a blank comment line separates header groups
            raise LibraryError(f"{path}: header line {line!r} is not '// key: value'")
        key = m.group("key")
        if key not in allowed:
            raise LibraryError(f"{path}: unknown header key {key!r} (expected one of {', '.join(sorted(allowed))})")
        entries.append((key, m.group("value").strip()))
    return entries


def _parse_param(path: Path, spec: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise LibraryError(f"{path}: parameter {spec!r} is not 'NAME TYPE [= DEFAULT] [-- description]'")
    name, type_name, raw_default = m.group("name"), m.group("type"), m.group("default")
    if type_name not in PARAM_TYPES:
        raise LibraryError(
            f"{path}: parameter {name!r} has unknown type {type_name!r} (expected one of {', '.join(PARAM_TYPES)})"
        )
    description = (m.group("description") or "").strip()
    if raw_default is None:
        return Param(name, type_name, None, True, description)
    if type_name == "string":
        if not raw_default.startswith('"'):
            raise LibraryError(f"{path}: default of string parameter {name!r} must be a double-quoted string")
        default = json.loads(raw_default)
    else:
        try:
            default = parse_value(type_name, raw_default.strip('"'))
        except ValueError as exc:
            raise LibraryError(f"{path}: default of parameter {name!r}: {exc}") from None
    return Param(name, type_name, default, False, description)


def _parse_accept(path: Path, spec: str) -> LintAccept:
    m = _ACCEPT.match(spec)
    if not m:
        raise LibraryError(f"{path}: lint-accept {spec!r} needs a reason: 'MESSAGE -- why it is accepted'")
    return LintAccept(m.group("message").strip(), m.group("reason").strip())


def _parse_fill(path: Path, spec: str, params: tuple[Param, ...]) -> Fill:
    m = _FILL.match(spec)
    if not m:
        raise LibraryError(f"{path}: fill {spec!r} is not 'PARAMETER <- CYPHER'")
    name, cypher = m.group("param"), m.group("cypher").strip()
    declared = {p.name: p for p in params}
    if name not in declared or declared[name].type != "string":
        raise LibraryError(f"{path}: fill names {name!r}, which is not a declared string parameter")
    if refused_clauses(cypher):
        raise LibraryError(f"{path}: fill for {name!r} contains write clauses")
    undeclared = used_params(cypher) - set(declared)
    if undeclared:
        raise LibraryError(f"{path}: fill for {name!r} uses undeclared parameter(s) {', '.join(sorted(undeclared))}")
    return Fill(name, cypher)


def _check_body(path: Path, body: str, allow_write: bool) -> bool:
    if not body:
        raise LibraryError(f"{path}: no Cypher after the header")
    if statement_count(body) > 1:
        raise LibraryError(f"{path}: more than one statement (';' inside the query)")
    writes = refused_clauses(body)
    if writes and not allow_write:
        raise LibraryError(
            f"{path}: contains write clause(s) {', '.join(dict.fromkeys(writes))}; "
            "refused in read-only mode (use --write to allow)"
        )
    return bool(writes)


def _clean_body(body: str) -> str:
    return body.rstrip().rstrip(";").rstrip() + "\n"


def parse_query(path: Path, allow_write: bool = False) -> Query:
    """Read one main query file and the dialect variants beside it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryError(f"{path}: cannot read: {exc}") from None
    header, body = _split_header(text)
    entries = _parse_header(path, header, _KEYS)
    values: dict[str, list[str]] = {}
    for key, value in entries:
        values.setdefault(key, []).append(value)
    for key in ("name", "title", "description"):
        if key not in values or not values[key][0]:
            raise LibraryError(f"{path}: header has no '{key}:'")
        if key != "description" and len(values[key]) > 1:
            raise LibraryError(f"{path}: header has more than one '{key}:'")
    name = values["name"][0]
    if not _NAME.match(name):
        raise LibraryError(f"{path}: name {name!r} must be lower-case letters, digits and '_'")
    if path.name != name + SUFFIX:
        raise LibraryError(f"{path}: file must be named {name}{SUFFIX} after its 'name:'")
    params = tuple(_parse_param(path, spec) for spec in values.get("param", []))
    seen: set[str] = set()
    for p in params:
        if p.name in seen:
            raise LibraryError(f"{path}: parameter {p.name!r} declared twice")
        seen.add(p.name)
    writes = _check_body(path, body, allow_write)
    texts = {"embedded": _clean_body(body)}
    accepts = {"embedded": tuple(_parse_accept(path, s) for s in values.get("lint-accept", []))}
    for backend, suffix in _VARIANT_SUFFIX.items():
        variant = path.with_name(name + suffix)
        if not variant.exists():
            continue
        v_header, v_body = _split_header(variant.read_text(encoding="utf-8"))
        v_entries = _parse_header(variant, v_header, _VARIANT_KEYS)
        writes = _check_body(variant, v_body, allow_write) or writes
        texts[backend] = _clean_body(v_body)
        accepts[backend] = tuple(_parse_accept(variant, v) for k, v in v_entries if k == "lint-accept")
    declared = {p.name for p in params}
    for backend, cypher in texts.items():
        where = path if backend == "embedded" else path.with_name(name + _VARIANT_SUFFIX[backend])
        used = used_params(cypher)
        if used - declared:
            raise LibraryError(f"{where}: uses undeclared parameter(s) {', '.join(sorted(used - declared))}")
        if declared - used:
            raise LibraryError(f"{where}: declares unused parameter(s) {', '.join(sorted(declared - used))}")
    fills = tuple(_parse_fill(path, spec, params) for spec in values.get("fill", []))
    description = " ".join(values["description"])
    return Query(name, values["title"][0], description, params, texts, path, writes, accepts, fills)


def _main_files(folder: Path) -> Iterator[Path]:
    variant_suffixes = tuple(_VARIANT_SUFFIX.values())
    for path in sorted(folder.glob("*" + SUFFIX)):
        if not path.name.endswith(variant_suffixes):
            yield path


@dataclass
class Library:
    queries: dict[str, Query]
    errors: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Query]:
        return iter(self.queries[name] for name in sorted(self.queries))

    def __len__(self) -> int:
        return len(self.queries)

    def names(self) -> list[str]:
        return sorted(self.queries)

    def get(self, name: str) -> Query:
        try:
            return self.queries[name]
        except KeyError:
            raise KeyError(f"no query named {name!r}; known: {', '.join(self.names())}") from None


def load_library(extra_dirs: Iterable[Path] = (), allow_write: bool = False, builtin: bool = True) -> Library:
    """The built-in queries plus those in ``extra_dirs``.

    A bad file is reported in ``Library.errors`` (one line naming the file and the problem) and
    skipped; the others load. A user query may not reuse a built-in or another user query's name.
    """
    library = Library({})
    folders = ([BUILTIN_DIR] if builtin else []) + [Path(d) for d in extra_dirs]
    for folder in folders:
        if not folder.is_dir():
            library.errors.append(f"{folder}: not a folder of query files")
            continue
        orphans = [
            p for s in _VARIANT_SUFFIX.values() for p in folder.glob("*" + s)
            if not p.with_name(p.name[: -len(s)] + SUFFIX).exists()
        ]  # fmt: skip
        library.errors.extend(f"{p}: dialect variant without a main query file" for p in sorted(orphans))
        for path in _main_files(folder):
            try:
                query = parse_query(path, allow_write=allow_write)
            except LibraryError as exc:
                library.errors.append(str(exc))
                continue
            if query.name in library.queries:
                other = library.queries[query.name].path
                library.errors.append(f"{path}: query name {query.name!r} already defined by {other}")
                continue
            library.queries[query.name] = query
    return library
