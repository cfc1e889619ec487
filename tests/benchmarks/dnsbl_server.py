"""The loopback DNS server in its own process, for the blocklist benchmarks.

    python -m tests.benchmarks.dnsbl_server DELAY COUNT

Serves COUNT fake lists ``zNN.many.dnsbl.test`` (test entries, 192.0.2.2 listed) answering
after DELAY seconds, plus ``dead.dnsbl.test`` that never answers; prints the port, then
serves until standard input closes. A separate process, so the server's own Python work
does not compete with the client being measured for one interpreter lock.
"""

from __future__ import annotations

import sys

from tests.dnsserver import LoopbackDNSServer


def main() -> int:
    delay, count = float(sys.argv[1]), int(sys.argv[2])
    server = LoopbackDNSServer()
    for index in range(count):
        zone = f"z{index:03d}.many.dnsbl.test"
        server.add(f"2.0.0.127.{zone}", "A", "127.0.0.2")
        server.add(f"2.2.0.192.{zone}", "A", "127.0.0.2")
        server.add_txt(f"2.2.0.192.{zone}", ["listed for the benchmark"])
    server.add("2.0.0.127.dead.dnsbl.test", "A", "127.0.0.2")
    server.behave("many.dnsbl.test", delay=delay)
    server.behave("dead.dnsbl.test", drop=True)
    server.start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
