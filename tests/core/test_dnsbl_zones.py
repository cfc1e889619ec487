"""The shipped blocklist data: well-formed, live lists only on by default, matches the sources."""

from __future__ import annotations

import csv
import ipaddress
import re

import pytest

from smtp_gui.core.dnsbl.zones import (
    CodeKind,
    Importance,
    ZoneKind,
    default_zones,
    find_zone,
    parse_code,
    shipped_zones,
    zone_from_spec,
    zones_from_specs,
)
from smtp_gui.core.text.errors import InputError
from tests.shared_data import shared_data_path

_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_zone_is_well_formed() -> None:
    zones = shipped_zones()
    assert len(zones) > 60
    assert len({z.zone for z in zones}) == len(zones)
    for zone in zones:
        assert zone.name and zone.operator
        assert zone.kind in ZoneKind
        assert zone.importance in Importance
        if zone.kind is ZoneKind.DOMAIN:
            assert not zone.ipv4 and not zone.ipv6
        else:
            assert zone.ipv4 or zone.ipv6
        for code in zone.codes:
            assert code.label
            assert code.meaning.en and _CJK.search(code.meaning.zh), (zone.zone, code.code)
        if zone.note is not None:
            assert zone.note.en and _CJK.search(zone.note.zh)


def test_only_live_lists_are_on_by_default() -> None:
    defaults = default_zones()
    assert len(defaults) >= 14
    assert all(z.status == "active" and not z.needs_key for z in defaults)
    dead = [z for z in shipped_zones() if z.status in ("dead", "deprecated", "unknown")]
    assert dead and not any(z.enabled for z in dead)
    assert all(z.note is not None for z in dead)
    for name in ("dnsbl.sorbs.net", "ix.dnsbl.manitu.net", "dnsbl.inps.de", "dnsbl.ahbl.org"):
        zone = find_zone(name)
        assert zone is not None and not zone.enabled and zone.status == "dead"


def test_zen_does_not_count_twice() -> None:
    names = {z.zone for z in default_zones()}
    assert "zen.spamhaus.org" in names
    assert not names & {"sbl.spamhaus.org", "xbl.spamhaus.org", "pbl.spamhaus.org"}


@pytest.mark.parametrize(
    ("zone", "code", "kind", "label"),
    [
        ("zen.spamhaus.org", "127.0.0.2", CodeKind.LISTING, "Spamhaus SBL"),
        ("zen.spamhaus.org", "127.0.0.3", CodeKind.LISTING, "Spamhaus CSS"),
        ("zen.spamhaus.org", "127.0.0.4", CodeKind.LISTING, "Spamhaus XBL"),
        ("zen.spamhaus.org", "127.0.0.9", CodeKind.LISTING, "Spamhaus DROP"),
        ("zen.spamhaus.org", "127.0.0.10", CodeKind.LISTING, "Spamhaus PBL"),
        ("zen.spamhaus.org", "127.0.0.11", CodeKind.LISTING, "Spamhaus PBL"),
        ("zen.spamhaus.org", "127.255.255.252", CodeKind.ERROR, "Spamhaus error"),
        ("zen.spamhaus.org", "127.255.255.254", CodeKind.ERROR, "Spamhaus error"),
        ("zen.spamhaus.org", "127.255.255.255", CodeKind.ERROR, "Spamhaus error"),
        ("dbl.spamhaus.org", "127.0.1.2", CodeKind.LISTING, "Spamhaus DBL"),
        ("dbl.spamhaus.org", "127.0.1.255", CodeKind.ERROR, "Spamhaus error"),
        ("multi.uribl.com", "1", CodeKind.ERROR, "URIBL error"),
        ("list.dnswl.org", "127.0.X.2", CodeKind.ALLOWLIST, "DNSWL medium"),
    ],
)
def test_documented_codes(zone: str, code: str, kind: CodeKind, label: str) -> None:
    found = find_zone(zone)
    assert found is not None
    entry = next(c for c in found.codes if c.code == code)
    assert (entry.kind, entry.label) == (kind, label)


