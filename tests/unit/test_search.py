"""Full-text search over all years: words, word beginnings, umlauts, deletions, updates."""

from __future__ import annotations

from zv_desktop.core import model
from zv_desktop.core.services import agreements, papers
from zv_desktop.core.services.search import fts_query, search
from zv_desktop.core.store import Store


def _setup(store: Store) -> tuple[model.Agreement, model.Goal, model.Paper]:
    a = agreements.save_agreement(store, model.Agreement(year=2014, title="Trilaterale Zielvereinbarung"))
    sec = agreements.save_section(store, model.Section(agreement_id=a.id, number="V", title="Kommunale Ziele"))
    goal = agreements.save_goal(
        store,
        model.Goal(
            agreement_id=a.id,
            section_id=sec.id,
            kind=model.GoalKind.MILESTONE,
            title="Konzept psychosoziale Betreuung",
            description="Der Kreis erarbeitet bis Jahresende ein Konzept mit Abgrenzung zu Suchtberatung.",
        ),
    )
    paper = papers.save_paper(
        store,
        model.Paper(
            number="50/003/2022",
            title="Sachstandsbericht des Sozialamtes",
            paper_type=model.PaperType.KENNTNISNAHME,
            facts="Fokus auf Kosten der Unterkunft und Suchtberatung.",
        ),
    )
    return a, goal, paper


def test_finds_goals_and_papers_by_words_and_word_beginnings(store: Store) -> None:
    a, goal, paper = _setup(store)
    hits = search(store, "suchtberat")
    assert {h.record_id for h in hits} == {goal.id, paper.id}
    goal_hit = next(h for h in hits if h.kind == "goal")
    assert goal_hit.agreement_id == a.id and goal_hit.year == 2014 and goal_hit.kind_label == "Ziel"
    assert "»Suchtberatung«" in goal_hit.snippet
    assert [h.record_id for h in search(store, "Konzept Betreuung")] == [goal.id]  # all words must occur


def test_umlauts_and_case_do_not_matter(store: Store) -> None:
    _, goal, _ = _setup(store)
    assert goal.id in {h.record_id for h in search(store, "PSYCHOSOZIALE")}
    assert search(store, "kommunale")[0].kind == "section"
    # diacritics are folded both ways: typed without umlauts (on a keyboard without them) still finds
    assert {h.kind for h in search(store, "Sozialamtes")} == {"paper"}
    assert {h.kind for h in search(store, "Zielvereinbarüng")} == {"agreement"}


def test_changes_and_deletions_update_the_index(store: Store) -> None:
    _, goal, _ = _setup(store)
    goal.title = "Konzept Methadonsubstitution"
    agreements.save_goal(store, goal)
    assert search(store, "psychosoziale") == []
    assert [h.record_id for h in search(store, "methadon")] == [goal.id]
    agreements.delete_part(store, model.Goal, goal.id)
    assert search(store, "methadon") == []


def test_user_text_cannot_break_the_query(store: Store) -> None:
    _setup(store)
    for text in ['"', "AND OR NOT", "*", "a:b", "NEAR(", "')--", "   "]:
        search(store, text)  # no exception
    assert fts_query('Sucht" OR 1') == '"sucht"* "or"* "1"*'
