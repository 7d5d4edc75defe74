"""The outline of an agreement: sections → clauses → goals; add, edit number and title inline, move, delete."""

from __future__ import annotations

import dataclasses
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import agreements, structure
from zv_desktop.core.services.agreements import AgreementDoc
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import CommitTextEdit

KIND, ID = Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2
CLASSES: dict[str, type] = {"section": model.Section, "clause": model.Clause, "goal": model.Goal}


class StructureWidget(QGroupBox):
    """Sections, their clauses and the goals in them: add, edit number/title inline, move, renumber, delete."""

    open_requested = Signal(str, str)

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Abschnitte, Ziffern und Ziele"), parent)
        self.controller = controller
        self.doc: AgreementDoc | None = None
        self.read_only = False
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Nr."), self.tr("Titel"), self.tr("Art")])
        self.tree.setAccessibleName(self.tr("Gliederung der Zielvereinbarung"))
        self.tree.setMinimumHeight(260)
        self.tree.setColumnWidth(0, 90)
        self.tree.setColumnWidth(1, 480)
        self.text = CommitTextEdit(self)
        self.text.setAccessibleName(self.tr("Text des Abschnitts oder der Ziffer"))
        self.text.setMaximumHeight(90)
        self.text_label = QLabel(self.tr("Te&xt:"), self)
        self.text_label.setBuddy(self.text)
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName(self.tr("Art des neuen Ziels"))
        for kind in model.GoalKind:
            self.kind_box.addItem(kind.label, kind.value)
        add_row, move_row = QHBoxLayout(), QHBoxLayout()  # two rows, so the outline fits 1366 × 768
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("section", self.tr("&Abschnitt +"), self.tr("Einen neuen Abschnitt am Ende der Gliederung anlegen")),
            ("clause", self.tr("&Ziffer +"), self.tr("Eine neue Ziffer im gewählten Abschnitt anlegen")),
            ("goal", self.tr("Z&iel +"), self.tr("Ein Ziel der links gewählten Art in der gewählten Ziffer anlegen")),
            ("up", self.tr("Nach ob&en"), self.tr("Den gewählten Eintrag eine Stelle nach oben schieben")),
            ("down", self.tr("Nach &unten"), self.tr("Den gewählten Eintrag eine Stelle nach unten schieben")),
            ("renumber", self.tr("Neu numme&rieren"), self.tr("Abschnitte und Ziffern der Reihe nach neu zählen")),
            ("delete", self.tr("&Löschen"), self.tr("Den gewählten Eintrag löschen (Strg+Z macht es rückgängig)")),
        ):
            self.buttons[key] = QPushButton(text, self)
            self.buttons[key].setToolTip(tip)
            row = add_row if key in ("section", "clause", "goal") else move_row
            if key == "goal":
                row.addWidget(self.kind_box)
            row.addWidget(self.buttons[key])
        add_row.addStretch(1)
        move_row.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addLayout(add_row)
        buttons.addLayout(move_row)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text)
        self.buttons["section"].clicked.connect(self.add_section)
        self.buttons["clause"].clicked.connect(self.add_clause)
        self.buttons["goal"].clicked.connect(self.add_goal)
        self.buttons["up"].clicked.connect(lambda: self.move_selected(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_selected(1))
        self.buttons["renumber"].clicked.connect(self.renumber)
        self.buttons["delete"].clicked.connect(self.delete_selected)
        self.tree.itemChanged.connect(self._item_edited)
        self.tree.currentItemChanged.connect(self._show_text)
        self.tree.itemActivated.connect(self._activated)
        self.text.committed.connect(self._save_text)

    # -- showing ---------------------------------------------------------------------------

    def show_doc(self, doc: AgreementDoc) -> None:
        """Show the outline of this agreement, keeping the selection."""
        self.doc = doc
        current = self.selected()
        self.tree.blockSignals(True)
        self.tree.clear()
        for section in doc.sections:
            item = self._item("section", section.id, section.number, section.title, self.tr("Abschnitt"))
            self.tree.addTopLevelItem(item)
            for goal in doc.goals_of(section_id=section.id):
                item.addChild(self._goal_item(goal))
            for clause in doc.clauses_of(section.id):
                child = self._item("clause", clause.id, clause.number, clause.title, self.tr("Ziffer"))
                item.addChild(child)
                for goal in doc.goals_of(clause_id=clause.id):
                    child.addChild(self._goal_item(goal))
        for goal in doc.goals:
            if goal.section_id is None and goal.clause_id is None:
                self.tree.addTopLevelItem(self._goal_item(goal))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if current is not None:
            self._select(*current)
        self._show_text()

    def _item(self, kind: str, record_id: str, number: str, title: str, kind_text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([number, title, kind_text])
        item.setData(0, KIND, kind)
        item.setData(0, ID, record_id)
        if not self.read_only:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _goal_item(self, goal: model.Goal) -> QTreeWidgetItem:
        item = QTreeWidgetItem(["", goal.title, goal.kind.label])
        item.setData(0, KIND, "goal")
        item.setData(0, ID, goal.id)
        font = QFont(item.font(1))
        font.setItalic(True)
        item.setFont(1, font)
        item.setToolTip(1, self.tr("Doppelklick oder Eingabetaste öffnet das Ziel"))
        return item

    def selected(self) -> tuple[str, str] | None:
        """(kind, id) of the selected entry."""
        item = self.tree.currentItem()
        return None if item is None else (item.data(0, KIND), item.data(0, ID))

    def _select(self, kind: str, record_id: str) -> None:
        for item in self._items():
            if (item.data(0, KIND), item.data(0, ID)) == (kind, record_id):
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            assert item is not None  # topLevelItem(i) and child(i) of an index below the count
            found.append(item)
            stack = [item.child(i) for i in range(item.childCount())] + stack
        return found

    def _record(self, kind: str, record_id: str) -> Any:
        return self.controller.store.get(CLASSES[kind], record_id)

    def _shown_version(self, kind: str, record_id: str) -> int:
        """The row version of a part as the tree shows it (read with the agreement), 0 if not known."""
        if self.doc is None:
            return 0
        by_kind: dict[str, list[Any]] = {
            "section": self.doc.sections,
            "clause": self.doc.clauses,
            "goal": self.doc.goals,
        }
        parts = by_kind[kind]
        return next((int(p.row_version) for p in parts if p.id == record_id), 0)

    def _show_text(self, *_: object) -> None:
        chosen = self.selected()
        editable = chosen is not None and chosen[0] in ("section", "clause")
        self.text.setEnabled(editable)
        self.text.set_text(self._record(*chosen).text if editable and chosen else "")

    def set_read_only(self, read_only: bool) -> None:
        """Lock every change of the outline (a signed agreement)."""
        self.read_only = read_only
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        self.kind_box.setEnabled(not read_only)
        self.text.setReadOnly(read_only)
        if self.doc is not None:
            self.show_doc(self.doc)

    # -- actions ---------------------------------------------------------------------------

    def _perform(self, label: str, work: Any) -> Any:
        return self.controller.perform(label, work)

    def add_section(self) -> None:
        """Append a new section."""
        if self.doc is None:
            return
        store, agreement_id = self.controller.store, self.doc.agreement.id
        position = structure.next_position(store, model.Section, agreement_id=agreement_id)
        section = model.Section(
            agreement_id=agreement_id, title=self.tr("Neuer Abschnitt"), number=str(position + 1), position=position
        )
        if self._perform(self.tr("Abschnitt hinzufügen"), lambda: agreements.save_section(store, section)):
            self._select("section", section.id)
            if (item := self.tree.currentItem()) is not None:
                self.tree.editItem(item, 1)

    def _current_section_id(self) -> str | None:
        item = self.tree.currentItem()
        while item is not None and item.data(0, KIND) != "section":
            item = item.parent()
        return None if item is None else str(item.data(0, ID))

    def add_clause(self) -> None:
        """Append a clause to the selected section."""
        section_id = self._current_section_id()
        if section_id is None:
            self.controller.show_message(self.tr("Bitte zuerst den Abschnitt auswählen, in den die Ziffer gehört."))
            return
        store = self.controller.store
        position = structure.next_position(store, model.Clause, section_id=section_id)
        clause = model.Clause(section_id=section_id, number=chr(ord("a") + position % 26), position=position)
        if self._perform(self.tr("Ziffer hinzufügen"), lambda: agreements.save_clause(store, clause)):
            self._select("clause", clause.id)
            if (item := self.tree.currentItem()) is not None:
                self.tree.editItem(item, 1)

    def add_goal(self) -> None:
        """Add a goal of the chosen kind in the selected section or clause and open it."""
        if self.doc is None:
            return
        chosen = self.selected()
        clause_id = chosen[1] if chosen and chosen[0] == "clause" else None
        section_id = self._current_section_id()
        kind = model.GoalKind(self.kind_box.currentData())
        store, agreement_id = self.controller.store, self.doc.agreement.id
        goal = agreements.goal_template(store, agreement_id, kind, self.tr("Neues Ziel"))
        goal.section_id, goal.clause_id, goal.position = section_id, clause_id, len(self.doc.goals)
        if self._perform(self.tr("Ziel anlegen"), lambda: agreements.save_goal(store, goal)):
            self.open_requested.emit("goal", goal.id)

    def move_selected(self, delta: int) -> None:
        """Move the selected entry up or down among its siblings."""
        chosen = self.selected()
        if chosen is None:
            return
        kind, record_id = chosen
        store = self.controller.store
        self._perform(self.tr("Verschieben"), lambda: structure.move(store, CLASSES[kind], record_id, delta))

    def renumber(self) -> None:
        """Number sections and clauses in their order."""
        if self.doc is not None:
            store, agreement_id = self.controller.store, self.doc.agreement.id
            self._perform(self.tr("Neu nummerieren"), lambda: structure.renumber(store, agreement_id))

    def delete_selected(self) -> None:
        """Delete the selected section (with its clauses and goals), clause or goal; undo brings it back."""
        chosen = self.selected()
        if chosen is None:
            return
        kind, record_id = chosen
        store = self.controller.store
        label = {"section": self.tr("Abschnitt löschen"), "clause": self.tr("Ziffer löschen")}.get(
            kind, self.tr("Ziel löschen")
        )
        version = self._shown_version(kind, record_id)  # a part someone changed since it was shown is not deleted
        self._perform(label, lambda: agreements.delete_part(store, CLASSES[kind], record_id, version))

    def _item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        kind, record_id = item.data(0, KIND), item.data(0, ID)
        if kind not in ("section", "clause") or column not in (0, 1):
            return
        record = self._record(kind, record_id)
        field = "number" if column == 0 else "title"
        new = dataclasses.replace(record, **{field: item.text(column).strip()})
        if new == record:
            return
        save = agreements.save_section if kind == "section" else agreements.save_clause
        store = self.controller.store
        label = self.tr("Nummer oder Titel ändern")
        if not self.controller.perform_edit(label, record, new, lambda r: save(store, r)) and shiboken6.isValid(item):
            self.tree.blockSignals(True)
            item.setText(column, getattr(record, field))
            self.tree.blockSignals(False)

    def _save_text(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0] not in ("section", "clause"):
            return
        record = self._record(*chosen)
        new = dataclasses.replace(record, text=self.text.toPlainText())
        save = agreements.save_section if chosen[0] == "section" else agreements.save_clause
        store = self.controller.store
        self.controller.perform_edit(self.tr("Text ändern"), record, new, lambda r: save(store, r))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND) == "goal":
            self.open_requested.emit("goal", item.data(0, ID))
