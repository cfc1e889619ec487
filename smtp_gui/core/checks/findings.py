"""Small builders shared by the domain checks: problems, the overall status, "could not check".

A check's status is the worst of its problems' severities (fail > error > warn); info-only
findings leave it a pass. A DNS timeout, SERVFAIL or REFUSED is always ``error`` and says which.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.text.messages import Note

_RANK = {Status.PASS: 0, Status.INFO: 1, Status.WARN: 2, Status.ERROR: 3, Status.FAIL: 4}

_FAILURE_KEYS = {
    Outcome.TIMEOUT: "findings.timeout",
    Outcome.SERVFAIL: "findings.servfail",
    Outcome.REFUSED: "findings.refused",
    Outcome.ERROR: "findings.error",
}


def problem(key: str, severity: Status, rfc: str = "", **params: Any) -> Problem:
    return Problem(Note(key, params), severity, rfc)


def worst(statuses: Iterable[Status], default: Status = Status.PASS) -> Status:
    """The most serious of ``statuses`` (fail > error > warn > info > pass)."""
    best = default
    for status in statuses:
        if _RANK[status] > _RANK[best]:
            best = status
    return best


def status_of(problems: Iterable[Problem], default: Status = Status.PASS) -> Status:
    """Overall status from the problems: info findings do not spoil a pass."""
    found = worst((p.severity for p in problems), default)
    return default if found is Status.INFO else found


def failure_note(lookup: Lookup) -> Note:
    """Why ``lookup`` could not be answered, as a sentence naming the query and the reason."""
    key = _FAILURE_KEYS.get(lookup.outcome, "findings.error")
    return Note(key, {"name": lookup.name, "rdtype": lookup.rdtype, "detail": lookup.detail})


def failure_problem(lookup: Lookup) -> Problem:
    return Problem(failure_note(lookup), Status.ERROR)


def could_not_check(
    name: str,
    lookup: Lookup,
    *,
    problems: tuple[Problem, ...] = (),
    details: tuple[Detail, ...] = (),
    record: str | None = None,
) -> CheckResult:
    """The result of a check whose deciding query got no answer (timeout/SERVFAIL/REFUSED)."""
    note = failure_note(lookup)
    return CheckResult(
        name,
        Status.ERROR,
        note,
        record=record,
        problems=(Problem(note, Status.ERROR), *problems),
        details=details,
        extra={"failure": str(lookup.outcome)},
    )


def detail(label: str, value: str, key: str | None = None, **params: Any) -> Detail:
    return Detail(label, value, Note(key, params) if key else None)


@dataclass(frozen=True, slots=True)
class Nested:
    """A Note used as a parameter of another: ``{finding:zh}`` renders it in that language."""

    note: Note

    def __format__(self, spec: str) -> str:
        return self.note.text(spec or "en")


def within(key: str, inner: Problem, **params: Any) -> Problem:
    """``inner`` restated inside message ``key`` (which shows it as ``{finding:<lang>}``)."""
    return Problem(Note(key, {**params, "finding": Nested(inner.note)}), inner.severity, inner.rfc)
