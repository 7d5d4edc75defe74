"""Rule: a row for a group of people (Frauen, Männer, unter 25 …) is passed over; the catalogue holds each measure
for everybody. The row for everybody („Insgesamt“, empty) is noted as such, for the note on breakdowns."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """GROUP for a row of figures for a group of people (in the template, any row for one); otherwise the row
    passes on."""
    if not row.present and not context.template:
        return None
    breakdown = context.collector.breakdown
    group, by_column = breakdown.group_of(row.values)
    if group:
        row.group, row.group_by_column = group, by_column
        return RowKind.GROUP
    if breakdown.columns and row.label:
        breakdown.everybody((row.label, row.area))
    return None
