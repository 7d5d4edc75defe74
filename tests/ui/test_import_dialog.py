"""Kennzahlen aus Excel importieren: real workbooks read, previewed, corrected and imported as a caseworker would."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store
from zv_desktop.ui import export_actions
from zv_desktop.ui.import_dialog import ImportDialog, import_from_excel
from zv_desktop.ui.import_models import COL_AREA, COL_MEASURE, GUESSED, UNKNOWN
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active
from .test_accessibility import _duplicate_shortcuts, _labels_without_buddy, _unnamed

KREIS = ids.area_id(ids.KREIS_METTMANN)
HEADERS = ("Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung")


@pytest.fixture
def window(qtbot: QtBot, demo: Store, boxes: list[tuple[str, str]]) -> MainWindow:
    w = MainWindow(demo)
    show_active(qtbot, w)
    return w


def _measure(store: Store, code: str) -> str:
    return store.find(model.Measure, "code = ?", (code,))[0].id


def _stored(store: Store) -> dict[tuple[str, int, str], Decimal]:
    """The Ist values of the Kreis Mettmann in 2014 by (code, month, kind)."""
    codes = {m.id: m.code for m in store.find(model.Measure)}
    return {(codes[v.measure_id], v.period_no, v.value_kind.value): v.value for v in list_values(store, KREIS, 2014)}


def _sheet(book: Workbook, name: str, rows: list[tuple[object, ...]]) -> None:
    ws = book.create_sheet(name)
    ws.append([f"Kennzahlwerte {name}"])
    ws.append(["Kreis Mettmann, Jobcenter ME-aktiv"])
    ws.append([])
    ws.append(list(HEADERS))
    for row in rows:
        ws.append(list(row))


@pytest.fixture
def workbook(demo: Store, tmp_path: Path) -> Path:
    """A template-layout sheet: one value as stored, two changed (one under a misspelt Gebiet), one new, one that is
    no number, one of an unknown Kennzahl; and a second sheet with a value of 2015."""
    january = _stored(demo)[("K2", 1, "ist")]
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        "Kennzahlwerte",
        [
            ("K2", "Kreis Mettmann", 2014, 1, "Ist", float(january), "BA-Statistik", ""),
            ("K2", "Kreis Mettmann", 2014, 2, "Ist", 77.7, "BA-Statistik", ""),
            ("K1", "Kreis Mettmann", 2014, 1, "Ist", 1.5, "BA-Statistik", ""),
            ("K2", "Kreis Mettmann", 2014, 3, "Ist", "zwölf", "BA-Statistik", ""),
            ("Widerspruchsquote", "Kreis Mettmann", 2014, 1, "Ist", 4.2, "Rechtsamt", ""),
            ("K2", "Kreis Metmann", 2014, 4, "Ist", 66.6, "BA-Statistik", "vorläufig"),
        ],
    )
    _sheet(book, "Plan", [("K1", "Kreis Mettmann", 2015, 1, "Plan", 12.5, "", "")])
    path = tmp_path / "Kennzahlen Mettmann.xlsx"
    book.save(path)
    return path


def _preview(qtbot: QtBot, window: MainWindow, path: Path) -> ImportDialog:
    dialog = import_from_excel(window, path)
    assert dialog is not None and dialog.isVisible()  # deletes itself on closing; the window owns it
    return dialog


def _row(dialog: ImportDialog, label: str) -> int:
    return next(i for i, m in enumerate(dialog.mapping.rows) if m.label == label)


def _choose(qtbot: QtBot, dialog: ImportDialog, row: int, column: int, data: str) -> None:
    """Pick a choice in the mapping table's choice box, as with the mouse."""
    view = dialog.mapping_view
    index = dialog.mapping.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    combo = next(c for c in view.viewport().findChildren(QComboBox) if c.isVisible())
    before = dialog.preview
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: dialog.preview is not before)  # read again after the choice box closed


