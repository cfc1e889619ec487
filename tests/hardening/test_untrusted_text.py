"""Untrusted text is shown literally in every pane and dialog: markup is never rendered, and
a right-to-left override or a NUL can neither reorder nor hide what the window displays.

Each test feeds one pane text with ``<b>x</b>``, ``<img src=y>``, ``<a href=z>``, U+202E
and NUL (typed, pasted, decoded, served by the loopback DNS server or by an SMTP server),
then checks the widgets: input fields keep exactly what was typed; views show the markup as
characters and the override and the NUL as visible marks; and no widget anywhere in the
window holds rich text, a link, an image, or a tooltip built from the input.
"""

from __future__ import annotations

import base64
import re
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smtp_gui.ui.main_window import MainWindow
from tests.dnsserver import LoopbackDNSServer
from tests.smtpserver import ScriptedServer

MARKUP = "<b>x</b><img src=y><a href=z>z</a>"
HOSTILE = MARKUP + "\u202eevil\0end"
# How a view shows the override and the NUL: as marks, so that they do nothing.
SHOWN = MARKUP + "[U+202E]evil\u2400end"
MARKERS = ("<b>x", "<img", "<a href")  # unescaped: as Qt would render them
LEFT = Qt.MouseButton.LeftButton


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _documents(window: MainWindow) -> list[tuple[str, QTextDocument]]:
    docs = [(w.objectName(), w.document()) for w in window.findChildren(QTextEdit)]
    docs += [(w.objectName(), w.document()) for w in window.findChildren(QPlainTextEdit)]
    return docs


def _items(view: QAbstractItemView) -> list[QModelIndex]:
    model = view.model()
    if model is None:
        return []
    found: list[QModelIndex] = []
    pending = [QModelIndex()]
    while pending and len(found) < 5000:
        parent = pending.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model: columnCount is private in PySide6
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                found.append(index)
                if column == 0 and columns > 1 and model.rowCount(index):
                    pending.append(index)
    return found


def assert_no_rich_text(window: MainWindow) -> None:
    """Nowhere in the window: a rich-text label, an HTML element, an image or a link made of
    the input in a document (the only links are http(s) ones: RFC references, delisting
    pages), or a tooltip, status tip or What's This made of the input."""
    for label in window.findChildren(QLabel):
        if any(m in label.text() for m in MARKERS):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    for name, document in _documents(window):
        html = document.toHtml()
        for element in ("<img", "<b>"):
            assert element not in html, f"{name} holds {element} as HTML"
        for href in re.findall(r"<a ([^>]*)>", html):
            assert href.startswith(('href="https://', 'href="http://')), (name, href)
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fmt = iterator.fragment().charFormat()
                assert not fmt.isImageFormat(), name
                if fmt.isAnchor():
                    assert fmt.anchorHref().startswith(("https://", "http://")), name
                    assert not any(m in fmt.anchorHref() for m in ("<", "z>", "\u202e")), name
                iterator += 1
            block = block.next()
    for widget in window.findChildren(QWidget):
        for tip in (widget.toolTip(), widget.statusTip(), widget.whatsThis()):
            assert not any(m in tip for m in MARKERS), widget.objectName()
    for view in window.findChildren(QAbstractItemView):
        for index in _items(view):
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert not (isinstance(tip, str) and any(m in tip for m in MARKERS))


def assert_shown_literally(text: str, where: str) -> None:
    """``text`` (a view's plain text) shows the hostile input as marks, never raw."""
    assert MARKUP in text, where
    assert "\u202e" not in text and "\0" not in text, f"{where} shows them raw: {text!r}"


def _item_texts(tree: QTreeWidget) -> str:
    texts: list[str] = []

    def walk(item: QTreeWidgetItem) -> None:
        texts.extend(item.text(c) for c in range(tree.columnCount()))
        for index in range(item.childCount()):
            walk(item.child(index))

    for index in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(index))
    return "\n".join(texts)


# -- offline panes ---------------------------------------------------------------------------
def test_code_search(window: MainWindow) -> None:
    window.show_code(HOSTILE)
    pane = window.code_pane
    assert pane.search.text() == HOSTILE
    assert_shown_literally(pane.page.toPlainText(), "codePage")
    assert_no_rich_text(window)


def test_compare_pickers(window: MainWindow) -> None:
    pane = window.compare_pane
    window.show_comparison("554", "5.7.1")
    typed = HOSTILE.replace(" ", "")  # one token, so that the error quotes all of it
    pane.left.setEditText(typed)
    assert pane.left.currentText() == typed
    text = pane.hint.text()  # the hint above the last comparison, which stays
    assert "Type a whole code" in text and "554" in pane.view.toPlainText()
    assert "<b>x</b><imgsrc=y><ahref=z>z</a>[U+202E]evil\u2400end" in text
    assert "\u202e" not in text and "\0" not in text
    assert_no_rich_text(window)


