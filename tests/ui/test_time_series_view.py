"""The time-series window on the demo file: pickers, cities side by side, the yearly table, live refresh, a screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.formats import format_number
from zv_desktop.core.services import catalogue
from zv_desktop.core.services import time_series as ts
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.time_series_models import GOAL_ROLE, YearTableModel
from zv_desktop.ui.time_series_view import TimeSeriesView, show_time_series, show_time_series_for

from .conftest import show_active

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


KREIS = ids.area_id(ids.KREIS_METTMANN)


@pytest.fixture
def demo_store(store: Store) -> Store:
    return store


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store) -> MainWindow:
    w = MainWindow(demo_store)
    show_active(qtbot, w)
    return w


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow) -> TimeSeriesView:
    v = show_time_series(window)
    v.resize(1366, 768)
    QApplication.processEvents()
    return v


def _measure(store: Store, code: str) -> str:
    return catalogue.measure_by_code(store, code).id


def _pick(view: TimeSeriesView, measure_id: str, area_id: str) -> None:
    view.measure_combo.setCurrentIndex(view.measure_combo.findData(measure_id))
    view.area_combo.setCurrentIndex(view.area_combo.findData(area_id))


def _table(model_: YearTableModel) -> list[dict[str, str]]:
    headers = [model_.headerData(c, Qt.Orientation.Horizontal) for c in range(model_.columnCount())]
    return [
        {headers[c]: model_.index(r, c).data() for c in range(model_.columnCount())} for r in range(model_.rowCount())
    ]


def test_opens_on_k2_of_the_kreis_with_german_labels(view: TimeSeriesView, demo_store: Store) -> None:
    assert view.windowTitle() == "Zeitreihe – K2 Integrationsquote – Kreis Mettmann"
    assert not view.isModal() and view.isVisible()
    labels = {label.text(): label.buddy() for label in view.findChildren(QLabel) if label.buddy() is not None}
    assert labels == {"&Messgröße:": view.measure_combo, "&Gebiet:": view.area_combo}
    assert (view.measure_combo.accessibleName(), view.area_combo.accessibleName()) == ("Messgröße", "Gebiet")
    assert view.cities_check.isEnabled() and not view.cities_check.isChecked()
    rows = _table(view.model)
    assert [r["Jahr"] for r in rows] == ["2013", "2014", "2015", "2021", "2022"]
    row_2014 = rows[1]
    december = [v for v in list_values(demo_store, KREIS, 2014) if v.measure_id == _measure(demo_store, "K2")]
    assert row_2014["Zielwert (%)"] == "20,6" and row_2014["Korridor (%)"] == "–"
    assert row_2014["Ist Dezember (%)"] == format_number(december[-1].value, 1)
    assert row_2014["Monate mit Werten"] == "12 von 12"
    assert rows[0]["Zielwert (%)"] == "–"
    assert re.search(rb">2[01],[0-9]<", view.chart.svg)  # axis labels with a decimal comma


def test_picking_lzb_shows_the_lower_is_better_target(view: TimeSeriesView, demo_store: Store) -> None:
    _pick(view, _measure(demo_store, "LZB"), KREIS)
    assert view.windowTitle() == "Zeitreihe – LZB Bestand an Langzeitleistungsbeziehenden – Kreis Mettmann"
    rows = _table(view.model)
    assert rows[1]["Zielwert (Personen)"] == "17.283"
    assert "Jahreswert (Durchschnitt) (Personen)" in rows[1]  # a stock: the mean of the months
    assert all(r["Ist Dezember (Personen)"].count(".") == 1 for r in rows)  # e.g. "17.412"
    assert "niedriger ist besser" in view.chart.svg.decode("utf-8")
    view.area_combo.setCurrentIndex(view.area_combo.findData(ids.area_id("Wülfrath")))
    assert view.windowTitle().endswith("– Wülfrath")
    assert not view.cities_check.isEnabled()  # a city has no cities
    assert all(r["Zielwert (Personen)"] == "–" for r in _table(view.model))


def test_cities_side_by_side(view: TimeSeriesView, qtbot: QtBot) -> None:
    qtbot.mouseClick(view.cities_check, Qt.MouseButton.LeftButton)
    assert view.cities_shown()
    assert view.windowTitle().endswith("Kreis Mettmann, Städte nebeneinander")
    names = [s.area_name for s in view.chart.series]
    assert names == [ids.KREIS_METTMANN, *ids.METTMANN_CITIES] and view.chart.highlight_first
    rows = _table(view.model)
    assert len(rows) == 11 * 5
    assert [r["Gebiet"] for r in rows[:11]] == names and {r["Jahr"] for r in rows[:11]} == {"2013"}
    svg = view.chart.svg.decode("utf-8")
    assert all(f">{name}<" in svg for name in ids.METTMANN_CITIES)
    qtbot.mouseClick(view.cities_check, Qt.MouseButton.LeftButton)
    assert len(view.chart.series) == 1 and view.model.columnCount() == len(_table(view.model)[0])


def test_year_model_passes_qt_model_tester(qtmodeltester, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    model_ = YearTableModel()
    qtmodeltester.check(model_)
    model_.set_series(ts.cities_side_by_side(demo_store, _measure(demo_store, "LLU"), KREIS))
    qtmodeltester.check(model_)
    header = [model_.headerData(c, Qt.Orientation.Horizontal) for c in range(model_.columnCount())]
    assert "Jahreswert (Summe) (€)" in header and "Prognose (€)" in header


def test_show_again_raises_the_same_window_and_presets(window: MainWindow, demo_store: Store) -> None:
    first = show_time_series(window)
    assert show_time_series(window) is first
    view = show_time_series_for(window, _measure(demo_store, "LLU"), ids.area_id("Hilden"))
    assert view is first and view.area_combo.currentText() == "Hilden"
    assert view.windowTitle() == "Zeitreihe – LLU Summe der Leistungen zum Lebensunterhalt – Hilden"
    assert not view.select(_measure(demo_store, "K1"), KREIS)  # nothing stored for K1


def test_double_click_opens_the_goal_and_edits_refresh_the_view(
    view: TimeSeriesView, window: MainWindow, demo_store: Store
) -> None:
    index = view.model.index(1, 1)
    goal_id = index.data(GOAL_ROLE)
    assert goal_id and demo_store.get(model.Goal, goal_id).target_value is not None
    view.table.doubleClicked.emit(index)
    assert window.pages.currentWidget() is window.editors["goal"]
    measure_id = _measure(demo_store, "K2")
    march = [v for v in list_values(demo_store, KREIS, 2014) if v.measure_id == measure_id and v.period_no == 3]
    assert window.controller is not None
    window.controller.perform("Wert löschen", lambda: demo_store.delete(model.KpiValue, march[0].id))
    assert _table(view.model)[1]["Monate mit Werten"] == "11 von 12"
    assert view.measure_combo.currentData() == measure_id and view.area_combo.currentData() == KREIS


def test_screenshot_is_legible(view: TimeSeriesView, tmp_path: Path) -> None:
    view.resize(1366, 768)
    QApplication.processEvents()
    view.chart.render_chart()
    target = tmp_path / "zeitreihe.png"
    assert view.grab().save(str(target))
    assert target.stat().st_size > 20_000
    assert view.chart.width() > 1000 and view.chart.height() > 350


def test_follows_the_main_window_to_another_file(view: TimeSeriesView, window: MainWindow, tmp_path: Path) -> None:
    empty = open_store(tmp_path / "leer.sqlite", create=True, office_name="Leeramt")
    window.set_store(empty)  # the demo file is closed now
    assert view.store is empty and view.measure_combo.count() == 0 and view.area_combo.count() == 0
    assert view.windowTitle() == "Zeitreihe" and view.model.rowCount() == 0
    assert not view.cities_check.isEnabled()
    assert "Für diese Auswahl gibt es keine Werte und keine Ziele." in view.chart.svg.decode("utf-8")
    view.cities_check.setChecked(True)  # nothing is read from the closed file
    assert view.model.rowCount() == 0
