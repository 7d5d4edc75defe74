"""Reading what is typed or pasted into the KPI grid: German numbers, statistics signs, the measure's plausibility.

„–“ is a true zero (nichts vorhanden); „.“, „…“, „x“ and „*“ say there is no figure: in an empty cell (or over
another sign) they are kept as the month's mark with their meaning as its note, and they never delete a stored
figure (Entf does that). A figure must fit its column's measure (see ``rules.plausibility``): the wrong unit sign, a quota
above 100 %, a negative count or a count of people with decimals is refused with a message naming month and column.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from zv_desktop.core.formats import FormatError, month_name, parse_number
from zv_desktop.core.rules.plausibility import check_figure, check_sign, statistics_sign, whole_if_counted
from zv_desktop.core.services.kpi_grid import CellProblem, Entry, KpiGrid, Position

_LAST_LINE_END = re.compile(r"(?:\r\n|\n|\r)\Z")
_UNIT_SUFFIX = re.compile(r"\s*([%€])\Z")


def split_unit(text: str) -> tuple[str, str]:
    """A typed figure and the unit sign after it: ("20,6", "%"), ("1.234", "€"), ("17", "")."""
    cleaned = " ".join(text.split())  # also no-break spaces, as Excel copies them before "€"
    found = _UNIT_SUFFIX.search(cleaned)
    return (cleaned[: found.start()], found.group(1)) if found else (cleaned, "")


def parse_cell(text: str) -> Decimal | None:
    """A typed cell: a German number, optionally with "%" or "€" after it; "" no value; „–“ (or "-") 0, for
    nichts vorhanden; „.“, „…“, „x“, „*“ no value (see ``plausibility.statistics_sign``)."""
    if not text.strip():
        return None
    sign = statistics_sign(text)
    if sign is not None:
        return sign.value
    number, _unit = split_unit(text)
    try:
        return parse_number(number)
    except FormatError:
        raise FormatError(text, "ist keine gültige Zahl (Beispiel: 1.234,56 oder 20,6 %)") from None


def read_cell(grid: KpiGrid, row: int, column: int, text: str) -> Entry | CellProblem:
    """What typed text saves into a grid cell (a figure, a mark, None to clear), or the problem with it (the message
    names month and column)."""
    if not grid.contains(row, column):
        return CellProblem(row, column, text, _outside_message(grid, row, text))
    try:
        value = parse_cell(text)
    except FormatError as exc:
        return CellProblem(row, column, text, f"{grid.where(row, column)}: {exc}")
    sign = statistics_sign(text)
    if sign is not None and sign.value is None:
        if grid.value(row, column) is None:
            return sign  # kept as the month's mark, with its meaning as the note
        why = (
            f"„{sign.sign}“ bedeutet „{sign.meaning}“ und löscht keinen gespeicherten Wert – zum Löschen Entf drücken."
        )
        return CellProblem(row, column, text, f"{grid.where(row, column)}: {why}")
    if value is None:
        return None
    col = grid.columns[column]
    problem = check_sign(split_unit(text)[1], col.unit) or check_figure(value, col.unit, col.measure)
    if problem is not None:
        return CellProblem(row, column, text, f"{grid.where(row, column)}: {problem}")
    return whole_if_counted(value, col.unit)


def _outside_message(grid: KpiGrid, row: int, text: str) -> str:
    where = f"{month_name(row + 1)}, rechts der letzten Spalte" if row < grid.row_count else "unter Dezember"
    return f"„{' '.join(text.split())}“ ({where}) liegt außerhalb der Tabelle und wurde nicht übernommen."


def parse_block(text: str) -> list[list[str]]:
    """Clipboard text from Excel as rows of cells: rows end with \\n or \\r\\n (a last one is ignored), cells by tabs.

    Cells Excel put in quotes (because they hold a tab, a line break or a quote) are read as one cell.
    """
    if not text:
        return []
    text = _LAST_LINE_END.sub("", text, count=1)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))
        if _LAST_LINE_END.search(text):  # csv drops an empty last row (Excel copies one for an empty cell)
            rows.append([])
    except csv.Error:  # e.g. an overlong cell: fall back to plain splitting
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [row or [""] for row in rows] or [[""]]


def paste_block(
    grid: KpiGrid, top_row: int, left_col: int, block: list[list[str]]
) -> tuple[dict[Position, Entry], list[CellProblem]]:
    """Map a pasted block onto the grid from (top_row, left_col): the values read, and the cells that were not.

    Empty cells clear their target; empty cells falling outside the grid are ignored; „.“ and the other signs for
    "no figure" are kept as marks where no figure is stored and leave a stored figure as it is.
    """
    cells: dict[Position, Entry] = {}
    problems: list[CellProblem] = []
    for r, line in enumerate(block):
        for c, text in enumerate(line):
            row, column = top_row + r, left_col + c
            if not grid.contains(row, column) and not text.strip():
                continue
            sign = statistics_sign(text)
            if sign is not None and sign.value is None and grid.contains(row, column):
                if grid.value(row, column) is None:
                    cells[(row, column)] = sign  # no figure in the statistics: kept as the month's mark
                continue  # a stored figure is never deleted by a sign
            result = read_cell(grid, row, column, text)
            if isinstance(result, CellProblem):
                problems.append(result)
            else:
                cells[(row, column)] = result
    return cells, problems
