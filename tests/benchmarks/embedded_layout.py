"""The Linux alternative to the PyInstaller bundle, built only to measure it (issue 14: "whichever is smaller and starts
faster: measure both"): an embedded-Python layout with the same native parts.

    zv-desktop-embedded/
        zv-desktop          shell launcher: python/bin/python3.11 -I -m zv_desktop "$@"
        python/bin/python3.11, python/lib/libpython3.11.so.1.0     the interpreter the build venv is made from
        python/lib/python3.11/          its standard library (less what the bundle's spec leaves out), byte-compiled
        python/lib/python3.11/site-packages   the build venv's packages (the app's wheel and its pinned dependencies)
        python/lib/*.so*                the shared libraries the PyInstaller bundle carries (same native code)

PySide6's native part (Qt libraries, plugins, translations) is taken from the PyInstaller bundle itself, so both
layouts hold the same Qt and differ only in how Python and the modules are packed and started. Needs
``make installer-linux`` first (its build venv and bundle). Then compare with ``bench_bundle_start.py --bundle``::

    .venv/bin/python tests/benchmarks/embedded_layout.py --out /tmp/embedded
    .venv/bin/python tests/benchmarks/bench_bundle_start.py --bundle /tmp/embedded/zv-desktop-embedded --db REF
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import sys
import sysconfig
import tarfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "linux"
#: Left out of the standard library, as the bundle's spec excludes them (and what no program of ours imports).
STDLIB_OUT = {"test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "unittest", "pydoc_data",
              "site-packages", "__pycache__"}  # fmt: skip
#: Build tools in the build venv that are not part of the program.
SITE_OUT = {"PyInstaller", "_pyinstaller_hooks_contrib", "altgraph", "pip", "setuptools", "pkg_resources",
            "_distutils_hack", "distutils-precedence.pth", "__pycache__"}  # fmt: skip
LAUNCHER = """#!/bin/sh
HERE=$(dirname "$(readlink -f "$0")")
LD_LIBRARY_PATH="$HERE/python/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$HERE/python/bin/python3.11" -I \\
    -m zv_desktop "$@"
"""


def _ignore_out(names: set[str]) -> Callable[[str, list[str]], set[str]]:
    """A ``copytree`` filter leaving out ``names`` (a name ending in "-" leaves out every entry starting with it)."""
    prefixes = tuple(n for n in names if n.endswith("-"))

    def ignore(folder: str, entries: list[str]) -> set[str]:
        return {e for e in entries if e in names or e.startswith(prefixes)}

    return ignore


def _trim_babel(site: Path) -> None:
    for locale in (site / "babel" / "locale-data").glob("*.dat"):
        if not (locale.name == "root.dat" or locale.name.startswith(("de", "en.", "en_"))):
            locale.unlink()


def build(out: Path) -> Path:
    """The layout in ``out``; returns its folder."""
    bundle = BUILD / "dist" / "zv-desktop" / "_internal"
    venv_site = BUILD / "venv" / "lib" / "python3.11" / "site-packages"
    if not bundle.is_dir() or not venv_site.is_dir():
        raise SystemExit("make installer-linux first (its build venv and bundle are the sources)")
    base = Path(sys.base_prefix)
    layout = out / "zv-desktop-embedded"
    shutil.rmtree(layout, ignore_errors=True)
    python = layout / "python"
    (python / "bin").mkdir(parents=True)
    shutil.copy2(base / "bin" / "python3.11", python / "bin" / "python3.11")
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    shutil.copytree(stdlib, python / "lib" / "python3.11", ignore=_ignore_out(STDLIB_OUT | {"config-3.11-"}))
    shutil.copy2(base / "lib" / "libpython3.11.so.1.0", python / "lib" / "libpython3.11.so.1.0")
    for library in bundle.glob("*.so*"):  # the same shared libraries as the bundle (its links to Qt's stay out:
        if not library.is_symlink():  # PySide6 finds those in its own Qt/lib)
            shutil.copy2(library, python / "lib" / library.name)
    site = python / "lib" / "python3.11" / "site-packages"
    shutil.copytree(venv_site, site, ignore=_ignore_out(SITE_OUT))
    _trim_babel(site)
    # PySide6: its Python files from the venv, its native part exactly as the bundle has it
    shutil.rmtree(site / "PySide6")
    shutil.copytree(bundle / "PySide6", site / "PySide6")
    for source in (venv_site / "PySide6").glob("*.py"):
        shutil.copy2(source, site / "PySide6" / source.name)
    if (venv_site / "PySide6" / "support").is_dir():
        shutil.copytree(venv_site / "PySide6" / "support", site / "PySide6" / "support", dirs_exist_ok=True)
    compileall.compile_dir(python / "lib" / "python3.11", quiet=1, workers=0)
    launcher = layout / "zv-desktop"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    launcher.chmod(0o755)
    return layout


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    layout = build(args.out.resolve())
    tarball = args.out / "zv-desktop-embedded.tar.gz"
    with tarfile.open(tarball, "w:gz") as tar:
        tar.add(layout, arcname=layout.name)
    pyinstaller = BUILD / "dist" / "zv-desktop"
    print(json.dumps({"embedded_bytes": _size(layout), "embedded_tar_gz": tarball.stat().st_size,
                      "pyinstaller_bytes": _size(pyinstaller)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
