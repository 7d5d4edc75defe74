"""The installer smoke tests run on built packages (`make installer-test`), never in `make test`."""

from __future__ import annotations

import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installer.wine import wine  # noqa: F401  (the fixture of the Windows tests)

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Bundle:
    """An unpacked bundle and how to run its programs as on a clean machine (no venv, no checkout on the path)."""

    folder: Path
    home: Path

    def run(self, program: str, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        """Run ``program`` of the bundle with a bare environment (German messages, offscreen Qt)."""
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
        }
        return subprocess.run(
            [str(self.folder / program), *(str(a) for a in args)],
            cwd=cwd or self.home,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )


def _package(variable: str, pattern: str) -> Path:
    given = os.environ.get(variable)
    found = Path(given) if given else next(iter(sorted((ROOT / "dist").glob(pattern))), None)
    if found is None or not found.exists():
        pytest.fail(f"no package to test: build it first (make installer-linux) or set {variable}")
    return found


@pytest.fixture(scope="session")
def tarball() -> Path:
    return _package("ZV_BUNDLE_TAR", "zv-desktop-*-x86_64.tar.gz")


@pytest.fixture(scope="session")
def deb() -> Path:
    return _package("ZV_BUNDLE_DEB", "zv-desktop_*_amd64.deb")


@pytest.fixture
def bundle(tarball: Path, tmp_path: Path) -> Bundle:
    """The tar.gz unpacked into a fresh folder, with an empty home."""
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "programm", filter="tar")
    home = tmp_path / "home"
    home.mkdir()
    return Bundle(tmp_path / "programm" / "zv-desktop", home)
