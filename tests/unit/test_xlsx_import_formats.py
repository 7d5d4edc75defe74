"""The Excel import reads .xls and .ods as it reads .xlsx (issue 17): the template and the monthly table, merged
Kennzahl cells, percentages as shown, hidden sheets, signs; and the size and safety checks hold for every format."""

from __future__ import annotations

import shutil
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from tests.unit.test_xlsx_import_support import make_areas, patch_xml, snapshot, stored, template_rows, write_book
from tests.unit.xlsb_writer import write_xlsb
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import file_check, preview_import, run_import, workbook
from zv_desktop.core.store import Store

FIXTURE = Path(__file__).parents[1] / "fixtures" / "workbooks" / "kennzahlen-2014.xls"


def _cell(value: Any, percent: bool = False, rows: int = 1) -> TableCell:
    """An ODS cell: a number (float), a percentage (shown ×100) or a text; ``rows`` > 1 merges it downwards."""
    extra: dict[str, Any] = {"numberrowsspanned": rows} if rows > 1 else {}
    if value is None:
        return TableCell(**extra)
    if isinstance(value, (int, float)):
        kind = "percentage" if percent else "float"
        cell = TableCell(valuetype=kind, value=value, **extra)
        cell.addElement(P(text=f"{value * 100:g}%" if percent else f"{value:g}"))
        return cell
    cell = TableCell(valuetype="string", **extra)
    cell.addElement(P(text=str(value)))
    return cell


def write_ods(path: Path, sheets: dict[str, list[list[Any]]], **options: Any) -> Path:
    """A real .ods written with odfpy. ``percent``: {(sheet, row, column)} cells stored as percentages (1-based);
    ``merged``: {(sheet, row, column): rows} cells merged downwards."""
    percent, merged = options.get("percent", set()), options.get("merged", {})
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(rows, start=1):
            line = TableRow()
            for c, value in enumerate(row, start=1):
                if (r, c) in covered:
                    line.addElement(CoveredTableCell())
                    continue
                span = merged.get((name, r, c), 1)
                covered |= {(r + k, c) for k in range(1, span)}
                line.addElement(_cell(value, (name, r, c) in percent, span))
            table.addElement(line)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _monthly() -> list[list[Any]]:
    return [
        ["Kennzahl", "Gebiet", *(f"{m:02d}/2014" for m in range(1, 4))],
        ["K2", "Kreis Testland", 0.206, 0.208, 0.21],
        [None, "Musterstadt", 0.181, 0.183, "."],
    ]


def test_an_xls_of_excel_97_is_read_like_an_xlsx(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    path = shutil.copy(FIXTURE, tmp_path / "kennzahlen-2014.xls")
    template = preview_import(store, Path(path))
    assert (template.sheet, template.sheet_names, template.problems) == ("Vorlage", ["Vorlage", "Monate", "Quoten"], [])
    assert template.new == 6
    run_import(store, template)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 3) == Decimal("21")
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 1) == Decimal("17283")
    monthly = preview_import(store, Path(path), sheet="Monate")
    assert monthly.problems == [] and (monthly.new, monthly.unchanged) == (8, 3)  # K2 carried down to Musterstadt
    run_import(store, monthly)
    assert stored(store, "K2", areas["Musterstadt"], 2014, 5) == Decimal("18.4")
    assert stored(store, "K2", areas["Musterstadt"], 2014, 6) is None  # „.“: no figure, kept as a mark
    marks = store.conn.execute("SELECT mark FROM kpi_values WHERE value IS NULL").fetchall()
    assert marks == [(".",)]
    quotas = preview_import(store, Path(path), sheet="Quoten")  # 0,211 formatted as percent: shown as 21,1 %
    assert quotas.problems == [] and quotas.new == 3
    run_import(store, quotas)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 8) == Decimal("21.3")


