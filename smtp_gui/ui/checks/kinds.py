"""The kinds of check the checks pane offers (``KINDS``), and the blocklist kind.

The base classes are in batch.py; the domain record checks are in domain_kind.py. Each row
runs core's one blocklist row (``dnsbl.check.zone_flight``, as ``zone_work``) on the one DNS
engine's loop, the same the CLI runs. The
pane knows nothing of blocklists or records: it shows what the current kind plans.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from smtp_gui.core.checks.kind import CheckKindName
from smtp_gui.core.checks.question import CheckContext
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.dnsbl.answer import ListingStatus, answers_text
from smtp_gui.core.dnsbl.check import (
    PROBE_CACHE,
    CheckResolver,
    ZoneResult,
    plan_check,
    resolver_warnings,
    zone_rows,
    zone_work,
)
from smtp_gui.core.dnsbl.report import blocklist_report
from smtp_gui.core.dnsbl.summary import summarize
from smtp_gui.core.dnsbl.zones import split_zone_list
from smtp_gui.core.report.model import Report
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message
from smtp_gui.ui.checks.batch import FIELD_LISTS, CheckBatch, CheckKind, Task
from smtp_gui.ui.checks.domain_kind import DomainKind
from smtp_gui.ui.checks.model import CheckRow, RowState, Tone

__all__ = ["KINDS", "BlocklistKind", "CheckBatch", "CheckKind", "DomainKind", "Task"]

_TONES = {
    ListingStatus.LISTED: Tone.BAD,
    ListingStatus.NOT_LISTED: Tone.GOOD,
    ListingStatus.REFUSED: Tone.WARN,
    ListingStatus.TIMEOUT: Tone.WARN,
    ListingStatus.ERROR: Tone.WARN,
}


def zone_row(key: Hashable, result: ZoneResult) -> CheckRow:
    return CheckRow(
        key=key,
        name=result.zone.zone,
        status=result.status,
        status_label=message(f"dnsbl.status.{result.status}"),
        tone=_TONES[result.status],
        answer=answers_text(result.answers),
        meaning=result.meaning,
        ms=result.ms,
        resolver=result.resolver,
    )


class BlocklistBatch(CheckBatch):
    """Every chosen list for one IP or domain, one background task per list."""

    def __init__(self, target: str, config: ResolverConfig, zone_specs: Sequence[str] | None):
        self.plan = plan_check(target, zone_specs)
        self.handle = CheckResolver.from_config(config)
        self.rows = zone_rows(self.plan, self.handle, PROBE_CACHE)
        warnings = list(resolver_warnings(config))
        if not self.plan.target.is_ip:  # a domain: its lists here, its records in the other kind
            warnings.append(message("checks.domain_in_blocklist", domain=str(self.plan.target)))
        super().__init__(str(self.plan.target), self.handle.label, warnings)
        self.results: dict[Hashable, ZoneResult] = {}
        self._pending = [
            CheckRow((self.number, index), zone.zone, RowState.PENDING, message("checks.pending"))
            for index, zone in enumerate(self.plan.zones)
        ]

    def pending_rows(self) -> list[CheckRow]:
        return list(self._pending)

    def tasks(self) -> list[Task]:
        # Each row runs on the DNS engine's loop: no worker thread per row (ui/jobs.py).
        return [(row.key, zone_work(zr)) for row, zr in zip(self._pending, self.rows, strict=True)]

    def finished_row(self, key: Hashable, result: Any) -> CheckRow:
        if not isinstance(result, ZoneResult):  # called off between queries
            return self.cancelled_row(key)
        self.results[key] = result
        return zone_row(key, result)

    def result_for(self, key: Hashable) -> ZoneResult | None:
        return self.results.get(key)

    def report_model(self, lang: str) -> Report:
        """The lists that answered (dnsbl/report.blocklist_report, as the CLI prints it)."""
        done = [self.results[row.key] for row in self._pending if row.key in self.results]
        skipped = len(self.plan.skipped)
        return blocklist_report(
            self.target, done, self.resolver, lang, skipped=skipped, warnings=self.warnings
        )

    def summary(self, cancelled: int) -> Text:
        done = [self.results[row.key] for row in self._pending if row.key in self.results]
        return summarize(
            self.target, done, self.resolver, cancelled=cancelled, skipped=len(self.plan.skipped)
        )


class BlocklistKind(CheckKind):
    id = CheckKindName.BLOCKLIST
    fields = (FIELD_LISTS,)

    def title(self) -> str:
        return QCoreApplication.translate("CheckKinds", "Blocklists (DNSBL)")

    def target_hint(self) -> str:
        return QCoreApplication.translate(
            "CheckKinds", "IP address, domain or e-mail address, e.g. 192.0.2.1"
        )

    def options_hint(self) -> str:
        return QCoreApplication.translate(
            "CheckKinds", "Lists: the shipped ones, or e.g. zen.spamhaus.org,bl.spamcop.net"
        )

    def resolver_warnings(self, config: ResolverConfig) -> tuple[Text, ...]:
        """Spamhaus and others refuse queries from public resolvers."""
        return resolver_warnings(config)

    def prepare(
        self,
        target: str,
        config: ResolverConfig,
        options: Mapping[str, str],
        context: CheckContext | None = None,
    ) -> CheckBatch:
        lists = options.get(FIELD_LISTS, "")
        specs = split_zone_list(lists) if lists.strip() else None
        return BlocklistBatch(target, config, specs)


KINDS: tuple[CheckKind, ...] = (BlocklistKind(), DomainKind())
