"""A sign of official statistics („.“ …) travels between offices as the value's state: the merge carries a figure
turned into a mark, and a mark on one side against a figure on the other is one value in conflict (issue 16)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.exchange.offices import make_offices, send
from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, agreement_id
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.rules.plausibility import statistics_sign
from zv_desktop.core.services.kpi_grid import build_grid, save_cells
from zv_desktop.core.store import open_store

DECEMBER, K2 = 11, 0


def _set(path: Path, entry: Decimal | str | None) -> str:
    """Enter ``entry`` (a figure, a sign, None to clear) for December of K2 in a file; returns the record's id."""
    store = open_store(path)
    try:
        grid = build_grid(store, agreement_id(AGREEMENT_METTMANN_2014))
        value_id = grid.cell(DECEMBER, K2).value_id
        typed = statistics_sign(entry) if isinstance(entry, str) else entry
        save_cells(store, grid, {(DECEMBER, K2): typed})
        value_id = build_grid(store, grid.agreement_id).cell(DECEMBER, K2).value_id or value_id
        assert value_id is not None
        return value_id
    finally:
        store.close()


def _december(path: Path, value_id: str) -> model.KpiValue:
    store = open_store(path, read_only=True)
    try:
        return store.get(model.KpiValue, value_id)
    finally:
        store.close()


def test_a_figure_turned_into_a_mark_arrives_as_a_mark(demo_file: Path, tmp_path: Path) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    _set(jobcenter, None)
    value_id = _set(jobcenter, ".")  # the figure was withdrawn: „Zahlenwert unbekannt oder geheim zu halten“
    store = open_store(kreis)
    try:
        with receive(send(jobcenter, tmp_path / "jc.zvx")) as received:
            preview = preview_merge(store, received)
            assert preview.plan.conflicts == []
            apply_merge(store, preview, Decisions())
    finally:
        store.close()
    arrived = _december(kreis, value_id)
    assert (arrived.value, arrived.mark) == (None, ".") and "unbekannt" in arrived.comment


def test_a_mark_against_a_figure_is_one_value_in_conflict(demo_file: Path, tmp_path: Path) -> None:
    kreis, jobcenter = make_offices(demo_file, tmp_path)
    _set(jobcenter, None)
    value_id = _set(jobcenter, "x")
    _set(kreis, Decimal("22.5"))  # the Kreis corrected the figure meanwhile
    store = open_store(kreis)
    try:
        with receive(send(jobcenter, tmp_path / "jc.zvx")) as received:
            preview = preview_merge(store, received)
            [conflict] = preview.plan.conflicts
            assert conflict.key == ("kpi_values", value_id)
            assert conflict.mine is not None and (conflict.mine["value"], conflict.theirs["value"]) == ("22.5", None)
            assert conflict.theirs["mark"] == "x"
            apply_merge(store, preview, Decisions(prefer="theirs"))
    finally:
        store.close()
    kept = _december(kreis, value_id)
    assert (kept.value, kept.mark) == (None, "x")
