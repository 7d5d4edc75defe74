"""The extent check of .xlsx sheets: the quick bounds never say less than the exact extent, and are exact past
row 99,999 and column Z (where the limits can bite)."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from zv_desktop.core.exchange.xlsx_import.xlsx_parts import NEAR_COLUMNS, NEAR_ROWS, extent, extent_bounds

PART = "xl/worksheets/sheet1.xml"


def _sheet(cells: list[bytes]) -> zipfile.ZipFile:
    """A zip holding one sheet part with these <c> elements, one row each."""
    body = b"".join(b"<row>" + cell + b"</row>" for cell in cells)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(PART, b'<worksheet xmlns="x"><sheetData>' + body + b"</sheetData></worksheet>")
    return zipfile.ZipFile(data)


positions = st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384))


@settings(max_examples=60, deadline=None)
@given(st.lists(positions, min_size=1, max_size=30))
def test_bounds_cover_the_extent_and_are_exact_far_out(cells: list[tuple[int, int]]) -> None:
    archive = _sheet([f'<c r="{get_column_letter(c)}{r}"><v>1</v></c>'.encode() for r, c in cells])
    rows, columns = extent(archive, PART)
    assert (rows, columns) == (max(r for r, _ in cells), max(c for _, c in cells))
    high_rows, high_columns = extent_bounds(archive, PART)
    assert high_rows == (rows if rows > NEAR_ROWS else NEAR_ROWS)
    assert high_columns == (columns if columns > NEAR_COLUMNS else NEAR_COLUMNS)


def test_cells_without_a_regular_position_are_measured_exactly() -> None:
    odd = _sheet([b'<c r="B7"><v>1</v></c>', b'<c t="n" r="C9"><v>1</v></c>', b"<c><v>1</v></c>"])
    assert extent_bounds(odd, PART) == extent(odd, PART) == (10, 3)  # rows without r="…" counted as a reader does
    lower = _sheet([b'<c r="b7"><v>1</v></c>'])  # not a reference calamine's quick path knows
    assert extent_bounds(lower, PART) == extent(lower, PART)
