"""Who received the message, and where it entered: the receiver's ADMD (RFC 8601 5: the
authserv-id of its own Authentication-Results, and the provider data), the entry hop (the
first Received its boundary added), the connecting IP, and which fields came from inside.

Fields below the boundary were written before the message reached the receiver: anyone can
forge them, so their Authentication-Results are not trusted (RFC 8601 5, 7.2).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from smtp_gui.core.diagnose.providers import Provider, providers
from smtp_gui.core.headers.authres_parse import AuthHeader
from smtp_gui.core.headers.fields import HeaderBlock
from smtp_gui.core.headers.path import Hop, Path
from smtp_gui.core.records.org_domain import organizational_domain

_MICROSOFT_MARKS = ("x-forefront-antispam-report", "x-ms-exchange-organization-authas")
# Fields the receiving MTA adds next to its Received field (Gmail puts them below it).
_TRACE = (
    "authentication-results",
    "arc-authentication-results",
    "arc-seal",
    "arc-message-signature",
    "received-spf",
    "return-path",
    "delivered-to",
    "x-original-to",
)


@dataclass(frozen=True, slots=True)
class Receiver:
    authserv_id: str  # of the newest Authentication-Results ("" for Microsoft 365, or none)
    provider: Provider | None
    domains: tuple[str, ...]  # organizational domains that are the receiver's
    entry: Hop | None
    connecting_ip: str | None
    boundary: int  # fields with an index below this were added inside the receiver
    by_ip: bool  # the entry hop was found by the IP the receiver named (else by names)

    def owns(self, name: str | None) -> bool:
        if not name:
            return False
        name = name.lower().rstrip(".")
        if self.provider is not None and self.provider.owns(name):
            return True
        return organizational_domain(name) in self.domains


def _is_ip(text: str | None) -> bool:
    if not text:
        return False
    try:
        ipaddress.ip_address(text.strip("[]").removeprefix("IPv6:"))
    except ValueError:
        return False
    return True


def _provider(names: Sequence[str], block: HeaderBlock) -> Provider | None:
    for name in names:
        for item in providers():
            if item.id != "generic" and name and item.owns(name):
                return item
    if any(block.first(mark) for mark in _MICROSOFT_MARKS):
        return next((p for p in providers() if p.id == "microsoft"), None)
    return None


def find_receiver(
    block: HeaderBlock, path: Path, auth: Sequence[AuthHeader], hinted_ip: str | None
) -> Receiver:
    """The receiver; ``hinted_ip`` is the connecting IP the receiver named (SPF comment,
    Microsoft's CIP), which finds the entry hop best."""
    plain = [a for a in auth if a.arc_instance is None]
    serv = plain[0].authserv_id if plain else ""
    newest_by = next(
        (h.received.by for h in reversed(path.hops) if h.received.by and not _is_ip(h.received.by)),
        None,
    )
    provider = _provider([serv, newest_by or ""], block)
    domains = {organizational_domain(n) for n in (serv, newest_by) if n and "." in n}
    if provider is not None:
        domains.update(organizational_domain(d) for d in provider.domains)
    draft = Receiver(serv, provider, tuple(sorted(domains)), None, None, len(block.fields), False)
    entry, by_ip = _entry(path, draft, hinted_ip)
    boundary = _boundary(block, path, entry, [a.index for a in auth])
    ip = hinted_ip if by_ip else (entry.received.ip if entry else None)
    return Receiver(serv, provider, draft.domains, entry, ip, boundary, by_ip)


def _entry(path: Path, receiver: Receiver, hinted_ip: str | None) -> tuple[Hop | None, bool]:
    if hinted_ip:
        for hop in reversed(path.hops):
            if hop.received.ip == hinted_ip:
                return hop, True
    entry = None
    for hop in reversed(path.hops):
        by = hop.received.by
        if by is None or _is_ip(by) or by.lower() == "localhost" or receiver.owns(by):
            entry = hop
            continue
        break
    return entry, False


def _boundary(block: HeaderBlock, path: Path, entry: Hop | None, auth: list[int]) -> int:
    if entry is None:
        return len(block.fields) if not path.hops else 0
    if entry.index > 1:
        return path.hops[entry.index - 2].field_index
    end = entry.field_index + 1
    if any(index < entry.field_index for index in auth):
        return end  # the receiver writes its results above its Received: none below are its

    while end < len(block.fields) and block.fields[end].key in _TRACE:
        end += 1
    return end


def trusted(header: AuthHeader, receiver: Receiver) -> bool:
    """RFC 8601 5: added inside the receiver's boundary, under its own authserv-id (Microsoft
    365 writes none; it is trusted there when the receiver is Microsoft)."""
    if header.index >= receiver.boundary:
        return False
    if not header.authserv_id:
        return receiver.provider is not None and receiver.provider.id == "microsoft"
    return receiver.owns(header.authserv_id) or header.authserv_id == receiver.authserv_id
