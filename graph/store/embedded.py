"""The embedded store: the knowledge graph in a LadybugDB file, no server needed.

Writing model (why it is safe to re-run and to kill):
- The store keeps every article's extraction (``Article.extraction``). :meth:`EmbeddedStore.ingest`
  re-resolves the union of the stored and the new extractions with :func:`graph.build.build_graph`
  (a pure function of that set) and writes the *difference* between that graph and the stored one.
  Building twice on the same input therefore changes nothing, and more articles add and update
  without ever duplicating a node or a relationship.
- Rows go in with ``COPY ... FROM`` pyarrow tables, also into non-empty tables (appending): row by
  row ``MERGE`` is far slower here (measured: 5,000 MERGEs ~3 s; a COPY of 400,000 rows ~5 s).
  Changed nodes are updated with ``LOAD FROM ... MATCH ... SET``; a changed relationship is deleted
  and copied again.
- Nothing is written into the store in place. A write makes a new store beside it
  (``graph.lbdb.new``), checkpoints and closes it, checks that no write-ahead log is left (a
  checkpoint that failed), and only then renames it over the store (:meth:`EmbeddedStore._replace`).
  A full disk, any other failure or a killed process leaves the store as it was, openable, with
  its previous content; the free space is checked before starting. A failure raises
  :class:`StoreError` (:class:`DiskFullError` for a full disk) saying the store is unchanged.
- A small difference starts from a copy of the store and is applied in one transaction there.
- A large one (a first build, or many new articles) is a *bulk rewrite*: every table is filled
  with ``COPY`` into an empty new store, with a single checkpoint at the end
  (:meth:`EmbeddedStore._one_checkpoint`); the same COPYs in one explicit transaction cost more
  (measured on the corpus, ~100,000 nodes and relationships: 1.5 s against 1.2 s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import json
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import ladybug as lb

from danvan.graph.atomic_file import describe_os_error
from danvan.graph.model import Extraction
from danvan.graph.schema import SCHEMA, Property
from danvan.graph.store.cypher_guard import RefusedQuery, check_read_only
from danvan.graph.store.ddl import META_TABLE, ddl_statements
from danvan.graph.store.result import QueryResult

if TYPE_CHECKING:  # at run time these load only where a store is written or read whole: queries start fast
    import pyarrow as pa

    from danvan.graph.judgements import Judgement
    from danvan.graph.knowledge import KnowledgeGraph

#: Rows per COPY / LOAD FROM statement; between batches :func:`_between_batches` runs.
BATCH_SIZE = 200_000
#: A difference touching more than this share of the wanted graph, and more than BULK_MIN nodes
#: and relationships, is written as a bulk rewrite; smaller ones go in one transaction, where the
#: fixed cost of the twenty-odd auto-committed statements of a rewrite would dominate.
BULK_FRACTION = 0.2
BULK_MIN = 10_000
#: Metadata key: digest of the judgements the stored graph was built with (a change rebuilds it).
JUDGEMENTS_KEY = "judgements"
#: Values of the ``state`` metadata key (``writing``: left by an interrupted in-place bulk write of
#: an earlier version; the next build rewrites such a store whole).
COMPLETE, WRITING = "complete", "writing"
#: Metadata key and value naming the rule article ids follow (see graph.ids.article_id). A store without
#: it was built when ids came from the article's text: building into it would duplicate every article.
ARTICLE_IDS_KEY, ARTICLE_IDS = "article_ids", "record-url-location"


@cache
def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    types = {
        "STRING": pa.string(),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "DATE": pa.date32(),
        "BOOL": pa.bool_(),
        "STRING[]": pa.list_(pa.string()),
    }
    return types[name]


Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as a build advances (the CLI draws a bar from it)."""


class StoreError(Exception):
    """A problem with the store that the user can fix; the message is one line."""


class ReadOnlyError(StoreError):
    """A query tried to write without being allowed to."""


def _between_batches() -> None:
    """Runs between write batches. A no-op; tests replace it to simulate a build killed midway."""


