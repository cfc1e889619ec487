"""The bundle scripts/bundle built (dist/smtp-gui and its archive): its budget, what it leaves
out, the licences it carries, and that it runs alone (issue 18).

Skipped when no bundle has been built: .ci/bundle builds one and runs this file after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import smtp_gui
from smtp_gui import licenses

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "smtp-gui"
ARCHIVE = ROOT / "dist" / f"smtp-gui-{smtp_gui.__version__}-linux-x86_64.tar.gz"
INTERNAL = BUNDLE / "_internal"
QT = INTERNAL / "PySide6" / "Qt"

pytestmark = pytest.mark.skipif(
    not (BUNDLE / "smtp-gui").is_file() or not sys.platform.startswith("linux"),
    reason="no bundle built (scripts/bundle)",
)


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The bundle from a folder outside the checkout, with an empty environment."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(BUNDLE / "smtp-gui"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_archive_within_budget() -> None:
    assert ARCHIVE.is_file()
    assert ARCHIVE.stat().st_size <= 90 * 1024 * 1024


def test_runs_alone_and_is_this_version(tmp_path: Path) -> None:
    done = _run("--version", tmp_path=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"smtp-gui {smtp_gui.__version__}"
    done = _run("explain", "5.7.1", "--json", "--lang", "zh", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["known"] is True
    done = _run("explain", "nonsense", tmp_path=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_only_the_qt_plugins_and_translations_the_app_uses() -> None:
    plugins = {p.relative_to(QT / "plugins").as_posix() for p in (QT / "plugins").rglob("*.so")}
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so"} <= plugins
    assert "platforminputcontexts/libibusplatforminputcontextplugin.so" in plugins
    left_out = ("sqldrivers/", "tls/", "egldeviceintegrations/", "platformthemes/libqgtk3")
    assert not [p for p in plugins if p.startswith(left_out)]
    assert sorted(p.name for p in (QT / "translations").iterdir()) == ["qtbase_zh_CN.qm"]
    # Python modules of Qt: those the app imports, and only them.
    modules = {p.name.split(".")[0] for p in (INTERNAL / "PySide6").glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets"}
    assert not [p for p in INTERNAL.rglob("*") if p.is_symlink() and not p.exists()]


def test_data_and_every_subcommand_are_inside() -> None:
    resources = INTERNAL / "smtp_gui" / "resources"
    assert (resources / "translations" / "smtp_gui_zh_CN.qm").is_file()
    assert (resources / "icons" / "smtp-gui-256.png").is_file()
    assert not list(resources.rglob("*.ts"))  # sources of the translations stay out
    desktop = BUNDLE / "share" / "applications" / "smtp-gui.desktop"
    assert desktop.read_bytes() == (ROOT / "resources" / "smtp-gui.desktop").read_bytes()
    assert (BUNDLE / "share/icons/hicolor/48x48/apps/smtp-gui.png").is_file()


def test_licences_of_everything_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """licenses/ lists the app, its requirements, Python, PyInstaller's bootloader and the
    system libraries; the About dialog reads it when running as the bundle."""
    folder = BUNDLE / "licenses"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))["components"]
    names = {c["name"].lower().replace("_", "-") for c in index}
    expected = {"smtp-gui", "pyside6-essentials", "shiboken6", "dnspython", "cryptography"}
    expected |= {"publicsuffixlist", "authres", "olefile", "cffi", "python", "pyinstaller"}
    assert expected <= names
    for component in index:
        for name in component["files"]:
            assert (folder / name).is_file(), name
    qt = next(c for c in index if c["name"].lower().startswith("pyside6"))
    assert "Qt/LGPL-3.0.txt" not in qt["files"]  # copied under the component's own folder
    assert any(f.endswith("LGPL-3.0.txt") for f in qt["files"])
    assert "replace" in qt["note"]
    # Every collected system library came with its package's copyright file (Debian).
    system = [c for c in index if c["license"] == "see copyright"]
    assert not [c["name"] for c in system if not c["files"]]
    if any(INTERNAL.glob("libxcb*.so*")):
        assert any(c["name"].startswith("libxcb") for c in system)

    # The frozen app finds the folder beside its executable.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(BUNDLE / "smtp-gui"))
    assert licenses.bundled_dir() == folder
    shipped = licenses.components()
    assert [c.name for c in shipped] == [c["name"] for c in index]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licenses.licence_text(
        next(c for c in shipped if c.name.lower().startswith("pyside6"))
    )


def test_certificates_hook_points_at_a_ca_bundle_only_when_needed() -> None:
    """The runtime hook leaves a working OpenSSL default alone and an explicit choice too."""
    hook = ROOT / "packaging" / "rthook_certificates.py"
    code = f"import os; exec(open({str(hook)!r}).read()); print(os.environ.get('SSL_CERT_FILE'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSL_CERT")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    chosen = {**env, "SSL_CERT_FILE": "/nowhere.pem"}
    done = subprocess.run([sys.executable, "-c", code], env=chosen, capture_output=True, text=True)
    assert done.stdout.strip() == "/nowhere.pem"
