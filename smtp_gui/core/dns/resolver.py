"""Builds dnspython resolvers from a ``ResolverConfig`` (config.py), and reads the system's.

STYLE: one ``Resolver(configure=False)`` per configuration, shared read-only across threads;
never the module-level ``dns.resolver.resolve()``. A new configuration means a new resolver.
The configuration's names are re-exported here for the modules that import them from here.
"""

from __future__ import annotations

import dns.flags
import dns.nameserver
import dns.resolver

from smtp_gui.core.dns.config import (
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
    PUBLIC_RESOLVERS,
    Nameserver,
    ResolverConfig,
    check_unicast,
    parse_nameserver,
    parse_timeout,
    resolver_config,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "PUBLIC_RESOLVERS",
    "Nameserver",
    "ResolverConfig",
    "build_resolver",
    "check_unicast",
    "parse_nameserver",
    "parse_timeout",
    "resolver_config",
]


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
