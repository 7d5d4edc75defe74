"""Replica identity and version vectors (issue 13's foundation): every write stamps them, old files migrate, a copy of
a file becomes a replica of its own before it writes, and a restored backup too."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from zv_desktop.core import model
from zv_desktop.core.store import Store, backups, open_store, replica, restoring, versions
from zv_desktop.core.store.mapping import TABLES

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _row(store: Store, table: str, row_id: str) -> dict[str, object]:
    return store.query(f"SELECT vv, local_seq, row_version FROM {table} WHERE id = ?", (row_id,))[0]


def test_every_write_stamps_the_version_vector_and_the_local_counter(store: Store) -> None:
    party = store.save(model.Party(name="Kreis Unna", role=model.PartyRole.KREIS))
    first = _row(store, "parties", party.id)
    assert first["vv"] == f"{store.replica_id}:{first['local_seq']}"
    party.short_name = "Unna"
    store.save(party)
    second = _row(store, "parties", party.id)
    assert int(str(second["local_seq"])) == int(str(first["local_seq"])) + 1
    assert versions.compare(str(second["vv"]), str(first["vv"])) is versions.Order.NEWER
    store.delete(model.Party, party.id, party.row_version)
    third = _row(store, "parties", party.id)
    assert versions.parse(str(third["vv"])) == {store.replica_id: int(str(third["local_seq"]))}


def test_one_action_is_one_tick_of_the_counter(store: Store) -> None:
    before = replica.current_tick(store.conn)
    with store.transaction():
        a = store.save(model.Party(name="A", role=model.PartyRole.KREIS))
        b = store.save(model.Party(name="B", role=model.PartyRole.STADT))
    assert replica.current_tick(store.conn) == before + 1
    assert (
        _row(store, "parties", a.id)["vv"] == _row(store, "parties", b.id)["vv"] == f"{store.replica_id}:{before + 1}"
    )


def test_an_old_file_migrates_with_a_replica_and_versions_for_every_record(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite"
    shutil.copy(FIXTURES / "schema_v4.sqlite", path)
    store = open_store(path)
    try:
        assert len(store.replica_id) == 16
        for table in TABLES.values():
            rows = store.query(f"SELECT vv, local_seq, site_id FROM {table}")
            for row in rows:
                if row["site_id"] == "00000000-0000-0000-0000-000000000000":  # catalogue rows every file has
                    assert (row["vv"], row["local_seq"]) == ("", 0)
                else:
                    assert (row["vv"], row["local_seq"]) == (f"{store.replica_id}:1", 1), table
        assert store.query("SELECT count(*) AS n FROM parties WHERE vv <> ''")[0]["n"] == 1
        assert replica.knowledge(store.conn) == {store.replica_id: 1}
    finally:
        store.close()


def test_a_copied_file_becomes_a_new_replica_and_knows_the_original(tmp_path: Path) -> None:
    original = tmp_path / "kreis.sqlite"
    store = open_store(original, create=True, office_name="Kreis Unna")
    store.save(model.Party(name="Kreis Unna", role=model.PartyRole.KREIS))
    first_id, counter = store.replica_id, replica.current_tick(store.conn)
    store.close()
    laptop = tmp_path / "laptop.sqlite"
    shutil.copy(original, laptop)

    copy = open_store(laptop)
    again = open_store(original)
    try:
        assert again.replica_id == first_id  # the original keeps its identity
        assert copy.replica_id != first_id and copy.site_id == again.site_id  # same office, another replica
        assert replica.knowledge(copy.conn)[first_id] == counter
        parent = copy.query("SELECT parent_id FROM replicas WHERE id = ?", (copy.replica_id,))[0]["parent_id"]
        assert parent == first_id
        copy.save(model.Party(name="Stadt Kamen", role=model.PartyRole.STADT))
        again.save(model.Party(name="Stadt Unna", role=model.PartyRole.STADT))
        vectors = {
            s.replica_id: s.query("SELECT vv FROM parties WHERE name LIKE 'Stadt%'")[0]["vv"] for s in (copy, again)
        }
        assert vectors[copy.replica_id] != vectors[again.replica_id]  # one counter value never means two changes
    finally:
        copy.close()
        again.close()
    reopened = open_store(laptop)
    assert reopened.replica_id == copy.replica_id  # opening the copy again is no new copy
    reopened.close()


def test_a_restored_backup_becomes_a_new_replica(db_path: Path) -> None:
    store = open_store(db_path, create=True, office_name="Kreis Testland")
    store.save(model.Party(name="Vor der Sicherung", role=model.PartyRole.KREIS))
    backup = backups.make_backup(store.conn, store.path, now=datetime(2026, 12, 1, 9))
    store.save(model.Party(name="Nach der Sicherung", role=model.PartyRole.KREIS))
    before = store.replica_id
    restoring.restore_backup(store, backup)
    assert store.replica_id != before
    assert replica.replica_id(store.conn) == store.replica_id
    made = store.save(model.Party(name="Nach der Wiederherstellung", role=model.PartyRole.KREIS))
    assert str(_row(store, "parties", made.id)["vv"]).startswith(store.replica_id)
    store.close()


def test_version_vectors_order_and_merge() -> None:
    a, b = "a" * 16, "b" * 16
    assert versions.compare(f"{a}:2", f"{a}:1") is versions.Order.NEWER
    assert versions.compare(f"{a}:1 {b}:1", f"{a}:1") is versions.Order.NEWER
    assert versions.compare(f"{a}:1", f"{b}:1") is versions.Order.CONCURRENT
    assert versions.compare("", f"{b}:1") is versions.Order.OLDER
    assert versions.merged(f"{b}:3 {a}:1", f"{a}:2") == f"{a}:2 {b}:3"
    assert versions.covered(f"{a}:2", {a: 2}) and not versions.covered(f"{a}:2 {b}:1", {a: 5})
