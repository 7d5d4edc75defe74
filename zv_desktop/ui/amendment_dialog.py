"""The dialog for an amendment (Änderung) of an agreement: title, date of the decision, text."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QWidget

from zv_desktop.core import model
from zv_desktop.core.formats import FormatError
from zv_desktop.core.services import lifecycle
from zv_desktop.core.services.agreements import save_amendment
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit, DateEdit, add_row


class AmendmentDialog(QDialog):
    """Records a new amendment, or changes one (amendments may be added to signed agreements)."""

    def __init__(
        self,
        controller: ActionController,
        agreement_id: str,
        amendment: model.Amendment | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.agreement_id = agreement_id
        self.amendment = amendment
        self.setWindowTitle(self.tr("Änderung anlegen") if amendment is None else self.tr("Änderung bearbeiten"))
        self.resize(640, 360)
        form = QFormLayout(self)
        number = amendment.number if amendment else None
        form.addRow(QLabel(self.tr("{n}. Änderung").format(n=number) if number else self.tr("Neue Änderung"), self))
        self.title = QLineEdit(amendment.title if amendment else "", self)
        self.decided = DateEdit(self)
        self.decided.set_date(amendment.decided_date if amendment else None)
        self.text = CommitTextEdit(self)
        self.text.set_text(amendment.text if amendment else "")
        add_row(form, self.tr("&Titel:"), self.title, self.tr("Titel der Änderung"))
        add_row(form, self.tr("&Beschlossen am:"), self.decided, self.tr("Beschlossen am"))
        add_row(form, self.tr("&Inhalt:"), self.text, self.tr("Inhalt der Änderung"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """Save (one undoable action); a refused input keeps the dialog open with what was typed."""
        try:
            decided = self.decided.date_value()
        except FormatError as exc:
            QMessageBox.warning(self, self.tr("Nicht gespeichert"), str(exc))
            return
        store, title, text = self.controller.store, self.title.text().strip(), self.text.toPlainText()
        if self.amendment is None:
            agreement_id = self.agreement_id
            done = self.controller.perform(
                self.tr("Änderung anlegen"),
                lambda: lifecycle.create_amendment(store, agreement_id, title, text, decided),
            )
        else:
            changed = dataclasses.replace(self.amendment, title=title, text=text, decided_date=decided)
            done = self.controller.perform(self.tr("Änderung bearbeiten"), lambda: save_amendment(store, changed))
        if done is not None:
            super().accept()
