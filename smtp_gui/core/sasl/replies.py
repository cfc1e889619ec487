"""What a server reply means in an AUTH exchange (RFC 4954 6) and around it."""

from __future__ import annotations

import re

from smtp_gui.core.sasl.model import Field, MechanismReading
from smtp_gui.core.text.messages import Note

# RFC 4954 6 (and RFC 5248's enhanced codes quoted there): replies that end AUTH.
_AUTH_REPLIES = {
    "235": "sasl.meaning.reply_235",
    "432": "sasl.meaning.reply_432",
    "454": "sasl.meaning.reply_454",
    "500": "sasl.meaning.reply_500",
    "501": "sasl.meaning.reply_501",
    "503": "sasl.meaning.reply_503",
    "504": "sasl.meaning.reply_504",
    "530": "sasl.meaning.reply_530",
    "534": "sasl.meaning.reply_534",
    "535": "sasl.meaning.reply_535",
    "538": "sasl.meaning.reply_538",
}
# Codes that only AUTH uses: a lone pasted "535 5.7.8 ..." is still an AUTH outcome.
_AUTH_ONLY = frozenset({"235", "432", "454", "530", "534", "535", "538"})
_OTHER_REPLIES = {"220": "sasl.meaning.reply_220", "221": "sasl.meaning.reply_221"}
# RFC 4954 3: the EHLO keyword AUTH lists the mechanisms; "AUTH=" is an old variant.
_AUTH_CAPABILITY = re.compile(r"AUTH[ =]([A-Za-z0-9_ \-]*)", re.IGNORECASE)


def reply_reading(code: str | None, text: str, in_auth: bool) -> tuple[MechanismReading, bool]:
    """A reply's meaning, and whether it is the final reply of an AUTH exchange."""
    if code is None:
        # An IMAP tagged status (``A0001 OK ...``) ends an AUTHENTICATE the same way.
        return MechanismReading(None, Note("sasl.meaning.server_status")), in_auth
    basic = code[:3]
    if basic in _AUTH_REPLIES and (in_auth or basic in _AUTH_ONLY):
        key = _AUTH_REPLIES[basic]
        if basic == "535" and "5.7.1" in code:
            key = "sasl.meaning.reply_535_571"
        return MechanismReading(None, Note(key, {"code": code})), True
    if in_auth:
        return MechanismReading(
            None, Note(f"sasl.meaning.reply_class_{_cls(basic)}", {"code": code})
        ), True
    if basic == "250":
        offered = _offered_mechanisms(text)
        if offered:
            note = Note("sasl.meaning.reply_ehlo_auth", {"mechanisms": " ".join(offered)})
            return MechanismReading(
                None, note, (Field("offered_mechanisms", " ".join(offered)),)
            ), False
    if basic in _OTHER_REPLIES:
        return MechanismReading(None, Note(_OTHER_REPLIES[basic], {"code": code})), False
    return MechanismReading(
        None, Note(f"sasl.meaning.reply_class_{_cls(basic)}", {"code": code})
    ), False


def _cls(basic: str) -> str:
    return basic[0] if basic[0] in "2345" else "other"


def _offered_mechanisms(text: str) -> list[str]:
    """Mechanisms named on the AUTH line(s) of an EHLO reply, without repeats."""
    offered: list[str] = []
    for line in text.split("\n"):
        match = _AUTH_CAPABILITY.match(line.strip())
        if match is None:
            continue
        for name in match.group(1).split():
            upper = name.upper()
            if upper not in offered:
                offered.append(upper)
    return offered
