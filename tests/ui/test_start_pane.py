"""The window opens on Diagnose (where a bounce starts), and on another tab only when the
user had moved away from Diagnose when the window last closed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings


def _open(qtbot: QtBot, settings: Settings) -> MainWindow:
    main = create_main_window(settings, lang="en")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _close(main: MainWindow) -> None:
    main.close()
    main.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_window_opens_on_diagnose(window: MainWindow) -> None:
    assert window.tabs.currentIndex() == 0
    assert window.current_pane() is window.diagnose_pane
    assert window.diagnose_pane.input.hasFocus()


def test_the_last_tab_is_remembered_when_the_user_moved_away(
    qtbot: QtBot, settings: Settings
) -> None:
    first = _open(qtbot, settings)
    first.tabs.setCurrentWidget(first.checks_pane.parentWidget())
    _close(first)
    assert settings.last_pane == "checks_pane"
    second = _open(qtbot, settings)
    assert second.current_pane() is second.checks_pane
    second.tabs.setCurrentWidget(second.diagnose_pane.parentWidget())
    _close(second)
    assert settings.last_pane == ""
    third = _open(qtbot, settings)
    assert third.current_pane() is third.diagnose_pane
    _close(third)


def test_a_hand_edited_tab_name_opens_diagnose(qtbot: QtBot, settings: Settings) -> None:
    settings.backend.setValue("window/pane", "no_such_pane")
    main = _open(qtbot, settings)
    assert main.current_pane() is main.diagnose_pane
    _close(main)


def test_a_hidden_pane_is_built_when_its_tab_is_first_shown(
    qtbot: QtBot, settings: Settings
) -> None:
    """As the app opens the window (``run_gui``): the first pane before the first paint, the
    shortcuts after it, each other pane when the user first opens its tab (all six cost
    41 MiB and half a second that a session opening one tab would pay for nothing)."""
    from PySide6.QtCore import Qt

    from smtp_gui.ui.pane import PANES, PaneSlot

    main = create_main_window(settings, lang="en", defer_panes=True)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.finish_setup()
    qtbot.wait(50)  # turns of the event loop: nothing else is built behind the user's back

    def built() -> list[str]:
        slots = [main.tabs.widget(i) for i in range(main.tabs.count())]
        return [s.objectName() for s in slots if isinstance(s, PaneSlot) and s.pane]

    assert built() == ["diagnose_paneSlot"]
    main.tabs.setCurrentIndex(3)  # a click on "AUTH decoder"
    assert built() == ["diagnose_paneSlot", "decoder_paneSlot"]
    assert main.current_pane() is main.decoder_pane
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Find a code
    assert main.current_pane() is main.code_pane and main.code_pane.search.hasFocus()
    assert len(built()) == 3 < len(PANES)
    _close(main)
