"""Portable mode: a `portable.ini` beside the program keeps settings, logs and the default data file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from zv_desktop.core import paths
from zv_desktop.ui.settings import Settings, user_settings_path


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A program folder (as on a USB stick), with no test overrides of the settings or data file."""
    folder = tmp_path / "USB-Stick" / "ZV Desktop"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "program_folder", lambda: folder)
    monkeypatch.delenv("ZV_SETTINGS", raising=False)
    monkeypatch.delenv("ZV_DB", raising=False)
    return folder


def test_without_portable_ini_the_users_folders_are_used(program: Path) -> None:
    assert paths.portable_folder() is None
    for path in (paths.default_db_path(), paths.settings_file(), paths.log_dir()):
        assert program not in path.parents


def test_portable_ini_keeps_settings_logs_and_data_beside_the_program(program: Path) -> None:
    (program / "portable.ini").write_text("", encoding="utf-8")
    assert paths.portable_folder() == program
    assert paths.default_db_path() == program / "Daten" / "zv-daten.sqlite"
    assert paths.log_dir() == program / "Protokolle"
    assert user_settings_path() == program / "portable.ini"
    settings = Settings()
    assert settings.set_value("office_name", "Jobcenter Kreis Mettmann")
    assert "Jobcenter Kreis Mettmann" in (program / "portable.ini").read_text(encoding="utf-8")


def test_an_explicit_data_file_still_wins_in_portable_mode(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (program / "portable.ini").write_text("", encoding="utf-8")
    monkeypatch.setenv("ZV_DB", "/daten/amt.sqlite")
    assert paths.default_db_path() == Path("/daten/amt.sqlite")
