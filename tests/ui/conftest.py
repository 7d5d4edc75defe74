"""Helpers for driving real windows offscreen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Show a window and make it the active one, so keyboard shortcuts reach it as for a user."""
    qtbot.addWidget(widget)
    widget.show()
    QApplication.processEvents()
    widget.activateWindow()
    QApplication.processEvents()
    assert QApplication.activeWindow() is widget