def test_preview_shows_counts_problems_guesses_and_changes(qtbot: QtBot, window: MainWindow, workbook: Path) -> None:
    dialog = _preview(qtbot, window, workbook)
    assert dialog.file_label.text() == "Kennzahlen Mettmann.xlsx"
    assert dialog.sheet.currentText() == "Kennzahlwerte" and dialog.sheet.count() == 2
    assert "Vorlage" in dialog.layout_label.text() and dialog.year_label.text() == "2014"
    assert dialog.counts.text() == "1 Wert neu, 2 geändert, 1 unverändert"
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(p.startswith("Blatt „Kennzahlwerte“, Zelle F8: „zwölf“") for p in problems), problems
    assert any(p.startswith("Blatt „Kennzahlwerte“, Zelle A9: Kennzahl „Widerspruchsquote“") for p in problems)
    assert dialog.tabs.tabText(0) == f"&Probleme ({len(problems)})"
    assert dialog.tabs.tabText(1) == "Ä&nderungen (3)"
    shown = {tuple(dialog.changes.index(r, c).data() for c in range(7)) for r in range(dialog.changes.rowCount())}
    assert ("F6", "K2", "Kreis Mettmann", "02/2014", "Ist") == next(s[:5] for s in shown if s[0] == "F6")
    assert next(s for s in shown if s[0] == "F6")[6] == "77,7"
    assert next(s for s in shown if s[0] == "F7")[5:] == ("neu", "1,5")
    guessed, unknown = _row(dialog, "K2"), _row(dialog, "Widerspruchsquote")
    guessed = next(i for i, m in enumerate(dialog.mapping.rows) if m.area_label == "Kreis Metmann")
    cell = dialog.mapping.index(guessed, COL_AREA)
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == GUESSED
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "geraten – bitte prüfen"
    assert cell.data() == "Kreis Mettmann"
    cell = dialog.mapping.index(unknown, COL_MEASURE)
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == UNKNOWN and cell.data() == "unbekannt"
    assert dialog.import_button.isEnabled()
    assert dialog.warning.text().startswith("Werte mit Problemen werden nicht übernommen.")
    assert _unnamed(dialog) == [] and _labels_without_buddy(dialog) == [] and _duplicate_shortcuts(dialog) == []


def test_correcting_a_mapping_runs_the_preview_again(qtbot: QtBot, window: MainWindow, workbook: Path, demo) -> None:
    dialog = _preview(qtbot, window, workbook)
    problems = dialog.problems.count()
    _choose(qtbot, dialog, _row(dialog, "Widerspruchsquote"), COL_MEASURE, _measure(demo, "K1E3"))
    assert dialog.counts.text() == "2 Werte neu, 2 geändert, 1 unverändert"
    assert dialog.problems.count() == problems - 1
    row = _row(dialog, "Widerspruchsquote")
    assert dialog.mapping.index(row, COL_MEASURE).data().startswith("K1E3 – ")
    assert dialog.mapping.index(row, COL_MEASURE).data(Qt.ItemDataRole.BackgroundRole) is None
    _choose(qtbot, dialog, row, COL_MEASURE, "")  # (nicht importieren)
    assert dialog.counts.text() == "1 Wert neu, 2 geändert, 1 unverändert"
    assert dialog.mapping.index(row, COL_MEASURE).data() == "(nicht importieren)"
    assert dialog.problems.count() == problems - 1  # left out on purpose: no problem any more


def test_import_writes_exactly_the_valid_values(
    qtbot: QtBot, window: MainWindow, workbook: Path, demo: Store, boxes
) -> None:
    before = _stored(demo)
    count = len(list_values(demo))
    window.open_record("values", ids.agreement_id(ids.AGREEMENT_METTMANN_2014))  # the grid shown refreshes
    grid_editor = window.editors["values"]
    k2 = _measure(demo, "K2")
    column = next(
        i for i, c in enumerate(grid_editor.model.grid.columns) if c.measure_id == k2 and c.area == "Kreis Mettmann"
    )
    dialog = _preview(qtbot, window, workbook)
    assert window.controller is not None
    with qtbot.waitSignal(window.controller.changed, timeout=5000):
        dialog.import_button.click()
    assert boxes == []
    assert window.statusBar().currentMessage() == "1 Wert neu, 2 geändert übernommen."
    after = _stored(demo)
    assert after[("K2", 2, "ist")] == Decimal("77.7") and after[("K2", 4, "ist")] == Decimal("66.6")
    assert after[("K1", 1, "ist")] == Decimal("1.5")
    assert after[("K2", 3, "ist")] == before[("K2", 3, "ist")]  # "zwölf" is not taken
    assert {k: v for k, v in after.items() if k not in {("K2", 2, "ist"), ("K2", 4, "ist"), ("K1", 1, "ist")}} == {
        k: v for k, v in before.items() if k not in {("K2", 2, "ist"), ("K2", 4, "ist")}
    }
    assert len(list_values(demo)) == count + 1
    assert grid_editor.model.grid.value(1, column) == Decimal("77.7")  # February, read again after the import
    again = _preview(qtbot, window, workbook)
    assert again.counts.text() == "0 Werte neu, 0 geändert, 4 unverändert"
    assert not again.import_button.isEnabled()


