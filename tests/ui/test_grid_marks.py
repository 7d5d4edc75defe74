"""Signs of official statistics in the Kennzahlen grid (issue 16, point 2): „.“, „…“, „x“, „*“ typed or pasted into
a month without a figure are kept as „keine Zahl“, shown grey with their meaning, removed with Entf and undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.ui.editors.kpi_grid_editor import KpiGridEditor

from .test_grid_plausibility import K2, grid
from .test_kpi_grid_editor import _select, _stored, _type_into
from .test_kpi_grid_editor import demo as demo

pytestmark = pytest.mark.demo  # `store` (and so `demo`) is a fresh copy of the demo (tests/conftest.py)

DECEMBER = 11
__all__ = ["demo", "grid"]


def _clear_december(editor: KpiGridEditor) -> None:
    _select(editor, DECEMBER, K2, DECEMBER, K2)
    editor.delete_action.trigger()


def test_a_sign_is_kept_shown_grey_with_its_meaning_and_removed_with_entf(
    grid: tuple[KpiGridEditor, list[str]], qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    editor, notices = grid
    _clear_december(editor)
    _type_into(qtbot, editor, DECEMBER, K2, ".")
    stored = _stored(db_path, K2)[DECEMBER + 1]
    assert (stored.value, stored.mark) == (None, ".") and editor.model.problems() == []
    index = editor.model.index(DECEMBER, K2)
    assert index.data() == "."
    foreground = index.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(foreground, QBrush) and foreground.color().name() == "#5f6368"
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "keine Zahl: „.“ Zahlenwert unbekannt oder geheim zu halten" in tooltip and "Quelle: Eingabe" in tooltip
    editor.grab().save(str(tmp_path / "zeichen.png"))
    _type_into(qtbot, editor, DECEMBER, K2, "...")  # three full stops are „…“
    assert _stored(db_path, K2)[DECEMBER + 1].mark == "…" and index.data() == "…"
    _select(editor, DECEMBER, K2, DECEMBER, K2)
    editor.delete_action.trigger()
    assert DECEMBER + 1 not in _stored(db_path, K2)
    assert notices[-1].startswith("Gelöscht: Dezember 2014, K2 Integrationsquote – Kreis Mettmann: „…“")
    editor.controller.stack.undo()
    assert _stored(db_path, K2)[DECEMBER + 1].mark == "…"


def test_a_pasted_sign_lands_where_no_figure_is_and_leaves_figures(
    grid: tuple[KpiGridEditor, list[str]], db_path: Path
) -> None:
    editor, _ = grid
    _clear_december(editor)
    november = _stored(db_path, K2)[DECEMBER].value
    QApplication.clipboard().setText("x\r\nx\r\n")
    _select(editor, DECEMBER - 1, K2, DECEMBER - 1, K2)
    editor.paste()
    after = _stored(db_path, K2)
    assert after[DECEMBER].value == november and after[DECEMBER].mark == ""  # a figure is never replaced
    assert (after[DECEMBER + 1].value, after[DECEMBER + 1].mark) == (None, "x")
    assert editor.controller.stack.undoText() == "Werte einfügen"
