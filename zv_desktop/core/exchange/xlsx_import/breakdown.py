"""Breakdown columns of a sheet ("Geschlecht": Insgesamt / Frauen / Männer): only the rows for everybody count.

Statistics tables often repeat each measure for groups of people. The catalogue holds every measure for all
persons only, so the rows of a group (Frauen, Männer, unter 25 Jahre …) are passed over and counted for one note;
the row marked "Insgesamt" (or left empty) is the measure's value. A breakdown column is found by its header
("Geschlecht", "Altersgruppe" …) or, without a header, by its words (Frauen, Männer, weiblich, männlich).
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from zv_desktop.core.exchange.xlsx_import.cell_values import label_of
from zv_desktop.core.exchange.xlsx_import.matching import is_total, normalise
from zv_desktop.core.formats import format_number

#: Headers of breakdown columns (normalised as ``role_of`` does).
BREAKDOWN_HEADERS = (
    "geschlecht", "alter", "altersgruppe", "altersgruppen", "altersklasse", "personengruppe", "personengruppen",
    "personenkreis", "staatsangehörigkeit", "nationalität", "gliederung", "teilgruppe", "zielgruppe",
    "ausprägung", "merkmalsausprägung",
)  # fmt: skip
#: Words that mark a column without a header as a breakdown by sex.
GROUP_WORDS = frozenset(
    {"frauen", "männer", "maenner", "weiblich", "männlich", "maennlich", "divers", "davon frauen", "davon männer"}
)
_SHOWN_GROUPS = 6


def is_group_word(value: Any) -> bool:
    """True for "Frauen", "männlich" … (a breakdown value in a column without a header)."""
    return isinstance(value, str) and len(value) < 40 and normalise(value) in GROUP_WORDS


def free_breakdown_column(free_columns: list[int], rows: list[tuple[Any, ...]]) -> int | None:
    """The column without a header whose cells in ``rows`` (the first rows below the header) name groups."""
    for index in free_columns:
        if any(index < len(row) and is_group_word(row[index]) for row in rows):
            return index
    return None


class Breakdown:
    """The breakdown column of a sheet (or none) and what its group rows held."""

    def __init__(self, column: int | None, header: str = "") -> None:
        self.column = column
        self.header = header
        self.values = 0
        self.rows = 0
        self.groups: list[str] = []

    def group_of(self, row: tuple[Any, ...]) -> str:
        """The group a row is for ("Frauen"), or "" for a row for everybody ("Insgesamt", empty, no column)."""
        if self.column is None or self.column >= len(row):
            return ""
        text = label_of(row[self.column])
        return "" if not text or is_total(text) else text

    def passed_over(self, group: str, values: int) -> None:
        """Count a group row that is not imported, with the number of its figures."""
        self.rows += 1
        self.values += values
        if group not in self.groups and len(self.groups) <= _SHOWN_GROUPS:
            self.groups.append(group)

    def note(self) -> str | None:
        """The German note on the group rows passed over, or None if there were none."""
        if not self.rows:
            return None
        shown = ", ".join(f"„{g[:30]}“" for g in self.groups[:_SHOWN_GROUPS])
        more = " …" if len(self.groups) > _SHOWN_GROUPS else ""
        column = f"Spalte „{self.header}“" if self.header else f"Spalte {get_column_letter((self.column or 0) + 1)}"
        rows = f"{format_number(self.rows)} {'Zeile' if self.rows == 1 else 'Zeilen'}"
        values = f"{format_number(self.values)} {'Wert' if self.values == 1 else 'Werte'}"
        return (
            f"{rows} für Teilgruppen ({column}: {shown}{more}; {values}) nicht übernommen: ZV Desktop führt die "
            "Kennzahlen für alle Personen; übernommen werden die Zeilen „Insgesamt“ bzw. ohne Angabe."
        )
