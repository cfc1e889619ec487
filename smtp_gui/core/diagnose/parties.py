"""Who is who in a bounce: the sending IP and domain (what the sender can fix) and the
recipient. Host names and addresses that name the answering server are kept apart, so the
advice never sends the receiver's own MX to the blocklist check.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from smtp_gui.core.diagnose.entities import Entities, extract
from smtp_gui.core.diagnose.providers import Provider
from smtp_gui.core.diagnose.replies import FoundReply

# RFC 1918 and RFC 6598 space never appears on public blocklists.
_PRIVATE_V4 = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)
_PRIVATE_V6 = ipaddress.ip_network("fc00::/7")


@dataclass(frozen=True, slots=True)
class Parties:
    sender_ip: str = ""
    sender_domain: str = ""
    recipient: str = ""
    recipient_domain: str = ""


def listable(address: str) -> bool:
    """Could this address be on a public blocklist? Documentation ranges are allowed."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv4Address):
        return not any(ip in network for network in _PRIVATE_V4)
    return ip not in _PRIVATE_V6


def remote_addresses(remotes: Iterable[str]) -> set[str]:
    """IP addresses that name the server which answered (``host mx[198.51.100.5] said:``)."""
    found: set[str] = set()
    for remote in remotes:
        if remote:
            found.update(extract(remote[:400]).ips)
    return found


def find_sender_ip(failures: Sequence[FoundReply], entities: Entities, remote: set[str]) -> str:
    """An IP in the failing replies' text (Gmail ``[203.0.113.7 12]``, ``Client host [..]``),
    else one passed in a URL (``?ip=``). Other addresses in a bounce are usually relays or
    the receiver, so they are not guessed at."""
    for reply in failures:
        for address in extract(reply.text).ips:
            if address not in remote and listable(address):
                return address
    for address in entities.url_ips:
        if address not in remote and listable(address):
            return address
    return ""


def find_sender_domain(
    primary: FoundReply | None,
    candidates: Sequence[str],
    skip: set[str],
    provider: Provider | None,
    named_in_reply: bool,
) -> str:
    """For an authentication failure, a domain the failing reply names (``SPF check for
    [example.com]``); else the first of ``candidates`` (MAIL FROM, DSN sender, the bounce's
    recipient)."""
    if primary is not None and named_in_reply:
        named = extract(primary.text)
        url_hosts = {_host_of(url) for url in named.urls}
        for domain in named.domains:
            if domain in skip or domain in url_hosts:
                continue
            if provider is not None and provider.owns(domain):
                continue
            if any(email.endswith("@" + domain) for email in named.emails):
                continue  # an address in the text is usually the recipient
            return domain
    for candidate in candidates:
        domain = candidate.rpartition("@")[2].strip().lower().rstrip(">.")
        if domain and "." in domain:
            return domain
    return ""


def find_recipient(primary: FoundReply | None, candidates: Sequence[str]) -> str:
    """The address the failure is about: DSN recipient, RCPT TO, or one in the reply."""
    if primary is not None and primary.recipient:
        return primary.recipient.lower()
    if primary is not None:
        emails = extract(primary.text).emails
        if emails:
            return emails[0]
    for candidate in candidates:
        if "@" in candidate:
            return candidate.strip().lower()
    return ""


def _host_of(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].lower()
