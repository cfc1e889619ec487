"""Plain-text renderings of a probe: the transcript, the result, TLS facts, capabilities, steps.

Used by the CLI (which prints the transcript as it happens and the rest at the end) and by
the GUI's Copy button. Secrets are masked unless ``reveal``.
"""

from __future__ import annotations

from typing import Any

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.probe.model import ProbeResult, ProbeStep
from smtp_gui.core.probe.tls_facts import TlsFacts
from smtp_gui.core.text.bilingual import normalize_lang
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import message_text


def _label(key: str, lang: str, **params: Any) -> str:
    """``Result: `` / ``结果：``: a label with the language's colon."""
    colon = "：" if normalize_lang(lang) == "zh" else ": "
    return _word(key, lang, **params) + colon


def _word(key: str, lang: str, **params: Any) -> str:
    return message_text(f"probe.label.{key}", lang, **params)


def step_lines(step: ProbeStep, lang: str, reveal: bool = False) -> list[str]:
    """The transcript lines of one step, as they are streamed."""
    return [line.render(lang, reveal) for line in step.lines]


def tls_lines(tls: TlsFacts, lang: str) -> list[str]:
    bits = f" ({tls.bits} bits)" if tls.bits else ""
    lines = [f"{_label('tls', lang)}{tls.version}, {tls.cipher}{bits}"]
    cert = tls.certificate
    if cert is not None:
        left = (
            _word("expired", lang)
            if cert.expired()
            else _word("days_left", lang, days=cert.days_left())
        )
        lines += [
            f"  {_label('subject', lang)}{cert.subject}",
            f"  {_label('issuer', lang)}{cert.issuer}",
            f"  {_label('names', lang)}{', '.join(cert.names) or '-'}",
            f"  {_label('expires', lang)}{cert.not_after:%Y-%m-%d %H:%M} UTC ({left})",
        ]
    if tls.valid is None:
        verdict = _word("not_checked", lang)
    elif tls.valid:
        verdict = _word("yes", lang)
    else:
        verdict = f"{_word('no', lang)} ({tls.validation_error or '-'})"
    lines.append(f"  {_label('valid', lang, host=tls.hostname)}{verdict}")
    return lines


def capability_lines(result: ProbeResult, lang: str) -> list[str]:
    if not result.capabilities:
        return []
    lines = [_label("capabilities", lang).rstrip()]
    for cap in result.capabilities:
        lines.append(f"  {cap.line}")
        lines.append(f"      {cap.explanation.text(lang)}")
    return lines


def steps_table(result: ProbeResult, reveal: bool = False) -> list[str]:
    """One line per step: what was sent, the reply code, the time it took."""
    rows: list[str] = []
    for step in result.steps:
        command = step.shown_command(reveal) or f"({step.kind})"
        code = step.code or ("!" if step.error is not None else "")
        rows.append(f"  {command[:48]:<48} {code:<10} {step.ms:8.1f} ms")
    return rows


def meaning_lines(result: ProbeResult, lang: str) -> list[str]:
    """What the decisive negative reply means, from the catalogue."""
    reply = result.last_reply
    if reply is None or reply.positive or result.ok:
        return []
    try:
        exp = explain(reply.code_text)
    except InputError:
        return []
    text = exp.summary.get(lang) or exp.description.get(lang)
    return [
        f"{_label('meaning', lang, code=reply.code_text)}{exp.title.get(lang)}",
        f"  {text}",
    ]


def report_tail(result: ProbeResult, lang: str, reveal: bool = False) -> str:
    """Everything after the transcript: result, TLS, capabilities, steps, meaning."""
    lines = ["", f"{_label('result', lang)}{result.result_text(lang)}"]
    lines += meaning_lines(result, lang)
    if result.tls is not None:
        lines += ["", *tls_lines(result.tls, lang)]
    caps = capability_lines(result, lang)
    if caps:
        lines += ["", *caps]
    lines += ["", _label("steps", lang).rstrip(), *steps_table(result, reveal)]
    if not reveal and any(s.secret_command for s in result.steps):
        lines += ["", _word("masked", lang)]
    return "\n".join(lines)


def probe_text(result: ProbeResult, lang: str, reveal: bool = False) -> str:
    """The whole report: transcript first (as a ticket wants it), then the rest."""
    transcript = result.transcript(lang, reveal)
    return transcript + "\n" + report_tail(result, lang, reveal)
