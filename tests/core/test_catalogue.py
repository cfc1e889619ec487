"""The shipped catalogue: complete against the reference lists, bilingual, searchable."""

from __future__ import annotations

import csv
import re

import pytest

from smtp_gui.core.codes.catalogue import catalogue, explain
from smtp_gui.core.codes.taxonomy import PHASES, RETRY
from smtp_gui.core.text.errors import InputError
from tests.shared_data import shared_data_path

CJK = re.compile(r"[\u4e00-\u9fff]")
FIELDS = ("title", "summary", "description", "when", "fix", "retry_advice")


def test_catalogue_size_and_shape() -> None:
    cat = catalogue()
    basic = [e for e in cat.entries if e.kind == "basic"]
    enhanced = [e for e in cat.entries if e.kind == "enhanced"]
    # RFC 5321 and extensions: at least 38 distinct basic codes; IANA: 81 enhanced codes.
    assert len(basic) >= 38
    assert len(enhanced) >= 81
    for entry in cat.entries:
        assert entry.phases and set(entry.phases) <= set(PHASES), entry.code
        assert entry.retry in RETRY, entry.code
        assert entry.references and all(r.startswith(("RFC", "draft")) for r in entry.references)
        for field in FIELDS:
            text = getattr(entry, field)
            assert text.en.strip() and text.zh.strip(), (entry.code, field)
            assert CJK.search(text.zh), (entry.code, field, "zh text has no Chinese")
            assert not CJK.search(text.en), (entry.code, field, "en text has Chinese")
            assert "<" not in text.en and "TODO" not in text.en, (entry.code, field)


def test_every_basic_code_in_the_reference_list() -> None:
    path = shared_data_path("smtp-reply-codes.csv")
    with path.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    missing = sorted(codes - set(catalogue().by_code))
    assert not missing


def test_every_iana_enhanced_code() -> None:
    path = shared_data_path("iana-smtp-enhanced-status-codes.csv")
    with path.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    assert len(codes) == 81
    missing = sorted(codes - set(catalogue().by_code))
    assert not missing
    for code in ("X.7.23", "X.7.30", "X.1.10"):
        assert code in catalogue().by_code


@pytest.mark.parametrize(
    ("code", "kind", "cls", "class_name"),
    [
        ("554", "basic", 5, "Permanent Negative"),
        ("334", "basic", 3, "Positive Intermediate"),
        ("250", "basic", 2, "Positive Completion"),
        ("421", "basic", 4, "Transient Negative"),
        ("5.7.1", "enhanced", 5, "Permanent Negative"),
        ("4.7.1", "enhanced", 4, "Transient Negative"),
        ("554 5.7.1", "combined", 5, "Permanent Negative"),
    ],
)
def test_explain_known(code: str, kind: str, cls: int, class_name: str) -> None:
    exp = explain(code)
    assert exp.known and exp.kind == kind and exp.cls == cls
    data = exp.to_dict("en")
    for key in (
        "code",
        "kind",
        "class",
        "class_name",
        "title",
        "description",
        "when",
        "fix",
        "references",
        "known",
    ):
        assert key in data
    assert data["class_name"] == class_name


def test_combined_is_both_parts_and_mismatch_is_pointed_out() -> None:
    combined = explain("554 5.7.1")
    assert [p.code for p in combined.parts] == ["554", "5.7.1"]
    assert combined.parts[1].title.en in combined.title.en
    mismatch = explain("554 4.0.0")
    assert mismatch.warnings and "mismatch" in mismatch.warnings[0].text("en").lower()
    assert "不一致" in mismatch.warnings[0].text("zh")


@pytest.mark.parametrize(
    ("code", "cls", "category"),
    [
        ("599", 5, "Undefined category"),
        ("5.9.99", 5, "Undefined subject"),
        ("451", 4, "Mail system"),
    ],
)
def test_unknown_well_formed_from_digits(code: str, cls: int, category: str) -> None:
    exp = explain(code)
    if code == "451":
        assert exp.known
        return
    assert not exp.known and exp.cls == cls and exp.category.en == category
    assert exp.fix.en and exp.fix.zh


@pytest.mark.parametrize("bad", ["6xx", "55", "abc", "5.7"])
def test_malformed(bad: str) -> None:
    with pytest.raises(InputError):
        explain(bad)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("554", "554"),
        ("5.7.1", "X.7.1"),
        ("4.7.1", "X.7.1"),
        ("relay", None),
        ("blacklist", None),
        ("认证", None),
        ("拒绝", None),
        ("mailbox full", "X.2.2"),
    ],
)
def test_search(query: str, expected: str | None) -> None:
    results = catalogue().search(query)
    assert results, query
    if expected is not None:
        assert results[0].code == expected
    assert len(results) < len(catalogue().entries)


def test_search_by_class_and_prefix() -> None:
    results = catalogue().search("55", cls=5)
    assert results[0].code.startswith("55")
    assert all(5 in e.classes for e in results)
    assert catalogue().search("no-such-word-anywhere") == []


def test_search_ranks_the_codes_people_meet_first() -> None:
    """``relay`` finds 550 and 554 before 2.1.9 ("Message Relayed to Non-Compliant Mailer"),
    whose title matches but which no helpdesk meets."""
    codes = [e.code for e in catalogue().search("relay")]
    assert codes[:2] == ["550", "554"]
    assert codes.index("X.1.9") > codes.index("551")
    # Among codes alike in commonness, a title match beats a keyword match.
    assert catalogue().search("mailbox full")[0].code == "X.2.2"


def test_search_title_matches_before_description_matches() -> None:
    for word in ("mailbox", "relay", "tls"):
        results = catalogue().search(word)
        in_title = [i for i, e in enumerate(results) if word in e.title.en.casefold()]
        only_text = [
            i
            for i, e in enumerate(results)
            if word not in e.title.en.casefold() and word not in " ".join(e.keywords).casefold()
        ]
        assert in_title and only_text, word
        assert max(in_title) < min(only_text), word


def test_search_for_a_whole_reply_code_lists_its_parts() -> None:
    assert [e.code for e in catalogue().search("550 5.7.26")] == ["X.7.26", "550"]
    assert [e.code for e in catalogue().search("550 5.7.26", cls=4)] == []
    assert [e.code for e in catalogue().search("550 9.9.9 ")] == []
