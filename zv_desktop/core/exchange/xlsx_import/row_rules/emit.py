"""What a classified row of a monthly table gives: staged values and empty cells, counts for the notes, problems."""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.cell_notes import count_mark, count_sign, first_text, is_mark
from zv_desktop.core.exchange.xlsx_import.cell_values import (
    CellValueError,
    cell_ref,
    check_year,
    kind_of,
    number_text,
    year_of,
)
from zv_desktop.core.exchange.xlsx_import.collector import FOOTNOTE
from zv_desktop.core.exchange.xlsx_import.row_rules.footnote import lead
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow, figures

#: Rows named at most in the notes on carried-down Kennzahlen and totals under a heading.
MAX_NOTED = 10_000


def emit(kind: RowKind, row: WideRow, context: WideContext) -> None:
    """Give what the row of ``kind`` holds to the collector."""
    collector, counts, labels = context.collector, context.collector.counts, context.labels
    if row.carried_down and len(counts.carried_down) < MAX_NOTED:
        counts.carried_down.append(row.number)
    if row.under_heading and len(counts.under_heading) < MAX_NOTED:
        counts.under_heading.append(row.number)
    if row.area_from_heading and len(counts.area_from_heading) < MAX_NOTED:
        counts.area_from_heading.append(row.number)
    where = cell_ref(row.number, context.label_column)
    if kind is RowKind.GROUP:
        key = (row.label, row.area) if row.group_by_column else None
        collector.breakdown.passed_over(row.group, figures(row), key, where)
    elif kind is RowKind.HEADING:
        own = "" if labels.sheet_label else row.label  # the sheet's title says nothing about this row
        first = own or first_text(row.values)
        if first and not context.heading:  # an area's heading is read, not passed over: its rows are noted
            collector.text_row(first)
            if own and not FOOTNOTE.match(own):
                counts.expected_empty += len(row.cells)  # formulas never calculated read as empty
    elif kind is RowKind.FOOTNOTE:
        collector.text_row(lead(row, context))
    elif kind is RowKind.TEXT:
        collector.text_row(first_text(row.values))
    elif kind is RowKind.NO_LABEL:
        if context.template:
            collector.problem(where, "Die Zeile hat einen Wert, aber keine Kennzahl.")
        else:
            collector.problem(where, "Die Zeile hat Werte, aber keine Bezeichnung der Kennzahl.", figures(row))
    else:
        _figures(row, context)


def _figures(row: WideRow, context: WideContext) -> None:
    """Stage the figures of a measure's row, remember its empty cells, count signs and marks."""
    collector, counts = context.collector, context.collector.counts
    values, number = row.values, row.number
    counts.skipped += sum(1 for i in context.bad_columns if i < len(values) and values[i] is not None)
    row_year, kind = _row_year_and_kind(row, context)
    if kind is None:
        return
    state = collector.mapping(row.code, row.name, row.area, cell_ref(number, context.labels.label_column), number)
    if state is None:
        return
    if not state.usable:
        collector.unusable(state, sum(1 for cell in row.cells if cell[3] is not None and not is_mark(cell[3])))
        return
    measure_id, area_id = state.measure_id, state.area_id
    assert measure_id is not None and area_id is not None  # a usable mapping has both
    add, add_empty, fallback = collector.stage.batch.append, collector.stage.add_empty, context.read.year
    for index, month, column_year, raw in row.cells:
        cell = cell_ref(number, index + 1)
        mark = ""
        if raw is None:
            counts.expected_empty += 1
            text = None
        else:
            try:
                text = number_text(raw)
            except CellValueError as exc:
                collector.problem(cell, str(exc))
                continue
            mark = "" if text is not None else count_mark(raw, counts)
        if text is None:  # empty or „.“: a value stored for this cell stays, and the preview says so
            empty_year = column_year or row_year or fallback
            if empty_year is not None:
                add_empty((cell, measure_id, area_id, empty_year, month, kind, mark))
            continue
        if type(raw) is str:
            count_sign(raw, counts)
        year = column_year or row_year
        if year is None:
            year = fallback
            if year is None:
                counts.year_missing += 1
                counts.skipped += 1
                continue
            counts.fallback_year += 1
        try:  # a month header such as 01/1899 must not write a year the program cannot hold
            check_year(year)
        except CellValueError as exc:
            collector.problem(cell, str(exc))
            continue
        add((cell, measure_id, area_id, year, month, kind, text, context.read.source, ""))
        state.values += 1


def _row_year_and_kind(row: WideRow, context: WideContext) -> tuple[int | None, str | None]:
    """The year and value kind a row names in its own columns (kind None: a problem)."""
    i_year, i_kind = context.year_column, context.kind_column
    collector, present = context.collector, row.present
    year = None
    raw_year = _at(row, i_year)
    if raw_year is not None:
        try:
            year = year_of(raw_year)
        except CellValueError as exc:
            collector.problem(cell_ref(row.number, (i_year or 0) + 1), str(exc), present)
            return None, None
    try:
        return year, kind_of(_at(row, i_kind))
    except CellValueError as exc:
        collector.problem(cell_ref(row.number, (i_kind or 0) + 1), str(exc), present)
        return None, None


def _at(row: WideRow, index: int | None) -> object:
    return row.values[index] if index is not None and index < len(row.values) else None
