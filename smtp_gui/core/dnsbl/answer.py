"""The meaning of a blocklist's answer: pure functions over ``Lookup`` values, no I/O.

Never "got an A record, so listed": each address is read against the list's documented
codes. Operator error codes are refusals, an address outside 127.0.0.0/8 or an unknown
code is an error shown raw, and a list that fails its RFC 5782 section 5 self-test is not
believed.
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.dnsbl.zones import CodeKind, Zone, ZoneKind
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import message

_LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")
# Where operators put their error codes (Spamhaus: .252 typo in the zone name, .254 public or
# unattributable resolver, .255 too many queries; others follow). From a list the app does
# not know, an answer here is read as a refusal, never as a listing (DESIGN.md).
_OPERATOR_ERRORS = ipaddress.IPv4Network("127.255.255.0/24")
_OPERATOR_CODES = frozenset({252, 254, 255})  # the ones with words of their own
_MAX_TXT = 512  # characters of TXT reason kept per record
# Answers shown per row (text output, the GUI's row and details); JSON keeps them all. A
# hostile or broken list can answer with thousands of A records (one gave a 411,807-character
# line); real lists answer with one to a few return codes.
MAX_ANSWERS_SHOWN = 20
MAX_MEANINGS_SHOWN = 10  # distinct meanings (a sentence each); Spamhaus ZEN has at most ~6


class ListingStatus(enum.StrEnum):
    LISTED = "listed"
    NOT_LISTED = "not_listed"
    REFUSED = "refused"  # an operator's error code: the list would not answer this resolver
    TIMEOUT = "timeout"
    ERROR = "error"  # SERVFAIL, an answer that is no DNSBL answer, a list that fails its test

    @property
    def could_not_check(self) -> bool:
        return self in (ListingStatus.REFUSED, ListingStatus.TIMEOUT, ListingStatus.ERROR)


class Health(enum.StrEnum):
    """What the RFC 5782 section 5 test entries said about a list (through this resolver)."""

    OK = "ok"
    LISTS_WORLD = "lists_world"  # 127.0.0.1 / INVALID listed: every answer is suspect
    NO_TEST_ENTRY = "no_test_entry"  # 127.0.0.2 / TEST not listed: dead or ignoring us
    UNKNOWN = "unknown"  # not asked, or no usable answer


class AnswerKind(enum.StrEnum):
    """How one A record reads against the list's codes."""

    LISTING = "listing"
    REFUSAL = "refusal"
    ALLOW = "allow"
    UNKNOWN = "unknown"  # in 127.0.0.0/8 but not a documented code
    FOREIGN = "foreign"  # outside 127.0.0.0/8, or not an address at all


@dataclass(frozen=True, slots=True)
class AnswerReading:
    answer: str
    reading: AnswerKind
    labels: tuple[str, ...] = ()
    meaning: Text = EMPTY


def _join(texts: Iterable[Text]) -> Text:
    """Distinct meanings as sentences; past MAX_MEANINGS_SHOWN, how many more there are."""
    items = list(dict.fromkeys(t for t in texts if t))
    hidden = len(items) - MAX_MEANINGS_SHOWN
    items = items[:MAX_MEANINGS_SHOWN]
    if hidden > 0:
        items.append(message("dnsbl.meanings_more", count=f"{hidden:,}"))
    return Text(" ".join(t.en for t in items), "".join(t.zh for t in items))


def read_answer(zone: Zone, answer: str) -> AnswerReading:
    """Read one A record of ``zone``'s answer (RFC 5782 2.3: values are in 127.0.0.0/8)."""
    try:
        address = ipaddress.IPv4Address(answer.strip())
    except ValueError:
        return AnswerReading(
            answer, AnswerKind.FOREIGN, meaning=message("dnsbl.not_an_address", answer=answer)
        )
    if address not in _LOOPBACK:
        return AnswerReading(
            answer, AnswerKind.FOREIGN, meaning=message("dnsbl.outside_loopback", address=answer)
        )
    if zone.bitmask:
        return _read_bitmask(zone, address)
    for code in zone.codes:
        if code.matches(address):
            return AnswerReading(
                answer, _READING[code.kind], (code.label,), code.meaning_for(address)
            )
    if not zone.shipped and address in _OPERATOR_ERRORS:
        last = address.packed[3]
        key = f"dnsbl.operator_code.{last if last in _OPERATOR_CODES else 'other'}"
        return AnswerReading(answer, AnswerKind.REFUSAL, meaning=message(key, address=answer))
    if not zone.shipped and str(address) != "127.0.0.1":
        meaning = message("dnsbl.generic_listing", address=answer)
        return AnswerReading(answer, AnswerKind.LISTING, (zone.name,), meaning)
    meaning = message("dnsbl.unknown_code", address=answer, name=zone.name)
    return AnswerReading(answer, AnswerKind.UNKNOWN, meaning=meaning)


