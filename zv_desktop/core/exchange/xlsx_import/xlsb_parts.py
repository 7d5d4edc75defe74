"""The extent of each sheet of an .xlsb (Excel binary workbook, BIFF12), measured before calamine reads it.

A BIFF12 part is a sequence of records: a type (one or two bytes, seven bits each, the high bit saying another byte
follows), a length (one to four such bytes), then the data. A row header (type 0) starts with the row number, a cell
record (types 1–13: blank, number, error, boolean, text, formula results …) with its column; both 0-based, 4 bytes.
Sheets are named in workbook.bin (BrtBundleSh, type 0x9C: state, tab id, relationship id, name) and found through the
workbook's relationships.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections.abc import Iterator
from typing import IO

from defusedxml import ElementTree as DefusedET

from zv_desktop.core.exchange.xlsx_import.file_check import BROKEN_ZIP

_ROW, _CELLS, _SHEET = 0x0000, range(0x0001, 0x000E), 0x009C
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ERRORS: tuple[type[Exception], ...] = (struct.error, KeyError, UnicodeDecodeError, DefusedET.ParseError, *BROKEN_ZIP)


def _varint(source: IO[bytes], most: int) -> int | None:
    """A record's type (``most`` 2) or length (``most`` 4): seven bits per byte, low first; None at the end."""
    value = 0
    for index in range(most):
        byte = source.read(1)
        if not byte:
            return None
        value |= (byte[0] & 0x7F) << (7 * index)
        if not byte[0] & 0x80:
            break
    return value


def records(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The records of a BIFF12 part: (type, data)."""
    while (kind := _varint(source, 2)) is not None:
        length = _varint(source, 4)
        if length is None:
            return
        data = source.read(length)
        if len(data) < length:
            return
        yield kind, data


def _wide(data: bytes, offset: int) -> tuple[str, int]:
    """An XLWideString at ``offset`` (a 4-byte count of UTF-16 characters, then them) and the offset after it."""
    count = struct.unpack_from("<I", data, offset)[0]
    start = offset + 4
    return data[start : start + 2 * count].decode("utf-16-le"), start + 2 * count


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the archive ("xl/worksheets/sheet1.bin"); {} if the workbook does not say."""
    try:
        relations = DefusedET.fromstring(archive.read("xl/_rels/workbook.bin.rels"))
        targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_PACKAGE_REL}Relationship")}
        parts: dict[str, str] = {}
        with archive.open("xl/workbook.bin") as source:
            for kind, data in records(source):
                if kind == _SHEET and len(data) >= 12:
                    relation, after = _wide(data, 8)
                    name, _ = _wide(data, after)
                    target = targets.get(relation, "")
                    if target:
                        parts[name] = (
                            target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                        )
        return parts
    except _ERRORS:
        return {}


def extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """The last row and column (1-based) any cell of the sheet's part reaches."""
    rows = columns = row = 0
    try:
        with archive.open(part) as source:
            for kind, data in records(source):
                if kind == _ROW and len(data) >= 4:
                    row = struct.unpack_from("<I", data)[0] + 1
                elif kind in _CELLS and len(data) >= 4:
                    rows = max(rows, row)
                    columns = max(columns, struct.unpack_from("<I", data)[0] + 1)
    except _ERRORS:
        pass  # what was measured before the damage; calamine reports the damage
    return rows, columns
