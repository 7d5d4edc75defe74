"""Helpers for driving real windows offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core.store import Store
from zv_desktop.ui.main_window import MainWindow


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


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every message box shown, as (kind, text), instead of a dialog waiting for a click; questions answer "No"."""
    seen: list[tuple[str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, kind=kind: seen.append((kind, text)))

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        seen.append(("question", text))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


class SaveAs:
    """Stands in for the save dialog: answers with ``target`` and remembers what it suggested."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path | None) -> None:
        self.target, self.suggested = target, []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, parent, caption, folder, filters, *args):  # type: ignore[no-untyped-def]
        self.suggested.append(Path(folder))
        return (str(self.target) if self.target else "", "")


@pytest.fixture(autouse=True)
def shared_open(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Stands in for the question "Die Datei ist geöffnet von …" (a window left open by a test would otherwise
    make every later window on that file wait for a click): answers "Trotzdem bearbeiten", records what it asked."""
    from zv_desktop.ui import conflict_dialog

    asked: list[tuple[str, str]] = []

    def answer(parent: object, file_name: str, others: str) -> bool:
        asked.append((file_name, others))
        return True

    monkeypatch.setattr(conflict_dialog, "ask_shared_open", answer)
    return asked


@pytest.fixture
def demo_window(qtbot: QtBot, demo: Store) -> MainWindow:
    """The main window on a copy of the demo file, at 1366×768 and active."""
    window = MainWindow(demo)
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window
