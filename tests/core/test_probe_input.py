"""What the user types for a probe: accepted and normalised, or refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.probe.input import checked_options
from smtp_gui.core.probe.model import ProbeOptions, TlsMode
from smtp_gui.core.probe.target import normalize_target, uses_mx
from smtp_gui.core.text.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail.example.com", "mail.example.com"),
        ("  MX1.Example.COM. ", "mx1.example.com"),
        ("192.0.2.25", "192.0.2.25"),
        ("[192.0.2.25]", "192.0.2.25"),
        ("[IPv6:2001:db8::1]", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("例子.测试", "xn--fsqu00a.xn--0zwm56d"),
    ],
)
def test_targets(text: str, expected: str) -> None:
    assert normalize_target(text) == expected


@pytest.mark.parametrize(
    ("target", "port", "mode", "expected"),
    [
        ("example.com", 25, "auto", True),
        ("example.com", 587, "auto", False),
        ("example.com", 587, "yes", True),
        ("example.com", 25, "no", False),
        ("192.0.2.1", 25, "yes", False),
    ],
)
def test_when_mx_is_looked_up(target: str, port: int, mode: str, expected: bool) -> None:
    assert uses_mx(target, port, mode) is expected


def test_normalised_options() -> None:
    options = checked_options(
        ProbeOptions(
            " Mail.Example.com ",
            port=465,
            mail_from=" <bob@example.com> ",
            auth="plain",
            user="bob",
            password="pw",
        )
    )
    assert options.target == "mail.example.com"
    assert options.mail_from == "bob@example.com" and options.rcpt_to is None
    with pytest.raises(InputError):
        checked_options(ProbeOptions("a.test", rcpt_to="<>"))  # RCPT needs a mailbox
    assert options.auth == "PLAIN" and options.effective_tls is TlsMode.IMPLICIT
    assert checked_options(ProbeOptions("a.test", mail_from="<>")).mail_from == ""


def test_no_credentials_kept_without_a_mechanism() -> None:
    options = checked_options(ProbeOptions("a.test", user="bob", password="pw"))
    assert options.user is None and options.password is None


@settings(deadline=None, max_examples=300)
@given(
    st.text(max_size=80),
    st.one_of(st.none(), st.text(max_size=40)),
    st.one_of(st.none(), st.text(max_size=40)),
    st.one_of(st.none(), st.text(max_size=40)),
)
def test_any_input_is_accepted_or_refused(target, helo, sender, rcpt) -> None:  # type: ignore[no-untyped-def]
    try:
        options = checked_options(ProbeOptions(target, helo=helo, mail_from=sender, rcpt_to=rcpt))
    except InputError as exc:
        assert exc.text("en") and exc.text("zh")
        return
    for value in (options.target, options.helo, options.mail_from, options.rcpt_to):
        assert value is None or not any(ch in value for ch in "\r\n\0")
