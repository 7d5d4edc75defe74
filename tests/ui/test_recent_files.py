"""Datei → Zuletzt geöffnet: files not found are marked and cannot be chosen; „Liste leeren“ empties the list.
And the start page's records opened lately, kept per data file in the settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core.store import Store, open_store
from zv_desktop.ui import main_menus
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.settings import MAX_RECENT_RECORDS, Settings


def _file(path: Path) -> Path:
    open_store(path, create=True, office_name="Kreis Testland").close()
    return path.resolve()


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    w = MainWindow(store)
    qtbot.addWidget(w)
    QApplication.processEvents()  # the open file goes on the list once the window is up
    yield w
    w.close()


def test_a_file_not_found_is_marked_and_cannot_be_opened(window: MainWindow, tmp_path: Path) -> None:
    kept, gone = _file(tmp_path / "bleibt.sqlite"), _file(tmp_path / "weg.sqlite")
    for path in (kept, gone):
        window.settings.add_recent_file(path)
    gone.unlink()
    main_menus.fill_recent(window)
    texts = [a.text() for a in window.recent_menu.actions() if not a.isSeparator()]
    current = window.store.path.resolve()  # type: ignore[union-attr]
    assert texts == [f"{gone} (nicht gefunden)", str(kept), str(current), "&Liste leeren"]
    marked = next(a for a in window.recent_menu.actions() if a.text().startswith(str(gone)))
    assert marked.text() == f"{gone} (nicht gefunden)" and not marked.isEnabled()
    assert "weg.sqlite" in marked.toolTip() and "nicht gefunden" in marked.toolTip()
    assert window.recent_menu.toolTipsVisible()
    marked.trigger()  # a disabled entry does nothing, whatever calls it
    assert window.store is not None and window.store.path.name == "amt.sqlite"
    assert not gone.exists()
    reachable = next(a for a in window.recent_menu.actions() if a.text() == str(kept))
    assert reachable.isEnabled()
    reachable.trigger()
    assert window.store is not None and window.store.path.resolve() == kept


def test_clearing_the_list_empties_the_menu(window: MainWindow, tmp_path: Path) -> None:
    window.settings.add_recent_file(_file(tmp_path / "b.sqlite"))
    main_menus.fill_recent(window)
    assert window.recent_menu.isEnabled()
    clear = next(a for a in window.recent_menu.actions() if a.text() == "&Liste leeren")
    assert clear.toolTip()
    clear.trigger()
    assert window.recent_menu.actions() == [] and not window.recent_menu.isEnabled()
    assert Settings().recent_file_entries() == []


def test_records_opened_lately_are_kept_per_file_newest_first(tmp_path: Path) -> None:
    settings = Settings()
    one, two, gone = tmp_path / "eins.sqlite", tmp_path / "zwei.sqlite", tmp_path / "weg.sqlite"
    settings.add_recent_record(gone, "goal", "x", "Ziel x")
    for path in (one, two):
        settings.add_recent_file(path)
    for n in range(MAX_RECENT_RECORDS + 2):
        settings.add_recent_record(one, "goal", f"g{n}", f"Ziel {n}")
    settings.add_recent_record(one, "goal", "g5", "Ziel 5 neu")  # opened again: to the top, once
    settings.add_recent_record(two, "paper", "p1", "50/001/2031 Bericht")
    records = Settings().recent_records(one)
    assert len(records) == MAX_RECENT_RECORDS and records[0] == ("goal", "g5", "Ziel 5 neu")
    assert [r[1] for r in records].count("g5") == 1 and ("goal", "g0", "Ziel 0") not in records
    assert Settings().recent_records(two) == [("paper", "p1", "50/001/2031 Bericht")]
    assert Settings().recent_records(gone) == []  # a file off the recent list: its records are forgotten
