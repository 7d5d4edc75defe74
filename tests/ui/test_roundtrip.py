"""From an empty file to a filled one by typing alone, then reopened: everything is there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, catalogue, values
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active, type_into


def _add_goal(qtbot: QtBot, window: MainWindow, kind: str, title: str, fields: dict[str, str]) -> str:
    outline = window.editors["agreement"].structure
    outline.tree.setCurrentItem(outline.tree.topLevelItem(0))
    outline.kind_box.setCurrentIndex(outline.kind_box.findData(kind))
    qtbot.mouseClick(outline.buttons["goal"], Qt.MouseButton.LeftButton)
    editor = window.editors["goal"]
    type_into(qtbot, editor.title, title)
    for name, text in fields.items():
        widget = editor.fields[name].widget
        assert isinstance(widget, QLineEdit)
        type_into(qtbot, widget, text)
    goal_id = editor.record_id
    assert goal_id is not None
    window.open_record("agreement", editor.goal.agreement_id if editor.goal else "")
    return goal_id


def test_typed_agreement_goals_and_values_survive_reopening(qtbot: QtBot, store: Store, db_path: Path) -> None:
    window = MainWindow(store)
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.editors["agreement"]
    type_into(qtbot, editor.title, "Zielvereinbarung Testkreis 2014")
    editor.year.setValue(2014)
    editor.year.editingFinished.emit()
    type_into(qtbot, editor.legal_basis, "§ 48b SGB II")
    qtbot.mouseClick(editor.structure.buttons["section"], Qt.MouseButton.LeftButton)
    ids = {
        "kpi": _add_goal(qtbot, window, "kpi_target", "Integrationsquote", {"target_value": "20,6", "unit": "%"}),
        "budget": _add_goal(qtbot, window, "budget", "Schuldnerberatung", {"amount": "500.000 €"}),
        "milestone": _add_goal(qtbot, window, "milestone", "Konzept", {"deadline": "31.12.2014"}),
        "staffing": _add_goal(
            qtbot, window, "staffing", "Personal", {"staff_target_vza": "405,93", "temp_share_max": "7,5"}
        ),
    }
    agreement_id = editor.record_id
    assert agreement_id is not None
    # the Kreis the values belong to (entered in Stammdaten; here directly through the same service)
    catalogue.save_area(store, model.Area(name="Testkreis", kind=model.AreaKind.KREIS))
    window.open_record("values", agreement_id)
    grid = window.editors["values"]
    view, model_ = grid.table, grid.model  # type: ignore[attr-defined]
    index = model_.index(0, 0)
    view.setCurrentIndex(index)
    view.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "19,8")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    for _ in range(100):
        QApplication.processEvents()
    window.close()

    again = open_store(db_path)
    doc = agreements.load_agreement(again, agreement_id)
    assert (doc.agreement.title, doc.agreement.year, doc.agreement.legal_basis) == (
        "Zielvereinbarung Testkreis 2014",
        2014,
        "§ 48b SGB II",
    )
    goals = {g.id: g for g in doc.goals}
    assert goals[ids["kpi"]].target_value == Decimal("20.6") and goals[ids["kpi"]].unit == "%"
    assert goals[ids["budget"]].amount == Money(Decimal("500000"), Currency.EUR)
    assert goals[ids["milestone"]].deadline == date(2014, 12, 31)
    assert goals[ids["staffing"]].staff_target_vza == Decimal("405.93")
    assert goals[ids["staffing"]].temp_share_max == Decimal("7.5")
    stored = [v for v in values.list_values(again) if v.year == 2014 and v.period_no == 1]
    assert [v.value for v in stored] == [Decimal("19.8")]
    assert all(g.section_id == doc.sections[0].id for g in doc.goals)
    again.close()
