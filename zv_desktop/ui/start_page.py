"""The start page, shown while no record is open: the file, the year's lights, what is due, months without values,
the last exchanges and the records opened lately. Its entries open the record (or the Zielerreichung) on a click.

The figures come from ``zv_desktop.core.services.start_page``; on a large file they are read in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.formats import format_count
from zv_desktop.ui.background import BackgroundReader

if TYPE_CHECKING:
    from zv_desktop.core.services import start_page as service
    from zv_desktop.ui.main_window import MainWindow

#: From this many goals in the shown year the page is read in the background (the reference workload has 2,003).
BACKGROUND_FROM_GOALS = 1000
#: How long after a change the page reads the file again (several changes in a row: once).
REFRESH_DELAY_MS = 300
#: Role of a list entry's (kind, id) to open; of a light row's Träger id.
OPEN_ROLE = Qt.ItemDataRole.UserRole + 1
_OVERDUE = QColor("#b71c1c")


class _Links(QListWidget):
    """A list whose entries open on a single click or Enter, like links."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setMinimumHeight(60)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(2)

    def fill(self, entries: list[QListWidgetItem], empty: str) -> None:
        """Show ``entries``; a greyed sentence if there are none."""
        self.clear()
        for item in entries or [_note(empty)]:
            self.addItem(item)
        clickable = any(item.data(OPEN_ROLE) for item in entries)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)


