"""Bearbeiten menu actions on whole records: new agreement, new Vorlage, delete the one shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from zv_desktop.core import model
from zv_desktop.core.services import agreements, papers

if TYPE_CHECKING:
    from zv_desktop.ui.main_window import MainWindow


def new_agreement(window: MainWindow) -> None:
    """Create a draft agreement for next year and open it."""
    assert window.controller is not None and window.store is not None
    store = window.store
    draft = model.Agreement(year=date.today().year + 1, title=window.tr("Neue Zielvereinbarung"))
    if window.controller.perform(window.tr("Neue Zielvereinbarung"), lambda: agreements.save_agreement(store, draft)):
        window.open_record("agreement", draft.id)


def new_paper(window: MainWindow) -> None:
    """Ask for the number of a new Vorlage, create it and open it."""
    assert window.controller is not None and window.store is not None
    number, ok = QInputDialog.getText(
        window, window.tr("Neue Vorlage"), window.tr("Vorlagen-Nummer (z. B. 50/003/2022):")
    )
    if not ok:
        return
    store = window.store
    paper = model.Paper(
        number=number.strip(),
        title=window.tr("Neue Vorlage"),
        paper_type=model.PaperType.BESCHLUSS,
        paper_date=date.today(),
    )
    if window.controller.perform(window.tr("Neue Vorlage"), lambda: papers.save_paper(store, paper)):
        window.open_record("paper", paper.id)


def delete_shown(window: MainWindow) -> None:
    """Delete the agreement or Vorlage shown on the right, after asking; undo brings it back."""
    assert window.controller is not None and window.store is not None
    current = window.pages.currentWidget()
    kind = next((k for k, editor in window.editors.items() if editor is current), None)
    record_id = getattr(current, "record_id", None)
    if kind not in ("agreement", "paper") or record_id is None:
        window.controller.show_message(window.tr("Bitte zuerst eine Zielvereinbarung oder Vorlage öffnen."))
        return
    store = window.store
    if kind == "agreement":
        what = store.get(model.Agreement, record_id)
        text = window.tr("Die Zielvereinbarung {year} „{title}“ mit allen Abschnitten und Zielen löschen?").format(
            year=what.year, title=what.title
        )
    else:
        paper = store.get(model.Paper, record_id)
        text = window.tr("Die Vorlage {number} mit Beratungsfolge und Anlagen löschen?").format(number=paper.number)
    answer = QMessageBox.question(
        window, window.tr("Löschen"), text + "\n" + window.tr("(Bearbeiten → Rückgängig holt sie zurück.)")
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    if kind == "agreement":
        done = window.controller.perform(
            window.tr("Zielvereinbarung löschen"), _then_true(lambda: agreements.delete_agreement(store, record_id))
        )
    else:
        done = window.controller.perform(
            window.tr("Vorlage löschen"), _then_true(lambda: papers.delete_paper(store, record_id))
        )
    if done:
        window.pages.setCurrentWidget(window.welcome)


def _then_true(work: Callable[[], None]) -> Callable[[], bool]:
    """``work`` returning True once done, as perform() returns None for a refused action and for no result alike."""

    def run() -> bool:
        work()
        return True

    return run
