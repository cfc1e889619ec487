"""DNS resolution that ends at a ``Deadline`` and can be called off: the app's one way to ask.

dnspython's ``Resolver.resolve()`` has two habits that break ``--timeout``: after a try
times out it sleeps a back-off (0.1 s, then more) *before* looking at its lifetime, so a
0.5 s timeout took 0.6 s; and it blocks in one ``select`` for the whole timeout, so
nothing can stop it early. ``bounded_resolve()`` drives dnspython's own resolution logic
(``_Resolution``, which dnspython keeps apart precisely so that other I/O loops can use
it) with a loop that never waits past the deadline and waits on UDP in short slices,
looking at the deadline's cancel event between them.

A check receives the resolver it asks; ``with_deadline()`` returns a copy of it that
carries the check's ``Deadline``, so the one deadline reaches every query the check
makes (``lookup()`` reads it back with ``deadline_of()``) without a timer per call site.
"""

from __future__ import annotations

import socket
import time
from typing import Any

import dns.exception
import dns.inet
import dns.message
import dns.nameserver
import dns.query
import dns.rdataclass
import dns.resolver

from smtp_gui.core.deadline import Deadline


class DeadlineResolver(dns.resolver.Resolver):
    """A resolver bound to one piece of work's ``Deadline``; ``resolve()`` honours it."""

    deadline: Deadline

    def resolve(  # type: ignore[override]
        self,
        qname: Any,
        rdtype: Any = "A",
        rdclass: Any = dns.rdataclass.IN,
        tcp: bool = False,
        source: str | None = None,
        raise_on_no_answer: bool = True,
        source_port: int = 0,
        lifetime: float | None = None,
        search: bool | None = None,
    ) -> dns.resolver.Answer:
        deadline = self.deadline if lifetime is None else self.deadline.within(lifetime)
        return bounded_resolve(
            self, qname, rdtype, deadline, raise_on_no_answer=raise_on_no_answer, search=search
        )


def with_deadline(resolver: dns.resolver.Resolver, deadline: Deadline) -> DeadlineResolver:
    """A copy of ``resolver`` (same servers, timeout, flags) whose queries end by ``deadline``.

    The original stays untouched: it is shared read-only by other threads (STYLE).
    """
    bound = DeadlineResolver(configure=False)
    bound.__dict__.update(vars(resolver))
    bound.deadline = deadline
    return bound


def deadline_of(resolver: dns.resolver.Resolver) -> Deadline | None:
    """The deadline ``resolver`` carries, if it was made by ``with_deadline()``."""
    return resolver.deadline if isinstance(resolver, DeadlineResolver) else None


class _CancelledError(Exception):
    """The deadline's cancel event was set while a query waited."""


def bounded_resolve(
    resolver: dns.resolver.Resolver,
    qname: Any,
    rdtype: Any,
    deadline: Deadline,
    *,
    raise_on_no_answer: bool = False,
    search: bool | None = False,
) -> dns.resolver.Answer:
    """``resolver.resolve()`` that ends by ``deadline`` and by the resolver's ``lifetime``.

    Each try waits at most ``resolver.timeout``; dnspython's exceptions (NXDOMAIN,
    NoNameservers, LifetimeTimeout, ...) mean what they mean for ``resolve()``.
    """
    resolution = dns.resolver._Resolution(  # noqa: SLF001 - made for other I/O loops
        resolver, qname, rdtype, dns.rdataclass.IN, False, raise_on_no_answer, search
    )
    end = deadline.within(float(resolver.lifetime))
    while True:
        request, answer = resolution.next_request()
        if answer is not None:  # a cache hit (an Answer can be empty: compare with None)
            return answer
        assert request is not None
        done = False
        while not done:
            nameserver, tcp, backoff = resolution.next_nameserver()
            if backoff:
                end.sleep(backoff)  # never past the deadline, unlike dnspython's own loop
            timeout = end.capped(float(resolver.timeout))
            if timeout <= 0:
                raise dns.resolver.LifetimeTimeout(
                    timeout=float(resolver.lifetime), errors=resolution.errors
                )
            request.set_random_id()
            try:
                response = _query(nameserver, request, tcp, end.within(timeout))
            except _CancelledError:
                raise dns.resolver.LifetimeTimeout(timeout=0.0, errors=resolution.errors) from None
            except Exception as exc:  # noqa: BLE001 - dnspython sorts I/O errors itself
                _answer, done = resolution.query_result(None, exc)
                continue
            answer, done = resolution.query_result(response, None)
            if answer is not None:
                return answer


def _query(
    nameserver: dns.nameserver.Nameserver,
    request: dns.message.QueryMessage,
    tcp: bool,
    end: Deadline,
) -> dns.message.Message:
    if not isinstance(nameserver, dns.nameserver.Do53Nameserver):
        return nameserver.query(
            request, timeout=end.remaining(), source=None, source_port=0, max_size=tcp
        )
    if tcp:
        # Only after a truncated UDP answer: bounded by the try's time, not sliced.
        return dns.query.tcp(request, nameserver.address, end.remaining(), nameserver.port)
    return _udp(request, nameserver.address, nameserver.port, end)


def _udp(
    request: dns.message.QueryMessage, address: str, port: int, end: Deadline
) -> dns.message.Message:
    """One UDP try; the wait is cut in slices so that ``end.cancel`` is noticed at once."""
    family = dns.inet.af_for_address(address)
    destination = dns.inet.low_level_address_tuple((address, port), family)
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.setblocking(False)
        dns.query.send_udp(sock, request, destination)
        while True:
            if end.cancelled:
                raise _CancelledError()
            wait = end.slice()
            if wait <= 0:
                raise dns.exception.Timeout(timeout=0.0)
            try:
                response, _when = dns.query.receive_udp(
                    sock,
                    destination,
                    time.time() + wait,  # dnspython's expirations are wall-clock times
                    ignore_unexpected=True,
                    raise_on_truncation=True,
                    ignore_errors=True,
                    query=request,
                )
            except dns.exception.Timeout:
                continue
            return response  # type: ignore[no-any-return]
