"""Shared pieces of the benchmarks: repeated measurement, child processes, the result table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Row:
    what: str
    ours: str
    against: str
    ratio: float | None
    budget: str
    met: bool | None
    note: str = ""


@dataclass
class Sample:
    median: float
    spread: float  # (max - min) / median
    values: list[float]

    @classmethod
    def of(cls, values: Sequence[float]) -> Sample:
        median = statistics.median(values)
        spread = (max(values) - min(values)) / median if median else 0.0
        return cls(median, spread, list(values))

    def fmt(self, unit: str = "ms", scale: float = 1000.0) -> str:
        return f"{self.median * scale:.1f} {unit} (±{self.spread * 50:.0f}%)"


def repeat(fn: Callable[[], float], runs: int, warmup: int = 1) -> Sample:
    """Run ``fn`` (which returns one measurement) after ``warmup`` discarded runs."""
    for _ in range(warmup):
        fn()
    return Sample.of([fn() for _ in range(runs)])


def run_child(args: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run a process to the end: (wall seconds, peak RSS in KiB of that child, stdout)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        list(args), cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    out = process.stdout.read().decode() if process.stdout else ""
    if process.stdout:
        process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{args} exited with {status}")
    return elapsed, usage.ru_maxrss, out


def python() -> str:
    return sys.executable


def print_table(rows: Sequence[Row]) -> None:
    header = ("what", "ours", "baseline / peer", "ratio", "budget", "met")
    cells = [
        (
            r.what,
            r.ours,
            r.against,
            "-" if r.ratio is None else f"{r.ratio:.2f}x",
            r.budget,
            "-" if r.met is None else ("yes" if r.met else "NO"),
        )
        for r in rows
    ]
    widths = [max(len(str(c[i])) for c in [header, *cells]) for i in range(len(header))]
    line = " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for c in cells:
        print(" | ".join(str(v).ljust(w) for v, w in zip(c, widths, strict=True)))
    for r in rows:
        if r.note:
            print(f"  note ({r.what}): {r.note}")


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn()`` takes once."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@contextmanager
def dns_server(*args: str) -> Iterator[int]:
    """``tests/benchmarks/dns_server.py`` in its own process; yields its port."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.dns_server", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield int(process.stdout.readline())
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(10)
