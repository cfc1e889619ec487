"""Which code a code is most often confused with: the default second code of a comparison.

A small hand-made table of the pairs helpdesk staff mix up (a step of logging in and a
refusal, permanent and temporary refusals, the policy refusal and the authentication one).
Enhanced codes (RFC 3463) are looked up by subject and detail, whatever their class.
"""

from __future__ import annotations

__all__ = ["confused_with"]

# code -> the code most often taken for it; enhanced codes keyed with "X." for the class.
_CONFUSED_WITH: dict[str, str] = {
    "334": "535",  # RFC 4954 4: a challenge (a normal step) vs authentication failed
    "535": "334",
    "235": "535",  # authentication succeeded vs failed
    "530": "535",  # authentication required vs credentials refused
    "550": "554",  # mailbox unavailable vs transaction failed (RFC 5321 4.2.3)
    "554": "550",
    "551": "550",
    "553": "550",
    "552": "452",  # permanent vs temporary "too much" (RFC 5321 4.5.3.1.10)
    "452": "552",
    "421": "450",  # service closing vs mailbox busy: both temporary (RFC 5321 4.2.1)
    "450": "421",
    "451": "450",
    "220": "554",  # the greeting vs a greeting that refuses (RFC 5321 3.1)
    "250": "251",
    "251": "250",
    "X.7.1": "5.7.26",  # delivery not authorized vs not authenticated (RFC 7372 3.2)
    "X.7.26": "5.7.1",
    "X.7.8": "5.7.0",  # authentication credentials invalid vs other security problem
    "X.1.1": "5.1.10",  # bad mailbox vs null MX (RFC 7505 4.2)
    "X.1.10": "5.1.1",
}


def confused_with(code: str) -> str | None:
    """The code most often confused with ``code`` (``554``, ``5.7.1``, ``550 5.7.1``), or
    None when the table has none. The enhanced part of a combined code decides."""
    parts = code.split()
    if not parts:
        return None
    enhanced = next((part for part in parts if part.count(".") == 2), None)
    if enhanced is not None:
        key = "X." + enhanced.split(".", 1)[1]
        return _CONFUSED_WITH.get(key)
    return _CONFUSED_WITH.get(parts[0])
