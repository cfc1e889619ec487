"""Property tests for the parsers the per-module tests leave out, and adversarial input for all.

Any input gives a result or the project's own ``InputError``; nothing else escapes. The
adversarial strings (nested brackets, long runs of digits and dots, ``250-`` repeated
100 000 times, a megabyte of ``=`` or ``%``) must finish within a generous wall-clock
bound: the bound catches catastrophic backtracking and quadratic loops (hours), not speed
(a loaded two-core CI machine is allowed to be slow).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from typing import Any

import dns.resolver
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtp_gui.core.codes import catalogue, compare
from smtp_gui.core.codes import parse as codes
from smtp_gui.core.diagnose import analyse as diagnose
from smtp_gui.core.dns import resolver
from smtp_gui.core.dns.lookup import lookup
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.dnsbl import answer as dnsbl_answer
from smtp_gui.core.dnsbl import query as dnsbl_query
from smtp_gui.core.dnsbl import zones as dnsbl_zones
from smtp_gui.core.probe import capabilities as smtp_capabilities
from smtp_gui.core.probe import input as probe_input
from smtp_gui.core.probe import model as probe_model
from smtp_gui.core.probe import reply as smtp_reply
from smtp_gui.core.probe import target as probe_target
from smtp_gui.core.records import (
    dane,
    dkim,
    dkim_record,
    dmarc_record,
    domain_check,
    mta_sts_policy,
    mx,
    org_domain,
    policy_records,
    ptr,
)
from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl import decode as sasl
from smtp_gui.core.sasl import digest_md5 as sasl_digest_md5
from smtp_gui.core.sasl import encode as sasl_encode
from smtp_gui.core.sasl import transcript as sasl_transcript
from smtp_gui.core.sasl.report import report
from smtp_gui.core.spf import macros as spf_macros
from smtp_gui.core.spf import record as spf_record
from smtp_gui.core.spf.evaluate import check_host
from smtp_gui.core.spf.record import SpfResult
from smtp_gui.core.text import base64text, taglist
from smtp_gui.core.text.errors import InputError
from tests.dnsserver import LoopbackDNSServer

# Catastrophic backtracking takes minutes to hours on these inputs; linear code takes well
# under a second. Five seconds leaves room for a loaded CI machine.
BOUND = 5.0

_ZONE = dnsbl_zones.shipped_zones()[0]


def _reply_lines(text: str) -> Any:
    return smtp_capabilities.parse_capabilities(
        smtp_reply.ServerReply(250, tuple(text.split("\n")[:100_000]))
    )


# Every function that reads text from a user, a server or DNS.
PARSERS: dict[str, Callable[[str], object]] = {
    "codes.parse_code": codes.parse_code,
    "codes.parse_enhanced": codes.parse_enhanced,
    "catalogue.explain": catalogue.explain,
    "catalogue.search": lambda t: catalogue.catalogue().search(t),
    "compare.compare": lambda t: compare.compare(t, "554"),
    "diagnose.diagnose": diagnose.diagnose,
    "diagnose.diagnose(bytes)": lambda t: diagnose.diagnose(t.encode("utf-8", "surrogatepass")),
    "base64text.decode_base64": base64text.decode_base64,
    "sasl.decode_exchange": sasl.decode_exchange,
    "sasl_encode.decode_text": sasl_encode.decode_text,
    "sasl_digest_md5.parse_directives": sasl_digest_md5.parse_directives,
    "sasl_transcript.split_transcript": sasl_transcript.split_transcript,
    "spf_record.parse_record": spf_record.parse_record,
    "spf_record.decode_record": lambda t: spf_record.decode_record(t.encode("utf-8", "replace")),
    "spf_macros.parse_macro_string": lambda t: spf_macros.parse_macro_string(
        t, letters=spf_macros.ALL_LETTERS, spaces=True
    ),
    "dmarc_record.parse_dmarc": dmarc_record.parse_dmarc,
    "dkim_record.parse_dkim_key": dkim_record.parse_dkim_key,
    "taglist.parse_tag_list": taglist.parse_tag_list,
    "dnsbl_query.parse_target": dnsbl_query.parse_target,
    "dnsbl_zones.zones_from_specs": lambda t: dnsbl_zones.zones_from_specs(
        dnsbl_zones.split_zone_list(t)
    ),
    "dnsbl_answer.read_answer": lambda t: dnsbl_answer.read_answer(_ZONE, t),
    "dnsbl_answer.clean_txt": dnsbl_answer.clean_txt,
    "smtp_reply.parse_reply_line": smtp_reply.parse_reply_line,
    "smtp_reply.decode_line": lambda t: smtp_reply.decode_line(t.encode("utf-8", "replace")),
    "smtp_capabilities.parse_capabilities": _reply_lines,
    "mta_sts_policy.parse_sts_record": mta_sts_policy.parse_sts_record,
    "mta_sts_policy.parse_sts_policy": mta_sts_policy.parse_sts_policy,
    "policy_records.parse_tlsrpt": policy_records.parse_tlsrpt,
    "policy_records.parse_bimi": policy_records.parse_bimi,
    "dane.parse_tlsa": dane.parse_tlsa,
    "mx.parse_mx": lambda t: mx.parse_mx(tuple(t.split("\n"))),
    "resolver.parse_nameserver": resolver.parse_nameserver,
    "domain_check.normalize_domain": domain_check.normalize_domain,
    "dkim.normalize_selector": dkim.normalize_selector,
    "ptr.normalize_ip": ptr.normalize_ip,
    "probe_target.normalize_target": probe_target.normalize_target,
    "org_domain.organizational_domain": org_domain.organizational_domain,
    "probe_input.checked_options": lambda t: probe_input.checked_options(
        probe_model.ProbeOptions(t, helo=t, mail_from=t, rcpt_to=t)
    ),
}

ADVERSARIAL: dict[str, str] = {
    "nested brackets": "[" * 50_000 + "]" * 50_000,
    "nested parentheses": "(" * 50_000 + ")" * 50_000,
    "nested macros": "%{" * 50_000 + "}" * 50_000,
    "nested angle brackets": "<" * 50_000 + ">" * 50_000,
    "digits": "9" * 200_000,
    "digits and dots": "1." * 100_000,
    "enhanced-code-like": "5.7." * 50_000 + "1",
    "250- repeated": "250-" * 100_000,
    "250- lines": "250-x\r\n" * 100_000,
    "equals": "=" * 1_000_000,
    "percent": "%" * 1_000_000,
    "equals and spaces": "= " * 300_000,
    "tags": "a=;" * 300_000,
    "colons": ":" * 1_000_000,
    "whitespace": " \t" * 300_000,
    "NUL": "\0" * 300_000,
    "RTL override": "\u202e" * 300_000,
    "at signs": "@" * 300_000,
    "base64": "QUJD" * 250_000,
    "334 words": "334 " * 250_000,
    "matching words": "a " * 300_000,
    "backslashes": "\\" * 300_000,
    "quotes": '"a' * 300_000,
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_adversarial_input_is_refused_or_parsed_in_bounded_time(name: str) -> None:
    """Catches catastrophic backtracking and quadratic loops (bound: seconds, not speed)."""
    parse = PARSERS[name]
    for label, text in ADVERSARIAL.items():
        started = time.monotonic()
        try:
            parse(text)
        except InputError as error:
            assert error.text("en") and error.text("zh")
        elapsed = time.monotonic() - started
        assert elapsed < BOUND, f"{name} took {elapsed:.1f} s on {label}"


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_every_parser_gives_a_result_or_input_error(text: str) -> None:
    for parse in PARSERS.values():
        try:
            parse(text)
        except InputError as error:
            assert error.text("en") and error.text("zh")


# -- codes and the catalogue ---------------------------------------------------------------
_CODE_LIKE = st.one_of(
    st.from_regex(r"[0-9]{1,4}", fullmatch=True),
    st.from_regex(r"[0-9Xx]\.[0-9]{1,4}\.[0-9]{1,4}", fullmatch=True),
    st.from_regex(r"[2-5][0-9]{2}[ \-]+[245]\.[0-9]{1,3}\.[0-9]{1,3}", fullmatch=True),
    st.text(alphabet="0123456789.-Xx \t", max_size=20),
)


@settings(deadline=None, max_examples=300)
@given(_CODE_LIKE, _CODE_LIKE)
def test_code_like_text_explains_and_compares_or_is_refused(a: str, b: str) -> None:
    for text in (a, b):
        try:
            parsed = codes.parse_code(text)
        except InputError as error:
            assert error.key and error.key.startswith("codes.")
            continue
        explained = catalogue.explain(text)
        assert parsed.cls is None or explained.cls == parsed.cls  # X.y.z: any class
        for lang in ("en", "zh"):
            assert explained.to_dict(lang)["title"]
    try:
        comparison = compare.compare(a, b)
    except InputError:
        return
    assert comparison.key_points


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=8).map(lambda s: s + "."), st.integers(0, 999), st.integers(0, 999))
def test_enhanced_codes_round_trip(prefix: str, subject: int, detail: int) -> None:
    for cls in ("2", "4", "5", "X"):
        parsed = codes.parse_enhanced(f"{cls}.{subject}.{detail}")
        assert parsed is not None and str(parsed) == f"{cls}.{subject}.{detail}"
    assert codes.parse_enhanced(prefix + "1.1") is None or prefix[:-1] in "245Xx"


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=200), st.sampled_from([None, 2, 3, 4, 5]))
def test_search_never_fails_and_finds_entries_only(query: str, cls: int | None) -> None:
    found = catalogue.catalogue().search(query, cls)
    assert all(cls is None or cls in entry.classes for entry in found)


def test_search_counts_each_word_once() -> None:
    """A megabyte of one matching word is one word (it used to take minutes)."""
    started = time.monotonic()
    assert catalogue.catalogue().search("relay " * 200_000) == catalogue.catalogue().search("relay")
    assert time.monotonic() - started < BOUND


# -- Base64 and SASL -------------------------------------------------------------------------
def test_a_megabyte_of_padding_is_handled_in_bounded_time() -> None:
    """``=[=\\s]*[^=\\s]`` backtracked quadratically: a megabyte of ``=`` took hours."""
    texts = ("=" * 1_000_000, "= " * 500_000, "QUJD" * 100_000 + "=" * 500_000, "=\n" * 500_000)
    for text in texts:
        started = time.monotonic()
        decoded = base64text.decode_base64(text)
        assert decoded.data == (b"ABC" * 100_000 if text.startswith("Q") else b"")
        assert time.monotonic() - started < BOUND
    with pytest.raises(InputError) as caught:
        base64text.decode_base64("=" * 500_000 + "QUJD")
    assert caught.value.key == "base64text.misplaced_padding" and caught.value.position == 0


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet="QUJD=\n \t-_", max_size=200))
def test_padding_placement(text: str) -> None:
    """Padding anywhere but at the end is refused at its first "=" (RFC 4648 3.2)."""
    try:
        base64text.decode_base64(text)
    except InputError as error:
        if error.key == "base64text.misplaced_padding":
            assert text[error.position or 0] == "="
            assert text[error.position or 0 :].strip("= \t\n")
        return
    body = text.rstrip("= \t\n")
    assert "=" not in body


_WORDS = st.text(
    alphabet=st.characters(max_codepoint=0x2FFF, categories=["L", "N", "P", "S"]),
    min_size=1,
    max_size=30,
)


@settings(deadline=None, max_examples=100)
@given(_WORDS, _WORDS)
def test_login_and_xoauth2_answers_decode_back_masked(user: str, word: str) -> None:
    secret = "Zq9" + word  # never a substring of the report's own words
    answers = sasl_encode.encode_login(user, secret)
    login = sasl.decode_exchange(
        f"AUTH LOGIN\n334 VXNlcm5hbWU6\n{answers.username}\n334 UGFzc3dvcmQ6\n{answers.password}"
    )
    shown = [step.decoded for step in login.steps]
    assert user in shown and secret in shown
    oauth = sasl.decode_exchange("AUTH XOAUTH2 " + sasl_encode.encode_xoauth2(user, secret))
    assert any(secret in f.value for f in oauth.steps[0].fields if f.secret)
    for exchange in (login, oauth):
        for lang in ("en", "zh"):
            assert secret not in render_text(report(exchange, lang))
            assert secret not in _strings(exchange.to_dict(lang))
            assert secret in _strings(exchange.to_dict(lang, reveal=True))


def _strings(value: object) -> str:
    """Every string inside a JSON-like value, one per line (to look for a secret)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(_strings(v) for item in value.items() for v in item)
    if isinstance(value, list | tuple):
        return "\n".join(_strings(v) for v in value)
    return ""


