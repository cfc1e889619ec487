"""The Diagnose pane shows and copies the diagnosis's report, and every kind of advice the
core gives has its place in the window: a button that acts, or text in the view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QComboBox, QTextBrowser

from smtp_gui.core.diagnose.advice import Advice
from smtp_gui.core.diagnose.advice_kind import AdviceKind
from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.report import report
from smtp_gui.core.report import Bullets, Heading, Inline, Paragraph, Rows, Verdict
from smtp_gui.core.report.runs import plain
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.bilingual import Text
from smtp_gui.ui.diagnose.advice_buttons import AdviceButtons
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.report_view import render_report
from smtp_gui.ui.verdict_banner import first_verdict, without_verdict

LEFT = Qt.MouseButton.LeftButton
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "bounces"
BOUNCES = (
    "13-postfix-spamhaus-zen.eml",
    "19-ms-5.7.515-auth-level.txt",
    "10-transcript-auth-login-5.7.139.txt",
)
# Steps that are things to do; the view says them, no button acts on them.
TEXT_ONLY = frozenset({AdviceKind.RETRY, AdviceKind.CONTACT})


def _inlines(rep) -> list[Inline]:  # type: ignore[no-untyped-def]
    """The title and every piece of text of ``rep``'s blocks."""
    found: list[Inline] = [rep.title]
    for block in rep.blocks:
        if isinstance(block, Verdict | Heading | Paragraph):
            found.append(block.text)
        elif isinstance(block, Rows):
            found.extend(part for row in block.rows for part in (row.label, row.value))
        elif isinstance(block, Bullets):
            found.extend(block.items)
    return found


@pytest.mark.parametrize("name", BOUNCES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_copy_and_view_come_from_the_report(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    name: str,
    lang: str,
) -> None:
    pane = window.diagnose_pane
    window.tabs.setCurrentWidget(pane.parentWidget())
    switch = window.findChild(QComboBox, "languageSwitch")
    assert switch is not None
    switch.setCurrentIndex(switch.findData(lang))
    QGuiApplication.processEvents()
    with qtbot.waitSignal(pane.diagnosis_shown, timeout=10_000):
        assert pane.open_file(str(CORPUS / name))
    diagnosis = pane.diagnosis
    assert diagnosis is not None and diagnosis.primary is not None
    expected = report(diagnose((CORPUS / name).read_bytes()), lang)

    qtbot.mouseClick(pane.copy_button, LEFT)
    assert QGuiApplication.clipboard().text() == render_text(expected)

    view = window.findChild(QTextBrowser, "diagnosisView")
    assert view is not None
    shown = view.toPlainText()
    alone = QTextDocument()
    render_report(without_verdict(expected), alone)
    assert shown == alone.toPlainText()
    assert shown.startswith(diagnosis.primary.code)
    # The verdict is said once, in the banner above the view, from the same report.
    verdict = first_verdict(expected)
    assert verdict is not None
    sentence = plain(verdict.text, lang)
    assert pane.verdict.text() == pane.verdict.accessibleName() == sentence
    assert sentence not in shown
    for inline in _inlines(without_verdict(expected)):
        assert plain(inline, lang).replace("\n", "\u2028") in shown


def test_every_advice_kind_has_its_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each kind either gets a button whose click asks for exactly one thing with the
    step's target, or is a step to read (retry, contact): no kind is left out."""
    box = AdviceButtons()
    qtbot.addWidget(box)
    asked: list[tuple[str, tuple[str, ...]]] = []
    box.code_requested.connect(lambda code: asked.append(("code", (code,))))
    box.comparison_requested.connect(lambda a, b: asked.append(("compare", (a, b))))
    box.decode_requested.connect(lambda text: asked.append(("decode", (text,))))
    box.checks_requested.connect(
        lambda target, kind, _bounce: asked.append(("checks", (target, kind)))
    )

    class Browser(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            asked.append(("browser", (url.toString(),)))

    browser = Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        with_buttons = set()
        for kind in AdviceKind:
            target = "https://example.org/delist" if kind is AdviceKind.DELIST else "x.example"
            item = Advice(kind, target, Text(f"note {kind}", f"说明 {kind}"), second="4.7.1")
            box.show_advice([item], "en")
            if kind in TEXT_ONLY:
                assert box.buttons == [], kind
                continue
            [button] = box.buttons
            assert button.objectName() == "advice" + kind.value.capitalize()
            assert button.property("adviceKind") == kind.value
            assert button.accessibleName() == f"note {kind}"
            asked.clear()
            qtbot.mouseClick(button, LEFT)
            [(what, values)] = asked
            assert values[0] == target, kind
            with_buttons.add(kind)
        assert with_buttons | TEXT_ONLY == set(AdviceKind)
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_corpus_advice_is_buttons_or_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What the core advises for every bounce in the corpus: a button per step the window
    can act on, in order, and every note in the report's text."""
    box = AdviceButtons()
    qtbot.addWidget(box)
    for case in sorted(p for p in CORPUS.iterdir() if p.suffix != ".json"):
        diagnosis = diagnose(case.read_bytes())
        box.show_advice(diagnosis.advice, "en")
        acting = [item for item in diagnosis.advice if item.kind not in TEXT_ONLY]
        assert [b.property("adviceKind") for b in box.buttons] == [
            item.kind.value for item in acting
        ], case.name
        text = render_text(report(diagnosis, "en"))
        assert all(item.note.en in text for item in diagnosis.advice), case.name
