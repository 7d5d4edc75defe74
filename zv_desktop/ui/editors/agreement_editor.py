"""The agreement editor: header (year, title, status, dates, legal basis, preamble), parties, structure, lifecycle."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.formats import FormatError, format_date
from zv_desktop.core.rules.validation import ALLOWED_STATUS_CHANGES, FIRST_YEAR, LAST_YEAR
from zv_desktop.core.services import agreements, lifecycle, year_findings
from zv_desktop.core.services.catalogue import list_parties
from zv_desktop.ui.editors.agreement_outline import ID, KIND, StructureWidget
from zv_desktop.ui.editors.agreement_parties import PartiesWidget
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.next_year_dialog import NextYearDialog
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit, DateEdit, add_row


class AgreementEditor(Editor):
    """Edits one agreement; every change is saved at once; a signed agreement is shown read-only."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.doc: agreements.AgreementDoc | None = None
        self.review_dialog: NextYearDialog | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.outer.addWidget(self.heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        layout.addWidget(self._header_box(body))
        self.parties = PartiesWidget(controller, body)
        layout.addWidget(self.parties)
        self.structure = StructureWidget(controller, body)
        self.structure.open_requested.connect(self.open_requested)
        layout.addWidget(self.structure)
        layout.addWidget(self._lifecycle_box(body))
        layout.addStretch(1)

    def _header_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Kopfdaten"), parent)
        form = QFormLayout(box)
        self.year = QSpinBox(box)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.title = QLineEdit(box)
        self.status = QComboBox(box)
        self.signed_date = DateEdit(box)
        self.signed_place = QLineEdit(box)
        self.legal_basis = QLineEdit(box)
        self.file_ref = QLineEdit(box)  # with the issuing authority still open after signing: how it is filed
        self.issued_by = QComboBox(box)
        self.preamble = CommitTextEdit(box)
        self.preamble.setMinimumHeight(90)
        add_row(form, self.tr("&Jahr:"), self.year, self.tr("Jahr"))
        add_row(form, self.tr("&Titel:"), self.title, self.tr("Titel"))
        add_row(form, self.tr("&Status:"), self.status, self.tr("Status"))
        add_row(form, self.tr("Unterzeichnet a&m:"), self.signed_date, self.tr("Unterzeichnet am"))
        add_row(form, self.tr("&Ort:"), self.signed_place, self.tr("Ort der Unterzeichnung"))
        add_row(form, self.tr("Rechts&grundlage:"), self.legal_basis, self.tr("Rechtsgrundlage"))
        add_row(form, self.tr("Aktenzei&chen:"), self.file_ref, self.tr("Aktenzeichen"))
        add_row(form, self.tr("Herausgebende Stelle:"), self.issued_by, self.tr("Herausgebende Stelle (Briefkopf)"))
        add_row(form, self.tr("&Präambel:"), self.preamble, self.tr("Präambel"))
        self.previous = QLabel(box)
        form.addRow(self.tr("Vorjahr:"), self.previous)
        self.review_button = QPushButton(self.tr("Jahresangaben prüfen…"), box)
        self.review_button.setToolTip(
            self.tr("Stellen, die noch ein früheres Jahr nennen: fortschreiben oder bestätigen (vor dem Unterzeichnen)")
        )
        self.review_button.clicked.connect(lambda: self.show_year_review())
        self.review_row = QHBoxLayout()
        self.review_row.addWidget(self.review_button)
        self.review_row.addStretch(1)
        form.addRow(self.tr("Jahresangaben:"), self.review_row)
        self.form = form
        self.year.editingFinished.connect(self._save_header)
        for line in (self.title, self.signed_date, self.signed_place, self.legal_basis, self.file_ref):
            line.editingFinished.connect(self._save_header)
        self.status.activated.connect(self._save_header)
        self.issued_by.activated.connect(self._save_header)
        self.preamble.committed.connect(self._save_header)
        return box

    def _lifecycle_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Änderungen und Folgejahr"), parent)
        layout = QVBoxLayout(box)
        self.amendments = QListWidget(box)
        self.amendments.setAccessibleName(self.tr("Änderungen"))
        self.amendments.setMaximumHeight(110)
        layout.addWidget(self.amendments)
        row = QHBoxLayout()
        self.amend_button = QPushButton(self.tr("&Änderung anlegen…"), box)
        self.next_year_button = QPushButton(self.tr("&Folgejahr anlegen"), box)
        self.values_button = QPushButton(self.tr("&Kennzahlen erfassen"), box)
        self.remove_amendment_button = QPushButton(self.tr("Änderung entfernen"), box)
        self.remove_amendment_button.clicked.connect(self._remove_amendment)
        for button, tip in (
            (self.amend_button, self.tr("Eine Änderung der unterzeichneten Vereinbarung erfassen")),
            (self.remove_amendment_button, self.tr("Die in der Liste gewählte Änderung entfernen")),
            (self.next_year_button, self.tr("Einen Entwurf für das nächste Jahr aus dieser Vereinbarung anlegen")),
            (self.values_button, self.tr("Die Monatswerte der Kennzahlen dieser Vereinbarung erfassen")),
        ):
            button.setToolTip(tip)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.amend_button.clicked.connect(self.add_amendment)
        self.amendments.itemActivated.connect(lambda _item: self._edit_amendment())
        self.amendments.setToolTip(self.tr("Doppelklick oder Eingabetaste: Änderung bearbeiten"))
        self.next_year_button.clicked.connect(self.create_next_year)
        self.values_button.clicked.connect(lambda: self.open_requested.emit("values", self.record_id or ""))
        return box

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.record_id is None or not self.controller.store.exists(model.Agreement, self.record_id):
            self.doc = None
            self.heading.setText(self.tr("Diese Zielvereinbarung gibt es nicht mehr."))
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.doc = agreements.load_agreement(self.controller.store, self.record_id)
        a = self.doc.agreement
        self.heading.setText(self.tr("Zielvereinbarung {year}: {title}").format(year=a.year, title=a.title))
        self.year.setValue(a.year)
        self.title.setText(a.title)
        self.status.clear()
        for status in model.AgreementStatus:
            if status == a.status or (a.status, status) in ALLOWED_STATUS_CHANGES:
                self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(a.status.value))
        self.signed_date.set_date(a.signed_date)
        self.signed_place.setText(a.signed_place)
        self.legal_basis.setText(a.legal_basis)
        self.file_ref.setText(a.file_ref)
        self.issued_by.clear()
        self.issued_by.addItem(self.tr("(keine – Name der Datendatei)"), "")
        for party in list_parties(self.controller.store):
            self.issued_by.addItem(party.name, party.id)
        self.issued_by.setCurrentIndex(max(self.issued_by.findData(a.issuer_id or ""), 0))
        self.preamble.set_text(a.preamble)
        self.previous.setText(self._previous_text(a))
        self.parties.show_doc(self.doc)
        self.structure.show_doc(self.doc)
        self.amendments.clear()
        for amendment in self.doc.amendments:
            when = format_date(amendment.decided_date) if amendment.decided_date else self.tr("ohne Datum")
            self.amendments.addItem(f"{amendment.number}. Änderung ({when}): {amendment.title}")
        signed = a.status.is_signed
        reason = self.tr(
            "Diese Zielvereinbarung ist {status} und kann nicht mehr bearbeitet werden. Änderungen werden als "
            "„Änderung“ erfasst; für das nächste Jahr „Folgejahr anlegen“."
        ).format(status=a.status.label)
        self.set_read_only(signed, reason)
        self._show_review_state(self.doc)

    def _show_review_state(self, doc: agreements.AgreementDoc) -> None:
        """The button „Jahresangaben prüfen…“ on a draft under review that names earlier years, with the count."""
        review = year_findings.review_of(doc)
        shown = review.under_review and bool(review.findings) and not doc.agreement.status.is_signed
        self.form.setRowVisible(self.review_row, shown)
        still_open = len(review.open)
        self.review_button.setText(
            self.tr("Jahresangaben prüfen… ({n} offen)").format(n=still_open)
            if still_open
            else self.tr("Jahresangaben prüfen… (alle geprüft)")
        )

    def _previous_text(self, a: model.Agreement) -> str:
        if a.previous_id is None or not self.controller.store.exists(model.Agreement, a.previous_id):
            return self.tr("(keine)")
        previous = self.controller.store.get(model.Agreement, a.previous_id)
        return f"{previous.year}: {previous.title}"

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        read_only, reason = self.file_lock(read_only, reason)
        super().set_read_only(read_only, reason)
        for field in (self.year, self.title, self.signed_date, self.signed_place, self.legal_basis):
            field.setReadOnly(read_only)
        self.preamble.setReadOnly(read_only)
        filing_locked = self.controller.store.read_only  # Aktenzeichen and issuer stay open after signing
        self.file_ref.setReadOnly(filing_locked)
        self.issued_by.setEnabled(not filing_locked)
        self.status.setEnabled(self.status.count() > 1)
        self.parties.set_read_only(read_only)
        self.structure.set_read_only(read_only)

    # -- saving ----------------------------------------------------------------------------

    def _save_header(self) -> None:
        if self.doc is None:
            return
        old = self.doc.agreement
        try:
            signed_date = self.signed_date.date_value()
        except FormatError as exc:
            QMessageBox.warning(self, self.tr("Nicht gespeichert"), str(exc))
            self.signed_date.set_date(old.signed_date)
            return
        new = dataclasses.replace(
            old,
            year=self.year.value(),
            title=self.title.text().strip(),
            status=model.AgreementStatus(self.status.currentData() or old.status.value),
            signed_date=signed_date,
            signed_place=self.signed_place.text().strip(),
            legal_basis=self.legal_basis.text().strip(),
            preamble=self.preamble.toPlainText(),
            file_ref=self.file_ref.text().strip(),
            issuer_id=self.issued_by.currentData() or None,
        )
        if new == old:
            return
        if new.status != old.status and new.status.is_signed and not old.status.is_signed:
            refused = year_findings.signing_problems(self.controller.store, new)
            if refused or not self._confirm_signing(new):
                if refused:
                    QMessageBox.warning(self, self.tr("Nicht unterzeichnet"), refused[0].message)
                self.refresh()
                return
        label = self.tr("Status ändern") if new.status != old.status else self.tr("Kopfdaten ändern")
        store = self.controller.store
        if not self.controller.perform_edit(label, old, new, lambda a: agreements.save_agreement(store, a)):
            self.refresh()  # refused: show what is stored

    def _confirm_signing(self, new: model.Agreement) -> bool:
        """Ask before an agreement becomes an official document (no way back, not even Rückgängig)."""
        answer = QMessageBox.question(
            self,
            self.tr("Status ändern"),
            self.tr(
                "Die Zielvereinbarung {year} „{title}“ wird „{status}“. Danach kann sie nicht mehr bearbeitet "
                "werden, auch nicht mit „Rückgängig“; Änderungen gehen dann nur als „Änderung“.\n\nFortfahren?"
            ).format(year=new.year, title=new.title, status=new.status.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_amendment(self) -> None:
        """Record an amendment (title, date, text) in a dialog."""
        if self.doc is not None:
            from zv_desktop.ui.amendment_dialog import AmendmentDialog

            AmendmentDialog(self.controller, self.doc.agreement.id, None, self).exec()

    def _edit_amendment(self) -> None:
        row = self.amendments.currentRow()
        if self.doc is not None and 0 <= row < len(self.doc.amendments):
            from zv_desktop.ui.amendment_dialog import AmendmentDialog

            AmendmentDialog(self.controller, self.doc.agreement.id, self.doc.amendments[row], self).exec()

    def _remove_amendment(self) -> None:
        row = self.amendments.currentRow()
        if self.doc is not None and 0 <= row < len(self.doc.amendments):
            store, amendment_id = self.controller.store, self.doc.amendments[row].id
            self.controller.perform(
                self.tr("Änderung entfernen"), lambda: agreements.delete_amendment(store, amendment_id)
            )

    def create_next_year(self) -> None:
        """Copy this agreement to a draft for the following year and open it."""
        if self.doc is None:
            return
        store, agreement_id = self.controller.store, self.doc.agreement.id
        new = self.controller.perform(
            self.tr("Folgejahr anlegen"), lambda: lifecycle.create_next_year(store, agreement_id)
        )
        if new is not None:
            self.open_requested.emit("agreement", new.agreement.id)
            self.show_year_review(new.agreement.id, created=True)

    def show_year_review(self, agreement_id: str | None = None, created: bool = False) -> NextYearDialog | None:
        """The summary after „Folgejahr anlegen“ (``created``) or the list of year references, not modal."""
        agreement_id = agreement_id or (self.doc.agreement.id if self.doc else None)
        if agreement_id is None:
            return None
        if self.review_dialog is not None:
            self.review_dialog.close()
        dialog = NextYearDialog(self.controller, agreement_id, created, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._forget_dialog(dialog))
        dialog.open_requested.connect(
            lambda kind, record_id, field: self._open_place(agreement_id, kind, record_id, field)
        )
        self.review_dialog = dialog
        dialog.show()
        return dialog

    def _forget_dialog(self, dialog: NextYearDialog) -> None:
        if self.review_dialog is dialog:
            self.review_dialog = None

    def _open_place(self, agreement_id: str, kind: str, record_id: str, field: str) -> None:
        """Show a place of a finding: a goal in its editor, anything else here, selected and focused."""
        if kind == "goal":
            self.open_requested.emit("goal", record_id)
            return
        self.open_requested.emit("agreement", agreement_id)  # back from another editor, if the user went there
        if kind == "agreement":
            fields: dict[str, QWidget] = {"title": self.title, "legal_basis": self.legal_basis}
            fields.get(field, self.preamble).setFocus()
            return
        tree = self.structure.tree
        for item in tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive):
            if (item.data(0, KIND), item.data(0, ID)) == (kind, record_id):
                tree.setCurrentItem(item)
                tree.scrollToItem(item)
                (self.structure.text if field == "text" else tree).setFocus()
                return