_SCRAM_ATTRIBUTE = st.tuples(
    st.sampled_from(list("nrsipcvemax") + ["", "nn", "=", ","]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
)


@settings(deadline=None, max_examples=200)
@given(
    st.sampled_from(["SCRAM-SHA-1", "SCRAM-SHA-256", "DIGEST-MD5", "CRAM-MD5", "OAUTHBEARER"]),
    st.lists(st.lists(_SCRAM_ATTRIBUTE, max_size=8), min_size=1, max_size=4),
    st.sampled_from(["n,,", "y,,", "p=tls-unique,,", "", "n,a=x,"]),
)
def test_mechanism_shaped_exchanges_decode_or_are_refused(
    mechanism: str, messages: list[list[tuple[str, str]]], header: str
) -> None:
    """Each challenge and answer built from attribute=value pairs, like the real thing."""
    lines = [f"AUTH {mechanism}"]
    for index, attributes in enumerate(messages):
        body = ",".join(f"{key}={value}" for key, value in attributes)
        if index == 0:
            body = header + body
        prefix = "334 " if index % 2 else ""
        lines.append(prefix + base64text.encode_base64(body))
    try:
        exchange = sasl.decode_exchange("\n".join(lines))
    except InputError as error:
        assert error.text("zh")
        return
    for lang in ("en", "zh"):
        render_text(report(exchange, lang))
        exchange.to_dict(lang)


# -- DNS answers as data ---------------------------------------------------------------------
@settings(deadline=None, max_examples=200)
@given(st.lists(st.text(max_size=40), max_size=30))
def test_mx_answers_sort_and_never_fail(records: list[str]) -> None:
    parsed = mx.parse_mx(tuple(records))
    assert [r.preference for r in parsed] == sorted(r.preference for r in parsed)
    assert all(0 <= r.preference <= 65535 for r in parsed)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=2000))
