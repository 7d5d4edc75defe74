"""Hilfe → Handbuch and F1: the offline German manual (HTML in ``resources/help``) in a non-modal window.

One help window per main window, reused. F1 opens the page of the view the user is in: the editor the main window
shows, or the secondary window or dialog with the focus, found by the class names of the widgets from the focus up.
``install_help_key`` makes F1 work in every window of the program, also while a dialog is modal.
"""

from __future__ import annotations

import os
import weakref
from importlib import resources
from pathlib import Path
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zv_desktop.core.paths import program_folder

INDEX = "index.html"
NAVIGATION = "navigation.html"

#: The pages of the manual in the order of its contents list: file name and title.
CONTENTS: tuple[tuple[str, str], ...] = (
    (INDEX, "Überblick"),
    (NAVIGATION, "Navigation und Suche"),
    ("zielvereinbarung.html", "Zielvereinbarung bearbeiten"),
    ("ziel.html", "Ziel bearbeiten"),
    ("kennzahlen.html", "Kennzahlen erfassen"),
    ("vorlagen.html", "Vorlagen"),
    ("zielerreichung.html", "Zielerreichung"),
    ("zeitreihe.html", "Zeitreihe"),
    ("jahresvergleich.html", "Jahresvergleich"),
    ("drucken.html", "Drucken, PDF und Word"),
    ("excel.html", "Excel-Import und -Export"),
    ("austausch.html", "Austausch zwischen Dienststellen"),
    ("stammdaten.html", "Stammdaten"),
    ("sicherungen.html", "Sicherungen"),
)

#: The page for each kind of record the main window shows (``MainWindow.shown_record()``).
RECORD_TOPICS = {
    "agreement": "zielvereinbarung.html",
    "goal": "ziel.html",
    "values": "kennzahlen.html",
    "paper": "vorlagen.html",
}

#: The page for a window, a dialog or a part of one, by class name (or object name); the nearest to the focus wins.
WIDGET_TOPICS = {
    "StartPage": "index.html#start",
    "AgreementEditor": "zielvereinbarung.html",
    "AmendmentDialog": "zielvereinbarung.html#aenderungen",
    "NextYearDialog": "zielvereinbarung.html#folgejahr",
    "GoalEditor": "ziel.html",
    "KpiGridEditor": "kennzahlen.html",
    "PaperEditor": "vorlagen.html",
    "SearchDialog": "navigation.html#suche",
    "Dashboard": "zielerreichung.html",
    "TimeSeriesView": "zeitreihe.html",
    "ComparisonWindow": "jahresvergleich.html",
    "QPrintDialog": "drucken.html",
    "PrintPreview": "drucken.html",
    "ImportDialog": "excel.html#import",
    "SendDialog": "austausch.html#senden",
    "MergeDialog": "austausch.html#uebernehmen",
    "OpenConflictsDialog": "austausch.html#konflikte",
    "ExchangeViewWindow": "austausch.html#ansehen",
    "MeasureDialog": "stammdaten.html#messgroessen",
    "MasterDataDialog": "stammdaten.html",
    "BackupDialog": "sicherungen.html",
}


class _ShowsRecords(Protocol):
    """What F1 needs of a main window: the record it shows on the right."""

    def shown_record(self) -> tuple[str, str] | None: ...


def help_dir() -> Path:
    """The manual's folder: ``ZV_RESOURCES/help`` if set, else the package data, else the checkout's ``resources``."""
    override = os.environ.get("ZV_RESOURCES")
    if override:
        return Path(override) / "help"
    packaged = Path(str(resources.files("zv_desktop.resources") / "help"))
    if (packaged / INDEX).is_file():
        return packaged
    return program_folder() / "resources" / "help"  # a development checkout whose package data lack the manual


def page_url(page: str, folder: Path | None = None) -> QUrl:
    """The URL of a page of the manual, with its anchor: ``page_url("ziel.html#korridor")``."""
    name, _, anchor = page.partition("#")
    url = QUrl.fromLocalFile(str((folder or help_dir()) / name))
    if anchor:
        url.setFragment(anchor)
    return url


