"""One small HTTPS GET for a policy file, with the host name resolved by *our* resolver.

urllib would ask the system resolver; this fetcher asks the resolver the user chose (the
loopback server in tests), connects to that address, and still verifies the certificate for
the host name. It follows no redirect (RFC 8461 3.3), uses no proxy, reads at most
``limit`` bytes, and the whole fetch (the address lookup included) ends within ``timeout``
seconds and by the caller's ``Deadline``: a server that trickles bytes or never answers
cannot stretch it, and a cancelled deadline stops it within a tenth of a second. A body or
header block cut short is a failure ("truncated"), never a policy. Failures are values.
"""

from __future__ import annotations

import ipaddress
import ssl
import urllib.parse
from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.deadline import Deadline, unbounded
from smtp_gui.core.dns.deadline_resolver import deadline_of
from smtp_gui.core.dns.lookup import Lookup
from smtp_gui.core.dns.parallel import lookup_all
from smtp_gui.core.records.http_get import HttpGetError, http_get

DEFAULT_TIMEOUT = 5.0
DEFAULT_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetch:
    url: str
    body: str | None = None  # the text when the server answered 200
    status: int | None = None
    content_type: str = ""
    # Why there is no body: "no_host", "dns", "refused", "timeout", "tls", "status", "redirect",
    # "too_big", "truncated", "network", "bad_url".
    failure: str = ""
    detail: str = ""
    address: str = ""  # where the request went
    lookup: Lookup | None = None  # the DNS answer that failed, for "dns"

    @property
    def ok(self) -> bool:
        return self.body is not None


def resolve_host(
    host: str, resolver: dns.resolver.Resolver, deadline: Deadline | None = None
) -> tuple[str, Lookup | None]:
    """The first IPv4 (else IPv6) address of ``host``; an IP literal is its own address."""
    try:
        return str(ipaddress.ip_address(host)), None
    except ValueError:
        pass
    a, aaaa = lookup_all(resolver, [(host, "A"), (host, "AAAA")], deadline=deadline)
    for answer in (a, aaaa):
        if answer.records:
            return answer.records[0], None
    failed = a if a.could_not_check else aaaa if aaaa.could_not_check else None
    return "", failed


def fetch(
    url: str,
    resolver: dns.resolver.Resolver,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = DEFAULT_LIMIT,
    context: ssl.SSLContext | None = None,
    deadline: Deadline | None = None,
) -> Fetch:
    """GET ``url`` (http or https) and return its text, or why not.

    Ends within ``timeout`` seconds and by ``deadline`` (default: the one ``resolver``
    carries, see ``with_deadline()``).
    """
    end = (deadline or deadline_of(resolver) or unbounded()).within(timeout)
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return Fetch(url, failure="bad_url", detail=url)
    if parts.scheme not in ("http", "https") or not host:
        return Fetch(url, failure="bad_url", detail=url)
    address, failed = resolve_host(host, resolver, end)
    if not address:
        if failed is not None:
            return Fetch(url, failure="dns", detail=str(failed.outcome), lookup=failed)
        return Fetch(url, failure="no_host", detail=host)
    if parts.scheme == "https" and context is None:
        context = ssl.create_default_context()
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        response = http_get(
            address,
            port,
            host,
            target,
            end,
            context=context if parts.scheme == "https" else None,
            limit=limit,
        )
    except HttpGetError as exc:
        return Fetch(url, failure=exc.kind, detail=exc.detail, address=address)
    content_type = response.headers.get("content-type", "")
    if response.status != 200:
        kind = "redirect" if 300 <= response.status < 400 else "status"
        return Fetch(
            url,
            status=response.status,
            content_type=content_type,
            failure=kind,
            detail=str(response.status),
            address=address,
        )
    text = response.body.decode("utf-8", errors="replace")
    return Fetch(url, text, response.status, content_type, address=address)