def test_txt_reasons_are_printable_and_bounded(text: str) -> None:
    cleaned = dnsbl_answer.clean_txt(text)
    assert all(ch.isprintable() or ch == " " for ch in cleaned)
    assert len(cleaned) <= 4 * 512 + 1


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=600))
def test_spf_record_bytes_decode_to_text(data: bytes) -> None:
    """TXT bytes are not text: whatever arrives becomes a string (RFC 7208 3.3, 4.5)."""
    text = spf_record.decode_record(data)
    assert isinstance(text, str)
    if spf_record.is_spf_record(data):
        assert text.lower().startswith("v=spf1")


# -- numbers in untrusted text ---------------------------------------------------------------
# str.isdigit() accepts "²" and Arabic-Indic digits, which int() refuses or reads; int()
# refuses more than 4300 digits. Servers and DNS records can send any of them.
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),
    st.sampled_from(["²", "٣", "0" * 5000 + "1", "9" * 5000, "", "-1", "+5", " 7", "1e3"]),
)


@settings(deadline=None, max_examples=150)
@given(_NUMBERS)
def test_numbers_from_outside_never_crash_a_parser(number: str) -> None:
    b64 = base64text.encode_base64
    sasl.decode_exchange(
        f"AUTH SCRAM-SHA-1 {b64('n,,n=u,r=abc')}\n334 {b64(f'r=abcdef,s=c2FsdA==,i={number}')}"
    )
    dmarc_record.parse_dmarc(f"v=DMARC1; p=none; pct={number}; ri={number}")
    mta_sts_policy.parse_sts_policy(f"version: STSv1\nmode: enforce\nmx: a.test\nmax_age: {number}")
    caps = smtp_capabilities.parse_capabilities(
        smtp_reply.ServerReply(250, ("hi", f"SIZE {number}"))
    )
    size = smtp_capabilities.size_limit(caps)
    assert size is not None and size >= 0
    assert all(cap.explanation.text("zh") for cap in caps)
    dane.parse_tlsa(f"{number} {number} {number} aabb")
    mx.parse_mx((f"{number} mx.test.",))
    try:
        resolver.parse_nameserver(f"127.0.0.1:{number}")
    except InputError as error:
        assert error.key == "resolver.bad_port"


