"""Writing a merge plan into the data file (inside the merge's one transaction): rows taken from the other office,
joined version vectors, decided conflicts, conflicts left open, and an audit log entry for every change.

A row taken from the other office keeps its provenance (who changed it, where, when, its version vector); its
audit entry names that office and user, and the exchange file it came with. A decided conflict is a new change
of this file: its version vector has seen both sides, so the other office takes the decision without a conflict.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from zv_desktop.core.errors import Problem, ValidationError
from zv_desktop.core.exchange.office.merge_plan import RowChange, Verdict
from zv_desktop.core.store import Store, table_shapes, versions
from zv_desktop.core.store.store import loggable
from zv_desktop.core.store.versions import Stamp

#: A decision on a conflict: keep mine, take theirs, or field by field (field → "mine" | "theirs").
Choice = str | dict[str, str]
MINE, THEIRS = "mine", "theirs"
_LOCAL = ("row_version", "local_seq")
_AUDIT_COLUMNS = ("at", "site_id", "user_name", "table_name", "row_id", "action", "changes")


@dataclass
class WriteCounts:
    """What the merge wrote."""

    taken: int = 0
    joined: int = 0
    decided: int = 0
    left_open: int = 0
    open_keys: list[tuple[str, str]] = field(default_factory=list)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return table_shapes.column_names(conn, table, leave_out=_LOCAL)


def _audit_rows(changes: Iterable[RowChange], stamp: Stamp, origin: str) -> list[tuple[Any, ...]]:
    rows = []
    for change in changes:
        theirs, mine = change.theirs, change.mine
        if mine is None:
            action = "delete" if theirs["deleted"] else "insert"
            diff = {f: [None, theirs[f]] for f in change.fields if theirs[f] not in (None, "") and f != "content"}
        else:
            action = "delete" if theirs["deleted"] else "restore" if mine["deleted"] else "update"
            diff = {f: [mine[f], theirs[f]] for f in change.fields if f != "content"}
        diff["_austausch"] = [None, origin]
        rows.append(
            (
                stamp.now,
                theirs["site_id"],
                theirs["modified_by"],
                change.table,
                change.row_id,
                action,
                json.dumps(diff, default=loggable),
            )
        )
    return rows


def take(store: Store, changes: list[RowChange], stamp: Stamp, origin: str) -> int:
    """Write the other office's version of each record (new, changed, deleted), deletions first."""
    conn = store.conn
    by_table: dict[str, list[RowChange]] = {}
    for change in sorted(changes, key=lambda c: not c.theirs["deleted"]):
        by_table.setdefault(change.table, []).append(change)
    for table, rows in by_table.items():
        names = _columns(conn, table)
        updates = [c.theirs for c in rows if c.mine is not None]
        inserts = [c.theirs for c in rows if c.mine is None]
        assignments = ", ".join(f"{n} = :{n}" for n in names if n != "id")
        conn.executemany(
            f"UPDATE main.{table} SET {assignments}, row_version = row_version + 1, local_seq = {stamp.tick} "
            "WHERE id = :id",
            updates,
        )
        table_shapes.insert_rows(
            conn, table, [*names, *_LOCAL], ([*(row[n] for n in names), 1, stamp.tick] for row in inserts)
        )
    table_shapes.insert_rows(conn, "audit_log", _AUDIT_COLUMNS, _audit_rows(changes, stamp, origin))
    return len(changes)


def join(store: Store, changes: list[RowChange], stamp: Stamp) -> int:
    """Both sides hold the same content: keep it, with a version vector that has seen both."""
    for change in changes:
        assert change.mine is not None
        vv = versions.merged(str(change.mine["vv"]), str(change.theirs["vv"]))
        store.conn.execute(
            f"UPDATE main.{change.table} SET vv = ?, local_seq = ? WHERE id = ?", (vv, stamp.tick, change.row_id)
        )
    return len(changes)


def resolved_row(change: RowChange, choice: Choice) -> dict[str, Any]:
    """The content a decision gives a conflicting record (ValidationError for a field that is not in conflict)."""
    mine = change.mine
    assert mine is not None
    if choice == MINE:
        return dict(mine)
    if choice == THEIRS:
        return dict(change.theirs)
    if not isinstance(choice, dict):
        raise ValidationError([Problem(change.row_id, f"unbekannte Entscheidung „{choice}“")])
    row = dict(mine)
    for name, side in choice.items():
        if name not in change.fields or side not in (MINE, THEIRS):
            raise ValidationError([Problem(change.row_id, f"„{name}“ ist kein Feld dieses Konflikts")])
        if side == THEIRS:
            row[name] = change.theirs[name]
    return row


