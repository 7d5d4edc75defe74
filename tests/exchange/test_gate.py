"""The untrusted-file gate: good and older exchange files pass into a private copy, hostile ones are refused in German;
the received file and its folder stay exactly as they were, and no temporary folder is left behind."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import stat
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.hostile import CASE_NAMES, make_case, snapshot, time_limit
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange.office import gate
from zv_desktop.core.exchange.office.gate import ExchangeRefused, receive
from zv_desktop.core.store import inspect_file, migrations
from zv_desktop.core.store.migrations import latest_version
from zv_desktop.core.store.schema_guard import check_schema, expected_schema

FIXTURES = Path(__file__).parents[1] / "fixtures"
OLD_VERSIONS = sorted(
    version
    for version in (int(p.stem.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*.sqlite"))
    if version < latest_version()
)


def _read(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def _edit(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for statement in statements:
            conn.execute(statement)


def _refusal(path: Path) -> str:
    with pytest.raises(ExchangeRefused) as refused:
        receive(path)
    message = str(refused.value)
    assert f"{path.name}“" in message, message
    return message


@pytest.fixture
def sqlite_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every database SQLite is asked to open during the test (paths and URIs)."""
    opened: list[str] = []
    real_connect = sqlite3.connect

    def recording(database: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(database))
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recording)
    return opened


def test_a_good_exchange_file_passes_into_a_private_copy(
    exchange_bytes: bytes, tmp_path: Path, inbox: Path, private_temp: Path, sqlite_opens: list[str]
) -> None:
    source = inbox / "jobcenter-test.zvx"
    source.write_bytes(exchange_bytes)
    reference = tmp_path / "referenz.zvx"
    reference.write_bytes(exchange_bytes)
    before = snapshot(inbox)
    with receive(str(source)) as received:
        assert received.source == source
        assert received.sent_version == latest_version()
        assert received.office_name == "Jobcenter Test"
        assert received.manifest is not None and received.manifest["office"] == "Jobcenter Test"
        folder = received.copy.parent
        assert folder.parent == private_temp and folder.name.startswith("zv-austausch-")
        assert [p.name for p in folder.iterdir()] == [received.copy.name]
        if sys.platform != "win32":
            assert stat.S_IMODE(received.copy.stat().st_mode) == 0o600
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert sqlite_opens and all(inbox.name not in opened for opened in sqlite_opens)  # only the copy
        assert inspect_file(received.copy).schema_version == latest_version()
        titles = _read(received.copy, "SELECT title FROM agreements ORDER BY id")
        assert titles and titles == _read(reference, "SELECT title FROM agreements ORDER BY id")
    assert not folder.exists()
    received.close()  # a second close does nothing
    assert snapshot(inbox) == before
    assert list(private_temp.iterdir()) == []


