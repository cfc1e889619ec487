"""Where the keyboard goes: a pane's first field, and focus given so that its ring shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

_TAB = Qt.FocusPolicy.TabFocus


def reachable(widget: QWidget, root: QWidget) -> bool:
    """True when Tab can stop at ``widget``, a widget inside ``root``."""
    return (
        root.isAncestorOf(widget)
        and widget.focusPolicy() & _TAB == _TAB
        and widget.isEnabled()
        and widget.isVisibleTo(root)
        and widget.focusProxy() is None
    )


def first_field(pane: QWidget) -> QWidget:
    """The first widget of ``pane`` that Tab reaches (the pane itself if there is none)."""
    widget = pane.nextInFocusChain()
    while widget is not pane and widget.window() is pane.window():
        if reachable(widget, pane):
            return widget
        widget = widget.nextInFocusChain()
    return pane


def give_focus(widget: QWidget) -> None:
    """Focus ``widget`` and show its focus ring, as a key press would: some styles (Windows)
    draw the ring only once the keyboard has moved focus in the window."""
    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
