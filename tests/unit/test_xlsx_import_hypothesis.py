"""Excel import with sheets of random shape: never a crash, never a value written from a cell or row with a problem."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, make_areas, write_book
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import LAYOUT_TEMPLATE, preview_import, run_import
from zv_desktop.core.exchange.xlsx_import.cell_values import CellValueError, month_header, month_of, number_text
from zv_desktop.core.exchange.xlsx_import.staging import Stage
from zv_desktop.core.store import Store, open_store

WORDS = [
    *TEMPLATE_HEADER, "Bezeichnung", "Merkmal", "Jan", "Feb", "März", "Dez", "01/2014", "13/2014", "2014-02", "0/2014",
    "K2", "K3", "k 2", "K2E1", "Integrationsquote", "XYZ", "Kreis Testland", "Musterstadt", "Atlantis", "Testland, Kreis",
    "20,6", "17.283", "1.234,5 %", "–", ".", "x", "#DIV/0!", "01.03.2014", "abc", "Ist", "Plan", "Prognose", "Soll?",
    "Quelle: BA", "*) vorläufig", "Insgesamt", "", " ", "2014", "Berichtsjahr 2014", "=1+1", "=A1",
]  # fmt: skip
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELL = st.one_of(
    st.none(),
    st.none(),
    st.sampled_from(WORDS),
    st.integers(-(10**20), 10**20),
    st.integers(0, 14),
    st.integers(1985, 2105),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(datetime(1990, 1, 1), datetime(2100, 12, 31)),
    TEXT,
)
HEADERS = st.sampled_from(
    [
        [],
        [["Kennzahl", "Monat", "Wert"]],
        [["Kennzahlen 2014"], [], ["Merkmal", "Jan", "Feb", "Mär", "Apr"]],
    ]
)
#: Cells as a column of the template holds them: mostly good, sometimes odd.
TEMPLATE_COLUMNS = [
    st.sampled_from(["K2", "K3", "K2", "k 2", "K2E1", "Integrationsquote", "Integrationsqoute", "XYZ", "Insgesamt"]),
    st.sampled_from(["Kreis Testland", "Musterstadt", "Testland, Kreis", "Atlantis", "", None]),
    st.sampled_from([2014, 2014, 2014, "2014", 2015, 3014, None, "20x4", 2014.0]),
    st.one_of(st.integers(1, 12), st.integers(0, 13), st.sampled_from(["März", "01.03.2014", "03/2015", "Mrz", "13"])),
    st.sampled_from([None, None, "Ist", "Plan", "Prognose", "Soll?"]),
    st.one_of(
        st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from(["20,6", "17.283", "–", ".", "abc", True, None, "=1+1"])
    ),
    st.sampled_from([None, "BA", "Quelle: Statistik"]),
    st.sampled_from([None, "vorläufig"]),
]
WIDE_LABELS = [
    st.sampled_from(["K2", "K3", "K2E1", "Integrationsquote", "XYZ", "", "Quelle: BA", "Insgesamt"]),
    st.sampled_from(["Kreis Testland", "Musterstadt", "Atlantis", "", None]),
]
WIDE_VALUE = st.one_of(
    st.none(), st.floats(-1e6, 1e6, allow_nan=False), st.integers(-100, 100), st.sampled_from(["20,6", "–", "#NV", "x"])
)


@st.composite
def sheets(draw: st.DrawFn) -> list[list[Any]]:
    """A sheet of random shape: title rows, a template or monthly header (or none), rows of mostly sensible cells."""
    title = draw(st.lists(st.lists(CELL, max_size=3), max_size=3))
    kind = draw(st.sampled_from(["template", "template", "wide", "wide", "random"]))
    rows: list[list[Any]] = list(title)
    if kind == "template":
        rows.append(draw(st.permutations(TEMPLATE_HEADER)) if draw(st.booleans()) else list(TEMPLATE_HEADER))
        order = [TEMPLATE_HEADER.index(h) for h in rows[-1]]
        for _ in range(draw(st.integers(1, 12))):
            cells = [draw(CELL if draw(st.integers(0, 11)) == 0 else TEMPLATE_COLUMNS[i])
                     for i in order]  # fmt: skip
            rows.append(cells)
    elif kind == "wide":
        months = draw(
            st.sampled_from([["01/2014", "02/2014", "03/2014"], ["Jan", "Feb", "13/2014"], ["Jan", "Feb", "Mär"]])
        )
        rows.append(["Kennzahl", "Gebiet", *months])
        for _ in range(draw(st.integers(0, 10))):
            rows.append([draw(WIDE_LABELS[0]), draw(WIDE_LABELS[1]), *draw(st.lists(WIDE_VALUE, max_size=4))])
    else:
        rows += draw(HEADERS) + draw(st.lists(st.lists(CELL, max_size=8), max_size=8))
    rows += draw(st.lists(st.lists(CELL, max_size=4), max_size=2))  # whatever stands below
    return rows


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[Store, Path]]:
    """One data file (with areas) and a folder for the workbooks of all examples."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "amt.sqlite", create=True, office_name="Kreis Testland")
        make_areas(store)
        yield store, Path(folder)
        store.close()


def _row_of(cell: str) -> int:
    return int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=sheets(), year=st.sampled_from([None, 2014]))
def test_random_sheets_never_crash_and_never_write_on_a_problem(
    shared: tuple[Store, Path], rows: list[list[Any]], year: int | None
) -> None:
    store, folder = shared
    path = write_book(folder / "zufall.xlsx", {"Daten": rows})
    count = store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
    audit = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    try:
        preview = preview_import(store, path, year=year)
    except ZvError as exc:
        event("abgelehnt")
        assert str(exc) and "Traceback" not in str(exc)
        assert store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == count
        return
    stage = Stage.find(store, preview.staged)
    assert stage is not None
    staged = stage.cells()
    problem_cells = {p.cell for p in preview.problems if p.cell}
    assert not staged & problem_cells
    blocked_rows = {
        _row_of(p.cell)
        for p in preview.problems
        if p.cell and (preview.layout == LAYOUT_TEMPLATE or "nicht erkannt" in p.message)
    }
    assert not {_row_of(cell) for cell in staged} & blocked_rows
    assert len(staged) == preview.new + preview.changed + preview.unchanged
    event(
        f"{preview.layout}: {'Werte' if staged else 'keine Werte'}, {'Probleme' if problem_cells else 'ohne Probleme'}"
    )
    result = run_import(store, preview)
    assert (result.new, result.changed) == (preview.new, preview.changed)
    assert result.marks == preview.marks  # signs („.“, „x“ …) kept as marks: records without a figure
    added = store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] - count
    assert result.new <= added <= result.new + result.marks  # a sign may replace a sign stored before: no new row
    audited = audit + result.new + result.changed + result.marks
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audited
    again = preview_import(store, path, year=year)
    assert (again.new, again.changed, again.marks) == (0, 0, 0)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(CELL, st.text(max_size=30)))
def test_cell_readers_fail_only_with_a_german_message(value: Any) -> None:
    for reader in (number_text, month_of):
        try:
            reader(value)
        except CellValueError as exc:
            assert str(exc).endswith((".", ")"))
    month_header(value)
