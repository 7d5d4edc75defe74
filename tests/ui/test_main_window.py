"""The main window driven as a caseworker would: navigate, edit, add, delete, undo, search, reopen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.main_window import MainWindow
from zv_desktop.ui.navigation import ID_ROLE, KIND_ROLE

from .conftest import show_active, type_into

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


@pytest.fixture
def demo_store(store: Store) -> Store:
    return store


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store) -> MainWindow:
    w = MainWindow(demo_store)
    show_active(qtbot, w)
    return w


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text))
    return seen


def _leave(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    """Type Tab to leave a field, as a user does; the field saves on leaving."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    QApplication.processEvents()


def test_title_shows_file_and_office_and_tree_lists_parties(window: MainWindow) -> None:
    assert "amt.sqlite" in window.windowTitle() and "Kreis Testland" in window.windowTitle()
    model_ = window.nav.model
    tops = [model_.index(r, 0).data() for r in range(model_.rowCount())]
    assert "Kreis Mettmann" in tops and "Stadt Kamen" in tops and tops[-1] == "Vorlagen"


def test_open_signed_agreement_is_read_only(window: MainWindow, demo_store: Store) -> None:
    assert window.nav.select("agreement", agreement_id(AGREEMENT_METTMANN_2014))
    window.nav.tree.activated.emit(window.nav.tree.currentIndex())
    editor = window.editors["agreement"]
    assert window.pages.currentWidget() is editor
    assert "Zielvereinbarung 2014" in editor.heading.text()
    assert editor.banner.isVisibleTo(editor) and "abgeschlossen" in editor.banner.text()
    assert editor.title.isReadOnly() and not editor.structure.buttons["section"].isEnabled()


