"""Building blocks of the Stammdaten dialog: the record form base, the Träger form and shared list helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.ui.undo import ActionController

T = TypeVar("T")
ID = Qt.ItemDataRole.UserRole + 1
_FRESH = "<fresh>"  # marks a form that must be emptied when it next shows "new"


def perform(widget: QWidget, controller: ActionController, label: str, work: Callable[[], T]) -> T | None:
    """controller.perform with refusals shown over ``widget``'s window (not behind a modal dialog)."""
    previous = controller.dialog_parent
    controller.dialog_parent = widget.window()
    try:
        return controller.perform(label, work)
    finally:
        controller.dialog_parent = previous


def perform_edit(
    widget: QWidget, controller: ActionController, label: str, old: T, new: T, save: Callable[[T], object]
) -> bool:
    """controller.perform_edit with refusals and conflicts shown over ``widget``'s window."""
    previous = controller.dialog_parent
    controller.dialog_parent = widget.window()
    try:
        return controller.perform_edit(label, old, new, save)
    finally:
        controller.dialog_parent = previous


Button = tuple[str, Callable[[], None]] | tuple[str, Callable[[], None], str]


def button_row(parent: QWidget, *buttons: Button) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of buttons (text, what a click does, optionally a tooltip) that Enter in a text field does not press
    by accident."""
    row, made = QHBoxLayout(), []
    for text, slot, *tip in buttons:
        made.append(QPushButton(text, parent))
        made[-1].setAutoDefault(False)
        made[-1].clicked.connect(slot)
        if tip:
            made[-1].setToolTip(tip[0])
        row.addWidget(made[-1])
    return row, made


def list_label(text: str, view: QWidget, accessible: str, parent: QWidget) -> QLabel:
    """A label above a list whose & shortcut jumps into the list."""
    label = QLabel(text, parent)
    label.setBuddy(view)
    view.setAccessibleName(accessible)
    return label


def new_tree(parent: QWidget, headers: list[str], stretch: tuple[int, ...] = (0,)) -> QTreeWidget:
    """A list of records with column headers; the ``stretch`` columns share the room the others leave."""
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


def select_id(tree: QTreeWidget, record_id: str | None) -> None:
    """Make the item with this id current (none if it is not there), without emitting signals."""
    tree.blockSignals(True)
    tree.setCurrentIndex(QModelIndex())
    tree.clearSelection()
    iterator = QTreeWidgetItemIterator(tree)
    while record_id is not None and iterator.value() is not None:
        item = iterator.value()
        if item.data(0, ID) == record_id:
            tree.setCurrentItem(item)
            tree.scrollToItem(item)
            break
        iterator += 1
    tree.blockSignals(False)


def fill_tree(
    tree: QTreeWidget, rows: Iterable[tuple[str, str | None, list[str]]], current: str | None
) -> dict[str, QTreeWidgetItem]:
    """Show records as (id, parent id, column texts), each below its parent if listed; select ``current``."""
    tree.blockSignals(True)
    tree.clear()
    rows = list(rows)
    items = {record_id: QTreeWidgetItem(texts) for record_id, _, texts in rows}
    for record_id, parent_id, texts in rows:
        items[record_id].setData(0, ID, record_id)
        for column, text in enumerate(texts):
            items[record_id].setToolTip(column, text)
        above = items.get(parent_id or "")
        if above is not None:
            above.addChild(items[record_id])
        else:
            tree.addTopLevelItem(items[record_id])
    tree.expandAll()
    tree.blockSignals(False)
    select_id(tree, current)
    return items


def choose_first(tree: QTreeWidget) -> None:
    """Make the first row current (as a click would), so an opened tab shows a record."""
    first = tree.topLevelItem(0)
    if first is not None:
        tree.setCurrentItem(first)


class RecordForm(QWidget):
    """Fields editing one record: a new one (``record_id`` None) or a stored one.

    A stored record is saved when a field is left, a new one with Enter or the save button; each save is
    one undoable action. Subclasses add their fields, then call ``finish``.
    """

    cls: type = object

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.record_id: str | None = None
        self._loaded: str | None = _FRESH  # what the fields show; typed input for a new record survives refreshes
        self._shown: Any | None = None  # the stored record as the fields show it (with the version it was read at)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.heading)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.labels = ("", "", "")  # the actions' names: create, change, remove

    def finish(self, first: QLineEdit, *buttons: Button) -> list[QPushButton]:
        """Add the button row; ``first`` gets the cursor for a new record; the last two buttons save and remove."""
        self.first = first
        row, made = button_row(self, *buttons)
        self.form.addRow(row)
        self.save_button, self.remove_button = made[-2], made[-1]
        defaults = {
            made[0]: self.tr("Die Felder leeren, um einen neuen Eintrag anzulegen"),
            self.save_button: self.tr("Die Angaben speichern (auch mit der Eingabetaste)"),
            self.remove_button: self.tr(
                "Den gewählten Eintrag entfernen – nicht möglich, solange er verwendet wird; Strg+Z holt ihn zurück"
            ),
        }
        for button, tip in defaults.items():
            if not button.toolTip():
                button.setToolTip(tip)
        self.save_text = self.save_button.text().replace("&", "")
        for widget in self.findChildren(QLineEdit):
            widget.returnPressed.connect(self.save)
            widget.editingFinished.connect(self.field_done)
        for combo in self.findChildren(QComboBox):
            combo.activated.connect(self.field_done)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)  # long names of ministries must not widen the form
        return made

    # -- what subclasses provide ------------------------------------------------------------

    def typed(self, stored: Any | None) -> Any:
        """The record as typed: ``stored`` changed, or a new record."""
        raise NotImplementedError

    def fill(self, record: Any | None) -> None:
        """Show a stored record, or empty fields for a new one."""
        raise NotImplementedError

    def describe(self, record: Any | None) -> str:
        """The line above the fields."""
        if record is None:
            text = self.tr("Neu: Angaben eintragen und mit der Eingabetaste oder „{save}“ anlegen.")
            return text.format(save=self.save_text)
        return self.tr("Änderungen werden beim Verlassen eines Feldes gespeichert.")

    def write(self, record: Any) -> Any:
        """Save through the core service."""
        raise NotImplementedError

    def delete(self, record_id: str, version: int) -> None:
        """Delete through the core service (refused while in use, or if changed since ``version`` was shown)."""
        raise NotImplementedError

    # -- showing and saving -----------------------------------------------------------------

    def show_record(self, record_id: str | None) -> None:
        """Show a stored record (or, for None or a record gone by undo, the fields for a new one)."""
        store = self.controller.store
        record = store.get(self.cls, record_id) if record_id and store.exists(self.cls, record_id) else None
        if record is not None or self._loaded is not None:
            self.fill(record)
        self._shown = record
        self.record_id = self._loaded = record.id if record is not None else None
        self.heading.setText(self.describe(record))
        self.remove_button.setEnabled(record is not None)

    def show_empty(self) -> None:
        """Empty fields for a new record (typed input is dropped)."""
        self._loaded = _FRESH
        self.show_record(None)

    def new(self) -> None:
        """Empty the fields for a new record and put the cursor into the first one."""
        self.show_empty()
        self.first.setFocus()

    def field_done(self) -> None:
        """A field was left: save a stored record at once."""
        if self.record_id is not None:
            self.save()

    def save(self) -> None:
        """Create the typed record, or save the changes to the shown one."""
        store = self.controller.store
        shown = self._shown if self._shown is not None and self._shown.id == self.record_id else None
        stored = shown or (store.get(self.cls, self.record_id) if self.record_id else None)
        record = self.typed(stored)
        if record == stored:
            return
        self.record_id = record.id  # the refresh after saving shows it
        if stored is None:
            if perform(self, self.controller, self.labels[0], lambda: self.write(record)) is None:
                self.record_id = None  # keep what was typed
        elif not perform_edit(self, self.controller, self.labels[1], stored, record, self.write):
            self.show_record(stored.id)

    def remove(self) -> None:
        """Remove the shown record."""
        record_id = self.record_id
        if record_id is not None:
            shown = self._shown if self._shown is not None and self._shown.id == record_id else None
            version = shown.row_version if shown is not None else 0
            perform(self, self.controller, self.labels[2], lambda: self.delete(record_id, version))

    def commit_pending(self) -> None:
        """Save what was typed but not yet saved (the dialog is closing)."""
        if self.isEnabled() and (self.record_id is not None or self.first.text().strip()):
            self.save()
