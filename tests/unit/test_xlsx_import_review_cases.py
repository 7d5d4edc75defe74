"""Excel import: the cases two independent reviews built to break the import (groups, titles, merged layouts)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_xlsx_import_support import (
    MONTHS_2014,
    TEMPLATE_HEADER,
    make_areas,
    measure_id,
    patch_xml,
    stored,
    template_rows,
    write_book,
)
from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import file_check, preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.breakdown import is_everybody, is_group_word, names_a_group
from zv_desktop.core.services import catalogue
from zv_desktop.core.store import Store


def _measure(store: Store, code: str, name: str) -> None:
    catalogue.save_measure(store, model.Measure(code, name, "VZÄ", model.Direction.NONE))


@pytest.mark.parametrize(
    ("text", "everybody", "group"),
    [
        ("Insgesamt", True, False),
        ("Insg.", True, False),
        ("Frauen/Männer", True, False),
        ("Männer & Frauen", True, False),
        ("alle Personen", True, False),
        ("alle Frauen", False, True),
        ("Deutsche insgesamt", False, False),
        ("dar. Frauen", False, True),
        ("darunter: weiblich", False, True),
        ("unter 25 Jahre", False, True),
        ("25 bis unter 55 Jahre", False, True),
        ("55 Jahre und älter", False, True),
        ("15-24", False, True),
        ("Kreis Unna", False, False),
        ("K2", False, False),
        ("2014", False, False),
    ],
)
def test_words_for_everybody_and_for_groups(text: str, everybody: bool, group: bool) -> None:
    assert is_everybody(text) is everybody
    assert is_group_word(text) is group


def test_groups_in_titles_leave_catalogue_names_and_both_sexes_alone() -> None:
    assert names_a_group("Integrationsquote (K2) – Frauen, 2014") == "Frauen"
    assert names_a_group("Kennzahlen nach Geschlecht (Frauen/Männer), 2014") == ""
    assert names_a_group("INT-U25", ["INT-U25"]) == ""
    assert names_a_group("Integrationsquote der Alleinerziehenden", ["Integrationsquote der Alleinerziehenden"]) == ""
    assert names_a_group("Integrationsquote U25") == "U25"


def test_a_code_with_a_hyphen_in_the_sheet_name_is_not_cut(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    assert catalogue.measure_by_code(store, "VZA") and catalogue.measure_by_code(store, "VZA-BEFR")  # built in
    rows: list[list[Any]] = [["Monatswerte 2014"], ["Gebiet", *MONTHS_2014[:3]], ["Kreis Testland", 12.5, 12.7, 13]]
    preview = preview_import(store, write_book(tmp_path / "vza.xlsx", {"VZA-BEFR": rows}))
    assert preview.problems == [] and {m.measure_id for m in preview.mappings} == {measure_id(store, "VZA-BEFR")}
    run_import(store, preview)
    assert stored(store, "VZA-BEFR", kreis, 2014, 2) == Decimal("12.7") and stored(store, "VZA", kreis, 2014, 2) is None


def test_an_unnamed_age_column_and_a_group_that_looks_like_everybody(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", None, "01/2014"]]
    for band, figure in (
        ("Insgesamt", 10),
        ("unter 25 Jahre", 1),
        ("25 bis unter 55 Jahre", 2),
        ("55 Jahre und älter", 3),
    ):
        rows.append(["K2", "Kreis Testland", band, figure])
    rows.append(["K2", "Musterstadt", "55 Jahre und älter", 7])
    rows.append(["K2", "Langenfeld (Rhld.)", "alle Frauen", 8])
    preview = preview_import(store, write_book(tmp_path / "alter.xlsx", {"Tabelle": rows}))
    assert preview.new == 1 and preview.skipped == 2
    assert sorted(p.cell for p in preview.problems) == ["A6", "A7"]  # Musterstadt, Langenfeld: groups only
    run_import(store, preview)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 1) == Decimal("10")
    assert stored(store, "K2", areas["Musterstadt"], 2014, 1) is None
    assert stored(store, "K2", areas["Langenfeld (Rhld.)"], 2014, 1) is None


def test_a_measure_coded_like_a_group_round_trips(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    _measure(store, "U25", "Integrationsquote unter 25 Jahre")
    rows = [TEMPLATE_HEADER, ["U25", "Kreis Testland", 2014, 1, "Ist", 40, "", ""]]
    preview = preview_import(store, write_book(tmp_path / "u25.xlsx", {"INT-U25": rows}))
    assert preview.problems == [] and preview.new == 1
    run_import(store, preview)
    assert stored(store, "U25", kreis, 2014, 1) == Decimal("40")


def test_a_group_in_the_title_of_a_sheet_with_a_kennzahl_column_blocks_nothing(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    rows = [["Zielvereinbarung 2014 – Schwerpunkt Frauen"], [], TEMPLATE_HEADER, *template_rows()[1:]]
    preview = preview_import(store, write_book(tmp_path / "export.xlsx", {"Kennzahlen": rows}))
    assert preview.problems == [] and preview.new == 6


def test_an_area_heading_with_insgesamt_and_group_rows_below(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Integrationsquote (K2) 2014"], [None, "Jan", "Feb", "Mär"]]
    for area, base in (("Kreis Testland", 20), ("Musterstadt", 30)):
        rows += [[area], ["Insgesamt", base, base + 1, base + 2], ["Frauen", 1, 1, 1], ["Männer", 2, 2, 2]]
    preview = preview_import(store, write_book(tmp_path / "ueberschrift.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 6
    assert any(
        n.startswith("Zeilen 4, 8: „Insgesamt“ unter einer Zeile, die nur ein Gebiet nennt") for n in preview.notes
    )
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 2) == Decimal("31")


def test_an_ags_number_in_a_column_without_header(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    city = store.get(model.Area, areas["Musterstadt"])
    city.ags = "05978004"
    catalogue.save_area(store, city)
    rows: list[list[Any]] = [["Integrationsquote (K2) 2014"], [None, "Jan", "Feb", "Mär"], [5978004, 21.5, None, None]]
    preview = preview_import(store, write_book(tmp_path / "ags.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 1
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 1) == Decimal("21.5")


def test_a_large_styles_part_without_its_content_type_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_book(tmp_path / "stile.xlsx", {"Daten": [TEMPLATE_HEADER]})
    patch_xml(
        path,
        {
            b"</styleSheet>": b"<!--" + b"x" * 30_000 + b"--></styleSheet>",
            b'<Override PartName="/xl/styles.xml"': b'<Override PartName="/xl/anders.xml"',
        },
    )
    monkeypatch.setattr(file_check, "MAX_WHOLE_PART", 20_000)
    with pytest.raises(ZvError, match="Daten im Teil „xl/styles.xml“"):
        preview_import(store, path)


def test_an_emptied_template_cell_with_the_year_from_the_dialog(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    from tests.unit.test_xlsx_import_support import save_value

    save_value(store, "K2", kreis, 2014, 3, "21.0")
    rows = [TEMPLATE_HEADER, ["K2", "Kreis Testland", None, "März", "Ist", None, "", ""]]
    preview = preview_import(store, write_book(tmp_path / "ohne-jahr.xlsx", {"Daten": rows}), year=2014)
    assert any(n.startswith("1 Zelle ohne Zahl (leer, „.“, „x“ …; F2), für die") for n in preview.notes)


def test_a_title_that_is_a_catalogue_name_with_a_code_inside(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    k1 = catalogue.measure_by_code(store, "K1")
    assert "KdU" in k1.name  # "… (ohne KdU)": KdU is also a code of the catalogue
    rows: list[list[Any]] = [[k1.name], ["Gebiet", *MONTHS_2014[:3]], ["Kreis Testland", -1.5, -1.2, -1.0]]
    preview = preview_import(store, write_book(tmp_path / "k1.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and {m.measure_id for m in preview.mappings} == {k1.id}


def test_an_unnamed_column_beside_the_kennzahl_names_the_area(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)  # one Kreis: rows without an area would go to it
    city = store.get(model.Area, areas["Langenfeld (Rhld.)"])
    city.ags = "05158020"
    catalogue.save_area(store, city)
    rows: list[list[Any]] = [["Integrationsquote 2014"], ["Kennzahl", None, *MONTHS_2014[:3]]]
    rows += [["K2", "Musterstadt", 1, 1, 1], ["K3", 5158020, 2, 2, 2]]
    preview = preview_import(store, write_book(tmp_path / "ohne-kopf.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 6
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 1) == Decimal("1")
    assert stored(store, "K3", areas["Langenfeld (Rhld.)"], 2014, 1) == Decimal("2")
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 1) is None


def test_a_table_of_texts_under_another_extension_is_size_checked(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_xlsx_import_large import _with_shared_strings

    texts = [f"Kreis Testland {number}" for number in range(1_000)]
    rows = [TEMPLATE_HEADER] + [["K2", text, 2014, 1, "Ist", 20.5] for text in texts]
    path = _with_shared_strings(write_book(tmp_path / "dat.xlsx", {"Daten": rows}), texts, "texte/tabelle.dat")
    monkeypatch.setattr(file_check, "MAX_WHOLE_PART", 20_000)
    with pytest.raises(ZvError, match="MB Text"):
        preview_import(store, path)
