"""The dashboard (Übersichten → Zielerreichung) driven as a caseworker would, and its table model on its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.rules.achievement import Light
from zv_desktop.core.services.status import year_status
from zv_desktop.core.store import Store
from zv_desktop.ui.dashboard import Dashboard
from zv_desktop.ui.dashboard_model import COL_LIGHT, COL_PERCENT, COL_TITLE, GOAL_ROLE, DashboardModel
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active, type_into

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    show_active(qtbot, w)
    return w


def _open_dashboard(qtbot: QtBot, window: MainWindow) -> Dashboard:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Übersichten")
    next(a for a in menu.actions() if a.text().startswith("&Zielerreichung")).trigger()
    dashboard = window.findChild(Dashboard)
    assert dashboard is not None and dashboard.isVisible()
    qtbot.addWidget(dashboard)
    return dashboard


def _choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))
    QApplication.processEvents()


def _shown(dashboard: Dashboard, column: int) -> list[str]:
    proxy = dashboard.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_year_month_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = _open_dashboard(qtbot, window)
    _choose(dashboard.year, 2014)
    _choose(dashboard.month, 9)
    assert dashboard.windowTitle() == "Zielerreichung 2014 – Stand 09/2014"
    assert dashboard.summary.text() == "26 Ziele: 5 erreicht, 2 gefährdet, 0 nicht erreicht, 19 ohne Bewertung"
    # worst first: the two goals at risk lead the list
    assert _shown(dashboard, COL_LIGHT)[:2] == ["gefährdet", "gefährdet"]
    _choose(dashboard.light, Light.AMBER.value)
    assert sorted(_shown(dashboard, COL_TITLE)) == [
        "Soll-Ausstattung des Jobcenters",
        "Vermeidung von langfristigem Leistungsbezug",
    ]
    assert "2 Ziele" in dashboard.summary.text()
    _choose(dashboard.light, None)
    type_into(qtbot, dashboard.words, "Kontaktdichte")
    assert len(_shown(dashboard, COL_TITLE)) == 2
    dashboard.words.clear()
    # the German figures and the explanation of the chosen goal
    row = _shown(dashboard, COL_TITLE).index("Vermeidung von langfristigem Leistungsbezug")
    assert _shown(dashboard, COL_PERCENT)[row] == "98,6 %"
    dashboard.table.setCurrentIndex(dashboard.proxy.index(row, COL_TITLE))
    assert "Durchschnitt der 9 Monatswerte 01–09/2014" in dashboard.detail.toPlainText()


def test_the_chosen_goal_shows_its_monthly_course(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = _open_dashboard(qtbot, window)
    _choose(dashboard.year, 2014)
    _choose(dashboard.month, 6)
    titles = _shown(dashboard, COL_TITLE)
    dashboard.table.setCurrentIndex(
        dashboard.proxy.index(titles.index("Verbesserung der Integration in Erwerbstätigkeit"), 0)
    )
    svg = dashboard.chart.svg.decode()
    assert "Ist 2014" in svg and "Vorjahr 2013" in svg and "Zielwert 20,6 %" in svg
    assert svg.count(">Jun<") == 1 and ">Dez<" in svg  # the whole year's months on the axis
    assert dashboard.chart.course is not None and max(dashboard.chart.course.this_year) == 6  # Ist up to June
    dashboard.table.setCurrentIndex(
        dashboard.proxy.index(titles.index("Monatlicher Bericht zur Zielerreichung (MBZ)"), 0)
    )
    assert dashboard.chart.course is None and dashboard.chart.svg == b""  # a reporting duty has no course


def test_sorting_by_achievement_uses_numbers(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = _open_dashboard(qtbot, window)
    _choose(dashboard.year, 2014)
    dashboard.table.sortByColumn(COL_PERCENT, Qt.SortOrder.DescendingOrder)
    percents = [p for p in _shown(dashboard, COL_PERCENT) if p]
    numbers = [Decimal(p.removesuffix(" %").replace(",", ".")) for p in percents]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) >= 7


def test_enter_opens_the_goal_and_a_changed_threshold_shows_at_once(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = _open_dashboard(qtbot, window)
    _choose(dashboard.year, 2014)
    _choose(dashboard.month, 9)
    row = _shown(dashboard, COL_TITLE).index("Vermeidung von langfristigem Leistungsbezug")
    index = dashboard.proxy.index(row, COL_TITLE)
    dashboard.table.setCurrentIndex(index)
    dashboard.table.setFocus()
    qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)
    editor = window.editors["goal"]
    assert editor.goal is not None and editor.goal.id == index.data(GOAL_ROLE)
    # the agreement is signed, but the office's own thresholds stay editable
    green = editor.fields["green_from"].widget
    assert green.isVisible() and not green.isReadOnly()  # type: ignore[attr-defined]
    type_into(qtbot, green, "98")  # type: ignore[arg-type]
    assert window.store is not None
    assert window.store.get(model.Goal, editor.goal.id).green_from == Decimal(98)
    row = _shown(dashboard, COL_TITLE).index("Vermeidung von langfristigem Leistungsbezug")
    assert _shown(dashboard, COL_LIGHT)[row] == "erreicht"
    window.controller.stack.undo()  # type: ignore[union-attr]
    row = _shown(dashboard, COL_TITLE).index("Vermeidung von langfristigem Leistungsbezug")
    assert _shown(dashboard, COL_LIGHT)[row] == "gefährdet"


def test_model_alone(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    model_ = DashboardModel()
    model_.set_rows(year_status(store, 2014, month=9, today=date(2026, 11, 22)).rows)
    qtmodeltester.check(model_)
    assert model_.rowCount() == 26
    first = model_.index(0, COL_LIGHT)
    assert first.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Ampel ")
    assert first.data(Qt.ItemDataRole.ToolTipRole)


def test_screenshot(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dashboard = _open_dashboard(qtbot, window)
    _choose(dashboard.year, 2014)
    _choose(dashboard.month, 9)
    dashboard.resize(1366, 768)
    QApplication.processEvents()
    assert dashboard.width() <= 1366  # fits a 1366×768 screen
    assert dashboard.grab().save(str(tmp_path / "dashboard.png"))


def test_a_large_year_is_computed_in_the_background_and_the_window_stays_usable(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from zv_desktop.ui import dashboard as dashboard_module

    monkeypatch.setattr(dashboard_module, "BACKGROUND_FROM_GOALS", 0)  # every year counts as large
    threads: list[str] = []

    def slow_status(store: Store, *args: object) -> object:
        threads.append(threading.current_thread().name)
        assert store.read_only and store is not window.store  # its own read-only connection
        time.sleep(0.5)
        return year_status(store, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard_module, "year_status", slow_status)
    started = time.monotonic()
    dashboard = _open_dashboard(qtbot, window)
    assert time.monotonic() - started < 0.4  # the window did not wait for the computation
    assert "wird berechnet" in dashboard.summary.text()
    qtbot.waitUntil(lambda: dashboard.model.rowCount() > 0, timeout=5000)
    assert threads and threads[0] != threading.main_thread().name
    assert "wird berechnet" not in dashboard.summary.text()
