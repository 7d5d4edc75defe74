"""`make screenshots`: renders the main views on the demo file to PNG files (offscreen, 1366×768)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from zv_desktop.core import model
from zv_desktop.core.demo import build_demo
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.store import open_store
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.search_dialog import SearchDialog


def _k2_goal(window: MainWindow) -> str:
    assert window.store is not None
    goals = window.store.find(
        model.Goal, "agreement_id = ? AND kind = 'kpi_target'", (agreement_id(AGREEMENT_METTMANN_2014),)
    )
    return goals[0].id


def write_screenshots(folder: Path, only: set[str] | None = None) -> list[Path]:
    """Open the demo file, show each view at 1366×768 and save it under ``folder``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.sqlite", create=True, office_name="Demo-Dienststelle")
        build_demo(store)
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        window.statusBar().showMessage("demo.sqlite")

        def shot(name: str, widget: QWidget, prepare: Callable[[], object] | None = None) -> None:
            if only and name not in only:
                return
            if prepare is not None:
                prepare()
            app.processEvents()
            target = folder / f"{name}.png"
            widget.grab().save(str(target))
            written.append(target)

        shot("hauptfenster", window)
        shot(
            "zielvereinbarung-2014",
            window,
            lambda: window.open_record("agreement", agreement_id(AGREEMENT_METTMANN_2014)),
        )
        shot(
            "zielvereinbarung-entwurf-2002",
            window,
            lambda: window.open_record("agreement", agreement_id(AGREEMENT_KAMEN_2002)),
        )
        shot("ziel-kennzahl", window, lambda: window.open_record("goal", _k2_goal(window)))
        shot("kennzahlen-2014", window, lambda: window.open_record("values", agreement_id(AGREEMENT_METTMANN_2014)))
        shot("vorlage-50-003-2022", window, lambda: window.open_record("paper", paper_id("50/003/2022")))
        shot("startseite", window, window.show_start_page)  # now with the records opened above
        from zv_desktop.ui.master_data_dialog import MasterDataDialog

        assert window.controller is not None
        master = MasterDataDialog(window.controller, window)
        master.show()
        for index, name in enumerate(("stammdaten-traeger", "stammdaten-gebiete", "stammdaten-messgroessen")):
            shot(name, master, partial(master.tabs.setCurrentIndex, index))
        master.close()
        dialog = SearchDialog(store, window)
        dialog.resize(720, 480)
        dialog.show()
        dialog.field.setText("Schuldnerberatung")
        dialog.run()
        shot("suche", dialog)
        dialog.close()
        _tracking_shots(shot, window)
        _import_shot(shot, window, Path(tmp))
        from zv_desktop.ui.screenshots_exchange import exchange_shots

        exchange_shots(shot, window, Path(tmp))
        from zv_desktop.ui.screenshots_day import day_shots

        day_shots(shot, window)  # last: it adds a draft for 2015
        window.close()
    return written


def _tracking_shots(shot: Callable[[str, QWidget], None], window: MainWindow) -> None:
    """The views of Übersichten: dashboard (2014, September), time series (K2, Kreis Mettmann), comparison."""
    from zv_desktop.core.demo import ids
    from zv_desktop.ui.comparison_view import show_comparison_for
    from zv_desktop.ui.dashboard import show_dashboard
    from zv_desktop.ui.time_series_view import show_time_series_for

    assert window.store is not None
    dashboard = show_dashboard(window)
    dashboard.year.setCurrentIndex(dashboard.year.findData(2014))
    dashboard.month.setCurrentIndex(dashboard.month.findData(9))
    dashboard.resize(1366, 768)
    dashboard.table.selectRow(1)
    shot("zielerreichung-2014", dashboard)
    dashboard.close()
    k2 = window.store.get(model.Goal, _k2_goal(window)).measure_id
    assert k2 is not None
    series = show_time_series_for(window, k2, ids.area_id(ids.KREIS_METTMANN))
    series.resize(1366, 768)
    shot("zeitreihe", series)
    series.close()
    keys = (ids.AGREEMENT_METTMANN_2012, ids.AGREEMENT_METTMANN_2014, ids.AGREEMENT_METTMANN_2022)
    comparison = show_comparison_for(window, [agreement_id(key) for key in keys])
    if comparison is not None:
        comparison.resize(1366, 768)
        shot("jahresvergleich", comparison)
        comparison.close()


