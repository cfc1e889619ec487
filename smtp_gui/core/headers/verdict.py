"""The one sentence first: where the message went, who judged it, and why (for example
"Delivered to spam by Microsoft 365 (SCL 5) because DMARC failed: ...")."""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.auth import AuthFacts
from smtp_gui.core.records.org_domain import organizational_domain
from smtp_gui.core.report.model import Severity
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message


@dataclass(frozen=True, slots=True)
class HeadersVerdict:
    text: Text
    severity: Severity
    spam: bool
    judged_by: str  # the receiver's name as shown, or ""


def _org(name: str | None) -> str:
    return organizational_domain(name) if name else ""


def _mail_domain(value: str | None) -> str:
    return value.rpartition("@")[2].lower() if value else ""


def dmarc_reason(judged: AuthFacts, from_domain: str) -> Text:
    """Why DMARC failed, in words (RFC 7489 3.1: alignment of the SPF and DKIM domains)."""
    parts: list[Text] = []
    spf = judged.spf
    spf_domain = _mail_domain(spf.mailfrom or spf.helo) if spf else ""
    if spf is None or not spf_domain:
        parts.append(message("headers.reason.no_spf"))
    elif _org(spf_domain) != _org(from_domain):
        parts.append(message("headers.reason.spf_unaligned", frm=from_domain, spf=spf_domain))
    elif spf.result != "pass":
        parts.append(message("headers.reason.spf_result", spf=spf_domain, result=spf.result))
    own = [d for d in judged.dkim if d.domain and _org(d.domain) == _org(from_domain)]
    if not own:
        parts.append(message("headers.reason.no_dkim", frm=from_domain))
    elif not any(d.result == "pass" for d in own):
        parts.append(message("headers.reason.dkim_result", d=own[0].domain, result=own[0].result))
    if len(parts) == 1:
        return parts[0]
    return _both("headers.reason.and", a=parts[0], b=parts[1])


def _reason(analysis: HeaderAnalysis) -> Text | None:
    judged = analysis.judged
    if judged is None:
        return None
    from_domain = (judged.dmarc.header_from if judged.dmarc else None) or (
        analysis.identity.from_domain
    )
    if judged.dmarc is not None and judged.dmarc.result == "fail":
        why = dmarc_reason(judged, from_domain or "?")
        return _both("headers.reason.dmarc_fail", why=why)
    failed = [
        name
        for name, result in (
            ("SPF", judged.spf.result if judged.spf else ""),
            ("DKIM", judged.dkim[0].result if judged.dkim else ""),
        )
        if result in ("fail", "softfail", "permerror", "temperror")
    ]
    if failed:
        return message("headers.reason.failed", what=" + ".join(failed))
    if judged.dmarc is not None and judged.dmarc.result == "pass":
        return message("headers.reason.auth_passed")
    return None


def headers_verdict(analysis: HeaderAnalysis) -> HeadersVerdict:
    receiver = analysis.receiver
    who = receiver.provider.name if receiver.provider is not None else None
    who_text = who or Text(receiver.authserv_id, receiver.authserv_id)
    reason = _reason(analysis)
    spam = next((v for v in analysis.verdicts if v.spam), None)
    if spam is not None:
        score: Text | str = ""
        if spam.score:
            kind = "scl" if spam.provider == "microsoft" else "score"
            score = message(f"headers.verdict.{kind}", score=spam.score)
        key = "headers.verdict.spam_because" if reason else "headers.verdict.spam"
        text = _both(key, who=spam.name, score=score, why=reason)
        return HeadersVerdict(text, Severity.ERROR, True, spam.name.en)
    if analysis.judged is None:
        hops = str(len(analysis.path.hops))
        return HeadersVerdict(message("headers.verdict.unjudged", n=hops), Severity.INFO, False, "")
    judged = analysis.judged
    dmarc = judged.dmarc.result if judged.dmarc else "none"
    severity = Severity.OK if dmarc == "pass" else Severity.WARNING
    spf = judged.spf.result if judged.spf else "none"
    dkim = judged.dkim[0].result if judged.dkim else "none"
    if not who_text:
        who_text = message("headers.verdict.the_receiver")
    key = (
        "headers.verdict.delivered_because"
        if reason and severity is not Severity.OK
        else ("headers.verdict.delivered")
    )
    text = _both(key, who=who_text, spf=spf, dkim=dkim, dmarc=dmarc, why=reason)
    return HeadersVerdict(text, severity, False, who_text.en)


def _both(key: str, **params: object) -> Text:
    """``key`` filled in each language with the ``Text`` parameters in that language."""

    def pick(lang: str) -> dict[str, object]:
        return {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in params.items()}

    return Text(message(key, **pick("en")).en, message(key, **pick("zh")).zh)
