"""What every subcommand shares: --json/--lang, output, and the exit-2 path for bad input.

Commands write only through ``write_text``, ``write_json`` and ``write_error`` (a test keeps
it so): text passes ``safe_text.terminal`` there, at the one point where it reaches the
terminal, so no record, reply or certificate field can forget to be made visible.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from smtp_gui.core.errors import InputError
from smtp_gui.core.safe_text import json_safe, terminal
from smtp_gui.core.text import normalize_lang

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument(
        "--lang", choices=("en", "zh"), default=None, help="language of the text (default: system)"
    )


def lang_of(args: argparse.Namespace) -> str:
    if args.lang:
        return str(args.lang)
    import locale

    return normalize_lang(locale.getlocale()[0] or "")


def write_text(text: str, stream: TextIO | None = None) -> None:
    """Text for people on the terminal (stdout unless ``stream``): controls made visible."""
    (stream or sys.stdout).write(terminal(text))


def write_error(line: str) -> None:
    """One ``smtp-gui: ...`` line on stderr; it may quote input, so it is made safe too."""
    write_text(f"smtp-gui: {line}\n", sys.stderr)


def write_json(data: dict[str, Any]) -> None:
    """One JSON object on stdout: values exact, no raw bidi override or C1 control."""
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    """Print ``data`` as JSON with --json, else the plain-text rendering."""
    if args.json:
        write_json(data)
    else:
        write_text(text.rstrip("\n") + "\n")


def read_text_argument(value: str | None, *, limit: int = 64 * 1024 * 1024) -> str:
    """TEXT, ``-`` or nothing: read standard input for the last two."""
    if value is None or value == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise UsageError(f"input is larger than {limit // (1024 * 1024)} MB")
        return data.decode("utf-8", errors="replace")
    return value


def run_guarded(handler: Handler, args: argparse.Namespace) -> int:
    """Run a subcommand; turn rejected input into one stderr line and exit 2."""
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader went away (``| head``); nothing more to say.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except InputError as exc:
        write_error(exc.text(lang_of(args)))
        return 2
    except UsageError as exc:
        write_error(str(exc))
        return 2