def test_new_agreement_typed_saved_undone_redone(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.editors["agreement"]
    draft_id = editor.record_id
    assert draft_id is not None and window.pages.currentWidget() is editor
    type_into(qtbot, editor.title, "Zielvereinbarung Kamen 2003")
    assert demo_store.get(model.Agreement, draft_id).title == "Zielvereinbarung Kamen 2003"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_store.get(model.Agreement, draft_id).title == "Neue Zielvereinbarung"
    assert editor.title.text() == "Neue Zielvereinbarung"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert demo_store.get(model.Agreement, draft_id).title == "Zielvereinbarung Kamen 2003"


def test_outline_add_section_clause_goal_and_edit_goal(
    qtbot: QtBot, window: MainWindow, demo_store: Store, warnings: list[str]
) -> None:
    window.open_record("agreement", agreement_id(AGREEMENT_KAMEN_2002))
    outline = window.editors["agreement"].structure
    qtbot.mouseClick(outline.buttons["section"], Qt.MouseButton.LeftButton)
    section_kind, section_id = outline.selected()  # type: ignore[misc]
    assert section_kind == "section"
    qtbot.mouseClick(outline.buttons["clause"], Qt.MouseButton.LeftButton)
    assert outline.selected()[0] == "clause"  # type: ignore[index]
    outline.kind_box.setCurrentIndex(outline.kind_box.findData("kpi_target"))
    qtbot.mouseClick(outline.buttons["goal"], Qt.MouseButton.LeftButton)
    goal_editor = window.editors["goal"]
    assert window.pages.currentWidget() is goal_editor
    goal_id = goal_editor.record_id
    type_into(qtbot, goal_editor.title, "Integrationsquote steigern")
    type_into(qtbot, goal_editor.fields["target_value"].widget, "20,6")
    goal = demo_store.get(model.Goal, goal_id)
    assert goal.title == "Integrationsquote steigern" and goal.target_value == Decimal("20.6")
    assert goal.section_id == section_id and goal.kind is model.GoalKind.KPI_TARGET
    type_into(qtbot, goal_editor.fields["target_value"].widget, "zwanzig")
    problem = goal_editor.fields["target_value"].problem
    assert problem is not None and problem.isVisible() and "keine gültige Zahl" in problem.text()  # beside the field
    assert warnings == []  # no dialog to click away
    assert demo_store.get(model.Goal, goal_id).target_value == Decimal("20.6")
    target = goal_editor.fields["target_value"].widget
    assert target.text() == "zwanzig" and "keine gültige Zahl" in target.toolTip()  # kept, marked, not saved
    type_into(qtbot, goal_editor.title, "Integrationsquote anheben")  # other fields still save
    assert demo_store.get(model.Goal, goal_id).title == "Integrationsquote anheben"
    assert target.text() == "zwanzig" and problem.isVisible()
    type_into(qtbot, target, "21")
    assert demo_store.get(model.Goal, goal_id).target_value == Decimal("21") and target.toolTip() == ""
    type_into(qtbot, target, "20,6")
    type_into(qtbot, goal_editor.fields["corridor_low"].widget, "22")
    type_into(qtbot, goal_editor.fields["corridor_high"].widget, "21")
    assert any("Korridor" in w for w in warnings)
    assert demo_store.get(model.Goal, goal_id).corridor_high is None


def test_delete_section_and_undo_brings_back_its_goals(qtbot: QtBot, window: MainWindow, demo_store: Store) -> None:
    draft = agreement_id(AGREEMENT_KAMEN_2002)
    before = len(agreements.load_agreement(demo_store, draft).goals)
    window.open_record("agreement", draft)
    outline = window.editors["agreement"].structure
    outline.tree.setCurrentItem(outline.tree.topLevelItem(0))
    qtbot.mouseClick(outline.buttons["delete"], Qt.MouseButton.LeftButton)
    after = agreements.load_agreement(demo_store, draft)
    assert len(after.goals) < before and len(after.sections) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(agreements.load_agreement(demo_store, draft).goals) == before
    assert not window.undo_action.isEnabled()
    assert window.redo_action.text() == "&Wiederholen: Abschnitt löschen"


def test_search_opens_the_goal(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = []
    from zv_desktop.ui import search_dialog

    original = search_dialog.SearchDialog.open
    monkeypatch.setattr(search_dialog.SearchDialog, "open", lambda self: (dialogs.append(self), original(self)))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = dialogs[0]
    qtbot.keyClicks(dialog.field, "Schuldnerberatung")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    editor = window.pages.currentWidget()
    assert editor in (window.editors.get("goal"), window.editors.get("agreement"))
    assert "Schuldnerberatung" in editor.heading.text() or "Schuldnerberatung" in editor.title.text()


def test_everything_is_in_the_file_after_closing(qtbot: QtBot, demo_store: Store, db_path: Path) -> None:
    window = MainWindow(demo_store)
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.editors["agreement"]
    type_into(qtbot, editor.title, "Wieder da nach dem Schließen")
    editor.preamble.setFocus()
    editor.preamble.insertPlainText("Präambeltext")  # QTest cannot type umlauts as key clicks
    window.close()  # no question, nothing lost — also the text still in the field
    again = open_store(db_path)
    titles = {a.title: a for a in again.find(model.Agreement)}
    assert titles["Wieder da nach dem Schließen"].preamble == "Präambeltext"
    again.close()


def test_tree_filter_by_year(window: MainWindow) -> None:
    window.nav.year_box.setCurrentIndex(window.nav.year_box.findData(2014))
    model_, tree = window.nav.model, window.nav.tree
    agreements_shown = set()
    for row in range(model_.rowCount()):
        party = model_.index(row, 0)
        tree.setExpanded(party, True)  # as a user opens it: the years appear
        for y in range(model_.rowCount(party)):
            year = model_.index(y, 0, party)
            tree.setExpanded(year, True)
            for a in range(model_.rowCount(year)):
                index = model_.index(a, 0, year)
                assert index.data(KIND_ROLE) == "agreement"
                agreements_shown.add(index.data(ID_ROLE))
    assert agreements_shown == {agreement_id(AGREEMENT_METTMANN_2014)}


def test_opening_a_goal_opens_the_tree_down_to_it(window: MainWindow, demo_store: Store) -> None:
    goal = demo_store.find(model.Goal, "agreement_id = ?", (agreement_id(AGREEMENT_METTMANN_2014),))[5]
    window.open_record("goal", goal.id)
    key = window.nav.current_key()
    assert key == ("goal", goal.id)


def test_new_paper_and_delete_with_undo(
    qtbot: QtBot, window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from zv_desktop.ui import record_actions

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("50/001/2027", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    record_actions.new_paper(window)
    created = [p for p in demo_store.find(model.Paper) if p.number == "50/001/2027"]
    assert len(created) == 1 and window.pages.currentWidget() is window.editors["paper"]
    record_actions.delete_shown(window)
    assert not demo_store.exists(model.Paper, created[0].id)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_store.exists(model.Paper, created[0].id)


def test_delete_draft_agreement_but_not_a_signed_one(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    from zv_desktop.ui import record_actions

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.open_record("agreement", agreement_id(AGREEMENT_METTMANN_2014))
    record_actions.delete_shown(window)
    assert demo_store.exists(model.Agreement, agreement_id(AGREEMENT_METTMANN_2014))
    assert warnings and "abgeschlossen" in warnings[-1]
    draft = agreement_id(AGREEMENT_KAMEN_2002)
    goals = len(agreements.load_agreement(demo_store, draft).goals)
    window.open_record("agreement", draft)
    record_actions.delete_shown(window)
    assert not demo_store.exists(model.Agreement, draft)
    window.controller.stack.undo()  # type: ignore[union-attr]
    assert len(agreements.load_agreement(demo_store, draft).goals) == goals


def test_a_new_measure_is_created_from_the_goal_editor(
    qtbot: QtBot, window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zv_desktop.ui.measure_dialog import MeasureDialog

    draft = agreement_id(AGREEMENT_KAMEN_2002)
    goal = agreements.goal_template(demo_store, draft, model.GoalKind.KPI_TARGET, "Vermittlungen")
    agreements.save_goal(demo_store, goal)
    window.open_record("goal", goal.id)
    editor = window.editors["goal"]
    assert editor.new_measure_button.isVisibleTo(editor)

    def fill_and_accept(dialog: MeasureDialog) -> int:
        dialog.code.setText("VERM")
        dialog.name.setText("Vermittlungen auf Regelarbeitsplätze")
        dialog.unit.setText("Anzahl")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(MeasureDialog, "exec", fill_and_accept)
    qtbot.mouseClick(editor.new_measure_button, Qt.MouseButton.LeftButton)
    measure = demo_store.find(model.Measure, "code = 'VERM'")[0]
    assert demo_store.get(model.Goal, goal.id).measure_id == measure.id
    assert "VERM – Vermittlungen" in editor.fields["measure_id"].widget.currentText()


def test_stammdaten_opens_from_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    from zv_desktop.ui.master_data_dialog import MasterDataDialog

    action = next(a for a in window.edit_menu.actions() if a.text() == "S&tammdaten…")
    action.trigger()
    dialogs = [w for w in window.findChildren(MasterDataDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()


def test_editing_a_goal_stores_no_choice_the_user_did_not_make(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    threshold = demo_store.find(
        model.Goal, "kind = 'threshold' AND agreement_id = ?", (agreement_id(AGREEMENT_KAMEN_2002),)
    )[0]
    assert threshold.measure_id is None and threshold.direction is None
    window.open_record("goal", threshold.id)
    editor = window.editors["goal"]
    type_into(qtbot, editor.title, "Arbeitsgruppe Unterhalt tagt")
    stored = demo_store.get(model.Goal, threshold.id)
    assert stored.title == "Arbeitsgruppe Unterhalt tagt"
    assert stored.measure_id is None and stored.direction is None and stored.area_id is None


def test_amendment_of_a_signed_agreement_with_date_and_text(
    qtbot: QtBot, window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zv_desktop.ui.amendment_dialog import AmendmentDialog

    def fill(dialog: AmendmentDialog) -> int:
        dialog.title.setText("Erhöhung der Mittel für die Schuldnerberatung")
        dialog.decided.setText("15.06.2014")
        dialog.text.set_text("Die Mittel steigen auf 550.000 €.")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(AmendmentDialog, "exec", fill)
    window.open_record("agreement", agreement_id(AGREEMENT_METTMANN_2014))
    editor = window.editors["agreement"]
    assert editor.amend_button.isEnabled()
    qtbot.mouseClick(editor.amend_button, Qt.MouseButton.LeftButton)
    amendment = agreements.load_agreement(demo_store, agreement_id(AGREEMENT_METTMANN_2014)).amendments[0]
    assert (amendment.number, amendment.decided_date) == (1, date(2014, 6, 15))
    assert amendment.text == "Die Mittel steigen auf 550.000 €."
    assert editor.amendments.item(0).text() == "1. Änderung (15.06.2014): Erhöhung der Mittel für die Schuldnerberatung"


def test_signatory_of_a_party_can_be_changed(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    draft = agreement_id(AGREEMENT_KAMEN_2002)
    window.open_record("agreement", draft)
    parties = window.editors["agreement"].parties
    parties.list.setCurrentItem(parties.list.topLevelItem(0))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("(ohne Unterzeichner/in)", True))
    parties.change_signatory()
    link = agreements.load_agreement(demo_store, draft).parties[0]
    assert link.signatory_id is None
    window.controller.stack.undo()  # type: ignore[union-attr]
    assert agreements.load_agreement(demo_store, draft).parties[0].signatory_id is not None


def test_an_amendment_recorded_by_mistake_can_be_removed_and_brought_back(
    window: MainWindow, demo_store: Store
) -> None:
    from zv_desktop.core.services import lifecycle

    signed = agreement_id(AGREEMENT_METTMANN_2014)
    lifecycle.create_amendment(demo_store, signed, "Versehentlich angelegt")
    window.open_record("agreement", signed)
    editor = window.editors["agreement"]
    editor.amendments.setCurrentRow(0)
    editor.remove_amendment_button.click()
    assert agreements.load_agreement(demo_store, signed).amendments == []
    window.controller.stack.undo()  # type: ignore[union-attr]
    assert [a.title for a in agreements.load_agreement(demo_store, signed).amendments] == ["Versehentlich angelegt"]
