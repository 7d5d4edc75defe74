"""The monthly course of one goal on screen: the same chart definition the achievement report prints."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontInfo, QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

from zv_desktop.core.charts import drawing_to_svg
from zv_desktop.core.charts.monthly_chart import monthly_drawing
from zv_desktop.core.services.goal_course import MonthlyCourse

#: A standard PDF font: its metrics lay out the labels; on screen Qt shows the system's sans serif for it.
SCREEN_FONT = "Helvetica"


class MonthlyChartWidget(QSvgWidget):
    """Shows a goal's Ist per month against its target and the previous year, drawn anew for its size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.course: MonthlyCourse | None = None
        self.title = ""
        self.svg = b""
        self.setMinimumSize(QSize(420, 170))

    def show_course(self, course: MonthlyCourse | None, title: str) -> None:
        """Draw this goal's course now; None (a goal without a measure) leaves the chart empty."""
        self.course, self.title = course, title
        self.setAccessibleName(f"Verlauf: {title}" if course is not None else "Kein Verlauf")
        self.render_chart()

    def render_chart(self) -> None:
        """Build the drawing at the widget's size in the screen's font size and show it."""
        if self.course is None:
            self.svg = b""
            self.load(b"<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>")
            return
        size = self.size()
        font_size = max(QFontInfo(self.font()).pixelSize() * 0.85, 8)
        drawing = monthly_drawing(self.course, size.width(), size.height(), font_name=SCREEN_FONT, font_size=font_size)
        self.svg = drawing_to_svg(drawing, self.title)
        self.load(self.svg)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.render_chart()
