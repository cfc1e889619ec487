"""IP addresses, domains, e-mail addresses and URLs named in a bounce, each validated.

One regular expression finds candidate tokens: a run of non-delimiter characters that holds
a dot or at sign, or two colons. It may only start where a token starts (a look-behind) and its
repetitions are possessive, so it never backtracks and the pass is linear. Candidates are
then checked with ``ipaddress``, the Public Suffix List and ``urllib.parse``; a dotted
number after a version word (``Exim 4.72``, ``id 15.20.7452.28``) or in a provider's known
version slot (Yahoo's ``- 4.16.55.1;``) is not an address.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlsplit

from publicsuffixlist import PublicSuffixList

from smtp_gui.core.diagnose.addresses import EXIM_ID

# ASCII delimiters, and the full-width punctuation of Chinese text ("收件人：a@example.com").
_DELIMITERS = r"\s<>()\[\]{}\"'`,;|\\：，；（）【】「」《》“”‘’、。"
_CANDIDATE = re.compile(rf"(?<![^{_DELIMITERS}])[^{_DELIMITERS}.:@]*+[.:@][^{_DELIMITERS}]*+")
MAX_TOKEN = 2048
MAX_ITEMS = 200
# RFC 2606 / RFC 6761 reserved names, used in documentation and tests.
_RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost"})
# File names that look like domains under a real TLD (".zip" and ".mov" are TLDs).
_FILE_TLDS = frozenset({"zip", "mov", "py", "md", "sh"})
_VERSION_WORDS = frozenset(
    {"version", "ver", "v", "id", "build", "release", "exim", "postfix", "sendmail"}
)
_IP_PARAMS = frozenset({"ip", "ipaddr", "ipaddress", "addr", "client_ip", "clientip"})
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789!#$%&*+-/=?^_~.")
_TRAILING = ".,:;!?)*'\""
_DELIMITER_CHARS = frozenset("<>()[]{}\"'`,;|\\：，；（）【】「」《》“”‘’、。")
# RFC 7601 2.3 properties (``smtp.mail=a@example.com``) and header-style keys before an address.
_PROPERTY_KEYS = frozenset({"envelope-from", "mailfrom", "from", "to", "sender", "helo", "rcpt"})
# Fields whose <...> values are message identifiers (RFC 5322 3.6.4), never mailboxes.
_ID_FIELD = re.compile(
    r"^[ \t>]*(?:message-id|in-reply-to|references|content-id|resent-message-id)[ \t]*:"
    r"([^\r\n]*)",
    re.I | re.M,
)
_MAX_OCCURRENCES = 64  # of one dotted quad, looking for a place that is not a version number
_MAX_TRIES = 4096  # substring hits looked at per dotted quad (11.1.1.1 holds 1.1.1.1)


@dataclass(frozen=True, slots=True)
class IpContext:
    """A provider's version slot: an IPv4-looking number between these strings is not an IP."""

    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Entities:
    ips: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    url_ips: tuple[str, ...] = ()  # addresses passed as URL parameters (``?ip=203.0.113.7``)


@cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


@cache
def valid_domain(name: str) -> str | None:
    """``name`` lower-cased without a trailing dot if it is a plausible host name, else None."""
    host = name.lower().rstrip(".")
    if not 3 < len(host) <= 253 or "." not in host or ".." in host:
        return None
    labels = host.split(".")
    for label in labels:
        if not 0 < len(label) <= 63 or label[0] == "-" or label[-1] == "-":
            return None
        if not all(c.isalnum() or c in "-_" for c in label):
            return None
    tld = labels[-1]
    if tld.isdigit() or "_" in tld:
        return None
    if tld in _RESERVED_TLDS:
        return host
    if len(labels) == 2 and tld in _FILE_TLDS:
        return None
    if _psl().publicsuffix(host, accept_unknown=False) is None:
        return None
    if _psl().privatesuffix(host, accept_unknown=False) is None:
        return None  # the name is itself a public suffix ("co.uk")
    return host


