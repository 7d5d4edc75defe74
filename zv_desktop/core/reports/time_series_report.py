"""The Zeitreihe as a printed page: the chart of the time-series window and its table of yearly figures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from zv_desktop.core.charts import time_series_drawing
from zv_desktop.core.errors import ZvError
from zv_desktop.core.reports.document import LANDSCAPE, Document, frame_width
from zv_desktop.core.reports.fonts import BOLD, FONT
from zv_desktop.core.reports.markup import esc, para
from zv_desktop.core.reports.styles import grid_style, make_styles
from zv_desktop.core.services import time_series as service
from zv_desktop.core.services.time_series_table import year_table
from zv_desktop.core.store import Store

CHART_HEIGHT = 105 * mm


def time_series_document(store: Store, measure_id: str, area_id: str, cities: bool = False) -> Document:
    """One measure for one area across all years (``cities``: the Kreis's cities side by side), landscape."""
    single = service.build_series(store, measure_id, area_id)
    if single.is_empty and not cities:
        raise ZvError(f"Für {single.measure_label} in {single.area_name} gibt es keine Werte und keine Ziele.")
    series = service.cities_side_by_side(store, measure_id, area_id) if cities else [single]
    highlight = cities and service.shows_parent_with_cities(store, measure_id)
    title = f"Zeitreihe – {single.measure_label} – {single.area_name}"
    if cities:
        title += ", Städte nebeneinander"
    styles = make_styles()
    width = frame_width(LANDSCAPE)
    chart = time_series_drawing(
        series, width, CHART_HEIGHT, title=title, font_name=FONT, bold_font_name=BOLD, highlight_first=highlight
    )
    story: list[Flowable] = [chart]
    table = year_table(series)
    if table.rows:
        right = styles.cell_right
        header = [Paragraph(f"<b>{esc(table.header(key))}</b>", styles.cell) for key in table.keys]
        rows: list[list[Flowable]] = [header]
        for row in range(len(table.rows)):
            rows.append([para(table.text(row, key), styles.cell if key == "area" else right) for key in table.keys])
        grid = Table(rows, colWidths=[width / len(table.keys)] * len(table.keys), repeatRows=1, spaceBefore=4 * mm)
        grid.setStyle(grid_style())
        story += [Paragraph("Jahreswerte", styles.h2), grid]
    return Document(title=title, office=store.site_name, subject="Zeitreihe", story=story, landscape=True)
