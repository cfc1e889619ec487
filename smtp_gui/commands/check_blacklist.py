"""``smtp-gui check blacklist IP|DOMAIN``: the target against DNS blocklists, all at once."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from smtp_gui.commands.common import emit, lang_of, write_error


def add_parser(kinds: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = kinds.add_parser(
        "blacklist",
        aliases=["blocklist"],
        help="check an IP address or a domain against DNS blocklists",
    )
    parser.add_argument("target", metavar="IP|DOMAIN", help="IPv4, IPv6, domain or e-mail address")
    parser.add_argument(
        "--zones",
        metavar="a.example,b.example",
        default=None,
        help="blocklists to query instead of the shipped ones; NAME=KNOWN reads NAME's answers "
        "like the known list KNOWN (a mirror, or a Spamhaus DQS KEY.zen.dq.spamhaus.net); "
        "at most 500 lists",
    )
    parser.set_defaults(handler=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.commands.check import resolver_config_of
    from smtp_gui.core.dnsbl.check import plan_check, resolver_warnings, run_check
    from smtp_gui.core.dnsbl.report import blocklist_report
    from smtp_gui.core.dnsbl.zones import split_zone_list

    lang = lang_of(args)
    config = resolver_config_of(args)
    specs = split_zone_list(args.zones) if args.zones is not None else None
    plan = plan_check(args.target, specs)
    for warning in resolver_warnings(config):  # before the check: it may take a while
        write_error(warning.get(lang))
    sys.stderr.flush()
    report = run_check(config, plan)
    shown = blocklist_report(
        str(plan.target), report.results, report.resolver, lang, skipped=len(plan.skipped)
    )
    emit(args, report.to_dict(lang), shown)
    return 0
