"""Access to a workbook's sheets: .xlsx, .xlsm, .xlsb, .xls and .ods, read with calamine (python-calamine).

Nothing of the workbook is ever executed: calamine reads cell values and the results the program that saved the file
stored for formulas; macros, external links and data connections are not touched. A sheet is read when its rows are
first asked for (calamine reads a sheet whole, about ten times faster than openpyxl streams it) and handed on row by
row; a sheet with content past MAX_ROWS is refused before any row is used.

What calamine does not give is taken elsewhere, and only for .xlsx/.xlsm (see ``xlsx_parts``): the size a sheet
states (for progress before reading), formula cells without a stored result, and whether cells are formatted as
percent or the table of texts lies elsewhere than calamine looks — then, and only then, the sheets' rows are read
with openpyxl (``openpyxl_rows``). The percent cells of an .ods and of an .xls, and the merged cells of an .ods,
are read from their own parts (``ods_parts``, ``xls_parts``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from zv_desktop.core.errors import os_reason
from zv_desktop.core.exchange.xlsx_import import ods_parts, xls_parts, xlsb_parts, xlsx_parts
from zv_desktop.core.exchange.xlsx_import.file_check import WorkbookFileError, workbook_kind
from zv_desktop.core.exchange.xlsx_import.openpyxl_rows import openpyxl_rows
from zv_desktop.core.formats import format_number

#: Rows a sheet may have (the importer refuses the sheet beyond).
MAX_ROWS = 200_000
#: Cells (last row × last column) a sheet may span: calamine holds a sheet as a dense block of cells (32 bytes
#: each), so one cell far out (XFD1048576) would ask for terabytes and end the program; checked before reading.
MAX_CELLS = 6_000_000

Row = tuple[Any, ...]
Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


class TooManyRowsError(WorkbookFileError):
    """The sheet has more rows than the importer reads."""


class Workbook:
    """An open workbook: calamine's reader, and for .xlsx/.xlsm the zip archive for what calamine does not give."""

    def __init__(
        self, path: Path, kind: str | None, book: Any, archive: zipfile.ZipFile | None, ods: zipfile.ZipFile | None
    ) -> None:
        self.path, self.kind, self.book, self.archive, self.ods = path, kind, book, archive, ods
        self.binary = self.kind == "xlsb"
        if archive is None:
            self.parts: dict[str, str] = {}
        else:
            self.parts = xlsb_parts.sheet_parts(archive) if self.binary else xlsx_parts.sheet_parts(archive)
        #: an .ods with percentage or merged cells, which calamine does not give (see ``ods_parts``)
        self.ods_facts = ods is not None and ods_parts.has_facts(ods)
        #: why this .xlsx's sheets are read with openpyxl ("" for calamine): cells formatted as percent, whose
        #: shown figure calamine does not give, or a table of texts elsewhere than where calamine looks for it
        self.openpyxl_because = xlsx_parts.openpyxl_needed(archive) if archive is not None and not self.binary else ""
        self.worksheets = [Worksheet(self, meta) for meta in book.sheets_metadata if _is_worksheet(meta)]


