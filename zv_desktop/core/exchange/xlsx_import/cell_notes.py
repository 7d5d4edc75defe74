"""Counting what a sheet's cells hold besides plain figures, for the preview's notes: signs after figures („20,6 p“),
„–“ read as 0, and cells without a figure („.“, „x“ …), whose official signs are kept as marks."""

from __future__ import annotations

from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import CellValueError, label_of, number_text, statistics_sign
from zv_desktop.core.exchange.xlsx_import.collector import Counts
from zv_desktop.core.rules.plausibility import ZERO_SIGNS
from zv_desktop.core.rules.plausibility import statistics_sign as official_sign

Row = tuple[Any, ...]


def count_sign(raw: str, counts: Counts) -> None:
    """Count the sign of a figure such as "20,6 p", and „–“ read as 0, for the notes."""
    if raw.strip() in ZERO_SIGNS:
        counts.zeros += 1
        return
    sign = statistics_sign(raw)
    if sign is not None:
        counts.signs[sign] = counts.signs.get(sign, 0) + 1


def count_mark(raw: Any, counts: Counts) -> str:
    """Count a cell without a figure („.“, „x“, „…“, „*“ …) by its sign, for the notes; returns the sign of
    official statistics it holds (kept as the value's mark), or ""."""
    counts.no_figure += 1
    sign = " ".join(str(raw).split()) or "(leer)"
    counts.marks[sign] = counts.marks.get(sign, 0) + 1
    official = official_sign(sign)
    return official.sign if official is not None and official.value is None else ""


def is_number(value: Any) -> bool:
    """True for a cell that holds a figure (an Excel number or a German number as text)."""
    try:
        return number_text(value) is not None
    except CellValueError:
        return False


def is_mark(value: Any) -> bool:
    """True for a cell that says "no figure" („–“, „.“, „x“, empty text)."""
    try:
        return number_text(value) is None
    except CellValueError:
        return False


def first_text(row: Row) -> str:
    """The first text of a row (a heading, a note)."""
    return next((label_of(v) for v in row if isinstance(v, str) and v.strip()), "")
