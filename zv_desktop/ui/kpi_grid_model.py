"""Table model of the KPI value grid: months × measure columns, German numbers, invalid input kept and marked."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from zv_desktop.core.formats import format_number, month_names
from zv_desktop.core.rules.plausibility import COUNT_UNITS
from zv_desktop.core.services.kpi_cells import read_cell
from zv_desktop.core.services.kpi_grid import CellProblem, Entry, KpiGrid, Position

_Index = QModelIndex | QPersistentModelIndex
#: Saves changed cells (the editor runs it as one undoable action).
SaveCells = Callable[[dict[Position, Entry]], object]

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)  # a lone „.“ at the right edge is easily overlooked
_INVALID = QColor("#f6c6c2")
_UNUSUAL = QColor("#fde7a9")
_MARK = QColor("#5f6368")  # a sign for "no figure": grey, so it never reads as a number


def _same_shape(old: KpiGrid, new: KpiGrid) -> bool:
    return (old.agreement_id, old.year, old.columns) == (new.agreement_id, new.year, new.columns)


def _column_decimals(grid: KpiGrid | None) -> list[int]:
    """Per column the decimals its measure shows, the same for every value: none for counts of people, else the
    most any value needs (0 to 4, trailing zeros not counted), so "21,0" lines up under "20,9" and "17.428" stays
    "17.428" beside "17.283" however it was typed."""
    if grid is None:
        return []
    found: list[int] = [0] * grid.column_count
    for row in grid.rows:
        for column, cell in enumerate(row):
            if cell.value is None or grid.columns[column].unit.strip() in COUNT_UNITS or not cell.value.is_finite():
                continue
            exponent = cell.value.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                found[column] = max(found[column], min(-exponent, 4))
    return found


class KpiGridModel(QAbstractTableModel):
    """Cells of a KpiGrid; text that is no number stays in its cell, marked red with the reason, unsaved."""

    def __init__(self, grid: KpiGrid | None = None, save: SaveCells | None = None) -> None:
        super().__init__()
        self._grid = grid
        self._save = save
        self._invalid: dict[Position, CellProblem] = {}
        self._decimals = _column_decimals(grid)

    @property
    def grid(self) -> KpiGrid | None:
        """The grid shown."""
        return self._grid

    def set_save(self, save: SaveCells | None) -> None:
        """Set the function that saves changed cells."""
        self._save = save

    def set_grid(self, grid: KpiGrid | None) -> bool:
        """Show a grid; the same agreement with the same columns is updated in place (marks and cursor stay).

        Returns True if the model was reset (another agreement or other columns).
        """
        old = self._grid
        self._decimals = _column_decimals(grid)
        if old is not None and grid is not None and _same_shape(old, grid):
            self._grid = grid
            if grid.row_count and grid.column_count:
                self.dataChanged.emit(self.index(0, 0), self.index(grid.row_count - 1, grid.column_count - 1))
            return False
        self.beginResetModel()
        self._grid = grid
        self._invalid.clear()
        self.endResetModel()
        return True

    # -- marks for invalid input ------------------------------------------------------------

    def problems(self) -> list[CellProblem]:
        """The cells holding text that is not a number, in grid order."""
        return [self._invalid[pos] for pos in sorted(self._invalid)]

    def warnings(self) -> list[tuple[Position, str]]:
        """The stored values that look unusual for their measure (until confirmed), in grid order."""
        grid = self._grid
        if grid is None:
            return []
        return [
            ((row, column), f"{grid.where(row, column)}: {cell.warning}")
            for row, cells in enumerate(grid.rows)
            for column, cell in enumerate(cells)
            if cell.warning and (row, column) not in self._invalid
        ]

    def mark(self, problems: list[CellProblem]) -> None:
        """Keep the text of these cells (those inside the grid) and mark them with their reason."""
        for problem in problems:
            if self._grid is not None and self._grid.contains(problem.row, problem.column):
                self._invalid[(problem.row, problem.column)] = problem
                self._changed(problem.row, problem.column)

    def unmark(self, positions: list[Position]) -> None:
        """Drop the marks of these cells (their input was replaced or cleared)."""
        for row, column in positions:
            if self._invalid.pop((row, column), None) is not None:
                self._changed(row, column)

    def _changed(self, row: int, column: int) -> None:
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self._grid is None else self._grid.row_count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else self._grid.column_count

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        grid = self._grid
        if grid is None or section < 0:
            return None
        if orientation == Qt.Orientation.Vertical:
            if section >= grid.row_count or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            return f"{month_names()[section]} {grid.year}"
        if section >= grid.column_count:
            return None
        column = grid.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            measure = textwrap.fill(column.measure or column.label, 24, break_long_words=False)
            return f"{measure}\n{column.area}\n({column.unit})" if column.area else f"{measure}\n({column.unit})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{label}\nEinheit: {unit}").format(label=column.label, unit=column.unit)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        grid = self._grid
        if grid is None or not index.isValid() or not grid.contains(index.row(), index.column()):
            return None
        row, column = index.row(), index.column()
        problem = self._invalid.get((row, column))
        value = grid.value(row, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if problem is not None:
                return problem.text
            if value is None:
                return grid.cell(row, column).mark
            return (
                format_number(value, self._decimals[column])
                if role == Qt.ItemDataRole.DisplayRole
                else format_number(value)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE if problem is None and grid.cell(row, column).mark else _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and problem is None and grid.cell(row, column).mark:
            return QBrush(_MARK)
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem is not None:
                return QBrush(_INVALID)
            return QBrush(_UNUSUAL) if grid.cell(row, column).warning else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return problem.message if problem is not None else self._describe(row, column)
        return None

    def _describe(self, row: int, column: int) -> str:
        """Tooltip of a valid cell: what it is, its value and where the value came from."""
        assert self._grid is not None
        grid = self._grid
        cell = grid.cell(row, column)
        lines = [grid.columns[column].label, f"{month_names()[row]} {grid.year} ({self.tr('Ist')})"]
        if cell.mark:
            lines.append(self.tr("keine Zahl: {meaning}").format(meaning=cell.comment or cell.mark))
            if cell.source:
                lines.append(self.tr("Quelle: {source}").format(source=cell.source))
        elif cell.value is None:
            lines.append(self.tr("kein Wert"))
        else:
            lines.append(f"{format_number(cell.value)} {grid.columns[column].unit}".strip())
            if cell.source:
                lines.append(self.tr("Quelle: {source}").format(source=cell.source))
            if cell.comment:
                lines.append(cell.comment)
            if cell.warning:
                lines.append(cell.warning)
                lines.append(self.tr("Bestätigen: Rechtsklick → „Wert als geprüft bestätigen“ (Strg+Eingabe)."))
        return "\n".join(lines)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Read typed text: a number (or nothing) is saved through the save function; other text is kept, marked."""
        grid = self._grid
        if role != Qt.ItemDataRole.EditRole or grid is None or not index.isValid():
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value)
        result = read_cell(grid, row, column, text)
        if isinstance(result, CellProblem):
            self.mark([result])
            return True
        self._invalid.pop((row, column), None)
        if grid.differs(row, column, result) and self._save is not None:
            self._save({(row, column): result})
        self._changed(row, column)
        return True