def _item(text: str, target: tuple[str, str] | None, tip: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(OPEN_ROLE, target)
    item.setToolTip(tip)
    return item


def _note(text: str) -> QListWidgetItem:
    """An entry that only says something (nothing to open)."""
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setForeground(QBrush(QColor("#616161")))
    return item


class _WrappingLabel(QLabel):
    """A label that wraps its lines at its current width without making the page's height depend on its width (in
    a scroll area that would size the page by its preferred instead of its least height)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:
        return False

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), super().heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # as many lines as the new width needs


def _box(title: str, parent: QWidget, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class StartPage(QScrollArea):
    """What the user sees before opening a record (and via Übersichten → Startseite)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.data: service.StartPage | None = None
        self.today: Callable[[], date] = date.today  # what "today" is (a test sets another day)
        self._stale = True
        self.setObjectName("startPage")
        self.setAccessibleName(self.tr("Startseite"))
        self.setWidgetResizable(True)  # the page fills the window; a small window scrolls it
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self)
        self.heading = QLabel(content)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.file_line = _WrappingLabel(content)
        self.file_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QLabel(content)
        self.year_note = _WrappingLabel(content)
        self.lights = QTableWidget(0, 6, content)
        self.lights.setAccessibleName(self.tr("Ziele nach Ampel"))
        self.lights.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lights.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lights.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lights.verticalHeader().hide()
        self.lights.setWordWrap(False)
        self.lights.setAlternatingRowColors(True)
        self.lights.setToolTip(self.tr("Ein Klick auf eine Zeile öffnet die Zielerreichung für diesen Träger."))
        self.lights.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.dashboard_button = QPushButton(self.tr("&Zielerreichung öffnen …"), content)
        self.dashboard_button.setToolTip(self.tr("Alle Ziele des Jahres mit Ampel, Zahlen und Erläuterung (Strg+1)"))
        self.due = _Links(self.tr("Fällige Meilensteine und Berichtspflichten"), content)
        self.missing = _Links(self.tr("Monate ohne Ist-Werte"), content)
        self.exchanges = _Links(self.tr("Letzter Austausch"), content)
        self.exchanges.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent = _Links(self.tr("Zuletzt geöffnete Einträge"), content)
        self._layout(content)
        self.setWidget(content)
        self.lights.cellClicked.connect(self._light_clicked)
        self.lights.cellActivated.connect(self._light_clicked)
        self.dashboard_button.clicked.connect(lambda: self.open_dashboard(None))
        for links in (self.due, self.missing, self.recent):
            links.itemClicked.connect(self._open)
            links.itemActivated.connect(self._open)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.mark_stale)
        if window.controller is not None:
            window.controller.changed.connect(self._timer.start)
        self.background = BackgroundReader(self)
        self.background.finished.connect(self._show)
        self.background.failed.connect(self._failed)

    def _layout(self, content: QWidget) -> None:
        lights_box = _box(self.tr("Zielerreichung"), content, self.year_note, self.lights)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dashboard_button)
        layout = lights_box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(buttons)
        self.lights_box = lights_box
        self.due_box = _box(self.tr("&Fällig: Meilensteine und Berichtspflichten"), content, self.due)
        self.missing_box = _box(self.tr("Monate ohne Ist-&Werte"), content, self.missing)
        self.recent_box = _box(self.tr("Zuletzt geöffnete &Einträge"), content, self.recent)
        self.exchange_box = _box(self.tr("Letzter &Austausch"), content, self.exchanges)
        grid = QGridLayout()
        for box, row, column in ((lights_box, 0, 0), (self.due_box, 0, 1), (self.missing_box, 1, 0)):
            grid.addWidget(box, row, column)
        grid.addWidget(self.recent_box, 1, 1)
        grid.addWidget(self.exchange_box, 2, 0, 1, 2)
        for index, stretch in ((0, 3), (1, 3), (2, 1)):
            grid.setRowStretch(index, stretch)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.busy)
        outer.addLayout(top)
        outer.addWidget(self.file_line)
        outer.addLayout(grid, 1)

    # -- reading -----------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """Read the file again when the page is shown next (or now, if it is shown)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale or self._timer.isActive():
            self._timer.stop()
            self.reload()

    def reload(self) -> None:
        """Read what the page shows (in the background if the year has many goals)."""
        store = self.window_.store
        if store is None:
            return
        from zv_desktop.core.services import start_page as service
        from zv_desktop.core.services.status import goal_count

        self._stale = False
        recent = self.window_.settings.recent_records(store.path)
        today = self.today()
        year = service.shown_year(store, today)
        if year is None or goal_count(store, year) < BACKGROUND_FROM_GOALS:
            self._show(service.start_page(store, recent, today))
            return
        self.busy.setText(self.tr("wird berechnet …"))
        self.background.start(store, lambda reader: service.start_page(reader, recent, today))

    def stop(self) -> None:
        """Wait for a computation still running (the file is about to close)."""
        self._timer.stop()
        self.background.wait()

    def _failed(self, error: Exception) -> None:
        from zv_desktop.core.errors import ZvError

        self.busy.clear()
        if not isinstance(error, ZvError):
            raise error  # a defect: the crash handler reports it
        QMessageBox.warning(self, self.tr("Startseite"), str(error))

    # -- showing -----------------------------------------------------------------------------

    def _show(self, data: service.StartPage) -> None:
        self.data = data
        self.busy.clear()
        self.heading.setText(data.file_name)
        self.file_line.setText(
            self.tr("Dienststelle: {office}  ·  Datei: {path}").format(office=data.office or "–", path=data.path)
        )
        self._show_lights(data)
        self._show_due(data)
        self._show_missing(data)
        self.exchanges.fill(
            [_item(self._exchange_text(e), None, e.file_name) for e in data.exchanges],
            self.tr("Noch kein Austausch mit einer anderen Dienststelle."),
        )
        from zv_desktop.core.services.start_page import KIND_LABELS as kinds

        tip = self.tr("Klicken öffnet den Eintrag")
        self.recent.fill(
            [_item(f"{kinds.get(r.kind, r.kind)}: {r.label}", (r.kind, r.record_id), tip) for r in data.recent],
            self.tr("Noch nichts geöffnet. Links eine Zielvereinbarung, ein Ziel oder eine Vorlage wählen."),
        )

    def _exchange_text(self, exchange: service.Exchange) -> str:
        office = exchange.office or self.tr("ohne Empfänger")
        if exchange.sent:
            return self.tr("{when}: an {office} gesendet").format(when=exchange.when, office=office)
        return self.tr("{when}: von {office} übernommen").format(when=exchange.when, office=office)

    def _show_lights(self, data: service.StartPage) -> None:
        from zv_desktop.core.rules.achievement import Light
        from zv_desktop.ui.dashboard_model import light_icon

        year, table, order = data.year, self.lights, (Light.GREEN, Light.AMBER, Light.RED, Light.NONE)
        self.lights_box.setTitle(
            self.tr("Zielerreichung {year}").format(year=year) if year else self.tr("Zielerreichung")
        )
        if year is None:
            self.year_note.setText(self.tr("Die Datei enthält noch keine Zielvereinbarung."))
        elif year == data.today.year:
            self.year_note.setText(self.tr("Ziele des laufenden Jahres, Stand des letzten Monats mit Werten."))
        else:
            note = self.tr("Für {today} gibt es keine Zielvereinbarung, daher das neueste Jahr {year}.")
            self.year_note.setText(note.format(today=data.today.year, year=year))
        if table.horizontalHeaderItem(1) is None:  # the first time: columns with the lights' colours
            short = {Light.GREEN: self.tr("grün"), Light.AMBER: self.tr("gelb"), Light.RED: self.tr("rot")}
            table.setHorizontalHeaderLabels([self.tr("Träger"), "", "", "", "", self.tr("Ziele")])
            for column, light in enumerate(order, start=1):
                header = QTableWidgetItem(light_icon(light), short.get(light, self.tr("ohne")))
                header.setToolTip(light.label)
                table.setHorizontalHeaderItem(column, header)
            for column in range(6):
                mode = QHeaderView.ResizeMode.Stretch if column == 0 else QHeaderView.ResizeMode.ResizeToContents
                table.horizontalHeader().setSectionResizeMode(column, mode)
        table.setRowCount(len(data.lights))
        for row, count in enumerate(data.lights):
            name = QTableWidgetItem(count.name)
            name.setData(OPEN_ROLE, count.party_id)
            name.setToolTip(self.tr("{name}: Klicken öffnet die Zielerreichung").format(name=count.full_name))
            if count.party_id is None:
                font = QFont(name.font())
                font.setBold(True)
                name.setFont(font)
            table.setItem(row, 0, name)
            for column, value in enumerate([*(count.counts[light] for light in order), count.total], start=1):
                cell = QTableWidgetItem(format_count(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, cell)
        self.dashboard_button.setEnabled(year is not None)

    def _show_due(self, data: service.StartPage) -> None:
        from zv_desktop.core.rules.achievement import Light
        from zv_desktop.ui.dashboard_model import light_icon

        items = []
        for due in data.due:
            days, day = (due.deadline - data.today).days, f"{due.deadline:%d.%m.%Y}"
            if due.overdue:
                when = self.tr("überfällig seit {date}").format(date=day)
            elif days <= 1:
                when = self.tr("fällig heute") if days == 0 else self.tr("fällig morgen")
            else:
                when = self.tr("fällig am {date} (in {days} Tagen)").format(date=day, days=days)
            where = f"{due.agreement_title} ({due.parties})" if due.parties else due.agreement_title
            item = _item(
                f"{when}: {due.title} – {where}",
                ("goal", due.goal_id),
                self.tr("{kind}: „{title}“ – Klicken öffnet das Ziel").format(kind=due.kind.label, title=due.title),
            )
            item.setIcon(light_icon(Light.RED if due.overdue else Light.AMBER))
            if due.overdue:
                item.setForeground(QBrush(_OVERDUE))
            items.append(item)
        overdue_shown = sum(1 for due in data.due if due.overdue)
        if data.overdue_count > overdue_shown:
            more = self.tr("… und {n} weitere überfällige").format(n=data.overdue_count - overdue_shown)
            items.insert(overdue_shown, _note(more))
        soon_shown = len(data.due) - overdue_shown
        if data.soon_count > soon_shown:
            items.append(_note(self.tr("… und {n} weitere").format(n=data.soon_count - soon_shown)))
        self.due_box.setTitle(
            self.tr("&Fällig: {overdue} überfällig, {soon} in den nächsten 30 Tagen").format(
                overdue=data.overdue_count, soon=data.soon_count
            )
        )
        self.due.fill(items, self.tr("Keine offenen Meilensteine oder Berichtspflichten in den nächsten 30 Tagen."))

    def _show_missing(self, data: service.StartPage) -> None:
        from zv_desktop.core.services.start_page import month_list

        items = []
        for gap in data.missing:
            where = f"{gap.agreement_title} ({gap.parties})" if gap.parties else gap.agreement_title
            items.append(
                _item(
                    self.tr("{title} – {where}: fehlt {months}").format(
                        title=gap.title, where=where, months=month_list(gap.months)
                    ),
                    ("values", gap.agreement_id),
                    self.tr("Klicken öffnet die Kennzahlwerte der Zielvereinbarung"),
                )
            )
        if data.missing_more:
            items.append(_note(self.tr("… und {n} weitere").format(n=data.missing_more)))
        if data.year is None:
            empty = self.tr("Keine Ziele.")
        elif not data.measured:
            empty = self.tr("Kein Ziel {year} wird mit monatlichen Ist-Werten gemessen.").format(year=data.year)
        else:
            empty = self.tr("Für alle vergangenen Monate sind Ist-Werte erfasst.")
        self.missing.fill(items, empty)

    # -- clicks ------------------------------------------------------------------------------

    def _open(self, item: QListWidgetItem) -> None:
        target: Any = item.data(OPEN_ROLE)
        if target:
            kind, record_id = target
            self.window_.open_record(str(kind), str(record_id))

    def _light_clicked(self, row: int, _column: int = 0) -> None:
        item = self.lights.item(row, 0)
        if item is not None:
            self.open_dashboard(item.data(OPEN_ROLE))

    def open_dashboard(self, party_id: str | None) -> None:
        """Übersichten → Zielerreichung for the shown year (and one Träger if given)."""
        from zv_desktop.ui.dashboard import show_dashboard

        dashboard = show_dashboard(self.window_)
        year = self.data.year if self.data is not None else None
        year_index = dashboard.year.findData(year) if year is not None else -1
        if year_index >= 0:
            dashboard.year.setCurrentIndex(year_index)
        party_index = 0 if party_id is None else dashboard.party.findData(party_id)  # 0: alle Träger
        if party_index >= 0:
            dashboard.party.setCurrentIndex(party_index)
