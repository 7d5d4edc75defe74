"""Migrations: from an empty file and from a real file of every past schema version; refusals."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store import inspect_file, open_store
from zv_desktop.core.store.migrations import APPLICATION_ID, apply_migrations, latest_version, load_migrations

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def test_new_file_gets_every_migration_and_the_zv_identity(db_path: Path) -> None:
    store = open_store(db_path, create=True, office_name="Kreis Unna")
    versions = [r["version"] for r in store.query("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, latest_version() + 1))
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.site_name == "Kreis Unna" and len(store.site_id) == 36
    assert store.last_backup is None  # nothing to back up in a new file
    store.close()
    assert _pragma(db_path, "application_id") == APPLICATION_ID
    assert _pragma(db_path, "user_version") == latest_version()


def test_office_identity_stays_when_reopened(db_path: Path) -> None:
    first = open_store(db_path, create=True, office_name="Stadt Kamen")
    site = first.site_id
    first.close()
    again = open_store(db_path)
    assert (again.site_id, again.site_name) == (site, "Stadt Kamen")
    again.close()


@pytest.mark.parametrize("version", range(1, latest_version() + 1))
def test_fixture_of_each_version_migrates_and_keeps_its_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / f"schema_v{version}.sqlite", path)
    assert inspect_file(path).schema_version == version
    store = open_store(path)
    assert _pragma(path, "user_version") == latest_version()
    goal = store.find(model.Goal)[0]
    assert goal.title == "Schuldnerberatung" and goal.amount is not None
    assert goal.amount.amount == 500000
    assert store.find(model.Agreement)[0].title == "Fixture-Vereinbarung"
    assert {m.code for m in store.find(model.Measure)} >= {"K1", "K2", "K3", "K3E4"}
    if version < latest_version():
        assert store.last_backup is not None and store.last_backup.exists()
        # the backup is a complete SQLite copy of the old version, made by the backup API
        assert _pragma(store.last_backup, "user_version") == version
        conn = sqlite3.connect(store.last_backup)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT title FROM agreements").fetchone()[0] == "Fixture-Vereinbarung"
        conn.close()
    else:
        assert store.last_backup is None
    store.close()


def test_failing_migration_leaves_the_file_at_its_version(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for m in load_migrations():
        (folder / f"{m.version:04d}_{m.name}.sql").write_text(m.sql, encoding="utf-8")
    broken = latest_version() + 1
    (folder / f"{broken:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n", encoding="utf-8"
    )
    conn = sqlite3.connect(tmp_path / "f.sqlite")
    apply_migrations(conn, 0, folder, target=latest_version())
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(conn, latest_version(), folder)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == latest_version()
    conn.close()


def test_newer_schema_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "neu.sqlite"
    shutil.copy(FIXTURES / f"schema_v{latest_version()}.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="neueren Version von ZV Desktop"):
        open_store(path)
    assert path.read_bytes() == before


def test_missing_file_is_not_created_without_asking(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="gibt es nicht"):
        open_store(tmp_path / "fehlt.sqlite")
    assert not (tmp_path / "fehlt.sqlite").exists()


def test_the_search_index_follows_an_edit_by_rowid_and_a_migrated_file_keeps_finding(tmp_path: Path) -> None:
    from zv_desktop.core.services.search import search

    path = tmp_path / "v5.sqlite"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema_v5.sqlite", path)
    store = open_store(path)  # migrated to the latest version: the index rebuilt with its keys
    try:
        [goal] = store.find(model.Goal)
        assert [hit.record_id for hit in search(store, "Schuldnerberatung")] == [goal.id]
        plan = " ".join(
            str(row[3])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN DELETE FROM search_index WHERE rowid = "
                "(SELECT fts_rowid FROM search_rows WHERE kind = 'goal' AND record_id = ?)",
                (goal.id,),
            )
        )
        assert "SEARCH search_rows USING PRIMARY KEY" in plan  # no scan of the index
        goal.title = "Quartalsbericht Eingliederung"
        store.save(goal)
        assert [hit.record_id for hit in search(store, "Quartalsbericht")] == [goal.id]
        assert search(store, "Schuldnerberatung") == []  # the old words left the index
        count = store.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
        keys = store.conn.execute("SELECT count(*) FROM search_rows").fetchone()[0]
        assert count == keys  # one key per index row
    finally:
        store.close()