def test_cancel_writes_nothing(qtbot: QtBot, window: MainWindow, workbook: Path, demo: Store) -> None:
    before = list_values(demo)
    dialog = _preview(qtbot, window, workbook)
    dialog.cancel_button.click()
    assert list_values(demo) == before


def test_another_sheet_is_previewed_when_chosen(qtbot: QtBot, window: MainWindow, workbook: Path) -> None:
    dialog = _preview(qtbot, window, workbook)
    dialog.sheet.setCurrentIndex(dialog.sheet.findText("Plan"))
    assert dialog.counts.text() == "1 Wert neu, 0 geändert, 0 unverändert"
    assert dialog.tabs.tabText(0) == "&Probleme (0)" and dialog.year_label.text() == "2015"


def test_a_hidden_sheet_is_marked_and_can_still_be_chosen(qtbot: QtBot, window: MainWindow, workbook: Path) -> None:
    book = load_workbook(workbook)
    book["Plan"].sheet_state = "hidden"
    book.save(workbook)
    dialog = _preview(qtbot, window, workbook)
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Kennzahlwerte", "Plan (ausgeblendet)"]
    dialog.sheet.setCurrentIndex(1)
    assert dialog.preview.sheet == "Plan" and dialog.counts.text() == "1 Wert neu, 0 geändert, 0 unverändert"
    assert "Das Blatt „Plan“ ist in Excel ausgeblendet." in dialog.preview.notes


def test_file_changed_since_the_preview_is_refused(
    qtbot: QtBot, window: MainWindow, workbook: Path, demo: Store, boxes
) -> None:
    before = list_values(demo)
    dialog = _preview(qtbot, window, workbook)
    book = load_workbook(workbook)
    book["Kennzahlwerte"]["F6"] = 55.5
    book.save(workbook)
    dialog.import_button.click()
    assert len(boxes) == 1 and boxes[0][0] == "warning" and "seit der Vorschau verändert" in boxes[0][1]
    assert list_values(demo) == before and dialog.isVisible()


def test_unusable_file_shows_the_german_reason_and_no_preview(
    window: MainWindow, tmp_path: Path, demo: Store, boxes
) -> None:
    before = list_values(demo)
    fake = tmp_path / "Bericht.xlsx"
    fake.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    assert import_from_excel(window, fake) is None
    assert len(boxes) == 1 and boxes[0][0] == "warning" and "Bericht.xlsx" in boxes[0][1]
    assert window.findChild(ImportDialog) is None and list_values(demo) == before


def test_menu_asks_for_the_workbook_and_remembers_its_folder(
    qtbot: QtBot, window: MainWindow, workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def get_open(parent, caption, folder, filters, *args):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return (str(workbook), "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    assert asked == [
        "Tabellen (*.xlsx *.xlsm *.xlsb *.xls *.ods);;Excel-Arbeitsmappen (*.xlsx *.xlsm *.xlsb *.xls);;"
        "OpenDocument-Tabellen (*.ods)"
    ]  # all four formats (issue 17)
    assert window.settings.value(export_actions.FOLDER_KEY) == str(workbook.parent)
    dialog.reject()


def test_a_year_from_the_title_can_be_corrected(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Integrationsquote nach Kreisen – Datenstand: März 2015"])  # the title names the wrong year
    sheet.append([])
    sheet.append(["Kennzahl", "Gebiet", "Jan", "Feb", "Mär"])
    sheet.append(["K2", "Kreis Mettmann", 20.5, 20.6, 20.7])
    path = tmp_path / "datenstand.xlsx"
    book.save(path)
    dialog = _preview(qtbot, window, path)
    assert dialog.year_label.text() == "2015" and dialog.year.isVisibleTo(dialog)
    dialog.year.setValue(2014)
    dialog.year.editingFinished.emit()
    assert {change.period[-4:] for change in dialog.preview.changes} | {"2014"} == {"2014"}
    assert dialog.counts.text() == "0 Werte neu, 0 geändert, 3 unverändert"  # the demo holds these 2014 values
