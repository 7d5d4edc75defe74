"""Excel import: both layouts with the quirks of real files (title blocks, merged headers, footnotes, German text)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from tests.unit.test_xlsx_import_support import (
    MONTHS_2014,
    TEMPLATE_HEADER,
    make_areas,
    patch_xml,
    stored,
    template_rows,
    write_book,
)
from zv_desktop.core.exchange.xlsx_import import LAYOUT_TEMPLATE, LAYOUT_WIDE, preview_import, run_import
from zv_desktop.core.store import Store

MONTH_NAMES = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


def _problems(preview) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.cell: p.message for p in preview.problems}


def test_template_in_row_one(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    preview = preview_import(store, path)
    assert (preview.layout, preview.sheet, preview.header_row, preview.year) == (LAYOUT_TEMPLATE, "Daten", 1, 2014)
    assert (preview.new, preview.changed, preview.unchanged, preview.skipped) == (6, 0, 0, 0)
    assert not preview.problems
    assert [(m.label, m.area_label, m.rows, m.guessed) for m in preview.mappings] == [
        ("K2", "Kreis Testland", "Zeilen 2, 4, 6", False),
        ("K3", "Kreis Testland", "Zeilen 3, 5, 7", False),
    ]
    assert str(preview.changes[0]) == "K2 Kreis Testland 01/2014 Ist: neu 20,6"
    assert run_import(store, preview) == (6, 0, 0, 0)
    kreis = areas["Kreis Testland"]
    assert stored(store, "K2", kreis, 2014, 1) == Decimal("20.6")
    assert stored(store, "K3", kreis, 2014, 3) == Decimal("17200")
    sources = dict(store.conn.execute("SELECT value, source FROM kpi_values").fetchall())
    assert sources["20.6"] == "BA-Statistik" and sources["17283"] == "Excel-Import vorlage.xlsx"


def test_template_with_title_block_aliases_and_german_text(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        ["Import von Kennzahlwerten"],
        ["erstellt am 02.04.2014"],
        [],
        ["Messgröße", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung"],
        ["K2", "Kreis Testland", 2014, "März", None, "20,6", "", ""],
        ["K2", "Kreis Testland", "2014", "01.04.2014", "Ist", 20.8, None, "geschätzt"],
        ["K2", "Kreis Testland", 2014, datetime(2014, 5, 1), "Prognose", "21", None, None],
        ["k 2", "kreis testland", 2014, "06", "Plan", "1.234,5 %", None, None],
        ["K2", "Kreis Testland", None, "07/2014", "Ist", "17.283"],
        ["K2", "Kreis Testland", 2014, 13, "Ist", 1],
        ["K2", "Kreis Testland", 2014, 0, "Ist", 1],
        ["K2", "Kreis Testland", 2014, "01.08.2015", "Ist", 1],
        ["K2", "Kreis Testland", 2014, 9, "Wunsch", 1],
        ["K2", "Kreis Testland", 2014, 10, "Ist", "01.10.2014"],
        ["K2", "Kreis Testland", 2014, 11, "Ist", "abc"],
        ["K2", "Kreis Testland", 2014, 12, "Ist", "–"],
        ["K3", "Kreis Testland", 3014, 1, "Ist", 5],
        ["K3", "Kreis Testland", 2014, 2, "Ist", True],
        ["K3", "Kreis Testland", 2014, 3, "Ist", "."],
    ]
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Import": rows}))
    assert (preview.layout, preview.header_row) == (LAYOUT_TEMPLATE, 4)
    problems = _problems(preview)
    assert set(problems) == {"F8", "F9", "D10", "D11", "D12", "E13", "F14", "F15", "C17", "F18"}
    # the measure's plausibility: a quota lies between 0 and 100 % (issue 16)
    assert "eine Quote liegt zwischen 0 und 100 %" in problems["F8"] and "17.283" in problems["F9"]
    assert "Monat 13 gibt es nicht" in problems["D10"] and "Monat 0 gibt es nicht" in problems["D11"]
    assert "2015" in problems["D12"] and "2014" in problems["D12"]
    assert "Art" in problems["E13"] and "Datum" in problems["F14"] and "„abc“" in problems["F15"]
    assert "3014" in problems["C17"] and "Wahrheitswert" in problems["F18"]
    assert str(preview.problems[0]).startswith("Blatt „Import“, Zelle F8: ")
    assert (preview.new, preview.skipped) == (4, 10)
    assert "1 Zelle mit „–“ (nichts vorhanden) als 0 übernommen." in preview.notes
    assert "1 Zelle ohne Zahl: „.“ Zahlenwert unbekannt oder geheim zu halten (1)." in preview.notes
    assert any(n.startswith("1 Zelle mit „.“, „…“, „x“ oder „*“ als „keine Zahl“ gespeichert") for n in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 3) == Decimal("20.6")
    assert stored(store, "K2", kreis, 2014, 4) == Decimal("20.8")
    assert stored(store, "K2", kreis, 2014, 5, "prognose") == Decimal("21")
    assert stored(store, "K2", kreis, 2014, 6, "plan") is None and stored(store, "K2", kreis, 2014, 7) is None
    assert stored(store, "K2", kreis, 2014, 12) == Decimal(0)  # „–“: nichts vorhanden
    # „.“ stays „keine Zahl“: a record without a figure, the sign and its meaning kept (issue 16)
    mark = store.conn.execute("SELECT value, mark, comment FROM kpi_values WHERE value IS NULL").fetchall()
    assert mark == [(None, ".", "„.“ Zahlenwert unbekannt oder geheim zu halten")]
    assert store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 5
    comment = store.conn.execute("SELECT comment FROM kpi_values WHERE period_no = 4").fetchone()[0]
    assert comment == "geschätzt"


def _statistics_table() -> list[list[object]]:
    return [
        ["Statistik der Grundsicherung für Arbeitsuchende"],
        ["Kennzahlen nach § 48a SGB II – Berichtsjahr 2014"],
        ["Stand: 31.03.2015"],
        [],
        ["Merkmal", "Gebiet", "2014"],
        [None, None, *MONTH_NAMES, "Jahr"],
        ["K2 Integrationsquote", "Kreis Testland", "20,6", 20.8, "21,4 %", "–", ".", None],
        ["Integrationsquote", "Musterstadt", 19.5, "19,7"],
        ["K3 Langzeitleistungsbezieher*", "Testland, Kreis", "17.283", 17250],
        ["Insgesamt", None, 1, 2, 3],
        [],
        ["Quelle: Statistik der Bundesagentur für Arbeit"],
        ["*) vorläufige Werte"],
        ["1) ohne zugelassene kommunale Träger"],
    ]


def test_statistics_table_with_merged_headers_and_footnotes(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    path = write_book(
        tmp_path / "statistik.xlsx", {"Tabelle 3": _statistics_table()}, merged=["A5:A6", "B5:B6", "C5:N5"]
    )
    preview = preview_import(store, path)
    assert (preview.layout, preview.header_row, preview.year) == (LAYOUT_WIDE, 6, 2014)
    assert not preview.problems
    assert (preview.new, preview.skipped) == (8, 0)  # „–“ is a true zero
    assert [(m.label, m.area_label, m.guessed) for m in preview.mappings] == [
        ("K2 Integrationsquote", "Kreis Testland", False),
        ("Integrationsquote", "Musterstadt", False),
        ("K3 Langzeitleistungsbezieher*", "Testland, Kreis", True),  # a short name beside the code: check it
    ]
    assert all(m.measure_id and m.area_id for m in preview.mappings)
    notes = " ".join(preview.notes)
    assert "3 Fußnotenzeilen übersprungen" in notes and "Summenzeile" in notes and "„Jahr“" in notes
    run_import(store, preview)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 3) == Decimal("21.4")
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 4) == Decimal(0)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 2) == Decimal("19.7")
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 1) == Decimal("17283")


def test_month_headers_in_every_spelling(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    header = ["Kennzahl", "Gebiet", "Januar 2014", "Feb 2014", "03/2014", "2014-04", datetime(2014, 5, 1), "Jun. 14"]
    header += ["7/2014", "Aug 2014", "Sept. 2014", "Okt 2014", "November 2014", "Dez. 2014"]
    rows = [header, ["K2", "Kreis Testland", *range(1, 13)]]
    preview = preview_import(store, write_book(tmp_path / "monate.xlsx", {"Daten": rows}))
    assert (preview.layout, preview.year, preview.new) == (LAYOUT_WIDE, 2014, 12)
    run_import(store, preview)
    assert [stored(store, "K2", kreis, 2014, m) for m in (1, 6, 12)] == [1, 6, 12]


def test_a_year_is_asked_for_when_the_sheet_names_none(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    path = write_book(tmp_path / "ohne-jahr.xlsx", {"Daten": [["Kennzahl", "Jan", "Feb", "Mär"], ["K2", 1, 2, 3]]})
    preview = preview_import(store, path)
    assert preview.new == 0 and preview.skipped == 3
    assert preview.problems[0].cell == "" and "--year" in preview.problems[0].message
    preview = preview_import(store, path, year=2014)
    assert (preview.new, preview.year, preview.problems) == (3, 2014, [])
    assert any("wie angegeben" in note for note in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 3) == 3
    two = [["Kennzahlen 2013 und 2014"], ["Kennzahl", "Jan", "Feb"], ["K2", 1, 2]]
    preview = preview_import(store, write_book(tmp_path / "zwei.xlsx", {"Daten": two}))
    assert "2013, 2014" in preview.problems[0].message


def test_a_month_that_does_not_exist_in_the_header(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    rows = [["Kennzahl", "Gebiet", "12/2014", "13/2014"], ["K2", "Kreis Testland", 5, 6]]
    preview = preview_import(store, write_book(tmp_path / "monat13.xlsx", {"Daten": rows}))
    assert _problems(preview) == {"D1": "Monat 13 gibt es nicht (1–12); die Spalte wird übergangen."}
    assert (preview.new, preview.skipped) == (1, 1)


def test_formulas_use_their_stored_results_and_name_those_without(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        ["Kennzahl", "Gebiet", *[f"{m:02d}/2014" for m in range(1, 5)]],
        ["K2", "Kreis Testland", 1, "=2+2", "=3+3"],
    ]
    path = write_book(tmp_path / "formeln.xlsx", {"Daten": rows})
    # as Excel saves it: with the result (openpyxl writes the empty value as <v /> or, with lxml, as <v></v>)
    patch_xml(path, {b"<f>2+2</f><v />": b"<f>2+2</f><v>4</v>", b"<f>2+2</f><v></v>": b"<f>2+2</f><v>4</v>"})
    preview = preview_import(store, path)
    assert _problems(preview).keys() == {"E2"}
    assert "=3+3" in preview.problems[0].message and "gespeichertes Ergebnis" in preview.problems[0].message
    assert any("1 Formel ohne gespeichertes Ergebnis" in note for note in preview.notes)
    assert (preview.new, preview.skipped) == (2, 1)
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 2) == 4
    assert stored(store, "K2", kreis, 2014, 3) is None


def test_measures_and_areas_are_matched_by_code_name_and_similarity(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows = [
        ["Kennzahl", "Gebiet", "01/2014", "02/2014"],
        ["K 2", "Kreis Testland", 1],
        ["k2e1", "Stadt Musterstadt", 2],
        ["Integrations-Quote", "Kreis Testland", None, 3],
        ["Integrationsqoute", "Musterstadt", 4],
        ["Quote (K2E4)", "Langenfeld", 5],
        ["Zufriedenheit der Kunden", "Kreis Testland", 6],
        ["K2", "Atlantis", 7],
    ]
    preview = preview_import(store, write_book(tmp_path / "namen.xlsx", {"Daten": rows}))
    found = {(m.label, m.area_label): m for m in preview.mappings}
    k2 = found[("K 2", "Kreis Testland")].measure_id
    assert found[("Integrations-Quote", "Kreis Testland")].measure_id == k2
    assert not found[("Integrations-Quote", "Kreis Testland")].guessed
    assert found[("Integrationsqoute", "Musterstadt")].measure_id == k2
    assert found[("Integrationsqoute", "Musterstadt")].guessed
    assert found[("k2e1", "Stadt Musterstadt")].area_id == areas["Musterstadt"]
    assert found[("Quote (K2E4)", "Langenfeld")].area_id == areas["Langenfeld (Rhld.)"]
    assert found[("Zufriedenheit der Kunden", "Kreis Testland")].measure_id is None
    assert found[("K2", "Atlantis")].area_id is None
    problems = _problems(preview)
    assert "Kennzahl „Zufriedenheit der Kunden“ nicht erkannt" in problems["A7"]
    assert "Gebiet „Atlantis“ nicht erkannt" in problems["A8"]
    assert (preview.new, preview.skipped) == (5, 2)


def test_the_users_corrections_decide(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows = [
        ["Kennzahl", "Gebiet", "01/2014"],
        ["Zufriedenheit", "Atlantis", 6],
        ["Integrationsqoute", "Musterstadt", 4],
    ]
    path = write_book(tmp_path / "korrektur.xlsx", {"Daten": rows})
    preview = preview_import(store, path)
    wrong = {m.key: m for m in preview.mappings}
    k3 = store.conn.execute("SELECT id FROM measures WHERE code = 'K3'").fetchone()[0]
    corrections = {
        wrong["Zufriedenheit\x1fAtlantis"].key: (k3, areas["Kreis Testland"]),
        "Integrationsqoute": (None, None),  # by label alone: leave it out
    }
    preview = preview_import(store, path, mapping=corrections)
    assert (preview.new, preview.skipped, preview.problems) == (1, 0, [])
    assert not any(m.guessed for m in preview.mappings)
    run_import(store, preview)
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 1) == 6


def test_rows_without_an_area(store: Store, demo: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [["Kennzahl", *[f"{m:02d}/2014" for m in (1, 2)]], ["K2", 1, 2]]
    path = write_book(tmp_path / "ohne-gebiet.xlsx", {"Daten": rows})
    preview = preview_import(store, path)  # the office's only Kreis
    assert preview.mappings[0].area_id == kreis and preview.new == 2
    preview = preview_import(demo, path)  # two Kreise in the demo: which one?
    assert preview.new == 0 and "--area" in preview.problems[0].message
    hilden = demo.conn.execute("SELECT id FROM areas WHERE name = 'Hilden'").fetchone()[0]
    preview = preview_import(demo, path, default_area_id=hilden)
    assert preview.mappings[0].area_id == hilden and not preview.problems


def test_the_first_sheet_with_figures_is_chosen(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    sheets = {"Hinweise": [["Bitte die Werte im Blatt Daten eintragen."]], "Daten": template_rows(), "Leer": []}
    path = write_book(tmp_path / "blaetter.xlsx", sheets)
    preview = preview_import(store, path)
    assert (preview.sheet, preview.sheet_names) == ("Daten", ["Hinweise", "Daten", "Leer"])


def test_hidden_sheets_come_last(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "versteckt.xlsx", {"Rechnung": template_rows(year=2013), "Daten": template_rows()})
    workbook = load_workbook(path)
    workbook["Rechnung"].sheet_state = "hidden"
    workbook.save(path)
    assert preview_import(store, path).sheet == "Daten"
    assert preview_import(store, path, sheet="Rechnung").year == 2013


def test_the_same_value_twice_in_a_sheet(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        TEMPLATE_HEADER,
        ["K2", "Kreis Testland", 2014, 1, "Ist", 20.6],
        ["K2", "Kreis Testland", 2014, 1, "Ist", "20,60"],
        ["K2", "Kreis Testland", 2014, 2, "Ist", 20.6],
        ["K2", "Kreis Testland", 2014, 2, "Ist", 20.7],
    ]
    preview = preview_import(store, write_book(tmp_path / "doppelt.xlsx", {"Daten": rows}))
    assert _problems(preview).keys() == {"F5"} and "F4" in preview.problems[0].message
    assert (preview.new, preview.skipped) == (1, 2)
    assert any("doppelt" in note for note in preview.notes)
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 1) == Decimal("20.6") and stored(store, "K2", kreis, 2014, 2) is None


def test_statistics_signs_and_spaced_thousands_are_read_and_noted(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        ["Kennzahl", "Gebiet", *MONTHS_2014[:4]],
        ["K2", "Kreis Testland", "20,6 p", "20,8 p", "21,0 r", "*"],
        ["K3", "Kreis Testland", "17 283", "17\u00a0250", "17.200", "/"],
    ]
    preview = preview_import(store, write_book(tmp_path / "zeichen.xlsx", {"Tabelle": rows}))
    assert preview.problems == [] and preview.new == 6
    assert (
        "3 Werte mit Zeichen der Statistik übernommen: „p“ vorläufig (2), „r“ berichtigt (1); die Zeichen "
        in " ".join(preview.notes)
    )
    assert (
        "2 Zellen ohne Zahl: „*“ anonymisiert (Statistik der Bundesagentur für Arbeit) (1), "
        "„/“ kein Wert (1)." in preview.notes
    )
    run_import(store, preview)
    assert [stored(store, "K2", kreis, 2014, m) for m in (1, 3, 4)] == [Decimal("20.6"), Decimal("21.0"), None]
    marks = store.conn.execute("SELECT period_no, mark FROM kpi_values WHERE value IS NULL").fetchall()
    assert marks == [(4, "*")]  # the BA's „*“ is kept as „keine Zahl“; „/“ is no sign of DIN 55301: nothing kept
    assert stored(store, "K3", kreis, 2014, 2) == Decimal("17250")


def test_a_month_heading_that_is_no_real_date_is_a_problem(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    rows = [
        ["Kennzahl", "Gebiet", "29.02.2014", "31.03.2014", "31.04.2014"],
        ["K2", "Kreis Testland", 20.5, 20.6, 20.7],
    ]
    preview = preview_import(store, write_book(tmp_path / "tage.xlsx", {"Tabelle": rows}))
    assert [(p.cell, p.message) for p in preview.problems] == [
        ("C1", "Den Tag „29.02.2014“ gibt es nicht. Die Spalte wird übergangen."),
        ("E1", "Den Tag „31.04.2014“ gibt es nicht. Die Spalte wird übergangen."),
    ]
    assert preview.new == 1
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 3) == Decimal("20.6") and stored(store, "K2", kreis, 2014, 2) is None
