"""Rows of an .xlsx sheet read with openpyxl, for the two things calamine cannot give (``xlsx_parts.openpyxl_needed``):
cells formatted as percent (calamine gives the stored 0,206, not the 20,6 % shown) and a table of texts that lies
elsewhere than xl/sharedStrings.xml. openpyxl streams the sheet in its read-only mode with cached formula results
and is not patched.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from zv_desktop.core.exchange.xlsx_import.xlsx_parts import is_percent


def openpyxl_rows(path: Path, sheet: str, first: int) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sheet`` from row ``first`` on (empty ones too, in order), percent cells as shown (×100)."""
    from openpyxl import load_workbook

    with path.open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips; they do not matter here
        workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        try:
            ws = workbook[sheet]
            ws.reset_dimensions()  # the stored dimension may be wrong: read what is there
            for row in ws.iter_rows(min_row=first):
                yield tuple(_shown_value(cell) for cell in row)
        finally:
            workbook.close()


def _shown_value(cell: Any) -> Any:
    """A cell's value as the user sees it: a percent-formatted 0.206 is the figure 20.6 (as an exact Decimal)."""
    value = getattr(cell, "value", None)
    if type(value) in (int, float) and is_percent(getattr(cell, "number_format", None)):
        return Decimal(repr(value)) * 100
    return value
