"""Year references in next year's draft: found, moved on, confirmed, and guarding the signature."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zv_desktop.core import model
from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
)
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, history, lifecycle
from zv_desktop.core.services import year_findings as yf
from zv_desktop.core.services import year_references as yr
from zv_desktop.core.store import Store, open_store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _found(text: str, before: int) -> list[tuple[str, str, int]]:
    return [(m.found, yf.FORMS[m.form], m.year) for m in yf.mentions(text, before)]


def test_the_forms_of_a_year_in_german_text() -> None:
    text = (
        "Stand Herbst 2013, Frist 31.12.2014 bzw. 31. Dezember 2014, Schuljahr 2013/14, Vorlage 5/2013, "
        "Planwert für 2014, zum Jahresende 2014; 211.000,00 DM, 12.2013, K2014, 2014er, 20145 und 2015."
    )
    assert _found(text, 2015) == [
        ("Herbst 2013", "Zeitangabe", 2013),
        ("31.12.2014", "Datum", 2014),
        ("31. Dezember 2014", "Datum", 2014),
        ("2013/14", "Zeitraum", 2013),
        ("5/2013", "Nummer mit Jahr", 2013),
        ("2014", "Jahreszahl", 2014),
        ("Jahresende 2014", "Zeitangabe", 2014),
        ("12.2013", "Datum", 2013),
    ]
    assert _found("Bericht 2014/2015 und 1989, 2101", 2015) == [("2014/2015", "Zeitraum", 2014)]


_pieces = st.sampled_from(
    ["2014", "2015", "2016", "1999", "2100", "1989", "Herbst ", "31.12.", "/", "–", "-", ".", ",", " ", "für ",
     "Jahresende ", "a", "5", "12.", "Dezember "]
)  # fmt: skip


@given(st.lists(_pieces, max_size=12).map("".join), st.integers(1990, 2101))
def test_only_earlier_years_are_reported_and_where_they_stand(text: str, year: int) -> None:
    for m in yf.mentions(text, year):
        assert 1990 <= m.year < year
        assert text[m.start : m.end] == m.found
        assert text[m.year_start : m.year_start + 4] == str(m.year)
        assert m.start <= m.year_start < m.end


def _draft(store: Store, key: str) -> agreements.AgreementDoc:
    return lifecycle.create_next_year(store, agreement_id(key))


def test_next_year_of_2022_moves_the_section_title_on_as_one_undoable_action(demo: Store) -> None:
    new = _draft(demo, AGREEMENT_METTMANN_2022)
    assert new.agreement.year_review == yf.START_REVIEW and new.agreement.title.endswith("2023")
    [finding] = lifecycle.next_year_summary(demo, new.agreement.id).findings
    assert (finding.found, finding.unambiguous, finding.moved) == ("2022", True, "2023")
    assert finding.place.label == "Abschnitt 1 „Kommunale Ziele 2022“ – Titel"
    [move] = yr.planned_moves(yr.year_review(demo, new.agreement.id), new)
    assert (move.old_text, move.new_text) == ("Kommunale Ziele 2022", "Kommunale Ziele 2023")
    with demo.recording("Jahreszahlen fortschreiben") as action:
        yr.move_years_on(demo, new.agreement.id)
    assert agreements.load_agreement(demo, new.agreement.id).sections[0].title == "Kommunale Ziele 2023"
    assert yr.year_review(demo, new.agreement.id).findings == ()
    history.undo(demo, action)
    assert agreements.load_agreement(demo, new.agreement.id).sections[0].title == "Kommunale Ziele 2022"


def test_next_year_of_2014_lists_what_is_tied_to_the_old_year(demo: Store) -> None:
    new = _draft(demo, AGREEMENT_METTMANN_2014)
    findings = yr.year_review(demo, new.agreement.id).findings
    by_excerpt = {f.excerpt: f for f in findings}
    herbst = next(f for f in findings if f.found == "Herbst 2013")
    assert herbst.place.label == "Kopfdaten – Präambel" and not herbst.unambiguous
    assert "im Herbst 2013 ausging" in herbst.excerpt
    planwert = by_excerpt["Planwert der Integrationsquote für 2014."]
    assert not planwert.unambiguous and planwert.place.field == "description"
    title = next(f for f in findings if f.place.label.startswith("Ziel „Auswertung des Verfahrens"))
    assert (title.found, title.place.field, title.unambiguous) == ("Jahresende 2014", "title", True)
    assert title.moved == "Jahresende 2015"
    sentence = next(f for f in findings if f.excerpt.startswith("Zum Jahresende 2014"))
    assert not sentence.unambiguous  # the same words inside a sentence: the user decides
    assert all(f.year < 2015 for f in findings) and [f for f in findings if f.unambiguous] == [title]


def test_signing_is_refused_until_every_place_is_moved_on_or_confirmed(demo: Store) -> None:
    draft = _draft(demo, AGREEMENT_METTMANN_2014).agreement
    signed = dataclasses.replace(draft, status=model.AgreementStatus.UNTERZEICHNET, signed_date=date(2015, 2, 1))
    with pytest.raises(ValidationError) as refused:
        agreements.save_agreement(demo, signed)
    message = str(refused.value.problems[0].message)
    assert "kann noch nicht unterzeichnet werden: 18 Stellen nennen noch ein früheres Jahr" in message
    assert "Kopfdaten – Präambel („Herbst 2013“)" in message and "und 15 weitere" in message
    yr.move_years_on(demo, draft.id)
    review = yr.year_review(demo, draft.id)
    assert len(review.open) == 17
    yr.confirm(demo, draft.id, [f.key for f in review.open])
    assert yr.year_review(demo, draft.id).open == ()
    current = demo.get(model.Agreement, draft.id)
    agreements.save_agreement(demo, dataclasses.replace(current, status=signed.status, signed_date=signed.signed_date))
    assert demo.get(model.Agreement, draft.id).status is model.AgreementStatus.UNTERZEICHNET


def test_a_confirmation_lapses_when_its_text_is_edited(demo: Store) -> None:
    new = _draft(demo, AGREEMENT_METTMANN_2014)
    herbst = next(f for f in yr.year_review(demo, new.agreement.id).findings if f.found == "Herbst 2013")
    yr.confirm(demo, new.agreement.id, [herbst.key])
    assert herbst.key in yr.year_review(demo, new.agreement.id).confirmed
    agreement = demo.get(model.Agreement, new.agreement.id)
    agreement.preamble = agreement.preamble.replace("Bundesregierung", "Bundesregierung damals")
    agreements.save_agreement(demo, agreement)
    review = yr.year_review(demo, new.agreement.id)
    assert herbst.key not in review.confirmed and any(f.key == herbst.key for f in review.open)
    yr.confirm(demo, new.agreement.id, [herbst.key], confirmed=False)  # taking back what has lapsed is harmless
    assert yf.confirmations(demo.get(model.Agreement, new.agreement.id)) == {}


def test_a_confirmed_title_is_not_moved_on(demo: Store) -> None:
    new = _draft(demo, AGREEMENT_METTMANN_2022)
    [finding] = yr.year_review(demo, new.agreement.id).findings
    yr.confirm(demo, new.agreement.id, [finding.key])
    assert yr.move_years_on(demo, new.agreement.id) == []
    assert agreements.load_agreement(demo, new.agreement.id).sections[0].title == "Kommunale Ziele 2022"


def test_agreements_written_by_hand_are_not_under_review(demo: Store) -> None:
    kamen = demo.get(model.Agreement, agreement_id(AGREEMENT_KAMEN_2002))
    review = yr.year_review(demo, kamen.id)
    assert review.findings and not review.under_review  # "seit 1999", "Vorlage 388/1998" …
    kamen.status, kamen.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2002, 3, 1)
    agreements.save_agreement(demo, kamen)
    assert demo.get(model.Agreement, kamen.id).status is model.AgreementStatus.UNTERZEICHNET


def test_the_summary_shows_dm_converted_to_euro_from_2001_to_2002(demo: Store) -> None:
    agreements.delete_agreement(demo, agreement_id(AGREEMENT_KAMEN_2002))  # the demo's own 2002 is not a copy
    new = _draft(demo, AGREEMENT_KAMEN_2001)
    summary = lifecycle.next_year_summary(demo, new.agreement.id)
    assert (summary.year, summary.previous_year) == (2002, 2001)
    assert (summary.parties, summary.sections, summary.clauses, summary.goals) == (2, 2, 3, 1)
    [converted] = summary.amounts
    assert converted.old == Money(Decimal("211000.00"), Currency.DM)
    assert converted.new == Money(Decimal("107882.59"), Currency.EUR)
    assert summary.deadlines == ()
    assert {f.found for f in summary.findings} >= {"1999", "10.12.1998", "388/1998", "66/2001"}


def test_the_summary_counts_deadlines_moved_on(demo: Store) -> None:
    summary = lifecycle.next_year_summary(demo, _draft(demo, AGREEMENT_METTMANN_2014).agreement.id)
    assert len(summary.deadlines) == 10
    assert all(m.new == date(m.old.year + 1, m.old.month, m.old.day) for m in summary.deadlines)


def test_drafts_of_older_files_continuing_a_year_come_under_review(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v9.sqlite", path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO agreements (id, year, title, status, previous_id, created_at, modified_at, site_id, "
            "modified_by) SELECT 'a2000000-0000-4000-8000-000000000002', 2015, 'Folgejahr 2015', 'entwurf', id, "
            "created_at, modified_at, site_id, modified_by FROM agreements"
        )
    conn.close()
    store = open_store(path)
    try:
        reviews = {a.title: a.year_review for a in store.find(model.Agreement)}
        assert reviews == {"Fixture-Vereinbarung": "", "Folgejahr 2015": yf.START_REVIEW}
    finally:
        store.close()
