"""The checks pane's "Domain records" kind: MX, SPF, DMARC, DKIM, PTR, MTA-STS, TLS-RPT,
BIMI and DANE of one domain, one background task per check.

Each row is a ``DomainRow`` from core (domain_check.py) run by core's one row task,
``domain_task`` (the same the CLI runs), in a worker; its ``CheckResult`` is kept so the
detail view, the SPF trace and "Copy report" can render it in whichever language is current.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Hashable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from smtp_gui.core.checks.kind import CheckKindName
from smtp_gui.core.checks.question import CheckContext, Question, explains_note, ordered, weigh
from smtp_gui.core.checks.report import check_name, domain_report, status_word
from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.records.domain_check import (
    DomainTarget,
    domain_checks,
    domain_rows,
    domain_task,
    make_target,
    normalize_domain,
)
from smtp_gui.core.report import labels
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.model import Report
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import InputError, input_error
from smtp_gui.core.text.fields import split_field
from smtp_gui.core.text.messages import message
from smtp_gui.ui.checks.batch import (
    FIELD_IP,
    FIELD_SELECTORS,
    FIELD_SENDER,
    CheckBatch,
    CheckKind,
    Task,
    row_tasks,
)
from smtp_gui.ui.checks.model import CheckRow, RowState, Tone

TONES = {
    Status.PASS: Tone.GOOD,
    Status.WARN: Tone.WARN,
    Status.FAIL: Tone.BAD,
    Status.ERROR: Tone.WARN,  # could not check: neither good nor bad news
    Status.INFO: Tone.INFO,
}


def title_text(name: str) -> Text:
    """A check's name in both languages: ``ptr`` -> "PTR (reverse DNS)"."""
    return check_name(name)


def status_text(status: str) -> Text:
    """``error`` -> "error: could not check"; the table's status column."""
    return status_word(status)


def _both(result: CheckResult) -> Text:
    return Text(result.summary.text("en"), result.summary.text("zh"))


def _counts(parts: list[Text], lang: str) -> str:
    """``6 passed, 3 for information`` in ``lang``."""
    return labels.comma(lang).join(part.get(lang) for part in parts)


def one_line(record: str | None) -> str:
    """A record (several lines for several records) on one line for the table."""
    return "  |  ".join(line.strip() for line in (record or "").splitlines() if line.strip())


def domain_row(key: Hashable, result: CheckResult, context: CheckContext | None = None) -> CheckRow:
    """The table's row of ``result``, weighed by the bounce ``context`` is about: a row that
    explains it is a ``fail`` and says so before its summary."""
    weighed = weigh((result,), context)
    meaning = _both(result)
    if weighed.explaining and context is not None:
        mark = explains_note(context)
        meaning = Text(
            mark.text("en") + labels.colon("en") + meaning.en,
            mark.text("zh") + labels.colon("zh") + meaning.zh,
        )
    result = weighed.results[0]
    return CheckRow(
        key=key,
        name=result.name,
        status=result.status,
        status_label=status_text(str(result.status)),
        tone=TONES[result.status],
        answer=one_line(result.record),
        meaning=meaning,
        ms=result.ms,
        resolver=result.resolver,
        title=title_text(result.name),
    )


class DomainBatch(CheckBatch):
    """Every check of one domain; results kept per row for details and the report. With
    the ``context`` of a bounce about this domain, the rows are weighed by its question."""

    def __init__(
        self, target: DomainTarget, config: ResolverConfig, context: CheckContext | None = None
    ) -> None:
        self.domain_target = target
        if context is not None and context.domain not in ("", target.domain):
            context = None  # a bounce about another domain says nothing about this one
        if context is not None and context.question is Question.NONE:
            context = None
        if context is not None:  # the IP and sender as checked (the user may edit them)
            context = replace(context, ip=target.ip or "", sender=target.sender or "")
        self.context = context
        self.checks = ordered(domain_checks(target), lambda check: check.name, context)
        self.rows = domain_rows(self.checks, config)  # one resolver, shared read-only
        super().__init__(target.domain, config.describe())
        self.results: dict[Hashable, CheckResult] = {}
        self._pending = [
            CheckRow(
                (self.number, check.name),
                check.name,
                RowState.PENDING,
                message("checks.pending"),
                title=title_text(check.name),
            )
            for check in self.checks
        ]

    def pending_rows(self) -> list[CheckRow]:
        return list(self._pending)

    def tasks(self) -> list[Task]:
        return row_tasks([row.key for row in self._pending], domain_task, self.rows)

    def finished_row(self, key: Hashable, result: Any) -> CheckRow:
        if not isinstance(result, CheckResult):  # called off
            return self.cancelled_row(key)
        self.results[key] = result
        return domain_row(key, result, self.context)

    def result_for(self, key: Hashable) -> CheckResult | None:
        """The row's result as the table shows it: weighed by the bounce's question."""
        result = self.results.get(key)
        if result is None or self.context is None:
            return result
        return weigh((result,), self.context).results[0]

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
            template.en.format(domain=self.target, counts=_counts(parts, "en")),
            template.zh.format(domain=self.target, counts=_counts(parts, "zh")),
        )

    def report(self, lang: str, markdown: bool = False) -> str:
        """The finished checks as plain text or Markdown (check_report), for a ticket."""
        report = self.report_model(lang)
        return render_markdown(report) if markdown else render_text(report)

    def report_model(self, lang: str) -> Report:
        missing = [row.name for row in self._pending if row.key not in self.results]
        return domain_report(
            self.target, self.finished(), lang, self.resolver, missing, self.context
        )

    def shows(self, text: str) -> bool:
        """Is ``text`` (the target field) still this batch's domain?"""
        try:
            return normalize_domain(_unbracketed(text)) == self.domain_target.domain
        except InputError:
            return False

    def inputs(self) -> tuple[tuple[str, str], ...]:
        target = self.domain_target
        return (
            *super().inputs(),
            (QCoreApplication.translate("CheckKinds", "Sending IP"), target.ip or ""),
            (QCoreApplication.translate("CheckKinds", "Sender"), target.sender or ""),
            (
                QCoreApplication.translate("CheckKinds", "DKIM selectors"),
                " ".join(target.selectors),
            ),
        )


class DomainKind(CheckKind):
    id = CheckKindName.DOMAIN
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
        self,
        target: str,
        config: ResolverConfig,
        options: Mapping[str, str],
        context: CheckContext | None = None,
    ) -> CheckBatch:
        text = _unbracketed(target)
        if not text:
            raise input_error("domain_kind.empty_target")
        if _is_ip(text):
            raise input_error("domain_kind.ip_target", value=text[:80])
        sender = options.get(FIELD_SENDER, "").strip()
        if not sender and "@" in text:
            sender = text  # an address typed as the target is the sender too
        selectors = split_field(options.get(FIELD_SELECTORS, ""))
        ip = options.get(FIELD_IP, "").strip() or None
        checked = make_target(text, ip=ip, sender=sender or None, selectors=selectors)
        return DomainBatch(checked, config, context)


def _unbracketed(target: str) -> str:
    """``<a@b.c>`` -> ``a@b.c``: an address as a bounce or a header writes it."""
    text = target.strip()
    if text.startswith("<") and text.endswith(">") and text.count("<") == 1:
        text = text[1:-1].strip()
    return text


def _is_ip(text: str) -> bool:
    value = text.strip("[]")
    if value.lower().startswith("ipv6:"):
        value = value[5:]
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
