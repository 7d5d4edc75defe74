"""Streaming access to a workbook: open it safely with openpyxl (read-only, cached values), read rows, find formulas.

Nothing of the workbook is ever executed: openpyxl reads cell values and the results Excel stored for formulas;
macros, external links and data connections are not touched. Rows are streamed, so a sheet is never held in
memory as a whole; a sheet with more than MAX_ROWS rows is refused while reading.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.parsers import expat

from zv_desktop.core.errors import os_reason
from zv_desktop.core.exchange.xlsx_import.file_check import BROKEN_ZIP, ENTITIES, WorkbookFileError
from zv_desktop.core.formats import format_number

#: Rows a sheet may have (the importer stops reading and refuses the sheet beyond).
MAX_ROWS = 200_000

Row = tuple[Any, ...]

#: What a damaged sheet's XML or zip member raises while its formulas are scanned.
_SCAN_ERRORS: tuple[type[Exception], ...] = (expat.ExpatError, KeyError, *BROKEN_ZIP)


class TooManyRowsError(WorkbookFileError):
    """The sheet has more rows than the importer reads."""


def _size_before_data(ws: Any) -> None:
    """The stored dimension of a read-only sheet, looked for only before its cell data starts.

    openpyxl's own ``_get_size`` parses a sheet without a ``<dimension>`` element (as many programs other than
    Excel write it) to its end while the workbook is opened: every sheet is parsed twice, and a large one keeps
    the import busy for minutes before the first row can report progress or be cancelled. The element belongs
    before ``<sheetData>``, so looking there is enough.
    """
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse  # defusedxml's, as openpyxl uses it

    source = ws._get_source()
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if element.tag == DATA_TAG:
                return
            if event == "end" and element.tag == DIMENSION_TAG:
                ws._min_column, ws._min_row, ws._max_column, ws._max_row = SheetDimension.from_tree(element).boundaries
                return
    finally:
        source.close()


def _read_sizes_lazily() -> None:
    """Let openpyxl's read-only sheets find their size with ``_size_before_data`` (once per process)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet, "_get_size", None) is not _size_before_data:
        ReadOnlyWorksheet._get_size = _size_before_data


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """The workbook, opened read-only with cached formula results and without external links; always closed."""
    from openpyxl import load_workbook

    _read_sizes_lazily()

    try:
        handle = path.open("rb")  # a file object: openpyxl would refuse a name not ending in .xlsx/.xlsm
    except OSError as exc:
        raise WorkbookFileError(f"Die Datei „{path}“ {os_reason(exc)}.") from exc
    with handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips; they do not matter here
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # any failure of the parser on a broken file is the file's fault
            raise WorkbookFileError(_unreadable(path, exc)) from exc
        try:
            yield workbook
        finally:
            workbook.close()


def _unreadable(path: Path, exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return f"„{path.name}“ ist zu groß, um gelesen zu werden."
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, DefusedXmlException):  # openpyxl wraps the parser's error
        cause = cause.__cause__ or cause.__context__
    if cause is not None:  # entity definitions (billion laughs, external entities)
        return f"„{path.name}“ {ENTITIES}"
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if len(detail) > 120:  # the parser's own words, cut at a word
        detail = detail[:120].rsplit(" ", 1)[0] + " …"
    return (
        f"„{path.name}“ kann nicht als Excel-Arbeitsmappe gelesen werden (beschädigt oder unvollständig: {detail}). "
        "Bitte die Datei in Excel öffnen und neu speichern."
    )


def sheet_names(workbook: Any) -> list[str]:
    """The names of the worksheets (chart sheets have no cells and are left out)."""
    return [ws.title for ws in workbook.worksheets if hasattr(ws, "iter_rows")]


