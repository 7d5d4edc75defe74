"""Staging a template row's value (the template's figures rule, ``row_rules.figures_row``): the measure and area
mapped, the Wert read (a figure, or an empty cell or a sign remembered), Jahr, Monat and Art checked, Quelle and
Bemerkung taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_notes import count_mark, count_sign, is_mark
from zv_desktop.core.exchange.xlsx_import.cell_values import (
    CellValueError,
    cell_ref,
    check_year,
    kind_of,
    month_of,
    number_text,
    plain_text,
    shown,
    year_of,
)
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import WideContext, WideRow
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR

Row = tuple[Any, ...]


@dataclass
class TemplateColumns:
    """Where a template's columns are (an absent column points past the row: it reads None), and the value kinds
    read so far („Ist“ → ist), kept for the next rows."""

    code: int
    name: int
    area: int
    year: int
    month: int
    kind: int
    value: int
    source: int
    comment: int
    width: int
    label_column: int
    kinds: dict[Any, str] = field(default_factory=dict)

    @classmethod
    def of(cls, layout: Layout) -> TemplateColumns:
        """The columns of a template sheet's layout."""
        c = layout.columns
        width = max(c.values()) + 1
        code, name, area, year, month, kind, value, source, comment = (
            c.get(k, width) for k in ("code", "name", "area", "year", "month", "kind", "value", "source", "comment")
        )
        label_column = c.get("code", c.get("name", 0)) + 1
        return cls(code, name, area, year, month, kind, value, source, comment, width, label_column)


def stage_template_row(row: WideRow, context: WideContext, columns: TemplateColumns) -> None:
    """Stage the value of one template row, or remember its empty cell; problems name the cell."""
    collector, counts, number, values = context.collector, context.collector.counts, row.number, row.values
    raw = values[columns.value]
    state = collector.mapping(row.code, row.name, row.area, cell_ref(number, columns.label_column), number)
    if state is None:
        return
    if not state.usable:
        if raw is not None and not is_mark(raw):
            collector.unusable(state, 1)
        return
    cell = cell_ref(number, columns.value + 1)
    try:
        text = number_text(raw)
    except CellValueError as exc:
        collector.problem(cell, str(exc))
        return
    if text is None:
        if raw is None:
            counts.expected_empty += 1
        mark = "" if raw is None else count_mark(raw, counts)
        _remember_empty(
            values, (columns.year, columns.month, columns.kind), cell, state, collector, context.read.year, mark
        )
        return
    if type(raw) is str:
        count_sign(raw, counts)
    period = _template_period(
        values[columns.year], values[columns.month], number, (columns.year, columns.month), collector, context.read
    )
    if period is None:
        return
    raw_kind = values[columns.kind]
    kind = columns.kinds.get(raw_kind) if type(raw_kind) is not float else None
    if kind is None:
        try:
            kind = kind_of(raw_kind)
        except CellValueError as exc:
            collector.problem(cell_ref(number, columns.kind + 1), str(exc))
            return
        if len(columns.kinds) < 100 and type(raw_kind) is not float:
            columns.kinds[raw_kind] = kind
    source, comment = values[columns.source], values[columns.comment]
    source = (source.strip() if type(source) is str else plain_text(source)) or context.read.source
    comment = comment.strip() if type(comment) is str else plain_text(comment)
    collector.stage.batch.append(
        (cell, state.measure_id, state.area_id, period[0], period[1], kind, text, source, comment)  # type: ignore[arg-type]
    )
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
