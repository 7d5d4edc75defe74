"""Rule: a footnote spread over the row („Quelle: BA | … | Stand: Mai 2015“, „1) …“) without figures."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.collector import FOOTNOTE
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow, figures


def lead(row: WideRow, context: WideContext) -> str:
    """The row's first label: the area on a sheet whose title names the measure, else the measure."""
    return row.area if context.labels.sheet_label else row.label


def classify(row: WideRow, context: WideContext) -> RowKind | None:
    """FOOTNOTE for a row led by a footnote and holding no figure."""
    first = lead(row, context)
    if first and FOOTNOTE.match(first) and not figures(row):
        return RowKind.FOOTNOTE
    return None
