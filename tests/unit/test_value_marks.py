"""Signs of official statistics kept as „keine Zahl“ (issue 16, point 2): „.“, „…“, „x“ and „*“ stored as a
value's mark with no figure and their meaning as its note — in the grid, by the Excel import and export, in JSON;
never read as a figure by the series, the Zielerreichung or the start page; never replacing a stored figure."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, make_areas, measure_id, write_book
from zv_desktop.core import model
from zv_desktop.core.demo.ids import AGREEMENT_METTMANN_2014, AGREEMENT_METTMANN_2022, agreement_id, area_id
from zv_desktop.core.errors import ValidationError
from zv_desktop.core.exchange import json_format
from zv_desktop.core.exchange.xlsx_export import export_values
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.rules.plausibility import statistics_sign
from zv_desktop.core.services import agreements, lifecycle, values
from zv_desktop.core.services.assessed_years import newest_assessed_year
from zv_desktop.core.services.kpi_cells import paste_block, read_cell
from zv_desktop.core.services.kpi_grid import CellProblem, KpiGrid, build_grid, save_cells
from zv_desktop.core.services.status import parties_and_home_area
from zv_desktop.core.store import Store
from zv_desktop.core.store.migrations import apply_migrations, latest_version

DOT = statistics_sign(".")
LATER = statistics_sign("...")  # typed with three full stops: „…“
K2 = 0


def _empty_december(store: Store) -> tuple[KpiGrid, int]:
    """The demo's 2014 grid with December of K2 cleared (every month of the demo has a figure)."""
    grid = build_grid(store, agreement_id(AGREEMENT_METTMANN_2014))
    save_cells(store, grid, {(11, K2): None})
    return build_grid(store, grid.agreement_id), 11


def _record(store: Store, grid_row: int) -> model.KpiValue:
    grid = build_grid(store, agreement_id(AGREEMENT_METTMANN_2014))
    col = grid.columns[K2]
    [found] = store.find(
        model.KpiValue,
        "measure_id = ? AND area_id = ? AND year = 2014 AND period_type = 'M' AND period_no = ? AND value_kind = 'ist'",
        (col.measure_id, col.area_id, grid_row + 1),
    )
    return found


def test_a_sign_in_an_empty_month_is_kept_with_its_meaning_and_replaced_by_a_figure(demo: Store) -> None:
    grid, row = _empty_december(demo)
    assert read_cell(grid, row, K2, ".") == DOT
    assert save_cells(demo, grid, {(row, K2): DOT}) == 1
    stored = _record(demo, row)
    assert (stored.value, stored.mark, stored.comment) == (None, ".", "„.“ Zahlenwert unbekannt oder geheim zu halten")
    grid = build_grid(demo, grid.agreement_id)
    assert grid.cell(row, K2).mark == "." and grid.value(row, K2) is None and grid.stored(row, K2)
    assert not grid.differs(row, K2, DOT) and grid.differs(row, K2, LATER)
    save_cells(demo, grid, {(row, K2): LATER})  # another sign replaces the sign, same record
    again = _record(demo, row)
    assert (again.id, again.mark, again.comment) == (stored.id, "…", "„…“ Angabe fällt später an")
    save_cells(demo, build_grid(demo, grid.agreement_id), {(row, K2): Decimal("21.4")})  # the figure came
    figure = _record(demo, row)
    assert (figure.id, figure.value, figure.mark, figure.comment) == (stored.id, Decimal("21.4"), "", "")


def test_a_sign_never_replaces_a_stored_figure(demo: Store) -> None:
    grid = build_grid(demo, agreement_id(AGREEMENT_METTMANN_2014))
    march = grid.value(2, K2)
    assert march is not None
    problem = read_cell(grid, 2, K2, "x")
    assert isinstance(problem, CellProblem) and "löscht keinen gespeicherten Wert" in problem.message
    with pytest.raises(ValidationError, match="löscht keinen gespeicherten Wert"):
        save_cells(demo, grid, {(2, K2): statistics_sign("x")})
    cells, problems = paste_block(grid, 2, K2, [["*"], ["*"]])
    assert problems == [] and (2, K2) not in cells  # pasted over a figure: the figure stays
    assert build_grid(demo, grid.agreement_id).value(2, K2) == march


