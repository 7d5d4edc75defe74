"""Drucken… and Als PDF speichern… for any printable document: built off the UI thread, then saved or printed.

A ``Job`` says which data file, what the progress dialog says and how to build the document. The document is
built and rendered in the background (progress dialog after half a second, Abbrechen writes nothing), then either
written atomically to a PDF file the user chooses (and opened in the system's viewer) or shown in the
Druckvorschau, whose Drucken… prints that very PDF page by page (and whose Als PDF speichern… saves it).
Warnings of the finished PDF (an Anlage that could not be appended …) are always shown afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.store import Store
from zv_desktop.ui.save_targets import ask_target as shared_ask_target
from zv_desktop.ui.save_targets import file_name, settings_of, start_folder, status, wants_opening
from zv_desktop.ui.settings import Settings
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.core.reports.document import Document
    from zv_desktop.core.reports.output import Finished
    from zv_desktop.ui.main_window import MainWindow
    from zv_desktop.ui.print_preview import PrintPreview

#: The folder the last PDF was saved in (a user setting).
FOLDER_KEY = "pdf_folder"
#: "0" (or "nein"/"false") keeps a saved PDF from opening in the system's viewer; opening is the default.
OPEN_KEY = "open_saved_pdf"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintActions", text)


@dataclass(frozen=True)
class Job:
    """Something printable: the data file, the label of the progress dialog and how to build the document."""

    store: Store
    label: str
    make: Callable[[Store, Progress], Document]


@dataclass(frozen=True)
class Built:
    """A job's finished PDF and the title of its document (for the file name and the print queue)."""

    title: str
    finished: Finished


# -- replaceable in tests ------------------------------------------------------------------------


