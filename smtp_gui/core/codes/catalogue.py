"""The catalogue of reply codes: load it, look a code up, search it.

Data: ``resources/catalogue/basic*.json`` (RFC 5321 reply codes and their extensions) and
``enhanced*.json`` (the IANA enhanced status codes, keyed ``X.subject.detail``), plus
``taxonomy.json`` (class, category, subject and phase names). Code carries no prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import Any

from smtp_gui.core.codes.entry import Entry
from smtp_gui.core.codes.explanation import Explanation, combined, from_entry
from smtp_gui.core.codes.parse import EnhancedCode, ParsedCode, parse_code
from smtp_gui.core.codes.taxonomy import basic_category, class_texts, enhanced_subject, taxonomy
from smtp_gui.core.codes.unknown import explain_digits, with_providers
from smtp_gui.core.codes.vendor import provider_meanings
from smtp_gui.core.resources import load_json, resource_path
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import Note

__all__ = ["MAX_QUERY", "Catalogue", "Entry", "Explanation", "catalogue", "explain"]

MAX_QUERY = 200  # characters of a search query that count; no code or word is that long


class Catalogue:
    """All entries, indexed by code, with a precomputed search text per entry."""

    def __init__(self, entries: Iterable[Entry], taxonomy: dict[str, Any]) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: e.sort_key))
        self.by_code: dict[str, Entry] = {e.code: e for e in self.entries}
        if len(self.by_code) != len(self.entries):
            raise ValueError("duplicate code in the catalogue")
        self.taxonomy = taxonomy
        self._haystacks = tuple(_haystack(e) for e in self.entries)
        common = taxonomy.get("common_codes", {}).get("codes", ())
        order = {code: index for index, code in enumerate(common)}
        self._commonness = tuple(order.get(e.code, len(order)) for e in self.entries)
        self._common_count = len(order)

    # -- lookup -----------------------------------------------------------------------------
    def explain(self, text: str) -> Explanation:
        """Explain ``554``, ``5.7.1`` or ``554 5.7.1``; raises InputError when malformed."""
        return self.explain_parsed(parse_code(text))

    def explain_parsed(self, parsed: ParsedCode) -> Explanation:
        if parsed.basic is not None and parsed.enhanced is not None:
            return combined(parsed, self._basic(parsed.basic), self._enhanced(parsed.enhanced))
        if parsed.basic is not None:
            return self._basic(parsed.basic)
        assert parsed.enhanced is not None
        return self._enhanced(parsed.enhanced)

    def _basic(self, code: int) -> Explanation:
        cls = code // 100
        name, meaning = class_texts(cls)
        category = basic_category(code)
        entry = self.by_code.get(str(code))
        if entry is None:
            return explain_digits(str(code), "basic", cls, name, meaning, category)
        return from_entry(entry, str(code), "basic", cls, name, meaning, category)

    def _enhanced(self, code: EnhancedCode) -> Explanation:
        category = enhanced_subject(code.subject)
        entry = self.by_code.get(code.generic)
        cls = code.cls if code.cls is not None else (entry.classes[-1] if entry else 5)
        name, meaning = class_texts(cls)
        vendors = provider_meanings(str(code)) if code.cls is not None else ()
        if entry is None:
            unlisted = explain_digits(str(code), "enhanced", cls, name, meaning, category)
            return with_providers(unlisted, vendors)
        explanation = from_entry(entry, str(code), "enhanced", cls, name, meaning, category)
        explanation = replace(explanation, provider_meanings=vendors)
        if code.cls is not None and code.cls not in entry.classes:
            usual = ", ".join(f"{c}{entry.code[1:]}" for c in entry.classes)
            warning = Note("catalogue.unusual_class", {"code": str(code), "usual": usual})
            explanation = replace(explanation, warnings=(warning,))
        return explanation

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, cls: int | None = None) -> list[Entry]:
        """Entries matching every word of ``query`` (code, title, keywords, text; en and zh),
        best first: exact code, code prefix, a common code by its title, a common code by its
        keywords, then any code by title, by keyword, anywhere; within each, the codes
        helpdesk staff meet most (``common_codes`` in the taxonomy) first.

        A whole reply code such as ``550 5.7.26`` lists its parts: the enhanced entry, then
        the basic one. Only the first ``MAX_QUERY`` characters count, and a repeated word
        counts once: a pasted megabyte of words that all match would otherwise take minutes.
        """
        query = query[:MAX_QUERY]
        parts = self._code_parts(query, cls)
        if parts:
            return parts
        words = list(dict.fromkeys(_normalize_query_word(w) for w in query.casefold().split()))
        common_count = self._common_count
        results: list[tuple[int, int, tuple[int, int, int], Entry]] = []
        for entry, (code_text, title_text, keyword_text, body), commonness in zip(
            self.entries, self._haystacks, self._commonness, strict=True
        ):
            if cls is not None and cls not in entry.classes:
                continue
            rank = 0
            for word in words:
                if word == code_text or word in code_text.split("|"):
                    score = 0
                elif any(c.startswith(word) for c in code_text.split("|")):
                    score = 1
                elif word in title_text:
                    score = 4
                elif word in keyword_text:
                    score = 5
                elif word in body:
                    score = 6
                else:
                    break
                rank = max(rank, score)
            else:
                if rank in (4, 5) and commonness < common_count:
                    rank -= 2  # a code people meet, found by its title or its keywords
                results.append((rank, commonness, entry.sort_key, entry))
        results.sort(key=lambda item: (item[0], item[1], item[2]))
        return [entry for _rank, _common, _key, entry in results]

    def _code_parts(self, query: str, cls: int | None) -> list[Entry]:
        """``550 5.7.26``: the catalogue entries of both codes (none for other queries)."""
        text = query.strip()
        if " " not in text or not text[:1].isdigit():
            return []
        try:
            parsed = parse_code(text)
        except InputError:
            return []
        if parsed.basic is None or parsed.enhanced is None:
            return []
        found = [self.by_code.get(parsed.enhanced.generic), self.by_code.get(str(parsed.basic))]
        return [e for e in found if e is not None and (cls is None or cls in e.classes)]


def _normalize_query_word(word: str) -> str:
    """``5.7.1`` and ``4.7.1`` search for the registry's ``x.7.1``."""
    if len(word) >= 3 and word[0] in "245" and word[1] == ".":
        return "x" + word[1:]
    return word


def _haystack(entry: Entry) -> tuple[str, str, str, str]:
    codes = {entry.code.casefold()}
    if entry.kind == "enhanced":
        codes.add(entry.code[2:])  # "7.1" for X.7.1
    else:
        codes.update(str(c) for c in entry.basic_codes)
    title = f"{entry.title.en} {entry.title.zh}".casefold()
    keywords = " ".join(entry.keywords).casefold()
    body = " ".join(
        t.casefold()
        for text in (entry.summary, entry.description, entry.when, entry.fix, entry.note)
        for t in (text.en, text.zh)
    )
    return "|".join(sorted(codes)), title, keywords, body


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once."""
    folder = resource_path("catalogue")
    entries: list[Entry] = []
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("basic"):
            kind = "basic"
        elif path.name.startswith("enhanced"):
            kind = "enhanced"
        else:
            continue
        data = load_json("catalogue", path.name)
        entries.extend(Entry.from_data(item, kind) for item in data["entries"])
    return Catalogue(entries, taxonomy())


def explain(text: str) -> Explanation:
    return catalogue().explain(text)
