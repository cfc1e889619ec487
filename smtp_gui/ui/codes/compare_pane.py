"""Two codes side by side: sections, the key difference, when each applies; copy for a ticket."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smtp_gui.core.codes.catalogue import catalogue
from smtp_gui.core.codes.compare import Comparison, compare
from smtp_gui.core.codes.report import compare_report
from smtp_gui.core.report import Report
from smtp_gui.core.report.markdown import render_markdown
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.context import AppContext
from smtp_gui.ui.document import plain_tooltip
from smtp_gui.ui.pane import PaneBase, ReportFacts
from smtp_gui.ui.report_view import render_message, render_report
from smtp_gui.ui.save_report import SaveReportButton

_SEPARATOR = " — "
# A picker is as wide as this many characters, whatever its longest title: labels such as
# "5.7.26 — Multiple authentication checks failed" would otherwise make the pane wider than
# a 1024-pixel screen. The line edit scrolls, the popup is as wide as its longest label,
# and the tooltip holds the full label.
_PICKER_CHARS = 22


class ComparePane(PaneBase, QWidget):
    """``compareLeft`` and ``compareRight`` pick the codes; ``compareView`` shows them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._comparison: Comparison | None = None
        self._report: Report | None = None  # what the view shows and the buttons copy
        self._report_lang = ""

        self._items = QStringListModel(self)
        self.left = self._picker("compareLeft")
        self.right = self._picker("compareRight")
        self.swap_button = QPushButton(objectName="compareSwap")
        # Shown while a picker holds no whole code: the last comparison stays below it.
        self.hint = QLabel(objectName="compareHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self._hint_error: InputError | None = None
        self.hint.setVisible(False)
        self.view = QTextBrowser(objectName="compareView")
        self.view.setOpenLinks(False)
        self.copy_text_button = QPushButton(objectName="copyComparison")
        self.copy_markdown_button = QPushButton(objectName="copyMarkdown")
        self.save_button = SaveReportButton(self, mnemonic="r")  # Alt+S: Second code
        self.left_label = QLabel()
        self.right_label = QLabel()
        self.left_label.setBuddy(self.left)
        self.right_label.setBuddy(self.right)

        pickers = QHBoxLayout()
        pickers.addWidget(self.left_label)
        pickers.addWidget(self.left, 1)
        pickers.addWidget(self.swap_button)
        pickers.addWidget(self.right_label)
        pickers.addWidget(self.right, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_text_button)
        buttons.addWidget(self.copy_markdown_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        left_code, right_code = context.settings.compare_codes
        self._fill_items()
        self.set_codes(left_code, right_code)

        for picker in (self.left, self.right):
            picker.currentTextChanged.connect(self._on_picker_text_changed)
            picker.textActivated.connect(self._on_picker_text_activated)
        self.swap_button.clicked.connect(self._on_swap_clicked)
        self.copy_text_button.clicked.connect(self._on_copy_text_clicked)
        self.copy_markdown_button.clicked.connect(self._on_copy_markdown_clicked)
        context.language.language_changed.connect(self._on_language_changed)
        self.retranslate()
        self._update()

    def _picker(self, name: str) -> QComboBox:
        picker = QComboBox(objectName=name)
        picker.setEditable(True)
        picker.setModel(self._items)
        picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        picker.setMaxVisibleItems(20)
        picker.lineEdit().setMaxLength(120)
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(_PICKER_CHARS)
        return picker

    def finish_setup(self) -> None:
        """What the first paint does not need: completers that match anywhere in a label
        (``Transaction`` finds ``554 — Transaction failed``). Deferred because the first use
        of PySide6's ``Qt`` namespace builds its Python enums, about 20 ms."""
        from PySide6.QtCore import Qt

        for picker in (self.left, self.right):
            completer = picker.completer()
            if isinstance(completer, QCompleter):
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    # -- public -----------------------------------------------------------------------------
    def set_codes(self, left: str | None = None, right: str | None = None) -> None:
        """Set either picker to a code (any form: ``554``, ``5.7.1``, ``554 5.7.1``)."""
        for picker, code in ((self.left, left), (self.right, right)):
            if code is not None:
                label = self._label_for(code)
                picker.setCurrentText(label)
                if label != code.strip():  # a whole label: the code first when it is cut
                    picker.lineEdit().home(False)

    def codes(self) -> tuple[str, str]:
        return _code_of(self.left.currentText()), _code_of(self.right.currentText())

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def report(self) -> Report | None:
        """The report the view shows: the last comparison, kept while a code is half-typed
        (None before the first one)."""
        return self._report

    def current_report(self) -> Report | None:
        return self._report

    def report_facts(self) -> ReportFacts:
        return ReportFacts(inputs=((self.tr("Codes"), " / ".join(self.codes())),))

    # -- translation ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.left_label.setText(self.tr("F&irst code:"))
        self.right_label.setText(self.tr("&Second code:"))
        self.left.setAccessibleName(self.tr("First code to compare"))
        self.right.setAccessibleName(self.tr("Second code to compare"))
        self.left.lineEdit().setPlaceholderText(self.tr("e.g. 334"))
        self.right.lineEdit().setPlaceholderText(self.tr("e.g. 554 5.7.1"))
        self.swap_button.setText(self.tr("⇄ Swap"))
        self.swap_button.setAccessibleName(self.tr("Swap the two codes"))
        self.view.setAccessibleName(self.tr("Comparison"))
        self.hint.setAccessibleName(self.tr("Why the codes are not compared"))
        self._render_hint()
        self.copy_text_button.setText(self.tr("Copy as text"))
        self.copy_text_button.setAccessibleName(self.tr("Copy the comparison as plain text"))
        self.copy_markdown_button.setText(self.tr("Copy as Markdown"))
        self.copy_markdown_button.setAccessibleName(self.tr("Copy the comparison as Markdown"))

    # -- slots ------------------------------------------------------------------------------
    @Slot(str)
    def _on_picker_text_changed(self, _text: str) -> None:
        self._update()

    @Slot(str)
    def _on_picker_text_activated(self, _text: str) -> None:
        """A label picked from the list shows from its start: the code, not the title's end."""
        picker = self.sender()
        if isinstance(picker, QComboBox):
            picker.lineEdit().home(False)

    @Slot()
    def _on_swap_clicked(self) -> None:
        left, right = self.left.currentText(), self.right.currentText()
        with QSignalBlocker(self.left):
            self.left.setCurrentText(right)
        self.right.setCurrentText(left)

    @Slot()
    def _on_copy_text_clicked(self) -> None:
        if self._report is not None:
            QGuiApplication.clipboard().setText(render_text(self._report))

    @Slot()
    def _on_copy_markdown_clicked(self) -> None:
        if self._report is not None:
            QGuiApplication.clipboard().setText(render_markdown(self._report))

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        left, right = self.codes()
        with QSignalBlocker(self.left), QSignalBlocker(self.right):
            self._fill_items()
            self.set_codes(left, right)
        self._update()

    # -- internals --------------------------------------------------------------------------
    def _fill_items(self) -> None:
        """Both pickers list every code from one shared model, in the current language."""
        lang = self._context.lang
        texts = [picker.currentText() for picker in (self.left, self.right)]
        self._items.setStringList(
            [f"{e.display_code()}{_SEPARATOR}{e.title.get(lang)}" for e in catalogue().entries]
        )
        for picker, text in zip((self.left, self.right), texts, strict=True):
            picker.setCurrentText(text)

    def _label_for(self, code: str) -> str:
        """``554`` -> ``554 — Transaction failed`` when it is an entry; else the code itself."""
        code = code.strip()
        for index in range(self.left.count()):
            label = self.left.itemText(index)
            if _code_of(label) == code:
                return label
        return code

    def _update(self) -> None:
        for picker in (self.left, self.right):
            # The full label the picker may cut; typed text is untrusted, so a plain tooltip.
            picker.setToolTip(plain_tooltip(picker.currentText()))
        a, b = self.codes()
        lang = self._context.lang
        try:
            comparison = compare(a, b)
        except InputError as exc:
            # A half-typed code: keep the last comparison on screen, with a hint above it.
            self._hint_error = exc
            self._render_hint()
            if self._comparison is not None and self._report_lang != lang:
                self._show(self._comparison)  # the language changed meanwhile
            elif self._comparison is None:
                render_message(
                    self.view.document(), self.tr("Cannot compare"), exc.text(lang), lang
                )
            return
        self._hint_error = None
        self._render_hint()
        self._context.settings.compare_codes = (a, b)
        self._show(comparison)

    def _render_hint(self) -> None:
        """The hint, and why the text typed is not a code yet (plain text, made visible)."""
        error = self._hint_error
        self.hint.setVisible(error is not None)
        if error is not None:
            why = shown(error.text(self._context.lang))
            self.hint.setText(self.tr("Type a whole code, e.g. 554 or 5.7.1") + "\n" + why)

    def _show(self, comparison: Comparison) -> None:
        self._comparison = comparison
        self._report_lang = self._context.lang
        self._report = compare_report(comparison, self._report_lang)
        render_report(self._report, self.view.document())
        self.save_button.refresh()
        self.view.moveCursor(QTextCursor.MoveOperation.Start)


def _code_of(label: str) -> str:
    """The code part of a picker label such as ``554 — Transaction failed``."""
    return label.split(_SEPARATOR, 1)[0].strip()
