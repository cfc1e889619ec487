"""A diagnosis written into a read-only document: plain text only, via DocumentBuilder."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from smtp_gui.core.diagnose.diagnosis import Diagnosis
from smtp_gui.core.diagnose.render import (
    MAX_LIST_SHOWN,
    code_title,
    label,
    reply_line,
    shown_replies,
)
from smtp_gui.ui.document import CLASS_COLOURS, DocumentBuilder


def write_diagnosis_page(document: QTextDocument, diagnosis: Diagnosis, lang: str) -> None:
    """Fill ``document``: the failure, what it means, next steps, replies and what was named."""
    doc = DocumentBuilder(document)
    primary = diagnosis.primary
    if primary is None:
        doc.title(label("no_failure", lang))
        doc.paragraph(diagnosis.summary(lang))
    else:
        colour = CLASS_COLOURS.get(primary.cls or 0)
        title = code_title(diagnosis.explain_code, lang)
        doc.title(f"{primary.code}  {title}".rstrip(), colour)
        phase = primary.phase.title().get(lang) if primary.phase else label("unknown_phase", lang)
        doc.label_value(label("phase", lang), phase)
        doc.label_value(label("text", lang), primary.text)
        for key, value in (
            ("provider", diagnosis.provider_name.get(lang)),
            ("recipient", diagnosis.recipient),
            ("remote", primary.remote),
            ("sender_ip", diagnosis.sender_ip),
            ("sender_domain", diagnosis.sender_domain),
        ):
            if value:
                doc.label_value(label(key, lang), value)
        if diagnosis.findings:
            doc.heading(label("findings", lang))
            doc.bullets([finding.get(lang) for finding in diagnosis.findings])
    if diagnosis.advice:
        doc.heading(label("advice", lang))
        doc.bullets([item.note.get(lang) for item in diagnosis.advice])
    if diagnosis.replies:
        shown, hidden = shown_replies(diagnosis.replies)
        doc.heading(label("replies", lang, count=len(diagnosis.replies)))
        lines = [reply_line(reply, lang) for reply in shown]
        if hidden:
            lines.append(label("more", lang, count=hidden))
        doc.bullets(lines)
    for key, values in (
        ("blocklists", [f"{b.name} ({b.zone})" for b in diagnosis.blocklists]),
        ("ips", list(diagnosis.ips)),
        ("domains", list(diagnosis.domains)),
        ("emails", list(diagnosis.emails)),
        ("urls", list(diagnosis.urls)),
    ):
        if values:
            text = ", ".join(values[:MAX_LIST_SHOWN])
            if len(values) > MAX_LIST_SHOWN:
                text += ", " + label("more", lang, count=len(values) - MAX_LIST_SHOWN)
            doc.label_value(label(key, lang), text)