def test_the_manifest_is_read_as_a_json_object(exchange_bytes: bytes, inbox: Path, private_temp: Path) -> None:
    manifest = {"format": 1, "absender": "Jobcenter Test", "jahre": [2014, 2022], "größe": None}
    source = inbox / "mit-manifest.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, f"INSERT OR REPLACE INTO meta (key, value) VALUES ('exchange_manifest', '{json.dumps(manifest)}')")
    with receive(source) as received:
        assert received.manifest == manifest


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_an_older_file_is_migrated_in_the_copy_only(version: int, inbox: Path, private_temp: Path) -> None:
    source = inbox / f"alt-v{version}.zvx"
    shutil.copyfile(FIXTURES / f"schema_v{version}.sqlite", source)
    before = snapshot(inbox)
    with receive(source) as received:
        assert received.sent_version == version
        assert received.office_name == "Fixture-Amt"
        assert _read(received.copy, "PRAGMA user_version") == [(latest_version(),)]
        with closing(sqlite3.connect(f"{received.copy.as_uri()}?mode=ro", uri=True)) as conn:
            assert check_schema(conn, latest_version()).ok
        assert _read(received.copy, "SELECT title FROM agreements") == [("Fixture-Vereinbarung",)]
    assert snapshot(inbox) == before
    assert _read(source, "PRAGMA user_version") == [(version,)]
    assert list(private_temp.iterdir()) == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_a_hostile_file_is_refused_in_german_and_left_as_it_was(
    name: str, exchange_bytes: bytes, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case(name, exchange_bytes, inbox)
    if case.cap is not None:
        monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", case.cap)
    before = snapshot(inbox)
    message = _refusal(case.path)
    assert all(word in message for word in case.words), (case.words, message)
    assert snapshot(inbox) == before
    assert list(private_temp.iterdir()) == []


def test_a_refusal_is_a_data_file_error() -> None:
    assert issubclass(ExchangeRefused, DataFileError)


def test_the_cap_is_two_gib_and_a_file_of_exactly_that_size_passes(
    exchange_bytes: bytes, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert gate.MAX_EXCHANGE_BYTES == 2 * 1024**3
    source = inbox / "genau.zvx"
    source.write_bytes(exchange_bytes)
    monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", len(exchange_bytes))
    with receive(source) as received:
        assert received.copy.stat().st_size == len(exchange_bytes)


def _live_copy(good: bytes, tmp_path: Path, target: Path) -> None:
    """``target`` and ``target-wal`` as they lie while a program has the file open: the last rows only in the log."""
    live = tmp_path / "offen.zvx"
    live.write_bytes(good)
    with closing(sqlite3.connect(live, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE meta SET value = 'Jobcenter Nachtrag' WHERE key = 'site_name'")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('exchange_manifest', '{\"format\": 1}')")
        shutil.copyfile(live, target)
        shutil.copyfile(f"{live}-wal", f"{target}-wal")


def test_a_live_file_is_received_with_the_rows_in_its_log(
    exchange_bytes: bytes, tmp_path: Path, inbox: Path, private_temp: Path, sqlite_opens: list[str]
) -> None:
    source = inbox / "offen.zvx"
    _live_copy(exchange_bytes, tmp_path, source)
    sqlite_opens.clear()
    assert b"Nachtrag" not in source.read_bytes() and b"Nachtrag" in Path(f"{source}-wal").read_bytes()
    before = snapshot(inbox)
    with receive(source) as received:
        assert received.office_name == "Jobcenter Nachtrag"
        assert received.manifest == {"format": 1}
        assert [p.name for p in received.copy.parent.iterdir()] == [received.copy.name]  # no -wal, no -shm
        assert received.copy.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one self-contained file
        assert sqlite_opens and all(inbox.name not in opened for opened in sqlite_opens)
    assert snapshot(inbox) == before  # nothing appeared beside it, the log was not folded into it


def test_the_log_counts_towards_the_cap(
    exchange_bytes: bytes, tmp_path: Path, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = inbox / "offen.zvx"
    _live_copy(exchange_bytes, tmp_path, source)
    total = source.stat().st_size + Path(f"{source}-wal").stat().st_size
    monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", total - 1)
    assert "zu groß" in _refusal(source)
    assert list(private_temp.iterdir()) == []
    monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", total)
    receive(source).close()


def test_a_file_in_wal_mode_without_its_log_passes(exchange_bytes: bytes, inbox: Path, private_temp: Path) -> None:
    source = inbox / "wal.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, "PRAGMA journal_mode = WAL")
    assert source.read_bytes()[18:20] == b"\x02\x02"
    before = snapshot(inbox)
    with receive(source) as received:
        assert received.copy.read_bytes()[18:20] == b"\x01\x01"
        assert [p.name for p in received.copy.parent.iterdir()] == [received.copy.name]
    assert snapshot(inbox) == before


def test_an_older_file_with_a_planted_trigger_is_refused_before_it_is_migrated(inbox: Path, private_temp: Path) -> None:
    source = inbox / "alt-mit-trigger.zvx"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite", source)
    _edit(source, "CREATE TRIGGER zz_wipe AFTER INSERT ON schema_migrations BEGIN DELETE FROM agreements; END")
    before = snapshot(inbox)
    message = _refusal(source)
    assert "außerhalb von ZV Desktop verändert" in message and "Trigger „zz_wipe“" in message
    assert snapshot(inbox) == before
    assert list(private_temp.iterdir()) == []


def test_a_migration_that_fires_the_search_triggers_works(
    exchange_bytes: bytes, tmp_path: Path, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations may change rows whose triggers keep the FTS5 index; an untrusted schema would forbid that."""
    latest = latest_version()
    folder = tmp_path / "migrationen"
    shutil.copytree(migrations.migrations_dir(), folder)
    (folder / f"{latest + 1:04d}_touch_titles.sql").write_text("UPDATE agreements SET title = title || '';\n")
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    expected_schema.cache_clear()
    try:
        source = inbox / "vorher.zvx"
        source.write_bytes(exchange_bytes)
        with receive(source) as received:
            assert received.sent_version == latest
            assert _read(received.copy, "PRAGMA user_version") == [(latest + 1,)]
    finally:
        expected_schema.cache_clear()  # the next test sees the real migrations again


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(inbox: Path, private_temp: Path) -> None:
    source = inbox / "pipe.zvx"
    os.mkfifo(source)
    with time_limit(5):
        message = _refusal(source)
    assert "keine gewöhnliche Datei" in message


def test_a_file_that_may_not_be_read_is_refused(
    exchange_bytes: bytes, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = inbox / "gesperrt.zvx"
    source.write_bytes(exchange_bytes)
    real_open = os.open

    def refuse_source(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path) == source:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_source)
    assert "keine Berechtigung" in _refusal(source)


def test_a_missing_file_is_refused(inbox: Path) -> None:
    assert "gibt es nicht" in _refusal(inbox / "fehlt.zvx")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("'" + "[" * 100_000 + "'", "zu tief verschachtelt"),
        ("'{\"wert\": NaN}'", "kein gültiges JSON"),
        ("'\"nur Text\"'", "kein JSON-Objekt"),
        ("X'7B7D'", "kein Text"),
    ],
)
def test_a_manifest_that_is_no_plain_json_object_is_refused(
    value: str, reason: str, exchange_bytes: bytes, inbox: Path, private_temp: Path
) -> None:
    source = inbox / "manifest.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, f"INSERT OR REPLACE INTO meta (key, value) VALUES ('exchange_manifest', {value})")
    message = _refusal(source)
    assert "Inhaltsverzeichnis (Manifest)" in message and "unlesbar" in message and reason in message
    assert list(private_temp.iterdir()) == []


def test_an_oversized_manifest_is_refused_before_it_is_parsed(
    exchange_bytes: bytes, inbox: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = inbox / "manifest.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, "INSERT OR REPLACE INTO meta (key, value) VALUES ('exchange_manifest', '{\"a\": \"0123456789\"}')")
    monkeypatch.setattr(gate, "_MAX_MANIFEST_CHARS", 10)
    assert "zu groß" in _refusal(source)


def test_an_office_name_that_is_no_text_is_refused(exchange_bytes: bytes, inbox: Path, private_temp: Path) -> None:
    source = inbox / "name.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, "UPDATE meta SET value = X'4B72656973' WHERE key = 'site_name'")
    message = _refusal(source)
    assert "Name der Dienststelle" in message and "kein Text" in message


def test_text_that_is_not_utf8_is_refused(exchange_bytes: bytes, inbox: Path, private_temp: Path) -> None:
    source = inbox / "zeichen.zvx"
    source.write_bytes(exchange_bytes)
    _edit(source, "UPDATE signatories SET name = CAST(X'4D75737465FF72' AS TEXT) WHERE rowid = 1")
    message = _refusal(source)
    assert "kein gültiges UTF-8" in message and "Tabelle „signatories“" in message and "Spalte „name“" in message
    assert list(private_temp.iterdir()) == []


def test_a_file_just_over_the_cap_names_two_different_sizes() -> None:
    from zv_desktop.core.exchange.office.gate_files import _too_big

    cap = 2 * 1024**3
    text = str(_too_big("„groß.zvx“", cap, 2_153_786_368))
    assert "2.153.786.368 Bytes; höchstens 2 GB = 2.147.483.648 Bytes" in text
