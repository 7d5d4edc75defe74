"""The KPI grid service: columns from goals (stadtscharf too), German cell parsing, Excel blocks, paste, save."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id, area_id
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.formats import FormatError, format_number
from zv_desktop.core.services import agreements, catalogue, history
from zv_desktop.core.services.kpi_cells import parse_block, parse_cell, paste_block
from zv_desktop.core.services.kpi_grid import INPUT_SOURCE, build_grid, save_cells
from zv_desktop.core.services.values import list_values
from zv_desktop.core.store import Store

Kind = model.GoalKind


def _ist(store: Store, area: str, year: int, measure_id: str) -> dict[int, model.KpiValue]:
    return {
        v.period_no: v
        for v in list_values(store, area_id(area), year)
        if v.measure_id == measure_id and v.value_kind is model.ValueKind.IST
    }


def _kreis_with_cities(store: Store) -> tuple[model.Agreement, model.Measure, list[model.Area]]:
    """A Kreis party with its area and two cities (given in reverse order), a measure and a draft agreement."""
    party = catalogue.save_party(store, model.Party("Kreis Testland", model.PartyRole.KREIS))
    other = catalogue.save_area(store, model.Area("Kreis Anderswo", model.AreaKind.KREIS))
    kreis = catalogue.save_area(store, model.Area("Kreis Testland", model.AreaKind.KREIS, party_id=party.id))
    cities = [
        catalogue.save_area(store, model.Area(name, model.AreaKind.STADT, kreis.id)) for name in ("Zell", "Adorf")
    ]
    catalogue.save_area(store, model.Area("Bstadt", model.AreaKind.STADT, other.id))
    measure = catalogue.save_measure(store, model.Measure("Q1", "Quote", "%", model.Direction.HIGHER))
    agreement = agreements.save_agreement(store, model.Agreement(2020, "ZV Testland 2020"))
    agreements.save_agreement_party(store, model.AgreementParty(agreement.id, party.id))
    return agreement, measure, [kreis, *cities]


def _goal(agreement: model.Agreement, kind: model.GoalKind, **fields: object) -> model.Goal:
    return model.Goal(agreement.id, kind, "Ziel", **fields)  # type: ignore[arg-type]


# --- columns ------------------------------------------------------------------------------------


def test_columns_of_the_demo_agreement_2014(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))
    codes = [c.label.split(" ")[0] for c in grid.columns]
    assert codes == ["K2", "LZB", "LLU", "INT-U25", "INT-AE", "VZA", "VZA-BEFR", "KdU"]  # staffing: VZA, share
    assert grid.columns[0].label == "K2 Integrationsquote – Kreis Mettmann" and grid.columns[0].unit == "%"
    assert grid.year == 2014 and grid.row_count == 12 and grid.column_count == 8
    january = grid.cell(0, 0)
    assert january.value is not None and january.source == "Demo" and "Demo-Wert" in january.comment
    assert all(grid.value(r, c) is not None for r in range(12) for c in range(6))
    assert grid.where(2, 0) == "März 2014, K2 Integrationsquote – Kreis Mettmann"


def test_stadtscharf_goal_adds_a_column_per_city_after_its_area(store: Store) -> None:
    agreement, measure, (kreis, zell, adorf) = _kreis_with_cities(store)
    target = {"measure_id": measure.id, "target_value": Decimal("20"), "direction": model.Direction.HIGHER}
    agreements.save_goal(store, _goal(agreement, Kind.KPI_TARGET, breakdown="stadtscharf", **target))
    agreements.save_goal(store, _goal(agreement, Kind.MONITORING, measure_id=measure.id, area_id=zell.id))
    agreements.save_goal(store, _goal(agreement, Kind.MILESTONE))
    agreements.save_goal(
        store, _goal(agreement, Kind.THRESHOLD, comparator=model.Comparator.AT_LEAST, threshold_value=Decimal(2))
    )
    grid = build_grid(store, agreement.id)
    assert [c.area_id for c in grid.columns] == [kreis.id, adorf.id, zell.id]  # the party's Kreis, cities by name
    assert [c.label for c in grid.columns] == [
        "Q1 Quote – Kreis Testland",
        "Q1 Quote – Adorf",
        "Q1 Quote – Zell",
    ]
    assert {c.measure_id for c in grid.columns} == {measure.id}


def test_goal_without_area_or_party_area_uses_the_first_kreis(store: Store) -> None:
    anderswo = catalogue.save_area(store, model.Area("Kreis Anderswo", model.AreaKind.KREIS))
    catalogue.save_area(store, model.Area("Kreis Zett", model.AreaKind.KREIS))
    measure = catalogue.measure_by_code(store, "K2")
    agreement = agreements.save_agreement(store, model.Agreement(2020, "ohne Träger"))
    agreements.save_goal(store, _goal(agreement, Kind.MONITORING, measure_id=measure.id))
    agreements.save_goal(
        store, _goal(agreement, Kind.RELATIVE_CHANGE, measure_id=measure.id, change_percent=Decimal(5))
    )
    grid = build_grid(store, agreement.id)
    assert [(c.area_id, c.area) for c in grid.columns] == [(anderswo.id, "Kreis Anderswo")]  # duplicate only once


def test_agreement_without_measures_has_no_columns(store: Store) -> None:
    agreement = agreements.save_agreement(store, model.Agreement(2020, "nur Meilensteine"))
    grid = build_grid(store, agreement.id)
    assert grid.columns == [] and grid.row_count == 12


# --- parsing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("20,6 %", Decimal("20.6")),
        ("20,6%", Decimal("20.6")),
        ("90.295.768 €", Decimal("90295768")),
        ("1.234,5\u00a0€", Decimal("1234.5")),
        (" -3,5 ", Decimal("-3.5")),
        ("–2", Decimal("-2")),
        ("17283", Decimal("17283")),
        ("0", Decimal("0")),
        ("", None),
        ("  ", None),
        ("–", Decimal(0)),  # nichts vorhanden: a true zero (DIN 55301)
        ("-", Decimal(0)),
        (".", None),  # unknown or secret: no figure
        ("…", None),
        ("x", None),
    ],
)
def test_parse_cell_reads_german_numbers(text: str, expected: Decimal | None) -> None:
    assert parse_cell(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12,", "1.23", "20,6 % %", "€", "1e5", "3 Personen"])
def test_parse_cell_refuses_other_text_in_german(text: str) -> None:
    with pytest.raises(FormatError, match="ist keine gültige Zahl"):
        parse_cell(text)


@given(st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4))
def test_format_number_then_parse_cell_round_trips(value: Decimal) -> None:
    assert parse_cell(format_number(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("5,3", [["5,3"]]),
        ("5,3\r\n", [["5,3"]]),
        ("\r\n", [[""]]),
        ("1\t2\n3\t4\n", [["1", "2"], ["3", "4"]]),
        ("1\t2\r\n3\t4\r\n", [["1", "2"], ["3", "4"]]),
        ("1\t\t3\r\n\t5\t\r\n", [["1", "", "3"], ["", "5", ""]]),
        ("1\n\n2\n", [["1"], [""], ["2"]]),
        ("1\r2\r", [["1"], ["2"]]),
        ('"Zeile 1\nZeile 2"\t4\r\n', [["Zeile 1\nZeile 2", "4"]]),
    ],
)
def test_parse_block_handles_excel_quirks(text: str, expected: list[list[str]]) -> None:
    assert parse_block(text) == expected


# --- paste and save -----------------------------------------------------------------------------


def test_paste_maps_the_block_and_reports_cells_outside(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))
    block = parse_block("1,5\t2\t3\t\r\n4\tabc\t\t\r\n7\t8\t\t\r\n")  # trailing empty cells beyond the grid
    cells, problems = paste_block(grid, 10, 6, block)
    assert cells == {(10, 6): Decimal("1.5"), (10, 7): Decimal("2"), (11, 6): Decimal("4")}
    messages = {(p.row, p.column): p.message for p in problems}
    assert set(messages) == {(10, 8), (11, 7), (12, 6), (12, 7)}
    assert messages[(11, 7)].startswith("Dezember 2014, KdU Kosten der Unterkunft – Kreis Mettmann: „abc“ ist keine")
    assert "außerhalb der Tabelle" in messages[(10, 8)] and "(November, rechts der letzten Spalte)" in messages[(10, 8)]
    assert "außerhalb der Tabelle" in messages[(12, 6)] and "„7“ (unter Dezember)" in messages[(12, 6)]


def test_save_cells_writes_ist_values_and_deletes(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))  # signed: values may still be entered
    k2 = grid.columns[0].measure_id
    before = _ist(demo, "Kreis Mettmann", 2014, k2)
    cells = {(0, 0): Decimal("19.9"), (1, 0): before[2].value, (2, 0): None}
    assert save_cells(demo, grid, cells) == 2  # February is unchanged
    after = _ist(demo, "Kreis Mettmann", 2014, k2)
    assert after[1].value == Decimal("19.9") and after[1].source == INPUT_SOURCE and after[1].comment == ""
    assert after[1].id == before[1].id  # updated, not duplicated
    assert after[2].source == "Demo" and 3 not in after
    regrid = build_grid(demo, grid.agreement_id)
    assert regrid.value(0, 0) == Decimal("19.9") and regrid.value(2, 0) is None
    assert save_cells(demo, regrid, {(2, 0): Decimal("20.1"), (3, 0): None, (4, 0): None}) == 3
    assert _ist(demo, "Kreis Mettmann", 2014, k2)[3].value == Decimal("20.1")


def test_invalid_cells_write_nothing(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))
    k2 = grid.columns[0].measure_id
    before = _ist(demo, "Kreis Mettmann", 2014, k2)
    for bad in ({(0, 0): Decimal("1"), (12, 0): Decimal("2")}, {(0, 0): Decimal("1"), (1, 0): Decimal("NaN")}):
        with pytest.raises(ValidationError) as caught:
            save_cells(demo, grid, bad)
        assert "Tabelle" in str(caught.value) or "Februar 2014" in str(caught.value)
    assert _ist(demo, "Kreis Mettmann", 2014, k2) == before


def test_a_saved_paste_is_undone_as_one_action(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))
    lzb = grid.columns[1].measure_id
    before = _ist(demo, "Kreis Mettmann", 2014, lzb)
    cells, problems = paste_block(grid, 0, 1, parse_block("17.000\n16.999\n\n"))
    assert problems == [] and cells == {(0, 1): Decimal(17000), (1, 1): Decimal("16999"), (2, 1): None}
    with demo.recording("Werte einfügen") as action:
        save_cells(demo, grid, cells)
    assert _ist(demo, "Kreis Mettmann", 2014, lzb)[2].value == Decimal("16999")
    history.undo(demo, action)
    assert _ist(demo, "Kreis Mettmann", 2014, lzb) == before
    history.redo(demo, action)
    assert 3 not in _ist(demo, "Kreis Mettmann", 2014, lzb)


def test_values_for_a_city_column_land_on_the_city(store: Store) -> None:
    agreement, measure, (_kreis, zell, _adorf) = _kreis_with_cities(store)
    agreements.save_goal(
        store, _goal(agreement, Kind.MONITORING, measure_id=measure.id, breakdown="stadtscharf", unit="%")
    )
    grid = build_grid(store, agreement.id)
    assert save_cells(store, grid, {(5, 2): Decimal("12.5")}) == 1
    [value] = list_values(store, zell.id, 2020)
    assert (value.measure_id, value.period_no, value.value, value.value_kind) == (
        measure.id,
        6,
        Decimal("12.5"),
        model.ValueKind.IST,
    )
