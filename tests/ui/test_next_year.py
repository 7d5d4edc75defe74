"""„Folgejahr anlegen“ as a caseworker meets it: the summary, moving years on, „Bleibt so“, and signing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
)
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store
from zv_desktop.ui.editors.agreement_editor import AgreementEditor
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.next_year_dialog import FINDING, MovePreview, NextYearDialog

from .test_accessibility import _duplicate_shortcuts, _unnamed


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def _next_year(window: MainWindow, key: str) -> tuple[AgreementEditor, NextYearDialog]:
    window.open_record("agreement", agreement_id(key))
    editor = window.editors["agreement"]
    assert isinstance(editor, AgreementEditor)
    editor.next_year_button.click()
    QApplication.processEvents()
    assert editor.review_dialog is not None and editor.review_dialog.isVisible()
    return editor, editor.review_dialog


def _rows(dialog: NextYearDialog) -> list[list[str]]:
    tree = dialog.findings
    return [[item.text(c) for c in range(tree.columnCount())] for item in dialog._items()]


def test_summary_after_next_year_of_2022_moves_the_title_on_as_one_undoable_action(
    window: MainWindow, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, dialog = _next_year(window, AGREEMENT_METTMANN_2022)
    assert dialog.windowTitle() == "Folgejahr angelegt" and editor.doc is not None
    assert editor.doc.agreement.year == 2023  # the editor shows the new draft behind the dialog
    assert "Übernommen aus 2022: 3 Träger, 2 Abschnitte, 0 Ziffern, 5 Ziele" in dialog.carried.text()
    assert _rows(dialog) == [
        ["Abschnitt 1 „Kommunale Ziele 2022“ – Titel", "Kommunale Ziele 2022", "2022", "→ 2023", "offen"]
    ]
    assert _unnamed(dialog) == [] and _duplicate_shortcuts(dialog) == []
    assert editor.review_button.isVisible() and editor.review_button.text() == "Jahresangaben prüfen… (1 offen)"
    previews: list[list[str]] = []

    def accept(preview: MovePreview) -> int:
        item = preview.table.topLevelItem(0)
        assert item is not None
        previews.append([item.text(c) for c in range(3)])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MovePreview, "exec", accept)
    dialog.move_button.click()
    assert previews == [["Abschnitt 1 „Kommunale Ziele 2022“ – Titel", "Kommunale Ziele 2022", "Kommunale Ziele 2023"]]
    draft = editor.doc.agreement.id
    assert agreements.load_agreement(demo, draft).sections[0].title == "Kommunale Ziele 2023"
    assert _rows(dialog) == [] and "Keine Stelle nennt ein früheres Jahr" in dialog.explanation.text()
    assert not editor.review_button.isVisibleTo(editor)
    assert window.controller.stack.undoText() == "Jahreszahlen fortschreiben"
    window.controller.stack.undo()
    assert agreements.load_agreement(demo, draft).sections[0].title == "Kommunale Ziele 2022"
    assert len(_rows(dialog)) == 1


def test_the_summary_shows_dm_converted_to_euro(window: MainWindow, demo: Store) -> None:
    agreements.delete_agreement(demo, agreement_id(AGREEMENT_KAMEN_2002))  # 2002 again, copied from 2001
    _, dialog = _next_year(window, AGREEMENT_KAMEN_2001)
    lines = [dialog.converted.item(i).text() for i in range(dialog.converted.count())]
    assert lines == [
        "Betrag umgerechnet – „Prämie für Vermittlungen auf Regelarbeitsplätze“: 211.000,00 DM → 107.882,59 €"
    ]


def test_a_finding_opens_its_place(window: MainWindow, demo: Store) -> None:
    editor, dialog = _next_year(window, AGREEMENT_METTMANN_2014)
    row = next(i for i in dialog._items() if i.text(1) == "Planwert der Integrationsquote für 2014.")
    dialog.findings.setCurrentItem(row)
    dialog.open_button.click()
    goal_id = row.data(0, FINDING).place.record_id
    assert window.pages.currentWidget() is window.editors["goal"] and window.editors["goal"].record_id == goal_id
    clause = next(i for i in dialog._items() if i.text(0).startswith("Ziffer IV „Personalisierung“ – Text"))
    dialog.findings.setCurrentItem(clause)
    dialog.open_button.click()  # back to the agreement, the clause selected in its outline
    assert window.pages.currentWidget() is editor
    assert editor.structure.selected() == ("clause", clause.data(0, FINDING).place.record_id)


def test_signing_waits_until_every_place_is_checked(
    window: MainWindow, demo: Store, boxes: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, dialog = _next_year(window, AGREEMENT_METTMANN_2014)
    assert editor.review_button.text() == "Jahresangaben prüfen… (18 offen)"
    editor.signed_date.setText("01.02.2015")
    editor.signed_date.editingFinished.emit()

    def sign() -> None:
        editor.status.setCurrentIndex(editor.status.findData("unterzeichnet"))
        editor.status.activated.emit(editor.status.currentIndex())

    sign()
    assert boxes and boxes[-1][0] == "warning" and "18 Stellen nennen noch ein früheres Jahr" in boxes[-1][1]
    assert editor.doc is not None and editor.doc.agreement.status is model.AgreementStatus.ENTWURF
    dialog.findings.selectAll()
    dialog.confirm_button.click()
    assert {row[4] for row in _rows(dialog)} == {"bleibt so"} and dialog.state.text().startswith("0 offen")
    assert window.controller.stack.undoText() == "Jahresangaben bestätigen"
    assert editor.review_button.text() == "Jahresangaben prüfen… (alle geprüft)"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    sign()
    stored = demo.get(model.Agreement, editor.doc.agreement.id)
    assert stored.status is model.AgreementStatus.UNTERZEICHNET and stored.signed_date == date(2015, 2, 1)
    assert not editor.review_button.isVisibleTo(editor)


def test_the_list_stays_reachable_from_the_editor(window: MainWindow, demo: Store) -> None:
    editor, dialog = _next_year(window, AGREEMENT_METTMANN_2014)
    dialog.close()
    QApplication.processEvents()
    assert editor.review_button.isVisible() and editor.review_button.toolTip()
    assert _unnamed(editor) == [] and _duplicate_shortcuts(editor) == []
    editor.review_button.click()
    again = editor.review_dialog
    assert again is not None and again.windowTitle() == "Jahresangaben prüfen" and not again.carried.isVisible()
    assert len(_rows(again)) == 18
    window.open_record("agreement", agreement_id(AGREEMENT_METTMANN_2014))  # signed: nothing to check there
    assert not editor.review_button.isVisibleTo(editor)
