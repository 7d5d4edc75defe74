"""The time-series window: one measure for one area across all years (Ist, target, corridor), cities side by side.

The chart is the shared definition of ``zv_desktop.core.charts`` (the one printed reports use), shown as SVG and
redrawn at the widget's size, so text keeps the screen's font size. Below it the yearly figures as a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QFontInfo, QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.charts import drawing_to_svg, time_series_drawing
from zv_desktop.core.services import time_series as service
from zv_desktop.core.services.time_series import SeriesKey, TimeSeries
from zv_desktop.core.store import Store
from zv_desktop.ui.export_actions import ExcelJob, time_series_excel_job
from zv_desktop.ui.print_actions import Job, time_series_job
from zv_desktop.ui.print_buttons import PrintButtons
from zv_desktop.ui.time_series_models import GOAL_ROLE, YearTableModel
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.window_keys import add_close_keys, close_button

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow


class ChartWidget(QSvgWidget):
    """Shows the time-series chart, drawn anew for its size (about 10 ms, so at once on every resize)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: list[TimeSeries] = []
        self.title = ""
        self.highlight_first = False
        self.svg = b""
        self.setMinimumSize(QSize(360, 220))

    def show_series(self, series: list[TimeSeries], title: str, highlight_first: bool = False) -> None:
        """Draw these series now."""
        self.series, self.title, self.highlight_first = list(series), title, highlight_first
        self.setAccessibleName(title)
        self.render_chart()

    def render_chart(self) -> None:
        """Build the drawing at the widget's size in the screen's font size and show it."""
        size = self.size()
        font_size = max(QFontInfo(self.font()).pixelSize(), 9)
        drawing = time_series_drawing(
            self.series,
            size.width(),
            size.height(),
            title=self.title,
            font_size=font_size,
            highlight_first=self.highlight_first,
        )
        self.svg = drawing_to_svg(drawing, self.title)
        self.load(self.svg)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.render_chart()