def test_an_ods_is_read_with_percentages_as_shown_and_merged_cells(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    percent = {("Daten", r, c) for r in (2, 3) for c in (3, 4, 5)}
    path = write_ods(tmp_path / "calc.ods", {"Daten": _monthly()}, percent=percent, merged={("Daten", 2, 1): 2})
    preview = preview_import(store, path)
    assert preview.problems == [] and preview.new == 5
    run_import(store, preview)
    assert stored(store, "K2", areas["Kreis Testland"], 2014, 2) == Decimal("20.8")  # 0,208 shown as 20,8 %
    assert stored(store, "K2", areas["Musterstadt"], 2014, 1) == Decimal("18.1")


def test_an_ods_template_and_its_sheet_choice(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_ods(tmp_path / "vorlage.ods", {"Leer": [], "Daten": template_rows()})
    preview = preview_import(store, path)
    assert (preview.sheet, preview.new, preview.problems) == ("Daten", 6, [])


def test_a_document_type_in_an_ods_is_refused(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    good = write_ods(tmp_path / "gut.ods", {"Daten": template_rows()})
    bad = tmp_path / "entitaeten.ods"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "content.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>', 1)
            target.writestr(item, data)
    before = snapshot(store)
    with pytest.raises(ZvError, match="XML-Entitäten"):
        preview_import(store, bad)
    assert snapshot(store) == before


def test_size_caps_hold_for_ods_and_xls(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_areas(store)
    ods = write_ods(tmp_path / "gross.ods", {"Daten": template_rows()})
    xls = Path(shutil.copy(FIXTURE, tmp_path / "gross.xls"))
    monkeypatch.setattr(file_check, "MAX_ODS_CONTENT", 1_000)
    with pytest.raises(ZvError, match="Daten im Teil „content.xml“"):
        preview_import(store, ods)
    monkeypatch.setattr(file_check, "MAX_XLS_BYTES", 1_000)
    with pytest.raises(ZvError, match="höchstens 0 MB für eine .xls-Datei"):
        preview_import(store, xls)
    monkeypatch.setattr(file_check, "MAX_ODS_CONTENT", 250_000_000)
    monkeypatch.setattr(workbook, "MAX_ROWS", 4)  # the row cap, known before any row is used
    with pytest.raises(ZvError, match="mehr als 4 Zeilen"):
        preview_import(store, ods)


def test_a_damaged_xls_and_an_empty_ods_say_what_they_are(store: Store, tmp_path: Path) -> None:
    cut = tmp_path / "kaputt.xls"
    cut.write_bytes(FIXTURE.read_bytes()[:3000])
    with pytest.raises(ZvError, match=r"alten Format \(.xls"):
        preview_import(store, cut)
    empty = write_ods(tmp_path / "leer.ods", {"Daten": [[None]]})
    with pytest.raises(ZvError, match="leer"):
        preview_import(store, empty)


def test_a_cell_far_out_is_refused_before_the_sheet_is_read(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine holds a sheet as a dense block: one cell at XFD1048576 would ask for terabytes and end the program.
    The extent is measured first, in every format, and the sheet refused in German."""
    make_areas(store)
    far = write_book(tmp_path / "weit.xlsx", {"Daten": template_rows()})
    patch_xml(far, {b"</sheetData>": b'<row r="9000"><c r="XFD9000"><v>1</v></c></row></sheetData>'})
    with pytest.raises(ZvError, match=r"reicht bis Zeile 9\.000 und Spalte 16\.384"):
        preview_import(store, far)
    refless = write_book(tmp_path / "ohne-bezug.xlsx", {"Daten": template_rows()})  # cells without r="…"
    patch_xml(refless, {b"</sheetData>": b"<row>" + b"<c><v>1</v></c>" * 2_000 + b"</row></sheetData>"})
    monkeypatch.setattr(workbook, "MAX_CELLS", 10_000)
    with pytest.raises(ZvError, match=r"Zeile 8 und Spalte 2\.000"):
        preview_import(store, refless)
    ods = write_ods(tmp_path / "weit.ods", {"Daten": template_rows()})
    _repeat_last_cell(ods, 5_000)  # 17.200 in column F of row 7, repeated: up to column 5 + 5.000
    with pytest.raises(ZvError, match=r"reicht bis Zeile 7 und Spalte 5\.005"):
        preview_import(store, ods)
    monkeypatch.setattr(workbook, "MAX_CELLS", 50)  # the .xls fixture's first sheet spans 7 rows × 8 columns
    with pytest.raises(ZvError, match="„Vorlage“ in „kennzahlen-2014.xls“ reicht bis Zeile 7 und Spalte 8"):
        preview_import(store, Path(shutil.copy(FIXTURE, tmp_path / "kennzahlen-2014.xls")))


def _repeat_last_cell(path: Path, times: int) -> None:
    """Let the last value cell of the .ods repeat ``times`` columns to the right (as a hostile file could)."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for item, data in parts:
            if item.filename == "content.xml":
                cut = data.rfind(b"<table:table-cell ")
                data = (
                    data[:cut]
                    + f'<table:table-cell table:number-columns-repeated="{times}" '.encode()
                    + data[cut + len(b"<table:table-cell ") :]
                )
            target.writestr(item, data)


def test_an_xlsb_is_read_and_a_cell_far_out_refused(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    path = write_xlsb(tmp_path / "binaer.xlsb", template_rows())
    preview = preview_import(store, path)
    assert (preview.sheet, preview.new, preview.problems) == ("Daten", 6, [])
    run_import(store, preview)
    assert stored(store, "K3", areas["Kreis Testland"], 2014, 2) == Decimal("17250")
    far = write_xlsb(tmp_path / "weit.xlsb", template_rows(), far=(9_000, 16_384))
    with pytest.raises(ZvError, match=r"reicht bis Zeile 9\.000 und Spalte 16\.384"):
        preview_import(store, far)


def test_without_the_reader_the_import_says_why_in_german(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine's compiled part needs Windows 10 or later: where it cannot load, a message, not a crash."""
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # what Python does for a module that cannot load
    before = snapshot(store)
    with pytest.raises(ZvError, match="Windows 10 oder neuer"):
        preview_import(store, path)
    assert snapshot(store) == before
