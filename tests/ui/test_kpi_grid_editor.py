"""The KPI grid editor on the demo file: typing, pasting Excel blocks, deleting, undo; the model without widgets."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, area_id
from zv_desktop.core.formats import format_number
from zv_desktop.core.services.kpi_grid import KpiGrid, build_grid, save_cells
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui.editors.kpi_grid_editor import KpiGridEditor
from zv_desktop.ui.kpi_grid_model import KpiGridModel
from zv_desktop.ui.undo import ActionController

from .conftest import show_active

pytestmark = pytest.mark.demo  # `store` is a fresh copy of the demo (tests/conftest.py)


AGREEMENT = agreement_id(AGREEMENT_METTMANN_2014)


@pytest.fixture
def demo(store: Store) -> Store:
    return store


@pytest.fixture
def editor(qtbot: QtBot, demo: Store) -> Iterator[KpiGridEditor]:
    widget = KpiGridEditor(ActionController(demo))
    widget.resize(1300, 720)
    widget.show_record(AGREEMENT)
    show_active(qtbot, widget)
    yield widget


def _stored(db_path: Path, column: int) -> dict[int, model.KpiValue]:
    """The Ist values 2014 of a grid column of the Kreis Mettmann, read from the file with a second connection."""
    other = open_store(db_path)
    try:
        measure_id = build_grid(other, AGREEMENT).columns[column].measure_id
        values = list_values(other, area_id("Kreis Mettmann"), 2014)
        return {v.period_no: v for v in values if v.measure_id == measure_id and v.value_kind is model.ValueKind.IST}
    finally:
        other.close()


def _type_into(qtbot: QtBot, editor: KpiGridEditor, row: int, column: int, text: str) -> None:
    view = editor.table
    index = editor.model.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    for _ in range(100):  # Qt commits the editor queued; not qtbot.wait: an earlier app.exec() may have quit
        QApplication.processEvents()
        if view.state() != view.State.EditingState:
            break
    assert view.state() != view.State.EditingState


def _select(editor: KpiGridEditor, top: int, left: int, bottom: int, right: int) -> None:
    editor.table.setCurrentIndex(editor.model.index(top, left))
    selection = QItemSelection(editor.model.index(top, left), editor.model.index(bottom, right))
    editor.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_editor_shows_title_months_and_accessible_names(editor: KpiGridEditor, tmp_path: Path) -> None:
    assert editor.title.text().startswith("Kennzahlen 2014 – Zielvereinbarung 2014 Agentur für Arbeit Mettmann")
    assert "Ist" in editor.hint.text() and "Strg+V" in editor.hint.text()
    assert editor.model.headerData(0, Qt.Orientation.Vertical) == "Januar 2014"
    assert editor.model.headerData(11, Qt.Orientation.Vertical) == "Dezember 2014"
    assert editor.model.index(0, 0).data() == "20,5"
    assert editor.model.index(0, 1).data() == "17.605"
    for widget in (editor.table, *editor.findChildren(QLabel)):
        assert widget.accessibleName(), widget
    assert editor.table.columnWidth(1) >= editor.table.fontMetrics().horizontalAdvance("17.605.000")
    path = tmp_path / "kpi_grid.png"
    assert editor.grab().save(str(path)) and path.stat().st_size > 10_000


def test_typed_value_is_saved_in_the_file_and_undone(qtbot: QtBot, editor: KpiGridEditor, db_path: Path) -> None:
    _type_into(qtbot, editor, 2, 0, "19,7 %")
    stored = _stored(db_path, 0)
    assert stored[3].value == Decimal("19.7") and stored[3].source == "Eingabe"
    assert editor.model.index(2, 0).data() == "19,7"
    assert editor.table.currentIndex().row() == 3  # Enter moves down, as in a spreadsheet
    stack = editor.controller.stack
    assert stack.count() == 1 and stack.undoText() == "Wert eingeben"
    stack.undo()
    assert _stored(db_path, 0)[3].source == "Demo" and editor.model.index(2, 0).data() == "20,7"


def test_invalid_cell_shows_its_reason_and_nothing_is_saved(qtbot: QtBot, editor: KpiGridEditor, db_path: Path) -> None:
    before = _stored(db_path, 1)
    _type_into(qtbot, editor, 2, 1, "17,3,4")
    index = editor.model.index(2, 1)
    assert index.data() == "17,3,4"
    assert isinstance(index.data(Qt.ItemDataRole.BackgroundRole), QBrush)
    reason = index.data(Qt.ItemDataRole.ToolTipRole)
    assert (
        reason.startswith("März 2014, LZB Bestand an Langzeitleistungsbeziehenden") and "keine gültige Zahl" in reason
    )
    assert editor.problems_label.isVisible() and reason in editor.problems_label.text()
    assert _stored(db_path, 1) == before and editor.controller.stack.count() == 0
    _type_into(qtbot, editor, 2, 1, "17.300")  # corrected: saved, mark gone
    assert _stored(db_path, 1)[3].value == Decimal(17300)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None and not editor.problems_label.isVisible()


def test_paste_from_excel_fills_the_grid_as_one_undoable_action(
    qtbot: QtBot, editor: KpiGridEditor, db_path: Path
) -> None:
    before = _stored(db_path, 3)
    QApplication.clipboard().setText("110\t50\r\n120\tviele\r\n\t45\r\n")
    editor.table.setCurrentIndex(editor.model.index(9, 3))  # Oktober, INT-U25
    qtbot.keyClick(editor.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    u25, ae = _stored(db_path, 3), _stored(db_path, 4)
    assert (u25[10].value, u25[11].value, ae[10].value, ae[12].value) == (110, 120, 50, 45)
    assert 12 not in u25  # the empty cell cleared December
    assert editor.model.index(10, 4).data() == "viele"
    assert "November 2014, INT-AE" in editor.model.index(10, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert ae[11].source == "Demo"  # the invalid cell kept its stored value
    stack = editor.controller.stack
    assert stack.count() == 1 and stack.undoText() == "Werte einfügen"
    stack.undo()
    assert _stored(db_path, 3) == before and _stored(db_path, 4)[10].source == "Demo"
    assert editor.model.index(9, 3).data() == format_number(before[10].value)
    stack.redo()
    assert _stored(db_path, 3)[10].value == 110


def test_paste_beyond_the_grid_reports_what_was_left_out(qtbot: QtBot, editor: KpiGridEditor, db_path: Path) -> None:
    QApplication.clipboard().setText("1\t2\n3\t4\n")
    last = editor.model.columnCount() - 1
    editor.table.setCurrentIndex(editor.model.index(11, last))  # Dezember, last column
    qtbot.keyClick(editor.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _stored(db_path, last)[12].value == 1
    text = editor.problems_label.text()
    assert editor.problems_label.isVisible() and text.count("außerhalb der Tabelle") == 3


def test_delete_clears_the_selected_cells(qtbot: QtBot, editor: KpiGridEditor, db_path: Path) -> None:
    _select(editor, 0, 0, 1, 1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert not {1, 2} & set(_stored(db_path, 0)) and not {1, 2} & set(_stored(db_path, 1))
    assert editor.model.index(0, 0).data() == "" and editor.controller.stack.undoText() == "Werte löschen"
    editor.controller.stack.undo()
    assert {1, 2} <= set(_stored(db_path, 0)) and editor.model.index(0, 0).data() == "20,5"


def test_keys_inside_an_open_cell_editor_stay_there(qtbot: QtBot, editor: KpiGridEditor) -> None:
    view = editor.table
    index = editor.model.index(0, 0)
    view.setCurrentIndex(index)
    view.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.setCursorPosition(0)
    qtbot.keyClick(line, Qt.Key.Key_Delete)  # deletes a character, not the cell's value
    QApplication.clipboard().setText("7")
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # pastes into the text
    assert line.text() == "70,5" and editor.controller.stack.count() == 0


def test_copy_gives_a_block_excel_reads(qtbot: QtBot, editor: KpiGridEditor) -> None:
    _select(editor, 0, 0, 1, 1)
    qtbot.keyClick(editor.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "20,5\t17.605\r\n20,6\t17.574\r\n"


# --- the model without widgets ----------------------------------------------------------------


def test_model_passes_qt_model_checks(qtmodeltester, demo: Store) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(KpiGridModel(build_grid(demo, AGREEMENT)))
    qtmodeltester.check(KpiGridModel())


def test_model_saves_valid_input_and_keeps_invalid_input_marked(demo: Store) -> None:
    saved: list[dict[tuple[int, int], Decimal | None]] = []
    grid_model = KpiGridModel(build_grid(demo, AGREEMENT))

    def save(cells: dict[tuple[int, int], Decimal | None]) -> None:
        saved.append(cells)
        grid = grid_model.grid
        assert isinstance(grid, KpiGrid)
        save_cells(demo, grid, cells)
        grid_model.set_grid(build_grid(demo, AGREEMENT))

    grid_model.set_save(save)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert grid_model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert grid_model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).endswith("Einheit: %")
    assert "Quelle: Demo" in grid_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert grid_model.setData(grid_model.index(0, 0), "20,5")  # unchanged: nothing to save
    assert grid_model.setData(grid_model.index(5, 0), "21,25")
    assert saved == [{(5, 0): Decimal("21.25")}] and grid_model.index(5, 0).data() == "21,25"
    assert grid_model.index(6, 0).data() == "20,90"  # the column shows the most decimals of its values
    assert grid_model.setData(grid_model.index(6, 0), "zwanzig")
    assert len(saved) == 1 and grid_model.index(6, 0).data() == "zwanzig"
    assert [p.row for p in grid_model.problems()] == [6]
    grid_model.set_grid(build_grid(demo, AGREEMENT))  # a refresh keeps the mark
    assert grid_model.index(6, 0).data(Qt.ItemDataRole.EditRole) == "zwanzig"
    assert grid_model.setData(grid_model.index(6, 0), "")
    assert saved[-1] == {(6, 0): None} and grid_model.index(6, 0).data() == "" and grid_model.problems() == []


def test_pasting_a_block_into_an_open_cell_fills_the_grid(qtbot: QtBot, editor: KpiGridEditor, db_path: Path) -> None:
    view = editor.table
    index = editor.model.index(5, 0)
    view.setCurrentIndex(index)
    view.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    QApplication.clipboard().setText("21,1\t17.001\r\n21,2\t17.002\r\n")
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    for _ in range(50):
        QApplication.processEvents()
    assert _stored(db_path, 0)[6].value == Decimal("21.1") and _stored(db_path, 0)[7].value == Decimal("21.2")
    assert _stored(db_path, 1)[6].value == Decimal("17001") and _stored(db_path, 1)[7].value == Decimal("17002")
    assert editor.controller.stack.undoText() == "Werte einfügen"
