"""Excel import: large workbooks open without being parsed ahead, and a huge table of texts is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, make_areas, patch_xml, snapshot, write_book
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import file_check, preview_import
from zv_desktop.core.exchange.xlsx_import.workbook import open_workbook, row_estimate, sheet_names, worksheet
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store import Store


def _without_dimension(path: Path, rows: int) -> Path:
    """A template sheet as write-only openpyxl (and many other programs) writes it: no <dimension> element."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Daten")
    ws.append(TEMPLATE_HEADER)
    for number in range(rows):
        ws.append(["K2", "Kreis Testland", 2014, number % 12 + 1, "Ist", 20.5, None, None])
    workbook.save(path)
    return path


def test_a_sheet_without_dimension_is_not_parsed_while_the_file_opens(tmp_path: Path) -> None:
    path = _without_dimension(tmp_path / "ohne-dimension.xlsx", 50)
    # broken cell data at the end: openpyxl alone would parse (and fail on) it while opening the file
    patch_xml(path, {b"</sheetData>": b"<row><c>"})
    with open_workbook(path) as workbook:
        assert sheet_names(workbook) == ["Daten"]
        assert row_estimate(worksheet(workbook, "Daten")) == 0  # unknown, not guessed


def test_a_stored_dimension_still_gives_the_row_estimate(tmp_path: Path) -> None:
    path = write_book(tmp_path / "mit-dimension.xlsx", {"Daten": [TEMPLATE_HEADER] + [["K2"]] * 30})
    with open_workbook(path) as workbook:
        assert row_estimate(worksheet(workbook, "Daten")) == 31


def test_reading_a_large_sheet_without_dimension_can_be_cancelled(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = _without_dimension(tmp_path / "gross.xlsx", 20_000)
    reports: list[str] = []

    def report(done: int, total: int, text: str) -> None:
        reports.append(text)
        if "gelesen" in text and "Zeile" in text:  # the first report from inside the rows
            raise Cancelled

    before = snapshot(store)
    with pytest.raises(Cancelled):
        preview_import(store, path, progress=Progress(report))
    assert reports[-1].startswith("Zeile 2.000 ")  # stopped at the first report, not after the whole sheet
    assert snapshot(store) == before


def _with_shared_strings(path: Path, texts: list[str], part: str = "sharedStrings.xml") -> Path:
    """Move the sheet's texts into xl/sharedStrings.xml, as Excel writes them (openpyxl writes them inline)."""
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    table = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        f'main" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'
    )
    replacements = {
        b"</Types>": f'<Override PartName="/xl/{part}" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'.encode(),
        b"</Relationships>": b'<Relationship Id="rIdTexte" Type="http://schemas.openxmlformats.org/officeDocument/'
        + f'2006/relationships/sharedStrings" Target="{part}"/></Relationships>'.encode(),
    }
    for number, text in enumerate(texts):
        replacements[f'"inlineStr"><is><t>{text}</t></is>'.encode()] = f'"s"><v>{number}</v>'.encode()
    patch_xml(path, replacements)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(f"xl/{part}", table)
    return path


@pytest.mark.parametrize("part", ["sharedStrings.xml", "texte/tabelle.xml"])
def test_a_huge_table_of_texts_is_refused_before_opening(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    make_areas(store)
    texts = [f"Kreis Testland {number}" for number in range(1_000)]
    rows = [TEMPLATE_HEADER] + [["K2", text, 2014, 1, "Ist", 20.5] for text in texts]
    path = _with_shared_strings(write_book(tmp_path / "viel-text.xlsx", {"Daten": rows}), texts, part)
    with open_workbook(path) as workbook:  # a readable workbook whose texts come from the table (wherever it is)
        assert next(worksheet(workbook, "Daten").iter_rows(min_row=2, values_only=True))[1] == "Kreis Testland 0"
    before = snapshot(store)
    preview_import(store, path)  # below the limit: read
    monkeypatch.setattr(file_check, "MAX_WHOLE_PART", 20_000)  # above the theme (10 kB), below the texts
    with pytest.raises(ZvError) as caught:
        preview_import(store, path)
    assert "„viel-text.xlsx“ enthält 0,0 MB Text (höchstens 0 MB)" in str(caught.value)
    assert "neue Arbeitsmappe" in str(caught.value)
    assert snapshot(store) == before


def test_a_huge_styles_part_is_refused_too(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_book(tmp_path / "stile.xlsx", {"Daten": [TEMPLATE_HEADER]})
    patch_xml(path, {b"</styleSheet>": b"<!--" + b"x" * 30_000 + b"--></styleSheet>"})
    monkeypatch.setattr(file_check, "MAX_WHOLE_PART", 20_000)
    with pytest.raises(ZvError, match="Daten im Teil „xl/styles.xml“"):
        preview_import(store, path)
