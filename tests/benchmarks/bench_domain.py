"""Domain checks (MX, SPF with includes, DMARC, DKIM) on a loopback zone answering after 20 ms,
against checkdmarc (SPF and DMARC) on the same zone and server, in the same run.

checkdmarc takes a dnspython ``resolver``, so it is pointed at the loopback server's port
directly; its DNS cache is cleared before every run so that both sides really ask.
"""

from __future__ import annotations

from smtp_gui.core.dns.lookup import lookup
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.records.domain_check import domain_checks, make_target, run_checks
from tests.benchmarks.common import Row, dns_server, repeat, timed

DELAY = 0.02
DOMAIN = "bench.test"


def _checkdmarc(resolver: object) -> object | None:
    try:
        import checkdmarc.utils
        from checkdmarc.dmarc import check_dmarc
        from checkdmarc.spf import check_spf
    except ImportError:
        return None

    def run() -> None:
        checkdmarc.utils.DNS_CACHE.clear()
        spf = check_spf(DOMAIN, resolver=resolver, timeout=2.0)  # type: ignore[arg-type]
        dmarc = check_dmarc(DOMAIN, resolver=resolver, timeout=2.0)  # type: ignore[arg-type]
        assert spf["valid"], spf
        assert dmarc["valid"], dmarc

    return run


def measure(runs: int) -> list[Row]:
    rows: list[Row] = []
    with dns_server("domain", str(DELAY)) as port:
        config = ResolverConfig((Nameserver("127.0.0.1", port),), timeout=2.0)
        resolver = build_resolver(config)
        trip = repeat(lambda: timed(lambda: lookup(resolver, DOMAIN, "MX")), runs)
        target = make_target(DOMAIN, selectors=["s1"])
        four = domain_checks(target, ("mx", "spf", "dmarc", "dkim"))
        two = domain_checks(target, ("spf", "dmarc"))
        for result in run_checks(four, resolver):
            assert result.status.value in ("pass", "warn", "info"), result
        full = repeat(lambda: timed(lambda: run_checks(four, resolver)), runs)
        pair = repeat(lambda: timed(lambda: run_checks(two, resolver)), runs)
        rows.append(
            Row(
                "domain check: MX, SPF (2-level includes), DMARC, DKIM; 20 ms answers",
                full.fmt(),
                f"one round trip {trip.fmt()}",
                full.median / trip.median,
                "-",
                None,
                "SPF includes are fetched as they arrive (spf/prefetch.py)",
            )
        )
        peer_resolver = build_resolver(config)
        peer = _checkdmarc(peer_resolver)
        if peer is None:
            rows.append(
                Row(
                    "SPF + DMARC vs checkdmarc",
                    pair.fmt(),
                    "checkdmarc not installed",
                    None,
                    "-",
                    None,
                    "pip install checkdmarc (test extra)",
                )
            )
        else:
            theirs = repeat(lambda: timed(peer), runs)  # type: ignore[arg-type]
            rows.append(
                Row(
                    "SPF + DMARC vs checkdmarc, same zone and server",
                    pair.fmt(),
                    f"checkdmarc {theirs.fmt()}",
                    pair.median / theirs.median,
                    "faster",
                    pair.median < theirs.median,
                )
            )
    return rows
