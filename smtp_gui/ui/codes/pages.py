"""The catalogue page of one code, written into a read-only document (plain text only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from smtp_gui.core.codes.catalogue import Explanation
from smtp_gui.ui.document import CLASS_COLOURS, DocumentBuilder


def write_code_page(document: QTextDocument, exp: Explanation, lang: str) -> None:
    """Fill ``document`` with everything the catalogue knows about ``exp``."""
    colour = CLASS_COLOURS.get(exp.cls)
    doc = DocumentBuilder(document)
    doc.title(f"{exp.code}  {exp.title.get(lang)}", colour)
    doc.label_value(
        QCoreApplication.translate("CodePage", "Class"),
        f"{exp.cls}xx {exp.class_name.get(lang)}",
        colour,
    )
    doc.label_value(QCoreApplication.translate("CodePage", "Category"), exp.category.get(lang))
    separator = "、" if lang == "zh" else ", "
    doc.label_value(
        QCoreApplication.translate("CodePage", "SMTP phases"),
        separator.join(exp.phase_names(lang)),
    )
    if not exp.known:
        doc.paragraph(
            QCoreApplication.translate(
                "CodePage", "Not in the catalogue: explained from its digits only."
            ),
            italic=True,
        )
    for warning in exp.warnings:
        doc.paragraph("⚠ " + warning.text(lang), colour=CLASS_COLOURS[4])
    sections = (
        (QCoreApplication.translate("CodePage", "In short"), exp.summary),
        (QCoreApplication.translate("CodePage", "Description"), exp.description),
        (QCoreApplication.translate("CodePage", "When it appears"), exp.when),
        (QCoreApplication.translate("CodePage", "How to fix"), exp.fix),
        (QCoreApplication.translate("CodePage", "Retry"), exp.retry_advice),
        (QCoreApplication.translate("CodePage", "Note"), exp.note),
    )
    for heading, text in sections:
        if text:
            doc.heading(heading)
            doc.paragraph(text.get(lang))
    if exp.references:
        doc.heading(QCoreApplication.translate("CodePage", "References"))
        doc.paragraph(", ".join(exp.references))


def write_message_page(document: QTextDocument, title: str, body: str) -> None:
    doc = DocumentBuilder(document)
    doc.title(title)
    doc.paragraph(body)
