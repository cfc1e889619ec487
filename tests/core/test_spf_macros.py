"""SPF macro parsing and expansion (RFC 7208 7), including the examples of RFC 7208 7.4."""

from __future__ import annotations

import ipaddress
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.spf.macros import (
    ALL_LETTERS,
    Macro,
    MacroContext,
    expand,
    parse_macro_string,
    to_domain,
)
from smtp_gui.core.text.errors import InputError


def _ctx(ip: str = "192.0.2.3", **overrides: object) -> MacroContext:
    # RFC 7208 7.4: <sender> strong-bad@email.example.com, <domain> email.example.com
    values: dict[str, object] = {
        "sender": "strong-bad@email.example.com",
        "local": "strong-bad",
        "sender_domain": "email.example.com",
        "domain": "email.example.com",
        "ip": ipaddress.ip_address(ip),
        "helo": "mx.example.org",
        "receiver": "mail.example.net",
        "timestamp": 1234567890,
        "validated": lambda domain: f"host.{domain}",
    }
    values.update(overrides)
    return MacroContext(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "expanded"),
    [
        # RFC 7208 7.4, IPv4 examples
        ("%{s}", "strong-bad@email.example.com"),
        ("%{o}", "email.example.com"),
        ("%{d}", "email.example.com"),
        ("%{d4}", "email.example.com"),
        ("%{d3}", "email.example.com"),
        ("%{d2}", "example.com"),
        ("%{d1}", "com"),
        ("%{dr}", "com.example.email"),
        ("%{d2r}", "example.email"),
        ("%{l}", "strong-bad"),
        ("%{l-}", "strong.bad"),
        ("%{lr}", "strong-bad"),
        ("%{lr-}", "bad.strong"),
        ("%{l1r-}", "strong"),
        ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
        ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
        ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
        ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
        # the rest of RFC 7208 7.1-7.3
        ("%%%_%-", "% %20"),
        ("%{h}", "mx.example.org"),
        ("%{p}", "host.email.example.com"),
        ("%{D2R}", "example.email"),
        ("%{L}", "strong-bad"),
        ("%{S}", "strong-bad%40email.example.com"),
        ("%{d999}", "email.example.com"),
        ("%{l01r-}", "strong"),
        ("%{dR}", "com.example.email"),
    ],
)
def test_expansion(spec: str, expanded: str) -> None:
    assert expand(parse_macro_string(spec), _ctx()) == expanded


def test_ipv6_expansion() -> None:
    # RFC 7208 7.4 shows lower-case nibbles; %{i} gives upper case as the test suite
    # expects (DNS names are case-insensitive, RFC 4343), so compare case-insensitively.
    ctx = _ctx("2001:db8::cb01")
    got = expand(parse_macro_string("%{ir}.%{v}._spf.%{d2}"), ctx)
    assert got.lower() == (
        "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"
    )
    assert expand(parse_macro_string("%{c}", letters=ALL_LETTERS), ctx) == "2001:db8::cb01"


@pytest.mark.parametrize(
    ("spec", "expanded"),
    [
        ("%{c} %{r} %{t}", "192.0.2.3 mail.example.net 1234567890"),
        ("http://example.com/why.html?l=%{L}", "http://example.com/why.html?l=strong-bad"),
        (
            "%{i} is not one of %{d}'s designated mail servers.",
            "192.0.2.3 is not one of email.example.com's designated mail servers.",
        ),
    ],
)
def test_explain_strings_allow_crt_and_spaces(spec: str, expanded: str) -> None:
    parsed = parse_macro_string(spec, letters=ALL_LETTERS, spaces=True)
    assert expand(parsed, _ctx()) == expanded


def test_url_escaping_of_upper_case_letters() -> None:
    ctx = _ctx(local="~jack&jill=up-a_b3.c")
    assert expand(parse_macro_string("%{L}"), ctx) == "~jack%26jill%3Dup-a_b3.c"


@pytest.mark.parametrize(
    ("spec", "key", "position"),
    [
        ("%", "spf.syntax.bad_percent", 0),
        ("a%b", "spf.syntax.bad_percent", 1),
        ("%{", "spf.syntax.macro_unterminated", 0),
        ("%{}", "spf.syntax.bad_macro", 0),
        ("%{x}", "spf.syntax.bad_letter", 0),
        ("%{c}", "spf.syntax.exp_only_macro", 0),
        ("%{d0}", "spf.syntax.zero_digits", 0),
        ("%{d2x}", "spf.syntax.bad_macro", 0),
        ("%{d r}", "spf.syntax.bad_macro", 0),
        ("a b", "spf.syntax.bad_char", 1),
        ("é", "spf.syntax.bad_char", 0),
    ],
)
def test_macro_errors(spec: str, key: str, position: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_macro_string(spec, offset=0)
    assert (caught.value.key, caught.value.position) == (key, position)


def test_structure_of_a_parsed_macro() -> None:
    parsed = parse_macro_string("x.%{L2r+-}", offset=10)
    macro = parsed.parts[-1]
    assert isinstance(macro, Macro)
    assert (
        macro.letter,
        macro.url_escape,
        macro.digits,
        macro.reverse,
        macro.delimiters,
        macro.position,
    ) == ("l", True, 2, True, "+-", 12)
    assert parsed.has_macros and parsed.ends_with_macro


@pytest.mark.parametrize(
    ("expanded", "domain"),
    [
        ("example.com.", "example.com"),
        ("example.com", "example.com"),
        (
            "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".example.com",
            "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".example.com",
        ),
    ],
)
def test_to_domain_drops_the_trailing_dot_and_truncates_on_the_left(
    expanded: str, domain: str
) -> None:
    assert to_domain(expanded) == domain
    assert len(to_domain(expanded)) <= 253


def test_to_domain_is_linear_for_hostile_expansions() -> None:
    started = time.monotonic()
    name = to_domain("a." * 500_000 + "example.com")
    assert len(name) <= 253 and name.endswith(".example.com") and not name.startswith(".")
    assert time.monotonic() - started < 0.5


def test_a_record_full_of_macros_expands_quickly() -> None:
    spec = parse_macro_string("%{s}." * 800 + "example.com")
    started = time.monotonic()
    name = to_domain(expand(spec, _ctx(sender="x" * 60 + "@" + "y." * 90 + "example.com")))
    assert len(name) <= 253
    assert time.monotonic() - started < 0.5


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=120),
    st.text(max_size=40),
    st.sampled_from(["192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"]),
)
def test_any_text_parses_or_is_refused_and_expansion_never_fails(
    text: str, local: str, ip: str
) -> None:
    started = time.monotonic()
    for spaces in (False, True):
        try:
            parsed = parse_macro_string(text, letters=ALL_LETTERS, spaces=spaces)
        except InputError as error:
            assert error.position is not None and 0 <= error.position < max(len(text), 1)
            continue
        assert isinstance(expand(parsed, _ctx(ip, local=local)), str)
    assert time.monotonic() - started < 1.0
