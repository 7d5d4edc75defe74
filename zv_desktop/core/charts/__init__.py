"""Charts as ``reportlab.graphics`` drawings: one definition for the screen (as SVG) and for printed reports (PDF)."""

from zv_desktop.core.charts.time_series_chart import drawing_to_svg, time_series_drawing

__all__ = ["drawing_to_svg", "time_series_drawing"]
