"""Shared fixtures: real data files in tmp_path, and running `zv` in-process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ZV_USER", "testerin")

from zv_desktop.cli.main import main as zv_main
from zv_desktop.core.demo import build_demo
from zv_desktop.core.store import Store, open_store


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test has its own settings files, never the user's."""
    monkeypatch.setenv("ZV_SETTINGS", str(tmp_path / "settings" / "zv-desktop.ini"))
    monkeypatch.setenv("ZV_ADMIN_SETTINGS", str(tmp_path / "settings" / "zv-desktop-admin.ini"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a data file that does not exist yet."""
    return tmp_path / "amt.sqlite"


@pytest.fixture
def store(db_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, real data file with the current schema at ``db_path``: a copy of the session's empty file, or for a
    test or module marked ``demo`` of the session's demo file (creating a file takes 60 ms, building the demo most
    of a second; copying and opening either, about 12 ms). Opened at its new place, the copy is a replica of its own,
    as any copied data file is."""
    marked = request.node.get_closest_marker("demo") is not None
    shutil.copy(request.getfixturevalue("demo_file" if marked else "empty_file"), db_path)
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with the current schema and no records, created once per test process; copy it before use."""
    path = tmp_path_factory.mktemp("leer") / "leer.sqlite"
    open_store(path, create=True, office_name="Kreis Testland").close()
    return path


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with the demo, built once per test process; copy it before changing anything."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    s = open_store(path, create=True, office_name="Kreis Testland")
    build_demo(s)
    s.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the demo file, open."""
    path = tmp_path / "demo-kopie.sqlite"
    shutil.copy(demo_file, path)
    s = open_store(path)
    yield s
    s.close()


@dataclass
class ZvResult:
    """Exit code and output of one `zv` run."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_zv(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `zv` in-process with arguments; returns ZvResult."""

    def run(*args: str | Path) -> ZvResult:
        capsys.readouterr()
        code = zv_main([str(a) for a in args])
        captured = capsys.readouterr()
        return ZvResult(code, captured.out, captured.err)

    return run
