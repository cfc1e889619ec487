"""Save a picture of each pane of the real window:
``scripts/screenshots.py [OUT] [--lang zh] [--dark] [--size 1024x640]``, or every pane in
both languages, light and dark, at 1024x640 and 1440x900 with ``scripts/screenshots.py --all``
(into ``docs/screenshots/<size>/<pane>-<lang>-<theme>.png``, the pictures the README shows).

Runs offscreen by default; under ``xvfb-run`` it uses the X server (``--all`` starts one
``xvfb-run`` of the right screen size per picture set when it is installed). Look at the
pictures after every visible change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


SAMPLE_AUTH = (
    Path(__file__).resolve().parents[1] / "tests" / "corpus" / "auth" / "login-535.txt"
).read_text("utf-8")


def _probe_sample(pane: object) -> None:
    """A finished probe against a loopback aiosmtpd server (STARTTLS, AUTH, a 550 5.1.1).

    Needs the test extra (aiosmtpd); without it the pane is shown empty. Connects only to
    127.0.0.1.
    """
    try:
        from tests.smtpserver import PASSWORD, UNKNOWN_RCPT, USER, LoopbackSMTP, make_certificate
    except ImportError:
        return
    from PySide6.QtCore import QEventLoop, QTimer

    folder = Path(tempfile.mkdtemp())
    server = LoopbackSMTP(starttls=make_certificate(folder), auth=True).start()
    _CLEANUPS.append(server.stop)
    pane.target.setText("127.0.0.1")  # type: ignore[attr-defined]
    pane.port.setValue(server.port)  # type: ignore[attr-defined]
    pane.mail_from.setText("bob@example.test")  # type: ignore[attr-defined]
    pane.rcpt_to.setText(UNKNOWN_RCPT)  # type: ignore[attr-defined]
    pane.auth.setCurrentIndex(pane.auth.findData("PLAIN"))  # type: ignore[attr-defined]
    pane.user.setText(USER)  # type: ignore[attr-defined]
    pane.password.setText(PASSWORD)  # type: ignore[attr-defined]
    pane.insecure.setChecked(True)  # type: ignore[attr-defined]
    loop = QEventLoop()
    pane.jobs.batch_finished.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(15_000, loop.quit)
    if pane.start_probe():  # type: ignore[attr-defined]
        loop.exec()


_CLEANUPS: list[object] = []
_SKIP_RUNNING: list[bool] = [False]  # --all keeps the finished pictures only


def _save(widget: object, path: Path) -> None:
    """A picture of ``widget``'s window in at most 256 colours, the ones it uses most (a
    window has a few hundred; the rest are the edges of smoothed text, mapped to the nearest):
    a quarter of the size of a true-colour PNG, and the same to the eye."""
    from collections import Counter

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.window().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # type: ignore[attr-defined]
    counts = Counter(memoryview(bytes(image.constBits())).cast("I"))
    table = [colour | 0xFF000000 for colour, _ in counts.most_common(256)]
    flags = Qt.ImageConversionFlag.ThresholdDither
    image.convertToFormat(QImage.Format.Format_Indexed8, table, flags).save(str(path), "PNG", 0)
    print(path)


# The checks pane asks the loopback test server (tests/dnsserver.py) for fake lists.
SAMPLE_LISTS = ",".join(
    [
        "zen.dnsbl.test=zen.spamhaus.org",
        "spamcop.dnsbl.test=bl.spamcop.net",
        "world.dnsbl.test=bl.spamcop.net",
        "empty.dnsbl.test=bl.spamcop.net",
        "dnswl.dnsbl.test=list.dnswl.org",
        "slow.dnsbl.test=bl.spamcop.net",
    ]
)


def _run_checks(pane: object, app: object, mid_picture: Path) -> None:
    """A blocklist check against the loopback server: one picture mid-check, then done."""
    import time

    from tests.dnsserver import LoopbackDNSServer

    server = LoopbackDNSServer()
    server.load_zone_dir()
    server.behave("slow.dnsbl.test", delay=1.0)
    server.start()
    pane.nameservers.setText(server.nameserver)  # type: ignore[attr-defined]
    pane.options.setText(SAMPLE_LISTS)  # type: ignore[attr-defined]
    done: list[bool] = []
    pane.check_finished.connect(done.append)  # type: ignore[attr-defined]
    pane.start_check("192.0.2.2")  # type: ignore[attr-defined]
    started = time.monotonic()
    while time.monotonic() - started < 0.4:
        app.processEvents()  # type: ignore[attr-defined]
    if not _SKIP_RUNNING[0]:
        _save(pane, mid_picture)
    while not done:
        app.processEvents()  # type: ignore[attr-defined]
    pane.table.selectRow(0)  # type: ignore[attr-defined]
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]
    blocklist_picture = mid_picture.with_name(mid_picture.name.replace("-running-", "-blocklist-"))
    _save(pane, blocklist_picture)
    _run_domain_check(pane, app)
    server.stop()


def _run_domain_check(pane: object, app: object) -> None:
    """A domain check of example-shop.test (tests/zones/checks-domain.zone) for an ESP's IP
    that SPF passes through two nested includes; the SPF row is selected, so its trace shows.
    The pane's nameserver field already names the loopback server."""
    done: list[bool] = []
    pane.check_finished.connect(done.append)  # type: ignore[attr-defined]
    pane.show_target("example-shop.test", "domain")  # type: ignore[attr-defined]
    fields = pane.domain_fields  # type: ignore[attr-defined]
    fields.ip_field.setText("203.0.113.140")
    fields.sender_field.setText("news@example-shop.test")
    fields.selectors_field.setText("s1")
    if not pane.start_check():  # type: ignore[attr-defined]
        return
    while not done:
        app.processEvents()  # type: ignore[attr-defined]
    pane.table.selectRow(1)  # type: ignore[attr-defined]  # spf


