"""Strg+F: full-text search across all years; a result opens with a double-click or the Enter key.

Down in the search field goes to the first hit, Up on the first hit back to the field; Enter opens the hit
selected (from the field: the one selected, the first after a new search).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from zv_desktop.core.services.search import SearchHit, search
from zv_desktop.core.store import Store

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchDialog(QDialog):
    """Search field and result list; emits ``open_requested(kind, id)`` for the chosen result."""

    open_requested = Signal(str, str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Suchen"))
        self.resize(720, 480)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Wörter oder Wortanfänge, z. B. „Schuldner 2014“"))
        self.field.setAccessibleName(self.tr("Suchbegriffe"))
        label = QLabel(self.tr("&Suchen nach:"), self)
        label.setBuddy(self.field)
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Suchergebnisse"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(2)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        for widget in (label, self.field, self.results, self.status):
            layout.addWidget(widget)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self._open)
        self._searched_for: str | None = None  # the text the list shows hits for
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)

    def run(self) -> None:
        """Search for what is typed and list the results."""
        self.results.clear()
        self._searched_for = self.field.text()
        hits = search(self.store, self.field.text())
        for hit in hits:
            item = QListWidgetItem(self._text(hit))
            item.setData(HIT_ROLE, (hit.kind, hit.record_id, hit.agreement_id))
            self.results.addItem(item)
        if self.field.text().strip():
            self.status.setText(self.tr("{count} Treffer").format(count=len(hits)))
        else:
            self.status.clear()
        if hits:
            self.results.setCurrentRow(0)

    def _text(self, hit: SearchHit) -> str:
        where = f"{hit.year} – {hit.context}" if hit.year else hit.context
        snippet = " ".join(hit.snippet.split())
        return f"{hit.kind_label}: {hit.title}\n{where}\n{snippet}".rstrip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys between the field and the hits; Enter in the hits opens the selected one."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.field and key == Qt.Key.Key_Down:
            self._into_hits()
            return True
        if watched is self.results and key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.results.currentItem() is not None:
                self._open(self.results.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _search_if_typed(self) -> None:
        """Search now if the text changed since the list was filled (instead of waiting for the timer)."""
        if self._timer.isActive() or self._searched_for != self.field.text():
            self._timer.stop()
            self.run()

    def _into_hits(self) -> None:
        self._search_if_typed()
        if self.results.count():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            self.results.setCurrentRow(0)

    def _enter(self) -> None:
        self._search_if_typed()
        if self.results.currentItem() is not None:
            self._open(self.results.currentItem())

    def _open(self, item: QListWidgetItem) -> None:
        kind, record_id, agreement_id = item.data(HIT_ROLE)
        if kind == "clause":  # clauses are edited inside their agreement
            kind, record_id = "agreement", agreement_id
        self.open_requested.emit(kind, record_id)
        self.accept()
