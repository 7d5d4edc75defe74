"""Table models of the Excel import preview: the row mapping (editable with choice boxes) and the changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

if TYPE_CHECKING:
    from zv_desktop.core.exchange.xlsx_import import Change, RowMapping

_Index = QModelIndex | QPersistentModelIndex

#: The choice "(nicht importieren)" / "(nicht zugeordnet)" in the choice boxes (None does not survive a QVariant well).
NONE = ""
#: What a choice box starts with for a row nobody could assign; choosing it changes nothing.
UNCHOSEN = "?"
#: Guessed rows: light yellow; rows nobody could assign: light red.
GUESSED = QColor("#fff3b0")
UNKNOWN = QColor("#f7c6c6")

COL_LABEL, COL_AREA_LABEL, COL_ROWS, COL_MEASURE, COL_AREA = range(5)


def mapping_key(row: RowMapping) -> str:
    """The key of a row's correction in ``preview_import(mapping=…)``: label and area label of the file."""
    return row.key


def rows_text(rows: object) -> str:
    """The rows of the file a mapping covers: "7", "7, 12, 19" or "7, 12, 19 … (8 Zeilen)"; a count as is."""
    if isinstance(rows, int):
        return str(rows)
    if isinstance(rows, Iterable) and not isinstance(rows, str):
        numbers = [str(r) for r in rows]
        if len(numbers) > 4:
            return f"{', '.join(numbers[:3])} … ({len(numbers)} Zeilen)"
        return ", ".join(numbers)
    return str(rows or "")


class MappingModel(QAbstractTableModel):
    """One row per label of the file: what the file says → which Kennzahl and Gebiet it goes to.

    Editing the Kennzahl or Gebiet emits ``corrected(key, measure_id, area_id)`` (None: not imported / none).
    """

    corrected = QtSignal(str, object, object)

    HEADERS = ("In der Datei", "Gebiet in der Datei", "Fundstelle", "Kennzahl", "Gebiet")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowMapping] = []
        self.measures: list[tuple[str, str]] = []  # (text, id) with (nicht importieren) first
        self.areas: list[tuple[str, str]] = []
        self.skipped: set[str] = set()  # keys the user chose not to import
        self.pending: dict[str, str] = {}  # areas chosen for rows whose Kennzahl is still unknown

    def set_choices(self, measures: Sequence[tuple[str, str]], areas: Sequence[tuple[str, str]]) -> None:
        """The measures and areas offered (text, id); "(nicht importieren)" and "(kein Gebiet)" come first."""
        self.measures = [("(nicht importieren)", NONE), *measures]
        self.areas = [("(nicht zugeordnet)", NONE), *areas]

    def set_rows(self, rows: Sequence[RowMapping], skipped: set[str]) -> None:
        """Show a new preview's mapping."""
        self.beginResetModel()
        self.rows = list(rows)
        self.skipped = set(skipped)
        keys = {mapping_key(row) for row in self.rows}
        self.pending = {key: area for key, area in self.pending.items() if key in keys}
        self.endResetModel()

    def choices(self, column: int) -> list[tuple[str, str]]:
        """The (text, id) choices of an editable column."""
        return self.measures if column == COL_MEASURE else self.areas if column == COL_AREA else []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (COL_MEASURE, COL_AREA) else base

    def state(self, row: RowMapping) -> str:
        """ "skipped" (the user chose not to import it), "unknown", "guessed" or "ok"."""
        if mapping_key(row) in self.skipped and row.measure_id is None:
            return "skipped"
        if row.measure_id is None or row.area_id is None:
            return "unknown"
        return "guessed" if row.guessed else "ok"

    def _text(self, column: int, choice: str | None) -> str:
        return next((text for text, key in self.choices(column) if key == (choice or NONE)), "?")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        state = self.state(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_LABEL:
                return row.label
            if column == COL_AREA_LABEL:
                return row.area_label
            if column == COL_ROWS:
                return rows_text(row.rows)
            if column == COL_MEASURE:
                return self._text(column, row.measure_id) if row.measure_id or state == "skipped" else "unbekannt"
            area = self.pending.get(mapping_key(row), row.area_id)
            return self._text(column, area) if area else "unbekannt"
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_AREA:
                return self.pending.get(mapping_key(row), row.area_id) or UNCHOSEN
            if column == COL_MEASURE:
                return row.measure_id or (NONE if state == "skipped" else UNCHOSEN)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(GUESSED) if state == "guessed" else QBrush(UNKNOWN) if state == "unknown" else None
        if role == Qt.ItemDataRole.ForegroundRole and state == "skipped":
            return QBrush(QColor("#6b6b6b"))
        missing = (column == COL_MEASURE and row.measure_id is None) or (column == COL_AREA and row.area_id is None)
        if role == Qt.ItemDataRole.FontRole and state == "unknown" and missing:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "guessed": "geraten – bitte prüfen",
                "unknown": "unbekannt – bitte Kennzahl und Gebiet wählen oder „(nicht importieren)“",
                "skipped": "wird nicht importiert",
            }.get(state)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in (COL_MEASURE, COL_AREA) or value == UNCHOSEN:
            return False
        row = self.rows[index.row()]
        key = mapping_key(row)
        measure, area = row.measure_id, self.pending.get(key, row.area_id) or None
        if index.column() == COL_MEASURE:
            measure = str(value) or None
        else:
            area = str(value) or None
            if measure is None and key not in self.skipped:  # without a Kennzahl the row would be left out:
                self.pending[key] = area or NONE  # keep the Gebiet until a Kennzahl is chosen
                self.dataChanged.emit(index, index)
                return True
        self.pending.pop(key, None)
        if (measure, area) == (row.measure_id, row.area_id) and not row.guessed:
            return False
        self.corrected.emit(mapping_key(row), measure, area)  # the dialog runs the preview again
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a mapping cell with a choice box of the model's choices; choosing commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        model = index.model()
        if isinstance(model, MappingModel):
            for text, key in model.choices(index.column()):
                combo.addItem(text, key)
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            current = index.data(Qt.ItemDataRole.EditRole)
            if current == UNCHOSEN and editor.findData(UNCHOSEN) < 0:
                editor.insertItem(0, "unbekannt – bitte wählen", UNCHOSEN)
            editor.setCurrentIndex(max(editor.findData(current), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ChangesModel(QAbstractTableModel):
    """The values the import would write: cell, Kennzahl, Gebiet, Monat, Art, bisher → neu."""

    HEADERS = ("Zelle", "Kennzahl", "Gebiet", "Monat", "Art", "bisher", "neu")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changes: list[Change] = []

    def set_changes(self, changes: Sequence[Change]) -> None:
        """Show a new preview's changes."""
        self.beginResetModel()
        self.changes = list(changes)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change = self.changes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(change, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and change.old is None:
            return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def text(change: Change, column: int) -> str:
        """A cell of the table as shown: numbers in German notation, "neu" where nothing was stored."""
        from zv_desktop.core.formats import format_number

        if column == 5:
            return "neu" if change.old is None else format_number(change.old)
        if column == 6:
            return format_number(change.new)
        return str((change.cell, change.measure, change.area, change.period, change.kind)[column])
