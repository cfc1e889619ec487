"""The house's rules, checked by walking the imports.

- ``smtp_gui.core`` never imports Qt (in a fresh interpreter, importing all of it loads no
  PySide6), and ``smtp_gui.ui`` never imports dnspython (DNS lives in core).
- Inside core, each package imports only the packages below it in ``ORDER``: arrows point
  one way, so a newcomer can read the house floor by floor.
- No import cycle between modules anywhere in ``smtp_gui``, except under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import smtp_gui.core

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "smtp_gui"

# Bottom first. A package may import itself, the shared leaf modules and those before it.
ORDER = (
    "text",
    "report",
    "dns",
    "codes",
    "checks",
    "sasl",
    "diagnose",
    "dnsbl",
    "spf",
    "records",
    "headers",
    "probe",
)
LEAVES = ("resources", "deadline")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules ``path`` imports at run time (not those under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    here = _module_name(path)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                if path.name != "__init__.py":
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, set[str]]:
    names = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        graph[name] = {m for m in _imports(path) if m in names and m != name}
    return graph


def _package(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["smtp_gui", "core"] or len(parts) < 3:
        return None
    return parts[2]


def test_core_packages_import_only_packages_below_them() -> None:
    rank = {name: i for i, name in enumerate(ORDER)}
    wrong = []
    for module, targets in _modules().items():
        own = _package(module)
        if own is None:
            continue
        if own not in rank and own not in LEAVES:
            wrong.append(f"{module}: loose module in core (put it in a package)")
            continue
        for target in targets:
            other = _package(target)
            if other is None or other == own or other in LEAVES:
                continue
            if own in LEAVES or rank[other] > rank[own]:
                wrong.append(f"{module} imports {target} ({other} is above {own})")
    assert not wrong, "\n".join(sorted(wrong))


def test_every_core_package_is_declared_and_documented() -> None:
    found = {p.name for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").is_file()}
    assert found == set(ORDER)
    for name in ORDER:
        doc = ast.get_docstring(ast.parse((PACKAGE / "core" / name / "__init__.py").read_text()))
        assert doc and "import" in doc, f"core/{name}/__init__.py must say what it may import"


def test_no_import_cycles() -> None:
    graph = _modules()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(cycles)


def test_no_two_core_classes_share_a_name() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where = str(path.relative_to(PACKAGE))
                if node.name in seen:
                    clashes.append(f"{node.name}: {seen[node.name]} and {where}")
                seen.setdefault(node.name, where)
    assert not clashes, "\n".join(clashes)


def test_no_module_over_400_lines() -> None:
    big = [
        f"{p.relative_to(ROOT)} ({n})"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert not big, big


def test_ui_never_imports_dnspython() -> None:
    wrong = [
        f"{module} imports {target}"
        for path in (PACKAGE / "ui").rglob("*.py")
        for module in [_module_name(path)]
        for target in _imports(path)
        if target == "dns" or target.startswith("dns.")
    ]
    assert not wrong, wrong


def test_core_never_imports_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(smtp_gui.core.__path__, "smtp_gui.core.")]
    assert len(modules) >= 50
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_headless_commands_never_import_qt() -> None:
    code = (
        "import sys\n"
        "from smtp_gui.cli import main\n"
        "main(['explain', '554', '--json'])\n"
        "print('QT', sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "QT []" in result.stdout