def test_decoder_input_and_output(window: MainWindow) -> None:
    pane = window.decoder_pane
    pane.input.setPlainText("334 " + b64(HOSTILE))
    pane.decode_now()
    assert pane.input.toPlainText() == "334 " + b64(HOSTILE)
    assert_shown_literally(pane.output.toPlainText(), "decoderOutput")
    pane.input.setPlainText("AUTH PLAIN " + b64("\0" + HOSTILE.replace("\0", "") + "\0pw"))
    pane.decode_now()
    assert "<img src=y>" in pane.output.toPlainText()
    pane.input.setPlainText(HOSTILE)  # not Base64: the error names a character
    pane.decode_now()
    assert pane.input.toPlainText() == HOSTILE
    assert "\0" not in pane.output.toPlainText() and "\u202e" not in pane.output.toPlainText()
    assert_no_rich_text(window)


def test_answer_builder_fields(window: MainWindow) -> None:
    encoder = window.decoder_pane.encoder
    encoder.set_mode("from_base64")
    encoder.text.setText(b64(HOSTILE))
    assert encoder.text.text() == b64(HOSTILE)
    assert_shown_literally(encoder.outputs[0].text(), "encoderOutput1")
    encoder.set_mode("plain")
    encoder.user.setText(HOSTILE)
    assert encoder.user.text() == HOSTILE
    assert (
        "\0" in encoder.status.text()
        or "NUL" in encoder.status.text()
        or (encoder.status.text() and "\u202e" not in encoder.status.text())
    )  # PLAIN cannot carry a NUL in the user name (RFC 4616 2): refused, said plainly
    encoder.user.setText(MARKUP + "\u202e")
    assert encoder.outputs[0].text()  # Base64: markup cannot survive in it
    assert_no_rich_text(window)


def test_diagnosis_view(window: MainWindow) -> None:
    pane = window.diagnose_pane
    pane.set_text("550 5.7.1 " + HOSTILE + "\n")
    assert pane.input.toPlainText() == "550 5.7.1 " + HOSTILE + "\n"
    assert_shown_literally(pane.view.toPlainText(), "diagnosisView")
    assert "\u202e" not in pane.status.text() and "\0" not in pane.status.text()
    for button in pane.findChildren(QAbstractButton):
        assert "\u202e" not in button.text() and "\0" not in button.text()
    assert_no_rich_text(window)


def test_open_file_dialog_path_and_content(window: MainWindow, tmp_path: Path) -> None:
    """What the file dialog hands over: a name with markup and a file with markup."""
    pane = window.diagnose_pane
    path = tmp_path / "<b>x<img src=y><a href=z>.eml"  # no "/" in a file name
    path.write_bytes(("550 5.7.1 " + HOSTILE + "\n").encode())
    assert pane.open_file(str(path))
    assert_shown_literally(pane.view.toPlainText(), "diagnosisView")
    assert not pane.open_file(str(tmp_path / "<a href=z>missing\u202e.eml"))
    assert "<a href=z>missing[U+202E].eml" in pane.status.text()
    assert_no_rich_text(window)


# -- checks: the target, and records served by the loopback DNS server ----------------------
def _run_checks(window: MainWindow, qtbot: QtBot, kind: str, target: str) -> None:
    window.show_checks(target, kind)
    pane = window.checks_pane
    pane.timeout.setValue(1.0)
    with qtbot.waitSignal(pane.check_finished, timeout=10_000):
        qtbot.mouseClick(pane.run_button, LEFT)


def test_checks_target(window: MainWindow, qtbot: QtBot) -> None:
    pane = window.checks_pane
    window.show_checks(HOSTILE, "blocklist")
    assert pane.target.text() == HOSTILE
    assert not pane.start_check()
    assert "<b>x</b><img src=y>" in pane.warning.text()
    assert "\0" not in pane.warning.text() and "\u202e" not in pane.warning.text()
    window.show_checks(HOSTILE, "domain")
    assert not pane.start_check()
    assert "<b>x</b>" in pane.warning.text()
    assert_no_rich_text(window)


