"""``danvan shell``: an interactive Cypher shell on the store, for analysts who run many queries in a row.

The store is opened once, so start-up is paid once. Statements may span lines and end with ``;``. Lines that start
with ``:`` are shell commands (``:help`` lists them). Input may also come from a pipe or a file, which makes the
shell scriptable; then nothing is echoed and the exit status says whether any statement failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from danvan.cli.options import DbOption, neo4j_options
from danvan.cli.output import OutputFormat, render
from danvan.cli.store import opened_backend, parse_value
from danvan.queries.runner import Neo4jSettings

HISTORY_ENV = "DANVAN_HISTORY"
DEFAULT_HISTORY = Path.home() / ".danvan_history"

# Words offered by tab completion besides the schema's names; the common clauses of both dialects.
CYPHER_WORDS = (
    "MATCH", "OPTIONAL MATCH", "WHERE", "RETURN", "WITH", "ORDER BY", "LIMIT", "SKIP", "DISTINCT", "UNWIND",
    "AS", "AND", "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "CONTAINS", "STARTS WITH", "ENDS WITH",
    "count", "collect", "toLower", "size", "labels", "type", "id", "coalesce", "DESC", "ASC",
)  # fmt: skip

HELP = """\
Cypher statements end with ';' and may span several lines. Shell commands:
  :help                     this text
  :param NAME VALUE         set a parameter ($NAME in statements); VALUE is JSON (42, true, [1,2], "x") or text
  :params                   list the parameters set;  :unparam NAME  forget one
  :queries                  list the canned queries
  :run NAME [KEY=VALUE ...] run a canned query (parameters set with :param fill in the rest)
  :show NAME                print a canned query's Cypher
  :schema                   node labels, relationship types and their properties
  :format table|csv|json    how results are printed
  :quit                     leave (also Ctrl-D)"""


def schema_words() -> list[str]:
    """Labels, relationship types and property names declared in the schema, for completion and ``:schema``."""
    from danvan.graph.schema import SCHEMA

    words: set[str] = set(SCHEMA.labels) | set(SCHEMA.rel_types)
    for node in SCHEMA.nodes:
        words.update(node.property_names)
    for rel in SCHEMA.rels:
        words.update(rel.property_names)
    return sorted(words)


def schema_text() -> str:
    from danvan.graph.schema import SCHEMA

    lines = ["Node labels:"]
    lines += [f"  {n.label}: {', '.join(n.property_names)}" for n in SCHEMA.nodes]
    lines.append("Relationship types:")
    for rel in SCHEMA.rels:
        ends = ", ".join(f"({a})->({b})" for a, b in rel.endpoints)
        props = f" {{{', '.join(rel.property_names)}}}" if rel.property_names else ""
        lines.append(f"  {rel.type}: {ends}{props}")
    return "\n".join(lines)


@dataclass
class Shell:
    """The shell's state and its reading of input; ``out`` and ``err`` are where results and errors go."""

    backend: Any  # danvan.queries.runner.Backend
    write: bool
    out: TextIO
    err: TextIO
    queries_dirs: list[Path] = field(default_factory=list)
    fmt: OutputFormat = OutputFormat.table
    params: dict[str, Any] = field(default_factory=dict)
    failures: int = 0
    _library: Any = None

    @property
    def library(self) -> Any:
        if self._library is None:  # parsed on first use: a session of ad-hoc Cypher never pays for it
            from danvan.queries.catalog import load_library

            self._library = load_library(self.queries_dirs, allow_write=self.write)
            for error in self._library.errors:
                self._error(str(error))
        return self._library

    def _error(self, message: str) -> None:
        self.failures += 1
        print(f"error: {' '.join(message.split())}", file=self.err)

    def statements(self, lines: Iterable[str]) -> Iterator[str]:
        """Complete inputs: a ``:command`` line, or Cypher lines up to one ending with ``;``."""
        pending: list[str] = []
        for line in lines:
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("//")):
                continue
            if not pending and stripped.startswith(":"):
                yield stripped
                continue
            pending.append(line.rstrip("\n"))
            if stripped.endswith(";"):
                yield "\n".join(pending).strip()
                pending = []
        if pending:  # the last statement may omit its ';'
            yield "\n".join(pending).strip()

    def execute(self, text: str) -> bool:
        """Run one input; False when the user asked to leave."""
        if text.startswith(":"):
            return self._command(text)
        self._cypher(text.rstrip(";").strip())
        return True

    def _print(self, result: Any) -> None:
        self.out.write(render(result, self.fmt))
        self.out.flush()

    def _cypher(self, cypher: str) -> None:
        if not cypher:
            return
        try:
            result = self.backend.store.query(cypher, dict(self.params), read_only=not self.write)
        except Exception as exc:  # syntax errors, refused writes, driver errors: one line, the shell goes on
            self._error(str(exc))
            return
        self._print(result)

    def _command(self, text: str) -> bool:
        name, _, rest = text[1:].partition(" ")
        rest = rest.strip()
        handlers: dict[str, Callable[[str], None]] = {
            "help": lambda _: print(HELP, file=self.out),
            "param": self._param,
            "params": lambda _: self._list_params(),
            "unparam": lambda key: self.params.pop(key, None) and None,
            "queries": lambda _: self._list_queries(),
            "run": self._run,
            "show": self._show,
            "schema": lambda _: print(schema_text(), file=self.out),
            "format": self._format,
        }
        if name in ("quit", "exit", "q"):
            return False
        handler = handlers.get(name)
        if handler is None:
            self._error(f":{name}: unknown command (:help lists them)")
        else:
            handler(rest)
        return True

    def _param(self, rest: str) -> None:
        key, _, raw = rest.partition(" ")
        if not key or not raw.strip():
            self._error(":param needs a name and a value, e.g. :param province Bắc Ninh")
            return
        try:
            self.params[key] = parse_value(key, raw.strip())
        except ValueError as exc:  # an integer beyond 64 bits
            self._error(str(exc))

    def _list_params(self) -> None:
        for key in sorted(self.params):
            print(f"{key} = {json.dumps(self.params[key], ensure_ascii=False)}", file=self.out)

    def _list_queries(self) -> None:
        for query in self.library:
            print(f"{query.name:<24} {query.title}", file=self.out)

    def _find(self, name: str) -> Any:
        try:
            return self.library.get(name)
        except KeyError as exc:
            self._error(str(exc.args[0]))
            return None

    def _show(self, rest: str) -> None:
        query = self._find(rest)
        if query is not None:
            print(query.text(self.backend.name), file=self.out)

    def _run(self, rest: str) -> None:
        from danvan.queries.params import ParamError, parse_assignments
        from danvan.queries.runner import run_query

        name, _, args = rest.partition(" ")
        query = self._find(name)
        if query is None:
            return
        declared = {p.name for p in query.params}
        given: dict[str, Any] = {k: v for k, v in self.params.items() if k in declared}
        try:
            given.update(parse_assignments(shlex.split(args)))
            result = run_query(self.backend, query, given, write=self.write)
        except (ParamError, ValueError) as exc:
            self._error(str(exc))
            return
        except Exception as exc:  # the store's own errors
            self._error(str(exc))
            return
        self._print(result)

    def _format(self, rest: str) -> None:
        try:
            self.fmt = OutputFormat(rest)
        except ValueError:
            self._error(f":format {rest!r}: choose table, csv or json")

    def completions(self, text: str) -> list[str]:
        """Words starting with ``text``: shell commands after ':', else schema names, Cypher words, query names."""
        if text.startswith(":"):
            words = [":" + c for c in ("help", "param", "params", "unparam", "queries", "run", "show", "schema")]
            words += [":format", ":quit"]
        else:
            words = [*schema_words(), *CYPHER_WORDS, *(q.name for q in self.library)]
        return sorted({w for w in words if w.startswith(text)})


