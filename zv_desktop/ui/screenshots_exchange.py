"""Screenshots of the exchange (part of `make screenshots`): the preview of the Jobcenter's September file with a
conflict on a goal's comment, and the received file opened for looking."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.backups import back_up_now
from zv_desktop.ui.exchange_preview import MergeDialog
from zv_desktop.ui.exchange_receive import build_preview
from zv_desktop.ui.exchange_view import open_view_window
from zv_desktop.ui.main_window import MainWindow


def _comment(store: Store, goal_id: str, text: str) -> None:
    goal = store.get(model.Goal, goal_id)
    goal.comment = text
    store.save(goal)


def _jobcenter_file(store: Store, goal_id: str, folder: Path) -> Path:
    """The Jobcenter's copy of the file: September values and a comment, sent as an exchange file."""
    copy = back_up_now(store, folder / "kopie")
    jobcenter = open_store(copy)  # a copy: it becomes a replica of its own
    try:
        jobcenter.rename_office("Jobcenter ME-aktiv")
        measure = jobcenter.get(model.Goal, goal_id).measure_id
        values = jobcenter.find(model.KpiValue, "measure_id = ? AND year = 2014 AND period_no = 9", (measure,))
        for value in values:
            value.value = (value.value or Decimal(0)) + Decimal("0.4")
            jobcenter.save(value)
        _comment(jobcenter, goal_id, "September: Zugänge aus dem Rechtskreis SGB III höher als geplant.")
        return export_exchange(jobcenter, folder / "jobcenter-september-2014.zvx").path
    finally:
        jobcenter.close()


def exchange_shots(shot: Callable[[str, QWidget], None], window: MainWindow, folder: Path) -> None:
    """The merge preview with a conflict, and the read-only view of the received file."""
    store = window.store
    assert store is not None
    goal_id = store.find(
        model.Goal, "agreement_id = ? AND kind = 'kpi_target'", (agreement_id(AGREEMENT_METTMANN_2014),)
    )[0].id
    sent = _jobcenter_file(store, goal_id, folder)
    _comment(store, goal_id, "Kreis: Zielwert im Sozialausschuss bestätigt.")
    with receive(sent) as received:
        preview, texts = build_preview(store, received, frozenset())
        dialog = MergeDialog(preview, texts, rebuild=lambda refused: None, view=lambda: None, parent=window)
        dialog.resize(1180, 720)
        dialog.show()
        shot("austausch-vorschau-konflikt", dialog)
        dialog.tabs.setCurrentWidget(dialog.changes)
        shot("austausch-vorschau-aenderungen", dialog)
        dialog.close()
    view = open_view_window(receive(sent), window.settings)
    view.resize(1366, 768)
    view.show()
    view.open_record("values", agreement_id(AGREEMENT_METTMANN_2014))
    QApplication.processEvents()
    shot("austauschdatei-ansehen", view)
    view.close()
