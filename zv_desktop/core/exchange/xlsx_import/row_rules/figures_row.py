"""Rule: what is left is a measure's figures for an area (the last rule of the chain)."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """FIGURES: every row reaching this rule has a Kennzahl and something in its month columns."""
    return RowKind.FIGURES
