"""What the main window asks of every tab: the ``Pane`` protocol, and a base for panes.

The window calls exactly these, on every pane, through this protocol (never by
looking a method up by name): ``retranslate`` when the language changes (through
``Retranslating``), ``finish_setup`` once after the first paint (shortcuts, completers:
work the first paint need not wait for), ``shutdown`` when the window closes, with the
milliseconds its workers may still take (all panes together get ``CLOSE_WAIT_MS``), and
``current_report``/``report_facts`` for File > Save report (ui/save_report.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from smtp_gui.core.report.model import Report
from smtp_gui.ui.jobs import CLOSE_WAIT_MS
from smtp_gui.ui.retranslating import Retranslating


@dataclass(frozen=True)
class ReportFacts:
    """What a saved report's footer says beside the version and date: the resolver that
    answered (empty: none asked) and the inputs as (label, text) pairs, never a secret."""

    resolver: str = ""
    inputs: tuple[tuple[str, str], ...] = ()


@runtime_checkable
class Pane(Protocol):
    def retranslate(self) -> None: ...

    def finish_setup(self) -> None: ...

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None: ...

    def current_report(self) -> Report | None: ...

    def report_facts(self) -> ReportFacts: ...


class PaneBase(Retranslating):
    """Mixin for a tab's widget (``class CodePane(PaneBase, QWidget)``): follows the language
    switch, and has nothing to finish or shut down unless it says otherwise."""

    def finish_setup(self) -> None:
        """Nothing to set up after the first paint."""

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """No background work to end."""

    def current_report(self) -> Report | None:
        """The report the pane shows, secrets masked, for Save report; None: nothing to save."""
        return None

    def report_facts(self) -> ReportFacts:
        """The resolver and inputs behind ``current_report()`` for the saved footer."""
        return ReportFacts()


# The tabs, in order: (attribute, module, class). A pane is imported and built when it is
# first needed, or all at once (the default); the app defers the hidden ones until after
# the first paint, so start-up pays only for the pane the user sees.
PANES = (
    ("diagnose_pane", "smtp_gui.ui.diagnose.pane", "DiagnosePane"),  # where a bounce starts
    ("code_pane", "smtp_gui.ui.codes.code_pane", "CodePane"),
    ("compare_pane", "smtp_gui.ui.codes.compare_pane", "ComparePane"),
    ("decoder_pane", "smtp_gui.ui.decoder.pane", "DecoderPane"),
    ("checks_pane", "smtp_gui.ui.checks.pane", "ChecksPane"),
    ("probe_pane", "smtp_gui.ui.probe.pane", "ProbePane"),
    ("headers_pane", "smtp_gui.ui.headers.pane", "HeadersPane"),
)
FIRST_PANE = "diagnose_pane"  # where a bounce starts: the window opens here


def start_pane(last: str) -> str:
    """The tab to open on: the one the user had moved to from Diagnose at the last close
    (``last``, from the settings), else Diagnose."""
    return last if any(name == last for name, _module, _cls in PANES) else FIRST_PANE


def remembered_pane(current: str) -> str:
    """What the settings keep of the tab open at close: nothing for Diagnose."""
    return "" if current == FIRST_PANE else current


class PaneSlot(QWidget):
    """A tab's page: empty until its pane is built, then the pane fills it."""

    def __init__(self, name: str) -> None:
        super().__init__(objectName=f"{name}Slot")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pane: QWidget | None = None

    def set_pane(self, pane: Any) -> None:
        self.pane = pane
        self.layout().addWidget(pane)
