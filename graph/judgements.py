"""Analysts' judgements: corrections kept apart from the data and applied on every build.

A judgement file is plain JSON Lines, one judgement per line, appended to and never rewritten, so a team can
keep it in version control, diff it and merge it. A judgement is numbered by its line (1, 2, ...); ``undo``
is itself a judgement that cancels an earlier one. Every build resolves the articles first and then applies
the judgements in file order (the guide's step between resolution and the sinks), so a correction survives
every rebuild and every new article:

- ``merge`` ids...: one node; the first id survives, the others become its ``alias_ids`` (redirects);
- ``distinct`` a b: never one node; if resolution put them together, b's own group of mentions leaves;
- ``split`` id, articles: the mentions from those articles stay, the others form a new node;
- ``rename`` id, name: the display name (the resolved one stays among the aliases);
- ``reject`` / ``confirm`` (type, source, target): a relationship judged wrong is left out of the graph even
  when new articles state it again; a confirmation cancels an earlier rejection of the same fact.

Ids in judgements are resolved through the redirects first, so a judgement made on an id that a later merge
turned into an alias still applies to the right node.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danvan.graph.ids import digest, make_id
from danvan.graph.resolve import Mention, Resolution, Resolved

ACTIONS = ("merge", "distinct", "split", "rename", "reject", "confirm", "undo")
#: A relationship as judgements name it: (type, source id, target id).
FactKey = tuple[str, str, str]


class JudgementError(ValueError):
    """A judgement file line that cannot be read; the message names the line."""


@dataclass
class Judgement:
    n: int
    action: str
    ids: list[str] = field(default_factory=list)
    reason: str = ""
    author: str = ""
    time: str = ""
    #: rename: the new name; split: the articles kept
    value: Any = None
    #: reject / confirm: [type, source, target]
    fact: list[str] | None = None
    #: undo: the number of the judgement it cancels
    undo: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action}
        for key in ("ids", "value", "fact", "undo", "reason", "author", "time"):
            value = getattr(self, key)
            if value not in (None, "", []):
                data[key] = value
        return data

    @classmethod
    def from_json(cls, n: int, data: dict[str, Any]) -> Judgement:
        action = data.get("action")
        if action not in ACTIONS:
            raise JudgementError(f"line {n}: unknown action {action!r}")
        fact = data.get("fact")
        if action in ("reject", "confirm") and (not isinstance(fact, list) or len(fact) != 3):
            raise JudgementError(f"line {n}: {action} needs a fact [type, source, target]")
        return cls(
            n=n,
            action=action,
            ids=[str(i) for i in data.get("ids") or []],
            reason=str(data.get("reason") or ""),
            author=str(data.get("author") or ""),
            time=str(data.get("time") or ""),
            value=data.get("value"),
            fact=[str(x) for x in fact] if isinstance(fact, list) else None,
            undo=int(data["undo"]) if data.get("undo") is not None else None,
        )

    def describe(self) -> str:
        if self.action in ("reject", "confirm") and self.fact:
            what = f"({self.fact[1]})-[:{self.fact[0]}]->({self.fact[2]})"
        elif self.action == "undo":
            what = f"judgement {self.undo}"
        elif self.action == "rename":
            what = f"{' '.join(self.ids)} -> {self.value}"
        elif self.action == "split":
            what = f"{' '.join(self.ids)} keeping {', '.join(self.value or [])}"
        else:
            what = " ".join(self.ids)
        return f"{self.action} {what}"


def judgement_id(j: Judgement) -> str:
    """A judgement's node id: its number and a digest of what it says (not of who or when)."""
    what = {k: v for k, v in j.to_json().items() if k not in ("author", "time", "reason")}
    return f"judgement:{j.n}-{digest(json.dumps(what, ensure_ascii=False, sort_keys=True))}"


