"""Measures of a diagnosis against a bounce's labels: who failed, with what, and whether a code
was invented. Shared by the labelled-corpora measurement and this project's recipient corpus.

Everything reads the CLI's ``diagnose --json`` object (``Diagnosis.to_dict``), so the same
measure holds before and after issue 15 adds ``recipients``: when the JSON has that list its
entries are the failed recipients; until then they are the recipients the failing replies name
(and the diagnosis's ``recipient`` when it names a failure).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable
from typing import Any

# RFC 3464 2.3.3: actions that are not a failure of the recipient.
_NOT_FAILED = {"delivered", "relayed", "expanded"}
_TRANSIENT = {"delayed"}
# A plain addr-spec as the diagnosis should name it (RFC 5321 4.1.2 Mailbox, without the
# quoted local part and address literals no bounce corpus here uses): no brackets, no
# "rfc822;", no quoted-printable residue ("=20"), a dotted domain.
_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+"
)


def is_address(text: str) -> bool:
    """True for a bare, normalised address (what a recipient list may hold)."""
    return (
        _ADDRESS.fullmatch(text) is not None
        and not text.endswith("=20")
        and text.rpartition("@")[2] == text.rpartition("@")[2].lower()
    )


def _code_class(entry: dict[str, Any] | None) -> int | None:
    if entry is None:
        return None
    code, enhanced = entry.get("code"), entry.get("enhanced")
    if code:
        return int(str(code)[0])
    if enhanced:
        return int(str(enhanced)[0])
    return None


def recipient_entries(result: dict[str, Any]) -> list[tuple[str, str]]:
    """(address, action) for every recipient the diagnosis names, as found (not normalised)."""
    if isinstance(result.get("recipients"), list):
        return [
            (str(item.get("address") or ""), str(item.get("action") or "failed"))
            for item in result["recipients"]
        ]
    entries: list[tuple[str, str]] = []
    for reply in result["replies"]:
        cls = _code_class(reply)
        if cls in (4, 5) and reply.get("recipient"):
            entries.append((reply["recipient"], "failed" if cls == 5 else "delayed"))
    if result["primary"] is not None and result.get("recipient"):
        cls = _code_class(result["primary"])
        entries.append((result["recipient"], "failed" if cls == 5 else "delayed"))
    return entries


def failed_recipients(result: dict[str, Any]) -> set[str]:
    """The failed (or delayed) recipients, compared case-insensitively as the labels say."""
    return {
        address.lower()
        for address, action in recipient_entries(result)
        if action not in _NOT_FAILED
    }


def not_addresses(result: dict[str, Any]) -> list[str]:
    """Named recipients that are not a clean address (``<>``, ``<a@b.c>``, ``a@b.c=20``)."""
    found = (address for address, _action in recipient_entries(result))
    return sorted({address for address in found if not is_address(address)})


def failure_found(result: dict[str, Any]) -> bool:
    """A failure or a delay is reported: a primary reply, or a failed/delayed recipient (the
    code-less diagnoses of issue 15 name one without a code)."""
    if result["primary"] is not None:
        return True
    return any(action not in _NOT_FAILED for _address, action in recipient_entries(result))


def permanent(result: dict[str, Any]) -> bool:
    """The diagnosis calls it a permanent failure (a 5xx primary or a recipient ``failed``
    with a 5 class)."""
    if _code_class(result["primary"]) == 5:
        return True
    entries = result.get("recipients")
    if isinstance(entries, list):
        return any(item.get("action") == "failed" and _code_class(item) == 5 for item in entries)
    return False


def message_texts(data: bytes) -> str:
    """The raw message and every decoded leaf part (base64, quoted-printable), one string:
    where a stated code must be found."""
    texts = [data.decode("utf-8", errors="replace")]
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                texts.append(payload.decode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - a text paste or a broken message: the raw text is enough
        pass
    return "\n".join(texts)


def stated(text: str, token: str) -> bool:
    """``token`` appears in the text as a code of its own (not inside a longer number)."""
    pattern = r"(?<![\d.])" + re.escape(token) + r"(?![\d]|\.\d)"
    return re.search(pattern, text) is not None


def invented_codes(result: dict[str, Any], text: str) -> list[str]:
    """Codes the diagnosis reports (primary and per recipient) that the message never states."""
    entries: list[dict[str, Any]] = []
    if result["primary"] is not None:
        entries.append(result["primary"])
    if isinstance(result.get("recipients"), list):
        entries.extend(result["recipients"])
    tokens: Iterable[str] = (
        str(value)
        for entry in entries
        for value in (entry.get("code"), entry.get("enhanced"))
        if value
    )
    return sorted({token for token in tokens if not stated(text, token)})
