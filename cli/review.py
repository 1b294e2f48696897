"""``danvan review``: the analysts' corrections (judgements) and the queue of likely duplicates.

Judgements are appended to a JSON Lines file beside the store (see :mod:`graph.judgements`); every build
applies them after resolution, and ``danvan review apply`` re-applies them to the stored articles at once.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from danvan.cli.options import DbOption, JudgementsOption, judgements_in_force, resolve_db, resolve_judgements

app = typer.Typer(
    help="Review likely duplicates and record judgements (merge, split, distinct, reject, confirm, rename) "
    "that every build applies.",
    no_args_is_help=True,
)

ReasonOption = Annotated[str, typer.Option("--reason", "-r", help="Why: kept with the judgement.")]
AuthorOption = Annotated[
    str | None,
    typer.Option("--author", help="Who judges. Default: $DANVAN_AUTHOR, else the login name.", show_default=False),
]


def _author(author: str | None) -> str:
    if author:
        return author
    env = os.environ.get("DANVAN_AUTHOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def _now() -> str:
    # The time is a record of when an analyst judged; builds never read it, so they stay deterministic.
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _paths(db: Path | None, judgements: Path | None) -> tuple[Path, Path]:
    db_path = resolve_db(db)
    return db_path, resolve_judgements(judgements, db_path)


def _known_ids(db_path: Path, ids: list[str]) -> None:
    """Refuse ids the store does not know (neither a node id nor an alias), when there is a store."""
    if not db_path.exists():
        return
    from danvan.graph.store.embedded import StoreError, open_store

    try:
        with open_store(db_path, read_only=True) as store:
            for node_id in ids:
                rows = store.query(
                    "MATCH (n) WHERE n.id = $id OR list_contains(n.alias_ids, $id) RETURN n.id LIMIT 1", {"id": node_id}
                ).rows
                if not rows:
                    typer.echo(f"error: {db_path}: no node has the id {node_id!r}", err=True)
                    raise typer.Exit(1)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _record(db: Path | None, judgements: Path | None, author: str | None, **fields: Any) -> None:
    from danvan.graph.judgements import Judgement, append_judgement

    db_path, path = _paths(db, judgements)
    existing = judgements_in_force(path)
    ids = list(fields.get("ids") or [])
    if fields.get("fact"):
        ids += [fields["fact"][1], fields["fact"][2]]
    _known_ids(db_path, ids)
    judgement = Judgement(n=len(existing) + 1, author=_author(author), time=_now(), **fields)
    n = append_judgement(path, judgement)
    typer.echo(f"{path}: judgement {n}: {judgement.describe()}")
    typer.echo("applied by the next build, or now with `danvan review apply`")


@app.command("merge")
def merge(
    ids: Annotated[list[str], typer.Argument(help="Two or more node ids; the first one survives.")],
    reason: ReasonOption,
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Judge nodes to be one: the first id survives and keeps the others as aliases (their ids still resolve)."""
    if len(ids) < 2:
        raise typer.BadParameter("give at least two ids", param_hint="IDS")
    _record(db, judgements, author, action="merge", ids=ids, reason=reason)


