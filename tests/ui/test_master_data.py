"""The Stammdaten dialog and the measure dialog driven as a caseworker would: typing, clicking, undo, refusals."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPushButton, QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.services import catalogue
from zv_desktop.core.store import Store
from zv_desktop.ui.master_data_dialog import MasterDataDialog
from zv_desktop.ui.master_data_forms import ID
from zv_desktop.ui.measure_dialog import MeasureDialog
from zv_desktop.ui.undo import ActionController

from .conftest import show_active
from .test_accessibility import _duplicate_shortcuts, _labels_without_buddy, _shortcut_letters, _unnamed


@dataclass
class Ui:
    """The dialog on a data file, with the messages it showed."""

    dialog: MasterDataDialog
    controller: ActionController
    store: Store
    problems: list[str] = field(default_factory=list)


def _open(qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> Ui:
    controller = ActionController(store)
    ui = Ui(MasterDataDialog(controller), controller, store)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: ui.problems.append(text))
    show_active(qtbot, ui.dialog)
    return ui


@pytest.fixture
def empty(qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> Ui:
    return _open(qtbot, store, monkeypatch)


@pytest.fixture
def demo(qtbot: QtBot, demo: Store, monkeypatch: pytest.MonkeyPatch) -> Ui:
    return _open(qtbot, demo, monkeypatch)


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """Replace a field's text by typing (QTest types ASCII only; umlauts come as from an input method)."""
    widget.setFocus()
    widget.selectAll()
    ascii_part = text.encode("ascii", "ignore").decode()
    if ascii_part == text:
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose(tree: QTreeWidget, record_id: str) -> None:
    """Click the row of a record (as currentItemChanged would fire for a mouse click)."""
    found = [item for item in tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive, 0)]
    tree.setCurrentItem(next(item for item in found if item.data(0, ID) == record_id))


