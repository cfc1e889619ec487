"""--verify, for real: messages signed and sealed by the test with dkimpy, their keys published
on the loopback DNS server, verified through the app's resolver; each failure with its reason."""

from __future__ import annotations

import pytest

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.deadline_resolver import with_deadline
from smtp_gui.core.dns.resolver import build_resolver
from smtp_gui.core.headers.analysis import analyse
from smtp_gui.core.headers.dkim_verify import DkimReason
from smtp_gui.core.headers.verification import Verification, verify
from tests.core.headers.signing import arc_seal, make_key, publish, sign
from tests.dnsserver import LoopbackDNSServer

pytestmark = pytest.mark.network

ORIGINAL = (
    b"From: Alice <alice@sender.test>\n"
    b"To: bob@receiver.test\n"
    b"Subject: Quarterly figures\n"
    b"Date: Mon, 6 May 2024 10:00:00 +0000\n"
    b"Message-ID: <1@sender.test>\n"
    b"\n"
    b"Hello Bob,\nthe figures are attached.\n"
)
RECEIVED = (
    b"Return-Path: <bounce@sender.test>\n"
    b"Authentication-Results: mx.receiver.test; dkim=pass header.d=sender.test "
    b"header.s=s1; spf=pass smtp.mailfrom=sender.test; dmarc=pass header.from=sender.test\n"
    b"Received: from mail.sender.test (mail.sender.test [192.0.2.10]) by mx.receiver.test "
    b"with ESMTPS id 4VX; Mon, 6 May 2024 10:00:05 +0000\n"
)


@pytest.fixture
def sender_zone(dns_server: LoopbackDNSServer) -> LoopbackDNSServer:
    dns_server.add_txt("sender.test.", ["v=spf1 ip4:192.0.2.10 -all"])
    dns_server.add_txt("_dmarc.sender.test.", ["v=DMARC1; p=reject"])
    return dns_server


def _verify(server: LoopbackDNSServer, message: bytes) -> Verification:
    from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig

    config = ResolverConfig((Nameserver(server.host, server.port),), timeout=1.0)
    deadline = Deadline.after(3.0)
    resolver = with_deadline(build_resolver(config), deadline)
    return verify(analyse(message), resolver, deadline, config.describe())


def _signed(bits: int = 1024, selector: str = "s1", headers: tuple[str, ...] = ()) -> bytes:
    return RECEIVED + sign(ORIGINAL, selector, "sender.test", make_key(bits), headers)


