"""Auswertung → Zielerreichung: every goal of a year with its traffic light, sortable and filterable.

Double-click or Enter opens the goal in the main window; the pane below explains the figures of the chosen goal.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.errors import ZvError
from zv_desktop.core.formats import month_names
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.rules.forecast import Method
from zv_desktop.core.services.assessed_years import newest_assessed_year
from zv_desktop.core.services.catalogue import list_parties
from zv_desktop.core.services.goal_course import goal_course
from zv_desktop.core.services.status import YearStatus, agreement_years, goal_count, year_status
from zv_desktop.core.services.status_text import explain
from zv_desktop.ui.background import BackgroundReader
from zv_desktop.ui.dashboard_model import COL_LIGHT, GOAL_ROLE, SORT_ROLE, DashboardModel, fit_widths
from zv_desktop.ui.export_actions import ExcelJob, status_job
from zv_desktop.ui.monthly_chart_widget import MonthlyChartWidget
from zv_desktop.ui.print_actions import Job, achievement_job
from zv_desktop.ui.print_buttons import PrintButtons
from zv_desktop.ui.widgets import fill_combo
from zv_desktop.ui.window_keys import add_close_keys, close_button

#: From this many goals in a year the status is computed in the background (the reference workload has 2,017).
BACKGROUND_FROM_GOALS = 1000

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow


class _Filter(QSortFilterProxyModel):
    """Filters rows by light and by words in any column."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.light: Light | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def set_light(self, light: str | None) -> None:
        """Show only goals with this light (a ``Light`` value; None: all)."""
        self.beginFilterChange()
        self.light = None if light is None else Light(light)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        source = self.sourceModel()
        if self.light is not None and isinstance(source, DashboardModel):
            if source.row_at(source_row).status.light is not self.light:
                return False
        return super().filterAcceptsRow(source_row, source_parent)


