"""Als Excel speichern… from the main window and the overview windows: real workbooks written and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2001, AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.store import Store
from zv_desktop.ui import export_actions
from zv_desktop.ui.comparison_view import show_comparison_for
from zv_desktop.ui.dashboard import show_dashboard
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.time_series_view import show_time_series_for

from .conftest import SaveAs, show_active

METTMANN_2014 = agreement_id(AGREEMENT_METTMANN_2014)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workbooks that would have opened in the spreadsheet program."""
    seen: list[Path] = []
    monkeypatch.setattr(export_actions, "open_in_spreadsheet", seen.append)
    return seen


@pytest.fixture
def window(qtbot: QtBot, demo: Store, boxes: list[tuple[str, str]], opened: list[Path]) -> MainWindow:
    w = MainWindow(demo)
    show_active(qtbot, w)
    return w


def _title(path: Path, sheet: int = 0) -> str:
    book = load_workbook(path, read_only=True)
    try:
        return str(book.worksheets[sheet]["A1"].value)
    finally:
        book.close()


def _rows(path: Path, sheet: int = 0) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True)
    try:
        return list(book.worksheets[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def _files_menu(window: MainWindow):  # type: ignore[no-untyped-def]
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Datei")


def test_datei_menu_offers_excel_with_unique_letters(window: MainWindow) -> None:
    texts = [a.text() for a in _files_menu(window).actions() if a.text()]
    for text in (
        "Als E&xcel exportieren…",
        "Kennzahlen aus &Excel importieren…",
        "Excel-&Vorlage für Kennzahlen speichern…",
    ):
        assert text in texts
    letters = [re.search(r"&(.)", t).group(1).lower() for t in texts if "&" in t]  # type: ignore[union-attr]
    assert len(letters) == len(set(letters)), texts
    assert window.excel_action.isEnabled() and window.import_action.isEnabled() and window.template_action.isEnabled()


def test_main_window_exports_the_grid_of_the_agreement_shown(
    window: MainWindow, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path], boxes
) -> None:
    agreement = demo.get(model.Agreement, METTMANN_2014)
    goal = demo.find(model.Goal, "agreement_id = ?", (METTMANN_2014,))[0]
    (tmp_path / "out").mkdir()
    dialog = SaveAs(monkeypatch, tmp_path / "out" / "kennzahlen")  # typed without ".xlsx"
    for kind, key in (("values", METTMANN_2014), ("goal", goal.id)):
        window.open_record(kind, key)
        window.excel_action.trigger()
    target = tmp_path / "out" / "kennzahlen.xlsx"
    assert dialog.suggested[0].name.startswith("Kennzahlen 2014 – ") and dialog.suggested[0].suffix == ".xlsx"
    assert dialog.suggested[1].parent == tmp_path / "out"  # the next time it starts in that folder
    assert boxes == [("question", f"„{target}“ gibt es schon. Ersetzen?")]  # the second time: not replaced
    assert opened == [target]
    assert _title(target) == f"Kennzahlen 2014 – {agreement.title}"
    rows = _rows(target)
    assert rows[3][:4] == ("Kennzahl", "Bezeichnung", "Gebiet", "01/2014")
    assert any(row[0] == "K2" for row in rows[4:])
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Excel-Datei gespeichert: {target} (") and message.endswith(" Zeilen)")


def test_welcome_page_exports_all_values(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    dialog = SaveAs(monkeypatch, tmp_path / "alle.xlsx")
    window.excel_action.trigger()
    assert dialog.suggested[0].name.startswith("Kennzahlwerte aller Jahre")
    assert _title(tmp_path / "alle.xlsx") == "Kennzahlwerte aller Jahre"
    assert _rows(tmp_path / "alle.xlsx")[3][:6] == ("Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert")
    assert opened == [tmp_path / "alle.xlsx"]


def test_cancelled_save_dialog_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path], boxes
) -> None:
    SaveAs(monkeypatch, None)
    window.excel_action.trigger()
    assert list(tmp_path.glob("*.xlsx")) == [] and opened == [] and boxes == []


