"""The Windows installer under wine64, in a fresh WINEPREFIX: an older build installed silently per user, a data file
made with it, the current build installed over it (the data file stays, stale program files go), the bundled Python
running `zv demo`, `zv check`, `zv report …` (the PDF read back) and `zv import-xlsx --dry-run`, the registry entries
of Apps & Features and of the .zvx file type, and the silent uninstall leaving the data.

The window cannot be tested here: Qt 6 needs the Windows system ICU (icuuc.dll), which wine lacks, so the GUI does
not start under wine. That part is tested on the Linux bundle (same code) and must be tried on a real Windows PC.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.installer.conftest import ROOT
from tests.installer.wine import WINE, Wine
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id

UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\ZV Desktop"


@pytest.fixture(scope="module")
def setup_exe() -> Path:
    given = os.environ.get("ZV_SETUP_EXE")
    found = Path(given) if given else next(iter(sorted((ROOT / "dist").glob("ZV-Desktop-Setup-*.exe"))), None)
    if found is None or not WINE.exists():
        pytest.fail("no installer or no wine64: make installer-windows, apt-get install wine64")
    return found


@pytest.fixture(scope="module")
def older_setup(tmp_path_factory: pytest.TempPathFactory, setup_exe: Path) -> Path:
    """The same program files packed as version 0.0.1 (quick compression): the build the update goes over."""
    target = tmp_path_factory.mktemp("alt") / "ZV-Desktop-Setup-0.0.1.exe"
    layout = ROOT / "build" / "windows" / "layout"
    script = ROOT / "installer" / "windows" / "zv-desktop.nsi"
    defines = ["-DVERSION=0.0.1", f"-DSOURCE={layout}", f"-DOUTFILE={target}", "-DCOMPRESSOR_FAST"]
    subprocess.run(["makensis", "-V1", *defines, str(script)], check=True, timeout=300)
    return target


def test_install_update_use_and_uninstall_per_user(wine: Wine, setup_exe: Path, older_setup: Path) -> None:
    wine.run(older_setup, "/S")
    assert (wine.programs / "ZV Desktop.exe").is_file() and (wine.programs / "zv.exe").is_file()
    assert "DisplayVersion    REG_SZ    0.0.1" in wine.registry(UNINSTALL_KEY)
    wine.documents.mkdir(parents=True, exist_ok=True)
    data = wine.documents / "amt.sqlite"
    db = wine.windows(data)
    made = wine.zv("--db", db, "demo")
    assert "Demodaten" in made.stdout + made.stderr and data.exists()
    stale = wine.programs / "python" / "Lib" / "site-packages" / "veraltet.py"
    stale.write_text("# a module of the older version\n", encoding="utf-8")
    before = data.read_bytes()

    wine.run(setup_exe, "/S")  # the update, over the older version
    assert "DisplayVersion    REG_SZ    " + setup_exe.stem.rsplit("-", 1)[1] in wine.registry(UNINSTALL_KEY)
    assert not stale.exists()  # the older program files went
    compiled = wine.programs / "python" / "Lib" / "site-packages" / "zv_desktop" / "__pycache__"
    assert any(p.name.endswith(".cpython-313.pyc") for p in compiled.iterdir())  # byte-compiled at installation
    assert data.read_bytes() == before  # the data file stayed as it was
    assert "in Ordnung" in wine.zv("--db", db, "check").stdout

    pdf = wine.documents / "zv-2014.pdf"
    wine.zv("--db", db, "report", "agreement", agreement_id(AGREEMENT_METTMANN_2014)[:8], "-o", wine.windows(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Zielvereinbarung" in text and "Mettmann" in text
    word = wine.documents / "zv-2014.docx"
    wine.zv("--db", db, "report", "agreement", agreement_id(AGREEMENT_METTMANN_2014)[:8], "-o", wine.windows(word))
    assert word.stat().st_size > 10_000  # python-docx and lxml run from the installed program
    sheet = wine.documents / "werte.xlsx"
    wine.zv("--db", db, "export-xlsx", "values", "--year", "2014", "-o", wine.windows(sheet))
    unchanged = data.read_bytes()
    wine.zv("--db", db, "import-xlsx", wine.windows(sheet), "--dry-run")
    assert data.read_bytes() == unchanged

    command = wine.registry(r"HKCU\Software\Classes\ZVDesktop.Austauschdatei\shell\open\command")
    assert 'ZV Desktop.exe" "%1"' in command
    assert "ZVDesktop.Austauschdatei" in wine.registry(r"HKCU\Software\Classes\.zvx")

    wine.run(wine.programs / "Deinstallieren.exe", "/S")
    assert not (wine.programs / "python").exists() and not (wine.programs / "zv.exe").exists()
    assert "ZV Desktop" not in wine.registry(UNINSTALL_KEY)
    assert data.read_bytes() == unchanged and pdf.exists()  # the user's files stay


def test_a_damaged_installation_says_so_in_german(wine: Wine, setup_exe: Path) -> None:
    wine.run(setup_exe, "/S")
    (wine.programs / "python" / "python313.dll").unlink()
    done = wine.run(wine.programs / "zv.exe", "--help", check=False)
    assert done.returncode != 0
    assert "Bitte installieren Sie ZV Desktop neu" in done.stderr and "Traceback" not in done.stderr
