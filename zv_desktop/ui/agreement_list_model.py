"""Table model of the agreement list (year, status, title, parties, number of goals)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from zv_desktop.core.services.agreements import AgreementSummary

_Index = QModelIndex | QPersistentModelIndex


class AgreementListModel(QAbstractTableModel):
    """Rows are AgreementSummary records from core.services.agreements.list_agreements."""

    HEADERS = ("Jahr", "Status", "Titel", "Vertragspartner", "Ziele")

    def __init__(self, rows: list[AgreementSummary] | None = None) -> None:
        super().__init__()
        self._rows: list[AgreementSummary] = list(rows or [])

    def set_rows(self, rows: list[AgreementSummary]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AgreementSummary:
        """The agreement shown in a row."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(item.year), item.status.label, item.title, item.parties, str(item.goal_count))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{item.parties}"
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None
