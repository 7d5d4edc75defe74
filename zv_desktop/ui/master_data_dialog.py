"""The „Stammdaten“ dialog: tabs for Träger with their signatories, Gebiete (Kreis → cities) and Messgrößen."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import catalogue
from zv_desktop.core.store import Store
from zv_desktop.ui.master_data_forms import (
    ID,
    RecordForm,
    choose_first,
    fill_tree,
    list_label,
    new_tree,
    select_id,
)
from zv_desktop.ui.measure_dialog import MeasuresTab
from zv_desktop.ui.party_form import PartyForm
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import add_row, fill_combo
from zv_desktop.ui.window_keys import add_close_keys

#: Functions offered while typing a signatory's function (any other text is fine too).
FUNCTIONS = "Landrat|Landrätin|Bürgermeister|Bürgermeisterin|Geschäftsführer|Geschäftsführerin|Minister|Ministerin"


def kind_label(kind: model.AreaKind) -> str:
    """German name of an area's kind."""
    texts = {
        model.AreaKind.LAND: QCoreApplication.translate("MasterDataDialog", "Land"),
        model.AreaKind.KREIS: QCoreApplication.translate("MasterDataDialog", "Kreis"),
        model.AreaKind.STADT: QCoreApplication.translate("MasterDataDialog", "Stadt / Gemeinde"),
    }
    return texts[kind]


def _item_id(item: QTreeWidgetItem | None) -> str | None:
    return item.data(0, ID) if item is not None else None


class SignatoryForm(RecordForm):
    """Name and function of a person who signs for the party ``party_id``."""

    cls = model.Signatory

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.party_id: str | None = None
        self.labels = (
            self.tr("Unterzeichnende Person anlegen"),
            self.tr("Unterzeichnende Person ändern"),
            self.tr("Unterzeichnende Person entfernen"),
        )
        self.person_name = QLineEdit(self)
        self.function = QLineEdit(self)
        self.function.setPlaceholderText(self.tr("z. B. Landrat, Geschäftsführerin"))
        completer = QCompleter(FUNCTIONS.split("|"), self.function)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.function.setCompleter(completer)
        add_row(self.form, self.tr("N&ame:"), self.person_name, self.tr("Name der unterzeichnenden Person"))
        add_row(self.form, self.tr("Funkti&on:"), self.function, self.tr("Funktion der unterzeichnenden Person"))
        self.new_button, *_ = self.finish(
            self.person_name,
            (self.tr("Neue &Person"), self.new),
            (self.tr("Person speic&hern"), self.save),
            (self.tr("Person entf&ernen"), self.remove),
        )

    def fill(self, record: model.Signatory | None) -> None:
        self.person_name.setText(record.name if record else "")
        self.function.setText(record.function if record else "")

    def typed(self, stored: model.Signatory | None) -> model.Signatory:
        name, function = self.person_name.text().strip(), self.function.text().strip()
        if stored is None:
            return model.Signatory(self.party_id or "", name, function)
        return dataclasses.replace(stored, name=name, function=function)

    def write(self, record: model.Signatory) -> model.Signatory:
        return catalogue.save_signatory(self.controller.store, record)

    def delete(self, record_id: str, version: int) -> None:
        catalogue.delete_signatory(self.controller.store, record_id, version)


