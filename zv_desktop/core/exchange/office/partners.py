"""The offices (replicas) this file exchanged with: what was last sent to each and what each had seen.

A delta for an office holds what it has not seen: rows changed here since the last file sent to it, without the
versions its own last file showed it has (its knowledge vector), nor those it learned from our last file.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from zv_desktop.core.errors import NotFoundError
from zv_desktop.core.store import Store


@dataclass(frozen=True)
class Partner:
    """One office's file copy this file exchanged with."""

    replica_id: str
    site_id: str
    office_name: str
    last_sent_at: str | None
    last_sent_seq: int
    last_sent_known: dict[str, int]
    last_received_at: str | None
    their_known: dict[str, int]

    @property
    def basis(self) -> dict[str, int]:
        """What the office has seen, as far as this file knows: its own report and what was sent to it since."""
        known = dict(self.their_known)
        for replica, counter in self.last_sent_known.items():
            known[replica] = max(counter, known.get(replica, 0))
        return known

    @property
    def last_exchange(self) -> str:
        """Time of the latest file sent to or received from the office (UTC text, '' if none)."""
        return max(self.last_sent_at or "", self.last_received_at or "")

    @property
    def label(self) -> str:
        """German label for lists: office name and the first digits of the replica."""
        return f"{self.office_name or 'Unbenannte Dienststelle'} (Kopie {self.replica_id[:6]})"


def _vector(text: str) -> dict[str, int]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): int(v) for k, v in data.items() if isinstance(v, int)}


def partners(conn: sqlite3.Connection) -> list[Partner]:
    """Every office this file exchanged with, the latest exchange first."""
    rows = conn.execute(
        "SELECT replica_id, site_id, office_name, last_sent_at, last_sent_seq, last_sent_known, last_received_at, "
        "their_known FROM exchange_partners"
    ).fetchall()
    found = [
        Partner(str(r[0]), str(r[1]), str(r[2]), r[3], int(r[4]), _vector(r[5]), r[6], _vector(r[7])) for r in rows
    ]
    return sorted(found, key=lambda p: p.last_exchange, reverse=True)


def known_partners(store: Store) -> list[Partner]:
    """The offices this file exchanged with (for „Nur Änderungen seit dem letzten Austausch mit …“)."""
    return partners(store.conn)


def find_partner(conn: sqlite3.Connection, text: str) -> Partner:
    """The partner named by replica id (or its first digits), office id or office name; NotFoundError otherwise."""
    wanted = text.strip().lower()
    known = partners(conn)
    hits = [
        p
        for p in known
        if wanted and (p.replica_id.startswith(wanted) or p.site_id == wanted or p.office_name.lower() == wanted)
    ]
    if len(hits) == 1:
        return hits[0]
    names = ", ".join(f"„{p.label}“" for p in known) or "keine"
    if not hits:
        raise NotFoundError(f"Mit „{text}“ gab es noch keinen Austausch. Bekannte Dienststellen: {names}.")
    raise NotFoundError(f"„{text}“ ist nicht eindeutig ({names}); bitte die Kennung der Kopie angeben.")


def _upsert(store: Store, replica_id: str, site_id: str, office: str, values: dict[str, Any]) -> None:
    store.conn.execute(
        "INSERT INTO exchange_partners (replica_id, site_id, office_name) VALUES (?, ?, ?) "
        "ON CONFLICT (replica_id) DO UPDATE SET site_id = excluded.site_id, office_name = excluded.office_name",
        (replica_id, site_id, office),
    )
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    store.conn.execute(
        f"UPDATE exchange_partners SET {assignments} WHERE replica_id = :id", {**values, "id": replica_id}
    )


def record_sent(store: Store, partner: Partner | None, at: str, seq: int, known: dict[str, int] | None) -> None:
    """Note a file written for ``partner`` (inside the caller's transaction); ``known`` only for complete files."""
    if partner is None:
        return
    values: dict[str, Any] = {"last_sent_at": at, "last_sent_seq": seq}
    if known is not None:
        values["last_sent_known"] = json.dumps(known)
    _upsert(store, partner.replica_id, partner.site_id, partner.office_name, values)


def record_received(store: Store, replica_id: str, site_id: str, office: str, at: str, known: dict[str, int]) -> None:
    """Note a file received from an office and what it had seen then (inside the caller's transaction)."""
    if not replica_id or replica_id == store.replica_id:
        return
    values: dict[str, Any] = {"last_received_at": at, "their_known": json.dumps(known)}
    _upsert(store, replica_id, site_id, office, values)


def log_exchange(
    store: Store, direction: str, replica_id: str, office: str, file_name: str, manifest: dict[str, Any], counts: Any
) -> None:
    """One line in the file's exchange log (inside the caller's transaction)."""
    store.conn.execute(
        "INSERT INTO exchange_log (at, direction, replica_id, office_name, file_name, user_name, manifest, counts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            store.stamp().now,
            direction,
            replica_id,
            office,
            file_name,
            store.user,
            json.dumps(manifest, ensure_ascii=False),
            json.dumps(counts, ensure_ascii=False),
        ),
    )
