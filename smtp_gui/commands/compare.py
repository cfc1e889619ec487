"""``smtp-gui compare A B``: two codes side by side."""

from __future__ import annotations

import argparse
from typing import Any

from smtp_gui.commands.common import add_common_options, emit, lang_of


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("compare", help="compare two reply codes: 334 554")
    parser.add_argument("a", metavar="CODE_A", help="first code (quote '554 5.7.1')")
    parser.add_argument("b", metavar="CODE_B", help="second code")
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.codes.compare import compare
    from smtp_gui.core.codes.report import compare_report

    lang = lang_of(args)
    comparison = compare(args.a, args.b)
    emit(args, comparison.to_dict(lang), compare_report(comparison, lang))
    return 0
