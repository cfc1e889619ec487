"""One Chinese term per concept (resources/glossary.json) in every Chinese string the app can
show, and Chinese punctuation after Chinese text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.codes.compare import compare
from smtp_gui.core.codes.report import compare_report, explain_report
from smtp_gui.core.codes.taxonomy import taxonomy
from smtp_gui.core.report import Report, labels
from smtp_gui.core.report.text import render_text
from smtp_gui.core.text.messages import message

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
GLOSSARY = json.loads((RESOURCES / "glossary.json").read_text(encoding="utf-8"))
CONCEPTS = {key: value for key, value in GLOSSARY.items() if not key.startswith("_")}
# A Chinese character or full-width mark, then an ASCII colon or comma.
CJK_THEN_ASCII = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef][:,]"
)
LABEL_FUNCTIONS = (
    labels.colon,
    labels.list_separator,
    labels.comma,
    labels.clause_separator,
    labels.full_stop,
    labels.dash,
    labels.ellipsis,
)


def _json_zh(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "zh" and isinstance(item, str):
                yield where, item
            else:
                yield from _json_zh(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_zh(item, f"{where}[{index}]")


def zh_strings() -> list[tuple[str, str]]:
    """(file: key, text) for every Chinese string the app can show."""
    found: list[tuple[str, str]] = []
    for path in sorted(RESOURCES.rglob("*.json")):
        if path.name == "glossary.json":
            continue
        name = path.relative_to(RESOURCES.parent).as_posix()
        data = json.loads(path.read_text(encoding="utf-8"))
        found.extend((f"{name}: {key}", text) for key, text in _json_zh(data, ""))
    for path in sorted((RESOURCES / "translations").glob("*.ts")):
        name = path.relative_to(RESOURCES.parent).as_posix()
        for context in ET.parse(path).getroot().iter("context"):
            context_name = context.findtext("name")
            for entry in context.iter("message"):
                translation = entry.find("translation")
                if translation is None or not translation.text:
                    continue
                if translation.get("type") in ("obsolete", "vanished"):
                    continue
                key = f"{context_name} / {entry.findtext('source')!r}"
                found.append((f"{name}: {key}", translation.text))
    found.extend(
        (f"smtp_gui/core/report/labels.py: {function.__name__}", function("zh"))
        for function in LABEL_FUNCTIONS
    )
    return found


ZH = zh_strings()


def test_the_loader_sees_every_source() -> None:
    sources = {where.split(":")[0] for where, _ in ZH}
    assert "resources/messages/compare.json" in sources
    assert "resources/catalogue/enhanced-2.json" in sources
    assert "resources/catalogue/taxonomy.json" in sources
    assert "resources/providers/microsoft.json" in sources
    assert "resources/translations/smtp_gui_zh_CN.ts" in sources
    assert "smtp_gui/core/report/labels.py" in sources
    assert len(ZH) > 2000


def test_every_concept_has_a_term_and_words_to_avoid() -> None:
    for concept in (
        "reply_code", "enhanced_status_code", "class", "subject", "detail", "phase",
        "permanent_failure", "temporary_failure", "sender", "recipient", "blocklist",
        "reverse_dns", "spf", "dkim", "dmarc", "authentication", "retry", "bounce", "mailbox",
        "server", "client", "challenge", "password", "username", "domain", "sending_ip",
        "verdict", "reply", "relay", "envelope_sender", "account", "header", "app_password",
        "null_mx", "implicit_tls", "delist", "rate_limiting", "temporary", "sending_server",
        "auth_exchange", "email_address", "headings", "register",
    ):  # fmt: skip
        entry = CONCEPTS[concept]
        assert entry["en"] and entry["zh"] and entry["avoid"], concept
    terms = [entry["zh"] for entry in CONCEPTS.values()]
    for name, entry in CONCEPTS.items():
        for word in entry["avoid"]:
            # An avoided word may not be (part of) another concept's term.
            assert not any(word in term for term in terms), (name, word)


def avoided_terms(text: str) -> list[tuple[str, str, str]]:
    """(concept, avoided word, term to use) for each glossary breach in ``text``."""
    breaches: list[tuple[str, str, str]] = []
    for name, entry in CONCEPTS.items():
        checked = text
        for phrase in entry.get("except", ()):
            checked = checked.replace(phrase, "")
        breaches.extend((name, w, entry["zh"]) for w in entry["avoid"] if w in checked)
    return breaches


def test_the_check_finds_an_avoided_word() -> None:
    assert avoided_terms("增强码 5.7.1 的主题“安全”") == [
        ("enhanced_status_code", "增强码", "增强状态码"),
        ("subject", "主题“", "分类"),
        ("subject", "的主题", "分类"),
    ]
    assert avoided_terms("SPF 结果 permerror（永久错误）") == []
    assert avoided_terms("属永久错误") == [("permanent_failure", "永久错误", "永久失败")]


def test_chinese_text_uses_one_term_per_concept() -> None:
    problems = [
        f"{where}: {word!r} for {concept} (use {term!r})"
        for where, text in ZH
        for concept, word, term in avoided_terms(text)
    ]
    assert not problems, "\n".join(problems)


def test_code_rows_are_labelled_with_the_glossary_terms() -> None:
    assert message("code_report.class").zh == CONCEPTS["class"]["zh"]
    assert message("code_report.category").zh == CONCEPTS["subject"]["zh"]
    assert message("code_report.phases").zh.endswith(CONCEPTS["phase"]["zh"])


def test_class_names_and_headings_are_the_glossary_terms() -> None:
    """Issue 19: natural class names, the headings of familiar reference pages, and a
    diagnosis heading distinct from the code page's Description."""
    names = {cls: data["name"]["zh"] for cls, data in taxonomy()["classes"].items()}
    assert names == CONCEPTS["class"]["names"]
    assert [message(f"code_report.{key}").zh for key in ("description", "when", "fix")] == [
        "描述", "何时出现", "如何修复"
    ]  # fmt: skip
    assert message("code_report.which_one").zh == "主要区别"
    assert message("diagnose.label.findings").zh not in ("描述", "说明")


