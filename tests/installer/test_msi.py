"""The per-machine MSI (`make installer-msi`) under wine64's msiexec, in a fresh prefix: an older MSI installed
silently into Program Files, the current one over it (one entry in Apps & Features, the newer version), the bundled
Python running `zv demo` and `zv check` from the byte-compiled files, the .zvx file type for all users, and the
silent uninstall removing the program and leaving the data file.

wine runs msiexec with administrator rights, so this shows the MSI works for IT's per-machine installation; a
user without those rights cannot install it on Windows (that is what the NSIS installer is for)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT
from tests.installer.wine import Wine

UNINSTALL = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"


@pytest.fixture(scope="module")
def msi() -> Path:
    given = os.environ.get("ZV_MSI")
    found = Path(given) if given else next(iter(sorted((ROOT / "dist").glob("ZV-Desktop-*.msi"))), None)
    if found is None:
        pytest.fail("no MSI: make installer-msi")
    return found


@pytest.fixture(scope="module")
def older_msi(tmp_path_factory: pytest.TempPathFactory, msi: Path) -> Path:
    """The same program folder as an MSI of version 0.0.1: the package the update replaces."""
    folder = tmp_path_factory.mktemp("alt")
    build = [sys.executable, str(ROOT / "installer" / "build_msi.py"), "--version", "0.0.1"]
    subprocess.run([*build, "--dist", str(folder), "--work", str(folder / "work")], check=True, timeout=900)
    return folder / "ZV-Desktop-0.0.1.msi"


def _entries(wine: Wine) -> list[str]:
    """The Apps & Features entries (of all users) that name ZV Desktop, as `reg query /s` prints them."""
    listing = wine.run("reg", "query", UNINSTALL, "/s", check=False).stdout
    blocks = listing.split("\n\n")
    return [block for block in blocks if "DisplayName    REG_SZ    ZV Desktop" in block]


def test_install_for_all_users_update_use_and_uninstall(wine: Wine, msi: Path, older_msi: Path) -> None:
    wine.run("msiexec", "/i", str(older_msi), "/qn")
    assert (wine.program_files / "ZV Desktop.exe").is_file() and (wine.program_files / "zv.exe").is_file()
    [entry] = _entries(wine)
    assert "DisplayVersion    REG_SZ    0.0.1" in entry

    wine.run("msiexec", "/i", str(msi), "/qn")  # the update replaces the older package
    [entry] = _entries(wine)
    assert "DisplayVersion    REG_SZ    " + msi.stem.rsplit("-", 1)[1] in entry
    compiled = wine.program_files / "python" / "Lib" / "site-packages" / "zv_desktop" / "__pycache__"
    assert any(p.name.endswith(".cpython-313.pyc") for p in compiled.iterdir())  # compiled when the MSI was built

    wine.documents.mkdir(parents=True, exist_ok=True)
    data = wine.documents / "amt.sqlite"
    db = wine.windows(data)
    made = wine.run(wine.program_files / "zv.exe", "--db", db, "demo")
    assert "Demodaten" in made.stdout + made.stderr and data.exists()
    assert "in Ordnung" in wine.run(wine.program_files / "zv.exe", "--db", db, "check").stdout
    command = wine.registry(r"HKLM\Software\Classes\ZVDesktop.Austauschdatei\shell\open\command")
    assert r'C:\Program Files\ZV Desktop\ZV Desktop.exe" "%1"' in command
    assert "ZVDesktop.Austauschdatei" in wine.registry(r"HKLM\Software\Classes\.zvx")
    kept = data.read_bytes()

    wine.run("msiexec", "/x", str(msi), "/qn")
    assert not (wine.program_files / "python").exists() and not (wine.program_files / "zv.exe").exists()
    assert _entries(wine) == []
    assert "ZVDesktop.Austauschdatei" not in wine.registry(r"HKLM\Software\Classes\.zvx")
    assert data.read_bytes() == kept  # the user's data file stays
