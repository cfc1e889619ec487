"""Runs inside a private network namespace (``unshare -rnm``): whole processes against the
loopback DNS server on 127.0.0.1:53, the namespace's system resolver.

    unshare -rnm python -m tests.benchmarks.netns_driver RUNS COUNT DELAY

Brings up the namespace's loopback, bind-mounts a resolv.conf that names 127.0.0.1 over
/etc/resolv.conf (only inside this mount namespace), starts ``dns_server.py`` on port 53,
then runs, alternately, ``smtp-gui check blacklist`` (no --nameserver: the system
resolver), ``pydnsbl_check.py`` and ``smtp-gui explain 554`` (the process start of a
subcommand without DNS), each once to warm up and then RUNS times. Prints one JSON object
of wall times in seconds. Nothing here can reach a network outside the namespace: it has
only its own loopback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEAN = "192.0.2.1"


def _wall(args: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[:4]} exited {done.returncode}: {done.stderr[-300:]!r}")
    return elapsed


def _round_trip(count: int) -> list[float]:
    """One UDP question to the server and its answer (after the server's delay)."""
    import dns.message
    import dns.query

    times = []
    for index in range(count + 1):
        query = dns.message.make_query(f"1.2.0.192.z{index % 50:03d}.many.dnsbl.test", "A")
        started = time.perf_counter()
        dns.query.udp(query, "127.0.0.1", timeout=2, port=53)
        times.append(time.perf_counter() - started)
    return times[1:]


def main() -> int:
    runs, count, delay = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n")
    subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.dns_server", "dnsbl", delay, str(count + 10)]
        + ["--port", "53"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert int(server.stdout.readline()) == 53
        zones = ",".join(f"z{i:03d}.many.dnsbl.test=bl.spamcop.net" for i in range(count))
        ours = [sys.executable, "-m", "smtp_gui", "check", "blacklist", CLEAN, "--json"]
        ours += ["--timeout", "2", "--zones", zones]
        peer = [sys.executable, str(ROOT / "tests/benchmarks/pydnsbl_check.py"), str(count), CLEAN]
        explain = [sys.executable, "-m", "smtp_gui", "explain", "554", "--json"]
        timings: dict[str, list[float]] = {"ours": [], "pydnsbl": [], "explain": []}
        for command in (ours, peer, explain):  # warm-up: file cache, .pyc
            _wall(command)
        for _ in range(runs):  # alternately, so that machine noise hits each alike
            timings["ours"].append(_wall(ours))
            timings["pydnsbl"].append(_wall(peer))
            timings["explain"].append(_wall(explain))
        timings["round_trip"] = _round_trip(runs)
        print(json.dumps(timings))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(10)
        os.unlink(conf.name)
    return 0


if __name__ == "__main__":
    socket.setdefaulttimeout(5)
    raise SystemExit(main())
