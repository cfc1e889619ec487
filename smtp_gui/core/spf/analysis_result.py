"""What the static SPF analysis returns: the analysed record and one node per term.

``NodeBuilder`` is the mutable twin of ``AnalysisNode`` that the analyser fills in while it
walks the record and its includes (``analysis.py``); ``freeze()`` turns it into the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smtp_gui.core.checks.status import Problem, Status
from smtp_gui.core.spf.lookups import Query
from smtp_gui.core.spf.record import published


@dataclass(frozen=True, slots=True)
class AnalysisNode:
    """One term of a record as analysed; include/redirect carry their target's terms."""

    term: str
    position: int
    domain: str
    kind: str  # mechanism/modifier name, "error" for a term that does not parse
    lookups: int  # this term's own count (RFC 7208 4.6.4): 0 or 1
    total: int  # with everything below it
    void: int
    reachable: bool  # False after "all", or a redirect next to "all" (RFC 7208 5.1, 6.1)
    target: str | None = None
    record: str | None = None
    queries: tuple[Query, ...] = ()
    problems: tuple[Problem, ...] = ()
    children: tuple[AnalysisNode, ...] = ()

    def to_dict(self, lang: str | None) -> dict[str, Any]:
        return {
            "term": self.term,
            "position": self.position,
            "domain": self.domain,
            "kind": self.kind,
            "lookups": self.lookups,
            "total_lookups": self.total,
            "void_lookups": self.void,
            "reachable": self.reachable,
            "target": self.target,
            "record": self.record,
            "queries": [q.to_dict() for q in self.queries],
            "problems": [_problem_dict(p, lang) for p in self.problems],
            "children": [child.to_dict(lang) for child in self.children],
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    domain: str
    outcome: str  # "ok", "none", "permerror" (a receiver would get it), "temperror"
    record: str | None
    records: tuple[str, ...]  # every v=spf1 record found (several: permerror)
    record_query: Query | None
    lookups: int  # DNS-querying terms reachable, through every include (RFC 7208 4.6.4)
    void_lookups: int
    nodes: tuple[AnalysisNode, ...]
    problems: tuple[Problem, ...]  # every problem, including those inside includes

    def worst(self) -> Status:
        order = (Status.PASS, Status.INFO, Status.WARN, Status.FAIL)
        found = [p.severity for p in self.problems if p.severity in order]
        return max(found, key=order.index) if found else Status.PASS

    def to_dict(self, lang: str | None) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "outcome": self.outcome,
            "record": self.record,
            "records": list(self.records),
            "lookups": self.lookups,
            "void_lookups": self.void_lookups,
            "problems": [_problem_dict(p, lang) for p in self.problems],
            "terms": [node.to_dict(lang) for node in self.nodes],
        }


def _problem_dict(problem: Problem, lang: str | None) -> Any:
    if lang:
        return problem.text(lang)
    return {"en": problem.text("en"), "zh": problem.text("zh"), "severity": str(problem.severity)}


@dataclass(eq=False)
class NodeBuilder:
    term: str
    position: int
    domain: str
    kind: str
    reachable: bool = True
    lookups: int = 0
    void: int = 0
    target: str | None = None
    record: str | None = None
    queries: list[Query] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    children: list[NodeBuilder] = field(default_factory=list)

    def total(self) -> int:
        return self.lookups + sum(child.total() for child in self.children)

    def void_total(self) -> int:
        return self.void + sum(child.void_total() for child in self.children)

    def freeze(self) -> AnalysisNode:
        return AnalysisNode(
            published(self.term),
            self.position,
            self.domain,
            self.kind,
            self.lookups,
            self.total(),
            self.void,
            self.reachable,
            self.target,
            published(self.record) if self.record is not None else None,
            tuple(self.queries),
            tuple(self.problems),
            tuple(child.freeze() for child in self.children),
        )
