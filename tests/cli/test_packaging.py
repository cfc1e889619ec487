"""What ``pip install .`` ships: every package and data folder, quietly, and an app that runs.

The declaration is checked against the tree on every run. Building the wheel needs setuptools
77 or later in the running environment (the build runs without isolation: no index, no
network); where that is missing the build test is skipped and says why.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _resource_files() -> list[Path]:
    """Every data file under resources/, relative to it (not Python, not caches)."""
    return sorted(
        p.relative_to(ROOT / "resources")
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    )


def _package_of(folder: Path) -> str:
    """The dotted package a folder of the checkout is installed as."""
    parts = folder.relative_to(ROOT).parts
    if parts[0] == "resources":
        return ".".join(("smtp_gui", *parts))
    return ".".join(parts)


def test_every_code_and_data_folder_is_a_declared_package() -> None:
    folders = {p.parent for p in (ROOT / "smtp_gui").rglob("*.py")} | {
        (ROOT / "resources" / f).parent for f in _resource_files()
    }
    folders = {f for f in folders if "__pycache__" not in f.parts}
    missing = {_package_of(f) for f in folders} - set(SETUPTOOLS["packages"])
    assert not missing, f"add to [tool.setuptools] packages: {sorted(missing)}"


def test_every_data_file_matches_a_package_data_pattern() -> None:
    data = SETUPTOOLS["package-data"]
    for relative in _resource_files():
        package = _package_of(ROOT / "resources" / relative.parent)
        patterns = data.get("*", []) + data.get(package, [])
        assert any(fnmatch.fnmatch(relative.name, p) for p in patterns), (
            f"resources/{relative} is not shipped: no package-data pattern for it"
        )


def test_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    for name in project["license-files"]:
        assert "MIT License" in (ROOT / name).read_text(encoding="utf-8")


def _setuptools_version() -> tuple[int, ...]:
    try:
        import setuptools
    except ImportError:
        return (0,)
    return tuple(int(x) for x in setuptools.__version__.split(".")[:2] if x.isdigit())


@pytest.mark.skipif(
    _setuptools_version() < (77,), reason="building the wheel offline needs setuptools >= 77"
)
def test_wheel_builds_quietly_and_runs_from_its_own_files(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", *PYPROJECT["project"]["license-files"]):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("smtp_gui", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", "dist", "."],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = built.stdout + built.stderr
    assert built.returncode == 0, output[-3000:]
    noisy = [line for line in output.splitlines() if "warning" in line.lower()]
    assert not noisy, "\n".join(noisy[:20])

    (wheel,) = (source / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        site = tmp_path / "site"
        archive.extractall(site)
    shipped = {n.removeprefix("smtp_gui/resources/") for n in names}
    missing = [str(f) for f in _resource_files() if f.as_posix() not in shipped]
    assert not missing, missing
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)

    # Away from the checkout, with the wheel's files first on the path: only they can answer.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p
    )
    run = subprocess.run(
        [sys.executable, "-m", "smtp_gui", "explain", "554", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["code"] == "554" and data["known"] is True
    where = subprocess.run(
        [sys.executable, "-c", "from smtp_gui.core.resources import resource_dir as r; print(r())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == site / "smtp_gui" / "resources"