@pytest.mark.network
def test_blocklist_rows_and_details(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    zone = "markup.bl.test"
    dns_server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
    dns_server.add(f"1.2.0.192.{zone}", "A", "127.0.0.2")
    dns_server.add_txt(f"1.2.0.192.{zone}", [HOSTILE])
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    pane.options.setText(zone)
    _run_checks(window, qtbot, "blocklist", "192.0.2.1")
    row = pane.model.rows()[0]
    assert row.status == "listed"
    pane.table.selectRow(0)
    details = window.findChild(QTextBrowser, "checkDetails")
    assert details is not None
    assert MARKUP in details.toPlainText()
    assert "\u202e" not in details.toPlainText() and "\0" not in details.toPlainText()
    assert_no_rich_text(window)


@pytest.mark.network
def test_domain_rows_details_and_trace(
    window: MainWindow, qtbot: QtBot, dns_server: LoopbackDNSServer
) -> None:
    domain = "hostile-markup.test"
    dns_server.add_txt(domain, ["v=spf1 include:" + HOSTILE + " -all"])
    dns_server.add_txt(f"_dmarc.{domain}", ["v=DMARC1; p=none; rua=mailto:" + HOSTILE])
    dns_server.add(domain, "MX", "10 mx.hostile-markup.test.")
    dns_server.add("mx.hostile-markup.test", "A", "198.51.100.25")
    pane = window.checks_pane
    pane.nameservers.setText(dns_server.nameserver)
    _run_checks(window, qtbot, "domain", domain)
    rows = pane.model.rows()
    for index, row in enumerate(rows):
        for column in range(pane.model.columnCount()):
            text = str(pane.model.index(index, column).data() or "")
            assert "\u202e" not in text and "\0" not in text, (row.name, column)
    for name in ("dmarc", "spf"):  # spf last: its trace stays on screen for the scan below
        index = next(i for i, row in enumerate(rows) if row.name == name)
        assert "<b>x</b>" in rows[index].answer
        pane.table.selectRow(index)
        details = window.findChild(QTextBrowser, "checkDetails")
        assert details is not None and "<b>x</b>" in details.toPlainText()
        assert "\u202e" not in details.toPlainText() and "\0" not in details.toPlainText()
    trees = [tree for tree in window.findChildren(QTreeWidget) if tree.topLevelItemCount()]
    assert trees, "the SPF trace is shown"
    for tree in trees:
        texts = _item_texts(tree)
        assert "<b>x</b>" in texts
        assert "\u202e" not in texts and "\0" not in texts
    assert_no_rich_text(window)


# -- the probe: what an SMTP server says ---------------------------------------------------
def _hostile_server(server: ScriptedServer, conn: socket.socket) -> None:
    said = HOSTILE.encode()
    conn.sendall(b"220 mail.test " + said + b" ESMTP\r\n")
    while True:
        line = server.read_line(conn).upper()
        if not line:
            return
        if line.startswith(b"EHLO"):
            conn.sendall(b"250-mail.test " + said + b"\r\n250 SIZE 1000\r\n")
        elif line.startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"550 5.7.1 " + said + b"\r\n")


@pytest.mark.network
def test_probe_transcript_details_and_summary(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot: QtBot, smtp_servers
) -> None:
    server = smtp_servers.scripted(_hostile_server)
    window.show_probe("127.0.0.1")
    pane = window.probe_pane
    pane.port.setValue(server.port)
    pane.timeout.setValue(3.0)
    pane.mail_from.setText("a@example.test")
    with qtbot.waitSignal(pane.jobs.batch_finished, timeout=15_000):
        qtbot.mouseClick(pane.run_button, LEFT)
    rows = "\n".join(
        str(pane.model.data(pane.model.index(row))) for row in range(pane.model.rowCount())
    )
    assert "<b>x</b><img src=y><a href=z>z</a>" in rows
    assert "\u202e" not in rows and "\0" not in rows
    for row in range(pane.model.rowCount()):
        pane.transcript.setCurrentIndex(pane.model.index(row))
        assert "\u202e" not in pane.details.toPlainText()
    assert "\u202e" not in pane.summary.text() and "\u202e" not in pane.status.text()
    assert_no_rich_text(window)


def test_about_dialog_is_plain(window: MainWindow, qtbot: QtBot) -> None:
    """The only other dialog: the version, the project's address (the one rich-text label,
    our own constant, escaped) and the licence texts read from files, as plain text."""
    from smtp_gui import PROJECT_URL
    from smtp_gui.ui.about import AboutDialog

    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert isinstance(dialog, AboutDialog)
    for label in dialog.findChildren(QLabel):
        if label is dialog.link:
            assert label.text() == f'<a href="{PROJECT_URL}">{PROJECT_URL}</a>'
        elif label.text():
            assert label.textFormat() != Qt.TextFormat.RichText, label.objectName()
    assert "smtp-gui" in dialog.heading.text() and "<" not in dialog.heading.text()
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    assert isinstance(dialog.text, QPlainTextEdit)
    dialog.close()
