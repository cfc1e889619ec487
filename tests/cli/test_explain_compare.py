"""The explain and compare commands as a user runs them: JSON, both languages, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.codes.compare import compare
from smtp_gui.core.codes.report import compare_report, explain_report
from smtp_gui.core.report.text import render_text

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", ["554", "5.7.1", "554 5.7.1", "599"])
def test_explain_json(code: str, lang: str) -> None:
    result = run("explain", code, "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
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
    assert data["code"] == code
    assert data["known"] is (code != "599")
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in data["description"])


def test_explain_two_words_and_plain_text() -> None:
    result = run("explain", "554", "5.7.1", "--lang", "en")
    assert result.returncode == 0
    assert result.stdout.startswith("554 5.7.1")
    assert "\nHow to fix\n" in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_json(lang: str) -> None:
    result = run("compare", "334", "554", "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["a"]["code"] == "334" and data["b"]["code"] == "554"
    assert data["key_difference"] and data["when_to_use"]


@pytest.mark.parametrize(
    "args",
    [
        ("explain", "6xx"),
        ("explain", "55"),
        ("explain", "abc"),
        ("explain", "5.7"),
        ("compare", "334", "abc"),
        ("explain", "6xx", "--json"),
    ],
)
def test_bad_codes_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", ["554 4.7.1", "599"])
def test_explain_text_is_the_report(code: str, lang: str) -> None:
    """What ``explain`` prints is the report the Codes pane shows and copies."""
    result = run("explain", *code.split(), "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_text(explain_report(explain(code), lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_text_is_the_report(lang: str) -> None:
    result = run("compare", "334", "554 5.7.1", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_text(compare_report(compare("334", "554 5.7.1"), lang))
    if lang == "zh":
        assert "\n554 5.7.1：" in result.stdout and "\n554 5.7.1: " not in result.stdout
        assert "连接问候、" in result.stdout  # the phases, listed with the enumeration comma
    else:
        assert "Which one am I looking at?\n" in result.stdout and "\n554 5.7.1: " in result.stdout
        assert "Connection greeting, " in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explain_a_microsoft_code(lang: str) -> None:
    result = run("explain", "5.7.139", "--lang", lang)
    assert result.returncode == 0, result.stderr
    first = explain("5.7.139").provider_meanings[0].meaning.get(lang)
    assert first in result.stdout
    assert "Unlisted code" not in result.stdout and "未收录的代码" not in result.stdout
    assert "Not in the catalogue" not in result.stdout and "目录中没有此代码" not in result.stdout
    data = json.loads(run("explain", "5.7.606", "--json", "--lang", lang).stdout)
    assert data["known"] is False
    assert data["provider_meanings"][0]["provider"].startswith("Microsoft")
