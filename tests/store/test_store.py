"""The Store: stamped writes, row versions, tombstones, audit log, id prefixes, rollback."""

from __future__ import annotations

import json

import pytest

from zv_desktop.core import model
from zv_desktop.core.errors import ConflictError, NotFoundError
from zv_desktop.core.store import Store


def _audit(store: Store, row_id: str) -> list[dict[str, object]]:
    return store.query("SELECT * FROM audit_log WHERE row_id = ? ORDER BY seq", (row_id,))


def test_insert_update_delete_are_stamped_and_audited(store: Store) -> None:
    party = model.Party(name="Kreis Mettmann", role=model.PartyRole.KREIS)
    store.save(party)
    party.short_name = "ME"
    store.save(party)
    store.delete(model.Party, party.id)

    row = store.query("SELECT * FROM parties WHERE id = ?", (party.id,))[0]
    assert row["row_version"] == 3 and row["deleted"] == 1
    assert row["site_id"] == store.site_id and row["modified_by"] == "testerin"
    assert row["created_at"] <= row["modified_at"]
    entries = _audit(store, party.id)
    assert [e["action"] for e in entries] == ["insert", "update", "delete"]
    assert json.loads(str(entries[1]["changes"])) == {"short_name": ["", "ME"]}
    assert all(e["user_name"] == "testerin" and e["site_id"] == store.site_id for e in entries)
    with pytest.raises(NotFoundError):
        store.get(model.Party, party.id)
    assert store.find(model.Party) == []


def test_unchanged_save_writes_nothing(store: Store) -> None:
    party = model.Party(name="Stadt Kamen", role=model.PartyRole.STADT)
    store.save(party)
    assert store.write(party) == "unchanged"
    assert len(_audit(store, party.id)) == 1
    assert store.query("SELECT row_version FROM parties")[0]["row_version"] == 1


def test_saving_a_deleted_record_restores_it(store: Store) -> None:
    party = model.Party(name="Stadt Kamen", role=model.PartyRole.STADT)
    store.save(party)
    party.row_version = store.delete(model.Party, party.id)  # restoring what the user saw deleted
    assert store.write(party) == "restore"
    assert store.get(model.Party, party.id) == party


def test_saving_a_record_deleted_since_it_was_read_is_a_conflict(store: Store) -> None:
    party = model.Party(name="Stadt Kamen", role=model.PartyRole.STADT)
    store.save(party)
    stale = store.get(model.Party, party.id)
    store.delete(model.Party, party.id)
    stale.name = "Stadt Kamen (neu)"
    with pytest.raises(ConflictError, match="gelöscht"):
        store.write(stale)
    assert not store.exists(model.Party, party.id)


def test_transaction_rolls_back_everything_on_error(store: Store) -> None:
    logged = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    with pytest.raises(RuntimeError), store.transaction():
        store.save(model.Party(name="A", role=model.PartyRole.KREIS))
        store.save(model.Party(name="B", role=model.PartyRole.KREIS))
        raise RuntimeError("Abbruch")
    assert store.find(model.Party) == []
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == logged


def test_id_prefix_must_be_unique(store: Store) -> None:
    a = store.save(model.Party(name="A", role=model.PartyRole.KREIS, id="aaaa1111-0000-4000-8000-000000000000"))
    store.save(model.Party(name="B", role=model.PartyRole.KREIS, id="aaaa2222-0000-4000-8000-000000000000"))
    assert store.resolve_id(model.Party, "aaaa1") == a.id
    with pytest.raises(NotFoundError, match="nicht eindeutig"):
        store.resolve_id(model.Party, "aaaa")
    with pytest.raises(NotFoundError, match="Keine Kennung"):
        store.resolve_id(model.Party, "ffff")
    with pytest.raises(NotFoundError):
        store.resolve_id(model.Party, "%")


def test_foreign_keys_are_enforced(store: Store) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        store.save(model.Signatory(party_id="no-such-party", name="N. N.", function="Landrat"))


def test_attachment_content_is_not_copied_into_the_audit_log(store: Store) -> None:
    paper = store.save(model.Paper(number="1/2024", title="T", paper_type=model.PaperType.BESCHLUSS))
    from zv_desktop.core.services.papers import make_attachment, save_attachment

    att = save_attachment(store, make_attachment(paper.id, "a.pdf", b"%PDF-1.4 " + b"x" * 1000))
    changes = json.loads(str(_audit(store, att.id)[0]["changes"]))
    assert "content" not in changes and changes["sha256"][1] == att.sha256


def test_a_file_whose_last_pages_are_still_in_the_log_opens_with_everything(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import sqlite3

    from zv_desktop.core.store import open_store

    path = tmp_path / "amt.sqlite"
    store = open_store(path, create=True, office_name="Kreis Testland")
    store.close()
    writer = sqlite3.connect(path)  # a program killed in a checkpoint: pages in the log, the file shorter
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(300):
        writer.execute(
            "INSERT INTO parties (id, name, role, short_name, created_at, modified_at, site_id, modified_by, "
            "row_version, deleted) VALUES (?, ?, 'STADT', '', '', '', '', '', 1, 0)",
            (f"p{i:04d}", "Stadt " + "x" * 400),
        )
    writer.commit()
    writer.execute("PRAGMA wal_checkpoint(PASSIVE)")  # copies the pages into the file and grows it
    header = path.read_bytes()[:100]
    page_size = int.from_bytes(header[16:18], "big")
    saved = tmp_path / "kopie"
    saved.mkdir()
    shutil.copy(path, saved / path.name)
    shutil.copy(f"{path}-wal", saved / f"{path.name}-wal")
    writer.close()
    copy = saved / path.name
    with copy.open("r+b") as handle:  # the last page did not reach the file before the kill
        handle.truncate(copy.stat().st_size - page_size)
    reopened = open_store(copy)
    try:
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert reopened.conn.execute("SELECT count(*) FROM parties").fetchone()[0] == 300
    finally:
        reopened.close()
