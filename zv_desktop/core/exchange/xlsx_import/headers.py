"""Finding the header row of a sheet and what its columns hold, for both layouts; the year of a monthly table.

Template ("Vorlage"): one row per value with the columns Kennzahl, Gebiet, Jahr, Monat, Art, Wert, Quelle,
Bemerkung (tolerant names, any order). Monthly table ("Monatstabelle"): label columns, then one column per month
("Jan", "Januar 2014", "01/2014", "2014-01", a date). Title rows above the header and merged header cells (whose
value openpyxl gives in the first cell only) are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from zv_desktop.core.exchange.xlsx_import.breakdown import BREAKDOWN_HEADERS, free_breakdown_column
from zv_desktop.core.exchange.xlsx_import.cell_values import CellValueError, label_of, month_header
from zv_desktop.core.exchange.xlsx_import.results import LAYOUT_TEMPLATE, LAYOUT_WIDE
from zv_desktop.core.rules.validation import FIRST_YEAR, LAST_YEAR

#: How many non-empty rows at the top of a sheet are searched for the header row.
HEADER_SCAN_ROWS = 40

_ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "code": ("kennzahl", "kennzahlen", "kennziffer", "code", "kürzel", "kuerzel", "kz"),
    "name": (
        "bezeichnung", "name", "messgröße", "messgroesse", "merkmal", "indikator", "beschreibung",
        "kennzahlbezeichnung", "kennzahl bezeichnung", "bezeichnung der kennzahl",
    ),
    "area": (
        "gebiet", "region", "kreis", "stadt", "gemeinde", "kommune", "träger", "traeger", "jobcenter",
        "kreis/stadt", "kreis / stadt", "gebietseinheit", "raumeinheit", "regionalschlüssel", "ags",
        "kreis/kreisfreie stadt", "gebietskörperschaft",
    ),
    "year": ("jahr", "berichtsjahr"),
    "month": ("monat", "berichtsmonat", "zeitraum", "periode"),
    "kind": ("art", "wertart", "werttyp", "typ"),
    "value": ("wert", "werte", "zahl", "betrag", "anzahl", "kennzahlwert"),
    "source": ("quelle", "datenquelle"),
    "comment": ("bemerkung", "bemerkungen", "kommentar", "anmerkung", "anmerkungen", "hinweis"),
    "unit": ("einheit", "maßeinheit", "masseinheit"),
    "breakdown": BREAKDOWN_HEADERS,
}  # fmt: skip
_ROLES = {name: role for role, names in _ROLE_NAMES.items() for name in names}
_LABEL_ROLES = ("code", "name", "area", "year", "kind", "unit")
_YEAR_WORD = re.compile(r"(?<![\d/])(?<!\d[.,])(19[89]\d|20\d\d|2100)(?![\d/]|[.,]\d)")
_DATE_TEXT = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


def role_of(value: Any) -> str | None:
    """The role a header cell names ("Kennzahl" → "code", "Wert" → "value"), or None."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    return _ROLES.get(" ".join(value.split()).lower().rstrip(":*").strip())


@dataclass
class MonthColumn:
    """A column of a monthly table: its index (0-based), month and year (None: the sheet's year)."""

    index: int
    month: int
    year: int | None


@dataclass
class Layout:
    """The layout found: header row, the column of each role, the month columns of a monthly table."""

    kind: str
    header_row: int
    columns: dict[str, int]
    months: list[MonthColumn] = field(default_factory=list)
    bad_months: list[tuple[int, str]] = field(default_factory=list)
    free_columns: list[int] = field(default_factory=list)
    title_year: int | None = None
    title_years: set[int] = field(default_factory=set)
    ignored: list[str] = field(default_factory=list)
    breakdowns: list[tuple[int, str]] = field(default_factory=list)  # (column, header) of "Geschlecht" …
    title_texts: list[str] = field(default_factory=list)


def find_layout(top: list[tuple[int, tuple[Any, ...]]]) -> Layout | None:
    """The layout of a sheet from its first non-empty rows (number, values), or None if no header is found."""
    for position, (number, row) in enumerate(top):
        roles = _roles(row)
        above = [r for _, r in top[max(0, position - 2) : position]]
        if {"month", "value"} <= roles.keys() and ("code" in roles or "name" in roles):
            layout = Layout(LAYOUT_TEMPLATE, number, roles, breakdowns=_breakdowns(row, len(row)))
            return _with_title(layout, top[:position])
        months, invalid = _month_headings(row)
        label_roles = {"code", "name", "area"} & roles.keys()
        if len(months) >= 3 or (months and label_roles):
            layout = _wide(number, row, roles, months, above)
            for index, message in invalid.items():  # a date heading that does not exist (29.02.2030)
                layout.bad_months.append((index, message))
            below = [r for _, r in top[position + 1 :]]
            groups = free_breakdown_column(layout.free_columns, below)
            if groups is not None:  # "Insgesamt / Frauen / Männer" in a column without a header
                layout.breakdowns.append((groups, ""))
                layout.free_columns.remove(groups)
            return _with_title(layout, top[:position])
    return None


