"""`zv export-xlsx …` end to end: each table as an .xlsx file, and refused outputs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.unit.test_xlsx_export import _data
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    agreement_id,
)
from zv_desktop.core.exchange.xlsx_export import TEMPLATE_HEADERS


def _rows(path: Path, sheet: int = 0) -> list[tuple[object, ...]]:
    return _data(load_workbook(path).worksheets[sheet])


def test_values_of_one_year_and_area(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "werte.xlsx"
    result = run_zv(
        "--db", demo_file, "export-xlsx", "values", "--year", "2014", "--area", "kreis mettmann", "-o", target
    )
    assert result.code == 0, result.err
    rows = _rows(target)
    assert result.out.strip() == f"{target}: {len(rows)} Zeilen geschrieben."
    assert rows[0][:6] == ("K2", "Kreis Mettmann", 2014, 1, "Ist", 20.5)
    assert {r[1] for r in rows} == {"Kreis Mettmann"} and {r[2] for r in rows} == {2014}


def test_agreement_grid_by_short_id(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "kennzahlen.xlsx"
    short = agreement_id(AGREEMENT_METTMANN_2014)[:8]
    result = run_zv("--db", demo_file, "export-xlsx", "agreement", short, "-o", target)
    assert result.code == 0, result.err
    assert result.out.strip() == f"{target}: 8 Zeilen geschrieben."
    ws = load_workbook(target).active
    assert [c.value for c in ws[4]][:4] == ["Kennzahl", "Bezeichnung", "Gebiet", "01/2014"]
    assert ws["D5"].value == 20.5 and ws["D5"].number_format == '#,##0.0" %"'


def test_status_of_a_reporting_month(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "status.xlsx"
    result = run_zv(
        "--db", demo_file, "export-xlsx", "status", "--year", "2014", "--month", "9", "--rolling", "-o", target
    )
    assert result.code == 0, result.err
    ws = load_workbook(target).active
    assert ws["A1"].value == "Zielerreichung 2014 – Berichtsmonat September 2014"
    assert "gleitend über 12 Monate" in ws["A2"].value
    assert result.out.strip() == f"{target}: {len(_rows(target))} Zeilen geschrieben."


def test_comparison_and_its_checks(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "vergleich.xlsx"
    ids = [agreement_id(AGREEMENT_KAMEN_2002)[:8], agreement_id(AGREEMENT_KAMEN_2001)[:8]]
    result = run_zv("--db", demo_file, "export-xlsx", "comparison", *ids, "-o", target)
    assert result.code == 0, result.err
    assert load_workbook(target).sheetnames == ["Ziele im Vergleich", "Änderungen"]
    premium = next(r for r in _rows(target) if r[2] == "Prämie")
    assert premium[4:7] == (211000, 107882.59, 50000)
    result = run_zv("--db", demo_file, "export-xlsx", "comparison", ids[0], ids[0], "-o", tmp_path / "v2.xlsx")
    assert result.code == 2 and "mindestens zwei" in result.err
    assert not (tmp_path / "v2.xlsx").exists()


def test_template(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "vorlage.xlsx"
    result = run_zv("--db", demo_file, "export-xlsx", "template", "-o", target)
    assert result.code == 0, result.err
    assert result.out.strip() == f"{target}: Vorlage geschrieben."
    book = load_workbook(target)
    assert tuple(c.value for c in book.worksheets[0][4]) == TEMPLATE_HEADERS
    assert book.sheetnames == ["Kennzahlwerte", "Hilfe", "Kennzahlen"]
    without_file = tmp_path / "ohne.xlsx"
    result = run_zv("--db", tmp_path / "gibt-es-nicht.sqlite", "export-xlsx", "template", "-o", without_file)
    assert result.code == 0, result.err
    assert load_workbook(without_file).sheetnames == ["Kennzahlwerte", "Hilfe"]
    assert not (tmp_path / "gibt-es-nicht.sqlite").exists()


def test_refused_outputs_write_nothing(run_zv, demo_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "aus"
    out.mkdir()
    result = run_zv("--db", demo_file, "export-xlsx", "values", "-o", out / "werte.csv")
    assert result.code == 2 and "muss auf .xlsx enden" in result.err
    result = run_zv("--db", demo_file, "export-xlsx", "values", "-o", out / "fehlt" / "werte.xlsx")
    assert result.code == 2 and "gibt es nicht" in result.err and "Excel-Datei" in result.err
    result = run_zv("--db", demo_file, "export-xlsx", "values", "-o", " ")
    assert result.code == 2 and "Ausgabedatei" in result.err
    result = run_zv("--db", demo_file, "export-xlsx", "values", "--area", "Nirgendwo", "-o", out / "w.xlsx")
    assert result.code == 2 and "Nirgendwo" in result.err
    result = run_zv("--db", demo_file, "export-xlsx", "agreement", "ffffffff", "-o", out / "a.xlsx")
    assert result.code == 2
    result = run_zv("--db", demo_file, "export-xlsx", "status", "--year", "2014", "--month", "13", "-o", out / "s.xlsx")
    assert result.code == 2
    assert list(out.iterdir()) == []
