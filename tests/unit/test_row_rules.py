"""Each rule of a monthly table's chain on its own (issue 17, point 1): what it decides or completes for one row,
read with a real header, catalogue and collector."""

from __future__ import annotations

from typing import Any

from tests.unit.test_xlsx_import_support import make_areas
from zv_desktop.core.exchange.xlsx_import.breakdown import Breakdown
from zv_desktop.core.exchange.xlsx_import.collector import Collector, ReadContext
from zv_desktop.core.exchange.xlsx_import.headers import find_layout
from zv_desktop.core.exchange.xlsx_import.matching import Catalogue
from zv_desktop.core.exchange.xlsx_import.merged import MergedCells
from zv_desktop.core.exchange.xlsx_import.results import ProblemList
from zv_desktop.core.exchange.xlsx_import.row_labels import RowLabels
from zv_desktop.core.exchange.xlsx_import.row_rules import (
    area_from_heading,
    area_heading,
    carried_down,
    chain,
    figures_row,
    footnote,
    group_of_people,
    text_row,
    total_under_heading,
)
from zv_desktop.core.exchange.xlsx_import.row_rules.kinds import RowKind, WideContext, WideRow
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.store import Store

HEADER = ["Kennzahl", "Gebiet", "Jan 2014", "Feb 2014"]
NO_AREA_COLUMN = ["Kennzahl", "Bezeichnung", "Jan 2014", "Feb 2014"]


class _Sheet:
    """The merged ranges a sheet states (what ``MergedCells`` asks a worksheet for)."""

    def __init__(self, bounds: list[tuple[int, int, int, int]]) -> None:
        self.bounds = bounds

    def merged(self) -> list[tuple[int, int, int, int]]:
        return self.bounds


def _context(store: Store, header: list[Any] = HEADER, merged: list[tuple[int, int, int, int]] = ()) -> WideContext:
    make_areas(store)
    layout = find_layout([(1, tuple(header))])
    assert layout is not None
    catalogue = Catalogue(store)
    collector = Collector(ProblemList("Tabelle"), catalogue, Stage.create(store), {}, catalogue.single_kreis())
    labels_at = [i for role, i in layout.columns.items() if role in ("code", "name", "area")]
    collector.breakdown = Breakdown(layout.breakdowns, labels_at, [a.name for a in catalogue.areas.values()])
    read = ReadContext(2014, "Test", merged=MergedCells(_Sheet(list(merged))))
    return WideContext(RowLabels(layout, collector), collector, read)


def _row(context: WideContext, number: int, *values: Any) -> WideRow:
    cells = [(2, 1, 2014, values[2] if len(values) > 2 else None), (3, 2, 2014, values[3] if len(values) > 3 else None)]
    return WideRow(number, tuple(values), cells, *context.labels.of(tuple(values)))


def test_a_kennzahl_is_carried_down_its_merged_cell_only(store: Store) -> None:
    context = _context(store, merged=[(1, 2, 1, 3)])  # A2:A3 merged
    assert carried_down.classify(_row(context, 2, "K2", "Kreis Testland", 20.6, 20.8), context) is None
    below = _row(context, 3, None, "Musterstadt", 18.1, 18.3)
    carried_down.classify(below, context)
    assert (below.code, below.carried_down) == ("K2", True)
    outside = _row(context, 4, None, "Musterstadt", 18.1, 18.3)
    carried_down.classify(outside, context)
    assert (outside.label, outside.carried_down) == ("", False)  # not in the merge: not filled from above


def test_a_row_for_a_group_of_people_is_a_group(store: Store) -> None:
    context = _context(store, ["Kennzahl", "Gebiet", "Geschlecht", "Jan 2014", "Feb 2014"])
    women = _row(context, 2, "K2", "Kreis Testland", "Frauen", 19.0, 19.2)
    assert group_of_people.classify(women, context) is RowKind.GROUP and women.group
    everybody = _row(context, 3, "K2", "Kreis Testland", "Insgesamt", 20.6, 20.8)
    assert group_of_people.classify(everybody, context) is None


