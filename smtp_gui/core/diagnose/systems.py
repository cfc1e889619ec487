"""Who wrote the bounce and who refused the mail: two systems, often not the same one.

A bounce is written by the REPORTING system (RFC 3464 2.2.2 ``Reporting-MTA``: the sender's
own Postfix, Gmail's ``mailer-daemon@googlemail.com``, Exchange's ``Generating server``) and
quotes the reply of the REJECTING system (RFC 3464 2.3.5 ``Remote-MTA``, Postfix ``host X
said:``, Exchange ``Remote server at X returned``). A Gmail bounce may quote a remote Postfix
MX's refusal; the provider's knowledge (its rules and advice) belongs to the rejecting one,
so the two are found from different evidence: the reporter from the bounce's wording, sender
and reporting host; the rejecter from the failing replies and the hosts that answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from smtp_gui.core.diagnose.dsn import DsnRecipient, MessageParts
from smtp_gui.core.diagnose.entities import extract
from smtp_gui.core.diagnose.providers import detect, provider
from smtp_gui.core.diagnose.replies import FoundReply
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import message

_MAX_FAILURES_WEIGHED = 20
_HEAD = 8192
_MAX_HOST = 200
# Lead-ins of a bounce's own line that names the host which wrote it (lower case).
_REPORTER_LEADS = (
    "this is the mail system at host ",  # Postfix
    "generating server:",  # Exchange and Microsoft 365
    "reporting-mta:",  # RFC 3464 2.2.2, pasted as text
)


@dataclass(frozen=True, slots=True)
class MailSystem:
    """A system named by a bounce: a provider we know (its id and name), a host, or both."""

    provider: str = ""
    name: Text = EMPTY  # the provider's name; empty when the provider is not known
    host: str = ""  # a host name, else an address ("mx1.example.com [198.51.100.20]")

    @property
    def known(self) -> bool:
        return bool(self.provider or self.host)

    def label(self, lang: str) -> str:
        """The provider's name, else the host."""
        return self.name.get(lang) or self.host

    def title(self) -> Text:
        """The provider's name, else the host, else "the receiving server"."""
        if self.name:
            return self.name
        if self.host:
            return Text(self.host, self.host)
        return message("diagnose.system.remote")

    def same_as(self, other: MailSystem) -> bool:
        """The same provider, or the same host when neither provider is known."""
        if self.provider or other.provider:
            return self.provider == other.provider
        return bool(self.host) and _bare(self.host) == _bare(other.host)

    def to_dict(self, lang: str) -> dict[str, Any] | None:
        if not self.known:
            return None
        return {
            "name": self.label(lang),
            "host": self.host or None,
            "provider": self.provider or None,
        }


def _bare(host: str) -> str:
    return host.split()[0].lower().rstrip(".")


def _system(pid: str, host: str) -> MailSystem:
    found = provider(pid) if pid else None
    return MailSystem(pid, EMPTY if found is None else found.name, host)


def host_of(text: str) -> str:
    """``mx1.example.com. (198.51.100.20, the server for ...)`` -> ``mx1.example.com
    [198.51.100.20]``: the first host name and the first address named."""
    named = extract(text[:400])
    hosts = [d for d in named.domains if "." in d]
    host = hosts[0] if hosts else ""
    address = named.ips[0] if named.ips else ""
    if host and address:
        return f"{host} [{address}]"[:_MAX_HOST]
    return (host or address)[:_MAX_HOST]


def rejecter(
    primary: FoundReply | None,
    failures: Sequence[FoundReply],
    remotes: Sequence[str],
) -> MailSystem:
    """The system whose reply the paste quotes: signatures in the failing replies (most in
    the primary one), the hosts that answered, a code only one provider uses, and (a little)
    the recipient's domain. Never the bounce's own wording or sender."""
    texts: list[tuple[str, int]] = []
    hosts: list[tuple[str, int]] = []
    for index, reply in enumerate(failures[:_MAX_FAILURES_WEIGHED]):
        weight = 4 if _same(reply, primary) else 2
        texts.append(((reply.text + " " + reply.remote).lower(), weight))
        hosts.extend((host, weight - 1) for host in extract(reply.remote[:400]).domains)
        if index == 0 and reply.recipient:
            hosts.append((reply.recipient.rpartition("@")[2], 1))
    for remote in remotes[:_MAX_FAILURES_WEIGHED]:
        hosts.extend((host, 2) for host in extract(remote[:400]).domains)
    enhanced = None if primary is None else primary.enhanced
    pid = detect(texts, hosts, "", enhanced)
    code = primary_code(primary)
    remotes_of_code = [r.remote for r in failures if r.remote and r.code == code]
    named = [host_of(r) for r in ([primary.remote] if primary else []) + remotes_of_code if r]
    # The first naming of the host, with its address when another line of the same failure
    # gives one (a DSN's Remote-MTA names the host; Postfix's "host X[ip] said" both).
    first = named[0] if named else ""
    fuller = (h for h in named if "[" in h and h.startswith(first.split(" [")[0] + " ["))
    return _system(pid, next(fuller, first))


def _same(reply: FoundReply, primary: FoundReply | None) -> bool:
    """``reply`` is the primary failure (or a copy of it read from another line)."""
    if primary is None:
        return False
    return (reply.basic, reply.enhanced, reply.text) == (
        primary.basic,
        primary.enhanced,
        primary.text,
    )


def primary_code(primary: FoundReply | None) -> str:
    return "" if primary is None else primary.code


def reporter(
    dsn: Sequence[DsnRecipient], message: MessageParts | None, lines: Sequence[str]
) -> MailSystem:
    """The system that wrote the bounce: its sender (``mailer-daemon@googlemail.com``), its
    reporting host and the wording of a provider's own bounces. A transcript or a bare reply
    has no reporter."""
    texts: list[tuple[str, int]] = []
    hosts: list[tuple[str, int]] = []
    host = ""
    for item in dsn[:_MAX_FAILURES_WEIGHED]:
        if item.reporting_mta:
            found = extract(item.reporting_mta[:400]).domains
            hosts.extend((name, 2) for name in found)
            host = host or host_of(item.reporting_mta)
    head: list[str] = []
    size = 0
    for line in lines:
        head.append(line)
        size += len(line)
        lower = line[:400].strip().lower()
        if not host and lower.startswith(_REPORTER_LEADS):
            lead = next(lead for lead in _REPORTER_LEADS if lower.startswith(lead))
            host = host_of(line.strip()[len(lead) :])
            hosts.extend((name, 2) for name in extract(host).domains)
        if size > _HEAD:
            break
    if message is not None:
        sender = message.header("from").lower()
        texts.append((sender + " " + message.header("subject").lower(), 2))
        hosts.extend((name, 2) for name in extract(sender).domains)
    pid = detect(texts, hosts, "\n".join(head).lower(), None, reporter=True)
    return _system(pid, host)
