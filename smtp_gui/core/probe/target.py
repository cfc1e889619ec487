"""Where to connect: an IP address, a host name, or a domain's MX hosts in preference order.

RFC 5321 5.1: mail for a domain goes to its MX hosts, lowest preference first, each address
in turn; a domain without MX records is its own (implicit) MX; a null MX (RFC 7505) means
the domain accepts no mail. The MX lookup and the MX hosts' addresses come from the domain
checks' resolver; a host name the user typed is resolved like any program would
(``getaddrinfo``: the hosts file, then DNS).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass

import dns.resolver

from smtp_gui.core.deadline import Deadline
from smtp_gui.core.dns.deadline_resolver import with_deadline
from smtp_gui.core.dns.lookup import Outcome as LookupOutcome
from smtp_gui.core.dns.resolver import ResolverConfig, build_resolver
from smtp_gui.core.records.mx import mail_hosts, resolve_hosts
from smtp_gui.core.text.errors import input_error
from smtp_gui.core.text.messages import Note

_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\Z")
MAX_MX_HOSTS = 5  # an MTA tries a few; a probe that wants more can name the host


@dataclass(frozen=True, slots=True)
class Address:
    family: int  # socket.AF_INET or socket.AF_INET6
    address: str

    @property
    def family_name(self) -> str:
        return "IPv6" if self.family == socket.AF_INET6 else "IPv4"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A host to try: the name the certificate must match, and its addresses in order."""

    host: str
    addresses: tuple[Address, ...]
    preference: int | None = None  # the MX preference, for an MX host
    resolve: bool = False  # look the addresses up with getaddrinfo (a name the user typed)


@dataclass(frozen=True, slots=True)
class Targets:
    candidates: tuple[Candidate, ...]
    notes: tuple[Note, ...] = ()
    mx_hosts: tuple[str, ...] = ()
    null_mx: bool = False
    failed: Note | None = None  # nothing to connect to, and why


def normalize_target(text: str) -> str:
    """A host name (IDNA-encoded), an IP address, or ``[IP]``; InputError otherwise."""
    value = text.strip().rstrip(".")
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
        if value.lower().startswith("ipv6:"):
            value = value[5:]
    if not value:
        raise input_error("probe.target_empty")
    if is_ip(value):
        return str(ipaddress.ip_address(value))
    try:
        ascii_name = value.encode("idna").decode("ascii") if not value.isascii() else value
    except UnicodeError:
        raise input_error("probe.bad_target", target=text.strip()) from None
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise input_error("probe.bad_target", target=text.strip())
    return ascii_name.lower()


def is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _ip_address(text: str) -> Address:
    version = ipaddress.ip_address(text).version
    return Address(socket.AF_INET6 if version == 6 else socket.AF_INET, text)


def resolve_host(
    host: str, port: int, timeout: float, cancel: threading.Event | None
) -> tuple[Address, ...] | None:
    """The addresses of ``host`` in the system's preferred order; None on timeout or cancel.

    ``getaddrinfo`` has no timeout of its own, so it runs in a helper thread that is left
    behind (daemon) when the step's time is up.
    """
    if is_ip(host):
        return (_ip_address(host),)
    found: list[tuple[int, str]] = []
    done = threading.Event()

    def work() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            infos = []
        for family, _type, _proto, _name, sockaddr in infos:
            if family in (socket.AF_INET, socket.AF_INET6):
                found.append((family, str(sockaddr[0])))
        done.set()

    threading.Thread(target=work, name=f"resolve {host}", daemon=True).start()
    deadline = time.monotonic() + timeout
    while not done.wait(0.1):
        if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
            return None
    unique = dict.fromkeys(Address(family, address) for family, address in found)
    return tuple(unique)


def uses_mx(target: str, port: int, mode: str) -> bool:
    """Look up MX records for names (not IP addresses): always, never, or on port 25."""
    if is_ip(target) or mode == "no":
        return False
    return mode == "yes" or port == 25


def mx_targets(domain: str, config: ResolverConfig, deadline: Deadline | None = None) -> Targets:
    """The MX hosts of ``domain`` with their addresses, or the domain itself (implicit MX).

    Each query asks ``config``'s nameservers and waits at most its timeout; all of them end
    by ``deadline`` (the probe's).
    """
    resolver: dns.resolver.Resolver = build_resolver(config)
    if deadline is not None:
        resolver = with_deadline(resolver, deadline)
    answer, records = mail_hosts(domain, resolver)
    if answer.could_not_check:
        return Targets(
            (), failed=Note(f"probe.mx.failed_{answer.outcome.value}", {"domain": domain})
        )
    if answer.outcome is not LookupOutcome.ANSWER or not records:
        # RFC 5321 5.1: no MX records: the domain's own address is the implicit MX.
        implicit = Candidate(domain, (), resolve=True)
        return Targets((implicit,), (Note("probe.mx.implicit", {"domain": domain}),))
    if any(record.is_null for record in records):
        return Targets(
            (), mx_hosts=(".",), null_mx=True, failed=Note("probe.mx.null", {"domain": domain})
        )
    chosen = records[:MAX_MX_HOSTS]
    hosts = resolve_hosts(chosen, resolver)
    candidates: list[Candidate] = []
    for host in hosts:
        record = host.record
        if record.is_ip_literal:
            literal = record.exchange.strip("[]")
            addresses: tuple[Address, ...] = (_ip_address(literal),) if is_ip(literal) else ()
        else:
            addresses = tuple(_ip_address(a) for a in host.addresses if is_ip(a))
        candidates.append(Candidate(record.exchange, addresses, record.preference))
    listing = ", ".join(f"{r.preference} {r.exchange}" for r in records)
    note = Note("probe.mx.found", {"domain": domain, "hosts": listing})
    return Targets(tuple(candidates), (note,), tuple(r.exchange for r in records))
