"""The dkim check against the loopback server: given selectors, common selectors, failures."""

from __future__ import annotations

import dns.resolver
import pytest

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.dkim import common_selectors, dkim_check, normalize_selector
from smtp_gui.core.text.errors import InputError
from tests.core.test_dkim_record import RSA_2048
from tests.dnsserver import LoopbackDNSServer


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


def test_common_selectors_are_tried_when_none_given(resolver: dns.resolver.Resolver) -> None:
    result = dkim_check("rec-good.test", resolver)
    assert result.status is Status.PASS
    found = [s["selector"] for s in result.extra["selectors"]]
    assert found == ["google", "selector1"]  # selector1 is a CNAME to the provider's key
    assert result.extra["selectors"][0]["keys"][0]["bits"] == 2048
    assert result.extra["selectors"][0]["provider"] == "Google Workspace"
    assert len(result.extra["tried"]) == len(common_selectors())
    assert "google (rsa 2048)" in result.summary.text("en")
    assert result.record is not None and result.record.startswith("google: v=DKIM1; k=rsa; p=")


@pytest.mark.parametrize(
    ("selector", "status", "finding"),
    [
        ("google", Status.PASS, None),
        ("ed", Status.PASS, None),
        ("weak", Status.WARN, "dkim.rsa_weak"),
        ("short", Status.FAIL, "dkim.rsa_too_short"),
        ("revoked", Status.FAIL, "dkim.revoked"),
        ("testing", Status.WARN, "dkim.testing"),
        ("nosuch", Status.FAIL, "dkim.missing"),
    ],
)
def test_given_selector(
    resolver: dns.resolver.Resolver, selector: str, status: Status, finding: str | None
) -> None:
    result = dkim_check("rec-good.test", resolver, [selector])
    assert result.status is status, [p.text("en") for p in result.problems]
    assert result.extra["tried"] == [selector]
    if finding is None:
        assert _keys(result) == []
    elif finding == "dkim.missing":
        assert _keys(result) == ["dkim.missing"]
    else:
        wrapped = [p for p in result.problems if p.note.key == "dkim.at_selector"]
        assert [p.note.params["finding"].note.key for p in wrapped] == [finding]
        assert wrapped[0].text("en").startswith(f"Selector {selector}: ")
        assert wrapped[0].text("zh").startswith(f"选择器 {selector}：")


def test_invalid_key_record(resolver: dns.resolver.Resolver) -> None:
    result = dkim_check("rec-bad.test", resolver, ["default"])
    assert result.status is Status.FAIL
    assert "p=!!not-base64!!" in (result.record or "")


def test_no_common_selector_is_info_not_failure(resolver: dns.resolver.Resolver) -> None:
    result = dkim_check("rec-nothing.test", resolver)
    assert result.status is Status.INFO
    assert "s=" in result.summary.text("en")


def test_selector_normalization() -> None:
    assert normalize_selector(" Google ") == "google"
    assert normalize_selector("s1._domainkey") == "s1"
    assert normalize_selector("2024.mail") == "2024.mail"
    for bad in ("", "a b", "-x", "x..y", "é"):
        with pytest.raises(InputError):
            normalize_selector(bad)


@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [({"drop": True}, "timeout"), ({"rcode": 2}, "servfail"), ({"rcode": 5}, "refused")],
)
def test_could_not_check(
    dns_server: LoopbackDNSServer, behaviour: dict[str, object], failure: str
) -> None:
    dns_server.behave("_domainkey.rec-slow.test", **behaviour)
    config = ResolverConfig((Nameserver(dns_server.host, dns_server.port),), timeout=0.4)
    resolver = build_resolver(config)
    for selectors in ([], ["google"]):
        result = dkim_check("rec-slow.test", resolver, selectors)
        assert result.status is Status.ERROR
        assert result.extra["failure"] == failure


def test_one_selector_failing_among_others(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("weak._domainkey.rec-good.test", rcode=2)
    result = dkim_check("rec-good.test", resolver, ["google", "weak"])
    assert result.status is Status.ERROR
    assert "findings.servfail" in _keys(result)
    assert [s["selector"] for s in result.extra["selectors"]] == ["google"]


def test_a_63_kb_key_record_is_read_whole(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    """Issue 12: a 63 KB record (a long n= note before p=) said "p= missing"; it arrives
    whole over TCP, split into 255-byte strings, and its key is read."""
    text = "v=DKIM1; k=rsa; n=" + "x" * (63 * 1024) + "; p=" + RSA_2048
    strings = [text[i : i + 255] for i in range(0, len(text), 255)]
    dns_server.add_txt("big._domainkey.rec-good.test", strings)
    result = dkim_check("rec-good.test", resolver, ["big"])
    assert result.status is Status.PASS, [p.text("en") for p in result.problems]
    assert _keys(result) == []
    assert result.extra["selectors"][0]["keys"][0]["bits"] == 2048
    assert result.record == f"big: {text}"
    transports = [q.transport for q in dns_server.queries if q.name.startswith("big.")]
    assert transports == ["udp", "tcp"]  # too big for UDP: truncated, then asked over TCP
    notes = [d for d in result.details if d.label == "big: n"]
    assert len(notes[0].value) < 80  # a 63 KB note is shown by its ends


def test_only_readable_keys_are_counted(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    """Issue 12: "N selector(s) with a key" counted keys that could not be read."""
    dns_server.add_txt("notakey._domainkey.rec-good.test", ["v=DKIM1; k=rsa; p=AAAA"])
    dns_server.add_txt("nobase._domainkey.rec-good.test", ["v=DKIM1; k=rsa; p=!!x!!"])
    wanted = ["google", "notakey", "nobase", "revoked"]
    result = dkim_check("rec-good.test", resolver, wanted)
    assert result.summary.text("en") == (
        "1 selector(s) with a key: google (rsa 2048). "
        "2 selector(s) with a key record that could not be read: notakey, nobase. "
        "1 selector(s) with a revoked key (empty p=): revoked."
    )
    assert result.summary.text("zh") == (
        "1 个选择器有密钥：google (rsa 2048)。"
        "2 个选择器的密钥记录无法读取：notakey, nobase。"
        "1 个选择器的密钥已撤销（p= 为空）：revoked。"
    )
    assert result.extra["readable"] == ["google"]
    assert result.extra["unreadable"] == ["notakey", "nobase"]
    assert result.status is Status.FAIL


def test_no_readable_key_is_not_counted_as_one(resolver: dns.resolver.Resolver) -> None:
    result = dkim_check("rec-bad.test", resolver, ["default"])
    assert result.summary.text("en") == (
        "No usable DKIM key found for rec-bad.test. "
        "1 selector(s) with a key record that could not be read: default."
    )
    assert "with a key:" not in result.summary.text("en")
