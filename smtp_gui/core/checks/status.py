"""The result of one domain check (MX, SPF, DMARC, ...), as DESIGN.md's `check domain` names it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from smtp_gui.core.report import labels
from smtp_gui.core.text.messages import Note


class Status(enum.StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    ERROR = "error"  # always "could not check" (timeout, SERVFAIL, REFUSED), never "no record"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, in a sentence, with the RFC section that makes it one."""

    note: Note
    severity: Status = Status.WARN
    rfc: str = ""

    def text(self, lang: str) -> str:
        sentence = self.note.text(lang)
        if not self.rfc:
            return sentence
        return labels.parenthesized(self.rfc, lang, beside=sentence)


@dataclass(frozen=True, slots=True)
class Detail:
    """A labelled fact for the detail view: ``("p", "reject", Note(...meaning...))``."""

    label: str
    value: str
    meaning: Note | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str  # mx, spf, dmarc, dkim, ptr, mta-sts, tls-rpt, bimi, tlsa
    status: Status
    summary: Note
    record: str | None = None
    problems: tuple[Problem, ...] = ()
    details: tuple[Detail, ...] = ()
    resolver: str = ""
    ms: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # The values the result was made from (the SPF evaluation and analysis), for the reports
    # that show more than the JSON; never in the JSON.
    facts: tuple[object, ...] = field(default=(), compare=False, hash=False, repr=False)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": str(self.status),
            "summary": self.summary.text(lang),
            "record": self.record,
            "problems": [p.text(lang) for p in self.problems],
            "details": [
                {
                    "label": d.label,
                    "value": d.value,
                    "meaning": d.meaning.text(lang) if d.meaning else None,
                }
                for d in self.details
            ],
            "resolver": self.resolver,
            "ms": round(self.ms, 1),
            **self.extra,
        }
