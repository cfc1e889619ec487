"""The CLI's ``--json`` object for a header analysis (DESIGN.md's keys first, then extras)."""

from __future__ import annotations

from typing import Any

from smtp_gui.core.headers.analysis import HeaderAnalysis
from smtp_gui.core.headers.auth import AuthFacts
from smtp_gui.core.headers.fields import Mailbox
from smtp_gui.core.headers.path import Hop
from smtp_gui.core.headers.verdict import headers_verdict
from smtp_gui.core.text.messages import message_text


def _hop(hop: Hop) -> dict[str, Any]:
    facts = hop.received
    return {
        "index": hop.index,
        "from": facts.from_name,
        "by": facts.by,
        "ip": facts.ip,
        "with": facts.protocol,
        "tls": facts.tls,
        "time": facts.time.isoformat() if facts.time else None,
        "delay_s": hop.delay_s,
        "skew": hop.skew,
        "inflated": hop.inflated,
        "from_rdns": facts.from_rdns,
        "id": facts.id,
        "for": facts.recipient,
        "zone_missing": facts.zone_missing,
    }


def _auth(item: AuthFacts) -> dict[str, Any]:
    def spf(fact: Any) -> dict[str, Any] | None:
        if fact is None:
            return None
        return {
            "result": fact.result,
            "smtp_mailfrom": fact.mailfrom,
            "smtp_helo": fact.helo,
            "identity": fact.identity,
            "ip": fact.ip,
            "comment": fact.comment,
        }

    return {
        "authserv_id": item.header.authserv_id or None,
        "trusted": item.trusted,
        "spf": spf(item.spf),
        "dkim": [
            {
                "result": d.result,
                "domain": d.domain,
                "selector": d.selector,
                "identity": d.identity,
                "algorithm": d.algorithm,
                "reason": d.reason,
            }
            for d in item.dkim
        ],
        "dmarc": None
        if item.dmarc is None
        else {
            "result": item.dmarc.result,
            "policy": item.dmarc.policy,
            "action": item.dmarc.action,
            "header_from": item.dmarc.header_from,
        },
        "arc": None if item.arc is None else {"result": item.arc.result, "detail": item.arc.detail},
        "raw": item.header.raw,
        "spf_helo": spf(item.spf_helo),
        "others": [
            {"method": o.method, "result": o.result, "detail": o.detail} for o in item.others
        ],
        "arc_instance": item.header.arc_instance,
        "parsed_by": item.header.parsed_by.value,
        "parse_problem": item.header.problem or None,
    }


def _mailbox(box: Mailbox | None) -> dict[str, str] | None:
    return None if box is None else {"display": box.display, "address": box.address}


def to_dict(analysis: HeaderAnalysis, lang: str) -> dict[str, Any]:
    verdict = headers_verdict(analysis)
    receiver = analysis.receiver
    identity = analysis.identity
    return {
        "hops": [_hop(h) for h in analysis.path.hops],
        "entry_hop": None if receiver.entry is None else receiver.entry.index,
        "auth_results": [_auth(a) for a in analysis.auth],
        "identity": {
            "from": _mailbox(identity.from_),
            "sender": _mailbox(identity.sender),
            "reply_to": _mailbox(identity.reply_to),
            "return_path": identity.return_path,
            "message_id_domain": identity.message_id_domain,
            "list_unsubscribe": identity.list_unsubscribe,
            "one_click_unsubscribe": identity.one_click,
            "subject": identity.subject,
            "mismatches": [message_text(k, lang, **p) for k, p in identity.mismatches],
        },
        "provider_verdicts": [
            {
                "provider": v.provider,
                "name": v.name.get(lang),
                "spam": v.spam,
                "score": v.score,
                "header": v.header,
                "fields": [
                    {
                        "key": f.key,
                        "value": f.value,
                        "label": f.label.get(lang) or None,
                        "meaning": f.meaning.get(lang) or None,
                    }
                    for f in v.fields
                ],
            }
            for v in analysis.verdicts
        ],
        "findings": [
            {
                "id": f.key,
                "severity": f.severity.value,
                "text": message_text(f.key, lang, **f.params),
            }
            for f in analysis.findings
        ],
        "verdict": verdict.text.get(lang),
        # extras
        "severity": verdict.severity.value,
        "spam": verdict.spam,
        "total_s": analysis.path.total_s,
        "skew": analysis.path.skewed,
        "connecting_ip": receiver.connecting_ip,
        "receiver": {
            "authserv_id": receiver.authserv_id or None,
            "provider": receiver.provider.id if receiver.provider else None,
            "entry_found_by": "ip" if receiver.by_ip else "names",
        },
        "source": analysis.source.kind.value,
        "arc_seals": [
            {"instance": a.instance, "cv": a.cv or None, "domain": a.domain, "selector": a.selector}
            for a in analysis.arc_seals
        ],
    }
