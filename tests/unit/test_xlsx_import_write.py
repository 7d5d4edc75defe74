"""Excel import: writing — idempotent re-import, the audit log, one transaction, refusals and cancelling."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.unit.test_xlsx_import_support import (
    TEMPLATE_HEADER,
    make_areas,
    measure_id,
    save_value,
    snapshot,
    stored,
    template_rows,
    write_book,
)
from zv_desktop.core import model
from zv_desktop.core.errors import ZvError
from zv_desktop.core.exchange.xlsx_import import (
    MAX_SHOWN_CHANGES,
    bulk_write,
    discard_preview,
    preview_import,
    run_import,
)
from zv_desktop.core.exchange.xlsx_import.staging import existing_stages
from zv_desktop.core.progress import Cancelled, Progress
from zv_desktop.core.store import Store
from zv_desktop.core.store.mapping import to_row


def test_importing_the_same_file_twice_creates_no_duplicates(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    assert run_import(store, preview_import(store, path)) == (6, 0, 0, 0)
    before = snapshot(store)
    again = preview_import(store, path)
    assert (again.new, again.changed, again.unchanged, again.changes) == (0, 0, 6, [])
    assert run_import(store, again) == (0, 0, 6, 0)
    assert snapshot(store) == before


def test_changes_show_old_and_new_and_land_in_the_audit_log(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "20.5")
    save_value(store, "K2", kreis, 2014, 2, "20.8")
    save_value(store, "K3", kreis, 2014, 1, "17283.0")  # the same number, written differently
    value_id = store.conn.execute("SELECT id FROM kpi_values WHERE period_no = 1 AND value = '20.5'").fetchone()[0]
    preview = preview_import(store, write_book(tmp_path / "neu.xlsx", {"Daten": template_rows()}))
    assert (preview.new, preview.changed, preview.unchanged) == (3, 1, 2)
    assert [str(c) for c in preview.changes][:2] == [
        "K2 Kreis Testland 01/2014 Ist: 20,5 → 20,6",
        "K3 Kreis Testland 02/2014 Ist: neu 17.250",
    ]
    assert preview.changes[0].old == Decimal("20.5") and preview.changes[0].cell == "F2"
    audit_before = store.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    run_import(store, preview)
    row = store.query("SELECT * FROM kpi_values WHERE id = ?", (value_id,))[0]
    assert (row["value"], row["row_version"], row["source"], row["deleted"]) == ("20.6", 2, "BA-Statistik", 0)
    assert row["modified_by"] == store.user and row["site_id"] == store.site_id
    assert row["created_at"] < row["modified_at"]
    log = store.query("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq", (audit_before,))
    assert len(log) == 4 and {entry["table_name"] for entry in log} == {"kpi_values"}
    update = next(entry for entry in log if entry["action"] == "update")
    assert update["row_id"] == value_id and update["user_name"] == store.user
    assert json.loads(update["changes"]) == {"value": ["20.5", "20.6"], "source": ["", "BA-Statistik"]}
    assert update["changes"] == json.dumps(json.loads(update["changes"]), ensure_ascii=False)  # Store.write's form
    insert = next(entry for entry in log if entry["action"] == "insert")
    record = store.get(model.KpiValue, insert["row_id"])
    expected = {k: [None, v] for k, v in to_row(record).items() if v not in (None, "")}
    assert json.loads(insert["changes"]) == expected
    assert insert["changes"] == json.dumps(expected, ensure_ascii=False)


def test_new_values_get_every_sync_column_and_fresh_ids(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    run_import(store, preview_import(store, write_book(tmp_path / "v.xlsx", {"Daten": template_rows()})))
    rows = store.query("SELECT * FROM kpi_values")
    assert len({r["id"] for r in rows}) == 6
    for row in rows:
        assert len(row["id"]) == 36 and row["id"][14] == "4" and row["id"][19] in "89ab"
        assert row["created_at"] == row["modified_at"] and row["created_at"].endswith("Z")
        assert (row["site_id"], row["modified_by"], row["row_version"], row["deleted"]) == (
            store.site_id,
            store.user,
            1,
            0,
        )
        assert (row["period_type"], row["value_kind"]) == ("M", "ist")


def test_each_import_gets_its_own_random_ids_counting_up_along_the_sheet(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    stems = []
    for year in (2014, 2015):
        path = write_book(tmp_path / f"v{year}.xlsx", {"Daten": template_rows(year=year)})
        run_import(store, preview_import(store, path))
        ids = [
            row[0]
            for row in store.conn.execute(
                "SELECT row_id FROM audit_log WHERE action = 'insert' AND changes LIKE ? ORDER BY seq",
                (f'%"year": [null, {year}]%',),
            )
        ]
        assert len(ids) == 6 and all(uuid.UUID(i).version == 4 for i in ids)
        assert ids == sorted(ids)  # in the order of the sheet's rows
        stems.append({i[:24] for i in ids})
    assert len(stems[0]) == len(stems[1]) == 1 and stems[0] != stems[1]


def test_a_file_changed_after_the_preview_is_refused(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    preview = preview_import(store, path)
    workbook = load_workbook(path)
    workbook.active["F2"] = 99
    workbook.save(path)
    before = snapshot(store)
    with pytest.raises(ZvError, match="seit der Vorschau verändert"):
        run_import(store, preview)
    assert snapshot(store) == before
    os.utime(path, ns=(1, 1))  # even only touched
    preview = preview_import(store, path)
    os.utime(path, ns=(2, 2))
    with pytest.raises(ZvError):
        run_import(store, preview)


def test_cancelling_leaves_the_file_unchanged(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    preview = preview_import(store, path)
    monkeypatch.setattr(bulk_write, "CHUNK", 2)  # report progress (and check for cancelling) every two rows
    seen: list[int] = []
    progress = Progress(lambda done, total, text: seen.append(done))

    def cancel_after_first_chunk(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 2:
            progress.cancel()

    progress._report = cancel_after_first_chunk
    before = snapshot(store)
    with pytest.raises(Cancelled):
        run_import(store, preview, progress)
    assert snapshot(store) == before and max(seen) >= 2
    assert run_import(store, preview) == (6, 0, 0, 0)  # the preview is still good after cancelling
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        preview_import(store, path, progress=cancelled)


def test_a_failure_while_writing_rolls_everything_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "1")
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()}))
    monkeypatch.setattr(bulk_write, "CHUNK", 3)
    monkeypatch.setattr(bulk_write, "_UPDATE_CHANGES", "NULL")  # the audit row of the update cannot be written
    before = snapshot(store)
    with pytest.raises(sqlite3.IntegrityError):
        run_import(store, preview)
    assert snapshot(store) == before and stored(store, "K2", kreis, 2014, 1) == 1


def test_an_older_preview_reads_the_file_again(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    first = preview_import(store, path)
    preview_import(store, path, year=2015)  # replaces the first preview's staged values
    assert run_import(store, first) == (6, 0, 0, 0)
    assert store.conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == 6


def test_a_discarded_preview_leaves_nothing_behind(store: Store, tmp_path: Path) -> None:
    make_areas(store)
    path = write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()})
    before = snapshot(store)
    preview = preview_import(store, path)
    assert existing_stages(store) == [preview.staged]
    discard_preview(store, preview)
    assert existing_stages(store) == [] and snapshot(store) == before
    assert run_import(store, preview) == (6, 0, 0, 0)  # changed its mind after all: the file is read again


def test_values_changed_in_between_are_compared_again(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    preview = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": template_rows()}))
    assert preview.new == 6
    save_value(store, "K2", kreis, 2014, 1, "20.6")  # typed into the grid meanwhile
    assert run_import(store, preview) == (5, 0, 1, 0)


def test_the_preview_keeps_a_thousand_changes_and_counts_them_all(store: Store, tmp_path: Path) -> None:
    areas = make_areas(store)
    codes = [r[0] for r in store.conn.execute("SELECT code FROM measures WHERE builtin = 1 ORDER BY code LIMIT 15")]
    rows = [TEMPLATE_HEADER]
    rows += [[c, a, y, m, "Ist", m] for c in codes for a in areas for y in (2014, 2015) for m in range(1, 13)]
    preview = preview_import(store, write_book(tmp_path / "viele.xlsx", {"Daten": rows}))
    assert preview.new == len(rows) - 1 > MAX_SHOWN_CHANGES == len(preview.changes)
    assert run_import(store, preview).new == len(rows) - 1


def test_an_exported_file_edited_in_excel_changes_exactly_the_edited_values(demo: Store, tmp_path: Path) -> None:
    from zv_desktop.core.exchange.xlsx_export import export_agreement_grid, export_values

    values = export_values(demo, tmp_path / "werte.xlsx", year=2014)
    preview = preview_import(demo, tmp_path / "werte.xlsx")
    assert (preview.new, preview.changed, preview.unchanged, preview.problems) == (0, 0, values, [])
    workbook = load_workbook(tmp_path / "werte.xlsx")
    sheet = workbook.worksheets[0]
    sheet["F5"] = 12.3
    workbook.save(tmp_path / "werte.xlsx")
    preview = preview_import(demo, tmp_path / "werte.xlsx")
    assert (preview.new, preview.changed, preview.unchanged) == (0, 1, values - 1)
    assert run_import(demo, preview) == (0, 1, values - 1, 0)
    agreement = demo.conn.execute("SELECT id FROM agreements WHERE year = 2014 ORDER BY title LIMIT 1").fetchone()[0]
    export_agreement_grid(demo, tmp_path / "raster.xlsx", agreement)
    preview = preview_import(demo, tmp_path / "raster.xlsx")
    assert (preview.new, preview.changed, preview.problems) == (0, 0, [])
    assert preview.unchanged > 0 and all(not m.guessed and m.measure_id for m in preview.mappings)
    k2 = measure_id(demo, "K2")
    assert any(m.measure_id == k2 for m in preview.mappings)


def test_an_emptied_cell_over_a_stored_value_is_named_and_the_value_stays(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "20.5")
    save_value(store, "K2", kreis, 2014, 3, "21.5")
    wide = [["Kennzahl", "Gebiet", "01/2014", "02/2014", "03/2014", "04/2014"], ["K2", "Kreis Testland", None, 20.8]]
    preview = preview_import(store, write_book(tmp_path / "geleert.xlsx", {"Tabelle": wide}))
    assert (preview.new, preview.changed) == (1, 0)
    assert (
        "2 Zellen ohne Zahl (leer, „.“, „x“ …; C2, E2), für die ein Wert gespeichert ist: diese Werte bleiben, wie "
        "sie sind – der Import löscht keine Werte. Wegfallende Werte bitte im Programm löschen." in preview.notes
    )
    run_import(store, preview)
    assert stored(store, "K2", kreis, 2014, 1) == Decimal("20.5") and stored(store, "K2", kreis, 2014, 3) == Decimal(
        "21.5"
    )
    rows = template_rows()
    rows[1][5] = None  # K2 01/2014 emptied in the template
    rows[3][3], rows[3][5] = "März", "."  # K2 03/2014, its month as a word, marked "no figure" (unknown or secret)
    template = preview_import(store, write_book(tmp_path / "vorlage.xlsx", {"Daten": rows}))
    assert any(note.startswith("2 Zellen ohne Zahl (leer, „.“, „x“ …; F2, F4), für die") for note in template.notes)
    nothing_stored = preview_import(
        store, write_book(tmp_path / "leer.xlsx", {"Tabelle": [wide[0], ["K3", "Kreis Testland", None, 5]]})
    )
    assert not any("leere Zelle" in note for note in nothing_stored.notes)
