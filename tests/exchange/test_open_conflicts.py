"""Conflicts left open by a merge are decided later (mine, theirs, field by field), and a goal the other office added
to an agreement signed here is a conflict that can be taken or kept out, never applied silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange.offices import JOBCENTER, add_goal, comment_first_goal, draft_agreement, make_offices, send, sign
from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.exchange.office.merge_plan import ConflictKind
from zv_desktop.core.exchange.office.open_conflicts import decide_open, open_conflicts
from zv_desktop.core.store import Store, open_store


def _merge(store: Store, file: Path, decisions: Decisions) -> None:
    with receive(file) as received:
        apply_merge(store, preview_merge(store, received), decisions)


@pytest.fixture
def kreis_with_open_conflict(demo_file: Path, tmp_path: Path) -> tuple[Store, Path, model.Goal]:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    comment_first_goal(kreis, "Sicht des Kreises")
    theirs = comment_first_goal(jobcenter, "Sicht des Jobcenters")
    file = send(jobcenter, tmp_path / "jc.zvx")
    store = open_store(kreis)
    _merge(store, file, Decisions())
    return store, file, theirs


def test_an_open_conflict_is_listed_with_both_versions_and_decided_later(
    kreis_with_open_conflict: tuple[Store, Path, model.Goal],
) -> None:
    store, file, goal = kreis_with_open_conflict
    try:
        [conflict] = open_conflicts(store)
        assert conflict.from_office == JOBCENTER
        assert conflict.change.key == ("goals", goal.id)
        assert conflict.change.fields == ("comment",)
        assert conflict.change.mine is not None and conflict.change.mine["comment"] == "Sicht des Kreises"
        assert conflict.change.theirs["comment"] == "Sicht des Jobcenters"
        assert store.get(model.Goal, goal.id).comment == "Sicht des Kreises"  # open keeps mine

        assert decide_open(store, {("goals", goal.id): {"comment": "theirs"}}) == 1
        assert store.get(model.Goal, goal.id).comment == "Sicht des Jobcenters"
        assert open_conflicts(store) == []
        state = store.query("SELECT state, decided_by FROM exchange_conflicts WHERE row_id = ?", (goal.id,))
        assert [(r["state"], r["decided_by"]) for r in state] == [("fields", "testerin")]
        audit = store.query("SELECT changes FROM audit_log WHERE row_id = ? ORDER BY rowid DESC LIMIT 1", (goal.id,))
        assert "offener Konflikt" in audit[0]["changes"] and JOBCENTER in audit[0]["changes"]
        before = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
        _merge(store, file, Decisions())  # the same file again: the decision has seen it
        assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == before
    finally:
        store.close()


def test_deciding_a_conflict_no_longer_open_writes_nothing(
    kreis_with_open_conflict: tuple[Store, Path, model.Goal],
) -> None:
    store, _, goal = kreis_with_open_conflict
    try:
        decide_open(store, {("goals", goal.id): "mine"})
        with pytest.raises(DataFileError, match="nicht mehr offen"):
            decide_open(store, {("goals", goal.id): "theirs"})
        assert store.get(model.Goal, goal.id).comment == "Sicht des Kreises"
    finally:
        store.close()


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_a_goal_added_elsewhere_to_an_agreement_signed_here_is_a_conflict(
    demo_file: Path, tmp_path: Path, choice: str
) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    agreement = draft_agreement(kreis)
    added = add_goal(jobcenter, agreement, "Ziel des Jobcenters")
    sign(kreis, agreement)
    file = send(jobcenter, tmp_path / "jc.zvx")
    store = open_store(kreis)
    try:
        with receive(file) as received:
            preview = preview_merge(store, received)
            [conflict] = preview.plan.conflicts
            assert conflict.key == ("goals", added) and conflict.conflict is ConflictKind.SIGNED
            assert conflict.mine is None
            apply_merge(store, preview, Decisions())  # left open: the signed agreement keeps its goals
        assert store.find(model.Goal, "id = ?", (added,)) == []
        [listed] = open_conflicts(store)
        assert listed.change.mine is None
        decide_open(store, {("goals", added): choice})
        rows = store.query("SELECT deleted FROM goals WHERE id = ?", (added,))
        assert [r["deleted"] for r in rows] == [0 if choice == "theirs" else 1]
    finally:
        store.close()
    # the decision travels back: keeping it out deletes the goal at the Jobcenter, taking it changes nothing there
    back = send(kreis, tmp_path / "kreis.zvx")
    jc = open_store(jobcenter)
    try:
        _merge(jc, back, Decisions())
        assert [g.title for g in jc.find(model.Goal, "id = ?", (added,))] == (
            ["Ziel des Jobcenters"] if choice == "theirs" else []
        )
    finally:
        jc.close()


def test_prefer_theirs_never_adds_a_goal_to_an_agreement_signed_here(demo_file: Path, tmp_path: Path) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    agreement = draft_agreement(kreis)
    added = add_goal(jobcenter, agreement, "Ziel des Jobcenters")
    sign(kreis, agreement)
    store = open_store(kreis)
    try:
        _merge(store, send(jobcenter, tmp_path / "jc.zvx"), Decisions(prefer="theirs"))  # never applied silently
        assert store.query("SELECT deleted FROM goals WHERE id = ?", (added,))[0]["deleted"] == 1
    finally:
        store.close()
