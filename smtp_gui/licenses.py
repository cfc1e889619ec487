"""The software the app is made of and the licences it comes under (for the About dialog).

Installed with pip, the answer comes from the installed distributions' metadata, walked from
smtp-gui's own requirements. In the bundle (PyInstaller), the build has already written it
to ``licenses/index.json`` beside the executable, with each licence's text, since the bundle
carries no metadata to walk. No Qt here: the build (packaging/licenses.py) imports it too.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

INDEX = "index.json"
ROOT_DISTRIBUTION = "smtp-gui"
_LICENCE_FILE = re.compile(r"(?i)^(licen[cs]e|copying|notice)")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Component:
    """One piece of shipped software: its name, version, licence, and the files holding the
    licence's text (absolute when installed; relative to the licences folder in a bundle)."""

    name: str
    version: str
    license: str
    files: tuple[str, ...] = ()
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "files": list(self.files)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Component:
        files = data.get("files", [])
        assert isinstance(files, list)
        return cls(
            str(data["name"]),
            str(data["version"]),
            str(data["license"]),
            tuple(str(f) for f in files),
            str(data.get("note", "")),
        )


def bundled_dir() -> Path | None:
    """The bundle's licences folder: beside the executable (Linux, Windows) or in the
    ``.app``'s Resources (macOS); None when not running from a bundle."""
    if not getattr(sys, "frozen", False):
        return None
    here = Path(sys.executable).resolve().parent
    for folder in (here / "licenses", here.parent / "Resources" / "licenses"):
        if (folder / INDEX).is_file():
            return folder
    return None


def components() -> list[Component]:
    """What this running copy of the app is made of, itself first."""
    folder = bundled_dir()
    if folder is not None:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        return [Component.from_json(item) for item in data["components"]]
    return [*installed_components(), python_component()]


def licence_text(component: Component) -> str:
    """The licence texts of ``component``, one after the other ("" when it ships none)."""
    folder = bundled_dir() or Path()
    texts = []
    for name in component.files:
        path = folder / name
        try:
            texts.append(path.read_text(encoding="utf-8", errors="replace").strip())
        except OSError:
            continue
    return "\n\n".join(texts)


def installed_components(root: str = ROOT_DISTRIBUTION) -> list[Component]:
    """``root`` and every distribution it requires at run time, walked from the installed
    metadata (extras left out); each once, in the order first met."""
    seen: dict[str, Component] = {}
    queue = [root]
    while queue:
        name = queue.pop(0)
        key = _normal(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement of another platform or interpreter
        seen[key] = _component(dist)
        for requirement in dist.requires or []:
            marker = requirement.partition(";")[2]
            match = _NAME.match(requirement)
            if match and "extra" not in marker:
                queue.append(match.group(1))
    return list(seen.values())


def python_component() -> Component:
    """The Python interpreter running the app, with its licence file where it has one."""
    version = ".".join(str(part) for part in sys.version_info[:3])
    base = Path(sys.base_prefix)
    candidates = (
        base / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt",
        base / "LICENSE.txt",  # Windows
    )
    files = tuple(str(p) for p in candidates if p.is_file())[:1]
    return Component("Python", version, "PSF-2.0", files)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    files = [
        f
        for f in dist.files or []
        if _LICENCE_FILE.match(f.name)
        and not f.name.endswith(".py")
        # the metadata folder's own, not copies inside the package (egg-info lists the
        # source tree's top-level files)
        and (len(f.parts) == 1 or f.parts[0].endswith((".dist-info", ".egg-info")))
    ]
    paths = tuple(str(f.locate()) for f in files if Path(str(f.locate())).is_file())
    return Component(meta["Name"], dist.version, licence_name(meta), paths)


def licence_name(meta: metadata.PackageMetadata) -> str:
    """The licence as the metadata names it: the SPDX expression (PEP 639), else a short
    License field, else the classifiers."""
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [
        c.rsplit(" :: ", 1)[-1]
        for c in meta.get_all("Classifier") or []
        if c.startswith("License :: ")
    ]
    return " / ".join(classifiers) or "see its licence file"
