"""A minimal .xlsb (Excel binary workbook, BIFF12) writer for the import tests: one sheet of numbers and texts.

Written from the format's description (records of a 7-bit type and length, then data): the workbook part names the
sheet (BrtBundleSh), the sheet part holds its stated size (BrtWsDim), row headers and number or text cells. No
spreadsheet program here writes .xlsb (LibreOffice reads it only), so the tests make their own.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>'
)
_RELATIONS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/{kind}" Target="{target}"/></Relationships>'
)


def record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: type and length as 7-bit groups (low first, high bit: more follows), then the data."""
    out = bytearray([kind] if kind < 0x80 else [(kind & 0x7F) | 0x80, kind >> 7])
    length = len(data)
    while True:
        low, length = length & 0x7F, length >> 7
        out.append(low | (0x80 if length else 0))
        if not length:
            return bytes(out) + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def write_xlsb(
    path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Daten", far: tuple[int, int] | None = None
) -> Path:
    """An .xlsb with one sheet of ``rows`` (numbers and texts; None left empty); ``far``: (row, column), 1-based,
    of one more number cell far out, as a forgotten entry would be."""
    width = max(len(row) for row in rows)
    body = record(0x81) + record(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0, width - 1)) + record(0x91)
    cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
    if far is not None:
        cells.append((far[0] - 1, far[1] - 1, 1))
    row_now = -1
    for r, c, value in cells:
        if r != row_now:
            body += record(0x00, struct.pack("<IIHBBBBI", r, 0, 0, 0, 0, 0, 0, 0))
            row_now = r
        if isinstance(value, str):
            body += record(0x06, struct.pack("<II", c, 0) + _wide(value))
        else:
            body += record(0x05, struct.pack("<IId", c, 0, float(value)))
    body += record(0x92) + record(0x82)
    book = record(0x83) + record(0x8F) + record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
    book += record(0x90) + record(0x84)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELATIONS.format(kind="officeDocument", target="xl/workbook.bin"))
        archive.writestr("xl/workbook.bin", book)
        archive.writestr(
            "xl/_rels/workbook.bin.rels", _RELATIONS.format(kind="worksheet", target="worksheets/sheet1.bin")
        )
        archive.writestr("xl/worksheets/sheet1.bin", body)
    return path
