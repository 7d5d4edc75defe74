"""The letterhead in the Stammdaten and the issuing authority in the editors (issue 15, point 1), driven with qtbot:
department and address saved when a field is left, a PNG logo taken and shown, a file that is no PNG refused in
German with nothing changed, the issuer of a Vorlage chosen, the Aktenzeichen of a signed agreement still open."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo import ids
from zv_desktop.core.demo.ids import paper_id
from zv_desktop.core.store import Store
from zv_desktop.ui.editors.paper_editor import PaperEditor
from zv_desktop.ui.undo import ActionController

from .test_master_data import Ui, _choose, _type
from .test_master_data import demo as demo


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 110), (31, 78, 121)).save(out, "PNG")
    return out.getvalue()


def test_department_address_and_logo_are_saved_and_shown(demo: Ui, qtbot: QtBot) -> None:
    tab, store = demo.dialog.parties_tab, demo.store
    _choose(tab.list, ids.PARTY_KREIS_UNNA)
    form = tab.form
    demo_logo = store.get(model.Party, ids.PARTY_KREIS_UNNA).logo
    _type(qtbot, form.department, "Der Landrat - Sozialamt")
    form.address.setFocus()
    qtbot.keyClick(form.department, Qt.Key.Key_Tab)
    form.address.setPlainText("Friedrich-Ebert-Straße 17\n59425 Unna")
    form.address.committed.emit()
    logo = _png()
    form.set_logo(logo)
    party = store.get(model.Party, ids.PARTY_KREIS_UNNA)
    assert party.letter_department == "Der Landrat - Sozialamt"
    assert party.letter_address == "Friedrich-Ebert-Straße 17\n59425 Unna"
    assert (party.logo, party.logo_type) == (logo, "image/png")
    assert form.logo_preview.pixmap() is not None and not form.logo_preview.pixmap().isNull()
    assert demo.problems == []
    demo.controller.stack.undo()  # one undoable action per change
    assert store.get(model.Party, ids.PARTY_KREIS_UNNA).logo == demo_logo != logo


def test_a_file_that_is_no_png_is_refused_and_nothing_changes(demo: Ui) -> None:
    tab, store = demo.dialog.parties_tab, demo.store
    _choose(tab.list, ids.PARTY_KREIS_UNNA)
    before = store.get(model.Party, ids.PARTY_KREIS_UNNA)
    tab.form.set_logo(b"GIF89a kein PNG")
    assert store.get(model.Party, ids.PARTY_KREIS_UNNA) == before
    assert len(demo.problems) == 1 and "PNG-Datei" in demo.problems[0]


@pytest.mark.demo
def test_the_issuer_of_a_vorlage_is_chosen_in_the_editor(store: Store, qtbot: QtBot) -> None:
    controller = ActionController(store)
    editor = PaperEditor(controller)
    qtbot.addWidget(editor)
    editor.show_record(paper_id("50/003/2022"))
    box = editor.issued_by
    assert box.currentData() == ids.PARTY_KREIS_METTMANN
    box.setCurrentIndex(box.findData(ids.PARTY_STADT_KAMEN))
    box.activated.emit(box.currentIndex())
    assert store.get(model.Paper, paper_id("50/003/2022")).issuer_id == ids.PARTY_STADT_KAMEN


def test_the_form_of_the_vorlagen_is_chosen_per_authority(demo: Ui, qtbot: QtBot) -> None:
    tab, store = demo.dialog.parties_tab, demo.store
    _choose(tab.list, ids.PARTY_STADT_KAMEN)
    box = tab.form.paper_form
    assert box.currentData() == model.PaperForm.RATSVORLAGE.value
    box.setCurrentIndex(box.findData(model.PaperForm.SITZUNGSVORLAGE.value))
    box.activated.emit(box.currentIndex())
    assert store.get(model.Party, ids.PARTY_STADT_KAMEN).paper_form == model.PaperForm.SITZUNGSVORLAGE
    # a new town is offered the town's form
    tab.form.new()
    role = tab.form.role
    role.setCurrentIndex(role.findData(model.PartyRole.STADT.value))
    role.activated.emit(role.currentIndex())
    assert box.currentData() == model.PaperForm.RATSVORLAGE.value
    assert demo.problems == []


@pytest.mark.demo
def test_occasion_signature_and_release_are_edited_in_the_vorlage(store: Store, qtbot: QtBot) -> None:
    controller = ActionController(store)
    editor = PaperEditor(controller)
    qtbot.addWidget(editor)
    editor.show_record(paper_id("026/2012"))
    editor.occasion.setPlainText("Bewerbung im Verbund")
    editor.occasion.committed.emit()
    for field, text in ((editor.capacity, "Im Auftrag"), (editor.signer, "Hermann Hupe")):
        field.setText(text)
        field.editingFinished.emit()
    editor.released.click()  # take back the release
    paper = store.get(model.Paper, paper_id("026/2012"))
    assert (paper.occasion, paper.signing_capacity, paper.signer) == (
        "Bewerbung im Verbund",
        "Im Auftrag",
        "Hermann Hupe",
    )
    assert not paper.released and editor.heading.text().endswith("(Entwurf)")
    controller.stack.undo()  # each change is one action
    assert store.get(model.Paper, paper_id("026/2012")).released
    assert not editor.heading.text().endswith("(Entwurf)")
    editor.set_read_only(True)
    assert editor.occasion.isReadOnly() and not editor.released.isEnabled() and editor.signer.isReadOnly()
