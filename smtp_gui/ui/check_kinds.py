"""Kinds of check the checks pane can run, each a recipe for one batch of background tasks.

A ``CheckKind`` turns what the user typed into a ``CheckBatch``: the rows to show at once
(all "checking…"), the ``(key, callable)`` tasks for ``JobController``, and how a task's
result becomes a row and the batch a summary. The pane knows nothing of blocklists; the
domain record checks plug in here as another kind. Task callables run in worker threads
and only call core; everything else here runs in the GUI thread.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Sequence
from itertools import count
from typing import Any

from PySide6.QtCore import QCoreApplication

from smtp_gui.core.dnsbl import (
    PROBE_CACHE,
    CheckResolver,
    ZoneCheck,
    ZoneResult,
    plan_check,
    resolver_warnings,
)
from smtp_gui.core.dnsbl_answer import ListingStatus
from smtp_gui.core.dnsbl_query import Target
from smtp_gui.core.dnsbl_summary import result_details, summarize
from smtp_gui.core.dnsbl_zones import Zone, split_zone_list
from smtp_gui.core.lookup import lookup
from smtp_gui.core.messages import message
from smtp_gui.core.resolver import ResolverConfig
from smtp_gui.core.text import Text
from smtp_gui.ui.check_model import CheckRow

Task = tuple[Hashable, Callable[[], Any]]

_batch_numbers = count(1)


class CheckBatch(ABC):
    """One run of one kind of check. Keys are unique to the batch, so rows of an older
    batch can never land in a newer table."""

    def __init__(self, target: str, resolver: str, warnings: Sequence[Text] = ()) -> None:
        self.number = next(_batch_numbers)
        self.target = target
        self.resolver = resolver
        self.warnings = tuple(warnings)
        self._stop = threading.Event()

    def stop(self) -> None:
        """Tell running tasks to give up between queries (cancel, a newer check, close)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @abstractmethod
    def pending_rows(self) -> list[CheckRow]: ...

    @abstractmethod
    def tasks(self) -> list[Task]: ...

    @abstractmethod
    def finished_row(self, key: Hashable, result: Any) -> CheckRow: ...

    @abstractmethod
    def summary(self, cancelled: int) -> Text: ...

    def failed_row(self, key: Hashable, error: str) -> CheckRow:
        """A task raised (a bug, not a DNS outcome): show it raw in that row."""
        row = self._pending_row(key)
        label = message("checks.failed")
        return CheckRow(key, row.name, "error", label, "warn", meaning=Text(error, error))

    def cancelled_row(self, key: Hashable) -> CheckRow:
        row = self._pending_row(key)
        return CheckRow(key, row.name, "cancelled", message("checks.cancelled"), "muted")

    def _pending_row(self, key: Hashable) -> CheckRow:
        return next(r for r in self.pending_rows() if r.key == key)


class CheckKind(ABC):
    """A kind of check offered by the pane's kind selector."""

    id: str = ""

    @abstractmethod
    def title(self) -> str:
        """The kind's name in the selector (translated now)."""

    @abstractmethod
    def target_hint(self) -> str:
        """Placeholder text of the target field."""

    def options_hint(self) -> str:
        """Placeholder of the options field; empty: the kind takes no options."""
        return ""

    @abstractmethod
    def prepare(self, target: str, config: ResolverConfig, options: str) -> CheckBatch:
        """Validate the input (raising InputError) and plan the batch; no I/O."""


# -- blocklists ---------------------------------------------------------------------------------
_TONES = {
    ListingStatus.LISTED: "bad",
    ListingStatus.NOT_LISTED: "good",
    ListingStatus.REFUSED: "warn",
    ListingStatus.TIMEOUT: "warn",
    ListingStatus.ERROR: "warn",
}


def _check_zone_task(
    handle: CheckResolver, target: Target, zone: Zone, stop: threading.Event
) -> ZoneResult | None:
    """Worker side: one list's queries, one at a time, giving up between queries on stop."""
    check = ZoneCheck(target, zone, handle.key, PROBE_CACHE)
    while steps := check.wanted():
        if stop.is_set():
            return None
        name, rdtype = check.question(steps[0])
        check.record(steps[0], lookup(handle.resolver, name, rdtype))
    return check.result(handle.label)


def zone_row(key: Hashable, result: ZoneResult) -> CheckRow:
    return CheckRow(
        key=key,
        name=result.zone.zone,
        status=str(result.status),
        status_label=message(f"dnsbl.status.{result.status}"),
        tone=_TONES[result.status],
        answer=", ".join(result.answers),
        meaning=result.meaning,
        details=result_details(result),
        ms=result.ms,
        resolver=result.resolver,
    )


class BlocklistBatch(CheckBatch):
    """Every chosen list for one IP or domain, one background task per list."""

    def __init__(self, target: str, config: ResolverConfig, zone_specs: Sequence[str] | None):
        self.plan = plan_check(target, zone_specs)
        self.handle = CheckResolver.from_config(config)
        super().__init__(str(self.plan.target), self.handle.label, resolver_warnings(config))
        self.results: dict[Hashable, ZoneResult] = {}
        self._pending = [
            CheckRow((self.number, index), zone.zone, "pending", message("checks.pending"))
            for index, zone in enumerate(self.plan.zones)
        ]

    def pending_rows(self) -> list[CheckRow]:
        return list(self._pending)

    def tasks(self) -> list[Task]:
        target, handle, stop = self.plan.target, self.handle, self._stop
        return [
            (row.key, lambda zone=zone: _check_zone_task(handle, target, zone, stop))
            for row, zone in zip(self._pending, self.plan.zones, strict=True)
        ]

    def finished_row(self, key: Hashable, result: Any) -> CheckRow:
        if not isinstance(result, ZoneResult):  # stopped between queries
            return self.cancelled_row(key)
        self.results[key] = result
        return zone_row(key, result)

    def summary(self, cancelled: int) -> Text:
        done = [self.results[row.key] for row in self._pending if row.key in self.results]
        return summarize(
            self.target, done, self.resolver, cancelled=cancelled, skipped=len(self.plan.skipped)
        )


class BlocklistKind(CheckKind):
    id = "blocklist"

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

    def prepare(self, target: str, config: ResolverConfig, options: str) -> CheckBatch:
        specs = split_zone_list(options) if options.strip() else None
        return BlocklistBatch(target, config, specs)


KINDS: tuple[CheckKind, ...] = (BlocklistKind(),)
