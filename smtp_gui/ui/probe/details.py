"""The probe pane's detail view: the whole result, or one step, explained.

Built with ``DocumentBuilder`` (``insertText`` only), so server text is shown literally.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.probe.capabilities import Capability, parse_capabilities
from smtp_gui.core.probe.model import ProbeResult, ProbeStep, StepKind
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.tls_facts import TlsFacts
from smtp_gui.core.text.errors import InputError
from smtp_gui.ui.document import CLASS_COLOURS, DocumentBuilder

_OK_COLOUR = CLASS_COLOURS[2]
_BAD_COLOUR = CLASS_COLOURS[5]


def step_title(step: ProbeStep) -> str:
    """What a step did, in words the user reads in the list of steps."""
    titles = {
        StepKind.RESOLVE: QCoreApplication.translate("ProbeDetails", "Address lookup"),
        StepKind.CONNECT: QCoreApplication.translate("ProbeDetails", "TCP connection"),
        StepKind.GREETING: QCoreApplication.translate("ProbeDetails", "Greeting"),
        StepKind.TLS: QCoreApplication.translate("ProbeDetails", "TLS handshake"),
    }
    return titles.get(step.kind) or step.command or str(step.kind).upper()


def write_overview(document: QTextDocument, result: ProbeResult, lang: str) -> None:
    """The result: verdict, connection, TLS, capabilities, and what the decisive reply means."""
    doc = DocumentBuilder(document)
    doc.title(
        QCoreApplication.translate("ProbeDetails", "Probe result"),
        _OK_COLOUR if result.ok else _BAD_COLOUR,
    )
    doc.paragraph(result.result_text(lang))
    doc.heading(QCoreApplication.translate("ProbeDetails", "Connection"))
    doc.label_value(
        QCoreApplication.translate("ProbeDetails", "Server"), result.host or result.target
    )
    if result.address:
        doc.label_value(
            QCoreApplication.translate("ProbeDetails", "Address"),
            f"{result.address} ({result.family})",
        )
    doc.label_value(QCoreApplication.translate("ProbeDetails", "Port"), str(result.port))
    if result.mx_hosts:
        doc.label_value(
            QCoreApplication.translate("ProbeDetails", "MX hosts"), ", ".join(result.mx_hosts)
        )
    reply = result.last_reply
    if reply is not None and not reply.positive:
        _meaning(doc, reply, lang)
    if result.tls is not None:
        _tls(doc, result.tls)
    if result.capabilities:
        _capabilities(doc, result.capabilities, lang)


def write_step(
    document: QTextDocument, step: ProbeStep, result: ProbeResult | None, lang: str
) -> None:
    """One step: what was sent, the reply, how long it took, what it means."""
    doc = DocumentBuilder(document)
    doc.title(step_title(step))
    if step.command and step.kind not in (StepKind.CONNECT, StepKind.TLS):
        doc.label_value(QCoreApplication.translate("ProbeDetails", "Sent"), step.command)
    if step.reply is not None:
        colour = CLASS_COLOURS.get(step.reply.cls)
        doc.label_value(
            QCoreApplication.translate("ProbeDetails", "Reply"),
            "\n".join(step.reply.wire_lines()),
            colour,
        )
    doc.label_value(
        QCoreApplication.translate("ProbeDetails", "Time"),
        QCoreApplication.translate("ProbeDetails", "%1 ms").replace("%1", f"{step.ms:.1f}"),
    )
    if step.decoded is not None:
        doc.label_value(
            QCoreApplication.translate("ProbeDetails", "Decoded challenge"), step.decoded
        )
    if step.error is not None:
        doc.paragraph("⚠ " + step.error.text(lang), colour=_BAD_COLOUR)
    for note in step.notes:
        doc.paragraph(note.text(lang))
    if step.reply is not None:
        _meaning(doc, step.reply, lang)
        if step.kind is StepKind.EHLO:
            _capabilities(doc, parse_capabilities(step.reply), lang)
    if step.kind is StepKind.TLS and result is not None and result.tls is not None:
        _tls(doc, result.tls)


def _meaning(doc: DocumentBuilder, reply: ServerReply, lang: str) -> None:
    try:
        exp = explain(reply.code_text)
    except InputError:
        return
    doc.heading(
        QCoreApplication.translate("ProbeDetails", "What %1 means").replace("%1", reply.code_text)
    )
    doc.paragraph(exp.title.get(lang), colour=CLASS_COLOURS.get(reply.cls))
    if exp.summary:
        doc.paragraph(exp.summary.get(lang))
    if not reply.positive and exp.fix:
        doc.label_value(QCoreApplication.translate("ProbeDetails", "How to fix"), exp.fix.get(lang))


def _tls(doc: DocumentBuilder, tls: TlsFacts) -> None:
    doc.heading(QCoreApplication.translate("ProbeDetails", "TLS"))
    bits = f" ({tls.bits} bits)" if tls.bits else ""
    doc.label_value(
        QCoreApplication.translate("ProbeDetails", "Version and cipher"),
        f"{tls.version}, {tls.cipher}{bits}",
    )
    cert = tls.certificate
    if cert is not None:
        doc.label_value(QCoreApplication.translate("ProbeDetails", "Subject"), cert.subject)
        doc.label_value(QCoreApplication.translate("ProbeDetails", "Issuer"), cert.issuer)
        doc.label_value(
            QCoreApplication.translate("ProbeDetails", "Names"), ", ".join(cert.names) or "-"
        )
        expiry = f"{cert.not_after:%Y-%m-%d %H:%M} UTC"
        if cert.expired():
            doc.label_value(
                QCoreApplication.translate("ProbeDetails", "Expires"),
                expiry + " — " + QCoreApplication.translate("ProbeDetails", "expired"),
                _BAD_COLOUR,
            )
        else:
            left = QCoreApplication.translate("ProbeDetails", "%1 days left").replace(
                "%1", str(cert.days_left())
            )
            doc.label_value(
                QCoreApplication.translate("ProbeDetails", "Expires"), f"{expiry} ({left})"
            )
    label = QCoreApplication.translate("ProbeDetails", "Valid for %1").replace("%1", tls.hostname)
    if tls.valid:
        doc.label_value(label, QCoreApplication.translate("ProbeDetails", "yes"), _OK_COLOUR)
    else:
        reason = tls.validation_error or "-"
        doc.label_value(
            label, QCoreApplication.translate("ProbeDetails", "no") + f" ({reason})", _BAD_COLOUR
        )


def _capabilities(doc: DocumentBuilder, caps: tuple[Capability, ...], lang: str) -> None:
    if not caps:
        return
    doc.heading(QCoreApplication.translate("ProbeDetails", "Capabilities"))
    doc.table(
        [
            QCoreApplication.translate("ProbeDetails", "Extension"),
            QCoreApplication.translate("ProbeDetails", "What it means"),
        ],
        [[cap.line, cap.explanation.text(lang)] for cap in caps],
    )
