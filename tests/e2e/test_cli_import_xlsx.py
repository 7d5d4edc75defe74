"""`zv import-xlsx` end to end: preview text and JSON, --dry-run, import, --map/--area/--year, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_xlsx_import_support import make_areas, snapshot, template_rows, write_book
from zv_desktop.core.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A data file with the office's Kreis and two cities."""
    path = tmp_path / "amt.sqlite"
    store = open_store(path, create=True, office_name="Kreis Testland")
    make_areas(store)
    store.close()
    return path


def _count(db: Path) -> int:
    store = open_store(db)
    try:
        return int(store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0])
    finally:
        store.close()


def test_dry_run_shows_the_preview_and_writes_nothing(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    result = run_zv("--db", db, "import-xlsx", path, "--dry-run")
    assert result.code == 0, result.err
    for text in (
        "Blatt: Daten",
        "Aufbau: Vorlage, Kopfzeile in Zeile 1, Jahr 2014",
        "K2 | Kreis Testland → K2 Integrationsquote – Kreis Testland (Zeilen 2, 4, 6)",
        "Vorschau: 6 neu, 0 geändert, 0 unverändert",
        "K2 Kreis Testland 01/2014 Ist: neu 20,6",
        "Nichts gespeichert (--dry-run).",
    ):
        assert text in result.out
    assert _count(db) == 0


def test_import_then_again_all_unchanged(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    first = run_zv("--db", db, "import-xlsx", path)
    assert first.code == 0 and "Eingelesen: 6 neu, 0 geändert, 0 unverändert." in first.out
    again = run_zv("--db", db, "import-xlsx", path, "--json")
    data = json.loads(again.out)
    assert (data["new"], data["changed"], data["unchanged"], data["imported"]) == (
        0,
        0,
        6,
        {"new": 0, "changed": 0, "unchanged": 6, "marks": 0},
    )
    assert data["layout"] == "Vorlage" and data["problems"] == [] and _count(db) == 6


def test_problems_exit_1_and_the_valid_values_are_imported(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = template_rows()
    rows[1][3] = 13  # Monat 13
    rows[2][0] = "Unbekannt"
    path = write_book(tmp_path / "fehler.xlsx", {"Daten": rows})
    result = run_zv("--db", db, "import-xlsx", path)
    assert result.code == 1
    assert "Blatt „Daten“, Zelle D2: Monat 13 gibt es nicht (1–12)." in result.out
    assert "Blatt „Daten“, Zelle A3: Kennzahl „Unbekannt“ nicht erkannt" in result.out
    assert (
        "Eingelesen: 4 neu, 0 geändert, 0 unverändert. Nicht übernommen (Probleme, siehe oben): 2 Werte." in result.out
    )
    assert "2 Problem(e)" in result.err and _count(db) == 4
    data = json.loads(run_zv("--db", db, "import-xlsx", path, "--json", "--dry-run").out)
    assert {p["cell"] for p in data["problems"]} == {"D2", "A3"} and data["imported"] is None


def test_map_area_and_year_options(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Merkmal", "Jan", "Feb", "Mär"], ["Quote der Integration", 1, 2, 3], ["Sonstiges", 4, 5, 6]]
    path = write_book(tmp_path / "tabelle.xlsx", {"Tabelle": rows})
    plain = run_zv("--db", db, "import-xlsx", path, "--dry-run")
    assert plain.code == 1 and "--year" in plain.out
    result = run_zv(
        "--db",
        db,
        "import-xlsx",
        path,
        "--year",
        "2014",
        "--area",
        "musterstadt",
        "--map",
        "quote der integration=K2",
        "--map",
        "Sonstiges=-",
    )
    assert result.code == 0, result.out + result.err
    assert "Quote der Integration → K2 Integrationsquote – Musterstadt (Zeile 2)" in result.out
    assert "Sonstiges → wird nicht übernommen" in result.out
    assert "Eingelesen: 3 neu" in result.out and _count(db) == 3
    wrong = run_zv("--db", db, "import-xlsx", path, "--year", "2014", "--map", "Sonstiges=K99")
    assert wrong.code == 2 and "K99" in wrong.err
    nowhere = run_zv("--db", db, "import-xlsx", path, "--year", "2014", "--area", "Atlantis")
    assert nowhere.code == 2 and "Ein Gebiet „Atlantis“ gibt es nicht (vorhanden: Kreis Testland" in nowhere.err


def test_map_area_corrects_an_area_name_of_the_file(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = template_rows(area="Stadt Muster")  # not a name the data file knows
    path = write_book(tmp_path / "gebiet.xlsx", {"Daten": rows})
    unknown = run_zv("--db", db, "import-xlsx", path, "--dry-run")
    assert unknown.code == 1 and "Gebiet „Stadt Muster“ nicht erkannt" in unknown.out
    result = run_zv("--db", db, "import-xlsx", path, "--map-area", "stadt muster=Musterstadt")
    assert result.code == 0, result.out + result.err
    assert "K2 | Stadt Muster → K2 Integrationsquote – Musterstadt" in result.out and _count(db) == 6
    stray = run_zv("--db", db, "import-xlsx", path, "--dry-run", "--map-area", "Atlantis=Musterstadt")
    assert "--map-area „Atlantis“ passt zu keinem Gebietsnamen der Datei" in stray.err
    bad = run_zv("--db", db, "import-xlsx", path, "--map-area", "Stadt Muster=Atlantis")
    assert bad.code == 2 and "Ein Gebiet „Atlantis“ gibt es nicht" in bad.err
    malformed = run_zv("--db", db, "import-xlsx", path, "--map-area", "Musterstadt")
    assert malformed.code == 2 and "GEBIET_IN_DER_DATEI=GEBIET" in malformed.err


def test_map_area_takes_a_sum_row_and_leaves_an_area_out(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [["Kennzahl", "Gebiet", "01/2014", "02/2014"], ["K2", "Insgesamt", 20.5, 20.6], ["K2", "Deutschland", 9, 9]]
    path = write_book(tmp_path / "summe.xlsx", {"Tabelle": rows})
    plain = run_zv("--db", db, "import-xlsx", path, "--dry-run")
    assert "Gebiet „Deutschland“ nicht erkannt" in plain.out and "Summenzeile" in plain.out
    result = run_zv(
        "--db", db, "import-xlsx", path, "--map-area", "Insgesamt=Kreis Testland", "--map-area", "Deutschland=-"
    )
    assert result.code == 0, result.out + result.err
    assert "K2 | Insgesamt → K2 Integrationsquote – Kreis Testland" in result.out
    assert "K2 | Deutschland → wird nicht übernommen (--map-area …=-)" in result.out
    assert "Eingelesen: 2 neu" in result.out and _count(db) == 2 and not result.err


def test_unusable_files_exit_2_with_a_german_message(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(db)
    before = snapshot(store)
    store.close()
    csv = tmp_path / "werte.xlsx"
    csv.write_text("Kennzahl;Wert\nK2;20,6\n", encoding="utf-8")
    result = run_zv("--db", db, "import-xlsx", csv)
    assert result.code == 2 and "Textdatei (CSV?)" in result.err and not result.out
    old = tmp_path / "alt.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "alten Format" in run_zv("--db", db, "import-xlsx", old).err
    missing = run_zv("--db", db, "import-xlsx", tmp_path / "fehlt.xlsx")
    assert missing.code == 2 and "gibt es nicht" in missing.err
    sheet = run_zv(
        "--db", db, "import-xlsx", write_book(tmp_path / "v.xlsx", {"Daten": template_rows()}), "--sheet", "X"
    )
    assert sheet.code == 2 and "Ein Blatt „X“ gibt es" in sheet.err
    store = open_store(db)
    assert snapshot(store) == before
    store.close()


def test_a_hidden_sheet_chosen_for_want_of_another_is_not_written(run_zv, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    path = write_book(tmp_path / "versteckt.xlsx", {"Notiz": [["nur Text"]], "Versteckt": template_rows()})
    book = load_workbook(path)
    book["Versteckt"].sheet_state = "hidden"
    book.save(path)
    guessed = run_zv("--db", db, "import-xlsx", path)
    assert guessed.code == 1 and "ist in Excel ausgeblendet" in guessed.out
    assert "nichts gespeichert" in guessed.err and "--sheet" in guessed.err and _count(db) == 0
    confirmed = run_zv("--db", db, "import-xlsx", path, "--sheet", "Versteckt")
    assert confirmed.code == 0 and "Eingelesen: 6 neu" in confirmed.out and _count(db) == 6
