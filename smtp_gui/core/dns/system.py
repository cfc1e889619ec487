"""The system's nameservers (``/etc/resolv.conf`` or the platform's equivalent), read once.

Kept apart from ``config`` so that reading a configuration needs no dnspython until a
configuration without nameservers of its own is actually used.
"""

from __future__ import annotations

from functools import cache

import dns.resolver


@cache
def system_nameservers() -> tuple[tuple[str, int], ...]:
    """(address, port) of each nameserver of the system configuration."""
    try:
        system = dns.resolver.Resolver(configure=True)
    except (dns.resolver.NoResolverConfiguration, OSError):
        return ()
    found = []
    for ns in system.nameservers:
        address = ns if isinstance(ns, str) else getattr(ns, "address", str(ns))
        found.append((str(address), 53))
    return tuple(found)
