"""What a monthly table's row is (``RowKind``), the row as the rules see it, and what they carry between rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_notes import is_number
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.row_labels import RowLabels

Row = tuple[Any, ...]
#: A month cell of a row: column index, month, the year its header names (or None), the raw value.
Cell = tuple[int, int, int | None, Any]


class RowKind(Enum):
    """What a row of a monthly table is."""

    GROUP = "group"  # figures for a group of people (Frauen, unter 25 …): passed over with a note
    HEADING = "heading"  # no figures: an area heading, a title, a note between the rows
    FOOTNOTE = "footnote"  # „Quelle: …“, „1) …“ spread over the row, no figures
    TEXT = "text"  # text in the month columns but no label and no figures
    NO_LABEL = "no_label"  # figures without a Kennzahl: a problem
    FIGURES = "figures"  # a measure's figures for an area


@dataclass
class WideRow:
    """One row with what every rule needs: its month cells and labels (rules may complete the labels)."""

    number: int
    values: Row
    cells: list[Cell]
    code: str
    name: str
    area: str
    carried_down: bool = False  # the Kennzahl was taken from the merged cell above
    under_heading: bool = False  # „Insgesamt“ read as the area of the heading above
    area_from_heading: bool = False  # no area of its own: the area of the heading above
    group: str = ""  # the group of people the row is for (RowKind.GROUP)
    group_by_column: bool = False

    @property
    def label(self) -> str:
        """The measure's code, else its name."""
        return self.code or self.name

    @property
    def present(self) -> int:
        """How many month cells hold anything."""
        return sum(1 for cell in self.cells if cell[3] is not None)


@dataclass
class WideContext:
    """What the rules read the rows with, and what they carry from one row to the next."""

    labels: RowLabels
    collector: Collector
    read: ReadContext
    year_column: int | None = None  # the row's own Jahr and Art columns, if the sheet has them
    kind_column: int | None = None
    bad_columns: list[int] = field(default_factory=list)  # month columns whose header is no real month
    label_column: int = 1  # the column (1-based) a problem with the row's label is reported at
    template: bool = False  # the template: one value per row, a group's row passed over even without one
    carried: tuple[str, str] | None = None  # code and name of the last row that named a measure
    carried_row: int = 0  # … and that row's number
    heading: str | None = None  # an area named on a row of its own, its figures in the rows below


def figures(row: WideRow) -> int:
    """How many month cells of the row hold a figure."""
    return sum(1 for cell in row.cells if is_number(cell[3]))
