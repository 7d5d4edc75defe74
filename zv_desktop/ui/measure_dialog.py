"""The dialog that creates or changes a user-defined measure (Messgröße): code, name, unit, direction, definition."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import catalogue
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

    def typed_measure(self) -> model.Measure:
        """The measure as typed (with the id of the one being changed, or a new id)."""
        typed = {
            "code": self.code.text().strip(),
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "direction": model.Direction(self.direction.currentData()),
            "definition": self.definition.toPlainText().strip(),
        }
        if self.measure is not None:
            return dataclasses.replace(self.measure, **typed)
        return model.Measure(**typed)

    def accept(self) -> None:
        """Save through the controller; close only if the save went through."""
        measure = self.typed_measure()
        if self.measure is not None and measure == self.measure:
            super().accept()
            return
        label = self.tr("Messgröße ändern") if self.measure is not None else self.tr("Messgröße anlegen")
        store = self.controller.store
        saved = self.controller.perform(label, lambda: catalogue.save_measure(store, measure))
        if saved is None:
            self.code.setFocus()
            return
        self._created_id = saved.id
        super().accept()

    def created_id(self) -> str | None:
        """The id of the measure saved by OK (None before, or after Cancel)."""
        return self._created_id
