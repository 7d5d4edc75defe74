"""The KPI grid of an agreement round-trips through Excel: export, edit in Excel, import → exactly the edits change."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.exchange.xlsx_export import export_agreement_grid, export_values
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store

HEADER_ROW = 4


def _values(store: Store) -> dict[tuple[str, str, int, int, str], Decimal]:
    return {
        (v.measure_id, v.area_id, v.year, v.period_no, v.value_kind.value): v.value
        for v in store.find(model.KpiValue)
        if v.period_type is model.PeriodType.MONTH
    }


def _edit(path: Path, edits: dict[tuple[str, str], object]) -> dict[tuple[str, str], object]:
    """Change cells (Kennzahl code, month header) of the exported grid as a user would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    done: dict[tuple[str, str], object] = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        key_code = row[0].value
        for (code, month), value in edits.items():
            if key_code == code and (code, month) not in done and row[2].value == "Kreis Mettmann":
                row[header.index(month)].value = value
                done[(code, month)] = value
    book.save(path)
    return done


def test_export_edit_import_changes_exactly_the_edited_values(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "kennzahlen-2014.xlsx"
    export_agreement_grid(demo, path, agreement_id(AGREEMENT_METTMANN_2014))
    before = _values(demo)
    unchanged = preview_import(demo, path)
    assert (unchanged.new, unchanged.changed) == (0, 0) and unchanged.unchanged > 0, unchanged.problems
    assert unchanged.problems == []

    done = _edit(path, {("K2", "03/2014"): 22.4, ("LZB", "05/2014"): "17.999"})  # a number, and German text
    assert len(done) == 2
    preview = preview_import(demo, path)
    assert (preview.new, preview.changed) == (0, 2), preview.problems
    assert {(c.period, c.new) for c in preview.changes} == {("03/2014", Decimal("22.4")), ("05/2014", Decimal("17999"))}
    result = run_import(demo, preview)
    assert (result.new, result.changed) == (0, 2)

    after = _values(demo)
    differing = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert len(differing) == 2
    assert sorted(after[key] for key in differing) == [Decimal("22.4"), Decimal("17999")]
    again = preview_import(demo, path)  # importing the same file twice changes nothing more
    assert (again.new, again.changed) == (0, 0)


def test_values_export_reimports_unchanged(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "werte-2014.xlsx"
    written = export_values(demo, path, year=2014)
    preview = preview_import(demo, path)
    assert preview.layout == "Vorlage" and preview.problems == []
    assert (preview.new, preview.changed, preview.unchanged) == (0, 0, written)
