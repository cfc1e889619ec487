"""Argument parsing. No subcommand opens the window; subcommands run headless without Qt."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from smtp_gui import __version__
from smtp_gui.commands.common import echoed_words, finish_output, run_guarded, write_error

# Each module in smtp_gui.commands adds its own subparser(s).
_COMMAND_MODULES = ("explain", "compare", "check", "decode", "probe", "diagnose", "headers")


class _ParseError(Exception):
    """argparse rejected the command line; the message may repeat its words in full."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # Said by main(), which knows the words to shorten; one line, exit status 2.
        raise _ParseError(message)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The parser; without ``with_commands`` only the window's own options (faster start)."""
    parser = _Parser(prog="smtp-gui", description="Troubleshoot SMTP errors.")
    parser.add_argument("--version", action="version", version=f"smtp-gui {__version__}")
    parser.add_argument(
        "--smoke", action="store_true", help="open the window, wait for its first paint, print ok"
    )
    parser.add_argument("--lang", choices=("en", "zh"), default=None, help="window language")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"smtp_gui.commands.{name}")
        module.add_parser(subparsers)
    return parser


def _lang_in(words: Sequence[str]) -> str:
    """The --lang of a command line not parsed yet, else the system's language."""
    from smtp_gui.core.text.bilingual import normalize_lang

    for index, word in enumerate(words):
        if word.startswith("--lang="):
            return normalize_lang(word.removeprefix("--lang="))
        if word == "--lang" and index + 1 < len(words):
            return normalize_lang(words[index + 1])
    import locale

    return normalize_lang(locale.getlocale()[0] or "")


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Opening the window needs none of the subcommands: do not import them.
    wants_command = any(w in _COMMAND_MODULES or w in ("-h", "--help") for w in words)
    args = None
    if "probe" in words:
        from smtp_gui.commands.probe import password_on_command_line
        from smtp_gui.core.text.messages import message_text

        if password_on_command_line(words):
            # Said without repeating any word of the command line: one of them is a secret.
            write_error(message_text("cli.password_argument", _lang_in(words)))
            return 2
    try:
        args = build_parser(with_commands=wants_command).parse_args(words)
        if args.command is None:
            from smtp_gui.app import run_gui

            status = run_gui(smoke=args.smoke, lang=args.lang)
        else:
            status = run_guarded(args.handler, args)
    except _ParseError as problem:
        write_error(echoed_words(str(problem), words))
        status = 2
    except SystemExit as done:  # argparse after --help or --version
        status = done.code if isinstance(done.code, int) else 1
    # Whatever is still buffered is written now: a full disk or a closed stdout is one line
    # on stderr here, not Python's "Exception ignored ... flush" at exit.
    return finish_output(status, args)


if __name__ == "__main__":
    sys.exit(main())
