"""Helpers for driving real windows offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Show a window and make it the active one, so keyboard shortcuts reach it as for a user."""
    qtbot.addWidget(widget)
    widget.show()
    QApplication.processEvents()
    widget.activateWindow()
    QApplication.processEvents()
    assert QApplication.activeWindow() is widget


def type_into(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    """Type into a field and press Enter (QTest can only click ASCII keys; other characters are inserted)."""
    line.setFocus()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        line.insert(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