def test_new_file_gets_party_signatory_kreis_with_cities_and_a_measure(
    empty: Ui, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, store = empty.dialog.parties_tab, empty.store
    form = tab.form
    _type(qtbot, form.name, "Kreis Testland")
    _type(qtbot, form.short_name, "Kreis TL")
    form.role.setFocus()
    qtbot.keyClick(form.role, Qt.Key.Key_Down)  # Stadt / Gemeinde …
    assert form.role.currentData() == model.PartyRole.STADT.value
    qtbot.keyClick(form.role, Qt.Key.Key_Up)  # … and back to Kreis
    _click(qtbot, form.save_button)
    (party,) = catalogue.list_parties(store)
    assert (party.name, party.short_name, party.role) == ("Kreis Testland", "Kreis TL", model.PartyRole.KREIS)
    assert tab.list.currentItem().data(0, ID) == party.id and form.record_id == party.id

    assert tab.people_group.isEnabled()
    _type(qtbot, tab.person_form.person_name, "Erika Muster")
    _type(qtbot, tab.person_form.function, "Landrätin")
    _click(qtbot, tab.person_form.save_button)
    (person,) = catalogue.list_signatories(store, party.id)
    assert (person.name, person.function) == ("Erika Muster", "Landrätin")
    assert tab.people.topLevelItem(0).text(1) == "Landrätin"

    empty.dialog.tabs.setCurrentWidget(empty.dialog.areas_tab)
    areas = empty.dialog.areas_tab.form
    _click(qtbot, areas.kreis_button)
    _type(qtbot, areas.name, "Kreis Testland")
    areas.party.setCurrentIndex(areas.party.findData(party.id))
    _click(qtbot, areas.save_button)
    (kreis,) = catalogue.areas_of(store, None)
    assert (kreis.kind, kreis.party_id) == (model.AreaKind.KREIS, party.id)
    for city in ("Astadt", "Bdorf"):
        _click(qtbot, areas.city_button)
        assert "„Kreis Testland“" in areas.heading.text()
        _type(qtbot, areas.name, city)
        qtbot.keyClick(areas.name, Qt.Key.Key_Return)
    cities = catalogue.areas_of(store, kreis.id)
    assert [(c.name, c.kind) for c in cities] == [("Astadt", model.AreaKind.STADT), ("Bdorf", model.AreaKind.STADT)]
    assert empty.dialog.areas_tab.tree.topLevelItem(0).childCount() == 2

    def type_measure(dialog: MeasureDialog) -> int:
        _type(qtbot, dialog.code, "SB-Q")
        _type(qtbot, dialog.name, "Schuldnerberatungsquote")
        _type(qtbot, dialog.unit, "%")
        dialog.aggregation.setFocus()
        qtbot.keyClick(dialog.aggregation, Qt.Key.Key_Down)  # the year figure: average instead of last value
        dialog.definition.setPlainText("Beratene ÷ Ratsuchende")
        _click(qtbot, dialog.ok_button)
        return dialog.result()

    empty.dialog.tabs.setCurrentWidget(empty.dialog.measures_tab)
    measures = empty.dialog.measures_tab
    monkeypatch.setattr(MeasureDialog, "exec", type_measure)
    _click(qtbot, measures.new_button)
    own = catalogue.measure_by_code(store, "SB-Q")
    assert (own.unit, own.direction, own.builtin) == ("%", model.Direction.HIGHER, False)
    assert own.aggregation is model.Aggregation.MEAN
    assert measures.current == own.id and "Beratene ÷ Ratsuchende" in measures.details.text()
    assert empty.problems == []

    empty.controller.stack.undo()
    assert not store.find(model.Measure, "code = 'SB-Q'")
    assert "SB-Q" not in [measures.list.topLevelItem(i).text(0) for i in range(measures.list.topLevelItemCount())]
    empty.controller.stack.undo()
    assert [c.name for c in catalogue.areas_of(store, kreis.id)] == ["Astadt"]


def test_duplicate_or_incomplete_measure_is_refused_and_the_dialog_stays(empty: Ui, qtbot: QtBot) -> None:
    dialog = MeasureDialog(empty.controller, empty.dialog)
    show_active(qtbot, dialog)
    _type(qtbot, dialog.code, "K2")
    _type(qtbot, dialog.unit, "%")
    _click(qtbot, dialog.ok_button)
    assert "„Name“ darf nicht leer sein." in empty.problems[-1]
    _type(qtbot, dialog.name, "Meine Integrationsquote")
    _click(qtbot, dialog.ok_button)
    assert empty.problems[-1] == "Das Kürzel „K2“ ist schon vergeben (Integrationsquote)."
    assert dialog.isVisible() and dialog.code.text() == "K2" and dialog.created_id() is None
    _type(qtbot, dialog.code, "K2-EIGEN")
    _click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert catalogue.measure_by_code(empty.store, "K2-EIGEN").id == dialog.created_id()
    assert empty.controller.stack.undoText() == "Messgröße anlegen"


def test_party_in_use_is_not_removed_and_the_message_says_why(demo: Ui, qtbot: QtBot) -> None:
    tab = demo.dialog.parties_tab
    _choose(tab.list, ids.PARTY_KREIS_METTMANN)
    assert tab.form.name.text() == "Kreis Mettmann"
    _click(qtbot, tab.form.remove_button)
    assert demo.problems and demo.problems[-1].startswith("Der Träger „Kreis Mettmann“ wird noch verwendet:")
    assert "Landrat Hendele" in demo.problems[-1]
    assert demo.store.exists(model.Party, ids.PARTY_KREIS_METTMANN)
    _choose(tab.people, ids.SIGNATORY_HENDELE)
    _click(qtbot, tab.person_form.remove_button)
    assert "als Unterzeichner/in in 2 Zielvereinbarungen" in demo.problems[-1]


def test_editing_a_party_saves_on_leaving_the_field_and_parents_exclude_itself(demo: Ui, qtbot: QtBot) -> None:
    tab = demo.dialog.parties_tab
    _choose(tab.list, ids.PARTY_KREIS_UNNA)
    parents = [tab.form.parent_box.itemData(i) for i in range(tab.form.parent_box.count())]
    assert ids.PARTY_KREIS_UNNA not in parents and ids.PARTY_STADT_KAMEN not in parents
    _type(qtbot, tab.form.name, "Kreis Unna (Sozialamt)")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Tab)
    assert demo.store.get(model.Party, ids.PARTY_KREIS_UNNA).name == "Kreis Unna (Sozialamt)"
    assert demo.controller.stack.undoText() == "Träger ändern"
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Strg+Z inside the dialog
    assert tab.form.name.text() == "Kreis Unna"
    assert demo.store.get(model.Party, ids.PARTY_KREIS_UNNA).name == "Kreis Unna"