def test_unwritable_target_shows_the_german_error(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path], boxes
) -> None:
    target = tmp_path / "fehlt" / "werte.xlsx"
    SaveAs(monkeypatch, target)
    window.excel_action.trigger()
    assert len(boxes) == 1 and boxes[0][0] == "warning" and "Excel-Datei" in boxes[0][1]
    assert not target.exists() and opened == []
    assert window.settings.value(export_actions.FOLDER_KEY) == ""


def test_template_menu_writes_the_import_template(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    dialog = SaveAs(monkeypatch, tmp_path / "vorlage")
    window.template_action.trigger()
    target = tmp_path / "vorlage.xlsx"
    assert dialog.suggested[0].name == "Vorlage Kennzahlen.xlsx"
    rows = _rows(target)
    assert rows[3] == ("Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung")
    assert opened == [target] and window.statusBar().currentMessage() == f"Excel-Vorlage gespeichert: {target}"


def test_lists_of_agreements_and_vorlagen_export_from_the_menu(
    window: MainWindow, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    lists = next(a.menu() for a in _files_menu(window).actions() if a.text() == "&Listen als Excel")
    assert lists.isEnabled()
    entries = {a.text(): a for a in lists.actions()}
    SaveAs(monkeypatch, tmp_path / "vereinbarungen.xlsx")
    entries["&Zielvereinbarungen…"].trigger()
    rows = [row for row in _rows(tmp_path / "vereinbarungen.xlsx")[4:] if row and any(row)]
    assert any("Trilaterale Zielvereinbarung 2022" in row for row in rows)
    assert len([row for row in rows if row[0] in range(1990, 2101)]) == len(list_agreements(demo))  # one per agreement
    SaveAs(monkeypatch, tmp_path / "vorlagen.xlsx")
    entries["&Vorlagen…"].trigger()
    assert any("50/003/2022" in str(row) for row in _rows(tmp_path / "vorlagen.xlsx"))


def test_dashboard_saves_the_goals_it_shows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    from zv_desktop.core.rules.achievement import Light

    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    dashboard.month.setCurrentIndex(dashboard.month.findData(9))
    dashboard.light.setCurrentIndex(dashboard.light.findData(Light.AMBER.value))
    QApplication.processEvents()
    button = dashboard.printing.excel_button
    assert button is not None and button.accessibleName() == "Als Excel speichern"
    assert button.text() == "Als E&xcel speichern…"
    dialog = SaveAs(monkeypatch, tmp_path / "ampel.xlsx")
    button.click()
    assert dialog.suggested[0].name == "Zielerreichung 2014 – Berichtsmonat September.xlsx"
    target = tmp_path / "ampel.xlsx"
    assert _title(target).startswith("Zielerreichung 2014 – Berichtsmonat September 2014")
    text = " ".join(str(v) for row in _rows(target) for v in row if v is not None)
    assert "Soll-Ausstattung des Jobcenters" in text and "Vermeidung von langfristigem Leistungsbezug" in text
    assert "Verbesserung der Integration in Erwerbstätigkeit" not in text  # erreicht: filtered out
    assert opened == [target]


def test_comparison_window_saves_the_ticked_agreements(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    kamen = [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)]
    view = show_comparison_for(window, kamen)
    assert view is not None and view.printing.excel_button is not None
    SaveAs(monkeypatch, tmp_path / "vergleich.xlsx")
    view.printing.excel_button.click()
    assert _title(tmp_path / "vergleich.xlsx").startswith("Jahresvergleich 2001 → 2002")
    assert opened == [tmp_path / "vergleich.xlsx"]
    view.close()


def test_time_series_window_saves_its_table(
    window: MainWindow, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    k2 = demo.find(model.Measure, "code = 'K2'")[0]
    view = show_time_series_for(window, k2.id, ids.area_id(ids.KREIS_METTMANN))
    assert view.printing.excel_button is not None
    dialog = SaveAs(monkeypatch, tmp_path / "zeitreihe.xlsx")
    view.printing.excel_button.click()
    assert dialog.suggested[0].name == "Zeitreihe K2 Integrationsquote – Kreis Mettmann.xlsx"
    assert _title(tmp_path / "zeitreihe.xlsx") == "Zeitreihe K2 Integrationsquote – Kreis Mettmann"
    view.close()
