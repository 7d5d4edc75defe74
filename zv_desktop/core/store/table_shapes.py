"""The shape of the data file's tables (columns, references) and bulk inserts, through sqlite-utils.

The exchange reads the record tables' shapes from the file itself rather than from a list kept by hand, so a column
added by a migration travels without a change here. sqlite-utils looks only at the ``main`` schema; the exchange
attaches the other office's file at the same schema version (the gate brings it there), so main's shape is theirs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database


def view(conn: sqlite3.Connection) -> Database:
    """A sqlite-utils view of ``conn`` that changes nothing on the connection (no pragma, no plugin hook)."""
    return Database(conn, recursive_triggers=False, execute_plugins=False)


def column_names(conn: sqlite3.Connection, table: str, leave_out: Iterable[str] = ()) -> list[str]:
    """The columns of ``table`` in their order, without those named in ``leave_out``."""
    skipped = set(leave_out)
    return [c.name for c in view(conn).table(table).columns if c.name not in skipped]


def references(conn: sqlite3.Connection, tables: Iterable[str]) -> list[tuple[str, str, str]]:
    """(child table, column, parent table) of every foreign key of ``tables``, in the tables' order."""
    db = view(conn)
    found = []
    for table in tables:
        for fk in sorted(db.table(table).foreign_keys, key=lambda f: str(f.column)):
            found.append((table, str(fk.column), fk.other_table))
    return found


def insert_rows(conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``names``) into an existing table, many rows per statement.

    Nothing is created or altered: a row that does not fit the table fails with SQLite's error, inside the caller's
    transaction.
    """
    target = view(conn).table(table)
    if not target.exists():
        raise sqlite3.OperationalError(f"no such table: {table}")
    records: list[Sequence[Any]] = [list(names), *rows]
    if len(records) > 1:
        target.insert_all(records, alter=False)
