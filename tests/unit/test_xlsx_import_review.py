"""Review findings on the Excel import: matches that must not count as certain, years out of range."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import import preview_import
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue
from zv_desktop.core.store import Store


def _code(store: Store, measure_id: str | None) -> str:
    return store.get(model.Measure, measure_id).code if measure_id else ""


def test_names_win_over_codes_inside_them_and_extra_words_make_a_guess(demo: Store) -> None:
    catalogue = Catalogue(demo)
    k1 = catalogue.measure("", "Veränderung der Summe der Leistungen zum Lebensunterhalt (ohne KdU)")
    assert (_code(demo, k1.record_id), k1.guessed) == ("K1", False)  # "KdU" inside the name is no code
    for label, code in (("Zugangsrate LZB", "LZB"), ("K2 Integrationsquote Frauen", "K2")):
        match = catalogue.measure(label)
        assert (_code(demo, match.record_id), match.guessed) == (code, True), label  # shown yellow: check it
    exact = catalogue.measure("K2 Integrationsquote")
    assert (_code(demo, exact.record_id), exact.guessed) == ("K2", False)


def test_month_headers_with_impossible_years_are_problems(demo: Store, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kennzahl", "Gebiet", "01/1899", "02/1899", "03/2014"])
    sheet.append(["K2", "Kreis Mettmann", 20.1, 20.2, 20.3])
    path = tmp_path / "jahre.xlsx"
    book.save(path)
    preview = preview_import(demo, path)
    assert len(preview.problems) == 2 and all("1899" in str(p) for p in preview.problems)
    assert preview.new + preview.changed + preview.unchanged == 1  # only 03/2014 is a value to import


def test_percent_formatted_cells_are_read_as_the_figure_shown(demo: Store, tmp_path: Path) -> None:
    from decimal import Decimal

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kennzahl", "Gebiet", "01/2030", "02/2030"])
    sheet.append(["K2", "Kreis Mettmann", 0.205, 20.6])
    sheet["C2"].number_format = "0.0%"  # Excel shows 20,5 %
    sheet["D2"].number_format = '#,##0.0" %"'  # our export: the number 20.6 with a % sign after it
    path = tmp_path / "prozent.xlsx"
    book.save(path)
    preview = preview_import(demo, path)
    assert sorted(change.new for change in preview.changes) == [Decimal("20.5"), Decimal("20.6")]


def test_an_update_from_a_monthly_table_keeps_the_stored_remark(demo: Store, tmp_path: Path) -> None:
    from decimal import Decimal

    from zv_desktop.core.exchange.xlsx_import import run_import

    k2 = next(m for m in demo.find(model.Measure) if m.code == "K2")
    stored = next(v for v in demo.find(model.KpiValue, "measure_id = ? AND year = 2014 AND period_no = 3", (k2.id,)))
    stored.comment = "Telefonisch bestätigt"
    demo.save(stored)
    book = openpyxl.Workbook()
    book.active.append(["Kennzahl", "Gebiet", "03/2014"])
    book.active.append(["K2", demo.get(model.Area, stored.area_id).name, 22.2])
    path = tmp_path / "maerz.xlsx"
    book.save(path)
    result = run_import(demo, preview_import(demo, path))
    assert result.changed == 1
    after = demo.get(model.KpiValue, stored.id)
    assert (after.value, after.comment) == (Decimal("22.2"), "Telefonisch bestätigt")


def test_a_sheet_without_areas_says_which_kreis_it_assumed(store: Store, tmp_path: Path) -> None:
    kreis = store.save(model.Area("Kreis Testland", model.AreaKind.KREIS))
    book = openpyxl.Workbook()
    book.active.append(["Kennzahl", "01/2014", "02/2014"])
    book.active.append(["K2", 20.1, 20.2])
    path = tmp_path / "ohne-gebiet.xlsx"
    book.save(path)
    preview = preview_import(store, path)
    (mapping,) = preview.mappings
    assert mapping.area_id == kreis.id and mapping.guessed  # shown yellow: please check
    assert any("angenommen: „Kreis Testland“" in note for note in preview.notes)
    chosen = preview_import(store, path, default_area_id=kreis.id)  # chosen explicitly: no guess
    assert not chosen.mappings[0].guessed
