"""Authentication as badges: one line per Authentication-Results field (its authserv-id,
trusted or not), each method's result as a coloured badge; and, after Verify, a line of what
was re-checked here. Badges are plain-text labels; colours come from the palette's tones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.auth import AuthFacts
from smtp_gui.core.headers.verification import Verification
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import Tone, set_tone

_GOOD = ("pass",)
_BAD = ("fail", "softfail", "permerror", "temperror", "hardfail")


def _tone(result: str) -> Tone:
    if result in _GOOD:
        return Tone.GOOD
    if result in _BAD:
        return Tone.BAD
    return Tone.MUTED


def _badges(item: AuthFacts) -> list[tuple[str, str]]:
    """(label, result) of each method of one field."""
    found: list[tuple[str, str]] = []
    if item.spf is not None:
        found.append(("SPF", item.spf.result))
    if item.spf_helo is not None:
        found.append(("SPF HELO", item.spf_helo.result))
    for dkim in item.dkim:
        found.append((f"DKIM {dkim.domain or '?'}", dkim.result))
    if item.dmarc is not None:
        found.append(("DMARC", item.dmarc.result))
    if item.arc is not None:
        found.append(("ARC", item.arc.result))
    found.extend((other.method.upper(), other.result) for other in item.others)
    return found


class AuthBadges(QWidget):
    """``headersAuth``: the receiver's results, and this computer's after Verify."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="headersAuth")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setColumnStretch(1, 1)
        self._analysis: HeaderAnalysis | None = None
        self._verification: Verification | None = None
        self._badges: list[QLabel] = []

    def show_results(
        self, analysis: HeaderAnalysis | None, verification: Verification | None
    ) -> None:
        self._analysis = analysis
        self._verification = verification
        self.refresh()

    def badge_texts(self) -> list[str]:
        """What the badges say, row by row (for tests and the accessible description)."""
        return [label.text() for label in self._badges]

    def refresh(self) -> None:
        self._badges = []
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()  # at once: deleteLater only removes it at the next loop
                item.widget().deleteLater()
            elif item is not None and item.layout() is not None:
                layout = item.layout()
                while layout.count():
                    child = layout.takeAt(0)
                    if child is not None and child.widget() is not None:
                        child.widget().hide()
                        child.widget().deleteLater()
        row = 0
        for item in self._analysis.auth if self._analysis is not None else ():
            source = item.header.authserv_id or "—"
            if item.header.arc_instance is not None:
                source = f"ARC i={item.header.arc_instance} {source}"
            trust = (
                QCoreApplication.translate("AuthBadges", "trusted")
                if item.trusted
                else QCoreApplication.translate(
                    "AuthBadges", "not trusted (added before the receiver)"
                )
            )
            self._add_row(row, f"{source} · {trust}", _badges(item), item.trusted)
            row += 1
        found = self._verification
        if found is not None:
            badges = [(f"DKIM {c.domain or '?'}", c.result) for c in found.dkim]
            if found.arc.instances:
                badges.append(("ARC", found.arc.result))
            if found.spf.result is not None:
                badges.append(("SPF", found.spf.result))
            badges.append(("DMARC", found.alignment.result))
            here = QCoreApplication.translate("AuthBadges", "re-checked here")
            self._add_row(row, here, badges, True)
            row += 1
        if row == 0:
            empty = QLabel(QCoreApplication.translate("AuthBadges", "No authentication results."))
            empty.setTextFormat(Qt.TextFormat.PlainText)
            self._grid.addWidget(empty, 0, 0, 1, 2)
            row = 1
        self._grid.setRowStretch(row, 1)

    def _add_row(self, row: int, source: str, badges: list[tuple[str, str]], trusted: bool) -> None:
        label = QLabel(shown(source))
        label.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(label, None if trusted else Tone.WARN)
        self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        line = QHBoxLayout()
        line.setSpacing(6)
        for name, result in badges:
            badge = QLabel(shown(f"{name} {result}"))
            badge.setTextFormat(Qt.TextFormat.PlainText)
            self._badges.append(badge)
            badge.setFrameShape(QLabel.Shape.Box)
            set_tone(badge, _tone(result))
            line.addWidget(badge)
        line.addStretch(1)
        self._grid.addLayout(line, row, 1, Qt.AlignmentFlag.AlignTop)