def _fill(pane: object, app: object = None, mid_picture: Path | None = None) -> None:
    """Put realistic sample input into a pane so its picture shows it at work."""
    name = type(pane).__name__
    if name == "ChecksPane" and mid_picture is not None:
        _run_checks(pane, app, mid_picture)
    elif name == "ProbePane":
        _probe_sample(pane)
    elif name == "DecoderPane":
        pane.input.setPlainText(SAMPLE_AUTH)  # type: ignore[attr-defined]
        pane.decode_now()  # type: ignore[attr-defined]
    elif name == "CodePane":
        pane.show_code("550 5.7.26")  # type: ignore[attr-defined]
    elif name == "HeadersPane":
        samples = Path(__file__).resolve().parents[1] / "tests" / "core" / "headers" / "samples"
        pane.open_file(str(samples / "microsoft365.txt"))  # type: ignore[attr-defined]
    elif name == "DiagnosePane":
        corpus = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "bounces"
        pane.open_file(str(corpus / DIAGNOSE_SAMPLE))  # type: ignore[attr-defined]


# A Postfix bounce that reports Gmail's 5.7.26 refusal: the README's first picture, and the
# bounce whose "Check the domain" the last picture follows (tests/zones/checks-question.zone).
DIAGNOSE_SAMPLE = "54-postfix-gmail-5.7.26-acme-widgets.txt"
SIZES = ("1024x640", "1440x900")


def _from_diagnosis(window: object, app: object, picture: Path) -> None:
    """Diagnose the sample bounce, click its "Check the domain", run that check against the
    loopback test server and save the finished checks pane: context carried, rows weighed."""
    import time

    from tests.dnsserver import LoopbackDNSServer

    server = LoopbackDNSServer()
    server.load_zone_dir()
    server.start()
    try:
        diagnose = window.diagnose_pane  # type: ignore[attr-defined]
        window.tabs.setCurrentWidget(diagnose.parentWidget())  # type: ignore[attr-defined]
        corpus = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "bounces"
        diagnose.set_text((corpus / DIAGNOSE_SAMPLE).read_text("utf-8"))
        started = time.monotonic()
        while not diagnose.advice_buttons and time.monotonic() - started < 10:
            app.processEvents()  # type: ignore[attr-defined]
        buttons = [b for b in diagnose.advice_buttons if b.property("adviceKind") == "domain"]
        if not buttons:
            return
        checks = window.checks_pane  # type: ignore[attr-defined]
        checks.nameservers.setText(server.nameserver)
        buttons[0].click()
        done: list[bool] = []
        checks.check_finished.connect(done.append)
        if not checks.start_check():
            return
        while not done and time.monotonic() - started < 30:
            app.processEvents()  # type: ignore[attr-defined]
        checks.table.selectRow(0)
        for _ in range(5):
            app.processEvents()  # type: ignore[attr-defined]
        _save(window, picture)
    finally:
        server.stop()


