"""Datei menu actions: new, open, recently opened, demo; German messages for foreign or broken files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from zv_desktop.core.errors import ZvError
from zv_desktop.core.paths import default_db_path
from zv_desktop.core.progress import Cancelled
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow

FILE_FILTER = "ZV-Dateien (*.sqlite *.zv);;Alle Dateien (*)"


def try_open(window: MainWindow, path: Path, create: bool = False, show_progress: bool = False) -> Store | None:
    """Open a data file; on any problem show the German message from core and return None.

    With ``show_progress`` the opening (which may back up and migrate a large file) runs in the
    background with a progress dialog that can cancel it before anything in the file changes.
    """
    office = window.settings.value("office_name") or None
    try:
        if not show_progress:
            return open_store(path, create=create, office_name=office)
        return run_with_progress(
            window,
            window.tr("Datei wird geöffnet …"),
            lambda progress: open_store(path, create=create, office_name=office, progress=progress),
        )
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.critical(window, window.tr("Datei kann nicht geöffnet werden"), str(exc))
        return None


def start_folder(window: MainWindow) -> str:
    """Where file dialogs start: the administrator's or user's default folder, else the data folder."""
    folder = window.settings.value("default_folder")
    return folder or str(default_db_path().parent)


def new_file(window: MainWindow) -> None:
    """Datei → Neu: ask where, create an empty data file, show it."""
    name, _ = QFileDialog.getSaveFileName(window, window.tr("Neue ZV-Datei"), start_folder(window), FILE_FILTER)
    if not name:
        return
    path = Path(name) if Path(name).suffix else Path(name).with_suffix(".sqlite")
    if path.exists():
        QMessageBox.warning(
            window,
            window.tr("Datei vorhanden"),
            window.tr("„{path}“ gibt es schon. Zum Öffnen bitte Datei → Öffnen wählen.").format(path=path),
        )
        return
    store = try_open(window, path, create=True)
    if store is not None:
        window.set_store(store)


def open_file(window: MainWindow, path: Path | None = None) -> None:
    """Datei → Öffnen (or a recent file): open it and show it."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, window.tr("ZV-Datei öffnen"), start_folder(window), FILE_FILTER)
        if not name:
            return
        path = Path(name)
    store = try_open(window, path, show_progress=True)
    if store is not None:
        window.set_store(store)
        if store.last_backup is not None:
            QMessageBox.information(
                window,
                window.tr("Datei aktualisiert"),
                window.tr(
                    "Die Datei wurde auf den aktuellen Datenstand gebracht. Eine Sicherung des alten Stands liegt "
                    "unter:\n{backup}"
                ).format(backup=store.last_backup),
            )


def open_demo(window: MainWindow) -> None:
    """Datei → Demo öffnen: the demo file in the user's data folder; the demo data is written only into a new one."""
    from zv_desktop.core.demo import build_demo

    path = default_db_path().parent / "zv-demo.sqlite"
    store = try_open(window, path, create=True)
    if store is None:
        return
    if agreements.list_agreements(store):  # the demo is there already, with whatever the user tried in it
        window.set_store(store)
        return
    try:
        run_with_progress(
            window, window.tr("Demodaten werden angelegt …"), lambda progress: build_demo(store, progress)
        )
    except Cancelled:
        store.close()
        return
    except ZvError as exc:
        store.close()
        QMessageBox.critical(window, window.tr("Demo"), str(exc))
        return
    window.set_store(store)


def rescue_file(window: MainWindow) -> None:
    """Datei → Gerettete Kopie anlegen…: every readable row of the open (damaged) file into a new file, then open it."""
    from zv_desktop.core.store.recovery import recover_file

    if window.store is None:
        return
    source = window.store.path
    suggested = str(source.with_name(f"{source.stem}-gerettet{source.suffix or '.sqlite'}"))
    name, _ = QFileDialog.getSaveFileName(window, window.tr("Gerettete Kopie anlegen"), suggested, FILE_FILTER)
    if not name:
        return
    try:
        report = recover_file(source, Path(name))
    except ZvError as exc:
        QMessageBox.critical(window, window.tr("Retten nicht möglich"), str(exc))
        return
    answer = QMessageBox.question(
        window,
        window.tr("Gerettete Kopie angelegt"),
        report.describe() + "\n\n" + window.tr("Die gerettete Datei jetzt öffnen? Die beschädigte bleibt unverändert."),
    )
    if answer == QMessageBox.StandardButton.Yes:
        open_file(window, Path(name))