def _widget_topic(widget: QWidget) -> str | None:
    """The page for this widget by its class (or a base class) or object name, if it has one."""
    for cls in type(widget).__mro__:
        if cls.__name__ in WIDGET_TOPICS:
            return WIDGET_TOPICS[cls.__name__]
    return WIDGET_TOPICS.get(widget.objectName())


def _record_topic(window: _ShowsRecords) -> str:
    """The page for the editor a main window shows; the navigation's page while it shows none."""
    shown = window.shown_record()
    return RECORD_TOPICS.get(shown[0], INDEX) if shown is not None else NAVIGATION


def context_page(window: QWidget, start: QWidget | None = None) -> str:
    """The page for the view the user is in: from ``start`` (else the focus, else the active window) upwards."""
    widget = start or QApplication.focusWidget() or QApplication.activeModalWidget() or QApplication.activeWindow()
    while widget is not None:
        topic = _widget_topic(widget)
        if topic is not None:
            return topic
        if hasattr(widget, "shown_record"):  # a main window (also one of another file)
            return _record_topic(widget)
        widget = widget.parentWidget()
    return _record_topic(window) if hasattr(window, "shown_record") else INDEX


class HelpWindow(QWidget):
    """The manual: contents on the left, the page on the right, Zurück / Vorwärts / Startseite above."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Window)
        self._owner = weakref.ref(owner)  # not a strong reference: the main window may go first
        self.folder = help_dir()
        self.setWindowTitle(self.tr("ZV Desktop – Handbuch"))
        self.setAccessibleName(self.tr("Handbuch"))
        self.resize(1100, 720)
        self.contents = QListWidget(self)
        self.contents.setAccessibleName(self.tr("Inhalt des Handbuchs"))
        self.contents.setSpacing(2)
        for file_name, title in CONTENTS:
            item = QListWidgetItem(title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, file_name)
        contents_label = QLabel(self.tr("&Inhalt:"), self)
        contents_label.setBuddy(self.contents)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("Hilfeseite"))
        self.browser.setOpenLinks(False)  # links are followed here, and only within the manual
        self.browser.setSearchPaths([str(self.folder)])
        self.back_button = self._button(self.tr("&Zurück"), self.tr("Vorige Seite"), QKeySequence.StandardKey.Back)
        self.forward_button = self._button(
            self.tr("&Vorwärts"), self.tr("Nächste Seite"), QKeySequence.StandardKey.Forward
        )
        self.home_button = self._button(self.tr("&Startseite"), self.tr("Überblick des Handbuchs"), "Alt+Home")
        self.close_button = self._button(self.tr("S&chließen"), self.tr("Hilfe schließen"), "Esc")
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(lambda: self.open_page(INDEX))
        self.close_button.clicked.connect(self.close)
        self._shortcut("Ctrl+W", self.close)
        self.close_button.setToolTip(self.tr("Hilfe schließen (Esc oder Strg+W)"))
        self._layout(contents_label)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.sourceChanged.connect(self._shown)
        self.contents.currentItemChanged.connect(self._chosen)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

    def _button(self, text: str, name: str, keys: QKeySequence.StandardKey | str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        action = self._shortcut(keys, button.click)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{name} ({shortcut})")
        button.setAutoDefault(False)
        return button

    def _shortcut(self, keys: QKeySequence.StandardKey | str, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _layout(self, contents_label: QLabel) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(contents_label)
        column.addWidget(self.contents, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        buttons = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    # -- pages ---------------------------------------------------------------------------------

    def open_page(self, page: str) -> None:
        """Show a page of the manual (``"ziel.html"``, ``"stammdaten.html#messgroessen"``)."""
        url = page_url(page, self.folder)
        if url == self.browser.source():
            return
        self.browser.setSource(url)

    def current_page(self) -> str:
        """The file name of the page shown (without anchor)."""
        return Path(self.browser.source().toLocalFile()).name

    def _follow(self, url: QUrl) -> None:
        """A link was clicked: open it if it is a page of the manual (there are no links out of it)."""
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and Path(target.toLocalFile()).parent == self.folder:
            if Path(target.toLocalFile()).is_file():
                self.browser.setSource(target)

    def _shown(self, url: QUrl) -> None:
        """A page was opened (``source()`` still names the previous one now): title and contents follow."""
        title = self.browser.documentTitle().removesuffix(" – ZV Desktop")
        self.setWindowTitle(self.tr("ZV Desktop – Handbuch: {title}").format(title=title))
        name = Path(url.toLocalFile()).name
        self.contents.blockSignals(True)
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == name:
                self.contents.setCurrentRow(row)
        self.contents.blockSignals(False)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != self.current_page():
            self.open_page(str(item.data(Qt.ItemDataRole.UserRole)))

    # -- staying usable next to a modal dialog ---------------------------------------------------

    def present(self) -> None:
        """Show the window in front; while a dialog is modal, as its child, so that the dialog does not block it."""
        modal = QApplication.activeModalWidget()
        self._move_to(modal if modal is not None and modal.window() is not self else self.owner())
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()  # arrow keys and Bild auf/ab scroll the page at once

    def owner(self) -> QWidget | None:
        """The main window this help window belongs to, while it exists."""
        return self._owner()

    def _move_to(self, parent: QWidget | None) -> None:
        current = self.parentWidget()
        if parent is None or current is parent:
            return
        if current is not None and current is not self.owner():
            current.removeEventFilter(self)
        geometry, visible = self.geometry(), self.isVisible()
        self.setParent(parent, Qt.WindowType.Window)  # hides the window
        self.setGeometry(geometry)
        if parent is not self.owner():
            parent.installEventFilter(self)  # back to the main window when the dialog goes
        if visible:
            self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The modal dialog the window lives under closes: go back under the main window (and stay open)."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Hide:
            self._move_to(self.owner())
        return False


def help_window(window: QWidget) -> HelpWindow:
    """The help window of a main window (also while it lives under a modal dialog), made on first use."""
    for found in window.findChildren(HelpWindow):
        if found.owner() is window:
            return found
    return HelpWindow(window)


def show_manual(window: QWidget) -> HelpWindow:
    """Hilfe → Handbuch: the manual at its overview page."""
    help = help_window(window)
    help.open_page(INDEX)
    help.present()
    return help


def show_context_help(window: QWidget, start: QWidget | None = None) -> HelpWindow:
    """F1: the manual at the page for the view the user is in (``start``: the widget that had the key)."""
    page = context_page(window, start)
    help = help_window(window)
    help.open_page(page)
    help.present()
    return help


class _HelpKey(QObject):
    """F1 anywhere in the program (the main window's own F1 action covers only the main window itself)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.windows: list[weakref.ref[QWidget]] = []

    def alive(self) -> list[QWidget]:
        """The main windows F1 was installed for that still exist, oldest first."""
        windows = [w for ref in self.windows if (w := ref()) is not None and shiboken6.isValid(w)]
        self.windows = [weakref.ref(w) for w in windows]
        return windows

    def main_window(self, widget: QWidget) -> QWidget | None:
        """The main window a widget belongs to: up its parents, else the main window installed last."""
        windows = self.alive()
        current: QWidget | None = widget
        while current is not None:
            if any(current is w for w in windows):
                return current
            current = current.parentWidget()
        return windows[-1] if windows else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch F1 on its way to the widget with the focus and open the help for its view."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if not event.matches(QKeySequence.StandardKey.HelpContents):
            return False
        if isinstance(watched.window(), HelpWindow):
            return True  # already in the manual
        window = self.main_window(watched)
        if window is None:
            return False
        show_context_help(window, watched)
        return True


_help_key: _HelpKey | None = None


def install_help_key(window: QWidget) -> None:
    """Let F1 open the context help in every window and dialog of this main window (call once per main window)."""
    global _help_key
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _help_key is None or not shiboken6.isValid(_help_key):
        _help_key = _HelpKey(app)
        app.installEventFilter(_help_key)
    if not any(window is w for w in _help_key.alive()):
        _help_key.windows.append(weakref.ref(window))
