"""The import direction (import-linter's contracts), and what they cannot see: the UI never touches SQL, reports
never query, month names are spelled once, and importing the whole core loads no Qt."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "zv_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in forbidden or any(name.startswith(f) for f in forbidden if "." in f):
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return bad


def test_the_import_contracts_hold() -> None:
    """The layers (cli | ui → demo → reports | exchange → charts → services → rules | store → model), no Qt in the
    core and the CLI, and no import cycle within a package: import-linter's contracts in pyproject.toml."""
    program = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(program), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_ui_does_not_use_sqlite_directly() -> None:
    assert _offenders("ui", ("sqlite3", "sqlite_utils")) == []
    for path in (PACKAGE / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(execute|executemany|executescript)\(|\.conn\b|\.query\(", text), (
            f"{path.name} talks to the database itself"
        )


def test_importing_all_of_core_loads_no_qt() -> None:
    modules = [
        "zv_desktop.core." + ".".join(p.relative_to(PACKAGE / "core").with_suffix("").parts)
        for p in (PACKAGE / "core").rglob("*.py")
        if p.name != "__init__.py"
    ]
    code = f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\nprint(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_reports_read_through_services() -> None:
    """A report asks the services for its data (one query, one place); it never writes its own SQL."""
    for path in (PACKAGE / "core" / "reports").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(execute|executemany)\(|\.conn\b|\bSELECT\b", text), f"{path.name} queries itself"


def test_month_names_come_from_core_formats() -> None:
    """German month names are spelled in one place (core/formats.py, from Babel); a list typed out elsewhere
    drifts from it."""
    spelled = re.compile(r"[\"'](?:Januar|Februar|Jan|Feb)[\"']\s*\)?\s*,\s*(?:self\.tr\()?[\"'](?:Februar|Feb)")
    for path in PACKAGE.rglob("*.py"):
        if path.name != "formats.py":
            text = path.read_text(encoding="utf-8")
            assert not spelled.search(text), f"{path.relative_to(PACKAGE)} spells the month names itself"