def _breakdowns(row: tuple[Any, ...], width: int) -> list[tuple[int, str]]:
    """(column, header) of every breakdown column ("Geschlecht", "Altersgruppe") among the first ``width``."""
    return [(i, header_text(row, i)) for i in range(min(width, len(row))) if role_of(row[i]) == "breakdown"]


def _month_headings(row: tuple[Any, ...]) -> tuple[list[tuple[int, tuple[int, int | None]]], dict[int, str]]:
    """The month columns of a header row (index, (month, year)), and headings that are dates which do not exist
    ("29.02.2030"), each with its German reason; such a column is counted as a month column that is passed over."""
    months: list[tuple[int, tuple[int, int | None]]] = []
    invalid: dict[int, str] = {}
    for index, value in enumerate(row):
        try:
            found = month_header(value)
        except CellValueError as exc:
            invalid[index] = f"{exc} Die Spalte wird übergangen."
            months.append((index, (-1, None)))
            continue
        if found is not None:
            months.append((index, found))
    return months, invalid


def _roles(row: tuple[Any, ...]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, value in enumerate(row):
        role = role_of(value)
        if role is not None and role not in roles:
            roles[role] = index
    return roles


def _wide(
    number: int,
    row: tuple[Any, ...],
    roles: dict[str, int],
    months: list[tuple[int, tuple[int, int | None]]],
    above: list[tuple[Any, ...]],
) -> Layout:
    """A monthly table: label columns by name (also from the row above for merged headers), month columns."""
    first_month = months[0][0]
    columns = {role: i for role, i in roles.items() if role in _LABEL_ROLES and i < first_month}
    for previous in reversed(above):  # "Kennzahl" merged over two header rows stands in the upper one
        for index, value in enumerate(previous[:first_month]):
            role = role_of(value)
            if role in _LABEL_ROLES and role not in columns and row[index] is None:
                columns[role] = index
    breakdowns = _breakdowns(row, first_month)
    taken = set(columns.values()) | {i for i, _ in breakdowns}
    free = [i for i in range(first_month) if i not in taken]
    layout = Layout(LAYOUT_WIDE, number, columns, free_columns=free, breakdowns=breakdowns)
    month_columns = {index for index, _ in months}
    layout.ignored = [
        label_of(value)
        for index, value in enumerate(row)
        if index > first_month and index not in month_columns and value
    ]
    for index, (month, year) in months:
        if year is None:
            year = _year_above(above, index, first_month)
        if month == -1:
            continue  # a date that does not exist: the caller reports it
        if not 1 <= month <= 12:
            layout.bad_months.append((index, f"Monat {month} gibt es nicht (1–12); die Spalte wird übergangen."))
        else:
            layout.months.append(MonthColumn(index, month, year))
    return layout


def _year_above(above: list[tuple[Any, ...]], index: int, first_month: int) -> int | None:
    """A year standing above a month column: in the same column or, merged, in a cell to its left."""
    for previous in reversed(above):
        for column in range(min(index, len(previous) - 1), first_month - 1, -1):
            value = previous[column]
            if value is None:
                continue
            years = years_in(value)
            return years.pop() if len(years) == 1 else None
    return None


def years_in(value: Any) -> set[int]:
    """The years a title cell names ("Berichtsjahr 2014", 2014), dates ("Stand: 31.03.2015") left out."""
    if isinstance(value, bool):
        return set()
    if isinstance(value, int) and FIRST_YEAR <= value <= LAST_YEAR:
        return {value}
    if isinstance(value, (datetime, date)) or not isinstance(value, str):
        return set()
    text = _DATE_TEXT.sub(" ", value[:500])
    return {int(y) for y in _YEAR_WORD.findall(text) if FIRST_YEAR <= int(y) <= LAST_YEAR}


def _with_title(layout: Layout, title_rows: list[tuple[int, tuple[Any, ...]]]) -> Layout:
    """Note the years named in the rows above the header (a single one is the sheet's year)."""
    years: set[int] = set()
    for _, row in title_rows:
        for value in row:
            years |= years_in(value)
            if isinstance(value, str) and value.strip():
                layout.title_texts.append(label_of(value)[:300])
    layout.title_years = years
    layout.title_year = next(iter(years)) if len(years) == 1 else None
    return layout


def header_text(row: tuple[Any, ...], index: int) -> str:
    """A header cell as text for messages."""
    return label_of(row[index]) if index < len(row) else ""
