"""How common MTAs word a bounce: where the remote reply starts, which phase it answered.

These are the fixed strings of the formats, not prose: Postfix ``host X said: ... (in reply
to RCPT TO command)``, Exim ``SMTP error from remote mail server after RCPT TO:<...>:``,
Sendmail and Courier ``>>> RCPT To:`` / ``<<< 550 ...`` transcripts, qmail ``Remote host
said:`` and its ``does not like recipient`` phrases, Exchange/Microsoft 365 ``Remote Server
returned '...'`` and ``#550 5.1.1 ... ##``, Gmail ``The error that the other server returned
was:`` and Yahoo ``[RCPT_TO]``. Everything is matched with ``str`` methods on lower-cased
lines of bounded length, so scanning stays linear.
"""

from __future__ import annotations

from smtp_gui.core.codes.phases import Phase

# Text after which a remote reply follows on the same line (lower case). The reply starts at
# the first non-blank character after the lead-in (a quote is skipped).
REPLY_LEAD_INS: tuple[str, ...] = (
    "said:",  # Postfix "host X[ip] said:", qmail "Remote host said:"
    "refused to talk to me:",  # Postfix, greeting refused
    "smtp;",  # RFC 3464 Diagnostic-Code: smtp; 550 ...; Exchange "#< #5.1.1 smtp;550 ...>"
    "returned '",  # Exchange/Microsoft 365 "Remote Server returned '550 5.1.10 ...'"
    'returned "',
    "returned was:",  # Gmail (old) "The error that the other server returned was: 550 ..."
    "reported error:",  # Microsoft 365 NDR "Reported error: 550 5.7.708 ..."
    "(reason:",  # Sendmail "(reason: 550 5.1.1 <x>... User unknown)"
    "reason:",
    "]:",  # Exim "host mx.example.com [192.0.2.1]: 550 ..."
    "response:",
    "response was:",
    "server replied:",
    "reply:",  # smtplib debug "reply: b'550 ...'"
    "error:",
    "failed with:",  # MailFoundry
    "with failure:",  # MailFoundry "responded with failure: 552 ..."
    "error_code :",  # Zoho "ERROR_CODE :550, ERROR_CODE :5.1.1 ..."
    ">:",  # "<user@example.com>: 550 unknown user" (Postfix and others without "said:")
    "server returned:",  # Domino "Reason: Remote SMTP Server Returned: 550 ..."
    "原因:",  # Chinese wrappers: "原因: 550 ...", "退信原因：550 ..." (full-width colon)
    "原因：",
    "错误:",  # "错误：550 ..." (error)
    "错误：",
)

# A phrase in a reply's own text, or in a line just before it, names the phase it answered.
# Order matters only where one phrase contains another (checked first to last).
PHASE_HINTS: tuple[tuple[str, Phase], ...] = (
    # Postfix: "(in reply to RCPT TO command)"
    ("reply to end of data command", Phase.END_OF_DATA),
    ("reply to data command", Phase.DATA),
    ("reply to rcpt to command", Phase.RCPT),
    ("reply to mail from command", Phase.MAIL),
    ("reply to ehlo command", Phase.EHLO),
    ("reply to helo command", Phase.EHLO),
    ("reply to lhlo command", Phase.EHLO),
    ("reply to starttls command", Phase.STARTTLS),
    ("reply to auth", Phase.AUTH),
    ("reply to bdat command", Phase.BDAT),
    ("reply to quit command", Phase.QUIT),
    ("reply to initial greeting", Phase.GREETING),
    ("refused to talk to me", Phase.GREETING),
    # Exim: "SMTP error from remote mail server after RCPT TO:<x>:"
    ("after end of data", Phase.END_OF_DATA),
    ("after pipelined end of data", Phase.END_OF_DATA),
    ("after pipelined data", Phase.DATA),
    ("after data", Phase.DATA),
    ("after rcpt to:", Phase.RCPT),
    ("after pipelined rcpt to:", Phase.RCPT),
    ("after mail from:", Phase.MAIL),
    ("after pipelined mail from:", Phase.MAIL),
    ("after initial connection", Phase.GREETING),
    ("after ehlo", Phase.EHLO),
    ("after helo", Phase.EHLO),
    ("after lhlo", Phase.EHLO),
    ("after starttls", Phase.STARTTLS),
    ("after auth", Phase.AUTH),
    ("after bdat", Phase.BDAT),
    ("after rcpt command", Phase.RCPT),  # GMX, Exim variants
    ("after mail command", Phase.MAIL),
    ("after data command", Phase.DATA),
    # qmail
    ("does not like recipient", Phase.RCPT),
    ("does not like sender", Phase.MAIL),
    ("sender was rejected", Phase.MAIL),
    ("failed after i sent the message", Phase.END_OF_DATA),
    ("failed on data command", Phase.DATA),
    ("greeting failed", Phase.GREETING),
    ("my name was rejected", Phase.EHLO),
    ("most progress was rcpt to response", Phase.RCPT),
    # Yahoo appends the command in brackets
    ("[rcpt_to]", Phase.RCPT),
    ("[mail_from]", Phase.MAIL),
    ("[end_of_data]", Phase.END_OF_DATA),
)

