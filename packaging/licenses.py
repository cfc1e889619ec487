"""Write the bundle's ``licenses/`` folder: every component it ships, with its licence texts.

Called by packaging/smtp-gui.spec after PyInstaller has collected the files, with the list
of shared libraries it collected: the Python distributions come from their installed
metadata (smtp_gui.licenses walks smtp-gui's requirements), Qt's LGPLv3 and GPLv3 texts from
packaging/licenses/ (the PySide6 wheels carry none), the interpreter's from its own
LICENSE.txt, PyInstaller's bootloader from its COPYING.txt, and on Debian-like systems each
system library from its package's copyright file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from smtp_gui.licenses import INDEX, Component, installed_components, python_component

HERE = Path(__file__).resolve().parent
QT_NOTE = (
    "Qt and PySide6 are used under the GNU LGPL version 3. They are separate shared libraries "
    "in this one-folder bundle (_internal/PySide6/Qt/lib and _internal/PySide6 on Linux and "
    "Windows; Contents/Frameworks/PySide6 in the macOS .app): you may replace them with your "
    "own build of the same Qt and PySide6 version. Sources: https://download.qt.io/ "
    "(official_releases/qt and official_releases/QtForPython)."
)
BOOTLOADER_NOTE = (
    "The program that starts the bundle is PyInstaller's bootloader: GPL 2.0 or later with "
    "an exception that allows its use in bundles of any licence."
)
README = """Licences of the software in this bundle
========================================

index.json lists every component with its version and licence; each folder here holds the
licence texts of one component. The About dialog (Help > About smtp-gui) shows the same.

{notes}
"""


def write(dest: Path, binaries: Iterable[tuple[str, str]] = ()) -> list[Component]:
    """Fill ``dest`` (emptied first); ``binaries`` are PyInstaller's (name in the bundle,
    source path) pairs, whose system libraries get their Debian copyright files."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    found = installed_components()
    qt = {"pyside6-essentials", "pyside6", "shiboken6"}
    extra = [HERE / "licenses" / "LGPL-3.0.txt", HERE / "licenses" / "GPL-3.0.txt"]
    found = [
        replace(c, files=(*c.files, *map(str, extra)), note=QT_NOTE)
        if re.sub(r"[-_.]+", "-", c.name.lower()) in qt
        else c
        for c in found
    ]
    found.append(python_component())
    found.extend(replace(c, note=BOOTLOADER_NOTE) for c in installed_components("pyinstaller")[:1])
    found.extend(_system_libraries(binaries))
    written = [_copy(component, dest) for component in found]
    index = {"components": [c.to_json() for c in written]}
    (dest / INDEX).write_text(json.dumps(index, indent=1, ensure_ascii=False), encoding="utf-8")
    notes = "\n\n".join(f"{c.name}: {c.note}" for c in written if c.note)
    (dest / "README.txt").write_text(README.format(notes=notes), encoding="utf-8")
    return written


def _copy(component: Component, dest: Path) -> Component:
    """Copy the licence files into ``dest/<name>/``; the paths become relative to ``dest``."""
    folder = re.sub(r"[^A-Za-z0-9._+-]", "_", component.name)
    relative = []
    for source in component.files:
        path = Path(source)
        target = dest / folder / path.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
        relative.append(f"{folder}/{path.name}")
    return replace(component, files=tuple(relative))


def _system_libraries(binaries: Iterable[tuple[str, str]]) -> list[Component]:
    """The Debian packages that the collected libraries outside Python's own tree came from,
    each with its copyright file (nothing where dpkg is missing: Windows, macOS)."""
    if not shutil.which("dpkg") or not sys.platform.startswith("linux"):
        return []
    python_tree = (Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve())
    packages: dict[str, list[str]] = {}
    for name, source in binaries:
        path = Path(source).resolve()
        if any(path.is_relative_to(tree) for tree in python_tree):
            continue
        owner = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
        if owner.returncode != 0:  # a /usr/lib/x86_64-linux-gnu path dpkg knows as /lib
            owner = subprocess.run(
                ["dpkg", "-S", str(path).replace("/usr/lib/", "/lib/", 1)],
                capture_output=True,
                text=True,
            )
        if owner.returncode == 0:
            package = owner.stdout.split(":", 1)[0].strip()
            packages.setdefault(package, []).append(Path(name).name)
    found = []
    for package, libraries in sorted(packages.items()):
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
        ).stdout.strip()
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        files = (str(copyright_file),) if copyright_file.is_file() else ()
        note = "System library from Debian package " + package + ": " + ", ".join(libraries)
        found.append(Component(package, version, "see copyright", files, note))
    return found
