"""Two connections on one file (two windows, two programs, two offices): no write silently loses the other's work."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.unit.test_xlsx_import_support import make_areas, save_value, stored, template_rows, write_book
from zv_desktop.core import model
from zv_desktop.core.errors import BusyError, ConflictError, FileBusyError
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.progress import Progress
from zv_desktop.core.services import agreements, history, kpi_grid
from zv_desktop.core.store import Store, locking, open_store


@pytest.fixture
def two(demo: Store) -> Iterator[tuple[Store, Store]]:
    """The demo file open twice: window A (user anna) and window B (user bernd)."""
    demo.user = "anna"
    other = open_store(demo.path, user="bernd")
    yield demo, other
    other.close()


def _a_goal(store: Store) -> model.Goal:
    return store.find(model.Goal, "kind = ?", (model.GoalKind.KPI_TARGET.value,))[0]


def _draft_goal(store: Store) -> model.Goal:
    drafts = "agreement_id IN (SELECT id FROM agreements WHERE status = ?)"
    return store.find(model.Goal, drafts, (model.AgreementStatus.VERHANDELT.value,))[0]


def _audit_count(store: Store, row_id: str) -> int:
    return int(store.conn.execute("SELECT count(*) FROM audit_log WHERE row_id = ?", (row_id,)).fetchone()[0])


def test_the_issue_scenario_keeps_both_and_names_the_other_change(two: tuple[Store, Store]) -> None:
    a, b = two
    goal_in_a = _a_goal(a)
    goal_in_b = b.get(model.Goal, goal_in_a.id)  # both windows show the same goal
    agreements.save_goal(a, dataclasses.replace(goal_in_a, amber_from=Decimal(3), comment="Anstieg im Mai erklärt"))
    audit_before = _audit_count(b, goal_in_a.id)
    with pytest.raises(ConflictError) as caught:
        agreements.save_goal(b, dataclasses.replace(goal_in_b, amber_from=Decimal(4)))
    message = str(caught.value)
    assert "anna" in message and "Kreis Testland" in message and "Kommentar" in message
    assert "Ampel gelb ab (%)" in message and "nicht gespeichert" in message
    now = b.get(model.Goal, goal_in_a.id)
    assert (now.amber_from, now.comment) == (Decimal(3), "Anstieg im Mai erklärt")
    assert _audit_count(b, goal_in_a.id) == audit_before  # the refused write left no claim in the audit log


def test_after_reloading_the_other_window_saves_on_top(two: tuple[Store, Store]) -> None:
    a, b = two
    goal = _a_goal(a)
    stale = b.get(model.Goal, goal.id)
    agreements.save_goal(a, dataclasses.replace(goal, comment="von A"))
    with pytest.raises(ConflictError):
        agreements.save_goal(b, dataclasses.replace(stale, amber_from=Decimal(4)))
    fresh = b.get(model.Goal, goal.id)
    agreements.save_goal(b, dataclasses.replace(fresh, amber_from=Decimal(4)))
    now = a.get(model.Goal, goal.id)
    assert (now.amber_from, now.comment) == (Decimal(4), "von A")


def test_a_record_deleted_in_the_other_window_is_not_brought_back(two: tuple[Store, Store]) -> None:
    a, b = two
    goal = _draft_goal(a)
    stale = b.get(model.Goal, goal.id)
    agreements.delete_part(a, model.Goal, goal.id)
    with pytest.raises(ConflictError, match="gelöscht"):
        agreements.save_goal(b, dataclasses.replace(stale, comment="zu spät"))
    assert not b.exists(model.Goal, goal.id)


def test_undo_does_not_overwrite_a_later_change_of_the_other_window(two: tuple[Store, Store]) -> None:
    a, b = two
    goal = _a_goal(a)
    with a.recording("Ziel ändern") as action:
        agreements.save_goal(a, dataclasses.replace(goal, comment="erste Fassung"))
    agreements.save_goal(b, dataclasses.replace(b.get(model.Goal, goal.id), comment="Fassung von B"))
    with pytest.raises(ConflictError, match="bernd"):
        history.undo(a, action)
    assert a.get(model.Goal, goal.id).comment == "Fassung von B"


def test_undo_and_redo_work_when_nobody_else_changed_the_record(two: tuple[Store, Store]) -> None:
    a, _ = two
    goal = _a_goal(a)
    with a.recording("Ziel ändern") as action:
        agreements.save_goal(a, dataclasses.replace(goal, comment="neu"))
    history.undo(a, action)
    assert a.get(model.Goal, goal.id).comment == goal.comment
    history.redo(a, action)
    assert a.get(model.Goal, goal.id).comment == "neu"


def _grid(store: Store) -> kpi_grid.KpiGrid:
    agreement = next(s for s in agreements.list_agreements(store) if s.year == 2014)
    grid = kpi_grid.build_grid(store, agreement.id)
    assert grid.columns
    return grid


def test_kpi_grid_cell_changed_in_the_other_window_is_not_overwritten(two: tuple[Store, Store]) -> None:
    a, b = two
    grid_a, grid_b = _grid(a), _grid(b)
    kpi_grid.save_cells(a, grid_a, {(2, 0): Decimal("21.2")})
    with pytest.raises(ConflictError, match="anna"):
        kpi_grid.save_cells(b, grid_b, {(2, 0): Decimal("19.9")})
    assert _grid(a).value(2, 0) == Decimal("21.2")
    assert kpi_grid.save_cells(b, grid_b, {(3, 0): Decimal("18.0")}) == 1  # another cell: no conflict
    assert kpi_grid.save_cells(b, grid_b, {(2, 0): Decimal("21.2")}) == 0  # typed what is stored: nothing lost


def test_kpi_grid_value_deleted_in_the_other_window_is_a_conflict(two: tuple[Store, Store]) -> None:
    a, b = two
    grid_a, grid_b = _grid(a), _grid(b)
    assert grid_a.value(0, 0) is not None
    kpi_grid.save_cells(a, grid_a, {(0, 0): None})
    with pytest.raises(ConflictError, match="gelöscht"):
        kpi_grid.save_cells(b, grid_b, {(0, 0): Decimal("5")})
    assert _grid(a).value(0, 0) is None


def test_an_import_is_refused_if_a_previewed_value_changed_since(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "19.0")
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()}))
    other = open_store(store.path, user="bernd")
    try:
        save_value(other, "K2", kreis, 2014, 1, "22.2")  # typed in another window while the preview is open
    finally:
        other.close()
    with pytest.raises(ConflictError, match="bernd") as caught:
        run_import(store, preview)
    assert "Nichts wurde eingelesen" in str(caught.value)
    assert stored(store, "K2", kreis, 2014, 1) == Decimal("22.2")
    assert store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 1


def test_a_write_waits_for_the_other_writer_and_says_so(two: tuple[Store, Store]) -> None:
    a, b = two
    told: list[str | None] = []
    b.on_wait = told.append
    a.conn.execute("BEGIN IMMEDIATE")  # window A is in the middle of a long action
    releaser = threading.Timer(1.0, a.conn.commit)
    releaser.start()
    start = time.monotonic()
    goal = _a_goal(b)
    agreements.save_goal(b, dataclasses.replace(goal, comment="nach dem Warten"))
    releaser.join()
    assert time.monotonic() - start >= 0.9
    assert told[0] is not None and "wird gerade von" in told[0] and told[-1] is None
    assert a.get(model.Goal, goal.id).comment == "nach dem Warten"


def test_a_write_gives_up_in_german_when_the_lock_stays(
    two: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = two
    monkeypatch.setattr(locking, "LOCK_WAIT_SECONDS", 0.5)
    goal = _a_goal(b)
    a.conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(FileBusyError, match="nicht gespeichert"):
            agreements.save_goal(b, dataclasses.replace(goal, comment="geht nicht"))
    finally:
        a.conn.rollback()
    assert b.get(model.Goal, goal.id).comment == goal.comment
    assert not b.conn.in_transaction


def test_a_failed_action_puts_the_row_versions_back(store: Store) -> None:
    party = model.Party(name="Stadt Kamen", role=model.PartyRole.STADT)
    store.save(party)
    with pytest.raises(RuntimeError), store.transaction():
        party.name = "Stadt Kamen (neu)"
        store.save(party)
        raise RuntimeError("Abbruch")
    assert party.row_version == 1  # the version of the row as it is in the file: saving again is no conflict
    store.save(party)
    assert store.get(model.Party, party.id).name == "Stadt Kamen (neu)"


def test_an_edit_during_a_background_import_is_refused_not_mixed_in(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    party = store.save(model.Party(name="Stadt Kamen", role=model.PartyRole.STADT))
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()}))
    writing, release = threading.Event(), threading.Event()

    def slow(done: int, total: int, text: str) -> None:
        if done:  # the values are written, the transaction is still open
            writing.set()
            release.wait(10)

    job = threading.Thread(target=run_import, args=(store, preview, Progress(slow)))
    job.start()
    try:
        assert writing.wait(10)
        party.name = "Stadt Kamen (geändert)"
        with pytest.raises(BusyError, match="bitte warten"):
            store.save(party)
        with pytest.raises(BusyError):
            store.recording("Ziel ändern").__enter__()
    finally:
        release.set()
        job.join(10)
    assert store.get(model.Party, party.id).name == "Stadt Kamen"
    assert store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 6


def test_a_part_changed_in_the_other_window_is_not_deleted_from_a_stale_view(two: tuple[Store, Store]) -> None:
    from zv_desktop.core.services import catalogue

    a, b = two
    goal = _draft_goal(a)
    shown_in_b = b.get(model.Goal, goal.id).row_version
    agreements.save_goal(a, dataclasses.replace(goal, comment="wichtig"))
    with pytest.raises(ConflictError, match="anna"):
        agreements.delete_part(b, model.Goal, goal.id, shown_in_b)
    assert b.get(model.Goal, goal.id).comment == "wichtig"
    party = a.save(model.Party(name="Stadt Hilden", role=model.PartyRole.STADT))
    shown = b.get(model.Party, party.id).row_version
    a.save(dataclasses.replace(party, short_name="Hilden"))
    with pytest.raises(ConflictError):
        catalogue.delete_party(b, party.id, shown)
    assert b.exists(model.Party, party.id)
