"""A plain-text report of a decoded exchange, for the CLI and for copying from the GUI.

Secrets are masked unless ``reveal`` is set; the report never carries markup.
"""

from __future__ import annotations

from smtp_gui.core.sasl.model import Exchange, SaslStep
from smtp_gui.core.text.messages import message_text

_INDENT = "    "


def render_text(exchange: Exchange, lang: str, reveal: bool = False) -> str:
    """Mechanism, final reply, then every step with its fields and meaning."""
    lines = [
        _label("mechanism", lang) + (exchange.mechanism or message_text("sasl.report.none", lang))
    ]
    if exchange.final is not None:
        lines.append(_label("final", lang) + (exchange.final.code or exchange.final.raw))
    for warning in exchange.warnings:
        lines.append("! " + warning.text(lang))
    for number, step in enumerate(exchange.steps, start=1):
        lines.append("")
        lines.extend(render_step(step, number, lang, reveal))
    if exchange.has_secret and not reveal:
        lines.append("")
        lines.append(message_text("sasl.report.masked", lang))
    return "\n".join(lines) + "\n"


def render_step(step: SaslStep, number: int, lang: str, reveal: bool = False) -> list[str]:
    """One step as lines: header with direction and raw text, decoded, fields, meaning."""
    direction = message_text(f"sasl.report.{step.direction}", lang)
    raw = step.shown_raw(lang, reveal).replace("\n", "\n" + _INDENT)
    if not raw.strip():
        raw = message_text("sasl.report.empty_line", lang)
    lines = [f"[{number}] " + _pair(direction, raw, lang)]
    decoded = step.shown_decoded(lang, reveal)
    if decoded is not None:
        lines.append(_INDENT + _label("decoded", lang) + decoded.replace("\n", "\n" + _INDENT))
    hex_text = step.shown_hex(reveal)
    if hex_text is not None:
        lines.append(_INDENT + _label("hex", lang))
        lines.extend(_INDENT + row for row in hex_text.split("\n"))
    elif step.hex is not None:
        lines.append(_INDENT + _label("hex", lang) + message_text("sasl.report.hex_hidden", lang))
    for field in step.fields:
        lines.append(_INDENT + _pair(field.label(lang), field.shown(lang, reveal), lang))
    lines.append(_INDENT + "→ " + step.meaning.text(lang))
    lines.extend(_INDENT + "! " + warning.text(lang) for warning in step.warnings)
    return lines


def _pair(label: str, value: str, lang: str) -> str:
    return message_text("sasl.report.pair", lang, label=label, value=value)


def _label(name: str, lang: str) -> str:
    return message_text(f"sasl.report.{name}", lang)
