"""Übersichten → Jahresvergleich driven as a caseworker would: tick years, read the table, correct, undo, open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2012,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
    demo_id,
)
from zv_desktop.core.store import Store
from zv_desktop.ui.comparison_models import GOAL_ROLE, STATUS_ROLE, ComparisonModel
from zv_desktop.ui.comparison_view import ComparisonWindow, show_comparison_for
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active
from .test_accessibility import _duplicate_shortcuts, _labels_without_buddy, _shortcut_letters, _unnamed

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


METTMANN = [agreement_id(k) for k in (AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022)]
KDU_2012, KDU_2014, KDU_2022 = (
    demo_id(f"agreement/{key}/goal/kdu")
    for key in (AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022)
)


@pytest.fixture
def window(qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"unexpected warning: {a[2]}"))
    w = MainWindow(store)
    show_active(qtbot, w)
    return w


def _open_from_menu(window: MainWindow) -> ComparisonWindow:
    """The menu entry "Jahresvergleich…" with the 2022 agreement chosen in the navigation."""
    assert window.nav.select("agreement", METTMANN[2])
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    next(a for m in menus for a in m.actions() if a.text() == "&Jahresvergleich…").trigger()
    view = window.findChild(ComparisonWindow)
    assert view is not None and view.isVisible()
    return view


def _cell(view: ComparisonWindow, goal_id: str):  # type: ignore[no-untyped-def]
    index = view.model.index_of(goal_id)
    assert index.isValid(), goal_id
    return index


def _tick_first_agreement(qtbot: QtBot, view: ComparisonWindow) -> None:
    """Tick the oldest agreement with the keyboard: the list, its first line, Space."""
    view.agreement_list.setFocus()
    view.agreement_list.setCurrentRow(0)
    qtbot.keyClick(view.agreement_list.viewport(), Qt.Key.Key_Space)
    QApplication.processEvents()


def test_pick_the_three_mettmann_agreements_and_read_the_table(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_from_menu(window)
    assert view.party.currentText() == "Kreis Mettmann (3)"
    assert view.checked_ids() == METTMANN[1:]  # 2022 and, without a previous_id, the Träger's latest earlier one
    _tick_first_agreement(qtbot, view)
    assert view.checked_ids() == METTMANN
    model_ = view.model
    assert [model_.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "2012 (abgeschlossen)",
        "2014 (abgeschlossen)",
        "2022 (abgeschlossen)",
    ]
    index = _cell(view, KDU_2022)
    assert index.column() == 2 and index.data(STATUS_ROLE) == "changed"
    assert index.data().splitlines() == [
        "Entwicklung der Kosten der Unterkunft",
        "geändert: Titel, Zielart, Beschreibung, Stelle",
    ]
    assert index.siblingAtColumn(1).data(GOAL_ROLE) == KDU_2014
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    removed = _cell(view, KDU_2012).siblingAtColumn(1)
    assert removed.data() == "– entfällt –" and removed.data(STATUS_ROLE) == "removed"
    view.table.setCurrentIndex(index)
    detail = view.detail.toPlainText()
    assert "Geändert gegenüber 2014" in detail and "Grund: Messgröße, Zielart geändert" in detail
    assert view.unmatch_button.isEnabled() and view.match_button.isEnabled()
    view.only_differences.setChecked(True)
    assert model_.rowCount() == 34  # every chain differs somewhere in these three years
    assert view.table.currentIndex().data(GOAL_ROLE) == KDU_2022
    view.tabs.setCurrentIndex(1)
    changes = view.changes.toPlainText()
    assert changes.index("2022 gegenüber 2014") < changes.index("2014 gegenüber 2012")


def test_correct_a_match_and_undo_it(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    view = show_comparison_for(window, METTMANN)
    assert view is not None
    show_active(qtbot, view)
    view.table.setCurrentIndex(_cell(view, KDU_2022))
    qtbot.mouseClick(view.unmatch_button, Qt.MouseButton.LeftButton)
    assert [(m.earlier_goal_id, m.later_goal_id, m.matched) for m in store.find(model.GoalMatch)] == [
        (KDU_2014, KDU_2022, False)
    ]
    assert _cell(view, KDU_2022).data(STATUS_ROLE) == "new"
    assert view.table.currentIndex().data(GOAL_ROLE) == KDU_2022  # the selection follows the goal
    assert window.undo_action.text() == "&Rückgängig: Zuordnung lösen"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.find(model.GoalMatch) == []
    assert _cell(view, KDU_2022).data(STATUS_ROLE) == "changed"

    view.table.setCurrentIndex(_cell(view, KDU_2014))  # pair 2014's housing goal with 2012's by hand
    qtbot.mouseClick(view.match_button, Qt.MouseButton.LeftButton)
    dialog = view.match_dialog
    assert dialog is not None and dialog.isVisible()
    assert _unnamed(dialog) == [] and _labels_without_buddy(dialog) == []
    titles = [dialog.goals.item(i).text().splitlines()[0] for i in range(dialog.goals.count())]
    dialog.goals.setCurrentRow(titles.index("Entwicklung der Leistungen für Unterkunft und Heizung beobachten"))
    qtbot.keyClick(dialog.goals, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    index = _cell(view, KDU_2014)
    assert index.siblingAtColumn(0).data(GOAL_ROLE) == KDU_2012 and index.siblingAtColumn(2).data(GOAL_ROLE) == KDU_2022
    assert "Grund: von Hand zugeordnet" in view.detail.toPlainText()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _cell(view, KDU_2014).siblingAtColumn(0).data(GOAL_ROLE) is None
    qtbot.keyClick(view.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _cell(view, KDU_2014).siblingAtColumn(0).data(GOAL_ROLE) == KDU_2012


def test_double_click_opens_the_goal_in_the_main_window(qtbot: QtBot, window: MainWindow) -> None:
    view = show_comparison_for(window, METTMANN)
    assert view is not None
    show_active(qtbot, view)
    index = _cell(view, KDU_2014)
    view.table.scrollTo(index)
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.editors["goal"]
    assert window.pages.currentWidget() is editor and editor.record_id == KDU_2014


def test_model_passes_qt_model_checks(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = show_comparison_for(window, METTMANN)
    assert view is not None
    qtmodeltester.check(view.model)
    qtmodeltester.check(ComparisonModel())


def test_keyboard_screen_reader_and_size(qtbot: QtBot, window: MainWindow) -> None:
    view = show_comparison_for(window, [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)])
    assert view is not None
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        assert _unnamed(view) == [] and _labels_without_buddy(view) == [] and _duplicate_shortcuts(view) == []
    letters = {entry.split(":")[0] for entry in _shortcut_letters(view)}
    tab_letters = {re.search(r"&(.)", view.tabs.tabText(i)).group(1).lower() for i in range(view.tabs.count())}  # type: ignore[union-attr]
    menus = {re.search(r"&(.)", a.text()).group(1).lower() for a in window.menuBar().actions()}  # type: ignore[union-attr]
    assert not (letters | tab_letters) & (menus | {"d", "b", "a"})  # the main window's menu letters
    assert not letters & tab_letters
    hint = view.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    view.agreement_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert view.model.columnCount() == 0 and "mindestens zwei" in view.detail.toPlainText()


def test_screenshot_of_the_comparison(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = show_comparison_for(window, METTMANN)
    assert view is not None
    view.resize(1366, 768)
    view.table.setCurrentIndex(_cell(view, KDU_2022))
    QApplication.processEvents()
    target = tmp_path / "jahresvergleich.png"
    assert view.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_the_window_opens_on_a_cell_with_a_goal(qtbot: QtBot, window: MainWindow) -> None:
    assert window.nav.select("agreement", agreement_id(AGREEMENT_KAMEN_2002))
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    next(a for m in menus for a in m.actions() if a.text() == "&Jahresvergleich…").trigger()
    view = next(v for v in window.findChildren(ComparisonWindow) if v.isVisible())
    assert view.model.index(0, 0).data(GOAL_ROLE) is None  # the first goal of 2002 is new: 2001 has no cell there
    current = view.table.currentIndex()
    assert current.isValid() and current.data(GOAL_ROLE) is not None
    assert view.detail.toPlainText().strip()
