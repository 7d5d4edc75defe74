"""`zv` end to end on real files: init, list, show, dump → load round trip, and rejected loads."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.money import Currency, Money
from zv_desktop.core.services import agreements, catalogue, papers, values
from zv_desktop.core.store import open_store


def _fill(path: Path) -> dict[str, str]:
    """A small file with one of everything; returns some ids."""
    store = open_store(path, create=True, office_name="Kreis Mettmann")
    with store.transaction():
        kreis = catalogue.save_party(store, model.Party(name="Kreis Mettmann", role=model.PartyRole.KREIS))
        landrat = catalogue.save_signatory(store, model.Signatory(party_id=kreis.id, name="N. N.", function="Landrat"))
        area = catalogue.save_area(
            store, model.Area(name="Kreis Mettmann", kind=model.AreaKind.KREIS, party_id=kreis.id)
        )
        city = catalogue.save_area(store, model.Area(name="Hilden", kind=model.AreaKind.STADT, parent_id=area.id))
        a = agreements.save_agreement(store, model.Agreement(year=2014, title="Zielvereinbarung 2014"))
        agreements.save_agreement_party(store, model.AgreementParty(a.id, kreis.id, landrat.id))
        sec = agreements.save_section(store, model.Section(agreement_id=a.id, number="I", title="Ziele"))
        clause = agreements.save_clause(store, model.Clause(section_id=sec.id, number="1", title="Schuldnerberatung"))
        k2 = catalogue.measure_by_code(store, "K2")
        agreements.save_goal(
            store,
            model.Goal(
                agreement_id=a.id,
                section_id=sec.id,
                kind=model.GoalKind.KPI_TARGET,
                title="Integration",
                measure_id=k2.id,
                target_value=Decimal("20.6"),
                unit="%",
                direction=model.Direction.HIGHER,
            ),
        )
        agreements.save_goal(
            store,
            model.Goal(
                agreement_id=a.id,
                section_id=sec.id,
                clause_id=clause.id,
                kind=model.GoalKind.BUDGET,
                title="Schuldnerberatung",
                amount=Money(Decimal("500000"), Currency.EUR),
            ),
        )
        a.status, a.signed_date = model.AgreementStatus.UNTERZEICHNET, date(2014, 2, 3)
        agreements.save_agreement(store, a)
        p = papers.save_paper(
            store,
            model.Paper(number="50/003/2022", title="Sachstandsbericht", paper_type=model.PaperType.KENNTNISNAHME),
        )
        papers.save_consultation(store, model.Consultation(p.id, "Sozialausschuss", date(2022, 2, 17), "Kenntnisnahme"))
        papers.save_attachment(store, papers.make_attachment(p.id, "Anlage 1.pdf", b"%PDF-1.4 demo"))
        report = b"%PDF-1.4 " + b"x" * 1225  # 1,234 bytes, a comma in the name: only the size is grouped
        papers.save_attachment(store, papers.make_attachment(p.id, "Bericht, Teil 2.pdf", report, position=1))
        values.save_values(
            store,
            [
                model.KpiValue(measure_id=k2.id, area_id=ar, year=2014, period_no=m, value=Decimal("20.1"))
                for ar in (area.id, city.id)
                for m in range(1, 13)
            ],
        )
    store.close()
    return {"agreement": a.id, "paper": p.id, "measure": k2.id, "area": area.id}


@pytest.fixture
def filled(db_path: Path) -> dict[str, str]:
    return _fill(db_path)


def test_init_creates_a_file_with_the_office(tmp_path: Path, run_zv) -> None:
    path = tmp_path / "neu.sqlite"
    result = run_zv("--db", path, "init", "--office", "Stadt Kamen")
    assert result.code == 0 and "Stadt Kamen" in result.err
    assert run_zv("--db", path, "init").code == 0  # a second init changes nothing
    check = run_zv("--db", path, "check")
    assert check.code == 0 and "Stadt Kamen" in check.out and "in Ordnung" in check.out


def test_zv_db_environment_variable_is_used(tmp_path: Path, run_zv, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZV_DB", str(tmp_path / "env.sqlite"))
    assert run_zv("init").code == 0
    assert (tmp_path / "env.sqlite").exists()


def test_list_and_show(db_path: Path, filled: dict[str, str], run_zv) -> None:
    listed = run_zv("--db", db_path, "list", "agreements", "--year", "2014")
    assert listed.code == 0 and "Zielvereinbarung 2014" in listed.out and "unterzeichnet" in listed.out
    assert run_zv("--db", db_path, "list", "agreements", "--year", "2013").out.strip() == "(keine Einträge)"
    shown = run_zv("--db", db_path, "show", "agreement", filled["agreement"][:6])
    assert shown.code == 0
    assert "Zielwert 20,6 %" in shown.out and "Budget 500.000 €" in shown.out and "Landrat N. N." in shown.out
    as_json = json.loads(run_zv("--db", db_path, "show", "agreement", filled["agreement"], "--json").out)
    assert as_json["goals"][0]["target_value"] == "20.6"
    paper = run_zv("--db", db_path, "show", "paper", filled["paper"][:8])
    assert "Sozialausschuss" in paper.out and "17.02.2022" in paper.out and "Anlage 1.pdf (13 Bytes)" in paper.out
    assert "Bericht, Teil 2.pdf (1.234 Bytes)" in paper.out
    measures = json.loads(run_zv("--db", db_path, "list", "measures", "--json").out)
    assert {m["code"] for m in measures} >= {"K1", "K2", "K3"}
    assert run_zv("--db", db_path, "show", "agreement", "zzzz").code == 2


def _content(dump: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in dump.items() if k not in ("exported_at", "office")}


def test_dump_then_load_into_a_fresh_file_reproduces_the_content(
    tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv
) -> None:
    out = tmp_path / "alles.json"
    assert run_zv("--db", db_path, "dump", "-o", out).code == 0
    fresh = tmp_path / "frisch.sqlite"
    loaded = run_zv("--db", fresh, "load", out)
    assert loaded.code == 0, loaded.err
    again = json.loads(run_zv("--db", fresh, "dump").out)
    assert _content(again) == _content(json.loads(out.read_text(encoding="utf-8")))
    # loading the same file again changes nothing and duplicates nothing
    second = run_zv("--db", fresh, "load", out)
    assert second.code == 0 and "neu" not in second.out
    conn = sqlite3.connect(fresh)
    assert conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 24
    conn.close()


def _load_problems(tmp_path: Path, db_path: Path, run_zv, data: object) -> list[str]:
    before = db_path.read_bytes()
    src = tmp_path / "in.json"
    src.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    result = run_zv("--db", db_path, "load", src)
    assert result.code == 1, result.err
    assert "nichts wurde gespeichert" in result.err
    assert db_path.read_bytes() == before
    return result.err.strip().splitlines()[1:]


def test_load_rejects_malformed_json(tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv) -> None:
    lines = _load_problems(tmp_path, db_path, run_zv, '{"format": "zv-desktop", ')
    assert "Zeile 1" in lines[0] and "kein gültiges JSON" in lines[0]


def test_load_lists_every_problem_with_its_path(tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv) -> None:
    data = json.loads(run_zv("--db", db_path, "dump").out)
    data["parties"][0]["role"] = "KOMMUNE"
    data["agreements"][0]["year"] = "2014"
    data["agreements"][0]["goals"][0]["measure_id"] = "11111111-2222-4333-8444-555555555555"
    data["agreements"][0]["goals"][1]["amount"] = {"amount": "12.345", "currency": "EUR"}
    data["kpi_values"][0]["period_no"] = 13
    data["papers"][0]["consultations"][0]["committee"] = ""
    lines = _load_problems(tmp_path, db_path, run_zv, data)
    text = "\n".join(lines)
    assert "$.parties[0].role: „KOMMUNE“ ist nicht erlaubt" in text
    assert "$.agreements[0].year: muss eine ganze Zahl sein." in text
    assert "$.agreements[0].goals[0].measure_id: verweist auf die unbekannte Kennung 11111111" in text
    assert "$.agreements[0].goals[1].amount: amount darf höchstens zwei Nachkommastellen haben." in text
    assert "$.kpi_values[0].period_no: „Zeitraum“ ist ungültig: Monat 13 gibt es nicht." in text
    assert "$.papers[0].consultations[0].committee: „Gremium“ darf nicht leer sein." in text


def test_load_checks_references_and_rules_of_goals(
    tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv
) -> None:
    data = json.loads(run_zv("--db", db_path, "dump").out)
    agreement = data["agreements"][0]
    agreement["id"] = "99999999-0000-4000-8000-000000000000"  # a new agreement, so not a signed one
    agreement["status"] = "entwurf"
    for part in agreement["parties"] + agreement["sections"] + agreement["goals"]:
        part["id"] = part["id"][:-4] + "9999"
    agreement["sections"][0]["clauses"][0]["id"] = "99999999-0000-4000-8000-000000000001"
    agreement["goals"][0]["section_id"] = agreement["sections"][0]["id"]
    agreement["goals"][0]["measure_id"] = "11111111-2222-4333-8444-555555555555"
    agreement["goals"][0]["corridor_low"], agreement["goals"][0]["corridor_high"] = "25", "20"
    agreement["goals"][1]["section_id"] = agreement["sections"][0]["id"]
    agreement["goals"][1]["clause_id"] = "99999999-0000-4000-8000-000000000001"
    agreement["goals"][1]["amount"] = {"amount": "100", "currency": "DM"}
    data = {**data, "agreements": [agreement], "kpi_values": [], "papers": []}
    text = "\n".join(_load_problems(tmp_path, db_path, run_zv, data))
    assert "$.agreements[0].goals[0].measure_id: verweist auf die unbekannte Kennung 11111111" in text
    assert "$.agreements[0].goals[0].corridor_low: „Korridor von“ darf nicht größer sein" in text
    assert "$.agreements[0].goals[1].amount: „Betrag“ ist in DM angegeben" in text


def test_load_refuses_changes_to_a_signed_agreement(
    tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv
) -> None:
    data = json.loads(run_zv("--db", db_path, "dump").out)
    data["agreements"][0]["goals"][0]["target_value"] = "25"
    text = "\n".join(_load_problems(tmp_path, db_path, run_zv, data))
    assert "$.agreements[0].goals[0]: gehört zu einer unterzeichneten Zielvereinbarung" in text


def test_load_rejects_a_foreign_json(tmp_path: Path, db_path: Path, filled: dict[str, str], run_zv) -> None:
    lines = _load_problems(tmp_path, db_path, run_zv, [1, 2, 3])
    assert lines == ["  $: Die Datei muss ein JSON-Objekt enthalten."]
    lines = _load_problems(tmp_path, db_path, run_zv, {"format": "anderes"})
    assert "keine ZV-Datei im JSON-Format" in lines[0]


def test_check_reports_rule_violations_with_exit_1(db_path: Path, filled: dict[str, str], run_zv) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE agreements SET signed_date = NULL")  # written behind the program's back
    conn.commit()
    conn.close()
    result = run_zv("--db", db_path, "check")
    assert result.code == 1 and "Datum der Unterzeichnung" in result.err
