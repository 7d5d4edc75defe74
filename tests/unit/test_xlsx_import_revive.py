"""Excel import of a value deleted here: its record comes back (one record per key), as entering it in the grid does.

Without this, the import wrote a second record beside the deleted one, and an office that still had the first
record could not merge the file (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_xlsx_import_support import make_areas, measure_id, save_value, template_rows, write_book
from zv_desktop.core import model
from zv_desktop.core.exchange.xlsx_import import preview_import, run_import
from zv_desktop.core.store import Store


def _records(store: Store, area_id: str, month: int) -> list[tuple[str, str, int, int]]:
    """Every record (deleted or not) of K2 in ``area_id`` for the month of 2014: (id, value, deleted, version)."""
    return store.conn.execute(
        "SELECT id, value, deleted, row_version FROM kpi_values WHERE measure_id = ? AND area_id = ? AND year = 2014 "
        "AND period_no = ? ORDER BY id",
        (measure_id(store, "K2"), area_id, month),
    ).fetchall()


def test_a_deleted_value_imported_again_revives_its_record_with_a_restore_in_the_audit_log(
    store: Store, tmp_path: Path
) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "20.5")
    [(value_id, _, _, version)] = _records(store, kreis, 1)
    store.delete(model.KpiValue, value_id, version)
    before = store.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]

    preview = preview_import(store, write_book(tmp_path / "wieder.xlsx", {"Daten": template_rows()}))
    assert (preview.new, preview.changed, preview.unchanged) == (6, 0, 0)  # to the user it is a new figure
    run_import(store, preview)

    assert _records(store, kreis, 1) == [(value_id, "20.6", 0, version + 2)]  # the same record, live again
    [revived] = store.query("SELECT source, modified_by FROM kpi_values WHERE id = ?", (value_id,))
    assert (revived["source"], revived["modified_by"]) == ("BA-Statistik", store.user)
    [restore] = store.query("SELECT * FROM audit_log WHERE seq > ? AND row_id = ? ORDER BY seq", (before, value_id))
    assert restore["action"] == "restore"
    assert json.loads(restore["changes"]) == {
        "deleted": [1, 0],
        "value": ["20.5", "20.6"],
        "source": ["", "BA-Statistik"],
    }
    inserts = store.query("SELECT row_id FROM audit_log WHERE seq > ? AND action = 'insert'", (before,))
    assert len(inserts) == 5 and value_id not in {row["row_id"] for row in inserts}
    assert [len(_records(store, kreis, month)) for month in (2, 3)] == [1, 1]


def test_the_revived_record_carries_a_new_version_for_the_exchange(store: Store, tmp_path: Path) -> None:
    kreis = make_areas(store)["Kreis Testland"]
    save_value(store, "K2", kreis, 2014, 1, "20.5")
    [(value_id, _, _, version)] = _records(store, kreis, 1)
    store.delete(model.KpiValue, value_id, version)
    deleted_vv, deleted_seq = store.conn.execute(
        "SELECT vv, local_seq FROM kpi_values WHERE id = ?", (value_id,)
    ).fetchone()

    run_import(store, preview_import(store, write_book(tmp_path / "wieder.xlsx", {"Daten": template_rows()})))

    vv, seq = store.conn.execute("SELECT vv, local_seq FROM kpi_values WHERE id = ?", (value_id,)).fetchone()
    assert seq > deleted_seq and vv != deleted_vv
    others = store.conn.execute("SELECT DISTINCT local_seq FROM kpi_values WHERE id != ?", (value_id,)).fetchall()
    assert others == [(seq,)]  # the five new values and the revived one: one tick, the import's
