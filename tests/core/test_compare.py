"""Comparisons derived from the data: class contrast, plain meaning, phases, retry."""

from __future__ import annotations

import pytest

from smtp_gui.core.codes.compare import compare
from smtp_gui.core.text.errors import InputError


def test_334_vs_554_reads_right() -> None:
    comp = compare("334", "554")
    text = comp.key_difference.en
    assert "3xx Positive Intermediate" in text and "5xx Permanent Negative" in text
    assert comp.a.summary.en in text and comp.b.summary.en in text
    assert "AUTH" in text
    assert "334 applies when" in comp.when_to_use.en and "554 applies when" in comp.when_to_use.en
    zh = comp.key_difference.zh
    assert "肯定中间" in zh and "永久否定" in zh


def test_same_class_compares_category() -> None:
    comp = compare("550", "421")
    assert "4xx" in comp.key_difference.en
    same = compare("550", "503")
    assert "both 5xx" in same.key_difference.en


def test_same_code() -> None:
    assert "same code" in compare("554", "554").key_difference.en


def test_json_shape() -> None:
    data = compare("334", "554 5.7.1").to_dict("zh")
    assert set(data) >= {"a", "b", "key_difference", "when_to_use"}
    assert data["b"]["kind"] == "combined"


def test_bad_code() -> None:
    with pytest.raises(InputError):
        compare("334", "6xx")
