"""Excel import: files that cannot be used get a clear German message and leave the data file unchanged."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.unit.test_xlsx_import_support import make_areas, patch_xml, snapshot, template_rows, write_book
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import file_check, preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.workbook import MAX_ROWS
from zv_desktop.core.store import Store

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refused(store: Store, path: Path, *words: str, sheet: str | None = None) -> str:
    before = snapshot(store)
    with pytest.raises(ZvError) as caught:
        preview_import(store, path, sheet=sheet)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert snapshot(store) == before
    assert "Traceback" not in message and "openpyxl" not in message
    return message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n", ("PDF-Datei",)),
        (b"Kennzahl;Gebiet;Jahr;Monat;Wert\nK2;Kreis Testland;2014;1;20,6\n", ("Textdatei (CSV?)", ".xlsx")),
        ("Kennzahl;Wert\nK2;20,6\n".encode("cp1252") + "Größe;1\n".encode("cp1252"), ("Textdatei",)),
        (OLE + b"\x00" * 504 + "Workbook".encode("utf-16-le"), ("alten Format (.xls", "speichern")),
        (OLE + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"), ("Kennwort",)),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", ("Webseite (HTML)",)),
        (b"\x00\x01\x02\x03binary", ("keine Excel-Arbeitsmappe",)),
        (b"", ("leer",)),
    ],
    ids=["pdf", "csv", "csv-cp1252", "xls", "encrypted", "html", "binary", "empty"],
)
def test_files_that_are_no_xlsx_are_refused(store: Store, tmp_path: Path, content: bytes, words: tuple[str]) -> None:
    path = tmp_path / "kennzahlen.xlsx"  # the name says xlsx; the content decides
    path.write_bytes(content)
    message = _refused(store, path, *words)
    assert "„kennzahlen.xlsx“" in message


def test_missing_file_and_folder(store: Store, tmp_path: Path) -> None:
    _refused(store, tmp_path / "fehlt.xlsx", "gibt es nicht")
    _refused(store, tmp_path, "Ordner")


def test_corrupt_zip_and_other_office_files(store: Store, tmp_path: Path) -> None:
    good = write_book(tmp_path / "gut.xlsx", {"Daten": template_rows()})
    cut = tmp_path / "abgeschnitten.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(store, cut, "beschädigt")
    word = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(store, word, "Word-Dokument")
    ods = tmp_path / "calc.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    _refused(store, ods, "OpenDocument")


def test_broken_sheet_xml_is_reported_not_raised(store: Store, tmp_path: Path) -> None:
    good = write_book(tmp_path / "gut.xlsx", {"Daten": template_rows()})
    broken = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data[: len(data) // 2] + b"<<<kaputt"
            target.writestr(item, data)
    _refused(store, broken, "kann nicht als Excel-Arbeitsmappe gelesen werden")


def test_zip_bombs_are_refused_before_reading(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_book(tmp_path / "gross.xlsx", {"Daten": template_rows()})
    monkeypatch.setattr(file_check, "MAX_UNPACKED_TOTAL", 2_000)
    _refused(store, path, "Sicherheitsgründen")


def test_empty_sheets_and_sheets_without_header(store: Store, tmp_path: Path) -> None:
    empty = write_book(tmp_path / "leer.xlsx", {"Tabelle1": [], "Tabelle2": []})
    _refused(store, empty, "keine Werte", "alle Blätter sind leer")
    prose = write_book(tmp_path / "text.xlsx", {"Notizen": [["Liebe Kolleginnen,"], ["anbei die Zahlen."]]})
    _refused(store, prose, "Kopfzeile", "Vorlage", "Monatstabelle")
    mixed = write_book(tmp_path / "zwei.xlsx", {"Leer": [], "Daten": template_rows()})
    _refused(store, mixed, "„Leer“", "ist leer", sheet="Leer")
    _refused(store, mixed, "gibt es in", "Leer, Daten", sheet="Fehlt")


def test_a_sheet_with_a_million_rows_is_refused_quickly(store: Store, tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    for row in template_rows():
        ws.append(row)
    ws["A1000000"] = "K2"  # one cell far down: the sheet claims a million rows
    path = tmp_path / "riesig.xlsx"
    workbook.save(path)
    make_areas(store)
    started = time.perf_counter()
    message = _refused(store, path, "mehr als 200.000 Zeilen", "1.000.000")
    assert time.perf_counter() - started < 10
    assert MAX_ROWS == 200_000 and "verteilen" in message


def test_a_cell_of_ten_megabytes_is_a_problem_of_that_cell(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    rows = template_rows()
    rows[1][7] = "LANGE-BEMERKUNG"  # the Bemerkung of the first K2 row
    rows[2][0] = "LANGE-KENNZAHL"  # the Kennzahl of the first K3 row
    path = write_book(tmp_path / "zelle.xlsx", {"Daten": rows})
    # openpyxl cuts texts to Excel's 32,767 characters when writing; other programs do not
    patch_xml(path, {b"LANGE-BEMERKUNG": b"x" * 10_000_000, b"LANGE-KENNZAHL": b"K" * 10_000_000})
    preview = preview_import(store, path)
    cells = {p.cell: p.message for p in preview.problems}
    assert "H2" in cells and "32.767" in cells["H2"] and "10.000.000" in cells["H2"]
    assert "A3" in cells
    assert preview.new == 4  # the two rows with the long cells are left out
    run_import(store, preview)
    assert store.conn.execute("SELECT max(length(comment)) FROM kpi_values").fetchone()[0] < 100
    assert areas


def test_a_renamed_workbook_is_read_by_its_content(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "daten.xlsx", {"Daten": template_rows()})
    renamed = path.rename(tmp_path / "Kennzahlen März.XLSM.bak")
    preview = preview_import(store, renamed)
    assert preview.new == 6 and not preview.problems


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',  # billion laughs
        b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # an external entity
    ],
)
def test_xml_entities_are_refused_in_german(store: Store, tmp_path: Path, doctype: bytes) -> None:
    path = write_book(tmp_path / "entitaeten.xlsx", {"Daten": template_rows()})
    patch_xml(path, {b"<worksheet ": doctype + b"<worksheet "})
    message = _refused(store, path, "XML-Entitäten", "Sicherheitsgründen")
    assert "forbidden" not in message.lower()
