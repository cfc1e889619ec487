"""Message prose: a value that ends a sentence never meets the template's own full stop."""

from __future__ import annotations

import re
import string

import pytest

from smtp_gui.core.checks.findings import failure_note
from smtp_gui.core.dns.lookup import Lookup, Outcome
from smtp_gui.core.probe.model import summary_text
from smtp_gui.core.resources import load_json_folder
from smtp_gui.core.text.messages import Note, fill, message

# Two stops in a row (an ellipsis "..." is fine), in either language's punctuation.
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)|。。|\.。|。\.")


class _Sentence:
    """A parameter value that is a whole sentence, whatever format spec asks for it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return self.text


def _templates() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for data in load_json_folder("messages"):
        table.update({k: v for k, v in data.items() if not k.startswith("_")})
    return table


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_no_template_ends_in_a_double_stop() -> None:
    for key, value in _templates().items():
        for lang in ("en", "zh"):
            assert not _DOUBLE_STOP.search(value[lang].rstrip()), (key, lang)


@pytest.mark.parametrize("ending", [".", "。", "!"])
def test_no_message_renders_a_double_stop(ending: str) -> None:
    """Issue 12: "failed: {detail}." with a detail that ends in "." gave "..": every message,
    with every value a sentence, reads without two stops in a row."""
    checked = 0
    for key, value in _templates().items():
        names = _fields(value["en"]) | _fields(value["zh"])
        if not names:
            continue
        text = message(key, **{name: _Sentence(f"It failed{ending}") for name in names})
        for lang in ("en", "zh"):
            assert not _DOUBLE_STOP.search(text.get(lang)), (key, text.get(lang))
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("template", "params", "expected"),
    [
        ("failed: {detail}.", {"detail": "A DNS label is empty."}, "failed: A DNS label is empty."),
        ("失败：{detail}。", {"detail": "A DNS label is empty."}, "失败：A DNS label is empty."),
        ("failed: {detail}.", {"detail": "EOF"}, "failed: EOF."),
        ("{a}. {b}.", {"a": "One.", "b": "two"}, "One. two."),
        ("{n:>3}.", {"n": 7}, "  7."),
        ("{{literal}}.", {}, "{literal}."),
    ],
)
def test_fill(template: str, params: dict[str, object], expected: str) -> None:
    assert fill(template, params) == expected


def test_a_dns_failure_with_a_sentence_for_detail() -> None:
    note = failure_note(Lookup("a..b", "MX", Outcome.ERROR, detail="A DNS label is empty."))
    assert note.text("en").endswith("failed: A DNS label is empty.")
    assert note.text("zh").endswith("失败：A DNS label is empty.")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_probe_summary_of_whole_sentences(lang: str) -> None:
    notes = (Note("probe.mx.failed_timeout", {"domain": "x.test"}),)
    text = summary_text(notes, lang)
    assert text.endswith((".", "。")) and not _DOUBLE_STOP.search(text)
