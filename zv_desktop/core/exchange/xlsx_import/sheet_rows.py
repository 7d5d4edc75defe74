"""Reading the data rows of a sheet below its header, for both layouts, into staged values and problems.

A cell with a problem is not imported and the problem names it; the other cells of its row still are. Rows
without figures (footnotes, headings, "Insgesamt") are passed over and counted for the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_notes import count_mark, count_sign, first_text, is_mark, is_number
from zv_desktop.core.exchange.xlsx_import.cell_values import (
    MAX_CELL_CHARS,
    CellValueError,
    cell_ref,
    check_length,
    check_year,
    kind_of,
    label_of,
    month_of,
    number_text,
    plain_text,
    shown,
    year_of,
)
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.row_labels import RowLabels
from zv_desktop.core.exchange.xlsx_import.wide_rows.chain import classify
from zv_desktop.core.exchange.xlsx_import.wide_rows.emit import emit
from zv_desktop.core.exchange.xlsx_import.wide_rows.kinds import WideContext, WideRow
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR

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
    """Stage the values of a template sheet: one row per value (Kennzahl, Gebiet, Jahr, Monat, Art, Wert …)."""
    c = layout.columns
    width = max(c.values()) + 1
    pad = (None,) * (width + 1)  # rows are padded so that column ``width`` (an absent column) reads None
    i_code, i_name, i_area, i_year = (c.get(k, width) for k in ("code", "name", "area", "year"))
    i_month, i_kind, i_value, i_source, i_comment = (
        c.get(k, width) for k in ("month", "kind", "value", "source", "comment")
    )
    label_column = c.get("code", c.get("name", 0)) + 1
    add, flush, tick, counts = collector.stage.batch.append, collector.stage.flush_full, context.tick, collector.counts
    kinds: dict[Any, str] = {}
    group_of, breakdown = collector.breakdown.group_of, collector.breakdown
    for number, raw_row in rows:
        tick(number)
        flush()
        checked = _without_long_texts(raw_row, number, collector, {i_value})
        if checked is None:
            continue
        row = checked if len(checked) > width else checked + pad[: width + 1 - len(checked)]
        code, name, area, raw = label_of(row[i_code]), label_of(row[i_name]), label_of(row[i_area]), row[i_value]
        group, by_column = group_of(row)
        if group:  # a row for Frauen, Männer …: the catalogue holds the measure for everybody only
            key = (code or name, area) if by_column else None
            breakdown.passed_over(group, 1 if is_number(raw) else 0, key, cell_ref(number, label_column))
            continue
        if breakdown.columns and (code or name):
            breakdown.everybody((code or name, area))
        if not (code or name):
            if not is_number(raw):
                collector.text_row(first_text(row))
            else:
                collector.problem(cell_ref(number, label_column), "Die Zeile hat einen Wert, aber keine Kennzahl.")
            continue
        state = collector.mapping(code, name, area, cell_ref(number, label_column), number)
        if state is None:
            continue
        if not state.usable:
            if raw is not None and not is_mark(raw):
                collector.unusable(state, 1)
            continue
        cell = cell_ref(number, i_value + 1)
        try:
            text = number_text(raw)
        except CellValueError as exc:
            collector.problem(cell, str(exc))
            continue
        if text is None:
            if raw is None:
                counts.expected_empty += 1
            mark = "" if raw is None else count_mark(raw, counts)
            _remember_empty(row, (i_year, i_month, i_kind), cell, state, collector, context.year, mark)
            continue
        if type(raw) is str:
            count_sign(raw, counts)
        period = _template_period(row[i_year], row[i_month], number, (i_year, i_month), collector, context)
        if period is None:
            continue
        raw_kind = row[i_kind]
        kind = kinds.get(raw_kind) if type(raw_kind) is not float else None
        if kind is None:
            try:
                kind = kind_of(raw_kind)
            except CellValueError as exc:
                collector.problem(cell_ref(number, i_kind + 1), str(exc))
                continue
            if len(kinds) < 100 and type(raw_kind) is not float:
                kinds[raw_kind] = kind
        source, comment = row[i_source], row[i_comment]
        source = (source.strip() if type(source) is str else plain_text(source)) or context.source
        comment = comment.strip() if type(comment) is str else plain_text(comment)
        add((cell, state.measure_id, state.area_id, period[0], period[1], kind, text, source, comment))  # type: ignore[arg-type]
        state.values += 1


def _template_period(
    raw_year: Any, raw_month: Any, number: int, columns: tuple[int, int], collector: Collector, context: ReadContext
) -> tuple[int, int] | None:
    """Year and month of a template row; a problem (and None) if they cannot be read or disagree."""
    month_cell = cell_ref(number, columns[1] + 1)
    year: int | None = None
    if type(raw_year) is int and FIRST_YEAR <= raw_year <= LAST_YEAR:
        year = raw_year
    elif raw_year is not None:
        try:
            year = year_of(raw_year)
        except CellValueError as exc:
            collector.problem(cell_ref(number, columns[0] + 1), str(exc))
            return None
    if type(raw_month) is int and 1 <= raw_month <= 12:
        month, named_year = raw_month, None
    elif raw_month is None:
        collector.problem(month_cell, "Der Monat fehlt.")
        return None
    else:
        try:
            month, named_year = month_of(raw_month)
        except CellValueError as exc:
            collector.problem(month_cell, str(exc))
            return None
    if named_year is not None:
        if year is None:
            year = named_year
        elif named_year != year:
            collector.problem(
                month_cell,
                f"„{shown(raw_month)}“ gehört zum Jahr {named_year}, in der Spalte „Jahr“ steht aber {year}.",
            )
            return None
    if year is None:
        year = context.year
        if year is None:
            collector.counts.year_missing += 1
            collector.counts.skipped += 1
            return None
        collector.counts.fallback_year += 1
    try:
        check_year(year)
    except CellValueError as exc:
        collector.problem(month_cell, str(exc))
        return None
    return year, month


def _remember_empty(
    row: Row,
    columns: tuple[int, int, int],
    cell: str,
    state: Any,
    collector: Collector,
    fallback: int | None,
    mark: str,
) -> None:
    """Remember a Wert cell without a figure (empty, „.“ …) of a template row whose Jahr (or the fallback year),
    Monat and Art can be read (for the note on stored values that stay, and to keep its sign as a mark)."""
    raw_year, raw_month, raw_kind = (row[i] for i in columns)
    try:
        month, named_year = month_of(raw_month)
        year = year_of(raw_year) if raw_year is not None else named_year or fallback
        kind = kind_of(raw_kind)
    except CellValueError:
        return
    if year is not None and FIRST_YEAR <= year <= LAST_YEAR:
        collector.stage.add_empty((cell, state.measure_id, state.area_id, year, month, kind, mark))


def read_wide(layout: Layout, rows: Iterable[tuple[int, Row]], collector: Collector, context: ReadContext) -> None:
    """Stage the values of a monthly table: one row per measure (and area), one column per month.

    Each row is classified by the chain of rules in ``wide_rows`` and then emitted (``wide_rows.emit``).
    """
    labels = RowLabels(layout, collector)
    months = [(m.index, m.month, m.year) for m in layout.months]
    value_columns = {m.index for m in layout.months}
    state = WideContext(labels, collector, context, layout.columns.get("year"), layout.columns.get("kind"))
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
