"""A well-formed code the catalogue lacks, explained from its digits alone.

The class digit says how the client must react (RFC 5321 4.2.1, RFC 3463 3.1), the second
digit or the subject what the reply is about; that is all a code tells without an entry.
"""

from __future__ import annotations

from dataclasses import replace

from smtp_gui.core.codes.explanation import Explanation
from smtp_gui.core.codes.vendor import ProviderMeaning
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.messages import message

_RETRY = {2: "none", 3: "continue", 4: "later"}  # 5: "after-fix"


def explain_digits(
    code: str, kind: str, cls: int, name: Text, meaning: Text, category: Text
) -> Explanation:
    """The explanation of ``code`` (``known: false``) from its class and category."""
    params = {
        "code": code,
        "cls": cls,
        "class_en": name.en,
        "class_zh": name.zh,
        "category_en": category.en,
        "category_zh": category.zh,
    }
    title = message("catalogue.unknown_title", **params)
    description = message("catalogue.unknown_description", **params)
    retry = _RETRY.get(cls, "after-fix")
    return Explanation(
        code=code,
        kind=kind,
        cls=cls,
        class_name=name,
        class_meaning=meaning,
        category=category,
        title=title,
        summary=meaning,
        description=description,  # the summary says what the class means
        when=message("catalogue.unknown_when"),
        fix=message(f"catalogue.unknown_fix_{cls}"),
        retry=retry,
        retry_advice=message(f"catalogue.retry_{retry}"),
        phases=("any",),
        references=("RFC 5321 4.2.1",) if kind == "basic" else ("RFC 3463 2",),
        known=False,
    )


def with_providers(exp: Explanation, meanings: tuple[ProviderMeaning, ...]) -> Explanation:
    """An unlisted code that providers use (Microsoft's 5.7.606): titled by the first
    provider that uses it; its meanings come before what the digits say."""
    if not meanings:
        return exp
    first = meanings[0]
    title = message(
        "catalogue.provider_title", code=exp.code, en=first.provider.en, zh=first.provider.zh
    )
    return replace(exp, title=title, provider_meanings=meanings)
