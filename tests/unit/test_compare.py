"""Comparison of agreements across years: matching, changes in € and words, corrections, the change list."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2012,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
    demo_id,
)
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.exchange import json_format
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, history, lifecycle
from zv_desktop.core.services.compare.change_list import change_list, changes_against_previous
from zv_desktop.core.services.compare.comparison import (
    Comparison,
    Status,
    clear_match,
    compare_agreements,
    set_match,
)
from zv_desktop.core.services.compare.field_changes import mark_diff, word_diff
from zv_desktop.core.services.compare.selection import main_party, previous_chain, suggested_selection
from zv_desktop.core.store import Store, open_store

KAMEN = [agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)]
METTMANN = [agreement_id(k) for k in (AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022)]


def goal(agreement_key: str, goal_key: str) -> str:
    """The id of a demo goal (as the demo builder makes it)."""
    return demo_id(f"agreement/{agreement_key}/goal/{goal_key}")


KDU_2012, KDU_2014, KDU_2022 = (
    goal(k, "kdu") for k in (AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022)
)


def _row_with(comparison: Comparison, goal_id: str):  # type: ignore[no-untyped-def]
    found = comparison.row_of(goal_id)
    assert found is not None, goal_id
    return comparison.rows[found[0]]


def test_dm_premium_is_compared_in_euro_to_the_cent(demo: Store) -> None:
    assert Money(Decimal("211000.00"), Currency.DM).to_eur() == Money(Decimal("107882.59"))
    comparison = compare_agreements(demo, list(reversed(KAMEN)))  # any order: columns go by year
    assert [a.year for a in comparison.agreements] == [2001, 2002]
    step = _row_with(comparison, goal(AGREEMENT_KAMEN_2002, "premium")).steps[0]
    assert step.status is Status.CHANGED and step.reason == "Ziffer 5 c"
    amount = next(c for c in step.changes if c.field == "amount")
    assert (amount.old, amount.new) == ("211.000,00 DM (107.882,59 €)", "50.000,00 €")
    assert amount.percent == Decimal("-53.7") and amount.delta == "\u221253,7 %"
    assert amount.old_value.to_eur().amount == Decimal("107882.59")
    condition = next(c for c in step.changes if c.field == "condition")
    assert condition.old == "" and "Auswertungsdaten" in condition.new
    assert comparison.counts(0) == {Status.NEW: 3, Status.REMOVED: 0, Status.CHANGED: 1, Status.UNCHANGED: 0}
    old_goal = _row_with(comparison, goal(AGREEMENT_KAMEN_2002, "premium")).cells[0]
    assert comparison.key_figure(old_goal) == "211.000,00 DM (107.882,59 €)"  # the grid cell shows the € value too


def test_changes_against_previous_year_read_clause_by_clause(demo: Store) -> None:
    entries = changes_against_previous(demo, KAMEN[1])
    assert [e.place for e in entries] == [
        "Abschnitt 3", "Ziffer 3 b", "Ziffer 3 l", "Ziffer 3 o", "Abschnitt 5", "Ziffer 5 c", "Ziffer 5 f",
    ]  # fmt: skip
    by_place = {e.place: e.text for e in entries}
    assert by_place["Ziffer 5 c"].startswith("Ziffer 5 c (Vermittlungsprämie): ")
    assert (
        "„Prämie für Vermittlungen auf Regelarbeitsplätze“ sinkt von 211.000,00 DM (107.882,59 €) "
        "auf 50.000,00 € (\u221253,7 %)." in by_place["Ziffer 5 c"]
    )
    assert "Die Prämie „Prämie" not in by_place["Ziffer 5 c"]  # the noun is not said twice
    assert "ist neu an eine Bedingung geknüpft" in by_place["Ziffer 5 c"]
    assert "Neu aufgenommen." in by_place["Ziffer 3 l"] and "Frist 01.01.2004" in by_place["Ziffer 3 l"]
    assert "Neues Ziel „Treffen der Arbeitsgruppe Unterhalt“" in by_place["Ziffer 3 o"]
    assert "Die Überschrift lautet jetzt „Hilfeplanung und Fallmanagement“" in by_place["Ziffer 3 b"]
    assert "Wortlaut wurde neu gefasst" in by_place["Ziffer 5 f"]
    wording = next(e for e in entries if e.place == "Ziffer 5 f").wording
    assert mark_diff(list(wording)).startswith("[-Frühere Fassung: Die Auszahlung-] {+Prämien werden nur")
    assert changes_against_previous(demo, METTMANN[1]) == []  # the 2014 agreement names no previous year


def test_mettmann_2012_2014_2022_which_goals_pair_and_why(demo: Store) -> None:
    comparison = compare_agreements(demo, [METTMANN[2], METTMANN[0], METTMANN[1]])
    assert [a.year for a in comparison.agreements] == [2012, 2014, 2022]
    matched = [(s.earlier.id, s.later.id, s.reason) for r in comparison.rows for s in r.steps if s and s.reason]
    # the three agreements have different goals; only the housing costs (same measure KdU) go on into 2022
    assert matched == [(KDU_2014, KDU_2022, "Messgröße, Zielart geändert")]
    step = _row_with(comparison, KDU_2022).steps[1]
    assert step.status is Status.CHANGED
    assert [c.label for c in step.changes][:2] == ["Titel", "Zielart"]
    assert comparison.counts(0) == {Status.NEW: 26, Status.REMOVED: 4, Status.CHANGED: 0, Status.UNCHANGED: 0}
    assert comparison.counts(1) == {Status.NEW: 4, Status.REMOVED: 25, Status.CHANGED: 1, Status.UNCHANGED: 0}
    assert len(comparison.rows) == 4 + 26 + 4
    # 2012's housing goal watches K1E1, not KdU: not paired by the rules (the user can, below)
    assert _row_with(comparison, KDU_2012).cells == [comparison.parts[0].goals[0], None, None]


def test_correction_round_trip_also_through_json(demo: Store, tmp_path: Path) -> None:
    with demo.recording("Ziele zuordnen") as action:
        set_match(demo, KDU_2012, KDU_2014, matched=True)
    chain = _row_with(compare_agreements(demo, METTMANN), KDU_2012)
    assert [g.id if g else None for g in chain.cells] == [KDU_2012, KDU_2014, KDU_2022]
    assert chain.steps[0].reason == "von Hand zugeordnet" and chain.steps[0].manual
    set_match(demo, KDU_2014, KDU_2022, matched=False)  # kept apart, although the measure is the same
    comparison = compare_agreements(demo, METTMANN)
    assert _row_with(comparison, KDU_2022).steps[1].status is Status.NEW
    assert _row_with(comparison, KDU_2014).steps[1].status is Status.REMOVED

    data = json.loads(json.dumps(json_format.dump(demo)))
    assert {(m["earlier_goal_id"], m["later_goal_id"], m["matched"]) for m in data["goal_matches"]} == {
        (KDU_2012, KDU_2014, True),
        (KDU_2014, KDU_2022, False),
    }
    other = open_store(tmp_path / "kopie.sqlite", create=True)
    json_format.load(other, data)
    again = compare_agreements(other, METTMANN)
    assert [[g.id if g else None for g in r.cells] for r in again.rows] == [
        [g.id if g else None for g in r.cells] for r in comparison.rows
    ]
    other.close()

    assert clear_match(demo, KDU_2014, KDU_2022) and not clear_match(demo, KDU_2014, KDU_2022)
    assert _row_with(compare_agreements(demo, METTMANN), KDU_2022).steps[1].reason == "Messgröße, Zielart geändert"
    history.undo(demo, action)  # corrections are undoable like any edit
    assert _row_with(compare_agreements(demo, METTMANN), KDU_2012).cells[1] is None


def test_a_forced_pairing_replaces_an_earlier_one_and_bad_pairs_are_refused(demo: Store) -> None:
    set_match(demo, KDU_2014, KDU_2022, matched=True)
    other_2014 = goal(AGREEMENT_METTMANN_2014, "sucht-vereinbarung")
    set_match(demo, other_2014, KDU_2022, matched=True)
    stored = demo.find(model.GoalMatch, "later_goal_id = ?", (KDU_2022,))
    assert [(m.earlier_goal_id, m.matched) for m in stored] == [(other_2014, True)]
    step = _row_with(compare_agreements(demo, METTMANN[1:]), KDU_2022).steps[0]
    assert step.earlier is not None and step.earlier.id == other_2014
    with pytest.raises(ValidationError, match="derselben Zielvereinbarung"):
        set_match(demo, KDU_2014, other_2014, matched=True)
    with pytest.raises(ValidationError, match="das frühere Ziel zuerst"):
        set_match(demo, KDU_2022, KDU_2012, matched=True)
    with pytest.raises(ValidationError, match="mindestens zwei"):
        compare_agreements(demo, [METTMANN[0], METTMANN[0]])


def test_word_diff_marks_deleted_and_inserted_words() -> None:
    segments = word_diff("Die Prämie beträgt 211.000 DM.", "Die  Prämie sinkt auf 50.000 €.")
    assert segments == [
        ("equal", "Die Prämie"),
        ("delete", "beträgt 211.000 DM."),
        ("insert", "sinkt auf 50.000 €."),
    ]
    assert mark_diff(segments) == "Die Prämie [-beträgt 211.000 DM.-] {+sinkt auf 50.000 €.+}"
    assert word_diff("gleich", "gleich") == [("equal", "gleich")]
    assert word_diff("", "neu") == [("insert", "neu")]


def test_next_year_draft_stays_matched_even_when_retitled_and_undo_removes_it(demo: Store) -> None:
    old = agreement_id(AGREEMENT_METTMANN_2014)
    with demo.recording("Folgejahr anlegen") as action:
        new = lifecycle.create_next_year(demo, old)
    assert len(demo.find(model.GoalMatch, "matched = 1")) == len(new.goals) == 26
    renamed = next(g for g in new.goals if g.title == "Kontaktdichte")
    renamed.title = "Kundenkontakte je Jahr"
    with demo.recording("Ziel ändern") as rename:
        agreements.save_goal(demo, renamed)
    comparison = compare_agreements(demo, [old, new.agreement.id])
    assert all(r.cells[0] is not None and r.cells[1] is not None for r in comparison.rows)
    assert {s.reason for r in comparison.rows for s in r.steps if s} == {"ins Folgejahr übernommen"}
    step = _row_with(comparison, renamed.id).steps[0]
    assert [(c.label, c.old, c.new) for c in step.changes] == [("Titel", "Kontaktdichte", "Kundenkontakte je Jahr")]
    # deadlines moved on by a year with the agreement: not a change
    assert comparison.counts(0)[Status.UNCHANGED] == 25
    assert previous_chain(demo, new.agreement.id) == [old, new.agreement.id]
    history.undo(demo, rename)  # the undo stack takes back the later change first
    history.undo(demo, action)
    assert not demo.exists(model.Agreement, new.agreement.id)
    assert demo.find(model.GoalMatch) == []


def test_a_dump_after_deleting_a_next_year_draft_loads_again(demo: Store, tmp_path: Path) -> None:
    new = lifecycle.create_next_year(demo, agreement_id(AGREEMENT_METTMANN_2014))
    agreements.delete_agreement(demo, new.agreement.id)
    data = json.loads(json.dumps(json_format.dump(demo)))
    assert data["goal_matches"] == []  # the pairings of the deleted draft's goals are not exported
    other = open_store(tmp_path / "kopie.sqlite", create=True)
    try:
        json_format.load(other, data)
    finally:
        other.close()


def test_queries_do_not_grow_with_the_number_of_agreements_or_goals(demo: Store) -> None:
    ids = [agreement_id(AGREEMENT_METTMANN_2014)]
    for _ in range(3):
        ids.append(lifecycle.create_next_year(demo, ids[-1]).agreement.id)
    statements: list[str] = []
    demo.conn.set_trace_callback(statements.append)
    compare_agreements(demo, ids[:2])
    two = len(statements)
    statements.clear()
    comparison = compare_agreements(demo, ids)
    demo.conn.set_trace_callback(None)
    assert len(statements) == two <= 10
    assert len(comparison.rows) == 26 and [a.year for a in comparison.agreements] == [2014, 2015, 2016, 2017]


def test_choice_of_agreements_to_compare(demo: Store) -> None:
    assert previous_chain(demo, KAMEN[1]) == KAMEN
    assert suggested_selection(demo, KAMEN[1]) == KAMEN
    assert suggested_selection(demo, METTMANN[2]) == METTMANN[1:]  # no previous_id: the Träger's latest earlier one
    assert main_party(demo, METTMANN) == demo_id("party/kreis-mettmann")
    assert [e.place for e in change_list(compare_agreements(demo, METTMANN[1:]), 0)][-2:] == [
        "Abschnitt 1",
        "Abschnitt 2",
    ]


_KINDS = st.sampled_from(
    [model.GoalKind.BUDGET, model.GoalKind.PREMIUM, model.GoalKind.MILESTONE, model.GoalKind.THRESHOLD]
)
_GOALS = st.lists(
    st.tuples(
        _KINDS,
        st.sampled_from(["Budget", "Prämie", "Bericht", "Konzept Sucht", "Konzept Schulden"]),
        st.integers(min_value=0, max_value=10**7),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=8,
)


def _agreement_with(store: Store, year: int, goals: list[tuple[model.GoalKind, str, int, int]]) -> str:
    with store.transaction():
        a = agreements.save_agreement(store, model.Agreement(year=year, title=f"ZV {year}"))
        section = agreements.save_section(store, model.Section(a.id, "Ziele", "I"))
        clauses = [agreements.save_clause(store, model.Clause(section.id, str(n + 1), f"Ziffer {n}")) for n in range(3)]
        for position, (kind, title, amount, clause) in enumerate(goals):
            extra: dict[str, object] = {}
            if kind in (model.GoalKind.BUDGET, model.GoalKind.PREMIUM):
                extra["amount"] = Money(Decimal(amount) / 100)
            elif kind is model.GoalKind.THRESHOLD:
                extra = {"comparator": model.Comparator.AT_LEAST, "threshold_value": Decimal(amount % 100)}
            agreements.save_goal(
                store,
                model.Goal(
                    a.id, kind, title, section_id=section.id, clause_id=clauses[clause].id, position=position, **extra
                ),  # type: ignore[arg-type]
            )
    return a.id


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(goals=_GOALS)
def test_an_exact_copy_compares_as_unchanged_goal_by_goal(
    store: Store, goals: list[tuple[model.GoalKind, str, int, int]]
) -> None:
    original = _agreement_with(store, 2010, goals)
    copy = _agreement_with(store, 2011, goals)
    comparison = compare_agreements(store, [copy, original])
    assert len(comparison.rows) == len(goals)
    for row in comparison.rows:
        step = row.steps[0]
        assert step is not None and step.status is Status.UNCHANGED, step
        assert step.earlier is not None and step.later is not None
        assert step.earlier.position == step.later.position
