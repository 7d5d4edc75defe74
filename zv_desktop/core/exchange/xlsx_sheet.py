"""Tables to an .xlsx file: the common sheet layout, German number formats and the atomic save.

Every table sheet looks the same: row 1 says what it is (bold), row 2 for whom and when, row 3 is empty, row 4
holds the column headers (bold, filled, frozen, with an auto-filter) and the data start in row 5; notes follow
after one empty row. Numbers stay numbers and dates stay dates; only their *format* is German-looking (Excel and
LibreOffice show "#,##0.0" as 1.234,5 on a German system). Percentages are kept as percentage points (20,6 is
the number 20.6 with the format ``0.0" %"``), not as Excel fractions (0.206), so a value typed over in Excel
stays what the user sees and comes back exactly on import.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter

from zv_desktop.core.errors import ZvError
from zv_desktop.core.files import write_atomically
from zv_desktop.core.progress import Progress

HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
CREATOR = "ZV Desktop"
#: Excel's limit for the text of one cell.
MAX_CELL_TEXT = 32767
#: Units printed after the number in a cell's format even in compact tables (the KPI grid).
_SHORT_UNITS = {"%": "%", "€": "€", "EUR": "€", "DM": "DM"}
#: Units that read better left out ("1.219" rather than "1.219 Anzahl"), as in the status texts.
_COUNT_UNITS = frozenset({"", "Anzahl", "Anz.", "Stück"})
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_DECIMALS = re.compile(r"0\.(0+)")
_LITERALS = re.compile(r'"([^"]*)"')

_FONT = "Calibri"  # openpyxl's default font; named, so LibreOffice does not fall back to a serif one
_TITLE_FONT = Font(name=_FONT, bold=True, size=13)
_INFO_FONT = Font(name=_FONT, color="555555")
_NOTE_FONT = Font(name=_FONT, italic=True, color="555555")
_HEADER_FONT = Font(name=_FONT, bold=True)
_RIGHT = Alignment(horizontal="right")
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="7F8FA6"))


@dataclass(frozen=True)
class Figure:
    """A number with a format of its own (a cell whose unit or decimals differ from its column's)."""

    value: Decimal | int | float | None
    number_format: str


Value = str | int | float | Decimal | date | Figure | None


@dataclass(frozen=True)
class Column:
    """A column: its header and the format of plain numbers in it (dates always get DD.MM.YYYY)."""

    header: str
    number_format: str = "General"


@dataclass
class Sheet:
    """One table sheet: tab name, title (what), info line (for whom and when), columns, rows and notes below."""

    name: str
    title: str
    info: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]
    notes: Sequence[str] = ()
    validations: list[DataValidation] = field(default_factory=list)
    landscape: bool = True


# --- formats ----------------------------------------------------------------------------------


def number_format(decimals: int = 0, unit: str = "", prefix: str = "", signed: bool = False) -> str:
    """An Excel number format: grouping, ``decimals`` places and the unit after the number ('#,##0.0" %"').

    ``prefix`` goes before the number ("≥ "); ``signed`` shows a plus sign for positive numbers.
    """
    body = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    shown_unit = _SHORT_UNITS.get(unit.strip(), unit.strip())
    if shown_unit in _COUNT_UNITS or '"' in shown_unit or len(shown_unit) > 15:
        shown_unit = ""
    suffix = f'" {shown_unit}"' if shown_unit else ""
    start = f'"{prefix}"' if prefix else ""
    if not signed:
        return f"{start}{body}{suffix}"
    return f'{start}"+"{body}{suffix};{start}"−"{body}{suffix};{start}{body}{suffix}'


def compact_unit(unit: str) -> str:
    """The unit if it is one short sign shown in every cell (%, €, DM), else '' (the header names it)."""
    return _SHORT_UNITS.get(unit.strip(), "")


def decimals_of(value: Decimal | None, cap: int = 4) -> int:
    """How many decimals a stored value shows: its own digits (21,0 → 1), computed ones 0 from 1.000 on, else 1."""
    if value is None:
        return 0
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -cap:
        return max(0, -exponent)
    return 0 if abs(value) >= 1000 else 1


def figure(value: Decimal | None, unit: str = "", decimals: int | None = None, prefix: str = "") -> Figure | None:
    """A stored figure as a cell: the number with its decimals and unit in the format; None if there is none."""
    if value is None:
        return None
    shown = decimals_of(value) if decimals is None else decimals
    return Figure(value, number_format(shown, unit, prefix))


def as_number(value: Decimal | float) -> int | float:
    """A value as Excel stores it: an int where it is whole, else the nearest float (20.6 stays 20.6)."""
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


# --- the info line ----------------------------------------------------------------------------


def info_line(office: str, selection: str = "", now: datetime | None = None) -> str:
    """Row 2 of a sheet: "Kreis Testland · erstellt am 22.11.2026 14:03" and the selection shown, if any."""
    stamp = (now or datetime.now()).strftime("%d.%m.%Y %H:%M")
    parts = [office.strip(), f"erstellt am {stamp}", selection.strip()]
    return " · ".join(p for p in parts if p)


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A valid tab name: no []:*?/\\ characters, no apostrophe at either end, at most 31 characters, unique."""
    name = _BAD_SHEET_CHARS.sub("-", " ".join(text.split())).strip("'").strip() or "Tabelle"
    name = name[:31].rstrip()
    used = {t.lower() for t in taken}
    number = 2
    candidate = name
    while candidate.lower() in used:
        ending = f" ({number})"
        candidate = name[: 31 - len(ending)].rstrip() + ending
        number += 1
    return candidate


def check_target(path: Path) -> Path:
    """The output path, refused (ZvError) unless it ends in .xlsx."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ZvError(f"Die Ausgabedatei „{target}“ muss auf .xlsx enden.")
    return target


