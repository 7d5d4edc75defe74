"""The label columns of a monthly table's rows: which texts name the measure and which the area.

Named columns (Kennzahl, Bezeichnung, Gebiet) are read as they are; unnamed text columns are split by content
(a catalogue area is the area, the other text the measure), an unnamed column beside the Kennzahl names the area,
and a one-measure sheet takes the measure from its title for every row.
"""

from __future__ import annotations

from typing import Any

from zv_desktop.core.exchange.xlsx_import.cell_values import label_of
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import Layout

Row = tuple[Any, ...]


def _at(row: Row, index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


class RowLabels:
    """The label columns of a monthly table's rows: named ones, and unnamed text columns split by content."""

    def __init__(self, layout: Layout, collector: Collector) -> None:
        c = layout.columns
        self.code, self.name, self.area = c.get("code"), c.get("name"), c.get("area")
        self.free = layout.free_columns
        self.catalogue = collector.catalogue
        self.sheet_label = collector.sheet_measure[0] if collector.sheet_measure else ""
        self.has_measure_column = self.code is not None or self.name is not None
        self.measure_column = next((i for i in (self.code, self.name) if i is not None), 0) + 1
        first = min([i for i in (self.code, self.name, *self.free) if i is not None], default=0)
        self.label_column = first + 1
        self._split: dict[tuple[str, ...], tuple[str, str]] = {}
        self._measure_texts: dict[str, bool] = {}

    def _label_text(self, text: str) -> bool:
        """True for a text of an unnamed column that can name a measure or area: not a bare number, unless it is
        the AGS of an area (a number cell, its leading zero lost)."""
        return bool(text) and (not text.isdigit() or self.catalogue.area(text).record_id is not None)

    def merged_from(self, row: int, context: ReadContext) -> int | None:
        """The first row of the merged range the row's Kennzahl cell lies in (None: not merged)."""
        return context.merged.top_of(row, self.measure_column)

    def of(self, row: Row) -> tuple[str, str, str]:
        """Code, name and area text of a row."""
        code, name, area = label_of(_at(row, self.code)), label_of(_at(row, self.name)), label_of(_at(row, self.area))
        if self.sheet_label:  # one measure per sheet, named in its title: every label column names the area
            if not area:
                area = next((t for t in (label_of(_at(row, i)) for i in self.free) if self._label_text(t)), "")
            return "", self.sheet_label, area
        if self.free and (self.area is None or (self.code is None and self.name is None)):
            texts = tuple(t for t in (label_of(_at(row, i)) for i in self.free) if self._label_text(t))
            if texts and self.code is None and self.name is None:
                name, area_text = self._split_free(texts)
                if self.area is None and not area:
                    area = area_text
            elif texts and not area:  # the measure has its column: an unnamed text column names the area
                area = next((t for t in texts if not self._names_measure(t)), "")
        return code, name, area

    def _names_measure(self, text: str) -> bool:
        """True for a text that is a measure's name (an unnamed column beside the codes) and no area's."""
        found = self._measure_texts.get(text)
        if found is None:
            found = (
                self.catalogue.area(text).record_id is None and self.catalogue.measure("", text).record_id is not None
            )
            if len(self._measure_texts) < 10_000:
                self._measure_texts[text] = found
        return found

    def _split_free(self, texts: tuple[str, ...]) -> tuple[str, str]:
        """Which unnamed text is the measure and which the area ("Kreis Mettmann | Integrationsquote" or back)."""
        found = self._split.get(texts)
        if found is None:
            first, second = texts[0], texts[1] if len(texts) > 1 else ""
            if second and self.catalogue.area(first).record_id and not self.catalogue.area(second).record_id:
                first, second = second, first
            found = (first, second)
            if len(self._split) < 10_000:
                self._split[texts] = found
        return found
