"""The exchange as table rows: step, who, raw, decoded, meaning; the one list of steps that
the decoder pane's table (``decoderSteps``), the report's table and the CLI share.

AUTH steps are rows of their own (each 334 challenge and each client answer decoded, the
final 235/535 with its meaning). What comes before AUTH (the 220 greeting, EHLO and its 250
capabilities, STARTTLS) is one row saying which mechanisms the server offers (RFC 4954 3).
Secrets are masked unless ``reveal`` (the masking is ``model``'s); control characters from
the paste are written by name (PLAIN's separators as ``<NUL>``), in any font.
"""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.core.sasl.model import Exchange, SaslStep
from smtp_gui.core.text.base64text import named_controls
from smtp_gui.core.text.messages import message_text

BOTH = "both"

# Meanings of the steps that come before AUTH: greeting, EHLO and its reply, STARTTLS,
# other commands and their 2xx replies, unmarked text.
_PREAMBLE = frozenset(
    {
        "sasl.meaning.reply_220",
        "sasl.meaning.command_ehlo",
        "sasl.meaning.command_starttls",
        "sasl.meaning.command",
        "sasl.meaning.reply_ehlo_auth",
        "sasl.meaning.reply_class_2",
        "sasl.meaning.server_text",
        "sasl.meaning.client_text",
    }
)


@dataclass(frozen=True, slots=True)
class StepLine:
    """One row of the table, in one language: plain text, never markup.

    ``first``/``last`` are the numbers of the steps it covers (1-based; equal for one step);
    ``who`` is ``server``, ``client`` or ``both``; ``decoded`` is "" when nothing was decoded.
    """

    first: int
    last: int
    who: str
    raw: str
    decoded: str
    meaning: str
    secret: bool = False

    @property
    def number(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def who_text(self, lang: str) -> str:
        key = "sasl.steps.both" if self.who == BOTH else f"sasl.report.{self.who}"
        return message_text(key, lang)


def step_header(lang: str) -> tuple[str, str, str, str, str]:
    """The column titles: step, who, raw, decoded, meaning."""
    return (
        message_text("sasl.steps.step", lang),
        message_text("sasl.steps.who", lang),
        message_text("sasl.report.raw", lang),
        message_text("sasl.report.decoded", lang),
        message_text("sasl.report.meaning", lang),
    )


def preamble_length(exchange: Exchange) -> int:
    """How many leading steps come before AUTH (collapsed into one row when two or more)."""
    count = 0
    for step in exchange.steps:
        if step.meaning.key not in _PREAMBLE or step.decoded is not None:
            break
        count += 1
    return count


def step_lines(exchange: Exchange, lang: str, reveal: bool = False) -> tuple[StepLine, ...]:
    """The table's rows; the greeting and EHLO collapse to one row."""
    lines: list[StepLine] = []
    skip = preamble_length(exchange)
    if skip >= 2:
        lines.append(_preamble(exchange.steps[:skip], lang))
    else:
        skip = 0
    for number, step in enumerate(exchange.steps[skip:], start=skip + 1):
        lines.append(_line(step, number, lang, reveal))
    return tuple(lines)


def _line(step: SaslStep, number: int, lang: str, reveal: bool) -> StepLine:
    decoded = step.shown_decoded(lang, reveal)
    return StepLine(
        number,
        number,
        step.direction,
        named_controls(step.shown_raw(lang, reveal)).replace("\n", " "),
        "" if decoded is None else named_controls(decoded).replace("\n", " "),
        step.shown_meaning(lang, reveal),
        step.has_secret and not reveal,
    )


def _preamble(steps: tuple[SaslStep, ...], lang: str) -> StepLine:
    """One row for the greeting and EHLO: the codes and commands, and what AUTH offers."""
    offered = next(
        (f.value for step in steps for f in step.fields if f.name == "offered_mechanisms"), None
    )
    meaning = (
        message_text("sasl.steps.preamble_offers", lang, mechanisms=offered)
        if offered
        else message_text("sasl.steps.preamble", lang)
    )
    words: list[str] = []
    for step in steps:
        word = step.code or (step.raw.split(None, 1)[0][:20] if step.raw.strip() else "")
        if word and (not words or words[-1] != word):
            words.append(word)
    raw = named_controls(", ".join(words))
    directions = {step.direction for step in steps}
    who = directions.pop() if len(directions) == 1 else BOTH
    return StepLine(1, len(steps), who, raw, "", meaning)
