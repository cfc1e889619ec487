"""What every subcommand shares: --json/--lang, output, and the exit-2 path for bad input."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from smtp_gui.core.errors import InputError
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


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    """Print ``data`` as JSON with --json, else the plain-text rendering."""
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")


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
        sys.stderr.write(f"smtp-gui: {exc.text(lang_of(args))}\n")
        return 2
    except UsageError as exc:
        sys.stderr.write(f"smtp-gui: {exc}\n")
        return 2
