"""The input fields of the goal editor, one per goal attribute, with German parsing and display."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from zv_desktop.core import model
from zv_desktop.core.formats import format_money, format_number, parse_money, parse_number
from zv_desktop.core.money import Money
from zv_desktop.ui.translations import QT_TRANSLATE_NOOP
from zv_desktop.ui.widgets import DateEdit

#: German labels of the goal fields, with & shortcuts.
FIELD_LABELS: dict[str, str] = {
    "measure_id": QT_TRANSLATE_NOOP("GoalEditor", "&Messgröße:"),
    "area_id": QT_TRANSLATE_NOOP("GoalEditor", "&Gebiet:"),
    "unit": QT_TRANSLATE_NOOP("GoalEditor", "&Einheit:"),
    "direction": QT_TRANSLATE_NOOP("GoalEditor", "&Richtung:"),
    "target_value": QT_TRANSLATE_NOOP("GoalEditor", "&Zielwert:"),
    "corridor_low": QT_TRANSLATE_NOOP("GoalEditor", "Korridor &von:"),
    "corridor_high": QT_TRANSLATE_NOOP("GoalEditor", "Korridor b&is:"),
    "forecast_value": QT_TRANSLATE_NOOP("GoalEditor", "&Prognose:"),
    "change_percent": QT_TRANSLATE_NOOP("GoalEditor", "&Veränderung zum Vorjahr (%):"),
    "comparator": QT_TRANSLATE_NOOP("GoalEditor", "Ver&gleich:"),
    "threshold_value": QT_TRANSLATE_NOOP("GoalEditor", "&Schwellenwert:"),
    "amount": QT_TRANSLATE_NOOP("GoalEditor", "B&etrag:"),
    "staff_target_vza": QT_TRANSLATE_NOOP("GoalEditor", "Soll-Ausstattung (&VZA):"),
    "temp_share_max": QT_TRANSLATE_NOOP("GoalEditor", "Befristungsanteil höchstens (%):"),
    "extra_vza_max": QT_TRANSLATE_NOOP("GoalEditor", "zusätzliche VZA höchstens:"),
    "deadline": QT_TRANSLATE_NOOP("GoalEditor", "&Frist:"),
    "responsible_party_id": QT_TRANSLATE_NOOP("GoalEditor", "Verant&wortlich:"),
    "done_date": QT_TRANSLATE_NOOP("GoalEditor", "Erledigt a&m:"),
    "breakdown": QT_TRANSLATE_NOOP("GoalEditor", "A&ufschlüsselung:"),
    "condition": QT_TRANSLATE_NOOP("GoalEditor", "Bedin&gung:"),
    "green_from": QT_TRANSLATE_NOOP("GoalEditor", "Ampel grün ab Zielerreichung (%):"),
    "amber_from": QT_TRANSLATE_NOOP("GoalEditor", "Ampel gelb ab Zielerreichung (%):"),
}
DECIMAL_FIELDS = (
    "target_value",
    "corridor_low",
    "corridor_high",
    "forecast_value",
    "change_percent",
    "threshold_value",
    "staff_target_vza",
    "temp_share_max",
    "extra_vza_max",
    "green_from",
    "amber_from",
)


@dataclass
class Field:
    """A widget with how to show a value in it and how to read the value back (may raise FormatError).

    A typed field has a ``problem`` label beside it that says at once what is wrong with the text; ``row`` is what
    the form holds (the widget with that label).
    """

    widget: QWidget
    show: Callable[[Any], None]
    read: Callable[[], Any]
    problem: QLabel | None = None
    row: QWidget | None = None

    @property
    def shown(self) -> QWidget:
        """The widget the form row holds."""
        return self.row or self.widget

    def say(self, message: str) -> None:
        """Show ``message`` beside the field (red border and text), or clear it with ''."""
        if self.problem is None:
            return
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.widget.setStyleSheet("border: 2px solid #c0392b; background: #fdecea;" if message else "")
        self.widget.setToolTip(message)
        self.widget.setAccessibleDescription(message)


def _with_problem(edit: QWidget, parent: QWidget) -> tuple[QWidget, QLabel]:
    """The field and, right of it, a label for what is wrong with its text (hidden while nothing is)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    problem = QLabel(row)
    problem.setObjectName("fieldProblem")
    problem.setStyleSheet("color: #a4262c;")
    problem.setWordWrap(True)
    problem.hide()
    layout.addWidget(problem, 1)
    return row, problem


