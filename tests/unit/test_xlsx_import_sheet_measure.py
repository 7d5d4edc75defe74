"""Excel import: one measure per sheet (named in the title or the sheet name), and a Kennzahl merged down."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.unit.test_xlsx_import_support import MONTHS_2014, make_areas, measure_id, stored, write_book
from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.results import mapping_key
from zv_desktop.core.services import catalogue
from zv_desktop.core.store import Store

AREAS = ("Kreis Testland", "Musterstadt", "Langenfeld (Rhld.)")


def _area_rows(title: list[list[Any]], area_header: str | None = "Gebiet") -> list[list[Any]]:
    rows = [*title, [area_header, *MONTHS_2014]]
    for number, area in enumerate(AREAS):
        rows.append([area, *(20 + number + m / 10 for m in range(12))])
    rows.append(["Quelle: Statistik der Bundesagentur für Arbeit"])
    return rows


def test_the_title_names_the_measure_of_a_sheet_with_areas_as_rows(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    title = [["Integrationsquote (K2) nach Kreisen und Städten, 2014"], ["Stand: März 2015"]]
    preview = preview_import(store, write_book(tmp_path / "k2.xlsx", {"Tabelle 3": _area_rows(title)}))
    assert preview.problems == [] and preview.new == 36
    assert {(m.label, m.area_label, m.guessed) for m in preview.mappings} == {
        ("Integrationsquote (K2) nach Kreisen und Städten, 2014", area, True) for area in AREAS
    }
    assert {m.measure_id for m in preview.mappings} == {measure_id(store, "K2")}
    assert (
        "Das Blatt hat keine Spalte „Kennzahl“; die Kennzahl wurde „Integrationsquote (K2) nach Kreisen und Städten, "
        "2014“ entnommen – bitte prüfen." in preview.notes
    )
    assert "1 Fußnotenzeile übersprungen." in preview.notes and not any("Ähnlichkeit" in n for n in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 3) == Decimal("21.2")
    assert stored(store, "K2", areas["Langenfeld (Rhld.)"], 2014, 12) == Decimal("23.1")


def test_the_sheet_name_names_the_measure_when_the_title_does_not(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows = _area_rows([["Monatswerte 2014"]], area_header=None)  # the area column has no header either
    preview = preview_import(store, write_book(tmp_path / "k3.xlsx", {"K3": rows}))
    assert preview.problems == [] and preview.new == 36
    assert {m.label for m in preview.mappings} == {"K3"}
    run_import(store, preview)
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 1) == Decimal("20")


def test_without_a_measure_anywhere_the_user_chooses_it(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    path = write_book(tmp_path / "ohne.xlsx", {"Tabelle1": _area_rows([["Monatswerte nach Gebieten 2014"]])})
    preview = preview_import(store, path)
    assert preview.new == 0 and {m.measure_id for m in preview.mappings} == {None}
    assert any(
        "Das Blatt hat keine Spalte „Kennzahl“, und seine Überschrift und sein Name nennen keine bekannte Kennzahl "
        "(Überschrift: „Monatswerte nach Gebieten 2014“" in p.message
        for p in preview.problems
    )
    chosen = {mapping_key("Monatswerte nach Gebieten 2014", area): (measure_id(store, "K2"), None) for area in AREAS}
    corrected = preview_import(store, path, mapping=chosen)
    assert corrected.problems == [] and corrected.new == 36
    run_import(store, corrected)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 2) == Decimal("21.1")


def test_a_kennzahl_merged_down_over_its_area_rows(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", *MONTHS_2014]]
    for code, base in (("K2", 20), ("K3", 17_000)):
        for number, area in enumerate(AREAS):
            rows.append([code if number == 0 else None, area, *(base + number + m for m in range(12))])
    path = write_book(tmp_path / "verbunden.xlsx", {"Tabelle": rows}, merged=["A2:A4", "A5:A7"])
    preview = preview_import(store, path)
    assert preview.problems == [] and preview.new == 72
    assert (
        "Die Kennzahl steht in verbundenen Zellen über mehreren Zeilen: für Zeilen 3–4, 6–7 wurde die Kennzahl der "
        "verbundenen Zelle übernommen." in preview.notes
    )
    run_import(store, preview)
    assert stored(store, "K2", areas["Langenfeld (Rhld.)"], 2014, 1) == Decimal("22")
    assert stored(store, "K3", areas["Musterstadt"], 2014, 12) == Decimal("17012")


def test_an_empty_kennzahl_outside_a_merged_range_is_not_filled_from_above(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", *MONTHS_2014[:3]]]
    rows.append(["K2", "Kreis Testland", 20, 21, 22])
    rows.append([None, "Musterstadt", 30, 31, 32])  # merged with the K2 cell above
    rows.append([None, "Insgesamt", 50, 52, 54])  # merged too: a sum row, passed over
    rows.append([None, "Langenfeld (Rhld.)", 40, 41, 42])  # below the merged range: no Kennzahl
    path = write_book(tmp_path / "zu-weit.xlsx", {"Tabelle": rows}, merged=["A2:A4"])
    preview = preview_import(store, path)
    assert [(p.cell, p.message) for p in preview.problems] == [
        ("A5", "Die Zeile hat Werte, aber keine Bezeichnung der Kennzahl.")
    ]
    assert any("für Zeilen 3–4 wurde die Kennzahl der verbundenen Zelle übernommen" in n for n in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 1) == Decimal("30")
    assert stored(store, "K2", areas["Langenfeld (Rhld.)"], 2014, 1) is None


def test_a_sheet_for_a_group_of_people_is_not_matched_on_its_own(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    title = [["Integrationsquote (K2) – Frauen, 2014"]]
    path = write_book(tmp_path / "frauen.xlsx", {"K2 Frauen": _area_rows(title)})
    preview = preview_import(store, path)
    assert preview.new == 0 and {m.measure_id for m in preview.mappings} == {None}
    assert "nennt in Überschrift oder Name die Teilgruppe „Frauen“" in preview.problems[0].message
    with_column = [["Kennzahl", "Gebiet", "Jan"], ["K2", "Kreis Testland", 20.5]]
    named = preview_import(store, write_book(tmp_path / "blatt.xlsx", {"Frauen": with_column}), year=2014)
    assert named.new == 0 and "Teilgruppe „Frauen“" in named.problems[0].message
    chosen = {"K2": (measure_id(store, "K2"), None)}  # the user says: these figures are for everybody after all
    confirmed = preview_import(store, path.parent / "blatt.xlsx", year=2014, mapping=chosen)
    assert confirmed.problems == [] and confirmed.new == 1
    run_import(store, confirmed)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 1) == Decimal("20.5")


def test_a_title_naming_two_measures_or_disagreeing_with_the_sheet_name(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    two = [["Integrationsquote (K2) und Veränderung der Zahl der Langzeitleistungsbezieher (K3), 2014"]]
    preview = preview_import(store, write_book(tmp_path / "zwei.xlsx", {"Tabelle": _area_rows(two)}))
    assert preview.new == 0 and "nennen mehrere Kennzahlen (K2, K3)" in preview.problems[0].message
    other = preview_import(store, write_book(tmp_path / "k3.xlsx", {"K3": _area_rows([["Integrationsquote (K2)"]])}))
    assert other.new == 0 and "nennen mehrere Kennzahlen (K2, K3)" in other.problems[0].message


def test_a_code_without_digits_in_the_sheet_name(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    catalogue.save_measure(
        store, model.Measure("LZB", "Anteil der Langzeitleistungsbeziehenden", "%", model.Direction.LOWER)
    )
    preview = preview_import(store, write_book(tmp_path / "lzb.xlsx", {"LZB": _area_rows([["Monatswerte 2014"]])}))
    assert preview.problems == [] and preview.new == 36
    assert {m.measure_id for m in preview.mappings} == {measure_id(store, "LZB")}


def test_footnotes_and_numeric_ags_in_a_sheet_with_areas_as_rows(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    area = store.get(model.Area, kreis)
    area.ags = "05978000"
    catalogue.save_area(store, area)
    rows: list[list[Any]] = [["Integrationsquote (K2) 2014"], ["AGS", *MONTHS_2014[:3]]]
    rows.append([5978000, 20.1, 20.2, 20.3])  # Excel dropped the leading zero of the number
    rows.append(["Quelle: Statistik der BA", None, "Stand: Mai 2015"])
    preview = preview_import(store, write_book(tmp_path / "ags.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 3
    assert "1 Fußnotenzeile übersprungen." in preview.notes
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 2) == Decimal("20.2")
