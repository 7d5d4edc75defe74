"""Hilfe → Über ZV Desktop: version, the open file, the folders for data and logs, Python and Qt, the font licence."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import zv_desktop
from zv_desktop.core.paths import default_db_path, log_dir, settings_file
from zv_desktop.core.reports.fonts import font_dir

#: The font licence file beside the fonts (resources/fonts).
FONT_LICENCE = "LICENSE-DejaVu.txt"


def data_folder() -> Path:
    """The folder of the default data file (the user's data folder, or ``Daten`` beside a portable program)."""
    return default_db_path().parent


def open_folder(parent: QWidget, folder: Path) -> bool:
    """Show a folder in the file manager (made first if it does not exist yet); False with a message if impossible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            parent.tr("Ordner öffnen"),
            parent.tr("Der Ordner „{folder}“ lässt sich nicht anlegen ({why}).").format(folder=folder, why=exc),
        )
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    QMessageBox.information(
        parent,
        parent.tr("Ordner öffnen"),
        parent.tr("Der Ordner kann nicht angezeigt werden. Er liegt hier:\n{folder}").format(folder=folder),
    )
    return False


class AboutDialog(QDialog):
    """Program name and version, where its files are, and what it is built with."""

    def __init__(self, parent: QWidget, open_file: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Über ZV Desktop"))
        self.data_folder, self.log_folder = data_folder(), log_dir()
        title = QLabel(self.tr("ZV Desktop"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.version = QLabel(self.tr("Version {version}").format(version=zv_desktop.__version__), self)
        purpose = QLabel(
            self.tr(
                "Zielvereinbarungen, Ziele, Kennzahlen und Vorlagen – offline, in einer Datendatei je Dienststelle."
            ),
            self,
        )
        purpose.setWordWrap(True)
        form = QFormLayout()
        none = self.tr("(keine Datei geöffnet)")
        qt = self.tr("{qt} (PySide6 {pyside})").format(qt=qVersion(), pyside=PySide6.__version__)
        self.fields: dict[str, QLabel] = {}
        for key, label, value in (
            ("file", self.tr("Geöffnete Datei:"), str(open_file) if open_file else none),
            ("data", self.tr("Datenordner:"), str(self.data_folder)),
            ("logs", self.tr("Protokollordner:"), str(self.log_folder)),
            ("settings", self.tr("Einstellungen:"), str(settings_file())),
            ("python", self.tr("Python:"), platform.python_version()),
            ("qt", self.tr("Qt:"), qt),
        ):
            field = QLabel(value, self)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            field.setAccessibleName(label.rstrip(":"))
            form.addRow(QLabel(label, self), field)
            self.fields[key] = field
        self.licence = QLabel(
            self.tr(
                "Gedruckte Dokumente enthalten die Schrift DejaVu Sans (Bitstream-Vera-Lizenz, Änderungen von DejaVu "
                "gemeinfrei). Sie darf mit dem Programm weitergegeben werden, auch gewerblich, solange der "
                "Lizenzhinweis beiliegt: {path}"
            ).format(path=font_dir() / FONT_LICENCE),
            self,
        )
        self.licence.setWordWrap(True)
        self.licence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_button = self._button(
            self.tr("Daten&ordner öffnen"), self.tr("Den Datenordner im Dateimanager zeigen"), self.open_data_folder
        )
        self.log_button = self._button(
            self.tr("&Protokollordner öffnen"),
            self.tr("Den Ordner mit den Fehlerprotokollen im Dateimanager zeigen"),
            self.open_log_folder,
        )
        self.close_button = self._button(self.tr("&Schließen"), self.tr("Dieses Fenster schließen"), self.accept)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.data_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (title, self.version, purpose):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.licence)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.resize(680, self.sizeHint().height())

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def open_data_folder(self) -> bool:
        """Show the data folder in the file manager."""
        return open_folder(self, self.data_folder)

    def open_log_folder(self) -> bool:
        """Show the log folder (crash reports „absturz-….log“) in the file manager."""
        return open_folder(self, self.log_folder)


def show_about(window: QWidget) -> AboutDialog:
    """Hilfe → Über ZV Desktop…: the dialog for this main window (its open file, if any)."""
    store = getattr(window, "store", None)
    path = getattr(store, "path", None)
    dialog = AboutDialog(window, Path(path) if path is not None else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
