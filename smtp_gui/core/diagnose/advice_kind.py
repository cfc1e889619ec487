"""What a next step is (``AdviceKind``): the one list of kinds, for the advice, the provider
data that names them and the window's buttons."""

from __future__ import annotations

from enum import StrEnum


class AdviceKind(StrEnum):
    """The kind of a next step; the value is the word in ``diagnose --json`` (DESIGN.md)."""

    EXPLAIN = "explain"  # a reply code: the catalogue explains it
    COMPARE = "compare"  # two codes side by side
    DECODE = "decode"  # the AUTH exchange found in the paste
    BLOCKLIST = "blacklist"  # an IP for the blocklist check (JSON keeps its old word)
    DOMAIN = "domain"  # a domain for the DNS checks
    DELIST = "delist"  # an operator's delisting page, from the project's data only
    RETRY = "retry"  # something to do: wait and send again
    CONTACT = "contact"  # something to do: ask the recipient or the mail administrator
