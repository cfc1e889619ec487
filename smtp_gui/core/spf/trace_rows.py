"""The SPF trace as rows: one list that every view of it reads (the CLI's text, Markdown, the
checks pane's tree).

With a sending IP the rows are the evaluation's trace (RFC 7208 4.6): which terms were
evaluated, what each looked up, what that cost (RFC 7208 4.6.4) and whether it matched.
Without one they are the static analysis: every term reachable, lookups through every
include. The first row is the domain itself (its lookups in all, the result); each term
follows at ``depth`` 1, an include's or redirect's terms one deeper, and a finding about a
term is a ``note`` row right below it. Everything from DNS is ``Outside``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smtp_gui.core.checks.status import CheckResult, Problem
from smtp_gui.core.report.model import Inline, Marked, Outside, Severity, Span
from smtp_gui.core.spf.analysis_result import Analysis, AnalysisNode
from smtp_gui.core.spf.lookups import MAX_DNS_TERMS, Query
from smtp_gui.core.spf.trace import Evaluation, TraceEntry
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

MAX_ROWS = 400  # a hostile record cannot make the trace huge (core caps records, too)
_RESULT_SEVERITY = {
    "pass": Severity.OK,
    "fail": Severity.ERROR,
    "softfail": Severity.WARNING,
    "neutral": Severity.WARNING,
    "none": Severity.ERROR,
    "permerror": Severity.ERROR,
    "temperror": Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class TraceRow:
    """One line of the trace: a term (or the domain, or a note about the term above)."""

    depth: int  # 0: the domain; 1: a term of its record; 2: a term of an include; ...
    term: Inline
    lookups: Inline = ""  # own count, "(n in all)" with what is below it, void lookups
    outcome: Inline = ""  # "match → pass", "no match", "never reached", the result
    looked_up: Inline = ""  # the questions the term asked and their answers
    matched: bool | None = None  # None: not a mechanism, not evaluated, or the domain
    result: str | None = None  # an SPF result (RFC 7208 2.6), where there is one
    reached: bool = True  # False: after "all", never evaluated (RFC 7208 5.1)
    note: bool = False  # a finding about the row above, not a term

    @property
    def dimmed(self) -> bool:
        """A term that did not match or is never reached: shown in a quieter colour."""
        return self.matched is False or not self.reached

    def cells(self) -> tuple[Inline, Inline, Inline, Inline]:
        """The row under ``trace_columns()``."""
        return self.term, self.lookups, self.outcome, self.looked_up


def trace_columns() -> tuple[Text, Text, Text, Text]:
    """The titles of the four columns of ``TraceRow.cells()``."""
    keys = ("term", "lookups", "outcome", "looked_up")
    a, b, c, d = (message(f"spf.trace.column.{key}") for key in keys)
    return a, b, c, d


def evaluation_rows(evaluation: Evaluation) -> tuple[TraceRow, ...]:
    """The rows of a ``check_host()`` run, its domain first."""
    rows = [
        TraceRow(
            0,
            Outside(evaluation.domain),
            f"{evaluation.lookups} / {MAX_DNS_TERMS}",
            _outcome(None, str(evaluation.result)),
            _looked_up((evaluation.record_query,) if evaluation.record_query else ()),
            result=str(evaluation.result),
        )
    ]
    _entries(evaluation.trace, 1, rows)
    return tuple(rows[:MAX_ROWS])


def analysis_rows(analysis: Analysis) -> tuple[TraceRow, ...]:
    """The rows of a static analysis, its domain first; a record that did not parse at all
    has its findings under the domain."""
    result = None if analysis.outcome == "ok" else analysis.outcome
    rows = [
        TraceRow(
            0,
            Outside(analysis.domain),
            f"{analysis.lookups} / {MAX_DNS_TERMS}",
            _outcome(None, result),
            _looked_up((analysis.record_query,) if analysis.record_query else ()),
            result=result,
        )
    ]
    _nodes(analysis.nodes, 1, rows)
    if not analysis.nodes:
        rows.extend(_problem_rows(analysis.problems, 1))
    return tuple(rows[:MAX_ROWS])


def spf_rows(result: CheckResult) -> tuple[TraceRow, ...]:
    """The trace of a domain check's SPF row (empty for any other row): the evaluation's
    when an IP was given, else the analysis."""
    if result.name != "spf":
        return ()
    evaluation = next((f for f in result.facts if isinstance(f, Evaluation)), None)
    if evaluation is not None:
        return evaluation_rows(evaluation)
    analysis = next((f for f in result.facts if isinstance(f, Analysis)), None)
    return analysis_rows(analysis) if analysis is not None else ()


def _entries(entries: Iterable[TraceEntry], depth: int, rows: list[TraceRow]) -> None:
    for entry in entries:
        if len(rows) >= MAX_ROWS:
            return
        total = entry.subtree_cost() if entry.children else entry.cost
        result = str(entry.result) if entry.result else None
        rows.append(
            TraceRow(
                depth,
                Outside(entry.term),
                _lookups(entry.cost, total, entry.void),
                _outcome(entry.matched, result),
                _looked_up(entry.queries),
                matched=entry.matched,
                result=result,
            )
        )
        if entry.note is not None:
            note = Text(entry.note.text("en"), entry.note.text("zh"))
            rows.append(_note_row(note, depth + 1))
        _entries(entry.children, depth + 1, rows)


def _nodes(nodes: Iterable[AnalysisNode], depth: int, rows: list[TraceRow]) -> None:
    for node in nodes:
        if len(rows) >= MAX_ROWS:
            return
        rows.append(
            TraceRow(
                depth,
                Outside(node.term),
                _lookups(node.lookups, node.total, node.void),
                "" if node.reachable else message("spf.trace.unreachable"),
                _looked_up(node.queries),
                reached=node.reachable,
            )
        )
        rows.extend(_problem_rows(node.problems, depth + 1))
        _nodes(node.children, depth + 1, rows)


def _problem_rows(problems: Iterable[Problem], depth: int) -> list[TraceRow]:
    return [_note_row(Text(p.text("en"), p.text("zh")), depth) for p in problems]


def _note_row(note: Text, depth: int) -> TraceRow:
    return TraceRow(depth, Marked(("! ", note), Severity.WARNING), note=True)


def _lookups(own: int, total: int, void: int) -> Inline:
    """``1``, ``1  (3 in all)``, ``1  1 void``: the term's cost, with what is below it."""
    parts: list[Span] = [str(own)]
    if total != own:
        parts.extend(("  ", message("spf.trace.total", count=total)))
    if void:
        parts.extend(("  ", message("spf.trace.void", count=void)))
    return tuple(parts)


def _outcome(matched: bool | None, result: str | None) -> Inline:
    """``match → pass``, ``no match``, or the result alone (the domain's row)."""
    parts: list[Span] = []
    if matched is not None:
        parts.append(message("spf.trace.match" if matched else "spf.trace.no_match"))
    if result:
        name = message(f"spf.result_name.{result}")
        if parts:
            parts.append(" → ")
        if matched is False:
            parts.append(name)
        else:
            parts.append(Marked(name, _RESULT_SEVERITY.get(result, Severity.WARNING)))
    return tuple(parts)


def _looked_up(queries: Iterable[Query]) -> Inline:
    """``A mx1.example.com = 198.51.100.65; TXT x.example = NXDOMAIN``."""
    parts: list[Span] = []
    for query in queries:
        if parts:
            parts.append("; ")
        answers = ", ".join(query.answers) or query.outcome
        parts.append(Outside(f"{query.rdtype} {query.name.rstrip('.')} = {answers}"))
        if query.cached:
            parts.append(message("spf.trace.cached"))
    return tuple(parts)
