"""The main window: navigation on the left, the editor of the chosen record on the right, menus, undo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
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
from zv_desktop.ui import input_guards
from zv_desktop.ui.editors.base import Editor
from zv_desktop.ui.file_watch import FileWatch, WaitNotice, open_shared
from zv_desktop.ui.navigation import NavigationPanel
from zv_desktop.ui.settings import Settings
from zv_desktop.ui.translations import install_german
from zv_desktop.ui.undo import ActionController
from zv_desktop.ui.widgets import compact_combos


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


def _later(module: str, function: str, *args: object) -> Callable[[], None]:
    """A menu action's handler, imported when first used (keeps the window's start short).

    The handler takes no arguments, so Qt does not hand it the action's "checked" flag.
    """

    def run() -> None:
        import importlib

        getattr(importlib.import_module(f"zv_desktop.ui.{module}"), function)(*args)

    return run


class MainWindow(QMainWindow):
    """One open data file at a time; every record opens in its editor on the right."""

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
        self.resize(1366, 768)
        self._build_menus()
        self.set_store(store)

    # -- the open file ---------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Show another data file (the previous one is closed; everything in it was already saved)."""
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
        self.welcome = QLabel(self.tr("Links eine Zielvereinbarung, ein Ziel oder eine Vorlage wählen."), self)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self._fill_recent()

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

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        files = self.menuBar().addMenu(self.tr("&Datei"))
        self._action(files, self.tr("&Neu…"), _later("file_actions", "new_file", self), QKeySequence("Ctrl+N"))
        self._action(files, self.tr("Ö&ffnen…"), _later("file_actions", "open_file", self), QKeySequence("Ctrl+O"))
        self.recent_menu = files.addMenu(self.tr("&Zuletzt geöffnet"))
        self._action(files, self.tr("&Demo öffnen"), _later("file_actions", "open_demo", self))
        files.addSeparator()
        self.print_action = self._action(
            files, self.tr("D&rucken…"), _later("print_actions", "print_shown", self), QKeySequence("Ctrl+P")
        )
        self.pdf_action = self._action(
            files,
            self.tr("Als &PDF speichern…"),
            _later("print_actions", "save_shown", self),
            QKeySequence("Ctrl+Shift+S"),
        )
        self.word_action = self._action(
            files, self.tr("Als &Word-Dokument speichern…"), _later("word_actions", "save_shown_word", self)
        )
        self.excel_action = self._action(
            files, self.tr("Als E&xcel exportieren…"), _later("export_actions", "export_shown", self)
        )
        self.lists_menu = files.addMenu(self.tr("&Listen als Excel"))
        self._action(
            self.lists_menu, self.tr("&Zielvereinbarungen…"), _later("export_actions", "export_agreement_list", self)
        )
        self._action(self.lists_menu, self.tr("&Vorlagen…"), _later("export_actions", "export_paper_list", self))
        self.lists_menu.setEnabled(False)  # until a file is open
        files.addSeparator()
        self.import_action = self._action(
            files, self.tr("Kennzahlen aus &Excel importieren…"), _later("import_dialog", "import_from_excel", self)
        )
        self.template_action = self._action(
            files, self.tr("Excel-&Vorlage für Kennzahlen speichern…"), _later("export_actions", "save_template", self)
        )
        for action in (self.excel_action, self.import_action, self.template_action):
            action.setEnabled(False)  # until a file is open
        files.addSeparator()
        self._action(files, self.tr("Für &Austausch speichern…"), _later("exchange_send", "send_exchange", self))
        self._action(
            files, self.tr("Austauschdatei &übernehmen…"), _later("exchange_receive", "receive_exchange", self)
        )
        self._action(files, self.tr("Austauschdatei anse&hen…"), _later("exchange_receive", "view_exchange", self))
        self._action(
            files, self.tr("&Offene Austauschkonflikte…"), _later("exchange_receive", "show_open_conflicts", self)
        )
        files.addSeparator()
        self._action(files, self.tr("&Sicherung wiederherstellen…"), _later("backup_dialog", "show_backups", self))
        self._action(files, self.tr("Gerettete &Kopie anlegen…"), _later("file_actions", "rescue_file", self))
        files.addSeparator()
        self._action(files, self.tr("&Beenden"), self.close, QKeySequence("Ctrl+Q"))
        self.edit_menu = self.menuBar().addMenu(self.tr("&Bearbeiten"))
        self.undo_action = self._action(self.edit_menu, self.tr("&Rückgängig"), self._undo, QKeySequence("Ctrl+Z"))
        self.redo_action = self._action(self.edit_menu, self.tr("&Wiederholen"), self._redo, QKeySequence("Ctrl+Y"))
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, self.tr("&Suchen…"), self.show_search, QKeySequence("Ctrl+F"))
        self._action(
            self.edit_menu,
            self.tr("Neue &Zielvereinbarung"),
            _later("record_actions", "new_agreement", self),
            QKeySequence("Ctrl+Shift+N"),
        )
        self._action(self.edit_menu, self.tr("Neue &Vorlage…"), _later("record_actions", "new_paper", self))
        self._action(self.edit_menu, self.tr("S&tammdaten…"), self.show_master_data)
        self.edit_menu.addSeparator()
        self._action(self.edit_menu, self.tr("Zur &Navigation"), self._focus_navigation, QKeySequence("F6"))
        self._action(self.edit_menu, self.tr("&Löschen…"), _later("record_actions", "delete_shown", self))
        views = self.menuBar().addMenu(self.tr("&Übersichten"))
        self._action(
            views, self.tr("&Zielerreichung…"), _later("dashboard", "show_dashboard", self), QKeySequence("Ctrl+1")
        )
        self._action(views, self.tr("Zeit&reihe…"), _later("time_series_view", "show_time_series", self))
        self._action(views, self.tr("&Jahresvergleich…"), _later("comparison_view", "show_comparison", self))

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

    def _undo(self) -> None:
        if self.controller is not None:
            self._commit_focus()
            self.controller.stack.undo()

    def _redo(self) -> None:
        if self.controller is not None:
            self._commit_focus()
            self.controller.stack.redo()

    def _commit_focus(self) -> None:
        """Save a field being typed in before undo, so the undo applies to it as the user expects."""
        focus = self.focusWidget()
        if isinstance(focus, QWidget):
            focus.clearFocus()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            self._action(self.recent_menu, str(path), _later("file_actions", "open_file", self, path))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def show_search(self) -> None:
        """Strg+F: search all years."""
        assert self.store is not None
        from zv_desktop.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.store, self)
        dialog.open_requested.connect(self.open_record)
        dialog.open()

    def _focus_navigation(self) -> None:
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
