"""Screenshots of a caseworker's day (issue 16): the grid with a value to check and a sign of the statistics, the
help window, the print preview and the summary after „Folgejahr anlegen“ (taken last: it adds a draft to the demo
file)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QApplication, QWidget

from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.rules.plausibility import statistics_sign
from zv_desktop.core.services import lifecycle
from zv_desktop.core.services.kpi_grid import build_grid, save_cells
from zv_desktop.ui.editors.kpi_grid_editor import KpiGridEditor
from zv_desktop.ui.main_window import MainWindow

Shot = Callable[[str, QWidget], None]


def day_shots(shot: Shot, window: MainWindow) -> None:
    """Grid with an unusual value and a refused input, the manual, the print preview, the Folgejahr summary."""
    assert window.store is not None and window.controller is not None
    store, agreement = window.store, agreement_id(AGREEMENT_METTMANN_2014)
    save_cells(store, build_grid(store, agreement), {(6, 0): Decimal("72.0"), (11, 0): None})  # 3× the usual quota
    save_cells(
        store, build_grid(store, agreement), {(11, 0): statistics_sign("…")}
    )  # December: „Angabe fällt später an“
    window.controller.changed.emit()
    window.open_record("values", agreement)
    editor = window.editors["values"]
    assert isinstance(editor, KpiGridEditor)
    model = editor.model
    model.setData(model.index(2, 1), "12,5 %")  # a percentage typed into a column of people
    shot("kennzahlen-pruefen", window)
    from zv_desktop.ui.help_window import show_manual

    manual = show_manual(window)
    manual.resize(1100, 700)
    shot("handbuch", manual)
    manual.close()
    from zv_desktop.ui.print_actions import agreement_job, build, preview

    built = build(window, agreement_job(store, agreement), "Zielvereinbarung 2014")
    if built is not None:
        dialog = preview(window, built)
        if dialog is not None:
            dialog.resize(1366, 768)
            QApplication.processEvents()
            shot("druckvorschau", dialog)
            dialog.close()
    from zv_desktop.ui.next_year_dialog import NextYearDialog

    draft = lifecycle.create_next_year(store, agreement).agreement.id
    window.controller.changed.emit()
    summary = NextYearDialog(window.controller, draft, True, window)
    summary.show()
    shot("folgejahr-uebersicht", summary)
    summary.close()
