"""Every performance budget of DESIGN.md, measured side by side with its baseline.

    python tests/benchmarks/run.py            # full: several runs after a warm-up
    python tests/benchmarks/run.py --quick    # one run each: proves the benchmarks still run

A benchmark, not a test: it prints a table and exits 0 whatever the times are.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.common import Row, print_table  # noqa: E402

BENCHMARKS = [
    "bench_startup",
    "bench_bundle",  # a row only when scripts/bundle has built the bundle
    "bench_search",
    "bench_decode",
    "bench_dnsbl",
    "bench_process",
    "bench_domain",
    "bench_diagnose",
    "bench_headers",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("only", nargs="*", help="benchmark module names to run")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; runs={runs}"
    )
    rows: list[Row] = []
    for name in args.only or BENCHMARKS:
        module = importlib.import_module(f"tests.benchmarks.{name}")
        try:
            rows.extend(module.measure(runs))
        except Exception as exc:  # a broken benchmark is reported, never hidden
            traceback.print_exc()
            rows.append(Row(name, "failed", str(exc)[:60], None, "-", False))
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
