"""Where a document or workbook is saved: the file dialog with a suggested name, the remembered folder, the status bar.

Shared by "Als PDF speichern…" and "Als Excel speichern…" (and the Excel import's file dialog).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from zv_desktop.core.services.papers import safe_file_name
from zv_desktop.ui.settings import Settings

#: How long a message stays in the status bar (ms).
STATUS_MS = 10000


def _tr(text: str) -> str:
    return QCoreApplication.translate("SaveTargets", text)


def main_window_of(widget: QWidget | None) -> QMainWindow | None:
    """The main window a widget belongs to (also from a window of its own, like the Zielerreichung)."""
    while widget is not None:
        if isinstance(widget, QMainWindow):
            return widget
        widget = widget.parentWidget()
    return None


def settings_of(parent: QWidget) -> Settings:
    """The main window's settings (a fresh view of the user's settings if there is none)."""
    settings = getattr(main_window_of(parent), "settings", None)
    return settings if isinstance(settings, Settings) else Settings()


def status(parent: QWidget, text: str) -> None:
    """Show a message in the main window's status bar."""
    main = main_window_of(parent)
    if main is not None:
        main.statusBar().showMessage(text, STATUS_MS)


def start_folder(settings: Settings, folder_key: str) -> Path:
    """The folder a file dialog starts in: the last one used, the office's default, the documents folder."""
    for folder in (settings.value(folder_key), settings.value("default_folder")):
        if folder and Path(folder).is_dir():
            return Path(folder)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


def wants_opening(settings: Settings, open_key: str) -> bool:
    """True unless the setting ``open_key`` says not to open a saved file ("0", "nein", "false", "no")."""
    return settings.value(open_key).strip().lower() not in ("0", "nein", "false", "no")


def file_name(title: str, suffix: str, fallback: str, mime_type: str | None = None) -> str:
    """A file name valid on Windows for a title, ending in ``suffix``: "Vorlage 50/003/2022" → "Vorlage 50-003-2022.pdf"."""
    name = safe_file_name(title or fallback, mime_type)
    return name if name.lower().endswith(suffix) else f"{name}{suffix}"


def ask_target(parent: QWidget, caption: str, suggestion: Path, file_filter: str, suffix: str) -> Path | None:
    """Ask where to save, starting at ``suggestion``; ``suffix`` is added if missing. None if the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggestion), file_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(f"{path.name}{suffix}")
        if path.exists():  # the dialog asked about the name without the suffix, not about this file
            answer = QMessageBox.question(parent, caption, _tr("„{path}“ gibt es schon. Ersetzen?").format(path=path))
            if answer != QMessageBox.StandardButton.Yes:
                return None
    return path