def hidden_sheets(workbook: Any) -> list[str]:
    """The names of the worksheets Excel does not show ("hidden" or "veryHidden")."""
    return [ws.title for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") != "visible"]


def worksheet(workbook: Any, name: str) -> Any:
    """The worksheet called ``name``."""
    return next(ws for ws in workbook.worksheets if ws.title == name)


def row_estimate(ws: Any) -> int:
    """How many rows the sheet says it has (its stored dimension; 0 if unknown)."""
    try:
        return int(ws.max_row or 0)
    except (TypeError, ValueError):
        return 0


def rows(path: Path, ws: Any, first: int = 1) -> Generator[tuple[int, Row], None, None]:
    """The non-empty rows of a sheet from row ``first`` on, with their numbers; TooManyRowsError for a row with
    content past MAX_ROWS.

    The stored dimension is ignored (other programs write wrong ones); empty rows are skipped.
    """
    ws.reset_dimensions()
    percent = percent_styled(ws.parent)  # only then are cell formats read: the common case stays values only
    source = iter(ws.iter_rows(min_row=first, values_only=not percent))
    number = first - 1
    while True:
        try:
            row = next(source)
        except StopIteration:
            return
        except Exception as exc:
            raise WorkbookFileError(_unreadable(path, exc)) from exc
        number += 1
        if percent:
            row = tuple(_shown_value(cell) for cell in row)
        if not row or all(value is None for value in row):
            continue  # rows missing from the XML come as (); formatted rows without content are skipped too
        if number > MAX_ROWS:
            raise TooManyRowsError(
                f"Das Blatt „{ws.title}“ in „{path.name}“ hat mehr als {format_number(MAX_ROWS)} Zeilen (Werte bis "
                f"Zeile {format_number(number)}). So große Blätter liest ZV Desktop nicht ein; bitte die Werte auf "
                "mehrere Blätter oder Dateien verteilen."
            )
        yield number, row


_QUOTED = re.compile(r'"[^"]*"|\\.')


def _is_percent(number_format: str | None) -> bool:
    """True for a percent format ("0.0%"); a quoted or escaped % ('#,##0.0" %"') is just a sign after the number."""
    return bool(number_format) and "%" in _QUOTED.sub("", number_format or "")


def percent_styled(workbook: Any) -> bool:
    """True if any cell style of the workbook shows numbers as percent (0,206 shown as 20,6 %)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE  # loaded with openpyxl itself

    custom = list(getattr(workbook, "_number_formats", []))
    for style in getattr(workbook, "_cell_styles", []):
        number_id = style.numFmtId
        text = BUILTIN_FORMATS.get(number_id) if number_id < BUILTIN_FORMATS_MAX_SIZE else None
        if text is None and 0 <= number_id - BUILTIN_FORMATS_MAX_SIZE < len(custom):
            text = custom[number_id - BUILTIN_FORMATS_MAX_SIZE]
        if _is_percent(text):
            return True
    return False


def _shown_value(cell: Any) -> Any:
    """A cell's value as the user sees it: a percent-formatted 0.206 is the figure 20.6 (as an exact Decimal)."""
    value = cell.value
    if type(value) in (int, float) and _is_percent(getattr(cell, "number_format", None)):
        return Decimal(repr(value)) * 100
    return value


class _FormulaScan:
    """Expat handlers that collect formula cells without a stored result, in the given columns below a row."""

    def __init__(self, columns: set[int] | None, below: int, limit: int) -> None:
        self.columns, self.below, self.limit = columns, below, limit
        self.found: list[tuple[int, int, str]] = []
        self.count = 0
        self._row = self._column = 0
        self._formula: list[str] = []
        self._has_formula = self._has_value = self._in_value = self._in_formula = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """An element opens: a row, a cell, a formula or a value."""
        name = tag.rpartition(":")[2]
        if name == "row":
            self._row = _int(attrs.get("r"), self._row + 1)
            self._column = 0
        elif name == "c":
            self._row, self._column = _position(attrs.get("r"), self._row, self._column + 1)
            self._has_formula = self._has_value = False
            self._formula = []
        elif name == "f":
            self._has_formula = self._in_formula = True
        elif name in ("v", "is"):
            self._in_value = True

    def end(self, tag: str) -> None:
        """An element closes; a formula cell without a value is noted."""
        name = tag.rpartition(":")[2]
        if name == "c" and self._has_formula and not self._has_value:
            if self._row > self.below and (self.columns is None or self._column in self.columns):
                self.count += 1
                if len(self.found) < self.limit:
                    self.found.append((self._row, self._column, "".join(self._formula)[:80]))
        elif name == "f":
            self._in_formula = False
        elif name in ("v", "is"):
            self._in_value = False

    def text(self, data: str) -> None:
        """Text inside a value (the stored result) or a formula."""
        if self._in_value:
            self._has_value = self._has_value or bool(data.strip())
        elif self._in_formula and len(self._formula) < 20:
            self._formula.append(data)


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isascii() and text.isdigit() else default


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    if not ref:
        return row, column
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        letters, number = coordinate_from_string(ref)
        return number, column_index_from_string(letters)
    except ValueError:
        return row, column


def formulas_without_result(
    workbook: Any, ws: Any, columns: set[int] | None, below: int, limit: int = 1_000
) -> tuple[list[tuple[int, int, str]], int]:
    """Formula cells of the sheet that have no stored result (never calculated), as (row, column, formula).

    Only cells in ``columns`` (None: all) below row ``below`` are listed (at most ``limit``); the count is of all
    of them. Reads the sheet's XML once more with expat, which is much lighter than a second openpyxl pass.
    """
    member = getattr(ws, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if not member or not isinstance(archive, zipfile.ZipFile):
        return [], 0
    scan = _FormulaScan(columns, below, limit)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    try:
        with archive.open(member.lstrip("/")) as source:
            parser.ParseFile(source)
    except _SCAN_ERRORS:
        return scan.found, scan.count  # the first pass read the sheet; a damaged tail only names fewer formulas
    return scan.found, scan.count
