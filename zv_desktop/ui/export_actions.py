"""Als Excel speichern…: KPI values, an agreement's grid, the Zielerreichung, a comparison or a time series as .xlsx.

An ``ExcelJob`` says which data file, what the file is called and how to write it. The user chooses where to save
(in the last folder used), the workbook is written off the UI thread (progress dialog after half a second) and
atomically by the core, then opened in the system's spreadsheet program. The core's writers are imported only when
an export runs, so the program's start does not load openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.store import Store
from zv_desktop.ui.save_targets import ask_target as shared_ask_target
from zv_desktop.ui.save_targets import file_name, settings_of, status, wants_opening
from zv_desktop.ui.save_targets import start_folder as shared_start_folder
from zv_desktop.ui.settings import Settings
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow

#: The folder the last Excel file was saved in or read from (a user setting).
FOLDER_KEY = "excel_folder"
#: "0" (or "nein"/"false") keeps a saved workbook from opening; opening is the default.
OPEN_KEY = "open_saved_excel"
#: The filter of the save dialog.
XLSX_FILTER = "Excel-Arbeitsmappen (*.xlsx);;Alle Dateien (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportActions", text)


@dataclass(frozen=True)
class ExcelJob:
    """Something to export: the data file, the title (the suggested file name) and how to write it (→ rows)."""

    store: Store
    title: str
    write: Callable[[Store, Path, Progress], int]


# -- replaceable in tests ------------------------------------------------------------------------


def open_in_spreadsheet(path: Path) -> None:
    """Open a saved workbook in the system's spreadsheet program."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# -- helpers ---------------------------------------------------------------------------------------


def default_file_name(title: str) -> str:
    """A file name valid on Windows for a title: "Kennzahlen 2014 / Mettmann" → "Kennzahlen 2014 - Mettmann.xlsx"."""
    return file_name(title, ".xlsx", _tr("Kennzahlen"))


def start_folder(settings: Settings) -> Path:
    """The folder the Excel file dialogs start in: the last one used, the office's default, the documents folder."""
    return shared_start_folder(settings, FOLDER_KEY)


def ask_target(parent: QWidget, settings: Settings, caption: str, title: str) -> Path | None:
    """Ask where to save (named after ``title``, ".xlsx" added if missing); None if the user cancels."""
    suggestion = start_folder(settings) / default_file_name(title)
    return shared_ask_target(parent, caption, suggestion, _tr(XLSX_FILTER), ".xlsx")


# -- Als Excel speichern ---------------------------------------------------------------------------


def save_as_excel(parent: QWidget, job: ExcelJob) -> Path | None:
    """Ask where, write the workbook in the background, say so in the status bar and open it; the path or None."""
    caption = _tr("Als Excel speichern")
    settings = settings_of(parent)
    path = ask_target(parent, settings, caption, job.title)
    if path is None:
        return None

    def work(progress: Progress) -> int:
        return job.write(job.store, path, progress)

    try:
        rows = run_with_progress(parent, _tr("Die Excel-Datei wird geschrieben …"), work)
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.warning(parent, caption, str(exc))
        return None
    settings.set_value(FOLDER_KEY, str(path.parent))
    status(parent, _tr("Excel-Datei gespeichert: {path} ({rows} Zeilen)").format(path=path, rows=rows))
    if wants_opening(settings, OPEN_KEY):
        open_in_spreadsheet(path)
    return path


def save_template(window: MainWindow) -> Path | None:
    """Datei → Excel-Vorlage für Kennzahlen speichern…: the empty import template, where the user wants it."""
    from zv_desktop.core.exchange.xlsx_export import write_template

    caption = _tr("Excel-Vorlage speichern")
    settings = settings_of(window)
    path = ask_target(window, settings, caption, _tr("Vorlage Kennzahlen"))
    if path is None:
        return None
    try:
        write_template(path)
    except ZvError as exc:
        QMessageBox.warning(window, caption, str(exc))
        return None
    settings.set_value(FOLDER_KEY, str(path.parent))
    status(window, _tr("Excel-Vorlage gespeichert: {path}").format(path=path))
    if wants_opening(settings, OPEN_KEY):
        open_in_spreadsheet(path)
    return path


# -- what can be exported --------------------------------------------------------------------------


