"""Saving a KPI value finds the stored record of its key by index, live or deleted: no scan of the values table
(a Land's file holds a million values), and a deleted value entered again revives its record."""

from __future__ import annotations

from decimal import Decimal

from tests.exchange.offices import same_key
from zv_desktop.core import model
from zv_desktop.core.services import values
from zv_desktop.core.store import Store


def _plan(store: Store, sql: str) -> str:
    return " ".join(str(row[3]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("a", "m", 1, "M", 1, "I")))


def test_both_lookups_of_a_key_use_an_index(demo: Store) -> None:
    live, deleted = _plan(demo, values._LIVE_SQL), _plan(demo, values._DELETED_SQL)
    assert "USING INDEX kpi_values_key" in live and "SCAN" not in live
    assert "USING INDEX kpi_values_deleted_key" in deleted and "SCAN" not in deleted


def test_a_deleted_value_entered_again_revives_its_record(demo: Store) -> None:
    value = demo.find(model.KpiValue, "year = 2014 AND period_no = 9")[0]
    demo.delete(model.KpiValue, value.id, value.row_version)
    again = same_key(value, "5")
    values.save_values(demo, [again])
    assert again.id == value.id and demo.get(model.KpiValue, value.id).value == Decimal("5")
    assert demo.query("SELECT count(*) AS n FROM kpi_values WHERE id = ?", (value.id,))[0]["n"] == 1