_READING = {
    CodeKind.LISTING: AnswerKind.LISTING,
    CodeKind.BITMASK: AnswerKind.LISTING,
    CodeKind.ERROR: AnswerKind.REFUSAL,
    CodeKind.ALLOWLIST: AnswerKind.ALLOW,
}


def _read_bitmask(zone: Zone, address: ipaddress.IPv4Address) -> AnswerReading:
    """SURBL/URIBL style: 127.0.0.N with N the sum of the sub-lists' bits."""
    text = str(address)
    value = address.packed[3]
    if address.packed[:3] != b"\x7f\x00\x00" or value == 0:
        meaning = message("dnsbl.unknown_code", address=text, name=zone.name)
        return AnswerReading(text, AnswerKind.UNKNOWN, meaning=meaning)
    refusals = [c for c in zone.codes if c.kind is CodeKind.ERROR and value & c.bit]
    if refusals:
        return AnswerReading(text, AnswerKind.REFUSAL, (refusals[0].label,), refusals[0].meaning)
    hits = [c for c in zone.codes if value & c.bit]
    unknown = value & ~sum(c.bit for c in zone.codes)
    if unknown:
        meaning = message("dnsbl.unknown_bits", address=text, bits=unknown, name=zone.name)
        return AnswerReading(text, AnswerKind.UNKNOWN, meaning=meaning)
    return AnswerReading(
        text, AnswerKind.LISTING, tuple(c.label for c in hits), _join(c.meaning for c in hits)
    )


# -- health probes (RFC 5782 section 5) -------------------------------------------------------
def probe_says_listed(zone: Zone, probe: Lookup) -> bool | None:
    """True/False when the probe got a usable answer; None when it could not tell."""
    if probe.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return False
    if probe.outcome is not Outcome.ANSWER or not probe.records:
        return None
    readings = [read_answer(zone, r) for r in probe.records]
    if all(r.reading is AnswerKind.REFUSAL for r in readings):
        return None  # the operator refused this resolver: says nothing about the list
    return True


def interpret_probes(zone: Zone, must_list: bool | None, must_not_list: bool | None) -> Health:
    """Combine what the two test entries said into one verdict on the list."""
    if must_not_list:
        return Health.LISTS_WORLD
    if must_list is False:
        return Health.NO_TEST_ENTRY
    if must_list or must_not_list is False:
        return Health.OK
    return Health.UNKNOWN


def _probe_entry(zone: Zone, listed: bool) -> str:
    if zone.kind is ZoneKind.DOMAIN:
        return "TEST" if listed else "INVALID"
    if zone.ipv4:
        return "127.0.0.2" if listed else "127.0.0.1"
    return "::FFFF:7F00:2" if listed else "::FFFF:7F00:1"


# -- one list's verdict -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ListingVerdict:
    status: ListingStatus
    answers: tuple[str, ...] = ()
    meaning: Text = EMPTY
    txt: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    allowlisted: bool = False


def clean_txt(text: str) -> str:
    """A TXT reason made safe to print: control characters escaped, length capped."""
    out = "".join(
        ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in text[:_MAX_TXT]
    )
    return out + ("…" if len(text) > _MAX_TXT else "")


def answers_text(answers: Sequence[str], limit: int = MAX_ANSWERS_SHOWN) -> Text:
    """One row's answers for people: the first ``limit``, then "and 3,980 more"."""
    shown = ", ".join(answers[:limit])
    hidden = len(answers) - limit
    if hidden <= 0:
        return Text(shown, shown)
    more = message("dnsbl.answers_more", count=f"{hidden:,}")
    return Text(f"{shown} {more.en}", f"{shown} {more.zh}")


_REFUSED = ListingStatus.REFUSED


