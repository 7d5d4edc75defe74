"""The form of a Träger in the Stammdaten: name, short name, role, parent and the letterhead of the documents it
issues (department line, address, logo: a PNG chosen from a file, shown small)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from zv_desktop.core import model
from zv_desktop.core.services import catalogue
from zv_desktop.ui.master_data_forms import RecordForm
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit, add_row, fill_combo

#: The logo preview's height in pixels.
_PREVIEW = 24
_PNG = b"\x89PNG\r\n\x1a\n"


class PartyForm(RecordForm):
    """Name, short name, role, parent and letterhead of a Träger."""

    cls = model.Party

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.labels = (self.tr("Träger anlegen"), self.tr("Träger ändern"), self.tr("Träger entfernen"))
        self.name = QLineEdit(self)
        self.short_name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in model.PartyRole:
            self.role.addItem(role.label, role.value)
        self.parent_box = QComboBox(self)
        add_row(self.form, self.tr("&Name:"), self.name, self.tr("Name des Trägers"))
        add_row(self.form, self.tr("&Kurzname:"), self.short_name, self.tr("Kurzname des Trägers"))
        add_row(self.form, self.tr("&Rolle:"), self.role, self.tr("Rolle des Trägers"))
        add_row(self.form, self.tr("&Übergeordnet:"), self.parent_box, self.tr("Übergeordneter Träger"))
        self.department = QLineEdit(self)
        self.department.setPlaceholderText(self.tr("z. B. Der Landrat · Sozialamt"))
        self.address = CommitTextEdit(self, lines=2)
        self.address.committed.connect(self.field_done)
        add_row(self.form, self.tr("Briefkopf: Abteilung:"), self.department, self.tr("Abteilungszeile im Briefkopf"))
        add_row(self.form, self.tr("Briefkopf: Ans&chrift:"), self.address, self.tr("Anschrift im Briefkopf"))
        self.paper_form = QComboBox(self)
        for form in model.PaperForm:
            self.paper_form.addItem(form.label, form.value)
            self.paper_form.setItemData(self.paper_form.count() - 1, form.description, Qt.ItemDataRole.ToolTipRole)
        add_row(self.form, self.tr("Vorlagenla&yout:"), self.paper_form, self.tr("Form der gedruckten Vorlagen"))
        self.role.activated.connect(self._suggest_form)
        self.logo_preview = QLabel(self.tr("kein Logo"), self)
        self.logo_preview.setFixedHeight(_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.logo_button = QPushButton(self.tr("&Logo wählen …"), self)
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_button.setToolTip(self.tr("Ein Wappen oder Logo (PNG, höchstens 2 MB) für den Briefkopf wählen"))
        self.no_logo_button = QPushButton(self.tr("Logo entfernen"), self)
        self.no_logo_button.clicked.connect(self.remove_logo)
        self.no_logo_button.setToolTip(self.tr("Den Briefkopf ohne Logo drucken"))
        logo_row = QHBoxLayout()
        for widget in (self.logo_preview, self.logo_button, self.no_logo_button):
            logo_row.addWidget(widget)
        logo_row.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(logo_row)
        holder.setMinimumHeight(_PREVIEW + 2)
        logo_row.setContentsMargins(0, 0, 0, 0)
        add_row(self.form, self.tr("Wappen/Logo:"), holder, self.tr("Wappen oder Logo im Briefkopf (PNG)"))
        self._logo: tuple[bytes | None, str] = (None, "")
        self.new_button, *_ = self.finish(
            self.name,
            (self.tr("Ne&uer Träger"), self.new),
            (self.tr("Träger &speichern"), self.save),
            (self.tr("Träger ent&fernen"), self.remove),
        )

    def show_record(self, record_id: str | None) -> None:
        """Show the party; the parent choices leave out the party itself and those below it."""
        parties = catalogue.list_parties(self.controller.store)
        below, size = {record_id or ""}, 0
        while size != len(below):
            size = len(below)
            below |= {p.id for p in parties if p.parent_id in below}
        choices = [(self.tr("(keiner)"), None)] + [(p.name, p.id) for p in parties if p.id not in below]
        fill_combo(self.parent_box, choices, self.parent_box.currentData())
        super().show_record(record_id)

    def fill(self, record: model.Party | None) -> None:
        self.department.setText(record.letter_department if record else "")
        self.address.set_text(record.letter_address if record else "")
        self._logo = (record.logo, record.logo_type) if record else (None, "")
        self._show_logo()
        self.name.setText(record.name if record else "")
        self.short_name.setText(record.short_name if record else "")
        role = record.role if record else model.PartyRole.KREIS
        self.role.setCurrentIndex(self.role.findData(role.value))
        self.parent_box.setCurrentIndex(max(self.parent_box.findData(record.parent_id if record else None), 0))
        form = record.paper_form if record else model.PaperForm.SITZUNGSVORLAGE
        self.paper_form.setCurrentIndex(self.paper_form.findData(form.value))

    def _suggest_form(self) -> None:
        """A new town prints Ratsvorlagen, a new Kreis or agency Sitzungsvorlagen (a stored Träger keeps its form)."""
        if self.record_id is None:
            town = self.role.currentData() == model.PartyRole.STADT.value
            form = model.PaperForm.RATSVORLAGE if town else model.PaperForm.SITZUNGSVORLAGE
            self.paper_form.setCurrentIndex(self.paper_form.findData(form.value))

    def typed(self, stored: model.Party | None) -> model.Party:
        logo, logo_type = self._logo
        values = {
            "name": self.name.text().strip(),
            "short_name": self.short_name.text().strip(),
            "role": model.PartyRole(self.role.currentData()),
            "parent_id": self.parent_box.currentData(),
            "letter_department": self.department.text().strip(),
            "letter_address": self.address.toPlainText().strip(),
            "logo": logo,
            "logo_type": logo_type,
            "paper_form": model.PaperForm(self.paper_form.currentData()),
        }
        return model.Party(**values) if stored is None else dataclasses.replace(stored, **values)

    def _show_logo(self) -> None:
        content = self._logo[0]
        pixmap = QPixmap()
        if content is not None and pixmap.loadFromData(content):
            self.logo_preview.setPixmap(pixmap.scaledToHeight(_PREVIEW, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setText(self.tr("kein Logo"))
        self.no_logo_button.setEnabled(content is not None)

    def choose_logo(self) -> None:
        """Read a PNG file as the letterhead's logo (saved at once for a stored Träger)."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Wappen oder Logo wählen"), "", self.tr("PNG-Bilder (*.png)")
        )
        if not name:
            return
        try:
            content = Path(name).read_bytes()
        except OSError as exc:
            QMessageBox.warning(
                self, self.tr("Logo"), self.tr("„{name}“ lässt sich nicht lesen ({why}).").format(name=name, why=exc)
            )
            return
        self.set_logo(content)

    def set_logo(self, content: bytes) -> None:
        """Take ``content`` as the logo (the core checks it when saving; a file that is no PNG is refused there)."""
        self._logo = (content, "image/png" if content.startswith(_PNG) else "application/octet-stream")
        self._show_logo()
        self.field_done()

    def remove_logo(self) -> None:
        """Print the letterhead without a logo."""
        self._logo = (None, "")
        self._show_logo()
        self.field_done()

    def write(self, record: model.Party) -> model.Party:
        return catalogue.save_party(self.controller.store, record)

    def delete(self, record_id: str, version: int) -> None:
        catalogue.delete_party(self.controller.store, record_id, version)
