"""Rule: a row without a Kennzahl is a note spread over the month columns if it holds no figure, else a problem
(figures nobody can assign)."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow, figures


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """TEXT or NO_LABEL for a row without a Kennzahl."""
    if row.label:
        return None
    return RowKind.NO_LABEL if figures(row) else RowKind.TEXT
