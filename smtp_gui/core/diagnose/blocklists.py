"""Blocklists a bounce names, matched against the project's DNSBL data.

A zone is named by its DNS name (``zen.spamhaus.org``, also inside a query name such as
``7.113.0.203.zen.spamhaus.org``) or in words (``Spamhaus``, ``Barracuda Reputation``,
``SpamCop``). Zone facts come from ``resources/dnsbl/zones.json`` (read-only); the extra
spellings from ``resources/diagnose/blocklist_names.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.resources import load_json

_MAX_SEARCH = 64 * 1024


@dataclass(frozen=True, slots=True)
class Blocklist:
    zone: str
    name: str
    operator: str
    kind: str  # "ip" or "domain": what the zone lists
    delist_url: str
    status: str  # active, dead, deprecated, ...
    mentioned_as: str  # the words or name found in the text

    def to_dict(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "name": self.name,
            "operator": self.operator,
            "kind": self.kind,
            "delist_url": self.delist_url or None,
            "status": self.status,
            "mentioned_as": self.mentioned_as,
        }


@cache
def _zones() -> dict[str, dict[str, Any]]:
    data = load_json("dnsbl", "zones.json")
    return {str(z["zone"]).lower(): z for z in data["zones"]}


@cache
def _phrases() -> tuple[tuple[str, str], ...]:
    """(lower-case phrase, zone), longest first so ``spamhaus pbl`` wins over ``spamhaus``."""
    zones = _zones()
    phrases: dict[str, str] = {}
    for zone, entry in zones.items():
        name = str(entry.get("name", "")).lower()
        if len(name) >= 4 and name != zone:
            phrases.setdefault(name, zone)
    for phrase, zone in load_json("diagnose", "blocklist_names.json")["names"].items():
        if zone.lower() in zones:
            phrases[phrase.lower()] = zone.lower()
    return tuple(sorted(phrases.items(), key=lambda item: -len(item[0])))


def known_zones() -> frozenset[str]:
    return frozenset(_zones())


def _entry(zone: str, mentioned_as: str) -> Blocklist:
    entry = _zones()[zone]
    return Blocklist(
        zone=zone,
        name=str(entry.get("name", zone)),
        operator=str(entry.get("operator", "")),
        kind=str(entry.get("kind", "ip")),
        delist_url=str(entry.get("delist_url") or ""),
        status=str(entry.get("status", "")),
        mentioned_as=mentioned_as,
    )


def zone_of(domain: str) -> str | None:
    """The known zone that ``domain`` is or ends with, if any."""
    zones = _zones()
    labels = domain.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in zones:
            return candidate
    return None


def _word_at(text: str, start: int, end: int) -> bool:
    """True if text[start:end] stands as words, not inside a longer word or host name."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "._-/@":
        return False
    if after.isalnum() or after in "_-@":
        return False
    return not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())


def find_blocklists(domains: Iterable[str], texts: Iterable[str]) -> tuple[Blocklist, ...]:
    """Zones named in ``domains`` (already extracted) or in words within ``texts``."""
    found: dict[str, Blocklist] = {}
    for domain in domains:
        zone = zone_of(domain)
        if zone is not None and zone not in found:
            found[zone] = _entry(zone, domain)
    phrases = _phrases()
    for text in texts:
        lower = text[:_MAX_SEARCH].lower()
        for phrase, zone in phrases:
            if zone in found:
                continue
            pos = lower.find(phrase)
            while pos >= 0:
                if _word_at(lower, pos, pos + len(phrase)):
                    found[zone] = _entry(zone, text[pos : pos + len(phrase)])
                    break
                pos = lower.find(phrase, pos + 1)
    return tuple(found.values())
