"""Writing staged values into the data file: one transaction, every sync column, one audit row per insert/update.

The statements run inside SQLite (INSERT … SELECT from the staging table), which is what makes 100,000 values
fast; the rows they write are the rows ``Store.write`` would write: the same sync columns (created_at,
modified_at, site_id, modified_by, row_version, deleted) and an ``audit_log`` row per value whose ``changes`` are
the JSON ``Store._audit`` writes ({"field": [old, new], …}; for an insert every non-empty field with old null).
"""

from __future__ import annotations

from zv_desktop.core.exchange.xlsx_import.staging import CHANGED, NEW, Stage
from zv_desktop.core.progress import Progress
from zv_desktop.core.store import Store
from zv_desktop.core.store.store import utc_now

#: Values per statement, so that progress can be reported (and cancelling takes effect) while writing.
CHUNK = 25_000

#: A random (version 4) UUID made by SQLite, in the text form of ``uuid.uuid4()``.
_UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || "
    "substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)


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
    parts += [', "id": [null, "', "{new_id}", '"]}']
    return _concat(*parts)


def _update_changes() -> str:
    """SQL for the audit JSON of an updated value: the value, and source and comment where they change."""
    parts = ['{"value": [', "{json_quote(old_value)}", ', "', "{value}", '"]']
    for name in ("source", "comment"):
        pair = _concat(f', "{name}": [', f"{{json_quote(old_{name})}}", ", ", f"{{json_quote({name})}}", "]")
        parts.append(f"{{CASE WHEN old_{name} != {name} THEN {pair} ELSE '' END}}")
    parts.append("}")
    return _concat(*parts)


_INSERT_CHANGES = _insert_changes()
_UPDATE_CHANGES = _update_changes()


def _assign_ids(store: Store, name: str) -> None:
    """Give every new value a fresh random UUID; the ids are handed out in sorted order along the sheet's rows.

    The ids stay random, but rows inserted in sheet order then also arrive in id order, so the primary key and the
    (area, measure, year …) index both grow in order: inserting takes about half the time.
    """
    ids = f"{name}_ids"
    store.conn.execute(f"CREATE TEMP TABLE {ids} (n INTEGER PRIMARY KEY, id TEXT NOT NULL)")
    store.conn.execute(f"INSERT INTO {ids} (id) SELECT {_UUID_SQL} AS u FROM {name} WHERE status = {NEW} ORDER BY u")
    store.conn.execute(
        f"WITH ranked AS (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM {name} WHERE status = {NEW}) "
        f"UPDATE {name} SET new_id = i.id FROM ranked JOIN {ids} AS i USING (n) WHERE {name}.seq = ranked.seq"
    )
    store.conn.execute(f"DROP TABLE temp.{ids}")


def write_staged(store: Store, stage: Stage, progress: Progress | None = None, total: int = 0) -> None:
    """Insert the NEW and update the CHANGED values of ``stage``, with their audit rows (caller's transaction)."""
    conn, name = store.conn, stage.name
    stamp = {"now": utc_now(), "site": store.site_id, "user": store.user}
    last = conn.execute(f"SELECT coalesce(max(seq), 0) FROM {name}").fetchone()[0]
    # a file without a Bemerkung (a monthly table, an empty cell) never wipes the remark stored with a value
    conn.execute(
        f"UPDATE {name} SET comment = old_comment WHERE comment = '' AND status = {CHANGED} AND old_id IS NOT NULL"
    )
    _assign_ids(store, name)
    done = 0
    for low in range(1, last + 1, CHUNK):
        window = {**stamp, "low": low, "high": low + CHUNK - 1}
        conn.execute(
            "INSERT INTO kpi_values (id, measure_id, area_id, year, period_type, period_no, value_kind, value, "
            "source, comment, created_at, modified_at, site_id, modified_by, row_version, deleted) "
            "SELECT new_id, measure_id, area_id, year, 'M', period_no, value_kind, value, source, comment, "
            f":now, :now, :site, :user, 1, 0 FROM {name} WHERE status = {NEW} AND seq BETWEEN :low AND :high "
            "ORDER BY seq",
            window,
        )
        conn.execute(
            "INSERT INTO audit_log (at, site_id, user_name, table_name, row_id, action, changes) "
            f"SELECT :now, :site, :user, 'kpi_values', new_id, 'insert', {_INSERT_CHANGES} FROM {name} "
            f"WHERE status = {NEW} AND seq BETWEEN :low AND :high ORDER BY seq",
            window,
        )
        conn.execute(
            "UPDATE kpi_values SET value = s.value, source = s.source, comment = s.comment, modified_at = :now, "
            "site_id = :site, modified_by = :user, row_version = kpi_values.row_version + 1 "
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
            progress.update(done, max(last, total), f"{done:,} von {last:,} Zeilen gespeichert".replace(",", "."))
