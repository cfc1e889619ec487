"""What the decoder pane shows: a decode and its report as text, made off the GUI thread for a
large paste (``in_worker``; nothing here touches a widget).

The text is ``core.report.text.render_text`` of ``core.sasl.report.report``: the same layout
as ``smtp-gui decode`` prints, already terminal-safe (controls and bidi overrides visible).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smtp_gui.core.report.model import Report, Rows, Table, Verdict
from smtp_gui.core.report.text import render_text
from smtp_gui.core.sasl.decode import decode_exchange
from smtp_gui.core.sasl.model import Exchange
from smtp_gui.core.sasl.report import mechanism_row, report
from smtp_gui.core.sasl.steps import StepLine, step_lines
from smtp_gui.core.text.collector import collector_paused
from smtp_gui.core.text.errors import InputError
from smtp_gui.ui.jobs import TaskContext
from smtp_gui.ui.verdict_banner import first_verdict, without_verdict

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
    text: str = ""  # render_text(report(exchange, lang, reveal)): what Copy report copies
    verdict: Verdict | None = None  # that report's verdict, for the banner above the text
    lines: tuple[StepLine, ...] = ()  # the steps table's rows (the report's table)
    details: str = ""  # render_text(details(...)): the view below the banner and the table

    def fits(self, lang: str, reveal: bool) -> bool:
        return self.lang == lang and self.reveal == reveal


def decode(text: str, lang: str, reveal: bool) -> DecodeOutcome:
    """Decode and render inline; never raises for bad input."""
    return _decode(text, lang, reveal, _go_on)


def rerender(exchange: Exchange, lang: str, reveal: bool) -> DecodeOutcome:
    return _render(exchange, lang, reveal, _go_on)


def in_worker(
    source: str | Exchange, lang: str, reveal: bool
) -> Callable[[TaskContext], DecodeOutcome | None]:
    """A task for ``JobController.start_streaming`` decoding ``source`` (or rendering an
    exchange again): it stops between decoding, building and rendering once cancelled (a
    newer paste, the window closing), and then returns None."""

    def work(context: TaskContext) -> DecodeOutcome | None:
        def check() -> None:
            if context.cancelled.is_set():
                raise _CancelledError

        try:
            with collector_paused():  # a day of logs: no full collection holding the lock
                if isinstance(source, str):
                    return _decode(source, lang, reveal, check)
                return _render(source, lang, reveal, check)
        except _CancelledError:
            return None

    return work


class _CancelledError(Exception):
    """The work was cancelled between two stages."""


def _go_on() -> None:
    """The check of inline work: it is never cancelled."""


def _decode(text: str, lang: str, reveal: bool, check: Callable[[], None]) -> DecodeOutcome:
    try:
        exchange = decode_exchange(text)
    except InputError as exc:
        return DecodeOutcome(None, exc, lang, reveal)
    check()
    return _render(exchange, lang, reveal, check)


def _render(
    exchange: Exchange, lang: str, reveal: bool, check: Callable[[], None]
) -> DecodeOutcome:
    built = report(exchange, lang, reveal)
    check()
    lines = step_lines(exchange, lang, reveal)
    check()
    text = render_text(built)
    check()
    shown = render_text(details(built))
    return DecodeOutcome(exchange, None, lang, reveal, text, first_verdict(built), lines, shown)


def details(built: Report) -> Report:
    """The report below the banner and the table: without the verdict and the steps table,
    which the pane shows above it (Copy report keeps both)."""
    rest = without_verdict(built)
    blocks = tuple(block for block in rest.blocks if not isinstance(block, Table))
    return Report(rest.title, blocks, rest.lang)


def has_content(exchange: Exchange | None) -> bool:
    """Whether there is something to copy: a decoded payload, a mechanism or an AUTH reply
    (a paste of only "250 OK" decodes to nothing)."""
    if exchange is None:
        return False
    if exchange.mechanism is not None or exchange.final is not None:
        return True
    return any(step.decoded is not None for step in exchange.steps)


def copy_text(outcome: DecodeOutcome | None, lang: str) -> str:
    """The report as Copy report puts it on the clipboard: always masked."""
    if outcome is None or outcome.exchange is None:
        return ""
    if outcome.fits(lang, reveal=False):
        return outcome.text  # already rendered masked in this language
    return render_text(report(outcome.exchange, lang, reveal=False))


def mechanism_text(exchange: Exchange, lang: str) -> str:
    """The report's mechanism row on one line, for the summary above the view."""
    return render_text(Report("", (Rows((mechanism_row(exchange),)),), lang)).rstrip("\n")
