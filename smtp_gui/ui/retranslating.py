"""The one place that turns Qt's LanguageChange event into a widget's ``retranslate()``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixin for widgets with a ``retranslate()``: put it before the Qt base class
    (``class CodePane(Retranslating, QWidget)``) and the widget follows the language switch."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        base: Any = super()
        base.changeEvent(event)