def _verified_headers(window: object, app: object, picture: Path) -> None:
    """A Microsoft 365 message signed by the test helpers (tests/core/headers/signing.py),
    its key, SPF and DMARC records on the loopback test server, then Verify: the Headers
    pane after the check."""
    from PySide6.QtCore import QEventLoop, QTimer

    from tests.core.headers.signing import make_key, publish, sign
    from tests.dnsserver import LoopbackDNSServer

    samples = Path(__file__).resolve().parents[1] / "tests" / "core" / "headers" / "samples"
    raw = (samples / "microsoft365.txt").read_bytes().replace(b"\r\n", b"\n")
    raw = raw.replace(
        b"dkim=none (message not signed)\n header.d=none",
        b"dkim=pass (signature was verified)\n header.d=mailer.example.net",
    )
    body = raw.rstrip(b"\n") + b"\n\nHello Bob,\nyour invoice is attached.\n"
    signed = ("from", "to", "subject", "date", "message-id")
    message = sign(body, "s1", "mailer.example.net", make_key(), signed)
    server = LoopbackDNSServer()
    server.start()
    try:
        publish(server, "s1", "mailer.example.net", make_key().record)
        server.add_txt("mailer.example.net.", ["v=spf1 ip4:198.51.100.0/24 -all"])
        server.add_txt("_dmarc.example.com.", ["v=DMARC1; p=quarantine"])
        settings = window._context.settings  # type: ignore[attr-defined]  # Verify reads them
        settings.nameservers, settings.timeout = server.nameserver, 1.0
        pane = window.headers_pane  # type: ignore[attr-defined]
        window.tabs.setCurrentWidget(pane.parentWidget())  # type: ignore[attr-defined]
        pane.set_text(message.decode())
        loop = QEventLoop()
        pane.verification_finished.connect(loop.quit)
        QTimer.singleShot(15_000, loop.quit)
        pane.verify()
        loop.exec()
        for _ in range(10):
            app.processEvents()  # type: ignore[attr-defined]
        _save(window, picture)
    finally:
        server.stop()


def _all(out: Path) -> int:
    """Every pane in both languages, light and dark, at both sizes: one process per set
    (a QApplication each), under an X server of that size when xvfb-run is installed."""
    import shutil
    import subprocess

    failures = 0
    for size in SIZES:
        for lang in ("en", "zh"):
            for dark in (False, True):
                command = [sys.executable, __file__, str(out / size), "--lang", lang]
                command += ["--size", size, "--names", "lang-theme"]
                command += ["--dark"] if dark else []
                if shutil.which("xvfb-run"):
                    command = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", *command]
                failures += subprocess.run(command, check=False).returncode != 0
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--size", default="1024x640")
    parser.add_argument("--dark", action="store_true", help="the View menu's Dark palette")
    parser.add_argument("--all", action="store_true", help="both languages, themes and sizes")
    parser.add_argument("--names", choices=("lang", "lang-theme"), default="lang")
    args = parser.parse_args()
    if args.all:
        return _all(Path(args.out))
    if "DISPLAY" not in os.environ:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from smtp_gui.app import create_main_window
    from smtp_gui.ui.settings import Settings

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        settings.colour_scheme = "dark" if args.dark else "light"
        suffix = f"{args.lang}-dark" if args.dark else args.lang
        _SKIP_RUNNING[0] = args.names == "lang-theme"
        if args.names == "lang-theme":
            suffix = f"{args.lang}-{'dark' if args.dark else 'light'}"
        window = create_main_window(settings, lang=args.lang)
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
        window.show()
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            pane = window.current_pane()
            name = pane.__class__.__name__.removesuffix("Pane").lower()
            _fill(pane, app, out / f"{name}-running-{suffix}.png")
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}-{suffix}.png"
            _save(window, path)
        _from_diagnosis(window, app, out / f"checks-from-diagnosis-{suffix}.png")
        _verified_headers(window, app, out / f"headers-verified-{suffix}.png")
        window.close()
    for cleanup in _CLEANUPS:
        cleanup()  # type: ignore[operator]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