class _Table(QTableView):
    """The goal table; Enter opens the current goal like a double-click; tells when its width changes."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class Dashboard(QWidget):
    """The achievement of every goal of a year, for one reporting month."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.window_ = window
        self.status: YearStatus | None = None
        self._sorted_once = False
        self.setAccessibleName(self.tr("Zielerreichung"))
        self.resize(1280, 720)
        self.year = QComboBox(self)
        self.month = QComboBox(self)
        self.method = QComboBox(self)
        self.party = QComboBox(self)
        self.light = QComboBox(self)
        self.words = QLineEdit(self)
        self.words.setPlaceholderText(self.tr("Wörter in Titel, Träger, Messgröße …"))
        self.words.setClearButtonEnabled(True)
        self.words.setMinimumWidth(150)
        self.party.setMaximumWidth(220)
        self.month.setMaximumWidth(170)
        self.method.setMaximumWidth(200)
        self.summary = QLabel(self)
        self.model = DashboardModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _Table(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Ziele mit Ampel"))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._content_widths: list[int] = []
        self._fitting = False
        self._user_sized = False  # the user dragged a column: a window resize no longer refits
        header.sectionResized.connect(self._section_resized)
        self.table.resized.connect(self._fit_columns)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("Erläuterung der Zahlen"))
        self.detail.setMaximumHeight(180)
        self.chart = MonthlyChartWidget(self)
        self.chart.setMaximumHeight(180)
        self.printing = PrintButtons(self, self._print_job, self._excel_job)
        self.close_button = close_button(self)
        add_close_keys(self)
        self._layout()
        self._fill_choices()
        for combo in (self.year, self.month, self.method, self.party):
            combo.currentIndexChanged.connect(self.reload)
        self.light.currentIndexChanged.connect(self._filter_light)
        self.words.textChanged.connect(self.proxy.setFilterFixedString)
        self.proxy.modelReset.connect(self._update_summary)
        self.proxy.layoutChanged.connect(self._update_summary)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.table.activated.connect(self._open)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.background = BackgroundReader(self)
        self.background.finished.connect(self._show)
        self.background.failed.connect(self._failed)
        if window.controller is not None:
            window.controller.changed.connect(self.reload)
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for text, field, accessible in (
            (self.tr("&Jahr:"), self.year, self.tr("Jahr")),
            (self.tr("Berichts&monat:"), self.month, self.tr("Berichtsmonat")),
            (self.tr("&Hochrechnung:"), self.method, self.tr("Hochrechnung")),
            (self.tr("&Träger:"), self.party, self.tr("Träger")),
            (self.tr("Amp&el:"), self.light, self.tr("Ampel")),
            (self.tr("&Suchen:"), self.words, self.tr("Suchen")),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(accessible)
            form = QFormLayout()
            form.addRow(label, field)
            top.addLayout(form)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.printing)
        summary_row.addWidget(self.close_button)
        layout.addLayout(summary_row)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(self.chart, 1)
        layout.addLayout(bottom)

    def _fill_choices(self) -> None:
        store = self.window_.store
        assert store is not None
        years = agreement_years(store) or [date.today().year]
        assessed = newest_assessed_year(store)  # not a newer draft that has no Ist values yet
        fill_combo(self.year, [(str(y), y) for y in years], assessed if assessed in years else years[0])
        fill_combo(
            self.month,
            [(self.tr("letzter mit Werten"), None)] + [(name, m) for m, name in enumerate(month_names(), start=1)],
            None,
        )
        fill_combo(self.method, [(m.label, m) for m in Method], Method.YEAR_TO_DATE)
        parties = [(p.name, p.id) for p in list_parties(store)]
        fill_combo(self.party, [(self.tr("alle Träger"), None), *parties], None)
        lights = [(self.tr("alle"), None)] + [
            (light.label, light) for light in (Light.RED, Light.AMBER, Light.GREEN, Light.NONE)
        ]
        fill_combo(self.light, lights, None)

    def reload(self) -> None:
        """Compute the status again for the chosen year, month, method and Träger.

        For a large year the computation runs in the background on its own read-only connection, so the window
        stays usable; the table shows the result when it is there ("wird berechnet …" meanwhile).
        """
        store = self.window_.store
        if store is None:
            return
        year, month, party, method = (
            self.year.currentData(),
            self.month.currentData(),
            self.party.currentData(),
            self.method.currentData(),
        )
        if goal_count(store, year) < BACKGROUND_FROM_GOALS:
            self._show(year_status(store, year, month, party, method))
            return
        self.summary.setText(self.tr("Die Zielerreichung {year} wird berechnet …").format(year=year))
        self.background.start(store, lambda reader: year_status(reader, year, month, party, method))

    def _show(self, status: YearStatus) -> None:
        self.status = status
        self.model.set_rows(status.rows)
        if not self._sorted_once:  # worst first; later the user's own sorting stays
            self._sorted_once = True
            self.table.sortByColumn(COL_LIGHT, Qt.SortOrder.AscendingOrder)
        self._fitting = True
        self.table.resizeColumnsToContents()
        self._fitting = False
        header = self.table.horizontalHeader()
        self._content_widths = [header.sectionSize(c) for c in range(header.count())]
        self._user_sized = False
        self._fit_columns()
        self.setWindowTitle(
            self.tr("Zielerreichung {year} – Stand {month:02d}/{year}").format(year=status.year, month=status.month)
        )
        self.detail.clear()
        self.chart.show_course(None, "")
        self._update_summary()

    def _fit_columns(self) -> None:
        """Share the table's width out so that every column shows, up to „Erreicht“ (see ``fit_widths``)."""
        if self._user_sized or not self._content_widths:
            return
        table = self.table
        available = table.width() - 2 * table.frameWidth() - table.verticalScrollBar().sizeHint().width()
        self._fitting = True
        for column, width in enumerate(fit_widths(self._content_widths, available)):
            table.setColumnWidth(column, width)
        self._fitting = False

    def _section_resized(self) -> None:
        if not self._fitting:
            self._user_sized = True

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, ZvError):
            raise error  # a defect: the crash handler reports it
        QMessageBox.warning(self, self.tr("Zielerreichung"), str(error))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.background.wait()
        super().closeEvent(event)

    def _chosen(self) -> tuple[int, int | None, str | None, Method, list[str] | None, str]:
        """Year, month, Träger and Hochrechnung chosen, and the goals shown if the Ampel or word filter hides some
        (with a sentence saying how they were chosen)."""
        goal_ids, selection = None, ""
        if self.proxy.rowCount() < self.model.rowCount():
            rows = range(self.proxy.rowCount())
            goal_ids = [self.proxy.index(r, 0).data(GOAL_ROLE) for r in rows]
            filters = [f"Ampel „{self.light.currentText()}“" if self.light.currentData() else ""]
            filters.append(f"Suchwörter „{self.words.text().strip()}“" if self.words.text().strip() else "")
            selection = ", ".join(f for f in filters if f)
        choice = (self.year, self.month, self.party, self.method)
        year, month, party, method = (combo.currentData() for combo in choice)
        return year, month, party, method, goal_ids, selection

    def _print_job(self) -> Job | None:
        """Drucken / Als PDF speichern: the report for the chosen year, month, Hochrechnung and Träger – only the
        goals shown if the Ampel or word filter hides some."""
        store = self.window_.store
        return None if store is None else achievement_job(store, *self._chosen())

    def _excel_job(self) -> ExcelJob | None:
        """Als Excel speichern: the same goals and figures as a workbook."""
        store = self.window_.store
        return None if store is None else status_job(store, *self._chosen())

    def _filter_light(self) -> None:
        self.proxy.set_light(self.light.currentData())

    def _update_summary(self) -> None:
        self.printing.setEnabled(self.proxy.rowCount() > 0)  # nothing shown, nothing to print
        shown = [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]
        counts = {light: sum(1 for row in shown if row.status.light is light) for light in Light}
        self.summary.setText(
            self.tr(
                "{n} Ziele: {green} erreicht, {amber} gefährdet, {red} nicht erreicht, {none} ohne Bewertung"
            ).format(
                n=len(shown),
                green=counts[Light.GREEN],
                amber=counts[Light.AMBER],
                red=counts[Light.RED],
                none=counts[Light.NONE],
            )
        )

    def _show_detail(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            self.chart.show_course(None, "")
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        self.detail.setPlainText(f"{row.goal.title} ({row.agreement_title})\n{explain(row)}")
        store, status = self.window_.store, self.status
        course = goal_course(store, row, status.month) if store is not None and status is not None else None
        self.chart.show_course(course, row.goal.title)

    def _open(self, index: QModelIndex) -> None:
        """Open the goal of a row in the main window."""
        goal_id = index.data(GOAL_ROLE)
        if goal_id:
            self.window_.open_record("goal", goal_id)
            self.window_.raise_()
            self.window_.activateWindow()


def show_dashboard(window: MainWindow) -> Dashboard:
    """Open the dashboard of the main window (or bring it to the front)."""
    existing = window.findChild(Dashboard)
    if existing is not None and existing.window_.store is window.store:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    if existing is not None:
        existing.close()
        existing.deleteLater()
    dashboard = Dashboard(window)
    dashboard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dashboard.show()
    return dashboard
