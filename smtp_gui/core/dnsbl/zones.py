"""The DNS blocklists the app knows (resources/dnsbl/zones.json) and what their codes mean.

A zone's answer is an IPv4 address in 127.0.0.0/8 (RFC 5782 2.3); each documented code has a
kind: a listing, an operator's error (a refusal, never a listing), an allowlist hit (good
news) or a bit of a bitmask answer (SURBL/URIBL: 127.0.0.N, N the sum of the bits).
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import input_error


class ZoneKind(enum.StrEnum):
    IP = "ip"
    DOMAIN = "domain"


class CodeKind(enum.StrEnum):
    LISTING = "listing"
    ERROR = "error"  # the operator refuses to answer (public resolver, volume, typo)
    ALLOWLIST = "allowlist"
    BITMASK = "bitmask"


class Importance(enum.StrEnum):
    MAJOR = "major"
    MODERATE = "moderate"
    MINOR = "minor"


@dataclass(frozen=True, slots=True)
class ReturnCode:
    """One documented answer. ``octets`` holds an inclusive range per octet; ``value_octet``
    says which octet fills ``{value}`` in the meaning (``127.0.X.2``, ``127.0.4.0-100``)."""

    code: str
    kind: CodeKind
    label: str
    meaning: Text
    octets: tuple[tuple[int, int], ...] = ()
    value_octet: int | None = None
    bit: int = 0  # bitmask lists: the bit in the last octet

    def matches(self, address: ipaddress.IPv4Address) -> bool:
        parts = address.packed
        return all(lo <= part <= hi for part, (lo, hi) in zip(parts, self.octets, strict=True))

    def meaning_for(self, address: ipaddress.IPv4Address) -> Text:
        if self.value_octet is None:
            return self.meaning
        return self.meaning.format(value=address.packed[self.value_octet])


@dataclass(frozen=True, slots=True)
class Zone:
    """One DNSBL as the app queries it; ``zone`` is the query suffix."""

    zone: str
    name: str
    kind: ZoneKind
    operator: str = ""
    ipv4: bool = True
    ipv6: bool = False
    status: str = "active"
    enabled: bool = False
    importance: Importance = Importance.MINOR
    needs_key: bool = False
    needs_registration: bool = False
    delist_url: str = ""
    bitmask: bool = False
    codes_documented: bool = True
    codes: tuple[ReturnCode, ...] = ()
    note: Text | None = None
    shipped: bool = True  # False: named with --zones and unknown to the app

    @property
    def error_codes(self) -> tuple[ReturnCode, ...]:
        return tuple(c for c in self.codes if c.kind is CodeKind.ERROR)

    def renamed(self, zone: str) -> Zone:
        """The same list under another query name (a mirror, a DQS ``KEY.zone``, a test zone)."""
        return replace(self, zone=zone)


def parse_code(code: str) -> tuple[tuple[tuple[int, int], ...], int | None]:
    """``127.0.0.2``, ``127.0.X.1`` (any octet) or ``127.0.4.0-100`` -> octet ranges."""
    parts = code.split(".")
    if len(parts) != 4:
        raise ValueError(f"not a return code: {code!r}")
    octets: list[tuple[int, int]] = []
    value_octet: int | None = None
    for index, part in enumerate(parts):
        if part.upper() == "X":
            octets.append((0, 255))
            value_octet = index
        elif "-" in part:
            lo, hi = (int(x) for x in part.split("-", 1))
            octets.append((lo, hi))
            value_octet = index
        else:
            octets.append((int(part), int(part)))
    if not all(0 <= lo <= hi <= 255 for lo, hi in octets):
        raise ValueError(f"octet out of range in {code!r}")
    return tuple(octets), value_octet


def _code_from_data(data: dict[str, Any], bitmask: bool) -> ReturnCode:
    kind = CodeKind(data["kind"])
    code = str(data["code"])
    meaning = Text.from_data(data["meaning"])
    if bitmask:
        return ReturnCode(code, kind, str(data["label"]), meaning, bit=int(code))
    octets, value_octet = parse_code(code)
    return ReturnCode(code, kind, str(data["label"]), meaning, octets, value_octet)


def zone_from_data(data: dict[str, Any]) -> Zone:
    bitmask = bool(data.get("bitmask", False))
    return Zone(
        zone=str(data["zone"]).lower(),
        name=str(data.get("name") or data["zone"]),
        kind=ZoneKind(data["kind"]),
        operator=str(data.get("operator", "")),
        ipv4=bool(data.get("ipv4", data["kind"] == "ip")),
        ipv6=bool(data.get("ipv6", False)),
        status=str(data.get("status", "active")),
        enabled=bool(data.get("enabled", False)),
        importance=Importance(data.get("importance", "minor")),
        needs_key=bool(data.get("needs_key", False)),
        needs_registration=bool(data.get("needs_registration", False)),
        delist_url=str(data.get("delist_url", "")),
        bitmask=bitmask,
        codes_documented=bool(data.get("codes_documented", True)),
        codes=tuple(_code_from_data(c, bitmask) for c in data.get("codes", ())),
        note=Text.from_data(data["note"]) if data.get("note") else None,
    )


@cache
def shipped_zones() -> tuple[Zone, ...]:
    """Every zone in resources/dnsbl/zones.json, in file order (read once)."""
    data = load_json("dnsbl", "zones.json")
    return tuple(zone_from_data(z) for z in data["zones"])


def default_zones() -> tuple[Zone, ...]:
    """The zones a check queries when the user names none: operating today, on by default."""
    return tuple(z for z in shipped_zones() if z.enabled)


def find_zone(name: str) -> Zone | None:
    wanted = name.strip().lower().rstrip(".")
    return next((z for z in shipped_zones() if z.zone == wanted), None)


def _valid_zone_name(name: str) -> bool:
    labels = name.split(".")
    if len(name) > 200 or len(labels) < 2:
        return False
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
    return all(0 < len(label) < 64 and set(label) <= allowed for label in labels)


def zone_from_spec(spec: str, kind_hint: ZoneKind = ZoneKind.IP) -> Zone:
    """``zen.spamhaus.org``, an unknown ``bl.example``, or ``NAME=SHIPPED`` (query NAME, read
    its answers as the shipped zone SHIPPED does: a mirror or a DQS ``KEY.zen.dq...`` name)."""
    name, _, like = spec.strip().lower().partition("=")
    name = name.strip().rstrip(".")
    if not _valid_zone_name(name):
        raise input_error("dnsbl.bad_zone", value=spec.strip())
    if like:
        known = find_zone(like)
        if known is None:
            raise input_error("dnsbl.unknown_like", value=like.strip())
        return known.renamed(name)
    known = find_zone(name)
    if known is not None:
        return known
    return Zone(
        zone=name,
        name=name,
        kind=kind_hint,
        ipv4=True,
        ipv6=True,
        enabled=True,
        codes_documented=False,
        shipped=False,
    )


def zones_from_specs(specs: Iterable[str], kind_hint: ZoneKind = ZoneKind.IP) -> tuple[Zone, ...]:
    """``--zones a,b``: each named zone once, in the order given."""
    zones: list[Zone] = []
    seen: set[str] = set()
    for spec in specs:
        if spec.strip():
            zone = zone_from_spec(spec, kind_hint)
            if zone.zone not in seen:
                seen.add(zone.zone)
                zones.append(zone)
    if not zones:
        raise input_error("dnsbl.no_zones")
    return tuple(zones)


def split_zone_list(text: str) -> Sequence[str]:
    return [part for part in (p.strip() for p in text.split(",")) if part]
