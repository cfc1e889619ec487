"""What an SPF evaluation returns: the result, and a trace with one entry per term evaluated
(nested for include/redirect).

Entries are built mutably while check_host() runs (an error can stop it anywhere, and the
trace up to that point must survive) and frozen into ``TraceEntry`` values at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smtp_gui.core.spf.lookups import Query
from smtp_gui.core.spf.record import SpfResult, published
from smtp_gui.core.text.messages import Note


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


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of one check_host() run."""

    result: SpfResult
    domain: str
    ip: str
    sender: str
    helo: str
    record: str | None  # the domain's own record, as published
    record_query: Query | None
    explanation: str | None  # from the domain's exp= (RFC 7208 6.2), for fail only
    reason: Note  # why this result
    detail: Note | None  # for a syntax error: what is wrong
    error_domain: str | None  # whose record the error is in
    error_position: int | None  # where in that record
    lookups: int
    void_lookups: int
    trace: tuple[TraceEntry, ...]
    ms: float = 0.0

    def reason_text(self, lang: str) -> str:
        text = self.reason.text(lang)
        return f"{text} {self.detail.text(lang)}" if self.detail else text

    def to_dict(self, lang: str | None) -> dict[str, Any]:
        def both(note: Note) -> Any:
            return note.text(lang) if lang else {"en": note.text("en"), "zh": note.text("zh")}

        meaning = Note(f"spf.result.{self.result}")
        own = self.explanation is not None
        return {
            "result": str(self.result),
            "explanation": self.explanation if own else both(meaning),
            "explanation_from_domain": own,
            "meaning": both(meaning),
            "reason": self.reason_text(lang)
            if lang
            else {"en": self.reason_text("en"), "zh": self.reason_text("zh")},
            "lookups": self.lookups,
            "void_lookups": self.void_lookups,
            "domain": self.domain,
            "ip": self.ip,
            "sender": self.sender,
            "helo": self.helo,
            "record": self.record,
            "error_domain": self.error_domain,
            "error_position": self.error_position,
            "trace": [entry.to_dict(lang) for entry in self.trace],
            "ms": round(self.ms, 1),
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
            published(self.term),
            self.position,
            self.domain,
            self.kind,
            self.target,
            tuple(self.queries),
            self.cost,
            self.void,
            self.matched,
            self.result,
            self.note,
            published(self.record) if self.record is not None else None,
            tuple(child.freeze() for child in self.children),
        )
