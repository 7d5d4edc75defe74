"""Plausible figures in the KPI grid (issue 16, points 1–3): the measure's unit and range refuse wrong figures,
an unusual figure is saved but stays marked until confirmed, „–“ is a true zero, „.“ never deletes, Entf says in
the status bar what it removed and is undone in one step, a column keeps one display per measure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from zv_desktop.core.services.kpi_grid import CONFIRMED_NOTE
from zv_desktop.core.store import Store
from zv_desktop.ui.editors.kpi_grid_editor import KpiGridEditor
from zv_desktop.ui.undo import ActionController

from .conftest import show_active
from .test_kpi_grid_editor import AGREEMENT, _select, _stored, _type_into
from .test_kpi_grid_editor import demo as demo

pytestmark = pytest.mark.demo  # `store` (and so `demo`) is a fresh copy of the demo (tests/conftest.py)

K2, LZB = 0, 1  # Integrationsquote (%) and Bestand an Langzeitleistungsbeziehenden (Personen)
MARCH = 2


@pytest.fixture
def grid(qtbot: QtBot, demo: Store) -> Iterator[tuple[KpiGridEditor, list[str]]]:
    controller = ActionController(demo)
    notices: list[str] = []
    controller.notice.connect(notices.append)
    widget = KpiGridEditor(controller)
    widget.resize(1366, 720)
    widget.show_record(AGREEMENT)
    show_active(qtbot, widget)
    yield widget, notices


def _background(editor: KpiGridEditor, row: int, column: int) -> str | None:
    brush = editor.model.index(row, column).data(8)  # Qt.BackgroundRole
    return brush.color().name() if isinstance(brush, QBrush) else None


@pytest.mark.parametrize(
    ("column", "typed", "reason"),
    [
        (K2, "1.234,5", "eine Quote liegt zwischen 0 und 100 %"),
        (LZB, "12,5 %", "„%“ passt nicht zur Einheit „Personen“"),
        (LZB, "17.000,5", "Personen werden in ganzen Zahlen gezählt"),
        (LZB, "-3", "kann nicht negativ sein"),
    ],
)
def test_a_figure_that_cannot_belong_to_the_measure_is_refused(
    grid: tuple[KpiGridEditor, list[str]], qtbot: QtBot, db_path: Path, column: int, typed: str, reason: str
) -> None:
    editor, _ = grid
    before = _stored(db_path, column)[MARCH + 1].value
    _type_into(qtbot, editor, MARCH, column, typed)
    assert _stored(db_path, column)[MARCH + 1].value == before  # nothing saved
    [problem] = editor.model.problems()
    assert problem.message.startswith("März 2014, ") and reason in problem.message
    assert reason in editor.problems_label.text() and _background(editor, MARCH, column) == "#f6c6c2"


def test_an_unusual_figure_is_saved_marked_and_confirmed(grid: tuple[KpiGridEditor, list[str]], qtbot: QtBot) -> None:
    editor, _ = grid
    _type_into(qtbot, editor, 6, K2, "72,0")  # more than three times the median of the months before (≈ 20,6)
    assert editor.model.grid is not None and editor.model.grid.value(6, K2) == Decimal("72.0")  # saved
    assert _background(editor, 6, K2) == "#fde7a9"
    assert "Ungewöhnlich: 72 ist mehr als das Dreifache des Medians" in editor.problems_label.text()
    assert "Bitte prüfen" in editor.problems_label.text()
    editor.model.set_grid(editor.model.grid)  # a refresh keeps the mark: it is the figure's, not the input's
    assert _background(editor, 6, K2) == "#fde7a9"
    _select(editor, 6, K2, 6, K2)
    editor.confirm_action.trigger()
    assert _background(editor, 6, K2) is None and "Bitte prüfen" not in editor.problems_label.text()
    assert CONFIRMED_NOTE in editor.model.grid.cell(6, K2).comment
    assert editor.controller.stack.undoText() == "Ungewöhnlichen Wert bestätigen"
    editor.controller.stack.undo()
    assert _background(editor, 6, K2) == "#fde7a9"  # the confirmation is one undoable action


def test_a_dash_is_a_true_zero_and_a_dot_never_deletes(
    grid: tuple[KpiGridEditor, list[str]], qtbot: QtBot, db_path: Path
) -> None:
    editor, _ = grid
    march = _stored(db_path, K2)[MARCH + 1].value
    _type_into(qtbot, editor, MARCH, K2, ".")
    assert _stored(db_path, K2)[MARCH + 1].value == march
    [problem] = editor.model.problems()
    assert "„.“ bedeutet „Zahlenwert unbekannt oder geheim zu halten“" in problem.message
    assert "Entf" in problem.message
    _type_into(qtbot, editor, MARCH, K2, "-")
    assert _stored(db_path, K2)[MARCH + 1].value == Decimal(0)  # nichts vorhanden: a true zero, stored
    assert editor.model.problems() == []


def test_entf_deletes_says_what_and_is_undone(grid: tuple[KpiGridEditor, list[str]], db_path: Path) -> None:
    editor, notices = grid
    march = _stored(db_path, K2)[MARCH + 1].value
    _select(editor, MARCH, K2, MARCH, K2)
    editor.delete_action.trigger()
    assert MARCH + 1 not in _stored(db_path, K2)
    text = str(march).replace(".", ",")
    assert notices[-1] == (
        f"Gelöscht: März 2014, K2 Integrationsquote – Kreis Mettmann: {text} – Strg+Z stellt es wieder her."
    )
    editor.controller.stack.undo()
    assert _stored(db_path, K2)[MARCH + 1].value == march


def test_a_column_keeps_one_display_per_measure(
    grid: tuple[KpiGridEditor, list[str]], qtbot: QtBot, db_path: Path
) -> None:
    editor, _ = grid
    _type_into(qtbot, editor, MARCH, LZB, "17.428,0")
    assert _stored(db_path, LZB)[MARCH + 1].value == Decimal(17428)  # a whole count, stored as one
    shown = [editor.model.index(row, LZB).data() for row in range(12)]
    assert shown[MARCH] == "17.428" and all("," not in text for text in shown if text)
    _type_into(qtbot, editor, MARCH, K2, "21")
    quota = [editor.model.index(row, K2).data() for row in range(12) if editor.model.index(row, K2).data()]
    assert editor.model.index(MARCH, K2).data() == "21,0" and all(text.count(",") == 1 for text in quota)
