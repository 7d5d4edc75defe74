"""Table model of the time-series window: one row per year (and area): target, corridor, forecast, Ist summary."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from zv_desktop.core.formats import format_number
from zv_desktop.core.services.time_series import AGGREGATION_LABELS, TimeSeries, YearFigures

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
#: Data role holding the id of the row's first goal (None if the year has no goal figure).
GOAL_ROLE = Qt.ItemDataRole.UserRole + 1
NO_VALUE = "–"


def _tr(text: str) -> str:
    return QCoreApplication.translate("YearTableModel", text)


def _number(value: Decimal | None, decimals: int | None = None) -> str:
    return NO_VALUE if value is None else format_number(value, decimals)


def corridor_text(low: Decimal | None, high: Decimal | None) -> str:
    """ "20,0 – 21,0", "ab 20,0", "bis 21,0" or "–"."""
    if low is not None and high is not None:
        return f"{format_number(low)} – {format_number(high)}"
    if low is not None:
        return _tr("ab {value}").format(value=format_number(low))
    if high is not None:
        return _tr("bis {value}").format(value=format_number(high))
    return NO_VALUE


class YearTableModel(QAbstractTableModel):
    """The yearly figures of the series shown, by year (and area, when several areas are shown); read-only."""

    def __init__(self) -> None:
        super().__init__()
        self._series: list[TimeSeries] = []
        self._rows: list[tuple[TimeSeries, YearFigures]] = []
        self._columns: list[str] = []

    @property
    def series(self) -> list[TimeSeries]:
        """The series shown."""
        return list(self._series)

    def set_series(self, series: Sequence[TimeSeries]) -> None:
        """Show these series (rows sorted by year, then in the given order of areas)."""
        self.beginResetModel()
        self._series = [s for s in series if not s.is_empty]
        order = {id(s): i for i, s in enumerate(self._series)}
        rows = [(s, f) for s in self._series for f in s.years]
        self._rows = sorted(rows, key=lambda row: (row[1].year, order[id(row[0])]))
        self._columns = self._column_keys()
        self.endResetModel()

    def _column_keys(self) -> list[str]:
        keys = ["year", "area"] if len(self._series) > 1 else ["year"]
        keys += ["target", "corridor", "forecast", "december"]
        if self._series and self._series[0].aggregation in ("mean", "sum"):
            keys.append("year_value")
        return [*keys, "months"]

    def column_key(self, column: int) -> str:
        """The key of a column: area, year, target, corridor, forecast, december, year_value or months."""
        return self._columns[column]

    def row_figures(self, row: int) -> tuple[TimeSeries, YearFigures]:
        """The series and year of a row."""
        return self._rows[row]

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(self._columns):
            return None
        return self._header(self._columns[section])

    def _header(self, key: str) -> str:
        unit = self._series[0].unit.strip() if self._series else ""
        suffix = f" ({unit})" if unit else ""
        if key == "year_value":
            how = AGGREGATION_LABELS.get(self._series[0].aggregation, "")
            return _tr("Jahreswert ({how})").format(how=how) + suffix
        texts = {
            "area": _tr("Gebiet"),
            "year": _tr("Jahr"),
            "target": _tr("Zielwert") + suffix,
            "corridor": _tr("Korridor") + suffix,
            "forecast": _tr("Prognose") + suffix,
            "december": _tr("Ist Dezember") + suffix,
            "months": _tr("Monate mit Werten"),
        }
        return texts[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.column() >= len(self._columns):
            return None
        series, figures = self._rows[index.row()]
        key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(series, figures, key)
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

    def _text(self, series: TimeSeries, f: YearFigures, key: str) -> str:
        if key == "area":
            return series.area_name
        if key == "year":
            return str(f.year)
        if key == "target":
            return _number(f.target)
        if key == "corridor":
            return corridor_text(f.corridor_low, f.corridor_high)
        if key == "forecast":
            return _number(f.forecast)
        if key == "december":
            if f.last_month is None or f.last_value is None:
                return NO_VALUE
            text = format_number(f.last_value, series.decimals)
            if f.last_month == 12:
                return text
            return _tr("{value} (Stand {month:02d}/{year})").format(value=text, month=f.last_month, year=f.year)
        if key == "year_value":
            extra = 1 if series.aggregation == "mean" else 0
            return _number(f.year_value, series.decimals + extra)
        return _tr("{count} von 12").format(count=f.months)
