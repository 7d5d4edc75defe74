"""Excel import: sheets that repeat each measure for groups of people (Insgesamt / Frauen / Männer)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.unit.test_xlsx_import_support import MONTHS_2014, TEMPLATE_HEADER, make_areas, stored, write_book
from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store

GROUPS = (("Insgesamt", 0), ("Frauen", -3), ("Männer", 3))
AREAS_3 = ("Kreis Testland", "Musterstadt", "Langenfeld (Rhld.)")


def _row_rules(header: str | None) -> list[list[Any]]:
    """Jahr-less monthly table: Kennzahl | Gebiet | <header> | 01/2014 …, three rows per measure."""
    rows: list[list[Any]] = [["Integration nach Geschlecht 2014"], [], ["Kennzahl", "Gebiet", header, *MONTHS_2014]]
    for code, base in (("K2", 20.0), ("K3", 17_000)):
        for group, shift in GROUPS:
            rows.append([code, "Kreis Testland", group, *(base + shift + m for m in range(12))])
    return rows


def _check_only_totals(store: Store, kreis: str, path: Path) -> list[str]:
    preview = preview_import(store, path)
    assert preview.problems == []
    assert (preview.new, preview.changed) == (24, 0)
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 1) == Decimal("20")
    assert stored(store, "K2", kreis, 2014, 12) == Decimal("31")
    assert stored(store, "K3", kreis, 2014, 3) == Decimal("17002")
    return [n for n in preview.notes if "Teilgruppen" in n]


def test_a_geschlecht_column_imports_the_rows_for_everybody(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    path = write_book(tmp_path / "geschlecht.xlsx", {"Tabelle": _row_rules("Geschlecht")})
    notes = _check_only_totals(store, kreis, path)
    assert notes == [
        "4 Zeilen für Teilgruppen (Spalte „Geschlecht“: „Frauen“, „Männer“; 48 Werte) nicht übernommen: "
        "ZV Desktop führt die Kennzahlen für alle Personen; übernommen werden die Zeilen „Insgesamt“ bzw. ohne "
        "Angabe."
    ]


def test_a_column_without_header_naming_frauen_and_maenner_is_a_breakdown(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    path = write_book(tmp_path / "ohne-kopf.xlsx", {"Tabelle": _row_rules(None)})
    notes = _check_only_totals(store, kreis, path)
    assert len(notes) == 1 and notes[0].startswith("4 Zeilen für Teilgruppen (Spalte C: „Frauen“, „Männer“; 48 Werte)")


def test_the_template_with_a_geschlecht_column_and_empty_meaning_everybody(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows: list[list[Any]] = [[*TEMPLATE_HEADER, "Geschlecht"]]
    for month in (1, 2):
        rows.append(["K2", "Kreis Testland", 2014, month, "Ist", 20 + month, "BA", "", None])
        rows.append(["K2", "Kreis Testland", 2014, month, "Ist", 30 + month, "BA", "", "weiblich"])
        rows.append(["K2", "Kreis Testland", 2014, month, "Ist", 10 + month, "BA", "", "männlich"])
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": rows}))
    assert preview.problems == [] and (preview.new, preview.changed) == (2, 0)
    assert any(
        "4 Zeilen für Teilgruppen (Spalte „Geschlecht“: „weiblich“, „männlich“; 4 Werte) nicht übernommen" in n
        for n in preview.notes
    )
    run_import(store, preview)
    assert [stored(store, "K2", kreis, 2014, m) for m in (1, 2)] == [Decimal("21"), Decimal("22")]


def test_a_measure_given_only_for_groups_is_not_imported_but_named(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        ["Kennzahl", "Gebiet", "Altersgruppe", *MONTHS_2014],
        ["K2", "Kreis Testland", "unter 25 Jahre", *range(12)],
    ]
    preview = preview_import(store, write_book(tmp_path / "u25.xlsx", {"Tabelle": rows}))
    assert (preview.new, preview.changed, preview.unchanged) == (0, 0, 0)
    assert any(
        "1 Zeile für Teilgruppen (Spalte „Altersgruppe“: „unter 25 Jahre“; 12 Werte) nicht übernommen" in n
        for n in preview.notes
    )
    assert stored(store, "K2", kreis, 2014, 2) is None


def test_two_breakdown_columns_import_only_rows_for_everybody_in_both(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", "Geschlecht", "Altersgruppe", *MONTHS_2014[:3]]]
    rows.append(["K2", "Kreis Testland", "Insgesamt", "unter 25 Jahre", 5, 5, 5])
    rows.append(["K2", "Kreis Testland", "Frauen", "Insgesamt", 6, 6, 6])
    rows.append(["K2", "Kreis Testland", "Insgesamt", "alle Altersgruppen", 20, 21, 22])
    preview = preview_import(store, write_book(tmp_path / "zwei.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 3
    assert any(
        "2 Zeilen für Teilgruppen (Spalten „Geschlecht“, „Altersgruppe“: „unter 25 Jahre“, „Frauen“" in n
        for n in preview.notes
    )
    run_import(store, preview)
    assert [stored(store, "K2", kreis, 2014, m) for m in (1, 2, 3)] == [Decimal("20"), Decimal("21"), Decimal("22")]


def test_indented_group_rows_under_the_area_rows(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Integrationsquote (K2) 2014"], [None, *MONTHS_2014[:3]]]
    for area, base in (("Kreis Testland", 20), ("Musterstadt", 30)):
        rows += [[area, base, base + 1, base + 2], ["  Frauen", 1, 1, 1], ["  Männer", 2, 2, 2]]
    preview = preview_import(store, write_book(tmp_path / "eingerueckt.xlsx", {"K2": rows}))
    assert preview.problems == [] and preview.new == 6
    assert any(n.startswith("4 Zeilen für Teilgruppen („Frauen“, „Männer“; 12 Werte)") for n in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 3) == Decimal("32")


def test_spellings_of_everybody_and_a_measure_with_groups_only(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", "Geschlecht", *MONTHS_2014[:2]]]
    for area, total in zip(AREAS_3, ("Insg.", "Frauen und Männer", "alle Personen"), strict=True):
        rows += [["K2", area, total, 20, 21], ["K2", area, "Frauen", 1, 1]]
    rows += [["K3", "Kreis Testland", "Frauen", 7, 7], ["K3", "Kreis Testland", "Männer", 8, 8]]
    preview = preview_import(store, write_book(tmp_path / "insg.xlsx", {"Tabelle": rows}))
    assert preview.new == 6
    assert [(p.cell, p.message) for p in preview.problems] == [
        (
            "A8",
            "Für „K3 | Kreis Testland“ gibt es nur Zeilen für Teilgruppen, keine Zeile „Insgesamt“; für diese "
            "Kennzahl wird nichts übernommen.",
        )
    ]
    run_import(store, preview)
    assert stored(store, "K2", areas["Langenfeld (Rhld.)"], 2014, 2) == Decimal("21")
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 1) is None


def test_group_rows_in_a_block_after_the_first_forty_rows(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    codes = [m.code for m in store.find(model.Measure)][:8]
    keys = [(code, area, year) for year in (2014, 2015) for code in codes for area in AREAS_3]
    rows: list[list[Any]] = [["Kennzahl", "Gebiet", "Jahr", None, "Jan", "Feb"]]
    rows += [[code, area, year, "Insgesamt", 10, 11] for code, area, year in keys]
    rows += [[code, area, year, "Frauen", 4, 5] for code, area, year in keys]
    preview = preview_import(store, write_book(tmp_path / "block.xlsx", {"Tabelle": rows}))
    assert len(keys) > 40 and preview.problems == [] and preview.new == 2 * len(keys)
    assert any(n.startswith(f"{len(keys)} Zeilen für Teilgruppen („Frauen“;") for n in preview.notes)
