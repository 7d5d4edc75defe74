"""Windows programs under Debian's wine64, each test module in a wine prefix of its own (a fresh Windows profile)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

WINE = Path("/usr/lib/wine/wine64")  # Debian's wine64 package
WINESERVER = Path("/usr/lib/wine/wineserver64")


@dataclass
class Wine:
    """A wine prefix of its own (a Windows user profile)."""

    prefix: Path

    @property
    def user(self) -> str:
        return os.environ.get("USER") or "root"

    def windows(self, path: Path) -> str:
        """The Windows name of a file inside the prefix's C: drive."""
        inside = path.relative_to(self.prefix / "drive_c")
        return "C:\\" + "\\".join(inside.parts)

    @property
    def programs(self) -> Path:
        return self.prefix / "drive_c" / "users" / self.user / "AppData" / "Local" / "Programs" / "ZV Desktop"

    @property
    def program_files(self) -> Path:
        """Where an installation for all users goes (Program Files)."""
        return self.prefix / "drive_c" / "Program Files" / "ZV Desktop"

    @property
    def documents(self) -> Path:
        """A folder for the user's files inside the prefix (wine links the profile's Documents to $HOME, which
        every prefix and every run would share)."""
        return self.prefix / "drive_c" / "Akten"

    def run(self, program: Path | str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a Windows program; its output goes through pipes (wine gives Python no valid handles for a tty)."""
        env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
        done = subprocess.run(
            [str(WINE), str(program), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
        )
        subprocess.run(
            [str(WINESERVER), "-w"], env=env, check=False, timeout=600
        )  # the uninstaller runs on from %TEMP%
        if check:
            assert done.returncode == 0, f"{program} {args}: {done.stdout}\n{done.stderr}"
        return done

    def zv(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.programs / "zv.exe", *args)

    def registry(self, key: str) -> str:
        return self.run("reg", "query", key, check=False).stdout


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """A fresh wine prefix for the test module, shut down afterwards."""
    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
    subprocess.run([str(WINE), "wineboot", "-i"], env=env, capture_output=True, check=True, timeout=300)
    subprocess.run([str(WINESERVER), "-w"], env=env, check=False, timeout=300)
    _add_process_prng(prefix)
    yield Wine(prefix)
    subprocess.run([str(WINESERVER), "-k"], env=env, check=False, timeout=60)


def _add_process_prng(prefix: Path) -> None:
    """Give the prefix the bcryptprimitives.dll of Windows 10 that Debian's wine 8 lacks (the Rust standard library
    in python-calamine asks it for randomness when it loads), built from bcryptprimitives_shim.c."""
    target = prefix / "drive_c" / "windows" / "system32" / "bcryptprimitives.dll"
    source = Path(__file__).with_name("bcryptprimitives_shim.c")
    command = ["x86_64-w64-mingw32-gcc", "-O2", "-s", "-shared", "-o", str(target), str(source), "-ladvapi32"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
