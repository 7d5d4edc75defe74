"""Small widgets shared by the editors: a text box that saves on leaving, labelled form rows, German dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from zv_desktop.core.formats import FormatError, format_date, parse_date


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text that emits ``committed`` when the user leaves it after a change."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._loaded = ""

    def set_text(self, text: str) -> None:
        """Show stored text (not a user change)."""
        self._loaded = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._loaded:
            self._loaded = self.toPlainText()
            self.committed.emit()


class DateEdit(QLineEdit):
    """A date typed the German way (TT.MM.JJJJ); empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("TT.MM.JJJJ")
        self.setMaximumWidth(120)

    def set_date(self, value: date | None) -> None:
        """Show a stored date."""
        self.setText(format_date(value) if value else "")

    def date_value(self) -> date | None:
        """The typed date; FormatError with a German message if it is not one."""
        text = self.text().strip()
        return parse_date(text) if text else None


def add_row(form: QFormLayout, text: str, field: QWidget, accessible: str) -> QLabel:
    """Add a labelled row whose label is the field's buddy (so the & shortcut jumps to it)."""
    label = QLabel(text, form.parentWidget())
    label.setBuddy(field)
    field.setAccessibleName(accessible)
    form.addRow(label, field)
    return label


__all__ = ["CommitTextEdit", "DateEdit", "FormatError", "add_row"]
