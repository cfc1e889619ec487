"""Shared fixtures: offscreen Qt, isolated settings, and the loopback DNS server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Loopback only, here and in every Python subprocess a test starts (see netguard).
_NETGUARD = os.path.join(os.path.dirname(__file__), "netguard")
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (_NETGUARD, os.environ.get("PYTHONPATH", "")) if p
)
import tests.netguard.sitecustomize  # noqa: E402,F401  (installs the guard in this process)
from tests.dnsserver import LoopbackDNSServer  # noqa: E402


@pytest.fixture
def dns_server() -> Iterator[LoopbackDNSServer]:
    """A real DNS server on 127.0.0.1 (ephemeral port), loaded from tests/zones/*.zone."""
    server = LoopbackDNSServer()
    server.load_zone_dir()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def resolver_config(dns_server: LoopbackDNSServer):  # type: ignore[no-untyped-def]
    """A ResolverConfig that asks only the loopback server, with a short timeout."""
    from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig

    return ResolverConfig((Nameserver(dns_server.host, dns_server.port),), timeout=1.0)


@pytest.fixture
def smtp_servers(tmp_path):  # type: ignore[no-untyped-def]
    """Real SMTP servers on 127.0.0.1 (aiosmtpd, and scripted misbehaving ones): see
    tests/smtpserver.py. Each is started on demand and stopped after the test."""
    from tests.smtpserver import SMTPServers

    servers = SMTPServers(tmp_path)
    try:
        yield servers
    finally:
        servers.stop()


@pytest.fixture
def settled_heap() -> Iterator[None]:
    """For tests that time the window: the objects a long test run has left behind are moved
    out of the garbage collector's sight (``gc.freeze``), so a full collection over the whole
    suite's heap, which the app's own small process never pays, is not taken for a freeze."""
    import gc

    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
