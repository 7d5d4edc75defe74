"""What the Linux and Windows builds share: the version, running a step, the app's wheel, folder sizes."""

from __future__ import annotations

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


def size_of(path: Path) -> int:
    """Bytes of all files under ``path`` (links not counted twice)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
