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
- A small difference is applied in one transaction: an exception rolls it back and a killed process
  leaves an uncommitted write-ahead log that LadybugDB discards when the file is next opened.
- A large one (a first build, or many new articles) is a *bulk rewrite* of auto-committed COPYs,
  one per table, with a single checkpoint at the end (:meth:`EmbeddedStore._one_checkpoint`). The
  same COPYs in one explicit transaction cost more (measured on the corpus, ~100,000 nodes and
  relationships: 1.5 s against 1.2 s; an earlier measurement at 200,000 rows: 8.3 s against 3.3 s,
  most of it at COMMIT), so the bulk path marks the store ``state = writing`` first, rebuilds every
  table except ``Article`` from scratch, and marks it ``complete`` last, once the checkpoint has
  made the COPYs durable. The ``Article`` rows (each with its extraction) are only ever added or
  replaced, one atomic and durable statement at a time (a COPY to them is checkpointed at once), so
  after a crash the stored extractions plus the articles given again always cover everything, and
  the next build, seeing ``writing``, rewrites the whole graph from them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ladybug as lb
import pyarrow as pa

from danvan.graph.build import build_graph, extraction_json, gc_paused
from danvan.graph.judgements import Judgement, judgements_digest
from danvan.graph.knowledge import KnowledgeGraph, edge_key
from danvan.graph.model import Extraction
from danvan.graph.schema import SCHEMA, Property
from danvan.graph.store.ddl import META_TABLE, ddl_statements
from danvan.graph.store.result import QueryResult

#: Rows per COPY / LOAD FROM statement; between batches :func:`_between_batches` runs.
BATCH_SIZE = 200_000
#: A difference touching more than this share of the wanted graph, and more than BULK_MIN nodes
#: and relationships, is written as a bulk rewrite; smaller ones go in one transaction, where the
#: fixed cost of the twenty-odd auto-committed statements of a rewrite would dominate.
BULK_FRACTION = 0.2
BULK_MIN = 10_000
#: Metadata key: digest of the judgements the stored graph was built with (a change rebuilds it).
JUDGEMENTS_KEY = "judgements"
#: Values of the ``state`` metadata key.
COMPLETE, WRITING = "complete", "writing"
#: Metadata key and value naming the rule article ids follow (see graph.ids.article_id). A store without
#: it was built when ids came from the article's text: building into it would duplicate every article.
ARTICLE_IDS_KEY, ARTICLE_IDS = "article_ids", "record-url-location"
#: The table a bulk rewrite keeps (and only adds to or updates): it holds the extractions.
KEPT_LABEL = "Article"

