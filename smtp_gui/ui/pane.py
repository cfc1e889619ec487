"""What the main window asks of every tab: the ``Pane`` protocol, and a base for panes.

The window calls exactly these three, on every pane, through this protocol (never by
looking a method up by name): ``retranslate`` when the language changes (through
``Retranslating``), ``finish_setup`` once after the first paint (shortcuts, completers:
work the first paint need not wait for), ``shutdown`` when the window closes, with the
milliseconds its workers may still take (all panes together get ``CLOSE_WAIT_MS``).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from smtp_gui.ui.jobs import CLOSE_WAIT_MS
from smtp_gui.ui.retranslating import Retranslating


@runtime_checkable
class Pane(Protocol):
    def retranslate(self) -> None: ...

    def finish_setup(self) -> None: ...

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None: ...


class PaneBase(Retranslating):
    """Mixin for a tab's widget (``class CodePane(PaneBase, QWidget)``): follows the language
    switch, and has nothing to finish or shut down unless it says otherwise."""

    def finish_setup(self) -> None:
        """Nothing to set up after the first paint."""

    def shutdown(self, wait_ms: int = CLOSE_WAIT_MS) -> None:
        """No background work to end."""
