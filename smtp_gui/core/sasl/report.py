"""A decoded AUTH exchange as a ``Report``: what ``smtp-gui decode`` prints and the decoder
pane shows and copies, laid out once.

The mechanism and the final reply, then each step under its own heading: direction, the raw
line, the decoded payload, the fields, the meaning and any warning. Secrets are masked unless
``reveal`` is set (masking itself lives in ``model``: ``shown_raw``, ``shown_decoded``,
``shown_hex``, ``Field.shown``); everything taken from the paste is ``Outside``.
"""

from __future__ import annotations

from smtp_gui.core.report.model import (
    Block,
    Heading,
    Inline,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Verdict,
)
from smtp_gui.core.sasl.model import Exchange, Field, SaslStep
from smtp_gui.core.text.messages import message


def report(exchange: Exchange, lang: str, reveal: bool = False) -> Report:
    """The exchange in ``lang``; passwords, tokens and proofs masked unless ``reveal``."""
    summary = [mechanism_row(exchange)]
    if exchange.final is not None:
        final = exchange.final.code or exchange.final.raw
        summary.append(Row(message("sasl.report.final"), Outside(final)))
    blocks: list[Block] = [Rows(tuple(summary))]
    blocks.extend(Verdict(warning.text(lang), Severity.WARNING) for warning in exchange.warnings)
    for number, step in enumerate(exchange.steps, start=1):
        blocks.extend(_step(step, number, lang, reveal))
    if exchange.has_secret and not reveal:
        blocks.append(Paragraph(message("sasl.report.masked")))
    return Report(message("sasl.report.title"), tuple(blocks), lang)


def mechanism_row(exchange: Exchange) -> Row:
    """``Mechanism: PLAIN``, or that it was not recognised (the pane's summary shows it too)."""
    value: Inline = (
        Outside(exchange.mechanism) if exchange.mechanism else message("sasl.report.none")
    )
    return Row(message("sasl.report.mechanism"), value)


def _step(step: SaslStep, number: int, lang: str, reveal: bool) -> list[Block]:
    """A heading with the number and direction, the step's rows, then its warnings."""
    raw = step.shown_raw(lang, reveal)
    rows: list[tuple[Inline, Inline]] = [
        (
            message("sasl.report.raw"),
            Outside(raw) if raw.strip() else message("sasl.report.empty_line"),
        )
    ]
    decoded = step.shown_decoded(lang, reveal)
    if decoded is not None:
        rows.append((message("sasl.report.decoded"), Outside(decoded)))
    hex_dump = step.shown_hex(reveal)
    if hex_dump is not None:
        rows.append((message("sasl.report.hex"), Outside(hex_dump)))
    elif step.hex is not None:
        rows.append((message("sasl.report.hex"), message("sasl.report.hex_hidden")))
    rows.extend(_field(field, lang, reveal) for field in step.fields)
    rows.append((message("sasl.report.meaning"), step.meaning.text(lang)))
    direction = message(f"sasl.report.{step.direction}")
    return [
        Heading((f"[{number}] ", direction), level=2),
        Rows.of(*rows),
        *(Verdict(warning.text(lang), Severity.WARNING) for warning in step.warnings),
    ]


def _field(field: Field, lang: str, reveal: bool) -> tuple[Inline, Inline]:
    # A keyword we have no label for came from the payload (a DIGEST-MD5 directive, a JSON
    # key); a masked value is our own text, the mask.
    label: Inline = field.label(lang) if field.known else Outside(field.name)
    value = field.shown(lang, reveal)
    return label, value if field.secret and not reveal else Outside(value)