class PartiesTab(QWidget):
    """Träger (below their parent Träger) and the people who sign for the chosen one."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.list = new_tree(self, [self.tr("Träger"), self.tr("Kurzname"), self.tr("Rolle")], stretch=(0, 2))
        label = list_label(self.tr("&Vorhandene Träger:"), self.list, self.tr("Vorhandene Träger"), self)
        party_group = QGroupBox(self.tr("Träger"), self)
        self.form = PartyForm(controller, party_group)
        QVBoxLayout(party_group).addWidget(self.form)
        self.people_group = QGroupBox(self.tr("Unterzeichnende Personen dieses Trägers"), self)
        self.people = new_tree(self.people_group, [self.tr("Name"), self.tr("Funktion")], stretch=(1,))
        self.people.setRootIsDecorated(False)
        text = self.tr("Unter&zeichnende:")
        people_label = list_label(text, self.people, self.tr("Unterzeichnende Personen"), self.people_group)
        self.person_form = SignatoryForm(controller, self.people_group)
        box = QVBoxLayout(self.people_group)
        for widget in (people_label, self.people, self.person_form):
            box.addWidget(widget)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(label)
        left.addWidget(self.list)
        for group, stretch in ((party_group, 0), (self.people_group, 1)):
            group.setMaximumWidth(480)
            right.addWidget(group, stretch)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.list.currentItemChanged.connect(lambda item: self._party_chosen(_item_id(item)))
        self.people.currentItemChanged.connect(lambda item: self.person_form.show_record(_item_id(item)))
        self.form.new_button.clicked.connect(lambda: self._party_chosen(None))
        self.person_form.new_button.clicked.connect(lambda: select_id(self.people, None))
        controller.changed.connect(self.refresh)
        self.refresh()
        choose_first(self.list)

    def refresh(self) -> None:
        """Read the parties and signatories again (after a change, an undo or a redo)."""
        parties = catalogue.list_parties(self.controller.store)
        rows = [(p.id, p.parent_id, [p.name, p.short_name, p.role.label]) for p in parties]
        fill_tree(self.list, rows, self.form.record_id)
        self.form.show_record(self.form.record_id)
        self._show_people(self.person_form.record_id)

    def _party_chosen(self, party_id: str | None) -> None:
        if party_id is None:
            select_id(self.list, None)  # "Neuer Träger": the form has emptied itself
        else:
            self.form.show_record(party_id)
        self.person_form.show_empty()
        self._show_people(None)

    def _show_people(self, person_id: str | None) -> None:
        party_id = self.form.record_id
        people = catalogue.list_signatories(self.controller.store, party_id) if party_id else []
        known = person_id in {p.id for p in people}
        fill_tree(self.people, [(p.id, None, [p.name, p.function]) for p in people], person_id if known else None)
        self.person_form.party_id = party_id
        self.person_form.show_record(person_id if known else None)
        self.people_group.setEnabled(party_id is not None)


class AreaForm(RecordForm):
    """Name, Träger and AGS of a Kreis or a city; new cities go into the Kreis being shown."""

    cls = model.Area

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.labels = (self.tr("Gebiet anlegen"), self.tr("Gebiet ändern"), self.tr("Gebiet entfernen"))
        self.new_kind = model.AreaKind.KREIS
        self.new_parent: str | None = None  # the Kreis of a new city
        self.kreis_id: str | None = None  # the Kreis a new city would go into
        self.name = QLineEdit(self)
        self.party = QComboBox(self)
        self.ags = QLineEdit(self)
        self.ags.setPlaceholderText(self.tr("z. B. 05158004 (freiwillig)"))
        add_row(self.form, self.tr("&Name:"), self.name, self.tr("Name des Gebiets"))
        add_row(self.form, self.tr("&Zuständiger Träger:"), self.party, self.tr("Zuständiger Träger"))
        add_row(self.form, self.tr("Gemeindeschlüssel (&AGS):"), self.ags, self.tr("Amtlicher Gemeindeschlüssel"))
        self.kreis_button, self.city_button, *_ = self.finish(
            self.name,
            (
                self.tr("Neuer &Kreis"),
                lambda: self.new_area(model.AreaKind.KREIS),
                self.tr("Die Felder leeren, um einen Kreis anzulegen"),
            ),
            (
                self.tr("Neue &Stadt"),
                lambda: self.new_area(model.AreaKind.STADT),
                self.tr("Die Felder leeren, um eine Stadt im gewählten Kreis anzulegen"),
            ),
            (self.tr("Gebiet s&peichern"), self.save),
            (self.tr("Gebiet ent&fernen"), self.remove),
        )

    def new_area(self, kind: model.AreaKind) -> None:
        """Empty fields for a new Kreis, or for a new city in the Kreis shown."""
        self.new_kind, self.new_parent = kind, self.kreis_id if kind is model.AreaKind.STADT else None
        self.new()

    def show_record(self, record_id: str | None) -> None:
        """Show the area; the Träger choices are read again."""
        parties = [(self.tr("(kein Träger)"), None)] + [(p.name, p.id) for p in catalogue.list_parties(self.store)]
        fill_combo(self.party, parties, self.party.currentData())
        super().show_record(record_id)
        area = self.store.get(model.Area, self.record_id) if self.record_id else None
        if area is not None:
            self.kreis_id = area.parent_id if area.kind is model.AreaKind.STADT else area.id
        else:
            self.kreis_id = self.new_parent
        self.city_button.setEnabled(self.kreis_id is not None)

    @property
    def store(self) -> Store:
        """The open data file."""
        return self.controller.store

    def describe(self, record: model.Area | None) -> str:
        if record is not None:
            return f"{kind_label(record.kind)}: {super().describe(record)}"
        if self.new_parent is not None and self.store.exists(model.Area, self.new_parent):
            where = self.store.get(model.Area, self.new_parent).name
            return self.tr("Neue Stadt oder Gemeinde in „{where}“: Namen eintragen und Eingabetaste drücken.").format(
                where=where
            )
        return self.tr("Neuer Kreis: Namen eintragen und Eingabetaste drücken; danach seine Städte anlegen.")

    def fill(self, record: model.Area | None) -> None:
        self.name.setText(record.name if record else "")
        self.ags.setText(record.ags if record else "")
        self.party.setCurrentIndex(max(self.party.findData(record.party_id if record else None), 0))

    def typed(self, stored: model.Area | None) -> model.Area:
        name, party_id, ags = self.name.text().strip(), self.party.currentData(), self.ags.text().strip()
        if stored is None:
            return model.Area(name, self.new_kind, self.new_parent, party_id, ags)
        return dataclasses.replace(stored, name=name, party_id=party_id, ags=ags)

    def write(self, record: model.Area) -> model.Area:
        return catalogue.save_area(self.store, record)

    def delete(self, record_id: str, version: int) -> None:
        catalogue.delete_area(self.store, record_id, version)


class AreasTab(QWidget):
    """Kreise with their cities and municipalities (for values kept „stadtscharf“)."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        headers = [self.tr("Gebiet"), self.tr("Art"), self.tr("Zuständiger Träger"), self.tr("AGS")]
        self.tree = new_tree(self, headers)
        label = list_label(self.tr("&Vorhandene Gebiete:"), self.tree, self.tr("Vorhandene Gebiete"), self)
        group = QGroupBox(self.tr("Gebiet"), self)
        group.setMaximumWidth(480)
        self.form = AreaForm(controller, group)
        hint = QLabel(
            self.tr(
                "Ein Kreis mit seinen Städten und Gemeinden. Ziele mit der Aufschlüsselung „stadtscharf“ "
                "erfassen ihre Werte je Stadt des Kreises."
            ),
            group,
        )
        hint.setWordWrap(True)
        box = QVBoxLayout(group)
        box.addWidget(self.form)
        box.addStretch(1)
        box.addWidget(hint)
        left = QVBoxLayout()
        left.addWidget(label)
        left.addWidget(self.tree)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(group, 2)
        self.tree.currentItemChanged.connect(lambda item: self.form.show_record(_item_id(item)))
        for button in (self.form.kreis_button, self.form.city_button):
            button.clicked.connect(lambda: select_id(self.tree, None))
        controller.changed.connect(self.refresh)
        self.refresh()
        choose_first(self.tree)

    def refresh(self) -> None:
        """Read the areas again (after a change, an undo or a redo)."""
        store = self.controller.store
        names = {p.id: p.name for p in catalogue.list_parties(store)}
        rows = [
            (a.id, a.parent_id, [a.name, kind_label(a.kind), names.get(a.party_id or "", ""), a.ags])
            for a in catalogue.list_areas(store)
        ]
        fill_tree(self.tree, rows, self.form.record_id)
        self.form.show_record(self.form.record_id)


