"""Blocklist checks: fifty lists at once vs one round trip, a sequential loop and pydnsbl;
one dead list against its timeout; the GUI's timer while a hundred queries run.

The server runs in its own process (``dns_server.py``); every list answers after 50 ms.
pydnsbl (c-ares, asyncio) is measured on the same server in the same run when installed
(``pip install pydnsbl``; for this benchmark only).
"""

from __future__ import annotations

import time

from smtp_gui.core.dns.lookup import lookup
from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.dnsbl.check import CheckResolver, ProbeCache, check_zone, plan_check, run_check
from smtp_gui.core.dnsbl.query import parse_target
from tests.benchmarks.common import Row, Sample, dns_server, repeat, timed

DELAY = 0.05
LISTS = 50


def _specs(count: int) -> list[str]:
    return [f"z{i:03d}.many.dnsbl.test=bl.spamcop.net" for i in range(count)]


def _pydnsbl(port: int, count: int, runs: int) -> Sample | None:
    try:
        import asyncio

        import aiodns
        import pydnsbl
        from pydnsbl.providers import Provider
    except ImportError:
        return None
    loop = asyncio.new_event_loop()
    checker = pydnsbl.DNSBLIpChecker(
        providers=[Provider(f"z{i:03d}.many.dnsbl.test") for i in range(count)],
        timeout=2,
        tries=1,
        loop=loop,
    )
    checker._resolver = aiodns.DNSResolver(
        nameservers=["127.0.0.1"], udp_port=port, tcp_port=port, timeout=2, tries=1, loop=loop
    )
    targets = iter(f"192.0.2.{10 + i}" for i in range(200))  # clean: nothing cached
    try:
        return repeat(
            lambda: timed(lambda: loop.run_until_complete(checker.check_async(next(targets)))),
            runs,
        )
    finally:
        loop.close()


def _gui_gaps(port: int, count: int) -> tuple[float, float]:
    """Largest gap between 10 ms timer ticks while the checks pane runs ``count`` lists."""
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from smtp_gui.ui.checks.pane import ChecksPane
    from smtp_gui.ui.context import AppContext
    from smtp_gui.ui.language import LanguageController
    from smtp_gui.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        pane = ChecksPane(AppContext(settings, LanguageController()))
        pane.nameservers.setText(f"127.0.0.1:{port}")
        pane.options.setText(",".join(_specs(count)))
        pane.show()
        clock, gaps, last = QElapsedTimer(), [0.0], [0.0]
        clock.start()

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e9
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(interval=10)
        timer.timeout.connect(tick)
        done: list[bool] = []
        pane.check_finished.connect(done.append)
        timer.start()
        last[0] = clock.nsecsElapsed() / 1e9
        started = time.perf_counter()
        pane.start_check("192.0.2.1")
        while not done:
            app.processEvents()
            time.sleep(0.001)
        elapsed = time.perf_counter() - started
        timer.stop()
        pane.shutdown()
        pane.deleteLater()
        app.processEvents()
    return max(gaps), elapsed


def measure(runs: int) -> list[Row]:
    rows: list[Row] = []
    with dns_server("dnsbl", str(DELAY), str(LISTS + 50)) as port:
        config = ResolverConfig((Nameserver("127.0.0.1", port),), timeout=2.0)
        resolver = build_resolver(config)
        trip = repeat(
            lambda: timed(lambda: lookup(resolver, "1.2.0.192.z000.many.dnsbl.test", "A")), runs
        )
        plan = plan_check("192.0.2.1", _specs(LISTS))
        first = repeat(lambda: timed(lambda: run_check(config, plan, cache=ProbeCache())), runs)
        cache = ProbeCache()
        run_check(config, plan, cache=cache)
        warm = repeat(lambda: timed(lambda: run_check(config, plan, cache=cache)), runs)
        listed = repeat(
            lambda: timed(
                lambda: run_check(config, plan_check("192.0.2.2", _specs(LISTS)), cache=cache)
            ),
            runs,
        )
        handle = CheckResolver.from_config(config)
        target = parse_target("192.0.2.1")
        sequential = timed(lambda: [check_zone(handle, target, z, cache) for z in plan.zones])
        rows.append(
            Row(
                "50 lists, 50 ms each: first check (one flight: A, TXT, test entries)",
                first.fmt(),
                f"one round trip {trip.fmt()}",
                first.median / trip.median,
                "<= 1.2x",
                first.median <= 1.2 * trip.median,
            )
        )
        rows.append(
            Row(
                "50 lists: test entries cached (A + TXT, 100 queries)",
                warm.fmt(),
                f"one round trip {trip.fmt()}",
                warm.median / trip.median,
                "<= 1.1x",
                warm.median <= 1.1 * trip.median,
            )
        )
        rows.append(
            Row(
                "50 lists, all listed (A + TXT, test entries cached)",
                listed.fmt(),
                f"one round trip {trip.fmt()}",
                listed.median / trip.median,
                "-",
                None,
            )
        )
        rows.append(
            Row(
                "50 lists: sequential loop (cached)",
                f"{sequential * 1000:.0f} ms",
                f"ours {warm.fmt()}",
                sequential / warm.median,
                "-",
                None,
            )
        )
        peer = _pydnsbl(port, LISTS, runs)
        if peer is None:
            rows.append(
                Row(
                    "50 lists vs pydnsbl",
                    warm.fmt(),
                    "pydnsbl not installed",
                    None,
                    "faster",
                    None,
                    "pip install pydnsbl to compare",
                )
            )
        else:
            rows.append(
                Row(
                    "50 lists (cached) vs pydnsbl (A only)",
                    warm.fmt(),
                    f"pydnsbl {peer.fmt()}",
                    warm.median / peer.median,
                    "faster",
                    warm.median < peer.median,
                )
            )
            rows.append(
                Row(
                    "50 lists (first, with test entries) vs pydnsbl",
                    first.fmt(),
                    f"pydnsbl {peer.fmt()}",
                    first.median / peer.median,
                    "faster",
                    first.median < peer.median,
                )
            )
        dead_specs = [*_specs(LISTS - 1), "dead.dnsbl.test=bl.spamcop.net"]
        arrivals: list[float] = []
        started = time.perf_counter()
        run_check(
            config,
            plan_check("192.0.2.1", dead_specs),
            cache=ProbeCache(),
            on_result=lambda r: arrivals.append(time.perf_counter() - started),
        )
        total = time.perf_counter() - started
        others = sorted(arrivals)[-2]
        rows.append(
            Row(
                "one dead list, timeout 2 s: whole check",
                f"{total * 1000:.0f} ms",
                "timeout 2000 ms",
                total / 2.0,
                "<= 1.1x",
                total <= 2.2,
                f"every other row in by {others * 1000:.0f} ms",
            )
        )
        runs_gui = [_gui_gaps(port, 100) for _ in range(max(5, runs) if runs > 1 else 1)]
        gaps = [gap for gap, _elapsed in runs_gui]
        rows.append(
            Row(
                f"GUI: largest 10 ms timer gap, 100 lists, worst of {len(gaps)} runs",
                f"{max(gaps) * 1000:.0f} ms",
                f"check took {max(e for _g, e in runs_gui) * 1000:.0f} ms",
                None,
                "<= 50 ms",
                max(gaps) <= 0.05,
                "gaps: " + ", ".join(f"{g * 1000:.0f}" for g in gaps) + " ms",
            )
        )
    return rows
