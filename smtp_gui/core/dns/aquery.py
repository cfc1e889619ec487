"""One DNS question as a coroutine on the engine's loop, ending by a ``Deadline``.

The same resolution as ``deadline_resolver.bounded_resolve()``: dnspython's own
``_Resolution`` (kept apart by dnspython precisely so that other I/O loops can drive it)
picks the server, the retries and TCP after a truncated answer; this loop never waits past
the deadline and never sleeps a back-off beyond it. A UDP try is one non-blocking socket
watched by the loop: no thread waits on it, and cancelling the task closes it at once.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import dns.exception
import dns.inet
import dns.message
import dns.nameserver
import dns.rdataclass
import dns.resolver

from smtp_gui.core.deadline import Deadline

_MAX_UDP = 65535


async def resolve(
    resolver: dns.resolver.Resolver, qname: Any, rdtype: Any, deadline: Deadline
) -> dns.resolver.Answer:
    """``resolver.resolve()`` on the loop, ending by ``deadline`` and the resolver's lifetime;
    dnspython's exceptions mean what they mean for ``resolve()``."""
    resolution = dns.resolver._Resolution(  # noqa: SLF001 - made for other I/O loops
        resolver, qname, rdtype, dns.rdataclass.IN, False, False, False
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
                await asyncio.sleep(end.capped(backoff))  # never past the deadline
            timeout = end.capped(float(resolver.timeout))
            if timeout <= 0:
                raise dns.resolver.LifetimeTimeout(
                    timeout=float(resolver.lifetime), errors=resolution.errors
                )
            request.set_random_id()
            try:
                response = await _query(nameserver, request, tcp, timeout)
            except Exception as exc:  # noqa: BLE001 - dnspython sorts I/O errors itself
                _answer, done = resolution.query_result(None, exc)
                continue
            answer, done = resolution.query_result(response, None)
            if answer is not None:
                return answer


async def _query(
    nameserver: dns.nameserver.Nameserver,
    request: dns.message.QueryMessage,
    tcp: bool,
    timeout: float,
) -> dns.message.Message:
    if isinstance(nameserver, dns.nameserver.Do53Nameserver) and not tcp:
        return await udp(request, nameserver.address, nameserver.port, timeout)
    from dns import asyncbackend  # only after a truncated UDP answer, or another transport

    backend = asyncbackend.get_backend("asyncio")
    return await nameserver.async_query(
        request, timeout=timeout, source=None, source_port=0, max_size=tcp, backend=backend
    )


async def udp(
    request: dns.message.QueryMessage, address: str, port: int, timeout: float
) -> dns.message.Message:
    """One UDP try: send, then wait for the answer to this query from this server (others
    are ignored, like dnspython's ``ignore_unexpected``); ``dns.exception.Timeout`` after
    ``timeout``; ``dns.message.Truncated`` when the answer says TC (RFC 1035 4.2.1: ask
    again over TCP)."""
    loop = asyncio.get_running_loop()
    family = dns.inet.af_for_address(address)
    destination = dns.inet.low_level_address_tuple((address, port), family)
    answered: asyncio.Future[dns.message.Message] = loop.create_future()
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.setblocking(False)

        def readable() -> None:
            while not answered.done():
                try:
                    wire, source = sock.recvfrom(_MAX_UDP)
                except (BlockingIOError, InterruptedError):
                    return
                except OSError:  # an ICMP error: like dnspython, wait on (ignore_errors)
                    return
                if tuple(source[:2]) != tuple(destination[:2]):
                    continue  # not from the server asked
                try:
                    response = dns.message.from_wire(
                        wire,
                        keyring=request.keyring,
                        request_mac=request.mac,
                        raise_on_truncation=True,
                    )
                except dns.message.Truncated as exc:
                    # Only a truncated answer *to this query* means "ask over TCP"; an
                    # injected or garbled one with TC set is ignored, as dnspython does.
                    if request.is_response(exc.message()):
                        answered.set_exception(exc)
                        return
                    continue
                except Exception:  # noqa: BLE001 - garbage: wait for the real answer
                    continue
                if request.is_response(response):
                    answered.set_result(response)

        loop.add_reader(sock.fileno(), readable)
        try:
            sock.sendto(request.to_wire(), destination)
            async with asyncio.timeout(timeout):
                return await answered
        except TimeoutError:
            raise dns.exception.Timeout(timeout=timeout) from None
        finally:
            loop.remove_reader(sock.fileno())
