"""Help > About: version, the project's address, the shipped software with its licences;
and the app's icon on the application and every window (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMessageBox

from smtp_gui import PROJECT_URL, __version__
from smtp_gui.ui.about import AboutDialog
from smtp_gui.ui.main_window import MainWindow
from tests.ui.test_language import _switch


def _open_about(window: MainWindow, qtbot) -> AboutDialog:  # type: ignore[no-untyped-def]
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_icon_on_the_application_and_every_window(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sizes = app.windowIcon().availableSizes()
    assert {QSize(s, s) for s in (16, 32, 48, 256, 512)} <= set(sizes)
    assert window.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    box = QMessageBox(window)  # any other window: a dialog the app opens
    assert box.windowIcon().cacheKey() == app.windowIcon().cacheKey()
    image = app.windowIcon().pixmap(16, 16).toImage()
    assert image.width() == 16 and not image.isNull()
    box.deleteLater()


def test_about_lists_the_shipped_software_with_licences(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_about(window, qtbot)
    assert dialog.isModal() and dialog.heading.text() == f"smtp-gui {__version__}"
    assert PROJECT_URL in dialog.link.text() and dialog.link.openExternalLinks()
    names = [
        dialog.components.topLevelItem(i).text(0)
        for i in range(dialog.components.topLevelItemCount())
    ]
    assert names[0] == "smtp-gui"
    lowered = {n.lower() for n in names}
    assert {"dnspython", "cryptography", "shiboken6", "python"} <= lowered
    assert any(n.startswith("pyside6") for n in lowered)
    # The first row (the app itself, MIT) is shown at once; another row shows its own text.
    assert dialog.components.topLevelItem(0).text(2) == "MIT"
    assert "MIT License" in dialog.text.toPlainText()
    row = next(i for i, n in enumerate(names) if n == "dnspython")
    dialog.components.setCurrentItem(dialog.components.topLevelItem(row))
    assert dialog.components.topLevelItem(row).text(2) == "ISC"
    assert "Permission to use" in dialog.text.toPlainText()
    dialog.buttons.rejected.emit()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None or not dialog.isVisible())


def test_about_in_chinese(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _switch(window, "zh")
    dialog = _open_about(window, qtbot)
    assert dialog.windowTitle() == "关于 smtp-gui"
    assert dialog.components.headerItem().text(2) == "许可证"
    assert "退信" in dialog.summary.text()
    dialog.close()


def test_about_fits_the_small_screen(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_about(window, qtbot)
    assert dialog.width() <= 1024 and dialog.height() <= 640
    dialog.close()
