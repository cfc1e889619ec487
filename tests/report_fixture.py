"""One report with every block kind and hostile text in every place, shared by the tests of
each report renderer (tests/core/test_report_*.py, tests/ui/test_report_view.py)."""

from __future__ import annotations

from smtp_gui.core.report import (
    Bullets,
    Code,
    Heading,
    Link,
    Marked,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.text.bilingual import Text

MARKUP = "<b>x</b><img src=y>"
ANCHOR = "<a href=javascript:alert(1)>click</a>"
SCRIPT = "<script>alert(1)</script>&amp;"
CONTROLS = "clear\x1b[2J title\x1b]0;pwned\x07 nul\x00 del\x7f c1\x9b cr\rover"
BIDI = "invoice\u202etxt.exe"
MARKDOWN = "**x** [a](javascript:b) | pipes # not a heading `tick` ~~gone~~ $x$"
FORGED = "ok\n- forged line\n\n# forged heading\n    indented"
LONG = "A" * 10_000
LONG_WORDS = ("word " * 2_000).strip()

HOSTILE = (MARKUP, ANCHOR, SCRIPT, CONTROLS, BIDI, MARKDOWN, FORGED, LONG, LONG_WORDS)
"""Every hostile string the fixture carries as outside text."""

WEB_URL = "https://www.spamhaus.org/lookup/?ip=192.0.2.1&x=(1)"
BAD_URLS = ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd")


def hostile_report(lang: str) -> Report:
    """Every block kind; each place that takes text gets outside text from ``HOSTILE``."""
    t = Text
    return Report(
        (t("Diagnosis of ", "诊断："), Outside(MARKUP)),
        (
            Verdict((t("Refused: ", "被拒："), Outside(CONTROLS)), Severity.ERROR),
            Rows(
                (
                    Row(t("Reply", "回复"), Outside(MARKUP)),
                    Row(t("Server text", "服务器原文"), Outside(FORGED)),
                    Row(Outside(BIDI), Outside(MARKDOWN)),
                    Row(t("Long value", "长值"), Outside(LONG)),
                    Row(
                        t("Valid", "有效"),
                        (Marked(t("no", "否"), Severity.ERROR), " ", Outside(ANCHOR)),
                    ),
                )
            ),
            Heading((t("What ", "含义："), Outside(SCRIPT))),
            Paragraph((t("The server said: ", "服务器说："), Outside(MARKDOWN))),
            Paragraph(Outside(FORGED)),
            Paragraph(Outside(LONG_WORDS)),
            Bullets(
                (
                    Outside(MARKUP),
                    (t("Ask the list to delist ", "请求除名 "), Link(t("here", "此处"), WEB_URL)),
                    Marked((t("Warning: ", "警告："), Outside(BIDI)), Severity.WARNING),
                )
            ),
            Bullets((t("Check SPF", "检查 SPF"), Outside(FORGED)), ordered=True),
            Heading(t("Blocklists", "黑名单"), level=2),
            Table(
                (t("Zone", "区域"), Outside(MARKUP), t("Delisting", "除名")),
                (
                    (
                        Outside(ANCHOR),
                        Marked(t("listed", "已列入"), Severity.ERROR),
                        Link(Outside(MARKDOWN), BAD_URLS[0]),
                    ),
                    (Outside(CONTROLS), Outside(FORGED), Link(t("delist", "除名"), WEB_URL)),
                    (Outside(LONG), Marked(t("ok", "正常"), Severity.OK), Outside(BIDI)),
                ),
            ),
            Code(
                (
                    ("S: ", Outside("220 mx.example ESMTP ``` ```` " + MARKUP)),
                    ("C: ", Outside(CONTROLS)),
                    Outside(FORGED),
                    Marked(("S: ", Outside("550 " + LONG)), Severity.ERROR),
                )
            ),
            Link(Outside(ANCHOR), BAD_URLS[1]),
            Link(
                t("RFC 5321 section 4.2.3", "RFC 5321 第 4.2.3 节"),
                "https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3",
            ),
            Link(t("local file", "本地文件"), BAD_URLS[2]),
            Verdict(t("Nothing else to do.", "无需其他操作。"), Severity.OK),
            Verdict(t("For information.", "供参考。"), Severity.INFO),
            Verdict(Outside(MARKUP), Severity.WARNING),
        ),
        lang,
    )


WEB_LINKS = 3
"""How many links in ``hostile_report`` point at http(s) URLs (the rest must stay text)."""
