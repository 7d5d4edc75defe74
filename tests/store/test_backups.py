"""Rolling backups: thinning (pure), one backup a day, failures that never block, restore end to end."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zv_desktop.core import model
from zv_desktop.core.errors import DataFileError
from zv_desktop.core.services import agreements
from zv_desktop.core.store import Store, backups, open_store, restoring
from zv_desktop.core.store.backups import DAILY_DAYS, MONTHLY_MONTHS, WEEKLY_WEEKS, Kind, keep

TODAY = date(2026, 12, 5)

moments = st.lists(st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 5, 23, 59)), max_size=60)


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12)


# -- thinning -------------------------------------------------------------------------------------


@given(moments)
def test_keep_keeps_the_newest_and_everything_of_the_last_week(made: list[datetime]) -> None:
    kept = keep(made, TODAY)
    assert kept <= set(made)
    if made:
        assert max(made) in kept
    assert {m for m in made if (TODAY - m.date()).days < DAILY_DAYS} <= kept


@given(moments)
def test_keep_leaves_one_a_week_then_one_a_month_and_nothing_older(made: list[datetime]) -> None:
    kept = keep(made, TODAY) - {max(made, default=None)}
    weekly = [m for m in kept if DAILY_DAYS <= (TODAY - m.date()).days < DAILY_DAYS + 7 * WEEKLY_WEEKS]
    assert len({m.isocalendar()[:2] for m in weekly}) == len(weekly)
    older = [m for m in kept if (TODAY - m.date()).days >= DAILY_DAYS + 7 * WEEKLY_WEEKS]
    assert len({(m.year, m.month) for m in older}) == len(older)
    assert len(older) <= MONTHLY_MONTHS + 1
    limit = TODAY.year * 12 + TODAY.month - 1 - MONTHLY_MONTHS
    assert all(m.year * 12 + m.month - 1 >= limit for m in older)


@given(moments)
def test_every_week_and_month_with_a_backup_keeps_one(made: list[datetime]) -> None:
    kept = keep(made, TODAY)
    for m in made:
        age = (TODAY - m.date()).days
        if DAILY_DAYS <= age < DAILY_DAYS + 7 * WEEKLY_WEEKS:
            assert any(k.isocalendar()[:2] == m.isocalendar()[:2] for k in kept)


@given(moments)
def test_keep_is_stable(made: list[datetime]) -> None:
    kept = keep(made, TODAY)
    assert keep(kept, TODAY) == kept


@settings(max_examples=20, deadline=None)
@given(st.lists(st.booleans(), min_size=100, max_size=900))
def test_thinning_day_by_day_stays_small_and_keeps_recent_days(used: list[bool]) -> None:
    """A backup on each day the file is used, thinned each time: a few dozen files, never more."""
    start = date(2024, 1, 1)
    files: set[datetime] = set()
    for offset, opened in enumerate(used):
        today = start + timedelta(days=offset)
        if opened:
            files.add(_noon(today))
            files = keep(files, today)
        assert len(files) <= DAILY_DAYS + WEEKLY_WEEKS + MONTHLY_MONTHS + 3
    last = start + timedelta(days=len(used) - 1)
    recent = {
        _noon(start + timedelta(days=i)) for i, u in enumerate(used) if u and (last - start).days - i < DAILY_DAYS
    }
    assert recent <= files


def test_keep_of_nothing_is_nothing() -> None:
    assert keep([], TODAY) == set()


# -- making them ----------------------------------------------------------------------------------


def test_one_backup_a_day(store: Store) -> None:
    first = backups.daily_backup(store, now=datetime(2026, 12, 5, 8, 30))
    assert first.made is not None and first.warning is None
    assert first.made.parent == store.path.with_name("amt.sicherungen")
    assert first.made.name == "amt.sicherung-20261205-083000.sqlite"
    assert backups.daily_backup(store, now=datetime(2026, 12, 5, 17, 0)).made is None
    nxt = backups.daily_backup(store, now=datetime(2026, 12, 6, 7, 0))
    assert nxt.made is not None
    listed = backups.list_backups(store.path, today=date(2026, 12, 6))
    assert [b.path for b in listed] == [nxt.made, first.made]
    assert {b.kind for b in listed} == {Kind.DAILY}
    assert not list(first.made.parent.glob(".*"))  # no temp file left


def test_backup_is_a_self_contained_copy_made_while_open(store: Store) -> None:
    store.save(_agreement(2024, "Zielvereinbarung 2024"))
    made = backups.daily_backup(store, now=datetime(2026, 12, 5, 9)).made
    assert made is not None
    conn = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    contents = restoring.read_contents(made)
    assert contents.agreements == 1
    assert contents.agreement_list == [(2024, "Zielvereinbarung 2024")]
    assert contents.last_change is not None
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # reading wrote nothing beside it


def _agreement(year: int, title: str) -> model.Agreement:
    return model.Agreement(year=year, title=title)


def test_configured_folder_and_thinning_on_open(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "sicherungen"
    for days in (200, 100, 40, 39, 38, 10, 3):
        backups.make_backup(store.conn, store.path, folder, datetime(2026, 12, 5, 9) - timedelta(days=days))
    result = backups.daily_backup(store, folder, now=datetime(2026, 12, 5, 9))
    assert result.made is not None and result.made.parent == folder
    left = backups.list_backups(store.path, folder, date(2026, 12, 5))
    assert len(left) == 8 - len(result.deleted)
    # 40, 39 and 38 days ago are Monday to Wednesday of one week: the oldest stays
    assert sorted(p.name for p in result.deleted) == [
        "amt.sicherung-20261027-090000.sqlite",
        "amt.sicherung-20261028-090000.sqlite",
    ]
    kinds = {b.made.date(): b.kind for b in left}
    assert kinds[date(2026, 12, 5)] is Kind.DAILY
    assert kinds[date(2026, 12, 5) - timedelta(days=10)] is Kind.WEEKLY
    assert kinds[date(2026, 12, 5) - timedelta(days=200)] is Kind.MONTHLY


def test_migration_backups_are_listed_and_never_thinned(store: Store) -> None:
    old = store.path.with_name("amt.sicherung-v2-20200101-120000.sqlite")
    shutil.copy(store.path, old)
    result = backups.daily_backup(store, now=datetime(2026, 12, 5, 9))
    assert old.exists() and result.made is not None
    listed = backups.list_backups(store.path, today=date(2026, 12, 5))
    assert [(b.path.name, b.kind) for b in listed] == [
        (result.made.name, Kind.DAILY),
        (old.name, Kind.MIGRATION),
    ]


def test_a_failed_backup_warns_and_leaves_the_file_open(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "keine-ordner.txt"
    blocker.write_text("eine Datei, wo der Ordner hin soll")
    folder = blocker / "sicherungen"
    result = backups.daily_backup(store, folder, now=datetime(2026, 12, 5, 9))
    assert result.made is None
    assert result.warning is not None and "konnte nicht angelegt werden" in result.warning
    assert str(folder) in result.warning
    store.save(_agreement(2025, "geht weiter"))  # the file is still usable


def test_a_full_disk_leaves_no_temp_file(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups.os, "replace", full)
    folder = tmp_path / "voll"
    result = backups.daily_backup(store, folder, now=datetime(2026, 12, 5, 9))
    assert result.warning is not None and "Datenträger ist voll" in result.warning
    assert list(folder.iterdir()) == []


def test_no_backup_of_a_file_opened_read_only(store: Store) -> None:
    store.read_only = True
    assert backups.daily_backup(store, now=datetime(2026, 12, 5, 9)) == backups.DailyResult()
    assert not store.path.with_name("amt.sicherungen").exists()


# -- restoring ------------------------------------------------------------------------------------


def test_restore_end_to_end(db_path: Path) -> None:
    store = open_store(db_path, create=True, office_name="Kreis Testland")
    kept = store.save(_agreement(2024, "Alt"))
    backup = backups.daily_backup(store, now=datetime(2026, 12, 4, 9)).made
    assert backup is not None
    store.delete(model.Agreement, kept.id)
    store.save(_agreement(2025, "Neu nach der Sicherung"))
    store.close()
    backup_bytes = backup.read_bytes()

    safety = restoring.restore_backup(db_path, backup)

    assert backup.read_bytes() == backup_bytes  # the backup was only read
    assert safety.name.startswith("amt.sicherung-vor-wiederherstellung-")
    assert [t for _, t in restoring.read_contents(safety).agreement_list] == ["Neu nach der Sicherung"]
    store = open_store(db_path)
    try:
        assert [a.title for a in agreements.list_agreements(store)] == ["Alt"]
        (entry,) = restoring.restores(store)
        assert entry["user_name"] == "testerin"
        assert entry["changes"]["backup"] == [None, str(backup.resolve())]
        assert entry["changes"]["safety_backup"] == [None, str(safety.resolve())]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()
    kinds = {b.path: b.kind for b in backups.list_backups(db_path)}
    assert kinds[safety] is Kind.SAFETY


def test_restore_onto_the_open_store(demo: Store) -> None:
    backup = backups.make_backup(demo.conn, demo.path, now=datetime(2026, 12, 1, 9))
    count = len(agreements.list_agreements(demo))
    for item in agreements.list_agreements(demo):
        demo.delete(model.Agreement, item.id)
    restoring.restore_backup(demo, backup)
    assert len(agreements.list_agreements(demo)) == count
    assert restoring.restores(demo)


def test_restore_of_an_older_schema_migrates(db_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "schema_v1.sqlite"
    store = open_store(db_path, create=True)
    site_id = store.site_id
    store.close()
    old = db_path.with_name("alt.sqlite")
    shutil.copy(fixture, old)
    conn = sqlite3.connect(old)  # the same office's file, from an older program version
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'site_id'", (site_id,))
    conn.close()
    restoring.restore_backup(db_path, old)
    store = open_store(db_path)
    try:
        assert store.last_backup is None  # already current: no migration backup at opening
        assert restoring.restores(store)
    finally:
        store.close()


def test_restore_refuses_a_backup_of_another_office(store: Store, tmp_path: Path) -> None:
    other = open_store(tmp_path / "anderes-amt.sqlite", create=True, office_name="Stadt Anderswo")
    foreign_backup = backups.make_backup(other.conn, other.path)
    other.close()
    with pytest.raises(DataFileError, match="anderen Dienststelle"):
        restoring.restore_backup(store, foreign_backup)
    assert backups.list_backups(store.path) == []


def test_restore_refuses_foreign_files_and_the_file_itself(store: Store, tmp_path: Path) -> None:
    foreign = tmp_path / "fremd.sqlite"
    foreign.write_bytes(b"kein SQLite" * 20)
    with pytest.raises(DataFileError):
        restoring.restore_backup(store, foreign)
    with pytest.raises(DataFileError, match="Datendatei selbst"):
        restoring.restore_backup(store, store.path)
    assert backups.list_backups(store.path) == []  # refused before the safety backup
