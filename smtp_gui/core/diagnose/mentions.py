"""Where a bounce's own text names a failed recipient, line by line.

The forms MTAs write (matched on lower-cased lines of bounded length, so the pass is linear):

- a list under a heading: Exim ``The following address(es) failed:``, Sendmail ``The following
  addresses had permanent fatal errors``, qmail ``I wasn't able to deliver your message to the
  following addresses``, Exchange ``Delivery has failed to these recipients or groups:`` and
  ``The following recipient(s) cannot be reached:``, Hotmail/IIS ``Delivery to the following
  recipients failed.``, Domino ``was not delivered to:``, GroupWise ``undeliverable to the
  following:``, Yahoo ``unable to deliver your message to the following address``, Chinese
  ``以下收件人``; an address that starts a line there is a failed recipient;
- a line that starts with the address: Postfix and qmail ``<user@example.com>: ...``, Sendmail
  ``<user@example.com>... Deferred``;
- a label: Exchange ``Recipient: [SMTP:user@example.com]``, ``Recipient: <user@example.com>``,
  ``收件人：user@example.com``, ``X-Failed-Recipients:``;
- a sentence: ``Your message to user@example.com could not be delivered``, ``发送给
  user@example.com 的邮件发送失败``.

Labels and sentences count only in a text that reports a failure at all, so an auto-reply that
names its owner names no failed recipient.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from smtp_gui.core.diagnose.addresses import clean_address
from smtp_gui.core.diagnose.replies import MAX_LINE

# Lower-case phrases that head a list of failed (or delayed) recipients.
LIST_HEADINGS: tuple[str, ...] = (
    "following address(es) failed",
    "following addresses failed",
    "following address failed",
    "following addresses had permanent fatal errors",
    "following addresses had transient non-fatal errors",
    "following recipients failed",
    "following recipient failed",
    "following recipient(s) cannot be reached",
    "following recipients cannot be reached",
    "following recipient(s) could not be reached",
    "did not reach the following recipient",  # Exchange 5.5/2000: "Your message ... did not reach"
    "failed to these recipients",
    "was not delivered to:",
    "were not delivered to:",
    "undeliverable to the following",
    "deliver your message to the following",
    "delivered to the following",  # "could not be delivered to the following recipients"
    "failed for the following recipient",
    "following recipients was rejected",
    "following recipients were rejected",
    "delivery to the following recipient",  # Gmail "... failed permanently:", "... delayed"
    "has been delayed to the following",
    "以下收件人",
    "以下地址",
)
# Lower-case words of a failure report: labels and sentences count only where one appears.
FAILURE_WORDS: tuple[str, ...] = (
    "undeliver",
    "not delivered",
    "could not be delivered",
    "couldn't be delivered",
    "not be delivered",
    "delivery failed",
    "delivery has failed",
    "failed",
    "failure",
    "rejected",
    "blocked",
    "bounced",
    "returned",
    "permanent error",
    "delayed",
    "deferred",
    "退信",
    "退回",
    "失败",
    "未能",
    "没有成功",
    "无法",
)
_LABELS: tuple[str, ...] = (
    "recipient:",
    "recipient address:",
    "failed recipient:",
    "failed recipients:",
    "x-failed-recipients:",
    "收件人：",
    "收件人:",
    "收件人地址：",
    "收件人地址:",
)
_SENTENCE_VERBS: tuple[str, ...] = (
    "could not be delivered",
    "couldn't be delivered",
    "cannot be delivered",
    "was not delivered",
    "wasn't delivered",
    "has not been delivered",
    "was blocked",
    "was rejected",
    "has been rejected",
    "failed",
    "bounced",
    "失败",
    "退回",
    "被拒",
)
# An address at the very start of a line, maybe in angle brackets: the address, then the rest.
_LEADING = re.compile(r"<?([^\s<>()\[\]\"',;:]{1,64}@[A-Za-z0-9.\-]{1,253})>?")
# An address anywhere, starting where a token starts (no backtracking into a token).
_ANYWHERE = re.compile(
    r"(?<![^\s<>()\[\]\"',;:：，])[^\s<>()\[\]\"',;:：，]{1,64}@[A-Za-z0-9.\-]{1,253}"
)
_NOT_FAILED = ("... relayed", "... delivered", "... sent", "... expanded", "... deliverable")
# Every heading holds one of these (one C-level search per line before the phrase table).
_HEADING_HINT = re.compile(r"follow|deliver|these recipients|以下", re.I)
_TRANSCRIPT = ("C:", "S:", "c:", "s:", ">>>", "<<<", "->", "<-")
_LIST_SPAN = 60  # lines a heading's list may run
_QUOTE = "> \t"


@dataclass(frozen=True, slots=True)
class Mention:
    """A failed recipient named at ``line`` (1-based, as replies count them)."""

    address: str
    line: int
    form: str  # list, line, label, sentence


def reports_failure(lines: Sequence[str], limit: int = 16384) -> bool:
    """Does the start of the text speak of a failed or delayed delivery at all?"""
    size = 0
    for line in lines:
        lower = line[:MAX_LINE].lower()
        if any(word in lower for word in FAILURE_WORDS):
            return True
        size += len(line)
        if size > limit:
            break
    return False


def find_mentions(lines: Sequence[str]) -> list[Mention]:
    """Every failed recipient the text names, in order of the lines."""
    found: list[Mention] = []
    loose: list[Mention] = []  # labels and sentences, kept if the text reports a failure
    listing = 0
    for index, raw in enumerate(lines):
        stripped = raw[:MAX_LINE].strip().lstrip(_QUOTE) if raw.startswith(">") else raw.strip()
        if not stripped:
            continue
        number = index + 1
        heading = _heading(stripped.lower()) if _HEADING_HINT.search(stripped) else -1
        if heading >= 0:
            listing = _LIST_SPAN
            rest = stripped[heading:].lstrip(" :：\t")
            address = _leading(rest)
            if address is not None:
                found.append(Mention(address, number, "list"))
            continue
        if listing:
            listing -= 1
            if stripped.startswith(("--", "==", "**")):
                listing = 0
        if "@" not in stripped or stripped.startswith(_TRANSCRIPT):
            continue  # a client command or server line of a transcript names no failure
        lower = stripped.lower()
        address = _leading(stripped)
        if address is not None:
            after = _after_leading(stripped)
            if after.lower().startswith(_NOT_FAILED):
                continue  # Sendmail "<a@b>... relayed; expect no further notifications"
            if listing or after.startswith(("...", ":")):
                found.append(Mention(address, number, "list" if listing else "line"))
                continue
        label = _label(stripped, lower)
        if label is not None:
            loose.extend(Mention(a, number, "label") for a in label)
            continue
        loose.extend(Mention(a, number, "sentence") for a in _sentence(stripped, lower))
    if loose and reports_failure(lines):
        found.extend(loose)
        found.sort(key=lambda mention: mention.line)
    return found


def line_address(text: str) -> tuple[str, str] | None:
    """``<a@b>: rest`` or ``a@b... rest`` (a line that starts with its recipient): the clean
    address and the rest, or None."""
    match = _LEADING.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if rest.startswith(":"):
        rest = rest[1:]
    elif rest.startswith("..."):
        rest = rest[3:]
    else:
        return None
    address = clean_address(match.group(1))
    return None if address is None else (address, rest.strip())


def _heading(lower: str) -> int:
    """Where the text after a list heading starts, or -1."""
    for heading in LIST_HEADINGS:
        pos = lower.find(heading)
        if pos >= 0:
            return pos + len(heading)
    return -1


def _leading(text: str) -> str | None:
    match = _LEADING.match(text)
    if match is None:
        return None
    return clean_address(match.group(1))


def _after_leading(text: str) -> str:
    match = _LEADING.match(text)
    return "" if match is None else text[match.end() :].lstrip()


def _label(stripped: str, lower: str) -> list[str] | None:
    for label in _LABELS:
        if lower.startswith(label):
            value = stripped[len(label) :]
            addresses = (clean_address(part) for part in re.split(r"[,;]", value[:2000]))
            return [address for address in addresses if address is not None]
    return None


def _sentence(stripped: str, lower: str) -> list[str]:
    """``Your message to X could not be delivered``: an address followed by a failure verb."""
    if not any(verb in lower for verb in _SENTENCE_VERBS):
        return []
    found: list[str] = []
    for match in _ANYWHERE.finditer(stripped):
        before = lower[max(0, match.start() - 8) : match.start()].rstrip(" <\t")
        if not (before.endswith((" to", "to:", "给", "发送至", "发往")) or before == "to"):
            continue
        after = lower[match.end() : match.end() + 80]
        if any(verb in after for verb in _SENTENCE_VERBS):
            address = clean_address(match.group(0))
            if address is not None:
                found.append(address)
    return found