def valid_ip(text: str) -> str | None:
    """The address in normal form if ``text`` is a routable-looking IPv4 or IPv6 address."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if (
        address.is_loopback
        or address.is_unspecified
        or address.is_multicast
        or address.is_link_local
        or (isinstance(address, ipaddress.IPv4Address) and address.is_reserved)
    ):
        return None
    return str(address)


def valid_email(text: str) -> str | None:
    local, at, domain = text.rpartition("@")
    if not at or not 0 < len(local) <= 64 or local[0] == "." or local[-1] == ".":
        return None
    lowered = local.lower()
    if not all(c in _LOCAL_CHARS or not c.isascii() for c in lowered):
        return None
    host = valid_domain(domain)
    if host is None:
        return None
    return f"{lowered}@{host}"


class _Collector:
    def __init__(self, text: str, not_ip: Sequence[IpContext]) -> None:
        self.text = text
        self.not_ip = tuple(not_ip)
        self.ips: dict[str, int] = {}  # address -> order of the token that named it first
        self.domains: dict[str, None] = {}
        self.emails: dict[str, None] = {}
        self.urls: dict[str, None] = {}
        self.url_ips: dict[str, None] = {}
        self.order = 0
        self.message_ids = _message_ids(text)

    def add(self, bucket: dict[str, None], value: str) -> None:
        if len(bucket) < MAX_ITEMS:
            bucket[value] = None

    def add_ip(self, address: str) -> None:
        if address not in self.ips and len(self.ips) < MAX_ITEMS:
            self.ips[address] = self.order

    def token(self, token: str) -> None:
        """Classify one distinct candidate token."""
        lower = token.lower()
        if lower.startswith(("http://", "https://")):
            self._url(token)
        elif "@" in token:
            self._email(token)
        elif token.count(":") >= 2 and self._ipv6(lower):
            pass
        elif not self._ipv4(token):
            self._domain(token)

    def _url(self, token: str) -> None:
        url = token.rstrip(_TRAILING)
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:
            return
        checked = valid_ip(host) or valid_domain(host)
        if checked is None:
            return
        self.add(self.urls, url)
        if ":" in checked or checked[-1].isdigit():
            self.add_ip(checked)
        else:
            self.add(self.domains, checked)
        if parts.query and len(parts.query) < 1024:
            for key, value in parse_qsl(parts.query):
                address = valid_ip(value) if key.lower() in _IP_PARAMS else None
                if address is not None:
                    self.add(self.url_ips, address)
                    self.add_ip(address)

    def _email(self, token: str) -> None:
        text = token.rstrip(_TRAILING)
        if text.lower().startswith("mailto:"):
            text = text[7:]
        key, equals, value = text.partition("=")
        if equals and "@" in value and ("." in key or key.lower() in _PROPERTY_KEYS):
            text = value  # Authentication-Results "smtp.mail=a@example.com"
        if text.lower() in self.message_ids or EXIM_ID.fullmatch(text.rpartition("@")[0]):
            return
        address = valid_email(text)
        if address is not None:
            self.add(self.emails, address)
            self.add(self.domains, address.rpartition("@")[2])

    def _ipv6(self, lower: str) -> bool:
        text = lower[5:] if lower.startswith("ipv6:") else lower
        text = text.rstrip(".,;")
        if not all(c in "0123456789abcdef:." for c in text):
            return False
        address = valid_ip(text) or (valid_ip(text[:-1]) if text.endswith(":") else None)
        if address is not None and ":" in address:
            self.add_ip(address)
            return True
        return False

    def _ipv4(self, token: str) -> bool:
        """A dotted quad (alone, ``ip:`` + quad, quad + ``:port``): an address unless every
        place it appears is a version slot."""
        stripped = token.strip(_TRAILING)
        pieces = stripped.replace("=", ":").split(":")
        for piece in {pieces[-1], pieces[0]}:
            if piece.count(".") != 3 or not piece.replace(".", "").isdigit():
                continue
            address = valid_ip(piece)
            if address is not None and self._anywhere_not_version(token, piece):
                self.add_ip(address)
            return True  # a dotted number is never a domain
        return False

    def _anywhere_not_version(self, token: str, piece: str) -> bool:
        """Look at the token's occurrences (as a whole token) until one is not a version."""
        text = self.text
        offset = token.find(piece)
        pos = text.find(token)
        looked = tries = 0
        while pos >= 0 and looked < _MAX_OCCURRENCES and tries < _MAX_TRIES:
            tries += 1
            end = pos + len(token)
            whole = (pos == 0 or _is_delimiter(text[pos - 1])) and (
                end == len(text) or _is_delimiter(text[end])
            )
            if whole:
                looked += 1
                if not self._version_slot(pos + offset, pos + offset + len(piece)):
                    return True
            pos = text.find(token, pos + 1)
        return False

    def _version_slot(self, start: int, end: int) -> bool:
        text = self.text
        before = text[max(0, start - 16) : start]
        word = before.rstrip(" /:(=").rsplit(None, 1)[-1:] if before.strip() else []
        if word and word[0].lower().strip("([{<:=") in _VERSION_WORDS:
            return True
        for context in self.not_ip:
            if text.startswith(context.before, start - len(context.before)) and text.startswith(
                context.after, end
            ):
                return True
        return False

    def _domain(self, token: str) -> None:
        text = token.strip(_TRAILING)
        if text[3:4] == "-" and text[:3].isdigit():
            text = text[4:]  # a multi-line reply's first line: "250-mx.example.com"
        text = text.split("/", 1)[0]
        host, colon, port = text.partition(":")
        if colon and not port.isdigit():
            return
        checked = valid_domain(host)
        if checked is not None:
            self.add(self.domains, checked)

    def result(self) -> Entities:
        return Entities(
            tuple(sorted(self.ips, key=self.ips.__getitem__)),
            tuple(self.domains),
            tuple(self.emails),
            tuple(self.urls),
            tuple(self.url_ips),
        )


def _message_ids(text: str) -> frozenset[str]:
    """The ``<id@host>`` values of Message-ID, In-Reply-To and References lines."""
    found: set[str] = set()
    for match in _ID_FIELD.finditer(text):
        for part in match.group(1)[:4000].split("<")[1:]:
            found.add(part.split(">", 1)[0].strip().lower())
            if len(found) >= MAX_ITEMS:
                return frozenset(found)
    return frozenset(found)


def _is_delimiter(char: str) -> bool:
    return char.isspace() or char in _DELIMITER_CHARS


def extract(text: str, not_ip: Sequence[IpContext] = ()) -> Entities:
    """Every valid address, domain, e-mail address and URL in ``text``, in order of appearance.

    Distinct candidates are collected first (``findall`` and ``dict.fromkeys`` run in C, so a
    log repeating one host name thousands of times costs little); only dotted quads go back
    to the text, to see whether they stand in a version slot.
    """
    collector = _Collector(text, not_ip)
    for order, token in enumerate(dict.fromkeys(_CANDIDATE.findall(text))):
        if len(token) <= MAX_TOKEN:
            collector.order = order
            collector.token(token)
    return collector.result()
