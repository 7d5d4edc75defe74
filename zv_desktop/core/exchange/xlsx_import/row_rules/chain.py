"""The order in which the rules look at a row; the first that decides, decides. A monthly table's rows go through
all rules, a template's rows (one value each, labels in their own columns) through the three that apply to them."""

from __future__ import annotations

from collections.abc import Callable

from zv_desktop.core.exchange.xlsx_import.row_rules import (
    area_from_heading,
    area_heading,
    carried_down,
    figures_row,
    footnote,
    group_of_people,
    text_row,
    total_under_heading,
)
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow

Rule = Callable[[WideRow, WideContext], RowKind | None]

#: Completing rules come before the rules they feed: a carried-down Kennzahl before the group check (which notes
#: the row for everybody by its measure), a heading's area before the footnote check.
WIDE_RULES: tuple[Rule, ...] = (
    carried_down.classify,
    group_of_people.classify,
    area_heading.classify,
    total_under_heading.classify,
    area_from_heading.classify,
    footnote.classify,
    text_row.classify,
    figures_row.classify,
)
#: A template's row names its measure and area in their own columns and holds one value.
TEMPLATE_RULES: tuple[Rule, ...] = (group_of_people.classify, text_row.classify, figures_row.classify)


def classify(row: WideRow, context: WideContext, rules: tuple[Rule, ...] = WIDE_RULES) -> RowKind:
    """What the row is, by the first of ``rules`` that decides."""
    for rule in rules:
        kind = rule(row, context)
        if kind is not None:
            return kind
    raise AssertionError("the last rule decides every row")
