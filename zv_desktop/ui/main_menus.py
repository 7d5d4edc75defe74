"""The main window's menu bar: Datei, Bearbeiten, Übersichten, Hilfe, and the list of files opened lately.

Most handlers live in other modules and are imported when first used, which keeps the window's start short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow


def later(module: str, function: str, *args: object) -> Callable[[], None]:
    """A menu action's handler, imported when first used (keeps the window's start short).

    The handler takes no arguments, so Qt does not hand it the action's "checked" flag.
    """

    def run() -> None:
        import importlib

        getattr(importlib.import_module(f"zv_desktop.ui.{module}"), function)(*args)

    return run


def add_action(
    window: MainWindow, menu: QMenu, text: str, slot: object, shortcut: QKeySequence | None = None
) -> QAction:
    """An entry of ``menu`` that runs ``slot``."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Fill the menu bar; the actions the window updates later become its attributes."""
    tr, bar = window.tr, window.menuBar()

    def act(menu: QMenu, text: str, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        return add_action(window, menu, text, slot, shortcut)

    files = bar.addMenu(tr("&Datei"))
    act(files, tr("&Neu…"), later("file_actions", "new_file", window), QKeySequence("Ctrl+N"))
    act(files, tr("Ö&ffnen…"), later("file_actions", "open_file", window), QKeySequence("Ctrl+O"))
    window.recent_menu = files.addMenu(tr("&Zuletzt geöffnet"))
    window.recent_menu.setToolTipsVisible(True)  # a file not found says so
    act(files, tr("&Demo öffnen"), later("file_actions", "open_demo", window))
    files.addSeparator()
    window.print_action = act(
        files, tr("D&rucken…"), later("print_actions", "print_shown", window), QKeySequence("Ctrl+P")
    )
    window.pdf_action = act(
        files, tr("Als &PDF speichern…"), later("print_actions", "save_shown", window), QKeySequence("Ctrl+Shift+S")
    )
    window.word_action = act(
        files, tr("Als &Word-Dokument speichern…"), later("word_actions", "save_shown_word", window)
    )
    window.excel_action = act(files, tr("Als E&xcel exportieren…"), later("export_actions", "export_shown", window))
    window.lists_menu = files.addMenu(tr("&Listen als Excel"))
    act(window.lists_menu, tr("&Zielvereinbarungen…"), later("export_actions", "export_agreement_list", window))
    act(window.lists_menu, tr("&Vorlagen…"), later("export_actions", "export_paper_list", window))
    window.lists_menu.setEnabled(False)  # until a file is open
    files.addSeparator()
    window.import_action = act(
        files, tr("Kennzahlen aus &Excel importieren…"), later("import_dialog", "import_from_excel", window)
    )
    window.template_action = act(
        files, tr("Excel-&Vorlage für Kennzahlen speichern…"), later("export_actions", "save_template", window)
    )
    for action in (window.excel_action, window.import_action, window.template_action):
        action.setEnabled(False)  # until a file is open
    files.addSeparator()
    act(files, tr("Für &Austausch speichern…"), later("exchange_send", "send_exchange", window))
    act(files, tr("Austauschdatei &übernehmen…"), later("exchange_receive", "receive_exchange", window))
    act(files, tr("Austauschdatei anse&hen…"), later("exchange_receive", "view_exchange", window))
    act(files, tr("&Offene Austauschkonflikte…"), later("exchange_receive", "show_open_conflicts", window))
    files.addSeparator()
    act(files, tr("&Sicherung wiederherstellen…"), later("backup_dialog", "show_backups", window))
    act(files, tr("Gerettete &Kopie anlegen…"), later("file_actions", "rescue_file", window))
    files.addSeparator()
    act(files, tr("&Beenden"), window.close, QKeySequence("Ctrl+Q"))
    _build_edit_menu(window)
    views = bar.addMenu(tr("&Übersichten"))
    act(views, tr("&Startseite"), window.show_start_page, QKeySequence("Alt+Home"))
    act(views, tr("&Zielerreichung…"), later("dashboard", "show_dashboard", window), QKeySequence("Ctrl+1"))
    act(views, tr("Zeit&reihe…"), later("time_series_view", "show_time_series", window))
    act(views, tr("&Jahresvergleich…"), later("comparison_view", "show_comparison", window))
    helps = bar.addMenu(tr("&Hilfe"))
    act(helps, tr("&Handbuch"), later("help_window", "show_manual", window))
    act(
        helps,
        tr("Hilfe zu dieser &Ansicht"),
        later("help_window", "show_context_help", window),
        QKeySequence(QKeySequence.StandardKey.HelpContents),
    )
    helps.addSeparator()
    act(helps, tr("Ü&ber ZV Desktop…"), later("about_dialog", "show_about", window))


def _build_edit_menu(window: MainWindow) -> None:
    tr = window.tr
    edit = window.edit_menu = window.menuBar().addMenu(tr("&Bearbeiten"))
    window.undo_action = add_action(window, edit, tr("&Rückgängig"), window.undo, QKeySequence("Ctrl+Z"))
    window.redo_action = add_action(window, edit, tr("&Wiederholen"), window.redo, QKeySequence("Ctrl+Y"))
    edit.addSeparator()
    add_action(window, edit, tr("&Suchen…"), window.show_search, QKeySequence("Ctrl+F"))
    add_action(
        window,
        edit,
        tr("Neue &Zielvereinbarung"),
        later("record_actions", "new_agreement", window),
        QKeySequence("Ctrl+Shift+N"),
    )
    add_action(window, edit, tr("Neue &Vorlage…"), later("record_actions", "new_paper", window))
    add_action(window, edit, tr("S&tammdaten…"), window.show_master_data)
    edit.addSeparator()
    add_action(window, edit, tr("Zur &Navigation"), window.focus_navigation, QKeySequence("F6"))
    add_action(window, edit, tr("&Löschen…"), later("record_actions", "delete_shown", window))


def fill_recent(window: MainWindow) -> None:
    """Datei → Zuletzt geöffnet: the files, newest first; one not found is shown but cannot be chosen."""
    menu, settings = window.recent_menu, window.settings
    menu.clear()
    entries = settings.recent_file_entries()
    for path in entries:
        if path.exists():
            add_action(window, menu, str(path), later("file_actions", "open_file", window, path))
            continue
        action = add_action(window, menu, window.tr("{path} (nicht gefunden)").format(path=path), _nothing)
        action.setEnabled(False)
        action.setToolTip(
            window.tr(
                "Die Datei „{name}“ wurde nicht gefunden: verschoben, umbenannt, gelöscht, oder das Laufwerk "
                "ist gerade nicht erreichbar."
            ).format(name=path.name)  # fmt: skip
        )
    if entries:
        menu.addSeparator()
        clear = add_action(window, menu, window.tr("&Liste leeren"), lambda: _clear_recent(window))
        clear.setToolTip(window.tr("Die Liste der zuletzt geöffneten Dateien leeren (die Dateien bleiben)."))
    menu.setEnabled(bool(entries))


def _clear_recent(window: MainWindow) -> None:
    window.settings.clear_recent_files()
    fill_recent(window)


def _nothing() -> None:
    """The handler of an entry that cannot be chosen."""
