"""What a code means, field by field: from a catalogue entry, or two codes combined.

A combined explanation (``554 5.7.1``) takes the basic code's class and retry advice (the
basic code decides what the client does, RFC 3463 2) and both codes' prose, each part
labelled with its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.entry import Entry
from smtp_gui.core.codes.parse import ParsedCode
from smtp_gui.core.codes.taxonomy import phase_name
from smtp_gui.core.codes.vendor import ProviderMeaning
from smtp_gui.core.report.labels import colon
from smtp_gui.core.text.bilingual import EMPTY, Text
from smtp_gui.core.text.messages import Note


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
    # What providers mean by this enhanced code (resources/providers), most likely first.
    provider_meanings: tuple[ProviderMeaning, ...] = ()

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
            "provider_meanings": [
                {"provider": m.provider.get(lang), "meaning": m.meaning.get(lang)}
                for m in self.provider_meanings
            ],
        }


def from_entry(
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


def combined(parsed: ParsedCode, basic: Explanation, enh: Explanation) -> Explanation:
    """``554 5.7.1``: both codes in one explanation; the known one's prose first."""
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
        provider_meanings=enh.provider_meanings,
    )


def _join_labelled(*items: tuple[str, Text]) -> Text:
    """One line per present text, each after its label: ``554: …`` / ``554：…``."""
    present = [(label, text) for label, text in items if text]
    if len(present) == 1:
        return present[0][1]
    return Text(
        "\n".join(f"{label}{colon('en')}{text.en}" for label, text in present),
        "\n".join(f"{label}{colon('zh')}{text.zh}" for label, text in present),
    )
