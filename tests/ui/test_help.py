"""The manual (Hilfe → Handbuch, F1) and Hilfe → Über ZV Desktop, driven as a caseworker would."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

import zv_desktop
from zv_desktop.core import model, paths
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.store import Store
from zv_desktop.ui import help_window
from zv_desktop.ui.about_dialog import AboutDialog, show_about
from zv_desktop.ui.dashboard import show_dashboard
from zv_desktop.ui.help_window import CONTENTS, RECORD_TOPICS, WIDGET_TOPICS, HelpWindow, help_dir
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)

PAGES = [name for name, _title in CONTENTS]


class _Page(HTMLParser):
    """What a manual page holds: its links, its anchors, its style block and anything that must not be there."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()
        self.forbidden: list[str] = []
        self.style = ""
        self.title = ""
        self.h1 = ""
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if values.get("name") and tag == "a":
            self.anchors.add(str(values["name"]))
        if values.get("id"):
            self.anchors.add(str(values["id"]))
        if tag in ("script", "img", "link", "iframe", "object") or any(k.startswith("on") for k in values):
            self.forbidden.append(tag)
        if tag not in ("meta", "br", "hr"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "style" in self._open:
            self.style += data
        elif "title" in self._open:
            self.title += data
        elif "h1" in self._open:
            self.h1 += data


def _parse(name: str) -> _Page:
    page = _Page()
    page.feed((help_dir() / name).read_text(encoding="utf-8"))
    return page


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    show_active(qtbot, w)
    return w


def _menu_action(window: MainWindow, menu: str, text: str) -> None:
    actions = next(a.menu() for a in window.menuBar().actions() if a.text() == menu).actions()
    next(a for a in actions if a.text().replace("&", "").startswith(text)).trigger()


def _help(window: MainWindow) -> HelpWindow:
    found = [h for h in window.findChildren(HelpWindow) if h.owner() is window]
    assert len(found) == 1, "one help window per main window"
    return found[0]


# -- the pages -----------------------------------------------------------------------------------


def test_every_page_is_listed_and_every_link_leads_to_a_page_of_the_manual() -> None:
    on_disk = sorted(p.name for p in help_dir().glob("*.html"))
    assert sorted(PAGES) == on_disk
    parsed = {name: _parse(name) for name in PAGES}
    style = parsed["index.html"].style
    assert "font-family" in style
    reached = {"index.html"}
    for name, page in parsed.items():
        assert page.forbidden == [], name  # no scripts, no images or style sheets from elsewhere
        assert page.style == style, f"{name}: not the shared style"
        assert page.title.endswith(" – ZV Desktop") and page.h1, name
        for link in page.links:
            assert not re.match(r"^[a-z]+:", link), f"{name}: {link} leaves the manual"
            target, _, anchor = link.partition("#")
            target = target or name
            assert target in parsed, f"{name}: {link} leads nowhere"
            assert not anchor or anchor in parsed[target].anchors, f"{name}: no anchor for {link}"
            reached.add(target)
    assert reached == set(PAGES), "every page can be reached by a link"


def test_every_topic_the_program_opens_exists() -> None:
    pages = {name: _parse(name) for name in PAGES}
    for topic in [*RECORD_TOPICS.values(), *WIDGET_TOPICS.values(), help_window.NAVIGATION]:
        target, _, anchor = topic.partition("#")
        assert target in pages, topic
        assert not anchor or anchor in pages[target].anchors, topic


def test_the_statistics_signs_are_explained() -> None:
    text = (help_dir() / "kennzahlen.html").read_text(encoding="utf-8")
    for meaning in ("nichts vorhanden", "geheim", "Angabe fällt später an", "gesperrt", "anonymisiert"):
        assert meaning in text


def test_every_page_loads_in_the_help_window(qtbot: QtBot, window: MainWindow) -> None:
    help = help_window.show_manual(window)
    for name, title in CONTENTS:
        help.open_page(name)
        assert help.current_page() == name
        assert help.contents.currentItem() is not None and help.contents.currentItem().text() == title
        assert help.windowTitle().startswith("ZV Desktop – Handbuch: ")
        assert _parse(name).h1 in help.browser.toPlainText()


# -- the help window -----------------------------------------------------------------------------


def test_handbuch_opens_the_overview_and_links_back_forward_and_home_work(qtbot: QtBot, window: MainWindow) -> None:
    _menu_action(window, "&Hilfe", "Handbuch")
    help = _help(window)
    assert help.isVisible() and help.current_page() == "index.html"
    assert help.windowTitle() == "ZV Desktop – Handbuch: Überblick"
    assert not help.back_button.isEnabled()
    help.browser.anchorClicked.emit(QUrl("ziel.html#ampel"))  # a click on a link
    assert help.current_page() == "ziel.html"
    assert help.contents.currentItem().text() == "Ziel bearbeiten"
    help.browser.anchorClicked.emit(QUrl("https://example.org/"))  # nothing leaves the manual
    assert help.current_page() == "ziel.html"
    qtbot.mouseClick(help.back_button, Qt.MouseButton.LeftButton)
    assert help.current_page() == "index.html" and help.forward_button.isEnabled()
    qtbot.mouseClick(help.forward_button, Qt.MouseButton.LeftButton)
    assert help.current_page() == "ziel.html"
    help.contents.setCurrentRow(PAGES.index("sicherungen.html"))
    assert help.current_page() == "sicherungen.html"
    qtbot.mouseClick(help.home_button, Qt.MouseButton.LeftButton)
    assert help.current_page() == "index.html"
    _menu_action(window, "&Hilfe", "Handbuch")
    assert _help(window) is help  # reused, not a second window


def test_esc_and_ctrl_w_close_the_help_window(qtbot: QtBot, window: MainWindow) -> None:
    help = help_window.show_manual(window)
    show_active(qtbot, help)
    qtbot.keyClick(help.browser, Qt.Key.Key_Escape)
    assert not help.isVisible()
    assert help_window.show_manual(window) is help and help.isVisible()
    show_active(qtbot, help)
    qtbot.keyClick(help.contents, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not help.isVisible()


def test_buttons_have_tips_names_and_their_own_letters(qtbot: QtBot, window: MainWindow) -> None:
    help = help_window.show_manual(window)
    about = show_about(window)
    qtbot.addWidget(about)
    for root in (help, about):
        buttons = [b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]
        assert buttons and all(b.toolTip() for b in buttons)
        shown = [w for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
        texts = [w.text() for w in shown]
        letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&\s])", t))]
        assert len(letters) == len(set(letters)), letters
        assert not {"d", "b"} & set(letters)  # the menu bar's Datei and Bearbeiten


# -- F1 ------------------------------------------------------------------------------------------


def test_f1_opens_the_page_of_the_editor_shown(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = store.find(model.Goal, "agreement_id = ?", (agreement_id(AGREEMENT_METTMANN_2014),))[0]
    window.open_record("goal", goal.id)
    editor = window.editors["goal"]
    editor.title.setFocus()
    qtbot.keyClick(editor.title, Qt.Key.Key_F1)
    help = _help(window)
    assert help.isVisible() and help.current_page() == "ziel.html"
    for kind, record_id, page in (
        ("values", agreement_id(AGREEMENT_METTMANN_2014), "kennzahlen.html"),
        ("paper", paper_id("50/003/2022"), "vorlagen.html"),
        ("agreement", agreement_id(AGREEMENT_METTMANN_2014), "zielvereinbarung.html"),
    ):
        window.open_record(kind, record_id)
        window.activateWindow()
        help_window.show_context_help(window)
        assert help.current_page() == page, kind
    monkeypatch.setattr(window, "shown_record", lambda: None)  # the welcome page: nothing shown on the right
    window.nav.tree.setFocus()
    help_window.show_context_help(window)
    assert help.current_page() == "navigation.html"  # how to find something


def test_f1_in_the_zielerreichung_window_opens_its_page(qtbot: QtBot, window: MainWindow) -> None:
    help_window.install_help_key(window)
    dashboard = show_dashboard(window)
    show_active(qtbot, dashboard)
    qtbot.keyClick(dashboard.table, Qt.Key.Key_F1)
    help = _help(window)
    assert help.isVisible() and help.current_page() == "zielerreichung.html"


def test_f1_in_a_modal_dialog_opens_a_help_window_the_dialog_does_not_block(qtbot: QtBot, window: MainWindow) -> None:
    help_window.install_help_key(window)
    window.show_master_data()  # window-modal, as Bearbeiten → Stammdaten… opens it
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    dialog.activateWindow()
    QApplication.processEvents()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_F1)
    help = _help(window)
    assert help.isVisible() and help.current_page() == "stammdaten.html"
    # a click reaches the help window although the dialog is modal (it goes through Qt's modality check)
    QTest.mouseClick(help.windowHandle(), Qt.MouseButton.LeftButton, pos=help.home_button.mapTo(help, QPoint(5, 5)))
    assert help.current_page() == "index.html"
    dialog.close()
    assert help.parentWidget() is window and help.isVisible()  # stays open once the dialog is gone


# -- Über ZV Desktop -----------------------------------------------------------------------------


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The user's data and log folders, in tmp_path (platformdirs answers there)."""
    data, logs = tmp_path / "nutzer" / "Daten", tmp_path / "nutzer" / "Protokolle"
    monkeypatch.delenv("ZV_DB", raising=False)
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda *a, **k: data)
    monkeypatch.setattr(paths.platformdirs, "user_log_path", lambda *a, **k: logs)
    return data, logs


