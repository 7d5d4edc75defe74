"""The schema allow-list: a data file may hold exactly the tables, indexes, triggers and views our migrations make.

A file from elsewhere could carry a trigger that runs on our own writes (``AFTER INSERT ON audit_log BEGIN DELETE
FROM kpi_values; … END``) or a view in place of a table that never ends. Every file is compared with the schema the
migrations create for its version (applied to an in-memory database once per process): type, name, table and SQL
text of every object in ``sqlite_master``. Extra objects make the file read-only (nothing of ours then fires their
triggers); a missing or altered table, index or trigger of ours makes it unusable.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import time
from dataclasses import dataclass

from zv_desktop.core.store.migrations import apply_migrations

_TYPE_NAMES = {"table": "Tabelle", "index": "Index", "trigger": "Trigger", "view": "Sicht"}
#: Objects SQLite makes by itself (ANALYZE statistics); harmless data for the query planner.
_SQLITE_OWN = re.compile(r"^sqlite_stat\d$")


@dataclass(frozen=True)
class SchemaReport:
    """What a file holds beyond or instead of our schema, as German descriptions."""

    foreign: list[str]  # objects the migrations did not create
    missing: list[str]  # objects of ours that are gone or were changed

    @property
    def ok(self) -> bool:
        """True if the file holds exactly our schema."""
        return not self.foreign and not self.missing

    def describe(self) -> str:
        """One German sentence part: "fremde Objekte: Trigger „zz“ (auf audit_log); verändert: …"."""
        parts = []
        if self.foreign:
            parts.append("fremde Objekte: " + ", ".join(self.foreign))
        if self.missing:
            parts.append("fehlend oder verändert: " + ", ".join(self.missing))
        return "; ".join(parts)


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(kind, name): (table, _normal(sql)) for kind, name, table, sql in rows}


@functools.cache
def expected_schema(version: int) -> dict[tuple[str, str], tuple[str, str]]:
    """The objects the migrations 1 … ``version`` create: (type, name) → (table, normalised SQL)."""
    conn = sqlite3.connect(":memory:")
    try:
        apply_migrations(conn, 0, target=version)
        return _objects(conn)
    finally:
        conn.close()


def _label(kind: str, name: str, table: str) -> str:
    text = f"{_TYPE_NAMES.get(kind, kind)} „{name}“"
    return text + (f" (auf {table})" if kind in ("trigger", "index") and table != name else "")


def check_schema(conn: sqlite3.Connection, version: int) -> SchemaReport:
    """Compare a file's objects with those our migrations create for ``version``."""
    expected = expected_schema(version)
    found = _objects(conn)
    foreign = [
        _label(kind, name, table)
        for (kind, name), (table, sql) in sorted(found.items())
        if (kind, name) not in expected and not _SQLITE_OWN.match(name)
    ]
    shadowed = {name for (kind, name), (_, sql) in expected.items() if sql.startswith("CREATE VIRTUAL")}
    missing = [
        _label(kind, name, table)
        for (kind, name), (table, sql) in sorted(expected.items())
        if found.get((kind, name)) != (table, sql) and not _shadow_table_present(kind, name, found, shadowed)
    ]
    return SchemaReport(foreign, missing)


def _shadow_table_present(
    kind: str, name: str, found: dict[tuple[str, str], tuple[str, str]], virtual_tables: set[str]
) -> bool:
    """A table FTS5 made for one of our virtual tables (``search_index_data`` …) is judged by its name only.

    SQLite writes its SQL itself and may word it differently in another version; no SQL of it ever runs.
    """
    return kind == "table" and (kind, name) in found and any(name.startswith(f"{v}_") for v in virtual_tables)


#: The longest one statement may run before it is stopped (seconds): a second guard against a file whose queries
#: never end (the allow-list is the first).
STATEMENT_LIMIT_SECONDS = 60.0


class StatementGuard:
    """Stops a statement that runs longer than ``limit`` seconds (SQLite then raises "interrupted")."""

    def __init__(self, limit: float = STATEMENT_LIMIT_SECONDS) -> None:
        self.limit = limit
        self.started = time.monotonic()

    def install(self, conn: sqlite3.Connection) -> None:
        """Watch every statement of ``conn``."""
        conn.set_trace_callback(self._statement)
        conn.set_progress_handler(self._check, 50_000)

    def _statement(self, _sql: str) -> None:
        self.started = time.monotonic()

    def _check(self) -> int:
        return 1 if time.monotonic() - self.started > self.limit else 0
