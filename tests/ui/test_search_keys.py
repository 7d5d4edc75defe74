"""Strg+F by keyboard only: type, go down into the hits with the arrow keys, back up, open the chosen hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core.store import Store
from zv_desktop.ui.search_dialog import HIT_ROLE, SearchDialog

from .conftest import show_active


@pytest.fixture
def dialog(qtbot: QtBot, demo: Store) -> SearchDialog:
    d = SearchDialog(demo)
    show_active(qtbot, d)
    d.field.setFocus()
    qtbot.keyClicks(d.field, "Schuldnerberatung")
    return d


def _opened(qtbot: QtBot, dialog: SearchDialog, widget: object, key: Qt.Key) -> list[tuple[str, str]]:
    opened: list[tuple[str, str]] = []
    dialog.open_requested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    qtbot.keyClick(widget, key)  # type: ignore[arg-type]
    return opened


def _hit(dialog: SearchDialog, row: int) -> tuple[str, str]:
    kind, record_id, agreement_id = dialog.results.item(row).data(HIT_ROLE)
    return ("agreement", agreement_id) if kind == "clause" else (kind, record_id)


def test_down_goes_into_the_hits_and_up_back_to_the_field(qtbot: QtBot, dialog: SearchDialog) -> None:
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)  # at once, before the typing pause has started the search
    assert dialog.results.count() >= 3
    assert QApplication.focusWidget() is dialog.results and dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 1
    qtbot.keyClick(dialog.results, Qt.Key.Key_Up)
    assert dialog.results.currentRow() == 0 and QApplication.focusWidget() is dialog.results
    qtbot.keyClick(dialog.results, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is dialog.field
    assert dialog.field.text() == "Schuldnerberatung"  # the text stays for more typing


def test_enter_opens_the_hit_selected_not_the_first(qtbot: QtBot, dialog: SearchDialog) -> None:
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    third = _hit(dialog, 2)
    assert third != _hit(dialog, 0)
    assert _opened(qtbot, dialog, dialog.results, Qt.Key.Key_Return) == [third]
    assert not dialog.isVisible()


def test_enter_in_the_field_opens_the_selected_hit(qtbot: QtBot, dialog: SearchDialog) -> None:
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    second = _hit(dialog, 1)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Up)  # back in the field, the first hit selected again
    dialog.results.setCurrentRow(1)  # e.g. picked with the mouse wheel and a click, the text unchanged
    dialog.field.setFocus()
    assert _opened(qtbot, dialog, dialog.field, Qt.Key.Key_Return) == [second]


def test_enter_right_after_typing_searches_and_opens_the_first(qtbot: QtBot, dialog: SearchDialog) -> None:
    opened = _opened(qtbot, dialog, dialog.field, Qt.Key.Key_Enter)
    assert opened == [_hit(dialog, 0)]