def test_entf_deletes_a_mark(demo: Store) -> None:
    grid, row = _empty_december(demo)
    save_cells(demo, grid, {(row, K2): DOT})
    grid = build_grid(demo, grid.agreement_id)
    assert grid.differs(row, K2, None)
    assert save_cells(demo, grid, {(row, K2): None}) == 1
    assert not build_grid(demo, grid.agreement_id).stored(row, K2)


def test_a_record_is_a_figure_or_a_known_sign_never_both_or_neither(store: Store) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    k2 = measure_id(store, "K2")
    for bad, message in (
        (model.KpiValue(k2, kreis, 2014, None), "ohne Zahl muss eines der Zeichen"),
        (model.KpiValue(k2, kreis, 2014, None, mark="/"), "ohne Zahl muss eines der Zeichen"),
        (model.KpiValue(k2, kreis, 2014, Decimal(3), mark="."), "kann nicht neben einer Zahl stehen"),
    ):
        with pytest.raises(ValidationError, match=message):
            values.save_values(store, [bad])
    with pytest.raises(sqlite3.IntegrityError):  # the file's own rule, for writers that skip the checks
        store.conn.execute(
            "INSERT INTO kpi_values (id, measure_id, area_id, year, period_type, period_no, value_kind, value, mark, "
            "created_at, modified_at, site_id, modified_by) VALUES ('x', ?, ?, 2014, 'M', 1, 'ist', NULL, '', "
            "'t', 't', 's', 'u')",
            (k2, kreis),
        )


def test_marks_are_no_figures_for_series_start_page_and_the_assessed_year(demo: Store) -> None:
    draft = lifecycle.create_next_year(demo, agreement_id(AGREEMENT_METTMANN_2022)).agreement
    goal = agreements.goal_template(demo, draft.id, model.GoalKind.KPI_TARGET)
    goal.target_value = Decimal(20)
    agreements.save_goal(demo, goal)
    assert goal.measure_id is not None
    area = parties_and_home_area(demo, [draft.id])[1][draft.id]
    marks = [model.KpiValue(goal.measure_id, area, 2023, None, period_no=m, mark="…") for m in (1, 2, 3)]
    values.save_values(demo, marks)
    assert newest_assessed_year(demo) == 2014  # signs only: nothing to judge in 2023
    series = values.series_for_area(demo, area, 2023, 2023, [goal.measure_id])
    assert series == []
    values.save_values(demo, [model.KpiValue(goal.measure_id, area, 2023, Decimal(19), period_no=4)])
    assert newest_assessed_year(demo) == 2023
    assert [p.value for p in values.series_for_area(demo, area, 2023, 2023, [goal.measure_id])] == ["19"]


def test_excel_export_writes_the_sign_and_the_import_keeps_it(demo: Store, tmp_path: Path) -> None:
    grid, row = _empty_december(demo)
    save_cells(demo, grid, {(row, K2): statistics_sign("*")})
    book = tmp_path / "werte.xlsx"
    export_values(demo, book, 2014, area_id("Kreis Mettmann"))
    save_cells(demo, build_grid(demo, grid.agreement_id), {(row, K2): None})  # Entf: the sign is gone here
    preview = preview_import(demo, book)
    assert preview.marks == 1 and preview.problems == [] and (preview.new, preview.changed) == (0, 0)
    assert run_import(demo, preview).marks == 1
    [(value, mark, comment)] = demo.conn.execute(
        "SELECT value, mark, comment FROM kpi_values WHERE value IS NULL AND deleted = 0"
    ).fetchall()
    assert (value, mark) == (None, "*") and "anonymisiert" in comment
    again = preview_import(demo, book)
    assert (again.new, again.changed, again.marks) == (0, 0, 0)  # nothing twice


