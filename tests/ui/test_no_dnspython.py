"""ui/ never imports dnspython: DNS is core's (core/dns builds, holds and asks resolvers)."""

from __future__ import annotations

import ast
from pathlib import Path

import smtp_gui.ui

UI = Path(smtp_gui.ui.__file__).resolve().parent


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an import statement names, with its line, anywhere in the file."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "dns":  # from dns import resolver
                found.extend((node.lineno, f"dns.{alias.name}") for alias in node.names)
    return found


def test_no_ui_module_imports_dnspython() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) >= 20  # the walk saw the ui package, folders included
    offenders = [
        f"{path.relative_to(UI)}:{line}: {name}"
        for path in files
        for line, name in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if name == "dns" or name.startswith("dns.")
    ]
    assert offenders == []


def test_the_walk_finds_a_dnspython_import() -> None:
    """The check can fail: the way domain_kind.py imported it before is caught."""
    for source in ("import dns.resolver\n", "from dns import resolver\n", "import dns\n"):
        assert [n for _l, n in _imported(ast.parse(source)) if n.split(".")[0] == "dns"]
    assert _imported(ast.parse("from .dns_text import x\n")) == []
