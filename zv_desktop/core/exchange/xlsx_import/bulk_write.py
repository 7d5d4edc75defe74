"""Writing staged values into the data file: one transaction, every sync column, one audit row per insert/update.

The statements run inside SQLite (INSERT … SELECT from the staging table), which is what makes 100,000 values
fast; the rows they write are the rows ``Store.write`` would write: the same sync columns from the transaction's
``Store.stamp()`` (created_at, modified_at, site_id, modified_by, vv, local_seq; row_version, deleted) and an ``audit_log`` row per value whose ``changes`` are
the JSON ``Store._audit`` writes ({"field": [old, new], …}; for an insert every non-empty field with old null).
"""

from __future__ import annotations

import secrets
import sqlite3
import uuid

from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, Stage
from zv_desktop.core.formats import format_count
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store

#: Values per statement, so that progress can be reported (and cancelling takes effect) while writing.
CHUNK = 25_000

#: The id of a new value: the import's random stem (the first 20 hex digits of a version-4 UUID) and 12 hex
#: digits counting up from a random start along the sheet's rows (see ``_id_parts``).
_NEW_ID_SQL = "(:stem || printf('%012x', :start + seq))"


def _concat(*parts: str) -> str:
    """SQL that concatenates ``parts``: text in ``{…}`` is an SQL expression, the rest literal (merged, quoted)."""
    pieces: list[str] = []
    literal = ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            if literal:
                pieces.append("'" + literal.replace("'", "''") + "'")
                literal = ""
            pieces.append(part[1:-1])
        else:
            literal += part
    if literal:
        pieces.append("'" + literal.replace("'", "''") + "'")
    return " || ".join(pieces)


def _insert_changes() -> str:
    """SQL for the audit JSON of an inserted value, field by field in the order of the record.

    Ids, numbers as text and value kinds need no escaping and go in quotes as they are (faster than json_quote).
    """
    quoted = ("measure_id", "area_id", "year", "value", "period_type", "period_no", "value_kind")
    parts: list[str] = ["{"]
    for name in quoted:
        if name == "period_type":
            parts += [', "period_type": [null, "M"]']
        elif name in ("year", "period_no"):
            parts += [f', "{name}": [null, ', f"{{{name}}}", "]"]
        else:
            parts += [f', "{name}": [null, "', f"{{{name}}}", '"]']
    parts[1] = parts[1][2:]  # no comma before the first field
    for name in ("source", "comment"):
        optional = _concat(f', "{name}": [null, ', f"{{json_quote({name})}}", "]")
        parts.append(f"{{CASE WHEN {name} != '' THEN {optional} ELSE '' END}}")
    parts += [', "id": [null, "', "{" + _NEW_ID_SQL + "}", '"]}']
    return _concat(*parts)


def _update_changes() -> str:
    """SQL for the audit JSON of an updated value: the value, and source and comment where they change."""
    parts = ['{"value": [', "{json_quote(old_value)}", ', "', "{value}", '"]']
    for name in ("source", "comment"):
        pair = _concat(f', "{name}": [', f"{{json_quote(old_{name})}}", ", ", f"{{json_quote({name})}}", "]")
        parts.append(f"{{CASE WHEN old_{name} != {name} THEN {pair} ELSE '' END}}")
    parts.append("}")
    return _concat(*parts)


def _restore_changes() -> str:
    """SQL for the audit JSON of a deleted value imported again: deleted, and the fields that change."""
    parts = ['{"deleted": [1, 0]']
    for name in ("value", "source", "comment"):
        pair = _concat(f', "{name}": [', f"{{json_quote(k.{name})}}", ", ", f"{{json_quote(s.{name})}}", "]")
        parts.append(f"{{CASE WHEN k.{name} != s.{name} THEN {pair} ELSE '' END}}")
    parts.append("}")
    return _concat(*parts)


_INSERT_CHANGES = _insert_changes()
_UPDATE_CHANGES = _update_changes()
_RESTORE_CHANGES = _restore_changes()


def _id_parts() -> dict[str, object]:
    """The random parts of this import's new ids: a stem from a fresh ``uuid4`` and a random start for the count.

    Every id keeps the form and the version digit of a random UUID and is unique across offices (74 random bits
    per import; the count stays below 2**48). Counting up along the sheet's rows makes the ids arrive in order, so
    the primary key and the (area, measure, year …) index both grow in order: inserting takes about half the time
    of random ids, and no id has to be stored before the insert.
    """
    stem = str(uuid.uuid4())[:24]
    return {"stem": stem, "start": secrets.randbelow(2**47)}


