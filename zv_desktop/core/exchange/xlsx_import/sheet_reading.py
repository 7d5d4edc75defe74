"""Reading the chosen sheet: a collector set up for its layout and titles, then its rows through the row rules.

What the title or the sheet's name says is decided before the first row: the measure of a sheet for one Kennzahl,
the group of people of a sheet for one group. Values go to the stage; problems and counts stay on the collector.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zv_desktop.core.exchange.xlsx_import.breakdown import Breakdown, names_a_group
from zv_desktop.core.exchange.xlsx_import.cell_values import cell_ref
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import Layout
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, normalise
from zv_desktop.core.exchange.xlsx_import.merged import MergedCells
from zv_desktop.core.exchange.xlsx_import.results import LAYOUT_TEMPLATE, LAYOUT_WIDE, ProblemList
from zv_desktop.core.exchange.xlsx_import.sheet_choice import FoundSheet
from zv_desktop.core.exchange.xlsx_import.sheet_rows import read_template, read_wide
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.exchange.xlsx_import.title_measure import needs_title_measure, title_measure
from zv_desktop.core.exchange.xlsx_import.workbook import row_estimate
from zv_desktop.core.progress import Progress

#: Source written on imported values when the sheet has no column "Quelle".
SOURCE_PREFIX = "Excel-Import"


@dataclass
class Reading:
    """What reading a sheet gave: the collector (mappings, problems, counts), the area assumed for rows without
    one, and the year used where neither the rows nor the month headers name one."""

    collector: Collector
    area_id: str | None
    fallback_year: int | None
    estimate: int


def read_sheet(
    path: Path,
    catalogue: Catalogue,
    stage: Stage,
    found: FoundSheet,
    options: dict[str, Any],
    progress: Progress | None,
) -> Reading:
    """Read every row of ``found`` below its header into ``stage``; ``options`` as kept on the preview."""
    layout = found.layout
    area_id = options["default_area_id"] or catalogue.single_kreis()
    collector = Collector(ProblemList(found.name), catalogue, stage, options["mapping"], area_id)
    collector.area_corrections = {normalise(label): chosen for label, chosen in options["area_mapping"].items()}
    _read_titles(collector, catalogue, found)
    fallback_year = options["year"] or layout.title_year
    source = f"{SOURCE_PREFIX} {path.name}"[:200]
    context = ReadContext(fallback_year, source, progress, row_estimate(found.ws), merged=MergedCells(found.ws))
    if progress is not None:
        progress.update(0, context.estimate, f"Blatt „{found.name}“ wird gelesen …")
    for index, message in layout.bad_months:
        collector.problems.add(cell_ref(layout.header_row, index + 1), message)
    (read_template if layout.kind == LAYOUT_TEMPLATE else read_wide)(layout, found.data_rows(), collector, context)
    for cell, message in collector.breakdown.problems():
        collector.problems.add(cell, message)
    collector.counts.skipped += collector.breakdown.values_without_total()
    return Reading(collector, area_id, fallback_year, context.estimate)


def _read_titles(collector: Collector, catalogue: Catalogue, found: FoundSheet) -> None:
    """Set up the breakdown by groups, the measure a title names and the group of people a sheet is for."""
    layout: Layout = found.layout
    label_columns = [i for role, i in layout.columns.items() if role in ("code", "name", "area")]
    names = [m.code for m in catalogue.measures.values()] + [a.name for a in catalogue.areas.values()]
    collector.breakdown = Breakdown(layout.breakdowns, [*label_columns, *layout.free_columns], names)
    below = [row for number, row in found.top if number > layout.header_row]
    if layout.kind == LAYOUT_WIDE and needs_title_measure(layout, catalogue, below):
        label, match, collector.sheet_measure_reason = title_measure(catalogue, [*layout.title_texts, found.name])
        collector.sheet_measure = (label, match)
    if not layout.breakdowns:  # a sheet for one group of people ("K2 Frauen"): no measure is matched on its own
        known = [text for m in catalogue.measures.values() for text in (m.code, m.name)]
        own_title = collector.sheet_measure is not None  # the title names the measure only without a Kennzahl column
        texts = [*layout.title_texts, found.name] if own_title else [found.name]
        collector.sheet_group = next((g for t in texts if (g := names_a_group(t, known))), "")
