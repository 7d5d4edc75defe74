"""Looking into a backup (what it holds, read-only) and restoring one.

Restoring first backs up the current state („vor Wiederherstellung“), then copies the backup onto the open file
with the backup API, brings an older schema up to date, makes the file a replica of its own and records the
restore in the audit log.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.store import replica
from zv_desktop.core.store.backups import make_backup
from zv_desktop.core.store.migrations import apply_migrations
from zv_desktop.core.store.opening import inspect_file, open_store, read_only_uri
from zv_desktop.core.store.store import Store


@dataclass(frozen=True)
class Contents:
    """What a backup holds, read through a read-only connection."""

    agreements: int
    goals: int
    values: int
    papers: int
    last_change: datetime | None  # local time of the latest entry in the audit log
    agreement_list: list[tuple[int, str]]  # (year, title), by year
    schema_version: int
    site_id: str = ""
    office: str = ""


# -- looking into a backup ---------------------------------------------------------------------


def read_contents(path: Path) -> Contents:
    """Counts and the agreement list of a backup, read without writing a byte (``mode=ro``)."""
    info = inspect_file(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Sicherung „{path}“ kann nicht gelesen werden ({exc}).") from exc
    try:

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0])

        last = conn.execute("SELECT max(at) FROM audit_log").fetchone()[0]
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('site_id', 'site_name')").fetchall())
        rows = conn.execute("SELECT year, title FROM agreements WHERE deleted = 0 ORDER BY year DESC, title").fetchall()
        return Contents(
            agreements=count("agreements"),
            goals=count("goals"),
            values=count("kpi_values"),
            papers=count("papers"),
            last_change=_local_time(last),
            agreement_list=[(int(year), str(title)) for year, title in rows],
            schema_version=info.schema_version,
            site_id=str(meta.get("site_id", "")),
            office=str(meta.get("site_name", "")),
        )
    except sqlite3.Error as exc:
        raise DataFileError(f"Die Sicherung „{path}“ ist beschädigt ({exc}).") from exc
    finally:
        conn.close()


def _local_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


# -- restoring ---------------------------------------------------------------------------------


def restore_backup(
    store_or_path: Store | Path,
    backup_path: Path,
    configured: Path | str | None = None,
    now: datetime | None = None,
) -> Path:
    """Replace the file's content with the backup's; returns the safety backup of the state before.

    With a Store the backup is copied onto its open connection (the caller reopens its views); with
    a path the file is opened for this and closed again. The backup itself is only read. A backup
    of an older schema is brought up to date after copying. The restore lands in the audit log.
    DataFileError if the backup cannot be used, BackupError if the safety backup fails (then nothing
    was changed).
    """
    backup_path = Path(backup_path)
    info = inspect_file(backup_path)
    if info.schema_version == 0:
        raise DataFileError(f"„{backup_path}“ enthält keine ZV-Daten und kann nicht wiederhergestellt werden.")
    own = not isinstance(store_or_path, Store)
    store = open_store(store_or_path) if not isinstance(store_or_path, Store) else store_or_path
    try:
        if store.read_only:
            raise DataFileError(f"„{store.path}“ ist nur zum Ansehen geöffnet: {store.read_only_reason}")
        if _same_file(backup_path, store.path):
            raise DataFileError(f"„{backup_path}“ ist die Datendatei selbst, keine Sicherung.")
        contents = read_contents(backup_path)
        if contents.site_id and contents.site_id != store.site_id:
            raise DataFileError(
                f"Die Sicherung „{backup_path.name}“ stammt aus der Datei einer anderen Dienststelle "
                f"(„{contents.office}“) und wird nicht über „{store.path.name}“ gelegt."
            )
        safety = make_backup(store.conn, store.path, configured, now, safety=True)
        try:
            source = sqlite3.connect(read_only_uri(backup_path), uri=True)
        except sqlite3.Error as exc:
            raise DataFileError(f"Die Sicherung „{backup_path}“ kann nicht gelesen werden ({exc}).") from exc
        try:
            source.backup(store.conn)
        except sqlite3.Error as exc:
            raise DataFileError(
                f"„{store.path}“ konnte nicht wiederhergestellt werden ({exc}); der vorige Stand liegt in „{safety}“."
            ) from exc
        finally:
            source.close()
        conn = store.conn
        conn.execute("PRAGMA foreign_keys = ON")
        if info.schema_version < info.latest_version:
            apply_migrations(conn, info.schema_version)
        # the backup's counter values were used again since: the restored file is a replica of its own
        store.replica_id = replica.rotate(conn, replica.file_identity(store.path), "Sicherung wiederhergestellt")
        with store.transaction():
            store._audit(  # the store's own audit entry, for an action on the whole file
                "file",
                store.path.name,
                "restore",
                {"backup": [None, str(backup_path.resolve())], "safety_backup": [None, str(safety.resolve())]},
            )
    finally:
        if own:
            store.close()
    return safety


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def restores(store: Store) -> list[dict[str, object]]:
    """The restores recorded in the audit log of an open file, newest first (for tests and the CLI)."""
    rows = store.query(
        "SELECT at, user_name, changes FROM audit_log WHERE table_name = 'file' AND action = 'restore' "
        "ORDER BY seq DESC"
    )
    return [{**row, "changes": json.loads(row["changes"])} for row in rows]
