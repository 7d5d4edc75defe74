"""Reading the data rows of a sheet below its header, for both layouts, into staged values and problems.

A cell with a problem is not imported and the problem names it; the other cells of its row still are. Rows
without figures (footnotes, headings, "Insgesamt") are passed over and counted for the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import (
    MAX_CELL_CHARS,
    CellValueError,
    cell_ref,
    check_length,
    label_of,
)
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.row_labels import RowLabels
from zv_desktop.core.exchange.xlsx_import.row_rules.chain import TEMPLATE_RULES, classify
from zv_desktop.core.exchange.xlsx_import.row_rules.emit import emit
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow
from zv_desktop.core.exchange.xlsx_import.row_rules.template_figures import TemplateColumns, stage_template_row

Row = tuple[Any, ...]


def _at(row: Row, index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _without_long_texts(row: Row, number: int, collector: Collector, value_columns: set[int]) -> Row | None:
    """The row, or None if a cell holds more text than Excel allows (each such cell is a problem; the row is
    left out)."""
    if not any(type(v) is str and len(v) > MAX_CELL_CHARS for v in row):
        return row
    values = sum(1 for i in value_columns if i < len(row) and row[i] is not None)
    for index, value in enumerate(row):
        try:
            check_length(value)
        except CellValueError as exc:
            collector.problem(cell_ref(number, index + 1), str(exc), values)
            values = 0
    return None


def read_template(layout: Layout, rows: Iterable[tuple[int, Row]], collector: Collector, context: ReadContext) -> None:
    """Stage the values of a template sheet: one row per value (Kennzahl, Gebiet, Jahr, Monat, Art, Wert …).

    Each row is classified by the template's rules (``row_rules.chain.TEMPLATE_RULES``): a group of people, a text
    row, a value; a value is staged by ``row_rules.template_figures``, the others emitted like a monthly table's.
    """
    columns = TemplateColumns.of(layout)
    width, value, pad = columns.width, columns.value, (None,) * (columns.width + 1)  # an absent column reads None
    labels = RowLabels(layout, collector)
    state = WideContext(labels, collector, context, label_column=columns.label_column, template=True)
    tick, flush = context.tick, collector.stage.flush_full
    for number, raw_row in rows:
        tick(number)
        flush()
        checked = _without_long_texts(raw_row, number, collector, {value})
        if checked is None:
            continue
        values = checked if len(checked) > width else checked + pad[: width + 1 - len(checked)]
        code, name, area = (
            label_of(values[columns.code]),
            label_of(values[columns.name]),
            label_of(values[columns.area]),
        )
        row = WideRow(number, values, [(value, 0, None, values[value])], code, name, area)
        kind = classify(row, state, TEMPLATE_RULES)
        if kind is RowKind.FIGURES:
            stage_template_row(row, state, columns)
        else:
            emit(kind, row, state)


def read_wide(layout: Layout, rows: Iterable[tuple[int, Row]], collector: Collector, context: ReadContext) -> None:
    """Stage the values of a monthly table: one row per measure (and area), one column per month.

    Each row is classified by the chain of rules in ``row_rules`` and then emitted (``row_rules.emit``).
    """
    labels = RowLabels(layout, collector)
    months = [(m.index, m.month, m.year) for m in layout.months]
    value_columns = {m.index for m in layout.months}
    state = WideContext(labels, collector, context, layout.columns.get("year"), layout.columns.get("kind"))
    state.label_column = labels.label_column
    state.bad_columns = [index for index, _ in layout.bad_months]
    tick, flush = context.tick, collector.stage.flush_full
    for number, raw_row in rows:
        tick(number)
        flush()
        values = _without_long_texts(raw_row, number, collector, value_columns)
        if values is None:
            continue
        width = len(values)
        cells = [(i, month, year, values[i] if i < width else None) for i, month, year in months]
        row = WideRow(number, values, cells, *labels.of(values))
        emit(classify(row, state), row, state)
