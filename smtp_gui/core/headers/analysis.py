"""The whole reading of one message's headers, offline: path, receiver, authentication,
identity, provider verdicts and findings."""

from __future__ import annotations

from dataclasses import dataclass, replace

from smtp_gui.core.headers.auth import AuthFacts, facts, ip_in
from smtp_gui.core.headers.authres_parse import ParsedBy, parse_auth_header
from smtp_gui.core.headers.fields import HeaderBlock
from smtp_gui.core.headers.identity import Identity, read_identity
from smtp_gui.core.headers.path import Path, build_path
from smtp_gui.core.headers.provider_verdicts import ProviderVerdict, provider_verdicts
from smtp_gui.core.headers.receiver import Receiver, find_receiver, trusted
from smtp_gui.core.headers.signatures import ArcSeal, arc_seals, with_selectors
from smtp_gui.core.headers.source import Source, SourceKind, read_source
from smtp_gui.core.report.model import Severity
from smtp_gui.core.text.errors import input_error

_MESSAGE_FIELDS = (
    "received", "from", "to", "subject", "date", "message-id", "authentication-results",
    "return-path", "dkim-signature", "x-forefront-antispam-report", "delivered-to",
)  # fmt: skip


# A real message carries a few; the receiver's are the newest. authres takes about 2 ms per
# field, so a paste of thousands is read no further than this.
MAX_AUTH_FIELDS = 50


@dataclass(frozen=True, slots=True)
class Finding:
    key: str  # a message key in resources/messages/headers.json
    severity: Severity
    params: dict[str, str]


@dataclass(frozen=True, slots=True)
class HeaderAnalysis:
    source: Source
    path: Path
    receiver: Receiver
    auth: tuple[AuthFacts, ...]  # in header order, newest first
    identity: Identity
    verdicts: tuple[ProviderVerdict, ...]
    findings: tuple[Finding, ...]
    arc_seals: tuple[ArcSeal, ...] = ()  # each ARC-Seal's instance and cv= (RFC 8617 4.1.3)

    @property
    def block(self) -> HeaderBlock:
        return self.source.block

    @property
    def judged(self) -> AuthFacts | None:
        """The receiver's own verdict: its trusted Authentication-Results taken together
        (iCloud writes one field per method), the newest first; else its ARC ones."""
        mine = [a for a in self.auth if a.trusted and a.header.arc_instance is None]
        mine = mine or [a for a in self.auth if a.trusted]
        if not mine:
            return None
        first = mine[0]
        return replace(
            first,
            spf=next((a.spf for a in mine if a.spf), None),
            spf_helo=next((a.spf_helo for a in mine if a.spf_helo), None),
            dkim=next((a.dkim for a in mine if a.dkim), ()),
            dmarc=next((a.dmarc for a in mine if a.dmarc), None),
            arc=next((a.arc for a in mine if a.arc), None),
        )


def _hinted_ip(block: HeaderBlock, auth: list[AuthFacts]) -> str | None:
    for item in auth:
        if item.header.arc_instance is None and item.client_ip:
            return item.client_ip
    report = block.first("X-Forefront-Antispam-Report")
    if report is not None and (ip := ip_in(report.value.replace("CIP:", "ip="))):
        return ip
    spf = block.first("Received-SPF")
    return ip_in(spf.value) if spf is not None else None


def analyse(data: str | bytes, name: str = "input") -> HeaderAnalysis:
    """Read ``data`` (text, or the bytes of a file); bad input raises ``InputError``."""
    source = read_source(data, name)
    block = source.block
    if not any(block.first(key) for key in _MESSAGE_FIELDS):
        raise input_error("headers.no_fields", name=name)
    path = build_path(block.all("Received"))
    found = [
        f for f in block.fields if f.key in ("authentication-results", "arc-authentication-results")
    ]
    headers = [
        parse_auth_header(f.value, f.index, arc=f.key.startswith("arc-"))
        for f in found[:MAX_AUTH_FIELDS]
    ]
    # First without trust, to find the IP the receiver named; then with it.
    draft = [facts(h, True) for h in headers]
    receiver = find_receiver(block, path, headers, _hinted_ip(block, draft))
    auth = with_selectors(tuple(facts(h, trusted(h, receiver)) for h in headers), block)
    identity = read_identity(block)
    verdicts = provider_verdicts(block)
    return HeaderAnalysis(
        source, path, receiver, auth, identity, verdicts,
        _findings(source, path, auth, identity, len(found) - len(headers)), arc_seals(block),
    )  # fmt: skip


def _findings(
    source: Source, path: Path, auth: tuple[AuthFacts, ...], identity: Identity, unread: int
) -> tuple[Finding, ...]:
    found: list[Finding] = []
    if source.kind is SourceKind.MBOX and source.messages > 1:
        found.append(
            Finding("headers.finding.mbox_more", Severity.INFO, {"n": str(source.messages)})
        )
    for hop in path.hops:
        if hop.skew and hop.delay_s is not None:
            params = {"index": str(hop.index), "seconds": str(int(-hop.delay_s))}
            found.append(Finding("headers.finding.skew", Severity.INFO, params))
        elif hop.inflated and hop.delay_s is not None:
            params = {"index": str(hop.index), "seconds": str(int(hop.delay_s))}
            found.append(Finding("headers.finding.inflated", Severity.INFO, params))
    if path.dropped:
        found.append(
            Finding("headers.finding.hops_dropped", Severity.INFO, {"n": str(path.dropped)})
        )
    if unread:
        found.append(Finding("headers.finding.auth_dropped", Severity.INFO, {"n": str(unread)}))
    if not path.hops:
        found.append(Finding("headers.finding.no_received", Severity.WARNING, {}))
    for item in auth:
        where = item.header.authserv_id or "(no authserv-id)"
        if not item.trusted:
            found.append(Finding("headers.finding.untrusted", Severity.WARNING, {"id": where}))
        if item.header.parsed_by is ParsedBy.LENIENT:
            found.append(Finding("headers.finding.not_rfc8601", Severity.INFO, {"id": where}))
    for key, params in identity.mismatches:
        found.append(Finding(key, Severity.WARNING, params))
    return tuple(found)