def test_the_import_keeps_a_stored_figure_under_a_sign(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    first = write_book(
        tmp_path / "a.xlsx", {"Daten": [TEMPLATE_HEADER, ["K2", "Kreis Testland", 2014, 3, "Ist", 20.6]]}
    )
    run_import(store, preview_import(store, first))
    signs = [
        TEMPLATE_HEADER,
        ["K2", "Kreis Testland", 2014, 3, "Ist", "."],
        ["K2", "Kreis Testland", 2014, 4, "Ist", "x"],
    ]
    preview = preview_import(store, write_book(tmp_path / "b.xlsx", {"Daten": signs}))
    assert preview.marks == 1 and any("der Import löscht keine Werte" in n for n in preview.notes)
    run_import(store, preview)
    rows = store.conn.execute("SELECT period_no, value, mark FROM kpi_values ORDER BY period_no").fetchall()
    assert rows == [(3, "20.6", ""), (4, None, "x")]


def test_json_carries_a_mark(demo: Store, store: Store) -> None:
    grid, row = _empty_december(demo)
    save_cells(demo, grid, {(row, K2): DOT})
    data = json_format.dump(demo)
    [sent] = [v for v in data["kpi_values"] if v["mark"]]
    assert (sent["value"], sent["mark"]) == (None, ".")
    json_format.load(store, data)
    [kept] = store.find(model.KpiValue, "mark <> ''")
    assert (kept.value, kept.mark, kept.comment) == (None, ".", sent["comment"])


def test_the_migration_keeps_every_value_row_and_its_rowid(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "v10.sqlite", isolation_level=None)
    apply_migrations(conn, 0, target=10)
    conn.execute("INSERT INTO measures (id, code, name, unit, direction, created_at, modified_at, site_id, "
                 "modified_by) VALUES ('m', 'X1', 'Test', '%', 'none', 't', 't', 's', 'u')")  # fmt: skip
    conn.execute("INSERT INTO areas (id, name, kind, created_at, modified_at, site_id, modified_by) "
                 "VALUES ('a', 'Kreis', 'KREIS', 't', 't', 's', 'u')")  # fmt: skip
    for rowid, month, deleted in ((7, 1, 0), (3, 2, 1), (12, 2, 0)):
        conn.execute(
            "INSERT INTO kpi_values (rowid, id, measure_id, area_id, year, period_type, period_no, value_kind, value, "
            "comment, created_at, modified_at, site_id, modified_by, deleted, vv, local_seq) VALUES "
            "(?, ?, 'm', 'a', 2014, 'M', ?, 'ist', ?, 'Notiz', 't', 't', 's', 'u', ?, 'r:1', ?)",
            (rowid, f"v{rowid}", month, f"{rowid}.5", deleted, rowid),
        )
    before = conn.execute("SELECT rowid, * FROM kpi_values ORDER BY rowid").fetchall()
    assert apply_migrations(conn, 10) == latest_version()
    after = conn.execute(
        "SELECT rowid, id, measure_id, area_id, year, period_type, period_no, value_kind, value, source, comment, "
        "created_at, modified_at, site_id, modified_by, row_version, deleted, vv, local_seq FROM kpi_values "
        "ORDER BY rowid"
    ).fetchall()
    assert after == before and {m for (m,) in conn.execute("SELECT mark FROM kpi_values")} == {""}
    indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'kpi_values'")}
    assert {"kpi_values_key", "kpi_values_local_seq", "kpi_values_deleted_key"} <= indexes
    with pytest.raises(sqlite3.IntegrityError):  # still one live value per key
        conn.execute(
            "INSERT INTO kpi_values (id, measure_id, area_id, year, period_type, period_no, value_kind, value, "
            "created_at, modified_at, site_id, modified_by) VALUES ('n', 'm', 'a', 2014, 'M', 1, 'ist', '1', "
            "'t', 't', 's', 'u')"
        )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
