"""Excel import: sheets that repeat each measure for groups of people (Insgesamt / Frauen / Männer)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.unit.test_xlsx_import_support import MONTHS_2014, TEMPLATE_HEADER, make_areas, stored, write_book
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store

GROUPS = (("Insgesamt", 0), ("Frauen", -3), ("Männer", 3))


def _wide_rows(header: str | None) -> list[list[Any]]:
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
    path = write_book(tmp_path / "geschlecht.xlsx", {"Tabelle": _wide_rows("Geschlecht")})
    notes = _check_only_totals(store, kreis, path)
    assert notes == [
        "4 Zeilen für Teilgruppen (Spalte „Geschlecht“: „Frauen“, „Männer“; 48 Werte) nicht übernommen: "
        "ZV Desktop führt die Kennzahlen für alle Personen; übernommen werden die Zeilen „Insgesamt“ bzw. ohne "
        "Angabe."
    ]


def test_a_column_without_header_naming_frauen_and_maenner_is_a_breakdown(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    path = write_book(tmp_path / "ohne-kopf.xlsx", {"Tabelle": _wide_rows(None)})
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
