"""Opening hostile or damaged files: WAL-aware size check, schema allow-list, quick_check, read-only, network."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store import inspect_file, open_store, opening, schema_guard

FIXTURES = Path(__file__).parents[1] / "fixtures"

PLANTED_TRIGGER = "CREATE TRIGGER zz AFTER INSERT ON audit_log BEGIN DELETE FROM kpi_values; END"


def _copy(demo_file: Path, tmp_path: Path, name: str = "amt.sqlite") -> Path:
    path = tmp_path / name
    shutil.copy(demo_file, path)
    return path


def _execute(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


# -- 1. a file whose last page is still in the write-ahead log ---------------------------------


def test_short_file_with_its_pages_in_the_log_opens_with_every_row(tmp_path: Path) -> None:
    source = tmp_path / "quelle.sqlite"
    open_store(source, create=True).close()
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [(f"k{i}", "x" * 900) for i in range(400)])
    writer.commit()
    writer.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the file says it is complete; the log still holds every page
    copy = tmp_path / "kopie" / "amt.sqlite"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    shutil.copy(f"{source}-wal", f"{copy}-wal")
    writer.close()
    page_size = 4096
    data = copy.read_bytes()
    assert len(data) > 4 * page_size
    copy.write_bytes(data[:-page_size])  # killed during the checkpoint: the last page never reached the file
    log = Path(f"{copy}-wal")
    log.rename(tmp_path / "beiseite")
    with pytest.raises(DataFileError, match="kürzer als angegeben"):  # without its log the file is incomplete
        inspect_file(copy)
    (tmp_path / "beiseite").rename(log)
    assert inspect_file(copy).schema_version > 0
    store = open_store(copy)
    assert not store.read_only, store.read_only_reason
    assert store.conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'k%'").fetchone()[0] == 400
    store.close()


def test_short_file_without_a_log_is_still_refused(tmp_path: Path, demo_file: Path) -> None:
    path = _copy(demo_file, tmp_path)
    path.write_bytes(path.read_bytes()[:-4096])
    with pytest.raises(DataFileError, match="kürzer als angegeben"):
        open_store(path)


# -- 2. schema allow-list ------------------------------------------------------------------------


def test_planted_trigger_opens_read_only_and_never_runs(tmp_path: Path, demo_file: Path) -> None:
    path = _copy(demo_file, tmp_path)
    _execute(path, PLANTED_TRIGGER)
    values = _count(path, "kpi_values")
    store = open_store(path)
    assert store.read_only
    assert "Trigger „zz“ (auf audit_log)" in store.read_only_reason and "amt.sqlite" in store.read_only_reason
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            "VALUES ('x', 'x', 'x', 'x', 'x', 'insert', '{}')"
        )
    store.close()
    assert _count(path, "kpi_values") == values > 0


def test_view_replacing_a_table_or_a_changed_table_is_refused(tmp_path: Path, demo_file: Path) -> None:
    path = _copy(demo_file, tmp_path)
    _execute(
        path,
        "DROP TABLE audit_log",
        "CREATE VIEW audit_log AS SELECT 1 AS seq, '' AS at, '' AS site_id, '' AS user_name, "
        "'' AS table_name, '' AS row_id, 'insert' AS action, '{}' AS changes",
    )
    with pytest.raises(DataFileError, match="Sicht „audit_log“") as caught:
        open_store(path)
    assert "Tabelle „audit_log“" in str(caught.value)
    other = _copy(demo_file, tmp_path, "anders.sqlite")
    _execute(other, "ALTER TABLE parties ADD COLUMN hintertuer TEXT")
    with pytest.raises(DataFileError, match="Tabelle „parties“"):
        open_store(other)


def test_old_file_with_a_planted_trigger_is_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", path)
    _execute(path, PLANTED_TRIGGER)
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="Trigger „zz“"):
        open_store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alt.sqlite"]  # no backup, no log


def test_files_of_every_version_pass_the_allow_list(tmp_path: Path, demo_file: Path) -> None:
    for version in range(1, 5):
        path = tmp_path / f"v{version}.sqlite"
        shutil.copy(FIXTURES / f"schema_v{version}.sqlite", path)
        store = open_store(path)
        assert not store.read_only, store.read_only_reason
        store.close()
        again = open_store(path)  # after the migration too
        assert not again.read_only, again.read_only_reason
        again.close()
    demo = open_store(_copy(demo_file, tmp_path))
    assert not demo.read_only, demo.read_only_reason
    demo.close()


# -- 3. endless queries ---------------------------------------------------------------------


def test_every_connection_has_the_time_limit_and_a_busy_timeout(
    tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema_guard, "STATEMENT_LIMIT_SECONDS", 0.2)
    path = _copy(demo_file, tmp_path)
    for read_only in (False, True):
        store = open_store(path, read_only=read_only)
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            store.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")
        store.close()


# -- 4. damaged files --------------------------------------------------------------------------


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage (the file's first page stays intact)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\x0d" + b"\xa5" * (page_size - 1)
    path.write_bytes(bytes(data))


def test_damaged_file_opens_read_only_naming_the_newest_backup(tmp_path: Path, demo_file: Path) -> None:
    path = _copy(demo_file, tmp_path)
    _damage_table(path, "kpi_values")
    shutil.copy(demo_file, tmp_path / "amt.sicherung-v3-20250101-080000.sqlite")
    before = path.read_bytes()
    store = open_store(path)
    assert store.read_only
    assert (
        "beschädigt" in store.read_only_reason and "amt.sicherung-v3-20250101-080000.sqlite" in store.read_only_reason
    )
    store.close()
    assert path.read_bytes() == before


# -- 5. read-only opening ----------------------------------------------------------------------


def test_read_only_opening_changes_nothing(tmp_path: Path, demo_file: Path) -> None:
    path = _copy(demo_file, tmp_path)
    _execute(path, "PRAGMA journal_mode = DELETE")
    before = path.read_bytes()
    store = open_store(path, read_only=True)
    assert store.read_only and store.read_only_reason == opening.view_only_reason(path)
    assert store.query("SELECT count(*) AS n FROM agreements")[0]["n"] > 0
    store.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amt.sqlite"]


def test_read_only_opening_of_an_old_file_migrates_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", path)
    before = path.read_bytes()
    store = open_store(path, read_only=True)
    assert store.read_only and "Datenstand 1" in store.read_only_reason and "Arbeitsspeicher" in store.read_only_reason
    assert store.query("SELECT title FROM agreements")[0]["title"] == "Fixture-Vereinbarung"
    store.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alt.sqlite"]


def test_read_only_opening_creates_no_office(tmp_path: Path) -> None:
    path = tmp_path / "leer.sqlite"
    path.touch()
    with pytest.raises(DataFileError, match="noch keine ZV-Daten"):
        open_store(path, read_only=True)
    assert path.read_bytes() == b""
    with pytest.raises(DataFileError, match="gibt es nicht"):
        open_store(tmp_path / "fehlt.sqlite", create=True, read_only=True)


def test_write_protected_file_opens_read_only(tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(demo_file, tmp_path)
    monkeypatch.setattr(opening.os, "access", lambda p, mode: Path(p) != path)
    store = open_store(path)
    assert store.read_only and "schreibgeschützt" in store.read_only_reason
    store.close()


# -- 8. network drives -------------------------------------------------------------------------


def _journal_mode_byte(path: Path) -> int:
    return path.read_bytes()[18]  # 1 rollback journal, 2 write-ahead log


def test_network_drive_gets_the_rollback_journal(
    tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(demo_file, tmp_path)
    assert _journal_mode_byte(path) == 2
    monkeypatch.setattr(opening, "is_network_path", lambda p: Path(p) == path)
    store = open_store(path)
    assert not store.read_only
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    store.rename_office("Kreis im Netz")
    store.close()
    assert _journal_mode_byte(path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amt.sqlite"]
    local = open_store(_copy(demo_file, tmp_path, "lokal.sqlite"))
    assert local.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    local.close()


def test_shadow_tables_of_the_search_index_are_judged_by_name(tmp_path: Path, demo_file: Path) -> None:
    from zv_desktop.core.store.migrations import latest_version
    from zv_desktop.core.store.schema_guard import check_schema

    path = _copy(demo_file, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")  # as another SQLite version might word it
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE TABLE ''search_index_docsize''(id INTEGER PRIMARY KEY, sz BLOB, "
        "origin INTEGER)' WHERE name = 'search_index_docsize'"
    )
    assert "origin" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index_docsize'").fetchone()[0]
    conn.execute("CREATE TRIGGER search_index_spion AFTER INSERT ON search_index_data BEGIN SELECT 1; END")
    report = check_schema(conn, latest_version())
    assert (report.foreign, report.missing) == (["Trigger „search_index_spion“ (auf search_index_data)"], [])
    conn.rollback()
    conn.close()
