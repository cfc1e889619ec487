"""``smtp-gui explain CODE``: what a reply code means."""

from __future__ import annotations

import argparse
from typing import Any

from smtp_gui.commands.common import add_common_options, emit, lang_of


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("explain", help="explain a reply code: 554, 5.7.1, '554 5.7.1'")
    parser.add_argument(
        "code", nargs="+", metavar="CODE", help="the code; '554 5.7.1' may be one or two words"
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.core.codes.catalogue import explain
    from smtp_gui.core.codes.report import explain_report

    lang = lang_of(args)
    explanation = explain(" ".join(args.code))
    emit(args, explanation.to_dict(lang), explain_report(explanation, lang))
    return 0
