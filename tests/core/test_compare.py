"""Comparisons derived from the data: class contrast, plain meaning, phases, retry."""

from __future__ import annotations

import pytest

from smtp_gui.core.codes.compare import compare
from smtp_gui.core.text.errors import InputError


def test_334_vs_554_reads_right() -> None:
    comp = compare("334", "554")
    assert comp.key_difference.en == "334 is a normal step of logging in; 554 is a refusal."
    assert comp.key_difference.zh == "334 是登录过程中的正常步骤；554 是拒绝。"
    which = comp.when_to_use.en
    assert (
        "334 when the server is waiting" in which
        and "554 when the server refused for good" in which
    )
    assert "AUTH" in which
    assert "After 554 someone must fix the cause" in which
    # Nothing repeats the table or the catalogue's "When it appears" word for word.
    for exp in (comp.a, comp.b):
        assert exp.when.en not in which and exp.summary.en not in which
        assert exp.class_meaning.en not in which


def test_same_class_compares_category() -> None:
    comp = compare("550", "421")
    assert (
        comp.key_difference.en
        == "550 is a refusal; 421 is a temporary refusal that is retried later."
    )
    assert "sending server retries by itself" in comp.when_to_use.en
    same = compare("550", "503")
    assert same.key_difference.en.startswith("550, like 503, is a refusal")
    assert "“Mail system”" in same.key_difference.en and "“Syntax”" in same.key_difference.en
    assert "503 comes at" in same.when_to_use.en  # who must act is alike: the phase tells


def test_same_code() -> None:
    comp = compare("554", "554")
    assert "same code" in comp.key_difference.en
    assert comp.key_points == (comp.key_difference,)


def test_json_shape() -> None:
    data = compare("334", "554 5.7.1").to_dict("zh")
    assert set(data) >= {"a", "b", "key_difference", "when_to_use"}
    assert data["b"]["kind"] == "combined"


def test_bad_code() -> None:
    with pytest.raises(InputError):
        compare("334", "6xx")