class MasterDataDialog(QDialog):
    """Stammdaten: Träger, Gebiete and Messgrößen; every change is saved at once and can be undone."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Stammdaten"))
        self.resize(1040, 720)
        add_close_keys(self)  # Esc closes a dialog anyway; Strg+W as in every other window
        self.tabs = QTabWidget(self)
        self.parties_tab = PartiesTab(controller, self.tabs)
        self.areas_tab = AreasTab(controller, self.tabs)
        self.measures_tab = MeasuresTab(controller, self.tabs)
        self.tabs.addTab(self.parties_tab, self.tr("&Träger"))
        self.tabs.addTab(self.areas_tab, self.tr("&Gebiete"))
        self.tabs.addTab(self.measures_tab, self.tr("&Messgrößen"))
        hint = QLabel(self.tr("Jede Änderung wird sofort gespeichert; Strg+Z macht sie rückgängig."), self)
        self.close_button = QPushButton(self.tr("Schl&ießen"), self)
        self.close_button.setToolTip(self.tr("Die Stammdaten schließen – alles ist schon gespeichert"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Undo, self, self._undo)
        QShortcut(QKeySequence("Ctrl+Y"), self, controller.stack.redo)

    def _undo(self) -> None:
        focus = self.focusWidget()
        if focus is not None:
            focus.clearFocus()  # a field being typed in is saved first, so undo applies to it as expected
        self.controller.stack.undo()

    def forms(self) -> list[RecordForm]:
        """The forms whose typed input is saved when the dialog closes."""
        return [self.parties_tab.form, self.parties_tab.person_form, self.areas_tab.form]

    def done(self, result: int) -> None:
        """Save what was typed but not yet saved, then close."""
        for form in self.forms():
            form.commit_pending()
        super().done(result)
