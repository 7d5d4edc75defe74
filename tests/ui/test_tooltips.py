"""Every button says what it does when the mouse rests on it (issue 16, point 13): the editors, the overviews and
the dialogs a caseworker opens, as a user sees them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id, paper_id
from zv_desktop.core.store import Store
from zv_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


def _silent(root: QWidget) -> list[str]:
    """Visible push and tool buttons without a tooltip (check boxes and radio buttons say it in their text)."""
    return [
        f"{type(button).__name__} „{button.text().replace('&', '')}“ in {type(root).__name__}"
        for button in root.findChildren(QAbstractButton)
        if not isinstance(button, QCheckBox | QRadioButton)
        and button.isVisibleTo(root)
        and not button.objectName().startswith("qt_")
        and not button.toolTip().strip()
    ]


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    return w


def test_every_button_of_the_editors_has_a_tooltip(window: MainWindow, store: Store) -> None:
    goal = store.find(model.Goal, "agreement_id = ?", (agreement_id(AGREEMENT_KAMEN_2002),))[0]
    silent: list[str] = _silent(window.centralWidget())
    for kind, key in (
        ("agreement", agreement_id(AGREEMENT_KAMEN_2002)),
        ("agreement", agreement_id(AGREEMENT_METTMANN_2014)),
        ("goal", goal.id),
        ("values", agreement_id(AGREEMENT_METTMANN_2014)),
        ("paper", paper_id("50/003/2022")),
    ):
        window.open_record(kind, key)
        silent += _silent(window.editors[kind])
    assert silent == []


def _opened(make: Callable[[], QWidget | None]) -> QWidget:
    before = set(QApplication.topLevelWidgets())
    made = make()
    QApplication.processEvents()
    if isinstance(made, QWidget):
        return made
    [new] = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    return new


@pytest.mark.parametrize(
    "name",
    ["dashboard", "time_series", "comparison", "master_data", "search", "help", "about", "backups"],
)
def test_every_button_of_the_windows_and_dialogs_has_a_tooltip(window: MainWindow, name: str) -> None:
    from zv_desktop.ui import about_dialog, comparison_view, dashboard, help_window, time_series_view
    from zv_desktop.ui.backup_dialog import BackupDialog

    makers: dict[str, Callable[[], QWidget | None]] = {
        "dashboard": lambda: dashboard.show_dashboard(window),
        "time_series": lambda: time_series_view.show_time_series(window),
        "comparison": lambda: comparison_view.show_comparison(window),
        "master_data": window.show_master_data,  # type: ignore[dict-item]
        "search": window.show_search,  # type: ignore[dict-item]
        "help": lambda: help_window.show_manual(window),
        "about": lambda: about_dialog.show_about(window),
        "backups": lambda: BackupDialog(window),
    }
    shown = _opened(makers[name])
    shown.show()
    QApplication.processEvents()
    try:
        assert _silent(shown) == []
    finally:
        shown.close()