def _interactive_lines(shell: Shell, history: Path) -> Iterator[str]:
    """Lines typed at a prompt, with readline history and tab completion where the platform has readline."""
    try:
        import readline
    except ImportError:  # pragma: no cover - every Linux build of CPython has it
        readline = None  # type: ignore[assignment]
    if readline is not None:
        readline.set_completer_delims(" \t\n()[]{},.:;=<>-'\"")
        matches: list[str] = []

        def complete(text: str, state: int) -> str | None:
            nonlocal matches
            if state == 0:
                buffer = readline.get_line_buffer()
                matches = shell.completions(
                    ":" + text if buffer.lstrip().startswith(":") and " " not in buffer else text
                )
                matches = [m[1:] if m.startswith(":") and not text.startswith(":") else m for m in matches]
            return matches[state] if state < len(matches) else None

        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")
        with contextlib.suppress(OSError):  # no history yet
            readline.read_history_file(history)
    continued = False
    try:
        while True:
            try:
                line = input("...> " if continued else "danvan> ")
            except EOFError:
                print(file=shell.out)
                return
            except KeyboardInterrupt:  # Ctrl-C drops the statement being typed, as in other shells
                print(file=shell.out)
                continued = False
                continue
            stripped = line.strip()
            if continued:
                continued = not stripped.endswith(";")
            else:
                continued = bool(stripped) and not stripped.startswith((":", "//")) and not stripped.endswith(";")
            yield line
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):  # an unwritable history file is no reason to fail the session
                readline.write_history_file(history)


@neo4j_options
def shell(
    db: DbOption = None,
    write: Annotated[bool, typer.Option("--write", help="Allow statements and queries that change the store.")] = False,
    queries_dir: Annotated[
        list[Path] | None,
        typer.Option("--queries-dir", help="Folder of your own query files, added to the library; repeatable."),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="How results are printed.")] = OutputFormat.table,
    neo4j: Neo4jSettings | None = None,
) -> None:
    """An interactive Cypher shell on the store: history, multi-line statements ending with ';', :param,
    :queries and :run for the canned queries, tab completion of labels, relationship types and properties.

    Read-only unless --write. Input may be piped in (one statement after another); the exit status is 1 when
    any statement failed. History is kept in $DANVAN_HISTORY, else ~/.danvan_history.
    """
    with opened_backend(db, neo4j, write) as backend:
        session = Shell(backend, write, sys.stdout, sys.stderr, list(queries_dir or []), fmt)
        interactive = sys.stdin.isatty()
        if interactive:
            print(f"danvan shell on {backend.name} store; :help for commands, Ctrl-D to leave.", file=session.out)
            history = Path(os.environ.get(HISTORY_ENV) or DEFAULT_HISTORY)
            lines: Iterable[str] = _interactive_lines(session, history)
        else:
            lines = sys.stdin
        for text in session.statements(lines):
            if not session.execute(text):
                break
    if not interactive and session.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("shell")(shell)
