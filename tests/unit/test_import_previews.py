"""Snapshots of the import previews of real-looking sheets (tests/fixtures/preview_sheets, and the checked-in .xls).

A changed rule of the importer shows here as exactly the previews it moves: which label maps where, which cell is a
problem, which note is said. After a deliberate change, look at the diff and accept it with
``pytest tests/unit/test_import_previews.py --snapshot-update``.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from tests.unit.test_xlsx_import_support import make_areas, save_value
from zv_desktop.core.exchange.xlsx_import import ImportPreview, preview_import
from zv_desktop.core.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
SHEETS = sorted((FIXTURES / "preview_sheets").glob("*.xlsx")) + [FIXTURES / "workbooks" / "kennzahlen-2014.xls"]


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("sheet", SHEETS, ids=[path.name for path in SHEETS])
def test_the_preview_of_each_sheet_stays_as_it_was(
    sheet: Path, store: Store, tmp_path: Path, snapshot_json: SnapshotAssertion
) -> None:
    areas = make_areas(store)
    save_value(store, "K2", areas["Kreis Testland"], 2014, 1, "20.1")  # a stored value the sheets may change
    copy = Path(shutil.copy(sheet, tmp_path / sheet.name))
    assert _shown(store, preview_import(store, copy)) == snapshot_json


def _shown(store: Store, preview: ImportPreview) -> dict[str, Any]:
    """What a user sees of a preview, ids replaced by codes and names (ids differ from file to file)."""
    codes = dict(store.conn.execute("SELECT id, code FROM measures"))
    names = dict(store.conn.execute("SELECT id, name FROM areas"))
    return {
        "sheet": preview.sheet,
        "sheets": preview.sheet_names,
        "hidden": preview.hidden_sheets,
        "layout": preview.layout,
        "header_row": preview.header_row,
        "year": preview.year,
        "mappings": [
            [m.label, m.area_label, codes.get(m.measure_id), names.get(m.area_id), m.rows, m.guessed]
            for m in preview.mappings
        ],
        "problems": [str(p) for p in preview.problems],
        "counts": {
            "new": preview.new,
            "changed": preview.changed,
            "unchanged": preview.unchanged,
            "skipped": preview.skipped,
            "marks": preview.marks,
        },
        "notes": preview.notes,
        "changes": [str(c) for c in preview.changes[:25]],
        "figures": str(sum((c.new for c in preview.changes), Decimal(0))),
    }