def test_a_row_without_figures_is_a_heading_and_remembers_an_area(store: Store) -> None:
    context = _context(store)
    assert area_heading.classify(_row(context, 2, None, "Kreis Testland"), context) is RowKind.HEADING
    assert context.heading == "Kreis Testland"
    assert area_heading.classify(_row(context, 3, "Kommunale Ziele"), context) is RowKind.HEADING
    assert context.heading is None
    assert area_heading.classify(_row(context, 4, "K2", "Kreis Testland", 20.6), context) is None


def test_a_total_under_a_heading_is_the_headings_area(store: Store) -> None:
    context = _context(store)
    context.heading = "Kreis Testland"
    total = _row(context, 3, "K2", "Insgesamt", 20.6, 20.8)
    assert total_under_heading.classify(total, context) is None
    assert (total.area, total.under_heading) == ("Kreis Testland", True)
    other = _row(context, 4, "K2", "Musterstadt", 18.1)
    total_under_heading.classify(other, context)
    assert context.heading is None and other.area == "Musterstadt"


def test_an_area_named_where_the_kennzahl_stands_is_a_heading_when_the_sheet_has_no_area_column(store: Store) -> None:
    context = _context(store, NO_AREA_COLUMN)
    assert area_heading.classify(_row(context, 3, "Musterstadt"), context) is RowKind.HEADING
    assert context.heading == "Musterstadt"
    # only an exact name counts there: a near miss, a measure's name or any other text ends the heading
    for text in ("Musterstad", "Integrationsquote", "K2", "Kreis Testland und Musterstadt"):
        context.heading = "Musterstadt"
        area_heading.classify(_row(context, 4, text), context)
        assert context.heading is None, text


def test_a_measures_row_without_an_area_takes_the_area_of_the_heading_above(store: Store) -> None:
    context = _context(store, NO_AREA_COLUMN)
    context.heading = "Musterstadt"
    row = _row(context, 5, "K2", "Integrationsquote", 19.0, 19.1)
    assert area_from_heading.classify(row, context) is None  # completes, never decides
    assert (row.area, row.area_from_heading) == ("Musterstadt", True)
    total = _row(context, 6, "Insgesamt", None, 40.0)
    area_from_heading.classify(total, context)
    assert (total.area, total.area_from_heading) == ("", False)  # a sum row stays a sum row
    context.heading = None
    alone = _row(context, 7, "K2", "Integrationsquote", 19.0)
    area_from_heading.classify(alone, context)
    assert alone.area == ""  # no heading: the sheet's assumed area, as before (noted in the preview)


def test_a_rows_own_area_wins_over_the_heading_above(store: Store) -> None:
    context = _context(store)
    context.heading = "Musterstadt"
    row = _row(context, 8, "K2", "Kreis Testland", 20.6)
    area_from_heading.classify(row, context)
    assert (row.area, row.area_from_heading) == ("Kreis Testland", False)


def test_a_footnote_spread_over_the_row(store: Store) -> None:
    context = _context(store)
    source = _row(context, 9, "Quelle: Statistik der BA", None, "Stand: Mai 2015")
    assert footnote.classify(source, context) is RowKind.FOOTNOTE
    assert footnote.classify(_row(context, 10, "1) vorläufig", None, 3.0), context) is None  # it has a figure


def test_a_row_without_kennzahl_is_text_or_a_problem(store: Store) -> None:
    context = _context(store)
    assert text_row.classify(_row(context, 5, None, None, "siehe unten"), context) is RowKind.TEXT
    assert text_row.classify(_row(context, 6, None, None, 20.6), context) is RowKind.NO_LABEL
    assert text_row.classify(_row(context, 7, "K2", "Kreis Testland", 20.6), context) is None


def test_the_last_rule_takes_a_measures_figures_and_the_chain_keeps_its_order(store: Store) -> None:
    context = _context(store)
    row = _row(context, 2, "K2", "Kreis Testland", 20.6, 20.8)
    assert figures_row.classify(row, context) is RowKind.FIGURES
    assert chain.classify(row, context) is RowKind.FIGURES
    assert chain.WIDE_RULES[0] is carried_down.classify and chain.WIDE_RULES[-1] is figures_row.classify
