"""Table models of the Vorlage editor: the Beratungsfolge (editable, German dates) and the list of Anlagen.

Edits do not write anything themselves: a valid value goes to the ``on_edit`` callback (the editor saves it
through the ActionController); an invalid one stays in its cell, marked with the German reason, unsaved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from zv_desktop.core import model
from zv_desktop.core.formats import format_date, format_number, parse_date
from zv_desktop.core.services.papers import AttachmentInfo

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole

#: Called with (record id, field name, new value); returns True if the value was saved.
OnEdit = Callable[[str, str, Any], bool]

INVALID_BACKGROUND = QColor("#fde7e9")
INVALID_FOREGROUND = QColor("#a4262c")

#: German names of common file types, for the "Typ" column.
TYPE_LABELS = {
    "application/pdf": "PDF-Dokument",
    "application/msword": "Word-Dokument",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word-Dokument",
    "application/vnd.ms-excel": "Excel-Tabelle",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel-Tabelle",
    "application/vnd.ms-powerpoint": "PowerPoint-Präsentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint-Präsentation",
    "application/vnd.oasis.opendocument.text": "Textdokument (ODF)",
    "application/vnd.oasis.opendocument.spreadsheet": "Tabellendokument (ODF)",
    "application/zip": "ZIP-Archiv",
    "text/plain": "Textdatei",
    "text/csv": "CSV-Tabelle",
    "image/png": "Bild (PNG)",
    "image/jpeg": "Bild (JPEG)",
    "image/tiff": "Bild (TIFF)",
    "application/octet-stream": "Datei",
}


def format_file_size(size: int) -> str:
    """A file size the German way: "512 Bytes", "12,3 KB", "4,0 MB"."""
    if size < 1024:
        return "1 Byte" if size == 1 else f"{size} Bytes"
    kilobytes = Decimal(size) / 1024
    if kilobytes.quantize(Decimal("0.1")) < 1024:
        return f"{format_number(kilobytes, 1)} KB"
    return f"{format_number(kilobytes / 1024, 1)} MB"


class InvalidInput(ValueError):
    """A typed value that cannot be saved; ``str()`` is the German reason."""


class RecordTableModel(QAbstractTableModel):
    """Rows are records with an ``id``; some columns editable; invalid input is kept and marked per cell."""

    HEADERS: tuple[str, ...] = ()
    FIELDS: tuple[str, ...] = ()  # record field behind each column
    EDITABLE: frozenset[int] = frozenset()

    #: Emitted when the set of marked (invalid, unsaved) cells changed.
    problems_changed = Signal()

    def __init__(self, on_edit: OnEdit | None = None) -> None:
        super().__init__()
        self.on_edit = on_edit
        self.read_only = False
        self._rows: list[Any] = []
        self._marks: dict[tuple[str, int], tuple[str, str]] = {}  # (id, column) -> (typed text, reason)

    # -- rows ------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these records; same ids in the same order update in place (selection and editors stay)."""
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.HEADERS) - 1))
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        ids = {r.id for r in rows}
        stale = [key for key in self._marks if key[0] not in ids]
        for key in stale:
            del self._marks[key]
        if stale:
            self.problems_changed.emit()

    def row_at(self, row: int) -> Any:
        """The record shown in a row."""
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        """The row showing the record with this id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (or allow again) editing in the view."""
        self.read_only = read_only
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))

    # -- marked cells ------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """The reasons of all marked cells, in German, with row and column ("Zeile 2, Termin: …")."""
        found = sorted((self.row_of(key[0]), key[1], reason) for key, (_text, reason) in self._marks.items())
        template = self.tr("Zeile {row}, {column}: {reason}")
        return [template.format(row=r + 1, column=self.tr(self.HEADERS[c]), reason=why) for r, c, why in found]

    def _mark(self, index: _Index, text: str | None, reason: str = "") -> None:
        key = (self._rows[index.row()].id, index.column())
        had = key in self._marks
        if text is None:
            self._marks.pop(key, None)
        else:
            self._marks[key] = (text, reason)
        self.dataChanged.emit(index, index)
        if had or text is not None:
            self.problems_changed.emit()

    # -- Qt's model interface ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if role == _Role.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.EDITABLE and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        mark = self._marks.get((record.id, index.column()))
        if role in (_Role.DisplayRole, _Role.EditRole):
            return mark[0] if mark else self._text(record, index.column())
        if role in (_Role.ToolTipRole, _Role.AccessibleDescriptionRole):
            return mark[1] if mark else self._tooltip(record, index.column())
        if mark and role == _Role.BackgroundRole:
            return INVALID_BACKGROUND
        if mark and role == _Role.ForegroundRole:
            return INVALID_FOREGROUND
        if role == _Role.UserRole:
            return record.id
        return self._extra(record, index.column(), role)

    def setData(self, index: _Index, value: Any, role: int = _Role.EditRole) -> bool:
        if role != _Role.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        record = self._rows[index.row()]
        text = "" if value is None else str(value)
        try:
            converted = self._convert(index.column(), text)
        except ValueError as exc:  # FormatError and InvalidInput carry the German reason
            self._mark(index, text, str(exc))
            return False
        self._mark(index, None)
        name = self.FIELDS[index.column()]
        if converted == getattr(record, name):
            return True
        return bool(self.on_edit and self.on_edit(record.id, name, converted))

    # -- per model ---------------------------------------------------------------------------------

    def _text(self, record: Any, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, record: Any, column: int) -> str | None:
        return None

    def _extra(self, record: Any, column: int, role: int) -> Any:
        return None

    def _convert(self, column: int, text: str) -> Any:
        """The value to save for typed text; raise ValueError with a German reason if there is none."""
        return text.strip()

    def _required(self, column: int, text: str) -> str:
        if not text.strip():
            raise InvalidInput(self.tr("„{field}“ darf nicht leer sein.").format(field=self.tr(self.HEADERS[column])))
        return text.strip()


