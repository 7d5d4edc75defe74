"""`zv compare` end to end on the demo file: the figures of the comparison as text and JSON, and refused ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zv_desktop.core.demo.ids import (
    AGREEMENT_KAMEN_2001,
    AGREEMENT_KAMEN_2002,
    AGREEMENT_METTMANN_2012,
    AGREEMENT_METTMANN_2014,
    AGREEMENT_METTMANN_2022,
    agreement_id,
)

KAMEN_2001, KAMEN_2002 = agreement_id(AGREEMENT_KAMEN_2001), agreement_id(AGREEMENT_KAMEN_2002)


def test_text_shows_the_premium_in_euro_and_the_change_list(run_zv, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_zv("--db", demo_file, "compare", KAMEN_2002[:8], KAMEN_2001[:8])  # prefixes, any order
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Vergleich von 2 Zielvereinbarungen" and lines[1].startswith("  2001  ")
    row = next(line for line in lines if line.startswith("Prämie für Vermittlungen"))
    assert row.split()[-2:] == ["vorhanden", "geändert"]
    assert "2001 → 2002: 3 neu, 0 entfallen, 1 geändert, 0 unverändert" in lines
    assert "    Betrag: 211.000,00 DM (107.882,59 €) → 50.000,00 € (\u221253,7 %)" in lines
    assert any(line.startswith("    Beschreibung: Prämie [-für Vermittlungen") for line in lines)
    assert "Änderungen gegenüber dem Vorjahr (2002 gegenüber 2001):" in lines
    premium = next(line for line in lines if line.startswith("  • Ziffer 5 c"))
    assert "sinkt von 211.000,00 DM (107.882,59 €) auf 50.000,00 € (\u221253,7 %)" in premium


def test_json_gives_exact_figures_and_german_texts(run_zv, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_zv("--db", demo_file, "compare", KAMEN_2001, KAMEN_2002, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [a["year"] for a in data["agreements"]] == [2001, 2002]
    row = next(r for r in data["rows"] if r["title"] == "Prämie für Vermittlungen auf Regelarbeitsplätze")
    step = row["steps"][0]
    assert (step["status"], step["status_text"], step["reason"]) == ("changed", "geändert", "Ziffer 5 c")
    amount = next(c for c in step["changes"] if c["field"] == "amount")
    assert amount["old"] == {"amount": "211000.00", "currency": "DM", "amount_eur": "107882.59"}
    assert amount["new"] == {"amount": "50000.00", "currency": "EUR", "amount_eur": "50000.00"}
    assert (amount["percent"], amount["delta_text"]) == ("-53.7", "\u221253,7 %")
    assert amount["old_text"] == "211.000,00 DM (107.882,59 €)"
    description = next(c for c in step["changes"] if c["field"] == "description")
    assert ["delete", "für Vermittlungen auf Regelarbeitsplätze"] in description["diff"]
    pair = data["pairs"][0]
    assert pair["counts"] == {"new": 3, "removed": 0, "changed": 1, "unchanged": 0}
    assert [e["place"] for e in pair["changes_against_previous"]][1:4] == ["Ziffer 3 b", "Ziffer 3 l", "Ziffer 3 o"]


def test_three_mettmann_years_side_by_side(run_zv, demo_file: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [agreement_id(k) for k in (AGREEMENT_METTMANN_2022, AGREEMENT_METTMANN_2012, AGREEMENT_METTMANN_2014)]
    data = json.loads(run_zv("--db", demo_file, "compare", *ids, "--json").out)
    assert [a["year"] for a in data["agreements"]] == [2012, 2014, 2022]
    kdu = next(r for r in data["rows"] if r["title"] == "Entwicklung der Kosten der Unterkunft")
    assert kdu["cells"][0] is None and kdu["steps"][0]["status"] == "new"
    assert kdu["steps"][1]["reason"] == "Messgröße, Zielart geändert"
    assert [p["counts"]["new"] for p in data["pairs"]] == [26, 4]
    text = run_zv("--db", demo_file, "compare", *ids).out
    assert "2014 → 2022: 4 neu, 25 entfallen, 1 geändert, 0 unverändert" in text


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["ffffffff", KAMEN_2001], "Keine Kennung beginnt mit „ffffffff“"),
        ([KAMEN_2001, KAMEN_2001[:6]], "mindestens zwei verschiedene Zielvereinbarungen"),
        ([KAMEN_2001], "mindestens zwei verschiedene Zielvereinbarungen"),
    ],
)
def test_bad_ids_exit_2_with_a_german_message(run_zv, demo_file: Path, ids: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run_zv("--db", demo_file, "compare", *ids)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("zv: ") and message in result.err
