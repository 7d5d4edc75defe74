"""Same thing, two ids: records two offices made independently, matched by what they are, not by their id.

* A measure by its code (one live measure per code is a rule of the data file, so the match is not optional).
* A Träger by its name and role, an area by its AGS (or, without one, by name and kind): proposed, and the user
  confirms each match; a refused match brings the other office's record in as a record of its own.
* A KPI value by (measure, area, year, period, kind): the same figure on both sides is one value.

A match rewrites the received copy (never the user's file): the other office's record and every reference to it
take this file's id, so the merge then compares them as one record.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from zv_desktop.core.choices import PartyRole
from zv_desktop.core.exchange.office.scope import RECORD_TABLES
from zv_desktop.core.store import table_shapes


@dataclass
class Match:
    """A record of the other office taken as one of this file's records."""

    table: str
    theirs_id: str
    mine_id: str
    label: str  # German: what was matched, and by what
    optional: bool  # the user may refuse it
    accepted: bool = True

    @property
    def key(self) -> tuple[str, str]:
        """(table, their id): how a refusal refers to the match."""
        return (self.table, self.theirs_id)


def find_matches(conn: sqlite3.Connection) -> list[Match]:
    """Measures, Träger and areas of the received file ``x`` that are live records of this file under another id."""
    found: list[Match] = []
    for theirs, mine, code in conn.execute(
        "SELECT t.id, m.id, t.code FROM x.measures t JOIN main.measures m ON m.code = t.code AND m.deleted = 0 "
        "WHERE t.deleted = 0 AND m.id <> t.id AND t.id NOT IN (SELECT id FROM main.measures)"
    ):
        found.append(Match("measures", theirs, mine, f"Messgröße „{code}“ (gleiches Kürzel)", optional=False))
    for theirs, mine, name, role in conn.execute(
        "SELECT t.id, min(m.id), t.name, t.role FROM x.parties t JOIN main.parties m ON lower(trim(m.name)) = "
        "lower(trim(t.name)) AND m.role = t.role AND m.deleted = 0 WHERE t.deleted = 0 AND m.id <> t.id "
        "AND t.id NOT IN (SELECT id FROM main.parties) GROUP BY t.id"
    ):
        found.append(Match("parties", theirs, mine, f"Träger „{name}“ ({_role(role)}, gleicher Name)", True))
    for theirs, mine, name, ags in conn.execute(
        "SELECT t.id, min(m.id), t.name, t.ags FROM x.areas t JOIN main.areas m ON m.deleted = 0 AND m.kind = t.kind "
        "AND (CASE WHEN t.ags <> '' AND m.ags <> '' THEN m.ags = t.ags ELSE lower(trim(m.name)) = lower(trim(t.name)) END) "
        "WHERE t.deleted = 0 AND m.id <> t.id AND t.id NOT IN (SELECT id FROM main.areas) GROUP BY t.id"
    ):
        by = f"gleicher AGS {ags}" if ags else "gleicher Name"
        found.append(Match("areas", theirs, mine, f"Gebiet „{name}“ ({by})", True))
    return found


def _role(value: str) -> str:
    try:
        return PartyRole(value).label
    except ValueError:
        return value


