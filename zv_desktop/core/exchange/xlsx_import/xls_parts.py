"""Which cells of an .xls sheet (Excel 97–2003, BIFF8) are formatted as percent: calamine gives a cell's stored
0,206, not the 20,6 % it shows. Read from the workbook stream of the compound file (olefile): the number formats
(FORMAT records), the cell styles (XF) and the style index of every number cell of the sheet (NUMBER, RK, MULRK,
FORMULA). Only done if a cell style shows percent at all; anything unreadable gives "no percent cells" and the
values are read as stored.
"""

from __future__ import annotations

import struct
from pathlib import Path

from zv_desktop.core.exchange.xlsx_import.xlsx_parts import is_percent

_BUILTIN_PERCENT = frozenset({9, 10})
_EOF, _FORMAT, _XF, _SHEET = 0x000A, 0x041E, 0x00E0, 0x0085
_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
#: Percent cells kept at most per sheet (the rest are read as stored).
MAX_FOUND = 200_000


def _records(stream: bytes, start: int = 0) -> list[tuple[int, bytes]]:
    """The records of one substream from ``start`` up to its EOF record: (type, data)."""
    found: list[tuple[int, bytes]] = []
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        found.append((kind, stream[position + 4 : position + 4 + length]))
        position += 4 + length
        if kind == _EOF:
            break
    return found


def _text(data: bytes, offset: int, count: int) -> str:
    """A BIFF8 string of ``count`` characters at ``offset``: a flags byte, then Latin-1 or UTF-16 characters."""
    wide = data[offset] & 0x01
    body = data[offset + 1 : offset + 1 + count * (2 if wide else 1)]
    return body.decode("utf-16-le" if wide else "latin-1", errors="replace")


def _globals(stream: bytes) -> tuple[set[int], dict[str, int]]:
    """The cell style indexes that show percent, and each sheet's name → position of its substream."""
    formats: dict[int, str] = {}
    styles: list[int] = []
    sheets: dict[str, int] = {}
    for kind, data in _records(stream):
        if kind == _FORMAT and len(data) >= 5:
            number, count = struct.unpack_from("<HH", data)
            formats[number] = _text(data, 4, count)
        elif kind == _XF and len(data) >= 4:
            styles.append(struct.unpack_from("<H", data, 2)[0])
        elif kind == _SHEET and len(data) >= 8:
            position = struct.unpack_from("<I", data)[0]
            sheets[_text(data, 7, data[6])] = position
    percent = {i for i, fmt in enumerate(styles) if fmt in _BUILTIN_PERCENT or is_percent(formats.get(fmt))}
    return percent, sheets


def percent_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """The cells (row, column; 1-based) of ``sheet`` whose style shows their number as percent."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            stream = ole.openstream(name).read()
    except (OSError, ValueError, struct.error):  # olefile's errors are OSErrors
        return set()
    try:
        styles, sheets = _globals(stream)
        if not styles or sheet not in sheets:
            return set()
        found: set[tuple[int, int]] = set()
        for kind, data in _records(stream, sheets[sheet]):
            if kind in (_NUMBER, _RK, _FORMULA) and len(data) >= 6:
                row, column, style = struct.unpack_from("<HHH", data)
                if style in styles:
                    found.add((row + 1, column + 1))
            elif kind == _MULRK and len(data) >= 6:
                row, first = struct.unpack_from("<HH", data)
                for index in range((len(data) - 6) // 6):
                    if struct.unpack_from("<H", data, 4 + index * 6)[0] in styles:
                        found.add((row + 1, first + index + 1))
            if len(found) >= MAX_FOUND:
                break
        return found
    except (struct.error, IndexError):
        return set()


#: Records of cells, whose first two fields are row and column (BLANK and MULBLANK included: calamine may hold them).
_CELLS = frozenset({0x0203, 0x027E, 0x0006, 0x00FD, 0x0204, 0x0205, 0x0201, 0x00D6})
_MULBLANK = 0x00BE


def extents(path: Path) -> dict[str, tuple[int, int]]:
    """Per sheet, the last row and column any cell record reaches ({} if the workbook stream cannot be read)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream = ole.openstream("Workbook" if ole.exists("Workbook") else "Book").read()
    except (OSError, ValueError, struct.error):  # olefile's errors are OSErrors
        return {}
    found: dict[str, tuple[int, int]] = {}
    try:
        _, sheets = _globals(stream)
        for name, position in sheets.items():
            rows = columns = 0
            for kind, data in _records(stream, position):
                if kind in _CELLS and len(data) >= 4:
                    row, column = struct.unpack_from("<HH", data)
                elif kind in (_MULRK, _MULBLANK) and len(data) >= 6:
                    row, column = struct.unpack_from("<H", data)[0], struct.unpack_from("<H", data, len(data) - 2)[0]
                else:
                    continue
                rows, columns = max(rows, row + 1), max(columns, column + 1)
            found[name] = (rows, columns)
    except (struct.error, IndexError):
        return found
    return found
