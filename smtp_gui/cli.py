"""Argument parsing. No subcommand opens the window; subcommands run headless without Qt."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from smtp_gui import __version__
from smtp_gui.commands.common import run_guarded

# Each module in smtp_gui.commands adds its own subparser(s).
_COMMAND_MODULES = ("explain", "compare", "check", "decode", "probe", "diagnose")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own exit status for usage errors is 2 already; keep it to one line. The
        # message may quote what was typed: controls made visible (safe_text.terminal).
        from smtp_gui.core.safe_text import terminal

        self.exit(2, terminal(f"smtp-gui: {message}\n"))


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


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Opening the window needs none of the subcommands: do not import them.
    wants_command = any(w in _COMMAND_MODULES or w in ("-h", "--help") for w in words)
    args = build_parser(with_commands=wants_command).parse_args(words)
    if args.command is None:
        from smtp_gui.app import run_gui

        return run_gui(smoke=args.smoke, lang=args.lang)
    return run_guarded(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
