"""Legend layout shared by the charts: entries wrapped into rows that fit the room."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def fit_rows(entries: Sequence[T], width: Callable[[T], float], room: float) -> list[list[tuple[float, T]]]:
    """The entries in rows no wider than ``room`` (an entry wider than that gets a row of its own): (width, entry)."""
    rows: list[list[tuple[float, T]]] = [[]]
    used = 0.0
    for entry in entries:
        need = width(entry)
        if rows[-1] and used + need > room:
            rows.append([])
            used = 0.0
        rows[-1].append((need, entry))
        used += need
    return rows
