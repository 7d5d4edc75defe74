"""Datei → Sicherung wiederherstellen…: the daily backup on opening, the list, looking into one, restoring."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store, backups, open_store, restoring
from zv_desktop.ui.backup_dialog import BackupDialog
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.settings import Settings

from .conftest import show_active


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "amt.sqlite"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path, boxes: list[tuple[str, str]]) -> MainWindow:
    w = MainWindow(open_store(demo_path))
    show_active(qtbot, w)
    return w


def _menu_action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    for action in window.menuBar().actions()[0].menu().actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(text)


def _cells(table, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_opening_makes_the_daily_backup_once(window: MainWindow, demo_path: Path) -> None:
    listed = backups.list_backups(demo_path)
    assert [b.kind for b in listed] == [backups.Kind.DAILY]
    window.set_store(open_store(demo_path))
    assert len(backups.list_backups(demo_path)) == 1


def test_administrator_folder_and_a_failing_one_warns_once(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, boxes: list[tuple[str, str]]
) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    admin = Path(os.environ["ZV_ADMIN_SETTINGS"])
    admin.parent.mkdir(parents=True, exist_ok=True)
    admin.write_text(f"[preset]\nbackup_folder={blocker / 'sicherungen'}\n[locked]\nkeys=backup_folder\n")
    assert Settings().is_locked("backup_folder")
    w = MainWindow(open_store(demo_path))
    qtbot.addWidget(w)
    w.set_store(open_store(demo_path))
    assert [kind for kind, _ in boxes] == ["warning"]
    assert "konnte nicht angelegt werden" in boxes[0][1]
    assert "amt.sqlite" in w.windowTitle()  # the file is open all the same


def test_dialog_lists_looks_into_and_restores(
    qtbot: QtBot, window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: list[tuple[str, str]]
) -> None:
    assert window.store is not None
    titles = sorted(a.title for a in agreements.list_agreements(window.store))
    migration = demo_path.with_name("amt.sicherung-v3-20250101-120000.sqlite")
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema_v3.sqlite", migration)
    for item in agreements.list_agreements(window.store):  # a bad afternoon
        window.store.delete(model.Agreement, item.id)
    window.store.save(model.Agreement(year=2026, title="Nach der Sicherung"))

    _menu_action(window, "Sicherung wiederherstellen…").trigger()
    QApplication.processEvents()
    dialog = window.findChild(BackupDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    daily = _cells(dialog.table, 0)
    assert daily[1] == "täglich" and daily[3] == str(len(titles)) and daily[2].endswith("MB")
    assert _cells(dialog.table, 1)[1] == "vor Umstellung"

    dialog.table.selectRow(0)
    dialog.look_button.click()
    shown = sorted(dialog.agreements.item(r, 1).text() for r in range(dialog.agreements.rowCount()))
    assert shown == titles
    assert not dialog.grab().isNull()

    dialog.restore_button.click()  # the boxes fixture answers „Nein“
    assert boxes[-1][0] == "question"
    assert [a.title for a in agreements.list_agreements(window.store)] == ["Nach der Sicherung"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    old_store = window.store
    dialog.restore_button.click()
    assert boxes[-1][0] == "information" and "vor dem Wiederherstellen" in boxes[-1][1]
    assert window.store is not old_store
    assert sorted(a.title for a in agreements.list_agreements(window.store)) == titles
    assert restoring.restores(window.store)
    assert dialog.agreements.rowCount() == 0  # the look-in of the backup chosen before is gone
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["vor Wiederherstellung", "täglich", "vor Umstellung"]
    safety = dialog.selected()
    assert safety is not None and safety.kind is backups.Kind.SAFETY
    assert restoring.read_contents(safety.path).agreement_list == [(2026, "Nach der Sicherung")]
    window.close()


def test_restore_is_off_for_a_file_opened_read_only(qtbot: QtBot, demo_path: Path) -> None:
    store: Store = open_store(demo_path)
    backups.make_backup(store.conn, demo_path, now=datetime(2026, 1, 2, 9))
    store.read_only, store.read_only_reason = True, "schreibgeschützt"
    w = MainWindow(store)
    qtbot.addWidget(w)
    dialog = BackupDialog(w)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1  # no daily backup of a file opened for looking only
    assert dialog.look_button.isEnabled() and not dialog.restore_button.isEnabled()
    assert "nur zum Ansehen" in dialog.intro.text()


def test_restore_is_refused_while_a_colleague_has_the_file_open(
    window: MainWindow, demo_path: Path, boxes: list[tuple[str, str]]
) -> None:
    from zv_desktop.core.store.presence import Presence

    colleague = Presence(demo_path, "anna", editing=True)  # another PC has it open
    try:
        _menu_action(window, "Sicherung wiederherstellen…").trigger()
        QApplication.processEvents()
        dialog = window.findChild(BackupDialog)
        assert dialog is not None
        dialog.table.selectRow(0)
        before = demo_path.read_bytes()
        dialog.restore_button.click()
        assert boxes[-1][0] == "warning" and "anna" in boxes[-1][1] and "zuerst schließen" in boxes[-1][1]
        assert demo_path.read_bytes() == before
    finally:
        colleague.leave()


def test_a_rescued_copy_is_made_from_the_menu_and_the_file_stays_as_it_was(
    window: MainWindow, demo_path: Path, tmp_path: Path, boxes: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import SaveAs

    target = tmp_path / "gerettet.sqlite"
    save_as = SaveAs(monkeypatch, target)
    before = demo_path.read_bytes()
    _menu_action(window, "Gerettete Kopie anlegen…").trigger()
    assert save_as.suggested and save_as.suggested[0].name == "amt-gerettet.sqlite"
    assert target.exists() and demo_path.read_bytes() == before
    assert boxes[-1][0] == "question" and "gerettet" in boxes[-1][1]  # answered „Nein“: the window stays
    assert window.store is not None and window.store.path == demo_path
