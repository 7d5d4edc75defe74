"""No change by a stray mouse wheel; signing asks first; Strg+Z in a saved field undoes in the file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, agreement_id
from zv_desktop.core.store import Store
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)

DRAFT = agreement_id(AGREEMENT_KAMEN_2002)


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    show_active(qtbot, w)
    w.open_record("agreement", DRAFT)
    return w


def _wheel(widget, steps: int) -> None:  # type: ignore[no-untyped-def]
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_over_a_choice_without_focus_changes_nothing(window: MainWindow, store: Store) -> None:
    editor = window.editors["agreement"]
    editor.title.setFocus()
    before = editor.status.currentIndex()
    _wheel(editor.status, 2)
    assert editor.status.currentIndex() == before
    assert store.get(model.Agreement, DRAFT).status is model.AgreementStatus.VERHANDELT


def test_signing_asks_first_and_no_keeps_it_a_draft(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = window.editors["agreement"]
    editor.signed_date.setText("01.03.2002")
    editor.signed_date.editingFinished.emit()
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor.status.setCurrentIndex(editor.status.findData("unterzeichnet"))
    editor.status.activated.emit(editor.status.currentIndex())
    assert asked and "auch nicht mit „Rückgängig“" in asked[0]
    stored = store.get(model.Agreement, DRAFT)
    assert stored.status is model.AgreementStatus.VERHANDELT and stored.signed_date == date(2002, 3, 1)
    assert editor.status.currentData() == "verhandelt"


def test_ctrl_z_in_a_saved_field_undoes_in_the_file(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    editor = window.editors["agreement"]
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Neuer Titel")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert store.get(model.Agreement, DRAFT).title == "Neuer Titel"
    assert editor.title.hasFocus()
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get(model.Agreement, DRAFT).title == "Zielvereinbarung 2002 Kreis Unna – Stadt Kamen (Sozialhilfe)"


def test_qt_dialogs_speak_german(window: MainWindow) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question, "Frage", "Löschen?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Ja", "Nein"}
    menu = window.editors["agreement"].title.createStandardContextMenu()
    assert any(a.text().replace("&", "").startswith("Rückgängig") for a in menu.actions())
