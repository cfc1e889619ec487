"""What a blocklist check asks: the target (an IP or a domain) and the DNS names to query.

RFC 5782 2.1: an IPv4 address is looked up as its octets reversed under the zone;
2.4: an IPv6 address as its 32 nibbles reversed; 2.2: a domain as itself under the zone.
RFC 5782 5: every list carries test entries that say whether it is working.
"""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass

import dns.exception
import dns.name

from smtp_gui.core.dnsbl.zones import Zone, ZoneKind
from smtp_gui.core.text.errors import input_error

_MAX_TARGET = 320  # a full e-mail address at most
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


class TargetKind(enum.StrEnum):
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    DOMAIN = "domain"


@dataclass(frozen=True, slots=True)
class Target:
    """The thing being checked; ``value`` is normalised (compressed IP, lower-case A-label)."""

    kind: TargetKind
    value: str

    @property
    def is_ip(self) -> bool:
        return self.kind is not TargetKind.DOMAIN

    def applies_to(self, zone: Zone) -> bool:
        """Whether ``zone`` can answer for this target (IP lists for IPs, per family)."""
        if self.kind is TargetKind.DOMAIN:
            return zone.kind is ZoneKind.DOMAIN
        if zone.kind is not ZoneKind.IP:
            return False
        return zone.ipv6 if self.kind is TargetKind.IPV6 else zone.ipv4

    def __str__(self) -> str:
        return self.value


def parse_target(text: str) -> Target:
    """An IPv4/IPv6 address, a domain, or an e-mail address (its domain part is checked)."""
    original = text.strip()
    if not original:
        raise input_error("dnsbl.empty_target")
    if len(original) > _MAX_TARGET:
        raise input_error("dnsbl.bad_target", value=original[:40] + "…")
    value = original
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    if value.startswith("[") and value.endswith("]"):  # [192.0.2.1] as in Received: headers
        value = value[1:-1].strip()
    if "/" in value:
        network = _as_ip(value.partition("/")[0], original) is not None
        raise input_error("dnsbl.network_target" if network else "dnsbl.bad_target", value=original)
    address = _as_ip(value, original)
    if address is not None:
        return address
    if "@" in value:
        value = value.rpartition("@")[2]
    return Target(TargetKind.DOMAIN, _domain(value, original))


def _as_ip(value: str, original: str) -> Target | None:
    if "%" in value:  # a scope id (fe80::1%eth0) is not something a list can hold
        raise input_error("dnsbl.bad_target", value=original)
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped
        if mapped is not None:  # ::ffff:192.0.2.1 is the IPv4 sender 192.0.2.1
            return Target(TargetKind.IPV4, str(mapped))
        return Target(TargetKind.IPV6, address.compressed)
    return Target(TargetKind.IPV4, str(address))


def _domain(value: str, original: str) -> str:
    name = value.strip().rstrip(".")
    try:
        text = dns.name.from_unicode(name).to_text(omit_final_dot=True).lower()
    except (dns.exception.DNSException, UnicodeError, ValueError):
        raise input_error("dnsbl.bad_target", value=original) from None
    labels = text.split(".")
    if (
        len(labels) < 2
        or any(not label or not set(label) <= _LABEL_CHARS for label in labels)
        or labels[-1].isdigit()
        or any(label.startswith("-") or label.endswith("-") for label in labels)
    ):
        raise input_error("dnsbl.bad_target", value=original)
    return text


def reversed_name(target: Target) -> str:
    """The query prefix for ``target`` (without the zone)."""
    if target.kind is TargetKind.IPV4:
        # RFC 5782 2.1: octets in reverse order.
        return ".".join(reversed(target.value.split(".")))
    if target.kind is TargetKind.IPV6:
        # RFC 5782 2.4: all 32 nibbles of the full address, reversed, dot-separated.
        nibbles = ipaddress.IPv6Address(target.value).exploded.replace(":", "")
        return ".".join(reversed(nibbles))
    return target.value  # RFC 5782 2.2: a name-based list is queried with the name itself


def query_name(target: Target, zone: Zone) -> str:
    return f"{reversed_name(target)}.{zone.zone}"


# RFC 5782 5: an IPv4 list MUST list 127.0.0.2 and MUST NOT list 127.0.0.1; an IPv6 list
# ::FFFF:7F00:2 and not ::FFFF:7F00:1; a domain list MUST list TEST and MUST NOT list INVALID.
_PROBES: dict[str, tuple[Target, Target]] = {
    "ipv4": (Target(TargetKind.IPV4, "127.0.0.2"), Target(TargetKind.IPV4, "127.0.0.1")),
    "ipv6": (Target(TargetKind.IPV6, "::ffff:7f00:2"), Target(TargetKind.IPV6, "::ffff:7f00:1")),
    "domain": (Target(TargetKind.DOMAIN, "test"), Target(TargetKind.DOMAIN, "invalid")),
}


def probe_targets(zone: Zone) -> tuple[Target, Target]:
    """The entry the zone must list and the one it must not, per RFC 5782 5."""
    if zone.kind is ZoneKind.DOMAIN:
        return _PROBES["domain"]
    return _PROBES["ipv4"] if zone.ipv4 else _PROBES["ipv6"]
