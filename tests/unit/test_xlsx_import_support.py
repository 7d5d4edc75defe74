"""Helpers for the Excel import tests: real workbooks written with openpyxl, areas, stored values, counts."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from zv_desktop.core import model
from zv_desktop.core.services import catalogue, values
from zv_desktop.core.store import Store

TEMPLATE_HEADER = ["Kennzahl", "Gebiet", "Jahr", "Monat", "Art", "Wert", "Quelle", "Bemerkung"]
MONTHS_2014 = [f"{m:02d}/2014" for m in range(1, 13)]


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], merged: Sequence[str] = ()) -> Path:
    """A real .xlsx with the given sheets (rows of cell values); ``merged`` ranges apply to the first sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (name, rows) in enumerate(sheets.items()):
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if index == 0:
            for cells in merged:
                ws.merge_cells(cells)
    workbook.save(path)
    return path


def patch_xml(path: Path, replacements: dict[bytes, bytes]) -> Path:
    """Rewrite the XML parts of a workbook, replacing byte strings (for what openpyxl will not write itself)."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            for old, new in replacements.items():
                data = data.replace(old, new)
            target.writestr(item, data)
    return path


def make_areas(store: Store) -> dict[str, str]:
    """The office's Kreis and two of its cities; name → id."""
    kreis = catalogue.save_area(store, model.Area("Kreis Testland", model.AreaKind.KREIS))
    ids = {kreis.name: kreis.id}
    for name in ("Musterstadt", "Langenfeld (Rhld.)"):
        ids[name] = catalogue.save_area(store, model.Area(name, model.AreaKind.STADT, parent_id=kreis.id)).id
    return ids


def measure_id(store: Store, code: str) -> str:
    """The id of the catalogue measure with this code."""
    return catalogue.measure_by_code(store, code).id


def stored(store: Store, code: str, area_id: str, year: int, month: int, kind: str = "ist") -> Decimal | None:
    """The live stored figure of one key, or None."""
    row = store.conn.execute(
        "SELECT value FROM kpi_values WHERE deleted = 0 AND measure_id = ? AND area_id = ? AND year = ? "
        "AND period_type = 'M' AND period_no = ? AND value_kind = ?",
        (measure_id(store, code), area_id, year, month, kind),
    ).fetchone()
    return None if row is None or row[0] is None else Decimal(row[0])  # None: nothing, or a mark („.“ …)


def save_value(store: Store, code: str, area_id: str, year: int, month: int, value: str) -> None:
    """Store one monthly Ist value the ordinary way."""
    values.save_values(store, [model.KpiValue(measure_id(store, code), area_id, year, Decimal(value), period_no=month)])


def snapshot(store: Store) -> tuple[int, int, list[tuple[Any, ...]]]:
    """Counts of values and audit rows and every live value: equal snapshots mean an unchanged file."""
    count = store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
    audit = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    rows = store.conn.execute(
        "SELECT id, measure_id, area_id, year, period_no, value_kind, value, row_version FROM kpi_values ORDER BY id"
    ).fetchall()
    return count, audit, rows


def template_rows(area: str = "Kreis Testland", year: int = 2014) -> list[list[Any]]:
    """A template sheet: header in row 1, K2 and K3 for three months."""
    rows: list[list[Any]] = [TEMPLATE_HEADER]
    for month, k2, k3 in ((1, 20.6, 17283), (2, 20.8, 17250), (3, 21.0, 17200)):
        rows.append(["K2", area, year, month, "Ist", k2, "BA-Statistik", ""])
        rows.append(["K3", area, year, month, "Ist", k3, None, None])
    return rows
