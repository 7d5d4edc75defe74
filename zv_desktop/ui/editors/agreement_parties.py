"""The parties of an agreement with the person signing for each: add and remove."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import agreements, catalogue
from zv_desktop.core.services.agreements import AgreementDoc
from zv_desktop.ui.undo import ActionController

ID = Qt.ItemDataRole.UserRole + 2
COL_NAME, COL_ROLE, COL_SIGNER = range(3)


class PartiesWidget(QGroupBox):
    """The parties of the agreement and who signs for each; add and remove."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Vertragspartner"), parent)
        self.controller = controller
        self.doc: AgreementDoc | None = None
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([self.tr("Träger"), self.tr("Rolle"), self.tr("Unterzeichnet für ihn")])
        self.list.setRootIsDecorated(False)
        header = self.list.header()  # names and roles whole, the signer takes the rest
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SIGNER, QHeaderView.ResizeMode.Stretch)
        self.list.setAccessibleName(self.tr("Vertragspartner"))
        self.list.setMaximumHeight(120)
        self.list.setToolTip(self.tr("Doppelklick oder Eingabetaste: unterzeichnende Person wählen"))
        self.list.itemActivated.connect(lambda _item, _column: self.change_signatory())
        self.read_only = False
        self.party_box = QComboBox(self)
        self.party_box.setAccessibleName(self.tr("Träger zum Hinzufügen"))
        self.signatory_box = QComboBox(self)
        self.signatory_box.setAccessibleName(self.tr("Unterzeichnende Person"))
        # „V“: the H of „Hinzufügen“ is the menu bar's &Hilfe
        self.add_button = QPushButton(self.tr("&Vertragspartner hinzufügen"), self)
        self.add_button.setToolTip(
            self.tr("Den gewählten Träger mit der gewählten Person als Vertragspartner aufnehmen")
        )
        self.remove_button = QPushButton(self.tr("E&ntfernen"), self)
        self.remove_button.setToolTip(self.tr("Den in der Liste markierten Vertragspartner entfernen"))
        row = QHBoxLayout()
        for widget in (self.party_box, self.signatory_box, self.add_button, self.remove_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.party_box.currentIndexChanged.connect(self._fill_signatories)
        self.add_button.clicked.connect(self.add_party)
        self.remove_button.clicked.connect(self.remove_party)

    def show_doc(self, doc: AgreementDoc) -> None:
        """Show the parties of this agreement."""
        self.doc = doc
        store = self.controller.store
        parties = {p.id: p for p in catalogue.list_parties(store)}
        signatories = {s.id: s for s in catalogue.list_signatories(store)}
        self.list.clear()
        for link in doc.parties:
            party = parties.get(link.party_id)
            signer = signatories.get(link.signatory_id or "")
            item = QTreeWidgetItem(
                [
                    party.name if party else "?",
                    party.role.label if party else "",
                    f"{signer.function} {signer.name}" if signer else "",
                ]
            )
            item.setData(0, ID, link.id)
            self.list.addTopLevelItem(item)
        taken = {link.party_id for link in doc.parties}
        self.party_box.blockSignals(True)
        self.party_box.clear()
        for party in parties.values():
            if party.id not in taken:
                self.party_box.addItem(party.name, party.id)
        self.party_box.blockSignals(False)
        self._fill_signatories()

    def _fill_signatories(self) -> None:
        self.signatory_box.clear()
        self.signatory_box.addItem(self.tr("(ohne Unterzeichner/in)"), None)
        party_id = self.party_box.currentData()
        if party_id:
            for signer in catalogue.list_signatories(self.controller.store, party_id):
                self.signatory_box.addItem(f"{signer.function} {signer.name}", signer.id)

    def add_party(self) -> None:
        """Add the chosen party (with its signatory) to the agreement."""
        if self.doc is None or not self.party_box.currentData():
            return
        link = model.AgreementParty(
            agreement_id=self.doc.agreement.id,
            party_id=self.party_box.currentData(),
            signatory_id=self.signatory_box.currentData(),
            position=len(self.doc.parties),
        )
        store = self.controller.store
        self.controller.perform(
            self.tr("Vertragspartner hinzufügen"), lambda: agreements.save_agreement_party(store, link)
        )

    def remove_party(self) -> None:
        """Remove the selected party from the agreement."""
        item = self.list.currentItem()
        if item is None:
            return
        link_id, store = item.data(0, ID), self.controller.store
        self.controller.perform(
            self.tr("Vertragspartner entfernen"),
            lambda: agreements.delete_part(store, model.AgreementParty, link_id),
        )

    def change_signatory(self) -> None:
        """Choose who signs for the selected party (from that party's signatories)."""
        item = self.list.currentItem()
        if item is None or self.read_only or self.doc is None:
            return
        store = self.controller.store
        link = store.get(model.AgreementParty, item.data(0, ID))
        people = catalogue.list_signatories(store, link.party_id)
        choices = [self.tr("(ohne Unterzeichner/in)")] + [f"{p.function} {p.name}" for p in people]
        current = next((i + 1 for i, p in enumerate(people) if p.id == link.signatory_id), 0)
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Unterzeichnende Person"), item.text(0), choices, current, False
        )
        if not ok:
            return
        index = choices.index(chosen)
        changed = dataclasses.replace(link, signatory_id=people[index - 1].id if index else None)
        self.controller.perform(
            self.tr("Unterzeichner/in ändern"), lambda: agreements.save_agreement_party(store, changed)
        )

    def set_read_only(self, read_only: bool) -> None:
        """Lock adding and removing."""
        self.read_only = read_only
        for widget in (self.party_box, self.signatory_box, self.add_button, self.remove_button):
            widget.setEnabled(not read_only)
