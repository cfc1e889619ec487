"""Kinds of check are an enum with one word in code (blocklist); ``blacklist`` is an alias."""

from __future__ import annotations

import pytest

from smtp_gui.core.checks.kind import CheckKindName


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("blocklist", CheckKindName.BLOCKLIST),
        ("blacklist", CheckKindName.BLOCKLIST),  # the CLI's command word
        ("domain", CheckKindName.DOMAIN),
    ],
)
def test_words_name_one_kind(word: str, kind: CheckKindName) -> None:
    assert CheckKindName.named(word) is kind


@pytest.mark.parametrize("word", ["", "Blocklist", "spf", "dnsbl"])
def test_other_words_name_none(word: str) -> None:
    with pytest.raises(ValueError):
        CheckKindName.named(word)
