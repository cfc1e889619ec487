"""SPF record selection and term parsing (RFC 7208 4.5, 4.6.1, 5, 6, 12)."""

from __future__ import annotations

import ipaddress
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.spf.record import (
    MAX_RECORD_LENGTH,
    Mechanism,
    Modifier,
    SpfResult,
    decode_record,
    is_spf_record,
    parse_record,
    parse_term,
    published,
    tokenize,
)
from smtp_gui.core.text.errors import InputError


@pytest.mark.parametrize(
    ("data", "is_spf"),
    [
        (b"v=spf1", True),
        (b"v=spf1 -all", True),
        (b"V=SpF1 ~all", True),  # RFC 7208 4.5: case-insensitive
        (b"v=spf10", False),
        (b"v=spf1mx", False),  # strings joined without a space (RFC 7208 3.3)
        (b"v=spf2.0/pra -all", False),
        (b" v=spf1 -all", False),
        (b"google-site-verification=x", False),
        (b"", False),
    ],
)
def test_is_spf_record(data: bytes, is_spf: bool) -> None:
    assert is_spf_record(data) is is_spf


def test_tokenize_keeps_positions_and_skips_runs_of_spaces() -> None:
    assert list(tokenize("v=spf1  a   -all ")) == [(8, "a"), (12, "-all")]


@pytest.mark.parametrize(
    ("token", "name", "qualifier", "spec", "network", "cidr4", "cidr6"),
    [
        ("all", "all", "+", None, None, None, None),
        ("-all", "all", "-", None, None, None, None),
        ("~ALL", "all", "~", None, None, None, None),
        ("?include:_spf.example.com", "include", "?", "_spf.example.com", None, None, None),
        ("a", "a", "+", None, None, None, None),
        ("a/24", "a", "+", None, None, 24, None),
        ("a//64", "a", "+", None, None, None, 64),
        ("a:mail.example.com/24//64", "a", "+", "mail.example.com", None, 24, 64),
        ("a:foo:bar/baz.example.com", "a", "+", "foo:bar/baz.example.com", None, None, None),
        ("mx:%{d}", "mx", "+", "%{d}", None, None, None),
        ("mx/0", "mx", "+", None, None, 0, None),
        ("ptr", "ptr", "+", None, None, None, None),
        ("ptr:example.com", "ptr", "+", "example.com", None, None, None),
        (
            "exists:%{ir}.%{l1r+-}._spf.%{d}",
            "exists",
            "+",
            "%{ir}.%{l1r+-}._spf.%{d}",
            None,
            None,
            None,
        ),
        ("ip4:192.0.2.1", "ip4", "+", None, "192.0.2.1/32", None, None),
        ("-ip4:192.0.2.77/24", "ip4", "-", None, "192.0.2.0/24", None, None),
        ("ip6:2001:DB8::/32", "ip6", "+", None, "2001:db8::/32", None, None),
        ("ip6:::192.0.2.1/0", "ip6", "+", None, "::/0", None, None),
        ("a:foo.example.xn--zckzah", "a", "+", "foo.example.xn--zckzah", None, None, None),
        ("a:example.com.", "a", "+", "example.com.", None, None, None),
    ],
)
def test_mechanisms(
    token: str,
    name: str,
    qualifier: str,
    spec: str | None,
    network: str | None,
    cidr4: int | None,
    cidr6: int | None,
) -> None:
    term = parse_term(token, 7)
    assert isinstance(term, Mechanism)
    assert (term.name, term.qualifier, term.position) == (name, qualifier, 7)
    assert (term.domain_spec.text if term.domain_spec else None) == spec
    assert term.network == (ipaddress.ip_network(network) if network else None)
    assert (term.cidr4, term.cidr6) == (cidr4, cidr6)


@pytest.mark.parametrize(
    ("token", "name", "value"),
    [
        ("redirect=_spf.example.com", "redirect", "_spf.example.com"),
        ("Exp=explain.%{d}", "exp", "explain.%{d}"),
        ("moo.cow-far_out=man:dog/cat", "moo.cow-far_out", "man:dog/cat"),
        ("default=+", "default", "+"),
        ("foo=", "foo", ""),
    ],
)
def test_modifiers(token: str, name: str, value: str) -> None:
    term = parse_term(token, 0)
    assert isinstance(term, Modifier)
    assert (term.name, term.value.text) == (name, value)


