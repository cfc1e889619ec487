"""Light or dark: follow the system's colour scheme, or the user's choice in the View menu.

``ThemeController`` follows ``QStyleHints.colorScheme()`` (and its ``colorSchemeChanged``)
while the choice is "system". A choice of Light or Dark asks the platform for that scheme
(``QStyleHints.setColorScheme``, Qt 6.8) and, where the platform cannot change it (the
generic Linux themes, the offscreen plugin), sets a Fusion palette of that lightness on the
application. Widgets then get a PaletteChange event; the status colours follow it
(``ui/colours.py``). ``SchemeMenu`` is the View menu that makes the choice and keeps it.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QMenu, QWidget

from smtp_gui.ui.colours import is_dark
from smtp_gui.ui.retranslating import Retranslating
from smtp_gui.ui.settings import Settings


class Scheme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_R = QPalette.ColorRole
# Fusion's own light palette, and a dark one of the same make; the status colours of
# ui/colours.py are measured against both backgrounds.
_LIGHT = {
    _R.Window: "#efefef", _R.WindowText: "#000000", _R.Base: "#ffffff",
    _R.AlternateBase: "#f7f7f7", _R.Text: "#000000", _R.Button: "#efefef",
    _R.ButtonText: "#000000", _R.BrightText: "#ffffff", _R.Light: "#ffffff",
    _R.Midlight: "#cacaca", _R.Mid: "#b8b8b8", _R.Dark: "#9f9f9f", _R.Shadow: "#767676",
    _R.Highlight: "#308cc6", _R.HighlightedText: "#ffffff", _R.Link: "#0000ff",
    _R.LinkVisited: "#ff00ff", _R.ToolTipBase: "#ffffdc", _R.ToolTipText: "#000000",
    _R.PlaceholderText: "#767676",
}  # fmt: skip
_DARK = {
    _R.Window: "#2d2d2d", _R.WindowText: "#e8e8e8", _R.Base: "#1e1e1e",
    _R.AlternateBase: "#262626", _R.Text: "#e8e8e8", _R.Button: "#353535",
    _R.ButtonText: "#e8e8e8", _R.BrightText: "#ffffff", _R.Light: "#505050",
    _R.Midlight: "#404040", _R.Mid: "#5a5a5a", _R.Dark: "#1a1a1a", _R.Shadow: "#000000",
    _R.Highlight: "#2f65ca", _R.HighlightedText: "#ffffff", _R.Link: "#8ab4f8",
    _R.LinkVisited: "#c58af9", _R.ToolTipBase: "#3a3a3a", _R.ToolTipText: "#e8e8e8",
    _R.PlaceholderText: "#a0a0a0",
}  # fmt: skip
_DISABLED_TEXT = {False: "#9f9f9f", True: "#808080"}
_OVERRIDDEN = "smtpGuiPalette"  # application property: our palette is set, not the system's


def scheme_palette(dark: bool) -> QPalette:
    """The palette set for an explicit choice the platform could not make itself."""
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    for role in (_R.WindowText, _R.Text, _R.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[dark]))
    return palette


class ThemeController(QObject):
    """Applies a ``Scheme`` to the application and keeps following the system's."""

    scheme_changed = Signal(str)  # the choice (a Scheme value)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scheme = Scheme.SYSTEM
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.styleHints().colorSchemeChanged.connect(self._on_hints_color_scheme_changed)

    @property
    def scheme(self) -> Scheme:
        return self._scheme

    def set_scheme(self, scheme: Scheme) -> None:
        app = QGuiApplication.instance()
        changed = scheme != self._scheme
        self._scheme = scheme
        if isinstance(app, QGuiApplication):
            hints = app.styleHints()
            if scheme == Scheme.SYSTEM:
                hints.unsetColorScheme()
            else:
                dark = scheme == Scheme.DARK
                hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
            self._apply(app)
        if changed:
            self.scheme_changed.emit(scheme.value)

    def _wanted(self, app: QGuiApplication) -> bool | None:
        """Dark (True), light (False), or whatever the system's palette is (None)."""
        if self._scheme != Scheme.SYSTEM:
            return self._scheme == Scheme.DARK
        system = app.styleHints().colorScheme()
        if system == Qt.ColorScheme.Unknown:
            return None
        return system == Qt.ColorScheme.Dark

    def _apply(self, app: QGuiApplication) -> None:
        dark = self._wanted(app)
        if app.property(_OVERRIDDEN):
            app.setProperty(_OVERRIDDEN, False)
            app.setPalette(QPalette())  # back to the system's palette
        if dark is not None and is_dark(app.palette()) != dark:
            app.setPalette(scheme_palette(dark))
            app.setProperty(_OVERRIDDEN, True)

    @Slot(Qt.ColorScheme)
    def _on_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        app = QGuiApplication.instance()
        if self._scheme == Scheme.SYSTEM and isinstance(app, QGuiApplication):
            self._apply(app)


class SchemeMenu(Retranslating, QMenu):
    """``viewMenu``: follow the system's colours, or always light, or always dark; the
    choice is kept in the settings."""

    def __init__(
        self, settings: Settings, theme: ThemeController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewMenu")
        self._settings = settings
        self._theme = theme
        group = QActionGroup(self)
        self.scheme_actions: dict[Scheme, QAction] = {}
        for scheme in Scheme:
            action = QAction(self, objectName=f"scheme{scheme.value.capitalize()}Action")
            action.setCheckable(True)
            action.setData(scheme.value)
            group.addAction(action)
            self.addAction(action)
            self.scheme_actions[scheme] = action
        self.scheme_actions[theme.scheme].setChecked(True)
        group.triggered.connect(self._on_group_triggered)
        theme.scheme_changed.connect(self._on_theme_scheme_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&View"))
        self.scheme_actions[Scheme.SYSTEM].setText(self.tr("&System colours"))
        self.scheme_actions[Scheme.LIGHT].setText(self.tr("&Light"))
        self.scheme_actions[Scheme.DARK].setText(self.tr("&Dark"))

    @Slot(QAction)
    def _on_group_triggered(self, action: QAction) -> None:
        scheme = Scheme(action.data())
        self._settings.colour_scheme = scheme.value
        self._theme.set_scheme(scheme)

    @Slot(str)
    def _on_theme_scheme_changed(self, scheme: str) -> None:
        self.scheme_actions[Scheme(scheme)].setChecked(True)
