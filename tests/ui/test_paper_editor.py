"""The Vorlage editor driven as a caseworker would: header, impacts, Beratungsfolge, Anlagen, undo, bad input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import paper_id
from zv_desktop.core.services import papers
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.editors.paper_editor import PaperEditor
from zv_desktop.ui.paper_models import INVALID_BACKGROUND, AttachmentModel, ConsultationModel, format_file_size
from zv_desktop.ui.undo import ActionController

from .conftest import show_active

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


PAPER = paper_id("50/003/2022")


@dataclass
class Ui:
    """The editor on the demo file, with what it told the user and what it opened."""

    editor: PaperEditor
    controller: ActionController
    store: Store
    problems: list[str] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)

    def paper(self) -> papers.PaperDoc:
        return papers.load_paper(self.store, PAPER)


@pytest.fixture
def ui(qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> Ui:
    controller = ActionController(store)
    result = Ui(PaperEditor(controller), controller, store)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: result.problems.append(text))
    result.editor.attachments.opener = lambda path: result.opened.append(path) or True
    result.editor.resize(1366, 768)
    result.editor.show_record(PAPER)
    show_active(qtbot, result.editor)
    return result


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select everything in a field, type the text and leave the field with Tab."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    QApplication.processEvents()


def _edit_cell(qtbot: QtBot, table: QTableView, row: int, column: int, text: str) -> None:
    """F2 on a cell, replace its text, Enter."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not table
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


# --- header, texts, impacts ----------------------------------------------------------------------
def test_typed_title_is_in_the_file_at_once_and_undo_brings_the_old_one_back(
    ui: Ui, qtbot: QtBot, db_path: Path
) -> None:
    _type(qtbot, ui.editor.title, "Sachstandsbericht des Sozialamtes 2022")
    other = open_store(db_path)  # what another program reading the file sees
    try:
        assert other.get(model.Paper, PAPER).title == "Sachstandsbericht des Sozialamtes 2022"
    finally:
        other.close()
    assert ui.controller.stack.undoText() == "Titel der Vorlage ändern"
    assert "2022" in ui.editor.heading.text()
    ui.controller.stack.undo()
    assert ui.paper().paper.title == "Sachstandsbericht des Sozialamtes"
    assert ui.editor.title.toPlainText() == "Sachstandsbericht des Sozialamtes"


def test_header_fields_save_one_action_each(ui: Ui, qtbot: QtBot) -> None:
    _type(qtbot, ui.editor.number, "50/004/2022")
    _type(qtbot, ui.editor.clerk, "Frau Beispiel")
    ui.editor.public.setFocus()
    qtbot.keyClick(ui.editor.public, Qt.Key.Key_Space)
    ui.editor.paper_type.setFocus()
    qtbot.keyClick(ui.editor.paper_type, Qt.Key.Key_Home)  # Beschluss
    ui.editor.agreement.setFocus()
    qtbot.keyClick(ui.editor.agreement, Qt.Key.Key_Home)  # (keine)
    paper = ui.paper().paper
    assert (paper.number, paper.clerk, paper.public) == ("50/004/2022", "Frau Beispiel", False)
    assert paper.paper_type == model.PaperType.BESCHLUSS and paper.agreement_id is None
    assert ui.controller.stack.count() == 5 and ui.problems == []
    _type(qtbot, ui.editor.number, " ")  # refused: the stored number comes back
    assert ui.problems == ["„Nummer“ darf nicht leer sein."]
    assert ui.paper().paper.number == "50/004/2022" and ui.editor.number.text() == "50/004/2022"


def test_paper_date_in_german_and_an_impossible_one_is_marked_not_saved(ui: Ui, qtbot: QtBot) -> None:
    _type(qtbot, ui.editor.paper_date, "31.02.2022")
    assert ui.editor.date_problem.isVisible()
    assert ui.editor.date_problem.text() == "„31.02.2022“ ist kein gültiges Datum (TT.MM.JJJJ)."
    assert ui.paper().paper.paper_date == date(2022, 1, 13) and ui.controller.stack.count() == 0
    _type(qtbot, ui.editor.title, "Sachstandsbericht")  # another edit refreshes the editor
    assert ui.editor.paper_date.text() == "31.02.2022"  # the typed text stays until corrected
    _type(qtbot, ui.editor.paper_date, "14.1.2022")
    assert ui.paper().paper.paper_date == date(2022, 1, 14) and ui.editor.paper_date.text() == "14.01.2022"
    assert not ui.editor.date_problem.isVisible()
    _type(qtbot, ui.editor.paper_date, "")
    assert ui.paper().paper.paper_date is None


