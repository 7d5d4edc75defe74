"""What a selection holds: one Träger's year (agreement, goals, twelve months of values) fits in 200 KB, carries the
master data it refers to and no other, and arrives unchanged at an office that had none of it; a „stadtscharf“ goal
brings the values of the cities."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange.office import gate
from zv_desktop.core.exchange.office.export import export_exchange
from zv_desktop.core.exchange.office.gate import receive
from zv_desktop.core.exchange.office.merge import Decisions, apply_merge, preview_merge
from zv_desktop.core.exchange.office.scope import Selection
from zv_desktop.core.store import Store, open_store

#: The issue's target for one Träger's year.
TRAEGER_YEAR_LIMIT = 200 * 1024

#: What is compared between sender and receiver: every column the merge carries over (not the local counter).
_GOAL_COLUMNS = "id, agreement_id, title, kind, measure_id, area_id, target_value, comment, modified_at, site_id, vv"
_VALUE_COLUMNS = (
    "id, measure_id, area_id, year, period_no, value_kind, value, source, comment, modified_at, site_id, vv"
)


def _party_id(store: Store, name: str) -> str:
    return str(store.query("SELECT id FROM parties WHERE name = ?", (name,))[0]["id"])


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return sorted(conn.execute(sql).fetchall(), key=repr)


def _send_jobcenter_2014(demo_file: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The demo's Jobcenter ME-aktiv, year 2014, as a selection; returns (sending file, exchange file)."""
    sender = tmp_path / "jobcenter.sqlite"
    shutil.copy(demo_file, sender)
    store = open_store(sender)
    try:
        jobcenter = _party_id(store, "Jobcenter ME-aktiv")
        target = tmp_path / "jobcenter-2014.zvx"
        export_exchange(store, target, Selection(parties=[jobcenter], years=[2014]))
    finally:
        store.close()
    return sender, target


def test_one_traeger_year_fits_in_200_kb_with_only_the_master_data_it_refers_to(
    demo_file: Path, tmp_path: Path
) -> None:
    _, file = _send_jobcenter_2014(demo_file, tmp_path)
    assert file.stat().st_size <= TRAEGER_YEAR_LIMIT, f"{file.stat().st_size} bytes"
    conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        (agreements,) = conn.execute("SELECT count(*) FROM agreements WHERE year = 2014").fetchone()
        (goals,) = conn.execute("SELECT count(*) FROM goals").fetchone()
        months = conn.execute("SELECT DISTINCT period_no FROM kpi_values WHERE year = 2014").fetchall()
        (values,) = conn.execute("SELECT count(*) FROM kpi_values").fetchone()
        parties = {r[0] for r in conn.execute("SELECT name FROM parties")}
        areas = {r[0] for r in conn.execute("SELECT name FROM areas")}
    finally:
        conn.close()
    assert agreements == 1 and goals == 26
    assert sorted(m[0] for m in months) == list(range(1, 13)) and values == 6 * 12  # the six measured goals' figures
    assert "Kreis Unna" not in parties and "Stadt Kamen" not in parties  # not referred to by the 2014 agreement
    assert areas == {"Kreis Mettmann"}


def test_the_selection_arrives_unchanged_at_an_office_without_any_of_it(demo_file: Path, tmp_path: Path) -> None:
    sender, file = _send_jobcenter_2014(demo_file, tmp_path)
    receiver = open_store(tmp_path / "neu.sqlite", create=True, office_name="Kreis Mettmann")
    try:
        with receive(file) as received:
            preview = preview_merge(receiver, received)
            assert not preview.plan.conflicts
            apply_merge(receiver, preview, Decisions(), backup_folder=tmp_path / "sicherungen")
        got_goals = _rows(receiver.conn, f"SELECT {_GOAL_COLUMNS} FROM goals")
        got_values = _rows(receiver.conn, f"SELECT {_VALUE_COLUMNS} FROM kpi_values WHERE deleted = 0")
    finally:
        receiver.close()
    conn = sqlite3.connect(f"file:{sender}?mode=ro", uri=True)
    try:
        agreement = "(SELECT id FROM agreements WHERE year = 2014)"
        sent_goals = _rows(conn, f"SELECT {_GOAL_COLUMNS} FROM goals WHERE agreement_id IN {agreement}")
        tracked = f"SELECT measure_id, area_id FROM goals WHERE agreement_id IN {agreement}"
        sent_values = _rows(
            conn,
            f"SELECT {_VALUE_COLUMNS} FROM kpi_values WHERE deleted = 0 AND year = 2014 "
            f"AND (measure_id, area_id) IN ({tracked})",
        )
    finally:
        conn.close()
    assert got_goals == sent_goals
    assert got_values == sent_values and len(got_values) == 72


def test_a_stadtscharf_goal_brings_the_values_of_the_cities(demo_file: Path, tmp_path: Path) -> None:
    sender = tmp_path / "jobcenter.sqlite"
    shutil.copy(demo_file, sender)
    store = open_store(sender)
    try:
        with store.transaction():
            store.conn.execute(
                "UPDATE goals SET breakdown = 'stadtscharf' WHERE measure_id = (SELECT id FROM measures WHERE code = "
                "'K2') AND agreement_id IN (SELECT id FROM agreements WHERE year = 2014)"
            )
        target = tmp_path / "jobcenter-2014.zvx"
        export_exchange(store, target, Selection(parties=[_party_id(store, "Jobcenter ME-aktiv")], years=[2014]))
    finally:
        store.close()
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        cities = conn.execute(
            "SELECT count(DISTINCT a.id), count(*) FROM kpi_values v JOIN areas a ON a.id = v.area_id "
            "JOIN measures m ON m.id = v.measure_id WHERE a.kind = 'STADT' AND m.code = 'K2'"
        ).fetchone()
        (others,) = conn.execute(
            "SELECT count(*) FROM kpi_values v JOIN areas a ON a.id = v.area_id JOIN measures m ON m.id = v.measure_id "
            "WHERE a.kind = 'STADT' AND m.code <> 'K2'"
        ).fetchone()
    finally:
        conn.close()
    assert cities == (10, 10 * 12) and others == 0  # the ten cities of the Kreis Mettmann, K2 only


def test_a_file_too_big_for_any_office_is_refused_at_the_sender_and_not_written(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = tmp_path / "kreis.sqlite"
    shutil.copy(demo_file, sender)
    monkeypatch.setattr(gate, "MAX_EXCHANGE_BYTES", 1024**2)  # the demo's full file is larger
    store = open_store(sender)
    try:
        sent_before = store.query("SELECT count(*) AS n FROM exchange_log")[0]["n"]
        target = tmp_path / "alles.zvx"
        with pytest.raises(DataFileError, match=r"wäre .* groß; ZV Desktop nimmt Austauschdateien bis 1 MB an"):
            export_exchange(store, target)
        assert store.query("SELECT count(*) AS n FROM exchange_log")[0]["n"] == sent_before
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kreis.sqlite"]  # no file, no temp file left
