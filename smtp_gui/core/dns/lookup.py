"""One DNS query turned into a value: the records, or why there are none.

Every check in the app asks DNS through ``lookup()`` so that a timeout, SERVFAIL or
REFUSED is always told apart from "no such record" (NXDOMAIN/NODATA): the first three mean
"could not check", the last two are answers.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.deadline_resolver import bounded_resolve, deadline_of


class Outcome(enum.StrEnum):
    ANSWER = "answer"
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists, no record of this type
    TIMEOUT = "timeout"  # could not check
    SERVFAIL = "servfail"  # could not check
    REFUSED = "refused"  # could not check
    ERROR = "error"  # could not check: malformed answer, bad name, ...

    @property
    def is_answer(self) -> bool:
        """True when DNS answered the question (with records or with "none")."""
        return self in (Outcome.ANSWER, Outcome.NXDOMAIN, Outcome.NODATA)


@dataclass(frozen=True, slots=True)
class Lookup:
    name: str
    rdtype: str
    outcome: Outcome
    records: tuple[str, ...] = ()  # presentation format, TXT strings joined (RFC 7208 3.3)
    raw_txt: tuple[tuple[bytes, ...], ...] = ()  # TXT/SPF: the character-strings of each record
    detail: str = ""  # the error text for ERROR
    ms: float = 0.0
    dnssec_validated: bool = False  # the AD bit was set by the answering resolver

    @property
    def could_not_check(self) -> bool:
        return not self.outcome.is_answer


def lookup(
    resolver: dns.resolver.Resolver, name: str, rdtype: str, deadline: Deadline | None = None
) -> Lookup:
    """Resolve ``name``/``rdtype`` once; every expected failure becomes an Outcome.

    The query runs on the one DNS engine (``engine.py``) while this thread waits. It ends by
    ``deadline`` (else the one ``resolver`` carries, see ``with_deadline()``) and within the
    resolver's timeout; a cancelled one (the deadline's cancel event) is a timeout at once.
    """
    from concurrent.futures import CancelledError

    from smtp_gui.core.dns.engine import engine

    if deadline is None:
        deadline = deadline_of(resolver) or Deadline.after(float(resolver.lifetime))
    runner = engine()
    if runner.on_loop():  # a blocking call on the loop would wait on itself
        return _sync_lookup(resolver, name, rdtype, deadline)
    started = time.monotonic()
    try:
        return runner.call(alookup(resolver, name, rdtype, deadline), deadline.cancel)
    except CancelledError:
        return Lookup(name, rdtype, Outcome.TIMEOUT, ms=(time.monotonic() - started) * 1000)


async def alookup(
    resolver: dns.resolver.Resolver, name: str, rdtype: str, deadline: Deadline | None = None
) -> Lookup:
    """``lookup()`` as a coroutine on the engine's loop."""
    from smtp_gui.core.dns import aquery

    started = time.monotonic()
    if deadline is None:
        deadline = deadline_of(resolver) or Deadline.after(float(resolver.lifetime))
    try:
        answer = await aquery.resolve(resolver, name, rdtype, deadline)
    except dns.exception.DNSException as exc:
        return _failed(name, rdtype, exc, started)
    return _answered(name, rdtype, answer, started)


def _sync_lookup(
    resolver: dns.resolver.Resolver, name: str, rdtype: str, deadline: Deadline
) -> Lookup:
    started = time.monotonic()
    try:
        answer = bounded_resolve(resolver, name, rdtype, deadline)
    except dns.exception.DNSException as exc:
        return _failed(name, rdtype, exc, started)
    return _answered(name, rdtype, answer, started)


def _failed(name: str, rdtype: str, exc: dns.exception.DNSException, started: float) -> Lookup:
    """What a failed resolution means: "no such record", or could not check (and why)."""
    ms = (time.monotonic() - started) * 1000
    if isinstance(exc, dns.resolver.NXDOMAIN):
        return Lookup(name, rdtype, Outcome.NXDOMAIN, ms=ms)
    if isinstance(exc, dns.resolver.LifetimeTimeout | dns.exception.Timeout):
        return Lookup(name, rdtype, Outcome.TIMEOUT, ms=ms)
    if isinstance(exc, dns.resolver.NoNameservers):
        return Lookup(name, rdtype, _no_nameservers_outcome(exc), detail=_first_error(exc), ms=ms)
    if isinstance(exc, dns.resolver.YXDOMAIN):
        return Lookup(name, rdtype, Outcome.ERROR, detail="YXDOMAIN", ms=ms)
    if isinstance(exc, dns.name.NameTooLong | dns.name.LabelTooLong | dns.name.EmptyLabel):
        return Lookup(name, rdtype, Outcome.ERROR, detail=str(exc), ms=ms)
    return Lookup(name, rdtype, Outcome.ERROR, detail=str(exc) or type(exc).__name__, ms=ms)


def _answered(name: str, rdtype: str, answer: dns.resolver.Answer, started: float) -> Lookup:
    ms = (time.monotonic() - started) * 1000
    rrset = answer.rrset
    if rrset is None:
        return Lookup(name, rdtype, Outcome.NODATA, ms=ms)
    kind = dns.rdatatype.from_text(rdtype)
    records: list[str] = []
    raw: list[tuple[bytes, ...]] = []
    for rdata in rrset:
        if kind in (dns.rdatatype.TXT, dns.rdatatype.SPF):
            strings = tuple(rdata.strings)
            raw.append(strings)
            records.append(b"".join(strings).decode("utf-8", errors="replace"))
        else:
            records.append(rdata.to_text())
    validated = bool(answer.response.flags & dns.flags.AD)
    return Lookup(
        name,
        rdtype,
        Outcome.ANSWER,
        records=tuple(records),
        raw_txt=tuple(raw),
        ms=ms,
        dnssec_validated=validated,
    )


def name_text(presentation: str) -> str:
    """A domain name from a record (``mail\\;x.example.``) without its final dot, every
    escape kept (RFC 1035 5.1: ``\\X`` and ``\\DDD``); ``""`` for the root.

    ``str.rstrip(".")`` is not enough: it also eats an escaped dot (``mail\\..``)."""
    try:
        name = dns.name.from_text(presentation)
    except dns.exception.DNSException:
        return presentation
    if name == dns.name.root:
        return ""
    return name.to_text(omit_final_dot=True)


def _no_nameservers_outcome(exc: dns.resolver.NoNameservers) -> Outcome:
    """SERVFAIL or REFUSED from every server; anything else is an error."""
    errors = exc.kwargs.get("errors", [])
    text = " ".join(str(e) for e in errors)
    if "REFUSED" in text:
        return Outcome.REFUSED
    if "SERVFAIL" in text:
        return Outcome.SERVFAIL
    return Outcome.ERROR


def _first_error(exc: dns.resolver.NoNameservers) -> str:
    """The last attempt's error, named even when it has no message.

    The last attempt is the telling one: a truncated UDP answer (``Truncated``, no message)
    is followed by the TCP attempt that failed (``EOFError`` when the server hung up).
    """
    errors = exc.kwargs.get("errors", [])
    if not errors:
        return str(exc) or type(exc).__name__
    last: tuple[object, ...] = tuple(errors[-1])
    # dnspython reports (server, tcp, port, error[, answer]) per failed attempt.
    if len(last) < 4:
        return str(last)
    server, tcp, error = last[0], last[1], last[3]
    text = str(error)
    if not isinstance(error, str):  # an exception: name it, its message may be empty
        name = type(error).__name__
        text = f"{name}: {text}" if text and text != name else name
    return f"{server}{' (TCP)' if tcp else ''}: {text}"
