"""What every subcommand shares: --format/--json/--lang, standard input and output, and the one
place where rejected input (exit 2) and unusable input or output streams become one line on stderr.

Commands write only through ``write_text``, ``write_json`` and ``write_error`` (a test keeps
it so): text passes ``safe_text.terminal`` there, at the one point where it reaches the
terminal, so no record, reply or certificate field can forget to be made visible.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from smtp_gui.core.text.bilingual import normalize_lang
from smtp_gui.core.text.errors import InputError, input_error
from smtp_gui.core.text.safe_text import echoed, json_safe, terminal

if TYPE_CHECKING:
    from smtp_gui.core.report.model import Report

Handler = Callable[[argparse.Namespace], int]


def echoed_words(message: str, words: Sequence[str]) -> str:
    """``message`` with each word of the command line it repeats in full (as is, or quoted as
    argparse's %r quotes it) replaced by its echoed form."""
    for word in sorted(set(words), key=len, reverse=True):
        short = echoed(word)
        if short == word:
            continue
        message = message.replace(repr(word), f"'{short}'").replace(word, short)
    return message


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


class OutputError(Exception):
    """Standard output cannot take the result: closed (``>&-``), a full disk (``>/dev/full``),
    or a reader that went away (``| head``). ``error`` is None when it is closed."""

    def __init__(self, error: OSError | None) -> None:
        super().__init__(str(error) if error else "closed")
        self.error = error


FORMATS = ("text", "markdown", "json", "html")
"""The outputs of every subcommand: one report, rendered by core/report's renderers."""


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), markdown (for a ticket), json, or html (a standalone page)",
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--lang", choices=("en", "zh"), default=None, help="language of the text (default: system)"
    )


def lang_of(args: argparse.Namespace | None) -> str:
    if args is not None and getattr(args, "lang", None):
        return str(args.lang)
    import locale

    return normalize_lang(locale.getlocale()[0] or "")


def _write_out(text: str) -> None:
    """Write ``text`` to standard output; a failure is raised as OutputError."""
    stream = sys.stdout
    if stream is None:  # Python's stdout when file descriptor 1 was closed at start
        raise OutputError(None)
    try:
        stream.write(text)
    except OSError as exc:
        raise OutputError(exc) from None


def write_text(text: str) -> None:
    """Text for people on standard output: controls and bidi overrides made visible."""
    _write_out(terminal(text))


def write_json(data: dict[str, Any]) -> None:
    """One JSON object on stdout: values exact, no raw bidi override or C1 control."""
    _write_out(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def write_error(line: str) -> None:
    """One ``smtp-gui: ...`` line on standard error (if there is one to write to); it may
    quote input, so it is made safe too."""
    try:
        sys.stderr.write(terminal(f"smtp-gui: {line}\n"))
        sys.stderr.flush()
    except (AttributeError, OSError):
        pass


def flush_out() -> None:
    """Flush standard output now, so that a write error is reported here, not at exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise OutputError(exc) from None


def output_format(args: argparse.Namespace) -> str:
    """The chosen output: ``--json`` is ``--format json``; asking for both JSON and another
    format is rejected input."""
    chosen = getattr(args, "format", None)
    if getattr(args, "json", False):
        if chosen not in (None, "json"):
            raise UsageError(f"--json and --format {chosen} disagree: choose one")
        return "json"
    return str(chosen or "text")


def emit(args: argparse.Namespace, data: dict[str, Any], report: Report) -> None:
    """Print ``data`` as JSON with --format json (or --json), else ``report`` rendered as
    text, Markdown or HTML: the same report, so secrets are masked alike in each."""
    chosen = output_format(args)
    if chosen == "json":
        write_json(data)
        return
    if chosen == "markdown":
        from smtp_gui.core.report.markdown import render_markdown

        rendered = render_markdown(report)
    elif chosen == "html":
        from smtp_gui.core.report.html import render_html

        rendered = render_html(report)
    else:
        from smtp_gui.core.report.text import render_text

        rendered = render_text(report)
    write_text(rendered.rstrip("\n") + "\n")


def _stdin(closed_key: str = "cli.stdin_closed") -> Any:
    if sys.stdin is None:  # file descriptor 0 was closed at start (``<&-``)
        raise input_error(closed_key)
    return sys.stdin


def _unreadable(exc: OSError) -> InputError:
    return input_error("cli.stdin_unreadable", reason=exc.strerror or type(exc).__name__)


def read_stdin(limit: int) -> bytes:
    """Up to ``limit`` bytes of standard input; closed or unreadable is rejected input."""
    try:
        return bytes(_stdin().buffer.read(limit))
    except OSError as exc:
        raise _unreadable(exc) from None


def read_stdin_line(closed_key: str = "cli.stdin_closed") -> str:
    """The first line of standard input, without its line break; ``closed_key`` is the
    message for a closed standard input. Bytes are decoded strictly as UTF-8 (a
    ``UnicodeDecodeError`` is the caller's to word), unless a text stream stands in."""
    try:
        stream = _stdin(closed_key)
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text stream put in place (embedding, tests): decoded already
            return str(stream.readline()).rstrip("\r\n")
        return bytes(binary.readline()).decode("utf-8").rstrip("\r\n")
    except OSError as exc:
        raise _unreadable(exc) from None


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_text_argument(value: str | None, *, limit: int = 64 * 1024 * 1024) -> str:
    """TEXT, ``-`` or nothing: read standard input for the last two."""
    if value is None or value == "-":
        data = read_stdin(limit + 1)
        if len(data) > limit:
            raise UsageError(f"input is larger than {limit // (1024 * 1024)} MB")
        return data.decode("utf-8", errors="replace")
    return value


def _discard_stdout() -> None:
    """Point file descriptor 1 at /dev/null: what is left in stdout's buffer then goes
    nowhere at exit, instead of failing again ("Exception ignored ... flush")."""
    if sys.stdout is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def output_failed(error: OutputError, lang: str) -> int:
    """Report an output failure once; the exit status for it."""
    _discard_stdout()
    if isinstance(error.error, BrokenPipeError):
        return 0  # the reader went away (``| head``): it has what it wanted
    from smtp_gui.core.text.messages import message_text

    if error.error is None:
        write_error(message_text("cli.stdout_closed", lang))
    else:
        reason = error.error.strerror or type(error.error).__name__
        write_error(message_text("cli.stdout_unwritable", lang, reason=reason))
    return 1


def finish_output(status: int, args: argparse.Namespace | None = None) -> int:
    """Flush standard output at the end of a run; ``status``, or 1 when the output failed."""
    try:
        flush_out()
    except OutputError as error:
        return output_failed(error, lang_of(args)) or status
    return status


def _input_error_text(error: InputError, lang: str) -> str:
    """The error's message in ``lang`` (``input_error`` has echoed what it repeats); an
    error made without a key is echoed whole, as it may quote the input at any length."""
    if error.key is None:
        return echoed(error.message, limit=400)
    return error.text(lang)


def run_guarded(handler: Handler, args: argparse.Namespace) -> int:
    """Run a subcommand; rejected input: one stderr line and exit 2; output that cannot be
    written: one stderr line and exit 1. The caller ends with ``finish_output``."""
    try:
        output_format(args)  # --json with another --format: refused before any work
        return handler(args)
    except OutputError as error:
        return output_failed(error, lang_of(args))
    except InputError as exc:
        write_error(_input_error_text(exc, lang_of(args)))
        return 2
    except UsageError as exc:
        write_error(str(exc))
        return 2
