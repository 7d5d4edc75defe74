"""Excel import: reading single cells (numbers, months, years, kinds) and matching labels to the catalogue."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from zv_desktop.core.exchange.xlsx_import.cell_values import (
    CellValueError,
    cell_ref,
    kind_of,
    month_header,
    month_of,
    number_text,
    year_of,
)
from zv_desktop.core.exchange.xlsx_import.headers import find_layout, years_in
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue, normalise
from zv_desktop.core.exchange.xlsx_import.results import CellProblem, ProblemList
from zv_desktop.core.store import Store


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (20.6, "20.6"),
        (17283, "17283"),
        (17283.0, "17283"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-05, "0.00001"),
        (1.5e20, "150000000000000000000"),
        ("20,6", "20.6"),
        ("17.283", "17283"),
        ("1.234,5 %", "1234.5"),
        (" 90.295.768 € ", "90295768"),
        ("−3,5", "-3.5"),
        ("–", "0"),  # nichts vorhanden: a true zero (DIN 55301)
        ("-", "0"),
        (".", None),
        ("x", None),
        ("…", None),
        ("*", None),  # Geheimhaltung
        ("", None),
        (None, None),
        ("17 283", "17283"),
        ("17\u00a0283", "17283"),
        ("1\u202f234,5 %", "1234.5"),
        ("20,6 p", "20.6"),
        ("17.283r", "17283"),
        ("20,6 %*", "20.6"),
    ],
)
def test_numbers_as_excel_numbers_or_german_text(cell: object, text: str | None) -> None:
    assert number_text(cell) == text
    if text is not None:
        assert Decimal(text) == Decimal(text)  # exact decimal text, as stored


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("abc", "„abc“ ist keine gültige Zahl"),
        ("1 2", "keine gültige Zahl"),  # spaces only between groups of three digits
        ("17 28", "keine gültige Zahl"),
        ("p", "keine gültige Zahl"),
        ("20.6", "keine gültige Zahl"),  # a decimal point is a German thousands separator
        ("#DIV/0!", "Excel-Fehlerwert #DIV/0!"),
        ("#NV", "Excel-Fehlerwert"),
        ("01.03.2014", "Datum „01.03.2014“"),
        (datetime(2014, 3, 1), "Datum statt"),
        (True, "Wahrheitswert"),
        (float("nan"), "endliche"),
        (float("inf"), "endliche"),
        ("y" * 40_000, "32.767"),
    ],
)
def test_cells_that_are_no_number(cell: object, reason: str) -> None:
    with pytest.raises(CellValueError, match=reason):
        number_text(cell)


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("Jan", (1, None)),
        ("Januar", (1, None)),
        ("Jän.", (1, None)),
        ("Mär", (3, None)),
        ("März 2014", (3, 2014)),
        ("Mrz", (3, None)),
        ("Sept. 2014", (9, 2014)),
        ("Dez-14", (12, 2014)),
        ("01/2014", (1, 2014)),
        ("1/2014", (1, 2014)),
        ("2014-01", (1, 2014)),
        ("2014M02", (2, 2014)),
        ("01.03.2014", (3, 2014)),
        (datetime(2014, 5, 1), (5, 2014)),
        (date(2014, 6, 30), (6, 2014)),
        ("13/2014", (13, 2014)),
        ("29.02.2016", (2, 2016)),
        ("Kennzahl", None),
        ("2014", None),
        ("Mai-Juni", None),
        (5, None),
        (None, None),
    ],
)
def test_month_headers(header: object, found: tuple[int, int | None] | None) -> None:
    assert month_header(header) == found


def test_month_year_and_kind_cells() -> None:
    assert [month_of(v) for v in (3, 3.0, "03", "März", "03/2014", "01.03.2014", datetime(2014, 3, 9))] == [
        (3, None),
        (3, None),
        (3, None),
        (3, None),
        (3, 2014),
        (3, 2014),
        (3, 2014),
    ]
    bad_months = (
        (13, "Monat 13 gibt es nicht"),
        (0, "Monat 0"),
        ("Frühling", "kein Monat"),
        (2.5, "kein"),
        ("31.02.2014", "Den Tag „31.02.2014“ gibt es nicht"),
        ("2014-04-31", "Den Tag „2014-04-31“ gibt es nicht"),
    )
    for bad, reason in bad_months:
        with pytest.raises(CellValueError, match=reason):
            month_of(bad)
    assert [year_of(v) for v in (2014, "2014", 2014.0, datetime(2014, 1, 1))] == [2014] * 4
    with pytest.raises(CellValueError, match="1990–2100"):
        year_of(3014)
    assert [kind_of(v) for v in (None, "Ist", "ist-wert", "Prognose", "Plan", "Soll", "Zielwert")] == [
        "ist",
        "ist",
        "ist",
        "prognose",
        "plan",
        "plan",
        "plan",
    ]
    with pytest.raises(CellValueError, match="keine Art"):
        kind_of("Wunsch")


def test_years_in_title_rows_leave_dates_out() -> None:
    assert years_in("Kennzahlen nach § 48a SGB II – Berichtsjahr 2014, Stand: 31.03.2015") == {2014}
    assert years_in(2014) == {2014} and years_in(14) == set() and years_in(True) == set()


def test_find_layout_needs_a_real_header() -> None:
    assert find_layout([(1, ("Stand: März 2014",)), (2, ("Kennzahl", "Wert"))]) is None
    wide = find_layout([(3, ("Kennzahl", "Gebiet", "Jan", "Summe"))])
    assert wide is not None and [m.month for m in wide.months] == [1] and wide.ignored == ["Summe"]


def test_measures_and_areas_of_the_demo(demo: Store) -> None:
    catalogue = Catalogue(demo)
    k2 = catalogue.measure("K2").record_id
    assert k2 is not None
    assert catalogue.measure("K 2").record_id == k2 == catalogue.measure("", "integrationsquote").record_id
    assert catalogue.measure("K2 Integrationsquote").record_id == k2
    assert catalogue.measure("", "Integrationsquote (K2)").record_id == k2
    assert catalogue.measure("", "Eine ganz andere Größe").record_id is None
    names = {a.name: i for i, a in catalogue.areas.items()}
    assert catalogue.area("Kreis Mettmann").record_id == names["Kreis Mettmann"]
    assert catalogue.area("Mettmann, Kreis").record_id == names["Kreis Mettmann"]
    assert catalogue.area("Mettmann").record_id == names["Mettmann"]
    assert catalogue.area("Stadt Mettmann").record_id == names["Mettmann"]
    assert catalogue.area("Jobcenter Kreis Mettmann").record_id == names["Kreis Mettmann"]
    assert catalogue.area("Monheim-am-Rhein").record_id == names["Monheim am Rhein"]
    langenfeld = catalogue.area("Langenfeld")
    assert langenfeld.record_id == names["Langenfeld (Rhld.)"] and langenfeld.guessed
    assert catalogue.area("Unna").record_id == names["Unna"]
    assert catalogue.area("Gotham City").record_id is None
    assert catalogue.single_kreis() is None  # Mettmann and Unna
    assert normalise(" Integrations–Quote* ") == "integrations quote"


def test_problem_lists_are_sorted_and_capped() -> None:
    problems = ProblemList("Daten")
    for row in range(1_500, 0, -1):
        problems.add(cell_ref(row, 27), "kaputt")
    problems.add("", "das ganze Blatt")
    shown = problems.final()
    assert len(shown) == 1_002 and shown[0] == CellProblem("Daten", "", "das ganze Blatt")
    assert shown[1].cell == "AA501" and shown[-2].cell == "AA1500"
    assert shown[-1].message == "… und 500 weitere Probleme (nicht einzeln aufgeführt)."
    assert str(CellProblem("Daten", "C7", "Fehler.")) == "Blatt „Daten“, Zelle C7: Fehler."