@dataclass
class WriteReport:
    """What a write changed, per label / relationship type."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.deleted.values())

    @property
    def total(self) -> int:
        """Nodes and relationships added, updated or deleted."""
        return sum(self.added.values()) + sum(self.updated.values()) + sum(self.deleted.values())


@dataclass
class IngestReport:
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    #: Stored articles taken out: asked for, or replaced by an article read from the same file.
    articles_removed: int = 0
    articles_total: int = 0
    write: WriteReport = field(default_factory=WriteReport)


def _canonical(value: Any, prop: Property) -> Any:
    """One representation per value, so that the graph and the store compare equal."""
    if value is None:
        return None
    if prop.type == "STRING[]":
        return tuple(str(v) for v in value)
    if prop.type == "DOUBLE":
        return float(value)
    if prop.type == "INT64":
        return int(value)
    if prop.type == "DATE" and isinstance(value, dt.datetime):
        return value.date()
    return value


class EmbeddedStore:
    def __init__(self, path: Path, read_only: bool = False, *, scratch: bool = False) -> None:
        """``scratch``: the new file a write fills beside the store (:meth:`_replace`), opened read-write,
        under the lock its store's writer already holds."""
        self.path = Path(path)
        self.read_only = read_only
        self._scratch = scratch
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no graph database here (run `danvan build` first or pass --db)")
        #: Metadata the next write sets in the new file (it is never written into the store in place).
        self._meta_pending: dict[str, str] = {}
        self._lock: IO[bytes] | None = None
        if not read_only and not scratch:
            self._lock = _writer_lock(self.path)
            holder = _engine_lock_holder(self.path)
            if holder is not None:
                self._release_lock()
                raise StoreError(
                    f"{self.path} is locked by another process (process {holder}); "
                    "close the other danvan or use another --db"
                )
        try:
            if not read_only and not self.path.exists():
                _create_store(self.path)
            self._open_in_place()
        except BaseException:
            self._release_lock()
            raise
        try:
            self._check_schema()
        except BaseException:
            self.close()  # release the file lock: the caller never gets a store to close
            raise

    def _open_in_place(self) -> None:
        """Open the store file read-only, also for a store opened to write: every write goes to a new file
        beside it (:meth:`_replace`), and closing a read-write database writes to it, which on a full disk
        left a good store needing recovery. Only a store whose last write stopped during a checkpoint is
        opened read-write, by a writer, so that the engine finishes that checkpoint."""
        if self._scratch:
            try:
                self.db = lb.Database(str(self.path))
            except RuntimeError as exc:
                raise StoreError(_open_error(self.path, exc)) from None
            self.conn = lb.Connection(self.db)
            return
        try:
            self.db = lb.Database(str(self.path), read_only=True, buffer_pool_size=_read_pool_size(self.path))
        except RuntimeError as exc:
            text = " ".join(str(exc).split())
            if not self.read_only and "empty database under READ ONLY" in text:
                _create_store(self.path)  # an empty file where the store should be: lay the schema
                self.db = lb.Database(str(self.path), read_only=True)
                self.conn = lb.Connection(self.db)
                return
            if self.read_only or "checkpoint recovery is pending" not in text:
                raise StoreError(_open_error(self.path, exc)) from None
            try:
                self.db = lb.Database(str(self.path))
            except RuntimeError as again:
                raise StoreError(_open_error(self.path, again)) from None
        self.conn = lb.Connection(self.db)

    def _release_lock(self) -> None:
        if self._lock is not None:
            # Removed while still held, so no stale file stays beside the store; a writer that opened it
            # just before finds it gone at its next start (the lock is never waited for).
            with contextlib.suppress(OSError):
                os.unlink(self._lock.name)
            self._lock.close()
            self._lock = None

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        try:
            self.conn.close()
            self.db.close()
            self._release_lock()
        except RuntimeError:
            self._release_lock()
            # A close whose checkpoint failed (a full disk) leaves the engine holding the file open,
            # so deleting it would free no space: drop the engine's handles all the same.
            for name in ("_database", "_pybind_database"):
                handle = getattr(self.db, name, None)
                setattr(self.db, name, None)
                with contextlib.suppress(RuntimeError):
                    if handle is not None:
                        handle.close()
            raise StoreError(f"{self.path}: closing the store failed (is the disk full?)") from None

    def _tables(self) -> set[str]:
        return {str(row[1]) for row in self._rows("CALL show_tables() RETURN *")}

    def _check_schema(self) -> None:
        # The common case first, in one query: a store made by this danvan answers its version at once.
        try:
            version = self._meta("schema_version")
        except RuntimeError:  # no metadata table
            version = None
        if version == SCHEMA.version:
            return
        tables = self._tables()
        if not tables:
            raise StoreError(f"{self.path}: the database is empty (run `danvan build` first)")
        if META_TABLE not in tables:
            raise StoreError(f"{self.path}: not a danvan graph database (no {META_TABLE} table)")
        raise StoreError(
            f"{self.path} was made with schema version {version}, this danvan uses {SCHEMA.version}: "
            "rebuild it (delete the file and run `danvan build`) or use a matching danvan"
        )

    # ------------------------------------------------------------------ reading
    def _meta(self, key: str) -> str | None:
        """A metadata value of the store (None if it has none)."""
        rows = self._rows(f"MATCH (m:{META_TABLE} {{key: $k}}) RETURN m.value", {"k": key})
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def _rows(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        result = self.conn.execute(cypher, params or {})
        assert not isinstance(result, list)
        return [list(row) for row in result.get_all()]

    def _arrow(self, cypher: str) -> list[dict[str, Any]]:
        result = self.conn.execute(cypher)
        assert not isinstance(result, list)
        table: pa.Table = result.get_as_arrow()
        return list(table.to_pylist())

    def query(self, cypher: str, params: dict[str, Any] | None = None, read_only: bool = True) -> QueryResult:
        """Run Cypher (values only as ``params``).

        A read-only query is held in three places: :func:`cypher_guard.check_read_only` refuses the
        clauses the engine would run even read-only (files, extensions, settings; see that module);
        the text is *prepared*, and a prepared statement is one statement (LadybugDB refuses
        several, see below); and it runs in a read-only database or a ``READ ONLY`` transaction,
        where the engine refuses any write to the graph. A refusal raises :class:`ReadOnlyError`.
        A write (``read_only=False``) runs on a copy of the store that replaces it once complete.
        """
        if read_only:
            try:
                check_read_only(cypher)
            except RefusedQuery as exc:
                raise ReadOnlyError(str(exc)) from None
        if not read_only and self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; writing needs --write")
        if not read_only:
            # A write goes to a copy that replaces the store once complete, as a build's does.
            written: list[QueryResult] = []
            self._replace(
                _store_bytes(self.path) + _MARGIN_BYTES,
                lambda new: written.append(new._run(cypher, params, read_only=False)),
                copy=True,
            )
            return written[0]
        return self._run(cypher, params, read_only=True)

    def _run(self, cypher: str, params: dict[str, Any] | None, read_only: bool) -> QueryResult:
        """Run the query here, as :meth:`query` decided (guarded already when ``read_only``)."""
        wrap = read_only and not self.read_only
        if wrap:
            self.conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            if read_only:
                # With parameters the driver prepares the statement, and LadybugDB prepares one
                # statement only ("We do not support prepare multiple statements"); without any it
                # would run the text as a script. A parameter the text does not use is allowed, and
                # also stops the driver looking up ``LOAD FROM name`` among the caller's variables.
                result = self.conn.execute(cypher, {**(params or {}), "__danvan_prepared": True})
            else:
                result = self.conn.execute(cypher, params or {})
            results = result if isinstance(result, list) else [result]
            last = results[-1]
            out = QueryResult(columns=list(last.get_column_names()), rows=[list(r) for r in last.get_all()])
        except (RuntimeError, TypeError) as exc:
            if wrap:
                # LadybugDB ends the transaction itself on most errors; make sure it is gone.
                with contextlib.suppress(RuntimeError):
                    self.conn.execute("ROLLBACK")
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "read-only" in message or "read only" in message.lower():
                raise ReadOnlyError(
                    "refused: this query writes to the store and the query is read-only (use --write to allow it)"
                ) from None
            raise StoreError(message) from None
        if wrap:
            self.conn.execute("COMMIT")
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts per node label and relationship type (the shape of :meth:`KnowledgeGraph.counts`)."""
        nodes = {label: int(self._rows(f"MATCH (n:{label}) RETURN count(n)")[0][0]) for label in SCHEMA.labels}
        rels = {t: int(self._rows(f"MATCH ()-[r:{t}]->() RETURN count(r)")[0][0]) for t in SCHEMA.rel_types}
        return {"nodes": nodes, "relationships": rels}

    def load_graph(self) -> KnowledgeGraph:
        """The stored graph as a :class:`KnowledgeGraph` (properties that are null are left out).

        Rows go straight into networkx: they were checked against the schema when written, and
        re-checking 300,000 of them would dominate an incremental build.
        """
        from danvan.graph.knowledge import KnowledgeGraph, edge_key

        kg = KnowledgeGraph()
        g = kg.g
        for node_type in SCHEMA.nodes:
            cols = ", ".join(f"n.`{p}` AS `{p}`" for p in node_type.property_names)
            for row in self._arrow(f"MATCH (n:{node_type.label}) RETURN {cols}"):
                g.add_node(row["id"], label=node_type.label, **{k: v for k, v in row.items() if v is not None})
        for rel in SCHEMA.rels:
            cols = ", ".join(f"r.`{p}` AS `{p}`" for p in rel.property_names)
            for row in self._arrow(f"MATCH (a)-[r:{rel.type}]->(b) RETURN a.id AS _src, b.id AS _dst, {cols}"):
                src, dst = row.pop("_src"), row.pop("_dst")
                props = {k: v for k, v in row.items() if v is not None}
                g.add_edge(src, dst, key=edge_key(rel.type, src, dst, props), type=rel.type, **props)
        return kg

    def stored_extractions(self) -> dict[str, str]:
        """Article id -> the extraction JSON stored with it."""
        rows = self._arrow("MATCH (a:Article) RETURN a.id AS id, a.extraction AS extraction")
        return {r["id"]: r["extraction"] for r in rows if r["extraction"]}

    def _check_article_ids(self) -> None:
        if self._meta(ARTICLE_IDS_KEY) != ARTICLE_IDS:
            raise StoreError(
                f"{self.path} was built when article ids came from the article's text; building into it would "
                "duplicate every article: rebuild it (delete the file and run `danvan build`)"
            )

    def stored_articles(self) -> list[tuple[str, str, str]]:
        """(id, path, url) of every stored article, by id; path is the location the article was read from."""
        rows = self._rows("MATCH (a:Article) RETURN a.id, a.path, a.url ORDER BY a.id")
        return [(str(r[0]), str(r[1] or ""), str(r[2] or "")) for r in rows]

    @property
    def complete(self) -> bool:
        """False while a bulk write is under way or after one was interrupted (the next build repairs it)."""
        return self._meta("state") != WRITING

    # ------------------------------------------------------------------ writing
    def ingest(
        self,
        extractions: Iterable[Extraction],
        progress: Progress | None = None,
        remove: Iterable[str] = (),
        judgements: Sequence[Judgement] = (),
    ) -> IngestReport:
        """Add articles and take out the stored ones in ``remove``: re-resolve the union of the stored
        and the new articles, apply the judgements, write the difference. With no new or removed article,
        the graph is rebuilt only if the judgements changed.

        An article given again with the same id replaces its stored version. So does an article read
        from the same single-article file (.txt, .html) under a new id (a page that gained a canonical
        address): a file holds one article, so the old one is taken out.
        """
        from danvan.graph.build import build_graph, extraction_json, gc_paused
        from danvan.graph.judgements import judgements_digest

        self._require_writable()
        judged = judgements_digest(judgements)
        stored = self.stored_extractions()
        if stored:
            self._check_article_ids()
        report = IngestReport()
        incoming: dict[str, Extraction] = {}
        for ex in extractions:
            incoming[ex.article.id] = ex
        files = {ex.article.path for ex in incoming.values() if ex.article.path and not _holds_many(ex.article.path)}
        drop = set(remove) & set(stored)
        if files:
            drop.update(aid for aid, path, _ in self.stored_articles() if path in files)
        drop -= set(incoming)
        report.articles_removed = len(drop)
        changed: dict[str, Extraction] = {}
        for article_id in sorted(incoming):
            ex = incoming[article_id]
            old = stored.get(article_id)
            if old is None:
                report.articles_new += 1
            elif old != extraction_json(ex):
                report.articles_changed += 1
            else:
                report.articles_unchanged += 1
                continue
            changed[article_id] = ex
        report.articles_total = len((set(stored) - drop) | set(incoming))
        stored_judged = self._meta(JUDGEMENTS_KEY)
        # A store built before judgements existed was built with none.
        same_judgements = stored_judged == judged or (stored_judged is None and judged == judgements_digest(()))
        if not changed and not drop and self.complete and same_judgements:
            return report
        with gc_paused():
            union = [
                Extraction.from_json(json.loads(t))
                for aid, t in sorted(stored.items())
                if aid not in changed and aid not in drop
            ]
        union.extend(changed[k] for k in sorted(changed))
        if progress:
            progress("resolve", 0, 1)
        kg = build_graph(union, judgements)
        if progress:
            progress("resolve", 1, 1)
        self._meta_pending[JUDGEMENTS_KEY] = judged
        report.write = self.write_graph(kg, progress=progress)
        return report

    def remove(
        self, article_ids: Iterable[str], progress: Progress | None = None, judgements: Sequence[Judgement] = ()
    ) -> IngestReport:
        """Take articles out, with everything only they supported: the graph is re-resolved from the
        other stored articles (with the judgements in force), so a fact they shared keeps its other sources
        and dates."""
        return self.ingest([], progress=progress, remove=article_ids, judgements=judgements)

    def write_graph(self, kg: KnowledgeGraph, progress: Progress | None = None) -> WriteReport:
        """Make the store hold exactly ``kg``, writing only the difference (see the module notes)."""
        from danvan.graph.build import gc_paused

        self._require_writable()
        with gc_paused():
            return self._write_graph(kg, progress)

    def _write_graph(self, kg: KnowledgeGraph, progress: Progress | None) -> WriteReport:
        from danvan.graph.knowledge import KnowledgeGraph

        complete = self.complete
        # An empty store (the usual first build) needs no reading back.
        empty = not any(self._rows(f"MATCH (n:{label}) RETURN 1 LIMIT 1") for label in SCHEMA.labels)
        old = KnowledgeGraph() if empty else self.load_graph()
        plan = _Plan.diff(old, kg)
        if complete and plan.total() == 0:
            if any(self._meta(key) != value for key, value in self._meta_pending.items()):
                # only the metadata changed (the judgements, with no effect on the graph): a copy records it
                self._replace(_store_bytes(self.path), lambda new: None, copy=True)
            return plan.report
        size = len(kg) + kg.g.number_of_edges()
        if complete and (plan.total() <= BULK_FRACTION * size or plan.total() <= BULK_MIN):
            # A copy of the store takes the transaction; the store itself is never written.
            filled = {a["label"] for _, a in old.g.nodes(data=True)} | {a["type"] for *_, a in old.g.edges(data=True)}

            def transaction(new: EmbeddedStore) -> None:
                new.conn.execute("BEGIN TRANSACTION")
                try:
                    plan.apply(new, progress, bulk=False)
                    new.conn.execute("COMMIT")
                except BaseException:
                    new._rollback()
                    raise

            self._replace(_store_bytes(self.path) + _plan_bytes(plan, filled), transaction, copy=True)
            return plan.report
        # Bulk rewrite: the whole graph is copied into a new, empty file.
        everything = _Plan.everything(kg)

        def rewrite(new: EmbeddedStore) -> None:
            with new._one_checkpoint():
                everything.apply(new, progress, bulk=True)

        self._replace(_plan_bytes(everything, set()), rewrite, copy=False)
        return plan.report

    @contextmanager
    def _one_checkpoint(self) -> Iterator[None]:
        """Checkpoint once on leaving (unless it raised) instead of after every auto-committed COPY.

        LadybugDB checkpoints (writes the pages and syncs the file) after each auto-committed COPY;
        over the ~30 COPYs of a bulk write that cost more than the COPYs themselves (measured on the
        corpus, open to close: 1.4-2.5 s with them, 1.1-1.3 s without). A COPY skips the write-ahead
        log, so until the checkpoint a killed process loses its rows: harmless here, the file being
        written is a new one that replaces the store only once complete (:meth:`_replace`).
        """
        self.conn.execute("CALL auto_checkpoint=false")
        try:
            yield
        finally:
            self.conn.execute("CALL auto_checkpoint=true")
        self.conn.execute("CHECKPOINT")

    def _replace(self, needed: int, write: Callable[[EmbeddedStore], None], copy: bool) -> None:
        """``write`` into a store beside this one, which replaces this one only once complete.

        ``copy``: start from a copy of this store (for a transaction), else from an empty one (a
        bulk rewrite). The free space is checked first (``needed`` bytes, an estimate); the new
        file is checkpointed and closed, and must leave no write-ahead log behind, before it is
        renamed over the store. Any failure, a full disk included, removes the new file and raises
        :class:`StoreError` (:class:`DiskFullError`): the store is unchanged. A killed process
        leaves at most a stale new file, removed by the next write.
        """
        new_path = _beside(self.path)
        _remove_store_files(new_path)
        _remove_store_files(_beside(new_path))  # where a killed _create_store left it
        _check_space(self.path, needed)
        # Not a context manager: its __exit__ would hold the traceback (and with it the engine's
        # handles on the new file) while the failure is cleaned up.
        try:
            if copy:
                for suffix in ("", ".wal"):
                    source = Path(f"{self.path}{suffix}")
                    if source.exists():
                        shutil.copyfile(source, f"{new_path}{suffix}")
            else:
                _create_store(new_path)
            new = EmbeddedStore(new_path, scratch=True)
            try:
                if not copy:
                    new._copy_meta(self)
                write(new)
                for key, value in sorted(self._meta_pending.items()):
                    new.conn.execute(f"MERGE (m:{META_TABLE} {{key: $k}}) SET m.value = $v", {"k": key, "v": value})
                new.conn.execute("CHECKPOINT")
            finally:
                new.close()
            _check_closed(new_path)
        except (RuntimeError, OSError, StoreError) as exc:
            error = _write_error(self.path, exc)
            # The traceback's frames hold the engine's handles on the new file (measured: its
            # descriptor stays open after close()); deleted while held, it would free no space.
            exc.__traceback__ = None
            del exc
            gc.collect()
            _remove_store_files(new_path)
            raise error from None
        except BaseException:
            _remove_store_files(new_path)
            raise
        self._swap_in(new_path)
        self._meta_pending.clear()

    def _copy_meta(self, source: EmbeddedStore) -> None:
        """Metadata of ``source`` other than the schema version (already written) and the write state."""
        rows = source._rows(f"MATCH (m:{META_TABLE}) RETURN m.key, m.value")
        for key, value in rows:
            if key not in ("schema_version", "state"):
                self.conn.execute(f"MERGE (m:{META_TABLE} {{key: $k}}) SET m.value = $v", {"k": key, "v": value})

    def _swap_in(self, new_path: Path) -> None:
        """Close this store, rename the complete ``new_path`` over it and open it again."""
        self.close()
        # The old store was only read, and closed cleanly: any log beside it would be replayed
        # onto the new file at the next open, so it goes first.
        _remove_sidecars(self.path)
        os.replace(new_path, self.path)
        _remove_sidecars(new_path)
        _sync_folder(self.path.parent)
        self._open_in_place()

    def _rollback(self) -> None:
        # LadybugDB ends the transaction itself when a statement fails; a second ROLLBACK would
        # raise and hide the original error.
        with contextlib.suppress(RuntimeError):
            self.conn.execute("ROLLBACK")

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only")

    def _copy(self, table: str, data: pa.Table, options: str = "") -> None:
        self.conn.execute(f"COPY {table} FROM $df{options}", {"df": data})


def _holds_many(path: str) -> bool:
    """Whether the file at ``path`` holds many articles (a .jsonl file), not one."""
    return path.lower().endswith(".jsonl")


def _open_error(path: Path, exc: RuntimeError) -> str:
    text = " ".join(str(exc).split())
    if "lock" in text.lower():
        held = re.search(r"Lock is held by PID (\d+)", text)
        who = f" (process {held.group(1)})" if held else ""
        return f"{path} is locked by another process{who}; close the other danvan or use another --db"
    if "checkpoint recovery is pending" in text:
        return (
            f"{path}: an earlier write stopped during a checkpoint; run `danvan build FOLDER --db {path}` "
            "(any folder, an empty one will do) to finish it, then run this command again"
        )
    if "wal file is corrupted" in text.lower():
        return (
            f"{path}: its write-ahead log {path.name}.wal is damaged (an earlier write ran out of space); "
            f"move {path}.wal away to open the store as it was before that write"
        )
    if "empty database under READ ONLY" in text:
        return f"{path}: no graph database here (run `danvan build` first or pass --db)"
    return f"{path}: cannot open the graph database: {text.split('. See the docs')[0]}"


class DiskFullError(StoreError):
    """The disk filled up (or would have) during a write; the store was left as it was."""

    def __init__(self, path: Path, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(f"{path}: no space left on device; the store is unchanged{extra}")


#: Per table holding rows, what a fresh store file takes before its rows (measured with ladybug 0.22:
#: the five seed articles, 24 tables with rows and 269 nodes and relationships, make a 6.3 MiB file).
_TABLE_BYTES = 256 * 1024
#: Beside the copy a transaction needs room for its write-ahead log and checkpoint.
_MARGIN_BYTES = 2 * 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def _check_space(path: Path, needed: int) -> None:
    """Refuse a write before it starts when the disk has less room than it will take."""
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise DiskFullError(path, f"the write needs about {_mib(needed)}, {_mib(free)} free")


def _beside(path: Path) -> Path:
    """Where a write builds the store that replaces ``path``."""
    return path.with_name(path.name + ".new")


def _store_bytes(path: Path) -> int:
    return sum(Path(f"{path}{s}").stat().st_size for s in ("", ".wal") if Path(f"{path}{s}").exists())


def _text_bytes(*groups: dict[str, list[NodeItem]]) -> int:
    """Twice the bytes of the nodes' text properties (article extractions dominate): a lower bound."""
    total = 0
    for group in groups:
        for items in group.values():
            for _, attrs in items:
                total += sum(len(v) for v in attrs.values() if isinstance(v, str))
    return 2 * total


def _plan_bytes(plan: _Plan, filled: set[str]) -> int:
    """What writing ``plan`` adds to a store whose tables ``filled`` already hold rows (an estimate)."""
    tables = {label for label, items in plan.new_nodes.items() if items and label not in filled}
    tables |= {rel_type for (rel_type, _, _), rels in plan.new_rels.items() if rels and rel_type not in filled}
    return _TABLE_BYTES * len(tables) + _text_bytes(plan.new_nodes, plan.changed_nodes) + _MARGIN_BYTES


#: Files LadybugDB keeps beside a store (seen with 0.22): its log, the log being checkpointed, the
#: pages of a checkpoint in progress and the checkpoint's locks.
_SIDECARS = (".wal", ".wal.checkpoint", ".shadow", ".checkpoint.apply.lock", ".checkpoint.intent.lock")
#: Those that hold data a later open would replay onto the file.
_LOGS = (".wal", ".wal.checkpoint", ".shadow")


def _remove_sidecars(path: Path) -> None:
    for suffix in _SIDECARS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_store_files(path: Path) -> None:
    Path(path).unlink(missing_ok=True)
    _remove_sidecars(path)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is; not every platform can open a folder.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _check_closed(path: Path) -> None:
    """A cleanly closed store leaves no log to replay: one left behind means the last checkpoint failed."""
    for suffix in _LOGS:
        left = Path(f"{path}{suffix}")
        if left.exists() and left.stat().st_size > 0:
            raise OSError(f"the final checkpoint did not complete ({left.name} left behind)")


def _is_disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "no space left on device" in str(exc).lower()


def _write_error(path: Path, exc: BaseException) -> StoreError:
    if _is_disk_full(exc) or shutil.disk_usage(path.parent).free < _MARGIN_BYTES:
        return DiskFullError(path)
    if isinstance(exc, StoreError):
        return StoreError(f"{str(exc).rstrip('.')}; the store is unchanged")
    if isinstance(exc, OSError) and exc.errno is not None:
        return StoreError(f"{path}: cannot write beside the store: {describe_os_error(exc)}; the store is unchanged")
    text = " ".join(str(exc).split()) or type(exc).__name__
    return StoreError(f"{path}: the write failed: {text}; the store is unchanged")


def _writer_lock(path: Path) -> IO[bytes]:
    """An exclusive lock for writers of the store at ``path`` (a file beside it): the store itself is opened
    read-only, which the engine lets several processes do, and two writes must not race to replace it."""
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{path}.lock", "ab")  # noqa: SIM115  (held open until the store is closed)
    except OSError as exc:
        if _is_disk_full(exc):
            raise DiskFullError(path) from None
        raise StoreError(f"{path}: cannot create the graph database: {describe_os_error(exc)}") from None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StoreError(f"{path} is locked by another process; close the other danvan or use another --db") from None
    return handle


#: The smallest page cache of a read-only open; see :func:`_read_pool_size`.
READ_POOL_MIN = 256 * 1024 * 1024


def _read_pool_size(path: Path) -> int:
    """The page cache of a read-only open: four times the store's size, at least 256 MiB. The engine's default
    (most of the machine's memory) costs 15-35 ms to set up, a tenth of a query's whole start-up, and a store
    that fits in the cache four times over is served from it all the same."""
    try:
        size = sum(os.path.getsize(p) for p in (path, Path(f"{path}.wal")) if os.path.exists(p))
    except OSError:
        size = 0
    return max(READ_POOL_MIN, 4 * size)


def _engine_lock_holder(path: Path) -> int | None:
    """The process holding the engine's own write lock on ``path`` (another program with the store open
    read-write), if any. A read-only open does not wait for that lock, so a writer asks for it first."""
    import fcntl
    import struct

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        kind, _, _, _, pid = struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
    except OSError:
        return None
    finally:
        os.close(fd)
    return pid if kind != fcntl.F_UNLCK else None


def _write_initial_meta(conn: lb.Connection) -> None:
    """The metadata every new store starts with: its schema version and the rule its article ids follow."""
    conn.execute(f"CREATE (:{META_TABLE} {{key: 'schema_version', value: $v}})", {"v": SCHEMA.version})
    conn.execute(f"CREATE (:{META_TABLE} {{key: $k, value: $v}})", {"k": ARTICLE_IDS_KEY, "v": ARTICLE_IDS})


def _create_store(path: Path) -> None:
    """An empty store with the schema at ``path``, made beside it and renamed into place when complete."""
    new_path = _beside(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_store_files(new_path)
        db = lb.Database(str(new_path))
        try:
            conn = lb.Connection(db)
            conn.execute("BEGIN TRANSACTION")
            for statement in ddl_statements():
                conn.execute(statement)
            _write_initial_meta(conn)
            conn.execute("COMMIT")
            conn.execute("CHECKPOINT")
            conn.close()
        finally:
            db.close()
        _check_closed(new_path)
        _remove_sidecars(path)
        os.replace(new_path, path)
        _remove_sidecars(new_path)
        _sync_folder(path.parent)
    except (RuntimeError, OSError) as exc:
        with contextlib.suppress(OSError):
            _remove_store_files(new_path)
        if _is_disk_full(exc):
            raise DiskFullError(path) from None
        text = describe_os_error(exc) if isinstance(exc, OSError) else " ".join(str(exc).split())
        raise StoreError(f"{path}: cannot create the graph database: {text}") from None


def _same(a: dict[str, Any], b: dict[str, Any], props: tuple[Property, ...]) -> bool:
    # Fast path: the built and the stored attributes differ only by missing-versus-None keys.
    if {k: v for k, v in a.items() if v is not None} == {k: v for k, v in b.items() if v is not None}:
        return True
    return all(_canonical(a.get(p.name), p) == _canonical(b.get(p.name), p) for p in props)


#: A node to write: (id, attributes); a relationship: (source id, target id, attributes).
NodeItem = tuple[str, dict[str, Any]]
RelItem = tuple[str, str, dict[str, Any]]


@dataclass
class _Plan:
    """The difference between the stored graph and the wanted one.

    Rows keep references to the graph's attribute dicts; arrow tables are built column by column
    only when written, so a first build into an empty store does no per-value Python work beyond
    one list per column.
    """

    new_nodes: dict[str, list[NodeItem]]
    changed_nodes: dict[str, list[NodeItem]]
    deleted_nodes: dict[str, list[str]]
    #: (type, from label, to label) -> relationships
    new_rels: dict[tuple[str, str, str], list[RelItem]]
    deleted_rels: dict[tuple[str, str, str], list[tuple[str, str]]]
    report: WriteReport

    @classmethod
    def everything(cls, new: KnowledgeGraph) -> _Plan:
        """The plan for an empty store: every node and relationship is new (no comparisons)."""
        report = WriteReport()
        new_nodes: dict[str, list[NodeItem]] = defaultdict(list)
        new_rels: dict[tuple[str, str, str], list[RelItem]] = defaultdict(list)
        labels: dict[str, str] = {}
        for node_id, attrs in new.g.nodes(data=True):
            labels[node_id] = attrs["label"]
            new_nodes[attrs["label"]].append((node_id, attrs))
        for src, dst, attrs in new.g.edges(data=True):
            new_rels[(attrs["type"], labels[src], labels[dst])].append((src, dst, attrs))
        for label, items in new_nodes.items():
            report.added[label] = len(items)
        for (rel_type, _, _), rels in new_rels.items():
            report.added[rel_type] = report.added.get(rel_type, 0) + len(rels)
        return cls(new_nodes, {}, {}, new_rels, {}, report)

    @classmethod
    def diff(cls, old: KnowledgeGraph, new: KnowledgeGraph) -> _Plan:
        if len(old) == 0:
            return cls.everything(new)
        report = WriteReport()
        new_nodes: dict[str, list[NodeItem]] = defaultdict(list)
        changed_nodes: dict[str, list[NodeItem]] = defaultdict(list)
        deleted_nodes: dict[str, list[str]] = defaultdict(list)
        old_nodes = old.g.nodes
        # The graph's own order is deterministic (build_graph adds in sorted order): no sorting.
        for node_id, attrs in new.g.nodes(data=True):
            label = attrs["label"]
            before = old_nodes.get(node_id)
            if before is None:
                new_nodes[label].append((node_id, attrs))
            elif before["label"] != label:
                deleted_nodes[before["label"]].append(node_id)
                new_nodes[label].append((node_id, attrs))
            elif not _same(before, attrs, SCHEMA.node(label).properties):
                changed_nodes[label].append((node_id, attrs))
        for node_id, attrs in old.g.nodes(data=True):
            if node_id not in new.g:
                deleted_nodes[attrs["label"]].append(node_id)
        deleted_ids = {i for ids in deleted_nodes.values() for i in ids}

        new_rels: dict[tuple[str, str, str], list[RelItem]] = defaultdict(list)
        deleted_rels: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        # Keyed by edge key too: one person may hold one post in two terms (two HOLDS between them).
        old_edges = {(a["type"], s, t, k): a for s, t, k, a in old.g.edges(keys=True, data=True)}
        new_edges = {(a["type"], s, t, k): a for s, t, k, a in new.g.edges(keys=True, data=True)}
        labels = {n: a["label"] for n, a in new.g.nodes(data=True)}
        # A relationship is deleted by its ends, which deletes every parallel one: those between the same
        # ends that did not change are then copied again too.
        rewritten: set[tuple[str, str, str]] = set()
        for key in new_edges:
            rel_type, src, dst, _ = key
            attrs = new_edges[key]
            pair = (rel_type, labels[src], labels[dst])
            before = old_edges.get(key)
            if before is None or src in deleted_ids or dst in deleted_ids:
                report.added[rel_type] = report.added.get(rel_type, 0) + 1
            elif not _same(before, attrs, SCHEMA.rel(rel_type).properties):
                # LadybugDB has no cheap per-row upsert of a relationship: delete it and copy it again.
                if (rel_type, src, dst) not in rewritten:
                    deleted_rels[pair].append((src, dst))
                rewritten.add((rel_type, src, dst))
                report.updated[rel_type] = report.updated.get(rel_type, 0) + 1
            else:
                continue
            new_rels[pair].append((src, dst, attrs))
        for key in old_edges:
            if key not in new_edges:
                rel_type, src, dst, _ = key
                if src in deleted_ids or dst in deleted_ids:
                    continue  # goes with DETACH DELETE of the node
                pair = (rel_type, old_nodes[src]["label"], old_nodes[dst]["label"])
                if (rel_type, src, dst) not in rewritten:
                    deleted_rels[pair].append((src, dst))
                rewritten.add((rel_type, src, dst))
                report.deleted[rel_type] = report.deleted.get(rel_type, 0) + 1
        for key, attrs in new_edges.items():
            rel_type, src, dst, _ = key
            if (
                (rel_type, src, dst) in rewritten
                and key in old_edges
                and _same(old_edges[key], attrs, SCHEMA.rel(rel_type).properties)
            ):
                # unchanged, but its ends' relationships are deleted and copied again
                new_rels[(rel_type, labels[src], labels[dst])].append((src, dst, attrs))
        for label, items in new_nodes.items():
            report.added[label] = len(items)
        for label, items in changed_nodes.items():
            report.updated[label] = len(items)
        for label, ids in deleted_nodes.items():
            report.deleted[label] = len(ids)
        return cls(new_nodes, changed_nodes, deleted_nodes, new_rels, deleted_rels, report)

    def total(self) -> int:
        groups: list[Any] = [self.new_nodes, self.changed_nodes, self.deleted_nodes, self.new_rels, self.deleted_rels]
        return sum(len(v) for group in groups for v in group.values())

    def apply(self, store: EmbeddedStore, progress: Progress | None, bulk: bool) -> None:
        """Write the plan; ``bulk`` uses COPY (fastest for many rows, outside transactions)."""
        import pyarrow as pa

        total, done = self.total(), 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("write", done, total)
            _between_batches()

        conn = store.conn
        # Order matters: relationships go before the nodes they hang on, nodes exist before
        # relationships are copied to them.
        for (rel_type, src_label, dst_label), pairs in sorted(self.deleted_rels.items()):
            for batch in _batches(pairs):
                data = pa.table({"s": [p[0] for p in batch], "d": [p[1] for p in batch]})
                conn.execute(
                    f"LOAD FROM $df MATCH (a:{src_label} {{id: s}})-[r:{rel_type}]->(b:{dst_label} {{id: d}}) DELETE r",
                    {"df": data},
                )
                step(len(batch))
        for label, ids in sorted(self.deleted_nodes.items()):
            for batch in _batches(ids):
                data = pa.table({"i": batch})
                conn.execute(f"LOAD FROM $df MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"df": data})
                step(len(batch))
        for label, items in sorted(self.new_nodes.items()):
            props = SCHEMA.node(label).properties
            names = [p.name for p in props if p.name != "id"]
            values = ", ".join(f"`{name}`: c{i}" for i, name in enumerate(names))
            for batch in _batches(items):
                data = _node_table(batch, props)
                if bulk:
                    # COPY for every table, however small: once the checkpoint after each COPY is
                    # gone (see _one_checkpoint) a COPY costs ~10 ms, like a LOAD FROM ... CREATE
                    # of a few rows, and far less for many (measured on the corpus: 1.2 s for the
                    # whole write with COPY only, 1.3 s with LOAD FROM under 5,000 rows).
                    store._copy(label, data)
                else:
                    data = data.rename_columns(["k"] + [f"c{i}" for i in range(len(names))])
                    conn.execute(f"LOAD FROM $df CREATE (n:{label} {{id: k, {values}}})", {"df": data})
                step(len(batch))
        for label, items in sorted(self.changed_nodes.items()):
            props = SCHEMA.node(label).properties
            # Columns are renamed k, c0, c1, ... so that property names such as `date` cannot clash
            # with Cypher functions inside LOAD FROM.
            names = [p.name for p in props if p.name != "id"]
            sets = ", ".join(f"n.`{name}` = c{i}" for i, name in enumerate(names))
            for batch in _batches(items):
                data = _node_table(batch, props).rename_columns(["k"] + [f"c{i}" for i in range(len(names))])
                conn.execute(f"LOAD FROM $df MATCH (n:{label} {{id: k}}) SET {sets}", {"df": data})
                step(len(batch))
        for (rel_type, src_label, dst_label), rels in sorted(self.new_rels.items()):
            rel = SCHEMA.rel(rel_type)
            options = f" (from='{src_label}', to='{dst_label}')" if len(rel.endpoints) > 1 else ""
            names = list(rel.property_names)
            values = ", ".join(f"`{name}`: c{i}" for i, name in enumerate(names))
            for batch in _batches(rels):
                data = _rel_table(batch, rel.properties)
                if bulk:
                    store._copy(rel_type, data, options)
                else:
                    data = data.rename_columns(["s", "d"] + [f"c{i}" for i in range(len(names))])
                    conn.execute(
                        f"LOAD FROM $df MATCH (a:{src_label} {{id: s}}) MATCH (b:{dst_label} {{id: d}}) "
                        f"CREATE (a)-[:{rel_type} {{{values}}}]->(b)",
                        {"df": data},
                    )
                step(len(batch))


def _columns(rows: list[dict[str, Any]], props: Sequence[Property]) -> list[pa.Array]:
    """The properties of ``rows`` (the graph's attribute dicts) as one arrow column each.

    pyarrow converts the dicts to a struct array in C++, reading only the schema's keys (a missing
    key is null): measured 20-40% faster on the corpus than a Python list per column, because the
    dicts are visited once rather than once per property.
    """
    import pyarrow as pa

    struct = pa.struct([pa.field(p.name, _arrow_type(p.type)) for p in props])
    return list(pa.array(rows, type=struct).flatten())


def _node_table(items: list[NodeItem], props: tuple[Property, ...]) -> pa.Table:
    """Columns in table order: ``id`` first, then the label's other properties."""
    import pyarrow as pa

    others = [p for p in props if p.name != "id"]
    ids = pa.array([node_id for node_id, _ in items], type=pa.string())
    columns = _columns([attrs for _, attrs in items], others)
    return pa.Table.from_arrays([ids, *columns], names=["id", *(p.name for p in others)])


def _rel_table(items: list[RelItem], props: tuple[Property, ...]) -> pa.Table:
    """Columns ``from``, ``to``, then the type's properties (the order COPY expects)."""
    import pyarrow as pa

    sources = pa.array([src for src, _, _ in items], type=pa.string())
    targets = pa.array([dst for _, dst, _ in items], type=pa.string())
    columns = _columns([attrs for _, _, attrs in items], props)
    return pa.Table.from_arrays([sources, targets, *columns], names=["from", "to", *(p.name for p in props)])


def _batches(items: list[Any], size: int | None = None) -> Iterator[list[Any]]:
    size = size or BATCH_SIZE
    for i in range(0, len(items), size):
        yield items[i : i + size]


@contextmanager
def open_store(path: Path, read_only: bool = False) -> Iterator[EmbeddedStore]:
    """Open (creating if needed, unless ``read_only``) the store at ``path``; closes it on exit."""
    store = EmbeddedStore(Path(path), read_only=read_only)
    try:
        yield store
    finally:
        store.close()
