"""Settings with administrator presets and locks; Datei → Neu / Öffnen / Zuletzt geöffnet / Demo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from zv_desktop.core.store import Store
from zv_desktop.ui import file_actions
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.settings import Settings


def _admin(text: str) -> None:
    path = Path(os.environ["ZV_ADMIN_SETTINGS"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_administrator_presets_and_locks() -> None:
    _admin("[preset]\noffice_name=Kreis Mettmann\ndefault_folder=/srv/zv\n\n[locked]\nkeys=office_name\n")
    settings = Settings()
    assert settings.value("office_name") == "Kreis Mettmann" and settings.is_locked("office_name")
    assert not settings.set_value("office_name", "Anderes Amt")
    assert settings.value("office_name") == "Kreis Mettmann"
    assert settings.value("default_folder") == "/srv/zv"  # a preset the user may change
    assert settings.set_value("default_folder", "/home/sb/zv")
    assert Settings().value("default_folder") == "/home/sb/zv"


def test_recent_files_newest_first_without_missing_ones(tmp_path: Path) -> None:
    settings = Settings()
    files = [tmp_path / f"{n}.sqlite" for n in "abc"]
    for f in files:
        f.write_bytes(b"")
        settings.add_recent_file(f)
    settings.add_recent_file(files[0])
    files[1].unlink()
    assert Settings().recent_files() == [files[0].resolve(), files[2].resolve()]


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    return w


def test_opening_a_foreign_file_shows_the_german_message(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreign = tmp_path / "tabelle.sqlite"
    foreign.write_text("Name;Wert\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(foreign), ""))
    opener = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Ö&ffnen…")
    opener.trigger()  # Datei → Öffnen…, as clicked
    assert shown == [f"Die Datei „{foreign}“ ist keine ZV-Datei (keine SQLite-Datenbank)."]
    assert "amt.sqlite" in window.windowTitle()  # still the file that was open
    assert foreign.read_text(encoding="utf-8") == "Name;Wert\n"


def test_new_file_takes_the_office_name_from_the_settings(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin("[preset]\noffice_name=Stadt Kamen\n[locked]\nkeys=office_name\n")
    window.settings = Settings()
    target = tmp_path / "neu" / "kamen"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    file_actions.new_file(window)
    assert window.store is not None and window.store.path == target.with_suffix(".sqlite")
    assert window.store.site_name == "Stadt Kamen" and "Stadt Kamen" in window.windowTitle()
    QApplication.processEvents()  # the recent list is written once the window is up
    recent = [a.text() for a in window.recent_menu.actions()]
    assert str(target.with_suffix(".sqlite").resolve()) == recent[0]


def test_demo_opens_with_the_seed_agreements(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZV_DB", str(tmp_path / "daten" / "zv-daten.sqlite"))
    file_actions.open_demo(window)
    assert window.store is not None and window.store.path == tmp_path / "daten" / "zv-demo.sqlite"
    tops = [window.nav.model.index(r, 0).data() for r in range(window.nav.model.rowCount())]
    assert "Kreis Mettmann" in tops and "Stadt Kamen" in tops


def test_demo_opened_again_keeps_what_the_user_changed(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zv_desktop.core import model
    from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, agreement_id
    from zv_desktop.core.services import agreements

    monkeypatch.setenv("ZV_DB", str(tmp_path / "daten" / "zv-daten.sqlite"))
    file_actions.open_demo(window)
    assert window.store is not None
    draft = window.store.get(model.Agreement, agreement_id(AGREEMENT_KAMEN_2002))
    draft.title = "Mein Versuch"
    agreements.save_agreement(window.store, draft)
    file_actions.open_demo(window)
    assert window.store.get(model.Agreement, draft.id).title == "Mein Versuch"
