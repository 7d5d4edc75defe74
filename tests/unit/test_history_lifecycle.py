"""Undo/redo of recorded actions and the agreement lifecycle (next year, amendments), on real files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2001, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, history, lifecycle
from zv_desktop.core.store import Store, open_store


@pytest.fixture
def draft(store: Store) -> model.Agreement:
    return agreements.save_agreement(store, model.Agreement(year=2015, title="Zielvereinbarung 2015"))


def test_undo_and_redo_of_an_edit(store: Store, draft: model.Agreement) -> None:
    with store.recording("Titel ändern") as action:
        draft.title = "Zielvereinbarung 2015 (Entwurf 2)"
        agreements.save_agreement(store, draft)
    assert action.label == "Titel ändern" and len(action.changes) == 1
    history.undo(store, action)
    assert store.get(model.Agreement, draft.id).title == "Zielvereinbarung 2015"
    history.redo(store, action)
    assert store.get(model.Agreement, draft.id).title == "Zielvereinbarung 2015 (Entwurf 2)"


def test_undo_of_a_delete_brings_back_the_section_with_its_goals(store: Store, draft: model.Agreement) -> None:
    section = agreements.save_section(store, model.Section(agreement_id=draft.id, title="Ziele"))
    clause = agreements.save_clause(store, model.Clause(section_id=section.id, number="1"))
    goal = agreements.save_goal(
        store,
        model.Goal(draft.id, model.GoalKind.MILESTONE, "Konzept", section_id=section.id, clause_id=clause.id),
    )
    with store.recording("Abschnitt löschen") as action:
        agreements.delete_part(store, model.Section, section.id)
    doc = agreements.load_agreement(store, draft.id)
    assert doc.sections == [] and doc.clauses == [] and doc.goals == []
    history.undo(store, action)
    doc = agreements.load_agreement(store, draft.id)
    assert [s.id for s in doc.sections] == [section.id]
    assert [c.id for c in doc.clauses] == [clause.id] and [g.id for g in doc.goals] == [goal.id]
    history.redo(store, action)
    assert agreements.load_agreement(store, draft.id).goals == []


def test_undo_of_creation_deletes_and_redo_restores(store: Store) -> None:
    with store.recording("Neue Zielvereinbarung") as action:
        created = agreements.save_agreement(store, model.Agreement(year=2016, title="ZV 2016"))
    history.undo(store, action)
    assert not store.exists(model.Agreement, created.id)
    history.redo(store, action)
    assert store.get(model.Agreement, created.id).title == "ZV 2016"


def test_a_failed_action_records_nothing_and_writes_nothing(store: Store, draft: model.Agreement) -> None:
    with pytest.raises(ValidationError), store.recording("Ziel anlegen") as action:
        agreements.save_section(store, model.Section(agreement_id=draft.id, title="Neu"))
        agreements.save_goal(store, model.Goal(draft.id, model.GoalKind.BUDGET, "ohne Betrag"))
    assert action.changes == [] and agreements.load_agreement(store, draft.id).sections == []


def test_undo_cannot_change_a_signed_agreement(store: Store, draft: model.Agreement) -> None:
    with store.recording("Titel ändern") as edit:
        draft.title = "Neuer Titel"
        agreements.save_agreement(store, draft)
    with store.recording("Unterzeichnen") as sign:
        draft.status, draft.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2015, 2, 1)
        agreements.save_agreement(store, draft)
    for action in (sign, edit):
        with pytest.raises(ValidationError, match="Rückgängig“ ist nicht möglich"):
            history.undo(store, action)
    assert store.get(model.Agreement, draft.id).status is model.AgreementStatus.UNTERZEICHNET


@pytest.fixture
def demo(demo_file: Path) -> Path:
    """The session's demo file (each test copies it before changing anything)."""
    return demo_file


def test_next_year_copies_structure_not_values(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(demo.read_bytes())
    store = open_store(path)
    old = agreements.load_agreement(store, agreement_id(AGREEMENT_METTMANN_2014))
    values_before = store.query("SELECT count(*) AS n FROM kpi_values")[0]["n"]
    new = lifecycle.create_next_year(store, old.agreement.id)
    assert new.agreement.year == 2015 and new.agreement.previous_id == old.agreement.id
    assert new.agreement.status is model.AgreementStatus.ENTWURF and "2015" in new.agreement.title
    assert [g.title for g in new.goals] == [g.title for g in old.goals]
    assert [s.title for s in new.sections] == [s.title for s in old.sections]
    assert {g.section_id for g in new.goals} <= {s.id for s in new.sections}
    assert {g.clause_id for g in new.goals if g.clause_id} <= {c.id for c in new.clauses}
    k2 = next(g for g in new.goals if g.target_value == Decimal("20.6"))
    assert k2.measure_id is not None
    concept = next(g for g in new.goals if g.title.startswith("Konzept zur psychosozialen"))
    assert concept.deadline == date(2015, 12, 31)
    assert store.query("SELECT count(*) AS n FROM kpi_values")[0]["n"] == values_before
    with pytest.raises(ValidationError, match="schon eine Folgevereinbarung"):
        lifecycle.create_next_year(store, old.agreement.id)
    store.close()


def test_next_year_after_2001_converts_dm_to_euro(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(demo.read_bytes())
    store = open_store(path)
    # the demo already has 2002 as Kamen's next year; take it away to make the copy from 2001 again
    for later in store.find(model.Agreement, "previous_id = ?", (agreement_id(AGREEMENT_KAMEN_2001),)):
        agreements.delete_agreement(store, later.id)
    new = lifecycle.create_next_year(store, agreement_id(AGREEMENT_KAMEN_2001))
    premium = next(g for g in new.goals if g.kind is model.GoalKind.PREMIUM)
    assert premium.amount == Money(Decimal("107882.59"), Currency.EUR)
    store.close()


def test_amendments_are_numbered_on_signed_agreements(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    path.write_bytes(demo.read_bytes())
    store = open_store(path)
    signed = agreement_id(AGREEMENT_METTMANN_2014)
    first = lifecycle.create_amendment(store, signed, "Erhöhung Budget Schuldnerberatung", decided=date(2014, 6, 1))
    second = lifecycle.create_amendment(store, signed, "Verlängerung Frist Konzept")
    assert (first.number, second.number) == (1, 2)
    assert [a.title for a in agreements.load_agreement(store, signed).amendments] == [first.title, second.title]
    store.close()


def test_comment_and_done_date_stay_editable_after_signing(store: Store, draft: model.Agreement) -> None:
    goal = agreements.save_goal(
        store, model.Goal(draft.id, model.GoalKind.MILESTONE, "Konzept", deadline=date(2015, 12, 31))
    )
    draft.status, draft.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2015, 2, 1)
    agreements.save_agreement(store, draft)
    with store.recording("Kommentar") as action:
        goal.comment, goal.done_date = "Konzept liegt vor.", date(2015, 11, 3)
        agreements.save_goal(store, goal)
    history.undo(store, action)
    assert store.get(model.Goal, goal.id).comment == ""
    history.redo(store, action)
    assert store.get(model.Goal, goal.id).done_date == date(2015, 11, 3)
    goal.title = "Anderer Titel"
    with pytest.raises(ValidationError, match="nicht mehr bearbeitet"):
        agreements.save_goal(store, goal)
