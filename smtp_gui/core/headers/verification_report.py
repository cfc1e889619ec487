"""The verification in words: its report blocks (a DKIM table with each failure's reason, the
ARC chain, SPF at the entry hop, DMARC alignment), its one-line summary and its JSON."""

from __future__ import annotations

from typing import Any

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.dkim_verify import DkimCheck, DkimReason
from smtp_gui.core.headers.report import report
from smtp_gui.core.headers.verification import AlignmentCheck, SpfCheck, Verification
from smtp_gui.core.report.model import (
    Block,
    Heading,
    Inline,
    Marked,
    Outside,
    Report,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

_BAD = ("fail", "permerror", "temperror", "softfail")


def _result(result: str | None) -> Inline:
    if result is None:
        return "—"
    if result == "pass":
        return Marked(Outside(result), Severity.OK)
    if result in _BAD:
        return Marked(Outside(result), Severity.ERROR)
    return Outside(result)


def dkim_reason(check: DkimCheck) -> Text:
    """Why the signature failed (or that it verified), in words."""
    key = f"headers.verify.reason.{check.reason.value}"
    if check.reason is DkimReason.KEY_TOO_SHORT:
        matched = (
            message("headers.verify.reason.key_too_short.matched")
            if check.detail == "matched"
            else Text("", "")
        )
        return Text(
            message(key, bits=check.key_bits, matched=matched.en).en,
            message(key, bits=check.key_bits, matched=matched.zh).zh,
        )
    return message(key, detail=check.detail)


def _receiver(said: str | None, differs: bool) -> Inline:
    if said is None:
        return "—"
    if differs:
        return (Outside(said), " ", Marked(message("headers.verify.differs"), Severity.WARNING))
    return Outside(said)


def _spf_value(spf: SpfCheck) -> Inline:
    if spf.result is None:
        return message(spf.skipped)
    words = message("headers.verify.spf.for", ip=spf.ip, sender=spf.sender)
    return (_result(spf.result), " ", words)


def alignment_text(check: AlignmentCheck) -> Text:
    if not check.from_domain:
        return message("headers.verify.dmarc.no_from")
    if check.result == "temperror":
        return message("headers.verify.dmarc.temperror")
    if check.result == "pass":
        if check.dkim_aligned:
            via = message("headers.verify.dmarc.via_dkim", d=check.dkim_aligned[0])
        else:
            via = message("headers.verify.dmarc.via_spf", d=check.spf_domain)
        return Text(
            message("headers.verify.dmarc.aligned", frm=check.from_domain, via=via.en).en,
            message("headers.verify.dmarc.aligned", frm=check.from_domain, via=via.zh).zh,
        )
    none = message("headers.verify.none")
    return Text(
        message(
            "headers.verify.dmarc.unaligned",
            frm=check.from_domain,
            spf=check.spf_domain or none.en,
            dkim=none.en,
        ).en,
        message(
            "headers.verify.dmarc.unaligned",
            frm=check.from_domain,
            spf=check.spf_domain or none.zh,
            dkim=none.zh,
        ).zh,
    )


def _policy(check: AlignmentCheck) -> Text:
    if check.policy and check.policy_domain:
        return message("headers.verify.dmarc.policy", p=check.policy, at=check.policy_domain)
    return message("headers.verify.dmarc.no_policy")


def summary(found: Verification) -> tuple[Text, Severity]:
    """One sentence of what was re-checked, and how bad it is."""
    failed = [c for c in found.dkim if c.result not in ("pass", "neutral")]
    dmarc = found.alignment.result
    if not found.dkim:
        text = message("headers.verify.summary.nodkim", spf=found.spf.result or "—", dmarc=dmarc)
    elif failed:
        why = [dkim_reason(c) for c in failed[:2]]
        text = Text(
            message(
                "headers.verify.summary.bad",
                n=len(failed),
                total=len(found.dkim),
                why="; ".join(w.en for w in why),
                dmarc=dmarc,
            ).en,
            message(
                "headers.verify.summary.bad",
                n=len(failed),
                total=len(found.dkim),
                why="；".join(w.zh for w in why),
                dmarc=dmarc,
            ).zh,
        )
    else:
        text = message("headers.verify.summary.ok", dmarc=dmarc)
    if failed or dmarc == "fail":
        return text, Severity.ERROR
    if dmarc != "pass":
        return text, Severity.WARNING
    return text, Severity.OK


def verification_blocks(found: Verification) -> list[Block]:
    text, severity = summary(found)
    blocks: list[Block] = [Heading(message("headers.verify.heading")), Verdict(text, severity)]
    if found.dkim:
        header = tuple(
            message(f"headers.verify.col.{k}")
            for k in ("domain", "selector", "result", "reason", "receiver")
        )
        rows = tuple(
            (
                Outside(c.domain or "?"),
                Outside(c.selector or "?"),
                _result(c.result),
                dkim_reason(c),
                _receiver(c.receiver_result, c.differs),
            )
            for c in found.dkim
        )
        blocks.append(Table(header, rows))
    else:
        blocks.append(Rows.of((message("headers.label.dkim"), message("headers.verify.no_dkim"))))
    arc = found.arc
    if arc.instances:
        arc_value: Inline = (
            _result(arc.result),
            " ",
            message("headers.verify.arc.sets", n=arc.instances),
            " ",
            Outside(f"({arc.reason})") if arc.reason else "",
        )
    else:
        arc_value = message("headers.verify.arc.none")
    dmarc = found.alignment
    blocks.append(
        Rows.of(
            (message("headers.verify.arc"), arc_value),
            (message("headers.verify.spf"), _spf_value(found.spf)),
            (
                message("headers.verify.dmarc"),
                (_result(dmarc.result), " ", alignment_text(dmarc), "; ", _policy(dmarc)),
            ),
            (message("headers.verify.resolver"), Outside(found.resolver or "—")),
        )
    )
    return blocks


def verified_report(analysis: HeaderAnalysis, found: Verification | None, lang: str) -> Report:
    """The header report, with the verification after it when there is one."""
    base = report(analysis, lang)
    if found is None:
        return base
    return Report(base.title, base.blocks + tuple(verification_blocks(found)), lang)


def verification_dict(found: Verification, lang: str) -> dict[str, Any]:
    """DESIGN.md's ``verification`` key: ``{dkim[] (domain, selector, result, reason), arc,
    spf, dmarc_alignment}``, with extras."""
    spf = found.spf
    dmarc = found.alignment
    return {
        "dkim": [
            {
                "domain": c.domain,
                "selector": c.selector,
                "result": c.result,
                "reason": c.reason.value or None,
                "reason_text": dkim_reason(c).get(lang),
                "key_bits": c.key_bits,
                "receiver_result": c.receiver_result,
                "differs_from_receiver": c.differs,
            }
            for c in found.dkim
        ],
        "arc": {
            "result": found.arc.result,
            "reason": found.arc.reason or None,
            "sets": found.arc.instances,
            "receiver_result": found.arc.receiver_result,
        },
        "spf": {
            "result": spf.result,
            "ip": spf.ip,
            "domain": spf.domain,
            "sender": spf.sender,
            "helo": spf.helo,
            "skipped": message(spf.skipped).get(lang) if spf.skipped else None,
            "receiver_result": spf.receiver_result,
            "lookups": spf.evaluation.lookups if spf.evaluation else None,
        },
        "dmarc_alignment": {
            "result": dmarc.result,
            "from_domain": dmarc.from_domain or None,
            "spf_domain": dmarc.spf_domain,
            "spf_aligned": dmarc.spf_aligned,
            "dkim_aligned": list(dmarc.dkim_aligned),
            "policy": dmarc.policy,
            "policy_domain": dmarc.policy_domain,
            "receiver_result": dmarc.receiver_result,
            "text": alignment_text(dmarc).get(lang),
        },
        "resolver": found.resolver,
        "cancelled": found.cancelled,
    }
