"""Links in the window's reports: an http(s) link or RFC reference opens the user's browser
on a click and only then, its full URL in a tooltip on hover; a hostile target from outside
text (javascript:, data:, file:) is shown and never opened. QDesktopServices' URL handlers
catch what would be opened, so no browser starts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QTextBrowser, QToolTip

from smtp_gui.core.report import Link, Outside, Paragraph, Report, Rows
from smtp_gui.core.text.bilingual import Text
from smtp_gui.ui.document import plain_tooltip
from smtp_gui.ui.main_window import MainWindow
from smtp_gui.ui.report_view import open_link, render_report

DELIST = "https://check.spamhaus.org/listed/?searchterm=192.0.2.1"
REASON = "https://www.spamhaus.org/query/ip/192.0.2.1"
RFC = "https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3"
SCHEMES = ("http", "https", "javascript", "data", "file")


class Catcher(QObject):
    """Stands where the browser would: every URL QDesktopServices.openUrl was given."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened(qapp: object) -> Iterator[list[str]]:
    catcher = Catcher()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "catch")
    try:
        yield catcher.urls
    finally:
        for scheme in SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)


def _report(lang: str) -> Report:
    return Report(
        "Blocklist",
        (
            Rows.of(
                (Text("Reason", "原因"), Outside(f"Listed; see {REASON}")),
                (Text("Delisting", "除名"), Link(DELIST, DELIST)),
                (Text("Bad", "坏"), Outside("javascript:alert(1)")),
            ),
            Link(Outside("click me"), "javascript:alert(2)"),
            Link(Outside("data me"), "data:text/html,<b>x</b>"),
            Paragraph(Text("Defined in RFC 5321 4.2.3.", "定义见 RFC 5321 4.2.3。")),
        ),
        lang,
    )


@pytest.fixture
def browser(qtbot) -> QTextBrowser:  # type: ignore[no-untyped-def]
    view = QTextBrowser()
    view.resize(900, 500)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _point(view: QTextBrowser, text: str) -> QPoint:
    """The viewport position of the middle of the first ``text`` in the view."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    return view.cursorRect(cursor).center()


def _click(qtbot, view: QTextBrowser, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, text))


def _tooltip(view: QTextBrowser, text: str) -> str:
    point = _point(view, text)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_click_opens_the_link_and_nothing_before(
    qtbot, browser: QTextBrowser, opened: list[str], lang: str
) -> None:  # type: ignore[no-untyped-def]
    browser.setOpenExternalLinks(True)  # what rendering a report turns off
    render_report(_report(lang), browser.document())
    assert not browser.openLinks() and not browser.openExternalLinks()
    qtbot.wait(50)
    assert opened == []  # shown, hovered or not: nothing is opened or fetched
    _click(qtbot, browser, "check.spamhaus.org")
    _click(qtbot, browser, "query/ip")
    _click(qtbot, browser, "RFC 5321 4.2.3")
    assert opened == [DELIST, REASON, RFC]
    assert browser.document().toPlainText().count(DELIST) == 1  # no navigation happened


@pytest.mark.qt_log_ignore("Mouse event .* not accepted")  # a click on text: nothing takes it
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_targets_are_text_and_never_opened(
    qtbot, browser: QTextBrowser, opened: list[str], lang: str
) -> None:  # type: ignore[no-untyped-def]
    render_report(_report(lang), browser.document())
    for text in ("javascript:alert(1)", "click me", "javascript:alert(2)", "data me", "data:text"):
        assert browser.anchorAt(_point(browser, text)) == ""
        _click(qtbot, browser, text)
    assert opened == []
    # Even an anchor that somehow pointed elsewhere would not be opened.
    for url in ("javascript:alert(3)", "data:text/html,x", "file:///etc/passwd", "https://"):
        assert open_link(QUrl(url)) is False
        browser.anchorClicked.emit(QUrl(url))
    assert opened == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hovering_a_link_shows_its_full_url(browser: QTextBrowser, lang: str) -> None:
    render_report(_report(lang), browser.document())
    assert _tooltip(browser, "check.spamhaus.org") == plain_tooltip(DELIST)
    assert _tooltip(browser, "query/ip") == plain_tooltip(REASON)
    assert _tooltip(browser, "RFC 5321 4.2.3") == plain_tooltip(RFC)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_code_page_links_its_rfc_references(
    window: MainWindow, qtbot, opened: list[str], lang: str
) -> None:  # type: ignore[no-untyped-def]
    switch = window.findChild(QComboBox, "languageSwitch")
    switch.setCurrentIndex(switch.findData(lang))
    window.show_code("550")
    page = window.code_pane.page
    assert not page.openLinks() and not page.openExternalLinks()
    qtbot.waitUntil(lambda: not page.document().find("RFC 5321").isNull())
    _click(qtbot, page, "RFC 5321")
    assert opened and opened[0].startswith("https://www.rfc-editor.org/rfc/rfc5321")
