"""The worked example of docs/exchange.md, step by step as `make samples` runs it: the Kreis sends the Jobcenter's
year 2014, the Jobcenter answers with its September figures and a comment, the Kreis has meanwhile recorded a
milestone; the Kreis takes the answer and keeps its own change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.conftest import ZvResult
from zv_desktop.core import model
from zv_desktop.core.demo import exchange_example
from zv_desktop.core.demo.ids import PARTY_JC_ME_AKTIV, area_id
from zv_desktop.core.store import open_store


def test_the_jobcenter_answer_arrives_and_the_kreis_keeps_its_milestone(
    run_zv: Callable[..., ZvResult], tmp_path: Path
) -> None:
    kreis, jobcenter = tmp_path / "kreis.sqlite", tmp_path / "jobcenter.sqlite"
    year_file, answer = tmp_path / "kreis-2014.zvx", tmp_path / "jobcenter-september.zvx"
    assert run_zv("--db", kreis, "init", "--office", "Kreis Mettmann").code == 0
    assert run_zv("--db", kreis, "demo").code == 0
    sent = run_zv("--db", kreis, "exchange", "export", "-o", year_file, "--party", PARTY_JC_ME_AKTIV, "--year", "2014")
    assert sent.code == 0 and "Kennzahlwerte: 72" in sent.err
    assert run_zv("--db", jobcenter, "init", "--office", "Jobcenter ME-aktiv").code == 0
    assert run_zv("--db", jobcenter, "exchange", "merge", year_file).code == 0
    assert exchange_example.main(["jobcenter", str(jobcenter)]) == 0
    assert exchange_example.main(["kreis", str(kreis)]) == 0

    delta = run_zv("--db", jobcenter, "exchange", "export", "-o", answer, "--since-partner", "Kreis Mettmann")
    assert delta.code == 0 and "Kennzahlwerte: 3" in delta.err and "Ziele: 1" in delta.err
    dry = run_zv("--db", kreis, "exchange", "merge", answer, "--dry-run")
    assert dry.code == 0 and "Probelauf" in dry.out
    merged = run_zv("--db", kreis, "exchange", "merge", answer)
    assert merged.code == 0 and "Übernommen: 4, entschieden: 0, offen: 0." in merged.out

    store = open_store(kreis, read_only=True)
    try:
        values = store.find(
            model.KpiValue, "year = 2014 AND period_no = 9 AND area_id = ?", (area_id("Kreis Mettmann"),)
        )
        codes = {r["id"]: r["code"] for r in store.query("SELECT id, code FROM measures")}
        got = {codes[v.measure_id]: v.value for v in values if codes[v.measure_id] in exchange_example.SEPTEMBER_2014}
        assert got == exchange_example.SEPTEMBER_2014
        goals = {g.title: g for g in store.find(model.Goal)}
        assert goals["Verbesserung der Integration in Erwerbstätigkeit"].comment == exchange_example.SEPTEMBER_COMMENT
        assert goals[exchange_example.MILESTONE_TITLE].done_date == date(2014, 11, 28)  # the Kreis's own change
        k2 = next(v for v in values if codes[v.measure_id] == "K2")
        assert k2.value == Decimal("21.4")
        audit = store.query("SELECT changes FROM audit_log WHERE row_id = ? ORDER BY rowid DESC LIMIT 1", (k2.id,))
        assert "Jobcenter ME-aktiv" in audit[0]["changes"]  # the origin office is in the audit log
    finally:
        store.close()
    again = run_zv("--db", kreis, "exchange", "merge", answer)
    assert again.code == 0 and "Nichts Neues" in again.out
