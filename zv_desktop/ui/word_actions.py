"""Datei → Als Word-Dokument speichern…: the agreement or Vorlage shown, as an accessible .docx (``core/reports/word``).

Built in the background like a PDF, saved atomically where the user chooses (the last folder used, named after the
document) and opened in the system's word processor unless the user's setting says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store import Store
from zv_desktop.ui.print_actions import shown_document
from zv_desktop.ui.save_targets import ask_target, file_name, settings_of, start_folder, status, wants_opening
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.core.reports.word import WordDocument
    from zv_desktop.ui.main_window import MainWindow

#: The folder the last Word document was saved in, and whether a saved one opens (user settings).
FOLDER_KEY = "word_folder"
OPEN_KEY = "open_saved_word"


def _tr(text: str) -> str:
    return QCoreApplication.translate("WordActions", text)


def open_in_word_processor(path: Path) -> None:
    """Open a saved document in the system's word processor (replaceable in tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def shown_maker(window: MainWindow) -> Callable[[Store], WordDocument] | None:
    """How to build the Word document of what the main window shows (``print_actions.shown_document``)."""
    from zv_desktop.core.reports.word import agreement_word, paper_word

    shown = shown_document(window)
    if shown is None:
        return None
    kind, record_id = shown
    word = agreement_word if kind == "agreement" else paper_word
    return lambda store: word(store, record_id)


def save_shown_word(window: MainWindow) -> Path | None:
    """Build, ask where, write atomically, open; the saved path or None (cancelled, refused: the user was told)."""
    from zv_desktop.core.files import write_atomically
    from zv_desktop.core.reports.word import DOCX_TYPE

    title = _tr("Als Word-Dokument speichern")
    make = shown_maker(window)
    if make is None or window.store is None:
        QMessageBox.information(
            window, _tr("Hinweis"), _tr("Bitte zuerst eine Zielvereinbarung, ein Ziel oder eine Vorlage öffnen.")
        )
        return None
    store = window.store

    def work(progress: Progress) -> WordDocument:
        progress.update(0, 0, _tr("Das Word-Dokument wird aufbereitet …"))
        return make(store)

    try:
        word = run_with_progress(window, _tr("Das Word-Dokument wird aufbereitet …"), work)
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.warning(window, title, str(exc))
        return None
    settings = settings_of(window)
    suggestion = start_folder(settings, FOLDER_KEY) / file_name(word.title, ".docx", _tr("Dokument"), DOCX_TYPE)
    path = ask_target(window, title, suggestion, _tr("Word-Dokumente (*.docx);;Alle Dateien (*)"), ".docx")
    if path is None:
        return None
    try:
        write_atomically(word.content, path, _tr("Word-Datei"))
    except ZvError as exc:
        QMessageBox.warning(window, title, str(exc))
        return None
    settings.set_value(FOLDER_KEY, str(path.parent))
    status(window, _tr("Word-Dokument gespeichert: {path}").format(path=path))
    if wants_opening(settings, OPEN_KEY):
        open_in_word_processor(path)
    return path
