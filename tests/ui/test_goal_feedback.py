"""The goal editor tells at once what is wrong (issue 16, points 1, 5 and 6): the message stands beside the field
while typing, a figure the measure cannot have is refused, and the fields of a closed goal look read-only and show
the keyboard focus."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store
from zv_desktop.ui.editors.goal_editor import GoalEditor
from zv_desktop.ui.undo import ActionController

from .conftest import show_active, type_into


@pytest.fixture
def editor(qtbot: QtBot, demo: Store) -> Iterator[GoalEditor]:
    widget = GoalEditor(ActionController(demo))
    widget.resize(1000, 720)
    show_active(qtbot, widget)
    yield widget


def _quota_goal(store: Store) -> model.Goal:
    """A draft goal on K2 Integrationsquote (a quota in %)."""
    [k2] = [m for m in store.find(model.Measure) if m.code == "K2"]
    goal = model.Goal(agreement_id(AGREEMENT_KAMEN_2002), model.GoalKind.KPI_TARGET, "Quote", measure_id=k2.id)
    goal.unit, goal.target_value, goal.direction = "%", Decimal("20.6"), model.Direction.HIGHER
    return agreements.save_goal(store, goal)


def test_a_message_stands_beside_the_field_while_typing(editor: GoalEditor, qtbot: QtBot, demo: Store) -> None:
    goal = _quota_goal(demo)
    editor.show_record(goal.id)
    field = editor.fields["target_value"]
    target = field.widget
    assert isinstance(target, QLineEdit) and field.problem is not None
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "zwanzig")  # still in the field: nothing left, nothing saved yet
    assert field.problem.isVisible() and "keine gültige Zahl" in field.problem.text()
    assert target.hasFocus() and QApplication.activeModalWidget() is None  # no dialog in the way
    target.selectAll()
    qtbot.keyClicks(target, "21,5")
    assert not field.problem.isVisible()
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert demo.get(model.Goal, goal.id).target_value == Decimal("21.5")


def test_a_target_the_measure_cannot_have_is_refused_beside_the_field(
    editor: GoalEditor, qtbot: QtBot, demo: Store
) -> None:
    goal = _quota_goal(demo)
    editor.show_record(goal.id)
    field = editor.fields["target_value"]
    assert isinstance(field.widget, QLineEdit) and field.problem is not None
    type_into(qtbot, field.widget, "1.234,5")
    assert "eine Quote liegt zwischen 0 und 100 %" in field.problem.text() and field.problem.isVisible()
    assert demo.get(model.Goal, goal.id).target_value == Decimal("20.6")  # not saved
    assert field.widget.text() == "1.234,5"  # what was typed stays to be corrected


def _colour_inside(widget: QWidget) -> str:
    image: QImage = widget.grab().toImage()
    return image.pixelColor(QPoint(image.width() - 6, image.height() // 2)).name()


def test_a_closed_goal_looks_read_only_and_shows_the_focus(editor: GoalEditor, qtbot: QtBot, demo: Store) -> None:
    draft = _quota_goal(demo)
    editor.show_record(draft.id)
    open_colour = _colour_inside(editor.fields["target_value"].widget)
    signed = [g for g in demo.find(model.Goal) if g.agreement_id == agreement_id(AGREEMENT_METTMANN_2014)]
    closed = next(g for g in signed if g.kind is model.GoalKind.KPI_TARGET)
    editor.show_record(closed.id)
    title, unit = editor.title, editor.fields["unit"].widget
    assert title.isReadOnly()
    grey = _colour_inside(title)
    assert grey != open_colour and grey == _colour_inside(unit)  # read-only fields look alike, unlike open ones
    before = title.grab().toImage()
    title.setFocus()
    QApplication.processEvents()
    assert title.hasFocus() and title.grab().toImage() != before  # the focus shows on a read-only field too
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not title  # Tab moves on through the locked form
