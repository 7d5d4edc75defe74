"""`make installer-msi`: dist/ZV-Desktop-<version>.msi, a per-machine MSI for IT software distribution.

The MSI installs the very program folder of the NSIS installer (``build_windows.build_layout``) into
Program Files for all users, with a Start menu entry, the .zvx file type (HKLM) and an entry in Apps & Features; a
newer MSI replaces an older one (MajorUpgrade), and uninstalling removes the program only. Built with Debian's
``wixl`` (package wixl): ``wixl-heat`` lists the files, ``installer/windows/zv-desktop.wxs`` holds the rest.

An MSI cannot run the bundled Python at installation as the NSIS installer does, so the site-packages are
byte-compiled here, under wine64, with hash-based .pyc files that stay valid whatever dates the installed files get.
Needs wixl and wine64. Prints sizes as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_common import ROOT, run, size_of, version
from build_windows import WINDOWS, build_layout, sign

WINE = Path("/usr/lib/wine/wine64")  # Debian's wine64 package
WINESERVER = Path("/usr/lib/wine/wineserver64")


def _compile(folder: Path, prefix: Path) -> None:
    """Byte-compile the site-packages of ``folder`` with its own (Windows) Python under wine."""
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
    # a fresh prefix is set up first, on its own: a program started while wine still sets it up may fail
    subprocess.run([str(WINE), "wineboot", "-i"], env=env, check=True, capture_output=True, timeout=300)
    subprocess.run([str(WINESERVER), "-w"], env=env, check=False, timeout=300)
    site = "Z:" + str((folder / "python" / "Lib" / "site-packages").resolve()).replace("/", "\\")
    command = [WINE, folder / "python" / "python.exe", "-X", "utf8", "-m", "compileall", "-q"]
    command += ["--invalidation-mode", "unchecked-hash", site]
    print("$", " ".join(str(c) for c in command), flush=True)
    # through pipes: wine gives a Windows Python no valid handles for a terminal or a redirected file
    done = subprocess.run(
        [str(c) for c in command], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900
    )
    if done.returncode != 0:
        raise SystemExit(f"Byte-Kompilierung unter wine fehlgeschlagen:\n{done.stdout}\n{done.stderr}")
    subprocess.run([str(WINESERVER), "-k"], env=env, check=False, timeout=60)
    if not any((folder / "python" / "Lib" / "site-packages" / "zv_desktop" / "__pycache__").glob("*.pyc")):
        raise SystemExit("Byte-Kompilierung unter wine hat keine .pyc-Dateien erzeugt")


def _file_list(folder: Path, target: Path) -> None:
    """The wixl fragment (component group CG.files) of every file under ``folder``, in a stable order."""
    names = sorted(str(p.relative_to(folder.parent)) for p in folder.rglob("*") if p.is_file())
    heat = ["wixl-heat", "-p", f"{folder.name}/", "--component-group", "CG.files", "--var", "var.SourceDir"]
    heat += ["--directory-ref", "INSTALLDIR", "--win64"]
    print("$", " ".join(heat), flush=True)
    listed = subprocess.run(
        heat, input="\n".join(names) + "\n", capture_output=True, text=True, check=True, cwd=folder.parent
    )
    target.write_text(listed.stdout, encoding="utf-8")


def make_msi(layout: Path, work: Path, target: Path, number: str) -> Path:
    """The MSI of ``layout`` (copied to ``work`` and compiled there first)."""
    staged = work / "layout"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(layout, staged, symlinks=True)
    _compile(staged, work / "wineprefix")
    _file_list(staged, work / "files.wxs")
    target.parent.mkdir(parents=True, exist_ok=True)
    defines = ["-D", f"Version={number}", "-D", f"SourceDir={staged.name}", "-D", "Win64=yes"]
    run("wixl", "-a", "x64", *defines, "-o", target.resolve(), WINDOWS / "zv-desktop.wxs", work / "files.wxs", cwd=work)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the MSI into ``--dist`` (default dist/) from the Windows layout (built first if missing)."""
    parser = argparse.ArgumentParser(description="MSI-Paket von ZV Desktop für die Softwareverteilung bauen (wixl)")
    parser.add_argument("--layout", type=Path, default=ROOT / "build" / "windows" / "layout")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "msi")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", help="andere Versionsnummer (Test eines Updates)")
    args = parser.parse_args(argv)
    number = args.version or version()
    layout = args.layout.resolve()
    if not (layout / "zv.exe").is_file():
        fresh = args.work.resolve().with_name("msi-layout")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        layout = build_layout(fresh)
    msi = make_msi(layout, args.work.resolve(), args.dist / f"ZV-Desktop-{number}.msi", number)
    sign(msi)
    print(json.dumps({"msi": str(msi), "msi_bytes": msi.stat().st_size, "layout_bytes": size_of(layout)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