def open_in_viewer(path: Path) -> None:
    """Open a saved PDF in the system's PDF viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def new_printer() -> QPrinter:
    """The printer the print dialog starts with (the system's default printer)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


# -- building ------------------------------------------------------------------------------------


def build(parent: QWidget, job: Job, title: str) -> Built | None:
    """Build and render the job's PDF in the background; None if cancelled or refused (the user was told)."""

    def work(progress: Progress) -> Built:
        from zv_desktop.core.reports.output import finish

        document = job.make(job.store, progress)
        return Built(document.title, finish(document, progress))

    try:
        return run_with_progress(parent, job.label, work)
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def default_file_name(title: str) -> str:
    """A file name valid on Windows for a document title: "Vorlage 50/003/2022" → "Vorlage 50-003-2022.pdf"."""
    return file_name(title, ".pdf", _tr("Dokument"), "application/pdf")


def _show_warnings(parent: QWidget, finished: Finished) -> None:
    if finished.warnings:
        QMessageBox.warning(
            parent,
            _tr("Hinweise zum Dokument"),
            _tr("Bitte beachten:") + "\n\n" + "\n\n".join(finished.warnings),
        )


# -- Als PDF speichern -----------------------------------------------------------------------------


def ask_target(parent: QWidget, settings: Settings, title: str) -> Path | None:
    """Ask where to save the PDF (in the last folder used, named after the document); None if the user cancels."""
    suggestion = start_folder(settings, FOLDER_KEY) / default_file_name(title)
    pdf_filter = _tr("PDF-Dateien (*.pdf);;Alle Dateien (*)")
    return shared_ask_target(parent, _tr("Als PDF speichern"), suggestion, pdf_filter, ".pdf")


def save_as_pdf(parent: QWidget, job: Job) -> Path | None:
    """Als PDF speichern…: build the document, ask where, write it atomically, open it; the saved path or None."""
    built = build(parent, job, _tr("Als PDF speichern"))
    return None if built is None else save_built(parent, built)


def save_built(parent: QWidget, built: Built) -> Path | None:
    """Ask where to save a finished PDF, write it atomically and open it; the saved path or None."""
    from zv_desktop.core.files import write_atomically

    title = _tr("Als PDF speichern")
    settings = settings_of(parent)
    path = ask_target(parent, settings, built.title)
    if path is None:
        return None
    try:
        write_atomically(built.finished.content, path)
    except ZvError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    settings.set_value(FOLDER_KEY, str(path.parent))
    status(parent, _tr("PDF gespeichert: {path} ({pages} Seiten)").format(path=path, pages=built.finished.pages))
    _show_warnings(parent, built.finished)
    if wants_opening(settings, OPEN_KEY):
        open_in_viewer(path)
    return path


# -- Drucken -------------------------------------------------------------------------------------


def ask_printer(parent: QWidget, built: Built) -> QPrinter | None:
    """The print dialog with a page range from 1 to the number of pages; the chosen printer, or None."""
    printer = new_printer()
    printer.setDocName(built.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Drucken"))
    dialog.setMinMax(1, built.finished.pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_job(parent: QWidget, job: Job) -> PrintPreview | None:
    """Drucken…: build the document and show it in the Druckvorschau, whose Drucken… prints it (``print_built``).

    The preview is window-modal and returns at once; it is returned (None if building was cancelled or failed).
    """
    built = build(parent, job, _tr("Drucken"))
    return None if built is None else preview(parent, built)


def preview(parent: QWidget, built: Built) -> PrintPreview | None:
    """Show a finished PDF in the Druckvorschau; Drucken… there prints it and closes the preview."""
    from zv_desktop.ui.print_pages import PrintError
    from zv_desktop.ui.print_preview import PrintPreview

    try:
        dialog = PrintPreview(parent, built.title, built.finished.content)
    except PrintError as exc:
        QMessageBox.warning(parent, _tr("Drucken"), str(exc))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.print_requested.connect(lambda: dialog.accept() if print_built(dialog, built) else None)
    dialog.save_requested.connect(lambda: save_built(dialog, built))
    screen = parent.screen().availableGeometry()
    dialog.resize(min(screen.width() * 9 // 10, 1200), screen.height() * 9 // 10)
    dialog.open()
    dialog.activateWindow()  # its shortcuts (Strg+P, Bild ↑/↓, Esc) work at once
    return dialog


def print_built(parent: QWidget, built: Built) -> bool:
    """Ask for printer and pages and print them from the finished PDF; True if printed."""
    from zv_desktop.ui.print_pages import PrintError, chosen_pages, print_pdf

    printer = ask_printer(parent, built)
    if printer is None:
        return False
    pages = chosen_pages(printer, built.finished.pages)
    try:
        if not print_pdf(parent, built.finished.content, printer, pages):
            return False
    except PrintError as exc:
        QMessageBox.warning(parent, _tr("Drucken"), str(exc))
        return False
    status(parent, _tr("Gedruckt: {title} ({pages} Seiten)").format(title=built.title, pages=len(pages)))
    _show_warnings(parent, built.finished)
    return True


# -- what can be printed ---------------------------------------------------------------------------


def agreement_job(store: Store, agreement_id: str) -> Job:
    """An agreement with its goals and values."""

    def make(store: Store, progress: Progress) -> Document:
        from zv_desktop.core.reports.agreement_report import agreement_document

        return agreement_document(store, agreement_id)

    return Job(store, _tr("Die Zielvereinbarung wird aufbereitet …"), make)


def paper_job(store: Store, paper_id: str) -> Job:
    """A Vorlage with its Anlagen."""

    def make(store: Store, progress: Progress) -> Document:
        from zv_desktop.core.reports.paper_report import paper_document

        return paper_document(store, paper_id)

    return Job(store, _tr("Die Vorlage wird aufbereitet …"), make)


def achievement_job(
    store: Store,
    year: int,
    month: int | None,
    party_id: str | None,
    method: Method | str = Method.YEAR_TO_DATE,
    goal_ids: list[str] | None = None,
    selection: str = "",
) -> Job:
    """The Zielerreichung of a year for a reporting month (None: the last with values) and Träger (None: all);
    ``goal_ids`` limits it to the goals a filtered view shows, ``selection`` says how they were chosen."""

    def make(store: Store, progress: Progress) -> Document:
        from zv_desktop.core.reports.achievement_report import achievement_document

        chosen = Method(method)  # a combo box hands back the plain value
        return achievement_document(
            store, year, month, party_id, chosen, progress, goal_ids=goal_ids, selection=selection
        )

    return Job(store, _tr("Die Zielerreichung wird aufbereitet …"), make)


def comparison_job(store: Store, agreement_ids: list[str]) -> Job:
    """The Jahresvergleich of these agreements."""
    ids = list(agreement_ids)

    def make(store: Store, progress: Progress) -> Document:
        from zv_desktop.core.reports.comparison_report import comparison_document

        return comparison_document(store, ids)

    return Job(store, _tr("Der Jahresvergleich wird aufbereitet …"), make)


def time_series_job(store: Store, measure_id: str, area_id: str, cities: bool) -> Job:
    """The Zeitreihe of a measure and area (``cities``: the Kreis's cities side by side)."""

    def make(store: Store, progress: Progress) -> Document:
        from zv_desktop.core.reports.time_series_report import time_series_document

        return time_series_document(store, measure_id, area_id, cities)

    return Job(store, _tr("Die Zeitreihe wird aufbereitet …"), make)


def shown_document(window: MainWindow) -> tuple[str, str] | None:
    """("agreement" | "paper", id) of the document the main window shows: an agreement (also via a goal or its
    values) or a Vorlage; None on the welcome page or for a record that is gone."""
    store, shown = window.store, window.shown_record()
    if store is None or shown is None:
        return None
    kind, record_id = shown
    if kind == "goal" and store.exists(model.Goal, record_id):
        return "agreement", store.get(model.Goal, record_id).agreement_id
    if kind in ("agreement", "values") and store.exists(model.Agreement, record_id):
        return "agreement", record_id
    if kind == "paper" and store.exists(model.Paper, record_id):
        return "paper", record_id
    return None


def shown_job(window: MainWindow) -> Job | None:
    """The job for what the main window shows (``shown_document``)."""
    shown = shown_document(window)
    if shown is None or window.store is None:
        return None
    kind, record_id = shown
    return agreement_job(window.store, record_id) if kind == "agreement" else paper_job(window.store, record_id)


def _shown_or_hint(window: MainWindow) -> Job | None:
    job = shown_job(window)
    if job is None:
        QMessageBox.information(
            window, _tr("Hinweis"), _tr("Bitte zuerst eine Zielvereinbarung, ein Ziel oder eine Vorlage öffnen.")
        )
    return job


def print_shown(window: MainWindow) -> None:
    """Datei → Drucken…: the agreement or Vorlage shown in the main window, in the Druckvorschau."""
    job = _shown_or_hint(window)
    if job is not None:
        print_job(window, job)


def save_shown(window: MainWindow) -> None:
    """Datei → Als PDF speichern…: the agreement or Vorlage shown in the main window."""
    job = _shown_or_hint(window)
    if job is not None:
        save_as_pdf(window, job)
