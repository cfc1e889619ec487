"""Where the shipped data lives, for a source checkout and for an installed wheel."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def resource_dir() -> Path:
    """The ``resources/`` folder: installed as ``smtp_gui/resources``, or at the checkout's top.

    The package is always unpacked on disk (a wheel installed by pip, or the one-folder
    bundle), so the folder beside ``smtp_gui/core`` is found from this file's path, without
    ``importlib.resources`` (14 ms of imports on every start)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_json_folder(*parts: str) -> list[Any]:
    """Every ``*.json`` file in a resource folder, in name order."""
    folder = resource_path(*parts)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
