"""The base of the table sections in the Vorlage editor: a labelled table with buttons, completing cell editors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.ui.paper_models import RecordTableModel
from zv_desktop.ui.undo import ActionController


class CompletingDelegate(QStyledItemDelegate):
    """Cell editors that offer completions (committees already used, kinds of decision)."""

    def __init__(self, words: Callable[[int], Sequence[str]], placeholders: dict[int, str], parent: QWidget) -> None:
        super().__init__(parent)
        self._words, self._placeholders = words, placeholders

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            words = list(self._words(index.column()))
            if words:
                completer = QCompleter(words, editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                editor.setCompleter(completer)
            editor.setPlaceholderText(self._placeholders.get(index.column(), ""))
            editor.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        return editor


class TableSection(QWidget):
    """A labelled table of records with buttons beside it; the selection follows its record across refreshes."""

    def __init__(self, controller: ActionController, model: RecordTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = model
        self.paper_id: str | None = None
        self.read_only = False
        self.label = QLabel(self)
        self.label.setStyleSheet("font-weight: bold;")
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrow keys move inside
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # long names are shortened with "…"; the tooltip shows them whole
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # committee, name of the Anlage
        self.table.setMinimumHeight(130)
        self.label.setBuddy(self.table)
        self.problems = QLabel(self)
        self.problems.setStyleSheet("color: #a4262c;")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.buttons = QVBoxLayout()
        self.button_list: list[QPushButton] = []
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        model.problems_changed.connect(self._show_problems)
        model.modelReset.connect(self.update_buttons)
        self.table.selectionModel().currentRowChanged.connect(self.update_buttons)

    def _name(self, label: str, name: str) -> None:
        self.label.setText(label)
        self.table.setAccessibleName(name)
        self.problems.setAccessibleName(self.tr("Hinweise zu {name}").format(name=name))

    def _button(self, text: str, tip: str, slot: Callable[[], Any], key: QKeySequence | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip + (f" ({key.toString(QKeySequence.SequenceFormat.NativeText)})" if key else ""))
        button.setAccessibleName(button.text().replace("&", ""))
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        self.button_list.append(button)
        if key is not None:
            shortcut = QShortcut(key, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the table has the focus
            shortcut.activated.connect(slot)
        return button

    def button_widgets(self) -> list[QPushButton]:
        """The buttons beside the table, top to bottom."""
        return list(self.button_list)

    def _finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        self.update_buttons()

    def current_id(self) -> str | None:
        """The id of the record in the current row, if any."""
        row = self.table.currentIndex().row()
        return self.model.row_at(row).id if 0 <= row < self.model.rowCount() else None

    def select(self, record_id: str | None, row: int = -1, column: int = 0) -> None:
        """Make a record (or else a row, clamped) the current one."""
        if record_id is not None:
            row = self.model.row_of(record_id)
        row = min(row, self.model.rowCount() - 1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, column))
        self.update_buttons()

    def show_rows(self, paper_id: str, rows: Sequence[Any]) -> None:
        """Show the records of a paper, keeping the current record and column."""
        current, column = self.current_id(), max(0, self.table.currentIndex().column())
        self.paper_id = paper_id
        self.model.set_rows(rows)
        if current is not None and self.current_id() != current:
            self.select(current, column=column)
        self.update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock changes (showing stays possible)."""
        self.read_only = read_only
        self.model.set_read_only(read_only)
        self.update_buttons()

    def update_buttons(self) -> None:
        """Enable the buttons that make sense for the current row."""

    def _move_enabled(self) -> tuple[bool, bool]:
        row, count = self.table.currentIndex().row(), self.model.rowCount()
        editable = not self.read_only and 0 <= row < count
        return editable and row > 0, editable and row < count - 1

    def _show_problems(self) -> None:
        problems = self.model.problems()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _run(self, label: str, work: Callable[[], Any]) -> Any:
        return self.controller.perform(label, work)
