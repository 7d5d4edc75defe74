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
