"""Two codes side by side: the key difference and when each one applies, derived from data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.catalogue import catalogue
from smtp_gui.core.codes.explanation import Explanation
from smtp_gui.core.codes.taxonomy import phase_name, retry_name
from smtp_gui.core.report.labels import joined
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message


@dataclass(frozen=True, slots=True)
class Comparison:
    a: Explanation
    b: Explanation
    key_points: tuple[Text, ...]
    when_a: Text
    when_b: Text

    @property
    def key_difference(self) -> Text:
        return Text(" ".join(p.en for p in self.key_points), "".join(p.zh for p in self.key_points))

    @property
    def when_to_use(self) -> Text:
        return Text(f"{self.when_a.en}\n{self.when_b.en}", f"{self.when_a.zh}\n{self.when_b.zh}")

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(lang),
            "b": self.b.to_dict(lang),
            "key_difference": self.key_difference.get(lang),
            "key_points": [p.get(lang) for p in self.key_points],
            "when_to_use": self.when_to_use.get(lang),
            "when_each": {"a": self.when_a.get(lang), "b": self.when_b.get(lang)},
        }


def compare(first: str, second: str) -> Comparison:
    """Compare two codes given as text; raises InputError when either is malformed."""
    cat = catalogue()
    return compare_explanations(cat.explain(first), cat.explain(second))


def _phases(exp: Explanation) -> Text:
    names = [phase_name(p) for p in exp.phases] or [phase_name("any")]
    return Text(joined((n.en for n in names), "en"), joined((n.zh for n in names), "zh"))


def compare_explanations(a: Explanation, b: Explanation) -> Comparison:
    points: list[Text] = []
    if a.code == b.code:
        points.append(message("compare.same", code=a.code))
    elif a.cls != b.cls:
        for exp in (a, b):
            points.append(
                message(
                    "compare.class_of",
                    code=exp.code,
                    cls=exp.cls,
                    name_en=exp.class_name.en,
                    name_zh=exp.class_name.zh,
                    meaning_en=exp.class_meaning.en,
                    meaning_zh=exp.class_meaning.zh,
                )
            )
    else:
        points.append(
            message(
                "compare.same_class",
                a=a.code,
                b=b.code,
                cls=a.cls,
                name_en=a.class_name.en,
                name_zh=a.class_name.zh,
            )
        )
        if a.category != b.category:
            points.append(
                message(
                    "compare.category",
                    a=a.code,
                    b=b.code,
                    cat_a_en=a.category.en,
                    cat_a_zh=a.category.zh,
                    cat_b_en=b.category.en,
                    cat_b_zh=b.category.zh,
                )
            )
    if a.code != b.code:
        for exp in (a, b):
            if exp.summary:
                points.append(
                    message("compare.plainly", code=exp.code, en=exp.summary.en, zh=exp.summary.zh)
                )
        pa, pb = _phases(a), _phases(b)
        if set(a.phases) != set(b.phases):
            points.append(
                message(
                    "compare.phases",
                    a=a.code,
                    b=b.code,
                    pa_en=pa.en,
                    pa_zh=pa.zh,
                    pb_en=pb.en,
                    pb_zh=pb.zh,
                )
            )
        else:
            points.append(message("compare.same_phases", phases_en=pa.en, phases_zh=pa.zh))
        if a.retry != b.retry:
            ra, rb = retry_name(a.retry), retry_name(b.retry)
            points.append(
                message(
                    "compare.retry",
                    a=a.code,
                    b=b.code,
                    ra_en=ra.en,
                    ra_zh=ra.zh,
                    rb_en=rb.en,
                    rb_zh=rb.zh,
                )
            )
    return Comparison(a, b, tuple(points), _when(a), _when(b))


def _when(exp: Explanation) -> Text:
    return message("compare.applies_when", code=exp.code, en=exp.when.en, zh=exp.when.zh)
