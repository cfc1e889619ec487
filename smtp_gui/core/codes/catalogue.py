"""The catalogue of reply codes: load it, look a code up, search it.

Data: ``resources/catalogue/basic*.json`` (RFC 5321 reply codes and their extensions) and
``enhanced*.json`` (the IANA enhanced status codes, keyed ``X.subject.detail``), plus
``taxonomy.json`` (class, category, subject and phase names). Code carries no prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from smtp_gui.core.codes.parse import EnhancedCode, ParsedCode, parse_code
from smtp_gui.core.resources import load_json, resource_path
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import Note, message

PHASES = (
    "greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "end-of-data", "bdat",
    "quit", "other", "any", "dsn",
)  # fmt: skip
RETRY = ("none", "continue", "later", "after-fix", "no")
MAX_QUERY = 200  # characters of a search query that count; no code or word is that long


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry: a basic code ``554`` or an enhanced code ``X.7.1``."""

    code: str
    kind: str  # "basic" or "enhanced"
    classes: tuple[int, ...]
    basic_codes: tuple[int, ...]
    phases: tuple[str, ...]
    references: tuple[str, ...]
    retry: str
    title: Text
    summary: Text
    description: Text
    when: Text
    fix: Text
    retry_advice: Text
    note: Text
    keywords: tuple[str, ...]

    @property
    def sort_key(self) -> tuple[int, int, int]:
        if self.kind == "basic":
            return (0, int(self.code), 0)
        _x, subject, detail = self.code.split(".")
        return (1, int(subject), int(detail))

    def display_code(self) -> str:
        """``554``; enhanced codes with their usual class: ``5.7.1`` (``X.7.1`` if several)."""
        if self.kind == "basic" or len(self.classes) != 1:
            return self.code
        return f"{self.classes[0]}{self.code[1:]}"

    @classmethod
    def from_data(cls, data: dict[str, Any], kind: str) -> Entry:
        keywords = data.get("keywords", {})
        words = tuple(w for lang in ("en", "zh") for w in keywords.get(lang, ()))
        code = str(data["code"])
        classes = tuple(int(c) for c in data.get("classes", ())) or (int(code[0]),)
        return cls(
            code=code,
            kind=kind,
            classes=classes,
            basic_codes=tuple(int(c) for c in data.get("basic_codes", ())),
            phases=tuple(data.get("phases", ())),
            references=tuple(data.get("references", ())),
            retry=str(data.get("retry", "")),
            title=Text.from_data(data.get("title")),
            summary=Text.from_data(data.get("summary")),
            description=Text.from_data(data.get("description")),
            when=Text.from_data(data.get("when")),
            fix=Text.from_data(data.get("fix")),
            retry_advice=Text.from_data(data.get("retry_advice")),
            note=Text.from_data(data.get("note")),
            keywords=words,
        )


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a code means: from the catalogue (``known``) or from its digits alone."""

    code: str
    kind: str  # basic, enhanced or combined
    cls: int
    class_name: Text
    class_meaning: Text
    category: Text
    title: Text
    summary: Text
    description: Text
    when: Text
    fix: Text
    retry: str
    retry_advice: Text
    phases: tuple[str, ...]
    references: tuple[str, ...]
    known: bool
    note: Text = EMPTY
    warnings: tuple[Note, ...] = ()
    parts: tuple[Explanation, ...] = ()

    def phase_names(self, lang: str) -> list[str]:
        return [phase_name(p).get(lang) for p in self.phases]

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "class": self.cls,
            "class_name": self.class_name.get(lang),
            "category": self.category.get(lang),
            "title": self.title.get(lang),
            "summary": self.summary.get(lang),
            "description": self.description.get(lang),
            "when": self.when.get(lang),
            "fix": self.fix.get(lang),
            "retry": self.retry,
            "retry_advice": self.retry_advice.get(lang),
            "phases": list(self.phases),
            "phase_names": self.phase_names(lang),
            "references": list(self.references),
            "known": self.known,
            "note": self.note.get(lang),
            "warnings": [w.text(lang) for w in self.warnings],
            "parts": [p.to_dict(lang) for p in self.parts],
        }


class Catalogue:
    """All entries, indexed by code, with a precomputed search text per entry."""

    def __init__(self, entries: Iterable[Entry], taxonomy: dict[str, Any]) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: e.sort_key))
        self.by_code: dict[str, Entry] = {e.code: e for e in self.entries}
        if len(self.by_code) != len(self.entries):
            raise ValueError("duplicate code in the catalogue")
        self.taxonomy = taxonomy
        self._haystacks = tuple(_haystack(e) for e in self.entries)

    # -- lookup -----------------------------------------------------------------------------
    def explain(self, text: str) -> Explanation:
        """Explain ``554``, ``5.7.1`` or ``554 5.7.1``; raises InputError when malformed."""
        return self.explain_parsed(parse_code(text))

    def explain_parsed(self, parsed: ParsedCode) -> Explanation:
        if parsed.basic is not None and parsed.enhanced is not None:
            return self._combined(
                parsed, self._basic(parsed.basic), self._enhanced(parsed.enhanced)
            )
        if parsed.basic is not None:
            return self._basic(parsed.basic)
        assert parsed.enhanced is not None
        return self._enhanced(parsed.enhanced)

    def _class_texts(self, cls: int) -> tuple[Text, Text]:
        data = self.taxonomy["classes"].get(str(cls), {})
        return Text.from_data(data.get("name")), Text.from_data(data.get("meaning"))

    def _basic(self, code: int) -> Explanation:
        cls = code // 100
        name, meaning = self._class_texts(cls)
        categories = self.taxonomy["categories"]
        category = Text.from_data(
            categories.get(str(code // 10 % 10)) or self.taxonomy["category_undefined"]
        )
        entry = self.by_code.get(str(code))
        if entry is None:
            return _unknown(str(code), "basic", cls, name, meaning, category)
        return _from_entry(entry, str(code), "basic", cls, name, meaning, category)

    def _enhanced(self, code: EnhancedCode) -> Explanation:
        subjects = self.taxonomy["subjects"]
        category = Text.from_data(
            subjects.get(str(code.subject)) or self.taxonomy["subject_undefined"]
        )
        entry = self.by_code.get(code.generic)
        cls = code.cls if code.cls is not None else (entry.classes[-1] if entry else 5)
        name, meaning = self._class_texts(cls)
        if entry is None:
            return _unknown(str(code), "enhanced", cls, name, meaning, category)
        explanation = _from_entry(entry, str(code), "enhanced", cls, name, meaning, category)
        if code.cls is not None and code.cls not in entry.classes:
            usual = ", ".join(f"{c}{entry.code[1:]}" for c in entry.classes)
            warning = Note("catalogue.unusual_class", {"code": str(code), "usual": usual})
            explanation = _replace(explanation, warnings=(warning,))
        return explanation

    def _combined(self, parsed: ParsedCode, basic: Explanation, enh: Explanation) -> Explanation:
        warnings = list(basic.warnings + enh.warnings)
        if parsed.class_mismatch:
            warnings.insert(
                0,
                Note(
                    "catalogue.class_mismatch",
                    {"basic": str(parsed.basic), "enhanced": str(parsed.enhanced)},
                ),
            )

        def both(field: str) -> Text:
            first: Text = getattr(enh, field) if enh.known else getattr(basic, field)
            second: Text = getattr(basic, field) if enh.known else getattr(enh, field)
            return _join_labelled(
                (enh.code if enh.known else basic.code, first),
                (basic.code if enh.known else enh.code, second),
            )

        return Explanation(
            code=str(parsed),
            kind="combined",
            cls=basic.cls,
            class_name=basic.class_name,
            class_meaning=basic.class_meaning,
            category=Text(
                f"{basic.category.en} / {enh.category.en}",
                f"{basic.category.zh} / {enh.category.zh}",
            ),
            title=Text(f"{basic.title.en} / {enh.title.en}", f"{basic.title.zh} / {enh.title.zh}"),
            summary=enh.summary if enh.known else basic.summary,
            description=both("description"),
            when=_join_labelled((basic.code, basic.when), (enh.code, enh.when)),
            fix=both("fix"),
            retry=basic.retry,
            retry_advice=basic.retry_advice,
            phases=tuple(dict.fromkeys(basic.phases + enh.phases)),
            references=tuple(dict.fromkeys(basic.references + enh.references)),
            known=basic.known and enh.known,
            note=enh.note or basic.note,
            warnings=tuple(warnings),
            parts=(basic, enh),
        )

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str, cls: int | None = None) -> list[Entry]:
        """Entries matching every word of ``query`` (code, title, keywords, text; en and zh),
        best first: exact code, code prefix, title, keyword, then anywhere.

        Only the first ``MAX_QUERY`` characters count, and a repeated word counts once: a
        pasted megabyte of words that all match would otherwise take minutes.
        """
        words = list(
            dict.fromkeys(_normalize_query_word(w) for w in query[:MAX_QUERY].casefold().split())
        )
        results: list[tuple[int, tuple[int, int, int], Entry]] = []
        for entry, (code_text, title_text, keyword_text, body) in zip(
            self.entries, self._haystacks, strict=True
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
                    score = 2
                elif word in keyword_text:
                    score = 3
                elif word in body:
                    score = 4
                else:
                    break
                rank = max(rank, score)
            else:
                results.append((rank, entry.sort_key, entry))
        results.sort(key=lambda item: (item[0], item[1]))
        return [entry for _rank, _key, entry in results]


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


def _from_entry(
    entry: Entry, code: str, kind: str, cls: int, name: Text, meaning: Text, category: Text
) -> Explanation:
    retry = entry.retry
    if kind == "enhanced":
        retry = {2: "none", 4: "later"}.get(
            cls, entry.retry if entry.retry != "later" else "after-fix"
        )
    return Explanation(
        code=code,
        kind=kind,
        cls=cls,
        class_name=name,
        class_meaning=meaning,
        category=category,
        title=entry.title,
        summary=entry.summary,
        description=entry.description,
        when=entry.when,
        fix=entry.fix,
        retry=retry,
        retry_advice=entry.retry_advice,
        phases=entry.phases,
        references=entry.references,
        known=True,
        note=entry.note,
    )


def _unknown(
    code: str, kind: str, cls: int, name: Text, meaning: Text, category: Text
) -> Explanation:
    """A well-formed code the catalogue lacks, explained from its digits (known: false)."""
    params = {"code": code, "cls": cls, "category_en": category.en, "category_zh": category.zh}
    both = {k: _bilingual(f"catalogue.unknown_{k}", **params) for k in ("title", "description")}
    retry = {2: "none", 3: "continue", 4: "later"}.get(cls, "after-fix")
    return Explanation(
        code=code,
        kind=kind,
        cls=cls,
        class_name=name,
        class_meaning=meaning,
        category=category,
        title=both["title"],
        summary=meaning,
        description=Text(
            f"{both['description'].en} {meaning.en}", f"{both['description'].zh}{meaning.zh}"
        ),
        when=message("catalogue.unknown_when"),
        fix=message(f"catalogue.unknown_fix_{cls}"),
        retry=retry,
        retry_advice=message(f"catalogue.retry_{retry}"),
        phases=("any",),
        references=("RFC 5321 4.2.1",) if kind == "basic" else ("RFC 3463 2",),
        known=False,
    )


def _bilingual(key: str, **params: Any) -> Text:
    text = message(key, **params)
    return text


def _join_labelled(*items: tuple[str, Text]) -> Text:
    present = [(label, text) for label, text in items if text]
    if len(present) == 1:
        return present[0][1]
    return Text(
        "\n".join(f"{label}: {text.en}" for label, text in present),
        "\n".join(f"{label}：{text.zh}" for label, text in present),
    )


def _replace(explanation: Explanation, **changes: Any) -> Explanation:
    from dataclasses import replace

    return replace(explanation, **changes)


def phase_name(phase: str) -> Text:
    return Text.from_data(catalogue().taxonomy["phases"].get(phase, {"en": phase, "zh": phase}))


def retry_name(retry: str) -> Text:
    return Text.from_data(catalogue().taxonomy["retry"].get(retry, {"en": retry, "zh": retry}))


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
    return Catalogue(entries, load_json("catalogue", "taxonomy.json"))


def explain(text: str) -> Explanation:
    return catalogue().explain(text)