def _references(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    """Parent table → [(child table, column)] of every reference between record tables (both files have one
    schema version, so main's references are the attached file's too)."""
    refs: dict[str, list[tuple[str, str]]] = {}
    for child, column, parent in table_shapes.references(conn, RECORD_TABLES):
        refs.setdefault(parent, []).append((child, column))
    return refs


def rewrite_ids(conn: sqlite3.Connection, table: str, pairs: list[tuple[str, str]], schema: str = "x") -> None:
    """Give records the other id of their match (old → new), with every reference to them, in ``schema``."""
    if not pairs:
        return
    refs = _references(conn).get(table, [])
    conn.executemany(
        f"UPDATE {schema}.{table} SET id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM {schema}.{table} WHERE id = ?)",
        [(new, old, new) for old, new in pairs],
    )
    for child, column in refs:
        conn.executemany(f"UPDATE {schema}.{child} SET {column} = ? WHERE {column} = ?", [(n, o) for o, n in pairs])


def settle_ids(conn: sqlite3.Connection, matches: list[Match]) -> list[tuple[str, str, str]]:
    """After the merge, the smaller of two matched ids becomes the id in this file too, so that every office
    ends up with the same id for the same thing. Returns (table, old id, new id) of the records renamed here."""
    renamed = []
    for match in matches:
        if match.accepted and match.theirs_id < match.mine_id:
            rewrite_ids(conn, match.table, [(match.mine_id, match.theirs_id)], "main")
            renamed.append((match.table, match.mine_id, match.theirs_id))
    return renamed


_KEY = ("area_id", "measure_id", "year", "period_type", "period_no", "value_kind")
_SAME_KEY = " AND ".join(f"m.{c} = t.{c}" for c in _KEY)


def _value_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """KPI values of the received copy that this file holds under another id: (their id, my id).

    A live value of this file is found by its key first; else the latest deletion of a value with that key, so an
    entry against a deletion becomes a conflict instead of two unrelated records.
    """
    # The received values this file lacks by id, found in one pass (in the received copy's row order); only they
    # can match. Received from a copy of this file, that is none or a few, so the rest is cheap.
    conn.execute("DROP TABLE IF EXISTS temp.fresh_values")
    conn.execute(
        "CREATE TEMP TABLE fresh_values AS SELECT t.rowid AS xrow FROM x.kpi_values t "
        "WHERE t.id NOT IN (SELECT id FROM main.kpi_values)"
    )
    if conn.execute("SELECT 1 FROM temp.fresh_values LIMIT 1").fetchone() is None:
        return []
    fresh = "JOIN x.kpi_values t ON t.rowid = f.xrow"
    pairs = conn.execute(
        f"SELECT t.id, m.id FROM temp.fresh_values f {fresh} JOIN main.kpi_values m ON {_SAME_KEY} AND m.deleted = 0 "
        "WHERE m.id NOT IN (SELECT id FROM x.kpi_values) ORDER BY t.deleted, t.local_seq DESC"
    ).fetchall()
    conn.execute("DROP TABLE IF EXISTS temp.deleted_values")
    conn.execute(
        f"CREATE TEMP TABLE deleted_values AS SELECT id, local_seq, {', '.join(_KEY)} FROM main.kpi_values "
        "WHERE deleted = 1 AND id NOT IN (SELECT id FROM x.kpi_values)"
    )
    conn.execute(f"CREATE INDEX temp.deleted_values_key ON deleted_values ({', '.join(_KEY)})")
    pairs += conn.execute(
        f"SELECT t.id, (SELECT m.id FROM temp.deleted_values m WHERE {_SAME_KEY} ORDER BY m.local_seq DESC LIMIT 1) "
        f"AS mine FROM temp.fresh_values f {fresh} WHERE mine IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.kpi_values m "
        f"WHERE {_SAME_KEY} AND m.deleted = 0) ORDER BY t.deleted, t.local_seq DESC"
    ).fetchall()
    taken: set[str] = set()
    unique = []
    for theirs, mine in pairs:
        if mine not in taken:  # one record of this file matches one record of the other
            taken.add(mine)
            unique.append((str(theirs), str(mine)))
    return unique


def second_value_ids(conn: sqlite3.Connection, limit: int = 3) -> list[dict[str, Any]]:
    """Received live KPI values whose key is live here under an id the received file holds as deleted.

    Such a pair (deleted there, then entered under a new id) comes only from files of versions before entering a
    deleted value revived its record; the merge cannot take it (two live values for one key) and names these.
    """
    rows = conn.execute(
        f"SELECT t.* FROM x.kpi_values t JOIN main.kpi_values m ON {_SAME_KEY} AND m.deleted = 0 "
        "WHERE t.deleted = 0 AND m.id <> t.id AND t.id NOT IN (SELECT id FROM main.kpi_values) LIMIT ?",
        (limit,),
    )
    names = [d[0] for d in rows.description]
    return [dict(zip(names, row, strict=True)) for row in rows]


def apply_matches(conn: sqlite3.Connection, matches: list[Match]) -> None:
    """Rewrite the received copy for the accepted matches, then match its KPI values by their natural key."""
    for table in ("measures", "parties", "areas"):
        rewrite_ids(conn, table, [(m.theirs_id, m.mine_id) for m in matches if m.table == table and m.accepted])
    pairs = _value_pairs(conn)
    rewrite_ids(conn, "kpi_values", pairs)
    matches += [Match("kpi_values", str(t), str(m), "Kennzahlwert", optional=False) for t, m in pairs]