# --- writing ----------------------------------------------------------------------------------


def write_workbook(path: Path, title: str, sheets: Sequence[Sheet], progress: Progress | None = None) -> int:
    """Write the sheets to ``path`` (.xlsx, atomically: nothing is left behind on an error); returns the data rows."""
    target = check_target(path)
    book = Workbook(write_only=True)
    book.properties.creator = CREATOR
    book.properties.lastModifiedBy = CREATOR
    book.properties.title = title
    book.properties.language = "de-DE"
    total = sum(len(s.rows) for s in sheets)
    done = 0
    taken: list[str] = []
    try:
        for sheet in sheets:
            name = sheet_name(sheet.name, taken)
            taken.append(name)
            done = _write_sheet(book, name, sheet, progress, done, total)
    except BaseException:  # cancelled (or failed) half way: finish openpyxl's streams and drop them, then go on
        with contextlib.suppress(OSError, ValueError):  # the first error is the one to report
            book.save(io.BytesIO())  # closes the sheets' row streams and removes their temp files
        raise
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(buffer.getvalue(), target, what="Excel-Datei")
    return total


def _write_sheet(book: Workbook, name: str, sheet: Sheet, progress: Progress | None, done: int, total: int) -> int:
    ws = book.create_sheet(name)
    count = len(sheet.columns)
    last = get_column_letter(max(count, 1))
    widths, numeric = _measure(sheet)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.auto_filter = AutoFilter(ref=f"A{HEADER_ROW}:{last}{HEADER_ROW + len(sheet.rows)}")
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = 9  # DIN A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # printed: all columns on the page width, rows flow on
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for validation in sheet.validations:
        ws.data_validations.append(validation)
    ws.append([_styled(ws, sheet.title, font=_TITLE_FONT)])
    ws.append([_styled(ws, sheet.info, font=_INFO_FONT)])
    ws.append([])
    header = [_styled(ws, c.header, font=_HEADER_FONT) for c in sheet.columns]
    for cell, right in zip(header, numeric, strict=True):
        cell.fill, cell.border = _HEADER_FILL, _HEADER_BORDER
        if right:  # over a column of numbers the header stands right, as the numbers do
            cell.alignment = _RIGHT
    ws.append(header)
    formats = [c.number_format for c in sheet.columns]
    for row in sheet.rows:
        ws.append([_cell(ws, value, formats[i] if i < count else "General") for i, value in enumerate(row)])
        done += 1
        if progress is not None and done % 2000 == 0:
            progress.update(done, total, "Excel-Datei wird geschrieben …")
    if sheet.notes:
        ws.append([])
        for note in sheet.notes:
            ws.append([_styled(ws, note, font=_NOTE_FONT)])
    return done


def _clean(text: str) -> str:
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub(" ", text)
    return cleaned if len(cleaned) <= MAX_CELL_TEXT else cleaned[: MAX_CELL_TEXT - 1] + "…"


def _styled(ws: object, text: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, None)
    cell.value = _clean(text)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.font = font
    return cell


def _cell(ws: object, value: Value, column_format: str) -> object:
    """A value as it goes into the sheet: text as text (never a formula), numbers and dates with their formats."""
    if value is None or isinstance(value, bool):
        return None if value is None else ("ja" if value else "nein")
    if isinstance(value, str):
        text = _clean(value)
        if not text.startswith("="):
            return text
        cell = WriteOnlyCell(ws, None)
        cell.value, cell.data_type = text, "s"
        return cell
    if isinstance(value, Figure):
        if value.value is None:
            return None
        number: int | float | date = as_number(value.value)
        fmt = value.number_format
    elif isinstance(value, date):
        number, fmt = value, DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
    else:
        number, fmt = as_number(value), column_format
    cell = WriteOnlyCell(ws, number)
    cell.number_format = fmt
    return cell


# --- column widths ----------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _format_parts(fmt: str) -> tuple[int, int]:
    """(decimals, length of the literal text) of a number format's first section."""
    first = fmt.split(";")[0]
    found = _DECIMALS.search(_LITERALS.sub("", first))
    return (len(found.group(1)) if found else 0), sum(len(t) for t in _LITERALS.findall(first))


def _shown_length(value: Value, column_format: str) -> int:
    """About how many characters a value takes on screen."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, date):
        return 16 if isinstance(value, datetime) else 10
    if isinstance(value, Figure):
        if value.value is None:
            return 0
        number, fmt = value.value, value.number_format
    elif isinstance(value, bool):
        return 4
    else:
        number, fmt = value, column_format
    decimals, literal = _format_parts(fmt)
    return len(f"{float(number):,.{decimals}f}") + literal


def _measure(sheet: Sheet) -> tuple[list[float], list[bool]]:
    """Column widths from the header and the content (MIN_WIDTH to MAX_WIDTH characters), and which columns hold
    more numbers and dates than texts."""
    widths = [len(c.header) + 4 for c in sheet.columns]  # bold header and the filter button
    formats = [c.number_format for c in sheet.columns]
    balance = [0] * len(widths)  # numbers minus texts
    for row in sheet.rows:
        for index, value in enumerate(row[: len(widths)]):
            if value is None:
                continue
            balance[index] += -1 if isinstance(value, str) else 1
            length = _shown_length(value, formats[index])
            if length > widths[index]:
                widths[index] = length
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, w + 3))) for w in widths], [b > 0 for b in balance]
