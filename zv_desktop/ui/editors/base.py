"""What every editor has: the controller it writes through, the record it shows, a read-only banner."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from zv_desktop.ui.undo import ActionController

#: Read-only fields look read-only (grey, as Windows shows them), and the keyboard focus is visible on every field,
#: editable or not, so Tab through a signed agreement shows where it is.
FIELD_STYLE = """
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] { background: #ececec; color: #303030; border: 1px solid #c2c2c2; }
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid #1f5fa8; }
QLineEdit:read-only:focus, QPlainTextEdit[readOnly="true"]:focus { border: 2px solid #1f5fa8; background: #e1eaf5; }
"""


class Editor(QWidget):
    """Base of the editors in the main window's right-hand side."""

    #: Asks the main window to show another record: (kind, id), kind as in the navigation tree.
    open_requested = Signal(str, str)

    def __init__(self, controller: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.record_id: str | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setAccessibleName(self.tr("Hinweis zur Bearbeitung"))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #c8a600; padding: 6px;")
        self.banner.hide()
        self.setStyleSheet(FIELD_STYLE)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.banner)
        controller.changed.connect(self.reload)

    def show_record(self, record_id: str) -> None:
        """Show the record with this id (and remember it for refreshes after undo/redo)."""
        self.record_id = record_id
        self.reload()

    def reload(self) -> None:
        """Refresh, and lock everything if the file is open for looking only."""
        self.refresh()
        if self.controller.store.read_only:
            self.set_read_only(True)

    def file_lock(self, read_only: bool, reason: str) -> tuple[bool, str]:
        """``read_only`` and ``reason``, or the file's own lock and reason if it is open for looking only."""
        store = self.controller.store
        return (True, store.read_only_reason) if store.read_only else (read_only, reason)

    def refresh(self) -> None:
        """Read the shown record again from the file (after an edit, an undo or a redo)."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Show the banner with ``reason`` and let the subclass lock its fields."""
        read_only, reason = self.file_lock(read_only, reason)
        self.banner.setText(reason)
        self.banner.setVisible(read_only)
