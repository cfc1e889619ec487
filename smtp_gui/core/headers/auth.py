"""What each authentication method said, as the receiver judged it: SPF with the MAIL FROM
and HELO identities kept apart (RFC 8601 2.7.2), each DKIM signature (2.7.1), DMARC with
the published policy and the action taken (RFC 7489 11.2), ARC (RFC 8617 4.1.1), BIMI."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from smtp_gui.core.headers.authres_parse import AuthHeader, MethodResult

# Where receivers name the connecting IP: Microsoft "(sender IP is 192.0.2.1)", Gmail
# "designates 192.0.2.1 as permitted sender", Received-SPF's client-ip=, smtp.remote-ip.
_IP_PHRASES = re.compile(
    r"(?:sender ip is|designates|does not designate|client-ip=|remote-ip=|neither permitted "
    r"nor denied by best guess record for domain of \S+\)?|ip=)\s*\[?([0-9A-Fa-f:.]{3,45})",
    re.IGNORECASE,
)
_POLICY = re.compile(r"\bp=([A-Za-z]+)")
_DISPOSITION = re.compile(r"\bdis=([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class SpfFact:
    result: str
    mailfrom: str | None  # smtp.mailfrom: the MAIL FROM identity (RFC 7208 2.4)
    helo: str | None  # smtp.helo: the HELO identity (RFC 7208 2.3), a different check
    identity: str  # which identity the result is for: "mailfrom", "helo" or ""
    ip: str | None
    comment: str


@dataclass(frozen=True, slots=True)
class DkimFact:
    result: str
    domain: str | None  # header.d (or the domain of header.i)
    selector: str | None  # header.s
    identity: str | None  # header.i
    algorithm: str | None  # header.a
    reason: str  # the receiver's reason or comment ("signature verification failed")


@dataclass(frozen=True, slots=True)
class DmarcFact:
    result: str
    policy: str | None  # the published p=, from a comment or policy.published-domain-policy
    action: str | None  # what the receiver did: Microsoft action=, Gmail dis=, ...
    header_from: str | None


@dataclass(frozen=True, slots=True)
class SimpleFact:
    """ARC, BIMI, Microsoft's compauth and any other method: a result and its words."""

    method: str
    result: str
    detail: str  # reason, comment and properties as written


@dataclass(frozen=True, slots=True)
class AuthFacts:
    header: AuthHeader
    trusted: bool
    spf: SpfFact | None  # the MAIL FROM result (or the only SPF result)
    spf_helo: SpfFact | None  # a separate HELO result, when the receiver gave one
    dkim: tuple[DkimFact, ...]
    dmarc: DmarcFact | None
    arc: SimpleFact | None
    others: tuple[SimpleFact, ...]  # bimi, compauth, iprev, auth ...

    @property
    def client_ip(self) -> str | None:
        for fact in (self.spf, self.spf_helo):
            if fact is not None and fact.ip:
                return fact.ip
        return None


def ip_in(text: str) -> str | None:
    for match in _IP_PHRASES.finditer(text):
        try:
            return str(ipaddress.ip_address(match.group(1).rstrip(".")))
        except ValueError:
            continue
    return None


def _spf(item: MethodResult) -> SpfFact:
    mailfrom = item.prop("smtp", "mailfrom")
    helo = item.prop("smtp", "helo")
    identity = "mailfrom" if mailfrom else ("helo" if helo else "")
    texts = [item.comment, item.reason, *(f"{p.name}={p.value}" for p in item.props)]
    return SpfFact(item.result, mailfrom, helo, identity, ip_in(" ".join(texts)), item.comment)


def _domain_of(identity: str | None) -> str | None:
    if not identity:
        return None
    return identity.rpartition("@")[2].lower() or None


def _dkim(item: MethodResult) -> DkimFact:
    identity = item.prop("header", "i")
    domain = item.prop("header", "d") or _domain_of(identity)
    reason = item.reason or item.comment
    return DkimFact(
        item.result,
        domain.lower() if domain else None,
        item.prop("header", "s"),
        identity,
        item.prop("header", "a"),
        reason,
    )


def _dmarc(item: MethodResult) -> DmarcFact:
    policy = item.prop("policy", "published-domain-policy")
    if policy is None and (found := _POLICY.search(item.comment)):
        policy = found.group(1)
    action = item.prop("", "action") or item.prop("policy", "applied-disposition")
    if action is None and (found := _DISPOSITION.search(item.comment)):
        action = found.group(1)
    header_from = item.prop("header", "from")
    return DmarcFact(
        item.result,
        policy.lower() if policy else None,
        action.lower() if action else None,
        header_from.lower() if header_from else None,
    )


def _simple(item: MethodResult) -> SimpleFact:
    words = [item.reason, item.comment, *(_prop_text(p.ptype, p.name, p.value) for p in item.props)]
    return SimpleFact(item.method, item.result, " ".join(w for w in words if w))


def _prop_text(ptype: str, name: str, value: str) -> str:
    return f"{ptype}.{name}={value}" if ptype else f"{name}={value}"


def facts(header: AuthHeader, trusted: bool) -> AuthFacts:
    """The facts of one field; ``trusted`` says whether the receiver's boundary added it."""
    spf: SpfFact | None = None
    spf_helo: SpfFact | None = None
    dkim: list[DkimFact] = []
    dmarc: DmarcFact | None = None
    arc: SimpleFact | None = None
    others: list[SimpleFact] = []
    for item in header.results:
        if item.method == "spf":
            fact = _spf(item)
            if fact.identity == "helo":
                spf_helo = spf_helo or fact
            elif spf is None:
                spf = fact
        elif item.method == "dkim":
            dkim.append(_dkim(item))
        elif item.method == "dmarc" and dmarc is None:
            dmarc = _dmarc(item)
        elif item.method == "arc" and arc is None:
            arc = _simple(item)
        else:
            others.append(_simple(item))
    if spf is None and spf_helo is not None:  # the only SPF result was for HELO: say it there
        spf, spf_helo = spf_helo, None
    return AuthFacts(header, trusted, spf, spf_helo, tuple(dkim), dmarc, arc, tuple(others))
