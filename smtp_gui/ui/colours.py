"""Every colour the window draws a status in, chosen in one place.

A status (good, bad, warning, ...) has one colour in a light table and one in a dark table;
``status_colour`` picks the table by the lightness of the palette's window colour, so each
status text keeps at least 4.5:1 contrast (WCAG 2.1 AA, 1.4.3) against the background it is
drawn on, light or dark. Nothing else in ``ui`` names a colour: the rest comes from the
palette. A widget that shows a status colour follows a change of palette (the user or the
system switching to dark) through ``follow_palette``, or reads the palette when it paints.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from smtp_gui.core.report.model import Severity


class Tone(StrEnum):
    """How a status reads: bad news, good news, could not check, for information, still
    running, cancelled or beside the point."""

    BAD = "bad"
    GOOD = "good"
    WARN = "warn"
    INFO = "info"
    PENDING = "pending"
    MUTED = "muted"


# Contrast of each, worst case: light >= 4.95:1 on #ffffff, #f7f7f7 and #efefef; dark >= 5.04:1
# on #1e1e1e, #262626, #2d2d2d and #353535 (tests/ui/test_colours.py measures them).
_LIGHT = {
    Tone.BAD: "#b3261e",
    Tone.GOOD: "#1b7637",
    Tone.WARN: "#8a5200",
    Tone.INFO: "#1f5fae",
    Tone.PENDING: "#5c5c5c",
    Tone.MUTED: "#666666",
}
_DARK = {
    Tone.BAD: "#ff8a80",
    Tone.GOOD: "#6cc788",
    Tone.WARN: "#e8b04b",
    Tone.INFO: "#8ab4f8",
    Tone.PENDING: "#b4b4b4",
    Tone.MUTED: "#a6a6a6",
}
# The background under the character an input error points at; its text keeps the
# palette's Text colour (black on the pink, near-white on the dark red).
_MARK = {False: "#f6c5c0", True: "#8c2f28"}

SEVERITY_TONES = {
    Severity.OK: Tone.GOOD,
    Severity.INFO: Tone.INFO,
    Severity.WARNING: Tone.WARN,
    Severity.ERROR: Tone.BAD,
}
# RFC 5321 4.2.1: the first digit of a reply says how it went.
CLASS_TONES = {2: Tone.GOOD, 3: Tone.INFO, 4: Tone.WARN, 5: Tone.BAD}


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when ``palette`` (the application's by default) draws on a dark window."""
    return _palette(palette).color(QPalette.ColorRole.Window).lightness() < 128


def status_colour(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of a ``tone`` text on ``palette``'s backgrounds."""
    return QColor((_DARK if is_dark(palette) else _LIGHT)[tone])


def severity_colour(severity: Severity, palette: QPalette | None = None) -> QColor:
    return status_colour(SEVERITY_TONES[severity], palette)


def class_colour(digit: int, palette: QPalette | None = None) -> QColor | None:
    """The colour of a reply of class ``digit`` (2-5); None for anything else."""
    tone = CLASS_TONES.get(digit)
    return None if tone is None else status_colour(tone, palette)


def mark_colour(palette: QPalette | None = None) -> QColor:
    """The background that marks a bad character in an input box."""
    return QColor(_MARK[is_dark(palette)])


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0 black, 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2.1 contrast ratio, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def arrow_icon(palette: QPalette | None = None, size: int = 20) -> QIcon:
    """A right arrow in the palette's button text colour: the advice buttons' icon, which
    Qt's own (a black picture) is not on a dark palette."""
    colour = _palette(palette).color(QPalette.ColorRole.ButtonText)
    scale = QGuiApplication.instance().devicePixelRatio() if QGuiApplication.instance() else 1
    pixmap = QPixmap(round(size * scale), round(size * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, size / 10)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    path = QPainterPath(QPointF(size * 0.2, size * 0.5))
    path.lineTo(size * 0.8, size * 0.5)
    path.moveTo(size * 0.55, size * 0.25)
    path.lineTo(size * 0.8, size * 0.5)
    path.lineTo(size * 0.55, size * 0.75)
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


class _PaletteFollower(QObject):
    """An event filter calling ``apply`` whenever its widget's palette changes."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self._apply = apply

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self._apply()
        return False


def follow_palette(widget: QWidget, apply: Callable[[], None]) -> None:
    """Call ``apply`` whenever ``widget``'s palette changes (a child widget gets a
    PaletteChange event when the application's palette changes). ``apply`` must only set
    what it sets already when nothing changed, or it would be called again."""
    widget.installEventFilter(_PaletteFollower(widget, apply))


def look_like_a_link(button: QAbstractButton) -> None:
    """Underline ``button``'s text and draw it in the palette's link colour, now and after
    every change of palette (a style sheet's ``palette(link)`` is read once, and keeps a
    light background on a dark palette)."""
    font = button.font()
    font.setUnderline(True)
    button.setFont(font)
    follow_palette(button, lambda: _apply_link(button))
    _apply_link(button)


def _apply_link(button: QAbstractButton) -> None:
    link = button.palette().color(QPalette.ColorRole.Link)  # inherited, never set here
    if button.palette().color(QPalette.ColorRole.ButtonText) != link:
        palette = QPalette(button.palette())
        palette.setColor(QPalette.ColorRole.ButtonText, link)
        button.setPalette(palette)


_TONE_PROPERTY = "statusTone"


def set_tone(label: QLabel, tone: Tone | None) -> None:
    """Draw ``label``'s text in ``tone``'s colour (None: the palette's own), now and after
    every change of palette."""
    if label.property(_TONE_PROPERTY) is None:
        follow_palette(label, lambda: _apply_tone(label))
    label.setProperty(_TONE_PROPERTY, tone.value if tone is not None else "")
    _apply_tone(label)


def _apply_tone(label: QLabel) -> None:
    tone = label.property(_TONE_PROPERTY)
    if not tone:
        if label.testAttribute(Qt.WidgetAttribute.WA_SetPalette):
            label.setPalette(QPalette())  # back to the inherited palette
        return
    # The window colour is inherited (only WindowText is ever set here), so it says whether
    # the label sits on a light or a dark background.
    colour = status_colour(Tone(tone), label.palette())
    if label.palette().color(QPalette.ColorRole.WindowText) != colour:
        palette = QPalette(label.palette())
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)