def write_staged(store: Store, stage: Stage, progress: Progress | None = None, total: int = 0) -> None:
    """Insert the NEW and update the CHANGED values of ``stage``, with their audit rows (caller's transaction)."""
    conn, name = store.conn, stage.name
    made = store.stamp()
    stamp = {"now": made.now, "site": made.site_id, "user": made.user, "replica": made.replica, "tick": made.tick}
    stamp |= _id_parts()
    last = conn.execute(f"SELECT coalesce(max(seq), 0) FROM {name}").fetchone()[0]
    # a file without a Bemerkung (a monthly table, an empty cell) never wipes the remark stored with a value
    conn.execute(
        f"UPDATE {name} SET comment = old_comment WHERE comment = '' AND status = {CHANGED} AND old_id IS NOT NULL"
    )
    done = 0
    for low in range(1, last + 1, CHUNK):
        window = {**stamp, "low": low, "high": low + CHUNK - 1}
        conn.execute(
            "INSERT INTO kpi_values (id, measure_id, area_id, year, period_type, period_no, value_kind, value, "
            "source, comment, created_at, modified_at, site_id, modified_by, row_version, deleted, vv, local_seq) "
            f"SELECT {_NEW_ID_SQL}, measure_id, area_id, year, 'M', period_no, value_kind, value, source, comment, "
            f":now, :now, :site, :user, 1, 0, :replica || ':' || :tick, :tick FROM {name} WHERE status = {NEW} "
            "AND dead_id IS NULL "
            "AND seq BETWEEN :low AND :high ORDER BY seq",
            window,
        )
        conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            f"SELECT :now, :site, :user, 'kpi_values', {_NEW_ID_SQL}, 'insert', {_INSERT_CHANGES} FROM {name} "
            f"WHERE status = {NEW} AND dead_id IS NULL AND seq BETWEEN :low AND :high ORDER BY seq",
            window,
        )
        _restore(conn, name, window)
        conn.execute(
            "UPDATE kpi_values SET value = s.value, mark = '', source = s.source, comment = s.comment, modified_at = :now, "
            "site_id = :site, modified_by = :user, row_version = kpi_values.row_version + 1, "
            "vv = zv_vv_with(kpi_values.vv, :replica, :tick), local_seq = :tick "
            f"FROM {name} AS s WHERE kpi_values.id = s.old_id AND s.status = {CHANGED} "
            "AND s.seq BETWEEN :low AND :high",
            window,
        )
        conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            f"SELECT :now, :site, :user, 'kpi_values', old_id, 'update', {_UPDATE_CHANGES} FROM {name} "
            f"WHERE status = {CHANGED} AND seq BETWEEN :low AND :high ORDER BY seq",
            window,
        )
        done = min(last, low + CHUNK - 1)
        if progress is not None:
            progress.update(done, max(last, total), f"{format_count(done)} von {format_count(last)} Zeilen gespeichert")


def _restore(conn: sqlite3.Connection, name: str, window: dict[str, object]) -> None:
    """Revive the deleted records of values imported again (``dead_id``), audit row first (it reads the old row)."""
    where = f"s.status = {NEW} AND s.dead_id IS NOT NULL AND s.seq BETWEEN :low AND :high"
    conn.execute(
        "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
        f"SELECT :now, :site, :user, 'kpi_values', s.dead_id, 'restore', {_RESTORE_CHANGES} FROM {name} AS s "
        f"JOIN kpi_values AS k ON k.id = s.dead_id WHERE {where} ORDER BY s.seq",
        window,
    )
    conn.execute(
        "UPDATE kpi_values SET value = s.value, mark = '', source = s.source, comment = s.comment, deleted = 0, "
        "modified_at = :now, site_id = :site, modified_by = :user, row_version = kpi_values.row_version + 1, "
        "vv = zv_vv_with(kpi_values.vv, :replica, :tick), local_seq = :tick "
        f"FROM {name} AS s WHERE kpi_values.id = s.dead_id AND {where}",
        window,
    )
