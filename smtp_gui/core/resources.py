"""Where the shipped data lives, for a source checkout and for an installed wheel."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def resource_dir() -> Path:
    """The ``resources/`` folder: installed as ``smtp_gui/resources``, or at the checkout's top."""
    installed = resources.files("smtp_gui").joinpath("resources")
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_json_folder(*parts: str) -> list[Any]:
    """Every ``*.json`` file in a resource folder, in name order."""
    folder = resource_path(*parts)
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
