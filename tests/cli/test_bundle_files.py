"""What the bundle is made from: the icon in every size and container, the desktop entry,
the AppStream file, and the list of shipped software with its licences (issue 18).

The validators (desktop-file-validate, appstreamcli) run where they are installed (Debian:
desktop-file-utils, appstream) and the tests that need them are skipped elsewhere.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

import smtp_gui
from smtp_gui import licenses
from smtp_gui.cli import _COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "smtp-gui.desktop"
METAINFO = ROOT / "resources" / "smtp-gui.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])  # IHDR width, height


def test_icons_are_the_svg_rendered_now() -> None:
    """The committed PNGs, .ico and .icns are what scripts/render_icons.py makes of the SVG."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_sizes(size: int) -> None:
    assert _png_size((ICONS / f"smtp-gui-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_the_pngs_16_to_256() -> None:
    data = (ROOT / "packaging" / "smtp-gui.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _c, _r, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        image = data[offset : offset + length]
        side = width or 256
        assert (width, height, planes, bits) == (side % 256, side % 256, 1, 32)
        assert _png_size(image) == (side, side)
        assert image == (ICONS / f"smtp-gui-{side}.png").read_bytes()
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_the_pngs_for_every_mac_size() -> None:
    data = (ROOT / "packaging" / "smtp-gui.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    offset = 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        found[kind.decode()] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert offset == len(data)
    assert found == {
        "icp4": 16,
        "icp5": 32,
        "icp6": 64,
        "ic07": 128,
        "ic08": 256,
        "ic09": 512,
        "ic11": 32,
        "ic12": 64,
        "ic13": 256,
        "ic14": 512,
    }


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_command_the_icon_and_both_languages() -> None:
    entry = _desktop()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Exec"] in scripts
    assert entry["Icon"] == "smtp-gui" and (ICONS / "smtp-gui.svg").is_file()
    assert entry["Categories"] == "Network;Email;Utility;"
    for key in ("Name", "Comment"):
        assert entry[key] and entry[f"{key}[zh_CN]"] and entry[key] != entry[f"{key}[zh_CN]"]
    # The same words as the window's title (resources/translations, MainWindow).
    ts = (ROOT / "resources" / "translations" / "smtp_gui_zh_CN.ts").read_text(encoding="utf-8")
    assert f"<source>{entry['Name']}</source>" in ts
    assert f"<translation>{entry['Name[zh_CN]']}</translation>" in ts


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="no desktop-file-utils")
def test_desktop_file_validate() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Hints are allowed: the issue asks for two main categories (Network and Utility).
    problems = [line for line in done.stdout.splitlines() if ": hint: " not in line]
    assert not problems, problems


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("url") == smtp_gui.PROJECT_URL
    assert root.find("releases/release").get("version") == smtp_gui.__version__  # type: ignore[union-attr]
    assert root.findtext("provides/binary") == "smtp-gui"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert root.findtext("project_license") == project["license"]


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="no appstream")
def test_appstreamcli_validate() -> None:
    # --no-net: the validator would otherwise fetch the URLs it finds.
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Infos only (the id's .invalid domain is "maybe not rDNS"); no warning, no error.
    bad = [line for line in done.stdout.splitlines() if line[:2] in ("W:", "E:", "P:")]
    assert not bad, bad


def test_installed_components_are_the_runtime_requirements() -> None:
    """The About dialog's list when installed with pip: smtp-gui, every runtime requirement
    (no test extra), each with a licence and, where its wheel ships one, the licence text."""
    found = {c.name.lower().replace("_", "-"): c for c in licenses.installed_components()}
    # The installed metadata (a checkout's editable install may predate pyproject.toml).
    required = {
        licenses._NAME.match(r).group(1).lower()  # type: ignore[union-attr]
        for r in metadata.requires("smtp-gui") or []
        if "extra" not in r
    }
    assert {"pyside6-essentials", "dnspython", "cryptography"} <= required
    assert required <= found.keys()
    assert "pytest" not in found and "hypothesis" not in found
    assert found["dnspython"].license == "ISC"
    assert "PySide6" in found["pyside6-essentials"].name
    assert "LGPL-3.0" in found["pyside6-essentials"].license
    text = licenses.licence_text(found["dnspython"])
    assert "ISC" in text or "Permission to use" in text
    python = licenses.python_component()
    assert python.name == "Python" and python.license == "PSF-2.0"


def test_spec_collects_what_is_loaded_by_name() -> None:
    """The subcommands are imported by name (cli._COMMAND_MODULES) and the panes too
    (ui/pane.py PANES): the spec collects every submodule and checks the subcommands."""
    spec = (ROOT / "packaging" / "smtp-gui.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("smtp_gui")' in spec
    assert "_COMMAND_MODULES" in spec
    assert _COMMAND_MODULES  # what the spec's assertion walks
