"""The dmarc check against the loopback server: discovery, fallback, destinations, failures."""

from __future__ import annotations

from typing import Any

import dns.resolver
import pytest
import yaml

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.dmarc import dmarc_check, report_authorization_name
from tests.dnsserver import LoopbackDNSServer
from tests.shared_data import shared_data_path


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


def test_good_record(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-good.test", resolver)
    assert result.status is Status.PASS
    assert result.record == "v=DMARC1; p=reject; rua=mailto:dmarc@rec-good.test; adkim=s; aspf=r"
    assert result.extra["policy"] == "reject"
    assert result.extra["found_at"] == "_dmarc.rec-good.test"
    assert result.extra["tags"]["adkim"] == {"value": "s", "explicit": True}
    assert "reject" in result.summary.text("en")
    meanings = {d.label: d.meaning.text("en") for d in result.details if d.meaning}
    assert "Strict DKIM alignment" in meanings["adkim"]


def test_found_at_the_organizational_domain_only(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("sub.rec-org.test", resolver)
    assert result.status is Status.PASS
    assert result.extra["found_at"] == "_dmarc.rec-org.test"
    assert result.extra["org_domain"] == "rec-org.test"
    assert result.extra["policy"] == "reject"  # sp applies to the subdomain
    assert "rec-org.test" in result.summary.text("en")


def test_external_rua_with_and_without_authorization(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-rua.test", resolver)
    assert result.status is Status.WARN
    unauthorized = [p for p in result.problems if p.note.key == "dmarc.dest_unauthorized"]
    assert len(unauthorized) == 1
    assert "rec-noauth.test" in unauthorized[0].text("en")
    assert "rec-rua.test._report._dmarc.rec-noauth.test" in unauthorized[0].text("en")
    assert unauthorized[0].rfc == "RFC 7489 7.1"
    authorized = [d for d in result.details if d.label == "report auth"]
    assert [d.value for d in authorized] == ["rec-reports.test"]


def test_report_authorization_name() -> None:
    assert (
        report_authorization_name("example.com", "thirdparty.example.net")
        == "example.com._report._dmarc.thirdparty.example.net"
    )


def test_multiple_records_fail(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-multi.test", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["dmarc.multiple"]


def test_invalid_record_fails_and_lists_each_problem(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-bad.test", resolver)
    assert result.status is Status.FAIL
    keys = _keys(result)
    assert keys.count("dmarc.bad_value") == 3  # p, pct, adkim
    assert "dmarc.unknown_tag" in keys and "dmarc.uri_no_scheme" in keys


def test_missing_record_fails_and_finds_apex_mistake(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-apex.test", resolver)
    assert result.status is Status.FAIL
    assert _keys(result) == ["dmarc.missing", "dmarc.at_apex"]
    nothing = dmarc_check("rec-nothing.test", resolver)
    assert _keys(nothing) == ["dmarc.missing"]
    assert "Gmail" in nothing.summary.text("en")


def test_record_split_across_strings(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-split.test", resolver)
    assert result.record == "v=DMARC1; p=reject; rua=mailto:dmarc@rec-split.test"
    assert result.status is Status.PASS


def test_parked_domain_with_p_none_warns(resolver: dns.resolver.Resolver) -> None:
    result = dmarc_check("rec-nullmx.test", resolver)
    assert "dmarc.parked_p" in _keys(result)


def test_spf_alignment_of_the_sender(resolver: dns.resolver.Resolver) -> None:
    aligned = dmarc_check("rec-good.test", resolver, sender="bounce@mail.rec-good.test")
    detail = next(d for d in aligned.details if d.label == "aspf" and d.value.startswith("mail"))
    assert detail.meaning is not None and "aligns" in detail.meaning.text("en")
    other = dmarc_check("rec-good.test", resolver, sender="bounce@esp.example")
    detail = next(d for d in other.details if d.value == "esp.example")
    assert detail.meaning is not None and "does not align" in detail.meaning.text("en")


@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [({"drop": True}, "timeout"), ({"rcode": 2}, "servfail"), ({"rcode": 5}, "refused")],
)
def test_could_not_check(
    dns_server: LoopbackDNSServer,
    resolver: dns.resolver.Resolver,
    behaviour: dict[str, object],
    failure: str,
) -> None:
    dns_server.behave("_dmarc.rec-slow.test", **behaviour)
    result = dmarc_check("rec-slow.test", resolver)
    assert result.status is Status.ERROR
    assert result.extra["failure"] == failure
    assert "_dmarc.rec-slow.test" in result.summary.text("en")


def test_failure_at_the_org_domain_is_could_not_check(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("_dmarc.rec-org.test", rcode=2)
    result = dmarc_check("sub.rec-org.test", resolver)
    assert result.status is Status.ERROR
    assert result.extra["failure"] == "servfail"


def test_destination_lookup_failure_is_said(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    dns_server.behave("_report._dmarc.rec-noauth.test", rcode=2)
    result = dmarc_check("rec-rua.test", resolver)
    assert "dmarc.dest_unchecked" in _keys(result)
    assert "dmarc.dest_unauthorized" not in _keys(result)


# --- checkdmarc's DNS-level cases, served by the loopback server ----------------------------
def _dns_cases() -> list[dict[str, Any]]:
    path = shared_data_path("dmarc-record-tests.yaml")
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["dns_cases"])


# RFC 7489 6.6.3 discards TXT records that are not DMARC, where checkdmarc raises an error.
_EXPECTED = {
    "testDMARCRecordStartsWithWhitespace": (Status.FAIL, "dmarc.near_miss"),
    "testDMARCMultipleRecords": (Status.FAIL, "dmarc.multiple"),
    "testDMARCUnrelatedRecords": (Status.PASS, "dmarc.unrelated_txt"),  # RFC 7489 6.6.3
    "testDMARCRecordNotFoundNXDOMAIN": (Status.FAIL, "dmarc.missing"),
    "testApexFallbackWrongLocation": (Status.FAIL, "dmarc.at_apex"),
    "testRFC9989TreeWalkDiscovery": (Status.PASS, None),
}


def test_checkdmarc_dns_cases(
    dns_server: LoopbackDNSServer, resolver: dns.resolver.Resolver
) -> None:
    ran = 0
    for index, case in enumerate(_dns_cases()):
        if case["test"] not in _EXPECTED:
            continue  # testDMARCRecordAtRoot has no records to serve
        domain = f"case{index}.rec-yaml{index}.test"
        org = f"rec-yaml{index}.test"
        records = case.get("txt_at__dmarc")
        if isinstance(records, list):
            for text in records:
                dns_server.add_txt(f"_dmarc.{domain}", [text])
        for text in case.get("txt_at_apex") or []:
            dns_server.add_txt(domain, [text])
        for _parent, text in (case.get("parent_records") or {}).items():
            dns_server.add_txt(f"_dmarc.{org}", [text])
        dns_server.ensure_name(f"mx.{domain}")
        result = dmarc_check(domain, resolver)
        status, key = _EXPECTED[case["test"]]
        assert result.status is status, (case["test"], _keys(result))
        if key is not None:
            assert key in _keys(result), (case["test"], _keys(result))
        if case["test"] == "testRFC9989TreeWalkDiscovery":
            assert result.extra["found_at"] == f"_dmarc.{org}"
        ran += 1
    assert ran == len(_EXPECTED)
