"""Esc and Strg+W close a secondary window (overviews, views of another file), as in every other program.

``add_close_keys`` adds the shortcuts to a window; ``close_button`` makes the matching „Schließen“ button.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget


def close_keys() -> list[QKeySequence]:
    """Esc, the platform's keys for closing a window (Strg+W, Strg+F4 …) and Strg+W everywhere, each once."""
    keys = [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")]
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close):
        if key not in keys:
            keys.append(key)
    return keys


def add_close_keys(window: QWidget) -> list[QShortcut]:
    """Let Esc and Strg+W close ``window`` while it (or one of its fields) has the focus."""
    shortcuts = []
    for key in close_keys():
        shortcut = QShortcut(key, window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(window.close)
        shortcuts.append(shortcut)
    return shortcuts


def close_button(window: QWidget, parent: QWidget | None = None) -> QPushButton:
    """A „Schließen“ button that closes ``window`` (the keys are named in its tooltip)."""
    button = QPushButton(QCoreApplication.translate("WindowKeys", "Schließen"), parent or window)
    button.setToolTip(QCoreApplication.translate("WindowKeys", "Dieses Fenster schließen (Esc oder Strg+W)"))
    button.setAccessibleName(QCoreApplication.translate("WindowKeys", "Fenster schließen"))
    button.setAutoDefault(False)
    button.clicked.connect(window.close)
    return button
