"""The verdict banner on top of a pane's result: the report's one-sentence verdict with a
severity icon and colour, above the details (DESIGN.md GUI contract: its accessible name and
description are the verdict sentence). The sentence is taken from the same ``Report`` the pane
renders (its first ``Verdict`` block), so it is never written twice; with no verdict (nothing
pasted yet) the banner is hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy

from smtp_gui.core.report.labels import SEVERITY_MARKS
from smtp_gui.core.report.model import Report, Severity, Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import SEVERITY_TONES, set_tone


def first_verdict(report: Report | None) -> Verdict | None:
    """The report's verdict: its first ``Verdict`` block (None: no report, or none in it)."""
    if report is None:
        return None
    return next((block for block in report.blocks if isinstance(block, Verdict)), None)


def without_verdict(report: Report) -> Report:
    """``report`` without the verdict the banner shows, for the details view below it."""
    found = first_verdict(report)
    blocks = tuple(block for block in report.blocks if block is not found)
    return Report(report.title, blocks, report.lang)


class VerdictBanner(QFrame):
    """One sentence, an icon and a colour; hidden while there is no verdict."""

    def __init__(self, object_name: str) -> None:
        super().__init__(objectName=object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel(objectName=f"{object_name}Icon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(objectName=f"{object_name}Text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the sentence quotes the paste
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bold = self.label.font()
        bold.setBold(True)
        self.label.setFont(bold)
        self.icon.setFont(bold)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.severity: Severity | None = None
        self.hide()

    def text(self) -> str:
        """The sentence shown ("" while hidden)."""
        return self.label.text()

    def show_report(self, report: Report | None) -> None:
        """Show ``report``'s verdict, or hide the banner when it has none."""
        self.show_block(first_verdict(report), report.lang if report is not None else "en")

    def show_block(self, found: Verdict | None, lang: str) -> None:
        """Show the verdict block ``found`` of a report in ``lang``; None hides the banner."""
        if found is None:
            self.show_verdict("", Severity.INFO)
        else:
            self.show_verdict(plain(found.text, lang), found.severity)

    def show_verdict(self, sentence: str, severity: Severity) -> None:
        """Show ``sentence`` (made visible: it may quote a paste or a server) as ``severity``;
        an empty sentence hides the banner."""
        sentence = shown(sentence)
        self.label.setText(sentence)
        self.setAccessibleName(sentence)
        self.setAccessibleDescription(sentence)
        if not sentence:
            self.severity = None
            self.icon.clear()
            self.hide()
            return
        self.severity = severity
        self.icon.setText(SEVERITY_MARKS[severity])
        # The colour comes from the palette (light or dark) and follows it when it changes.
        set_tone(self.icon, SEVERITY_TONES[severity])
        set_tone(self.label, SEVERITY_TONES[severity])
        self.show()
