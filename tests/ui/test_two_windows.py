"""Two main windows on one data file, as two colleagues on a shared drive: no edit is ever silently lost."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.store import Store, open_store
from zv_desktop.ui import conflict_dialog
from zv_desktop.ui.editors.goal_editor import GoalEditor
from zv_desktop.ui.main_window import MainWindow

from .conftest import type_into


@pytest.fixture
def windows(qtbot: QtBot, demo: Store) -> Iterator[tuple[MainWindow, MainWindow]]:
    """Window A (anna) and window B (bernd) on the same copy of the demo file."""
    demo.user = "anna"
    other = open_store(demo.path, user="bernd")
    pair = (MainWindow(demo), MainWindow(other))
    for window in pair:
        qtbot.addWidget(window)
        window.show()
    yield pair
    for window in pair:
        window.close()


class Answers:
    """Stands in for the conflict dialog: records what it was shown and answers with ``reapply``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, reapply: bool) -> None:
        self.reapply, self.shown = reapply, []
        monkeypatch.setattr(conflict_dialog, "ask_reapply", self)

    def __call__(self, parent: object, message: str, mine: list[str]) -> bool:
        self.shown.append((message, mine))
        return self.reapply


def _goal_ids(store: Store) -> list[str]:
    wanted = (agreement_id(AGREEMENT_METTMANN_2014), model.GoalKind.KPI_TARGET.value)
    return [g.id for g in store.find(model.Goal, "agreement_id = ? AND kind = ?", wanted)]


def _open_goal(window: MainWindow, goal_id: str) -> GoalEditor:
    window.activateWindow()  # the user turns to this window (focus, and so saving on leaving a field, needs it)
    QApplication.processEvents()
    window.open_record("goal", goal_id)
    editor = window.editors["goal"]
    assert isinstance(editor, GoalEditor) and editor.record_id == goal_id
    return editor


def _same_goal_in_both(windows: tuple[MainWindow, MainWindow]) -> tuple[Store, str, GoalEditor, GoalEditor]:
    """Window A's file, the goal both windows show, and the two goal editors."""
    win_a, win_b = windows
    store_a = win_a.controller.store
    assert store_a is not None
    goal_id = _goal_ids(store_a)[0]
    return store_a, goal_id, _open_goal(win_a, goal_id), _open_goal(win_b, goal_id)


def _comment(qtbot: QtBot, editor: GoalEditor, text: str) -> None:
    """Type a comment and leave the field with Tab, as a user does (it saves on leaving)."""
    editor.window().activateWindow()
    QApplication.processEvents()
    editor.comment.setFocus()
    editor.comment.selectAll()
    editor.comment.insertPlainText(text)
    qtbot.keyClick(editor.comment, Qt.Key.Key_Tab)
    QApplication.processEvents()


