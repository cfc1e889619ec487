"""Which nameservers to ask, on which port, with which timeout: the checked configuration.

``resolver_config()`` is the one way from what the user typed (the checks pane's fields, the
CLI's ``--nameserver``/``--timeout``, the settings file) to a ``ResolverConfig``: every value
is checked there, once, for the window and the command line alike. This module does not
import dnspython (the command line's parser and the window's settings read the defaults
here); ``resolver.py`` builds resolvers from a configuration.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Iterable
from dataclasses import dataclass

from smtp_gui.core.text.digits import parse_digits
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.fields import split_field

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
        if self.nameservers:
            return self.nameservers
        from smtp_gui.core.dns.system import system_nameservers  # reads the system's

        return tuple(Nameserver(address, port) for address, port in system_nameservers())

    def describe(self) -> str:
        """Which resolver answers, for a result row: ``127.0.0.1:5353`` or ``system (…)``."""
        if self.nameservers:
            return ", ".join(str(ns) for ns in self.nameservers)
        found = self.effective_nameservers()
        return "system (" + (", ".join(str(ns) for ns in found) or "none configured") + ")"

    def public_resolvers(self) -> tuple[Nameserver, ...]:
        return tuple(ns for ns in self.effective_nameservers() if ns.is_public)


def resolver_config(
    nameservers: str | Iterable[str] = "", timeout: object = DEFAULT_TIMEOUT
) -> ResolverConfig:
    """The nameservers and the per-query timeout as given, checked: InputError on the first
    value that is wrong, before any packet.

    ``nameservers`` is the checks pane's field (``127.0.0.1:5353, [::1]``: separated by
    commas or spaces) or the values of repeated ``--nameserver`` options (one each); empty
    means the system's. ``timeout`` is a number or its text (``parse_timeout``)."""
    seconds = parse_timeout(timeout)
    texts = split_field(nameservers) if isinstance(nameservers, str) else tuple(nameservers)
    return ResolverConfig(tuple(parse_nameserver(text) for text in texts), timeout=seconds)


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
