"""MTA-STS: the pure parsers, and the check fetching from local servers on 127.0.0.1 only."""

from __future__ import annotations

import datetime
import http.server
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dns.resolver
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.checks.status import CheckResult, Status
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.mta_sts import mta_sts_check
from smtp_gui.core.records.mta_sts_policy import mx_matches, parse_sts_policy, parse_sts_record
from tests.dnsserver import LoopbackDNSServer

GOOD_POLICY = "version: STSv1\r\nmode: enforce\r\nmx: *.rec-good.test\r\nmax_age: 604800\r\n"
PARTIAL_POLICY = "version: STSv1\nmode: enforce\nmx: mx1.rec-good.test\nmax_age: 604800\n"


def _keys(result: CheckResult) -> list[str]:
    return [p.note.key for p in result.problems]


# --- pure parsers -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("v=STSv1; id=20240601T000000;", None),
        ("v=STSv1; id=abc; ext=1", None),
        ("v=STSv1;", "mta_sts.txt_no_id"),
        ("v=STSv1; id=not valid!;", "mta_sts.txt_bad_id"),
        ("v=STSv1; id=" + "a" * 33, "mta_sts.txt_bad_id"),
        ("v=STSv2; id=1", "mta_sts.txt_version"),
        ("v=STSv1; id=1; id=2", "mta_sts.txt_duplicate"),
    ],
)
def test_sts_record(text: str, problem: str | None) -> None:
    record = parse_sts_record(text)
    keys = [p.note.key for p in record.problems]
    assert keys == ([] if problem is None else [problem])
    assert record.valid is (problem is None)


@pytest.mark.parametrize(
    ("text", "problem", "severity"),
    [
        (GOOD_POLICY, None, None),
        (GOOD_POLICY.replace("enforce", "testing"), "mta_sts.policy_testing", Status.INFO),
        ("version: STSv1\nmode: none\nmax_age: 86400\n", "mta_sts.policy_none", Status.WARN),
        (GOOD_POLICY.replace("STSv1", "STSv2"), "mta_sts.policy_version", Status.FAIL),
        (GOOD_POLICY.replace("enforce", "strict"), "mta_sts.policy_mode", Status.FAIL),
        (GOOD_POLICY.replace("604800", "31557601"), "mta_sts.policy_max_age", Status.FAIL),
        (GOOD_POLICY.replace("604800", "forever"), "mta_sts.policy_max_age", Status.FAIL),
        (GOOD_POLICY.replace("604800", "3600"), "mta_sts.policy_short", Status.WARN),
        (GOOD_POLICY.replace("mx: *.rec-good.test\r\n", ""), "mta_sts.policy_no_mx", Status.FAIL),
        (GOOD_POLICY.replace("*.rec-good.test", "mx*.bad"), "mta_sts.policy_bad_mx", Status.FAIL),
        (GOOD_POLICY + "this line is wrong\n", "mta_sts.policy_syntax", Status.FAIL),
        (GOOD_POLICY + "mode: testing\n", "mta_sts.policy_repeated", Status.WARN),
    ],
)
def test_sts_policy(text: str, problem: str | None, severity: Status | None) -> None:
    policy = parse_sts_policy(text)
    if problem is None:
        assert policy.problems == ()
        assert (policy.mode, policy.max_age, policy.mx) == ("enforce", 604800, ("*.rec-good.test",))
    else:
        found = [p for p in policy.problems if p.note.key == problem]
        assert found and found[0].severity is severity


@pytest.mark.parametrize(
    ("pattern", "host", "matches"),
    [
        ("mx.example.com", "MX.example.com.", True),
        ("*.example.com", "mx1.example.com", True),
        ("*.example.com", "a.b.example.com", False),
        ("*.example.com", "example.com", False),
        ("mx.example.com", "mx2.example.com", False),
    ],
)
def test_mx_matches(pattern: str, host: str, matches: bool) -> None:
    assert mx_matches(pattern, host) is matches


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=400))
def test_parsers_never_raise(text: str) -> None:
    started = time.monotonic()
    for result in (parse_sts_record(text), parse_sts_policy(text)):
        for item in result.problems:
            assert item.text("zh")
    assert time.monotonic() - started < 0.5


# --- the check, against local servers -----------------------------------------------------
class _PolicyHandler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, str]] = {}

    def do_GET(self) -> None:
        case = self.path.split("/")[1]
        status, content_type, body = self.routes.get(case, (404, "text/plain", "no"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if 300 <= status < 400:
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


_PolicyHandler.routes = {
    "good": (200, "text/plain; charset=utf-8", GOOD_POLICY),
    "partial": (200, "text/plain", PARTIAL_POLICY),
    "html": (200, "text/html", GOOD_POLICY),
    "moved": (301, "text/plain", ""),
    "gone": (404, "text/plain", "not here"),
    "huge": (200, "text/plain", "x" * 70000),
}


def _serve(server: http.server.HTTPServer) -> Iterator[http.server.HTTPServer]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def policy_server() -> Iterator[http.server.HTTPServer]:
    yield from _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PolicyHandler))


@pytest.fixture
def resolver(resolver_config: ResolverConfig) -> dns.resolver.Resolver:
    return build_resolver(resolver_config)


