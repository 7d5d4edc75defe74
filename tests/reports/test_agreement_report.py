"""The printed Zielvereinbarung: figures in German format, parties, signature blocks, user text as typed."""

from __future__ import annotations

import re
from decimal import Decimal

from tests.reports.pdf_reading import flat, font_files, page_texts
from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_KAMEN_2001, AGREEMENT_KAMEN_2002, AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.reports.agreement_report import agreement_document
from zv_desktop.core.reports.output import finish
from zv_desktop.core.services.agreements import goal_template, save_agreement, save_goal
from zv_desktop.core.store import Store

MARKUP = "<b>Test</b> & </para><font size=40>"


def test_the_2014_agreement_prints_its_figures_in_german_format(demo: Store) -> None:
    pdf = finish(agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))).content
    text = flat(pdf)
    for figure in ("20,6 %", "17.283 Personen", "90.295.768 €", "405,93 VZA", "7,5 %", "500.000,00 €"):
        assert figure in text, figure
    assert "Zielvereinbarung 2014" in text and "Rechtsgrundlage: § 48b SGB II" in text
    assert "I Geschäftspolitische Ziele SGB II" in text and "Präambel" in text
    assert all(font_files(pdf).values())


def test_sections_and_goals_keep_their_order(demo: Store) -> None:
    text = flat(finish(agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))).content)
    order = [
        "Verbesserung der Integration in Erwerbstätigkeit",
        "Vermeidung von langfristigem Leistungsbezug",
        "II Monitoring zur Verringerung der Hilfebedürftigkeit",
        "Soll-Ausstattung des Jobcenters",
        "Mittel für die Schuldnerberatung",
        "Kooperationsvereinbarung nach § 44b Abs. 2 SGB II",
        "Unterschriften",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)


def test_every_party_gets_a_signature_block_with_place_date_name_and_function(demo: Store) -> None:
    pdf = finish(agreement_document(demo, agreement_id(AGREEMENT_METTMANN_2014))).content
    last = " ".join(page_texts(pdf)[-1].split())
    assert last.count("Ort, Datum") == 3 and last.count("28.02.2014") == 3
    assert "Hendele Landrat Kreis Mettmann" in last and last.count("Ort, Datum") == 3
    assert "Geschäftsführerin Jobcenter ME-aktiv" in last


def test_dm_amounts_show_their_euro_value(demo: Store) -> None:
    text = flat(finish(agreement_document(demo, agreement_id(AGREEMENT_KAMEN_2001))).content)
    assert "211.000,00 DM (= 107.882,59 €)" in text


def test_a_draft_says_so_on_every_page(demo: Store) -> None:
    pdf = finish(agreement_document(demo, agreement_id(AGREEMENT_KAMEN_2002))).content
    assert "Entwurf (Stand: verhandelt) – noch nicht unterzeichnet" in flat(pdf)
    pages = page_texts(pdf)
    assert all(page.count("ENTWURF") >= 2 for page in pages)  # in the header and across the page


def test_signatures_stay_with_the_agreements_text(demo: Store) -> None:
    for key in (AGREEMENT_KAMEN_2001, AGREEMENT_METTMANN_2014):
        last = " ".join(page_texts(finish(agreement_document(demo, agreement_id(key))).content)[-1].split())
        assert "Unterschriften" in last
        before = re.sub(r"Gedruckt am \S+|Seite \d+ von \d+", "", last.split("Unterschriften")[0])
        assert len(before.split()) > 10, before  # some of the agreement's own text precedes the signatures


def _draft_with_goal(store: Store, title: str, description: str) -> str:
    agreement = save_agreement(store, model.Agreement(year=2024, title=f"ZV {MARKUP}", preamble=MARKUP))
    goal = goal_template(store, agreement.id, model.GoalKind.THRESHOLD, title)
    goal.comparator, goal.threshold_value, goal.unit = model.Comparator.AT_LEAST, Decimal("2.5"), "Kontakte"
    goal.description = description
    save_goal(store, goal)
    return agreement.id


def test_user_markup_prints_literally(store: Store) -> None:
    text = flat(finish(agreement_document(store, _draft_with_goal(store, MARKUP, f"Text {MARKUP}"))).content)
    assert text.count(MARKUP) >= 4  # title, preamble, goal title, description
    assert "mindestens 2,5 Kontakte" in text


def test_a_goal_with_5000_words_paginates(store: Store) -> None:
    words = " ".join(f"Wort{i}" for i in range(5000))
    finished = finish(agreement_document(store, _draft_with_goal(store, "Langes Ziel", words)))
    assert finished.pages >= 4
    text = flat(finished.content)
    assert "Wort0 " in text and "Wort4999" in text
