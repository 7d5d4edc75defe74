"""Table model of the time-series window: one row per year (and area): target, corridor, forecast, Ist summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zv_desktop.core.services.time_series import TimeSeries, YearFigures
from zv_desktop.core.services.time_series_table import YearTable, year_table

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
#: Data role holding the id of the row's first goal (None if the year has no goal figure).
GOAL_ROLE = Qt.ItemDataRole.UserRole + 1


class YearTableModel(QAbstractTableModel):
    """The yearly figures of the series shown, by year (and area, when several areas are shown); read-only.

    The texts come from ``core.services.time_series_table``, which the printed Zeitreihe uses as well.
    """

    def __init__(self) -> None:
        super().__init__()
        self._table = year_table([])

    @property
    def series(self) -> list[TimeSeries]:
        """The series shown."""
        return list(self._table.series)

    @property
    def table(self) -> YearTable:
        """The figures shown, as German texts."""
        return self._table

    def set_series(self, series: Sequence[TimeSeries]) -> None:
        """Show these series (rows sorted by year, then in the given order of areas)."""
        self.beginResetModel()
        self._table = year_table(series)
        self.endResetModel()

    def column_key(self, column: int) -> str:
        """The key of a column: area, year, target, corridor, forecast, december, year_value or months."""
        return self._table.keys[column]

    def row_figures(self, row: int) -> tuple[TimeSeries, YearFigures]:
        """The series and year of a row."""
        return self._table.rows[row]

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._table.rows) else None
        if not 0 <= section < len(self._table.keys):
            return None
        return self._table.header(self._table.keys[section])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rows, keys = self._table.rows, self._table.keys
        if not index.isValid() or not (0 <= index.row() < len(rows)) or index.column() >= len(keys):
            return None
        _, figures = rows[index.row()]
        key = keys[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.text(index.row(), key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if key == "area" else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and key in ("target", "corridor", "forecast") and figures.goal_titles:
            return "\n".join(figures.goal_titles)
        if role == GOAL_ROLE:
            return figures.goal_ids[0] if figures.goal_ids else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
