"""The trace of an SPF evaluation: one entry per term evaluated, nested for include/redirect.

Entries are built mutably while check_host() runs (an error can stop it anywhere, and the
trace up to that point must survive) and frozen into ``TraceEntry`` values at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smtp_gui.core.messages import Note
from smtp_gui.core.spf_dns import Query
from smtp_gui.core.spf_record import SpfResult


@dataclass(frozen=True, slots=True)
class TraceEntry:
    """One evaluated term: what it looked up, what that cost, whether it matched."""

    term: str  # as written in the record
    position: int  # offset in that record
    domain: str  # the domain whose record holds the term
    kind: str  # mechanism or modifier name ("include", "ip4", "redirect", "exp", ...)
    target: str | None = None  # the name the term looked up, macros expanded
    queries: tuple[Query, ...] = ()
    cost: int = 0  # DNS-querying terms counted (RFC 7208 4.6.4): 0 or 1
    void: int = 0  # void lookups counted (RFC 7208 4.6.4)
    matched: bool | None = None  # None: not a mechanism, or stopped by an error
    result: SpfResult | None = None  # match: the qualifier's result; include/redirect: nested
    note: Note | None = None
    record: str | None = None  # include/redirect: the target's record
    children: tuple[TraceEntry, ...] = ()

    def subtree_cost(self) -> int:
        return self.cost + sum(child.subtree_cost() for child in self.children)

    def to_dict(self, lang: str | None) -> dict[str, Any]:
        """JSON form; ``lang=None`` gives each note in both languages."""
        note: Any = None
        if self.note is not None:
            note = (
                self.note.text(lang)
                if lang
                else {"en": self.note.text("en"), "zh": self.note.text("zh")}
            )
        return {
            "term": self.term,
            "position": self.position,
            "domain": self.domain,
            "kind": self.kind,
            "target": self.target,
            "queries": [q.to_dict() for q in self.queries],
            "lookups": self.cost,
            "void_lookups": self.void,
            "matched": self.matched,
            "result": str(self.result) if self.result else None,
            "note": note,
            "record": self.record,
            "children": [child.to_dict(lang) for child in self.children],
        }


@dataclass(eq=False)
class EntryBuilder:
    """The mutable twin of TraceEntry used during evaluation."""

    term: str
    position: int
    domain: str
    kind: str
    target: str | None = None
    queries: list[Query] = field(default_factory=list)
    cost: int = 0
    void: int = 0
    matched: bool | None = None
    result: SpfResult | None = None
    note: Note | None = None
    record: str | None = None
    children: list[EntryBuilder] = field(default_factory=list)

    def child(self, term: str, position: int, domain: str, kind: str) -> EntryBuilder:
        entry = EntryBuilder(term, position, domain, kind)
        self.children.append(entry)
        return entry

    def freeze(self) -> TraceEntry:
        return TraceEntry(
            self.term, self.position, self.domain, self.kind, self.target,
            tuple(self.queries), self.cost, self.void, self.matched, self.result,
            self.note, self.record, tuple(child.freeze() for child in self.children),
        )  # fmt: skip


def render_tree(entries: tuple[TraceEntry, ...], lang: str, indent: str = "  ") -> list[str]:
    """Plain-text lines of the trace as an indented tree (for the CLI and copied reports)."""
    from smtp_gui.core.messages import message_text

    lines: list[str] = []

    def walk(entry: TraceEntry, depth: int) -> None:
        pad = indent * depth
        facts: list[str] = []
        if entry.target and entry.kind not in ("ip4", "ip6", "all"):
            facts.append(f"→ {entry.target}")
        if entry.cost:
            facts.append(message_text("spf.trace.cost", lang, count=entry.cost))
        if entry.void:
            facts.append(message_text("spf.trace.void", lang, count=entry.void))
        if entry.matched is not None:
            key = "spf.trace.match" if entry.matched else "spf.trace.no_match"
            facts.append(message_text(key, lang))
        if entry.result is not None:
            facts.append(f"[{entry.result}]")
        lines.append(f"{pad}{entry.term}  " + "  ".join(facts))
        for query in entry.queries:
            shown = ", ".join(query.answers) if query.answers else query.outcome
            cached = message_text("spf.trace.cached", lang) if query.cached else ""
            lines.append(f"{pad}{indent}? {query.rdtype} {query.name} = {shown}{cached}")
        if entry.note is not None:
            lines.append(f"{pad}{indent}! {entry.note.text(lang)}")
        if entry.record is not None:
            lines.append(f"{pad}{indent}{message_text('spf.trace.record', lang)} {entry.record}")
        for child in entry.children:
            walk(child, depth + 1)

    for entry in entries:
        walk(entry, 0)
    return lines