def test_no_ascii_colon_or_comma_after_chinese_text() -> None:
    problems = [
        f"{where}: {text[max(0, m.start() - 10) : m.end() + 10]!r}"
        for where, text in ZH
        for m in CJK_THEN_ASCII.finditer(text)
    ]
    assert not problems, "\n".join(problems)


def test_labels_give_chinese_text_full_width_punctuation() -> None:
    """core/report/labels.py is the one owner of Chinese punctuation: none of it is ASCII."""
    for function in LABEL_FUNCTIONS:
        zh = function("zh")
        assert zh and not re.search(r"[ -~]", zh), (function.__name__, zh)
        assert function("en") != zh, function.__name__


def run_cli(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "smtp_gui", *args],
        cwd=RESOURCES.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("args", "labels"),
    [
        (("compare", "334", "554"), ("334\uff1a", "554\uff1a")),
        (("explain", "554"), ("类别\uff1a", "分类\uff1a", "SMTP 阶段\uff1a")),
    ],
)
def test_chinese_code_pages_label_with_full_width_colons(
    args: tuple[str, ...], labels: tuple[str, ...]
) -> None:
    """``compare --lang zh`` labelled its rows ``334: `` while ``explain`` wrote ``类别：``."""
    for text in (
        run_cli(*args, "--lang", "zh"),
        run_cli(*args, "--lang", "zh", "--format", "markdown"),
    ):
        for label in labels:
            assert label in text.replace("**", ""), (args, label)
        assert not CJK_THEN_ASCII.search(text), CJK_THEN_ASCII.findall(text)
        assert ": " not in text.replace("\u201c554 5.7.1 Relay access denied\u201d", ""), text


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(lambda: compare_report(compare("421", "5.7.1"), "zh"), id="421-5.7.1"),
        pytest.param(lambda: compare_report(compare("5.7.606", "535"), "zh"), id="5.7.606-535"),
        pytest.param(lambda: explain_report(explain("5.7.606"), "zh"), id="5.7.606"),
        pytest.param(lambda: explain_report(explain("599"), "zh"), id="599"),
    ],
)
def test_chinese_code_reports_have_no_ascii_colon_after_chinese(
    report: Callable[[], Report],
) -> None:
    text = render_text(report())
    assert "\uff1a" in text
    assert not CJK_THEN_ASCII.search(text), CJK_THEN_ASCII.findall(text)
