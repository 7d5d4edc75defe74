"""Writing an exchange file: the whole file, a selection, or only what an office has not seen yet.

The exchange file is an ordinary ZV data file. It is built by SQLite in a temporary file beside the target: a new
file gets the schema from the migrations, the chosen rows are read from the sending file through SQLite (attached
read-only, one consistent snapshot; the live file's bytes are never copied, so nothing still in its write-ahead
log is lost), then the file is compacted (VACUUM, 1 KiB pages: small files for e-mail) and renamed onto the target.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from zv_desktop.core.errors import DataFileError, os_reason
from zv_desktop.core.exchange.office import gate
from zv_desktop.core.exchange.office import partners as partner_book
from zv_desktop.core.exchange.office.gate_files import size_text
from zv_desktop.core.exchange.office.manifest import EXTENSION, KIND_TABLES, MANIFEST_KEY, Manifest
from zv_desktop.core.exchange.office.partners import Partner
from zv_desktop.core.exchange.office.scope import RECORD_TABLES, Selection, close_over_references, keep_unseen, pick
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store, replica, table_shapes, versions
from zv_desktop.core.store.inspection import read_only_uri
from zv_desktop.core.store.migrations import apply_migrations, latest_version
from zv_desktop.core.store.replica import EXCHANGE_IDENTITY
from zv_desktop.core.store.store import utc_now

#: Page size of exchange files: most of a small file is one page per table and index, so small pages keep it small.
PAGE_SIZE = 1024


@dataclass(frozen=True)
class ExportResult:
    """The exchange file written and what it says about itself."""

    path: Path
    manifest: Manifest
    size: int


def with_extension(target: Path) -> Path:
    """The target with the exchange file extension (added if the name has none)."""
    return target if target.suffix else target.with_suffix(EXTENSION)


def export_exchange(
    store: Store,
    target: Path,
    selection: Selection | None = None,
    partner: Partner | None = None,
    *,
    delta: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write an exchange file of ``store`` to ``target`` (temp file, then rename); note it for ``partner``.

    With ``delta`` only what ``partner`` has not seen goes in (DataFileError without a partner). The sending file
    is only read; the exchange log and, for a partner, what was sent to it are written afterwards.
    """
    selection = selection or Selection()
    if delta and partner is None:
        raise DataFileError("Für „Nur Änderungen“ bitte die Dienststelle wählen, an die die Datei geht.")
    if store.conn.execute("PRAGMA user_version").fetchone()[0] != latest_version():
        raise DataFileError(
            f"„{store.path.name}“ hat einen älteren Datenstand und ist nur zum Ansehen geöffnet; bitte die Datei "
            "zum Bearbeiten öffnen (sie wird dabei umgestellt) und dann die Austauschdatei schreiben."
        )
    target = Path(target)
    temp = target.with_name(f".~{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        manifest, seq = _build(store, temp, selection, partner, delta, progress)
        _check_size(temp, target)
        os.replace(temp, target)
    except OSError as exc:
        raise DataFileError(f"Die Austauschdatei „{target}“ {os_reason(exc)}.") from exc
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Austauschdatei „{target}“ konnte nicht geschrieben werden ({exc}).") from exc
    finally:
        for leftover in (temp, Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
    if not store.read_only:
        with store.transaction():
            known = manifest.knowledge if manifest.complete else None
            partner_book.record_sent(store, partner, manifest.created_at, seq, known)
            replica_id = partner.replica_id if partner else ""
            office = partner.office_name if partner else ""
            partner_book.log_exchange(
                store, "sent", replica_id, office, target.name, manifest.to_json(), manifest.counts
            )
    return ExportResult(target, manifest, target.stat().st_size)


def _check_size(temp: Path, target: Path) -> None:
    """Refuse a file no office could receive (the gate's size cap), before it takes the target's place."""
    size, cap = temp.stat().st_size, gate.MAX_EXCHANGE_BYTES
    if size > cap:
        raise DataFileError(
            f"Die Austauschdatei „{target.name}“ wäre {size_text(size)} groß; ZV Desktop nimmt Austauschdateien bis "
            f"{size_text(cap)} an. Sie wurde nicht geschrieben. Bitte eine Auswahl (Träger, Jahre) oder „Nur "
            "Änderungen“ schreiben."
        )


def _build(
    store: Store, temp: Path, selection: Selection, partner: Partner | None, delta: bool, progress: Progress | None
) -> tuple[Manifest, int]:
    conn = sqlite3.connect(temp, uri=False, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = OFF")
        apply_migrations(conn, 0)
        conn.execute("ATTACH DATABASE ? AS src", (read_only_uri(store.path),))
        basis = partner.basis if partner is not None and delta else {}
        conn.create_function("zv_unseen", 1, lambda vv: not versions.covered(vv, basis), deterministic=True)
        conn.execute("BEGIN")  # one snapshot of the sending file for everything below
        pick(conn, selection)
        if delta and partner is not None:
            keep_unseen(conn, partner.last_sent_seq if partner.last_sent_at else 0)
        if delta or not selection.everything:
            close_over_references(conn)
        for number, table in enumerate(RECORD_TABLES, start=1):
            if progress is not None:
                progress.update(number, len(RECORD_TABLES), "Austauschdatei wird geschrieben …")
            columns = ", ".join(table_shapes.column_names(conn, table))
            conn.execute(f"DELETE FROM main.{table} WHERE id IN (SELECT id FROM temp.pick_{table})")
            conn.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table} "
                f"WHERE id IN (SELECT id FROM temp.pick_{table})"
            )
        seq = _copy_identity(conn)
        manifest = _manifest(conn, store, selection, partner, delta, basis)
        conn.execute(
            "INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)",
            (MANIFEST_KEY, json.dumps(manifest.to_json(), ensure_ascii=False)),
        )
        # the search index was filled row by row (one segment per insert): merged into one, it takes less room
        conn.execute("INSERT INTO main.search_index (search_index) VALUES ('optimize')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
        conn.execute("VACUUM")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return manifest, seq


def _copy_identity(conn: sqlite3.Connection) -> int:
    """The sender's office, replica, counter and knowledge go into the exchange file; returns the counter."""
    for key in ("site_id", "site_name", "replica_id", "replica_seq"):
        conn.execute(
            "INSERT OR REPLACE INTO main.meta (key, value) SELECT key, value FROM src.meta WHERE key = ?", (key,)
        )
    conn.execute("UPDATE main.meta SET value = ? WHERE key = 'replica_file'", (EXCHANGE_IDENTITY,))
    conn.execute("DELETE FROM main.sites")
    conn.execute("INSERT INTO main.sites SELECT * FROM src.sites")
    conn.execute("DELETE FROM main.replicas")
    conn.execute("INSERT INTO main.replicas SELECT * FROM src.replicas")
    seq = replica.current_tick(conn)
    conn.execute(
        "UPDATE main.replicas SET known_seq = ? WHERE id = (SELECT value FROM main.meta WHERE key = 'replica_id')",
        (seq,),
    )
    return seq


def _manifest(
    conn: sqlite3.Connection,
    store: Store,
    selection: Selection,
    partner: Partner | None,
    delta: bool,
    basis: dict[str, int],
) -> Manifest:
    counts: dict[str, dict[str, int]] = {}
    for kind, tables in KIND_TABLES.items():
        live = deleted = 0
        for table in tables:
            row = conn.execute(f"SELECT count(*) - total(deleted), total(deleted) FROM main.{table}").fetchone()
            live, deleted = live + int(row[0]), deleted + int(row[1])
        counts[kind] = {"live": live, "deleted": deleted}
    chosen: dict[str, list[object]] = {}
    if selection.parties:
        chosen["parties"] = list(selection.parties)
    if selection.years:
        chosen["years"] = list(selection.years)
    if selection.agreements:
        chosen["agreements"] = list(selection.agreements)
    if not selection.attachments:
        chosen["attachments"] = [False]
    return Manifest(
        office=store.site_name,
        site_id=store.site_id,
        replica=replica.replica_id(conn),
        user=store.user,
        created_at=utc_now(),
        schema_version=latest_version(),
        complete=selection.everything,
        delta=delta,
        knowledge=replica.knowledge(conn),
        basis=basis,
        for_replica=partner.replica_id if partner else "",
        for_office=partner.office_name if partner else "",
        since=partner.last_exchange if partner and delta else "",
        selection=chosen,
        counts=counts,
    )
