"""Tests for the demo data (zv_desktop.core.demo): seed figures, papers, values, idempotency."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.demo import DemoSummary, build_demo, ids
from zv_desktop.core.demo.builder import status_steps
from zv_desktop.core.demo.papers import PLACEHOLDER, placeholder_pdf
from zv_desktop.core.demo.values import YEARS, split
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services.agreements import AgreementDoc, list_agreements, load_agreement
from zv_desktop.core.services.catalogue import measure_by_code
from zv_desktop.core.services.papers import PaperDoc, list_papers, load_paper
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store, open_store

Kind = model.GoalKind
Status = model.AgreementStatus
EUR, DM = Currency.EUR, Currency.DM
TABLES = (
    "parties signatories areas measures agreements agreement_parties sections clauses goals kpi_values papers "
    "consultations attachments"
).split()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    """One demo file for the whole module."""
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite", create=True, office_name="Demo")
    summary = build_demo(store)
    yield store, summary
    store.close()


@pytest.fixture(scope="module")
def store(built: tuple[Store, DemoSummary]) -> Store:
    """The store holding the demo."""
    return built[0]


def _doc(store: Store, key: str) -> AgreementDoc:
    return load_agreement(store, ids.agreement_id(key))


def _goal(doc: AgreementDoc, title: str) -> model.Goal:
    found = [g for g in doc.goals if g.title == title]
    assert len(found) == 1, title
    return found[0]


def _paper(store: Store, number: str) -> PaperDoc:
    found = [p for p in list_papers(store) if p.number == number]
    assert len(found) == 1, number
    return load_paper(store, found[0].id)


def _counts(store: Store) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0] for t in TABLES}


# --- summary and agreements ------------------------------------------------------------------


def test_summary_counts(built: tuple[Store, DemoSummary]) -> None:
    store, summary = built
    assert summary == DemoSummary(
        parties=6, signatories=6, areas=22, measures=5, agreements=5, goals=40, papers=3, attachments=7, values=3984
    )
    assert len(list_agreements(store)) == 5
    assert sum(a.goal_count for a in list_agreements(store)) == summary.goals


def test_agreement_statuses_and_links(store: Store) -> None:
    by_year = {a.year: a for a in list_agreements(store)}
    assert sorted(by_year) == [2001, 2002, 2012, 2014, 2022]
    assert by_year[2002].status is Status.VERHANDELT
    for year in (2001, 2012, 2014, 2022):
        assert by_year[year].status is Status.ABGESCHLOSSEN
    assert _doc(store, ids.AGREEMENT_KAMEN_2002).agreement.previous_id == ids.agreement_id(ids.AGREEMENT_KAMEN_2001)
    assert by_year[2014].parties == "Agentur für Arbeit Mettmann – Jobcenter ME-aktiv – Kreis Mettmann"


def test_2014_seed_figures(store: Store) -> None:
    doc = _doc(store, ids.AGREEMENT_METTMANN_2014)
    assert doc.agreement.legal_basis == "§ 48b SGB II"
    integration = _goal(doc, "Verbesserung der Integration in Erwerbstätigkeit")
    assert integration.kind is Kind.KPI_TARGET
    assert integration.measure_id == measure_by_code(store, "K2").id
    assert (integration.target_value, integration.unit) == (Decimal("20.6"), "%")
    assert integration.direction is model.Direction.HIGHER
    assert integration.area_id == ids.area_id("Kreis Mettmann")
    lzb = _goal(doc, "Vermeidung von langfristigem Leistungsbezug")
    assert (lzb.target_value, lzb.direction) == (Decimal("17283"), model.Direction.LOWER)
    assert lzb.measure_id == measure_by_code(store, "LZB").id
    llu = _goal(doc, "Verringerung der Hilfebedürftigkeit")
    assert (llu.kind, llu.forecast_value, llu.unit) == (Kind.MONITORING, Decimal("90295768"), "€")
    staffing = [g for g in doc.goals if g.kind is Kind.STAFFING]
    assert len(staffing) == 1
    assert staffing[0].staff_target_vza == Decimal("405.93")
    assert staffing[0].temp_share_max == Decimal("7.5")
    assert staffing[0].extra_vza_max == Decimal("25")
    budgets = sorted(g.amount.amount for g in doc.goals if g.kind is Kind.BUDGET and g.amount is not None)
    assert budgets == [Decimal(v) for v in ("5000", "26000", "45000", "72000", "500000")]
    assert all(g.amount.currency is EUR for g in doc.goals if g.amount is not None)
    ev = _goal(doc, "Eingliederungsvereinbarung beim Erstkontakt")
    assert (ev.comparator, ev.threshold_value, ev.unit) == (model.Comparator.AT_LEAST, Decimal("80"), "%")
    contacts = sorted(g.threshold_value for g in doc.goals if g.unit == "Kontakte/Jahr" and g.threshold_value)
    assert contacts == [Decimal("2"), Decimal("6")]


def test_2014_relative_changes_and_milestones(store: Store) -> None:
    doc = _doc(store, ids.AGREEMENT_METTMANN_2014)
    changes = {g.measure_id: g.change_percent for g in doc.goals if g.kind is Kind.RELATIVE_CHANGE}
    assert changes == {
        measure_by_code(store, "INT-U25").id: Decimal("5"),
        measure_by_code(store, "INT-AE").id: Decimal("5"),
        measure_by_code(store, "KdU").id: Decimal("0"),
    }
    evaluation = _goal(doc, "Evaluation des Arbeitsmarkt- und Integrationsprogramms")
    assert (evaluation.deadline, evaluation.responsible_party_id) == (date(2015, 3, 31), ids.PARTY_JC_ME_AKTIV)
    stadtscharf = [g for g in doc.goals if g.kind is Kind.REPORTING and g.breakdown == "stadtscharf"]
    assert len(stadtscharf) == 3
    assert [c.title for c in doc.clauses_of(doc.sections[-1].id)][-1] == "Kooperationsvereinbarung"


def test_kamen_premiums_and_clauses(store: Store) -> None:
    old = _doc(store, ids.AGREEMENT_KAMEN_2001)
    new = _doc(store, ids.AGREEMENT_KAMEN_2002)
    old_premium = [g for g in old.goals if g.kind is Kind.PREMIUM]
    new_premium = [g for g in new.goals if g.kind is Kind.PREMIUM]
    assert [g.amount for g in old_premium] == [Money(Decimal("211000.00"), DM)]
    assert [g.amount for g in new_premium] == [Money(Decimal("50000"), EUR)]
    assert "Auswertungsdaten" in new_premium[0].condition and "Hilfe zur Arbeit" in new_premium[0].condition
    assert old_premium[0].condition == ""

    def numbers(doc: AgreementDoc) -> list[str]:
        return [f"{s.number} {c.number}" for s in doc.sections for c in doc.clauses_of(s.id)]

    assert numbers(new) == ["3 b", "3 l", "3 o", "5 c", "5 f"]
    assert numbers(old) == ["3 b", "5 c", "5 f"]
    meetings = _goal(new, "Treffen der Arbeitsgruppe Unterhalt")
    assert (meetings.comparator, meetings.threshold_value, meetings.unit) == (
        model.Comparator.AT_LEAST,
        Decimal("2"),
        "x/Jahr",
    )


def test_2012_and_2022_are_qualitative(store: Store) -> None:
    for key in (ids.AGREEMENT_METTMANN_2012, ids.AGREEMENT_METTMANN_2022):
        doc = _doc(store, key)
        assert doc.goals
        for goal in doc.goals:
            assert goal.kind in (Kind.MILESTONE, Kind.MONITORING, Kind.REPORTING)
            numbers = (goal.target_value, goal.amount, goal.forecast_value, goal.threshold_value, goal.change_percent)
            assert numbers == (None,) * 5
    doc_2012 = _doc(store, ids.AGREEMENT_METTMANN_2012)
    assert doc_2012.agreement.legal_basis == "§ 48b SGB II, § 2a AG-SGB II NRW"
    signers = {p.party_id: store.get(model.Signatory, p.signatory_id or "").name for p in doc_2012.parties}
    assert signers == {ids.PARTY_KREIS_METTMANN: "Hendele", ids.PARTY_MAIS_NRW: "Dr. Schäffer"}


# --- papers ---------------------------------------------------------------------------------


def test_paper_2012(store: Store) -> None:
    doc = _paper(store, "50/015/2012")
    paper = doc.paper
    assert (paper.clerk, paper.paper_date, paper.file_ref) == ("Frau Ulrike Gansauer", date(2012, 4, 19), "50-1")
    assert paper.paper_type is model.PaperType.KENNTNISNAHME and paper.public
    assert paper.title.startswith("Zielsteuerung 2012 in der Grundsicherung für Arbeitsuchende")
    assert paper.agreement_id == ids.agreement_id(ids.AGREEMENT_METTMANN_2012)
    assert (paper.impact_kpi, paper.impact_climate) == (None, None)
    assert [(c.committee, c.meeting_date, c.role) for c in doc.consultations] == [
        ("Sozialausschuss", date(2012, 5, 21), "Kenntnisnahme")
    ]
    assert [a.name for a in doc.attachments] == [
        "Zielvereinbarung MAIS – Kreis Mettmann 2012",
        "Anlage zur Zielvereinbarung",
        "Anschreiben des Landrates vom 04.03.2012 an das MAIS",
        "Schreiben des MAIS NRW vom 29.03.2012",
        "Schreiben der Liga der Wohlfahrtsverbände vom 23.01.2012",
    ]


def test_paper_kamen(store: Store) -> None:
    doc = _paper(store, "026/2012")
    assert doc.paper.paper_type is model.PaperType.BESCHLUSS
    assert (doc.paper.body, doc.paper.paper_date) == ("Der Bürgermeister", date(2012, 3, 19))
    assert "64.000 €" in doc.paper.facts
    assert [(c.committee, c.meeting_date, c.role) for c in doc.consultations] == [
        ("Jugendhilfeausschuss", None, "Vorberatung"),
        ("Haupt- und Finanzausschuss", None, "Vorberatung"),
        ("Rat der Stadt Kamen", None, "Entscheidung"),
    ]
    assert doc.attachments == []


def test_paper_2022(store: Store) -> None:
    doc = _paper(store, "50/003/2022")
    paper = doc.paper
    assert (paper.title, paper.clerk, paper.file_ref) == ("Sachstandsbericht des Sozialamtes", "Martin Klemmer", "50")
    assert paper.agreement_id == ids.agreement_id(ids.AGREEMENT_METTMANN_2022)
    impacts = [getattr(paper, name) for name, _ in model.IMPACT_FIELDS]
    assert impacts == [model.Impact.NEIN] * 5
    assert [(c.committee, c.meeting_date) for c in doc.consultations] == [("Sozialausschuss", date(2022, 2, 17))]
    assert [a.name for a in doc.attachments] == ["Anlage 1: Kommunale Ziele 2022", "Anlage 2: Lokales Planungsdokument"]


def test_attachments_are_intact_pdfs(store: Store) -> None:
    for number in ("50/015/2012", "50/003/2022"):
        for attachment in _paper(store, number).attachments:
            assert attachment.sha256 == hashlib.sha256(attachment.content).hexdigest()
            assert attachment.size == len(attachment.content)
            assert attachment.content.startswith(b"%PDF") and attachment.mime_type == "application/pdf"
    assert placeholder_pdf("1/2", "Anlage") == placeholder_pdf("1/2", "Anlage")
    assert "Originaldokument" in PLACEHOLDER


# --- values ---------------------------------------------------------------------------------


def test_values_cover_all_areas_and_years(store: Store) -> None:
    values = list_values(store)
    assert len(values) == 3960 + 24  # 24 staffing values of 2014
    assert {v.source for v in values} == {"Demo"}
    assert {v.year for v in values} == set(YEARS)
    assert {(v.period_type, v.value_kind) for v in values} == {(model.PeriodType.MONTH, model.ValueKind.IST)}
    areas = {ids.area_id(name) for name in (ids.KREIS_METTMANN, *ids.METTMANN_CITIES)}
    assert {v.area_id for v in values} == areas
    for area in areas:
        assert {v.year for v in list_values(store, area_id=area)} == set(YEARS)


def test_values_are_plausible(store: Store) -> None:
    kreis = ids.area_id(ids.KREIS_METTMANN)
    by_code = {code: measure_by_code(store, code).id for code in ("K2", "LZB", "LLU")}
    kreis_values = list_values(store, area_id=kreis)
    quota = [v.value for v in kreis_values if v.measure_id == by_code["K2"]]
    assert all(Decimal("19.5") <= q <= Decimal("22.5") and q == q.quantize(Decimal("0.1")) for q in quota)
    lzb = [v.value for v in kreis_values if v.measure_id == by_code["LZB"]]
    assert all(Decimal(17000) <= n <= Decimal(18500) for n in lzb)
    llu_2014 = sum(v.value for v in kreis_values if v.measure_id == by_code["LLU"] and v.year == 2014)
    assert Decimal(85_000_000) < llu_2014 < Decimal(95_000_000)
    month = [v for v in list_values(store, year=2014) if v.measure_id == by_code["LZB"] and v.period_no == 3]
    total = sum(v.value for v in month if v.area_id == kreis)
    assert sum(v.value for v in month if v.area_id != kreis) == total


def test_split_keeps_the_total() -> None:
    assert split(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(split(1234, [44, 30, 26, 55])) == 1234


# --- idempotency ----------------------------------------------------------------------------


def test_status_steps() -> None:
    assert status_steps(Status.ENTWURF, Status.ABGESCHLOSSEN) == [Status.UNTERZEICHNET, Status.ABGESCHLOSSEN]
    assert status_steps(Status.ENTWURF, Status.VERHANDELT) == [Status.VERHANDELT]
    assert status_steps(Status.VERHANDELT, Status.VERHANDELT) == []


def test_second_run_changes_nothing(built: tuple[Store, DemoSummary]) -> None:
    store, summary = built
    before = _counts(store)
    audit = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert build_demo(store) == summary
    assert _counts(store) == before
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit


def test_rerun_only_moves_signed_agreements_on(tmp_path: Path) -> None:
    store = open_store(tmp_path / "demo.sqlite", create=True)
    try:
        build_demo(store)
        key = ids.agreement_id(ids.AGREEMENT_METTMANN_2014)
        # Simulate a file where the 2014 agreement was signed but not yet closed.
        with store.transaction():
            store.conn.execute("UPDATE agreements SET status = 'unterzeichnet' WHERE id = ?", (key,))
        build_demo(store)
        assert store.get(model.Agreement, key).status is Status.ABGESCHLOSSEN
    finally:
        store.close()