@pytest.mark.parametrize(
    ("code", "octets", "value_octet"),
    [
        ("127.0.0.2", ((127, 127), (0, 0), (0, 0), (2, 2)), None),
        ("127.0.X.1", ((127, 127), (0, 0), (0, 255), (1, 1)), 2),
        ("127.0.4.0-100", ((127, 127), (0, 0), (4, 4), (0, 100)), 3),
    ],
)
def test_parse_code(code: str, octets: tuple[tuple[int, int], ...], value_octet: int) -> None:
    assert parse_code(code) == (octets, value_octet)


@pytest.mark.parametrize("code", ["127.0.0", "127.0.0.256", "a.b.c.d", "127.0.9-1.0"])
def test_parse_code_rejects(code: str) -> None:
    with pytest.raises(ValueError):
        parse_code(code)


def test_code_with_value_fills_the_meaning() -> None:
    zone = find_zone("score.senderscore.com")
    assert zone is not None
    code = zone.codes[0]
    address = ipaddress.IPv4Address("127.0.4.85")
    assert code.matches(address)
    assert "85" in code.meaning_for(address).en and "85" in code.meaning_for(address).zh


def test_zone_specs() -> None:
    zen = zone_from_spec("ZEN.spamhaus.org.")
    assert zen.zone == "zen.spamhaus.org" and zen.shipped
    mirror = zone_from_spec("key123.zen.dq.spamhaus.net=zen.spamhaus.org")
    assert mirror.zone == "key123.zen.dq.spamhaus.net" and mirror.codes == zen.codes
    custom = zone_from_spec("bl.example.net", ZoneKind.DOMAIN)
    assert not custom.shipped and custom.kind is ZoneKind.DOMAIN
    assert [z.zone for z in zones_from_specs(["a.example", "b.example", "a.example"])] == [
        "a.example",
        "b.example",
    ]


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ("not a zone", "dnsbl.bad_zone"),
        ("single", "dnsbl.bad_zone"),
        ("x.example=unknown.example", "dnsbl.unknown_like"),
        ("a..b", "dnsbl.bad_zone"),
    ],
)
def test_bad_zone_specs(spec: str, key: str) -> None:
    with pytest.raises(InputError) as info:
        zone_from_spec(spec)
    assert info.value.key == key


def test_empty_zone_list() -> None:
    with pytest.raises(InputError) as info:
        zones_from_specs(["", " "])
    assert info.value.key == "dnsbl.no_zones"


def test_matches_the_shared_sources() -> None:
    """Every zone and code of ../shared/data is in the JSON with the same facts, except the
    lists queried with hashed names (left out on purpose)."""

    def read(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(shared_data_path(name).read_text("utf-8").splitlines()))

    rows, codes = read("dnsbl-zones.csv"), read("dnsbl-return-codes.csv")
    renamed = {
        "zrd": "zrd.dq.spamhaus.net",
        "authbl": "authbl.dq.spamhaus.net",
        "activationcode.r.mail-abuse.com": "r.mail-abuse.com",
    }

    def ours(name: str) -> str:
        return renamed.get(name.split(" ")[0], name)

    for row in rows:
        if row["zone"] in ("uribl.rspamd.com", "hashbl.surbl.org"):
            assert find_zone(row["zone"]) is None
            continue
        zone = find_zone(ours(row["zone"]))
        assert zone is not None, row["zone"]
        assert (zone.kind, zone.status) == (row["type"], row["status"]), row["zone"]
        assert zone.delist_url == row["delist_url"]
        if row["status"] != "active":
            assert not zone.enabled
    for row in codes:
        zone = find_zone(ours(row["zone"]))
        assert zone is not None
        assert any(c.code == row["code"] and c.kind == row["kind"] for c in zone.codes), row
