"""Guards against a binding bug seen in PySide6 6.12.0: void calls that drop a reference to None.

With that bug, every call like ``widget.setEnabled(True)`` lowered None's reference count, and the
program crashed ("deallocating None") after enough calls — e.g. building the navigation tree of a
large file. The pinned version must keep None's count steady.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QApplication, QWidget


def test_void_calls_keep_none_alive(qapp: QApplication) -> None:
    widget = QWidget()
    item = QStandardItem("x")
    before = sys.getrefcount(None)
    for _ in range(5000):
        widget.setEnabled(True)
        item.setData("a", Qt.ItemDataRole.UserRole + 1)
        item.setEditable(False)
    assert abs(sys.getrefcount(None) - before) < 100