# -- TXT concatenation, through a real DNS server ---------------------------------------------
_names = itertools.count()


@pytest.fixture(scope="module")
def txt_server() -> Iterator[LoopbackDNSServer]:
    with LoopbackDNSServer() as server:
        yield server


@pytest.fixture(scope="module")
def txt_resolver(txt_server: LoopbackDNSServer) -> dns.resolver.Resolver:
    return build_resolver(ResolverConfig((Nameserver("127.0.0.1", txt_server.port),), 2.0))


@pytest.mark.network
@settings(deadline=None, max_examples=40)
@given(st.lists(st.binary(max_size=255), min_size=1, max_size=12))
def test_txt_strings_are_joined_as_they_are(
    txt_server: LoopbackDNSServer, txt_resolver: dns.resolver.Resolver, strings: list[bytes]
) -> None:
    """RFC 7208 3.3 (and DKIM, DMARC alike): one record's strings, joined without spaces."""
    name = f"t{next(_names)}.txt.test"
    txt_server.add_txt(name, strings)
    found = lookup(txt_resolver, name, "TXT")
    assert found.raw_txt == (tuple(strings),)
    assert found.records == (b"".join(strings).decode("utf-8", errors="replace"),)


_RECORD = "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -ip4:198.51.100.7 ~all"
_EXPECTED = {
    "192.0.2.9": SpfResult.PASS,
    "2001:db8::25": SpfResult.PASS,
    "198.51.100.7": SpfResult.FAIL,
    "203.0.113.1": SpfResult.SOFTFAIL,
}


@pytest.mark.network
@settings(deadline=None, max_examples=40)
@given(
    st.lists(st.integers(min_value=0, max_value=len(_RECORD)), max_size=8),
    st.sampled_from(sorted(_EXPECTED)),
)
def test_an_spf_record_means_the_same_however_it_is_split(
    txt_server: LoopbackDNSServer, txt_resolver: dns.resolver.Resolver, cuts: list[int], ip: str
) -> None:
    edges = [0, *sorted(set(cuts)), len(_RECORD)]
    pieces = [_RECORD[a:b] for a, b in itertools.pairwise(edges)]
    name = f"s{next(_names)}.txt.test"
    txt_server.add_txt(name, pieces)
    assert check_host(txt_resolver, ip, name, "a@" + name).result is _EXPECTED[ip]
