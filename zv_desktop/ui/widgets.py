"""Small widgets shared by the editors: a text box that saves on leaving, labelled form rows, German dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text that emits ``committed`` when the user leaves it after a change (Tab leaves it).

    With ``single_paragraph`` (a title) Enter commits instead of starting a new line.
    """

    committed = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int | None = None, single_paragraph: bool = False) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.single_paragraph = single_paragraph
        self._stored = ""
        if lines is not None:  # a fixed height of so many text lines
            margins = self.contentsMargins().top() + self.contentsMargins().bottom()
            frame = 2 * (self.frameWidth() + int(self.document().documentMargin()))
            self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + margins + frame + 2)

    def setReadOnly(self, read_only: bool) -> None:
        """Lock or unlock the text, and let the style sheet show it (grey when read-only, see ``editors.base``)."""
        super().setReadOnly(read_only)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_text(self, text: str) -> None:
        """Show stored text; the cursor stays where it was (as far as the new text reaches).

        While the user is typing here (focus and unsaved text), the typed text stays: it is saved
        when the field is left, and a refresh caused elsewhere must not throw it away.
        """
        if self.hasFocus() and self.is_dirty():
            self._stored = text
            return
        self._stored = text
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def text(self) -> str:
        """The typed text (one paragraph joined by spaces if ``single_paragraph``)."""
        text = self.toPlainText()
        return " ".join(text.split()) if self.single_paragraph else text

    def is_dirty(self) -> bool:
        """True while the text differs from what was stored."""
        return self.toPlainText() != self._stored

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.single_paragraph and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._commit()

    def _commit(self) -> None:
        if self.is_dirty() and not self.isReadOnly():
            self.committed.emit()


class DateEdit(QLineEdit):
    """A date typed the German way (TT.MM.JJJJ); empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("TT.MM.JJJJ")
        self.setMaximumWidth(120)

    def set_date(self, value: date | None) -> None:
        """Show a stored date."""
        from zv_desktop.core.formats import format_date  # Babel is loaded when a form first needs it

        self.setText(format_date(value) if value else "")

    def date_value(self) -> date | None:
        """The typed date; FormatError with a German message if it is not one."""
        from zv_desktop.core.formats import parse_date

        text = self.text().strip()
        return parse_date(text) if text else None


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], current: Any) -> None:
    """Replace a combo's choices (text, data) and select ``current``."""
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def add_row(form: QFormLayout, text: str, field: QWidget, accessible: str) -> QLabel:
    """Add a labelled row whose label is the field's buddy (so the & shortcut jumps to it)."""
    label = QLabel(text, form.parentWidget())
    label.setBuddy(field)
    field.setAccessibleName(accessible)
    form.addRow(label, field)
    return label


__all__ = ["CommitTextEdit", "DateEdit", "add_row", "compact_combos", "fill_combo"]


def compact_combos(root: QWidget, characters: int = 18) -> None:
    """Let choice boxes under ``root`` shrink to a few characters, so long names (a ministry) never widen forms."""
    for box in root.findChildren(QComboBox):
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(characters)
