"""Hypothesis: the Received and Authentication-Results parsers never raise, and keep the
facts they were given."""

from __future__ import annotations

import contextlib
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.headers.analysis import analyse
from smtp_gui.core.headers.authres_parse import parse_auth_header
from smtp_gui.core.headers.received import parse_received
from smtp_gui.core.text.errors import InputError

_LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
_HOST = st.lists(_LABEL, min_size=2, max_size=4).map(".".join)
_IPV4 = st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t)))
_RESULT = st.sampled_from(["pass", "fail", "softfail", "neutral", "none", "temperror"])


@given(st.text(max_size=400))
@settings(max_examples=300)
def test_received_never_raises(text: str) -> None:
    parse_received(text)


@given(st.text(max_size=400), st.booleans())
@settings(max_examples=300)
def test_auth_results_never_raise(text: str, arc: bool) -> None:
    parse_auth_header(text, 0, arc)


@given(_HOST, _IPV4, _HOST, st.integers(1, 28), st.integers(0, 23))
def test_received_keeps_its_facts(helo: str, ip: str, by: str, day: int, hour: int) -> None:
    value = (
        f"from {helo} ({helo} [{ip}]) by {by} with ESMTPS id abc;"
        f" Tue, {day} Jul 2024 {hour:02d}:05:06 +0200"
    )
    facts = parse_received(value)
    assert (facts.from_name, facts.ip, facts.by, facts.protocol) == (helo, ip, by, "ESMTPS")
    assert facts.time is not None and facts.time.hour == (hour - 2) % 24


@given(_HOST, _RESULT, _HOST, _RESULT, _HOST, st.booleans(), st.booleans())
def test_auth_results_keep_their_facts(
    serv: str, spf: str, mailfrom: str, dkim: str, domain: str, microsoft: bool, junk: bool
) -> None:
    head = "" if microsoft else f"{serv}; "
    extra = " action=none" if microsoft else ""
    bad = " (((" if junk else ""  # one bad piece must not lose the rest
    value = (
        f"{head}spf={spf} smtp.mailfrom={mailfrom}; dkim={dkim} header.d={domain};"
        f" dmarc=pass{extra} header.from={domain}; x=y z{bad}"
    )
    header = parse_auth_header(value)
    got = {r.method: r for r in header.results}
    assert header.authserv_id == ("" if microsoft else serv)
    assert (got["spf"].result, got["spf"].prop("smtp", "mailfrom")) == (spf, mailfrom)
    assert (got["dkim"].result, got["dkim"].prop("header", "d")) == (dkim, domain)
    assert got["dmarc"].prop("header", "from") == domain


@given(st.binary(max_size=2000))
@settings(max_examples=200)
def test_analyse_raises_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        analyse(data)


def test_one_megabyte_of_headers_in_bounded_time() -> None:
    hop = (
        "Received: from mail.example.org (mail.example.org [192.0.2.1]) (using TLSv1.3 with "
        "cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.net (Postfix) with ESMTPS "
        "id 4WCk1x0Yz3z9sT for <bob@example.net>; Tue,  2 Jul 2024 12:04:07 +0200 (CEST)\n"
        "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org;"
        " dkim=pass header.d=example.org header.s=s1; dmarc=pass header.from=example.org\n"
        "X-Filler: " + "x" * 300 + "\n"
    )
    text = hop * (1024 * 1024 // len(hop)) + "From: a@example.org\n"
    started = time.perf_counter()
    analyse(text)
    # The budget is 0.1 s (a benchmark measures it); this only keeps it from growing wild
    # on a shared test machine.
    assert time.perf_counter() - started < 2.0
