"""The real MTA-STS fetch, on the real port 443, inside a private network namespace.

``smtp-gui check domain`` fetches ``https://mta-sts.<domain>/.well-known/mta-sts.txt`` on
port 443 with the system's trust store; nothing in the app is pointed anywhere for the
test. ``unshare -n`` gives the test its own loopback interface, where it may listen on
443; the loopback DNS server answers mta-sts.rec-good.test with 127.0.0.1, and
``SSL_CERT_FILE`` (OpenSSL's own setting) makes the test's CA the trust store. Skipped
where unprivileged network namespaces are not permitted.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.httpsserver import make_pki

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.network

_INSIDE = """
import json, os, subprocess, sys, time
from pathlib import Path
from tests.dnsserver import LoopbackDNSServer
from tests.httpsserver import Pki, PolicyServer

pki = Pki(*(Path(p) for p in sys.argv[1:4]))
dns = LoopbackDNSServer()
dns.load_zone_dir()
dns.start()
found = {}
try:
    for behaviour in ("good", "trickle", "silent"):
        with PolicyServer(pki, behaviour, port=443) as server:
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "smtp_gui", "check", "domain", "rec-good.test",
                 "--only", "mta-sts", "--json", "--nameserver", dns.nameserver,
                 "--timeout", "1"],
                env={**os.environ, "SSL_CERT_FILE": str(pki.ca)},
                capture_output=True, text=True, timeout=60,
            )
            found[behaviour] = {
                "rc": done.returncode, "elapsed": time.monotonic() - started,
                "stdout": done.stdout, "stderr": done.stderr,
                "requests": [r.decode("latin-1") for r in server.requests],
            }
finally:
    dns.stop()
print(json.dumps(found))
"""


def _namespace_command() -> list[str] | None:
    """``unshare -n`` (root) or ``unshare -rn`` (a user namespace), whichever works here."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return None
    for flags in ("-n", "-rn"):
        try:
            probe = subprocess.run(
                ["unshare", flags, "sh", "-c", "ip link set lo up"],
                capture_output=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if probe.returncode == 0:
            return ["unshare", flags]
    return None


def test_the_fetch_on_port_443_in_a_private_network(tmp_path: Path) -> None:
    unshare = _namespace_command()
    if unshare is None:
        pytest.skip("network namespaces (unshare -n) are not permitted here")
    pki = make_pki(tmp_path, "mta-sts.rec-good.test")
    inside = [sys.executable, "-c", _INSIDE, str(pki.ca), str(pki.cert), str(pki.key)]
    script = "ip link set lo up && exec " + shlex.join(inside)
    done = subprocess.run(
        [*unshare, "sh", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])

    good = found["good"]
    assert good["rc"] == 0, good["stderr"]
    (row,) = json.loads(good["stdout"])["checks"]
    assert row["status"] == "pass", row
    assert good["requests"][0].startswith("GET /.well-known/mta-sts.txt HTTP/1.1\r\n")
    assert "Host: mta-sts.rec-good.test\r\n" in good["requests"][0]  # port 443: no ":443"

    for behaviour in ("trickle", "silent"):
        slow = found[behaviour]
        assert slow["rc"] == 0, slow["stderr"]
        (row,) = json.loads(slow["stdout"])["checks"]
        assert row["status"] == "error", row
        assert "did not answer in time" in " ".join(row["problems"]), row
        # The fetch takes one timeout (1 s) at most; the row at most two.
        assert row["ms"] <= 2 * 1000 + 100, row
        assert slow["elapsed"] < 2 * 1.0 + 2.5, slow["elapsed"]
