"""`zv` on attacked, damaged, locked and interrupted files: German messages, exit 2, read commands never write."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zv_desktop.core.store import inspection

from ..store.test_opening_guards import PLANTED_TRIGGER, _damage_table, _execute

AGREEMENT_2014, AGREEMENT_2012 = "ab625594", "867ff157"


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "amt.sqlite"
    shutil.copy(demo_file, path)
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


READ_COMMANDS = {
    "list": ["list", "agreements"],
    "show": ["show", "agreement", AGREEMENT_2014],
    "dump": ["dump"],
    "status": ["status", "--year", "2014"],
    "compare": ["compare", AGREEMENT_2012, AGREEMENT_2014],
    "report": ["report", "agreement", AGREEMENT_2014, "-o", "{out}/zv.pdf"],
    "export-xlsx": ["export-xlsx", "values", "--year", "2014", "-o", "{out}/werte.xlsx"],
    "import-dry-run": ["import-xlsx", "{out}/werte.xlsx", "--dry-run"],
    "check": ["check"],
}


@pytest.mark.parametrize("journal_mode", ["DELETE", "WAL"])
def test_read_commands_leave_the_file_byte_identical(
    tmp_path: Path, demo_copy: Path, run_zv, journal_mode: str
) -> None:
    _execute(demo_copy, f"PRAGMA journal_mode = {journal_mode}")
    out = tmp_path / "ausgabe"
    out.mkdir()
    before = demo_copy.read_bytes()
    for name, command in READ_COMMANDS.items():
        result = run_zv("--db", demo_copy, *[part.replace("{out}", str(out)) for part in command])
        assert result.code == 0, (name, result.err)
        assert demo_copy.read_bytes() == before, name
        assert _listing(tmp_path) == ["amt.sqlite", "ausgabe"], name  # no -wal, -shm, -journal or backup


def test_planted_trigger_is_named_by_check_and_blocks_writing(tmp_path: Path, demo_copy: Path, run_zv) -> None:
    _execute(demo_copy, PLANTED_TRIGGER)
    before = demo_copy.read_bytes()
    check = run_zv("--db", demo_copy, "check")
    assert check.code == 2 and "Trigger „zz“ (auf audit_log)" in check.err
    listed = run_zv("--db", demo_copy, "list", "agreements")
    assert listed.code == 0 and "Hinweis" in listed.err and "„zz“" in listed.err
    src = tmp_path / "partei.json"
    src.write_text(
        '{"format": "zv-desktop", "format_version": 1, "parties": '
        '[{"id": "33333333-0000-4000-8000-000000000000", "name": "Stadt Hilden", "role": "STADT"}]}',
        encoding="utf-8",
    )
    load = run_zv("--db", demo_copy, "load", src)
    assert load.code == 2 and "„zz“" in load.err and "Nichts wurde geändert" in load.err
    assert demo_copy.read_bytes() == before


@pytest.mark.parametrize("command", [["list", "agreements"], ["show", "agreement", "ab"], ["dump"]])
def test_malformed_file_is_called_damaged_exit_2(demo_copy: Path, run_zv, command: list[str]) -> None:
    _damage_table(demo_copy, "agreements")
    before = demo_copy.read_bytes()
    result = run_zv("--db", demo_copy, *command)
    assert result.code == 2, result.err
    assert "beschädigt" in result.err and "amt.sqlite" in result.err and "Unerwarteter Fehler" not in result.err
    assert demo_copy.read_bytes() == before


def test_exclusively_locked_file_is_in_use_not_damaged(
    demo_copy: Path, run_zv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inspection, "BUSY_TIMEOUT_MS", 200)
    _execute(demo_copy, "PRAGMA journal_mode = DELETE")
    other = sqlite3.connect(demo_copy, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for command in (["list", "agreements"], ["check"], ["demo"]):
            result = run_zv("--db", demo_copy, *command)
            assert result.code == 2, (command, result.err)
            assert "von einem anderen Programm benutzt" in result.err and "beschädigt" not in result.err, result.err
    finally:
        other.execute("ROLLBACK")
        other.close()


_INTERRUPTED_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 5")  # small cache: changed pages go into the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE kpi_values SET comment = 'halb geschrieben'")
print("mitten drin", flush=True)
time.sleep(60)
"""


def test_hot_journal_is_reported_then_recovered(tmp_path: Path, demo_copy: Path, run_zv) -> None:
    reader = sqlite3.connect(demo_copy)
    values = reader.execute("SELECT count(*) FROM kpi_values").fetchone()[0]
    reader.close()
    child = subprocess.Popen([sys.executable, "-c", _INTERRUPTED_WRITER, str(demo_copy)], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"mitten drin"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert _listing(tmp_path) == ["amt.sqlite", "amt.sqlite-journal"]
    before = demo_copy.read_bytes()
    check = run_zv("--db", demo_copy, "check")
    assert check.code == 2 and "nicht sauber geschlossen" in check.err, check.err
    assert "Integritätsprüfung" not in check.err
    listed = run_zv("--db", demo_copy, "list", "agreements")
    assert listed.code == 2 and "nicht sauber geschlossen" in listed.err
    assert demo_copy.read_bytes() == before
    # opening for editing lets SQLite roll the interrupted write back
    assert run_zv("--db", demo_copy, "load", _empty_json(tmp_path)).code == 0
    assert "amt.sqlite-journal" not in _listing(tmp_path)
    assert demo_copy.read_bytes()[4096:] != before[4096:]  # the killed write had reached the file's pages
    after = run_zv("--db", demo_copy, "check")
    assert after.code == 0, after.err
    conn = sqlite3.connect(demo_copy)
    assert conn.execute("SELECT count(*) FROM kpi_values").fetchone()[0] == values
    assert conn.execute("SELECT count(*) FROM kpi_values WHERE comment = 'halb geschrieben'").fetchone()[0] == 0
    conn.close()


def _empty_json(tmp: Path) -> Path:
    src = tmp.parent / f"{tmp.name}-leer.json"
    src.write_text('{"format": "zv-desktop", "format_version": 1}', encoding="utf-8")
    return src


def test_check_of_a_damaged_file_lists_the_damage_and_the_newest_backup(
    tmp_path: Path, demo_copy: Path, demo_file: Path, run_zv
) -> None:
    _damage_table(demo_copy, "kpi_values")
    shutil.copy(demo_file, tmp_path / "amt.sicherung-v3-20250101-080000.sqlite")
    result = run_zv("--db", demo_copy, "check")
    assert result.code == 1 and "Integritätsprüfung" in result.err
    assert "amt.sicherung-v3-20250101-080000.sqlite" in result.out
