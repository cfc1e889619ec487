"""The one wiring point for the GUI: settings, translators and the main window."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from smtp_gui import __version__
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.icon import app_icon
from smtp_gui.ui.language import LanguageController
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from smtp_gui.ui.theme import Scheme, ThemeController


def default_settings() -> Settings:
    backend = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "smtp-gui", "smtp-gui"
    )
    return Settings(backend)


def create_main_window(
    settings: Settings | None = None, lang: str | None = None, *, defer_panes: bool = False
) -> MainWindow:
    """The fully wired main window, not shown; a QApplication must already exist.

    With ``defer_panes`` only the first pane is built, the others on first use; call
    ``finish_setup()`` once the window is up (the app does, right after the first paint).
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create_main_window() needs a QApplication")
    settings = settings or default_settings()
    # The application's icon is every window's and dialog's that sets none of its own.
    app.setWindowIcon(app_icon())
    language = LanguageController(app)
    language.set_language(lang or settings.language or LanguageController.system_language())
    theme = ThemeController(app)
    theme.set_scheme(Scheme(settings.colour_scheme))
    window = MainWindow(AppContext(settings, language, theme), defer_panes=defer_panes)
    language.setParent(window)
    theme.setParent(window)
    return window


class _FirstPaint(QObject):
    """Runs ``then`` once the window has painted for the first time."""

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self._then = then
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._then)
        return False


# The offscreen and minimal platform plugins say this on every show(): a note about the
# plugin, not about the app (the window paints all the same).
_PLUGIN_NOTICES = frozenset({"This plugin does not support propagateSizeHints()"})


def _install_message_filter() -> None:
    """Drop the platform plugin's notices above; every other Qt message is printed as before."""
    previous = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in _PLUGIN_NOTICES:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    previous = qInstallMessageHandler(handler)


def _display_problem_text(lang: str | None) -> str | None:
    """One line saying why no window can open here, or None when it can."""
    import os

    from smtp_gui.display import display_problem

    problem = display_problem(os.environ)
    if problem is None:
        return None
    if lang is None:
        import locale

        from smtp_gui.core.text.bilingual import normalize_lang

        lang = normalize_lang(locale.getlocale()[0])
    return problem.text(lang)


def run_gui(*, smoke: bool = False, lang: str | None = None) -> int:
    existing = QApplication.instance()
    if existing is None:
        # Qt would abort (exit 134) with a misleading hint; say the real cause instead.
        problem = _display_problem_text(lang)
        if problem is not None:
            sys.stderr.write(f"smtp-gui: {problem}\n")
            return 1
        _install_message_filter()
    app = existing or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("smtp-gui")
    app.setOrganizationName("smtp-gui")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("smtp-gui")
    # Only the visible pane is built before the window appears; the others when their tab
    # is first shown (MainWindow builds a pane on first use).
    window = create_main_window(lang=lang, defer_panes=True)

    def after_first_paint() -> None:
        if smoke:
            print("ok", flush=True)
            app.quit()
        else:
            window.finish_setup()

    watcher = _FirstPaint(after_first_paint)
    window.installEventFilter(watcher)
    if smoke:

        def give_up() -> None:
            print("smtp-gui: the window did not paint within 20 s", file=sys.stderr)
            app.exit(1)

        QTimer.singleShot(20_000, give_up)
    window.show()
    code = app.exec()
    window.close()
    return code
