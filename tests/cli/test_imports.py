"""Issue 17: a subcommand imports what it needs, not what the others need.

Each command runs in a fresh interpreter (``runpy``, as ``python -m smtp_gui`` does) and
then lists the modules it loaded. Not timed: the imports themselves are the measure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dnsserver import LoopbackDNSServer

ROOT = Path(__file__).resolve().parents[2]

# Each a feature package or a library no other command needs.
OFFLINE_ONLY = ("smtp_gui.core.diagnose", "smtp_gui.core.sasl", "smtp_gui.core.headers")
NETWORK = ("dns", "asyncio", "smtp_gui.core.dnsbl", "smtp_gui.core.dns.engine")
QT = ("PySide6", "shiboken6")
# 14 ms and 9 ms that explain and compare do not need (dnspython's dns._features imports
# importlib.metadata, which loads both: the DNS commands pay for them).
SLOW_STDLIB = ("importlib.resources", "email")

_SCRIPT = """
import json, runpy, sys
sys.argv = ["smtp_gui", *json.loads(sys.argv[1])]
try:
    runpy.run_module("smtp_gui", run_name="__main__")
except SystemExit as done:
    status = done.code
sys.stdout.flush()
sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + " STATUS " + str(status))
"""


def _modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(args)],
        cwd=ROOT,
        env=None if env is None else {**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    tail = done.stderr.rsplit("MODULES ", 1)[-1]
    names, status = tail.rsplit(" STATUS ", 1)
    assert status == "0", done.stderr
    return set(json.loads(names))


def _loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.mark.parametrize(
    "args", [("explain", "554", "--json"), ("compare", "550", "5.7.1", "--json")]
)
def test_explain_and_compare_load_no_network_code_and_no_other_command(
    args: tuple[str, ...],
) -> None:
    modules = _modules(*args)
    assert "smtp_gui.core.codes.catalogue" in modules  # the check can see what it looks for
    assert _loaded(modules, OFFLINE_ONLY + NETWORK + QT + SLOW_STDLIB) == []


@pytest.mark.network
def test_check_blacklist_loads_dns_but_no_offline_command(dns_server: LoopbackDNSServer) -> None:
    modules = _modules(
        "check", "blacklist", "192.0.2.2", "--json", "--timeout", "1",
        "--nameserver", dns_server.nameserver, "--zones", "zen.dnsbl.test=zen.spamhaus.org",
    )  # fmt: skip
    assert "dns.resolver" in modules and "smtp_gui.core.dnsbl.check" in modules
    heavy = ("smtp_gui.core.codes", "smtp_gui.core.spf", "smtp_gui.core.records")
    assert _loaded(modules, OFFLINE_ONLY + heavy + QT) == []


def test_first_paint_loads_no_diagnosis_header_or_network_code(tmp_path: Path) -> None:
    """``--smoke`` quits right after the first paint, so what it loaded is what the first
    paint waited for: the empty Diagnose pane needs none of the diagnosis, the Headers
    pane's code (37 ms and 5 MiB, loaded by the "Analyze headers" offer of an empty paste
    until issue 17) nor dnspython."""
    modules = _modules(
        "--smoke", env={"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    )
    assert "smtp_gui.ui.diagnose.pane" in modules  # the first pane was built and painted
    later = ("smtp_gui.core.diagnose.analyse", "smtp_gui.core.headers", "email")
    assert _loaded(modules, later + NETWORK[:2] + ("smtp_gui.core.dnsbl",)) == []
