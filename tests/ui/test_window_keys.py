"""The overview windows close as every secondary window does: Esc, Strg+W or their „Schließen“ button; and the
Zielerreichung opens on the newest year whose goals can be judged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.exchange.offices import make_offices, send
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2022, agreement_id
from zv_desktop.core.services import lifecycle
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.comparison_view import show_comparison
from zv_desktop.ui.dashboard import Dashboard, show_dashboard
from zv_desktop.ui.exchange_receive import view_exchange
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.time_series_view import show_time_series
from zv_desktop.ui.window_keys import close_keys

from .conftest import show_active

OPENERS: dict[str, Callable[[MainWindow], QWidget | None]] = {
    "Zielerreichung": show_dashboard,
    "Zeitreihe": show_time_series,
    "Jahresvergleich": show_comparison,
}
KEYS = {
    "Esc": (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    "Strg+W": (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}


@pytest.fixture
def window(qtbot: QtBot, demo: Store) -> MainWindow:
    w = MainWindow(demo)
    show_active(qtbot, w)
    return w


def _open(window: MainWindow, name: str) -> QWidget:
    view = OPENERS[name](window)
    assert view is not None
    view.show()
    QApplication.processEvents()
    view.activateWindow()
    QApplication.processEvents()
    assert QApplication.activeWindow() is view
    return view


@pytest.mark.parametrize("name", OPENERS)
@pytest.mark.parametrize("keys", KEYS)
def test_esc_and_ctrl_w_close_the_overview(qtbot: QtBot, window: MainWindow, name: str, keys: str) -> None:
    view = _open(window, name)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is view  # the keys work where the user is, in any field
    key, modifier = KEYS[keys]
    qtbot.keyClick(focus, key, modifier)
    assert not view.isVisible()
    assert window.isVisible()  # only the overview, never the main window


def test_esc_closes_the_zielerreichung_while_typing_in_its_search_field(qtbot: QtBot, window: MainWindow) -> None:
    view = _open(window, "Zielerreichung")
    assert isinstance(view, Dashboard)
    view.words.setFocus()
    qtbot.keyClicks(view.words, "Schuldner")
    qtbot.keyClick(view.words, Qt.Key.Key_Escape)
    assert not view.isVisible()


@pytest.mark.parametrize("name", OPENERS)
def test_each_overview_has_a_schliessen_button(qtbot: QtBot, window: MainWindow, name: str) -> None:
    view = _open(window, name)
    buttons = [b for b in view.findChildren(QPushButton) if b.text() == "Schließen" and b.isVisibleTo(view)]
    assert len(buttons) == 1
    assert buttons[0].toolTip() and buttons[0].accessibleName()
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert not view.isVisible()


def test_close_keys_are_esc_and_ctrl_w_once_each() -> None:
    texts = [key.toString() for key in close_keys()]
    assert texts[:2] == ["Esc", "Ctrl+W"] and len(texts) == len(set(texts))


def test_zielerreichung_opens_on_the_newest_assessed_year_not_on_a_newer_empty_draft(
    qtbot: QtBot, window: MainWindow, demo: Store
) -> None:
    draft = lifecycle.create_next_year(demo, agreement_id(AGREEMENT_METTMANN_2022)).agreement
    assert draft.year == 2023
    view = _open(window, "Zielerreichung")
    assert isinstance(view, Dashboard)
    assert view.year.currentData() == 2014  # 2023 is an empty draft, 2022 has nothing to judge yet
    assert view.year.findData(2023) >= 0  # the newer years stay to be chosen
    assert view.windowTitle().startswith("Zielerreichung 2014")
    assert "erreicht" in view.summary.text() and not view.summary.text().startswith("0 Ziele")


def test_esc_closes_the_read_only_view_of_a_received_file(qtbot: QtBot, demo_file: Path, tmp_path: Path) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    main = MainWindow(open_store(kreis))
    show_active(qtbot, main)
    view = view_exchange(main, send(jobcenter, tmp_path / "september.zvx"))
    assert view is not None
    copy = view.received.copy
    view.activateWindow()
    QApplication.processEvents()
    assert QApplication.activeWindow() is view
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert main.exchange_views == [] and not copy.parent.exists()  # closed, and its private copy is gone
    assert main.isVisible()
