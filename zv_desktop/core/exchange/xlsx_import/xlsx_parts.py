"""What calamine does not tell about an .xlsx/.xlsm, read from its zip parts: where a sheet's XML is, the size the
sheet states, whether any cell style shows numbers as percent, and formula cells without a stored result.

All of it is read with the standard library (zipfile, expat) or defusedxml; nothing of openpyxl is used or patched.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat

from defusedxml import ElementTree as DefusedET

from zv_desktop.core.exchange.xlsx_import.file_check import BROKEN_ZIP

_SCAN_ERRORS: tuple[type[Exception], ...] = (expat.ExpatError, KeyError, *BROKEN_ZIP)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in number formats that show percent (0 %, 0,00 %).
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})$")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part in the archive ("xl/worksheets/sheet1.xml"); {} if the workbook does not say."""
    try:
        workbook = DefusedET.fromstring(archive.read("xl/workbook.xml"))
        relations = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (*_SCAN_ERRORS, DefusedET.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_PACKAGE_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            parts[sheet.get("name", "")] = path
    return parts


def openpyxl_needed(archive: zipfile.ZipFile) -> str:
    """Why calamine cannot read this workbook's cells as the user sees them ("" if it can): "percent" if a cell style
    shows numbers as percent, "texts" if the table of texts is not at xl/sharedStrings.xml (calamine looks there
    only; the relationship of the workbook may name any part)."""
    if percent_styled(archive):
        return "percent"
    try:
        relations = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (*_SCAN_ERRORS, DefusedET.ParseError):
        return ""
    for rel in relations.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Type", "").endswith("/sharedStrings"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            if path != "xl/sharedStrings.xml":
                return "texts"
    return ""


def is_percent(number_format: str | None) -> bool:
    """True for a percent format ("0.0%"); a quoted or escaped % ('#,##0.0" %"') is just a sign after the number."""
    return bool(number_format) and "%" in _QUOTED.sub("", number_format or "")


def percent_styled(archive: zipfile.ZipFile) -> bool:
    """True if any cell style of the workbook shows numbers as percent (0,206 shown as 20,6 %)."""
    try:
        styles = DefusedET.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return False
    except (*_SCAN_ERRORS, DefusedET.ParseError):
        return False  # a damaged style part: the values are read as stored
    custom = {fmt.get("numFmtId"): fmt.get("formatCode") for fmt in styles.iter(f"{_MAIN}numFmt")}
    for xfs in styles.iter(f"{_MAIN}cellXfs"):
        for xf in xfs.iter(f"{_MAIN}xf"):
            number_id = xf.get("numFmtId", "0")
            if (number_id.isdigit() and int(number_id) in _BUILTIN_PERCENT) or is_percent(custom.get(number_id)):
                return True
    return False


def stated_rows(archive: zipfile.ZipFile, part: str) -> int:
    """The last row the sheet's ``<dimension>`` states, looked for only before its cell data starts (0: none).

    Programs other than Excel often write no dimension; then nothing is guessed and the rest is not parsed.
    """
    found = [0]

    class _Done(Exception):
        pass

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = tag.rpartition(":")[2]
        if name == "sheetData":
            raise _Done
        if name == "dimension":
            match = _REF.search(attrs.get("ref", "").rpartition(":")[2] or "")
            found[0] = int(match[2]) if match else 0
            raise _Done

    try:
        scan_part(archive, part, start)
    except _Done:
        return found[0]
    return found[0]


def scan_part(
    archive: zipfile.ZipFile, part: str, start: Any, end: Any = None, text: Any = None, separator: str | None = None
) -> None:
    """Run expat's handlers over a zip part, streamed, without ever expanding entities; a damaged or missing part
    ends the scan quietly (the handlers keep what they found; the reader reports the damage). With ``separator``
    element names come as "namespace<separator>name"."""
    parser = expat.ParserCreate(namespace_separator=separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with archive.open(part) as source:
            _feed(parser, source)
    except _SCAN_ERRORS:
        return


def _feed(parser: expat.XMLParserType, source: IO[bytes]) -> None:
    while chunk := source.read(1 << 16):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


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
    match = _REF.match(ref or "")
    if match is None:
        return row, column
    number = 0
    for letter in match[1]:
        number = number * 26 + ord(letter) - 64
    return int(match[2]), number


def formulas_without_result(
    archive: zipfile.ZipFile, part: str, columns: set[int] | None, below: int, limit: int = 1_000
) -> tuple[list[tuple[int, int, str]], int]:
    """Formula cells of the sheet's XML ``part`` without a stored result (never calculated), as (row, column,
    formula): only cells in ``columns`` (None: all) below row ``below``, at most ``limit``; the count is of all."""
    scan = _FormulaScan(columns, below, limit)
    scan_part(archive, part, scan.start, scan.end, scan.text)  # a damaged tail only names fewer formulas
    return scan.found, scan.count


#: A cell stating its position first, as Excel, LibreOffice and openpyxl write it: <c r="H12" …>.
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>")
_PREFIXED = re.compile(rb"<[A-Za-z]\w*:c[\s>/]")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


#: A cell in a column past Z, and a cell in a row past 99,999; a position that is no cell reference.
_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_FAR_REF = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{6,7})"')
_ODD_REF = re.compile(rb'<c r="(?![A-Z]{1,3}[0-9]{1,7}")')
#: What ``extent_bounds`` says of a sheet with no cell past them.
NEAR_ROWS, NEAR_COLUMNS = 99_999, 26


def _bodies(source: IO[bytes]) -> Iterator[bytes]:
    """The part's bytes in pieces of about 1 MiB, each cut before a "<" so that no tag is split."""
    tail = b""
    while chunk := source.read(1 << 20):
        data = tail + chunk
        cut = data.rfind(b"<")
        body, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        yield body
    if tail:
        yield tail


def extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The last row and column the sheet's cells reach (what calamine will hold in memory), before it is read.

    A quick scan of the bytes finds the cells that state their position first (``<c r="H12"``), as Excel,
    LibreOffice and openpyxl write them. If any cell does not (no position, another attribute first, a namespace
    prefix), the sheet is followed element by element instead, as a reader counts.
    """
    rows = cells = tags = 0
    letters: set[bytes] = set()
    try:
        with archive.open(part) as source:
            for body in _bodies(source):
                if _PREFIXED.search(body):
                    return _followed_extent(archive, part)
                found = _CELL_REF.findall(body)
                if found:
                    letters.update(column for column, _ in found)
                    rows = max(rows, max(map(int, (number for _, number in found))))
                cells += len(found)
                tags += sum(body.count(tag) for tag in _CELL_TAGS)
    except _SCAN_ERRORS:
        return rows, max((_column_number(c) for c in letters), default=0)  # calamine reports the damage
    if tags != cells:
        return _followed_extent(archive, part)
    return rows, max((_column_number(c) for c in letters), default=0)


def extent_bounds(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """Upper bounds of ``extent``, found in about half its time: the last row exactly if it lies past 99,999 (else
    NEAR_ROWS), the last column exactly if it lies past Z (else NEAR_COLUMNS). Only cells past those are collected;
    the others are counted. A sheet whose cells do not all state a regular position first is measured by ``extent``.
    """
    rows = refs = tags = 0
    letters: set[bytes] = set()
    try:
        with archive.open(part) as source:
            for body in _bodies(source):
                if _PREFIXED.search(body) or _ODD_REF.search(body):
                    return extent(archive, part)
                letters.update(_WIDE_REF.findall(body))
                if far := _FAR_REF.findall(body):
                    rows = max(rows, max(map(int, far)))
                refs += body.count(b'<c r="')
                tags += sum(body.count(tag) for tag in _CELL_TAGS)
    except _SCAN_ERRORS:
        return extent(archive, part)
    if tags != refs:
        return extent(archive, part)
    return rows or NEAR_ROWS, max((_column_number(c) for c in letters), default=NEAR_COLUMNS)


def _followed_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The extent of a sheet with cells or rows that do not state their position (counted as a reader would)."""
    state = {"row": 0, "column": 0, "rows": 0, "columns": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = tag.rpartition(":")[2]
        if name == "row":
            state["row"] = _int(attrs.get("r"), state["row"] + 1)
            state["column"] = 0
        elif name == "c":
            state["row"], state["column"] = _position(attrs.get("r"), state["row"], state["column"] + 1)
            state["rows"] = max(state["rows"], state["row"])
            state["columns"] = max(state["columns"], state["column"])

    scan_part(archive, part, start)  # what was counted before any damage; calamine reports the damage
    return state["rows"], state["columns"]
