"""The order in which the rules look at a row of a monthly table; the first that decides, decides."""

from __future__ import annotations

from collections.abc import Callable

from zv_desktop.core.exchange.xlsx_import.wide_rows import (
    area_heading,
    carried_down,
    figures_row,
    footnote,
    group_of_people,
    text_row,
    total_under_heading,
)
from zv_desktop.core.exchange.xlsx_import.wide_rows.kinds import RowKind, WideContext, WideRow

Rule = Callable[[WideRow, WideContext], RowKind | None]

#: Completing rules come before the rules they feed: a carried-down Kennzahl before the group check (which notes
#: the row for everybody by its measure), a heading's area before the footnote check.
RULES: tuple[Rule, ...] = (
    carried_down.classify,
    group_of_people.classify,
    area_heading.classify,
    total_under_heading.classify,
    footnote.classify,
    text_row.classify,
    figures_row.classify,
)


def classify(row: WideRow, context: WideContext) -> RowKind:
    """What the row is, by the first rule that decides."""
    for rule in RULES:
        kind = rule(row, context)
        if kind is not None:
            return kind
    raise AssertionError("the last rule decides every row")