def read_judgements(path: Path) -> list[Judgement]:
    """The judgements of a file (none if it does not exist)."""
    if not path.exists():
        return []
    out: list[Judgement] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            raise JudgementError(f"line {n}: empty line (judgements are numbered by line)")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JudgementError(f"line {n}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise JudgementError(f"line {n}: not a JSON object")
        out.append(Judgement.from_json(n, data))
    return out


def append_judgement(path: Path, judgement: Judgement) -> int:
    """Append one judgement; returns its number."""
    existing = len(read_judgements(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(judgement.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
    return existing + 1


def judgements_digest(judgements: Sequence[Judgement]) -> str:
    """A digest of what the judgements in force do (not who made them or when): a graph built with the same
    digest needs no rebuild."""
    active = [
        {k: v for k, v in j.to_json().items() if k not in ("author", "time", "reason")} for j in in_force(judgements)
    ]
    return hashlib.sha256(json.dumps(active, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def in_force(judgements: Sequence[Judgement]) -> list[Judgement]:
    """The judgements not cancelled by a later ``undo`` (an undo of an undo restores the judgement)."""
    cancelled: set[int] = set()
    for j in reversed(judgements):
        if j.action == "undo" and j.n not in cancelled and j.undo is not None:
            cancelled.add(j.undo)
    return [j for j in judgements if j.n not in cancelled and j.action != "undo"]


@dataclass
class Applied:
    """What applying judgements leaves for the relationship step."""

    #: rejected facts, by (type, source node, target node) after redirects
    rejected: dict[FactKey, Judgement] = field(default_factory=dict)
    #: id -> node id, for every alias id
    redirect: dict[str, str] = field(default_factory=dict)

    def resolve(self, node_id: str) -> str:
        return self.redirect.get(node_id, node_id)


def apply_judgements(resolution: Resolution, judgements: Iterable[Judgement]) -> Applied:
    """Apply the judgements in force to ``resolution`` (in place), in file order."""
    redirect: dict[str, str] = {}
    for node in resolution.nodes.values():
        for alias in node.alias_ids:
            redirect.setdefault(alias, node.id)
    step = _Step(resolution, redirect)
    facts: dict[FactKey, Judgement] = {}
    for j in in_force(list(judgements)):
        if j.action == "merge":
            step.merge(j)
        elif j.action == "distinct" and len(j.ids) == 2:
            step.distinct(j)
        elif j.action == "split" and j.ids:
            step.split(j)
        elif j.action == "rename" and j.ids and j.value:
            renamed = step.current(j.ids[0])
            if renamed is not None:
                renamed.decided["name"] = str(j.value)
                step._note(renamed, j, f"renamed '{j.value}' by an analyst")
        elif j.action in ("reject", "confirm") and j.fact:
            rel_type, src, dst = j.fact
            key = (rel_type, step.resolve(src), step.resolve(dst))
            if j.action == "reject":
                facts[key] = j
            else:
                facts.pop(key, None)
    flat = {alias: step.resolve(alias) for alias in redirect}
    applied = Applied(redirect=flat)
    # Resolved again at the end: a merge judged after a rejection moves the rejected fact's endpoints.
    applied.rejected = {(t, applied.resolve(a), applied.resolve(b)): j for (t, a, b), j in facts.items()}
    return applied


class _Step:
    """The resolution being corrected, and the redirects it has so far."""

    def __init__(self, resolution: Resolution, redirect: dict[str, str]) -> None:
        self.resolution = resolution
        self.nodes = resolution.nodes
        self.redirect = redirect

    def resolve(self, node_id: str) -> str:
        """Follow redirects to the node an id stands for now (a merged survivor may be merged again)."""
        seen = {node_id}
        while node_id in self.redirect and node_id not in self.nodes:
            node_id = self.redirect[node_id]
            if node_id in seen:  # a cycle cannot arise from merges; stop rather than loop if it did
                break
            seen.add(node_id)
        return node_id

    def current(self, node_id: str) -> Resolved | None:
        return self.nodes.get(self.resolve(node_id))

    def _move(self, mentions: list[Mention], target: Resolved) -> None:
        for m in mentions:
            self.resolution.node_of[(m.article, m.entity.id)] = target.id
        target.mentions.extend(mentions)
        target.mentions.sort(key=lambda m: m.order)

    @staticmethod
    def _note(node: Resolved, j: Judgement, text: str) -> None:
        who = f", {j.author}" if j.author else ""
        why = f": {j.reason}" if j.reason else ""
        node.merge_reasons.append(f"{text} (judgement {j.n}{who}{why})")

    def merge(self, j: Judgement) -> None:
        targets: list[Resolved] = []
        for i in j.ids:
            found = self.current(i)
            if found is not None and found not in targets:
                targets.append(found)
        if len(targets) < 2 or len({t.label for t in targets}) > 1:
            return
        survivor, others = targets[0], targets[1:]
        for other in others:
            self._move(other.mentions, survivor)
            survivor.alias_ids |= {other.id} | other.alias_ids
            survivor.merge_reasons.extend(other.merge_reasons)
            # Ids that pointed at the merged node reach the survivor through its own redirect.
            for alias in {other.id} | other.alias_ids:
                self.redirect[alias] = survivor.id
            del self.nodes[other.id]
        self.resolution.decide_province(survivor)
        self._note(survivor, j, f"merged with {', '.join(o.id for o in others)} by an analyst")

    def distinct(self, j: Judgement) -> None:
        a, b = j.ids
        node = self.current(a)
        if node is None or node is not self.current(b):
            return
        # The id that is not the node's own leaves with its own group of mentions (an id of an earlier
        # version names the same group as its base id).
        leaving = b if b != node.id else a
        legacy_id = leaving if leaving in self.resolution.legacy else None
        leaving = self.resolution.legacy.get(leaving, leaving)
        base_of = self.resolution.base_of
        group = [m for m in node.mentions if base_of.get((m.article, m.entity.id)) == leaving]
        if not group or len(group) == len(node.mentions):
            return
        node.mentions = [m for m in node.mentions if base_of.get((m.article, m.entity.id)) != leaving]
        apart = Resolved(leaving, node.label, leaving)
        self._move(group, apart)
        node.alias_ids.discard(leaving)
        self.redirect.pop(leaving, None)
        if legacy_id is not None:
            node.alias_ids.discard(legacy_id)
            apart.alias_ids.add(legacy_id)
            self.redirect[legacy_id] = leaving
        self.nodes[leaving] = apart
        self.resolution.decide_province(apart)
        self.resolution.decide_province(node)
        self._note(apart, j, f"kept apart from {node.id} by an analyst")

    def split(self, j: Judgement) -> None:
        node = self.current(j.ids[0])
        keep = {str(a) for a in j.value or []}
        if node is None or not keep:
            return
        leaving = [m for m in node.mentions if m.article not in keep]
        if not leaving or len(leaving) == len(node.mentions):
            return
        node.mentions = [m for m in node.mentions if m.article in keep]
        new_id = make_id(node.label, f"{node.id}|split|{'|'.join(sorted(keep))}", display=node.key.split("|")[0])
        rest = Resolved(new_id, node.label, new_id)
        self._move(leaving, rest)
        self.nodes[new_id] = rest
        self.resolution.decide_province(rest)
        self.resolution.decide_province(node)
        self._note(rest, j, f"split from {node.id} by an analyst")
        self._note(node, j, f"split by an analyst, keeping {len(keep)} article(s)")