def decide(store: Store, change: RowChange, choice: Choice, stamp: Stamp, origin: str) -> None:
    """Write the decision on one conflict: the chosen content as a new change that has seen both versions.

    A conflict with a signed agreement is decided only by an explicit choice per record (the caller never applies
    a blanket "take theirs" to it), so a signed agreement is never changed without the user saying so.
    """
    mine = change.mine
    if mine is None:
        _decide_absent(store, change, choice, stamp, origin)
        return
    row = resolved_row(change, choice)
    vv = versions.with_entry(versions.merged(str(mine["vv"]), str(change.theirs["vv"])), stamp.replica, stamp.tick)
    row |= {"vv": vv, "modified_at": stamp.now, "site_id": stamp.site_id, "modified_by": stamp.user}
    names = [n for n in _columns(store.conn, change.table) if n != "id"]
    assignments = ", ".join(f"{n} = :{n}" for n in names)
    store.conn.execute(
        f"UPDATE main.{change.table} SET {assignments}, row_version = row_version + 1, local_seq = {stamp.tick} "
        "WHERE id = :id",
        {n: row[n] for n in [*names, "id"]},
    )
    diff: dict[str, Any] = {f: [mine[f], row[f]] for f in change.fields if mine[f] != row[f] and f != "content"}
    taken = "übernommen" if choice == THEIRS else "behalten" if choice == MINE else "feldweise entschieden"
    diff["_konflikt"] = [None, f"{taken} ({origin})"]
    _audit_decision(store, change, "update", diff, stamp)
    _close_noted(store, change, "fields" if isinstance(choice, dict) else choice, stamp)


def _audit_decision(store: Store, change: RowChange, action: str, diff: dict[str, Any], stamp: Stamp) -> None:
    """The audit row of a decided conflict, under this file's user."""
    row = (stamp.now, stamp.site_id, stamp.user, change.table, change.row_id, action)
    table_shapes.insert_rows(store.conn, "audit_log", _AUDIT_COLUMNS, [(*row, json.dumps(diff, default=loggable))])


def _close_noted(store: Store, change: RowChange, state: str, stamp: Stamp) -> None:
    """Mark a conflict noted as open earlier as decided."""
    store.conn.execute(
        "UPDATE main.exchange_conflicts SET state = ?, decided_at = ?, decided_by = ? WHERE table_name = ? "
        "AND row_id = ? AND state = 'open'",
        (state, stamp.now, stamp.user, change.table, change.row_id),
    )


def _decide_absent(store: Store, change: RowChange, choice: Choice, stamp: Stamp, origin: str) -> None:
    """A record this file does not have (new in an agreement signed here): take it, or keep it out.

    Keeping it out is written as a deletion mark that has seen the other version, so the other office learns of
    the decision instead of sending the record again.
    """
    if choice not in (MINE, THEIRS):
        raise ValidationError(
            [Problem(change.row_id, "ein hier fehlender Datensatz wird ganz übernommen oder abgelehnt")]
        )
    row = dict(change.theirs)
    if choice == MINE:
        row["deleted"] = 1
    row |= {"modified_at": stamp.now, "site_id": stamp.site_id, "modified_by": stamp.user}
    row["vv"] = versions.with_entry(str(change.theirs["vv"]), stamp.replica, stamp.tick)
    names = _columns(store.conn, change.table)
    table_shapes.insert_rows(store.conn, change.table, [*names, *_LOCAL], [[*(row[n] for n in names), 1, stamp.tick]])
    diff: dict[str, Any] = {f: [None, row[f]] for f in change.fields if row[f] not in (None, "") and f != "content"}
    diff["_konflikt"] = [None, f"{'übernommen' if choice == THEIRS else 'abgelehnt'} ({origin})"]
    _audit_decision(store, change, "insert" if choice == THEIRS else "delete", diff, stamp)
    _close_noted(store, change, choice, stamp)


def _blob(value: object) -> dict[str, str]:
    """Bytes (an Anlage's content) in a stored row image."""
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    raise TypeError(type(value).__name__)


def keep_open(store: Store, change: RowChange, stamp: Stamp, replica_id: str, office: str) -> bool:
    """Note a conflict left for later (this file keeps its version); False if it was already noted as it is."""
    image = json.dumps(change.theirs, ensure_ascii=False, sort_keys=True, default=_blob)
    reason = change.conflict.value if change.conflict else ""
    found = store.conn.execute(
        "SELECT id, theirs FROM main.exchange_conflicts WHERE table_name = ? AND row_id = ? AND state = 'open'",
        change.key,
    ).fetchone()
    if found is not None and found[1] == image:
        return False
    if found is not None:
        store.conn.execute(
            "UPDATE main.exchange_conflicts SET theirs = ?, theirs_vv = ?, reason = ?, from_replica = ?, "
            "from_office = ?, received_at = ? WHERE id = ?",
            (image, change.theirs["vv"], reason, replica_id, office, stamp.now, found[0]),
        )
        return True
    names = ("table_name", "row_id", "reason", "theirs", "theirs_vv", "from_replica", "from_office", "received_at")
    row = (*change.key, reason, image, change.theirs["vv"], replica_id, office, stamp.now)
    table_shapes.insert_rows(store.conn, "exchange_conflicts", names, [row])
    return True


def settle_open(store: Store, keys: Iterable[tuple[str, str]], stamp: Stamp) -> None:
    """Conflicts noted earlier whose record the other office has since settled (its newer version was taken)."""
    store.conn.executemany(
        "UPDATE main.exchange_conflicts SET state = 'gone', decided_at = ? WHERE table_name = ? AND row_id = ? "
        "AND state = 'open'",
        [(stamp.now, table, row_id) for table, row_id in keys],
    )


def is_taken(change: RowChange) -> bool:
    """True for the verdicts that write the other office's version as it is."""
    return change.verdict in (Verdict.NEW, Verdict.CHANGED, Verdict.DELETED)