@app.command("distinct")
def distinct(
    first: Annotated[str, typer.Argument(help="A node id.")],
    second: Annotated[str, typer.Argument(help="Another node id.")],
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Judge two ids never to be one node; if resolution merged them, the second leaves with its mentions."""
    _record(db, judgements, author, action="distinct", ids=[first, second], reason=reason)


@app.command("split")
def split(
    node_id: Annotated[str, typer.Argument(help="The node to split.")],
    keep: Annotated[
        list[str], typer.Option("--keep", help="An article whose mentions stay with the node; repeatable.")
    ],
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Split a node: mentions in the --keep articles stay, the others form a new node."""
    kept = sorted({a if a.startswith("article:") else f"article:{a}" for a in keep})
    _record(db, judgements, author, action="split", ids=[node_id], value=kept, reason=reason)


def _fact(fact: list[str]) -> list[str]:
    if len(fact) != 3:
        raise typer.BadParameter("a fact is SOURCE TYPE TARGET, e.g. person:x-1 HOLDS post:y-2", param_hint="FACT")
    source, rel_type, target = fact
    from danvan.graph.schema import SCHEMA

    if rel_type not in SCHEMA.rel_types:
        raise typer.BadParameter(f"{rel_type!r} is not a relationship type", param_hint="FACT")
    return [rel_type, source, target]


FactArgument = Annotated[list[str], typer.Argument(help="The relationship: SOURCE TYPE TARGET.")]


@app.command("reject")
def reject(
    fact: FactArgument,
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Judge a relationship wrong: it stays out of the graph even when new articles state it again."""
    _record(db, judgements, author, action="reject", fact=_fact(fact), reason=reason)


@app.command("confirm")
def confirm(
    fact: FactArgument,
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Judge a relationship right (this cancels an earlier rejection of it)."""
    _record(db, judgements, author, action="confirm", fact=_fact(fact), reason=reason)


@app.command("rename")
def rename(
    node_id: Annotated[str, typer.Argument(help="The node to rename.")],
    name: Annotated[str, typer.Argument(help="Its display name from now on.")],
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Set a node's display name; the name resolution chose stays among its aliases."""
    _record(db, judgements, author, action="rename", ids=[node_id], value=name, reason=reason)


@app.command("undo")
def undo(
    number: Annotated[int, typer.Argument(help="The number of the judgement to cancel (see `review list`).")],
    reason: ReasonOption = "",
    db: DbOption = None,
    judgements: JudgementsOption = None,
    author: AuthorOption = None,
) -> None:
    """Cancel judgement N (recorded as a judgement itself, so the file keeps the history)."""
    _, path = _paths(db, judgements)
    if not 1 <= number <= len(judgements_in_force(path)):
        typer.echo(f"error: {path}: there is no judgement {number}", err=True)
        raise typer.Exit(1)
    _record(db, judgements, author, action="undo", undo=number, reason=reason)


@app.command("list")
def list_(
    db: DbOption = None,
    judgements: JudgementsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per judgement.")] = False,
) -> None:
    """List the judgements with their number, author, time and reason; for a rejected fact, how many stored
    articles still state it."""
    from danvan.graph.judgements import in_force

    db_path, path = _paths(db, judgements)
    all_judgements = judgements_in_force(path)
    active = {j.n for j in in_force(all_judgements)}
    still = _still_stated(db_path, all_judgements) if any(j.action == "reject" for j in all_judgements) else {}
    for j in all_judgements:
        status = "in force" if j.n in active or j.action == "undo" else "undone"
        stating = still.get(j.n)
        if as_json:
            data = {"n": j.n, "status": status, **j.to_json()}
            if stating is not None:
                data["still_stated_by"] = stating
            typer.echo(json.dumps(data, ensure_ascii=False))
            continue
        extra = f"; still stated by {len(stating)} article(s)" if stating is not None else ""
        why = f" - {j.reason}" if j.reason else ""
        typer.echo(f"{j.n:>4}  {j.describe()}  [{status}; {j.author or '?'}, {j.time or '?'}{extra}]{why}")
    if not all_judgements:
        typer.echo(f"{path}: no judgements yet")


def _still_stated(db_path: Path, judgements: list[Any]) -> dict[int, list[str]]:
    """Judgement number -> the stored articles that state the fact it rejects (re-resolves the store)."""
    if not db_path.exists():
        return {}
    from danvan.graph.build import build_graph
    from danvan.graph.model import Extraction
    from danvan.graph.store.embedded import StoreError, open_store

    try:
        with open_store(db_path, read_only=True) as store:
            stored = store.stored_extractions()
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    kg = build_graph([Extraction.from_json(json.loads(t)) for t in stored.values()], judgements)
    rejected: dict[tuple[str, str, str], list[str]] = kg.g.graph.get("rejected", {})
    from danvan.graph.judgements import in_force

    out: dict[int, list[str]] = {}
    active = in_force(judgements)
    for j in active:
        if j.action == "reject" and j.fact:
            for (rel_type, src, dst), articles in rejected.items():
                if rel_type == j.fact[0] and {src, dst} & {j.fact[1], j.fact[2]}:
                    out[j.n] = articles
            out.setdefault(j.n, [])
    return out


@app.command("apply")
def apply(db: DbOption = None, judgements: JudgementsOption = None) -> None:
    """Apply the judgements to the stored articles now (a build does this too)."""
    from danvan.graph.store.embedded import StoreError, open_store

    db_path, path = _paths(db, judgements)
    judged = judgements_in_force(path)
    try:
        with open_store(db_path) as store:
            report = store.ingest([], judgements=judged)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{db_path}: {len(judged)} judgement(s) from {path}; {report.write.total} node(s) and relationship(s) changed"
    )


@dataclass
class _Node:
    id: str
    name: str
    province: str | None
    first_seen: Any
    last_seen: Any
    posts: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


@app.command("candidates")
def candidates(
    label: Annotated[str, typer.Option("--label", help="Person or Organization.")] = "Person",
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many pairs to show.")] = 20,
    db: DbOption = None,
    judgements: JudgementsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per pair.")] = False,
) -> None:
    """Likely duplicates, best first: pairs of nodes whose names are one up to tone marks and slips, with the
    evidence for (same spelling, shared posts, same province, overlapping dates) and against (different
    provinces, different posts, named apart in one article). Pairs judged distinct are left out."""
    from danvan.graph.judgements import in_force
    from danvan.graph.resolve import name_block, org_name_key
    from danvan.graph.store.embedded import StoreError, open_store

    if label not in ("Person", "Organization"):
        raise typer.BadParameter("Person or Organization", param_hint="--label")
    db_path, path = _paths(db, judgements)
    judged = in_force(judgements_in_force(path))
    apart = {frozenset(j.ids) for j in judged if j.action == "distinct"}
    nodes: dict[str, _Node] = {}
    try:
        with open_store(db_path, read_only=True) as store:
            province = "n.province" if label == "Person" else "n.place"
            for row in store.query(
                f"MATCH (n:{label}) RETURN n.id, n.name, {province}, n.first_seen, n.last_seen"
            ).rows:
                nodes[row[0]] = _Node(row[0], row[1] or "", row[2], row[3], row[4])
            if label == "Person":
                for pid, post in store.query("MATCH (p:Person)-[:HOLDS]->(t:Post) RETURN p.id, t.name").rows:
                    nodes[pid].posts.add(post)
            for nid, aid in store.query(f"MATCH (n:{label})-[:MENTIONED_IN]->(a:Article) RETURN n.id, a.id").rows:
                nodes[nid].articles.add(aid)
    except (StoreError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    blocks: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes.values():
        key = name_block(node.name) if label == "Person" else org_name_key(node.name)
        blocks[key].append(node)
    pairs = []
    for members in blocks.values():
        if len(members) < 2 or len(members) > 50:  # a block of fifty namesakes is a common name, not a duplicate
            continue
        members.sort(key=lambda n: n.id)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if frozenset((a.id, b.id)) not in apart:
                    pairs.append(_evidence(a, b))
    pairs.sort(key=lambda p: (-p["score"], p["ids"]))
    for p in pairs[:limit]:
        if as_json:
            typer.echo(json.dumps(p, ensure_ascii=False, default=str))
        else:
            typer.echo(f"{p['score']:>3}  {p['ids'][0]}  {p['ids'][1]}  ({' / '.join(p['names'])})")
            for line in p["for"]:
                typer.echo(f"       + {line}")
            for line in p["against"]:
                typer.echo(f"       - {line}")
    if not pairs:
        typer.echo("no likely duplicates")


def _evidence(a: _Node, b: _Node) -> dict[str, Any]:
    """Score a pair: each piece of evidence for adds, each against subtracts; the lines say which."""
    pro: list[str] = []
    con: list[str] = []
    score = 0
    if a.name == b.name:
        score += 2
        pro.append(f"same spelling '{a.name}'")
    else:
        score += 1
        pro.append(f"spellings '{a.name}' and '{b.name}' differ only in tone marks or slips")
    shared = sorted(a.posts & b.posts)
    if shared:
        score += 3 * len(shared)
        pro.append(f"both hold {', '.join(shared[:3])}")
    elif a.posts and b.posts:
        score -= 1
        con.append(f"no post in common ({len(a.posts)} and {len(b.posts)} posts)")
    if a.province and b.province:
        if a.province == b.province:
            score += 1
            pro.append(f"both in {a.province}")
        else:
            score -= 2
            con.append(f"provinces {a.province} and {b.province}")
    from danvan.graph.resolve import is_generic_unit, org_name_key

    if a.id.startswith("organization:") and is_generic_unit(org_name_key(a.name)):
        score -= 2
        con.append(f"'{a.name}' does not say whose unit it is")
    both = sorted(a.articles & b.articles)
    if both:
        score -= 3
        con.append(f"named as two persons in {len(both)} article(s), e.g. {both[0]}")
    dated = a.first_seen and b.first_seen and a.last_seen and b.last_seen
    if dated and a.first_seen <= b.last_seen and b.first_seen <= a.last_seen:
        score += 1
        pro.append(f"seen in overlapping periods ({a.first_seen}..{a.last_seen}, {b.first_seen}..{b.last_seen})")
    return {
        "score": score,
        "ids": [a.id, b.id],
        "names": [a.name, b.name],
        "provinces": [a.province, b.province],
        "posts": [sorted(a.posts), sorted(b.posts)],
        "articles": [len(a.articles), len(b.articles)],
        "shared_articles": both,
        "for": pro,
        "against": con,
    }


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="review")
