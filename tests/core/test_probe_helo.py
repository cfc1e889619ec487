"""The default EHLO name (core/probe/helo.py): what the probe form promises and sends."""

from __future__ import annotations

from smtp_gui.core.probe.helo import address_literal, default_helo_host, helo_name


def test_a_fully_qualified_name_is_used() -> None:
    assert default_helo_host("mail.example.com") == "mail.example.com"
    assert default_helo_host("mail.example.com.") == "mail.example.com"
    assert helo_name(None, "192.0.2.1", host="mail.example.com") == "mail.example.com"


def test_a_bare_or_local_name_gives_the_address_literal() -> None:
    for name in ("vm", "laptop.local", "LAPTOP.LOCAL", ""):
        assert default_helo_host(name) is None, name
    assert helo_name(None, "192.0.2.1", host="vm") == "[192.0.2.1]"
    assert helo_name(None, "2001:db8::1", host="vm") == "[IPv6:2001:db8::1]"


def test_the_users_name_wins() -> None:
    assert helo_name("client.example.org", "192.0.2.1", host="vm") == "client.example.org"
    assert address_literal("127.0.0.1") == "[127.0.0.1]"
