"""RFC 7208 check_host(): the SPF result for an IP, a sender and a HELO name, with a trace.

``evaluate()`` picks the identity as an MTA would (MAIL FROM, else HELO; RFC 7208 2.4) and
``check_host()`` checks a given domain. Both return an ``Evaluation`` value; only bad input
(an IP that is not one) raises InputError. Every DNS question goes through ``SpfSession``,
which enforces the RFC 7208 4.6.4 limits and a time limit.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterable
from typing import Any, NamedTuple

import dns.resolver

from smtp_gui.core.dns.lookup import Lookup
from smtp_gui.core.spf.explain import explain
from smtp_gui.core.spf.lookups import (
    MAX_NAMES,
    TIME_LIMIT,
    CheckHostError,
    SpfSession,
    dns_text,
    fetch_record,
    is_checkable_domain,
    permerror,
    temperror,
)
from smtp_gui.core.spf.macros import IPAddress, MacroContext, MacroString, expand, to_domain
from smtp_gui.core.spf.prefetch import prefetch
from smtp_gui.core.spf.record import (
    Mechanism,
    Modifier,
    SpfRecord,
    SpfResult,
    parse_record,
    published,
)
from smtp_gui.core.spf.trace import EntryBuilder, Evaluation
from smtp_gui.core.text.errors import InputError, input_error
from smtp_gui.core.text.messages import Note

MAX_DEPTH = 12  # include/redirect nesting; the lookup limit stops loops earlier


class _Outcome(NamedTuple):
    result: SpfResult
    exp: tuple[Modifier, str] | None  # the exp= that applies, with its record's domain
    reason: Note


def parse_ip(text: str) -> IPAddress:
    """The client IP; an IPv4-mapped IPv6 address is IPv4 (RFC 7208 5)."""
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        raise input_error("spf.bad_ip", value=text) from None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            raise input_error("spf.bad_ip", value=text)
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
    return ip


def split_sender(sender: str, helo: str) -> tuple[str, str, str]:
    """(sender, local part, domain): a null MAIL FROM becomes postmaster@HELO (RFC 7208
    2.4), and a missing local part "postmaster" (RFC 7208 4.3)."""
    sender = sender.strip()
    if not sender:
        sender = f"postmaster@{helo}"
    local, at, domain = sender.rpartition("@")
    if not at:
        local, domain = "", sender
    local = local or "postmaster"
    return f"{local}@{domain}", local, domain


def evaluate(
    resolver: dns.resolver.Resolver, ip: str, sender: str = "", helo: str = "", **options: Any
) -> Evaluation:
    """check_host() for the MAIL FROM identity, or the HELO identity when MAIL FROM is null."""
    full, _local, domain = split_sender(sender, helo)
    return check_host(resolver, ip, domain, full, helo, **options)


def check_host(
    resolver: dns.resolver.Resolver,
    ip: str,
    domain: str,
    sender: str,
    helo: str = "",
    *,
    receiver: str = "unknown",
    time_limit: float = TIME_LIMIT,
    timestamp: int | None = None,
    answers: dict[tuple[str, str], Lookup] | None = None,
) -> Evaluation:
    """RFC 7208 4: the SPF result for ``ip`` sending as ``sender`` for ``domain``.

    ``answers`` (see ``SpfSession.answers``) lets another check of the same row reuse them.
    """
    address = parse_ip(ip)
    full, local, sender_domain = split_sender(sender, helo or domain)
    started = time.monotonic()
    session = SpfSession(resolver, time_limit=time_limit)
    if answers is not None:
        session.answers = answers
    prefetch(session, domain)  # the records of the include tree at once
    evaluator = _Evaluator(session, address)
    evaluator.ctx = MacroContext(
        full,
        local,
        sender_domain,
        domain,
        address,
        helo or domain,
        receiver,
        int(time.time()) if timestamp is None else timestamp,
        evaluator.validated_name,
    )
    root = EntryBuilder(domain, 0, domain, "record")
    detail: Note | None = None
    error_domain: str | None = None
    error_position: int | None = None
    explanation: str | None = None
    try:
        outcome = evaluator.check_host(domain, root, 0)
    except CheckHostError as abort:
        outcome = _Outcome(abort.result, None, abort.note)
        detail, error_domain, error_position = abort.detail, abort.domain, abort.position
    if outcome.result is SpfResult.FAIL and outcome.exp is not None:
        modifier, exp_domain = outcome.exp
        entry = root.child(modifier.text, modifier.position, exp_domain, "exp")
        evaluator.current = entry
        explanation = explain(session, evaluator.ctx.with_domain(exp_domain), modifier, entry)
    return Evaluation(
        outcome.result,
        domain,
        str(address),
        full,
        helo,
        published(root.record) if root.record is not None else None,
        root.queries[0] if root.queries else None,
        explanation,
        outcome.reason,
        detail,
        error_domain,
        error_position,
        session.lookups,
        session.void_lookups,
        tuple(child.freeze() for child in root.children),
        (time.monotonic() - started) * 1000,
    )


def _in_networks(ip: IPAddress, addresses: Iterable[str], cidr: int | None) -> bool:
    bits = ip.max_prefixlen if cidr is None else cidr
    for text in addresses:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.version == ip.version and ip in ipaddress.ip_network(
            f"{address}/{bits}", strict=False
        ):
            return True
    return False


class _Evaluator:
    """The recursive part of check_host(); queries are recorded on ``self.current``."""

    def __init__(self, session: SpfSession, ip: IPAddress) -> None:
        self.session = session
        self.ip = ip
        self.ctx: MacroContext
        self.current: EntryBuilder | None = None
        self._validated: list[str] | None = None

    # -- records ----------------------------------------------------------------------------
    def check_host(self, domain: str, owner: EntryBuilder, depth: int) -> _Outcome:
        if depth > MAX_DEPTH:
            raise permerror("spf.why.lookup_limit", limit=MAX_DEPTH)
        if not is_checkable_domain(domain):
            return _Outcome(SpfResult.NONE, None, Note("spf.why.bad_domain", {"domain": domain}))
        fetch = fetch_record(self.session, domain)
        owner.queries.append(fetch.query)
        if fetch.could_not_check:
            # RFC 7208 4.4: a DNS error fetching the record is temperror
            raise temperror("spf.why.record_temperror", domain=domain, outcome=fetch.outcome)
        if not fetch.records:
            key = "spf.why.nxdomain" if fetch.outcome == "nxdomain" else "spf.why.no_record"
            return _Outcome(SpfResult.NONE, None, Note(key, {"domain": domain}))
        if len(fetch.records) > 1:
            owner.record = "\n".join(fetch.records)
            # RFC 7208 4.5: more than one record is permerror
            raise permerror("spf.why.multiple", domain=domain, count=len(fetch.records))
        owner.record = fetch.records[0]
        try:
            record = parse_record(fetch.records[0])
        except InputError as error:
            abort = permerror(
                "spf.why.syntax", error.position, domain=domain, column=(error.position or 0) + 1
            )
            abort.detail = Note(error.key or "spf.syntax.bad_term", error.params)
            abort.domain = domain
            raise abort from None
        try:
            return self._evaluate(record, domain, owner, depth)
        except CheckHostError as abort:
            if abort.domain is None:
                abort.domain = domain
            raise

    def _evaluate(
        self, record: SpfRecord, domain: str, owner: EntryBuilder, depth: int
    ) -> _Outcome:
        for mechanism in record.mechanisms:
            entry = owner.child(mechanism.text, mechanism.position, domain, mechanism.name)
            self.current = entry
            try:
                matched = self._mechanism(mechanism, domain, entry, depth)
            except CheckHostError as abort:
                entry.result = abort.result
                entry.note = entry.note or abort.note
                raise
            entry.matched = matched
            if matched:
                result = mechanism.result
                entry.result = result
                exp = (record.exp, domain) if record.exp and result is SpfResult.FAIL else None
                reason = Note("spf.why.matched", {"term": mechanism.text, "domain": domain})
                return _Outcome(result, exp, reason)
        redirect = record.redirect
        if redirect is None:
            # RFC 7208 4.7: nothing matched and no redirect: neutral
            return _Outcome(SpfResult.NEUTRAL, None, Note("spf.why.default", {"domain": domain}))
        # RFC 7208 6.1: redirect applies only when no mechanism matched
        entry = owner.child(redirect.text, redirect.position, domain, "redirect")
        self.current = entry
        try:
            self._count(entry, redirect.position)
            target = self._target(redirect.value, domain, entry)
            outcome = self.check_host(target, entry, depth + 1)
            if outcome.result is SpfResult.NONE:
                # RFC 7208 6.1: no record at the redirect target is permerror
                raise permerror("spf.why.redirect_none", redirect.position, target=target)
        except CheckHostError as abort:
            entry.result = abort.result
            entry.note = entry.note or abort.note
            raise
        entry.result = outcome.result
        return outcome

    # -- mechanisms (RFC 7208 5) --------------------------------------------------------------
    def _mechanism(self, m: Mechanism, domain: str, entry: EntryBuilder, depth: int) -> bool:
        if m.name == "all":
            return True  # RFC 7208 5.1
        if m.name in ("ip4", "ip6"):
            # RFC 7208 5.6: ip4 never matches an IPv6 client, nor ip6 an IPv4 one
            assert m.network is not None
            return self.ip.version == m.network.version and self.ip in m.network
        self._count(entry, m.position)
        target = self._target(m.domain_spec, domain, entry)
        if m.name == "include":
            return self._include(target, entry, depth, m.position)
        name = dns_text(target)
        if name is None:
            # RFC 7208 4.8 / 4.3: a target no DNS query can carry matches nothing
            entry.note = Note("spf.trace.invalid_target", {"target": target})
            return False
        if m.name == "a":
            return self._a(name, m.cidr4, m.cidr6, entry, m.position)
        if m.name == "mx":
            return self._mx(name, m, entry)
        if m.name == "ptr":
            return self._ptr(target, entry, m.position)
        return self._exists(name, entry, m.position)

    def _include(self, target: str, entry: EntryBuilder, depth: int, position: int) -> bool:
        outcome = self.check_host(target, entry, depth + 1)
        entry.result = outcome.result
        if outcome.result is SpfResult.NONE:
            # RFC 7208 5.2: an include target without a record is permerror
            raise permerror("spf.why.include_none", position, target=target)
        return outcome.result is SpfResult.PASS  # RFC 7208 5.2 table

    def _a(
        self, name: str, cidr4: int | None, cidr6: int | None, entry: EntryBuilder, at: int
    ) -> bool:
        """RFC 7208 5.3: A records for an IPv4 client, AAAA for IPv6, within the CIDR."""
        found = self._ask(entry, name, self._address_type(), void_at=at)
        return _in_networks(self.ip, found.records, cidr4 if self.ip.version == 4 else cidr6)

    def _mx(self, name: str, m: Mechanism, entry: EntryBuilder) -> bool:
        """RFC 7208 5.4: the addresses of every MX host (no implicit MX)."""
        found = self._ask(entry, name, "MX", void_at=m.position)
        hosts = [record.split(None, 1)[-1] for record in found.records]
        if len(hosts) > MAX_NAMES:
            # RFC 7208 4.6.4: more than 10 MX names is permerror
            raise permerror("spf.why.mx_limit", m.position, count=len(hosts), limit=MAX_NAMES)
        cidr = m.cidr4 if self.ip.version == 4 else m.cidr6
        for host in hosts:
            if host == ".":
                continue  # RFC 7505 null MX: nothing to look up
            addresses = self._ask(entry, host, self._address_type())
            if _in_networks(self.ip, addresses.records, cidr):
                return True
        return False

    def _ptr(self, target: str, entry: EntryBuilder, position: int) -> bool:
        """RFC 7208 5.5: a validated PTR name equal to, or under, the target."""
        names = self._ptr_names(entry, void_at=position)
        wanted = target.lower().rstrip(".")
        for name in names:
            plain = name.lower().rstrip(".")
            if (plain == wanted or plain.endswith("." + wanted)) and self._validates(entry, name):
                return True
        return False

    def _exists(self, name: str, entry: EntryBuilder, position: int) -> bool:
        """RFC 7208 5.7: any A record matches, whatever the client's IP version."""
        return bool(self._ask(entry, name, "A", void_at=position).records)

    # -- DNS helpers ------------------------------------------------------------------------
    def _address_type(self) -> str:
        return "A" if self.ip.version == 4 else "AAAA"

    def _count(self, entry: EntryBuilder, position: int) -> None:
        entry.cost = 1
        self.session.count_term(position)

    def _ask(
        self,
        entry: EntryBuilder,
        name: str,
        rdtype: str,
        void_at: int | None = None,
        errors_fatal: bool = True,
    ) -> Lookup:
        """Query and record it; DNS failure is temperror (RFC 7208 5), a void answer may
        count against the void limit (RFC 7208 4.6.4)."""
        found, query = self.session.query(name, rdtype)
        entry.queries.append(query)
        if found.could_not_check:
            if errors_fatal:
                raise temperror(
                    "spf.why.dns_temperror", name=name, rdtype=rdtype, outcome=found.outcome
                )
            return found
        if not found.records and void_at is not None:
            entry.void += 1
            self.session.count_void(void_at)
        return found

    def _target(self, spec: MacroString | None, domain: str, entry: EntryBuilder) -> str:
        """The <target-name> (RFC 7208 4.8): the domain-spec expanded, else <domain>."""
        target = domain if spec is None else to_domain(expand(spec, self.ctx.with_domain(domain)))
        entry.target = target
        return target

    def _ptr_names(self, entry: EntryBuilder, void_at: int | None) -> list[str]:
        """The first 10 PTR names of the client (RFC 7208 4.6.4); a DNS error gives none
        (RFC 7208 5.5: the mechanism does not match; 7.3: %{p} is "unknown")."""
        reverse = self.ip.reverse_pointer + "."
        found = self._ask(entry, reverse, "PTR", void_at=void_at, errors_fatal=False)
        if found.could_not_check:
            entry.note = Note("spf.trace.ptr_error", {"outcome": found.outcome})
            return []
        if len(found.records) > MAX_NAMES:
            entry.note = Note("spf.trace.names_ignored", {"count": len(found.records)})
        return list(found.records[:MAX_NAMES])

    def _validates(self, entry: EntryBuilder, name: str) -> bool:
        """Forward-confirm a PTR name; a DNS error skips the name (RFC 7208 5.5)."""
        found = self._ask(entry, name, self._address_type(), errors_fatal=False)
        return _in_networks(self.ip, found.records, None)

    def validated_name(self, domain: str) -> str:
        """%{p} (RFC 7208 7.3): the domain itself, else a subdomain of it, else any validated
        name, else "unknown". The names are looked up once per check."""
        entry = self.current or EntryBuilder("%{p}", 0, domain, "macro")
        if self._validated is None:
            names = self._ptr_names(entry, void_at=None)
            self._validated = [n.rstrip(".") for n in names if self._validates(entry, n)]
        wanted = domain.lower().rstrip(".")
        for name in self._validated:
            if name.lower() == wanted:
                return name
        for name in self._validated:
            if name.lower().endswith("." + wanted):
                return name
        return self._validated[0] if self._validated else "unknown"
