"""Application-wide input guards: no accidental changes by the mouse wheel, Strg+Z reaches the file's undo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit


class InputGuard(QObject):
    """Installed on the QApplication.

    - A choice box or number box ignores the mouse wheel unless the user is working in it, so
      scrolling a form can never change a status or a kind by accident.
    - Strg+Z / Strg+Y in a text field that has nothing of its own to undo (what was typed is already
      saved) go to Bearbeiten → Rückgängig / Wiederholen, i.e. to the file's history.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox):
            if not watched.hasFocus():
                event.ignore()
                return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._leave_to_window(watched, event):
                event.ignore()
                return True
        return False

    @staticmethod
    def _leave_to_window(watched: QObject, event: QKeyEvent) -> bool:
        undo = event.matches(QKeySequence.StandardKey.Undo) or _is(event, "Ctrl+Z")
        redo = event.matches(QKeySequence.StandardKey.Redo) or _is(event, "Ctrl+Y")
        if not (undo or redo):
            return False
        if isinstance(watched, QLineEdit):
            return not (watched.isUndoAvailable() if undo else watched.isRedoAvailable())
        if isinstance(watched, QPlainTextEdit):
            document = watched.document()
            return not (document.isUndoAvailable() if undo else document.isRedoAvailable())
        return False


def _is(event: QKeyEvent, keys: str) -> bool:
    return QKeySequence(event.keyCombination()) == QKeySequence(keys)


_installed: dict[int, InputGuard] = {}


def install(app: QApplication) -> InputGuard:
    """Install the guard once on the application; returns it."""
    guard = _installed.get(id(app))
    if guard is None:
        guard = _installed[id(app)] = InputGuard(app)
        app.installEventFilter(guard)
    return guard
