"""An Excel import of a few values, as the crash loop's writer does it: a real workbook, preview, import."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, write_book
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store


def import_values(store: Store, area_id: str, numbers: dict[tuple[str, int], Decimal]) -> None:
    """Import one monthly value of 2030 per (measure code, month) from a template workbook."""
    area = store.query("SELECT name FROM areas WHERE id = ?", (area_id,))[0]["name"]
    rows: list[list[object]] = [TEMPLATE_HEADER]
    rows += [[code, area, 2030, month, "Ist", float(number), "Import", ""] for (code, month), number in numbers.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = write_book(Path(folder) / "werte.xlsx", {"Daten": rows})
        preview = preview_import(store, path)
        if preview.problems:
            raise RuntimeError(f"crash writer: the workbook has problems: {preview.problems}")
        run_import(store, preview)
