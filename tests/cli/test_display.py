"""Opening the window: one clear line, exit 1, when there is no display or a library Qt's X11
plugin needs is missing (Qt itself aborts with exit 134 and a hint about libxcb-cursor0
whatever the cause); a quiet ``--smoke`` where a window can open."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smtp_gui.display import XCB_LIBRARIES, display_problem

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
# An X display with no server behind it (checked below): nothing answers there.
NO_SERVER = ":987"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES}
    env.update(extra)
    return env


def run(
    *args: str, env: dict[str, str], prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "smtp_gui", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], pattern: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(pattern, lines[0]), lines[0]


def test_smoke_prints_ok_and_nothing_else() -> None:
    # The offscreen plugin's "This plugin does not support propagateSizeHints()" is dropped.
    result = run("--smoke", env=_env(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"
    assert result.stderr == ""


def test_other_qt_messages_still_reach_stderr() -> None:
    # Only that one notice is dropped: a window built in the same process still warns.
    code = (
        "import sys\n"
        "from PySide6.QtCore import qWarning\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from smtp_gui import app\n"
        "app._install_message_filter()\n"
        "qapp = QApplication(sys.argv[:1])\n"
        "qWarning('This plugin does not support propagateSizeHints()')\n"
        "qWarning('a warning of our own')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "a warning of our own\n"


@pytest.mark.parametrize("args", [[], ["--smoke"]])
def test_no_display_says_so_in_one_line(args: list[str]) -> None:
    result = run(*args, "--lang", "en", env=_env())
    assert_one_line(
        result,
        r"smtp-gui: no display found: neither DISPLAY nor WAYLAND_DISPLAY is set; "
        r"the CLI works without one: smtp-gui --help",
    )


def test_no_display_in_chinese() -> None:
    result = run("--lang", "zh", env=_env())
    assert_one_line(result, r"smtp-gui: 未找到显示器：.*smtp-gui --help")


def test_xcb_asked_for_without_display() -> None:
    result = run("--lang", "en", env=_env(QT_QPA_PLATFORM="xcb", WAYLAND_DISPLAY="wayland-0"))
    assert_one_line(result, r"smtp-gui: no display found: QT_QPA_PLATFORM=xcb needs DISPLAY.*")


def test_x_display_nobody_serves() -> None:
    assert not Path(f"/tmp/.X11-unix/X{NO_SERVER[1:]}").exists()
    result = run("--lang", "en", env=_env(DISPLAY=NO_SERVER))
    assert_one_line(
        result, rf"smtp-gui: no display found: cannot connect to the X display {NO_SERVER};.*"
    )


def _library_file(soname: str) -> Path | None:
    """Where the dynamic linker finds ``soname`` (ldconfig's cache)."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    if not Path(ldconfig).exists():
        return None
    listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    found = re.search(rf"^\s*{re.escape(soname)} \(.*?\) => (\S+)$", listing, re.M)
    return Path(found.group(1)).resolve() if found else None


def test_missing_xcb_library_names_its_package() -> None:
    """libxcb-cursor0 really unloadable: /dev/null bound over the library's file in a private
    mount namespace, so that dlopen fails as on a machine without the package."""
    library = _library_file("libxcb-cursor.so.0")
    unshare = shutil.which("unshare")
    if library is None or unshare is None:
        pytest.skip("needs libxcb-cursor0 installed and unshare(1)")
    hide = (
        unshare,
        "-r",
        "-m",
        "sh",
        "-c",
        f'mount --bind /dev/null "{library}" && exec "$0" "$@"',
    )
    probe = subprocess.run([*hide, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"no private mount namespace here: {probe.stderr.strip()}")
    result = run("--lang", "en", env=_env(DISPLAY=NO_SERVER), prefix=hide)
    assert_one_line(
        result,
        r"smtp-gui: cannot open the window: Qt's X11 \(xcb\) platform cannot load "
        r"libxcb-cursor\.so\.0; install the Debian/Ubuntu packages: apt-get install "
        r"libxcb-cursor0; the CLI works without them: smtp-gui --help",
    )


def _qxcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def test_the_table_covers_every_x11_library_the_plugin_loads() -> None:
    plugin = _qxcb_plugin()
    ldd = shutil.which("ldd")
    if sys.platform != "linux" or ldd is None or not plugin.exists():
        pytest.skip("needs Linux, ldd and PySide6's xcb plugin")
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True).stdout
    needed = set(re.findall(r"^\s*((?:libxcb|libxkbcommon|libX11)[\w.-]*\.so\.\d+)", listing, re.M))
    assert "libxcb-cursor.so.0" in needed
    assert needed <= set(XCB_LIBRARIES), sorted(needed - set(XCB_LIBRARIES))


def test_each_library_belongs_to_its_debian_package() -> None:
    if shutil.which("dpkg") is None:
        pytest.skip("not a Debian system")
    wrong = {}
    for soname, package in XCB_LIBRARIES.items():
        owner = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
        if owner.returncode != 0:
            continue  # not installed here: nothing to compare with
        owners = {line.split(":", 1)[0] for line in owner.stdout.splitlines()}
        if package not in owners:
            wrong[soname] = (package, sorted(owners))
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "win32", None),
        ({}, "darwin", None),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", None),
        ({"QT_QPA_PLATFORM": "wayland;offscreen"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", None),
        ({}, "linux", "display.reason_unset"),
        ({"DISPLAY": ""}, "freebsd14", "display.reason_unset"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", "display.reason_unset"),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux", "display.reason_platform_needs"),
    ],
)
def test_when_a_display_is_missing(
    environ: dict[str, str], platform: str, expected: str | None
) -> None:
    problem = display_problem(environ, platform=platform)
    assert (problem and problem.reason) == expected