def values_job(store: Store, year: int | None = None, area_id: str | None = None) -> ExcelJob:
    """All KPI values of the file (optionally of one year or area), one row per value."""

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_values

        return export_values(store, path, year=year, area_id=area_id, progress=progress)

    title = _tr("Kennzahlwerte {year}").format(year=year) if year else _tr("Kennzahlwerte aller Jahre")
    return ExcelJob(store, f"{title} – {store.site_name}", write)


def agreement_grid_job(store: Store, agreement_id: str) -> ExcelJob:
    """The Kennzahlen grid of an agreement (months × measures, as the editor shows it)."""
    agreement = store.get(model.Agreement, agreement_id)

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_agreement_grid

        return export_agreement_grid(store, path, agreement_id)

    return ExcelJob(store, _tr("Kennzahlen {year} – {title}").format(year=agreement.year, title=agreement.title), write)


def status_job(
    store: Store,
    year: int,
    month: int | None,
    party_id: str | None,
    method: Method | str = Method.YEAR_TO_DATE,
    goal_ids: list[str] | None = None,
    selection: str = "",
) -> ExcelJob:
    """The Zielerreichung of a year as the window shows it (same month, Träger, Hochrechnung and filter)."""
    ids = None if goal_ids is None else list(goal_ids)

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_status

        return export_status(store, path, year, month, party_id, Method(method), goal_ids=ids, selection=selection)

    title = _tr("Zielerreichung {year}").format(year=year)
    if month:
        from zv_desktop.core.formats import month_name

        title += _tr(" – Berichtsmonat {month}").format(month=month_name(month))
    return ExcelJob(store, title, write)


def comparison_excel_job(store: Store, agreement_ids: list[str]) -> ExcelJob:
    """The Jahresvergleich of these agreements."""
    ids = list(agreement_ids)
    years = sorted(store.get(model.Agreement, i).year for i in ids if store.exists(model.Agreement, i))

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_comparison

        return export_comparison(store, path, ids)

    span = f" {years[0]} bis {years[-1]}" if len(years) > 2 else f" {years[0]} – {years[-1]}" if years else ""
    return ExcelJob(store, _tr("Jahresvergleich") + span, write)


def time_series_excel_job(store: Store, measure_id: str, area_id: str, cities: bool) -> ExcelJob:
    """The Zeitreihe of a measure and area (``cities``: the Kreis's cities side by side)."""
    measure, area = store.get(model.Measure, measure_id), store.get(model.Area, area_id)

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_time_series

        return export_time_series(store, path, measure_id, area_id, cities=cities)

    where = area.name + (_tr(" und Städte") if cities else "")
    return ExcelJob(
        store, _tr("Zeitreihe {code} {name} – {area}").format(code=measure.code, name=measure.name, area=where), write
    )


def agreements_job(store: Store) -> ExcelJob:
    """The list of all agreements."""

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_agreements

        return export_agreements(store, path)

    return ExcelJob(store, _tr("Zielvereinbarungen {office}").format(office=store.site_name), write)


def papers_job(store: Store) -> ExcelJob:
    """The list of all Vorlagen."""

    def write(store: Store, path: Path, progress: Progress) -> int:
        from zv_desktop.core.exchange.xlsx_export import export_papers

        return export_papers(store, path)

    return ExcelJob(store, _tr("Vorlagen {office}").format(office=store.site_name), write)


def shown_excel_job(window: MainWindow) -> ExcelJob | None:
    """What Datei → Als Excel exportieren… writes: the grid of the agreement shown (also via a goal), else all values."""
    store = window.store
    if store is None:
        return None
    shown = window.shown_record()
    if shown is not None:
        kind, record_id = shown
        if kind == "goal" and store.exists(model.Goal, record_id):
            return agreement_grid_job(store, store.get(model.Goal, record_id).agreement_id)
        if kind in ("agreement", "values") and store.exists(model.Agreement, record_id):
            return agreement_grid_job(store, record_id)
    return values_job(store)


def export_shown(window: MainWindow) -> Path | None:
    """Datei → Als Excel exportieren…: the agreement shown as its Kennzahlen grid, otherwise all values."""
    job = shown_excel_job(window)
    return None if job is None else save_as_excel(window, job)


def export_agreement_list(window: MainWindow) -> Path | None:
    """Datei → Listen als Excel → Zielvereinbarungen…: every agreement of the file, one row each."""
    return None if window.store is None else save_as_excel(window, agreements_job(window.store))


def export_paper_list(window: MainWindow) -> Path | None:
    """Datei → Listen als Excel → Vorlagen…: every Vorlage of the file, one row each."""
    return None if window.store is None else save_as_excel(window, papers_job(window.store))
