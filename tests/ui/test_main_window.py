"""The main window on a real file: it lists the agreements, shows file and office, renders readable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store
from zv_desktop.ui.agreement_list_model import AgreementListModel
from zv_desktop.ui.main_window import MainWindow

from .conftest import show_active


def _two_agreements(store: Store) -> None:
    agreements.save_agreement(store, model.Agreement(year=2001, title="Zielvereinbarung Kamen 2001"))
    signed = model.Agreement(
        year=2014,
        title="Trilaterale Zielvereinbarung 2014",
        status=model.AgreementStatus.UNTERZEICHNET,
        signed_date=date(2014, 2, 3),
    )
    agreements.save_agreement(store, signed)


def test_window_lists_agreements_newest_first(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    _two_agreements(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    model_ = window.table.model()
    assert model_.rowCount() == 2
    assert model_.index(0, 0).data() == "2014" and model_.index(0, 1).data() == "unterzeichnet"
    assert model_.index(1, 2).data() == "Zielvereinbarung Kamen 2001"
    assert "amt.sqlite" in window.windowTitle() and "Kreis Testland" in window.windowTitle()
    assert "2 Zielvereinbarungen" in window.status_label.text()
    image = window.grab().toImage()
    assert image.width() > 600 and image.height() > 300
    path = tmp_path / "main.png"
    assert window.grab().save(str(path)) and path.stat().st_size > 5000


def test_refresh_shows_agreements_added_elsewhere(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store)
    show_active(qtbot, window)
    assert window.model.rowCount() == 0
    _two_agreements(store)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)  # Datei → Aktualisieren
    assert window.model.rowCount() == 2


def test_model_passes_qt_model_checks(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    _two_agreements(store)
    model_ = AgreementListModel(agreements.list_agreements(store))
    qtmodeltester.check(model_)
    assert model_.headerData(2, Qt.Orientation.Horizontal) == "Titel"
