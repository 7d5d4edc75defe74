"""Rule: a measure's row that names no area takes the area of the heading above it („Kreis Unna“ on a row of its
own), as a sheet without a Gebiet column writes its areas; the rows are named in a note of the preview."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.matching import is_total
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """Complete a labelled row without an area from the heading above; never decides."""
    if not row.area and context.heading and row.label and not is_total(row.label):
        row.area, row.area_from_heading = context.heading, True
    return None
