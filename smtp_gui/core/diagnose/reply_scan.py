"""Find every reply in lines of text: transcripts, single lines and MTA bounce wordings.

One pass over the lines, each cut to ``MAX_LINE``, with a little state: the last client
command (the phase of the replies that follow), an open multi-line reply (RFC 5321 4.2.1:
``550-`` lines continue, ``550 `` ends), whether we are inside the message content after a
354, and a phase named by a bounce line just before its reply (Exim's ``after RCPT TO:``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from smtp_gui.core.codes.phases import Phase
from smtp_gui.core.diagnose import bounce_formats as formats
from smtp_gui.core.diagnose.bounce_lines import (
    BounceLines,
    Draft,
    ScanResult,
    indent,
    may_hint,
    split_remote,
)
from smtp_gui.core.diagnose.mentions import line_address
from smtp_gui.core.diagnose.replies import (
    MAX_LINE,
    MAX_REPLY_TEXT,
    FoundReply,
    clean_text,
    enhanced_at,
    reply_at,
)

# A line can hold a reply only if it has three digits that could be a code.
_MAYBE_CODE = re.compile(r"[2-5][0-9]{2}")
_PHASE_TTL = 4  # a phase named on a line applies to a reply within this many lines
_MAX_AUTH_LINES = 24
_MAX_ADDRESSES = 50  # MAIL FROM / RCPT TO addresses kept from a transcript
_SERVER_MARKERS = frozenset({"<<<", "S:", "s:", "<-", "<**", "<~", "<~*", "R:", "<", "#"})
_ADDRESS = re.compile(r"<([^<>\s]{1,320})>")
# A line that is only an address, maybe in angle brackets, maybe "on <date>" after it.
_LONE_ADDRESS = re.compile(
    r"<?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}@[A-Za-z0-9.\-]{1,253}>?:?(?: on [^<>]{1,60})?"
)


class _Scanner(BounceLines):
    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.result = ScanResult()
        self.drafts: list[Draft] = []
        self.open: Draft | None = None
        self.command_phase: Phase | None = None
        self.command_since_reply = False
        self.in_data = False
        self.data_lines = 0
        self.pending_phase: Phase | None = None
        self.pending_ttl = 0
        self.pending_remote = ""
        self.pending_recipient = ""
        self.rcpt_address = ""  # the address of the last RCPT TO: its reply is about it
        self.last_marked_line = -10
        self.last_marked_class = 0
        self.auth_lines: list[str] | None = None
        self.wrap_next = -1  # the line that may continue the last wrapped reply

    # -- the pass ---------------------------------------------------------------------------
    def run(self) -> ScanResult:
        index = 0
        count = len(self.lines)
        while index < count:
            index = self._line(index)
        self._flush()
        self._finish()
        return self.result

    def _line(self, index: int) -> int:
        raw = self.lines[index]
        if len(raw) > MAX_LINE:
            raw = raw[:MAX_LINE]
        stripped = raw.strip()
        if not stripped:
            self._flush()
            self._tick()
            return index + 1
        marker, rest = formats.strip_marker(stripped)
        if self.auth_lines is not None:
            self._record_auth(stripped, rest)
        if self.in_data:
            return self._data_line(index, marker, rest)
        first = rest[:1]
        if first.isdigit():
            parsed = reply_at(rest, 0)
            if parsed is not None:
                self._line_reply(index, marker, parsed)
                return index + 1
        at = rest.find("@", 0, 80)
        if at > 0 and (first == "<" or " " not in rest[:at]):
            named = line_address(rest[:400])
            if named is not None and named[1][:1].isdigit():
                parsed = reply_at(named[1], 0)
                if parsed is not None:
                    # "<a@example.com>: 550 unknown user": the reply is about that recipient
                    self._flush()
                    self.pending_recipient = named[0]
                    self._line_reply(index, "", parsed)
                    return index + 1
        phase = formats.command_phase(rest) if (marker or first.isalpha()) else None
        if phase is not None and (marker or _looks_like_command(rest)):
            self._command(rest, phase, stripped)
            return index + 1
        if index == self.wrap_next and self.open is None and self.drafts:
            last = self.drafts[-1]
            if last.wrap_indent and indent(raw) >= last.wrap_indent:
                last.parts.append(stripped)  # "... - gsmtp (in reply to end of DATA" + "command)"
                self.wrap_next = index + 1
                return index + 1
        self._flush()
        lower = stripped.lower()
        if self.pending_ttl and rest[:1].isdigit():
            found = enhanced_at(rest, 0)
            if found is not None and rest[found[1] : found[1] + 1] in (" ", ""):
                # GMX and Exim variants: "host: mx.example.jp" then "5.2.2 <x>... Mailbox Full"
                self.status_only(index, found[0], rest[found[1] :])
                return index + 1
        if "(#" in stripped:
            # qmail "Remote host said: 553 sorry, ... (#5.7.1)": the reply, then its status
            head = stripped[: stripped.find("(#")]
            end = None
            if _MAYBE_CODE.search(head) is not None:
                end = self.embedded(index, raw, stripped, lower, None)
            if self.qmail_status(index, stripped) or end is not None:
                return index + 1 if end is None else end
        if lower.startswith("reason:"):
            # "Recipient: <a@b>" then "Reason: 5.1.1 <a@b>... User unknown"
            value = stripped[7:].lstrip()
            found = enhanced_at(value, 0)
            if found is not None and value[found[1] : found[1] + 1] == " ":
                self.status_only(index, found[0], value[found[1] :].strip())
                return index + 1
        hint = formats.phase_hint(lower) if may_hint(lower) else None
        if _MAYBE_CODE.search(stripped) is not None:
            end = self.embedded(index, raw, stripped, lower, hint)
            if end is not None:
                return end
        if hint is not None and self.late_hint(lower, hint):
            return index + 1
        if hint is not None:
            self.pending_phase, self.pending_ttl = hint, _PHASE_TTL
            if hint is Phase.MAIL or hint is Phase.RCPT:
                self._remember_address(stripped, hint)
        if _LONE_ADDRESS.fullmatch(stripped[:330]) is not None:
            # Exim, Exchange and qmail put the failed address alone on a line above the reply.
            self.pending_recipient = stripped.split()[0].strip("<>:")
            self.pending_ttl = max(self.pending_ttl, _PHASE_TTL)
        elif lower.startswith("host ") and lower.endswith("]") and " [" in lower:
            # Exim 4.9x: "host mx.example.net [198.51.100.20]" on its own line
            self.pending_remote = stripped[5:].strip()[:200]
            self.pending_ttl = max(self.pending_ttl, _PHASE_TTL)
        elif " does not like " in lower or (hint is not None and lower.startswith("connected to ")):
            # qmail: "198.51.100.80 does not like recipient.", "Connected to X but ..."
            words = stripped.split()
            remote = words[2] if lower.startswith("connected to ") else words[0]
            self.pending_remote = remote.rstrip(".,:")[:200]
            self.result.remotes.append(self.pending_remote)
        elif lower.startswith("<") and ">: host " in lower[:400]:
            # Postfix: "<bob@example.com>: host mx.example.com[192.0.2.1]" and "said:" below
            self.pending_recipient, self.pending_remote = split_remote(stripped.split(" said:")[0])
            self.pending_ttl = max(self.pending_ttl, _PHASE_TTL)
        elif lower.endswith(("said:", "]:")) or (lower.startswith("host ") and lower.endswith(":")):
            # The reply follows on the next lines (Postfix and Exim wrap it there).
            cut = len(stripped) - (5 if lower.endswith("said:") else 1)
            self.pending_recipient, self.pending_remote = split_remote(stripped[:cut])
            self.pending_ttl = max(self.pending_ttl, _PHASE_TTL)
        elif hint is None:
            self._tick()
        return index + 1

    def _line_reply(
        self, index: int, marker: str, parsed: tuple[int, str | None, str, str]
    ) -> None:
        basic, enhanced, separator, text = parsed
        current = self.open
        if current is not None and current.basic == basic and current.separator == "-":
            current.parts.append(text)
            current.separator = separator
            if current.enhanced is None:
                current.enhanced = enhanced
        else:
            if current is not None:
                self.drafts.append(current)
            phase, greeting = self._phase_for_reply()
            if not self.pending_recipient and phase is Phase.RCPT and self.rcpt_address:
                self.pending_recipient, self.rcpt_address = self.rcpt_address, ""
            current = Draft(
                basic,
                enhanced,
                [text],
                phase,
                "transcript",
                index + 1,
                separator,
                self.pending_remote,
                self.pending_recipient,
                # Sendmail restates a remote reply ("<<< 554 5.7.1 ...") in its own words
                not marker
                and index - self.last_marked_line <= 2
                and self.last_marked_class == basic // 100,
                greeting,
            )
            if self.pending_remote or self.pending_recipient:
                self.pending_remote = self.pending_recipient = ""
                current.wrap_indent = indent(self.lines[index])
            self.open = current
        if marker and marker in _SERVER_MARKERS:
            self.last_marked_line = index
            self.last_marked_class = basic // 100
        if separator != "-":
            self.drafts.append(current)
            self.open = None
            self.wrap_next = index + 1 if current.wrap_indent else -1
        if basic == 354:
            self.in_data = True
            self.data_lines = 0

    def _phase_for_reply(self) -> tuple[Phase | None, bool]:
        """The phase for a reply that starts now, and whether it may be the greeting."""
        if self.pending_phase is not None:
            phase = self.pending_phase
            self.pending_phase = None
            return phase, False
        if self.command_phase is None:
            return None, not self.drafts
        self.command_since_reply = False
        return self.command_phase, False

    def _command(self, text: str, phase: Phase, line: str) -> None:
        self._flush()
        self.result.commands += 1
        self.command_phase = phase
        self.command_since_reply = True
        self.rcpt_address = ""
        if phase is Phase.MAIL or phase is Phase.RCPT:
            self._remember_address(text, phase)
            if phase is Phase.RCPT and self.result.recipients:
                found = _ADDRESS.search(text[:600])
                self.rcpt_address = "" if found is None else found.group(1)
        if phase is Phase.AUTH and self.auth_lines is None:
            self.auth_lines = [line]

    def _remember_address(self, text: str, phase: Phase) -> None:
        """The address in ``MAIL FROM:<a>`` / ``RCPT TO:<b>`` (also Exim's ``after MAIL FROM:``)."""
        target = self.result.senders if phase is Phase.MAIL else self.result.recipients
        if len(target) < _MAX_ADDRESSES:
            found = _ADDRESS.search(text[:600])
            if found is not None:
                target.append(found.group(1))

    def _data_line(self, index: int, marker: str, rest: str) -> int:
        """Inside the message after 354: skip content until the lone dot."""
        if rest == "." and marker not in _SERVER_MARKERS:
            self.in_data = False
            self.command_phase = Phase.END_OF_DATA
            return index + 1
        parsed = reply_at(rest, 0) if rest[:1].isdigit() else None
        if parsed is not None and (
            (marker and marker in _SERVER_MARKERS) or parsed[1] is not None or not self.data_lines
        ):
            self.in_data = False
            self.command_phase = Phase.END_OF_DATA
            self._line_reply(index, marker, parsed)
            return index + 1
        self.data_lines += 1
        return index + 1

    def _record_auth(self, stripped: str, rest: str) -> None:
        """Keep the AUTH command and the lines after it, up to its final reply."""
        lines = self.auth_lines
        if lines is None or self.result.auth_exchange:
            return
        lines.append(stripped)
        code = rest[:3]
        if (code.isdigit() and code != "334") or len(lines) >= _MAX_AUTH_LINES:
            self.result.auth_exchange = "\n".join(lines)[:8192]

    # -- bounce wordings --------------------------------------------------------------------
    # -- bookkeeping ------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.pending_ttl:
            self.pending_ttl -= 1
            if not self.pending_ttl:
                self.pending_phase = None
                self.pending_remote = self.pending_recipient = ""

    def _flush(self) -> None:
        if self.open is not None:
            self.drafts.append(self.open)
            self.open = None

    def _finish(self) -> None:
        commands = self.result.commands
        append = self.result.replies.append
        for draft in self.drafts:
            phase = draft.phase
            if draft.maybe_greeting and (draft.basic == 220 or commands):
                phase = Phase.GREETING
            parts = draft.parts
            joined = parts[0] if len(parts) == 1 else " ".join(parts)
            if len(parts) == 1 and not draft.wrap_indent and _plain(joined, draft.basic):
                text = joined  # the common one-line reply: nothing to clean
            else:
                if draft.wrap_indent:
                    lower = joined.lower()
                    if phase is None and may_hint(lower):
                        phase = formats.phase_hint(" ".join(lower.split()))
                    cut = lower.find(formats.POSTFIX_IN_REPLY)
                    if cut >= 0:
                        joined = joined[:cut]
                text = clean_text(joined, draft.basic, draft.enhanced)
            append(
                FoundReply(
                    draft.basic,
                    draft.enhanced,
                    text,
                    phase,
                    draft.origin,
                    draft.line,
                    draft.recipient,
                    draft.remote,
                    draft.summary,
                )
            )


def _looks_like_command(text: str) -> bool:
    """An unmarked line is a command only in its usual upper-case spelling."""
    head = text[:9]
    return head.isupper() or head.startswith(("MAIL FROM", "RCPT TO", "EHLO ", "HELO "))


def _plain(text: str, basic: int | None) -> bool:
    """True when ``clean_text`` would return ``text`` unchanged (checked cheaply)."""
    return (
        len(text) <= MAX_REPLY_TEXT
        and "  " not in text
        and "\t" not in text
        and not text.endswith(("#", "'", ")", ">", " (in"))
        and (basic is None or str(basic) not in text)
    )


def scan_replies(lines: Sequence[str]) -> ScanResult:
    """Every reply in ``lines`` in order, with the phase it answered where the text says."""
    return _Scanner(lines).run()
