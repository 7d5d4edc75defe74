"""Columns a user must read in full at 1366×768: the Träger names of the agreement editor's partner table and
every column of the Zielerreichung up to „Erreicht“."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2022, agreement_id
from zv_desktop.ui.dashboard import show_dashboard
from zv_desktop.ui.dashboard_model import COL_ACTUAL, COL_PERCENT, COL_TARGET, COLUMNS, fit_widths
from zv_desktop.ui.editors.agreement_parties import COL_NAME, COL_SIGNER, PartiesWidget
from zv_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


@pytest.mark.parametrize("key", [AGREEMENT_METTMANN_2022, AGREEMENT_METTMANN_2012])
def test_partner_names_are_whole(window: MainWindow, key: str) -> None:
    window.open_record("agreement", agreement_id(key))
    QApplication.processEvents()
    parties = window.editors["agreement"].findChild(PartiesWidget)
    assert parties is not None
    table = parties.list
    names = [table.topLevelItem(r).text(COL_NAME) for r in range(table.topLevelItemCount())]
    assert "Kreis Mettmann" in names
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    longest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
    assert table.header().sectionSize(COL_NAME) >= longest + margin  # no „Kreis Mettma…“
    header = table.header()
    right_edge = header.sectionPosition(COL_SIGNER) + header.sectionSize(COL_SIGNER)
    assert header.sectionSize(COL_SIGNER) > 100 and right_edge <= table.viewport().width()  # signer column shows


def test_every_zielerreichung_column_shows_at_1366(qtbot: QtBot, window: MainWindow) -> None:
    dashboard = show_dashboard(window)
    qtbot.addWidget(dashboard)
    dashboard.resize(1366, 768)
    QApplication.processEvents()
    table, header = dashboard.table, dashboard.table.horizontalHeader()
    last = len(COLUMNS) - 1
    assert header.sectionPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for column in (COL_ACTUAL, COL_TARGET, COL_PERCENT):  # figures are never cut
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)


def test_fit_widths_gives_way_in_the_texts_and_fills_with_the_goal() -> None:
    content = [180, 200, 380, 500, 160, 100, 110, 120, 80]
    narrow = fit_widths(content, 1100)
    assert sum(narrow) <= 1100 and narrow[6:] == content[6:] and narrow[0] == 180
    wide = fit_widths(content, 2000)
    assert sum(wide) == 2000 and wide[3] > 300
