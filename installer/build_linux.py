"""`make installer-linux`: the Linux bundle as dist/zv-desktop-<version>-x86_64.tar.gz and dist/zv-desktop_<version>_amd64.deb.

Steps: the app's wheel from this checkout; a build venv with the program's part of requirements.lock (hashes
checked), that wheel and the locked bundler (installer/requirements-build.lock, hashes checked); PyInstaller's one-folder bundle (installer/linux/zv-desktop.spec, byte-compiled, German only); the
desktop entry, icons and exchange-file type beside it; a tar.gz of the folder; a .deb that installs it to
/opt/zv-desktop with `zv-desktop` and `zv` on PATH. Prints what it made and the sizes as JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tarfile
from pathlib import Path

from build_common import ICONS, ROOT, build_wheel, runtime_lock, size_of, version
from build_common import run as _run

HERE = ROOT / "installer"
LINUX = HERE / "linux"


def build_bundle(work: Path) -> Path:
    """The PyInstaller folder of the app installed from its wheel; returns the folder."""
    wheel = build_wheel(work / "wheel")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    pip = (python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    _run(*pip, "--require-hashes", "-r", runtime_lock(work / "runtime.lock"))  # as locked, hashes checked
    _run(*pip, "--no-deps", wheel)
    _run(*pip, "--require-hashes", "-r", HERE / "requirements-build.lock")  # the bundler, locked like the program
    dist = work / "dist"
    _run(
        python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work / "pyinstaller", LINUX / "zv-desktop.spec",
        cwd=work,
    )  # fmt: skip
    bundle = dist / "zv-desktop"
    shutil.copy(LINUX / "zv-desktop.desktop", bundle / "zv-desktop.desktop")
    shutil.copy(LINUX / "zv-desktop-mime.xml", bundle / "zv-desktop-mime.xml")
    shutil.copy(ICONS / "zv-desktop.png", bundle / "zv-desktop.png")
    shutil.copy(LINUX / "LIESMICH.txt", bundle / "LIESMICH.txt")
    return bundle


def make_tarball(bundle: Path, target: Path) -> Path:
    """The bundle folder as a tar.gz with one top folder ``zv-desktop``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="zv-desktop")
    return target


def make_deb(bundle: Path, work: Path, target: Path, number: str) -> Path:
    """A .deb installing the bundle to /opt/zv-desktop, commands in /usr/bin, menu entry, icons, file type."""
    root = work / "deb"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "zv-desktop"
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("zv-desktop", "zv"):
        (bin_dir / name).symlink_to(f"/opt/zv-desktop/{name}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(LINUX / "zv-desktop.desktop", share / "applications" / "zv-desktop.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / "zv-desktop-mime.xml", share / "mime" / "packages" / "zv-desktop.xml")
    for size in (16, 24, 32, 48, 64, 128, 256):
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(ICONS / f"zv-desktop-{size}.png", folder / "zv-desktop.png")
    control = (LINUX / "control.in").read_text(encoding="utf-8")
    (root / "DEBIAN").mkdir()
    text = control.format(version=number, installed_kb=size_of(root) // 1024)
    (root / "DEBIAN" / "control").write_text(text, encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    _run("dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", root, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build both packages into ``--dist`` (default dist/)."""
    parser = argparse.ArgumentParser(description="Linux-Paket von ZV Desktop bauen (tar.gz und .deb)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "linux")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-deb", action="store_true", help="nur das tar.gz")
    args = parser.parse_args(argv)
    number = version()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    bundle = build_bundle(args.work.resolve())
    made = {"bundle": str(bundle), "bundle_bytes": size_of(bundle)}
    tarball = make_tarball(bundle, args.dist / f"zv-desktop-{number}-x86_64.tar.gz")
    made |= {"tar_gz": str(tarball), "tar_gz_bytes": tarball.stat().st_size}
    if not args.no_deb:
        deb = make_deb(bundle, args.work.resolve(), args.dist / f"zv-desktop_{number}_amd64.deb", number)
        made |= {"deb": str(deb), "deb_bytes": deb.stat().st_size}
    print(json.dumps(made, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
