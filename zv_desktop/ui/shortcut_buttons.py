"""A button with its shortcut: accessible name, a tooltip naming the keys, and the keys working anywhere in the
button's window (used by the print buttons of the secondary windows and the print preview)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

B = TypeVar("B", bound=QAbstractButton)


def wire_button(owner: QWidget, button: B, name: str, keys: str, slot: Callable[[], object]) -> B:
    """Give a button its accessible name, a tooltip naming its shortcut, and that shortcut anywhere in ``owner``'s
    window (while ``owner`` is enabled); ``keys`` may be empty."""
    button.setAccessibleName(name)
    button.clicked.connect(lambda: slot())
    if not keys:
        button.setToolTip(name)
        return button
    shortcut = QKeySequence(keys)
    button.setToolTip(f"{name} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
    action = QAction(name, owner)
    action.setShortcut(shortcut)
    action.triggered.connect(lambda: slot() if owner.isEnabled() else None)
    owner.addAction(action)
    return button
