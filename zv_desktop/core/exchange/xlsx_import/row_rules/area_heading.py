"""Rule: a row without figures is a heading or a note. If it names a catalogue area („Kreis Unna“), that area is
the heading of the rows below it (see ``total_under_heading`` and ``area_from_heading``); any other such row ends a
heading. The area may stand in the Gebiet column or, in a sheet that has none, where the Kennzahl stands."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.matching import full_label
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """HEADING for a row without figures; the context remembers an area it names."""
    if row.present:
        return None
    context.heading = named_area(row, context)
    return RowKind.HEADING


def named_area(row: WideRow, context: WideContext) -> str | None:
    """The area a row without figures names, or None.

    In the Gebiet column any name the catalogue recognises counts. In the Kennzahl column only a name it recognises
    without guessing (the area's name, its words in another order, its AGS), and only if it names no Kennzahl, so
    that a measure's heading is never read as an area.
    """
    catalogue = context.labels.catalogue
    if row.area:
        return row.area if catalogue.area(row.area).record_id else None
    text = full_label(row.code, row.name)
    if not text:
        return None
    area = catalogue.area(text)
    if area.record_id is None or area.guessed or catalogue.measure(row.code, row.name).record_id is not None:
        return None
    return text
