"""Which nameservers to ask, on which port, with which timeout; builds dnspython resolvers.

STYLE: one ``Resolver(configure=False)`` per configuration, shared read-only across threads;
never the module-level ``dns.resolver.resolve()``. A new configuration means a new resolver.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from functools import cache

import dns.flags
import dns.nameserver
import dns.resolver

from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.errors import input_error

DEFAULT_TIMEOUT = 3.0
MAX_TIMEOUT = 60.0

# Well-known public resolvers. Spamhaus and some other DNSBLs refuse queries that arrive
# through them (answering 127.255.255.254), so a check through one is warned about.
PUBLIC_RESOLVERS = frozenset(
    {
        "8.8.8.8",
        "8.8.4.4",
        "2001:4860:4860::8888",
        "2001:4860:4860::8844",  # Google
        "1.1.1.1",
        "1.0.0.1",
        "2606:4700:4700::1111",
        "2606:4700:4700::1001",  # Cloudflare
        "9.9.9.9",
        "149.112.112.112",
        "2620:fe::fe",
        "2620:fe::9",  # Quad9
        "208.67.222.222",
        "208.67.220.220",  # OpenDNS
        "114.114.114.114",
        "114.114.115.115",  # 114DNS
        "223.5.5.5",
        "223.6.6.6",  # AliDNS
        "119.29.29.29",
        "180.76.76.76",  # DNSPod, Baidu
        "94.140.14.14",
        "94.140.15.15",  # AdGuard
        "76.76.2.0",
        "76.76.10.0",  # Control D
    }
)


@dataclass(frozen=True, slots=True)
class Nameserver:
    address: str
    port: int = 53

    def __str__(self) -> str:
        if ":" in self.address:
            return f"[{self.address}]:{self.port}" if self.port != 53 else self.address
        return f"{self.address}:{self.port}" if self.port != 53 else self.address

    @property
    def is_public(self) -> bool:
        return self.address in PUBLIC_RESOLVERS


@dataclass(frozen=True, slots=True)
class ResolverConfig:
    """Nameservers (empty: the system's), the per-query timeout and the overall lifetime."""

    nameservers: tuple[Nameserver, ...] = ()
    timeout: float = DEFAULT_TIMEOUT

    def effective_nameservers(self) -> tuple[Nameserver, ...]:
        return self.nameservers or system_nameservers()

    def describe(self) -> str:
        """Which resolver answers, for a result row: ``127.0.0.1:5353`` or ``system (…)``."""
        if self.nameservers:
            return ", ".join(str(ns) for ns in self.nameservers)
        found = system_nameservers()
        return "system (" + (", ".join(str(ns) for ns in found) or "none configured") + ")"

    def public_resolvers(self) -> tuple[Nameserver, ...]:
        return tuple(ns for ns in self.effective_nameservers() if ns.is_public)


def parse_nameserver(text: str) -> Nameserver:
    """``HOST``, ``HOST:PORT``, ``[v6]:PORT`` or a bare IPv6 address."""
    value = text.strip()
    address, port = value, 53
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            raise input_error("resolver.bad_nameserver", value=text)
        address, rest = value[1:end], value[end + 1 :]
        if rest:
            if not rest.startswith(":"):
                raise input_error("resolver.bad_nameserver", value=text)
            port = _port(rest[1:], text)
    elif value.count(":") == 1:
        address, port_text = value.split(":")
        port = _port(port_text, text)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        raise input_error("resolver.bad_nameserver", value=text) from None
    check_unicast(ip, text)
    return Nameserver(address, port)


def check_unicast(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, text: str) -> None:
    """A nameserver is one machine's address: refuse what names a group, every host, no
    host, or only means something on one interface of this machine."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.scope_id:
        # RFC 4007 11: "fe80::1%eth0" names an interface of this machine, not a server
        # anyone else can reach; which interface would be a guess.
        raise input_error("resolver.scoped_nameserver", value=text, zone=ip.scope_id)
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    for candidate in (ip, mapped):
        if candidate is None:
            continue
        if candidate.is_multicast:  # 224.0.0.0/4, ff00::/8
            raise input_error("resolver.multicast_nameserver", value=text)
        if candidate == ipaddress.IPv4Address("255.255.255.255"):  # RFC 919 7: every host
            raise input_error("resolver.broadcast_nameserver", value=text)
        if candidate.is_unspecified:  # 0.0.0.0, :: (RFC 1122 3.2.1.3, RFC 4291 2.5.2)
            raise input_error("resolver.unspecified_nameserver", value=text)


def parse_timeout(value: object) -> float:
    """A per-query timeout in seconds: a finite number above 0, at most 60 (a number, or its
    text as typed or read back from the settings file); InputError otherwise."""
    seconds = math.nan
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except (ValueError, OverflowError):
            seconds = math.nan
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT):  # nan fails every test
        raise input_error("resolver.bad_timeout", value=str(value)[:40])
    return seconds


def _port(text: str, whole: str) -> int:
    port = parse_digits(text)
    if port is None or not 0 < port < 65536:
        raise input_error("resolver.bad_port", value=whole)
    return port


@cache
def system_nameservers() -> tuple[Nameserver, ...]:
    """The nameservers of the system configuration, read once."""
    try:
        system = dns.resolver.Resolver(configure=True)
    except (dns.resolver.NoResolverConfiguration, OSError):
        return ()
    found = []
    for ns in system.nameservers:
        address = ns if isinstance(ns, str) else getattr(ns, "address", str(ns))
        found.append(Nameserver(str(address), 53))
    return tuple(found)


def build_resolver(config: ResolverConfig) -> dns.resolver.Resolver:
    """A fresh resolver for ``config``: one try per nameserver within ``timeout`` overall."""
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [
        dns.nameserver.Do53Nameserver(ns.address, ns.port) for ns in config.effective_nameservers()
    ]
    resolver.timeout = config.timeout
    resolver.lifetime = config.timeout
    resolver.cache = None
    # RFC 6840 5.7: a validating resolver sets AD in its answer only when the query asked
    # with AD (or DO); without this, Lookup.dnssec_validated would always be False (DANE).
    resolver.flags = dns.flags.RD | dns.flags.AD
    return resolver