def test_intact_message_passes_dkim_spf_and_alignment(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", make_key().record)
    found = _verify(sender_zone, _signed())
    (check,) = found.dkim
    assert (check.domain, check.selector, check.result) == ("sender.test", "s1", "pass")
    assert check.reason is DkimReason.NONE and not check.differs and check.key_bits == 1024
    assert "s1._domainkey.sender.test" in sender_zone.query_names()[0].lower()
    assert (found.spf.result, found.spf.ip, found.spf.domain) == (
        "pass",
        "192.0.2.10",
        "sender.test",
    )
    assert found.alignment.result == "pass" and found.alignment.policy == "reject"
    assert found.alignment.dkim_aligned == ("sender.test",) and found.alignment.spf_aligned
    assert found.arc.result == "none"


def test_body_changed(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", make_key().record)
    message = _signed().replace(b"figures are attached", b"figures are ATTACHED")
    (check,) = _verify(sender_zone, message).dkim
    assert (check.result, check.reason) == ("fail", DkimReason.BODY_CHANGED)
    assert check.differs  # the receiver said pass


def test_signed_header_changed(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", make_key().record)
    message = _signed().replace(b"Subject: Quarterly figures", b"Subject: Quarterly invoice")
    found = _verify(sender_zone, message)
    (check,) = found.dkim
    assert (check.result, check.reason) == ("fail", DkimReason.HEADERS_CHANGED)
    assert check.receiver_result == "pass" and check.differs
    # No DKIM passed here; SPF still aligns, so DMARC alignment holds through SPF only.
    assert found.alignment.dkim_aligned == () and found.alignment.result == "pass"


def test_key_missing(sender_zone: LoopbackDNSServer) -> None:
    (check,) = _verify(sender_zone, _signed()).dkim
    assert (check.result, check.reason) == ("permerror", DkimReason.KEY_NOT_FOUND)


def test_key_revoked(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", "v=DKIM1; k=rsa; p=")
    (check,) = _verify(sender_zone, _signed()).dkim
    assert (check.result, check.reason) == ("fail", DkimReason.KEY_REVOKED)


def test_512_bit_key_is_too_short_though_the_signature_matches(
    sender_zone: LoopbackDNSServer,
) -> None:
    key = make_key(512)
    publish(sender_zone, "s1", "sender.test", key.record)
    (check,) = _verify(sender_zone, _signed(bits=512)).dkim
    assert (check.result, check.reason, check.key_bits) == ("fail", DkimReason.KEY_TOO_SHORT, 512)
    assert check.detail == "matched"  # dkimpy verified it with minkey=0: only the size fails


def test_dns_timeout_is_temperror(sender_zone: LoopbackDNSServer) -> None:
    sender_zone.behave("_domainkey.sender.test.", drop=True)
    (check,) = _verify(sender_zone, _signed()).dkim
    assert (check.result, check.reason) == ("temperror", DkimReason.DNS_ERROR)


def test_headers_only_paste_verifies_the_signed_fields(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", make_key().record)
    head = _signed().split(b"\n\n")[0] + b"\n"
    (check,) = _verify(sender_zone, head).dkim
    assert (check.result, check.reason) == ("neutral", DkimReason.BODY_NOT_GIVEN)
    tampered = head.replace(b"Quarterly figures", b"Quarterly invoice")
    (check,) = _verify(sender_zone, tampered).dkim
    assert (check.result, check.reason) == ("fail", DkimReason.HEADERS_CHANGED)


def _arc_sealed() -> bytes:
    key = make_key()
    signed = sign(ORIGINAL, "s1", "sender.test", key)
    relayed = b"Authentication-Results: lists.test; dkim=pass header.d=sender.test\n" + signed
    return arc_seal(relayed, "arc1", "lists.test", key, "lists.test")


def test_arc_chain_sealed_then_broken(sender_zone: LoopbackDNSServer) -> None:
    publish(sender_zone, "s1", "sender.test", make_key().record)
    publish(sender_zone, "arc1", "lists.test", make_key().record)
    sealed = _arc_sealed()
    found = _verify(sender_zone, sealed)
    assert (found.arc.result, found.arc.instances) == ("pass", 1)
    broken = sealed.replace(b"figures are attached", b"figures are gone")
    found = _verify(sender_zone, broken)
    assert found.arc.result == "fail"
    assert "ARC-Message-Signature" in found.arc.reason


_SOCKET_EVENTS: list[str] = []
_WATCHING: list[bool] = [False]


def _watch(event: str, _args: tuple[object, ...]) -> None:
    if _WATCHING[0] and event.startswith("socket."):
        _SOCKET_EVENTS.append(event)


def test_reading_a_signed_message_touches_no_socket() -> None:
    """Offline means offline: the netguard's audit hook, here counting every socket event."""
    import sys

    from smtp_gui.core.headers.data import to_dict
    from smtp_gui.core.headers.verification_report import verified_report
    from smtp_gui.core.report.text import render_text

    if not getattr(sys, "_headers_socket_watch", False):
        sys.addaudithook(_watch)
        sys._headers_socket_watch = True  # type: ignore[attr-defined]
    _SOCKET_EVENTS.clear()
    _WATCHING[0] = True
    try:
        analysis = analyse(_arc_sealed())
        to_dict(analysis, "en")
        render_text(verified_report(analysis, None, "zh"))
    finally:
        _WATCHING[0] = False
    assert _SOCKET_EVENTS == []
