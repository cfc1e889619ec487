"""The checks pane's "Domain records" kind: MX, SPF, DMARC, DKIM, PTR, MTA-STS, TLS-RPT,
BIMI and DANE of one domain, one background task per check.

Each row is a ``DomainCheck`` from core (domain_check.py) run by ``run_check`` in a worker;
its ``CheckResult`` is kept so the detail view, the SPF trace and "Copy report" can render
it in whichever language is current.
"""

from __future__ import annotations

import ipaddress
import re
import threading
from collections.abc import Hashable, Mapping
from typing import Any

import dns.resolver
from PySide6.QtCore import QCoreApplication

from smtp_gui.core.checks.report import check_name, domain_report, status_word
from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.deadline import ROW_FACTOR, Deadline
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.domain_check import (
    DomainCheck,
    DomainTarget,
    domain_checks,
    make_target,
    run_check,
)
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import message
from smtp_gui.ui.checks.batch import (
    FIELD_IP,
    FIELD_SELECTORS,
    FIELD_SENDER,
    CheckBatch,
    CheckKind,
    Task,
)
from smtp_gui.ui.checks.model import CheckRow

TONES = {
    Status.PASS: "good",
    Status.WARN: "warn",
    Status.FAIL: "bad",
    Status.ERROR: "warn",  # could not check: neither good nor bad news
    Status.INFO: "info",
}
_SPLIT = re.compile(r"[,\s]+")


def title_text(name: str) -> Text:
    """A check's name in both languages: ``ptr`` -> "PTR (reverse DNS)"."""
    return check_name(name)


def status_text(status: str) -> Text:
    """``error`` -> "error: could not check"; the table's status column."""
    return status_word(status)


def _both(result: CheckResult) -> Text:
    return Text(result.summary.text("en"), result.summary.text("zh"))


def one_line(record: str | None) -> str:
    """A record (several lines for several records) on one line for the table."""
    return "  |  ".join(line.strip() for line in (record or "").splitlines() if line.strip())


def domain_row(key: Hashable, result: CheckResult) -> CheckRow:
    return CheckRow(
        key=key,
        name=result.name,
        status=str(result.status),
        status_label=status_text(str(result.status)),
        tone=TONES[result.status],
        answer=one_line(result.record),
        meaning=_both(result),
        ms=result.ms,
        resolver=result.resolver,
        title=title_text(result.name),
    )


def _run_task(
    check: DomainCheck, resolver: dns.resolver.Resolver, described: str, stop: threading.Event
) -> CheckResult | None:
    """Worker side: one check, unless the batch was stopped; stop (cancel, close) ends its
    queries and fetches within a tenth of a second."""
    if stop.is_set():
        return None
    deadline = Deadline.after(ROW_FACTOR * float(resolver.lifetime), stop)
    result = run_check(check, resolver, described, deadline)
    return None if stop.is_set() else result


class DomainBatch(CheckBatch):
    """Every check of one domain; results kept per row for details and the report."""

    def __init__(self, target: DomainTarget, config: ResolverConfig) -> None:
        self.domain_target = target
        self.checks = domain_checks(target)
        self._resolver = build_resolver(config)  # shared read-only by the workers
        super().__init__(target.domain, config.describe())
        self.results: dict[Hashable, CheckResult] = {}
        self._pending = [
            CheckRow(
                (self.number, check.name),
                check.name,
                "pending",
                message("checks.pending"),
                title=title_text(check.name),
            )
            for check in self.checks
        ]

    def pending_rows(self) -> list[CheckRow]:
        return list(self._pending)

    def tasks(self) -> list[Task]:
        resolver, described, stop = self._resolver, self.resolver, self._stop
        return [
            (row.key, lambda check=check: _run_task(check, resolver, described, stop))
            for row, check in zip(self._pending, self.checks, strict=True)
        ]

    def finished_row(self, key: Hashable, result: Any) -> CheckRow:
        if not isinstance(result, CheckResult):  # stopped before it started
            return self.cancelled_row(key)
        self.results[key] = result
        return domain_row(key, result)

    def result_for(self, key: Hashable) -> CheckResult | None:
        return self.results.get(key)

    def finished(self) -> list[CheckResult]:
        """The results so far, in row order."""
        return [self.results[row.key] for row in self._pending if row.key in self.results]

    def summary(self, cancelled: int) -> Text:
        counts = {status: 0 for status in Status}
        for result in self.results.values():
            counts[result.status] += 1
        parts = [message(f"domain_kind.count.{s}", count=n) for s, n in counts.items() if n]
        if cancelled:
            parts.append(message("domain_kind.count.cancelled", count=cancelled))
        if not parts:
            return message("domain_kind.summary_empty", domain=self.target)
        template = message("domain_kind.summary")  # placeholders filled per language
        return Text(
            template.en.format(domain=self.target, counts=", ".join(p.en for p in parts)),
            template.zh.format(domain=self.target, counts="，".join(p.zh for p in parts)),
        )

    def report(self, lang: str, markdown: bool = False) -> str:
        """The finished checks as plain text or Markdown (check_report), for a ticket."""
        missing = [row.name for row in self._pending if row.key not in self.results]
        report = domain_report(self.target, self.finished(), lang, self.resolver, missing)
        return render_markdown(report) if markdown else render_text(report)


class DomainKind(CheckKind):
    id = "domain"
    fields = (FIELD_IP, FIELD_SENDER, FIELD_SELECTORS)
    reports = True

    def title(self) -> str:
        return QCoreApplication.translate("CheckKinds", "Domain records (MX, SPF, DMARC, …)")

    def target_hint(self) -> str:
        return QCoreApplication.translate(
            "CheckKinds", "Domain or e-mail address, e.g. example.com"
        )

    def column_widths(self) -> tuple[int, ...]:
        return (140, 150, 280, 0, 50, 120)

    def column_titles(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("CheckKinds", "Check"),
            QCoreApplication.translate("CheckKinds", "Status"),
            QCoreApplication.translate("CheckKinds", "Record"),
            QCoreApplication.translate("CheckKinds", "Summary"),
            QCoreApplication.translate("CheckKinds", "ms"),
            QCoreApplication.translate("CheckKinds", "Resolver"),
        )

    def prepare(
        self, target: str, config: ResolverConfig, options: Mapping[str, str]
    ) -> CheckBatch:
        text = target.strip()
        if text.startswith("<") and text.endswith(">") and text.count("<") == 1:  # <a@b.c>
            text = text[1:-1].strip()
        if not text:
            raise input_error("domain_kind.empty_target")
        if _is_ip(text):
            raise input_error("domain_kind.ip_target", value=text[:80])
        sender = options.get(FIELD_SENDER, "").strip()
        if not sender and "@" in text:
            sender = text  # an address typed as the target is the sender too
        selectors = [s for s in _SPLIT.split(options.get(FIELD_SELECTORS, "")) if s]
        ip = options.get(FIELD_IP, "").strip() or None
        return DomainBatch(
            make_target(text, ip=ip, sender=sender or None, selectors=selectors), config
        )


def _is_ip(text: str) -> bool:
    value = text.strip("[]")
    if value.lower().startswith("ipv6:"):
        value = value[5:]
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
