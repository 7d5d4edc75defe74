"""Validation rules and the agreement lifecycle, through the same services the UI and `zv` use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zv_desktop.core import model
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, catalogue, papers, values
from zv_desktop.core.store import Store


@pytest.fixture
def agreement(store: Store) -> model.Agreement:
    return agreements.save_agreement(store, model.Agreement(year=2014, title="Zielvereinbarung 2014"))


def _problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.where: p.message for p in exc.value.problems}


def test_kpi_goal_needs_measure_target_and_direction(store: Store, agreement: model.Agreement) -> None:
    goal = model.Goal(agreement_id=agreement.id, kind=model.GoalKind.KPI_TARGET, title="Integration")
    with pytest.raises(ValidationError) as exc:
        agreements.save_goal(store, goal)
    found = _problems(exc)
    assert set(found) == {"measure_id", "target_value", "direction"}
    assert "„Messgröße“ fehlt" in found["measure_id"] and "Kennzahlziel" in found["measure_id"]
    assert store.find(model.Goal) == []


def test_corridor_low_above_high_is_refused(store: Store, agreement: model.Agreement) -> None:
    k2 = catalogue.measure_by_code(store, "K2")
    goal = model.Goal(
        agreement_id=agreement.id,
        kind=model.GoalKind.KPI_TARGET,
        title="Integrationsquote",
        measure_id=k2.id,
        target_value=Decimal("20.6"),
        direction=model.Direction.HIGHER,
        corridor_low=Decimal("21"),
        corridor_high=Decimal("19"),
    )
    with pytest.raises(ValidationError) as exc:
        agreements.save_goal(store, goal)
    assert _problems(exc)["corridor_low"] == "„Korridor von“ darf nicht größer sein als „Korridor bis“."
    goal.corridor_low, goal.corridor_high = Decimal("19"), Decimal("21")
    agreements.save_goal(store, goal)  # a corridor in order is fine, target inside it
    goal.corridor_low = goal.corridor_high = Decimal("20.6")
    agreements.save_goal(store, goal)  # a corridor of one point holding the target is fine too


def test_dm_amount_after_2001_is_refused_but_allowed_in_2001(store: Store) -> None:
    y2001 = agreements.save_agreement(store, model.Agreement(year=2001, title="ZV 2001"))
    y2002 = agreements.save_agreement(store, model.Agreement(year=2002, title="ZV 2002"))
    premium = Money(Decimal("211000"), Currency.DM)
    agreements.save_goal(
        store, model.Goal(agreement_id=y2001.id, kind=model.GoalKind.PREMIUM, title="Prämie", amount=premium)
    )
    with pytest.raises(ValidationError) as exc:
        agreements.save_goal(
            store, model.Goal(agreement_id=y2002.id, kind=model.GoalKind.PREMIUM, title="Prämie", amount=premium)
        )
    assert "ab 2002 sind nur Beträge in Euro zulässig" in _problems(exc)["amount"]


def test_signed_agreement_refuses_edits_but_takes_amendments(store: Store, agreement: model.Agreement) -> None:
    section = agreements.save_section(store, model.Section(agreement_id=agreement.id, title="Ziele", number="I"))
    agreement.status = model.AgreementStatus.UNTERZEICHNET
    with pytest.raises(ValidationError, match="Datum der Unterzeichnung"):
        agreements.save_agreement(store, agreement)
    agreement.signed_date = date(2014, 3, 1)
    agreements.save_agreement(store, agreement)

    agreement.title = "Geänderter Titel"
    with pytest.raises(ValidationError, match="unterzeichnet und kann nicht mehr bearbeitet werden"):
        agreements.save_agreement(store, agreement)
    section.title = "Neu"
    with pytest.raises(ValidationError, match="kann nicht mehr bearbeitet werden"):
        agreements.save_section(store, section)
    with pytest.raises(ValidationError):
        agreements.delete_part(store, model.Section, section.id)
    assert store.get(model.Section, section.id).title == "Ziele"
    assert store.get(model.Agreement, agreement.id).title == "Zielvereinbarung 2014"

    agreements.save_amendment(store, model.Amendment(agreement_id=agreement.id, number=1, title="1. Änderung"))
    closed = store.get(model.Agreement, agreement.id)
    closed.status = model.AgreementStatus.ABGESCHLOSSEN
    agreements.save_agreement(store, closed)  # moving on to "abgeschlossen" is allowed
    assert len(agreements.load_agreement(store, agreement.id).amendments) == 1


def test_status_cannot_jump_back_from_signed(store: Store, agreement: model.Agreement) -> None:
    agreement.status, agreement.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2014, 3, 1)
    agreements.save_agreement(store, agreement)
    agreement.status = model.AgreementStatus.ENTWURF
    with pytest.raises(ValidationError, match="kann nicht von „unterzeichnet“ auf „Entwurf“"):
        agreements.save_agreement(store, agreement)


@pytest.mark.parametrize(
    ("period_type", "period_no", "ok"),
    [("M", 1, True), ("M", 12, True), ("M", 13, False), ("M", 0, False), ("Q", 4, True), ("Q", 5, False)],
)
def test_value_period_must_exist(store: Store, period_type: str, period_no: int, ok: bool) -> None:
    area = catalogue.save_area(store, model.Area(name="Kreis Mettmann", kind=model.AreaKind.KREIS))
    value = model.KpiValue(
        measure_id=catalogue.measure_by_code(store, "K2").id,
        area_id=area.id,
        year=2014,
        value=Decimal("20.1"),
        period_type=model.PeriodType(period_type),
        period_no=period_no,
    )
    if ok:
        assert values.save_values(store, [value]) == 1
    else:
        with pytest.raises(ValidationError, match="gibt es nicht"):
            values.save_values(store, [value])
        assert values.list_values(store) == []


def test_value_for_the_same_period_updates_instead_of_duplicating(store: Store) -> None:
    area = catalogue.save_area(store, model.Area(name="Hilden", kind=model.AreaKind.STADT))
    k2 = catalogue.measure_by_code(store, "K2").id
    values.save_values(store, [model.KpiValue(measure_id=k2, area_id=area.id, year=2014, value=Decimal("20.1"))])
    values.save_values(store, [model.KpiValue(measure_id=k2, area_id=area.id, year=2014, value=Decimal("21.3"))])
    stored = values.list_values(store)
    assert [v.value for v in stored] == [Decimal("21.3")]


def test_builtin_measure_cannot_be_changed_and_codes_are_unique(store: Store) -> None:
    k2 = catalogue.measure_by_code(store, "K2")
    k2.name = "Anders"
    with pytest.raises(ValidationError, match="Katalogs"):
        catalogue.save_measure(store, k2)
    with pytest.raises(ValidationError, match="schon vergeben"):
        catalogue.save_measure(
            store, model.Measure(code="K2", name="Doppelt", unit="%", direction=model.Direction.HIGHER)
        )


def test_attachment_with_wrong_checksum_is_refused(store: Store) -> None:
    paper = papers.save_paper(store, model.Paper(number="50/1/2024", title="T", paper_type=model.PaperType.WAHL))
    att = papers.make_attachment(paper.id, "Anlage 1.pdf", b"%PDF-1.4 Inhalt")
    att.content = b"%PDF-1.4 anders"
    with pytest.raises(ValidationError, match="Prüfsumme"):
        papers.save_attachment(store, att)


def test_paper_needs_number_and_title(store: Store) -> None:
    with pytest.raises(ValidationError) as exc:
        papers.save_paper(store, model.Paper(number=" ", title="", paper_type=model.PaperType.BESCHLUSS))
    assert set(_problems(exc)) == {"number", "title"}


def test_goal_must_sit_in_a_section_of_its_own_agreement(store: Store, agreement: model.Agreement) -> None:
    other = agreements.save_agreement(store, model.Agreement(year=2015, title="ZV 2015"))
    foreign = agreements.save_section(store, model.Section(agreement_id=other.id, title="Fremd"))
    own = agreements.save_section(store, model.Section(agreement_id=agreement.id, title="Eigen"))
    clause = agreements.save_clause(store, model.Clause(section_id=foreign.id, number="a"))
    goal = model.Goal(agreement_id=agreement.id, kind=model.GoalKind.MILESTONE, title="Konzept", section_id=foreign.id)
    with pytest.raises(ValidationError, match="anderen Zielvereinbarung"):
        agreements.save_goal(store, goal)
    goal.section_id, goal.clause_id = own.id, clause.id
    with pytest.raises(ValidationError, match="anderen Abschnitt"):
        agreements.save_goal(store, goal)


def test_unknown_breakdown_gets_a_german_message(store: Store, agreement: model.Agreement) -> None:
    goal = model.Goal(agreement_id=agreement.id, kind=model.GoalKind.REPORTING, title="Bericht", breakdown="kreisweit")
    with pytest.raises(ValidationError, match="Aufschlüsselung"):
        agreements.save_goal(store, goal)


def test_clause_in_missing_section_is_a_validation_problem(store: Store) -> None:
    with pytest.raises(ValidationError, match="Abschnitt"):
        agreements.save_clause(store, model.Clause(section_id="fehlt", number="b"))


def test_clauses_come_in_document_order(store: Store, agreement: model.Agreement) -> None:
    s3 = agreements.save_section(store, model.Section(agreement_id=agreement.id, number="3", title="A", position=0))
    s5 = agreements.save_section(store, model.Section(agreement_id=agreement.id, number="5", title="B", position=1))
    for section, letters in ((s5, "cf"), (s3, "blo")):
        for pos, letter in enumerate(letters):
            agreements.save_clause(store, model.Clause(section_id=section.id, number=letter, position=pos))
    doc = agreements.load_agreement(store, agreement.id)
    assert [c.number for c in doc.clauses] == ["b", "l", "o", "c", "f"]


def test_attachment_type_is_recognised_from_content(store: Store) -> None:
    att = papers.make_attachment("p", "Anlage 1: Kommunale Ziele 2022", b"%PDF-1.7 ...")
    assert att.mime_type == "application/pdf"


def test_changing_the_year_cannot_leave_dm_amounts_after_2001(store: Store) -> None:
    a = agreements.save_agreement(store, model.Agreement(year=2000, title="ZV 2000"))
    agreements.save_goal(
        store,
        model.Goal(a.id, model.GoalKind.PREMIUM, "Prämie", amount=Money(Decimal("211000"), Currency.DM)),
    )
    a.year = 2003
    with pytest.raises(ValidationError, match="Ziel „Prämie“: „Betrag“ ist in DM angegeben"):
        agreements.save_agreement(store, a)
    assert store.get(model.Agreement, a.id).year == 2000
