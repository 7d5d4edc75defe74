"""What the Linux and Windows builds share: the version, running a step, the app's wheel, folder sizes."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"


def version() -> str:
    """The version in pyproject.toml."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def run(*command: str | Path, cwd: Path | None = None) -> None:
    """Run one build step, echoing it; a failure stops the build."""
    print("$", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=cwd)


def build_wheel(folder: Path) -> Path:
    """The wheel of this checkout (no build isolation: the pinned setuptools of the test extra, no network)."""
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", folder, ROOT)
    [wheel] = folder.glob("zv_desktop-*.whl")
    return wheel


def runtime_lock(target: Path) -> Path:
    """The part of requirements.lock the program needs at run time (its dependencies and theirs, with their
    hashes), written to ``target``: the build installs exactly these, nothing floats."""
    entries = lock_entries((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    by_name = {_canonical(entry.split("==", 1)[0]): entry for entry in entries}
    needs: dict[str, set[str]] = {name: set() for name in by_name}  # who pulls each package in
    for name, entry in by_name.items():
        for via in re.findall(r"#\s+(?:via\s+)?([A-Za-z0-9][\w.-]*)", entry):
            needs[name].add(_canonical(via))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_canonical(r.split("==", 1)[0]) for r in project["dependencies"]}
    changed = True
    while changed:  # everything pulled in by a package already wanted
        more = {name for name, vias in needs.items() if vias & wanted} - wanted
        wanted |= more
        changed = bool(more)
    target.write_text("\n".join(by_name[name] for name in sorted(wanted)) + "\n", encoding="utf-8")
    return target


def lock_entries(text: str) -> list[str]:
    """The entries of a lock file: a "name==version [; marker]" line with its indented hash and "# via" lines."""
    return re.findall(r"^[A-Za-z0-9].*(?:\n[ \t].*)*", text, re.MULTILINE)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def size_of(path: Path) -> int:
    """Bytes of all files under ``path`` (links not counted twice)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
