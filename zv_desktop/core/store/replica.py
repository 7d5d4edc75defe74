"""Which file copy (replica) this is, its counter, and what it knows of the others.

The office (``site_id``) travels with a copy of the file; the replica id must not. Each file keeps its identity on
disk (``meta.replica_file``: the file's index number, or its path where the file system has none). A file opened
for editing whose identity on disk differs (a copy on a laptop, a file restored by copying a backup over it, an
exchange file opened as a data file) becomes a new replica before it writes anything: the old replica's counter
values are never used twice for different changes.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

#: ``meta.replica_file`` of an exchange file: any file opened for editing from it is a new replica.
EXCHANGE_IDENTITY = "austauschdatei"


def file_identity(path: Path) -> str:
    """What tells this file apart from a copy of it: its index number on the volume (the path where there is none)."""
    try:
        inode = os.stat(path).st_ino
    except OSError:
        inode = 0
    return f"ino:{inode}" if inode else f"path:{path.resolve()}"


def new_replica_id() -> str:
    """A fresh replica id: 16 random hex digits."""
    return secrets.token_hex(8)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT key, value FROM main.meta WHERE key LIKE 'replica_%' OR key LIKE 'site_%'").fetchall()
    return {str(k): str(v) for k, v in rows}


def replica_id(conn: sqlite3.Connection, schema: str = "main") -> str:
    """The replica id stored in the file ('' for a file older than the exchange schema); ``schema``: an attached one."""
    row = conn.execute(f"SELECT value FROM {schema}.meta WHERE key = 'replica_id'").fetchone()
    return str(row[0]) if row else ""


def ensure_replica(conn: sqlite3.Connection, path: Path) -> str:
    """The replica id of the file opened for editing at ``path``; a copy gets a new one first. Returns it."""
    meta = _meta(conn)
    identity = file_identity(path)
    current = meta.get("replica_id", "")
    with conn:
        conn.execute(
            "UPDATE replicas SET site_id = ?, office_name = ? WHERE id = ?",
            (meta.get("site_id", ""), meta.get("site_name", ""), current),
        )
        if meta.get("replica_file", "") == "":
            conn.execute("UPDATE meta SET value = ? WHERE key = 'replica_file'", (identity,))
            return current
        if meta["replica_file"] == identity:
            return current
    return rotate(conn, identity, "Kopie erkannt")


def rotate(conn: sqlite3.Connection, identity: str, reason: str) -> str:
    """Make this file a new replica (a copy, a restored backup); the old id's changes stay known. Returns the id.

    Inside an open transaction the change becomes part of it; otherwise it is committed at once.
    """
    if conn.in_transaction:
        return _rotate(conn, identity, reason)
    with conn:
        return _rotate(conn, identity, reason)


def _rotate(conn: sqlite3.Connection, identity: str, reason: str) -> str:
    meta = _meta(conn)
    old, counter = meta.get("replica_id", ""), int(meta.get("replica_seq", "0") or 0)
    new = new_replica_id()
    now = _now()
    changes = {"replica_id": [old, new], "reason": [None, reason]}
    conn.execute("UPDATE main.replicas SET known_seq = max(known_seq, ?) WHERE id = ?", (counter, old))
    conn.execute(
        "INSERT INTO main.replicas (id, site_id, office_name, known_seq, parent_id, first_seen) VALUES (?, ?, ?, ?, ?, ?)",
        (new, meta.get("site_id", ""), meta.get("site_name", ""), counter, old, now),
    )
    conn.execute("UPDATE main.meta SET value = ? WHERE key = 'replica_id'", (new,))
    conn.execute("UPDATE main.meta SET value = ? WHERE key = 'replica_file'", (identity,))
    conn.execute(
        "INSERT INTO main.audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
        "VALUES (?, ?, 'system', 'meta', 'replica_id', 'update', ?)",
        (now, meta.get("site_id", ""), json.dumps(changes, ensure_ascii=False)),
    )
    return new


def next_tick(conn: sqlite3.Connection) -> int:
    """Count one writing transaction of this replica (inside it); returns the new counter value."""
    row = conn.execute(
        "UPDATE main.meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'replica_seq' RETURNING value"
    ).fetchone()
    if row is None:
        raise RuntimeError("data file without a replica counter (meta 'replica_seq')")
    return int(row[0])


def current_tick(conn: sqlite3.Connection, schema: str = "main") -> int:
    """This replica's counter now (its latest writing transaction)."""
    row = conn.execute(f"SELECT value FROM {schema}.meta WHERE key = 'replica_seq'").fetchone()
    return int(row[0]) if row else 0


def knowledge(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    """What this file has seen: replica id → the counter up to which it has every change of that replica."""
    rows = conn.execute(f"SELECT id, known_seq FROM {schema}.replicas WHERE known_seq > 0")
    known = {str(r): int(s) for r, s in rows}
    own = replica_id(conn, schema)
    if own:
        known[own] = current_tick(conn, schema)
    return known
