"""The main window: navigation on the left, the editor of the chosen record on the right, menus, undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core import model
from zv_desktop.core.store import Store
from zv_desktop.ui import input_guards, main_menus
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.file_watch import FileWatch, WaitNotice, open_shared
from zv_desktop.ui.navigation import NavigationPanel
from zv_desktop.ui.settings import Settings
from zv_desktop.ui.translations import install_german
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import compact_combos

if TYPE_CHECKING:
    from zv_desktop.ui.start_page import StartPage


def _agreement_editor() -> type[Editor]:
    from zv_desktop.ui.editors.agreement_editor import AgreementEditor

    return AgreementEditor


def _goal_editor() -> type[Editor]:
    from zv_desktop.ui.editors.goal_editor import GoalEditor

    return GoalEditor


def _values_editor() -> type[Editor]:
    from zv_desktop.ui.editors.kpi_grid_editor import KpiGridEditor

    return KpiGridEditor


def _paper_editor() -> type[Editor]:
    from zv_desktop.ui.editors.paper_editor import PaperEditor

    return PaperEditor


#: How to get the editor class of each kind of record (imported on first use).
_EDITORS: dict[str, Callable[[], type[Editor]]] = {
    "agreement": _agreement_editor,
    "goal": _goal_editor,
    "values": _values_editor,
    "paper": _paper_editor,
}


class MainWindow(QMainWindow):
    """One open data file at a time; every record opens in its editor on the right."""

    welcome: StartPage  # the start page, shown while no record is open

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            input_guards.install(app)
            install_german(app)
        self.store: Store | None = None
        self.controller: ActionController | None = None
        self.watch: FileWatch | None = None
        self.editors: dict[str, Editor] = {}
        self.exchange_views: list[QWidget] = []  # received files open for looking (Datei → Austauschdatei ansehen)
        self.recent_menu: QMenu
        self.lists_menu: QMenu
        self.edit_menu: QMenu
        self.print_action: QAction
        self.pdf_action: QAction
        self.word_action: QAction
        self.excel_action: QAction
        self.import_action: QAction
        self.template_action: QAction
        self.undo_action: QAction
        self.redo_action: QAction
        self.resize(1366, 768)
        main_menus.build_menus(self)
        self.set_store(store)
        self._install_help_key()

    def _install_help_key(self) -> None:
        """F1 in every window of this one opens the help for the view (imported here: keeps start-up short)."""
        import importlib

        try:
            help_window = importlib.import_module("zv_desktop.ui.help_window")
        except ImportError:
            return
        install = getattr(help_window, "install_help_key", None)
        if callable(install):
            install(self)

    # -- the open file ---------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Show another data file (the previous one is closed; everything in it was already saved)."""
        from zv_desktop.ui.start_page import StartPage

        if hasattr(self, "welcome"):
            self.welcome.stop()  # nothing may still read the file being closed
        self._stop_watching()
        if self.store is not None:
            self.store.close()
        if self.controller is not None:  # the old file's history goes with it
            self.controller.stack.indexChanged.disconnect(self._update_undo_actions)
            self.controller.deleteLater()
        self.store = store
        self.watch = open_shared(self, store)  # may make it read-only: before anything else is shown
        store.on_wait = WaitNotice(self.statusBar())
        self.controller = ActionController(store, self)
        self.controller.dialog_parent = self
        self.watch.changed_outside.connect(self.controller.changed)
        self.controller.notice.connect(lambda text: self.statusBar().showMessage(text, 20_000))
        self.nav = NavigationPanel(store, self)
        compact_combos(self.nav, 12)
        self.nav.open_requested.connect(self.open_record)
        self.pages = QStackedWidget(self)
        self.welcome = StartPage(self)  # the start page, while no record is open
        self.pages.addWidget(self.welcome)
        self.pages.currentChanged.connect(self._update_print_actions)
        self._update_print_actions()
        self.editors = {}
        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setSizes([380, 986])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.read_only_banner = QLabel(store.read_only_reason, central)
        self.read_only_banner.setObjectName("fileReadOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #fff4ce; border: 1px solid #c8a600; padding: 6px;")
        self.read_only_banner.setVisible(store.read_only)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.controller.changed.connect(self.nav.refresh_filters)
        for action in (self.excel_action, self.import_action, self.template_action):
            action.setEnabled(True)
        self.lists_menu.setEnabled(True)
        self._rebind_undo()
        title = self.tr("ZV Desktop – {file} – {office}").format(file=store.path.name, office=store.site_name)
        self.setWindowTitle(title + (self.tr(" – nur zum Ansehen") if store.read_only else ""))
        self.statusBar().showMessage(str(store.path))
        from zv_desktop.ui.backup_dialog import back_up_on_open

        back_up_on_open(self, store)  # at most one a day; a failure only warns
        path = store.path
        QTimer.singleShot(0, lambda: self._remember_file(path))  # after the window is up

    def _remember_file(self, path: Path) -> None:
        """Put the file on the recent list and remember it for the next start."""
        self.settings.add_recent_file(path)
        self.settings.set_value("last_file", str(path))
        main_menus.fill_recent(self)

    def editor(self, kind: str) -> Editor | None:
        """The editor for a kind of record, made when it is first needed (keeps start-up short)."""
        if kind not in self.editors:
            maker = _EDITORS.get(kind)
            if maker is None or self.controller is None:
                return None
            editor = maker()(self.controller, self)
            compact_combos(editor)
            editor.open_requested.connect(self.open_record)
            self.pages.addWidget(editor)
            self.editors[kind] = editor
        return self.editors[kind]

    def open_record(self, kind: str, record_id: str) -> None:
        """Show a record in its editor (a section opens its agreement)."""
        assert self.store is not None
        if kind == "section":
            kind, record_id = "agreement", self.store.get(model.Section, record_id).agreement_id
        editor = self.editor(kind)
        if editor is None:
            return
        editor.show_record(record_id)
        self.pages.setCurrentWidget(editor)
        if kind == "goal":
            self.nav.select(kind, record_id, self.store.get(model.Goal, record_id).agreement_id)
        elif kind in ("agreement", "paper"):
            self.nav.select(kind, record_id)
        self._remember_record(kind, record_id)

    def _remember_record(self, kind: str, record_id: str) -> None:
        """Put the record on the start page's list of records opened lately (of this file)."""
        from zv_desktop.core.services.start_page import record_label

        assert self.store is not None
        label = record_label(self.store, kind, record_id)
        if label is not None:
            self.settings.add_recent_record(self.store.path, kind, record_id, label)
            self.welcome.mark_stale()

    def show_start_page(self) -> None:
        """Übersichten → Startseite: the overview of the file instead of a record."""
        self._commit_focus()
        self.pages.setCurrentWidget(self.welcome)

    def shown_record(self) -> tuple[str, str] | None:
        """The kind ("agreement", "goal", "values", "paper") and id of the record shown on the right, if any."""
        current = self.pages.currentWidget()
        kind = next((k for k, editor in self.editors.items() if editor is current), None)
        record_id = getattr(current, "record_id", None)
        return (kind, record_id) if kind is not None and record_id is not None else None

    def _update_print_actions(self) -> None:
        """Drucken and Als PDF speichern act on the record shown; on the welcome page they are off."""
        shown = self.shown_record() is not None
        self.print_action.setEnabled(shown)
        self.pdf_action.setEnabled(shown)
        self.word_action.setEnabled(shown)

    # -- menus -----------------------------------------------------------------------------

    def _rebind_undo(self) -> None:
        assert self.controller is not None
        self.controller.stack.indexChanged.connect(self._update_undo_actions)
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        """Menu texts say what would be undone or redone ("Rückgängig: Ziel ändern")."""
        if self.controller is None or not shiboken6.isValid(self.controller.stack):
            return
        stack = self.controller.stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        undo, redo = self.tr("&Rückgängig"), self.tr("&Wiederholen")
        self.undo_action.setText(f"{undo}: {stack.undoText()}" if stack.canUndo() else undo)
        self.redo_action.setText(f"{redo}: {stack.redoText()}" if stack.canRedo() else redo)

    def undo(self) -> None:
        """Bearbeiten → Rückgängig."""
        if self.controller is not None:
            self._commit_focus()
            self.controller.stack.undo()

    def redo(self) -> None:
        """Bearbeiten → Wiederholen."""
        if self.controller is not None:
            self._commit_focus()
            self.controller.stack.redo()

    def _commit_focus(self) -> None:
        """Save a field being typed in before undo, so the undo applies to it as the user expects."""
        focus = self.focusWidget()
        if isinstance(focus, QWidget):
            focus.clearFocus()

    def show_search(self) -> None:
        """Strg+F: search all years."""
        assert self.store is not None
        from zv_desktop.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.store, self)
        dialog.open_requested.connect(self.open_record)
        dialog.open()

    def focus_navigation(self) -> None:
        """F6: back to the tree on the left (its filters follow with Umschalt+Tab)."""
        self.nav.tree.setFocus()

    def show_master_data(self) -> None:
        """Bearbeiten → Stammdaten: Träger, Unterzeichnende, Gebiete, Messgrößen."""
        if self.controller is None:
            return
        from zv_desktop.ui.master_data_dialog import MasterDataDialog

        self._commit_focus()
        dialog = MasterDataDialog(self.controller, self)
        compact_combos(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its tabs listen to controller.changed
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the file; everything was saved when it was typed, so nothing is asked."""
        self._commit_focus()
        self.welcome.stop()
        self._stop_watching()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)

    def _stop_watching(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch.deleteLater()
            self.watch = None
