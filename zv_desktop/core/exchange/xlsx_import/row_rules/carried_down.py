"""Rule: a Kennzahl in a cell merged down over the rows of several areas belongs to each of those rows.

Only a row with figures, an area and no Kennzahl of its own, lying in the merged range that starts at the last row
that named a measure, takes that measure; an empty Kennzahl cell outside a merge is not filled from above.
"""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """Remember the measure a row names, or complete a row under it in the same merged cell; never decides."""
    if not row.present:
        return None
    if row.label:
        context.carried, context.carried_row = (row.code, row.name), row.number
    elif row.area and context.carried and context.labels.has_measure_column:
        if context.labels.merged_from(row.number, context.read) == context.carried_row:
            row.code, row.name = context.carried
            row.carried_down = True
    return None
