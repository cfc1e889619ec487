"""The loopback DNS server in its own process, for the benchmarks.

    python -m tests.benchmarks.dns_server dnsbl DELAY COUNT
    python -m tests.benchmarks.dns_server domain DELAY
    python -m tests.benchmarks.dns_server dnsbl DELAY COUNT --port 53   (a fixed port)

``dnsbl``: COUNT fake lists ``zNN.many.dnsbl.test`` (test entries, 192.0.2.2 listed)
answering after DELAY seconds, plus ``dead.dnsbl.test`` that never answers. ``domain``: the
zone ``tests/benchmarks/bench.zone`` (MX, SPF with includes, DMARC, DKIM), every answer after
DELAY seconds. Prints the port, then serves until standard input closes. A separate process,
so the server's own Python work does not compete with the client being measured for one
interpreter lock.

The answers are those of ``LoopbackDNSServer.answer()`` (the same records and behaviours the
tests use), served from one asyncio loop: each distinct question is answered once and then
replayed with the query's ID, and a delayed answer is a timer, not a sleeping thread, so
the server adds well under a millisecond to the round trip the benchmark measures.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import Any

from tests.dnsserver import LoopbackDNSServer


class _FastUDP(asyncio.DatagramProtocol):
    def __init__(self, data: LoopbackDNSServer) -> None:
        self._data = data
        self._cache: dict[bytes, tuple[float, bytes | None]] = {}
        self.transport: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def datagram_received(self, wire: bytes, addr: tuple[str, int]) -> None:
        key = wire[2:]
        cached = self._cache.get(key)
        if cached is None:
            behaviour, reply = self._data.answer(wire, "udp")
            cached = (behaviour.delay, reply[2:] if reply is not None else None)
            self._cache[key] = cached
        delay, body = cached
        if body is None or self.transport is None:
            return
        reply = wire[:2] + body
        if delay:
            asyncio.get_running_loop().call_later(delay, self.transport.sendto, reply, addr)
        else:
            self.transport.sendto(reply, addr)


def _dnsbl_data(delay: float, count: int) -> LoopbackDNSServer:
    data = LoopbackDNSServer()
    for index in range(count):
        zone = f"z{index:03d}.many.dnsbl.test"
        data.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
        data.add(f"2.2.0.192.{zone}", "A", "127.0.0.2")
        data.add_txt(f"2.2.0.192.{zone}", ["listed for the benchmark"])
    data.add("2.0.0.127.dead.dnsbl.test", "A", "127.0.0.2")
    data.behave("many.dnsbl.test", delay=delay)
    data.behave("dead.dnsbl.test", drop=True)
    return data


def _domain_data(delay: float) -> LoopbackDNSServer:
    data = LoopbackDNSServer()
    data.load_zone_file(Path(__file__).with_name("bench.zone"))
    data.behave("bench.test", delay=delay)
    return data


def main() -> int:
    words = sys.argv[1:]
    port = 0
    if "--port" in words:  # a fixed port (53 in a private network namespace)
        at = words.index("--port")
        port = int(words[at + 1])
        del words[at : at + 2]
    mode, delay = words[0], float(words[1])
    data = _dnsbl_data(delay, int(words[2])) if mode == "dnsbl" else _domain_data(delay)
    loop = asyncio.new_event_loop()
    transport, _protocol = loop.run_until_complete(
        loop.create_datagram_endpoint(lambda: _FastUDP(data), local_addr=("127.0.0.1", port))
    )
    print(transport.get_extra_info("sockname")[1], flush=True)
    stop = threading.Event()

    def wait_for_stdin() -> None:
        sys.stdin.read()
        stop.set()
        loop.call_soon_threadsafe(loop.stop)

    threading.Thread(target=wait_for_stdin, daemon=True).start()
    loop.run_forever()
    transport.close()
    loop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
