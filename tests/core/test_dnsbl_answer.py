"""The meaning of blocklist answers, as pure functions over Lookup values (no DNS here)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dnsbl.answer import (
    AnswerKind,
    Health,
    ListingStatus,
    clean_txt,
    interpret,
    interpret_probes,
    is_listing_answer,
    probe_says_listed,
    read_answer,
)
from smtp_gui.core.dnsbl.zones import Zone, ZoneKind, find_zone, shipped_zones


def _zone(name: str) -> Zone:
    zone = find_zone(name)
    assert zone is not None
    return zone


def _a(*records: str) -> Lookup:
    return Lookup("q.example", "A", Outcome.ANSWER, records=records, ms=12.0)


def _txt(*records: str) -> Lookup:
    return Lookup("q.example", "TXT", Outcome.ANSWER, records=records)


def _none(outcome: Outcome, detail: str = "") -> Lookup:
    return Lookup("q.example", "A", outcome, detail=detail)


ZEN, DBL, SURBL, URIBL = (
    _zone(n) for n in ("zen.spamhaus.org", "dbl.spamhaus.org", "multi.surbl.org", "multi.uribl.com")
)
DNSWL, SPAMCOP = _zone("list.dnswl.org"), _zone("bl.spamcop.net")


@pytest.mark.parametrize(
    ("zone", "records", "labels"),
    [
        (ZEN, ("127.0.0.2",), ("Spamhaus SBL",)),
        (ZEN, ("127.0.0.3",), ("Spamhaus CSS",)),
        (ZEN, ("127.0.0.4",), ("Spamhaus XBL",)),
        (ZEN, ("127.0.0.9",), ("Spamhaus DROP",)),
        (ZEN, ("127.0.0.10",), ("Spamhaus PBL",)),
        (ZEN, ("127.0.0.11",), ("Spamhaus PBL",)),
        (ZEN, ("127.0.0.30",), ("Spamhaus BCL",)),
        (ZEN, ("127.0.0.4", "127.0.0.2"), ("Spamhaus SBL", "Spamhaus XBL")),
        (DBL, ("127.0.1.2",), ("Spamhaus DBL",)),
        (DBL, ("127.0.1.106",), ("Spamhaus DBL",)),
        (SURBL, ("127.0.0.8",), ("SURBL PH",)),
        (SURBL, ("127.0.0.72",), ("SURBL PH", "SURBL ABUSE")),
        (URIBL, ("127.0.0.2",), ("URIBL black",)),
        (URIBL, ("127.0.0.14",), ("URIBL black", "URIBL grey", "URIBL red")),
        (SPAMCOP, ("127.0.0.2",), ("SpamCop",)),
    ],
)
def test_listed(zone: Zone, records: tuple[str, ...], labels: tuple[str, ...]) -> None:
    verdict = interpret(zone, _a(*records), _txt("reason one", "reason two"))
    assert verdict.status is ListingStatus.LISTED
    assert verdict.labels == labels
    assert verdict.txt == ("reason one", "reason two")
    assert verdict.meaning.en and verdict.meaning.zh != verdict.meaning.en


@pytest.mark.parametrize(
    ("zone", "record", "words"),
    [
        (ZEN, "127.255.255.252", "does not have"),
        (ZEN, "127.255.255.254", "public or shared resolver"),
        (ZEN, "127.255.255.255", "more queries"),
        (_zone("sbl.spamhaus.org"), "127.255.255.254", "public or shared resolver"),
        (_zone("pbl.spamhaus.org"), "127.255.255.255", "more queries"),
        (DBL, "127.0.1.255", "IP address was sent"),
        (DBL, "127.255.255.254", "public or shared resolver"),
        (SURBL, "127.0.0.1", "blocks your resolver"),
        (URIBL, "127.0.0.1", "refuses your resolver"),
        (DNSWL, "127.0.0.255", "too many queries"),
    ],
)
def test_operator_error_codes_are_refused_never_listed(zone: Zone, record: str, words: str) -> None:
    verdict = interpret(zone, _a(record))
    assert verdict.status is ListingStatus.REFUSED
    assert verdict.answers == (record,)
    assert words in verdict.meaning.en
    assert "并非列入" in verdict.meaning.zh


def test_refusal_wins_over_a_listing_in_the_same_answer() -> None:
    assert interpret(ZEN, _a("127.0.0.2", "127.255.255.254")).status is ListingStatus.REFUSED


@pytest.mark.parametrize(
    ("zone", "records", "words"),
    [
        (ZEN, ("127.0.0.99",), "Unknown code 127.0.0.99"),
        (ZEN, ("203.0.113.7",), "outside 127.0.0.0/8"),
        (ZEN, ("127.0.0.2", "198.51.100.1"), "outside 127.0.0.0/8"),
        (SPAMCOP, ("127.0.0.3",), "Unknown code 127.0.0.3"),
        (SURBL, ("127.0.0.2",), "Unknown bits 2"),
        (SURBL, ("127.0.1.8",), "Unknown code 127.0.1.8"),
        (ZEN, ("not-an-address",), "not an IPv4 address"),
    ],
)
def test_unreadable_answers_are_errors_shown_raw(
    zone: Zone, records: tuple[str, ...], words: str
) -> None:
    verdict = interpret(zone, _a(*records), _txt("ignored"))
    assert verdict.status is ListingStatus.ERROR
    assert set(verdict.answers) == set(records)
    assert words in verdict.meaning.en
    assert verdict.txt == ()


@pytest.mark.parametrize(
    ("lookup", "status", "words"),
    [
        (_none(Outcome.NXDOMAIN), ListingStatus.NOT_LISTED, "Not listed"),
        (_none(Outcome.NODATA), ListingStatus.NOT_LISTED, "Not listed"),
        (_none(Outcome.TIMEOUT), ListingStatus.TIMEOUT, "not the same as"),
        (_none(Outcome.SERVFAIL), ListingStatus.ERROR, "SERVFAIL"),
        (_none(Outcome.REFUSED), ListingStatus.ERROR, "REFUSED"),
        (_none(Outcome.ERROR, "label too long"), ListingStatus.ERROR, "label too long"),
        (_a(), ListingStatus.ERROR, "Could not check"),
    ],
)
def test_dns_outcomes(lookup: Lookup, status: ListingStatus, words: str) -> None:
    verdict = interpret(ZEN, lookup)
    assert verdict.status is status
    assert words in verdict.meaning.en


def test_allowlist_hit_is_good_news_not_a_listing() -> None:
    verdict = interpret(DNSWL, _a("127.0.15.2"))
    assert verdict.status is ListingStatus.NOT_LISTED and verdict.allowlisted
    assert "category 15" in verdict.meaning.en and "类别 15" in verdict.meaning.zh


def test_unknown_zone_reads_any_loopback_code_as_a_listing() -> None:
    custom = Zone("bl.example", "bl.example", ZoneKind.IP, shipped=False)
    assert interpret(custom, _a("127.0.0.5")).status is ListingStatus.LISTED
    assert interpret(custom, _a("127.255.254.255")).status is ListingStatus.LISTED
    assert interpret(custom, _a("127.0.0.1")).status is ListingStatus.ERROR
    assert interpret(custom, _a("192.0.2.1")).status is ListingStatus.ERROR


@pytest.mark.parametrize(
    ("answer", "health", "status"),
    [
        (_a("127.0.0.2"), Health.LISTS_WORLD, ListingStatus.ERROR),
        (_a("203.0.113.9"), Health.LISTS_WORLD, ListingStatus.ERROR),
        (_none(Outcome.NXDOMAIN), Health.LISTS_WORLD, ListingStatus.NOT_LISTED),
        (_a("127.255.255.254"), Health.LISTS_WORLD, ListingStatus.REFUSED),
        (_none(Outcome.NXDOMAIN), Health.NO_TEST_ENTRY, ListingStatus.ERROR),
        (_a("127.0.0.2"), Health.NO_TEST_ENTRY, ListingStatus.LISTED),
        (_none(Outcome.NXDOMAIN), Health.OK, ListingStatus.NOT_LISTED),
        (_none(Outcome.NXDOMAIN), Health.UNKNOWN, ListingStatus.NOT_LISTED),
        (_none(Outcome.TIMEOUT), Health.NO_TEST_ENTRY, ListingStatus.TIMEOUT),
    ],
)
def test_health_decides_whether_an_answer_counts(
    answer: Lookup, health: Health, status: ListingStatus
) -> None:
    verdict = interpret(ZEN, answer, None, health)
    assert verdict.status is status
    if health is Health.LISTS_WORLD and status is ListingStatus.ERROR:
        assert "127.0.0.1" in verdict.meaning.en and "RFC 5782" in verdict.meaning.en
    if health is Health.NO_TEST_ENTRY and status is ListingStatus.ERROR:
        assert "127.0.0.2" in verdict.meaning.en


def test_domain_lists_name_their_test_entries() -> None:
    verdict = interpret(DBL, _a("127.0.1.2"), None, Health.LISTS_WORLD)
    assert "INVALID" in verdict.meaning.en
    assert "TEST" in interpret(DBL, _none(Outcome.NODATA), None, Health.NO_TEST_ENTRY).meaning.en


@pytest.mark.parametrize(
    ("probe", "says"),
    [
        (_a("127.0.0.2"), True),
        (_a("198.51.100.1"), True),  # NXDOMAIN rewritten: the probe "lists" it
        (_none(Outcome.NXDOMAIN), False),
        (_none(Outcome.NODATA), False),
        (_a("127.255.255.254"), None),  # refused: says nothing about the list
        (_none(Outcome.TIMEOUT), None),
        (_none(Outcome.SERVFAIL), None),
    ],
)
def test_probe_readings(probe: Lookup, says: bool | None) -> None:
    assert probe_says_listed(ZEN, probe) is says


@pytest.mark.parametrize(
    ("must_list", "must_not_list", "health"),
    [
        (True, False, Health.OK),
        (True, None, Health.OK),
        (None, False, Health.OK),
        (True, True, Health.LISTS_WORLD),
        (None, True, Health.LISTS_WORLD),
        (False, False, Health.NO_TEST_ENTRY),
        (False, True, Health.LISTS_WORLD),
        (None, None, Health.UNKNOWN),
    ],
)
def test_interpret_probes(
    must_list: bool | None, must_not_list: bool | None, health: Health
) -> None:
    assert interpret_probes(ZEN, must_list, must_not_list) is health


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain reason", "plain reason"),
        ("bell\x07 and \x1b[31mred", "bell\\x07 and \\x1b[31mred"),
        ("中文原因", "中文原因"),
    ],
)
def test_clean_txt(text: str, shown: str) -> None:
    assert clean_txt(text) == shown


def test_clean_txt_caps_length() -> None:
    assert len(clean_txt("x" * 5000)) == 513


def test_every_shipped_code_reads_as_its_kind() -> None:
    expected = {
        "listing": AnswerKind.LISTING,
        "bitmask": AnswerKind.LISTING,
        "error": AnswerKind.REFUSAL,
        "allowlist": AnswerKind.ALLOW,
    }
    for zone in shipped_zones():
        for code in zone.codes:
            if zone.bitmask:
                address = f"127.0.0.{code.bit}"
            else:
                address = ".".join(str(lo) for lo, _hi in code.octets)
            assert read_answer(zone, address).reading is expected[code.kind], (zone.zone, address)


_records = st.lists(
    st.one_of(
        st.ip_addresses(v=4).map(str),
        st.integers(0, 255).map(lambda n: f"127.0.0.{n}"),
        st.integers(0, 255).map(lambda n: f"127.255.255.{n}"),
        st.text(max_size=40),
    ),
    max_size=6,
)


@settings(deadline=None, max_examples=300)
@given(
    zone=st.sampled_from(shipped_zones()),
    records=_records,
    outcome=st.sampled_from(list(Outcome)),
    txt=st.lists(st.text(max_size=80), max_size=3),
    health=st.sampled_from(list(Health)),
)
def test_any_answer_has_a_status_and_never_raises(
    zone: Zone, records: list[str], outcome: Outcome, txt: list[str], health: Health
) -> None:
    started = time.monotonic()
    answer = Lookup("q.example", "A", outcome, records=tuple(records))
    verdict = interpret(zone, answer, _txt(*txt), health)
    assert time.monotonic() - started < 0.5
    assert verdict.status in ListingStatus
    assert verdict.meaning.en and verdict.meaning.zh
    if verdict.status is ListingStatus.LISTED:
        assert outcome is Outcome.ANSWER and records and health is not Health.LISTS_WORLD
        assert all(r.startswith("127.") for r in verdict.answers)
    if outcome is Outcome.TIMEOUT:
        assert verdict.status is ListingStatus.TIMEOUT
    if outcome in (Outcome.SERVFAIL, Outcome.REFUSED, Outcome.ERROR):
        assert verdict.status is ListingStatus.ERROR
    assert all(ch.isprintable() for reason in verdict.txt for ch in reason)


def test_thousands_of_answers_explain_only_the_first_meanings() -> None:
    """Issue 12: 4,000 A records from a list the app does not know gave one meaning
    sentence per answer (a 411,807-character line); now at most MAX_MEANINGS_SHOWN."""
    zone = Zone(zone="many.bl.test", name="many.bl.test", kind=ZoneKind.IP)
    records = tuple(f"127.1.{i // 256}.{i % 256}" for i in range(4000))
    verdict = interpret(zone, _a(*records))
    assert len(verdict.answers) == 4000  # all kept, for JSON
    assert len(verdict.meaning.en) < 1500 and len(verdict.meaning.zh) < 1500
    assert verdict.meaning.en.endswith("The other 3,990 answers are not explained here.")
    assert verdict.meaning.zh.endswith("其余 3,990 个应答在此不作解释。")


@pytest.mark.parametrize("last", [0, 1, 252, 253, 254, 255])
def test_unknown_zone_operator_range_is_a_refusal(last: int) -> None:
    """DESIGN.md: any 127.255.255.0/24 answer from a list the app does not know is refused."""
    custom = Zone("bl.example", "bl.example", ZoneKind.IP, shipped=False)
    code = f"127.255.255.{last}"
    verdict = interpret(custom, _a(code), _txt("listed for spam"))
    assert verdict.status is ListingStatus.REFUSED
    assert verdict.answers == (code,) and verdict.txt == ()
    assert verdict.meaning.en.startswith(f"Not a listing: {code} is an operator's error code")
    assert verdict.meaning.zh.startswith(f"并非列入：{code} 是运营方的错误代码")
    assert probe_says_listed(custom, _a(code)) is None  # a refused probe says nothing
    assert not is_listing_answer(custom, _a(code))