def _url(server: http.server.HTTPServer, case: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/{case}/{{domain}}/mta-sts.txt"


def test_good_policy(
    policy_server: http.server.HTTPServer, resolver: dns.resolver.Resolver
) -> None:
    result = mta_sts_check("rec-good.test", resolver, policy_url=_url(policy_server, "good"))
    assert result.status is Status.PASS, [p.text("en") for p in result.problems]
    assert result.extra["mode"] == "enforce" and result.extra["max_age"] == 604800
    assert result.record is not None and result.record.startswith("v=STSv1; id=20240601T000000;")
    assert "mode: enforce" in result.record
    assert {d.label for d in result.details} >= {"id", "policy", "mode", "max_age", "mx"}


@pytest.mark.parametrize(
    ("case", "status", "key"),
    [
        ("partial", Status.FAIL, "mta_sts.mx_not_covered"),
        ("html", Status.WARN, "mta_sts.content_type"),
        ("moved", Status.FAIL, "mta_sts.fetch_redirect"),
        ("gone", Status.FAIL, "mta_sts.fetch_status"),
        ("huge", Status.FAIL, "mta_sts.fetch_too_big"),
    ],
)
def test_policy_problems(
    policy_server: http.server.HTTPServer,
    resolver: dns.resolver.Resolver,
    case: str,
    status: Status,
    key: str,
) -> None:
    result = mta_sts_check("rec-good.test", resolver, policy_url=_url(policy_server, case))
    assert result.status is status
    assert key in _keys(result)


def test_nothing_listening_is_could_not_fetch(resolver: dns.resolver.Resolver) -> None:
    with http.server.HTTPServer(("127.0.0.1", 0), _PolicyHandler) as probe:
        port = probe.server_address[1]  # bound then closed: nothing listens there now
    url = f"http://127.0.0.1:{port}/good/{{domain}}"
    result = mta_sts_check("rec-good.test", resolver, policy_url=url, timeout=1)
    assert result.status is Status.ERROR
    assert _keys(result)[0] == "mta_sts.fetch_refused"
    assert "could not be fetched" in result.summary.text("en")
    assert "无法获取" in result.problems[0].text("zh")


def test_policy_host_is_resolved_through_our_resolver(
    resolver: dns.resolver.Resolver, dns_server: LoopbackDNSServer
) -> None:
    with http.server.HTTPServer(("127.0.0.1", 0), _PolicyHandler) as probe:
        port = probe.server_address[1]
    url = f"https://mta-sts.{{domain}}:{port}/.well-known/mta-sts.txt"
    result = mta_sts_check("rec-good.test", resolver, policy_url=url, timeout=1)
    assert result.extra["fetch_failure"] == "refused"
    assert ("mta-sts.rec-good.test", "A") in [(q.name, q.rdtype) for q in dns_server.queries]


def test_policy_host_missing_fails(resolver: dns.resolver.Resolver) -> None:
    result = mta_sts_check("rec-bad.test", resolver, timeout=1)
    assert result.status is Status.FAIL
    keys = _keys(result)
    assert keys[0] == "mta_sts.fetch_no_host"
    assert "mta_sts.txt_bad_id" in keys


def test_no_record_is_info(resolver: dns.resolver.Resolver) -> None:
    result = mta_sts_check("rec-nothing.test", resolver)
    assert result.status is Status.INFO


def test_multiple_records_fail(resolver: dns.resolver.Resolver) -> None:
    assert mta_sts_check("rec-multi.test", resolver).status is Status.FAIL


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
    dns_server.behave("_mta-sts.rec-slow.test", **behaviour)
    result = mta_sts_check("rec-slow.test", resolver)
    assert result.status is Status.ERROR and result.extra["failure"] == failure


# --- HTTPS with a certificate, still on 127.0.0.1 -----------------------------------------
@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mta-sts.rec-good.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("mta-sts.rec-good.test")]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(pem)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path, pem.decode()


@pytest.fixture
def tls_server(tls_files: tuple[Path, Path, str]) -> Iterator[http.server.HTTPServer]:
    cert_path, key_path, _pem = tls_files
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TLSPolicyHandler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from _serve(server)


class _TLSPolicyHandler(_PolicyHandler):
    def do_GET(self) -> None:
        self.path = "/good" + self.path
        super().do_GET()


def test_https_policy_with_trusted_certificate(
    tls_server: http.server.HTTPServer,
    tls_files: tuple[Path, Path, str],
    resolver: dns.resolver.Resolver,
) -> None:
    context = ssl.create_default_context(cadata=tls_files[2])
    url = f"https://mta-sts.{{domain}}:{tls_server.server_address[1]}/.well-known/mta-sts.txt"
    result = mta_sts_check("rec-good.test", resolver, policy_url=url, context=context)
    assert result.status is Status.PASS, [p.text("en") for p in result.problems]


def test_https_policy_with_untrusted_certificate(
    tls_server: http.server.HTTPServer, resolver: dns.resolver.Resolver
) -> None:
    url = f"https://mta-sts.{{domain}}:{tls_server.server_address[1]}/.well-known/mta-sts.txt"
    result = mta_sts_check("rec-good.test", resolver, policy_url=url, timeout=2)
    assert result.status is Status.FAIL
    assert _keys(result)[0] == "mta_sts.fetch_tls"
