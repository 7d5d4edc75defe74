"""Two buttons for a window of its own (Zielerreichung, Jahresvergleich): Drucken… and Als PDF speichern…."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from zv_desktop.ui.print_actions import Job, print_job, save_as_pdf


class PrintButtons(QWidget):
    """Drucken… (Strg+P) and Als PDF speichern… (Strg+Umschalt+S) for what ``job()`` says; None: nothing to print."""

    def __init__(self, parent: QWidget, job: Callable[[], Job | None]) -> None:
        super().__init__(parent)
        self.job = job
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.print_button = self._button(self.tr("D&rucken…"), self.tr("Drucken"), "Ctrl+P", self.print_)
        self.pdf_button = self._button(
            self.tr("Als &PDF speichern…"), self.tr("Als PDF speichern"), "Ctrl+Shift+S", self.save_pdf
        )
        layout.addWidget(self.print_button)
        layout.addWidget(self.pdf_button)

    def _button(self, text: str, name: str, keys: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        shortcut = QKeySequence(keys)
        button.setToolTip(f"{name} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        button.clicked.connect(lambda: slot())
        action = QAction(name, self)  # the shortcut works anywhere in this window
        action.setShortcut(shortcut)
        action.triggered.connect(lambda: slot() if self.isEnabled() else None)
        self.addAction(action)
        return button

    def print_(self) -> None:
        """Drucken…: build the document and print it."""
        job = self.job()
        if job is not None:
            print_job(self.window(), job)

    def save_pdf(self) -> None:
        """Als PDF speichern…: build the document and save it."""
        job = self.job()
        if job is not None:
            save_as_pdf(self.window(), job)