def test_clicking_another_party_saves_the_edited_one_first(demo: Ui, qtbot: QtBot) -> None:
    tab = demo.dialog.parties_tab
    _choose(tab.list, ids.PARTY_AA_METTMANN)
    _type(qtbot, tab.form.short_name, "AA ME")
    kreis = next(i for i in tab.list.findItems("Kreis Mettmann", Qt.MatchFlag.MatchExactly, 0))
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualItemRect(kreis).center())
    assert demo.store.get(model.Party, ids.PARTY_AA_METTMANN).short_name == "AA ME"
    assert tab.form.record_id == ids.PARTY_KREIS_METTMANN and tab.form.name.text() == "Kreis Mettmann"
    assert [tab.people.topLevelItem(i).text(0) for i in range(tab.people.topLevelItemCount())] == ["Hendele"]


def test_city_without_values_is_removed_and_comes_back_with_undo(demo: Ui, qtbot: QtBot) -> None:
    demo.dialog.tabs.setCurrentWidget(demo.dialog.areas_tab)
    form, kamen = demo.dialog.areas_tab.form, ids.area_id("Kamen")
    _choose(demo.dialog.areas_tab.tree, kamen)
    assert form.name.text() == "Kamen" and form.party.currentData() == ids.PARTY_STADT_KAMEN
    _click(qtbot, form.remove_button)
    assert not demo.store.exists(model.Area, kamen) and form.record_id is None
    demo.controller.stack.undo()
    assert demo.store.get(model.Area, kamen).name == "Kamen"


def test_built_in_measures_are_read_only(demo: Ui) -> None:
    tab = demo.dialog.measures_tab
    demo.dialog.tabs.setCurrentWidget(tab)
    _choose(tab.list, catalogue.measure_by_code(demo.store, "K2").id)
    assert "Integrationsquote" in tab.details.text() and "nicht änderbar" in tab.details.text()
    assert not tab.edit_button.isEnabled() and not tab.remove_button.isEnabled()
    _choose(tab.list, catalogue.measure_by_code(demo.store, "LZB").id)
    assert tab.edit_button.isEnabled() and tab.remove_button.isEnabled()


def test_closing_saves_a_party_typed_but_not_yet_saved(empty: Ui, qtbot: QtBot) -> None:
    _type(qtbot, empty.dialog.parties_tab.form.name, "Jobcenter Testland")
    _click(qtbot, empty.dialog.close_button)
    assert [p.name for p in catalogue.list_parties(empty.store)] == ["Jobcenter Testland"]


def test_shortcuts_and_tab_order_follow_the_form(demo: Ui, qtbot: QtBot) -> None:
    tab = demo.dialog.parties_tab
    qtbot.keyClick(demo.dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert demo.dialog.focusWidget() is tab.form.name
    qtbot.keyClick(demo.dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert demo.dialog.focusWidget() is tab.people
    tab.list.setFocus()
    form = tab.form
    expected = [form.name, form.short_name, form.role, form.parent_box, form.department, form.address, form.paper_form]
    expected += [form.logo_button, *([form.no_logo_button] if form.no_logo_button.isEnabled() else []), form.new_button]
    for widget in expected:
        qtbot.keyClick(demo.dialog.focusWidget(), Qt.Key.Key_Tab)
        assert demo.dialog.focusWidget() is widget
    qtbot.keyClick(demo.dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert demo.dialog.tabs.currentWidget() is demo.dialog.areas_tab


def _check_usable(root: QWidget) -> None:
    assert _unnamed(root) == []
    assert _labels_without_buddy(root) == []
    assert _duplicate_shortcuts(root) == []
    letters = {entry.split(":")[0] for entry in _shortcut_letters(root)}
    assert not letters & {"d", "b"}, letters  # Datei and Bearbeiten of the menu bar


def test_every_tab_is_usable_by_keyboard_and_screen_reader_and_fits_the_screen(demo: Ui, qtbot: QtBot) -> None:
    for index in range(demo.dialog.tabs.count()):
        demo.dialog.tabs.setCurrentIndex(index)
        _check_usable(demo.dialog)
    tab_letters = {demo.dialog.tabs.tabText(i).split("&")[1][0].lower() for i in range(demo.dialog.tabs.count())}
    for index in range(demo.dialog.tabs.count()):
        demo.dialog.tabs.setCurrentIndex(index)
        letters = {entry.split(":")[0] for entry in _shortcut_letters(demo.dialog)}
        assert not letters & tab_letters
    dialog = MeasureDialog(demo.controller, demo.dialog)
    show_active(qtbot, dialog)
    _check_usable(dialog)
    for widget in (demo.dialog, dialog):
        size = widget.frameGeometry().size().expandedTo(widget.minimumSizeHint())
        assert size.width() <= 1366 and size.height() <= 740
