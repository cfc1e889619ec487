"""What the decoder pane shows: a decode and its report as text, made off the GUI thread for a
large paste (``JobController`` runs ``decode`` and ``rerender``; they touch no widget).

The text is ``core.report.text.render_text`` of ``core.sasl.report.report``: the same layout
as ``smtp-gui decode`` prints, already terminal-safe (controls and bidi overrides visible).
"""

from __future__ import annotations

from dataclasses import dataclass

from smtp_gui.core.report.model import Report, Rows
from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.model import Exchange
from smtp_gui.core.sasl.report import mechanism_row, report
from smtp_gui.core.text.errors import InputError

# Pastes longer than this are decoded in a worker so that typing never stutters.
BACKGROUND_THRESHOLD = 200_000
# Exchanges with more steps than this are rendered in the worker too (10,000 steps: 0.4 s).
INLINE_STEPS = 300


@dataclass(frozen=True)
class DecodeOutcome:
    """A decode and its report for one language and reveal setting, or the input error."""

    exchange: Exchange | None
    error: InputError | None
    lang: str
    reveal: bool
    text: str = ""  # report_text(exchange, lang, reveal)

    def fits(self, lang: str, reveal: bool) -> bool:
        return self.lang == lang and self.reveal == reveal


def report_text(exchange: Exchange, lang: str, reveal: bool) -> str:
    """The exchange's report as plain text: the view's content, and (masked) the copy's."""
    return render_text(report(exchange, lang, reveal))


def decode(text: str, lang: str, reveal: bool) -> DecodeOutcome:
    """Run in a worker or inline; never raises for bad input."""
    try:
        exchange = decode_exchange(text)
    except InputError as exc:
        return DecodeOutcome(None, exc, lang, reveal)
    return rerender(exchange, lang, reveal)


def rerender(exchange: Exchange, lang: str, reveal: bool) -> DecodeOutcome:
    return DecodeOutcome(exchange, None, lang, reveal, report_text(exchange, lang, reveal))


def copy_text(outcome: DecodeOutcome | None, lang: str) -> str:
    """The report as Copy report puts it on the clipboard: always masked."""
    if outcome is None or outcome.exchange is None:
        return ""
    if outcome.fits(lang, reveal=False):
        return outcome.text  # already rendered masked in this language
    return report_text(outcome.exchange, lang, reveal=False)


def mechanism_text(exchange: Exchange, lang: str) -> str:
    """The report's mechanism row on one line, for the summary above the view."""
    return render_text(Report("", (Rows((mechanism_row(exchange),)),), lang)).rstrip("\n")