def test_about_shows_version_file_and_folders_and_opens_them(
    qtbot: QtBot, window: MainWindow, store: Store, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    _menu_action(window, "&Hilfe", "Über ZV Desktop")
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    qtbot.addWidget(about)
    text = about.version.text()
    assert zv_desktop.__version__ in text
    data, logs = folders
    assert about.fields["file"].text() == str(store.path)
    assert about.fields["data"].text() == str(data) == str(paths.default_db_path().parent)
    assert about.fields["logs"].text() == str(logs) == str(paths.log_dir())
    assert about.fields["python"].text() and about.fields["qt"].text()
    assert "DejaVu" in about.licence.text() and "LICENSE-DejaVu.txt" in about.licence.text()
    qtbot.mouseClick(about.data_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(about.log_button, Qt.MouseButton.LeftButton)
    assert opened == [str(data), str(logs)]
    assert data.is_dir() and logs.is_dir()  # a folder not made yet is made, so there is something to show
    qtbot.mouseClick(about.close_button, Qt.MouseButton.LeftButton)
    assert not about.isVisible()


def test_about_without_an_open_file_says_so(qtbot: QtBot, folders: tuple[Path, Path]) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    about = show_about(parent)
    assert about.fields["file"].text() == "(keine Datei geöffnet)"
    about.close()
