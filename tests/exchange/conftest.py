"""Fixtures for the exchange tests: a real exchange file, a folder the gate's temporary copies go to."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from zv_desktop.core.demo import build_demo
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.store import open_store


@pytest.fixture(scope="session")
def exchange_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real exchange file: the demo of „Jobcenter Test“, written by ``zv exchange export``."""
    folder = tmp_path_factory.mktemp("austausch")
    data_file = folder / "amt.sqlite"
    store = open_store(data_file, create=True, office_name="Jobcenter Test")
    build_demo(store)
    target = folder / "jobcenter-test.zvx"
    export_exchange(store, target)
    store.close()
    return target.read_bytes()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An empty folder for received files (as the user's download folder)."""
    folder = tmp_path / "posteingang"
    folder.mkdir()
    return folder


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder ``tempfile`` hands out during the test, so a test sees every folder the gate leaves behind."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