def decimal_field(parent: QWidget) -> Field:
    """A number typed in German format; empty means none."""
    edit = QLineEdit(parent)
    edit.setMaximumWidth(200)

    def read() -> Decimal | None:
        text = edit.text().strip()
        return parse_number(text) if text else None

    row, problem = _with_problem(edit, parent)
    return Field(edit, lambda v: edit.setText("" if v is None else format_number(v)), read, problem, row)


def money_field(parent: QWidget) -> Field:
    """An amount with currency (€ or DM) typed in German format."""
    edit = QLineEdit(parent)
    edit.setMaximumWidth(220)
    edit.setPlaceholderText("z. B. 50.000 € oder 211.000,00 DM")

    def read() -> Money | None:
        text = edit.text().strip()
        return parse_money(text) if text else None

    row, problem = _with_problem(edit, parent)
    return Field(edit, lambda v: edit.setText("" if v is None else format_money(v, cents=None)), read, problem, row)


def text_field(parent: QWidget) -> Field:
    """A one-line text."""
    edit = QLineEdit(parent)
    return Field(edit, lambda v: edit.setText(v or ""), lambda: edit.text().strip())


def date_field(parent: QWidget) -> Field:
    """A German date; empty means none."""
    edit = DateEdit(parent)

    def show(value: date | None) -> None:
        edit.set_date(value)

    row, problem = _with_problem(edit, parent)
    return Field(edit, show, edit.date_value, problem, row)


#: The entry of an optional choice that stands for "nothing chosen" (stored as None).
NONE_CHOICE = QT_TRANSLATE_NOOP("GoalEditor", "(keine Angabe)")


def _t(text: str) -> str:
    """Translate a text of the goal editor (context "GoalEditor", as ``GoalEditor.tr`` uses)."""
    return QCoreApplication.translate("GoalEditor", text)


def choice_field(parent: QWidget, items: list[tuple[str, Any]], convert: Callable[[Any], Any] | None = None) -> Field:
    """A choice among ``items`` (label, stored value); an item with the value None means "none".

    A value not among the items (or None without such an item) shows no selection and reads back
    as None, so a save never stores a choice the user did not make.
    """
    box = QComboBox(parent)
    for label, value in items:
        box.addItem(label, value)

    def show(value: Any) -> None:
        raw = getattr(value, "value", value)
        if raw is None:
            index = next((i for i in range(box.count()) if box.itemData(i) is None), -1)
        else:
            index = box.findData(raw)
        box.setCurrentIndex(index)

    def read() -> Any:
        data = box.currentData()
        return convert(data) if convert is not None and data is not None else data

    return Field(box, show, read)


def breakdown_field(parent: QWidget) -> Field:
    """Whether results are reported per city of the Kreis ("stadtscharf")."""
    box = QCheckBox(_t("stadtscharf (je Stadt des Kreises)"), parent)
    return Field(box, lambda v: box.setChecked(v == "stadtscharf"), lambda: "stadtscharf" if box.isChecked() else "")


def direction_items() -> list[tuple[str, Any]]:
    """Choices for the direction of a measure (optional for some kinds of goals)."""
    return [
        (_t(NONE_CHOICE), None),
        (_t("höher ist besser"), model.Direction.HIGHER.value),
        (_t("niedriger ist besser"), model.Direction.LOWER.value),
        (_t("ohne Richtung"), model.Direction.NONE.value),
    ]


def comparator_items() -> list[tuple[str, Any]]:
    """Choices for how a threshold is met."""
    return [(_t("mindestens"), ">="), (_t("höchstens"), "<="), (_t("genau"), "=")]
