"""Reports in the window: the Qt renderer of the report model (``smtp_gui.core.report``).

Built on ``DocumentBuilder``: every run goes in through ``QTextCursor.insertText``, which
never reads markup, after ``shown()`` (in ``core.report.runs``), so nothing from outside is
ever a tag, a control character or a bidi override. Outside text is set in the system's
monospace font; a ``Link`` to an http(s) URL becomes an anchor (its full URL as tooltip),
any other target is shown as text. RFC references and http(s) URLs found in the text are
links too (``core/report/links.py``). A ``QTextBrowser`` that shows a report never follows a
link itself (``setOpenLinks(False)``, ``setOpenExternalLinks(False)``): a click on an http(s)
anchor opens the user's browser through ``QDesktopServices.openUrl``, only then, and nothing
is fetched before; any other scheme is ignored.

Colours come from the palette of the widget that shows the document (severities through
``ui/colours.py``), and follow it: when that widget's palette changes (light to dark),
``recolour`` sets the new colours on the runs, shades and tables without rendering again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from smtp_gui.core.report.labels import SEVERITY_MARKS, colon
from smtp_gui.core.report.model import (
    Block,
    Bullets,
    Code,
    Heading,
    Inline,
    Link,
    Paragraph,
    Report,
    Rows,
    Span,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import plain, runs
from smtp_gui.ui.colours import SEVERITY_TONES, Tone, follow_palette, status_colour
from smtp_gui.ui.document import COLOUR_PROPERTY, DocumentBuilder, plain_tooltip

_HANG = 18.0  # px a bullet's wrapped lines are indented by
_LINK = "link"  # COLOUR_PROPERTY of a link's runs
_SHADE_PROPERTY = COLOUR_PROPERTY + 1  # on a code block's lines: AlternateBase behind them
_FOLLOWING = "followsReportPalette"  # a view's property: recolour() runs on palette changes
_LINKING = "opensReportLinks"  # a view's property: open_link() handles its anchor clicks
WEB_SCHEMES = ("http", "https")


class ReportBuilder(DocumentBuilder):
    """A DocumentBuilder that writes a ``Report``'s blocks with their runs' formats."""

    def __init__(
        self, document: QTextDocument | None = None, palette: QPalette | None = None
    ) -> None:
        super().__init__(document, palette)
        self._fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families()
        self._link = self.palette.color(QPalette.ColorRole.Link)
        self._shade = self.palette.color(QPalette.ColorRole.AlternateBase)

    def _new_block(self, fmt: QTextBlockFormat) -> None:
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self._first = False
        else:
            self.cursor.insertBlock(fmt)

    @staticmethod
    def _margins(top: float, bottom: float) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        return fmt

    def inline(
        self, inline: Inline, lang: str, base: QTextCharFormat, cursor: QTextCursor | None = None
    ) -> None:
        """Insert ``inline`` at ``cursor`` (the builder's own by default), run by run."""
        if cursor is None:
            cursor = self.cursor
        for run in runs(inline, lang):
            fmt = QTextCharFormat(base)
            if run.outside:
                fmt.setFontFamilies(self._fixed)
            if run.url is not None:
                fmt.setAnchor(True)
                fmt.setAnchorHref(run.url)
                fmt.setToolTip(plain_tooltip(run.url))
                fmt.setFontUnderline(True)
                fmt.setForeground(self._link)
                fmt.setProperty(COLOUR_PROPERTY, _LINK)
            if run.severity is not None:
                tone = SEVERITY_TONES[run.severity]
                fmt.setForeground(status_colour(tone, self.palette))
                fmt.setProperty(COLOUR_PROPERTY, tone.value)
            # A line break stays inside the paragraph (U+2028), a carriage return is seen.
            text = run.text.replace("\r", "\u240d").replace("\n", "\u2028")
            cursor.insertText(text, fmt)

    def block(self, block: Block, lang: str) -> None:
        if isinstance(block, Verdict):
            self._new_block(self._margins(2, 8))
            char = self._char(bold=True, scale=1.1, tone=SEVERITY_TONES[block.severity])
            self.cursor.insertText(SEVERITY_MARKS[block.severity] + " ", char)
            self.inline(block.text, lang, char)
        elif isinstance(block, Rows):
            for row in block.rows:
                self._new_block(self._margins(0, 2))
                self.inline((*_spans(row.label), colon(lang)), lang, self._char(bold=True))
                self.inline(row.value, lang, self._char())
        elif isinstance(block, Heading):
            self._new_block(self._margins(10 if block.level == 1 else 6, 2))
            self.inline(block.text, lang, self._char(bold=True, scale=1.2 - 0.1 * block.level))
        elif isinstance(block, Paragraph | Link):
            self._new_block(self._margins(0, 4))
            self.inline(block.text if isinstance(block, Paragraph) else block, lang, self._char())
        elif isinstance(block, Bullets):
            for number, item in enumerate(block.items, start=1):
                hanging = self._margins(0, 2)
                hanging.setLeftMargin(_HANG)
                hanging.setTextIndent(-_HANG)
                self._new_block(hanging)
                self.cursor.insertText(
                    f"{number}.  " if block.ordered else "\u2022  ", self._char()
                )
                self.inline(item, lang, self._char())
        elif isinstance(block, Table):
            self._table(block, lang)
        elif isinstance(block, Code):
            self._code(block, lang)
        else:
            raise TypeError(f"not a report block: {type(block).__name__}")

    def _table(self, block: Table, lang: str) -> None:
        self._new_block(self._margins(6, 0))
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderBrush(self.palette.color(QPalette.ColorRole.Mid))
        fmt.setBorderCollapse(True)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellPadding(5)
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self.cursor.insertTable(len(block.rows) + 1, len(block.header), fmt)
        for row_index, row in enumerate((block.header, *block.rows)):
            char = self._char(bold=row_index == 0)
            for column, cell in enumerate(row):
                self.inline(cell, lang, char, table.cellAt(row_index, column).firstCursorPosition())
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def _code(self, block: Code, lang: str) -> None:
        char = self._char()
        char.setFontFamilies(self._fixed)
        for index, line in enumerate(block.lines):
            fmt = self._margins(6 if index == 0 else 0, 6 if index == len(block.lines) - 1 else 0)
            fmt.setBackground(self._shade)
            fmt.setProperty(_SHADE_PROPERTY, True)
            fmt.setNonBreakableLines(True)
            self._new_block(fmt)
            self.inline(line, lang, char)


def _spans(inline: Inline) -> tuple[Span, ...]:
    return inline if isinstance(inline, tuple) else (inline,)


def _view(document: QTextDocument) -> QWidget | None:
    """The widget showing ``document`` (a QTextEdit's document belongs to its text
    control, which belongs to the widget), or None for a document of its own."""
    owner: QObject | None = document.parent()
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return owner


def recolour(document: QTextDocument, palette: QPalette | None = None) -> None:
    """Give a rendered report the colours of ``palette``: severities, links, the shade of
    code blocks and the lines of tables."""
    palette = palette if palette is not None else QGuiApplication.palette()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(_SHADE_PROPERTY):
            shade = QTextBlockFormat()
            shade.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(shade)
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            name = fragment.charFormat().property(COLOUR_PROPERTY)
            if name:
                colour = QTextCharFormat()
                colour.setForeground(
                    palette.color(QPalette.ColorRole.Link)
                    if name == _LINK
                    else status_colour(Tone(name), palette)
                )
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.mergeCharFormat(colour)
            fragments += 1
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            fmt = frame.format().toTableFormat()
            fmt.setBorderBrush(palette.color(QPalette.ColorRole.Mid))
            frame.setFormat(fmt)
    cursor.endEditBlock()


def open_link(url: QUrl) -> bool:
    """Open ``url`` in the user's browser when it is an http(s) URL with a host; False (and
    nothing opened) for any other scheme."""
    if not url.isValid() or url.scheme().lower() not in WEB_SCHEMES or not url.host():
        return False
    return QDesktopServices.openUrl(url)


def open_links(view: QTextBrowser) -> None:
    """Let ``view`` open http(s) links on a click, and follow nothing by itself."""
    if view.property(_LINKING):
        return
    view.setProperty(_LINKING, True)
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)
    view.anchorClicked.connect(open_link)


def render_report(report: Report, document: QTextDocument) -> None:
    """Replace ``document``'s content with ``report``, in the colours of the palette of the
    widget showing it; they follow that palette from then on. A ``QTextBrowser`` showing it
    opens its http(s) links on a click (``open_links``)."""
    view = _view(document)
    if view is not None and not view.property(_FOLLOWING):
        view.setProperty(_FOLLOWING, True)
        follow_palette(view, lambda: recolour(document, view.palette()))
    if isinstance(view, QTextBrowser):
        open_links(view)
    builder = ReportBuilder(document, view.palette() if view is not None else None)
    title = plain(report.title, report.lang)
    if title:
        builder._new_block(builder._margins(0, 6))
        builder.inline(report.title, report.lang, builder._char(bold=True, scale=1.5))
    for block in report.blocks:
        builder.block(block, report.lang)
    # No DocumentTitle: Qt 6.11's toHtml() writes it into <title> unescaped.


def render_message(document: QTextDocument, title: str, body: Inline, lang: str) -> None:
    """A short page in place of a result: why there is none (no match, bad input)."""
    render_report(Report(title, (Paragraph(body),), lang), document)
