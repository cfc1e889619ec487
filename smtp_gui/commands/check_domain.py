"""``smtp-gui check domain DOMAIN [--ip IP] [--sender S] [--helo H] [--selector S]...``."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(kinds: Any) -> argparse.ArgumentParser:
    """The ``check domain`` parser; the caller adds --json/--lang and the resolver options."""
    parser: argparse.ArgumentParser = kinds.add_parser(
        "domain", help="MX, SPF, DMARC, DKIM, PTR, MTA-STS, TLS-RPT, BIMI and DANE of a domain"
    )
    parser.add_argument(
        "domain", metavar="DOMAIN", help="the domain (an address such as user@example.com works)"
    )
    parser.add_argument("--ip", help="the sending IP: SPF is evaluated for it and its PTR checked")
    parser.add_argument("--sender", help="the envelope sender (MAIL FROM) for SPF and alignment")
    parser.add_argument("--helo", help="the HELO/EHLO name for SPF")
    parser.add_argument(
        "--selector",
        action="append",
        default=[],
        metavar="S",
        help="a DKIM selector (repeatable); without one, common selectors are tried",
    )
    parser.add_argument(
        "--only",
        default="",
        metavar="NAMES",
        help="run only these checks, comma-separated (mx,spf,dmarc,dkim,ptr,mta-sts,tls-rpt,"
        "bimi,tlsa)",
    )
    parser.set_defaults(handler=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    from smtp_gui.commands.check import resolver_config_of
    from smtp_gui.commands.common import emit, lang_of
    from smtp_gui.core.checks.report import domain_report
    from smtp_gui.core.dns.resolver import build_resolver
    from smtp_gui.core.records.domain_check import (
        CHECK_NAMES,
        domain_checks,
        make_target,
        run_checks,
    )

    lang = lang_of(args)
    target = make_target(
        args.domain, ip=args.ip, sender=args.sender, helo=args.helo, selectors=args.selector
    )
    names = tuple(n.strip() for n in args.only.split(",") if n.strip()) or CHECK_NAMES
    checks = domain_checks(target, names)
    config = resolver_config_of(args)
    described = config.describe()
    results = run_checks(checks, build_resolver(config), described)
    data = {
        "domain": target.domain,
        "ip": target.ip,
        "sender": target.sender,
        "helo": target.helo,
        "selectors": list(target.selectors),
        "resolver": described,
        "checks": [r.to_dict(lang) for r in results],
    }
    emit(args, data, domain_report(target.domain, results, lang, described))
    return 0