def test_texts_are_saved_when_left_or_when_the_window_closes(ui: Ui, qtbot: QtBot) -> None:
    _type(qtbot, ui.editor.decision, "Der Sozialausschuss nimmt den Bericht zur Kenntnis.")
    assert ui.paper().paper.decision_proposal == "Der Sozialausschuss nimmt den Bericht zur Kenntnis."
    ui.editor.occasion.setFocus()
    qtbot.keyClick(ui.editor.occasion, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ui.editor.occasion, " Nachtrag.")
    ui.editor.commit_pending()
    assert ui.paper().paper.occasion.endswith("(Anlage 2). Nachtrag.")
    assert ui.controller.stack.undoText() == "Anlass der Vorlage ändern"
    _type(qtbot, ui.editor.facts, "Sachverhalt.")
    assert ui.paper().paper.facts == "Sachverhalt."
    assert ui.controller.stack.undoText() == "Sachverhalt ändern"


def test_impact_radio_buttons(ui: Ui, qtbot: QtBot) -> None:
    group = ui.editor.impacts.groups["impact_financial"]
    qtbot.mouseClick(group.button(0), Qt.MouseButton.LeftButton)  # ja
    assert ui.paper().paper.impact_financial == model.Impact.JA
    assert ui.controller.stack.undoText() == "Finanzielle Auswirkung ändern"
    qtbot.mouseClick(ui.editor.impacts.groups["impact_climate"].button(2), Qt.MouseButton.LeftButton)
    assert ui.paper().paper.impact_climate == model.Impact.OFFEN
    qtbot.mouseClick(ui.editor.impacts.groups["impact_kpi"].button(3), Qt.MouseButton.LeftButton)
    assert ui.paper().paper.impact_kpi is None  # nicht abgefragt
    ui.controller.stack.undo()
    assert ui.editor.impacts.groups["impact_kpi"].checkedId() == 1  # nein again


# --- Beratungsfolge ------------------------------------------------------------------------------------
def test_beratungsfolge_add_type_reorder_remove(ui: Ui, qtbot: QtBot) -> None:
    section = ui.editor.consultations
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()  # the new committee's name is ready for typing
    assert isinstance(editor, QLineEdit) and editor.text() == "Neues Gremium"
    editor.selectAll()
    qtbot.keyClicks(editor, "Kreisausschuss")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the view commits an edit right after Enter
    assert ui.paper().consultations[1].committee == "Kreisausschuss"
    _edit_cell(qtbot, section.table, 1, 1, "7.3.2022")
    _edit_cell(qtbot, section.table, 1, 3, "Beschluss")
    steps = ui.paper().consultations
    assert [(s.committee, s.meeting_date, s.role) for s in steps] == [
        ("Sozialausschuss", date(2022, 2, 17), "Kenntnisnahme"),
        ("Kreisausschuss", date(2022, 3, 7), "Beschluss"),
    ]
    assert section.table.model().index(1, 1).data() == "07.03.2022"
    qtbot.mouseClick(section.up_button, Qt.MouseButton.LeftButton)
    assert [s.committee for s in ui.paper().consultations] == ["Kreisausschuss", "Sozialausschuss"]
    assert [s.position for s in ui.paper().consultations] == [0, 1]
    assert section.table.currentIndex().row() == 0 and not section.up_button.isEnabled()
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert [s.committee for s in ui.paper().consultations] == ["Sozialausschuss"]
    ui.controller.stack.undo()
    assert [s.committee for s in ui.paper().consultations] == ["Kreisausschuss", "Sozialausschuss"]
    assert section.table.model().rowCount() == 2


