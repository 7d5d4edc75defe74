"""Datei → Kennzahlen aus Excel importieren…: choose a workbook, check the preview, import the valid values.

The file is read off the UI thread (``preview_import``); the preview dialog shows how the rows of the sheet were
assigned to Kennzahlen and Gebiete (guesses in yellow, unknown rows in red, each correctable), how many values
are new, changed or unchanged, every problem with its cell and every change with old and new value. Importing
runs ``run_import`` in one transaction off the UI thread; it is not on the undo stack (the dialog says so).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.errors import ZvError
from zv_desktop.core.formats import format_number
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR
from zv_desktop.core.services.catalogue import list_areas, list_measures
from zv_desktop.core.store import Store
from zv_desktop.ui.export_actions import FOLDER_KEY, start_folder
from zv_desktop.ui.import_models import COL_AREA, COL_MEASURE, ChangesModel, ChoiceDelegate, MappingModel
from zv_desktop.ui.save_targets import settings_of, status
from zv_desktop.ui.worker import run_with_progress

if TYPE_CHECKING:
    from zv_desktop.core.exchange.xlsx_import import ImportPreview, ImportResult
    from zv_desktop.ui.main_window import MainWindow

#: The filter of the open dialog.
XLSX_FILTER = (
    "Tabellen (*.xlsx *.xlsm *.xlsb *.xls *.ods);;Excel-Arbeitsmappen (*.xlsx *.xlsm *.xlsb *.xls);;"
    "OpenDocument-Tabellen (*.ods)"
)
#: The preview lists at most this many changes (the core's limit).
CHANGES_SHOWN = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def _n(count: int) -> str:
    """A count in German notation: 1.000."""
    return format_number(count)


def counts_text(new: int, changed: int, unchanged: int) -> str:
    """The counts as a sentence: "12 Werte neu, 3 geändert, 40 unverändert"."""
    values = _tr("1 Wert") if new == 1 else _tr("{n} Werte").format(n=_n(new))
    return _tr("{values} neu, {changed} geändert, {unchanged} unverändert").format(
        values=values, changed=_n(changed), unchanged=_n(unchanged)
    )


def read_preview(
    parent: QWidget,
    store: Store,
    path: Path,
    sheet: str | None = None,
    mapping: dict[str, tuple[str | None, str | None]] | None = None,
    year: int | None = None,
) -> ImportPreview | None:
    """Read the workbook in the background; None if cancelled or unusable (the user saw the German reason)."""
    from zv_desktop.core.exchange.xlsx_import import preview_import

    corrections = dict(mapping or {})

    def work(progress: Progress) -> ImportPreview:
        return preview_import(store, path, sheet=sheet, mapping=corrections, year=year, progress=progress)

    try:
        return run_with_progress(parent, _tr("Die Excel-Datei wird gelesen …"), work)
    except Cancelled:
        return None
    except ZvError as exc:
        QMessageBox.warning(parent, _tr("Kennzahlen aus Excel importieren"), str(exc))
        return None


class ImportDialog(QDialog):
    """The preview of an import: mapping, counts, problems and changes; imports the valid values on request."""

    def __init__(self, window: MainWindow, preview: ImportPreview) -> None:
        super().__init__(window)
        assert window.store is not None
        self.window_, self.store, self.preview = window, window.store, preview
        self.corrections: dict[str, tuple[str | None, str | None]] = {}
        self.year_chosen: int | None = None  # set when the user changes the year
        self.result_: ImportResult | None = None
        self.setWindowTitle(_tr("Kennzahlen aus Excel importieren"))
        self.resize(1100, 700)
        self._build()
        self.show_preview(preview)

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName(_tr("Tabellenblatt"))
        self.sheet.setMinimumContentsLength(18)
        self.sheet.setMaximumWidth(360)
        self.layout_label = QLabel(self)
        self.year_label = QLabel(self)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR - 1, LAST_YEAR)  # the lowest value stands for "none given"
        self.year.setSpecialValueText("–")
        self.year.setMaximumWidth(90)
        self.year.setAccessibleName(_tr("Jahr für Werte ohne Jahr"))
        self.year.setToolTip(
            _tr(
                "Das Jahr der Werte, deren Zeile und Spalte keines nennen; es gilt auch statt eines Jahres aus dem Titel"
            )
        )
        top = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow(_tr("Datei:"), self.file_label)
        self._add_row(left, _tr("&Blatt:"), self.sheet)
        right.addRow(_tr("Aufbau:"), self.layout_label)
        right.addRow(_tr("Jahr:"), self.year_label)
        self.year_row = self._add_row(right, _tr("&Jahr für Werte ohne Jahr:"), self.year)
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        self.mapping = MappingModel(self)
        measures = [(f"{m.code} – {m.name}", m.id) for m in list_measures(self.store)]
        self.mapping.set_choices(measures, [(a.name, a.id) for a in list_areas(self.store)])
        self.mapping.corrected.connect(self.correct)
        self.mapping_view = QTableView(self)
        self.mapping_view.setModel(self.mapping)
        self.mapping_view.setAccessibleName(_tr("Zuordnung der Zeilen zu Kennzahlen und Gebieten"))
        delegate = ChoiceDelegate(self.mapping_view)
        self.mapping_view.setItemDelegateForColumn(COL_MEASURE, delegate)
        self.mapping_view.setItemDelegateForColumn(COL_AREA, delegate)
        self.mapping_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.mapping_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.mapping_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mapping_view.verticalHeader().hide()
        self.mapping_view.horizontalHeader().setStretchLastSection(True)
        mapping_label = QLabel(_tr("&Zuordnung der Zeilen (Doppelklick oder F2 ändert Kennzahl und Gebiet):"), self)
        mapping_label.setBuddy(self.mapping_view)
        legend = QLabel(
            _tr("Gelb: geraten – bitte prüfen. Rot: unbekannt – Kennzahl wählen oder „(nicht importieren)“."), self
        )
        legend.setWordWrap(True)
        self.counts = QLabel(self)
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_tr("Probleme und Änderungen"))
        self.problems = QListWidget(self)
        self.problems.setAccessibleName(_tr("Probleme"))
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.changes = ChangesModel(self)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.changes)
        self.changes_view.setAccessibleName(_tr("Änderungen"))
        self.changes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_view.verticalHeader().hide()
        self.changes_view.horizontalHeader().setStretchLastSection(False)
        self.tabs.addTab(self.problems, "")
        self.tabs.addTab(self.changes_view, "")
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(_tr("Alle gültigen Werte &importieren"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_tr("Abbrechen"))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_label)
        layout.addWidget(self.mapping_view, 3)
        layout.addWidget(legend)
        layout.addWidget(self.counts)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self.sheet.currentIndexChanged.connect(lambda _i: self.rerun(sheet_changed=True))
        self.year.editingFinished.connect(self._year_changed)

    def _add_row(self, form: QFormLayout, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        form.addRow(label, field)
        return label

    # -- showing a preview -----------------------------------------------------------------------

    def show_preview(self, preview: ImportPreview) -> None:
        """Fill every part of the dialog from a preview."""
        self.preview = preview
        path = Path(preview.path)
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        from zv_desktop.core.exchange.xlsx_import.results import sheet_label  # loaded with the preview already

        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in preview.sheet_names:
            self.sheet.addItem(sheet_label(preview, name), name)
        self.sheet.setCurrentIndex(max(self.sheet.findData(preview.sheet), 0))
        self.sheet.blockSignals(False)
        self.layout_label.setText(
            _tr("{layout}, Kopfzeile in Zeile {row}").format(layout=preview.layout, row=preview.header_row)
        )
        self.year_label.setText(str(preview.year) if preview.year else _tr("mehrere oder keines"))
        self.year.blockSignals(True)
        self.year.setValue(self.year_chosen or self.year.minimum())
        self.year.blockSignals(False)
        # always offered: a year read from the title block ("Datenstand: März 2015") may be the wrong one
        self.year.setVisible(True)
        self.year_row.setVisible(True)
        skipped = {key for key, (measure, _area) in self.corrections.items() if measure is None}
        self.mapping.set_rows(preview.mappings, skipped)
        self.mapping_view.resizeColumnsToContents()
        for column, widest in ((0, 300), (1, 170), (2, 130)):
            self.mapping_view.setColumnWidth(column, min(max(self.mapping_view.columnWidth(column), 90), widest))
        self.mapping_view.setColumnWidth(COL_MEASURE, 330)  # room for the choice box of long names
        self.counts.setText(counts_text(preview.new, preview.changed, preview.unchanged))
        self.notes.setText("\n".join(preview.notes))
        self.notes.setVisible(bool(preview.notes))
        self._show_problems(preview)
        self._show_changes(preview)
        importable = preview.new + preview.changed
        self.import_button.setEnabled(importable > 0)
        if importable == 0:
            sentence = _tr("Nichts zu übernehmen: die Datei enthält keine neuen oder geänderten gültigen Werte.")
        else:
            sentence = _tr("Der Import lässt sich nicht mit Strg+Z zurücknehmen.")
            if preview.problems:
                sentence = _tr("Werte mit Problemen werden nicht übernommen.") + " " + sentence
        self.warning.setText(sentence)

    def _show_problems(self, preview: ImportPreview) -> None:
        self.problems.clear()
        self.problems.addItems([str(problem) for problem in preview.problems])
        if not preview.problems:
            self.problems.addItem(_tr("Keine Probleme gefunden."))
        self.tabs.setTabText(0, _tr("&Probleme ({n})").format(n=_n(len(preview.problems))))

    def _show_changes(self, preview: ImportPreview) -> None:
        self.changes.set_changes(preview.changes)
        self.changes_view.resizeColumnsToContents()
        for column in (5, 6):  # bisher, neu: room for large numbers
            self.changes_view.setColumnWidth(column, max(self.changes_view.columnWidth(column), 110))
        self.changes_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        total = preview.new + preview.changed
        shown = len(preview.changes)
        text = _tr("Ä&nderungen ({n})").format(n=_n(total))
        if shown < total:
            text = _tr("Ä&nderungen (die ersten {shown} von {n})").format(shown=_n(shown), n=_n(total))
        self.tabs.setTabText(1, text)
        if preview.problems:
            self.tabs.setCurrentIndex(0)

    # -- corrections -----------------------------------------------------------------------------

    def correct(self, key: str, measure_id: str | None, area_id: str | None) -> None:
        """A row's Kennzahl or Gebiet was chosen: read the file again with all corrections so far."""
        self.corrections[key] = (measure_id, area_id)
        QTimer.singleShot(0, self.rerun)  # after the choice box has closed (the table is filled anew)

    def _year_changed(self) -> None:
        chosen = None if self.year.value() == self.year.minimum() else self.year.value()
        if chosen != self.year_chosen:
            self.year_chosen = chosen
            self.rerun()

    def rerun(self, sheet_changed: bool = False) -> None:
        """Read the file again (another sheet, corrections, another year); on refusal the last preview stays."""
        sheet = self.sheet.currentData() or None
        if sheet_changed:
            self.year_chosen = None  # the other sheet may name its own year
        preview = read_preview(self, self.store, Path(self.preview.path), sheet, self.corrections, self.year_chosen)
        if preview is not None:
            self.show_preview(preview)
        else:
            self.show_preview(self.preview)  # back to what the preview says (the sheet chosen before)

    # -- importing -------------------------------------------------------------------------------

    def run(self) -> None:
        """Import the valid values in one transaction (off the UI thread); the main window's views refresh."""
        from zv_desktop.core.exchange.xlsx_import import run_import

        title, preview = _tr("Kennzahlen aus Excel importieren"), self.preview
        try:
            result = run_with_progress(
                self, _tr("Die Werte werden übernommen …"), lambda p: run_import(self.store, preview, p)
            )
        except Cancelled:
            return  # rolled back, nothing written
        except ZvError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self.result_ = result
        if self.window_.controller is not None:
            self.window_.controller.changed.emit()  # the grid, the navigation, open overviews read again
        values = _tr("1 Wert") if result.new == 1 else _tr("{n} Werte").format(n=_n(result.new))
        text = _tr("{values} neu, {changed} geändert übernommen.").format(values=values, changed=_n(result.changed))
        if result.marks:
            text += " " + _tr("{n} Zeichen ohne Zahl („.“, „x“ …) gespeichert.").format(n=_n(result.marks))
        status(self.window_, text)
        self.accept()


def ask_workbook(window: MainWindow) -> Path | None:
    """The open dialog for Excel workbooks, in the last Excel folder; None if the user cancels."""
    settings = settings_of(window)
    name, _ = QFileDialog.getOpenFileName(
        window, _tr("Kennzahlen aus Excel importieren"), str(start_folder(settings)), _tr(XLSX_FILTER)
    )
    if not name:
        return None
    settings.set_value(FOLDER_KEY, str(Path(name).parent))
    return Path(name)


def import_from_excel(window: MainWindow, path: Path | None = None) -> ImportDialog | None:
    """Datei → Kennzahlen aus Excel importieren…: choose a file, read it, open the preview dialog (window-modal)."""
    if window.store is None:
        return None
    path = path or ask_workbook(window)
    if path is None:
        return None
    preview = read_preview(window, window.store, path)
    if preview is None:
        return None
    dialog = ImportDialog(window, preview)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
