"""Two codes side by side: the one-sentence contrast and how to tell them apart, from data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtp_gui.core.codes.catalogue import catalogue
from smtp_gui.core.codes.explanation import Explanation
from smtp_gui.core.codes.taxonomy import phase_name
from smtp_gui.core.report.labels import joined
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two codes: one sentence that contrasts them (``lead``), then how to tell which one is
    on screen (``key_points``: class, phase, who must act), and who acts after each."""

    a: Explanation
    b: Explanation
    lead: Text
    key_points: tuple[Text, ...]
    when_a: Text
    when_b: Text

    @property
    def key_difference(self) -> Text:
        return self.lead

    @property
    def when_to_use(self) -> Text:
        return Text(
            "\n".join(p.en for p in self.key_points), "\n".join(p.zh for p in self.key_points)
        )

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


def _role(exp: Explanation) -> Text:
    """What a reply of this class is, in a few words (RFC 5321 4.2.1: the first digit)."""
    if exp.cls == 3 and set(exp.phases) == {"auth"}:
        return message("compare.role_3_auth")
    return message(f"compare.role_{exp.cls}")


def _lead(a: Explanation, b: Explanation) -> Text:
    """``334 is a normal step of logging in; 554 is a refusal.``"""
    if a.code == b.code:
        return message("compare.same", code=a.code)
    ra, rb = _role(a), _role(b)
    if a.cls != b.cls or ra != rb:
        return message(
            "compare.contrast", a=a.code, b=b.code,
            role_a_en=ra.en, role_a_zh=ra.zh, role_b_en=rb.en, role_b_zh=rb.zh,
        )  # fmt: skip
    if a.category != b.category:
        return message(
            "compare.contrast_same_class", a=a.code, b=b.code, role_en=ra.en, role_zh=ra.zh,
            cat_a_en=a.category.en, cat_a_zh=a.category.zh,
            cat_b_en=b.category.en, cat_b_zh=b.category.zh,
        )  # fmt: skip
    return message(
        "compare.contrast_alike", a=a.code, b=b.code, role_en=ra.en, role_zh=ra.zh,
        cat_en=a.category.en, cat_zh=a.category.zh,
    )  # fmt: skip


def _actor(exp: Explanation) -> Text:
    """Who must act after this reply, from its retry advice."""
    return message(f"compare.actor_{exp.retry or 'after-fix'}", code=exp.code)


def compare_explanations(a: Explanation, b: Explanation) -> Comparison:
    """The lead sentence, then only what tells these two apart: class, phase, who acts."""
    if a.code == b.code:
        points = [message("compare.same", code=a.code)]
    else:
        points = [message(f"compare.sign_{e.cls}", code=e.code) for e in (a, b) if a.cls != b.cls]
        if set(a.phases) != set(b.phases):
            pa, pb = _phases(a), _phases(b)
            points.append(
                message(
                    "compare.where",
                    a=a.code,
                    b=b.code,
                    pa_en=pa.en,
                    pa_zh=pa.zh,
                    pb_en=pb.en,
                    pb_zh=pb.zh,
                )
            )
        elif a.cls == b.cls and a.category != b.category:
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
        points.extend((_actor(a), _actor(b)))
    return Comparison(a, b, _lead(a, b), tuple(points), _actor(a), _actor(b))
