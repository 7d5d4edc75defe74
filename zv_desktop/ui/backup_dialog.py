"""Backups in the client: the daily backup when a file is shown, and Datei → Sicherung wiederherstellen….

The dialog lists every backup of the open file (newest first) with what it holds, shows the agreements
of one („Ansehen“, read-only) and restores one after asking: core backs up the current state first and
copies the backup onto the file; the window then reopens the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.errors import ZvError
from zv_desktop.core.formats import format_date, format_number
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.backups import Backup, daily_backup, human_size, list_backups
from zv_desktop.core.store.presence import describe_others
from zv_desktop.core.store.restoring import Contents, read_contents, restore_backup

if TYPE_CHECKING:
    from datetime import datetime

    from zv_desktop.ui.main_window import MainWindow

PATH_ROLE = Qt.ItemDataRole.UserRole + 1

#: Files whose failed backup was already reported in this session.
_WARNED: set[Path] = set()


def configured_folder(window: MainWindow) -> Path | None:
    """The administrator's or user's backup folder (setting ``backup_folder``), or None: beside the file."""
    folder = window.settings.value("backup_folder")
    return Path(folder) if folder else None


def back_up_on_open(window: MainWindow, store: Store) -> None:
    """The daily backup of a file opened for editing; a failure is a warning, once per file and session."""
    result = daily_backup(store, configured_folder(window))
    if result.warning and store.path.resolve() not in _WARNED:
        _WARNED.add(store.path.resolve())
        QMessageBox.warning(window, window.tr("Sicherung nicht möglich"), result.warning)


def _when(moment: datetime | None) -> str:
    return f"{format_date(moment.date())} {moment:%H:%M}" if moment is not None else ""


class BackupDialog(QDialog):
    """The backups of the open file; „Ansehen“ shows one's agreements, „Wiederherstellen…“ puts it back."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Sicherung wiederherstellen"))
        self.resize(980, 560)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        headers = [
            self.tr("Zeitpunkt"),
            self.tr("Art"),
            self.tr("Größe"),
            self.tr("Zielvereinbarungen"),
            self.tr("Ziele"),
            self.tr("Kennzahlwerte"),
            self.tr("Vorlagen"),
            self.tr("Letzte Änderung"),
        ]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(self.tr("Sicherungen"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.look_into())
        self.look_label = QLabel(self)
        self.look_label.setWordWrap(True)
        self.agreements = QTableWidget(0, 2, self)
        self.agreements.setHorizontalHeaderLabels([self.tr("Jahr"), self.tr("Titel")])
        self.agreements.setAccessibleName(self.tr("Zielvereinbarungen in der Sicherung"))
        self.agreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agreements.verticalHeader().hide()
        self.agreements.horizontalHeader().setStretchLastSection(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.look_label)
        lower_layout.addWidget(self.agreements)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([300, 200])
        buttons = QDialogButtonBox(self)
        self.look_button = QPushButton(self.tr("&Ansehen"), self)
        self.restore_button = QPushButton(self.tr("&Wiederherstellen…"), self)
        buttons.addButton(self.look_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.look_button.setToolTip(self.tr("Die gewählte Sicherung nur ansehen, ohne etwas zu ändern"))
        self.restore_button.setToolTip(self.tr("Die gewählte Sicherung an die Stelle der Datendatei setzen"))
        buttons.addButton(QDialogButtonBox.StandardButton.Close).setToolTip(self.tr("Das Fenster schließen"))
        buttons.rejected.connect(self.reject)
        self.look_button.clicked.connect(self.look_into)
        self.restore_button.clicked.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        self.backups: list[Backup] = []
        self.refresh()

    # -- the list --------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The file open in the window."""
        assert self.window_.store is not None
        return self.window_.store

    def refresh(self) -> None:
        """List the backups of the open file, newest first."""
        path = self.store.path
        self.backups = list_backups(path, configured_folder(self.window_))
        self.table.setRowCount(0)
        for backup in self.backups:
            self._add_row(backup)
        if self.backups:
            text = self.tr(
                "Sicherungen von „{file}“, die neueste oben. Täglich beim Öffnen wird eine angelegt; "
                "aufbewahrt werden alle der letzten 7 Tage, dann eine je Woche (8 Wochen), dann eine je Monat "
                "(24 Monate). Beim Wiederherstellen wird der jetzige Stand vorher gesichert."
            )
            self.table.selectRow(0)
        else:
            text = self.tr("Von „{file}“ gibt es noch keine Sicherung.")
        self.intro.setText(text.format(file=path.name))
        if self.store.read_only:
            self.intro.setText(
                self.intro.text()
                + "\n"
                + self.tr("Die Datei ist nur zum Ansehen geöffnet; wiederherstellen geht nicht.")
            )
        self._selection_changed()

    def _add_row(self, backup: Backup) -> None:
        try:
            contents: Contents | None = read_contents(backup.path)
        except ZvError:
            contents = None
        row = self.table.rowCount()
        self.table.insertRow(row)
        if contents is None:
            counts = ["", "", "", "", self.tr("nicht lesbar")]
        else:
            counts = [
                format_number(contents.agreements),
                format_number(contents.goals),
                format_number(contents.values),
                format_number(contents.papers),
                _when(contents.last_change),
            ]
        cells = [_when(backup.made), backup.kind.label, human_size(backup.size), *counts]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if 2 <= column <= 6:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(PATH_ROLE, str(backup.path))
            item.setToolTip(str(backup.path))
            self.table.setItem(row, column, item)

    def selected(self) -> Backup | None:
        """The backup chosen in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select(self, path: Path) -> None:
        """Choose a backup in the list by its file."""
        for row, backup in enumerate(self.backups):
            if backup.path == path:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.agreements.setRowCount(0)  # what is shown below belongs to the backup chosen before
        self.look_label.setText(self.tr("Inhalt der gewählten Sicherung: „Ansehen“ wählen."))
        self.look_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen and not self.store.read_only)

    # -- looking into one --------------------------------------------------------------------

    def look_into(self) -> None:
        """Show the agreements of the chosen backup (read only; the backup is never written)."""
        backup = self.selected()
        if backup is None:
            return
        self.agreements.setRowCount(0)
        try:
            contents = read_contents(backup.path)
        except ZvError as exc:
            self.look_label.setText(str(exc))
            return
        self.look_label.setText(
            self.tr("Zielvereinbarungen in der Sicherung vom {when} ({count}), Dienststelle „{office}“:").format(
                when=_when(backup.made), count=len(contents.agreement_list), office=contents.office
            )
        )
        for year, title in contents.agreement_list:
            row = self.agreements.rowCount()
            self.agreements.insertRow(row)
            self.agreements.setItem(row, 0, QTableWidgetItem(str(year)))
            self.agreements.setItem(row, 1, QTableWidgetItem(title))
        self.agreements.resizeColumnToContents(0)

    # -- restoring -------------------------------------------------------------------------

    def restore(self) -> None:
        """Ask, then restore the chosen backup; the window shows the file again afterwards."""
        backup = self.selected()
        window = self.window_
        if backup is None or window.store is None:
            return
        others = window.watch.presence.others() if window.watch is not None else []
        if others:  # restoring under a colleague's feet would turn their screen into a stale state
            QMessageBox.warning(
                self,
                self.tr("Wiederherstellen nicht möglich"),
                self.tr(
                    "„{file}“ ist gerade auch geöffnet von {who}. Bitte die Datei dort zuerst schließen; "
                    "nichts wurde geändert."
                ).format(file=window.store.path.name, who=describe_others(others)),
            )
            return
        answer = QMessageBox.question(
            self,
            self.tr("Sicherung wiederherstellen"),
            self.tr(
                "„{file}“ auf den Stand vom {when} zurücksetzen?\n\n"
                "Alles, was seitdem geändert wurde, ist danach nicht mehr in der Datei. Der jetzige Stand wird "
                "vorher gesichert und kann genauso wiederhergestellt werden."
            ).format(file=window.store.path.name, when=_when(backup.made)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path = window.store.path
        try:
            safety = restore_backup(window.store, backup.path, configured_folder(window))
        except ZvError as exc:
            QMessageBox.critical(self, self.tr("Wiederherstellen nicht möglich"), str(exc))
            return
        try:
            reopened = open_store(path, office_name=window.settings.value("office_name") or None)
        except ZvError as exc:
            QMessageBox.critical(self, self.tr("Datei kann nicht geöffnet werden"), str(exc))
            return
        window.set_store(reopened)
        self.refresh()
        self.select(safety)
        QMessageBox.information(
            self,
            self.tr("Sicherung wiederhergestellt"),
            self.tr(
                "„{file}“ hat jetzt den Stand vom {when}. Der Stand vor dem Wiederherstellen liegt in:\n{safety}"
            ).format(file=path.name, when=_when(backup.made), safety=safety),
        )


def show_backups(window: MainWindow) -> None:
    """Datei → Sicherung wiederherstellen…"""
    if window.store is None:
        return
    dialog = BackupDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
