"""The merged cell ranges of a sheet, asked for only when a row needs them (a Kennzahl cell that is empty under a
row with one). calamine gives them for .xlsx and .xls; an .ods has none to give (see ``workbook.Worksheet.merged``).
"""

from __future__ import annotations

from typing import Any

#: Merged ranges kept at most (a sheet with more is unusual; the rest are not used).
MAX_RANGES = 100_000

Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


class MergedCells:
    """The merged ranges of one sheet, read on first use."""

    def __init__(self, ws: Any) -> None:
        self._ws = ws
        self._bounds: list[Bounds] | None = None

    def top_of(self, row: int, column: int) -> int | None:
        """The first row of the merged range covering the cell (row, column), or None if it is not merged."""
        if self._bounds is None:
            self._bounds = self._ws.merged()[:MAX_RANGES] if self._ws is not None else []
        for min_col, min_row, max_col, max_row in self._bounds:
            if min_col <= column <= max_col and min_row <= row <= max_row:
                return min_row
        return None
