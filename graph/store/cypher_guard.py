"""What a read-only Cypher text may not do on the embedded store, checked before it is run.

LadybugDB opened read-only (or inside a ``READ ONLY`` transaction) refuses writes to the graph,
and a prepared statement refuses several statements; both are asked for by the store. But the
engine still runs, in a read-only database, the clauses that reach *outside* the graph: ``COPY ...
TO`` and ``EXPORT DATABASE`` write files, ``LOAD FROM`` and ``IMPORT DATABASE`` read them,
``INSTALL`` downloads a native extension and ``LOAD EXTENSION`` loads any shared library, ``ATTACH``
opens other databases, and ``CALL name = value`` changes the connection's settings. No option of
the engine turns these off (measured on ladybug 0.22: all of them ran in a read-only database and
in a ``READ ONLY`` transaction), so this check refuses them in the text, outside string literals,
quoted names and comments. ``CALL`` is allowed only for the catalogue functions below, which read
the store's own schema and nothing else.

The canned-query library (``queries/catalog.py``) uses the same functions to refuse write clauses
in query files, so the two never disagree about what a clause is.
"""

from __future__ import annotations

import re

# Clauses that change the graph, reach outside it, or end the READ ONLY transaction guarding a query.
WRITE_CLAUSES = (
    "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "ALTER",
    "COPY", "LOAD", "INSTALL", "ATTACH", "IMPORT", "EXPORT", "CALL", "FOREACH", "USE",
    "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT",
)  # fmt: skip
#: Table functions a read-only query may CALL: they list the store's own catalogue and settings.
READ_FUNCTIONS = frozenset(
    {
        "show_tables",
        "table_info",
        "show_functions",
        "show_indexes",
        "show_connection",
        "show_sequences",
        "show_macros",
        "show_warnings",
        "show_loaded_extensions",
        "show_official_extensions",
        "show_attached_databases",
        "show_graphs",
        "show_projected_graphs",
        "current_setting",
        "db_version",
        "storage_version",
        "catalog_version",
    }
)
# String literals, quoted identifiers and comments: data, never clauses.
_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
# A clause word is not a property (n.set), label (:Copy), parameter ($load) or part of a longer name.
_WRITE = re.compile(r"(?<![\w.:$])(" + "|".join(WRITE_CLAUSES) + r")(?![\w])", re.IGNORECASE)
_CALL = re.compile(r"(?<![\w.:$])CALL\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\(|=)?", re.IGNORECASE)


class RefusedQuery(ValueError):
    """A read-only query that would write or reach outside the graph; the message says what."""


def strip_literals(cypher: str) -> str:
    """The text with string literals, quoted names and comments blanked (same length)."""
    return _LITERAL.sub(lambda m: " " * len(m.group(0)), cypher)


def write_clauses(cypher: str) -> list[str]:
    """Write (or side-effecting) clauses used by a Cypher text, upper-cased, in order of appearance."""
    return [m.group(1).upper() for m in _WRITE.finditer(strip_literals(cypher))]


def statement_count(cypher: str) -> int:
    """Statements in the text: ';' outside literals and comments separates them, a final one is allowed."""
    bare = strip_literals(cypher)
    return sum(1 for part in bare.split(";") if part.strip())


def refused_clauses(cypher: str) -> list[str]:
    """What a read-only query may not use, in order of appearance (empty: allowed).

    Every write clause except ``CALL`` of a catalogue function (``CALL show_tables() RETURN *``);
    ``CALL name = value`` (a setting) and any other function are refused.
    """
    bare = strip_literals(cypher)
    allowed_calls = {
        m.start() for m in _CALL.finditer(bare) if m.group(2) == "(" and m.group(1).lower() in READ_FUNCTIONS
    }
    found = []
    for m in _WRITE.finditer(bare):
        word = m.group(1).upper()
        if word == "CALL" and m.start() in allowed_calls:
            continue
        if word == "CALL":
            call = _CALL.match(bare, m.start())
            word = f"CALL {call.group(1)}" if call else word
        found.append(word)
    return found


def check_read_only(cypher: str) -> None:
    """Raise :class:`RefusedQuery` when ``cypher`` is not one statement that only reads the graph."""
    if statement_count(cypher) > 1:
        raise RefusedQuery("refused: a read-only query is one statement (';' separates several)")
    refused = refused_clauses(cypher)
    if refused:
        raise RefusedQuery(
            f"refused: {', '.join(dict.fromkeys(refused))} in a read-only query "
            "(it writes to the store or reaches files, extensions or settings; use --write to allow it)"
        )
