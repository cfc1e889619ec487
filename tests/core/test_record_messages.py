"""The message files of the domain checks: both languages, same placeholders, real Chinese."""

from __future__ import annotations

import json
import re
import string

import pytest

from smtp_gui.core.resources import resource_path

FILES = [
    "findings",
    "mx",
    "dmarc",
    "dkim",
    "ptr",
    "mta_sts",
    "policy_records",
    "dane",
    "domain_check",
    "check_report",
]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", FILES)
def test_every_message_has_both_languages(name: str) -> None:
    data = json.loads(resource_path("messages", f"{name}.json").read_text(encoding="utf-8"))
    assert data
    for key, value in data.items():
        assert key.split(".")[0] in {
            "findings",
            "mx",
            "dmarc",
            "dkim",
            "ptr",
            "mta_sts",
            "policy",
            "tlsrpt",
            "bimi",
            "tlsa",
            "domain_check",
            "report",
        }, key
        assert value["en"].strip() and value["zh"].strip(), key
        assert _fields(value["en"]) == _fields(value["zh"]), key
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", value["en"]))
        if len(words) >= 2 and not key.startswith("report.check."):  # names stay
            assert _CJK.search(value["zh"]), key  # translated, not copied