def interpret(
    zone: Zone, answer: Lookup, txt: Lookup | None = None, health: Health = Health.UNKNOWN
) -> ListingVerdict:
    """The status of ``zone`` for one target from its A answer, TXT answer and health."""
    verdict = _interpret_answer(zone, answer, txt)
    # A list that lists its must-not-list entry vouches for nothing it answers with an
    # address; its NXDOMAIN still means "not here".
    if health is Health.LISTS_WORLD and verdict.answers and verdict.status is not _REFUSED:
        entry = _probe_entry(zone, listed=False)
        note = message("dnsbl.lists_world", name=zone.name, entry=entry)
        return ListingVerdict(ListingStatus.ERROR, verdict.answers, note)
    if health is Health.NO_TEST_ENTRY and verdict.status is ListingStatus.NOT_LISTED:
        entry = _probe_entry(zone, listed=True)
        note = message("dnsbl.no_test_entry", name=zone.name, entry=entry)
        return ListingVerdict(ListingStatus.ERROR, verdict.answers, note)
    return verdict


def _interpret_answer(zone: Zone, answer: Lookup, txt: Lookup | None) -> ListingVerdict:
    outcome = answer.outcome
    if outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return ListingVerdict(ListingStatus.NOT_LISTED, meaning=message("dnsbl.not_listed"))
    if outcome is Outcome.TIMEOUT:
        return ListingVerdict(ListingStatus.TIMEOUT, meaning=message("dnsbl.timeout"))
    if outcome is Outcome.SERVFAIL:
        return ListingVerdict(ListingStatus.ERROR, meaning=message("dnsbl.servfail"))
    if outcome is Outcome.REFUSED:
        return ListingVerdict(ListingStatus.ERROR, meaning=message("dnsbl.dns_refused"))
    if outcome is not Outcome.ANSWER or not answer.records:
        detail = answer.detail or str(outcome)
        return ListingVerdict(
            ListingStatus.ERROR, meaning=message("dnsbl.dns_error", detail=detail)
        )
    readings = [read_answer(zone, record) for record in sorted(answer.records, key=_order)]
    answers = tuple(r.answer for r in readings)
    kinds = {r.reading for r in readings}
    labels = tuple(dict.fromkeys(label for r in readings for label in r.labels))
    if AnswerKind.REFUSAL in kinds:
        chosen = [r for r in readings if r.reading is AnswerKind.REFUSAL]
        status = ListingStatus.REFUSED
    elif kinds & {AnswerKind.UNKNOWN, AnswerKind.FOREIGN}:
        chosen = [r for r in readings if r.reading in (AnswerKind.UNKNOWN, AnswerKind.FOREIGN)]
        status = ListingStatus.ERROR
    elif AnswerKind.LISTING in kinds:
        chosen = [r for r in readings if r.reading is AnswerKind.LISTING]
        reasons: tuple[str, ...] = ()
        if txt is not None and txt.outcome is Outcome.ANSWER:
            reasons = tuple(clean_txt(t) for t in txt.records)
        meaning = _join(dict.fromkeys(r.meaning for r in chosen))
        return ListingVerdict(ListingStatus.LISTED, answers, meaning, reasons, labels)
    else:  # only allowlist answers: good news, not a listing
        meaning = _join(dict.fromkeys(r.meaning for r in readings))
        return ListingVerdict(
            ListingStatus.NOT_LISTED, answers, meaning, (), labels, allowlisted=True
        )
    meaning = _join(dict.fromkeys(r.meaning for r in chosen))
    return ListingVerdict(status, answers, meaning)


def _order(record: str) -> tuple[int, str]:
    """Answers in address order (DNS gives them in any order), anything else after."""
    try:
        return int(ipaddress.IPv4Address(record.strip())), ""
    except ValueError:
        return 1 << 32, record


def needs_txt(zone: Zone, answer: Lookup) -> bool:
    """TXT is asked only when the A answer is a listing (it holds the reason)."""
    return _interpret_answer(zone, answer, None).status is ListingStatus.LISTED


def is_listing_answer(zone: Zone, answer: Lookup) -> bool:
    """An answer the must-not-list probe has to vouch for (anything but a refusal)."""
    if answer.outcome is not Outcome.ANSWER or not answer.records:
        return False
    return _interpret_answer(zone, answer, None).status is not ListingStatus.REFUSED