# Postfix appends this to the remote reply; the scanner cuts it off the reply's text.
POSTFIX_IN_REPLY = "(in reply to "

# Client commands in a transcript (upper case, after the markers): the phase they open.
COMMANDS: tuple[tuple[str, Phase], ...] = (
    ("EHLO", Phase.EHLO),
    ("HELO", Phase.EHLO),
    ("LHLO", Phase.EHLO),
    ("STARTTLS", Phase.STARTTLS),
    ("AUTH", Phase.AUTH),
    ("MAIL FROM", Phase.MAIL),
    ("RCPT TO", Phase.RCPT),
    ("DATA", Phase.DATA),
    ("BDAT", Phase.BDAT),
    ("QUIT", Phase.QUIT),
    ("RSET", Phase.OTHER),
    ("NOOP", Phase.OTHER),
    ("VRFY", Phase.OTHER),
    ("EXPN", Phase.OTHER),
)

# Transcript markers before a command or reply, longest first: ``S:``/``C:``, Sendmail and
# Courier ``>>>``/``<<<``, swaks ``<-``/``->``/``<**``/``~>``, and plain ``<``/``>``.
MARKERS: tuple[str, ...] = (
    "<<<",
    ">>>",
    "<**",
    "**>",
    "<~*",
    "*~>",
    "<~",
    "~>",
    "<-",
    "->",
    "S:",
    "C:",
    "s:",
    "c:",
    "R:",
    "#",  # Exchange "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"
    "<",
    ">",
)

# Where a bounce starts quoting the original message: nothing after it is the bounce's own
# text (lower case, matched at the start of a stripped line).
ORIGINAL_MESSAGE_MARKERS: tuple[str, ...] = (
    "------ this is a copy of the message",  # Exim
    "------ this is a copy of your message",
    "--- below this line is a copy of the message",  # qmail, Yahoo
    "----- original message -----",  # Gmail (old)
    "----- original message follows -----",
    "------ original message follows",
    "----- unsent message follows -----",  # Sendmail (old)
    "----- message header follows -----",
    "original message headers:",  # Exchange / Microsoft 365
    "----- the original message follows -----",
    "------- returned message --------",
    "--- the header of the original message is following. ---",
)

# Header-like lines of a DSN (RFC 3464 2.2, 2.3) that the scanner reads as fields.
DSN_FIELDS: tuple[str, ...] = (
    "final-recipient",
    "original-recipient",
    "action",
    "status",
    "diagnostic-code",
    "remote-mta",
    "reporting-mta",
    "last-attempt-date",
    "x-postfix-sender",
    "received-from-mta",
    "arrival-date",
)


def phase_hint(lower: str) -> Phase | None:
    """The phase a lower-cased line or reply text names, if any."""
    for phrase, phase in PHASE_HINTS:
        if phrase in lower:
            return phase
    return None


def unwrap_debug(line: str) -> tuple[str, str] | None:
    """Python smtplib's debug output: ``send: 'ehlo x\\r\\n'``, ``reply: b'250 ok\\r\\n'``."""
    if line.startswith("send: '") or line.startswith('send: "'):
        marker, rest = "C:", line[7:]
    elif line.startswith("reply: b'") or line.startswith('reply: b"'):
        marker, rest = "S:", line[9:]
    else:
        return None
    for ending in ("\\r\\n'", '\\r\\n"', "'", '"'):
        if rest.endswith(ending):
            rest = rest[: -len(ending)]
            break
    return marker, rest.strip()


_MARKER_STARTS = frozenset(marker[0] for marker in MARKERS if not marker[0].isalpha())


def strip_marker(line: str) -> tuple[str, str]:
    """Split a transcript marker off ``line`` (already left-stripped): (marker, rest)."""
    first = line[:1]
    if line[1:2] == ":" and first in "SCscR":
        return line[:2], line[2:].lstrip()
    if first in "sr" and line.startswith(("send: ", "reply: b")):
        unwrapped = unwrap_debug(line)
        if unwrapped is not None:
            return unwrapped
    if first not in _MARKER_STARTS:
        return "", line
    for marker in MARKERS:
        if line.startswith(marker):
            return marker, line[len(marker) :].lstrip()
    return "", line


_VERBS_BY_START: dict[str, tuple[tuple[str, Phase], ...]] = {}
for _verb, _phase in COMMANDS:
    _VERBS_BY_START[_verb[:4]] = (*_VERBS_BY_START.get(_verb[:4], ()), (_verb, _phase))


def command_phase(text: str) -> Phase | None:
    """The phase a client command line opens, or None when ``text`` is not a command."""
    if text == ".":
        return Phase.END_OF_DATA
    upper = text[:16].upper()
    for verb, phase in _VERBS_BY_START.get(upper[:4], ()):
        if upper.startswith(verb):
            rest = upper[len(verb) : len(verb) + 1]
            if rest in ("", " ", ":", "\t"):
                if verb == "DATA" and text.strip().upper() != "DATA":
                    return None  # "Data format error" is prose, not the DATA command
                return phase
    return None


def starts_original_message(lower_stripped: str) -> bool:
    return any(lower_stripped.startswith(marker) for marker in ORIGINAL_MESSAGE_MARKERS)
