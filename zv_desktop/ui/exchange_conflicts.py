"""Conflicts of an exchange side by side: the list of conflicting records, and per record the fields of this file and
of the other office; the user keeps a version, takes the other, decides field by field, or leaves it for later."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.exchange.office.describe import ChangeText
from zv_desktop.core.exchange.office.merge_plan import RowChange
from zv_desktop.core.exchange.office.merge_write import MINE, THEIRS, Choice


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeConflicts", text)


@dataclass
class ConflictEntry:
    """One conflicting record with its description and the user's decision per field (None: later)."""

    change: RowChange
    text: ChangeText
    office: str  # the other office
    sides: dict[str, str | None] = field(default_factory=dict)  # field → "mine" | "theirs" | None
    whole: str | None = None  # the decision of a record without fields to show

    @property
    def missing_here(self) -> bool:
        """True if this file does not have the record (new in an agreement signed here): whole or nothing."""
        return self.change.mine is None

    @property
    def choice(self) -> Choice | None:
        """The decision: one side for the whole record, field by field, or None while any field is open."""
        names = [f.name for f in self.text.fields]
        if not names:
            return self.whole
        values = [self.sides.get(n) for n in names]
        if None in values:
            return None
        if len(set(values)) == 1:
            return values[0]
        return {n: str(v) for n, v in zip(names, values, strict=True)}

    def decide(self, choice: str | None) -> None:
        """One side (or open) for every field."""
        self.whole = choice
        self.sides = {f.name: choice for f in self.text.fields}


def choice_text(entry: ConflictEntry) -> str:
    """The decision in words, as the list shows it."""
    if entry.choice is None:
        return _tr("offen – bleibt wie hier")
    if entry.choice == MINE:
        return _tr("hier abgelehnt") if entry.missing_here else _tr("Ihre Fassung behalten")
    if entry.choice == THEIRS:
        return _tr("von dort übernommen")
    return _tr("feldweise entschieden")


class ConflictPanel(QWidget):
    """The conflicts of one merge (or the open ones of the file) and the decision on each."""

    #: Emitted when a decision changed (the dialog updates its counts).
    decided = Signal()

    def __init__(self, entries: list[ConflictEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.records = QListWidget(self)
        self.records.setAccessibleName(_tr("Konflikte"))
        for entry in entries:
            self.records.addItem(QListWidgetItem(self._item_text(entry)))
        self.records.currentRowChanged.connect(self._show)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setObjectName("conflictReason")
        self.reason.setStyleSheet("color: #8a4b00;")
        self.origins = QLabel(self)
        self.origins.setWordWrap(True)
        self.fields = QTableWidget(0, 4, self)
        self.fields.setAccessibleName(_tr("Felder beider Fassungen"))
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.fields.resizeRowsToContents())  # wrapped text fits its width
        self.keep_button = QPushButton(_tr("&Meine Fassung behalten"), self)
        self.take_button = QPushButton(_tr("&Ihre Fassung übernehmen"), self)
        self.later_button = QPushButton(_tr("&Später entscheiden"), self)
        self.keep_button.clicked.connect(lambda: self._decide(MINE))
        self.take_button.clicked.connect(lambda: self._decide(THEIRS))
        self.later_button.clicked.connect(lambda: self._decide(None))
        self._build_layout()
        if entries:
            self.records.setCurrentRow(0)

    def _build_layout(self) -> None:
        detail = QWidget(self)
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        for label in (self.heading, self.reason, self.origins):
            column.addWidget(label)
        column.addWidget(self.fields, 1)
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.take_button, self.later_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(self.records)
        splitter.addWidget(detail)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def choices(self) -> dict[tuple[str, str], Choice]:
        """The decisions taken so far, (table, id) → choice; conflicts left for later are not in it."""
        return {e.change.key: e.choice for e in self.entries if e.choice is not None}

    def current(self) -> ConflictEntry | None:
        """The conflict shown on the right."""
        row = self.records.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _item_text(self, entry: ConflictEntry) -> str:
        return f"{entry.text.kind} {entry.text.label}\n    {choice_text(entry)}"

    def _show(self, row: int) -> None:
        entry = self.current()
        if entry is None:
            return
        text = entry.text
        self.heading.setText(f"{text.kind} {text.label}")
        self.reason.setText(_tr("Konflikt: {reason}").format(reason=text.reason))
        there = _tr("Dort ({office}) zuletzt: {origin}").format(office=entry.office, origin=text.origin or "–")
        here = _tr("Hier zuletzt: {origin}").format(origin=text.mine_origin or _tr("hier nicht vorhanden"))
        self.origins.setText(f"{there}\n{here}")
        self.fields.setHorizontalHeaderLabels(
            [_tr("Feld"), _tr("Hier (Ihre Datei)"), _tr("Dort ({office})").format(office=entry.office), _tr("Gilt")]
        )
        self.fields.setRowCount(len(text.fields))
        for line, item in enumerate(text.fields):
            self.fields.setItem(line, 0, QTableWidgetItem(item.label))
            self.fields.setItem(line, 1, QTableWidgetItem(item.mine))
            self.fields.setItem(line, 2, QTableWidgetItem(item.theirs))
            self.fields.setCellWidget(line, 3, self._side_combo(entry, item.name))
        self.fields.resizeRowsToContents()
        self.keep_button.setText(_tr("Hier &ablehnen") if entry.missing_here else _tr("&Meine Fassung behalten"))

    def _side_combo(self, entry: ConflictEntry, name: str) -> QComboBox:
        combo = QComboBox(self.fields)
        combo.setAccessibleName(_tr("Welche Fassung gilt"))
        combo.addItem(_tr("offen"), None)
        combo.addItem(_tr("hier"), MINE)
        combo.addItem(_tr("dort"), THEIRS)
        combo.setCurrentIndex(max(0, combo.findData(entry.sides.get(name))))
        combo.setEnabled(not entry.missing_here)  # a record missing here is taken whole or not at all
        combo.currentIndexChanged.connect(lambda _index, n=name, c=combo: self._decide_field(n, c.currentData()))
        return combo

    def _decide(self, choice: str | None) -> None:
        entry = self.current()
        if entry is None:
            return
        entry.decide(choice)
        self._refresh(entry)
        self._show(self.records.currentRow())

    def _decide_field(self, name: str, side: str | None) -> None:
        """A field's combo changed: the record is decided once every field has a side."""
        entry = self.current()
        if entry is not None:
            entry.sides[name] = side
            self._refresh(entry)

    def _refresh(self, entry: ConflictEntry) -> None:
        row = self.entries.index(entry)
        item = self.records.item(row)
        if item is not None:
            item.setText(self._item_text(entry))
        self.decided.emit()
