"""The Diagnose pane's next steps as buttons (``adviceButtons``): one per step that another
pane, or the browser for the project's own delisting pages, can act on.

What each ``AdviceKind`` does is said once, in ``AdviceButtons.action``; the steps that are
things to do (retry, contact someone) have no button and are read in the diagnosis view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCommandLinkButton, QPushButton, QVBoxLayout, QWidget

from smtp_gui.core.checks.question import CheckContext, bounce_question, sender_of
from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.text.safe_text import shown
from smtp_gui.ui.colours import arrow_icon
from smtp_gui.ui.retranslating import Retranslating

if TYPE_CHECKING:  # the diagnosis is loaded with its first use (start-up)
    from smtp_gui.core.diagnose.advice import Advice
    from smtp_gui.core.diagnose.diagnosis import Diagnosis

# The checks pane's kind for each check the advice asks for.
CHECKS_KIND = {AdviceKind.BLOCKLIST: "blocklist", AdviceKind.DOMAIN: "domain"}


def bounce_context(diagnosis: Diagnosis | None) -> CheckContext | None:
    """What the diagnosed bounce tells a domain check: the sender's domain, the sending IP
    and the sender it names, what it is about and its code (None: no failure found)."""
    if diagnosis is None or diagnosis.primary is None:
        return None
    primary = diagnosis.primary
    listed = bool(diagnosis.blocklists)
    question = bounce_question(primary.enhanced or "", primary.text, diagnosis.tags, listed)
    domain = diagnosis.sender_domain
    sender = sender_of(domain, diagnosis.emails, diagnosis.recipient) if domain else ""
    code = diagnosis.explain_code or primary.code
    return CheckContext(domain, diagnosis.sender_ip, sender, question, code)


def _open_delisting_page(url: str) -> None:
    """Our own data (provider rules, DNSBL zones), opened only on the user's click."""
    if url.startswith(("https://", "http://")):
        QDesktopServices.openUrl(QUrl(url))


class AdviceButtons(Retranslating, QWidget):
    """The buttons; a click asks for the navigation through a signal (the pane passes them
    on to the main window)."""

    code_requested = Signal(str)  # explain this code in the catalogue
    comparison_requested = Signal(str, str)  # compare these two codes
    decode_requested = Signal(str)  # decode this AUTH exchange
    # run the checks pane's kind ("blocklist", "domain") on a target, with the bounce's
    # CheckContext (or None) for the domain kind
    checks_requested = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adviceButtons")
        self._advice: tuple[Advice, ...] = ()
        self._context: CheckContext | None = None
        self._lang = "en"
        self._buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self.retranslate()

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def show_advice(
        self, advice: Sequence[Advice], lang: str, context: CheckContext | None = None
    ) -> None:
        """One button per step in ``advice`` that can be acted on, in order; ``context``
        (bounce_context) travels with "Check the domain"."""
        self._advice = tuple(advice)
        self._context = context
        self._lang = lang
        self._fill()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Next steps"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            icon = arrow_icon(self.palette())  # light to dark: the arrows too
            for button in self._buttons:
                button.setIcon(icon)

    def action(self, item: Advice) -> tuple[str, Callable[[], None]] | None:
        """The button's title and what a click does; None for a step with no button."""
        target = item.target
        match item.kind:
            case AdviceKind.EXPLAIN:
                title = self.tr("Explain %1").replace("%1", target)
                return title, partial(self.code_requested.emit, target)
            case AdviceKind.COMPARE:
                title = (
                    self.tr("Compare %1 with %2").replace("%1", target).replace("%2", item.second)
                )
                return title, partial(self.comparison_requested.emit, target, item.second)
            case AdviceKind.DECODE:
                return self.tr("Decode the AUTH exchange"), partial(
                    self.decode_requested.emit, target
                )
            case AdviceKind.BLOCKLIST:
                kind = CHECKS_KIND[item.kind]
                return self.tr("Check blocklists"), partial(
                    self.checks_requested.emit, target, kind, None
                )
            case AdviceKind.DOMAIN:
                context = self._domain_context(item)
                kind = CHECKS_KIND[item.kind]
                return self.tr("Check the domain"), partial(
                    self.checks_requested.emit, target, kind, context
                )
            case AdviceKind.DELIST:
                return self.tr("Open the delisting page"), partial(_open_delisting_page, target)
            case AdviceKind.RETRY | AdviceKind.CONTACT:
                return None  # a thing to do, read in the diagnosis view
            case unknown:
                assert_never(unknown)

    def _domain_context(self, item: Advice) -> CheckContext | None:
        """The bounce's context for a domain step about the sender's domain (a PTR step names
        its IP as ``second``); None for another party's domain (the recipient's routing)."""
        base = self._context
        if base is None or item.target and item.target != base.domain:
            return None
        return replace(base, domain=item.target or base.domain, ip=item.second or base.ip)

    def _fill(self) -> None:
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        icon = arrow_icon(self.palette())  # Qt's own arrow is black on any palette
        for item in self._advice:
            action = self.action(item)
            if action is None:
                continue
            title, act = action
            note = shown(item.note.get(self._lang))
            button = QCommandLinkButton(shown(title), note)
            button.setObjectName("advice" + item.kind.value.capitalize())
            button.setIcon(icon)
            button.setProperty("adviceKind", item.kind.value)
            button.setProperty("adviceTarget", item.target)
            button.setAccessibleName(note)
            button.clicked.connect(lambda _checked=False, act=act: act())
            self._layout.insertWidget(len(self._buttons), button)
            self._buttons.append(button)
