"""Excel export: sheet layout, numbers as numbers with German-looking formats, dates as dates, refused outputs."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    KREIS_METTMANN,
    agreement_id,
    area_id,
)
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange import xlsx_export
from zv_desktop.core.exchange.xlsx_sheet import as_number, number_format, sheet_name
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services import catalogue, values
from zv_desktop.core.services.agreements import list_agreements
from zv_desktop.core.services.kpi_grid import build_grid
from zv_desktop.core.services.status import year_status
from zv_desktop.core.services.time_series import build_series
from zv_desktop.core.store import Store

PERCENT = '#,##0.0" %"'


def _sheet(path: Path, name: str | None = None) -> Worksheet:
    book = load_workbook(path)
    return book[name] if name else book.worksheets[0]


def _data(ws: Worksheet) -> list[tuple[Any, ...]]:
    """The data rows: from row 5 down to the first empty row."""
    rows = []
    for row in ws.iter_rows(min_row=5, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(row)
    return rows


def _header(ws: Worksheet) -> list[Any]:
    return [c.value for c in ws[4] if c.value is not None]


def _check_layout(ws: Worksheet, title: str, office: str = "Kreis Testland") -> None:
    """Title, info line, empty row 3, bold filled header, frozen, filtered, widths set, sheet name valid."""
    assert ws["A1"].value.startswith(title) and ws["A1"].font.b
    assert ws["A2"].value.startswith(f"{office} · erstellt am ")
    assert re.search(r"erstellt am \d\d\.\d\d\.\d{4} \d\d:\d\d", ws["A2"].value)
    assert all(c.value is None for c in ws[3])
    header = [c for c in ws[4] if c.value is not None]
    assert header and all(c.font.b and c.fill.fgColor.rgb.endswith("DCE6F1") for c in header)
    assert ws.freeze_panes == "A5"
    last = header[-1].column_letter
    assert ws.auto_filter.ref == f"A4:{last}{4 + len(_data(ws))}"
    widths = [ws.column_dimensions[c.column_letter].width for c in header]
    assert all(8 <= w <= 60 for w in widths)
    assert len(ws.title) <= 31 and not re.search(r"[\[\]:*?/\\]", ws.title)


def test_agreement_grid_has_the_monthly_values_as_numbers(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "kennzahlen.xlsx"
    agreement = agreement_id(AGREEMENT_METTMANN_2014)
    grid = build_grid(demo, agreement)
    assert xlsx_export.export_agreement_grid(demo, target, agreement) == len(grid.columns) == 8
    ws = _sheet(target)
    assert ws.title == "Kennzahlen 2014"
    _check_layout(ws, "Kennzahlen 2014 – Zielvereinbarung 2014")
    assert _header(ws) == ["Kennzahl", "Bezeichnung", "Gebiet", *(f"{m:02d}/2014" for m in range(1, 13))]
    rows = _data(ws)
    assert rows[0][:4] == ("K2", "Integrationsquote", KREIS_METTMANN, 20.5)
    assert ws["D5"].number_format == PERCENT and ws["D5"].data_type == "n"
    assert ws["L5"].value == 21 and ws["L5"].number_format == PERCENT  # 21,0 %
    for index, column in enumerate(grid.columns):
        assert rows[index][2] == column.area
        expected = [grid.value(month, index) for month in range(12)]
        assert list(rows[index][3:]) == [None if v is None else float(v) for v in expected]
    lzb = next(r for r in range(5, 13) if ws.cell(r, 1).value == "LZB")
    assert ws.cell(lzb, 4).value == 17605 and ws.cell(lzb, 4).number_format == "#,##0"
    vza = next(r for r in range(5, 13) if ws.cell(r, 1).value == "VZA")
    assert ws.cell(vza, 4).number_format == "#,##0.00"  # 398,50 next to 400,25
    llu = next(r for r in range(5, 13) if ws.cell(r, 1).value == "LLU")
    assert ws.cell(llu, 4).number_format == '#,##0" €"'
    assert ws.cell(14, 1).value.startswith("Quelle: ZV Desktop")  # a note after one empty row
    book = load_workbook(target)
    assert book.properties.creator == "ZV Desktop" and book.properties.title.startswith("Kennzahlen 2014")


def test_values_are_written_in_the_template_layout(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "werte.xlsx"
    kreis = area_id(KREIS_METTMANN)
    stored = values.list_values(demo, kreis, 2014)
    assert xlsx_export.export_values(demo, target, 2014, kreis) == len(stored) > 0
    ws = _sheet(target, "Kennzahlwerte")
    _check_layout(ws, f"Kennzahlwerte 2014 – {KREIS_METTMANN}")
    assert tuple(_header(ws)) == xlsx_export.TEMPLATE_HEADERS
    rows = _data(ws)
    assert len(rows) == len(stored)
    first = rows[0]
    assert first[:5] == ("K2", KREIS_METTMANN, 2014, 1, "Ist") and first[5] == 20.5 and first[6] == "Demo"
    assert ws["F5"].number_format == PERCENT
    assert all(isinstance(r[5], int | float) and isinstance(r[2], int) and 1 <= r[3] <= 12 for r in rows)
    written = {(r[0], r[3], Decimal(repr(r[5]))) for r in rows}
    codes = {m.id: m.code for m in demo.find(model.Measure)}
    assert written == {(codes[v.measure_id], v.period_no, v.value) for v in stored}
    assert load_workbook(target).sheetnames == ["Kennzahlwerte", "Kennzahlen"]


def test_quarters_and_years_go_to_their_own_sheet_and_texts_stay_texts(store: Store, tmp_path: Path) -> None:
    area = catalogue.save_area(store, model.Area("Kreis Testland", model.AreaKind.KREIS))
    k2 = store.find(model.Measure, "code = ?", ("K2",))[0]
    values.save_values(
        store,
        [
            model.KpiValue(k2.id, area.id, 2020, Decimal("20.60"), source="=SUMME(A1:A9)", comment="a\x07b"),
            model.KpiValue(k2.id, area.id, 2020, Decimal("21"), model.PeriodType.QUARTER, 2),
            model.KpiValue(k2.id, area.id, 2020, Decimal("21.5"), model.PeriodType.YEAR, 0, model.ValueKind.PLAN),
        ],
    )
    target = tmp_path / "werte.xlsx"
    assert xlsx_export.export_values(store, target) == 3
    ws = _sheet(target, "Kennzahlwerte")
    assert _data(ws) == [("K2", "Kreis Testland", 2020, 1, "Ist", 20.6, "=SUMME(A1:A9)", "a b")]
    assert ws["G5"].data_type == "s"  # a text that looks like a formula is never run as one
    assert ws["F5"].number_format == '#,##0.00" %"'
    other = _sheet(target, "Quartals- und Jahreswerte")
    assert _header(other)[3] == "Zeitraum"
    assert [r[:6] for r in _data(other)] == [
        ("K2", "Kreis Testland", 2020, "Q2", "Ist", 21),
        ("K2", "Kreis Testland", 2020, "Jahr", "Plan", 21.5),
    ]


def test_status_rows_carry_the_dashboard_figures(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "zielerreichung.xlsx"
    status = year_status(demo, 2014, 9, method=Method.ROLLING_12)
    count = xlsx_export.export_status(demo, target, 2014, 9, method=Method.ROLLING_12, selection="Ampel: alle")
    assert count == len(status.rows) > 20
    ws = _sheet(target)
    _check_layout(ws, "Zielerreichung 2014 – Berichtsmonat September 2014")
    assert "gleitend über 12 Monate" in ws["A2"].value and ws["A2"].value.endswith("Ampel: alle")
    header = _header(ws)
    col = {name: header.index(name) for name in ("Ampel", "Ziel", "Ist", "Soll/Ziel", "Zielerreichung", "Frist")}
    rows = _data(ws)
    for row, goal_row in zip(rows, status.rows, strict=True):
        s = goal_row.status
        assert row[col["Ampel"]] == s.light.label and row[col["Ziel"]] == goal_row.goal.title
        assert row[col["Ist"]] == (None if s.actual is None else pytest.approx(float(s.actual)))
        cut = None if s.percent is None else float(s.percent.quantize(Decimal("0.1"), ROUND_FLOOR))
        assert row[col["Zielerreichung"]] == cut
        if s.target is not None:
            assert row[col["Soll/Ziel"]] == pytest.approx(float(s.target))
        deadline = row[col["Frist"]]
        assert (deadline and deadline.date()) == goal_row.goal.deadline
    k2 = next(r for r in range(5, 5 + len(rows)) if ws.cell(r, col["Ist"] + 1).number_format == PERCENT)
    assert ws.cell(k2, col["Ist"] + 1).data_type == "n"  # 21,0 % is the number 21 in a percent format
    lzb = next(i for i, r in enumerate(status.rows) if r.measure and r.measure.code == "LZB")
    assert ws.cell(5 + lzb, col["Soll/Ziel"] + 1).value == 17283
    assert ws.cell(5 + lzb, col["Soll/Ziel"] + 1).number_format == '#,##0" Personen"'
    dated = [r for r in range(5, 5 + len(rows)) if ws.cell(r, col["Frist"] + 1).value is not None]
    assert dated and all(ws.cell(r, col["Frist"] + 1).number_format == "DD.MM.YYYY" for r in dated)


def test_status_of_chosen_goals_in_their_order(demo: Store, tmp_path: Path) -> None:
    status = year_status(demo, 2014, 9)
    chosen = [r.goal.id for r in status.rows[:3]][::-1]
    target = tmp_path / "auswahl.xlsx"
    assert xlsx_export.export_status(demo, target, 2014, 9, goal_ids=chosen) == 3
    titles = [row[4] for row in _data(_sheet(target))]
    assert titles == [next(r.goal.title for r in status.rows if r.goal.id == g) for g in chosen]


def test_comparison_shows_dm_with_its_euro_value_as_numbers(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "vergleich.xlsx"
    ids = [agreement_id(AGREEMENT_KAMEN_2002), agreement_id(AGREEMENT_KAMEN_2001)]
    assert xlsx_export.export_comparison(demo, target, ids) > 0
    assert load_workbook(target).sheetnames == ["Ziele im Vergleich", "Änderungen"]
    ws = _sheet(target, "Ziele im Vergleich")
    _check_layout(ws, "Jahresvergleich 2001 → 2002")
    header = _header(ws)
    assert header[4:7] == ["2001", "2001 in €", "2002"] and header[-1] == "Stand"
    premium = next(r for r in range(5, 5 + len(_data(ws))) if ws.cell(r, 3).value == "Prämie")
    dm, eur, new = (ws.cell(premium, c) for c in (5, 6, 7))
    assert (dm.value, eur.value, new.value) == (211000, 107882.59, 50000)
    assert dm.number_format == '#,##0.00" DM"' and eur.number_format == new.number_format == '#,##0.00" €"'
    assert ws.cell(premium, 8).value == "2002: geändert"
    changes = _sheet(target, "Änderungen")
    _check_layout(changes, "Änderungen gegenüber dem Vorjahr")
    sentences = [row[3] for row in _data(changes)]
    assert any("211.000,00 DM" in s and "50.000,00 €" in s for s in sentences)
    assert all(row[0] == "2002 gegenüber 2001" for row in _data(changes))


def test_time_series_years_and_months(demo: Store, tmp_path: Path) -> None:
    k2 = demo.find(model.Measure, "code = ?", ("K2",))[0]
    kreis = area_id(KREIS_METTMANN)
    series = build_series(demo, k2.id, kreis)
    target = tmp_path / "zeitreihe.xlsx"
    assert xlsx_export.export_time_series(demo, target, k2.id, kreis) == len(series.years) * 13
    ws = _sheet(target, "Zeitreihe")
    _check_layout(ws, f"Zeitreihe K2 Integrationsquote – {KREIS_METTMANN}")
    assert _header(ws)[:2] == ["Jahr", "Zielwert (%)"]
    rows = _data(ws)
    assert [r[0] for r in rows] == [f.year for f in series.years]
    for row, figures in zip(rows, series.years, strict=True):
        assert row[1] == (None if figures.target is None else float(figures.target))
        assert row[-1] == figures.months
    months = _data(_sheet(target, "Monatswerte"))
    assert len(months) == 12 * len(series.years)
    assert months[0] == (series.years[0].year, 1, float(series.value(series.years[0].year, 1) or 0))
    cities = tmp_path / "staedte.xlsx"
    xlsx_export.export_time_series(demo, cities, k2.id, kreis, cities=True)
    assert _header(_sheet(cities))[1] == "Gebiet"
    assert _header(_sheet(cities, "Monatswerte"))[2:4] == [KREIS_METTMANN, "Erkrath"]


def test_lists_of_agreements_and_papers(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "liste.xlsx"
    assert xlsx_export.export_agreements(demo, target) == len(list_agreements(demo))
    ws = _sheet(target)
    _check_layout(ws, "Zielvereinbarungen")
    assert _header(ws) == ["Jahr", "Titel", "Status", "Träger", "Ziele", "Unterzeichnet am", "Ort"]
    first = _data(ws)[0]
    assert first[0] == 2022 and isinstance(first[4], int) and isinstance(first[5], datetime)
    assert ws["F5"].number_format == "DD.MM.YYYY"
    papers = tmp_path / "vorlagen.xlsx"
    assert xlsx_export.export_papers(demo, papers) == 3
    rows = _data(_sheet(papers))
    assert rows[0][:3] == ("50/003/2022", datetime(2022, 1, 13), "Kenntnisnahme")


def test_template_has_exactly_the_headers_and_help(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    xlsx_export.write_template(target)
    book = load_workbook(target)
    assert book.sheetnames == ["Kennzahlwerte", "Hilfe"]
    ws = book["Kennzahlwerte"]
    assert tuple(c.value for c in ws[4]) == xlsx_export.TEMPLATE_HEADERS
    assert _data(ws) == [] and ws.freeze_panes == "A5" and ws.auto_filter.ref == "A4:H4"
    rules = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert rules.keys() == {"E5:E100000", "D5:D100000", "C5:C100000"}
    assert all(v.showErrorMessage and v.errorStyle == "stop" for v in rules.values())  # Excel refuses, not only warns
    assert (rules["C5:C100000"].formula1, rules["C5:C100000"].formula2) == ("1990", "2100")
    assert [row[0] for row in _data(book["Hilfe"])] == list(xlsx_export.TEMPLATE_HEADERS)
    with_measures = tmp_path / "vorlage-mit-kennzahlen.xlsx"
    xlsx_export.write_template(with_measures, store)
    measures = _data(load_workbook(with_measures)["Kennzahlen"])
    assert ("K2", "Integrationsquote", "%") == measures[[m[0] for m in measures].index("K2")][:3]


@pytest.mark.parametrize("name", ["werte.csv", "werte", "fehlt/werte.xlsx", "werte.xlsx/"])
def test_refused_outputs_write_nothing(demo: Store, tmp_path: Path, name: str) -> None:
    target = tmp_path / "aus" / name
    (tmp_path / "aus").mkdir()
    if name.endswith("/"):
        target.mkdir()
    with pytest.raises(ZvError) as caught:
        xlsx_export.export_values(demo, target)
    assert ".xlsx" in str(caught.value) or "Excel-Datei" in str(caught.value)
    assert "PDF" not in str(caught.value)
    assert [p.name for p in (tmp_path / "aus").iterdir()] == (["werte.xlsx"] if name.endswith("/") else [])


def test_formats_and_sheet_names() -> None:
    assert number_format(1, "%") == PERCENT
    assert number_format(0, "Anzahl") == "#,##0"
    assert number_format(2, "EUR") == '#,##0.00" €"'
    assert number_format(0, "%", prefix="≥ ") == '"≥ "#,##0" %"'
    assert number_format(0, "%", signed=True).startswith('"+"#,##0" %";')
    assert as_number(Decimal("20.60")) == 20.6 and isinstance(as_number(Decimal("17283.00")), int)
    assert as_number(Decimal("107882.59")) == 107882.59
    long = "Zielerreichung: 2014/09 [alle] *?\\ " * 3
    name = sheet_name(long)
    assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert sheet_name("Werte", ["werte"]) == "Werte (2)"
    assert sheet_name("'x'") == "x" and sheet_name("") == "Tabelle"


def test_dates_stay_dates(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "vorlagen.xlsx"
    xlsx_export.export_papers(demo, target)
    cell = _sheet(target)["B5"]
    assert cell.is_date and cell.value.date() == date(2022, 1, 13)


def test_an_agreement_without_measures_gives_an_empty_grid_with_a_note(demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "leer.xlsx"
    assert xlsx_export.export_agreement_grid(demo, target, agreement_id(AGREEMENT_KAMEN_2001)) == 0
    ws = _sheet(target)
    assert _data(ws) == [] and ws.auto_filter.ref == "A4:O4"
    assert ws["A6"].value == "Diese Zielvereinbarung hat keine Ziele mit Kennzahl."


def test_values_export_reports_progress_and_can_be_cancelled(demo: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total, _text: seen.append((done, total)))
    count = xlsx_export.export_values(demo, tmp_path / "werte.xlsx", progress=progress)
    assert seen and seen[0] == (2000, count + len(demo.find(model.Measure)))
    stopped = Progress()
    stopped.cancel()
    with pytest.raises(Cancelled):
        xlsx_export.export_values(demo, tmp_path / "abgebrochen.xlsx", progress=stopped)
    assert not (tmp_path / "abgebrochen.xlsx").exists()
