"""Start-up to first paint and peak memory: ``smtp-gui --smoke`` against a bare QMainWindow."""

from __future__ import annotations

import os
import subprocess

from tests.benchmarks.common import ROOT, Row, Sample, python, run_child


def _compile_bytecode() -> None:
    """An installed app has its bytecode compiled (pip does it); a checkout run with
    PYTHONDONTWRITEBYTECODE set (as on these machines) would compile every module at every
    start instead, which no user sees. Compile once, as an install would."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [python(), "-m", "compileall", "-q", str(ROOT / "smtp_gui")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(runs: int) -> list[Row]:
    _compile_bytecode()
    app_cmd = [python(), "-m", "smtp_gui", "--smoke"]
    bare_cmd = [python(), str(ROOT / "tests" / "benchmarks" / "bare_window.py")]
    env = {"XDG_CONFIG_HOME": str(ROOT / "build" / "bench-config")}
    app_times, bare_times, app_rss, bare_rss = [], [], [], []
    run_child(app_cmd, env)  # warm-up: file cache, .pyc
    run_child(bare_cmd, env)
    for _ in range(runs):  # interleaved so that machine noise hits both alike
        seconds, rss, out = run_child(app_cmd, env)
        assert out.strip() == "ok", out
        app_times.append(seconds)
        app_rss.append(rss)
        seconds, rss, _out = run_child(bare_cmd, env)
        bare_times.append(seconds)
        bare_rss.append(rss)
    ours, base = Sample.of(app_times), Sample.of(bare_times)
    mem_ours, mem_base = Sample.of(app_rss), Sample.of(bare_rss)
    startup_ratio = ours.median / base.median
    memory_ratio = mem_ours.median / mem_base.median
    return [
        Row(
            "start-up to first paint",
            ours.fmt(),
            f"bare QMainWindow {base.fmt()}",
            startup_ratio,
            "<= 1.3x",
            startup_ratio <= 1.3,
        ),
        Row(
            "peak memory (RSS)",
            f"{mem_ours.median / 1024:.1f} MiB",
            f"bare QMainWindow {mem_base.median / 1024:.1f} MiB",
            memory_ratio,
            "<= 1.5x",
            memory_ratio <= 1.5,
        ),
    ]
