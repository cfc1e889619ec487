"""The settings wrapper: numbers read back pass the input checks; a file that cannot be
written is said once in the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar
from pytestqt.qtbot import QtBot

from smtp_gui.app import create_main_window
from smtp_gui.core.dns.resolver import DEFAULT_TIMEOUT
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.settings import Settings


def _from_ini(path: Path, text: str) -> Settings:
    path.write_text(text, encoding="utf-8")
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2.5", 2.5),
        ("60", 60.0),
        ("nan", DEFAULT_TIMEOUT),  # issue 12: became 60 s (the spin box's maximum)
        ("inf", DEFAULT_TIMEOUT),
        ("-inf", DEFAULT_TIMEOUT),
        ("-1", DEFAULT_TIMEOUT),
        ("0", DEFAULT_TIMEOUT),
        ("61", DEFAULT_TIMEOUT),
        ("1e999", DEFAULT_TIMEOUT),
        ("9" * 400, DEFAULT_TIMEOUT),
        ("three", DEFAULT_TIMEOUT),
        ("", DEFAULT_TIMEOUT),
    ],
)
def test_timeout_read_back_through_the_input_checks(
    tmp_path: Path, written: str, read: float
) -> None:
    settings = _from_ini(tmp_path / "s.ini", f"[checks]\ntimeout={written}\n")
    assert settings.timeout == read


def _open(qtbot: QtBot, settings: Settings) -> Iterator[MainWindow]:
    """A window of its own, deleted afterwards so that its translators leave the app."""
    window = create_main_window(settings, lang="en")
    try:
        yield window
    finally:
        window.close()
        window.deleteLater()
        qtbot.wait(1)


def _switch(window: MainWindow, lang: str) -> None:
    """Pick the language and let Qt deliver its LanguageChange events."""
    window.language_switch.setCurrentIndex(window.language_switch.findData(lang))
    QApplication.processEvents()


def test_a_bad_timeout_in_the_file_shows_the_default(qtbot: QtBot, tmp_path: Path) -> None:
    settings = _from_ini(tmp_path / "s.ini", "[checks]\ntimeout=nan\n")
    for window in _open(qtbot, settings):
        assert window.checks_pane.timeout.value() == DEFAULT_TIMEOUT


def test_a_timeout_is_written_and_read_back(tmp_path: Path) -> None:
    settings = _from_ini(tmp_path / "s.ini", "")
    settings.timeout = 7.5
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.timeout == 7.5 and not settings.unsaved


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose folder is a file: nothing can be written (QSettings.AccessError)."""
    blocker = tmp_path / "config"
    blocker.write_text("a file where the settings folder should be", encoding="utf-8")
    return Settings(QSettings(str(blocker / "settings.ini"), QSettings.Format.IniFormat))


def _notes(window: MainWindow) -> list[QLabel]:
    return window.findChildren(QLabel, "settingsNotSaved")


def test_settings_that_cannot_be_saved_are_said_once(
    window: MainWindow, settings: Settings, qtbot: QtBot
) -> None:
    """Issue 12: preferences were lost silently. The window stores the codes it compares as
    it opens, so it knows at once."""
    assert settings.unsaved
    (note,) = _notes(window)
    assert note.isVisible() and note.parent() is window.statusBar()
    path = settings.backend.fileName()
    assert note.text() == (
        f"Settings cannot be saved to {path}: changes are lost when the app closes."
    )
    with qtbot.assertNotEmitted(settings.save_failed):
        settings.nameservers = "127.0.0.1"
        _switch(window, "zh")
        _switch(window, "en")
        _switch(window, "zh")
    assert len(_notes(window)) == 1
    assert note.text() == f"无法将设置保存到 {path}：关闭程序后，所做的更改将会丢失。"
    _switch(window, "en")
    assert note.text().startswith("Settings cannot be saved to ")


def test_the_first_lost_setting_is_said(qtbot: QtBot, settings: Settings) -> None:
    """A setting lost after the window is up (a language switch, with no pane yet writing)."""
    with qtbot.waitSignal(settings.save_failed, timeout=1000):
        settings.language = "zh"
    assert settings.unsaved


def test_a_window_made_after_the_failure_says_it_too(qtbot: QtBot, settings: Settings) -> None:
    settings.nameservers = "127.0.0.1"
    assert settings.unsaved
    for window in _open(qtbot, settings):
        (note,) = _notes(window)
        assert "cannot be saved" in note.text()


def test_settings_that_are_saved_say_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    writable = Settings(QSettings(str(tmp_path / "ok.ini"), QSettings.Format.IniFormat))
    for window in _open(qtbot, writable):
        _switch(window, "zh")
        assert _notes(window) == [] and not writable.unsaved
        assert window.findChild(QStatusBar) is None  # no status bar without news
        assert writable.language == "zh"
        _switch(window, "en")
