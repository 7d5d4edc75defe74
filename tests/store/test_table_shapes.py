"""The tables' shapes as the exchange reads them through sqlite-utils, and its bulk insert."""

from __future__ import annotations

import sqlite3

import pytest

from zv_desktop.core import model
from zv_desktop.core.choices import PartyRole
from zv_desktop.core.store import Store, table_shapes
from zv_desktop.core.store.mapping import TABLES


def test_columns_are_the_files_own_in_their_order(store: Store) -> None:
    names = table_shapes.column_names(store.conn, "kpi_values")
    assert names == [r[1] for r in store.conn.execute("PRAGMA table_info(kpi_values)")]
    assert "mark" in names  # added by migration 0011: the exchange takes it without a list kept by hand
    assert table_shapes.column_names(store.conn, "kpi_values", leave_out=("row_version", "local_seq")) == [
        n for n in names if n not in ("row_version", "local_seq")
    ]


def test_every_reference_between_records_is_found(store: Store) -> None:
    found = table_shapes.references(store.conn, TABLES.values())
    assert ("goals", "agreement_id", "agreements") in found
    assert ("kpi_values", "measure_id", "measures") in found
    # each one is a real constraint: a row pointing nowhere is refused by SQLite
    for child, column, parent in found:
        assert child in TABLES.values() and parent in TABLES.values()
        assert column in table_shapes.column_names(store.conn, child)


def test_inserted_rows_read_back_with_bytes_and_empty_values(store: Store) -> None:
    names = ["id", "name", "note"]
    store.conn.execute("CREATE TABLE scratch (id TEXT PRIMARY KEY, name TEXT, note BLOB)")
    rows = [("a", "Kreis Mettmann", b"\x00\xff logo"), ("b", "Jobcenter", None)]
    table_shapes.insert_rows(store.conn, "scratch", names, rows)
    assert store.conn.execute("SELECT id, name, note FROM scratch ORDER BY id").fetchall() == rows
    table_shapes.insert_rows(store.conn, "scratch", names, [])  # nothing to insert is no error
    assert store.conn.execute("SELECT count(*) FROM scratch").fetchone()[0] == 2


def test_an_unknown_table_is_refused_not_created(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        table_shapes.insert_rows(store.conn, "parteien", ["id"], [("x",)])
    assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'parteien'").fetchone()[0] == 0


def test_a_row_that_breaks_a_constraint_fails_and_leaves_the_table_as_it_was(store: Store) -> None:
    with store.transaction():
        party = store.save(model.Party(name="Kreis Kamen", role=PartyRole.JC_ZKT))
    row = {n: v for n, v in store.query("SELECT * FROM parties WHERE id = ?", (party.id,))[0].items()}
    row["name"] = "Kopie"
    names = list(row)
    before = store.conn.execute("SELECT count(*) FROM parties").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        table_shapes.insert_rows(store.conn, "parties", names, [list(row.values())])  # same id again
    assert store.conn.execute("SELECT count(*) FROM parties").fetchone()[0] == before


def test_the_view_leaves_the_connections_settings_alone(store: Store) -> None:
    before = store.conn.execute("PRAGMA recursive_triggers").fetchone()[0]
    table_shapes.view(store.conn)
    assert store.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == before
