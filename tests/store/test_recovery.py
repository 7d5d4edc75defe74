"""Rescuing a damaged file: every readable row goes into a new, intact file; the damaged one is only read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.services import agreements, search
from zv_desktop.core.store import Store, open_store
from zv_desktop.core.store.recovery import recover_file


@pytest.fixture
def demo_path(demo: Store) -> Path:
    path = demo.path
    demo.close()
    return path


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _damage_a_page_of(path: Path, table: str) -> None:
    """Overwrite one leaf page in the middle of a table's b-tree with garbage, as a bad sector would."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    finally:
        conn.close()
    victim = pages[len(pages) // 2]
    assert victim != root
    with path.open("r+b") as handle:
        handle.seek((victim - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_a_damaged_table_loses_only_the_rows_of_the_broken_page(demo_path: Path, tmp_path: Path) -> None:
    values_before = _count(demo_path, "kpi_values")
    _damage_a_page_of(demo_path, "kpi_values")
    damaged = demo_path.read_bytes()
    rescued = tmp_path / "gerettet.sqlite"
    report = recover_file(demo_path, rescued)
    assert demo_path.read_bytes() == damaged  # only read
    assert not report.complete and report.lost["kpi_values"] > 0
    assert 0 < values_before - report.copied["kpi_values"] <= 100  # one page of values, not the table
    assert report.copied["agreements"] == 5 and report.lost["agreements"] == 0
    assert "Kennzahlwert" in report.describe() and "gerettet" in report.describe()
    store = open_store(rescued)
    try:
        assert not store.read_only
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(agreements.list_agreements(store)) == 5
        assert search.search(store, "Integration")  # the search index was built again
        store.save(model.Party(name="Stadt Hilden", role=model.PartyRole.STADT))  # and it can be edited
    finally:
        store.close()


def test_an_intact_file_is_copied_whole_and_the_cli_says_so(demo_path: Path, tmp_path: Path, run_zv) -> None:  # type: ignore[no-untyped-def]
    rescued = tmp_path / "kopie.sqlite"
    result = run_zv("--db", demo_path, "recover", "-o", rescued)
    assert result.code == 0 and "gerettet" in result.out
    for table in ("kpi_values", "goals", "audit_log", "papers", "attachments"):
        assert _count(rescued, table) == _count(demo_path, table), table
    again = run_zv("--db", demo_path, "recover", "-o", rescued)
    assert again.code == 2 and "gibt es schon" in again.err


def test_a_file_whose_beginning_is_unreadable_cannot_be_rescued(demo_path: Path, tmp_path: Path) -> None:
    with demo_path.open("r+b") as handle:
        handle.write(b"\x00" * 100)
    with pytest.raises(DataFileError):
        recover_file(demo_path, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()
