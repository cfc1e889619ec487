"""The one-folder bundle's start-up to first paint against the installed app's (issue 18): the
app as bench_startup runs it, `python -m smtp_gui` with its bytecode compiled as pip would.

A row only when scripts/bundle has built dist/smtp-gui; the archive's size goes in its note.
"""

from __future__ import annotations

from tests.benchmarks.bench_startup import _compile_bytecode
from tests.benchmarks.common import ROOT, Row, Sample, python, run_child

BUNDLE = ROOT / "dist" / "smtp-gui" / "smtp-gui"


def measure(runs: int) -> list[Row]:
    if not BUNDLE.is_file():
        return []
    _compile_bytecode()
    bundle_cmd = [str(BUNDLE), "--smoke"]
    app_cmd = [python(), "-m", "smtp_gui", "--smoke"]
    env = {"XDG_CONFIG_HOME": str(ROOT / "build" / "bench-config")}
    run_child(bundle_cmd, env)  # warm-up: file cache
    run_child(app_cmd, env)
    bundle_times, app_times = [], []
    for _ in range(runs):  # interleaved so that machine noise hits both alike
        seconds, _rss, out = run_child(bundle_cmd, env)
        assert out.strip() == "ok", out
        bundle_times.append(seconds)
        seconds, _rss, _out = run_child(app_cmd, env)
        app_times.append(seconds)
    ours, base = Sample.of(bundle_times), Sample.of(app_times)
    ratio = ours.median / base.median
    archives = sorted(ROOT.glob("dist/smtp-gui-*-linux-*.tar.gz"))
    size = f"archive {archives[-1].stat().st_size / 2**20:.0f} MB (budget 90)" if archives else ""
    return [
        Row(
            "bundle start-up to first paint",
            ours.fmt(),
            f"installed app {base.fmt()}",
            ratio,
            "<= 1.2x",
            ratio <= 1.2,
            size,
        )
    ]
