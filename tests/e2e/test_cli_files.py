"""`zv` on bad files: a one-line German message, exit 2, and the file byte-for-byte unchanged."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from zv_desktop.core.store.migrations import latest_version

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _text_file(tmp: Path) -> Path:
    path = tmp / "notizen.sqlite"
    path.write_text("Das ist nur ein Text.\n", encoding="utf-8")
    return path


def _truncated(tmp: Path) -> Path:
    path = tmp / "abgeschnitten.sqlite"
    data = (FIXTURES / f"schema_v{latest_version()}.sqlite").read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _foreign(tmp: Path) -> Path:
    path = tmp / "fremd.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO kunden (name) VALUES ('Müller')")
    conn.commit()
    conn.close()
    return path


def _newer(tmp: Path) -> Path:
    path = tmp / "zukunft.sqlite"
    shutil.copy(FIXTURES / f"schema_v{latest_version()}.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    return path


def _header_garbage(tmp: Path) -> Path:
    path = tmp / "kaputt.sqlite"
    data = bytearray((FIXTURES / f"schema_v{latest_version()}.sqlite").read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # first page's content destroyed
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_text_file, "keine SQLite-Datenbank"),
        (_truncated, "beschädigt"),
        (_foreign, "anderen Programm"),
        (_newer, "neueren Version"),
        (_header_garbage, "beschädigt"),
    ],
    ids=["text", "truncated", "foreign", "newer", "garbage"],
)
@pytest.mark.parametrize("command", [["check"], ["list", "agreements"], ["dump"], ["show", "agreement", "ab"]])
def test_bad_file_gives_one_german_line_exit_2_and_stays_unchanged(
    tmp_path: Path, run_zv, make, expected: str, command: list[str]
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    result = run_zv("--db", path, *command)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, -shm or backup left behind


def test_missing_file_exit_2(tmp_path: Path, run_zv) -> None:
    result = run_zv("--db", tmp_path / "gibtsnicht.sqlite", "check")
    assert result.code == 2 and "gibt es nicht" in result.err
    assert not (tmp_path / "gibtsnicht.sqlite").exists()


def test_usage_error_exit_2_in_german(run_zv) -> None:
    result = run_zv("list", "wolken")
    assert result.code == 2 and "Aufruf fehlerhaft" in result.err


def test_old_schema_check_reports_pending_migration_without_changing(tmp_path: Path, run_zv) -> None:
    if latest_version() < 2:
        pytest.skip("only one schema version so far")
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v1.sqlite", path)
    before = path.read_bytes()
    result = run_zv("--db", path, "check")
    assert result.code == 0 and "Datenstand 1" in result.out
    assert path.read_bytes() == before


def _wal_mode(make):  # type: ignore[no-untyped-def]
    """The same bad file, but in WAL mode as every file the program has written is."""

    def made(tmp: Path) -> Path:
        path = make(tmp)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
        return path

    return made


@pytest.mark.parametrize(
    ("make", "expected"), [(_wal_mode(_foreign), "anderen Programm"), (_wal_mode(_newer), "neueren Version")]
)
def test_bad_wal_mode_file_is_refused_without_leftovers(tmp_path: Path, run_zv, make, expected: str) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    result = run_zv("--db", path, "check")
    assert result.code == 2 and expected in result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_check_of_a_good_file_leaves_nothing_beside_it(tmp_path: Path, run_zv) -> None:
    path = tmp_path / "amt.sqlite"
    assert run_zv("--db", path, "demo").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amt.sqlite"]  # the log was folded in on close
    before = path.read_bytes()
    result = run_zv("--db", path, "check")
    assert result.code == 0 and "in Ordnung" in result.out
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amt.sqlite"]


def test_write_protected_place_gets_a_german_message(tmp_path: Path, run_zv, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "amt.sqlite"
    assert run_zv("--db", path, "init").code == 0
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)  # as on a locked USB stick
    before = path.read_bytes()
    result = run_zv("--db", path, "load", _one_party_json(tmp_path))
    assert result.code == 2 and "schreibgeschützt" in result.err and "Nichts wurde geändert" in result.err
    assert run_zv("--db", path, "list", "agreements").code == 0  # looking needs no write access
    assert run_zv("--db", path, "check").code == 0
    assert path.read_bytes() == before


def _one_party_json(tmp: Path) -> Path:
    src = tmp / "eine-partei.json"
    party = {"id": "33333333-0000-4000-8000-000000000000", "name": "Stadt Hilden", "role": "STADT"}
    src.write_text(json.dumps({"format": "zv-desktop", "format_version": 1, "parties": [party]}), encoding="utf-8")
    return src
