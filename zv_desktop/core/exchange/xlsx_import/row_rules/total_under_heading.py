"""Rule: „Insgesamt“ under a heading row that names only an area („Kreis Unna“) is that area's figure; a row naming
another area ends the heading."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.matching import is_total
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """Complete a total's area from the heading above; never decides."""
    if row.area and context.heading and is_total(row.area):
        row.area, row.under_heading = context.heading, True
    elif row.area and not is_total(row.area):
        context.heading = None
    return None