class Worksheet:
    """One sheet of a workbook, read on first use."""

    def __init__(self, parent: Workbook, meta: Any) -> None:
        self.parent, self.title = parent, str(meta.name)
        from python_calamine import SheetVisibleEnum  # loaded: the workbook was opened with it

        self.hidden = meta.visible != SheetVisibleEnum.Visible
        self._sheet: Any = None
        self._ods: ods_parts.OdsSheetFacts | None = None
        self._percent: set[tuple[int, int]] | None = None

    def sheet(self) -> Any:
        """calamine's sheet (read now if not yet)."""
        if self._sheet is None:
            part = self.parent.parts.get(self.title)
            if self.parent.archive is not None and part is not None:
                self._check_extent(self.parent.archive, part)
            try:
                self._sheet = self.parent.book.get_sheet_by_name(self.title)
            except BaseException as exc:  # calamine's errors, a damaged part, a sheet too large for memory
                if not _reader_failed(exc):
                    raise
                raise WorkbookFileError(unreadable(self.parent.path, exc)) from exc
        return self._sheet

    def _check_extent(self, archive: zipfile.ZipFile, part: str) -> None:
        """Refuse the sheet before calamine reads it if its cells span too much; the quick bounds of an .xlsx
        sheet decide where they can, its exact extent (for the message) where they cannot."""
        if self.parent.binary:
            rows, columns = xlsb_parts.extent(archive, part)
        else:
            rows, columns = xlsx_parts.extent_bounds(archive, part)
            if rows > MAX_ROWS or rows * columns > MAX_CELLS:
                rows, columns = xlsx_parts.extent(archive, part)
        check_extent(self.parent.path, self.title, rows, columns)

    def iter_rows(self, min_row: int = 1, values_only: bool = True) -> Iterator[Row]:
        """The rows from ``min_row`` on, empty ones included (as openpyxl's read-only worksheets give them)."""
        if self.parent.openpyxl_because and self.title in self.parent.parts:
            yield from openpyxl_rows(self.parent.path, self.title, min_row)
            return
        sheet = self.sheet()
        left = (None,) * sheet.start[1] if sheet.start else ()
        percent = self.percent_cells()
        for number, values in enumerate(sheet.iter_rows(), start=1):
            if number >= min_row:
                row = left + tuple([_value(v) if v.__class__ is float or v == "" else v for v in values])
                if percent:
                    row = tuple(_shown(v) if (number, c) in percent else v for c, v in enumerate(row, start=1))
                yield row

    def percent_cells(self) -> set[tuple[int, int]]:
        """The cells (row, column; 1-based) calamine gives as the stored fraction of a percentage (.ods, .xls)."""
        if self._percent is None:
            xls = self.parent.kind == "xls"
            self._percent = xls_parts.percent_cells(self.parent.path, self.title) if xls else self.ods_facts().percent
        return self._percent

    def ods_facts(self) -> ods_parts.OdsSheetFacts:
        """The percent cells and merged ranges of an .ods sheet (none for other formats)."""
        if self._ods is None:
            ods = self.parent.ods
            found = ods is not None and self.parent.ods_facts
            self._ods = ods_parts.sheet_facts(ods, self.title) if found and ods else ods_parts.OdsSheetFacts()
        return self._ods

    def last_row(self) -> int:
        """The number of the last row with content (0: none)."""
        sheet = self.sheet()
        return int(sheet.end[0]) + 1 if sheet.end else 0

    def merged(self) -> list[Bounds]:
        """The merged cell ranges (calamine's for .xlsx and .xls, content.xml's for .ods)."""
        if self.parent.ods is not None:
            return self.ods_facts().merged
        ranges = self.sheet().merged_cell_ranges or []
        return [(c0 + 1, r0 + 1, c1 + 1, r1 + 1) for (r0, c0), (r1, c1) in ranges]


def _reader_failed(exc: BaseException) -> bool:
    """True for an error of the reader on a damaged file: any Exception, and a panic of calamine's Rust code (pyo3
    raises it as ``PanicException``, derived from BaseException); KeyboardInterrupt and SystemExit are not."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _is_worksheet(meta: Any) -> bool:
    from python_calamine import SheetTypeEnum  # loaded: the workbook was opened with it

    return bool(meta.typ == SheetTypeEnum.WorkSheet)


def _shown(value: Any) -> Any:
    """A percentage cell's figure as shown: the stored 0.206 is 20.6 (an exact Decimal)."""
    return Decimal(repr(value)) * 100 if type(value) in (int, float) else value


