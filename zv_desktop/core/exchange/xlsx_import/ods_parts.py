"""What calamine does not tell about an .ods sheet, read from content.xml with expat: which cells are percentages
(calamine gives the stored 0,206 of a cell shown as 20,6 %) and which cells are merged (calamine gives no ranges
for .ods). Scanned only if content.xml has either at all, and streamed, so a large file costs one quick pass.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field

from zv_desktop.core.exchange.xlsx_import.file_check import BROKEN_ZIP
from zv_desktop.core.exchange.xlsx_import.xlsx_parts import scan_part

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MARKERS = (b'value-type="percentage"', b"number-rows-spanned", b"number-columns-spanned")
#: Percent cells and merged ranges kept at most per sheet (more is unusual; the rest are read as stored).
MAX_FOUND = 100_000

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)
_READ_ERRORS: tuple[type[Exception], ...] = (KeyError, *BROKEN_ZIP)


@dataclass
class OdsSheetFacts:
    """The percent cells (row, column; 1-based) and merged ranges of one sheet."""

    percent: set[tuple[int, int]] = field(default_factory=set)
    merged: list[Bounds] = field(default_factory=list)


class _Scan:
    """Expat handlers following rows and cells (with their repeats) of one named table."""

    def __init__(self, sheet: str) -> None:
        self.sheet, self.facts = sheet, OdsSheetFacts()
        self.inside = False
        self.row = self.column = 0
        self.row_repeat = 1

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """A table, row or cell opens."""
        space, _, name = tag.rpartition(" ")
        if space != _TABLE:
            return
        if name == "table":
            self.inside = attrs.get(f"{_TABLE} name") == self.sheet
            self.row = 0
        elif not self.inside:
            return
        elif name == "table-row":
            self.row_repeat = _count(attrs.get(f"{_TABLE} number-rows-repeated"))
            self.row += 1
            self.column = 0
        elif name in ("table-cell", "covered-table-cell"):
            self._cell(attrs)

    def _cell(self, attrs: dict[str, str]) -> None:
        repeat = _count(attrs.get(f"{_TABLE} number-columns-repeated"))
        first = self.column + 1
        self.column += repeat
        if attrs.get(f"{_OFFICE} value-type") == "percentage":
            for row in range(self.row, self.row + min(self.row_repeat, MAX_FOUND)):
                for column in range(first, first + min(repeat, MAX_FOUND)):
                    if len(self.facts.percent) < MAX_FOUND:
                        self.facts.percent.add((row, column))
        rows = _count(attrs.get(f"{_TABLE} number-rows-spanned"))
        columns = _count(attrs.get(f"{_TABLE} number-columns-spanned"))
        if (rows > 1 or columns > 1) and len(self.facts.merged) < MAX_FOUND:
            self.facts.merged.append((first, self.row, first + columns - 1, self.row + rows - 1))

    def end(self, tag: str) -> None:
        """A row closes: its repeats count as rows too."""
        space, _, name = tag.rpartition(" ")
        if space == _TABLE and self.inside and name == "table-row":
            self.row += self.row_repeat - 1
        elif space == _TABLE and name == "table":
            self.inside = False


def _count(text: str | None) -> int:
    return int(text) if text and text.isascii() and text.isdigit() and int(text) > 0 else 1


def has_facts(archive: zipfile.ZipFile) -> bool:
    """True if content.xml has a percentage cell or a merged cell anywhere (a quick byte search)."""
    tail = b""
    try:
        with archive.open("content.xml") as source:
            while chunk := source.read(1 << 20):
                data = tail + chunk
                if any(marker in data for marker in _MARKERS):
                    return True
                tail = data[-40:]
    except _READ_ERRORS:
        return False
    return False


def sheet_facts(archive: zipfile.ZipFile, sheet: str) -> OdsSheetFacts:
    """The percent cells and merged ranges of ``sheet``; empty if content.xml cannot be scanned."""
    scan = _Scan(sheet)
    scan_part(archive, "content.xml", scan.start, scan.end, separator=" ")
    return scan.facts


class _Extents:
    """Expat handlers measuring, per table, the last row and column holding a value (repeats counted)."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, int]] = {}
        self.table = ""
        self.row = self.column = 0
        self.row_repeat = 1
        self.cell: tuple[int, int] | None = None  # (first, last column) of the open cell
        self.filled = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """A table, row or cell opens; anything inside a cell (a paragraph) makes it hold a value."""
        space, _, name = tag.rpartition(" ")
        if self.cell is not None:
            self.filled = True
            return
        if space != _TABLE:
            return
        if name == "table":
            self.table, self.row = attrs.get(f"{_TABLE} name", ""), 0
        elif name == "table-row":
            self.row_repeat = _count(attrs.get(f"{_TABLE} number-rows-repeated"))
            self.row += 1
            self.column = 0
        elif name in ("table-cell", "covered-table-cell"):
            repeat = _count(attrs.get(f"{_TABLE} number-columns-repeated"))
            self.cell = (self.column + 1, self.column + repeat)
            self.column += repeat
            self.filled = f"{_OFFICE} value-type" in attrs

    def end(self, tag: str) -> None:
        """A cell closes (a filled one extends its table), or a row (its repeats count as rows)."""
        space, _, name = tag.rpartition(" ")
        if space != _TABLE:
            return
        if name in ("table-cell", "covered-table-cell") and self.cell is not None:
            if self.filled:
                rows, columns = self.found.get(self.table, (0, 0))
                self.found[self.table] = (max(rows, self.row + self.row_repeat - 1), max(columns, self.cell[1]))
            self.cell, self.filled = None, False
        elif name == "table-row":
            self.row += self.row_repeat - 1


def extents(archive: zipfile.ZipFile) -> dict[str, tuple[int, int]]:
    """Per sheet, the last row and column holding a value, repeats counted as a reader expands them."""
    scan = _Extents()
    scan_part(archive, "content.xml", scan.start, scan.end, separator=" ")
    return scan.found