class ConsultationModel(RecordTableModel):
    """The Beratungsfolge: committee, meeting date (German, may be empty), TOP number, kind of decision."""

    HEADERS = ("Gremium", "Termin", "TOP-Nr.", "Art der Entscheidung")
    FIELDS = ("committee", "meeting_date", "agenda_item", "role")
    EDITABLE = frozenset({0, 1, 2, 3})

    def _text(self, record: model.Consultation, column: int) -> str:
        if column == 1:
            return format_date(record.meeting_date) if record.meeting_date else ""
        return str(getattr(record, self.FIELDS[column]))

    def _convert(self, column: int, text: str) -> Any:
        if column == 0:
            return self._required(column, text)
        if column == 1:
            return parse_date(text) if text.strip() else None
        return text.strip()

    def with_change(self, record_id: str, name: str, value: Any) -> model.Consultation:
        """A copy of a shown step with one field changed (what the editor saves)."""
        record: model.Consultation = self._rows[self.row_of(record_id)]
        return dataclasses.replace(record, **{name: value})


class AttachmentModel(RecordTableModel):
    """The Anlagen of a Vorlage: name (editable), type and size."""

    HEADERS = ("Name", "Typ", "Größe")
    FIELDS = ("name", "mime_type", "size")
    EDITABLE = frozenset({0})

    def _text(self, record: AttachmentInfo, column: int) -> str:
        if column == 0:
            return record.name
        if column == 1:
            label = TYPE_LABELS.get(record.mime_type)
            return self.tr(label) if label else record.mime_type
        return format_file_size(record.size)

    def _tooltip(self, record: AttachmentInfo, column: int) -> str | None:
        return record.name if column == 0 else record.mime_type if column == 1 else None

    def _extra(self, record: AttachmentInfo, column: int, role: int) -> Any:
        if role == _Role.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _convert(self, column: int, text: str) -> Any:
        return self._required(column, text)