def _value(value: Any) -> Any:
    """A cell as the importer reads it: no text is None, whole numbers int (as stored in the file), the rest as is."""
    if value == "" and type(value) is str:
        return None
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """The workbook at ``path`` (checked beforehand with ``file_check``), open for reading; always closed."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as exc:  # its compiled part needs Windows 10 or later (the Rust standard library)
        raise WorkbookFileError(
            "Tabellen können auf diesem Rechner nicht gelesen werden: ein Programmteil von ZV Desktop (calamine) "
            "lässt sich nicht laden. Er braucht Windows 10 oder neuer; bitte die IT-Betreuung verständigen."
        ) from exc

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise WorkbookFileError(f"Die Datei „{path}“ {os_reason(exc)}.") from exc
    with handle:
        kind = workbook_kind(path)
        archive = zipfile.ZipFile(handle) if kind in ("xlsx", "xlsb") else None
        ods = zipfile.ZipFile(handle) if kind == "ods" else None
        # calamine reads every sheet of an .ods and .xls while opening: their extents are checked first
        sizes = ods_parts.extents(ods) if ods is not None else xls_parts.extents(path) if kind == "xls" else {}
        for name, (rows, columns) in sizes.items():
            check_extent(path, name, rows, columns)
        try:
            book = CalamineWorkbook.from_path(str(path))
        except BaseException as exc:  # any failure of the reader on a broken file is the file's fault
            if not _reader_failed(exc):
                raise
            raise WorkbookFileError(unreadable(path, exc)) from exc
        try:
            yield Workbook(path, kind, book, archive, ods)
        finally:
            book.close()
            for opened in (archive, ods):
                if opened is not None:
                    opened.close()


def unreadable(path: Path, exc: BaseException) -> str:
    """The German message for a workbook the reader cannot read, naming its format."""
    if isinstance(exc, MemoryError):
        return f"„{path.name}“ ist zu groß, um gelesen zu werden."
    if type(exc).__name__ == "PasswordError":
        return (
            f"„{path.name}“ ist mit einem Kennwort geschützt und kann nicht gelesen werden. Bitte den Kennwortschutz "
            "entfernen und erneut speichern."
        )
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if len(detail) > 120:  # the reader's own words, cut at a word
        detail = detail[:120].rsplit(" ", 1)[0] + " …"
    kind = workbook_kind(path)
    if kind == "xls":
        return (
            f"„{path.name}“ ist eine Excel-Datei im alten Format (.xls, Excel 97–2003), lässt sich aber nicht lesen "
            f"(beschädigt oder unvollständig: {detail}). Bitte in Excel öffnen und als „Excel-Arbeitsmappe (*.xlsx)“ "
            "speichern, dann erneut einlesen."
        )
    if kind == "ods":
        return (
            f"„{path.name}“ ist eine OpenDocument-Tabelle (.ods), lässt sich aber nicht lesen (beschädigt oder "
            f"unvollständig: {detail}). Bitte in LibreOffice öffnen und neu speichern."
        )
    return (
        f"„{path.name}“ kann nicht als Excel-Arbeitsmappe gelesen werden (beschädigt oder unvollständig: {detail}). "
        "Bitte die Datei in Excel öffnen und neu speichern."
    )


def sheet_names(workbook: Workbook) -> list[str]:
    """The names of the worksheets (chart sheets have no cells and are left out)."""
    return [ws.title for ws in workbook.worksheets]


def hidden_sheets(workbook: Workbook) -> list[str]:
    """The names of the worksheets the program does not show (hidden, very hidden)."""
    return [ws.title for ws in workbook.worksheets if ws.hidden]


def worksheet(workbook: Workbook, name: str) -> Worksheet:
    """The worksheet called ``name``."""
    return next(ws for ws in workbook.worksheets if ws.title == name)


def row_estimate(ws: Worksheet) -> int:
    """How many rows the sheet says it has, before it is read (0 if unknown: other formats, no dimension)."""
    part = ws.parent.parts.get(ws.title)
    if ws.parent.archive is None or part is None or ws.parent.binary:
        return 0
    return xlsx_parts.stated_rows(ws.parent.archive, part)


def rows(path: Path, ws: Worksheet, first: int = 1) -> Generator[tuple[int, Row], None, None]:
    """The non-empty rows of a sheet from row ``first`` on, with their numbers; TooManyRowsError for a sheet with
    content past MAX_ROWS (said before any row is given, where the reader knows the last row)."""
    if not (ws.parent.openpyxl_because and ws.title in ws.parent.parts) and ws.last_row() > MAX_ROWS:
        raise _too_many(path, ws.title, ws.last_row())
    number = first - 1
    try:
        for row in ws.iter_rows(min_row=first):
            number += 1
            if row.count(None) == len(row):  # no cell of the row holds anything
                continue
            if number > MAX_ROWS:
                raise _too_many(path, ws.title, number)
            yield number, row
    except WorkbookFileError:
        raise
    except BaseException as exc:  # a reader on a damaged part (openpyxl's for percent-styled sheets, calamine's)
        if not _reader_failed(exc):
            raise
        raise WorkbookFileError(unreadable(path, exc)) from exc


def check_extent(path: Path, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet reaching past MAX_ROWS rows or spanning more than MAX_CELLS cells, before it is read."""
    if rows > MAX_ROWS:
        raise _too_many(path, sheet, rows)
    if rows * columns > MAX_CELLS:
        raise WorkbookFileError(
            f"Das Blatt „{sheet}“ in „{path.name}“ reicht bis Zeile {format_number(rows)} und Spalte "
            f"{format_number(columns)} ({format_number(rows * columns)} Zellen, höchstens {format_number(MAX_CELLS)}). "
            "So große Blätter liest ZV Desktop nicht ein; vermutlich steht weit rechts oder unten ein vergessener "
            "Eintrag. Bitte nur den benötigten Bereich in eine neue Arbeitsmappe kopieren."
        )


def _too_many(path: Path, sheet: str, number: int) -> TooManyRowsError:
    return TooManyRowsError(
        f"Das Blatt „{sheet}“ in „{path.name}“ hat mehr als {format_number(MAX_ROWS)} Zeilen (Werte bis "
        f"Zeile {format_number(number)}). So große Blätter liest ZV Desktop nicht ein; bitte die Werte auf "
        "mehrere Blätter oder Dateien verteilen."
    )


def formulas_without_result(
    workbook: Workbook, ws: Worksheet, columns: set[int] | None, below: int, limit: int = 1_000
) -> tuple[list[tuple[int, int, str]], int]:
    """Formula cells of the sheet that have no stored result (never calculated), as (row, column, formula).

    Only .xlsx/.xlsm can hold them (LibreOffice and old Excel store every result); see ``xlsx_parts``.
    """
    part = workbook.parts.get(ws.title)
    if workbook.archive is None or part is None or workbook.binary:
        return [], 0
    return xlsx_parts.formulas_without_result(workbook.archive, part, columns, below, limit)