def test_invalid_date_and_empty_committee_stay_marked_and_are_not_saved(ui: Ui, qtbot: QtBot) -> None:
    section, table_model = ui.editor.consultations, ui.editor.consultations.table.model()
    _edit_cell(qtbot, section.table, 0, 1, "31.02.2022")
    _edit_cell(qtbot, section.table, 0, 0, "")
    assert ui.paper().consultations[0].meeting_date == date(2022, 2, 17)
    assert ui.paper().consultations[0].committee == "Sozialausschuss" and ui.controller.stack.count() == 0
    cell = table_model.index(0, 1)
    assert cell.data() == "31.02.2022" and cell.data(Qt.ItemDataRole.BackgroundRole) == INVALID_BACKGROUND
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "„31.02.2022“ ist kein gültiges Datum (TT.MM.JJJJ)."
    assert section.problems.isVisible()
    assert section.problems.text().splitlines() == [
        "Zeile 1, Gremium: „Gremium“ darf nicht leer sein.",
        "Zeile 1, Termin: „31.02.2022“ ist kein gültiges Datum (TT.MM.JJJJ).",
    ]
    _type(qtbot, ui.editor.clerk, "Martin Klemmer-Beispiel")  # an edit elsewhere refreshes: the marks stay
    assert table_model.index(0, 1).data() == "31.02.2022"
    _edit_cell(qtbot, section.table, 0, 1, "18.02.2022")
    _edit_cell(qtbot, section.table, 0, 0, "Sozialausschuss")
    assert ui.paper().consultations[0].meeting_date == date(2022, 2, 18)
    assert not section.problems.isVisible() and section.problems.text() == ""


# --- Anlagen -------------------------------------------------------------------------------------------
def test_anlage_add_open_save_as_remove_and_undo(
    ui: Ui, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "Kommunale Ziele 2022.pdf"
    source.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 12)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(source), ""))
    section = ui.editor.attachments
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    stored = ui.paper().attachments
    assert [a.name for a in stored][-1] == "Kommunale Ziele 2022.pdf" and stored[-1].content == source.read_bytes()
    row = section.table.currentIndex().row()
    shown = [section.table.model().index(row, column).data() for column in range(3)]
    assert row == 2 and shown == ["Kommunale Ziele 2022.pdf", "PDF-Dokument", "3,0 KB"]
    qtbot.mouseClick(section.open_button, Qt.MouseButton.LeftButton)
    assert ui.opened[-1].name == "Kommunale Ziele 2022.pdf" and ui.opened[-1].read_bytes() == source.read_bytes()
    copy = tmp_path / "kopie" / "Ziele.pdf"
    copy.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(copy), ""))
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == source.read_bytes() and [p.name for p in copy.parent.iterdir()] == ["Ziele.pdf"]
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert len(ui.paper().attachments) == 2 and section.table.model().rowCount() == 2
    assert ui.controller.stack.undoText() == "Anlage entfernen"
    ui.controller.stack.undo()
    assert [a.name for a in ui.paper().attachments][-1] == "Kommunale Ziele 2022.pdf"
    assert section.table.model().rowCount() == 3 and ui.problems == []


def test_demo_anlage_opens_under_a_windows_safe_name(ui: Ui, qtbot: QtBot) -> None:
    section = ui.editor.attachments
    section.table.setFocus()
    section.table.setCurrentIndex(section.table.model().index(0, 0))
    qtbot.keyClick(section.table, Qt.Key.Key_Return)  # Enter opens, like a double click
    assert ui.opened[-1].name == "Anlage 1 - Kommunale Ziele 2022.pdf"
    assert ui.opened[-1].read_bytes() == ui.paper().attachments[0].content


@pytest.mark.parametrize("case", ["too large", "missing", "empty"])
def test_bad_files_are_refused_with_a_german_message(
    ui: Ui, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    source = tmp_path / "Anlage.pdf"
    if case == "too large":
        source.write_bytes(b"%PDF" + b"x" * 2000)
        monkeypatch.setattr(papers, "MAX_ATTACHMENT_BYTES", 1024)
    elif case == "empty":
        source.write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(source), ""))
    qtbot.mouseClick(ui.editor.attachments.add_button, Qt.MouseButton.LeftButton)
    expected = {"too large": "ist größer als", "missing": "gibt es nicht", "empty": "ist leer"}[case]
    assert len(ui.problems) == 1 and expected in ui.problems[0]
    assert len(ui.paper().attachments) == 2 and ui.controller.stack.count() == 0


