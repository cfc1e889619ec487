"""pydnsbl as a whole process, the peer of ``smtp-gui check blacklist`` (bench_process.py).

    python tests/benchmarks/pydnsbl_check.py COUNT IP

Checks IP against the COUNT benchmark lists ``zNNN.many.dnsbl.test`` through the system
resolver (c-ares reads /etc/resolv.conf) and prints how many list it. pydnsbl's own way: one
``DNSBLIpChecker``, one ``check()``; one try, 2 s timeout, like smtp-gui's default run.
"""

from __future__ import annotations

import sys

import pydnsbl
from pydnsbl.providers import Provider


def main() -> int:
    count, ip = int(sys.argv[1]), sys.argv[2]
    providers = [Provider(f"z{i:03d}.many.dnsbl.test") for i in range(count)]
    checker = pydnsbl.DNSBLIpChecker(providers=providers, timeout=2, tries=1)
    result = checker.check(ip)
    print(len(result.detected_by))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
