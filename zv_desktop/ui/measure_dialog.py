"""Measures (Messgrößen): the dialog creating or changing an own one, and the „Messgrößen“ tab of the Stammdaten."""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import catalogue
from zv_desktop.ui.master_data_forms import ID, button_row, choose_first, fill_tree, list_label, new_tree, perform
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import add_row


def direction_label(direction: model.Direction) -> str:
    """German wording of a measure's direction."""
    texts = {
        model.Direction.HIGHER: QCoreApplication.translate("MeasureDialog", "höher ist besser"),
        model.Direction.LOWER: QCoreApplication.translate("MeasureDialog", "niedriger ist besser"),
        model.Direction.NONE: QCoreApplication.translate("MeasureDialog", "ohne Richtung"),
    }
    return texts[direction]


class MeasureDialog(QDialog):
    """Modal: type a new measure (or change an own one); OK saves it as one undoable action.

    A refused save (code taken, name missing …) shows the German message and keeps the dialog open.
    """

    def __init__(
        self, controller: ActionController, parent: QWidget | None = None, measure: model.Measure | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.measure = measure
        self._created_id: str | None = None
        editing = measure is not None
        self.setWindowTitle(self.tr("Messgröße ändern") if editing else self.tr("Neue Messgröße"))
        self.setModal(True)
        self.resize(560, 380)
        intro = QLabel(
            self.tr(
                "Eine eigene Messgröße neben dem Katalog nach § 48a SGB II (K1 … K3E4), "
                "z. B. für kommunale Ziele. Das Kürzel muss eindeutig sein."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.code = QLineEdit(self)
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(self.tr("z. B. INT-U25"))
        self.name = QLineEdit(self)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("z. B. %, Personen, €, Anzahl"))
        self.direction = QComboBox(self)
        for direction in (model.Direction.HIGHER, model.Direction.LOWER, model.Direction.NONE):
            self.direction.addItem(direction_label(direction), direction.value)
        self.aggregation = QComboBox(self)
        for aggregation in model.Aggregation:
            self.aggregation.addItem(aggregation.label, aggregation.value)
        self.aggregation.setToolTip(
            self.tr("Wie aus den Monatswerten der Wert des Jahres wird (für Zielerreichung und Hochrechnung).")
        )
        self.definition = QPlainTextEdit(self)
        self.definition.setTabChangesFocus(True)
        self.definition.setPlaceholderText(self.tr("Wie wird die Messgröße berechnet, woher kommen die Werte?"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        add_row(form, self.tr("&Kürzel:"), self.code, self.tr("Kürzel der Messgröße"))
        add_row(form, self.tr("&Name:"), self.name, self.tr("Name der Messgröße"))
        add_row(form, self.tr("&Einheit:"), self.unit, self.tr("Einheit"))
        add_row(form, self.tr("&Richtung:"), self.direction, self.tr("Richtung: was ist besser"))
        add_row(form, self.tr("&Jahreswert aus:"), self.aggregation, self.tr("Jahreswert aus den Monatswerten"))
        add_row(form, self.tr("De&finition:"), self.definition, self.tr("Definition"))
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("&Speichern") if editing else self.tr("&Anlegen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(self.tr("Abbre&chen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if measure is not None:
            self.code.setText(measure.code)
            self.name.setText(measure.name)
            self.unit.setText(measure.unit)
            self.direction.setCurrentIndex(self.direction.findData(measure.direction.value))
            self.definition.setPlainText(measure.definition)
            self.aggregation.setCurrentIndex(self.aggregation.findData(measure.aggregation.value))

    def typed_measure(self) -> model.Measure:
        """The measure as typed (with the id of the one being changed, or a new id)."""
        code, name, unit = self.code.text().strip(), self.name.text().strip(), self.unit.text().strip()
        direction = model.Direction(self.direction.currentData())
        definition = self.definition.toPlainText().strip()
        aggregation = model.Aggregation(self.aggregation.currentData())
        if self.measure is None:
            return model.Measure(code, name, unit, direction, definition, aggregation=aggregation)
        return dataclasses.replace(
            self.measure,
            code=code,
            name=name,
            unit=unit,
            direction=direction,
            definition=definition,
            aggregation=aggregation,
        )

    def accept(self) -> None:
        """Save through the controller; close only if the save went through."""
        measure = self.typed_measure()
        if self.measure is not None and measure == self.measure:
            super().accept()
            return
        label = self.tr("Messgröße ändern") if self.measure is not None else self.tr("Messgröße anlegen")
        store = self.controller.store
        saved = perform(self, self.controller, label, lambda: catalogue.save_measure(store, measure))
        if saved is None:
            self.code.setFocus()
            return
        self._created_id = saved.id
        super().accept()

    def created_id(self) -> str | None:
        """The id of the measure saved by OK (None before, or after Cancel)."""
        return self._created_id


class MeasuresTab(QWidget):
    """The catalogue (K1 … K3E4, read-only) and the office's own measures: add, change, remove own ones."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.current: str | None = None
        headers = [self.tr("Kürzel"), self.tr("Name"), self.tr("Einheit"), self.tr("Richtung"), self.tr("Herkunft")]
        self.list = new_tree(self, headers, stretch=(1,))
        self.list.setRootIsDecorated(False)
        label = list_label(self.tr("&Vorhandene Messgrößen:"), self.list, self.tr("Vorhandene Messgrößen"), self)
        self.details = QLabel(self)
        self.details.setAccessibleName(self.tr("Definition der Messgröße"))
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(96)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        row, (self.new_button, self.edit_button, self.remove_button) = button_row(
            self,
            (self.tr("&Neue Messgröße …"), self.new_measure, self.tr("Eine eigene Messgröße anlegen")),
            (
                self.tr("Messgröße be&arbeiten …"),
                self.edit_measure,
                self.tr("Die gewählte eigene Messgröße ändern (der Katalog K1 … K3E4 bleibt, wie er ist)"),
            ),
            (
                self.tr("Messgröße ent&fernen"),
                self.remove_measure,
                self.tr("Die gewählte eigene Messgröße entfernen – nicht möglich, solange ein Ziel sie verwendet"),
            ),
        )
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(self.edit_measure)
        controller.changed.connect(self.refresh)
        self.refresh()
        choose_first(self.list)

    def refresh(self) -> None:
        """Read the measures again (after a change, an undo or a redo)."""
        self.measures = {m.id: m for m in catalogue.list_measures(self.controller.store)}
        if self.current not in self.measures:
            self.current = None
        origin = {True: self.tr("Katalog § 48a SGB II"), False: self.tr("eigene")}
        rows = [
            (m.id, None, [m.code, m.name, m.unit, direction_label(m.direction), origin[m.builtin]])
            for m in self.measures.values()
        ]
        for measure_id, item in fill_tree(self.list, rows, self.current).items():
            item.setToolTip(1, self.measures[measure_id].definition or item.text(1))
        self._show_details()

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        self.current = item.data(0, ID) if item is not None else None
        self._show_details()

    def _show_details(self) -> None:
        measure = self.measures.get(self.current or "")
        own = measure is not None and not measure.builtin
        self.edit_button.setEnabled(own)
        self.remove_button.setEnabled(own)
        if measure is None:
            self.details.setText(self.tr("Eine Messgröße wählen, um ihre Definition zu sehen."))
            return
        note = self.tr("Katalog nach § 48a SGB II, nicht änderbar") if measure.builtin else self.tr("eigene Messgröße")
        facts = (
            f"{self.tr('Einheit')}: {measure.unit} · {direction_label(measure.direction)} · "
            f"{self.tr('Jahreswert')}: {measure.aggregation.label} · {note}"
        )
        self.details.setText(
            f"<b>{escape(measure.code)} – {escape(measure.name)}</b><br>"
            f"{escape(measure.definition) or self.tr('(ohne Definition)')}<br><i>{escape(facts)}</i>"
        )

    def new_measure(self) -> None:
        """Open the dialog for a new measure; select it once it is saved."""
        dialog = MeasureDialog(self.controller, self.window())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created_id():
            self.current = dialog.created_id()
            self.refresh()

    def edit_measure(self) -> None:
        """Change the chosen own measure in the dialog (measures of the catalogue stay as they are)."""
        measure = self.measures.get(self.current or "")
        if measure is not None and not measure.builtin:
            MeasureDialog(self.controller, self.window(), measure).exec()

    def remove_measure(self) -> None:
        """Remove the chosen own measure (refused while goals or values use it)."""
        measure_id, store = self.current, self.controller.store
        if measure_id is not None:
            label = self.tr("Messgröße entfernen")
            perform(self, self.controller, label, lambda: catalogue.delete_measure(store, measure_id))
