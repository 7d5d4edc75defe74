"""The navigation tree keeps the user's place: the clicked copy of a shared agreement, and open entries and
scroll position across the refresh that follows every edit."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2022, agreement_id
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.navigation import ID_ROLE, KIND_ROLE, NavigationPanel

TRILATERAL = agreement_id(AGREEMENT_METTMANN_2022)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def _party(nav: NavigationPanel, name: str) -> QModelIndex:
    model_ = nav.model
    return next(model_.index(r, 0) for r in range(model_.rowCount()) if model_.index(r, 0).data() == name)


def _child(nav: NavigationPanel, parent: QModelIndex, text: str) -> QModelIndex:
    model_ = nav.model
    return next(
        model_.index(r, 0, parent) for r in range(model_.rowCount(parent)) if model_.index(r, 0, parent).data() == text
    )


def _click(qtbot: QtBot, nav: NavigationPanel, index: QModelIndex) -> None:
    nav.tree.scrollTo(index)
    QApplication.processEvents()
    qtbot.mouseClick(nav.tree.viewport(), Qt.MouseButton.LeftButton, pos=nav.tree.visualRect(index).center())
    QApplication.processEvents()


def _copies(nav: NavigationPanel, record_id: str) -> list[QModelIndex]:
    found = []

    def walk(parent: QModelIndex) -> None:
        for row in range(nav.model.rowCount(parent)):
            index = nav.model.index(row, 0, parent)
            if index.data(ID_ROLE) == record_id and index.data(KIND_ROLE) == "agreement":
                found.append(index)
            walk(index)

    walk(QModelIndex())
    return found


def _open_trilateral_under_kreis(qtbot: QtBot, window: MainWindow) -> QModelIndex:
    nav = window.nav
    year = _child(nav, _party(nav, "Kreis Mettmann"), "2022")
    _click(qtbot, nav, year)
    nav.tree.setExpanded(year, True)  # as the user opens the year with its arrow
    QApplication.processEvents()
    agreement = _child(nav, year, "Trilaterale Zielvereinbarung 2022")
    _click(qtbot, nav, agreement)
    return agreement


def test_clicking_the_shared_agreement_selects_the_copy_clicked(qtbot: QtBot, window: MainWindow) -> None:
    nav = window.nav
    clicked = _open_trilateral_under_kreis(qtbot, window)
    assert window.pages.currentWidget() is window.editors["agreement"]
    assert window.editors["agreement"].record_id == TRILATERAL
    current = nav.tree.currentIndex()
    assert current == clicked and current.parent().parent().data() == "Kreis Mettmann"
    # the copies under the Agentur and the Jobcenter stayed closed: no rows moved under the mouse
    for other in ("Agentur für Arbeit Mettmann", "Jobcenter ME-aktiv"):
        assert not nav.tree.isExpanded(_child(nav, _party(nav, other), "2022"))
    assert [c for c in _copies(nav, TRILATERAL) if nav.tree.isExpanded(c)] == []
    # a second click on the same row stays on it
    _click(qtbot, nav, clicked)
    assert nav.tree.currentIndex() == clicked


def test_opening_from_elsewhere_prefers_the_traeger_in_use(qtbot: QtBot, window: MainWindow) -> None:
    nav = window.nav
    jobcenter = _party(nav, "Jobcenter ME-aktiv")
    _click(qtbot, nav, jobcenter)
    window.open_record("agreement", TRILATERAL)  # e.g. from the search or an overview
    current = nav.tree.currentIndex()
    assert current.data(ID_ROLE) == TRILATERAL and current.parent().parent().data() == "Jobcenter ME-aktiv"
    assert not nav.tree.isExpanded(_child(nav, _party(nav, "Agentur für Arbeit Mettmann"), "2022"))


def test_an_edit_keeps_open_entries_selection_and_scroll_position(
    qtbot: QtBot, window: MainWindow, demo: Store
) -> None:
    nav = window.nav
    window.resize(1366, 420)  # a short window, so the open tree scrolls
    QApplication.processEvents()
    _open_trilateral_under_kreis(qtbot, window)
    for name in ("Kreis Unna", "Stadt Kamen"):
        for row in range(nav.model.rowCount(_party(nav, name))):
            nav.tree.setExpanded(nav.model.index(row, 0, _party(nav, name)), True)
    nav.tree.collapse(_party(nav, "Agentur für Arbeit Mettmann"))  # closed by the user: stays closed
    QApplication.processEvents()
    bar = nav.tree.verticalScrollBar()
    assert bar.maximum() > 3
    bar.setValue(bar.maximum() // 2 + 1)
    before = nav.state()
    # an edit somewhere else (as in the Kennzahlen grid): every view reads the file again
    draft = demo.get(model.Agreement, agreement_id(AGREEMENT_KAMEN_2002))
    changed = dataclasses.replace(draft, title=draft.title + " (Entwurf)")
    assert window.controller is not None
    window.controller.perform("Titel ändern", lambda: agreements.save_agreement(demo, changed))
    QApplication.processEvents()
    after = nav.state()
    assert after.expanded == before.expanded
    assert after.current == before.current and after.current is not None
    assert after.current[0][1] == _party(nav, "Kreis Mettmann").data(ID_ROLE)
    assert after.scroll == before.scroll > 0
    assert not nav.tree.isExpanded(_party(nav, "Agentur für Arbeit Mettmann"))
    assert any(c.data() == draft.title + " (Entwurf)" for c in _copies(nav, draft.id))  # the tree was read again


def test_the_first_build_opens_the_traeger_and_a_filter_keeps_what_is_open(qtbot: QtBot, window: MainWindow) -> None:
    nav = window.nav
    kreis = _party(nav, "Kreis Mettmann")
    assert nav.tree.isExpanded(kreis)
    nav.tree.setExpanded(_child(nav, kreis, "2014"), True)
    nav.year_box.setCurrentIndex(nav.year_box.findData(2014))
    QApplication.processEvents()
    kreis = _party(nav, "Kreis Mettmann")
    assert nav.tree.isExpanded(kreis) and nav.tree.isExpanded(_child(nav, kreis, "2014"))


def test_an_entry_open_inside_a_closed_traeger_stays_open_for_later(qtbot: QtBot, window: MainWindow) -> None:
    nav = window.nav
    _open_trilateral_under_kreis(qtbot, window)
    nav.tree.collapse(_party(nav, "Kreis Mettmann"))
    assert window.controller is not None
    window.controller.changed.emit()  # what every edit sends
    QApplication.processEvents()
    kreis = _party(nav, "Kreis Mettmann")
    assert not nav.tree.isExpanded(kreis)
    nav.tree.expand(kreis)
    year = _child(nav, kreis, "2022")
    assert nav.tree.isExpanded(year) and nav.model.rowCount(year) == 1
    assert not nav.tree.isExpanded(_child(nav, kreis, "2014"))
