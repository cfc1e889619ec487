"""Start-up to first paint and peak memory: ``smtp-gui --smoke`` against a bare QMainWindow,
and against the floor: a bare PySide6 window with the first pane's widgets (floor_window.py)."""

from __future__ import annotations

import json
import os
import subprocess

from tests.benchmarks.common import ROOT, Row, Sample, python, run_child

FLOOR = "tests.benchmarks.floor_window"


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
    _seconds, _rss, census = run_child([python(), "-m", FLOOR, "census"], env)
    floor_cmd = [python(), "-m", FLOOR, census.strip()]
    app_times, bare_times, app_rss, bare_rss = [], [], [], []
    floor_times, floor_rss = [], []
    run_child(app_cmd, env)  # warm-up: file cache, .pyc
    run_child(bare_cmd, env)
    run_child(floor_cmd, env)
    for _ in range(runs):  # interleaved so that machine noise hits all alike
        seconds, rss, out = run_child(app_cmd, env)
        assert out.strip() == "ok", out
        app_times.append(seconds)
        app_rss.append(rss)
        seconds, rss, _out = run_child(bare_cmd, env)
        bare_times.append(seconds)
        bare_rss.append(rss)
        seconds, rss, out = run_child(floor_cmd, env)
        assert out.strip() == "ok", out
        floor_times.append(seconds)
        floor_rss.append(rss)
    ours, base, floor = Sample.of(app_times), Sample.of(bare_times), Sample.of(floor_times)
    mem_ours, mem_base = Sample.of(app_rss), Sample.of(bare_rss)
    mem_floor = Sample.of(floor_rss)
    startup_ratio = ours.median / base.median
    memory_ratio = mem_ours.median / mem_base.median
    widgets = sum(json.loads(census).values())
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
        Row(
            f"floor: bare window + first pane's {widgets} widgets, 7 tabs, menus",
            floor.fmt(),
            f"bare QMainWindow {base.fmt()}",
            floor.median / base.median,
            "-",
            None,
        ),
        Row(
            "start-up to first paint against the floor",
            ours.fmt(),
            f"floor {floor.fmt()}",
            ours.median / floor.median,
            "-",
            None,
            f"ours beyond the floor: {(ours.median - floor.median) * 1000:.0f} ms",
        ),
        Row(
            "peak memory against the floor",
            f"{mem_ours.median / 1024:.1f} MiB",
            f"floor {mem_floor.median / 1024:.1f} MiB",
            mem_ours.median / mem_floor.median,
            "-",
            None,
        ),
    ]