def _import_shot(shot: Callable[[str, QWidget], None], window: MainWindow, folder: Path) -> None:
    """The preview of an Excel import: two changed values, a new one, a guessed Gebiet, a problem, unknown rows."""
    from openpyxl import Workbook

    from zv_desktop.ui.import_dialog import import_from_excel

    book = Workbook()
    sheet = book.active
    sheet.title = "Kennzahlwerte"
    sheet.append(["Kennzahlwerte 2014 – Jobcenter ME-aktiv"])
    sheet.append(["Stand: 15.10.2014"])
    sheet.append([])
    sheet.append(["Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung"])
    for code, month, value in (("K2", 9, 23.4), ("K2", 10, 23.8), ("K1", 9, -1.2)):
        sheet.append([code, "Kreis Mettmann", 2014, month, "Ist", value, "BA-Statistik", ""])
    sheet.append(["K2", "Kreis Metmann", 2014, 11, "Ist", "23,9?", "BA-Statistik", "vorläufig"])
    sheet.append(["Integrationsquote Alleinerziehende", "Hilden", 2014, 9, "Ist", 18.2, "BA-Statistik", ""])
    sheet.append(["Widerspruchsquote", "Kreis Mettmann", 2014, 9, "Ist", 4.2, "Rechtsamt", ""])
    book.create_sheet("Hinweise")
    path = folder / "Kennzahlen Oktober 2014.xlsx"
    book.save(path)
    dialog = import_from_excel(window, path)
    if dialog is not None:
        dialog.tabs.setCurrentIndex(0)
        shot("excel-import-vorschau", dialog)
        dialog.reject()
    dialog = import_from_excel(window, _statistics_table(folder))
    if dialog is not None:
        dialog.tabs.setCurrentIndex(1)
        shot("excel-import-statistiktabelle", dialog)
        dialog.reject()


def _statistics_table(folder: Path) -> Path:
    """A table as a statistics office publishes it: one measure named in the title, areas as rows, a column
    „Geschlecht“ (Insgesamt / Frauen / Männer), the last months marked „p“ (vorläufig)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Tabelle 3"
    sheet.append(["Integrationsquote (K2) nach Geschlecht, Kreis Mettmann und Städte, 2014"])
    sheet.append(["Stand: Februar 2015; p = vorläufige Zahl"])
    sheet.append([])
    sheet.append(["Gebiet", "Geschlecht", *[f"{m:02d}/2014" for m in range(1, 13)]])
    for number, area in enumerate(("Kreis Mettmann", "Hilden", "Ratingen")):
        for group, shift in (("Insgesamt", 0.0), ("Frauen", -2.1), ("Männer", 1.9)):
            figures = [f"{19.5 + number + shift + m / 10:.1f}".replace(".", ",") for m in range(12)]
            sheet.append([area, group, *figures[:10], *(f"{f} p" for f in figures[10:])])
    sheet.append([])
    sheet.append(["Quelle: Statistik der Bundesagentur für Arbeit"])
    path = folder / "Integrationsquote nach Geschlecht 2014.xlsx"
    book.save(path)
    return path


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Bildschirmfotos der Hauptansichten auf der Demodatei")
    parser.add_argument("folder", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--only", nargs="*", help="nur diese Ansichten (Dateinamen ohne .png)")
    args = parser.parse_args()
    for path in write_screenshots(args.folder, set(args.only or [])):
        print(path)
