"""Übersichten → Jahresvergleich: agreements of several years side by side, with corrections of the matching.

A window of its own (not modal): tick the agreements of a Träger on the left; the table shows one
column per year and one row per goal chain, coloured and labelled new / changed / removed; the pane
below explains the selected cell (reason of the pairing, changed fields, wording as a coloured word
diff). A pairing can be undone ("Zuordnung lösen") or set by hand ("Mit Vorjahresziel zuordnen…"),
each as one undoable action. The second tab lists the "Änderungen gegenüber dem Vorjahr".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.services.compare import comparison as compare
from zv_desktop.core.services.compare import selection
from zv_desktop.core.services.compare.change_list import change_list
from zv_desktop.ui import comparison_models as html_parts
from zv_desktop.ui.comparison_models import GOAL_ROLE, ID_ROLE, ComparisonModel, MatchDialog
from zv_desktop.ui.export_actions import ExcelJob, comparison_excel_job
from zv_desktop.ui.print_actions import Job, comparison_job
from zv_desktop.ui.print_buttons import PrintButtons
from zv_desktop.ui.window_keys import add_close_keys, close_button

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow


class ComparisonWindow(QWidget):
    """The comparison across years of the main window's data file."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main, Qt.WindowType.Window)
        assert main.store is not None and main.controller is not None
        self.main, self.store, self.controller = main, main.store, main.controller
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Jahresvergleich – {file}").format(file=self.store.path.name))
        self.resize(1280, 720)
        self.model = ComparisonModel(self)
        self.match_dialog: MatchDialog | None = None
        self._changes_for: compare.Comparison | None = None  # what the change list shows
        self._build()
        self.controller.changed.connect(self._fill_agreements)  # new or removed agreements, corrections, undo
        self.controller.destroyed.connect(self.close)  # another file was opened in the main window
        self._fill_parties()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.party = QComboBox(self)
        self.party.setAccessibleName(self.tr("Träger"))
        party_label = QLabel(self.tr("&Träger:"), self)
        party_label.setBuddy(self.party)
        self.agreement_list = QListWidget(self)
        self.agreement_list.setAccessibleName(self.tr("Zielvereinbarungen zum Vergleich"))
        self.agreement_list.setWordWrap(True)
        list_label = QLabel(self.tr("&Vereinbarungen (mindestens zwei ankreuzen):"), self)
        list_label.setWordWrap(True)
        list_label.setBuddy(self.agreement_list)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.printing = PrintButtons(left, self._print_job, self._excel_job)
        for widget in (party_label, self.party, list_label, self.agreement_list, self.printing):
            left_layout.addWidget(widget)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Ansichten des Vergleichs"))
        self.tabs.addTab(self._build_table_tab(), self.tr("&Gegenüberstellung"))
        self.changes_page = self._build_changes_tab()
        self.tabs.addTab(self.changes_page, self.tr("Ä&nderungen gegenüber dem Vorjahr"))
        self.tabs.currentChanged.connect(lambda _index: self._show_changes())
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])
        self.close_button = close_button(self)
        add_close_keys(self)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.party.currentIndexChanged.connect(self._fill_agreements)
        self.agreement_list.itemChanged.connect(lambda _item: self.refresh())
        for text, keys, slot in (
            (self.tr("Rückgängig"), QKeySequence.StandardKey.Undo, self.controller.stack.undo),
            (self.tr("Wiederholen"), QKeySequence("Ctrl+Y"), self.controller.stack.redo),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def _build_table_tab(self) -> QWidget:
        page = QWidget(self)
        self.table = QTableView(page)
        self.table.setAccessibleName(self.tr("Ziele im Vergleich, eine Spalte je Jahr"))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(220)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _index: self.open_goal())
        self.table.activated.connect(lambda _index: self.open_goal())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        table_label = QLabel(self.tr("&Ziele im Vergleich:"), page)
        table_label.setBuddy(self.table)
        self.only_differences = QCheckBox(self.tr("Nur &Unterschiede zeigen"), page)
        self.only_differences.toggled.connect(self._toggle_differences)
        self.unmatch_button = QPushButton(self.tr("Zuordnung &lösen"), page)
        self.unmatch_button.setToolTip(
            self.tr("Das gewählte Ziel nicht mehr als Fortsetzung des Vorjahresziels führen")
        )
        self.unmatch_button.clicked.connect(self.unmatch)
        self.match_button = QPushButton(self.tr("&Mit Vorjahresziel zuordnen…"), page)
        self.match_button.setToolTip(self.tr("Das gewählte Ziel von Hand einem Ziel der Spalte links davon zuordnen"))
        self.match_button.clicked.connect(self.choose_match)
        self.open_button = QPushButton(self.tr("Ziel ö&ffnen"), page)
        self.open_button.setToolTip(self.tr("Das in der Tabelle gewählte Ziel im Hauptfenster öffnen"))
        self.open_button.clicked.connect(self.open_goal)
        self.detail = QTextBrowser(page)
        self.detail.setAccessibleName(self.tr("Einzelheiten zum gewählten Ziel"))
        self.detail.setOpenLinks(False)
        detail_label = QLabel(self.tr("&Einzelheiten:"), page)
        detail_label.setBuddy(self.detail)
        head = QHBoxLayout()
        head.addWidget(table_label)
        head.addStretch(1)
        head.addWidget(self.only_differences)
        buttons = QHBoxLayout()
        for button in (self.unmatch_button, self.match_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        lower = QWidget(page)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(detail_label)
        lower_layout.addWidget(self.detail)
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addLayout(head)
        layout.addWidget(split)
        return page

    def _build_changes_tab(self) -> QWidget:
        page = QWidget(self)
        self.changes = QTextBrowser(page)
        self.changes.setAccessibleName(self.tr("Änderungen gegenüber dem Vorjahr, je Ziffer"))
        label = QLabel(self.tr("Änderungen &je Ziffer, für jedes Paar aufeinanderfolgender Jahre:"), page)
        label.setBuddy(self.changes)
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addWidget(self.changes)
        return page

    # -- choosing agreements -------------------------------------------------------------------

    def _fill_parties(self) -> None:
        self.party.blockSignals(True)
        self.party.clear()
        for choice in selection.parties_with_agreements(self.store):
            self.party.addItem(self.tr("{name} ({count})").format(name=choice.name, count=choice.agreements), choice.id)
        self.party.blockSignals(False)
        self._fill_agreements()

    def _fill_agreements(self, *_: object, checked: set[str] | None = None) -> None:
        """List the chosen Träger's agreements, oldest first; ``checked`` ones (else the ticked ones) stay ticked."""
        keep = checked if checked is not None else set(self.checked_ids())
        self.agreement_list.blockSignals(True)
        self.agreement_list.clear()
        party_id = self.party.currentData()
        for summary in sorted(agreements.list_agreements(self.store, party_id=party_id), key=lambda s: s.year):
            goals = self.tr("1 Ziel") if summary.goal_count == 1 else self.tr("{n} Ziele").format(n=summary.goal_count)
            text = self.tr("{year} – {title} ({status}, {goals})").format(
                year=summary.year, title=summary.title, status=summary.status.label, goals=goals
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if summary.id in keep else Qt.CheckState.Unchecked)
            self.agreement_list.addItem(item)
        self.agreement_list.blockSignals(False)
        self.refresh()

    def checked_ids(self) -> list[str]:
        """The ticked agreements, oldest first."""
        items = (self.agreement_list.item(i) for i in range(self.agreement_list.count()))
        return [str(i.data(ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def select_agreements(self, agreement_ids: list[str]) -> None:
        """Show the Träger of these agreements and tick them."""
        party_id = selection.main_party(self.store, agreement_ids)
        position = self.party.findData(party_id) if party_id is not None else -1
        self.party.blockSignals(True)
        if position >= 0:
            self.party.setCurrentIndex(position)
        self.party.blockSignals(False)
        self._fill_agreements(checked=set(agreement_ids))

    # -- showing the comparison ----------------------------------------------------------------

    def refresh(self) -> None:
        """Compare the ticked agreements again (after a tick, a correction, an undo); the selection stays."""
        if not shiboken6.isValid(self.table):
            return
        goal_id = self.model.data(self.table.currentIndex(), GOAL_ROLE)
        ids = [i for i in self.checked_ids() if self.store.exists(model.Agreement, i)]
        comparison = compare.compare_agreements(self.store, ids) if len(ids) >= 2 else None
        self.model.set_comparison(comparison)
        self.printing.setEnabled(comparison is not None)
        if comparison is None:
            self.detail.setHtml(html_parts.hint(self.tr("Bitte links mindestens zwei Zielvereinbarungen ankreuzen.")))
        else:
            index = self.model.index_of(goal_id) if goal_id else QModelIndex()
            self.table.setCurrentIndex(index if index.isValid() else self.model.first_goal_index())
        self._show_current()
        self._show_changes()

    def _print_job(self) -> Job | None:
        """Drucken / Als PDF speichern: the comparison of the ticked agreements."""
        comparison = self.model.comparison
        return None if comparison is None else comparison_job(self.store, [a.id for a in comparison.agreements])

    def _excel_job(self) -> ExcelJob | None:
        """Als Excel speichern: the comparison of the ticked agreements as a workbook."""
        comparison = self.model.comparison
        return None if comparison is None else comparison_excel_job(self.store, [a.id for a in comparison.agreements])

    def _show_changes(self) -> None:
        """Fill the tab "Änderungen gegenüber dem Vorjahr" when it is shown (not on every tick)."""
        comparison = self.model.comparison
        if self.tabs.currentWidget() is not self.changes_page or comparison is self._changes_for:
            return
        self._changes_for = comparison
        if comparison is None:
            self.changes.clear()
            return
        pairs = [change_list(comparison, pair) for pair in range(len(comparison.agreements) - 1)]
        self.changes.setHtml(html_parts.changes_html(comparison, pairs))

    def _toggle_differences(self, only: bool) -> None:
        goal_id = self.model.data(self.table.currentIndex(), GOAL_ROLE)
        self.model.set_only_differences(only)
        index = self.model.index_of(goal_id) if goal_id else QModelIndex()
        self.table.setCurrentIndex(index if index.isValid() else self.model.first_goal_index())
        self._show_current()

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        goal, step = self.model.goal(index), self.model.step(index)
        comparison = self.model.comparison
        if comparison is not None and index.isValid():
            agreement = comparison.agreements[index.column()]
            self.detail.setHtml(html_parts.cell_html(comparison, agreement, goal, step))
        self.unmatch_button.setEnabled(step is not None and step.earlier is not None and step.later is not None)
        self.match_button.setEnabled(goal is not None and index.column() > 0)
        self.open_button.setEnabled(goal is not None)

    # -- acting on the selected cell -----------------------------------------------------------

    def unmatch(self) -> None:
        """Keep the selected goal and its predecessor apart from now on (one undoable action)."""
        step = self.model.step(self.table.currentIndex())
        if step is None or step.earlier is None or step.later is None:
            return
        earlier, later = step.earlier.id, step.later.id
        self.controller.perform(
            self.tr("Zuordnung lösen"), lambda: compare.set_match(self.store, earlier, later, matched=False)
        )

    def choose_match(self) -> None:
        """Ask which goal of the column to the left the selected goal continues, then pair them."""
        index = self.table.currentIndex()
        goal, comparison = self.model.goal(index), self.model.comparison
        if goal is None or comparison is None or index.column() == 0:
            return
        step = self.model.step(index)
        current = step.earlier.id if step is not None and step.earlier is not None else None
        part = comparison.parts[index.column() - 1]
        self.match_dialog = MatchDialog(comparison, part, goal, current, self)
        self.match_dialog.chosen.connect(lambda earlier_id: self._match(earlier_id, goal.id))
        self.match_dialog.open()

    def _match(self, earlier_id: str, later_id: str) -> None:
        self.controller.perform(
            self.tr("Ziele zuordnen"), lambda: compare.set_match(self.store, earlier_id, later_id, matched=True)
        )
        index = self.model.index_of(later_id)
        if index.isValid():
            self.table.setCurrentIndex(index)

    def open_goal(self) -> None:
        """Show the selected goal in the main window's goal editor."""
        goal = self.model.goal(self.table.currentIndex())
        if goal is None:
            return
        self.main.open_record("goal", goal.id)
        self.main.raise_()
        self.main.activateWindow()

    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        for button in (self.unmatch_button, self.match_button, self.open_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.popup(self.table.viewport().mapToGlobal(point))


def _current_agreement(window: MainWindow) -> str | None:
    """The agreement chosen in the main window's navigation (also via one of its goals or sections)."""
    key = window.nav.current_key()
    if key is None or window.store is None:
        return None
    kind, record_id = key
    store = window.store
    if kind == "agreement":
        return record_id
    if kind == "goal" and store.exists(model.Goal, record_id):
        return store.get(model.Goal, record_id).agreement_id
    if kind == "section" and store.exists(model.Section, record_id):
        return store.get(model.Section, record_id).agreement_id
    return None


def show_comparison_for(window: MainWindow, agreement_ids: list[str]) -> ComparisonWindow | None:
    """Open (or bring forward) the comparison window with these agreements ticked."""
    if window.store is None or window.controller is None:
        return None
    view = window.findChild(ComparisonWindow)
    if view is None or not shiboken6.isValid(view):
        view = ComparisonWindow(window)
    if agreement_ids:
        view.select_agreements(agreement_ids)
    view.show()
    view.raise_()
    view.activateWindow()
    return view


def show_comparison(window: MainWindow) -> ComparisonWindow | None:
    """Übersichten → Jahresvergleich: the agreement chosen in the navigation and its previous years."""
    if window.store is None:
        return None
    chosen = _current_agreement(window)
    return show_comparison_for(window, selection.suggested_selection(window.store, chosen) if chosen else [])
