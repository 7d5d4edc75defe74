"""Editor of the monthly KPI values (Ist) of one agreement year: a grid to type into and paste Excel blocks into."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.formats import format_number
from zv_desktop.core.services.kpi_cells import parse_block, paste_block
from zv_desktop.core.services.kpi_grid import CellProblem, Entry, Position, build_grid, confirm_cells, save_cells
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.kpi_grid_model import KpiGridModel
from zv_desktop.ui.undo import ActionController

#: How many problems the editor lists below the grid (the rest are counted).
_SHOWN_PROBLEMS = 5


class _CellEditor(QLineEdit):
    """The editor of one cell; a block copied from Excel (several cells) is pasted into the grid, not here."""

    def __init__(self, parent: QWidget, paste_block: Callable[[], None]) -> None:
        super().__init__(parent)
        self._paste_block = paste_block

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = QApplication.clipboard().text().rstrip("\r\n")
        if event.matches(QKeySequence.StandardKey.Paste) and ("\t" in text or "\n" in text):
            self._paste_block()
            return
        super().keyPressEvent(event)


class _CellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget, paste_block: Callable[[], None]) -> None:
        super().__init__(parent)
        self._paste_block = paste_block

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        return _CellEditor(parent, self._paste_block)


class _GridView(QTableView):
    """A table view that moves down a row after Enter, as in a spreadsheet."""

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and current.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(current.siblingAtRow(current.row() + 1))


class KpiGridEditor(Editor):
    """Shows the grid of an agreement; every typed value, paste and delete is one undoable action."""

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._outside: list[CellProblem] = []
        self.banner.setAccessibleName(self.tr("Hinweis zum Status"))
        self.title = QLabel(self)
        self.title.setAccessibleName(self.tr("Titel"))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.hint = QLabel(
            self.tr(
                "Werte werden als „Ist“ des Monats im deutschen Zahlenformat erfasst (z. B. 1.234,5 oder 20,6 %) und "
                "sofort gespeichert; „–“ heißt nichts vorhanden (0); „.“, „…“, „x“, „*“ bleiben als „keine Zahl“ stehen. Ein aus Excel "
                "kopierter Block wird mit Strg+V an der aktuellen Zelle eingefügt; Entf löscht die markierten Werte, "
                "Strg+C kopiert sie für Excel. Gelb: ungewöhnlicher Wert – prüfen und mit Strg+Eingabe bestätigen."
            ),
            self,
        )
        self.hint.setAccessibleName(self.tr("Hinweis zur Eingabe"))
        self.hint.setWordWrap(True)
        self.model = KpiGridModel(save=self._save_typed)
        self.table = _GridView(self)
        self.table.setItemDelegate(_CellDelegate(self.table, self._paste_from_cell))
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Kennzahlen je Monat"))
        self.table.setAccessibleDescription(self.tr("Zeilen: Monate; Spalten: Messgröße und Gebiet"))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.problems_label = QLabel(self)
        self.problems_label.setAccessibleName(self.tr("Nicht gespeicherte Zellen"))
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #9c1c1c;")
        self.problems_label.hide()
        self.paste_action = self._action(self.tr("Werte &einfügen"), QKeySequence.StandardKey.Paste, self.paste)
        self.copy_action = self._action(self.tr("Werte &kopieren"), QKeySequence.StandardKey.Copy, self.copy)
        self.delete_action = self._action(self.tr("Werte &löschen"), QKeySequence.StandardKey.Delete, self.clear)
        self.confirm_action = self._action(
            self.tr("Wert als &geprüft bestätigen"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.confirm
        )
        self.model.dataChanged.connect(self._show_problems)
        self.model.modelReset.connect(self._show_problems)
        for widget in (self.title, self.hint, self.table, self.problems_label):
            self.outer.addWidget(widget)
        self.outer.setStretchFactor(self.table, 1)

    def _action(self, text: str, keys: QKeySequence.StandardKey | QKeySequence, slot: object) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # -- showing -------------------------------------------------------------------------

    def show_record(self, record_id: str) -> None:
        """Show the grid of the agreement with this id."""
        self._outside = []
        super().show_record(record_id)

    def refresh(self) -> None:
        """Read the values again (after an edit, an undo or a redo); input marked invalid stays."""
        if self.record_id is None:
            return
        try:
            grid = build_grid(self.controller.store, self.record_id)
        except NotFoundError:
            self.model.set_grid(None)
            self.title.setText(self.tr("Die Zielvereinbarung gibt es nicht mehr."))
            return
        self.title.setText(self.tr("Kennzahlen {year} – {title}").format(year=grid.year, title=grid.title))
        if self.model.set_grid(grid):
            self.table.resizeColumnsToContents()
            if not grid.columns:
                self.problems_label.setText(
                    self.tr(
                        "Hier ist nichts zu erfassen: die Zielvereinbarung hat keine Ziele mit einer Messgröße, "
                        "oder es ist noch kein Kreis als Gebiet angelegt (Bearbeiten → Stammdaten → Gebiete)."
                    )
                )
                self.problems_label.show()

    def _show_problems(self) -> None:
        """List what was not saved, then the values to check (each list shortened)."""
        lines: list[str] = []
        for heading, messages in (
            (self.tr("Nicht gespeichert:"), [p.message for p in self.model.problems() + self._outside]),
            (self.tr("Bitte prüfen (gelb):"), [message for _, message in self.model.warnings()]),
        ):
            if messages:
                lines += [heading, *messages[:_SHOWN_PROBLEMS]]
            if len(messages) > _SHOWN_PROBLEMS:
                lines.append(self.tr("… und {count} weitere").format(count=len(messages) - _SHOWN_PROBLEMS))
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(lines))

    # -- actions -------------------------------------------------------------------------

    def _save(self, label: str, cells: dict[Position, Entry]) -> None:
        """Save cells as one action; if someone else changed one of them meanwhile, offer to apply them again."""
        grid = self.model.grid
        if grid is None or not cells:
            return
        store = self.controller.store
        mine = [f"{grid.where(row, column)}: {_shown(number)}" for (row, column), number in sorted(cells.items())]
        removed = [
            f"{grid.where(row, column)}: {_shown(grid.value(row, column) or grid.cell(row, column).mark)}"
            for (row, column), number in sorted(cells.items())
            if number is None and grid.stored(row, column)
        ]
        self.controller.perform_or_retry(
            label,
            lambda: save_cells(store, grid, cells),
            mine,
            lambda: save_cells(store, build_grid(store, grid.agreement_id), cells),  # on the stored state
        )
        if removed and self.controller.stack.undoText() == label:
            more = self.tr(" und {count} weitere").format(count=len(removed) - 1) if len(removed) > 1 else ""
            self.controller.notice.emit(
                self.tr("Gelöscht: {first}{more} – Strg+Z stellt es wieder her.").format(first=removed[0], more=more)
            )

    def _save_typed(self, cells: dict[Position, Entry]) -> None:
        self._save(self.tr("Wert eingeben"), cells)

    def _selected(self) -> list[Position]:
        return sorted({(i.row(), i.column()) for i in self.table.selectionModel().selectedIndexes()})

    def _paste_from_cell(self) -> None:
        """Strg+V with several cells while a cell is open: close it and paste the block from there."""
        editor = self.table.focusWidget()
        if isinstance(editor, QLineEdit):
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.table.clearSelection()
        self.paste()

    def paste(self) -> None:
        """Paste the clipboard block at the current cell (the top left of the selection) as one action."""
        grid = self.model.grid
        block = parse_block(QApplication.clipboard().text())
        if grid is None or not block or not grid.columns:
            return
        selected = self._selected()
        current = self.table.currentIndex()
        if selected:
            top, left = min(r for r, _ in selected), min(c for _, c in selected)
        else:
            top, left = max(current.row(), 0), max(current.column(), 0)
        cells, problems = paste_block(grid, top, left, block)
        self._outside = [p for p in problems if not grid.contains(p.row, p.column)]
        self.model.unmark(list(cells))
        self.model.mark(problems)
        self._save(self.tr("Werte einfügen"), cells)
        self._select(top, left, top + len(block) - 1, left + max(len(line) for line in block) - 1)
        self._show_problems()

    def _select(self, top: int, left: int, bottom: int, right: int) -> None:
        bottom, right = min(bottom, self.model.rowCount() - 1), min(right, self.model.columnCount() - 1)
        selection = QItemSelection(self.model.index(top, left), self.model.index(bottom, right))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear(self) -> None:
        """Delete the values of the selected cells (and drop invalid input there) as one action."""
        grid = self.model.grid
        positions = self._selected()
        if grid is None or not positions:
            return
        self.model.unmark(positions)
        self._save(self.tr("Werte löschen"), {p: None for p in positions if grid.stored(*p)})

    def confirm(self) -> None:
        """Confirm the selected unusual values as correct (their note says so), as one action."""
        grid = self.model.grid
        positions = self._selected()
        if grid is None or not any(grid.cell(*p).warning for p in positions if grid.contains(*p)):
            return
        store = self.controller.store
        self.controller.perform(
            self.tr("Ungewöhnlichen Wert bestätigen"), lambda: confirm_cells(store, grid, positions)
        )

    def copy(self) -> None:
        """Copy the selected cells as a tab-separated block with German numbers (for Excel)."""
        positions = self._selected()
        if not positions:
            return
        rows = range(min(r for r, _ in positions), max(r for r, _ in positions) + 1)
        columns = range(min(c for _, c in positions), max(c for _, c in positions) + 1)
        text = "\r\n".join("\t".join(self.model.index(r, c).data() or "" for c in columns) for r in rows)
        QApplication.clipboard().setText(text + "\r\n")


def _shown(entry: Entry | str) -> str:
    """A saved entry as the list of changes names it: a German number, a sign in quotes, or „(leer)“."""
    if entry is None or entry == "":
        return "(leer)"
    if isinstance(entry, Decimal):
        return format_number(entry)
    return f"„{entry if isinstance(entry, str) else entry.sign}“"
