"""A decoded AUTH exchange as a ``Report``: what ``smtp-gui decode`` prints and the decoder
pane shows and copies, laid out once.

The verdict (``verdict.verdict``: what happened, who must act), the mechanism and the final
reply, the steps as a table (``steps.step_lines``, the rows the pane's table shows: greeting
and EHLO in one row, every AUTH step in its own), then each step under its own heading:
direction, the raw line, the decoded payload, the fields, the meaning and any warning. Secrets
are masked unless ``reveal`` is set (masking itself lives in ``model``: ``shown_raw``,
``shown_decoded``, ``shown_hex``, ``shown_meaning``, ``Field.shown``); everything taken from
the paste is ``Outside``, with its control characters written by name (``named_controls``:
PLAIN's separators as ``<NUL>``, not as a control picture that no installed font draws).
"""

from __future__ import annotations

from smtp_gui.core.report.model import (
    Block,
    Heading,
    Inline,
    Outside,
    Paragraph,
    Report,
    Row,
    Rows,
    Severity,
    Table,
    Verdict,
)
from smtp_gui.core.sasl.model import Exchange, Field, SaslStep
from smtp_gui.core.sasl.steps import step_header, step_lines
from smtp_gui.core.sasl.verdict import verdict
from smtp_gui.core.text.base64text import named_controls
from smtp_gui.core.text.messages import Note, message, message_text


def report(exchange: Exchange, lang: str, reveal: bool = False) -> Report:
    """The exchange in ``lang``; passwords, tokens and proofs masked unless ``reveal``."""
    summary = [mechanism_row(exchange)]
    if exchange.final is not None:
        final = exchange.final.code or exchange.final.raw
        summary.append(Row(message("sasl.report.final"), Outside(final)))
    blocks: list[Block] = [verdict(exchange), Rows(tuple(summary))]
    blocks.extend(Verdict(warning.text(lang), Severity.WARNING) for warning in exchange.warnings)
    blocks.append(steps_table(exchange, lang, reveal))
    steps = _Steps(lang, reveal)
    for number, step in enumerate(exchange.steps, start=1):
        steps.add(step, number, blocks)
    if exchange.has_secret and not reveal:
        blocks.append(Paragraph(message("sasl.report.masked")))
    return Report(message("sasl.report.title"), tuple(blocks), lang)


def steps_table(exchange: Exchange, lang: str, reveal: bool = False) -> Table:
    """The steps as the pane's table shows them; every cell from the paste is ``Outside``."""
    rows = tuple(
        (
            line.number,
            line.who_text(lang),
            Outside(line.raw),
            Outside(line.decoded) if line.decoded else "",
            line.meaning,
        )
        for line in step_lines(exchange, lang, reveal)
    )
    return Table(step_header(lang), rows)


def mechanism_row(exchange: Exchange) -> Row:
    """``Mechanism: PLAIN``, or that it was not recognised (the pane's summary shows it too)."""
    value: Inline = (
        Outside(exchange.mechanism) if exchange.mechanism else message("sasl.report.none")
    )
    return Row(message("sasl.report.mechanism"), value)


class _Steps:
    """Lays out steps in one language; the words are looked up once per report, not once
    per step (a pasted log has up to 10,000 steps)."""

    _WORDS = ("raw", "decoded", "hex", "hex_hidden", "meaning", "empty_line", "server", "client")

    def __init__(self, lang: str, reveal: bool) -> None:
        self.lang = lang
        self.reveal = reveal
        self.words = {name: message_text(f"sasl.report.{name}", lang) for name in self._WORDS}
        self.labels: dict[str, Inline] = {}
        self.notes: dict[str, str] = {}  # meanings and warnings without parameters

    def add(self, step: SaslStep, number: int, blocks: list[Block]) -> None:
        """A heading with the number and direction, the step's rows, then its warnings."""
        lang, reveal, words = self.lang, self.reveal, self.words
        raw = step.shown_raw(lang, reveal)
        raw_value = Outside(named_controls(raw)) if raw.strip() else words["empty_line"]
        rows = [Row(words["raw"], raw_value)]
        decoded = step.shown_decoded(lang, reveal)
        if decoded is not None:
            rows.append(Row(words["decoded"], Outside(named_controls(decoded))))
        hex_dump = step.shown_hex(reveal)
        if hex_dump is not None:
            rows.append(Row(words["hex"], Outside(hex_dump)))
        elif step.hex is not None:
            rows.append(Row(words["hex"], words["hex_hidden"]))
        rows.extend(self._field(field) for field in step.fields)
        meaning = step.shown_meaning(lang, reveal) if reveal else self._note(step.meaning)
        rows.append(Row(words["meaning"], meaning))
        blocks.append(Heading(f"[{number}] {words[step.direction]}", level=2))
        blocks.append(Rows(tuple(rows)))
        blocks.extend(Verdict(self._note(warning), Severity.WARNING) for warning in step.warnings)

    def _note(self, note: Note) -> str:
        if note.params:
            return note.text(self.lang)
        text = self.notes.get(note.key)
        if text is None:
            text = self.notes[note.key] = note.text(self.lang)
        return text

    def _field(self, field: Field) -> Row:
        label = self.labels.get(field.name)
        if label is None:
            # A keyword we have no label for came from the payload (a DIGEST-MD5 directive,
            # a JSON key).
            label = field.label(self.lang) if field.known else Outside(field.name)
            self.labels[field.name] = label
        value = field.shown(self.lang, self.reveal)
        # A masked value is our own text: the mask and the secret's length.
        if field.secret and not self.reveal:
            return Row(label, value)
        return Row(label, Outside(named_controls(value)))
