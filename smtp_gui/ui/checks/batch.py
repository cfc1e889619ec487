"""What every kind of check in the checks pane is made of: a ``CheckKind`` and its batches.

A ``CheckKind`` turns what the user typed into a ``CheckBatch``: the rows to show at once
(all "checking…"), the ``(key, callable)`` tasks for ``JobController.start_streaming``, and
how a task's result becomes a row and the batch a summary. Each task is core's row task of
the kind given the controller's cancel event: a blocklist row (``zone_work``) runs on the
one DNS engine's loop, a domain row (``domain_task``) in a worker thread whose queries run on
that engine; they only call core; everything else here runs in the GUI thread.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import partial
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from smtp_gui.core.checks.kind import CheckKindName
from smtp_gui.core.checks.question import CheckContext
from smtp_gui.core.deadline import Deadline, unbounded
from smtp_gui.core.dns.config import ResolverConfig
from smtp_gui.core.dns.engine import AsyncWork
from smtp_gui.core.report.model import Report
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message
from smtp_gui.ui.checks.model import CheckRow, RowState, Tone
from smtp_gui.ui.jobs import TaskContext

Task = tuple[Hashable, Callable[[TaskContext], Any] | AsyncWork[Any]]
Row = TypeVar("Row")
RowTask = Callable[[Row, threading.Event | None, Deadline], Any]


def row_tasks(keys: Sequence[Hashable], task: RowTask[Row], rows: Sequence[Row]) -> list[Task]:
    """One streaming task per row: core's row ``task`` with the controller's cancel event
    (Cancel, a newer check, closing the window) and no deadline of the batch's: each row
    keeps to its own budget from the moment it starts (the row task caps it)."""
    return [(key, partial(_run_row, task, row)) for key, row in zip(keys, rows, strict=True)]


def _run_row(task: RowTask[Row], row: Row, context: TaskContext) -> Any:
    """Worker side: never touches a widget."""
    return task(row, context.cancelled, unbounded())


# The optional inputs a kind can ask for; the pane shows the fields of the current kind.
FIELD_LISTS = "lists"
FIELD_IP = "ip"
FIELD_SENDER = "sender"
FIELD_SELECTORS = "selectors"

_batch_numbers = count(1)


class CheckBatch(ABC):
    """One run of one kind of check. Keys are unique to the batch, so rows of an older
    batch can never land in a newer table."""

    def __init__(self, target: str, resolver: str, warnings: Sequence[Text] = ()) -> None:
        self.number = next(_batch_numbers)
        self.target = target
        self.resolver = resolver
        self.warnings = tuple(warnings)
        self._stopped = False

    def stop(self) -> None:
        """The batch is over (cancel, a newer check, close); the controller's cancel event
        tells its running tasks to give up."""
        self._stopped = True

    @property
    def stopped(self) -> bool:
        return self._stopped

    @abstractmethod
    def pending_rows(self) -> list[CheckRow]: ...

    @abstractmethod
    def tasks(self) -> list[Task]: ...

    @abstractmethod
    def finished_row(self, key: Hashable, result: Any) -> CheckRow: ...

    @abstractmethod
    def summary(self, cancelled: int) -> Text: ...

    def result_for(self, key: Hashable) -> Any:
        """The finished result behind a row (None: none yet, or the kind keeps none)."""
        return None

    def report(self, lang: str, markdown: bool = False) -> str:
        """A full report for a ticket; empty when the kind has none (see CheckKind.reports)."""
        return ""

    def report_model(self, lang: str) -> Report | None:
        """The finished batch as a report (File > Save report); None: the kind has none."""
        return None

    def inputs(self) -> tuple[tuple[str, str], ...]:
        """What the user asked, as (label, text) pairs for a saved report's footer."""
        return ((QCoreApplication.translate("CheckKinds", "Target"), self.target),)

    def shows(self, text: str) -> bool:
        """Is ``text`` (the target field) still what this batch checked? When not, its rows
        are stale and the pane clears them."""
        return text.strip().lower() == self.target.lower()

    def failed_row(self, key: Hashable, error: str) -> CheckRow:
        """A task raised (a bug, not a DNS outcome): show it raw in that row."""
        row = self._pending_row(key)
        label = message("checks.failed")
        return CheckRow(
            key,
            row.name,
            RowState.FAILED,
            label,
            Tone.WARN,
            meaning=Text(error, error),
            title=row.title,
        )

    def cancelled_row(self, key: Hashable) -> CheckRow:
        row = self._pending_row(key)
        return CheckRow(
            key,
            row.name,
            RowState.CANCELLED,
            message("checks.cancelled"),
            Tone.MUTED,
            title=row.title,
        )

    def _pending_row(self, key: Hashable) -> CheckRow:
        return next(r for r in self.pending_rows() if r.key == key)


class CheckKind(ABC):
    """A kind of check offered by the pane's kind selector."""

    id: CheckKindName
    fields: tuple[str, ...] = ()  # optional inputs (FIELD_*) the pane shows for this kind
    reports: bool = False  # whether its batches give a full report (Copy report)

    @abstractmethod
    def title(self) -> str:
        """The kind's name in the selector (translated now)."""

    @abstractmethod
    def target_hint(self) -> str:
        """Placeholder text of the target field."""

    def options_hint(self) -> str:
        """Placeholder of the lists field, when the kind has one."""
        return ""

    def resolver_warnings(self, config: ResolverConfig) -> tuple[Text, ...]:
        """What to warn about the chosen resolver before this kind of check runs."""
        return ()

    def column_widths(self) -> tuple[int, ...]:
        """Initial widths of the table's columns, in pixels (the fourth one stretches)."""
        return (210, 90, 150, 0, 50, 130)

    def column_titles(self) -> tuple[str, ...] | None:
        """Titles of the table's six columns (translated now); None: the generic ones."""
        return None

    @abstractmethod
    def prepare(
        self,
        target: str,
        config: ResolverConfig,
        options: Mapping[str, str],
        context: CheckContext | None = None,
    ) -> CheckBatch:
        """Validate the input (raising InputError) and plan the batch; no I/O. ``options``
        holds the text of the kind's ``fields``; ``context``: the bounce that asked for the
        check (kinds that weigh nothing by it ignore it)."""
