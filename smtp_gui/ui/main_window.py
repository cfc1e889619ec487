"""The main window: composes the panes, the language switch and navigation. No logic."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from smtp_gui import __version__
from smtp_gui.ui.code_pane import CodePane
from smtp_gui.ui.compare_pane import ComparePane
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.language import LANGUAGES


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._context = context

        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        self.code_pane = CodePane(context)
        self.compare_pane = ComparePane(context)
        self.tabs.addTab(self.code_pane, "")
        self.tabs.addTab(self.compare_pane, "")
        self.setCentralWidget(self.tabs)

        self.toolbar = QToolBar(objectName="mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.language_label = QLabel()
        self.language_switch = QComboBox(objectName="languageSwitch")
        for code, name in LANGUAGES:
            self.language_switch.addItem(name, code)
        self.language_switch.setCurrentIndex(max(0, self.language_switch.findData(context.lang)))
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding,
            spacer.sizePolicy().verticalPolicy().Preferred,
        )
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.language_label)
        self.toolbar.addWidget(self.language_switch)

        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self, objectName="quitAction")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self, objectName="aboutAction")
        self.help_menu.addAction(self.about_action)
        self.find_action = QAction(self, objectName="findAction")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.addAction(self.find_action)

        self.language_switch.currentIndexChanged.connect(self._on_language_switch_changed)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about_triggered)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.code_pane.compare_requested.connect(self._on_code_pane_compare_requested)

        self.tabs.setCurrentWidget(self.compare_pane)
        self.resize(1100, 760)
        if not context.settings.geometry.isEmpty():
            self.restoreGeometry(context.settings.geometry)
        self.retranslate()

    # -- navigation -------------------------------------------------------------------------
    def show_code(self, code: str) -> None:
        self.tabs.setCurrentWidget(self.code_pane)
        self.code_pane.show_code(code)

    def show_comparison(self, left: str, right: str | None = None) -> None:
        self.tabs.setCurrentWidget(self.compare_pane)
        self.compare_pane.set_codes(left, right)

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SMTP troubleshooter"))
        self.tabs.setTabText(self.tabs.indexOf(self.code_pane), self.tr("&Codes"))
        self.tabs.setTabText(self.tabs.indexOf(self.compare_pane), self.tr("Co&mpare"))
        self.tabs.setAccessibleName(self.tr("Tools"))
        self.language_label.setText(self.tr("Language:") + " ")
        self.language_switch.setAccessibleName(self.tr("Language"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About smtp-gui"))
        self.find_action.setText(self.tr("Find a code"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- slots ------------------------------------------------------------------------------
    @Slot(int)
    def _on_language_switch_changed(self, index: int) -> None:
        lang = str(self.language_switch.itemData(index))
        self._context.settings.language = lang
        self._context.language.set_language(lang)

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About smtp-gui"),
            self.tr(
                "smtp-gui %1\nA troubleshooter for SMTP errors: reply codes, AUTH "
                "exchanges, blocklists and DNS."
            ).replace("%1", __version__),
        )

    @Slot()
    def _on_find_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.code_pane)
        self.code_pane.search.setFocus()
        self.code_pane.search.selectAll()

    @Slot(str)
    def _on_code_pane_compare_requested(self, code: str) -> None:
        self.show_comparison(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._context.settings.geometry = self.saveGeometry()
        for index in range(self.tabs.count()):
            pane = self.tabs.widget(index)
            shutdown = getattr(pane, "shutdown", None)
            if callable(shutdown):
                shutdown()
        self._context.settings.sync()
        super().closeEvent(event)
