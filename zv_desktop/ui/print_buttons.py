"""Buttons for a window of its own (Zielerreichung, Jahresvergleich, Zeitreihe): Drucken…, Als PDF speichern…
and, where the window gives an Excel job, Als Excel speichern…."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from zv_desktop.ui.export_actions import ExcelJob, save_as_excel
from zv_desktop.ui.print_actions import Job, print_job, save_as_pdf
from zv_desktop.ui.shortcut_buttons import wire_button


class PrintButtons(QWidget):
    """Drucken… (Strg+P, via the Druckvorschau) and Als PDF speichern… (Strg+Umschalt+S) for what ``job()`` says; None: nothing to print.

    With ``excel``, a third button Als Excel speichern… (Strg+Umschalt+E) saves what ``excel()`` says.
    """

    def __init__(
        self,
        parent: QWidget,
        job: Callable[[], Job | None],
        excel: Callable[[], ExcelJob | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.excel = excel
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.print_button = self._button(self.tr("D&rucken…"), self.tr("Drucken"), "Ctrl+P", self.print_)
        self.pdf_button = self._button(
            self.tr("Als &PDF speichern…"), self.tr("Als PDF speichern"), "Ctrl+Shift+S", self.save_pdf
        )
        layout.addWidget(self.print_button)
        layout.addWidget(self.pdf_button)
        self.excel_button: QPushButton | None = None
        if excel is not None:
            self.excel_button = self._button(
                self.tr("Als E&xcel speichern…"), self.tr("Als Excel speichern"), "Ctrl+Shift+E", self.save_excel
            )
            layout.addWidget(self.excel_button)

    def _button(self, text: str, name: str, keys: str, slot: Callable[[], object]) -> QPushButton:
        return wire_button(self, QPushButton(text, self), name, keys, slot)

    def print_(self) -> None:
        """Drucken…: build the document and show it in the Druckvorschau, from where it is printed."""
        job = self.job()
        if job is not None:
            print_job(self.window(), job)

    def save_pdf(self) -> None:
        """Als PDF speichern…: build the document and save it."""
        job = self.job()
        if job is not None:
            save_as_pdf(self.window(), job)

    def save_excel(self) -> None:
        """Als Excel speichern…: write the workbook and open it."""
        job = self.excel() if self.excel is not None else None
        if job is not None:
            save_as_excel(self.window(), job)
