"""Conflicts of earlier merges left for later: listed with both versions, decided one by one or together.

A conflict left open keeps this file's version; the other office's version is stored as a row image in
``exchange_conflicts``. Deciding it later writes the same change a decision during the merge would have written.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from zv_desktop.core.errors import DataFileError
from zv_desktop.core.exchange.office import merge_write
from zv_desktop.core.exchange.office.describe import ChangeText, describe
from zv_desktop.core.exchange.office.merge_plan import ConflictKind, RowChange, Verdict, content_columns
from zv_desktop.core.exchange.office.merge_write import Choice
from zv_desktop.core.store import Store, versions
from zv_desktop.core.store.conflicts import local_time_text
from zv_desktop.core.store.versions import Order

_KINDS = {kind.value: kind for kind in ConflictKind}


@dataclass(frozen=True)
class OpenConflict:
    """A conflict noted in an earlier merge and not decided yet."""

    change: RowChange  # mine: the record as it is in this file now; theirs: the other office's version then
    from_office: str
    received_at: str
    text: ChangeText  # the two versions in words

    @property
    def origin(self) -> str:
        """Where the other version came from, for the audit log."""
        return (
            f"{self.from_office or 'unbekannte Dienststelle'}, offener Konflikt vom {local_time_text(self.received_at)}"
        )


def _decoded(value: dict[str, Any]) -> Any:
    """Bytes (an Anlage's content) come back from the stored row image."""
    if set(value) == {"base64"}:
        return base64.b64decode(value["base64"])
    return value


def open_conflicts(store: Store) -> list[OpenConflict]:
    """The open conflicts of this file, oldest first; those settled meanwhile (by a later edit that saw both) left out."""
    conn = store.conn
    found = []
    rows = conn.execute(
        "SELECT table_name, row_id, reason, theirs, from_office, received_at FROM exchange_conflicts "
        "WHERE state = 'open' ORDER BY received_at, id"
    ).fetchall()
    for table, row_id, reason, image, office, received_at in rows:
        cursor = conn.execute(f"SELECT * FROM main.{table} WHERE id = ?", (row_id,))
        names = [d[0] for d in cursor.description]
        current = cursor.fetchone()
        mine = dict(zip(names, current, strict=True)) if current is not None else None  # None: new in a signed one
        theirs = json.loads(image, object_hook=_decoded)
        if mine is not None and versions.compare(str(mine["vv"]), str(theirs["vv"])) in (Order.NEWER, Order.EQUAL):
            continue
        fields = tuple(c for c in content_columns(conn, table) if mine is None or mine.get(c) != theirs.get(c))
        change = RowChange(table, row_id, Verdict.CONFLICT, theirs, mine, fields, _KINDS.get(reason, ConflictKind.BOTH))
        found.append(OpenConflict(change, str(office or ""), str(received_at or ""), describe(conn, change)))
    return found


def decide_open(store: Store, choices: dict[tuple[str, str], Choice]) -> int:
    """Decide open conflicts (table, id) → mine / theirs / {field: side} in one transaction; returns how many.

    DataFileError if one of them is no longer open (decided at another workplace meanwhile): nothing is written.
    """
    with store.transaction():
        current = {c.change.key: c for c in open_conflicts(store)}
        missing = [key for key in choices if key not in current]
        if missing:
            raise DataFileError(
                "Ein Konflikt ist inzwischen nicht mehr offen (an einem anderen Arbeitsplatz entschieden oder "
                "durch eine neuere Fassung erledigt). Nichts wurde geändert; bitte die Liste neu öffnen."
            )
        stamp = store.stamp()
        for key, choice in choices.items():
            conflict = current[key]
            merge_write.decide(store, conflict.change, choice, stamp, conflict.origin)
    return len(choices)
