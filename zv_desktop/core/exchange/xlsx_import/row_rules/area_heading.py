"""Rule: a row without figures is a heading or a note. If it names a catalogue area („Kreis Unna“), that area is
the heading of the rows below it (see ``total_under_heading``); any other such row ends a heading."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """HEADING for a row without figures; the context remembers an area it names."""
    if row.present:
        return None
    known = row.area and context.labels.catalogue.area(row.area).record_id
    context.heading = row.area if known else None
    return RowKind.HEADING