_ARROW_TYPES: dict[str, pa.DataType] = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOL": pa.bool_(),
    "STRING[]": pa.list_(pa.string()),
}
# Transaction control at the start of a statement would end the READ ONLY transaction that
# guards a read-only query; a word such as "commit" inside a string or a name is harmless.
_TX_CONTROL = re.compile(r"(^|;)\s*(BEGIN|COMMIT|ROLLBACK|CHECKPOINT)\b", re.IGNORECASE)

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
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no graph database here (run `danvan build` first or pass --db)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = lb.Database(str(self.path), read_only=read_only)
            self.conn = lb.Connection(self.db)
        except RuntimeError as exc:
            raise StoreError(_open_error(self.path, exc)) from None
        try:
            self._check_schema()
        except BaseException:
            self.close()  # release the file lock: the caller never gets a store to close
            raise

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.conn.close()
        self.db.close()

    def _tables(self) -> set[str]:
        return {str(row[1]) for row in self._rows("CALL show_tables() RETURN *")}

    def _check_schema(self) -> None:
        tables = self._tables()
        if not tables:
            if self.read_only:
                raise StoreError(f"{self.path}: the database is empty (run `danvan build` first)")
            self._create_schema()
            return
        if META_TABLE not in tables:
            raise StoreError(f"{self.path}: not a danvan graph database (no {META_TABLE} table)")
        rows = self._rows(f"MATCH (m:{META_TABLE} {{key: 'schema_version'}}) RETURN m.value")
        version = rows[0][0] if rows else None
        if version != SCHEMA.version:
            raise StoreError(
                f"{self.path} was made with schema version {version}, this danvan uses {SCHEMA.version}: "
                "rebuild it (delete the file and run `danvan build`) or use a matching danvan"
            )

    def _create_schema(self) -> None:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for statement in ddl_statements():
                self.conn.execute(statement)
            self.conn.execute(f"CREATE (:{META_TABLE} {{key: 'schema_version', value: $v}})", {"v": SCHEMA.version})
            self.conn.execute(
                f"CREATE (:{META_TABLE} {{key: $k, value: $v}})", {"k": ARTICLE_IDS_KEY, "v": ARTICLE_IDS}
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    # ------------------------------------------------------------------ reading
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
        """Run Cypher (values only as ``params``). Read-only queries run in a READ ONLY transaction,
        which LadybugDB enforces itself; a write there raises :class:`ReadOnlyError`."""
        if read_only and _TX_CONTROL.search(cypher):
            raise ReadOnlyError("transaction control (BEGIN/COMMIT/ROLLBACK) is not allowed in a read-only query")
        if not read_only and self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; writing needs --write")
        wrap = read_only and not self.read_only
        if wrap:
            self.conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            result = self.conn.execute(cypher, params or {})
            results = result if isinstance(result, list) else [result]
            last = results[-1]
            out = QueryResult(columns=list(last.get_column_names()), rows=[list(r) for r in last.get_all()])
        except RuntimeError as exc:
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
        rows = self._rows(f"MATCH (m:{META_TABLE} {{key: $k}}) RETURN m.value", {"k": ARTICLE_IDS_KEY})
        if not rows or rows[0][0] != ARTICLE_IDS:
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
        rows = self._rows(f"MATCH (m:{META_TABLE} {{key: 'state'}}) RETURN m.value")
        return not rows or rows[0][0] != WRITING

    def _set_state(self, state: str) -> None:
        self.conn.execute(f"MERGE (m:{META_TABLE} {{key: 'state'}}) SET m.value = $v", {"v": state})

    # ------------------------------------------------------------------ writing
    def _meta(self, key: str) -> str | None:
        rows = self._rows(f"MATCH (m:{META_TABLE} {{key: $k}}) RETURN m.value", {"k": key})
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

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
        report.write = self.write_graph(kg, progress=progress)
        self.conn.execute(f"MERGE (m:{META_TABLE} {{key: $k}}) SET m.value = $v", {"k": JUDGEMENTS_KEY, "v": judged})
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
        self._require_writable()
        with gc_paused():
            return self._write_graph(kg, progress)

    def _write_graph(self, kg: KnowledgeGraph, progress: Progress | None) -> WriteReport:
        complete = self.complete
        # An empty store (the usual first build) needs no reading back.
        empty = not any(self._rows(f"MATCH (n:{label}) RETURN 1 LIMIT 1") for label in SCHEMA.labels)
        old = KnowledgeGraph() if empty else self.load_graph()
        plan = _Plan.diff(old, kg)
        size = len(kg) + kg.g.number_of_edges()
        if complete and (plan.total() <= BULK_FRACTION * size or plan.total() <= BULK_MIN):
            self.conn.execute("BEGIN TRANSACTION")
            try:
                plan.apply(self, progress, bulk=False)
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            return plan.report
        # Bulk rewrite: everything but the articles is dropped and copied anew.
        self._set_state(WRITING)
        with self._one_checkpoint():
            if len(old):
                self._recreate_tables(keep=KEPT_LABEL)
            articles_only = KnowledgeGraph()
            for node_id, attrs in old.nodes(KEPT_LABEL):
                articles_only.g.add_node(node_id, **attrs)
            bulk = plan if len(old) == 0 else _Plan.diff(articles_only, kg)
            bulk.apply(self, progress, bulk=True)
        # Only now, after the checkpoint made every COPY durable: marked complete any earlier, a
        # crash could leave a store that says complete and has lost rows.
        self._set_state(COMPLETE)
        return plan.report

    @contextmanager
    def _one_checkpoint(self) -> Iterator[None]:
        """Checkpoint once on leaving (unless it raised) instead of after every auto-committed COPY.

        LadybugDB checkpoints (writes the pages and syncs the file) after each auto-committed COPY;
        over the ~30 COPYs of a bulk write that cost more than the COPYs themselves (measured on the
        corpus, open to close: 1.4-2.5 s with them, 1.1-1.3 s without). But a COPY skips the
        write-ahead log: until a checkpoint, a killed process loses its rows (measured). The tables
        rebuilt from scratch can lose them, ``state = writing`` sends the next build to rewrite
        them; the kept Article table cannot, so :meth:`_Plan.apply` checkpoints after copying to it.
        """
        self.conn.execute("CALL auto_checkpoint=false")
        try:
            yield
        finally:
            self.conn.execute("CALL auto_checkpoint=true")
        self.conn.execute("CHECKPOINT")

    def _recreate_tables(self, keep: str) -> None:
        """Drop every relationship table and every node table but ``keep``; create them empty again."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for rel in SCHEMA.rels:
                self.conn.execute(f"DROP TABLE IF EXISTS {rel.type}")
            for node in SCHEMA.nodes:
                if node.label != keep:
                    self.conn.execute(f"DROP TABLE IF EXISTS {node.label}")
            for statement in ddl_statements():
                self.conn.execute(statement)
            self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

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
    if "empty database under READ ONLY" in text:
        return f"{path}: no graph database here (run `danvan build` first or pass --db)"
    return f"{path}: cannot open the graph database: {text.split('. See the docs')[0]}"


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
                    if label == KEPT_LABEL:
                        # Durable before the next batch: a crash must never lose a stored extraction.
                        conn.execute("CHECKPOINT")
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
    struct = pa.struct([pa.field(p.name, _ARROW_TYPES[p.type]) for p in props])
    return list(pa.array(rows, type=struct).flatten())


def _node_table(items: list[NodeItem], props: tuple[Property, ...]) -> pa.Table:
    """Columns in table order: ``id`` first, then the label's other properties."""
    others = [p for p in props if p.name != "id"]
    ids = pa.array([node_id for node_id, _ in items], type=pa.string())
    columns = _columns([attrs for _, attrs in items], others)
    return pa.Table.from_arrays([ids, *columns], names=["id", *(p.name for p in others)])


def _rel_table(items: list[RelItem], props: tuple[Property, ...]) -> pa.Table:
    """Columns ``from``, ``to``, then the type's properties (the order COPY expects)."""
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
