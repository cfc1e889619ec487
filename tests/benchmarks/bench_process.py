"""``smtp-gui check blacklist`` on 50 lists as a whole process against pydnsbl as a whole
process: the same loopback server (every answer after 50 ms), the same lists, run
alternately, both through the system resolver.

pydnsbl can only ask the system's resolver, so both run in a private network namespace
(``unshare -rnm``: a user, network and mount namespace) in which the server listens on
127.0.0.1:53 and a bind-mounted resolv.conf names it (``netns_driver.py``). Where
``unshare`` is not permitted, or pydnsbl is not installed (``pip install pydnsbl``; it is
not a test dependency), the rows say so and are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess

from tests.benchmarks.bench_startup import _compile_bytecode
from tests.benchmarks.common import ROOT, Row, Sample, python

DELAY = 0.05
LISTS = 50
WHAT = f"check blacklist, {LISTS} lists, as a whole process"


def _skipped(why: str) -> list[Row]:
    return [Row(WHAT, "skipped", why, None, "<= pydnsbl", None)]


def _namespace_problem() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare or ip not found"
    probe = subprocess.run(
        ["unshare", "-rnm", "sh", "-c", "ip link set lo up && mount --bind /dev/null /dev/null"],
        capture_output=True,
    )
    if probe.returncode != 0:
        return "unshare -rnm not permitted here"
    return None


def measure(runs: int) -> list[Row]:
    if importlib.util.find_spec("pydnsbl") is None:
        return _skipped("pydnsbl not installed (pip install pydnsbl to compare)")
    problem = _namespace_problem()
    if problem is not None:
        return _skipped(problem)
    _compile_bytecode()
    done = subprocess.run(
        ["unshare", "-rnm", python(), "-m", "tests.benchmarks.netns_driver"]
        + [str(max(runs, 1)), str(LISTS), str(DELAY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    times = json.loads(done.stdout)
    ours, peer = Sample.of(times["ours"]), Sample.of(times["pydnsbl"])
    start, trip = Sample.of(times["explain"]), Sample.of(times["round_trip"])
    beyond = ours.median - start.median
    return [
        Row(
            f"{WHAT} (system resolver, private namespace)",
            ours.fmt(),
            f"pydnsbl whole process {peer.fmt()}",
            ours.median / peer.median,
            "<= 1.0x",
            ours.median <= peer.median,
        ),
        Row(
            "  the same, beyond the process start of `explain 554`",
            f"{beyond * 1000:.1f} ms",
            f"one round trip {trip.fmt()}",
            beyond / trip.median,
            "-",
            None,
            f"explain 554 as a whole process: {start.fmt()}",
        ),
    ]
