"""Run a canned query on the embedded store or on Neo4j.

Two locks keep canned queries read-only: the library refuses files with write clauses unless the
user passes ``--write``, and the store itself is asked for a read-only run (LadybugDB refuses the
write, Neo4j runs the query in a READ transaction) unless the user asked to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from danvan.graph.store.result import QueryResult

if TYPE_CHECKING:  # the catalogue compiles its patterns on import; `stats` and `cypher` never need it
    from danvan.queries.catalog import Query


class QueryStore(Protocol):
    def query(self, cypher: str, params: dict[str, Any] | None = None, read_only: bool = True) -> QueryResult: ...


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    def __repr__(self) -> str:  # the password is never printed
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


@dataclass
class Backend:
    """An open store and the Cypher dialect it speaks (``embedded`` or ``neo4j``)."""

    name: str
    store: QueryStore


@contextmanager
def open_backend(db: Path | None = None, neo4j: Neo4jSettings | None = None, write: bool = False) -> Iterator[Backend]:
    """Neo4j when settings are given, else the embedded store at ``db`` (opened read-only unless ``write``)."""
    if neo4j is not None:
        from danvan.graph.store.neo4j import Neo4jStore

        store = Neo4jStore(neo4j.uri, neo4j.user, neo4j.password, neo4j.database)
        try:
            # Fail fast on an unreachable server or bad credentials, before the driver's retry loop.
            store.verify()
            yield Backend("neo4j", store)
        finally:
            close = getattr(store, "close", None)
            if close is not None:
                close()
        return
    if db is None:
        raise ValueError("no embedded database path given")
    if not Path(db).exists():
        raise FileNotFoundError(f"{db}: no graph database here (build one with `danvan build PATH --db {db}`)")
    from danvan.graph.store.embedded import open_store

    with open_store(Path(db), read_only=not write) as embedded:
        yield Backend("embedded", embedded)


def run_query(
    backend: Backend, query: Query, params: Mapping[str, Any] | None = None, write: bool = False
) -> QueryResult:
    """Bind ``params`` (text or typed values) to ``query`` and run its text for ``backend``'s dialect."""
    from danvan.queries.params import bind

    bound = bind(query.name, query.params, params or {})
    for fill in query.fills:
        if bound.get(fill.param) in ("", None):
            found = backend.store.query(fill.cypher, bound, read_only=True).rows
            if found and found[0] and isinstance(found[0][0], str):
                bound[fill.param] = found[0][0]
    _follow_redirects(backend, bound)
    read_only = not (write and query.writes)
    return backend.store.query(query.text(backend.name), bound, read_only=read_only)


#: What an entity id looks like ("person:nguyen-van-a-1a2b3c4d"); only such values are looked up.
_ID = re.compile(r"^[a-z]+:[a-z0-9-]+$")
# An old id that stood for a group now split in several stands for each part: the first by id is taken.
_REDIRECT = "MATCH (n) WHERE $id IN n.alias_ids RETURN n.id AS id ORDER BY id LIMIT 1"


def _follow_redirects(backend: Backend, bound: dict[str, Any]) -> None:
    """An id that a merge turned into an alias (a redirect kept on the surviving node's ``alias_ids``) is
    replaced by the id of the node it now stands for, so an id once issued keeps working in every query."""
    for name, value in list(bound.items()):
        if isinstance(value, str) and _ID.match(value):
            rows = backend.store.query(_REDIRECT, {"id": value}, read_only=True).rows
            if rows and rows[0] and isinstance(rows[0][0], str):
                bound[name] = rows[0][0]
