"""The kinds of check the app runs (the checks pane's selector, ``smtp-gui check KIND``).

One word in code: *blocklist*. ``blacklist`` stays only where it is public: the CLI command
``check blacklist`` (with ``blocklist`` as its alias) and the words a caller may pass.
"""

from __future__ import annotations

import enum

BLACKLIST_ALIAS = "blacklist"  # the CLI's command word, kept: it is the public contract


class CheckKindName(enum.StrEnum):
    BLOCKLIST = "blocklist"
    DOMAIN = "domain"

    @classmethod
    def named(cls, text: str) -> CheckKindName:
        """``blocklist``, ``domain``, or the alias ``blacklist``; ValueError otherwise."""
        return cls.BLOCKLIST if text == BLACKLIST_ALIAS else cls(text)
