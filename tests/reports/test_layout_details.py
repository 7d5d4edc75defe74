"""Details of the printed layout a reader stumbles over (issue 15, point 5), read back from the PDFs: headings kept
with their text, whole numbers for people, the typographic minus, axes that stay at zero, signature blocks to fill
in by hand, and goals of the same name told apart by their clause."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from tests.reports.pdf_reading import flat, page_texts
from zv_desktop.core import model
from zv_desktop.core.charts.axis import nice_ticks
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.formats import format_number
from zv_desktop.core.reports.achievement_report import achievement_document
from zv_desktop.core.reports.agreement_report import agreement_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.services import catalogue
from zv_desktop.core.services.agreements import (
    goal_template,
    load_agreement,
    save_agreement,
    save_agreement_party,
    save_clause,
    save_goal,
    save_section,
)
from zv_desktop.core.store import Store

TODAY = date(2026, 11, 22)


def _report(store: Store) -> str:
    return flat(finish(achievement_document(store, 2014, 9, today=TODAY)).content)


def test_no_page_of_the_agreement_ends_with_a_heading(demo: Store) -> None:
    doc = load_agreement(demo, agreement_id(AGREEMENT_METTMANN_2014))
    headings = {f"{s.number} {s.title}".strip() for s in doc.sections}
    headings |= {c.title for s in doc.sections for c in doc.clauses_of(s.id)}
    pages = page_texts(finish(agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))).content)
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        content = [line for line in lines if not line.startswith(("Gedruckt am", "Seite "))]
        assert content[-1] not in headings, (number, content[-1])


def test_a_clause_heading_never_stands_alone_at_a_page_foot(store: Store) -> None:
    """Clauses of a heading and a goal (no text between them), pushed down the pages line by line by a longer preamble: in
    every variant, no page ends with a heading."""
    saved = save_agreement(store, model.Agreement(2016, "Zielvereinbarung 2016"))
    section = save_section(store, model.Section(saved.id, "Ziele", "I"))
    headings = {"I Ziele"}
    for number in range(1, 9):
        clause = save_clause(store, model.Clause(section.id, str(number), f"Klausel {number}", "", position=number))
        headings.add(f"I {number} Klausel {number}")
        goal = goal_template(store, saved.id, model.GoalKind.MILESTONE, f"Ziel {number}")
        goal.clause_id, goal.section_id, goal.description = clause.id, None, "Beschreibung des Ziels. " * 30
        goal.deadline = date(2016, 12, 31)
        save_goal(store, goal)
    for lines in range(0, 48, 3):
        saved.preamble = "\n".join(f"Zeile {i} der Präambel." for i in range(lines))
        saved = save_agreement(store, saved)
        pages = page_texts(finish(agreement_document(store, saved.id)).content)
        for number, page in enumerate(pages[:-1], start=1):
            content = [x.strip() for x in page.splitlines() if x.strip() and not x.startswith(("Gedruckt", "Seite "))]
            assert content[-1] not in headings, (lines, number, content[-1])


def test_a_computed_target_of_people_is_a_whole_number_rounded_to_reach_it(demo: Store) -> None:
    text = _report(demo)
    # +5 % on the previous year: 884 × 1,05 = 928,2 and 343 × 1,05 = 360,15 integrations; 928 would fall short
    assert "928,20" not in text and "360,15" not in text
    assert "Kreis Mettmann 929 930" in text and "Kreis Mettmann 361 368" in text


def test_negative_figures_print_with_the_typographic_minus() -> None:
    assert format_number(Decimal("-65.1")) == "\u221265,1"
    assert format_number(Decimal("-0.04"), 1) == "0,0"  # no minus on a zero


def test_negative_figures_in_a_report_use_the_minus(demo: Store) -> None:
    text = _report(demo)
    assert re.findall(r"(?<![\w-])-\d", text) == []
    assert "Veränderung \u22120,5 %" in text


def test_an_axis_of_figures_that_are_never_negative_stays_at_zero() -> None:
    ticks, _ = nice_ticks(Decimal(0), Decimal("405.93"), 6)
    assert ticks[0] == 0 and ticks[-1] >= Decimal("405.93")
    ticks, _ = nice_ticks(Decimal(380), Decimal(410), 6)
    assert ticks[0] >= 0
    ticks, _ = nice_ticks(Decimal(-20), Decimal(30), 6)
    assert ticks[0] < 0  # figures that are negative keep a negative axis


def test_goals_of_the_same_name_are_told_apart_by_their_clause(demo: Store) -> None:
    text = _report(demo)
    places = re.findall(r"Stadtscharfer Bericht zum Jahresende V / (.+?) Frist", text)
    assert len(places) == 3 and len(set(places)) == 3, places


def test_signature_blocks_leave_what_is_not_recorded_to_be_filled_in(store: Store) -> None:
    kreis = catalogue.save_party(store, model.Party("Kreis Testland", model.PartyRole.KREIS))
    stadt = catalogue.save_party(store, model.Party("Stadt Muster", model.PartyRole.STADT))
    saved = save_agreement(store, model.Agreement(2015, "Zielvereinbarung 2015", signed_date=date(2015, 3, 5)))
    for position, party in enumerate((kreis, stadt)):
        save_agreement_party(store, model.AgreementParty(saved.id, party.id, position=position))
    text = flat(finish(agreement_document(store, saved.id)).content)
    signatures = text[text.index("Unterschriften") :]
    assert signatures.count("________________, 05.03.2015") == 2  # the place is written by hand
    assert signatures.count("Name, Funktion") == 2  # a caption, as „Ort, Datum“
    rest = signatures.replace("Name, Funktion", "")
    assert "Name" not in rest and "Funktion" not in rest  # no typed-out placeholder words