@pytest.mark.parametrize(
    ("record", "key", "position"),
    [
        ("v=spf1 -all.", "spf.syntax.all_args", 11),
        ("v=spf1 -all:foobar", "spf.syntax.all_args", 11),
        ("v=spf1 a:museum", "spf.syntax.bad_domain", 9),
        ("v=spf1 a:foo-bar", "spf.syntax.bad_domain", 9),
        ("v=spf1 a:abc.123", "spf.syntax.bad_domain", 9),
        ("v=spf1 a:example.-com", "spf.syntax.bad_domain", 9),
        ("v=spf1 a:example.com:8080", "spf.syntax.bad_domain", 9),
        ("v=spf1 a:", "spf.syntax.empty_domain", 9),
        ("v=spf1 include", "spf.syntax.needs_domain", 14),
        ("v=spf1 include:ip5.example.com/24", "spf.syntax.bad_domain", 15),
        ("v=spf1 a/33", "spf.syntax.bad_cidr", 8),
        ("v=spf1 a//129", "spf.syntax.bad_cidr", 8),
        ("v=spf1 a/24/64", "spf.syntax.bad_cidr", 8),
        ("v=spf1 ip4:1.2.3.4/032", "spf.syntax.bad_cidr", 10),
        ("v=spf1 ip4:1.2.3.4//32", "spf.syntax.bad_ip4", 11),
        ("v=spf1 ip4:1.2.3", "spf.syntax.bad_ip4", 11),
        ("v=spf1 ip4:1.2.3.4:8080", "spf.syntax.bad_ip4", 11),
        ("v=spf1 ip4:01.2.3.4", "spf.syntax.bad_ip4", 11),
        ("v=spf1 ip4", "spf.syntax.needs_network", 10),
        ("v=spf1 ip6::CAFE::BABE", "spf.syntax.bad_ip6", 11),
        ("v=spf1 ip6:fe80::1%eth0", "spf.syntax.bad_ip6", 11),
        ("v=spf1 ptr/0", "spf.syntax.bad_argument", 10),
        ("v=spf1 redirect:example.com", "spf.syntax.unknown_mechanism", 7),
        ("v=spf1 1up=foo", "spf.syntax.bad_term", 7),
        ("v=spf1 =all", "spf.syntax.bad_term", 7),
        ("v=spf1 foo=%abc", "spf.syntax.bad_percent", 11),
        ("v=spf1 exists:%(ir).sbl.example.com", "spf.syntax.bad_percent", 14),
        ("v=spf1 a:%{a}.example.com", "spf.syntax.bad_letter", 9),
        ("v=spf1 -all exp=%{r}.example.com", "spf.syntax.exp_only_macro", 16),
        ("v=spf1 a:%{d0}.example.com", "spf.syntax.zero_digits", 9),
        ("v=spf1 a:%{d.example.com", "spf.syntax.macro_unterminated", 9),
        ("v=spf1 exp= -all", "spf.syntax.empty_domain", 11),
        ("v=spf1 redirect=-all ?all", "spf.syntax.bad_domain", 16),
        ("v=spf1 a:ctrl.example.com\rptr -all", "spf.syntax.bad_char", 25),
        ("v=spf1 a:foo.example.com\x00", "spf.syntax.bad_char", 24),
        ("v=spf1 \x80a:example.net -all", "spf.syntax.bad_term", 7),
        ("v=spf1 exp=a.example.com -all exp=b.example.com", "spf.syntax.duplicate", 30),
        ("v=spf1 redirect=a.example.com redirect=a.example.com", "spf.syntax.duplicate", 30),
        ("v=spf10", "spf.syntax.no_version", 0),
    ],
)
def test_syntax_errors_name_the_problem_and_where(record: str, key: str, position: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_record(record)
    assert (caught.value.key, caught.value.position) == (key, position)
    assert caught.value.text("en") and caught.value.text("zh")


def test_the_record_and_its_modifiers() -> None:
    record = parse_record(
        "v=spf1 ip4:192.0.2.0/24 include:a.example redirect=b.example exp=c.example"
    )
    assert [t.text for t in record.mechanisms] == ["ip4:192.0.2.0/24", "include:a.example"]
    assert record.redirect is not None and record.redirect.value.text == "b.example"
    assert record.exp is not None and record.exp.value.text == "c.example"
    assert record.mechanisms[0].result is SpfResult.PASS


def test_records_over_the_cap_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_record("v=spf1 " + "ip4:192.0.2.1 " * (MAX_RECORD_LENGTH // 10))
    assert caught.value.key == "spf.syntax.too_long"


_TOKENS = st.sampled_from(
    [
        "all",
        "-all",
        "~all",
        "?all",
        "+all",
        "a",
        "mx",
        "ptr",
        "a:",
        "ip4:",
        "ip6:",
        "include:",
        "exists:",
        "redirect=",
        "exp=",
        "/",
        "//",
        ":",
        "=",
        "%",
        "%{",
        "}",
        "%{d}",
        "%{ir}",
        "%{l1r+-}",
        ".",
        "example.com",
        "192.0.2.1",
        "2001:db8::1",
        "24",
        "x",
        " ",
        "\t",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_TOKENS, max_size=30).map("".join)))
def test_any_text_parses_or_is_refused(text: str) -> None:
    started = time.monotonic()
    for candidate in (text, "v=spf1 " + text):
        try:
            record = parse_record(candidate)
        except InputError as error:
            assert error.position is None or 0 <= error.position <= max(len(candidate), 4096)
        else:
            assert all(0 <= t.position < len(candidate) for t in record.terms)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b"v=spf1 -all", "v=spf1 -all"),
        ("v=spf1 \u202eevil -all".encode(), "v=spf1 \u202eevil -all"),
        ("v=spf1 include:bücher.test".encode(), "v=spf1 include:bücher.test"),
        (b"v=spf1 \xff\xfe -all", "v=spf1 \xff\xfe -all"),  # not UTF-8: byte by byte
    ],
)
def test_published_is_the_record_as_written(data: bytes, shown: str) -> None:
    """Parsed one character per byte (positions are byte offsets), shown as UTF-8: a U+202E
    is one character, not the mojibake "\u00e2\u0080\u00ae"."""
    assert published(decode_record(data)) == shown
    assert published(shown) == shown
