"""Plain-text and Markdown renderings of explanations and comparisons (CLI, Copy buttons)."""

from __future__ import annotations

from smtp_gui.core.codes.catalogue import Explanation
from smtp_gui.core.codes.compare import Comparison
from smtp_gui.core.text.messages import message_text


def _label(key: str, lang: str) -> str:
    return message_text(f"cli.label_{key}", lang)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def explanation_text(exp: Explanation, lang: str) -> str:
    """The plain-text page for one code."""
    lines = [f"{exp.code}  {exp.title.get(lang)}"]
    lines.append(
        f"{_label('class', lang)}{_colon(lang)}{exp.cls}xx {exp.class_name.get(lang)} — "
        f"{exp.category.get(lang)}"
    )
    if not exp.known:
        lines.append(message_text("cli.not_in_catalogue", lang))
    lines.extend(f"! {warning.text(lang)}" for warning in exp.warnings)
    for key, text in (
        ("summary", exp.summary),
        ("description", exp.description),
        ("when", exp.when),
        ("fix", exp.fix),
        ("retry", exp.retry_advice),
        ("note", exp.note),
    ):
        if text:
            lines.extend(("", f"{_label(key, lang)}{_colon(lang).strip()}", text.get(lang)))
    phases = _sep(lang).join(exp.phase_names(lang))
    lines.extend(("", f"{_label('phases', lang)}{_colon(lang)}{phases}"))
    if exp.references:
        lines.append(f"{_label('references', lang)}{_colon(lang)}{', '.join(exp.references)}")
    return "\n".join(lines)


def comparison_text(comp: Comparison, lang: str) -> str:
    """Plain text: the key difference, when each applies, then both codes' sections."""
    a, b = comp.a, comp.b
    lines = [
        f"{a.code} {a.title.get(lang)}  <->  {b.code} {b.title.get(lang)}",
        "",
        f"{_label('key_difference', lang)}:",
        *(f"- {point.get(lang)}" for point in comp.key_points),
        "",
        f"{_label('when_each', lang)}:",
        f"- {comp.when_a.get(lang)}",
        f"- {comp.when_b.get(lang)}",
    ]
    for key in ("description", "fix"):
        lines.extend(("", f"{_label(key, lang)}:"))
        for exp in (a, b):
            lines.append(f"- {exp.code}: {getattr(exp, key).get(lang)}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Markdown table cell: no pipes or line breaks may break the table."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def comparison_markdown(comp: Comparison, lang: str) -> str:
    """A Markdown table for a ticket."""
    a, b = comp.a, comp.b
    rows = [
        (
            _label("class", lang),
            f"{a.cls}xx {a.class_name.get(lang)}",
            f"{b.cls}xx {b.class_name.get(lang)}",
        ),
        (_label("summary", lang), a.summary.get(lang), b.summary.get(lang)),
        (_label("description", lang), a.description.get(lang), b.description.get(lang)),
        (_label("when", lang), a.when.get(lang), b.when.get(lang)),
        (_label("fix", lang), a.fix.get(lang), b.fix.get(lang)),
        (_label("retry", lang), a.retry_advice.get(lang), b.retry_advice.get(lang)),
    ]
    head_a = f"**{_cell(a.code)}** {_cell(a.title.get(lang))}"
    head_b = f"**{_cell(b.code)}** {_cell(b.title.get(lang))}"
    lines = [
        f"### {a.code} vs {b.code}",
        "",
        f"| | {head_a} | {head_b} |",
        "|---|---|---|",
        *(f"| {_cell(r[0])} | {_cell(r[1])} | {_cell(r[2])} |" for r in rows),
        "",
        f"**{_label('key_difference', lang)}**",
        "",
        *(f"- {point.get(lang)}" for point in comp.key_points),
        "",
        f"**{_label('when_each', lang)}**",
        "",
        f"- {comp.when_a.get(lang)}",
        f"- {comp.when_b.get(lang)}",
    ]
    return "\n".join(lines)
