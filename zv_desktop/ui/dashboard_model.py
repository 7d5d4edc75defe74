"""Table model of the dashboard: one row per goal with its light, figures and verdict; German formats on demand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from zv_desktop.core.choices import GoalKind
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.services.status import GoalRow
from zv_desktop.core.services.status_text import agreed_text, explain, figure_text, percent_text, unit_of
from zv_desktop.ui.translations import QT_TRANSLATE_NOOP

#: Role that gives the value a column sorts by (numbers as numbers, lights worst first).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role that gives the goal id of a row.
GOAL_ROLE = Qt.ItemDataRole.UserRole + 2

LIGHT_COLOURS = {
    Light.GREEN: QColor("#2e7d32"),
    Light.AMBER: QColor("#f9a825"),
    Light.RED: QColor("#c62828"),
    Light.NONE: QColor("#9e9e9e"),
}

COLUMNS = (
    QT_TRANSLATE_NOOP("Dashboard", "Ampel"),
    QT_TRANSLATE_NOOP("Dashboard", "Träger"),
    QT_TRANSLATE_NOOP("Dashboard", "Stelle"),
    QT_TRANSLATE_NOOP("Dashboard", "Ziel"),
    QT_TRANSLATE_NOOP("Dashboard", "Art"),
    QT_TRANSLATE_NOOP("Dashboard", "Messgröße"),
    QT_TRANSLATE_NOOP("Dashboard", "Ist"),
    QT_TRANSLATE_NOOP("Dashboard", "Ziel-/Sollwert"),
    QT_TRANSLATE_NOOP("Dashboard", "Erreicht"),
)
COL_LIGHT, COL_PARTIES, COL_PLACE, COL_TITLE, COL_KIND, COL_MEASURE, COL_ACTUAL, COL_TARGET, COL_PERCENT = range(9)
_NUMBER_COLUMNS = (COL_ACTUAL, COL_TARGET, COL_PERCENT)

_icons: dict[Light, QIcon] = {}

#: Goals judged by a deadline: their Ziel column stays empty (the deadline is in the explanation).
_DEADLINE_KINDS = (GoalKind.MILESTONE, GoalKind.REPORTING)


def light_icon(light: Light) -> QIcon:
    """A filled circle in the light's colour (made once)."""
    if light not in _icons:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(LIGHT_COLOURS[light])
        painter.setPen(LIGHT_COLOURS[light].darker(130))
        painter.drawEllipse(1, 1, 12, 12)
        painter.end()
        _icons[light] = QIcon(pixmap)
    return _icons[light]


def _percent(value: Decimal | None, kind: str) -> str:
    if value is None:
        return ""
    return percent_text(value) if kind == "Zielerreichung" else f"{percent_text(value)} {kind}"


class DashboardModel(QAbstractTableModel):
    """The goals of a year with their status (read-only)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[GoalRow] = []
        self._texts: dict[int, list[str]] = {}

    def set_rows(self, rows: list[GoalRow]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self._rows = rows
        self._texts = {}
        self.endResetModel()

    def row_at(self, row: int) -> GoalRow:
        """The goal row shown in a model row."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate("Dashboard", COLUMNS[section])
        return None

    def _text(self, row: int) -> list[str]:
        """The row's texts, formatted the first time the row is shown."""
        if row not in self._texts:
            item = self._rows[row]
            status, unit = item.status, unit_of(item)
            self._texts[row] = [
                status.verdict,
                item.parties,
                item.place,
                item.goal.title,
                item.goal.kind.label,
                item.measure.code if item.measure else "",
                figure_text(status.actual, unit) if status.actual is not None else "",
                agreed_text(item) if item.goal.kind not in _DEADLINE_KINDS else "",
                _percent(status.percent, status.percent_kind),
            ]
        return self._texts[row]

    def _sort_value(self, row: int, column: int) -> Any:
        item = self._rows[row]
        if column == COL_LIGHT:
            return item.status.light.rank
        if column in _NUMBER_COLUMNS:
            value = {COL_ACTUAL: item.status.actual, COL_TARGET: item.status.target}.get(column, item.status.percent)
            return float(value) if isinstance(value, Decimal) else float("-inf")
        return self._text(row)[column].casefold()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row)[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:  # the colour in words, for screen readers
            light = self._rows[row].status.light
            text = self._text(row)[column]
            return f"Ampel {light.label}: {text}" if column == COL_LIGHT else text
        if role == Qt.ItemDataRole.DecorationRole and column == COL_LIGHT:
            return light_icon(self._rows[row].status.light)
        if role == Qt.ItemDataRole.ToolTipRole:
            return explain(self._rows[row])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == GOAL_ROLE:
            return self._rows[row].goal.id
        return None


#: Columns that give way when the table is narrow: (column, narrowest, widest from its contents).
_FLEXIBLE = ((COL_TITLE, 160, 300), (COL_PLACE, 60, 220), (COL_PARTIES, 100, 170), (COL_KIND, 100, 150))


def fit_widths(content: list[int], available: int) -> list[int]:
    """Column widths that fit ``available`` pixels: figures and the light keep their content's width, long texts
    (Ziel, Stelle, Träger, Art) are capped, give way down to a minimum if needed, and Ziel takes what is left."""
    widths = list(content)
    for column, _narrowest, widest in _FLEXIBLE:
        widths[column] = min(widths[column], widest)
    excess = sum(widths) - available
    room = {column: max(widths[column] - narrowest, 0) for column, narrowest, _ in _FLEXIBLE}
    total_room = sum(room.values(), 0)
    if excess > 0 and total_room > 0:
        share = min(excess / total_room, 1.0)
        for column, give in room.items():
            widths[column] -= round(give * share + 0.49)  # round up: never a pixel too wide
    elif excess < 0:
        widths[COL_TITLE] -= excess
    return widths
