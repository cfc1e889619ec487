"""Light and dark: the View menu's choice sets the palette, is kept across restarts, and the
panes' status colours follow it at once (issue 14, "Dark mode and themes")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.core.text.bilingual import Text
from smtp_gui.ui.checks.model import CheckRow, RowState
from smtp_gui.ui.colours import Tone, contrast_ratio, is_dark, mark_colour, status_colour
from smtp_gui.ui.document import COLOUR_PROPERTY
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings
from smtp_gui.ui.theme import Scheme, ThemeController

from .test_diagnose_pane import SPAMHAUS, _paste
from .test_report_view import fragments


@pytest.fixture(autouse=True)
def _back_to_system(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Whatever a test chose, the next one starts with the system's palette."""
    yield
    ThemeController().set_scheme(Scheme.SYSTEM)
    assert not is_dark(QGuiApplication.palette())


def _choose(window: MainWindow, scheme: Scheme) -> None:
    menu = window.findChild(QMenu, "viewMenu")
    assert menu is not None
    name = f"scheme{scheme.value.capitalize()}Action"
    action = next(a for a in menu.actions() if a.objectName() == name)
    action.trigger()
    QApplication.processEvents()
    assert action.isChecked()


def _tones(document: QTextDocument) -> list[tuple[str, str]]:
    """(tone, colour) of every run a report coloured by its severity."""
    found = []
    for _text, fmt in fragments(document):
        tone = fmt.property(COLOUR_PROPERTY)
        if tone and tone != "link":
            found.append((str(tone), fmt.foreground().color().name()))
    return found


def _in(palette: QPalette, tones: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(tone, status_colour(Tone(tone), palette).name()) for tone, _colour in tones]


def _ink(icon_owner) -> list:  # type: ignore[no-untyped-def]
    image = icon_owner.icon().pixmap(20, 20).toImage()
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]


def test_dark_from_the_view_menu_recolours_every_status(window: MainWindow, qtbot: QtBot) -> None:
    # A diagnosis with severities and advice buttons, a refused probe, a failed check row
    # and a decoder input error, all shown in the light palette first.
    pane = window.diagnose_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    view = window.findChild(QTextBrowser, "diagnosisView")
    source = window.findChild(QPlainTextEdit, "pasteInput")
    assert view is not None and source is not None
    _paste(qtbot, pane, source, SPAMHAUS)
    # The diagnosis' verdict is in its banner now; the code page colours its code by class.
    window.show_code("554")
    page = window.findChild(QTextBrowser, "codePage")
    assert page is not None
    window.show_diagnosis(SPAMHAUS)
    light = _tones(page.document())
    assert light and light == _in(QGuiApplication.palette(), light)
    banner = pane.verdict.label.palette().color(QPalette.ColorRole.WindowText)
    assert banner == status_colour(Tone.BAD, QGuiApplication.palette())
    probe = window.probe_pane
    probe.target.setText("")
    assert not probe.start_probe()  # refused input: a red summary
    model = window.checks_pane.model
    model.reset([CheckRow("x", "x", RowState.FAILED, Text("error", "错误"), Tone.BAD)])
    decoder = window.decoder_pane
    with qtbot.waitSignal(decoder.output_updated, timeout=5_000):
        decoder.input.setPlainText("<b>not base64</b>")
    assert decoder.input.extraSelections()

    _choose(window, Scheme.DARK)
    palette = QGuiApplication.palette()
    assert is_dark(palette)
    assert window._context.settings.colour_scheme == "dark"
    dark = _tones(page.document())
    assert dark == _in(palette, light) and dark != light
    banner = pane.verdict.label.palette().color(QPalette.ColorRole.WindowText)
    assert banner == status_colour(Tone.BAD, palette)
    summary = probe.summary.label.palette().color(QPalette.ColorRole.WindowText)
    assert summary == status_colour(Tone.BAD, palette)
    status = model.index(0, model.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert status == status_colour(Tone.BAD, palette)
    selections = decoder.input.extraSelections()
    mark = selections[0].format
    assert mark.background().color() == mark_colour(palette)
    assert contrast_ratio(mark.background().color(), mark.foreground().color()) >= 4.5
    link = decoder.final_button.palette()  # the "Final reply ... explain" link
    assert link.color(QPalette.ColorRole.ButtonText) == palette.color(QPalette.ColorRole.Link)
    button = palette.color(QPalette.ColorRole.Button)
    for advice in pane.advice_buttons:
        assert _ink(advice) and all(contrast_ratio(c, button) >= 4.5 for c in _ink(advice))

    _choose(window, Scheme.LIGHT)
    assert not is_dark(QGuiApplication.palette())
    assert _tones(page.document()) == light
    assert window._context.settings.colour_scheme == "light"
    light_summary = probe.summary.label.palette().color(QPalette.ColorRole.WindowText)
    assert light_summary == status_colour(Tone.BAD, QGuiApplication.palette())


def test_the_choice_is_kept_across_restarts(qtbot: QtBot, settings: Settings) -> None:
    first = create_main_window(settings, lang="en")
    qtbot.addWidget(first)
    _choose(first, Scheme.DARK)
    first.close()
    first.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ThemeController().set_scheme(Scheme.SYSTEM)  # as a fresh start has it
    assert not is_dark(QGuiApplication.palette())

    again = create_main_window(settings, lang="en")
    qtbot.addWidget(again)
    assert is_dark(QGuiApplication.palette())
    menu = again.findChild(QMenu, "viewMenu")
    assert menu is not None
    checked = [a.objectName() for a in menu.actions() if a.isChecked()]
    assert checked == ["schemeDarkAction"]
    _choose(again, Scheme.SYSTEM)
    assert not is_dark(QGuiApplication.palette())
    assert settings.colour_scheme == "system"


def test_a_hand_edited_scheme_is_the_system_s(settings: Settings) -> None:
    settings.backend.setValue("view/colour_scheme", "purple")
    assert settings.colour_scheme == "system"


def test_view_menu_speaks_chinese(window: MainWindow) -> None:
    window.language_switch.setCurrentIndex(window.language_switch.findData("zh"))
    QApplication.processEvents()
    menu = window.findChild(QMenu, "viewMenu")
    assert menu is not None and menu.title() == "视图(&V)"
    assert [a.text() for a in menu.actions()] == ["跟随系统配色(&S)", "浅色(&L)", "深色(&D)"]
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
