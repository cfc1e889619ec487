"""The main window: composes the panes, the language switch and navigation. No logic."""

from __future__ import annotations

import importlib
import time
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from smtp_gui.core.dns.engine import stop_engine
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.jobs import CLOSE_WAIT_MS
from smtp_gui.ui.keyboard import first_field, give_focus
from smtp_gui.ui.language import LANGUAGES
from smtp_gui.ui.pane import PANES, Pane, PaneSlot, remembered_pane, start_pane
from smtp_gui.ui.retranslating import Retranslating
from smtp_gui.ui.save_report import SavesReports
from smtp_gui.ui.theme import SchemeMenu

if TYPE_CHECKING:
    from smtp_gui.core.checks.question import CheckContext
    from smtp_gui.ui.checks.pane import ChecksPane
    from smtp_gui.ui.codes.code_pane import CodePane
    from smtp_gui.ui.codes.compare_pane import ComparePane
    from smtp_gui.ui.decoder.pane import DecoderPane
    from smtp_gui.ui.diagnose.pane import DiagnosePane
    from smtp_gui.ui.headers.pane import HeadersPane
    from smtp_gui.ui.probe.pane import ProbePane


class MainWindow(SavesReports, Retranslating, QMainWindow):
    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, defer_panes: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._context = context

        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        self._slots: dict[str, PaneSlot] = {}
        self._setup_finished = False
        for name, _module, _cls in PANES:
            self._slots[name] = PaneSlot(name)
            self.tabs.addTab(self._slots[name], "")
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
        self.save_report_action = QAction(self, objectName="saveReportAction")
        self.file_menu.addAction(self.save_report_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self, objectName="quitAction")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = SchemeMenu(context.settings, context.theme, self)
        self.menuBar().addMenu(self.view_menu)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self, objectName="aboutAction")
        self.help_menu.addAction(self.about_action)
        self.find_action = QAction(self, objectName="findAction")
        self.addAction(self.find_action)

        self.language_switch.currentIndexChanged.connect(self._on_language_switch_changed)
        self.quit_action.triggered.connect(self.close)
        self.save_report_action.triggered.connect(self._on_save_report_triggered)
        self.file_menu.aboutToShow.connect(self.update_save_action)
        self.about_action.triggered.connect(self._on_about_triggered)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._settings_note: QLabel | None = None  # made when settings cannot be saved
        context.settings.save_failed.connect(self._on_settings_save_failed)

        start = start_pane(context.settings.last_pane)
        self.tabs.setCurrentWidget(self._slots[start])
        first = self._pane(start)
        if not defer_panes:
            self.build_remaining_panes(all_at_once=True)
        self.resize(1100, 760)
        if not context.settings.geometry.isEmpty():
            self.restoreGeometry(context.settings.geometry)
        if context.settings.unsaved:
            self._on_settings_save_failed()
        self.retranslate()
        # The keyboard starts in the first pane's first field, its focus ring showing.
        give_focus(first_field(cast(QWidget, first)))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)

    # -- panes ------------------------------------------------------------------------------
    def _pane(self, name: str) -> Pane:
        """The pane ``name``, imported and built on first use, then wired."""
        slot = self._slots[name]
        if slot.pane is None:
            _name, module_name, class_name = next(p for p in PANES if p[0] == name)
            pane_class = getattr(importlib.import_module(module_name), class_name)
            pane = pane_class(self._context)
            assert isinstance(pane, Pane), f"{class_name} is not a Pane"
            slot.set_pane(pane)
            if self._setup_finished:
                pane.finish_setup()
            self._wire(name, pane)
        assert isinstance(slot.pane, Pane)
        return slot.pane

    def build_remaining_panes(self, all_at_once: bool = False) -> None:
        """Build the panes not built yet: now, or one per turn of the event loop. The app
        does not: a hidden pane is built when its tab is first shown (the six cost 41 MiB
        and 0.5 s, the Blocklists pane most, which a session may never open)."""
        self.finish_setup()
        for name, _module, _cls in PANES:
            if self._slots[name].pane is None:
                self._pane(name)
                if not all_at_once:
                    QTimer.singleShot(0, self.build_remaining_panes)
                    return

    def finish_setup(self) -> None:
        """Once, after the first paint (or at once when nothing is deferred): keyboard
        shortcuts, and each built pane's ``finish_setup()``. The first setShortcut() makes
        PySide6 build its Python enums for keys (hundreds of members), 40 ms that the first
        paint need not wait for. Qt maps Ctrl to Command on macOS by itself."""
        if self._setup_finished:
            return
        self._setup_finished = True
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.save_report_action.setShortcut(QKeySequence("Ctrl+S"))
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        for slot in self._slots.values():
            if isinstance(slot.pane, Pane):
                slot.pane.finish_setup()

    def _show_pane(self, name: str) -> Pane:
        pane = self._pane(name)
        self.tabs.setCurrentWidget(self._slots[name])
        return pane

    @property
    def code_pane(self) -> CodePane:
        return cast("CodePane", self._pane("code_pane"))

    @property
    def compare_pane(self) -> ComparePane:
        return cast("ComparePane", self._pane("compare_pane"))

    @property
    def decoder_pane(self) -> DecoderPane:
        return cast("DecoderPane", self._pane("decoder_pane"))

    @property
    def checks_pane(self) -> ChecksPane:
        return cast("ChecksPane", self._pane("checks_pane"))

    @property
    def diagnose_pane(self) -> DiagnosePane:
        return cast("DiagnosePane", self._pane("diagnose_pane"))

    @property
    def headers_pane(self) -> HeadersPane:
        return cast("HeadersPane", self._pane("headers_pane"))

    def _wire(self, name: str, pane: Any) -> None:
        """Connect a pane just built to the others: plain connect() lines, one method per
        pane that sends anything (a stored table of bound methods would keep the window
        alive after Qt deleted it)."""
        match name:
            case "diagnose_pane":
                self._wire_diagnose_pane(pane)
            case "code_pane":
                self._wire_code_pane(pane)
            case "decoder_pane":
                self._wire_decoder_pane(pane)
            case "probe_pane":
                self._wire_probe_pane(pane)
            case "headers_pane":
                pane.diagnosis_requested.connect(self.show_diagnosis)

    def _wire_diagnose_pane(self, pane: DiagnosePane) -> None:
        pane.code_requested.connect(self._on_diagnose_pane_code_requested)
        pane.comparison_requested.connect(self._on_diagnose_pane_comparison_requested)
        pane.decode_requested.connect(self._on_diagnose_pane_decode_requested)
        pane.checks_requested.connect(self._on_diagnose_pane_checks_requested)
        pane.headers_requested.connect(self.show_headers)

    @property
    def probe_pane(self) -> ProbePane:
        return cast("ProbePane", self._pane("probe_pane"))

    def _wire_code_pane(self, pane: CodePane) -> None:
        pane.compare_requested.connect(self._on_code_pane_compare_requested)

    def _wire_decoder_pane(self, pane: DecoderPane) -> None:
        pane.code_requested.connect(self._on_decoder_pane_code_requested)

    def _wire_probe_pane(self, pane: ProbePane) -> None:
        pane.code_requested.connect(self._on_probe_pane_code_requested)

    # -- navigation -------------------------------------------------------------------------
    def show_code(self, code: str) -> None:
        self.code_pane.show_code(code)
        self._show_pane("code_pane")
        # The list when the code is a row there (Up/Down browse on), else its page; focus
        # on a list without a current row would pick the first row and replace the page.
        codes = self.code_pane.list
        give_focus(codes if codes.currentIndex().isValid() else self.code_pane.page)

    def show_comparison(self, left: str, right: str | None = None) -> None:
        self.compare_pane.set_codes(left, right)
        self._show_pane("compare_pane")
        give_focus(self.compare_pane.view)  # the comparison, to read or scroll

    def show_decoder(self, text: str) -> None:
        """Open the AUTH decoder with ``text`` in its input, decoded."""
        decoder = self.decoder_pane
        decoder.input.setPlainText(text)
        decoder.decode_now()
        self._show_pane("decoder_pane")
        copy = decoder.copy_button
        give_focus(copy if copy.isEnabled() else decoder.output)

    def show_checks(self, target: str, kind: str, context: CheckContext | None = None) -> None:
        """Open the checks pane with ``target`` filled in and ``kind`` chosen (``domain``,
        ``blocklist`` or ``blacklist``), and a bounce's ``CheckContext``; the user starts it."""
        self.checks_pane.show_target(target, kind, context)
        self._show_pane("checks_pane")
        give_focus(self.checks_pane.run_button)  # Enter starts the check

    @Slot(str)
    def show_diagnosis(self, text: str) -> None:
        self.diagnose_pane.set_text(text)
        self._show_pane("diagnose_pane")

    @Slot(str)
    def show_headers(self, text: str) -> None:
        self.headers_pane.set_text(text)
        self._show_pane("headers_pane")
        give_focus(self.headers_pane.verify_button)  # Enter verifies

    def show_probe(self, target: str | None = None) -> None:
        """Open the probe pane, with ``target`` in its server field (nothing is sent)."""
        pane = self.probe_pane
        if target is not None:
            pane.target.setText(target)
        self._show_pane("probe_pane")
        give_focus(pane.target if target is None else pane.run_button)

    def current_pane(self) -> QWidget:
        slot = self.tabs.currentWidget()
        assert isinstance(slot, PaneSlot)
        return slot.pane or cast(QWidget, self._pane(slot.objectName().removesuffix("Slot")))

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("SMTP troubleshooter"))
        titles = {
            "code_pane": self.tr("&Codes"),
            "compare_pane": self.tr("Co&mpare"),
            "decoder_pane": self.tr("&AUTH decoder"),
            "checks_pane": self.tr("&Blocklists && DNS"),
            "probe_pane": self.tr("Prob&e"),
            "diagnose_pane": self.tr("&Diagnose"),
            "headers_pane": self.tr("Messa&ge headers"),
        }
        for name, title in titles.items():
            self.tabs.setTabText(self.tabs.indexOf(self._slots[name]), title)
        self.tabs.setAccessibleName(self.tr("Tools"))
        self.language_label.setText(self.tr("Language:") + " ")
        self.language_switch.setAccessibleName(self.tr("Language"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.save_report_action.setText(self.tr("&Save report…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About smtp-gui"))
        self.find_action.setText(self.tr("Find a code"))
        if self._settings_note is not None:
            self._settings_note.setText(
                self.tr(
                    "Settings cannot be saved to %1: changes are lost when the app closes."
                ).replace("%1", self._context.settings.backend.fileName())
            )

    # -- slots ------------------------------------------------------------------------------
    @Slot(int)
    def _on_language_switch_changed(self, index: int) -> None:
        lang = str(self.language_switch.itemData(index))
        self._context.settings.language = lang
        self._context.language.set_language(lang)

    @Slot()
    def _on_about_triggered(self) -> None:
        from smtp_gui.ui.about import AboutDialog  # built when asked for, not at start-up

        AboutDialog(self).open()

    @Slot()
    def _on_settings_save_failed(self) -> None:
        """Once: the status bar (made only now) says the preferences are not being kept."""
        if self._settings_note is not None:
            return
        self._settings_note = QLabel(objectName="settingsNotSaved")
        self._settings_note.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self._settings_note, 1)
        self.retranslate()

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Once, when the window first takes the focus: Qt then forgets that the keyboard
        moved it, and styles that draw the focus ring only after a key press would hide it."""
        if new is not None and new.window() is self:
            self.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
            cast(QApplication, QApplication.instance()).focusChanged.disconnect(
                self._on_app_focus_changed
            )

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        slot = self.tabs.widget(index)
        if isinstance(slot, PaneSlot) and slot.pane is None:
            self._pane(slot.objectName().removesuffix("Slot"))
        self.update_save_action()

    @Slot()
    def _on_find_triggered(self) -> None:
        self._show_pane("code_pane")
        self.code_pane.search.setFocus()
        self.code_pane.search.selectAll()

    @Slot(str, str)
    def _on_code_pane_compare_requested(self, code: str, second: str) -> None:
        self.show_comparison(code, second or None)
        give_focus(self.compare_pane.right)  # the second code: to keep or to type over
        self.compare_pane.right.lineEdit().selectAll()

    @Slot(str)
    def _on_decoder_pane_code_requested(self, code: str) -> None:
        self.show_code(code)

    @Slot(str)
    def _on_diagnose_pane_code_requested(self, code: str) -> None:
        self.show_code(code)

    @Slot(str, str)
    def _on_diagnose_pane_comparison_requested(self, left: str, right: str) -> None:
        self.show_comparison(left, right)

    @Slot(str)
    def _on_diagnose_pane_decode_requested(self, text: str) -> None:
        self.show_decoder(text)

    @Slot(str, str, object)
    def _on_diagnose_pane_checks_requested(self, *request: Any) -> None:
        self.show_checks(*request)  # target, kind, CheckContext

    @Slot(str)
    def _on_probe_pane_code_requested(self, code: str) -> None:
        self.show_code(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._context.settings.geometry = self.saveGeometry()
        current = self.tabs.currentWidget().objectName().removesuffix("Slot")
        self._context.settings.last_pane = remembered_pane(current)
        # Every pane's workers together get CLOSE_WAIT_MS, whatever a server does.
        ends = time.monotonic() + CLOSE_WAIT_MS / 1000
        for slot in self._slots.values():
            if isinstance(slot.pane, Pane):
                slot.pane.shutdown(max(0, int((ends - time.monotonic()) * 1000)))
        stop_engine(max(0.0, ends - time.monotonic()))  # the one DNS engine's thread ends too
        self._context.settings.sync()
        super().closeEvent(event)
