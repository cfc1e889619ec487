"""Two small TXT policies: TLS-RPT (``_smtp._tls``, RFC 8460 3) and BIMI (``default._bimi``).

Both are tag lists whose first tag names the version; records with another first tag are
discarded, and more than one remaining record means none applies (RFC 8460 3). BIMI has no
RFC yet: it is the IETF draft draft-brand-indicators-for-message-identification, and it
only takes effect with an enforcing DMARC policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.checks.findings import could_not_check, problem, status_of
from smtp_gui.core.checks.status import CheckResult, Detail, Problem, Status
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.dmarc import discover
from smtp_gui.core.records.dmarc_record import parse_dmarc
from smtp_gui.core.records.org_domain import normalize
from smtp_gui.core.text.messages import Note
from smtp_gui.core.text.taglist import TagList, parse_tag_list, split_list

TLSRPT_RFC = "RFC 8460 3"
BIMI_DRAFT = "draft-brand-indicators-for-message-identification"
_MAILBOX = re.compile(r"[^@\s]+@[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9])?")
_HTTPS = re.compile(r"https://[^\s/?#]+[^\s]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PolicyText:
    """A parsed TLS-RPT or BIMI record with its findings and explained tags."""

    text: str
    tags: TagList
    problems: tuple[Problem, ...]
    details: tuple[Detail, ...]

    @property
    def valid(self) -> bool:
        return not any(p.severity is Status.FAIL for p in self.problems)


def _versioned(text: str, version: str, key: str, rfc: str) -> tuple[TagList, list[Problem]]:
    tags = parse_tag_list(text)
    found: list[Problem] = []
    first = tags.tags[0] if tags.tags else None
    if first is None or first.name != "v" or first.value != version:
        found.append(problem(key, Status.FAIL, rfc, version=version))
    for issue in tags.issues:
        found.append(problem("policy.syntax", Status.FAIL, rfc, text=issue.text[:40]))
    return tags, found


def parse_tlsrpt(text: str) -> PolicyText:
    """RFC 8460 3: ``v=TLSRPTv1; rua=<mailto: or https: URIs, comma-separated>``."""
    tags, found = _versioned(text, "TLSRPTv1", "tlsrpt.version", TLSRPT_RFC)
    details = [Detail("v", "TLSRPTv1", Note("tlsrpt.meaning.v", {}))]
    rua = tags.get("rua")
    if rua is None or not rua.strip():
        found.append(problem("tlsrpt.no_rua", Status.FAIL, TLSRPT_RFC))
    else:
        for uri in split_list(rua, ","):
            scheme, _colon, rest = uri.partition(":")
            scheme = scheme.lower()
            if scheme == "mailto" and _MAILBOX.fullmatch(rest.split("?", 1)[0]):
                details.append(Detail("rua", uri, Note("tlsrpt.meaning.mailto", {})))
            elif scheme == "https" and _HTTPS.fullmatch(uri):
                details.append(Detail("rua", uri, Note("tlsrpt.meaning.https", {})))
            else:
                found.append(problem("tlsrpt.bad_uri", Status.FAIL, TLSRPT_RFC, uri=uri[:80]))
    return PolicyText(text, tags, tuple(found), tuple(details))


def parse_bimi(text: str) -> PolicyText:
    """``v=BIMI1; l=<https URL of an SVG logo>; a=<https URL of a VMC/CMC certificate>``."""
    tags, found = _versioned(text, "BIMI1", "bimi.version", BIMI_DRAFT)
    details = [Detail("v", "BIMI1", Note("bimi.meaning.v", {}))]
    logo, evidence = tags.get("l"), tags.get("a")
    if logo is None:
        found.append(problem("bimi.no_logo", Status.FAIL, BIMI_DRAFT))
    elif not logo.strip() and not (evidence or "").strip():
        found.append(problem("bimi.declined", Status.INFO, BIMI_DRAFT))
    else:
        if not _HTTPS.fullmatch(logo):
            found.append(problem("bimi.logo_not_https", Status.FAIL, BIMI_DRAFT, url=logo[:80]))
        elif not logo.lower().split("?", 1)[0].endswith(".svg"):
            found.append(problem("bimi.logo_not_svg", Status.WARN, BIMI_DRAFT, url=logo[:80]))
        details.append(Detail("l", logo, Note("bimi.meaning.l", {})))
        if evidence is None or not evidence.strip():
            found.append(problem("bimi.no_evidence", Status.INFO, BIMI_DRAFT))
        elif not _HTTPS.fullmatch(evidence):
            found.append(
                problem("bimi.evidence_not_https", Status.FAIL, BIMI_DRAFT, url=evidence[:80])
            )
        else:
            details.append(Detail("a", evidence, Note("bimi.meaning.a", {})))
    return PolicyText(text, tags, tuple(found), tuple(details))


def _txt_policy_check(
    name: str,
    owner: str,
    version_prefix: str,
    parse: Callable[[str], PolicyText],
    resolver: dns.resolver.Resolver,
    none_key: str,
    rfc: str,
    domain: str,
) -> tuple[CheckResult | None, PolicyText | None]:
    (answer,) = lookup_all(resolver, [(owner, "TXT")])
    if answer.could_not_check:
        return could_not_check(name, answer), None
    records = [r for r in answer.records if r.startswith(version_prefix)]
    if not records:
        return CheckResult(name, Status.INFO, Note(none_key, {"domain": domain})), None
    if len(records) > 1:
        note = Note("policy.multiple", {"name": owner, "count": len(records)})
        return CheckResult(
            name,
            Status.FAIL,
            note,
            record="\n".join(records),
            problems=(Problem(note, Status.FAIL, rfc),),
        ), None
    parsed = parse(records[0])
    return None, parsed


def tls_rpt_check(domain: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """The ``tls-rpt`` row: where senders report TLS failures for mail to ``domain``."""
    domain = normalize(domain)
    done, parsed = _txt_policy_check(
        "tls-rpt",
        f"_smtp._tls.{domain}",
        "v=TLSRPTv1",
        parse_tlsrpt,
        resolver,
        "tlsrpt.none",
        TLSRPT_RFC,
        domain,
    )
    if done is not None:
        return done
    assert parsed is not None
    summary = Note(
        "tlsrpt.summary" if parsed.valid else "tlsrpt.summary_invalid", {"domain": domain}
    )
    return CheckResult(
        "tls-rpt",
        status_of(parsed.problems),
        summary,
        record=parsed.text,
        problems=parsed.problems,
        details=parsed.details,
    )


def bimi_check(domain: str, resolver: dns.resolver.Resolver) -> CheckResult:
    """The ``bimi`` row: the brand logo record, and whether DMARC is strict enough for it."""
    domain = normalize(domain)
    done, parsed = _txt_policy_check(
        "bimi",
        f"default._bimi.{domain}",
        "v=BIMI1",
        parse_bimi,
        resolver,
        "bimi.none",
        BIMI_DRAFT,
        domain,
    )
    if done is not None:
        return done
    assert parsed is not None
    problems = list(parsed.problems)
    problems.extend(_dmarc_enforcement(domain, resolver))
    summary = Note("bimi.summary" if parsed.valid else "bimi.summary_invalid", {"domain": domain})
    return CheckResult(
        "bimi",
        status_of(problems),
        summary,
        record=parsed.text,
        problems=tuple(problems),
        details=parsed.details,
    )


def _dmarc_enforcement(domain: str, resolver: dns.resolver.Resolver) -> list[Problem]:
    """BIMI logos are shown only for domains whose DMARC policy is quarantine or reject."""
    found = discover(domain, resolver)
    if found.failure is not None:
        return [problem("bimi.dmarc_unchecked", Status.WARN, BIMI_DRAFT)]
    if len(found.records) != 1:
        return [problem("bimi.dmarc_missing", Status.FAIL, BIMI_DRAFT)]
    record = parse_dmarc(found.records[0])
    at_org = found.found_at != domain
    policy = record.value("sp" if at_org else "p")
    pct = record.value("pct") or "100"
    if policy not in ("quarantine", "reject") or pct != "100":
        return [problem("bimi.dmarc_weak", Status.FAIL, BIMI_DRAFT, policy=policy or "-", pct=pct)]
    return []
