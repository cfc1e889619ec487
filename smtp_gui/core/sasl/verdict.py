"""The one sentence on top of a decoded AUTH exchange: what happened, who must act, the next
step (the decoder's ``decoderVerdict`` banner, and the first line of ``smtp-gui decode``).

The final reply decides (RFC 4954 6): 235 accepted, 535 refused (wrong credentials, or badly
encoded ones when a step warned), any other final reply says its own meaning. Without a final
reply, a last 334 challenge is a normal step of logging in (RFC 4954 4), and a paste that
stops after the client's answer does not say how the login went.
"""

from __future__ import annotations

from smtp_gui.core.report.model import Severity, Verdict
from smtp_gui.core.sasl.mechs import login_prompt_kind
from smtp_gui.core.sasl.model import SERVER, Exchange, SaslStep
from smtp_gui.core.text.messages import message

_SEVERITY_OF_CLASS = {"2": Severity.OK, "4": Severity.WARNING, "5": Severity.ERROR}


def verdict(exchange: Exchange) -> Verdict:
    """The exchange's verdict, in both languages (the report picks one)."""
    final = exchange.final
    if final is not None:
        return _final(exchange, final)
    last = exchange.steps[-1] if exchange.steps else None
    if last is not None and last.direction == SERVER and _is_challenge(last):
        code = last.code or "+"
        prompt = None
        if last.decoded is not None and last.mechanism in (None, "LOGIN"):
            prompt = login_prompt_kind(last.decoded)
        key = f"sasl.verdict.asks_{prompt}" if prompt else "sasl.verdict.challenge"
        return Verdict(message(key, code=code), Severity.INFO)
    if exchange.mechanism is None:
        return Verdict(message("sasl.verdict.no_auth"), Severity.INFO)
    return Verdict(message("sasl.verdict.unfinished"), Severity.INFO)


def _is_challenge(step: SaslStep) -> bool:
    return step.code == "334" or (step.code is None and step.raw.startswith("+"))


def _final(exchange: Exchange, final: SaslStep) -> Verdict:
    code = final.code or final.raw[:40]
    basic = (final.code or "")[:3]
    severity = _SEVERITY_OF_CLASS.get(basic[:1], Severity.INFO)
    if basic == "235":
        return Verdict(message("sasl.verdict.accepted", code=code), Severity.OK)
    if final.meaning.key == "sasl.meaning.reply_535":
        # A step's warning (bad padding, a PLAIN string without three fields) puts the
        # encoding in doubt.
        warned = any(step.warnings for step in exchange.steps if step is not final)
        key = "sasl.verdict.refused_warned" if warned else "sasl.verdict.refused"
        return Verdict(message(key, code=code), Severity.ERROR)
    # Every other final reply's meaning already says what happened and what to do.
    meaning = final.meaning
    return Verdict(message(meaning.key, **meaning.params), severity)