def test_renaming_an_anlage_in_its_cell(ui: Ui, qtbot: QtBot) -> None:
    _edit_cell(qtbot, ui.editor.attachments.table, 1, 0, "Anlage 2: Planungsdokument 2022")
    assert ui.paper().attachments[1].name == "Anlage 2: Planungsdokument 2022"
    _edit_cell(qtbot, ui.editor.attachments.table, 1, 0, "")
    assert ui.paper().attachments[1].name == "Anlage 2: Planungsdokument 2022"
    assert "„Name“ darf nicht leer sein." in ui.editor.attachments.problems.text()


# --- models without widgets ------------------------------------------------------------------------------
def test_models_pass_qt_model_checks(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    outline = papers.load_paper_outline(store, paper_id("026/2012"))
    edits: list[tuple[str, str, object]] = []
    steps = ConsultationModel(on_edit=lambda *edit: edits.append(edit) or True)
    steps.set_rows(outline.consultations)
    assert not steps.setData(steps.index(0, 1), "32.1.2012")  # marked, not passed on
    assert steps.setData(steps.index(1, 1), "3.4.2012")
    assert edits == [(outline.consultations[1].id, "meeting_date", date(2012, 4, 3))]
    qtmodeltester.check(steps)
    anlagen = AttachmentModel()
    anlagen.set_rows(papers.load_paper_outline(store, paper_id("50/015/2012")).attachments)
    qtmodeltester.check(anlagen)
    assert anlagen.headerData(2, Qt.Orientation.Horizontal) == "Größe" and anlagen.rowCount() == 5
    assert anlagen.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) is not None


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 Bytes"), (1, "1 Byte"), (1023, "1023 Bytes"), (12595, "12,3 KB"), (5 << 20, "5,0 MB")]
)
def test_file_sizes_in_german(size: int, text: str) -> None:
    assert format_file_size(size) == text


# --- keyboard, names, read-only, look ----------------------------------------------------------------------
def test_labels_have_buddies_unique_shortcuts_and_controls_have_names(ui: Ui) -> None:
    shortcuts: list[str] = []
    for label in ui.editor.findChildren(QtWidgets.QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()
            shortcuts.append(label.text())
    for control in ui.editor.findChildren(QtWidgets.QAbstractButton):
        if "&" in control.text():
            shortcuts.append(control.text())
    keys = [re.search(r"&(\w)", text).group(1).lower() for text in shortcuts]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys)) and len(keys) >= 20, sorted(zip(keys, shortcuts, strict=True))
    assert not {"d", "b"} & set(keys)  # the main window's menus: &Datei, &Bearbeiten

    kinds = (QLineEdit, QtWidgets.QPlainTextEdit, QtWidgets.QComboBox, QTableView, QtWidgets.QAbstractButton)
    for control in ui.editor.findChildren(QWidget):
        if isinstance(control, kinds) and control.isVisible():
            assert control.accessibleName().strip(), f"{type(control).__name__} without a name"


def test_tab_moves_through_the_header_in_reading_order(ui: Ui, qtbot: QtBot) -> None:
    e = ui.editor
    order = [e.number, e.public, e.paper_type, e.paper_date, e.department, e.clerk, e.file_ref, e.issuer, e.title]
    e.number.setFocus()
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_read_only_locks_every_field(ui: Ui) -> None:
    ui.editor.set_read_only(True, "Nur zum Lesen")
    assert ui.editor.banner.isVisible() and ui.editor.title.isReadOnly() and ui.editor.number.isReadOnly()
    assert not ui.editor.consultations.add_button.isEnabled() and not ui.editor.attachments.add_button.isEnabled()
    flags = ui.editor.consultations.table.model().flags(ui.editor.consultations.table.model().index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_a_deleted_paper_is_reported(ui: Ui) -> None:
    with ui.store.recording("Vorlage löschen"):
        ui.store.delete(model.Paper, PAPER)
    ui.controller.changed.emit()
    assert ui.editor.heading.text() == "Diese Vorlage gibt es nicht mehr." and not ui.editor.body.isEnabled()


def test_screenshot_at_1366_by_768(ui: Ui, tmp_path: Path) -> None:
    image = ui.editor.grab()
    assert (image.width(), image.height()) == (1366, 768)
    path = tmp_path / "paper_editor.png"
    assert image.save(str(path)) and path.stat().st_size > 20000
    assert ui.editor.consultations.table.model().rowCount() == 1 and ui.problems == []