def test_the_issue_scenario_loses_nothing_and_names_the_other_change(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    win_a, win_b = windows
    store_a, store_b = win_a.controller.store, win_b.controller.store  # type: ignore[union-attr]
    goal_id = _goal_ids(store_a)[0]
    a, b = _open_goal(win_a, goal_id), _open_goal(win_b, goal_id)
    answers = Answers(monkeypatch, reapply=False)
    type_into(qtbot, a.fields["amber_from"].widget, "3")
    _comment(qtbot, a, "Rückgang im Mai: Maßnahme endete")
    assert store_b.get(model.Goal, goal_id).amber_from == Decimal(3)
    assert b.fields["amber_from"].widget.text() != "3"  # B still shows what it read
    type_into(qtbot, b.fields["amber_from"].widget, "4")
    message, mine = answers.shown[0]
    assert "anna" in message and "Kommentar" in message and "Ampel gelb ab" in message
    assert mine == ["Ampel gelb ab (%): 4"]
    stored = store_a.get(model.Goal, goal_id)
    assert (stored.amber_from, stored.comment) == (Decimal(3), "Rückgang im Mai: Maßnahme endete")
    # B discarded its input: the editor shows the stored state, A's comment included
    assert b.fields["amber_from"].widget.text() == "3" and b.comment.toPlainText() == stored.comment
    actions = store_a.query("SELECT changes FROM audit_log WHERE row_id = ? AND user_name = 'bernd'", (goal_id,))
    assert actions == []  # the audit log claims nothing B did not write


def test_reapplying_after_a_clash_keeps_the_other_change_and_adds_ones_own(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    store_a, goal_id, a, b = _same_goal_in_both(windows)
    answers = Answers(monkeypatch, reapply=True)
    type_into(qtbot, a.fields["amber_from"].widget, "3")
    _comment(qtbot, a, "Kommentar aus Fenster A")
    type_into(qtbot, b.fields["amber_from"].widget, "4")  # the same field: B decides, and takes its own
    assert len(answers.shown) == 1
    stored = store_a.get(model.Goal, goal_id)
    assert (stored.amber_from, stored.comment) == (Decimal(4), "Kommentar aus Fenster A")
    assert b.fields["amber_from"].widget.text() == "4" and b.comment.toPlainText() == "Kommentar aus Fenster A"


def test_a_change_of_other_fields_is_kept_without_a_question_and_named_in_the_status_bar(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    store_a, goal_id, a, b = _same_goal_in_both(windows)
    answers = Answers(monkeypatch, reapply=False)
    _comment(qtbot, a, "Kommentar aus Fenster A")
    type_into(qtbot, b.fields["amber_from"].widget, "4")
    assert answers.shown == []
    stored = store_a.get(model.Goal, goal_id)
    assert (stored.amber_from, stored.comment) == (Decimal(4), "Kommentar aus Fenster A")
    note = windows[1].statusBar().currentMessage()
    assert "anna" in note and "Kommentar" in note and "beides bleibt erhalten" in note
    assert b.comment.toPlainText() == "Kommentar aus Fenster A"


def test_a_comment_on_another_goal_survives_any_edit_in_the_other_window(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    win_a, win_b = windows
    store_a = win_a.controller.store  # type: ignore[union-attr]
    first, second = _goal_ids(store_a)[:2]
    answers = Answers(monkeypatch, reapply=False)
    b = _open_goal(win_b, second)
    _comment(qtbot, b, "Kommentar von B")
    a = _open_goal(win_a, first)
    type_into(qtbot, a.fields["green_from"].widget, "97")
    a = _open_goal(win_a, second)  # A opens B's goal after B's comment: it shows it, and edits on top
    type_into(qtbot, a.fields["amber_from"].widget, "80")
    assert store_a.get(model.Goal, second).comment == "Kommentar von B"
    assert store_a.get(model.Goal, second).amber_from == Decimal(80)
    assert answers.shown == []  # no conflict: each edit was made on what was stored


def test_opening_a_file_being_edited_asks_and_only_looking_refuses_every_edit(
    qtbot: QtBot, demo: Store, monkeypatch: pytest.MonkeyPatch, boxes: list[tuple[str, str]]
) -> None:
    demo.user = "anna"
    first = MainWindow(demo)
    qtbot.addWidget(first)
    asked: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask_shared_open", lambda parent, name, who: asked.append(who) or False)
    second = MainWindow(open_store(demo.path, user="bernd"))
    qtbot.addWidget(second)
    assert len(asked) == 1 and asked[0].startswith("anna auf ") and " seit " in asked[0]
    store = second.controller.store  # type: ignore[union-attr]
    assert store.read_only and "nur zum Ansehen" in second.windowTitle()
    assert second.read_only_banner.isVisibleTo(second) and "anna" in second.read_only_banner.text()
    goal_id = _goal_ids(store)[0]
    editor = _open_goal(second, goal_id)
    field = editor.fields["amber_from"].widget
    assert field.isReadOnly() and editor.comment.isReadOnly()  # not even the tracking fields stay open
    assert "nur zum Ansehen" in editor.banner.text()
    type_into(qtbot, field, "4")
    second.controller.perform("Ziel ändern", lambda: store.save(store.get(model.Goal, goal_id)))  # type: ignore[union-attr]
    assert any("nur zum Ansehen" in text for _, text in boxes)  # and the file itself refuses every write
    assert store.get(model.Goal, goal_id).amber_from != Decimal(4)
    first.close()
    second.close()
    third = MainWindow(open_store(demo.path, user="carla"))  # nobody has it open now: no question
    qtbot.addWidget(third)
    assert len(asked) == 1 and not third.controller.store.read_only  # type: ignore[union-attr]
    third.close()


def test_a_marker_left_by_a_crashed_program_is_cleared_without_a_question(
    qtbot: QtBot, demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zv_desktop.core.store.presence import Presence

    crashed = Presence(demo.path, "anna", editing=True)
    monkeypatch.setattr("os.getpid", lambda: 4_000_000)  # a process id that runs nowhere
    crashed.touch()
    monkeypatch.undo()
    asked: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask_shared_open", lambda parent, name, who: asked.append(who) or False)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    assert asked == [] and not crashed.marker.exists()
    window.close()


def test_a_window_shows_what_another_window_saved_within_seconds(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow]
) -> None:
    win_a, win_b = windows
    store_b = win_b.controller.store  # type: ignore[union-attr]
    goal_id = _goal_ids(store_b)[0]
    a = _open_goal(win_a, goal_id)
    b = _open_goal(win_b, goal_id)
    _comment(qtbot, b, "neu von B")
    qtbot.waitUntil(lambda: a.comment.toPlainText() == "neu von B", timeout=5000)


def test_a_change_from_outside_waits_while_the_user_is_typing(qtbot: QtBot, demo: Store) -> None:
    import dataclasses

    from zv_desktop.core.services import agreements

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    goal_id = _goal_ids(demo)[0]
    editor = _open_goal(window, goal_id)
    field = editor.fields["green_from"].widget
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "95")  # typed, not yet saved
    other = open_store(demo.path, user="bernd")  # another program saves a comment meanwhile
    agreements.save_goal(other, dataclasses.replace(other.get(model.Goal, goal_id), comment="von B"))
    other.close()
    assert window.watch is not None
    window.watch.check()
    assert field.text() == "95" and editor.comment.toPlainText() != "von B"  # the typed input stays
    qtbot.keyClick(field, Qt.Key.Key_Return)  # saved on top of B's comment: the view shows both
    qtbot.waitUntil(lambda: editor.comment.toPlainText() == "von B", timeout=5000)
    stored = demo.get(model.Goal, goal_id)
    assert (stored.green_from, stored.comment) == (Decimal(95), "von B")
    window.close()