class TimeSeriesView(QDialog):
    """Non-modal window: measure and area pickers, "Städte nebeneinander", the chart and the yearly table."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.store: Store | None = None
        self._controller: ActionController | None = None
        self._keys: list[SeriesKey] = []
        self.setWindowTitle(self.tr("Zeitreihe"))
        self.setModal(False)
        self.resize(1366, 768)
        self.measure_combo = self._combo(self.tr("Messgröße"), 40)
        self.area_combo = self._combo(self.tr("Gebiet"), 22)
        self.cities_check = QCheckBox(self.tr("&Städte nebeneinander"), self)
        self.cities_check.setAccessibleName(self.tr("Städte nebeneinander"))
        self.cities_check.setToolTip(self.tr("Zeigt die Städte des Kreises als eigene Linien."))
        self.chart = ChartWidget(self)
        self.model = YearTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Jahreswerte"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setToolTip(self.tr("Doppelklick öffnet das Ziel des Jahres."))
        self.table.doubleClicked.connect(self._open_goal)
        self.printing = PrintButtons(self, self._print_job, self._excel_job)
        self._build_layout()
        self.measure_combo.currentIndexChanged.connect(self._measure_changed)
        self.area_combo.currentIndexChanged.connect(self._area_changed)
        self.cities_check.toggled.connect(self._area_changed)
        window.windowTitleChanged.connect(self.bind)  # the main window shows another file
        self.bind()

    def _combo(self, accessible: str, characters: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(characters)
        return combo

    def _build_layout(self) -> None:
        pickers = QHBoxLayout()
        for text, combo in ((self.tr("&Messgröße:"), self.measure_combo), (self.tr("&Gebiet:"), self.area_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            pickers.addWidget(label)
            pickers.addWidget(combo, 1)
            pickers.addSpacing(12)
        pickers.addWidget(self.cities_check)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([470, 210])
        splitter.setChildrenCollapsible(False)
        self.close_button = close_button(self)
        add_close_keys(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.printing)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- the file shown ----------------------------------------------------------------------

    def bind(self) -> None:
        """Follow the main window's open file (and its changes); fill the pickers anew if it is another one."""
        store = self.window_.store
        if store is self.store:
            return
        self.store = store
        controller = self.window_.controller
        if controller is not None and controller is not self._controller:
            controller.changed.connect(self.reload)  # the old controller goes with its file, and its connection
        self._controller = controller
        self.reload()

    def reload(self) -> None:
        """Read the pickers' choices from the file again, keep the selection where possible, redraw."""
        if self.store is not self.window_.store:
            self.bind()
            return
        measure, area = self.measure_combo.currentData(), self.area_combo.currentData()
        self._keys = service.available_series(self.store) if self.store is not None else []
        measures = list(dict.fromkeys((k.measure_id, k.measure_label) for k in self._keys))
        self.measure_combo.blockSignals(True)
        self.measure_combo.clear()
        for measure_id, label in measures:
            self.measure_combo.addItem(label, measure_id)
        self.measure_combo.setCurrentIndex(max(self.measure_combo.findData(measure), 0))
        self.measure_combo.blockSignals(False)
        self._fill_areas(area)

    def select(self, measure_id: str, area_id: str) -> bool:
        """Show a measure for an area; False if the file has nothing for that pair."""
        index = self.measure_combo.findData(measure_id)
        if index < 0:
            return False
        self.measure_combo.blockSignals(True)
        self.measure_combo.setCurrentIndex(index)
        self.measure_combo.blockSignals(False)
        self._fill_areas(area_id)
        return bool(self.area_combo.currentData() == area_id)

    # -- pickers -----------------------------------------------------------------------------

    def _measure_changed(self) -> None:
        self._fill_areas(self.area_combo.currentData())

    def _fill_areas(self, keep: str | None) -> None:
        measure = self.measure_combo.currentData()
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        for key in self._keys:
            if key.measure_id == measure:
                self.area_combo.addItem(key.area_name, key.area_id)
        self.area_combo.setCurrentIndex(max(self.area_combo.findData(keep), 0))
        self.area_combo.blockSignals(False)
        self._area_changed()

    def _area_changed(self) -> None:
        if self.store is not self.window_.store:  # never read a file the main window has closed
            self.bind()
            return
        area = self.area_combo.currentData()
        has_cities = bool(self.store is not None and area and service.cities_of(self.store, area))
        self.cities_check.setEnabled(has_cities)
        self.refresh_chart()

    # -- chart and table ---------------------------------------------------------------------

    def cities_shown(self) -> bool:
        """True if the cities of the area are drawn side by side."""
        return self.cities_check.isChecked() and self.cities_check.isEnabled()

    def refresh_chart(self) -> None:
        """Build the series for the current choice and show chart, table and window title."""
        measure, area = self.measure_combo.currentData(), self.area_combo.currentData()
        series: list[TimeSeries] = []
        highlight = False
        title = self.tr("Zeitreihe")
        if self.store is not None and measure and area:
            single = service.build_series(self.store, measure, area)
            title = self.tr("Zeitreihe – {measure} – {area}").format(
                measure=single.measure_label, area=single.area_name
            )
            series = [single]
            if self.cities_shown():
                series = service.cities_side_by_side(self.store, measure, area)
                highlight = service.shows_parent_with_cities(self.store, measure)
                title = self.tr("Zeitreihe – {measure} – {area}, Städte nebeneinander").format(
                    measure=single.measure_label, area=single.area_name
                )
        self.setWindowTitle(title)
        self.chart.show_series(series, title, highlight)
        self.model.set_series(series)

    def _print_job(self) -> Job | None:
        """The Zeitreihe shown (chart and yearly figures); None while nothing is chosen."""
        measure, area = self.measure_combo.currentData(), self.area_combo.currentData()
        if self.store is None or not measure or not area:
            return None
        return time_series_job(self.store, measure, area, self.cities_shown())

    def _excel_job(self) -> ExcelJob | None:
        """Als Excel speichern: the yearly figures of the Zeitreihe shown as a workbook."""
        measure, area = self.measure_combo.currentData(), self.area_combo.currentData()
        if self.store is None or not measure or not area:
            return None
        return time_series_excel_job(self.store, measure, area, self.cities_shown())

    def _open_goal(self, index: QModelIndex) -> None:
        goal_id = self.model.data(index, GOAL_ROLE)
        if goal_id:
            self.window_.open_record("goal", goal_id)
            self.window_.raise_()
            self.window_.activateWindow()


def show_time_series(window: MainWindow) -> TimeSeriesView:
    """Open the time-series window of the main window (or bring it to the front if it is open)."""
    view = window.findChild(TimeSeriesView)
    if view is None:
        view = TimeSeriesView(window)
    else:
        view.bind()
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def show_time_series_for(window: MainWindow, measure_id: str, area_id: str) -> TimeSeriesView:
    """Open the time-series window preset to a measure and an area."""
    view = show_time_series(window)
    view.select(measure_id, area_id)
    return view
