"""The merged cell ranges of a sheet read in read-only mode, where openpyxl does not give them.

Excel writes ``<mergeCells>`` after the cell data, so they are found by scanning the sheet's XML bytes once, without
parsing it; this is done only when a row needs it (a Kennzahl cell that is empty under a row with one).
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils.cell import range_boundaries

#: Merged ranges kept at most (a sheet with more is unusual; the rest are not used).
MAX_RANGES = 100_000
_CHUNK = 1 << 20
_MERGE = re.compile(rb'<(?:[A-Za-z]\w*:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"')

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


def merged_ranges(ws: Any) -> list[Bounds]:
    """The merged ranges of a read-only worksheet; [] if there are none or the sheet cannot be read again."""
    found: set[bytes] = set()
    source = ws._get_source()  # the sheet's XML, as openpyxl's read-only worksheet opens it
    try:
        tail = b""
        while chunk := source.read(_CHUNK):
            data = tail + chunk
            if b"mergeCell" in data:
                found.update(match[1] for match in _MERGE.finditer(data))
                if len(found) > MAX_RANGES:
                    break
            tail = data[-200:]
    except OSError:
        return []
    finally:
        source.close()
    bounds = []
    for ref in sorted(found)[:MAX_RANGES]:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        bounds.append((min_col or 1, min_row or 1, max_col or 1, max_row or 1))
    return bounds


class MergedCells:
    """The merged ranges of one sheet, read on first use."""

    def __init__(self, ws: Any) -> None:
        self._ws = ws
        self._bounds: list[Bounds] | None = None

    def top_of(self, row: int, column: int) -> int | None:
        """The first row of the merged range covering the cell (row, column), or None if it is not merged."""
        if self._bounds is None:
            self._bounds = merged_ranges(self._ws) if self._ws is not None else []
        for min_col, min_row, max_col, max_row in self._bounds:
            if min_col <= column <= max_col and min_row <= row <= max_row:
                return min_row
        return None
