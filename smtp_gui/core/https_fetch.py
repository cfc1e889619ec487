"""One small HTTPS GET for a policy file, with the host name resolved by *our* resolver.

urllib would ask the system resolver; this fetcher asks the resolver the user chose (the
loopback server in tests), connects to that address, and still verifies the certificate for
the host name. It follows no redirect (RFC 8461 3.3), uses no proxy, reads at most
``limit`` bytes and gives up after ``timeout`` seconds. Failures are values, not exceptions.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import dns.resolver

from smtp_gui.core.lookup import Lookup
from smtp_gui.core.parallel import lookup_all

DEFAULT_TIMEOUT = 5.0
DEFAULT_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetch:
    url: str
    body: str | None = None  # the text when the server answered 200
    status: int | None = None
    content_type: str = ""
    # Why there is no body: "no_host", "dns", "refused", "timeout", "tls", "status", "redirect",
    # "too_big", "network", "bad_url".
    failure: str = ""
    detail: str = ""
    address: str = ""  # where the request went
    lookup: Lookup | None = None  # the DNS answer that failed, for "dns"

    @property
    def ok(self) -> bool:
        return self.body is not None


def _connection_class(base: Any, address: str) -> Any:
    """``base`` (HTTP or HTTPS connection) that connects to ``address`` whatever the host."""

    def factory(host: str, **kwargs: Any) -> Any:
        connection = base(host, **kwargs)

        def connect(where: tuple[str, int], timeout: Any = None, source: Any = None) -> Any:
            return socket.create_connection((address, where[1]), timeout, source)

        connection._create_connection = connect
        return connection

    return factory


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self._address = address

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_connection_class(http.client.HTTPConnection, self._address), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, address: str, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self._address = address
        self._pinned_context = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = _connection_class(http.client.HTTPSConnection, self._address)
        return self.do_open(factory, req, context=self._pinned_context)


def _opener(scheme: str, address: str, context: ssl.SSLContext) -> urllib.request.OpenerDirector:
    """No redirect handler and no proxy handler: a 3xx is an error, the environment is ignored."""
    opener = urllib.request.OpenerDirector()
    handler: urllib.request.BaseHandler = (
        _PinnedHTTPSHandler(address, context) if scheme == "https" else _PinnedHTTPHandler(address)
    )
    for item in (
        handler,
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(item)
    return opener


def resolve_host(host: str, resolver: dns.resolver.Resolver) -> tuple[str, Lookup | None]:
    """The first IPv4 (else IPv6) address of ``host``; an IP literal is its own address."""
    try:
        return str(ipaddress.ip_address(host)), None
    except ValueError:
        pass
    a, aaaa = lookup_all(resolver, [(host, "A"), (host, "AAAA")])
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
) -> Fetch:
    """GET ``url`` (http or https) and return its text, or why not."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return Fetch(url, failure="bad_url", detail=url)
    address, failed = resolve_host(host, resolver)
    if not address:
        if failed is not None:
            return Fetch(url, failure="dns", detail=str(failed.outcome), lookup=failed)
        return Fetch(url, failure="no_host", detail=host)
    request = urllib.request.Request(url, headers={"User-Agent": "smtp-gui", "Accept": "*/*"})
    opener = _opener(parts.scheme, address, context or ssl.create_default_context())
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(limit + 1)
            status = int(response.status)
            content_type = str(response.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as exc:
        kind = "redirect" if 300 <= exc.code < 400 else "status"
        exc.close()
        return Fetch(url, status=exc.code, failure=kind, detail=str(exc.code), address=address)
    except urllib.error.URLError as exc:
        return Fetch(url, failure=_reason_kind(exc.reason), detail=str(exc.reason), address=address)
    except TimeoutError as exc:
        return Fetch(url, failure="timeout", detail=str(exc) or "timed out", address=address)
    except (OSError, http.client.HTTPException) as exc:
        return Fetch(url, failure="network", detail=str(exc) or type(exc).__name__, address=address)
    if len(body) > limit:
        return Fetch(
            url,
            status=status,
            content_type=content_type,
            failure="too_big",
            detail=str(limit),
            address=address,
        )
    text = body.decode("utf-8", errors="replace")
    return Fetch(url, text, status, content_type, address=address)


def _reason_kind(reason: object) -> str:
    if isinstance(reason, ssl.SSLCertVerificationError | ssl.SSLError):
        return "tls"
    if isinstance(reason, ConnectionRefusedError):
        return "refused"
    if isinstance(reason, TimeoutError):
        return "timeout"
    return "network"
