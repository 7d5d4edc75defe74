"""Files with objects our migrations did not make: planted triggers never run, crafted views never hang."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.unit.test_xlsx_import_support import TEMPLATE_HEADER, write_book
from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError, ReadOnlyError
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.schema_guard import StatementGuard

PLANTED = (
    "CREATE TRIGGER zz AFTER INSERT ON audit_log BEGIN DELETE FROM kpi_values; "
    "UPDATE agreements SET title = 'PWNED'; END"
)


def _plant(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def demo_path(demo: Store) -> Path:
    path = demo.path
    demo.close()
    return path


def _counts(path: Path) -> tuple[int, list[str]]:
    conn = sqlite3.connect(path)
    try:
        values = conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
        titles = [row[0] for row in conn.execute("SELECT title FROM agreements ORDER BY id")]
    finally:
        conn.close()
    return values, titles


def test_a_planted_trigger_makes_the_file_read_only_and_never_runs(demo_path: Path, run_zv) -> None:  # type: ignore[no-untyped-def]
    before = _counts(demo_path)
    _plant(demo_path, PLANTED)
    store = open_store(demo_path)
    try:
        assert store.read_only and "Trigger „zz“ (auf audit_log)" in store.read_only_reason
        with pytest.raises(ReadOnlyError, match="nur zum Ansehen"):
            store.save(model.Party(name="Stadt Hilden", role=model.PartyRole.STADT))
        assert len(store.find(model.Agreement)) == 5  # looking works
    finally:
        store.close()
    rows = [TEMPLATE_HEADER, ["K2", "Kreis Mettmann", 2014, 1, "Ist", 21.5, "BA-Statistik", ""]]
    book = write_book(demo_path.parent / "werte.xlsx", {"Daten": rows})
    result = run_zv("--db", demo_path, "import-xlsx", book)  # the attack: the next import emptied every value
    assert result.code == 2 and "nur zum Ansehen" in result.err, result.err
    assert _counts(demo_path) == before
    check = run_zv("--db", demo_path, "check")
    assert check.code == 2 and "Trigger „zz“" in check.err


def test_a_table_replaced_by_an_endless_view_is_refused_without_hanging(demo_path: Path, run_zv) -> None:  # type: ignore[no-untyped-def]
    _plant(
        demo_path,
        "ALTER TABLE agreements RENAME TO agreements_alt",
        "CREATE VIEW agreements AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT * FROM agreements_alt, n",
    )
    started = time.monotonic()
    with pytest.raises(DataFileError, match="außerhalb von ZV Desktop verändert"):
        open_store(demo_path)
    for command in (["list", "agreements"], ["dump"], ["check"]):
        result = run_zv("--db", demo_path, *command)
        assert result.code == 2, (command, result.err)
    assert time.monotonic() - started < 20


def test_a_statement_running_too_long_is_stopped() -> None:
    conn = sqlite3.connect(":memory:")
    StatementGuard(limit=0.2).install(conn)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n")
    assert time.monotonic() - started < 5
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the next statement runs normally


def test_files_of_every_earlier_version_pass_the_allow_list(tmp_path: Path) -> None:
    import shutil

    for fixture in sorted((Path(__file__).parents[1] / "fixtures").glob("schema_v*.sqlite")):
        copy = tmp_path / fixture.name
        shutil.copy(fixture, copy)
        store = open_store(copy)
        assert not store.read_only, fixture.name
        store.close()
